"""Saving what can still be read from a damaged database: ``ctotui export --salvage``.

The output is the complete export's format (export_json.py), so ``ctotui
import`` reads it into a new database; from a sound database it holds the
same rows as the export. Each table is read in primary-key order; when SQLite
stops at a damaged page, the table is read again in storage order up to the
damage, and the rest is looked up one value at a time: by row id, or, in a
WITHOUT ROWID table (tags, skills, links...), by the first column of its
primary key (an achievement's id, say). A lookup walks down from the table's
root, so rows in undamaged pages are still found. Lookups go up to the largest
value the table says it has, or a fixed number past the last row found. The
report says, per table, how many rows were saved and whether some could not be
read.

A row whose foreign key names a row that could not be saved is left out (or, where SQLite
itself would set that key to null, kept with it null: salvage_links.py), so that the file
always imports; the report says how many rows and why.
"""

from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, TextIO

from ctotui.core.data.export_json import VERSION, _value, header, machine_local
from ctotui.core.data.import_json import schema_for
from ctotui.core.data.import_values import RowCheck
from ctotui.core.data.salvage_links import SavedTable, checked_links, keep_linked, set_null_columns
from ctotui.core.data.tables import TableInfo, describe, quote
from ctotui.core.errors import CtoError
from ctotui.core.migrations import known_steps
from ctotui.core.plural import plural

if TYPE_CHECKING:
    from sqlite_utils import Database

PROBE_PAST = 10_000  # ids looked up past the last row found when the table's largest id cannot be read


@dataclass(frozen=True)
class TableSalvage:
    table: str
    rows: int
    damaged: bool  # some rows could not be read
    error: str = ""
    left_out: tuple[tuple[str, int], ...] = ()  # (the table a row pointed at, rows) left out: that row was lost
    unlinked: tuple[tuple[str, str, int], ...] = ()  # (column, its table, rows) kept with that column null

    def lost_links(self) -> list[str]:
        """What was left out or unlinked because a row it names was lost, in words."""
        words = [
            f"{plural(n, f'{self.table} row', thousands=True)} left out: the {parent} row "
            f"{'it refers' if n == 1 else 'they refer'} to was lost"
            for parent, n in self.left_out
        ]
        words += [
            f"{plural(n, f'{self.table} row', thousands=True)} kept with {column} empty: the {parent} row "
            f"{'it names' if n == 1 else 'they name'} was lost"
            for column, parent, n in self.unlinked
        ]
        return words


@dataclass(frozen=True)
class SalvageReport:
    tables: tuple[TableSalvage, ...]
    note: str = ""  # what else could not be read, said after the tables

    @property
    def rows(self) -> int:
        return sum(t.rows for t in self.tables)

    @property
    def damaged(self) -> tuple[TableSalvage, ...]:
        return tuple(t for t in self.tables if t.damaged)

    def summary(self) -> str:
        """One line: what was saved and what could not be read."""
        line = f"saved {plural(self.rows, 'row', thousands=True)} from {plural(len(self.tables), 'table')}"
        if not self.rows and self.damaged:
            line = f"nothing could be read: {line}"
        notes = [note for t in self.tables for note in t.lost_links()] + ([self.note] if self.note else [])
        note = "".join(f"; {n}" for n in notes)
        if self.damaged:
            lost = ", ".join(
                f"{t.table} ({t.rows:,} saved, some unreadable)" if t.rows else f"{t.table} (none readable)"
                for t in self.damaged
            )
            return f"{line}; could not read all of: {lost}{note}"
        return f"{line}; every row could be read{note}"


def _readable(table: TableInfo, row: dict[str, Any], check: RowCheck) -> bool:
    """A row the app and an import can read: no null where the table wants a value, and every
    value by the rules every stored row follows (a damaged page can yield id 0 or a null date),
    as the import checks a row (``check``, import_values.py): a byte written over in a listed
    value ("\x01ercent" for "percent") made a salvage file that ``ctotui import`` refused whole."""
    if any(c.notnull and row.get(c.name) is None for c in table.columns):
        return False
    if any(isinstance(v, str) and "\x00" in v for v in row.values()):
        # no text the app stores holds a NUL (every way in drops control characters): this is a
        # page cut short or written over (a truncated file's overflow reads as zeros), not the user's
        return False
    try:
        check.check(0, dict(row))  # a copy: the check cleans the values it is given
    except CtoError:
        return False
    return True


def _row(names: tuple[str, ...], values: tuple[Any, ...]) -> dict[str, Any]:
    return {n: _value(v) for n, v in zip(names, values, strict=True)}


def _order(value: Any) -> tuple[int, Any]:
    """SQLite's order of values: null, numbers, text (by code point, as its BINARY collation), blobs."""
    if value is None:
        return (0, 0)
    if isinstance(value, int | float):
        return (1, value)
    if isinstance(value, str):
        return (2, value)
    return (3, json.dumps(value))


def _parser_version(db: Database) -> int | None:
    """The metric parser's version whose answers the file's parsed numbers are (SQLite's
    user_version: core/journal/metric_store.py), or None when it cannot be read or none is kept."""
    try:
        (version,) = db.execute("pragma user_version").fetchone()
    except sqlite3.DatabaseError:
        return None
    return version if isinstance(version, int) and version > 0 else None


def salvage_rows(db: Database, table: TableInfo) -> tuple[list[dict[str, Any]], TableSalvage]:
    """The rows of ``table`` that can be read and follow the rules, in primary-key order.

    On a sound table this is one read of the table's own pages (``not indexed``: an index
    is not trusted), in the export's order, so it gives what the export gives."""
    cols = ", ".join(quote(n) for n in table.names)
    try:
        read = db.execute(f"select {cols} from {quote(table.name)} not indexed order by {table.order_by}").fetchall()
    except sqlite3.DatabaseError as exc:
        return _walk(db, table, str(exc))
    check = RowCheck(table.name, table, careful=False)  # text read from SQLite: no escapes to mind
    rows = [row for row in (_row(table.names, values) for values in read) if _readable(table, row, check)]
    if len(rows) == len(read):
        return rows, TableSalvage(table.name, len(rows), False)
    return rows, TableSalvage(table.name, len(rows), True, f"a row of {table.name} breaks its rules")


def _walk(db: Database, table: TableInfo, error: str) -> tuple[list[dict[str, Any]], TableSalvage]:
    """Read a table SQLite stopped in: in storage order up to the damage, then by lookups of
    each value of the step column (the rowid, or a WITHOUT ROWID table's first key column
    when it holds integers) from the last one read up to the largest."""
    names, name = table.names, quote(table.name)
    cols = ", ".join(quote(n) for n in names)
    step = quote(table.key[0]) if table.without_rowid and table.key else "rowid"
    order = table.order_by if table.without_rowid else "rowid"
    found: dict[tuple[Any, ...], dict[str, Any]] = {}
    # one check for the walk: a row met again by a lookup is refused as a repeat of the one kept
    check = RowCheck(table.name, table, careful=False)

    def read(sql: str, args: list[Any]) -> None:
        try:
            for values in db.execute(sql, args):
                row = _row(names, values[1:])
                if _readable(table, row, check):
                    found.setdefault((values[0], *(row[k] for k in table.key)), row)
        except sqlite3.DatabaseError:
            pass  # keep what came before the damage

    read(f"select {step}, {cols} from {name} order by {order}", [])
    if step == "rowid" or table.column(table.key[0]).type == "INTEGER":
        last = max((ident[0] for ident in found if isinstance(ident[0], int)), default=0)
        try:
            top = db.execute(f"select max({step}) from {name}").fetchone()[0] or last
        except sqlite3.DatabaseError:
            top = last + PROBE_PAST
        one = f"select {step}, {cols} from {name} where {step} = ? order by {order}"
        for value in range(last, min(top, last + 10 * PROBE_PAST) + 1):
            read(one, [value])
    rows = sorted(found.values(), key=lambda row: [_order(row[k]) for k in table.key])
    return rows, TableSalvage(table.name, len(rows), True, error)


def _tolerant(raw: bytes) -> str:
    """Text as SQLite holds it, bytes that are not UTF-8 shown as U+FFFD instead of refused."""
    return raw.decode("utf-8", "replace")


def write_salvage(db: Database, out: TextIO) -> SalvageReport:
    """Write every row that can be read, in the export's format, to ``out``."""
    db.conn.text_factory = _tolerant  # a name written over with bytes that are not text: read, then judged below
    try:
        tables = describe(db)
    except sqlite3.DatabaseError as exc:
        raise CtoError(f"the database's list of tables cannot be read ({exc}); nothing can be saved") from None
    finally:
        db.conn.text_factory = str
    steps, lost_steps = _schema_steps(db, tables)
    notes = [lost_steps] if lost_steps else []
    wanted = schema_for(tuple(steps))  # the tables as the import will check them
    renamed = sorted(n for n, t in tables.items() if n in wanted and set(t.names) != set(wanted[n].names))
    if renamed:  # rows under names the import does not know would make the whole file refused
        notes.append(f"the names of their columns were written over, so not read: {', '.join(renamed)}")
        tables = {n: t for n, t in tables.items() if n not in renamed}
    lost = sorted(set(wanted) - set(tables) - set(renamed))
    if lost:
        notes.append(f"not in what is left of its list of tables, so not read: {', '.join(lost)}")
    note = "; ".join(notes)
    saved: dict[str, SavedTable] = {}
    results = {}
    for name in sorted(tables):
        rows, results[name] = salvage_rows(db, tables[name])
        rows = [row for row in rows if not machine_local(name, row)]  # as the export: the sync folder stays here
        links = checked_links(wanted.get(name, tables[name]))
        saved[name] = SavedTable(tables[name], links, rows)
    keep_linked(saved, {name: set_null_columns(db, t) for name, t in tables.items()})
    out.write(header(steps, _parser_version(db)))
    for i, (name, table) in enumerate(saved.items()):
        texts = table.kept_texts()
        out.write(("," if i else "") + f"\n    {json.dumps(name, ensure_ascii=False)}: [")
        out.write(",".join(f"\n      {text}" for text in texts) + ("\n    ]" if texts else "]"))
        results[name] = replace(
            results[name],
            rows=len(texts),
            left_out=tuple(sorted(table.left_out.items())),
            unlinked=tuple((column, parent, n) for (column, parent), n in sorted(table.unlinked.items())),
        )
    out.write("\n  },\n")
    out.write(f'  "version": {VERSION}\n}}\n')
    return SalvageReport(tuple(results.values()), note)


STEP_NAME = re.compile(r"m[0-9]{3}_[a-z0-9_]+")  # how every schema step is named (migrations.py), a newer ctotui's too


def _schema_steps(db: Database, tables: dict[str, TableInfo]) -> tuple[list[str], str]:
    """The schema steps the file lists, as it lists them, and "" ; or, when that list cannot be read
    or holds what is no step's name (bytes written over a row of it: a NULL, a blob, a control
    character), the steps that make the tables found and a note that says so. The import refuses a
    file whose "schema" is not a list of names; an unknown name that is a step's name is kept, so a
    newer ctotui's file is still refused as newer, not read against steps it never had."""
    try:
        names = [name for (name,) in db.execute("select name from _sqlite_migrations order by rowid")]
    except sqlite3.DatabaseError:
        return steps_making(
            tables
        ), "its list of schema steps was lost: the steps that make the tables found were written"
    if names and all(isinstance(name, str) and STEP_NAME.fullmatch(name) for name in names):
        return names, ""
    return steps_making(tables), (
        "its list of schema steps was damaged: the steps that make the tables found were written"
    )


def steps_making(tables: dict[str, TableInfo]) -> list[str]:
    """The fewest of this version's schema steps, in order, that make every table of ``tables``
    with the same columns (what an import checks the rows against); all of them if none do."""
    steps = known_steps()
    for n in range(1, len(steps) + 1):
        made = schema_for(tuple(steps[:n]))
        if all(name in made and set(made[name].names) == set(t.names) for name, t in tables.items()):
            return steps[:n]
    return steps
