"""Opening the one SQLite file that holds everything, at the current schema.

``open_db(path)`` checks the file before it writes a byte to it (core/dbfile.py),
sets WAL, foreign keys and a busy timeout, backs an existing database up before
it migrates it, and refuses a database written by a newer ctotui. Every failure
is a ``DatabaseError`` with one plain line that names the path.

This module imports sqlite-utils and the schema steps (core/migrations.py) at its
top: ~90 ms, paid only by what opens a database. The app reaches it after its
first paint through its data layer (ui/data_layer.py, lazy point 2); what only
needs the file's rules, errors or backup imports core/dbfile.py, and the CLI's
commands that only read open a file already at the current schema with
core/dbread.py (sqlite3 alone), coming here only for a file that is new or behind.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from ctotui.core import clock
from ctotui.core.dbfile import (
    DamagedDatabase,
    DatabaseError,
    StorageConnection,
    backup,
    busy_timeout_ms,
    db_path,
    prepare_file,
    read_only_uri,
    unwritable,
    wait_in_two,
)
from ctotui.core.errors import StorageError
from ctotui.core.journal.metric_store import reread_parsed_metrics
from ctotui.core.migrations import MIGRATIONS, known_steps, migration_set
from ctotui.core.userpath import user_path


class LockingDatabase(Database):
    """sqlite_utils' Database whose ``atomic()`` takes the write lock at once.

    Its own ``atomic()`` starts with a plain BEGIN: a block that reads, then
    writes, fails at once with "database is locked" when another process
    wrote in between (SQLite cannot upgrade a stale read snapshot, so it does
    not wait). ``BEGIN IMMEDIATE`` waits for the lock (busy timeout) first,
    so two windows, or the app and the CLI, can write at the same time.
    """

    @contextlib.contextmanager
    def atomic(self) -> Iterator[Database]:
        if self.conn.in_transaction:  # nested: a savepoint, as before
            with super().atomic():
                yield self
            return
        self.conn.execute("begin immediate")
        try:
            yield self
        except BaseException:
            self.rollback()
            raise
        try:
            self.conn.execute("commit")
        except BaseException:
            self.rollback()
            raise


def open_db(
    path: str | os.PathLike[str],
    *,
    migrate: bool = True,
    read_only: bool = False,
    busy_timeout: int | None = None,
    waiting: Callable[[int], Any] | None = None,
    gives_up: Callable[[], bool] | None = None,
) -> Database:
    """Open (creating if needed) and migrate the database at ``path``.

    ``read_only``: an existing file, opened so that nothing can be written
    (SQLite's ``mode=ro``, core/dbfile.py's ``read_only_uri``; no migration, no
    journal mode change). Otherwise a file that cannot be written (read-only media,
    a read-only folder or file) is refused at once, in one line naming why, before
    a command does anything (``open_to_read`` is for a command that only reads).

    ``busy_timeout`` (milliseconds) is how long a write waits for another
    writer before it fails; by default ``busy_timeout_ms()``. ``waiting(timeout)`` is told when
    a write has waited ``FIRST_WAIT_MS`` of it (core/dbfile.py's ``wait_in_two``: the CLI says so);
    ``gives_up()``, asked as the rest of that wait goes on, ends it (the app closing)."""
    path = user_path(path)
    if read_only and not path.exists():
        raise DatabaseError(f"{path}: no database there")
    prepare_file(path)
    if not read_only and (reason := unwritable(path)):
        raise DatabaseError(f"{path}: {reason}")
    timeout = busy_timeout_ms() if busy_timeout is None else busy_timeout
    try:
        if read_only:
            conn = sqlite3.connect(
                read_only_uri(path),
                uri=True,
                timeout=timeout / 1000,
                check_same_thread=False,
                factory=StorageConnection,
            )
        else:
            conn = sqlite3.connect(
                str(path), timeout=timeout / 1000, check_same_thread=False, factory=StorageConnection
            )
    except sqlite3.Error as exc:
        raise DatabaseError(f"{path}: cannot open the database ({exc})") from None
    conn.db_file = path
    conn.isolation_level = None  # autocommit; writes that belong together use db.atomic()
    try:
        applied = _applied_steps(conn, path)
        if not applied:
            _refuse_foreign(conn, path)
        unknown = [step for step in applied if step not in known_steps()]
        if unknown:
            raise DatabaseError(
                f"{path}: written by a newer ctotui (schema step {unknown[-1]} is unknown "
                "to this version); upgrade ctotui to open it. Nothing was changed."
            )
        _set_pragmas(conn, path, timeout, read_only=read_only)
        if waiting is not None and not read_only:
            wait_in_two(conn, timeout, waiting, gives_up)
        db = LockingDatabase(conn, execute_plugins=False)
        if migrate and not read_only:
            _migrate(db, path, applied)
            reread_parsed_metrics(db)  # once per parser version: one read of the settings otherwise
        return db
    except BaseException:
        conn.close()
        raise


def open_to_read(path: str | os.PathLike[str], *, busy_timeout: int | None = None) -> Database:
    """The database for a command that only reads (export, backup, info, ...).

    It creates none: a path with no file, or an empty (0-byte) one, is refused in one line
    ("no database there"), so a mistyped name is not made into a new, empty database. A
    file that can be written is opened as ``open_db`` opens it (migrated if need be). One
    that cannot (read-only media, a read-only folder or file) is opened read-only when it
    is already at this version's schema, so a user can still read it and export or back it
    up; SQLite is then asked for nothing that writes. One that would need its schema
    updated first is refused in one line: nothing is written to it."""
    path = user_path(path)
    if not path.exists() or (path.is_file() and path.stat().st_size == 0):
        raise DatabaseError(f"{path}: no database there")
    if not path.is_file() or (reason := unwritable(path)) is None:
        try:
            return open_db(path, busy_timeout=busy_timeout)
        except NoRoom:
            # A full disk: no room for the -shm a WAL file's reader makes, but the data can still be
            # read (and exported or backed up to another disk), as on read-only media (read_only_uri).
            reason = "its disk is full"
    db = open_db(path, read_only=True, busy_timeout=busy_timeout)
    applied = _applied_steps(db.conn, path)
    if [step for step in known_steps() if step not in applied]:
        db.close()
        raise DatabaseError(
            f"{path}: needs updating to this version's schema before it can be read, but {reason}; "
            "copy it to a writable folder and open the copy"
        )
    return db


def _applied_steps(conn: sqlite3.Connection, path: Path) -> list[str]:
    """The migration steps recorded in the file, read without writing."""
    try:
        has_table = conn.execute(
            "select 1 from sqlite_master where type = 'table' and name = ?",
            [MIGRATIONS.migrations_table],
        ).fetchone()
        if not has_table:
            return []
        rows = conn.execute(
            f"select name from {MIGRATIONS.migrations_table} where migration_set = ? order by rowid",
            [MIGRATIONS.name],
        ).fetchall()
    except sqlite3.DatabaseError as exc:
        raise unusable(path, exc) from None
    return [name for (name,) in rows]


class NoRoom(DatabaseError):
    """The file could not be opened to write because its disk is full (``open_to_read`` then reads it)."""


def unusable(path: Path, exc: sqlite3.DatabaseError) -> DatabaseError:
    """Why the file at ``path`` could not be opened, in one line. A damaged file is a
    ``DamagedDatabase`` (``ctotui check`` reports it as a problem of the data; salvage reads
    what it can); a full disk, an I/O error or a lock is the storage refusing, not damage."""
    if isinstance(exc, StorageError) and exc.kind == "corrupt":
        return DamagedDatabase(f"{path}: {exc}; left unchanged")
    if isinstance(exc, StorageError):
        kind = NoRoom if exc.kind == "full" else DatabaseError
        return kind(f"{path}: cannot open the database: {exc}; left unchanged")
    return DatabaseError(f"{path}: not a usable SQLite database ({exc}); left unchanged")


def _refuse_foreign(conn: sqlite3.Connection, path: Path) -> None:
    """A SQLite file with tables but no ctotui schema belongs to another program:
    refuse it before a byte is written (no WAL switch, no table added)."""
    try:
        names = [
            name
            for (name,) in conn.execute(
                "select name from sqlite_master where type in ('table', 'view') and name not like 'sqlite!_%' escape '!'"
                " order by name"
            )
        ]
    except sqlite3.DatabaseError as exc:
        raise unusable(path, exc) from None
    if names:
        shown = ", ".join(names[:3]) + (", …" if len(names) > 3 else "")
        raise DatabaseError(
            f"{path}: not a ctotui database (it holds other tables: {shown}); left unchanged. "
            "Give a new file name, or the ctotui database (ctotui info shows the default)"
        )


def _set_pragmas(conn: sqlite3.Connection, path: Path, timeout: int, *, read_only: bool = False) -> None:
    try:
        conn.execute(f"pragma busy_timeout = {int(timeout)}")
        conn.execute("pragma foreign_keys = on")
        if read_only:
            return
        mode = _switch_to_wal(conn, timeout)
        conn.execute("pragma synchronous = full")
    except sqlite3.Error as exc:
        raise DatabaseError(f"{path}: cannot use the database ({exc})") from None
    if mode.lower() != "wal":
        raise DatabaseError(f"{path}: cannot switch the database to WAL mode (got {mode}); is the folder writable?")


def _switch_to_wal(conn: sqlite3.Connection, timeout: int) -> str:
    """Set WAL mode, waiting up to ``timeout`` ms for another process doing the same.

    A new file is in rollback mode, and the switch is a write made from inside a read:
    when several processes open a new file at once, SQLite refuses all but one at once
    with "database is locked" rather than run the busy handler (two readers each waiting
    to write would wait forever). Asked again once the first has switched, the file is
    WAL already and the pragma only reads. Seen in CI: four processes, one refused."""
    deadline = time.monotonic() + timeout / 1000
    pause = 0.002
    while True:
        try:
            return str(conn.execute("pragma journal_mode = wal").fetchone()[0])
        except StorageError as exc:
            if exc.kind != "busy" or time.monotonic() >= deadline:
                raise
        time.sleep(pause)
        pause = min(pause * 2, 0.05)


@contextlib.contextmanager
def filling_unseen(db: Database) -> Iterator[None]:
    """A bulk fill of a database file that nothing else has open or can see yet (an import into a
    new database builds it in a private folder, cli/new_database.py): while the block runs, its
    changes go straight into the file instead of through the ``-wal`` (each page written once, and
    no checkpoint copying them again) and nothing is flushed to the disk; when the block ends
    well, the file is in WAL mode again and flushed once. A rollback still works meanwhile (the
    journal is kept in memory). A process killed meanwhile may leave the file damaged: use it only
    on a file that is thrown away unless the fill ends well. At 100,000 achievements:
    ``ctotui import`` into a new file 7.3 s -> 6.6 s (docs/performance.md, 5 December 2026)."""
    db.execute("pragma journal_mode = memory")
    db.execute("pragma synchronous = off")
    yield
    db.execute("pragma synchronous = full")
    (mode,) = db.execute("pragma journal_mode = wal").fetchone()
    if str(mode).lower() != "wal":
        raise DatabaseError(f"{db_path(db)}: cannot switch the database to WAL mode (got {mode})")
    try:
        fd = os.open(db_path(db), os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError as exc:  # the disk refused what it had taken in (full, an I/O error)
        raise DatabaseError(f"{db_path(db)}: cannot write the database ({exc.strerror or exc})") from None


def _migrate(db: Database, path: Path, applied: list[str]) -> None:
    steps = migration_set()
    if not steps.pending(db):
        return
    try:
        db.execute("begin immediate")  # one process migrates at a time
        pending = steps.pending(db)  # re-read inside the lock: another process may have done it
        if pending and applied:
            # an existing database: a copy first, named after the step about to run;
            # made inside the lock, so processes opening it at once make one copy
            backup(db, path.parent, name=_backup_name(path, pending[0].name))
        steps.apply(db)
        db.execute("commit")
    except sqlite3.Error as exc:
        db.rollback()
        raise DatabaseError(f"{path}: cannot update the database schema ({exc})") from None
    except BaseException:
        db.rollback()
        raise


def _backup_name(path: Path, step: str) -> str:
    stamp = clock.now().strftime("%Y%m%dT%H%M%S%fZ")
    return f"{path.stem}.before-{step}.{stamp}{path.suffix or '.db'}"


def schema_steps(db: Database) -> list[str]:
    """The migration steps applied to this database, oldest first."""
    return [m.name for m in migration_set().applied(db)]
