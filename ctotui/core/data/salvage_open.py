"""Opening a damaged database for ``export --salvage`` and ``check --repair``, never writing to it.

SQLite reads a file's list of tables (``sqlite_master``) before anything else and refuses the
whole file when that list is damaged, or names a table whose first page lies past the end of
the file (a file that lost its tail). Salvage opens the file in three ways, the first that
works:

1. as every command opens it, read-only (a sound file: salvage is then the export);
2. read-only with ``writable_schema`` on, which makes SQLite skip the entries of the list it
   cannot parse instead of refusing the file (a table lost with the file's tail);
3. when SQLite cannot read the list itself (its pages lost or scribbled on), the list's rows
   are read here from the file's bytes (the b-tree under page 1, as sqlite.org/fileformat2.html
   lays it out), and a copy of the file in a private temporary folder gets a fresh list holding
   them; SQLite then reads every table of the copy whose pages are still there. What sits in a
   ``-wal`` beside the file is not read this way (the copy is of the file alone).

The damaged file is opened read-only in all three (``mode=ro``): nothing is written to it.

A file whose first 16 bytes (the text "SQLite format 3") were written over, while the rest of
its header still reads as SQLite's (a page size SQLite allows, and the three bytes every SQLite
file holds at 21-23), is read from a private copy with those 16 bytes put back; anything else
without the header is refused as every command refuses it. An empty file has nothing to save.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import struct
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from sqlite_utils import Database

from ctotui.core.db import open_db
from ctotui.core.dbfile import (
    SQLITE_HEADER,
    DamagedDatabase,
    DatabaseError,
    StorageConnection,
    header_but_its_name,
    read_only_uri,
)
from ctotui.core.userpath import user_path

MAX_PAGES = 2**30 - 2  # SQLite's largest page count, less the list's own new pages
KINDS = ("table", "index")  # the list's rows a copy needs (views and triggers read nothing)


@dataclass(frozen=True)
class SchemaRow:
    type: str
    name: str
    tbl_name: str
    rootpage: int
    sql: str | None


@contextlib.contextmanager
def open_for_salvage(path: str | os.PathLike[str]) -> Iterator[Database]:
    """The database at ``path`` opened to read every row that can still be read (see the module)."""
    path = user_path(path)
    if not path.exists():
        raise DatabaseError(f"{path}: no database there")
    header = _start(path)
    if header == b"":
        raise DatabaseError(f"{path}: the file is empty: there is nothing to save")
    if header_lost(path):
        with tempfile.TemporaryDirectory(prefix="ctotui-salvage-") as folder:
            copy = Path(folder) / "header.db"
            shutil.copyfile(path, copy)
            with copy.open("r+b") as fh:
                fh.write(SQLITE_HEADER)
            with _opened(copy, path) as db:
                yield db
        return
    with _opened(path, path) as db:
        yield db


def header_lost(path: str | os.PathLike[str]) -> bool:
    """Whether only the file's first 16 bytes (SQLite's name for itself) are damaged: the rest of
    its header reads as SQLite's, so salvage can read it (``check`` calls it damage, not a fault)."""
    path = user_path(path)
    return path.is_file() and header_but_its_name(path)


def _start(path: Path) -> bytes | None:
    """The first 100 bytes of a regular file (fewer when it is shorter); None for anything else."""
    if not path.is_file():
        return None
    try:
        with path.open("rb") as fh:
            return fh.read(100)
    except OSError:
        return None  # opening it says why, as every command does


@contextlib.contextmanager
def _opened(path: Path, shown: Path) -> Iterator[Database]:
    """``path`` opened the first of the three ways that works; errors name ``shown``."""
    try:  # a folder, a device, a file of another program, a newer schema: refused as every command refuses them
        db = open_db(path, read_only=True)
    except DamagedDatabase:
        pass
    else:
        try:
            yield db
        finally:
            db.close()
        return
    conn = _connect(read_only_uri(path), shown)
    try:
        # every row of the list, read whole: a page of it SQLite cannot read stops its own
        # reading of the list there, leaving out the tables after it (count(*) reads no row)
        conn.execute("select type, name, tbl_name, rootpage, sql from sqlite_master").fetchall()
    except sqlite3.DatabaseError:
        conn.close()
        with _rebuilt_copy(path, shown) as db:
            yield db
        return
    try:
        yield Database(conn)
    finally:
        conn.close()


def _connect(target: str, path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(target, uri=target.startswith("file:"), factory=StorageConnection)
    conn.db_file = path
    conn.isolation_level = None
    conn.execute("pragma writable_schema = on")  # the list's entries SQLite cannot parse are skipped
    return conn


@contextlib.contextmanager
def _rebuilt_copy(path: Path, shown: Path) -> Iterator[Database]:
    """A copy of ``path`` with its list of tables rebuilt from the rows read off its pages."""
    with path.open("rb") as fh:
        rows = schema_rows(fh)
    if not rows:
        raise DatabaseError(
            f"{shown}: nothing can be saved: the database's list of tables cannot be read "
            "(its pages are lost or damaged), so no table can be found in it"
        )
    with tempfile.TemporaryDirectory(prefix="ctotui-salvage-") as folder:
        copy = Path(folder) / "copy.db"
        shutil.copyfile(path, copy)
        _empty_schema(copy, max(r.rootpage for r in rows))
        conn = sqlite3.connect(copy)
        try:
            conn.execute("pragma writable_schema = on")
            conn.execute("pragma journal_mode = off")
            with conn:
                conn.executemany(
                    "insert into sqlite_master (type, name, tbl_name, rootpage, sql) values (?, ?, ?, ?, ?)",
                    [(r.type, r.name, r.tbl_name, r.rootpage, r.sql) for r in rows],
                )
        finally:
            conn.close()
        conn = _connect(f"{copy.as_uri()}?mode=ro", shown)
        try:
            yield Database(conn)
        finally:
            conn.close()


def _empty_schema(copy: Path, last_root: int) -> None:
    """Give the copy an empty list of tables on page 1 and a header SQLite trusts: no WAL, no free
    pages to reuse. The list's new pages go at the end, so the copy is first padded with empty
    pages up to every page the file had (its header says how many) and every table's first page:
    a page lost with the tail stays lost (SQLite finds an empty page damaged) instead of being
    taken by the list, whose rows would then be read as that table's."""
    with copy.open("r+b") as fh:
        header = bytearray(fh.read(100))
        size = _page_size(header)
        had = struct.unpack_from(">I", header, 28)[0]
        pages = min(max(-(-copy.stat().st_size // size), had, last_root), MAX_PAGES)
        fh.truncate(pages * size)  # the padding is a hole: it takes no room on disk
        header[18:20] = b"\x01\x01"  # rollback journal, not WAL
        struct.pack_into(">I", header, 28, pages)
        struct.pack_into(">II", header, 32, 0, 0)  # freelist
        struct.pack_into(">I", header, 40, (struct.unpack_from(">I", header, 40)[0] + 1) & 0xFFFFFFFF)
        struct.pack_into(">I", header, 52, 0)  # no auto-vacuum
        struct.pack_into(">I", header, 64, 0)
        header[92:96] = header[24:28]  # the page count above is current
        leaf = bytes([0x0D, 0, 0, 0, 0]) + struct.pack(">H", size & 0xFFFF) + b"\x00"
        fh.seek(0)
        fh.write(bytes(header) + leaf + bytes(size - 100 - len(leaf)))


def _page_size(header: bytes | bytearray) -> int:
    size = struct.unpack_from(">H", header, 16)[0]
    return 65536 if size == 1 else size


def schema_rows(fh: BinaryIO) -> list[SchemaRow]:
    """The list of tables' rows (tables and indexes) that can be read from the file's pages:
    the table b-tree under page 1, each page that is missing or not a b-tree page skipped."""
    header = fh.read(100)
    if len(header) < 100:
        return []
    size = _page_size(header)
    if size < 512 or size & (size - 1):
        return []
    usable = size - header[20]
    encoding = {2: "utf-16-le", 3: "utf-16-be"}.get(struct.unpack_from(">I", header, 56)[0], "utf-8")

    def page(number: int) -> bytes:
        fh.seek((number - 1) * size)
        data = fh.read(size)
        if number < 1 or len(data) < size:
            raise ValueError("past the end of the file")
        return data

    found: dict[str, SchemaRow] = {}
    pending, seen = [1], set()
    while pending:
        number = pending.pop()
        if number in seen:
            continue
        seen.add(number)
        try:
            data = page(number)
            start = 100 if number == 1 else 0
            kind, cells = data[start], struct.unpack_from(">H", data, start + 3)[0]
            if kind == 0x05:  # interior: a pointer per cell, and the right-most child
                pointers = start + 12
                pending.append(struct.unpack_from(">I", data, start + 8)[0])
                pending.extend(
                    struct.unpack_from(">I", data, struct.unpack_from(">H", data, pointers + 2 * i)[0])[0]
                    for i in range(cells)
                )
                continue
            if kind != 0x0D:
                continue
        except (ValueError, struct.error, IndexError):
            continue
        for i in range(cells):
            try:
                offset = struct.unpack_from(">H", data, start + 8 + 2 * i)[0]
                row = _schema_row(_record(_payload(data, offset, usable, page), encoding))
            except (ValueError, struct.error, IndexError, UnicodeDecodeError):
                continue
            if row is not None:
                found.setdefault(row.name, row)
    return list(found.values())


def _varint(data: bytes, at: int) -> tuple[int, int]:
    value = 0
    for i in range(9):
        byte = data[at + i]
        if i == 8:
            return (value << 8) | byte, at + 9
        value = (value << 7) | (byte & 0x7F)
        if byte < 0x80:
            return value, at + i + 1
    raise ValueError("varint")  # pragma: no cover - the loop returns


def _payload(data: bytes, at: int, usable: int, page) -> bytes:
    """A table leaf cell's record, its overflow pages followed."""
    length, at = _varint(data, at)
    _rowid, at = _varint(data, at)
    most = usable - 35
    if length <= most:
        return data[at : at + length]
    least = (usable - 12) * 32 // 255 - 23
    local = least + (length - least) % (usable - 4)
    local = local if local <= most else least
    out = bytearray(data[at : at + local])
    following = struct.unpack_from(">I", data, at + local)[0]
    for _ in range(length // max(usable - 4, 1) + 1):
        if len(out) >= length or not following:
            break
        over = page(following)
        following = struct.unpack_from(">I", over, 0)[0]
        out += over[4:usable]
    if len(out) < length:
        raise ValueError("overflow chain ends early")
    return bytes(out[:length])


SIZES = {1: 1, 2: 2, 3: 3, 4: 4, 5: 6, 6: 8}


def _record(payload: bytes, encoding: str) -> list[object]:
    """The values of a record (sqlite.org/fileformat2.html, "Record Format")."""
    end, at = _varint(payload, 0)
    types = []
    while at < end:
        kind, at = _varint(payload, at)
        types.append(kind)
    values: list[object] = []
    at = end
    for kind in types:
        if kind == 0:
            values.append(None)
        elif kind in SIZES:
            n = SIZES[kind]
            values.append(int.from_bytes(payload[at : at + n], "big", signed=True))
            at += n
        elif kind == 7:
            values.append(struct.unpack_from(">d", payload, at)[0])
            at += 8
        elif kind in (8, 9):
            values.append(kind - 8)
        elif kind >= 12:
            n = (kind - 12) // 2
            raw = payload[at : at + n]
            if len(raw) < n:
                raise ValueError("record ends early")
            values.append(raw.decode(encoding) if kind % 2 else raw)
            at += n
        else:
            raise ValueError("reserved serial type")
    return values


def _schema_row(values: list[object]) -> SchemaRow | None:
    if len(values) != 5:
        return None
    kind, name, table, root, sql = values
    if kind not in KINDS or not isinstance(name, str) or not isinstance(table, str):
        return None
    if not isinstance(root, int) or not isinstance(sql, str | None):
        return None
    return SchemaRow(kind, name, table, root, sql)
