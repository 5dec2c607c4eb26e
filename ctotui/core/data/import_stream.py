"""Reading a complete export as a stream, one row at a time (``ctotui import``).

A 100,000-entry export is ~110 MB of JSON; read whole, it took ~600 MB of
memory. Here it is read three ways, none of which holds more than a row:

1. ``scan``: the bytes in 1 MiB chunks, to say whether it has escapes that may
   hide a lone surrogate (and, only once the parser has refused the file,
   ``utf8_problem``: where it stops being UTF-8);
2. ``walk``: the JSON parsed incrementally by ijson (its C backend, yajl2_c),
   turned into the top-level values and the rows of each table, in file order;
3. ``Staging``: the checked rows kept in a private temporary SQLite file (no
   name: SQLite deletes it on close), so that the merge can read each table
   in the order it needs (parents first) without parsing the file again.

yajl refuses a few things Python's json module reads (integers beyond 64
bits, floats beyond the double range) and reads a lone surrogate escape as
"?"; import_json.py handles both (see ``read_export`` there).
"""

from __future__ import annotations

import codecs
import os
import re
import sqlite3
import stat
from collections.abc import Iterator, Sequence
from contextlib import suppress
from itertools import chain
from typing import IO, Any

import ijson

from ctotui.core.data.tables import TableInfo
from ctotui.core.errors import CtoError

CHUNK = 1 << 20
BATCH = 2000  # rows handed to SQLite at a time while staging
SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
SURROGATE_ESCAPE_BYTES = re.compile(SURROGATE_ESCAPE.pattern.encode())
SCALARS = frozenset(("string", "number", "integer", "double", "boolean", "null"))
TABLES = "tables"
ATTACHED = "ctotui_import_staging"  # the staging's name on the database's connection


def open_bounded(path: os.PathLike[str] | str, source: str, limit: int) -> IO[bytes]:
    """A regular file of at most ``limit`` bytes, open for reading; refuses anything
    else at once (a FIFO, a device such as /dev/zero, a folder) without reading or waiting."""
    try:
        # O_NONBLOCK: opening a FIFO with no writer returns at once instead of waiting for ever
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise CtoError(f"{source}: cannot read the file ({exc.strerror or exc})") from None
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode) or info.st_size > limit:
        os.close(fd)
        if not stat.S_ISREG(info.st_mode):
            raise CtoError(f"{source}: not a regular file (a folder, device, pipe or socket); give an export file")
        raise CtoError(f"{source}: larger than the import limit ({info.st_size:,} bytes; at most {limit:,})")
    os.set_blocking(fd, True)
    return os.fdopen(fd, "rb")


class Bounded:
    """A file read no further than ``limit`` bytes, even if it grows meanwhile."""

    def __init__(self, fh: IO[bytes], source: str, limit: int) -> None:
        self.fh, self.source, self.left = fh, source, limit + 1
        self.limit = limit

    def read(self, size: int = -1) -> bytes:
        size = self.left if size < 0 else min(size, self.left)
        try:
            data = self.fh.read(size)
        except OSError as exc:
            raise CtoError(f"{self.source}: cannot read the file ({exc.strerror or exc})") from None
        self.left -= len(data)
        if self.left <= 0:
            raise CtoError(f"{self.source}: larger than the import limit (at most {self.limit:,} bytes)")
        return data


def scan(path: os.PathLike[str] | str, source: str, limit: int) -> tuple[int, bool]:
    """(size, careful): the file's size, and whether it has escapes that may hide a lone
    surrogate (text SQLite refuses), found in its bytes (the escape is ASCII: UTF-8 never
    makes those bytes inside another character). Whether it is UTF-8 is left to the parser,
    which refuses any other bytes; ``utf8_problem`` then names the first bad one."""
    careful = False
    seen = 0
    tail = b""
    with open_bounded(path, source, limit) as fh:
        reader = Bounded(fh, source, limit)
        while True:
            chunk = reader.read(CHUNK)
            if not careful and SURROGATE_ESCAPE_BYTES.search(tail + chunk):
                careful = True
            tail = chunk[-5:]
            seen += len(chunk)
            if not chunk:
                return seen, careful


def utf8_problem(path: os.PathLike[str] | str, source: str, limit: int) -> CtoError | None:
    """Where the file stops being UTF-8, as one plain line; None when it is UTF-8 throughout.
    (Decoding 110 MB takes ~0.13 s: done only once the parser has refused the file.)"""
    decoder = codecs.getincrementaldecoder("utf-8")()
    seen = 0
    with open_bounded(path, source, limit) as fh:
        reader = Bounded(fh, source, limit)
        while True:
            chunk = reader.read(CHUNK)
            pending = len(decoder.getstate()[0])
            try:
                decoder.decode(chunk, final=not chunk)
            except UnicodeDecodeError as exc:
                byte = seen - pending + exc.start
                return CtoError(f"{source}: not UTF-8 text (byte {byte:,} is not valid UTF-8)")
            seen += len(chunk)
            if not chunk:
                return None


def events(fh: IO[bytes] | Bounded, careful: bool) -> Iterator[tuple[str, Any]]:
    """ijson's events; the pure-Python backend when a lone surrogate may hide in
    the file (yajl reads one as "?": the check must see it to refuse it)."""
    backend = ijson.get_backend("python") if careful else ijson
    return iter(backend.basic_parse(fh, use_float=True))


def _build(event: str, value: Any, stream: Iterator[tuple[str, Any]]) -> Any:
    """A whole value whose first event is (event, value)."""
    if event in SCALARS:
        return value
    builder = ijson.ObjectBuilder()
    builder.event(event, value)
    depth = 1
    for event, value in stream:
        builder.event(event, value)
        if event in ("start_map", "start_array"):
            depth += 1
        elif event in ("end_map", "end_array"):
            depth -= 1
            if depth == 0:
                break
    return builder.value


def walk(stream: Iterator[tuple[str, Any]], where: list[Any]) -> Iterator[tuple[Any, ...]]:
    """The file as a sequence of
    ("top", key, value): a top-level key (for "tables" as an object, the value is ``{}``);
    ("value", value): the whole file, when it is not an object;
    ("table", name) ... ("row", value) ... ("end", name): a table's rows;
    ("rows", name, value): a table whose value is not a list.
    ``where`` is kept as [table, row number] for an error that ijson raises mid-row."""
    event, value = next(stream, ("end_of_file", None))
    if event != "start_map":
        yield ("value", _build(event, value, stream))
        for _ in stream:  # the rest must still parse (trailing garbage is an error)
            pass
        return
    for event, key in stream:
        if event == "end_map":
            break
        event, value = next(stream)
        if key != TABLES or event != "start_map":
            yield ("top", key, _build(event, value, stream))
            continue
        yield ("top", key, {})
        yield from _tables(stream, where)
    for _ in stream:
        pass


def _tables(stream: Iterator[tuple[str, Any]], where: list[Any]) -> Iterator[tuple[Any, ...]]:
    for event, name in stream:
        if event == "end_map":
            return
        event, value = next(stream)
        if event != "start_array":
            yield ("rows", name, _build(event, value, stream))
            continue
        where[:] = [name, 0]
        yield ("table", name)
        for event, value in stream:
            if event == "end_array":
                break
            where[1] += 1
            if event != "start_map":
                yield ("row", _build(event, value, stream))
                continue
            row = {}
            for event, column in stream:
                if event == "end_map":
                    break
                event, value = next(stream)
                row[column] = value if event in SCALARS else _build(event, value, stream)
            yield ("row", row)
        where[:] = []
        yield ("end", name)


class Staging:
    """Checked rows, table by table, in a private temporary SQLite database (no name: SQLite
    deletes its file when it is closed).

    With ``conn``, the connection the merge will write with, the database is attached to it,
    so that the merge adds a table's rows with one statement (``source``), not through
    Python; else it gets a connection of its own. Statements go through sqlite3's own
    ``Connection`` methods: a failure here is about the temporary file, and read_export
    says so in SQLite's words."""

    def __init__(self, conn: sqlite3.Connection | None = None) -> None:
        self.attached = conn is not None
        self.conn = conn if conn is not None else sqlite3.connect("", isolation_level=None)
        self.schema = ATTACHED if self.attached else "main"
        if self.attached:
            self._run(f"attach database '' as {ATTACHED}")
        self._run(f"pragma {self.schema}.journal_mode = off")
        self._run(f"pragma {self.schema}.synchronous = off")
        self.slots: dict[str, str] = {}
        self.counts: dict[str, int] = {}
        self.batch: list[Sequence[Sequence[Any]]] = []  # rows waiting, column by column
        self.pending = 0  # how many
        self.current: str | None = None
        self.closed = False

    def _run(self, sql: str) -> sqlite3.Cursor:
        return sqlite3.Connection.execute(self.conn, sql)

    def start(self, table: TableInfo) -> None:
        """Begin (or begin again: a name twice in the file, the last one counts) a table."""
        self.flush()
        slot = self.slots.setdefault(table.name, f"{self.schema}.s{len(self.slots)}")
        columns = ", ".join(f"c{i}" for i in range(len(table.columns)))
        self._run(f"drop table if exists {slot}")
        self._run(f"create table {slot} ({columns})")  # untyped: values stay as they are
        self.counts[table.name] = 0
        self.current = table.name
        self.insert = f"insert into {slot} values ({', '.join('?' * len(table.columns))})"

    def add_many(self, columns: Sequence[Sequence[Any]], count: int) -> None:
        """Rows given column by column (each column's values in the rows' order)."""
        self.batch.append(columns)
        self.pending += count
        if self.pending >= BATCH:
            self.flush()

    def flush(self) -> None:
        if self.batch and self.current is not None:
            rows = chain.from_iterable(zip(*columns, strict=True) for columns in self.batch)
            self._run("begin")  # one transaction a batch (no journal: there is nothing to undo)
            sqlite3.Connection.executemany(self.conn, self.insert, rows)
            self._run("commit")
            self.counts[self.current] += self.pending
        self.batch = []
        self.pending = 0

    def source(self, table: TableInfo, columns: list[str], first: str | None = None) -> str | None:
        """SQL that reads the values of ``columns`` of the table's rows, in file order, on the
        connection given (an attached staging), after the text ``first`` (when given) in each
        row; None when there is no such table."""
        slot = self.slots.get(table.name)
        if slot is None:
            return None
        picked = self._picked(table, columns)
        if first is not None:
            picked.insert(0, "'" + first.replace("'", "''") + "'")
        return f"select {', '.join(picked)} from {slot} order by rowid"

    def _picked(self, table: TableInfo, columns: list[str]) -> list[str]:
        index = {name: i for i, name in enumerate(table.names)}
        return [f"c{index[c]}" for c in columns]

    def repeated(self, table: TableInfo, column: str) -> set[Any]:
        """The values of ``column`` that more than one of the table's rows holds."""
        slot = self.slots.get(table.name)
        if slot is None:
            return set()
        (picked,) = self._picked(table, [column])
        return {value for (value,) in self._run(f"select {picked} from {slot} group by 1 having count(*) > 1")}

    def rows(self, table: TableInfo) -> Iterator[dict[str, Any]]:
        """The table's rows, in file order, as {column: value}."""
        slot = self.slots.get(table.name)
        if slot is None:
            return
        names = table.names
        for values in self._run(f"select * from {slot} order by rowid"):
            yield dict(zip(names, values, strict=True))

    def numbered(self, table: TableInfo, columns: list[str]) -> Iterator[tuple[Any, ...]]:
        """The table's rows in file order as plain tuples, straight from SQLite: the values
        of ``columns``, the row's number in the file (1-based) and its id (None without one)."""
        slot = self.slots.get(table.name)
        if slot is None:
            return iter(())
        picked = self._picked(table, columns)
        # rowid: 1, 2, ... in file order (a new table for each start, rows only ever added)
        picked += ["rowid", self._picked(table, [table.id_column])[0] if table.id_column else "null"]
        return self._run(f"select {', '.join(picked)} from {slot} order by rowid")

    def close(self) -> None:
        """Delete the staged rows: close the connection, or detach the database from it.
        (Should SQLite refuse to detach it, e.g. a read left unfinished by an error, it goes
        when the connection closes; that error is not the one to report.)"""
        if not self.attached:
            self.conn.close()
        elif not self.closed:
            with suppress(sqlite3.Error):
                self._run(f"detach database {ATTACHED}")
        self.closed = True


def walk_data(data: Any) -> Iterator[tuple[Any, ...]]:
    """What ``walk`` gives, from a file read whole by Python's json module."""
    if not isinstance(data, dict):
        yield ("value", data)
        return
    for key, value in data.items():
        if key != TABLES or not isinstance(value, dict):
            yield ("top", key, value)
            continue
        yield ("top", key, {})
        for name, rows in value.items():
            if not isinstance(rows, list):
                yield ("rows", name, rows)
                continue
            yield ("table", name)
            for row in rows:
                yield ("row", row)
            yield ("end", name)
