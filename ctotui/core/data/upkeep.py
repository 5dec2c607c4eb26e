"""Backups and health checks of the database file.

``backup_to`` copies the database with SQLite's online backup API (a
consistent copy even while the app writes) under a temporary name, checks
the copy, then gives it its name (see db.backup). ``check`` runs SQLite's integrity check, the foreign key check and each
full-text index's own integrity check (against its content table), and says
in a line per check whether all is well.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ctotui.core import clock
from ctotui.core.data.tables import quote
from ctotui.core.dbfile import MAX_ID, backup, db_path
from ctotui.core.errors import WORDS, CtoError, StorageError, storage_error
from ctotui.core.journal.entries import writing
from ctotui.core.row_rules import COPIES, SLUGS, problem, slug_problem
from ctotui.core.userpath import user_path

if TYPE_CHECKING:
    from sqlite_utils import Database

SHOWN = 5  # problems listed per check


@dataclass(frozen=True)
class Backup:
    path: Path
    size_bytes: int


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    problems: tuple[str, ...] = ()  # the first few, one line each
    more: int = 0  # problems not listed


def default_backup_folder(db: Database) -> Path:
    return db_path(db).parent / "backups"


BACKUP_SUFFIXES = (".db", ".sqlite", ".sqlite3")  # a backup's own name given, not a folder's


def backup_to(db: Database, folder: str | os.PathLike[str] | None = None) -> Backup:
    """A checked copy of the database in ``folder`` (default: ``backups/`` beside it), or at
    ``folder`` itself when it names a new file ending in .db, .sqlite or .sqlite3 (``ctotui backup
    ~/safe/journal.db`` made a folder named journal.db with the copy inside); never over a file."""
    folder = user_path(folder) if folder else default_backup_folder(db)
    source = db_path(db)
    if folder.resolve() == source.resolve():
        raise CtoError(f"{folder}: is the database itself; give a folder")
    if folder.suffix.lower() in BACKUP_SUFFIXES and not folder.is_dir():
        if folder.exists():
            raise CtoError(
                f"{folder}: is a file already; nothing was overwritten (give a new file's name, or a folder)"
            )
        path = backup(db, folder.parent, name=folder.name)
        return Backup(path, path.stat().st_size)
    if folder.exists() and not folder.is_dir():
        raise CtoError(f"{folder}: is a file; give a folder for the backup")
    stamp = clock.now().strftime("%Y%m%dT%H%M%SZ")
    name, n = f"{source.stem}.backup.{stamp}{source.suffix or '.db'}", 2
    while (folder / name).exists():
        name, n = f"{source.stem}.backup.{stamp}-{n}{source.suffix or '.db'}", n + 1
    path = backup(db, folder, name=name)  # written aside, checked, then renamed (db.backup)
    return Backup(path, path.stat().st_size)


def check(db: Database) -> list[Check]:
    """Integrity, foreign keys and every full-text index, one Check each."""
    results = [_rows_check("integrity", db, "pragma integrity_check", lambda r: None if r[0] == "ok" else r[0])]
    results.append(_rows_check("foreign keys", db, "pragma foreign_key_check", _fk_problem))
    results.append(_readable_rows_check(db))
    results.append(_known_values_check(db))
    results.append(_copies_check(db))
    results.extend(_fts_check(db, name) for name in fts_tables(db))
    return results


CORRUPT_VTAB = 267  # SQLITE_CORRUPT_VTAB: a full-text index does not match the rows it indexes
DAMAGED = "could not be read: the file is damaged"


def refuse_if_damaged(db: Database) -> None:
    """SQLite's quick check of the file's pages before an export is written: a damaged page can
    read back as rows of nulls or stray bytes without an error, and the export wrote a file that
    its own import refuses ("created_at must not be null"), exit 0; the global ids' export failed
    on such a row ("unexpected failure (TypeError)"). StorageError "corrupt" when it is not ok,
    whose words name ``export --salvage``. ~0.4 s at 100,000 achievements, read from the cache."""
    row = db.execute("pragma quick_check(1)").fetchone()
    if row is None or row[0] != "ok":
        raise StorageError(WORDS["corrupt"], "corrupt")


def damaged(exc: BaseException) -> bool:
    """The file itself is damaged (SQLite's CORRUPT or NOTADB, raised as sqlite3's own error, as
    while reading rows one by one, or as a StorageError): not a full-text index out of step with
    its table (CORRUPT_VTAB), which a rebuild mends."""
    if not isinstance(exc, sqlite3.Error) or getattr(exc, "sqlite_errorcode", None) == CORRUPT_VTAB:
        return False
    error = storage_error(exc)
    return error is not None and error.kind == "corrupt"


def _failed(exc: sqlite3.DatabaseError) -> str:
    """Why a check could not run, one line: for a damaged file, only that (what to do about it is
    said once, under all the checks), else the error's own words."""
    return DAMAGED if damaged(exc) else str(exc)


def fts_tables(db: Database) -> list[str]:
    """The full-text (FTS5) tables, by name."""
    sql = "select name from sqlite_master where type = 'table' and sql like 'create virtual table%using fts5%'"
    return sorted(name for (name,) in db.execute(sql).fetchall())


def _rows_check(name: str, db: Database, sql: str, problem) -> Check:
    try:
        found = [p for p in map(problem, db.execute(sql).fetchall()) if p]
    except sqlite3.DatabaseError as exc:
        return Check(name, False, (_failed(exc),))
    return Check(name, not found, tuple(found[:SHOWN]), max(0, len(found) - SHOWN))


ROW_TABLES = ("questions", "attempts", "profile")  # small tables whose values are checked one by one


def unreadable_rows(db: Database) -> list[str]:
    """Rows the app cannot read (written around ctotui: the app leaves them out), one line each."""
    found = [
        f"achievements id {row_id}: " + ("id out of range" if not 1 <= row_id <= MAX_ID else f"date {day} out of range")
        for row_id, day in db.execute(
            f"select id, occurred_on from achievements where id not between 1 and {MAX_ID} "
            "or occurred_on not between '1900-01-01' and '9998-12-31' order by id"
        ).fetchall()
    ]
    tables = set(db.table_names())
    for table in ROW_TABLES:
        if table not in tables:
            continue
        cursor = db.execute(f"select * from {quote(table)} order by rowid")
        names = [d[0] for d in cursor.description]
        for values in cursor:
            row = dict(zip(names, values, strict=True))
            bad = problem(table, row, lines=False)  # what the app cannot read, not what it would not write
            if bad:
                found.append(f"{table} id {row.get('id')}: {bad[0]} {bad[1]}")
    return found


def _readable_rows_check(db: Database) -> Check:
    name = "readable rows"
    try:
        found = unreadable_rows(db)
    except sqlite3.DatabaseError as exc:
        return Check(name, False, (_failed(exc),))
    limit = 2 * SHOWN
    shown = tuple(f"{p} (left out of every screen; fix or delete the row)" for p in found[:limit])
    return Check(name, not found, shown, max(0, len(found) - limit))


def _known_values_check(db: Database) -> Check:
    """Each value of a column with a fixed list (row_rules.SLUGS: a category, a skill) is one of
    that list. The app shows another (written around it: a script, another tool), but an import
    refuses it, so an export of the file did not import back: `check` said all was well of it."""
    name = "known values"
    found: list[str] = []
    tables = set(db.table_names())
    try:
        for (table, column), slugs in SLUGS.items():
            if table not in tables:
                continue
            marks = ", ".join("?" * len(slugs))
            keys = [r[1] for r in db.execute(f"pragma table_info({quote(table)})").fetchall() if r[5]] or ["rowid"]
            picked = ", ".join(quote(k) for k in [*keys, column])
            sql = f"select {picked} from {quote(table)} where {quote(column)} not in ({marks}) order by 1"
            for *key, value in db.execute(sql, list(slugs)):
                where = ", ".join(f"{k} {v}" for k, v in zip(keys, key, strict=True))
                found.append(f"{table} {where}: {column} {slug_problem(table, column, value)} (an import refuses it)")
    except sqlite3.DatabaseError as exc:
        return Check(name, False, (_failed(exc),))
    return Check(name, not found, tuple(found[:SHOWN]), max(0, len(found) - SHOWN))


def _copies_check(db: Database) -> Check:
    """Each copy of an entry's date (a tag's, a skill's: row_rules.COPIES) is the entry's date."""
    found: list[str] = []
    tables = set(db.table_names())
    try:
        for copy in COPIES:
            if copy.table in tables and copy.parent in tables:
                found.extend(
                    f"{copy.table} of {copy.parent} id {parent_id}: {copy.column} {value} "
                    f"where the {copy.parent} row has {source} (ctotui check --repair sets it from the row)"
                    for parent_id, value, source in db.execute(copy.differing)
                )
    except sqlite3.DatabaseError as exc:
        return Check("copied dates", False, (_failed(exc),))
    return Check("copied dates", not found, tuple(found[:SHOWN]), max(0, len(found) - SHOWN))


def _fk_problem(row: tuple) -> str:
    table, rowid, parent, _fk = row
    return f"{table} row {rowid} points at a missing row of {parent}"


def _fts_check(db: Database, table: str) -> Check:
    name = f"search index {table}"
    # rank 1: compare the index with its content table too (not only with itself)
    sql = f"insert into {quote(table)} ({quote(table)}, rank) values ('integrity-check', 1)"
    try:
        db.execute(sql)
    except sqlite3.OperationalError as exc:
        if not is_read_only(exc):
            return _fts_problem(name, exc)
        # FTS5 runs its check as an INSERT, which a read-only file refuses: check a copy in memory
        copy = sqlite3.connect(":memory:")
        try:
            db.conn.backup(copy)
            copy.execute(sql)
        except sqlite3.DatabaseError as inner:
            return _fts_problem(name, inner)
        finally:
            copy.close()
    except sqlite3.DatabaseError as exc:
        return _fts_problem(name, exc)
    return Check(name, True)


def _fts_problem(name: str, exc: sqlite3.DatabaseError) -> Check:
    """Only an index out of step with its entries (CORRUPT_VTAB) is one a rebuild mends: a damaged
    page under it is damage like any other, said as the other checks say it."""
    if getattr(exc, "sqlite_errorcode", None) == CORRUPT_VTAB:
        return Check(name, False, ("it does not match the entries (ctotui check --repair rebuilds it)",))
    return Check(name, False, (_failed(exc),))


def is_read_only(exc: BaseException) -> bool:
    """SQLite refused to write: a read-only file, folder, file system or connection."""
    text = str(exc).lower()
    return "readonly" in text or "read-only" in text


def ensure_writable(db: Database) -> None:
    """Raise a plain CtoError when the database cannot be written (checked before a backup is made)."""
    try:
        db.execute("begin immediate")
        try:  # a write that is undone: SQLite refuses it at once on a read-only file
            version = db.execute("pragma user_version").fetchone()[0]
            db.execute(f"pragma user_version = {int(version)}")
        finally:
            db.execute("rollback")
    except sqlite3.OperationalError as exc:
        if is_read_only(exc):
            raise CtoError(
                f"{db_path(db)}: the database is read-only here, so it cannot be repaired; nothing was changed"
            ) from None
        raise


def repair(db: Database) -> list[str]:
    """Rebuild what is derived from the data: every index (REINDEX), every copy of an
    entry's date (row_rules.COPIES) and every full-text index (from its content).
    Returns what was rebuilt."""
    names = fts_tables(db)
    tables = set(db.table_names())
    copies = [c for c in COPIES if c.table in tables and c.parent in tables]
    ensure_writable(db)
    with writing(db):
        db.execute("reindex")
        for copy in copies:
            db.execute(copy.follow)
        for table in names:
            db.execute(f"insert into {quote(table)} ({quote(table)}) values ('rebuild')")
    return ["indexes", *(f"search index {n}" for n in names), *(["copied dates"] if copies else [])]
