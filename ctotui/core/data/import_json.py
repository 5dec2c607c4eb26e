"""Bringing a complete export back: ``ctotui import FILE``.

The whole file is read and checked before anything is written: it must be
UTF-8 JSON in the export's format and version; every schema step it names
must be known to this ctotui (else it comes from a newer one); every table
and column must be one those steps create, with every column present and a
value of the column's type (and, for the columns the app reads as dates,
times, JSON or a known slug, a value it can read). Only then is it merged
into the database in one transaction (core/data/import_merge.py, whose
``import_json`` does both): either all of it is there afterwards or none of
it. An error names the table and the row. A setting that belongs to the
machine that exported (its sync folder, its theme: core/settings.py) is checked,
then skipped, and the report names it.
"""

from __future__ import annotations

import json
import re
import sqlite3
import sys
from array import array
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import count, repeat
from operator import ne
from pathlib import Path
from typing import TYPE_CHECKING, Any

import ijson
from sqlite_utils import Database

from ctotui.core import migrations
from ctotui.core.data.export_json import FORMAT, METRIC_PARSER, SETTINGS, VERSION
from ctotui.core.data.import_metrics import metrics_as_today
from ctotui.core.data.import_stream import (
    SURROGATE_ESCAPE,
    TABLES,
    Bounded,
    Staging,
    events,
    open_bounded,
    scan,
    utf8_problem,
    walk,
    walk_data,
)
from ctotui.core.data.import_values import RowCheck, row_label
from ctotui.core.data.tables import Link, TableInfo, describe
from ctotui.core.errors import CtoError
from ctotui.core.journal.metric_version import PARSER_VERSION
from ctotui.core.migrations import known_steps
from ctotui.core.row_rules import COPIES, Copy
from ctotui.core.settings import is_local_setting

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

MAX_IMPORT_BYTES = 512 * 1024 * 1024  # an import file's size limit (README): ~5x a 150k-entry export
TOP_KEYS = {"format", "version", "schema", "tables", METRIC_PARSER}
# A file ijson refuses is read again whole by Python's json module, up to this size, to name
# the line and column (or, when json reads it, the row: yajl refuses integers beyond 64 bits).
DIAGNOSE_BYTES = 64 * 1024 * 1024
CHECK_BATCH = 1000  # rows of a table checked at once (RowCheck.check_many)
# The first line of jrnl's plain-text journal: "[2024-05-01 09:00] Title" (jrnl's default timeformat)
JRNL_JOURNAL = re.compile(r"\s*\[\d{4}-\d{2}-\d{2} \d{1,2}:\d{2}(:\d{2})?( ?[AaPp][Mm])?\] ")


@dataclass
class Export:
    """A checked export file, ready to merge; its rows wait in ``staging``."""

    source: str
    steps: tuple[str, ...]
    tables: dict[str, TableInfo]  # the tables as the file's schema steps make them
    staging: Staging
    counts: dict[str, int] = field(default_factory=dict)  # table -> rows in the file
    max_ids: dict[str, int] = field(default_factory=dict)  # table -> its highest id in the file
    dangling: dict[str, set[int]] = field(default_factory=dict)  # table -> ids linked to but not in the file
    copies_differ: bool = False  # a copy of a parent's value (a tag's date) differs from it in the file
    local: list[str] = field(default_factory=list)  # keys of the settings skipped: the exporting machine's
    ids: dict[str, set[int]] = field(default_factory=dict)  # table -> the ids of its rows in the staging

    def rows(self, name: str) -> Iterator[dict[str, Any]]:
        """One table's rows, checked, in file order."""
        return self.staging.rows(self.tables[name])

    def close(self) -> None:
        self.staging.close()


class _BadConstant(ValueError):
    pass


def _no_constant(name: str) -> None:
    raise _BadConstant(f"{name} is not a number JSON allows")


def read_bounded(path: Path, source: str, limit: int = MAX_IMPORT_BYTES) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes; refuses anything else
    at once (a FIFO, a device such as /dev/zero, a folder) without reading or waiting."""
    with open_bounded(path, source, limit) as fh:
        return Bounded(fh, source, limit).read()


def load_json(path: Path, source: str) -> tuple[Any, bool]:
    """The file's JSON, or one plain line saying why it cannot be read; and
    whether it has escapes that may hide a lone surrogate (text SQLite refuses).
    Reads the file whole: for jrnl files, and to name the line of a JSON error."""
    raw = read_bounded(path, source)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CtoError(f"{source}: not UTF-8 text (byte {exc.start:,} is not valid UTF-8)") from None
    try:
        return json.loads(text.removeprefix("\ufeff"), parse_constant=_no_constant), bool(SURROGATE_ESCAPE.search(text))
    except json.JSONDecodeError as exc:
        if JRNL_JOURNAL.match(text.removeprefix("\ufeff")):
            raise CtoError(
                f"{source}: jrnl's plain-text journal, not an export; run "
                "`jrnl --export json > jrnl.json` and import that with --format jrnl"
            ) from None
        raise CtoError(f"{source}: not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})") from None
    except RecursionError:
        raise CtoError(f"{source}: nested too deeply to be an export") from None
    except ValueError as exc:  # NaN / Infinity, or an integer of thousands of digits
        raise CtoError(f"{source}: not valid JSON ({str(exc).split(';')[0]})") from None


def read_export(
    path: str | Path,
    *,
    whole_below: int = DIAGNOSE_BYTES,
    conn: sqlite3.Connection | None = None,
    source: str | None = None,
) -> Export:
    """Read and check a complete export, a row at a time; raises CtoError naming the
    first problem. The caller closes the export (its staged rows) when done.
    ``whole_below``: a file ijson refuses is read whole by json up to this size.
    ``conn``: the connection the merge will write with; the checked rows wait in a
    temporary database attached to it (import_stream.Staging), outside any transaction.
    ``source``: the name errors give the file (default: its path)."""
    path = Path(path)
    source = str(path) if source is None else source
    size, careful = scan(path, source, MAX_IMPORT_BYTES)
    reading = _Reading(source, careful, whole_below, conn)
    try:
        return reading.run(path, size)
    except sqlite3.Error as exc:  # the staging file (in the temporary folder): e.g. a full disk
        reading.staging.close()
        raise CtoError(
            f"{source}: cannot keep the checked rows in a temporary file ({exc}); nothing was imported"
        ) from None
    except BaseException:
        reading.staging.close()
        raise


class _Reading:
    """One pass over the file: the top-level keys, and each row checked and staged.

    A problem with a row is kept, not raised at once: the rest of the file is still
    parsed, so that a file that is not JSON, or not an export of this ctotui, says
    so first, as when the file was read whole (the version comes after the rows).
    """

    def __init__(self, source: str, careful: bool, whole_below: int, conn: sqlite3.Connection | None) -> None:
        self.source, self.careful, self.whole_below, self.conn = source, careful, whole_below, conn
        self.staging = Staging(conn)
        self._reset()

    def _reset(self) -> None:
        self.top: dict[str, Any] = {}
        self.whole: list[Any] = []  # the file's value, when it is not an object
        self.steps: tuple[str, ...] | None = None  # known once "tables" starts after a good header
        self.tables: dict[str, TableInfo] = {}
        self.error: CtoError | None = None  # the first problem with a row or a table
        self.check: RowCheck | None = None
        self.rows: list[Any] = []  # the current table's rows waiting to be checked, many at once
        self.ids: dict[str, set[int]] = {}
        self.max_ids: dict[str, int] = {}
        # (table, link) -> row numbers, ids and link targets, checked once every id is known
        self.pending: dict[tuple[str, Link], tuple[array[int], array[int], list[int]]] = {}
        self.copies = _CopyWatch()
        self.local: list[str] = []  # keys of the settings that belong to the machine that exported

    def run(self, path: Path, size: int) -> Export:
        where: list[Any] = []
        try:
            with open_bounded(path, self.source, MAX_IMPORT_BYTES) as fh:
                if fh.read(3) != b"\xef\xbb\xbf":  # a byte order mark, as json.loads allowed
                    fh.seek(0)
                for item in walk(events(Bounded(fh, self.source, MAX_IMPORT_BYTES), self.careful), where):
                    self._take(item)
        except CtoError:
            raise
        except (ijson.JSONError, ValueError) as exc:  # yajl refuses it (ValueError: an integer too long)
            self._unreadable(path, size, exc, where)
        steps = self._header()
        if self.steps is None:  # "tables" came before a good header: check the rows now
            self.steps = steps
            self._again(path)
        if self.error is not None:
            raise self.error
        export = Export(self.source, steps, self.tables, self.staging, self.staging.counts, self.max_ids)
        export.copies_differ = self.copies.differ()
        export.local = self.local
        export.ids = self.ids
        self._check_links(export)
        return export

    def _again(self, path: Path) -> None:
        steps = self.steps
        self.staging.close()
        self.staging = Staging(self.conn)
        self._reset()
        self.steps = steps
        self.tables = schema_for(steps)
        with open_bounded(path, self.source, MAX_IMPORT_BYTES) as fh:
            if fh.read(3) != b"\xef\xbb\xbf":
                fh.seek(0)
            for item in walk(events(Bounded(fh, self.source, MAX_IMPORT_BYTES), self.careful), []):
                if item[:2] != ("top", TABLES):
                    self._take(item)

    def _unreadable(self, path: Path, size: int, exc: Exception, where: list[Any]) -> None:
        """yajl refused the file: first, where it stops being UTF-8, if it does; else read it
        whole to say why in Python's words, as before streaming (and to read what only yajl
        refuses); too big for that, say where."""
        not_utf8 = utf8_problem(path, self.source, MAX_IMPORT_BYTES)
        if not_utf8 is not None:
            raise not_utf8
        if size > self.whole_below:
            place = f"{where[0]} row {where[1]}: " if where else ""
            reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise CtoError(f"{self.source}: not valid JSON ({place}{reason})") from None
        data, self.careful = load_json(path, self.source)
        self.staging.close()
        self.staging = Staging(self.conn)
        self._reset()
        for item in walk_data(data):
            self._take(item)

    def _fail(self, error: CtoError) -> None:
        if self.error is None:
            self.error = error
        self.check = None

    def _take(self, item: tuple[Any, ...]) -> None:
        kind = item[0]
        if kind == "row":
            if self.check is not None:
                self._row(item[1])
        elif kind == "table":
            self._table(item[1])
        elif kind == "end":
            self._check_rows()
            self.staging.flush()
            self.check = None
        elif kind == "top":
            self.top[item[1]] = item[2]
            if item[1] == TABLES and self.steps is None:
                self._begin_tables()
        elif kind == "rows":
            if self.tables and self.error is None:
                name = item[1]
                if name not in self.tables:
                    self._fail(self._unknown(name))
                else:
                    self._fail(CtoError(f"{self.source}: tables.{name} must be a list of rows"))
        else:  # "value": the file is not an object
            self.whole.append(item[1])

    def _unknown(self, name: str) -> CtoError:
        return CtoError(f"{self.source}: unknown table {name!r} (not made by the schema steps the file names)")

    def _begin_tables(self) -> None:
        """The header so far (the version comes last in an export) says how to check the rows."""
        try:
            self.steps = _check_top({"version": VERSION, **self.top}, self.source)
        except CtoError:
            return  # rows go unchecked now; the whole header is checked at the end
        self.tables = schema_for(self.steps)

    def _header(self) -> tuple[str, ...]:
        return _check_top(self.whole[0] if self.whole else self.top, self.source)

    def _table(self, name: str) -> None:
        self._check_rows()
        self.check = None
        if not self.tables or self.error is not None:
            return
        if name not in self.tables:
            self._fail(self._unknown(name))
            return
        table = self.tables[name]
        self.check = RowCheck(self.source, table, self.careful)
        self.index = 0
        self.staging.start(table)  # a name twice in the file: the last one counts, as json.loads did
        self.ids[name], self.max_ids[name] = set(), 0
        for link in table.links:
            self.pending[(name, link)] = (array("q"), array("q"), [])
        names = table.names
        self.links = [(names.index(link.column), link.prefix, *self.pending[(name, link)]) for link in table.links]
        self.id_at = names.index(table.id_column) if table.id_column else None

    def _row(self, row: Any) -> None:
        if self.check is None:  # pragma: no cover - walk() yields a table's rows only after the table
            return
        self.rows.append(row)
        if len(self.rows) >= CHECK_BATCH:
            self._check_rows()

    def _check_rows(self) -> None:
        """Check the rows waiting (RowCheck.check_many), note their ids and links, stage them."""
        check, rows = self.check, self.rows
        self.rows = []
        if check is None or not rows:
            return
        first = self.index + 1
        self.index += len(rows)
        try:
            columns = check.check_many(first, rows)
            if self.top.get(METRIC_PARSER) != PARSER_VERSION:  # numbers an older (or other) parser read
                columns = metrics_as_today(self.source, check.table, first, columns)
        except CtoError as exc:
            self._fail(exc)
            return
        name = check.table.name
        columns = self._without_local(check.table, columns)
        if not columns or not columns[0]:
            return
        row_ids: Sequence[int] | None = None
        if self.id_at is not None:
            row_ids = columns[self.id_at]
            self.ids[name].update(row_ids)
            self.max_ids[name] = max(self.max_ids[name], max(row_ids))
        for at, prefix, numbers, ids, targets in self.links:
            column = columns[at]
            if not prefix and set(map(type, column)) == {int}:  # every row links (the common case)
                numbers.extend(range(first, first + len(rows)))
                ids.extend(row_ids if row_ids is not None else repeat(0, len(rows)))
                targets.extend(column)
                continue
            for index, row_id, value in zip(count(first), row_ids or repeat(0), column):
                target = link_id(value, prefix)
                if target is not None:
                    numbers.append(index)
                    ids.append(row_id)
                    targets.append(target)
        self.copies.note(check.table, columns)
        self.staging.add_many(columns, len(columns[0]))

    def _without_local(self, table: TableInfo, columns: list[Sequence[Any]]) -> list[Sequence[Any]]:
        """The checked rows but the settings that belong to the machine that exported (the sync
        folder, the theme: export_json.machine_local), whose keys are noted for the report."""
        if table.name != SETTINGS or "key" not in table.names:
            return columns
        keys = columns[table.names.index("key")]
        local = [is_local_setting(key) for key in keys]
        if not any(local):
            return columns
        self.local.extend(key for key, mine in zip(keys, local, strict=True) if mine)
        return [[value for value, mine in zip(column, local, strict=True) if not mine] for column in columns]

    def _check_links(self, export: Export) -> None:
        """Every foreign key points at a row of the file; note the ids that loose links point at."""
        for (name, link), (rows, ids, targets) in self.pending.items():
            known = self.ids.get(link.table, set())
            id_column = self.tables[name].id_column
            for index, row_id, target in zip(rows, ids, targets, strict=True):
                if target in known:
                    continue
                if link.declared:
                    where = row_label(name, index, {id_column: row_id} if id_column else None, id_column)
                    raise CtoError(
                        f"{self.source}: {where}: {link.column} {target} refers to a row of "
                        f"{link.table} that is not in the file"
                    )
                export.dangling.setdefault(link.table, set()).add(target)


class _CopyWatch:
    """Whether the file holds a copy of a parent's value (row_rules.COPIES: a tag's date) that
    differs from it, noted as the rows go by, parents before or after their children: the merge
    mends copies only then (an UPDATE over every tag and skill costs ~0.3 s at 100,000 entries;
    this, ~0.05 s). A file whose copies agree needs nothing mended: a part of a row kept as it
    is here is left out, and a row already here has the file's date."""

    def __init__(self) -> None:
        self.parents: dict[Copy, dict[Any, Any]] = {c: {} for c in COPIES}  # parent id -> its value
        self.children: dict[Copy, dict[Any, Any]] = {c: {} for c in COPIES}  # parent id -> its children's copy
        self.split = False  # two children of one parent hold different copies

    def note(self, table: TableInfo, columns: Sequence[Sequence[Any]]) -> None:
        names = table.names
        for c in COPIES:
            if c.table == table.name and c.link in names and c.column in names:
                seen = self.children[c]
                copied = map(sys.intern, columns[names.index(c.column)])  # a few hundred dates, once each
                for parent, value in zip(columns[names.index(c.link)], copied, strict=True):
                    if seen.setdefault(parent, value) != value:
                        self.split = True
            elif c.parent == table.name and table.id_column in names and c.source in names:
                values = map(sys.intern, columns[names.index(c.source)])
                self.parents[c].update(zip(columns[names.index(table.id_column)], values, strict=True))

    def differ(self) -> bool:
        return self.split or any(
            any(map(ne, map(self.parents[c].get, self.children[c]), self.children[c].values())) for c in COPIES
        )


def _check_top(data: Any, source: str) -> tuple[str, ...]:
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        if isinstance(data, dict) and isinstance(data.get("entries"), list) and "format" not in data:
            raise CtoError(f"{source}: looks like a jrnl export; use --format jrnl")
        raise CtoError(f'{source}: not a ctotui export (no "format": "{FORMAT}" at the top)')
    version = data.get("version")
    if isinstance(version, bool) or not isinstance(version, int):
        raise CtoError(f"{source}: the export has no format version")
    if version > VERSION:
        raise CtoError(f"{source}: from a newer ctotui (format version {version}); upgrade ctotui to import it")
    if version < 1:
        raise CtoError(f"{source}: unknown format version {version}")
    extra = sorted(set(data) - TOP_KEYS)
    if extra:
        raise CtoError(f"{source}: unknown key {extra[0]!r} at the top of the export")
    parser = data.get(METRIC_PARSER)
    if parser is not None and (isinstance(parser, bool) or not isinstance(parser, int)):
        raise CtoError(f'{source}: "{METRIC_PARSER}" must be a whole number (the metric parser\'s version)')
    steps = data.get("schema")
    if not isinstance(steps, list) or not all(isinstance(s, str) for s in steps):
        raise CtoError(f'{source}: "schema" must be the list of schema steps')

    unknown = [s for s in steps if s not in known_steps()]
    if unknown:
        raise CtoError(
            f"{source}: from a newer ctotui (schema step {unknown[0]} is unknown to this version); "
            "upgrade ctotui to import it"
        )
    if not isinstance(data.get("tables"), dict):
        raise CtoError(f'{source}: "tables" must be an object of tables')
    return tuple(steps)


@lru_cache(maxsize=8)
def schema_for(steps: tuple[str, ...]) -> dict[str, TableInfo]:
    """The tables exactly as these schema steps make them (built in memory)."""
    scratch = Database(memory=True)
    try:
        for fn in migrations.active_steps():
            if fn.__name__ in steps:
                fn(scratch)
        return describe(scratch)
    finally:
        scratch.close()


def link_id(value: Any, prefix: str) -> int | None:
    """The id a link column holds: the value itself, or the number after a key's prefix."""
    if prefix:
        rest = value[len(prefix) :] if isinstance(value, str) and value.startswith(prefix) else ""
        return int(rest) if rest.isascii() and rest.isdigit() else None
    return value if isinstance(value, int) and not isinstance(value, bool) else None
