"""Checking a record from a log before it is taken in: the cleaning and the rules
every other way in (the forms, ``ctotui add``, an import) applies.

Text is cleaned of control characters, a title or a name squeezed and a profile field's value
made as the profile makes it (core/row_rules.py's ``as_stored``: a body keeps its lines and tabs). A record is refused, with its reason, when a value is one
the app could not read or does not know: a date that is no date, a time out of
range, an fsrs card fsrs cannot read (``row_rules.problem``), a category or skill
not in the lists (``row_rules.slug_problem``), a null where the table wants a
value, a list or an object where a column holds one value, text where it holds a
number, a number SQLite cannot hold (not finite, or an integer past 64 bits).
An achievement's tags are made as ``ctotui add`` makes them (``clean_tags``:
lower case, each once), or refused when one is too long. A refused record is
not taken into the field state at all, so every device refuses the same records
whatever order the logs come in, and the devices still end with the same rows.
It stays in its device's log.

Two rules depend on this machine's clock, not on the record: a clock time more than a day
ahead of it (hlc.py's ``MAX_AHEAD_MS``: believed, the record would carry every device's clock
with it, up to the end of the clock's format) and an achievement dated after tomorrow here (a
device in a time zone a day ahead wrote "tomorrow"). Refused for good, such a record left this
device apart from the others for ever, even once its clock had caught up. It is ``NotYet``: kept
aside and asked again at each sync (core/sync/run.py), taken in once its time has come.
Fields of tables (or fields) this version does not sync are left as they are:
they are kept in the state only, never written.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from ctotui.core.dbfile import INT_RANGE
from ctotui.core.errors import CtoError
from ctotui.core.journal.entries import clean_tags
from ctotui.core.row_rules import CHECKS, achievement_day_problem, as_stored, day_problem, problem, slug_problem
from ctotui.core.sync.hlc import Hlc, too_far_ahead
from ctotui.core.sync.log import Record
from ctotui.core.sync.spec import BY_NAME, Child

if TYPE_CHECKING:
    from sqlite_utils import Database


# Child lists the app makes in one form only: made so as ``ctotui add`` and the forms make them
# (an achievement's tags: cleaned, lower case, each once, sorted).
NORMAL: dict[str, Callable[[Iterable[Any]], tuple[Any, ...]]] = {"achievement_tags": clean_tags}


class Refused(ValueError):
    """Why a record is not taken in: '<column> <reason>'."""


class NotYet(Refused):
    """Not taken in yet, by this machine's clock (see the module's note): asked again later."""


class Admission:
    """Checks the records of one sync (the schema's NOT NULL columns read once per table)."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.notnull: dict[str, frozenset[str]] = {}
        self.numeric: dict[str, frozenset[str]] = {}  # columns declared INTEGER or REAL

    def admit(self, record: Record) -> Record:
        """The record with its text cleaned; Refused when it breaks a rule."""
        if too_far_ahead(Hlc.parse(record.hlc)):
            raise NotYet(f"its clock time {record.hlc} is more than a day ahead of this computer's clock")
        spec = BY_NAME.get(record.table)
        if record.fields is None or spec is None:
            return record
        fields = dict(record.fields)
        columns = {k: v for k, v in fields.items() if k in spec.fields}
        for name, value in columns.items():
            self._one_value(spec.name, name, value, name in spec.refs)
        as_stored(spec.name, columns)
        _follows_rules(spec.name, {k: v for k, v in columns.items() if k not in spec.refs})
        fields.update(columns)
        for child in spec.children:
            if child.name in fields:
                fields[child.name] = self._child_values(child, fields[child.name])
        return replace(record, fields=fields)

    def _one_value(self, table: str, name: str, value: Any, ref: bool) -> None:
        if value is None:
            if name in self._notnull(table):
                raise Refused(f"{name} must not be null")
        elif ref and not isinstance(value, str):
            raise Refused(f"{name} must be the global id of the row it refers to")
        elif isinstance(value, bool) or not isinstance(value, int | float | str):
            kind = "true or false" if isinstance(value, bool) else "a list" if isinstance(value, list) else "an object"
            raise Refused(f"{name} must be text or a number, not {kind}")
        elif isinstance(value, float) and not math.isfinite(value):
            raise Refused(f"{name} must be a finite number")
        elif isinstance(value, int) and not INT_RANGE[0] <= value <= INT_RANGE[1]:
            raise Refused(f"{name} is a number out of range (SQLite holds at most 19 digits)")
        elif isinstance(value, str) and not ref and name in self._numeric(table):
            raise Refused(f"{name} must be a number")

    def _child_values(self, child: Child, values: Any) -> list[Any]:
        if not isinstance(values, list):
            raise Refused(f"{child.name} must be a list")
        out = []
        for value in values:
            self._one_value(child.table, child.column, value, child.ref is not None)
            row = {child.column: value}
            as_stored(child.table, row)
            if child.ref is None:
                _follows_rules(child.table, row)
            out.append(row[child.column])
        normal = NORMAL.get(child.table)
        if normal is not None:
            if not all(isinstance(value, str) for value in out):
                raise Refused(f"{child.name} must be a list of text")
            try:
                return list(normal(out))
            except CtoError as exc:
                raise Refused(f"{child.name}: {exc}") from None
        return out

    def _notnull(self, table: str) -> frozenset[str]:
        if table not in self.notnull:
            self._read_columns(table)
        return self.notnull[table]

    def _numeric(self, table: str) -> frozenset[str]:
        if table not in self.numeric:
            self._read_columns(table)
        return self.numeric[table]

    def _read_columns(self, table: str) -> None:
        info = self.db.execute(f"pragma table_info({table})").fetchall()
        self.notnull[table] = frozenset(name for _cid, name, _type, notnull, *_ in info if notnull)
        self.numeric[table] = frozenset(name for _cid, name, kind, *_ in info if kind.upper() in ("INTEGER", "REAL"))


def _follows_rules(table: str, row: dict[str, Any]) -> None:
    bad = problem(table, row, None)
    if bad:
        name, reason = bad
        value = row.get(name)
        shown = f" ({value[:40]!r})" if isinstance(value, str) else ""
        said = f"{name} {reason}{shown}" if reason.startswith(("is ", "must ")) else f"{name}: {reason}{shown}"
        if CHECKS.get((table, name)) is achievement_day_problem and day_problem(value) is None:
            raise NotYet(said)  # a day in the calendar, only ahead of this machine's date
        raise Refused(said)
    for name, value in row.items():
        unknown = slug_problem(table, name, value)
        if unknown:
            raise Refused(f"{name} {unknown}")


def refusal(log_name: str, record: Record, reason: Refused) -> str:
    """The warning that names a refused record: where it is, which row, why."""
    if isinstance(reason, NotYet):
        return f"{log_name}: a record of {record.table} {record.gid} waits: {reason}; it is read again at each sync"
    return f"{log_name}: refused a record of {record.table} {record.gid}: {reason}"
