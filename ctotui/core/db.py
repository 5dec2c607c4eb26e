"""Opening the one SQLite file that holds everything.

``open_db(path)`` checks the file before it writes a byte to it, creates it
private (file 0600, folder 0700), sets WAL, foreign keys and a busy timeout,
backs an existing database up before it migrates it, and refuses a database
written by a newer ctotui. Every failure is a ``DatabaseError`` with one
plain line that names the path.

The connection is a ``StorageConnection``: the one place where sqlite3's
storage faults (locked past the busy timeout, disk full, read-only, I/O
error, damaged file) become ``StorageError`` in plain words, for the CLI and
the app alike. The busy timeout is 10 s, or ``$CTOTUI_BUSY_TIMEOUT_MS``.

A long import holds the write lock for seconds. While it runs it also holds
an advisory lock (flock) on ``<database>.importing`` beside the file;
``import_running`` tests that lock without touching SQLite, so the app can
say "waiting for the import" instead of "busy". The kernel drops the lock
when the importer exits, however it exits: a killed import leaves no false
marker (the empty file itself stays).
"""

from __future__ import annotations

import contextlib
import functools
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from ctotui.core import clock
from ctotui.core.errors import CtoError, storage_error

try:
    import fcntl
except ImportError:  # pragma: no cover - not on Windows: no import marker there
    fcntl = None  # type: ignore[assignment]

if TYPE_CHECKING:
    from sqlite_utils import Database

# sqlite_utils (and the migrations built on it) cost ~90 ms to import; this
# module imports them only when a database is opened, so checking a file
# (`prepare_file`) and starting the app's first paint stay fast.

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 10_000
BUSY_TIMEOUT_ENV = "CTOTUI_BUSY_TIMEOUT_MS"


class DatabaseError(CtoError):
    """The database cannot be used; the message says which file and why."""


def busy_timeout_ms() -> int:
    """How long a write waits for another writer: ``$CTOTUI_BUSY_TIMEOUT_MS`` or 10 s."""
    raw = os.environ.get(BUSY_TIMEOUT_ENV, "").strip()
    if not raw:
        return BUSY_TIMEOUT_MS
    try:
        value = int(raw)
    except ValueError:
        raise DatabaseError(f"{BUSY_TIMEOUT_ENV}={raw!r}: give a whole number of milliseconds") from None
    if not 0 <= value <= 3_600_000:
        raise DatabaseError(f"{BUSY_TIMEOUT_ENV}={raw!r}: give 0 to 3600000 milliseconds")
    return value


class StorageConnection(sqlite3.Connection):
    """sqlite3's connection, with storage faults raised as ``StorageError``.

    ``execute`` (which sqlite_utils and the core call), ``executemany``,
    ``executescript`` and ``commit`` translate; other sqlite3 errors
    (constraints, SQL mistakes) pass through unchanged. An error met later,
    while rows are fetched (a damaged page), stays sqlite3's own: the app's
    guard and the CLI translate it with the same ``storage_error``. (Wrapping
    every fetch too cost 1.7x on reads.)"""

    db_file: Path | None = None

    def execute(self, *args, **kwargs):
        try:
            return super().execute(*args, **kwargs)
        except sqlite3.Error as exc:
            _raise_translated(self, exc)

    def executemany(self, *args, **kwargs):
        try:
            return super().executemany(*args, **kwargs)
        except sqlite3.Error as exc:
            _raise_translated(self, exc)

    def executescript(self, *args, **kwargs):
        try:
            return super().executescript(*args, **kwargs)
        except sqlite3.Error as exc:
            _raise_translated(self, exc)

    def commit(self):
        try:
            return super().commit()
        except sqlite3.Error as exc:
            _raise_translated(self, exc)


def _raise_translated(conn: sqlite3.Connection, exc: sqlite3.Error):
    file = getattr(conn, "db_file", None)
    error = storage_error(exc, importing=file is not None and import_running(file))
    if error is None or error is exc:
        raise exc
    raise error from exc


def import_marker(path: str | os.PathLike[str]) -> Path:
    path = Path(path)
    return path.with_name(f"{path.name}.importing")


def import_running(path: str | os.PathLike[str]) -> bool:
    """Whether another process is importing into the database at ``path`` now."""
    if fcntl is None:  # pragma: no cover
        return False
    try:
        fd = os.open(import_marker(path), os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    except OSError:
        return False
    finally:
        os.close(fd)  # closing drops the shared lock, if it was granted
    return False


def check_not_importing(db: Database) -> None:
    """Raise StorageError at once when an import holds the database (rather
    than after waiting the busy timeout)."""
    from ctotui.core.errors import WORDS, StorageError

    if import_running(db_path(db)):
        raise StorageError(WORDS["importing"], "busy")


@contextlib.contextmanager
def importing(db: Database) -> Iterator[None]:
    """Hold the import marker (see the module's notes) while the block runs."""
    if fcntl is None:  # pragma: no cover
        yield
        return
    marker = import_marker(db_path(db))
    try:
        fd = os.open(marker, os.O_CREAT | os.O_RDWR, 0o600)
    except OSError:  # a read-only folder: the import will say so itself
        yield
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def open_db(path: str | os.PathLike[str], *, migrate: bool = True, busy_timeout: int | None = None) -> Database:
    """Open (creating if needed) and migrate the database at ``path``.

    ``busy_timeout`` (milliseconds) is how long a write waits for another
    writer before it fails; by default ``busy_timeout_ms()``."""
    from ctotui.core.migrations import known_steps

    path = Path(path).expanduser()
    prepare_file(path)
    timeout = busy_timeout_ms() if busy_timeout is None else busy_timeout
    try:
        conn = sqlite3.connect(str(path), timeout=timeout / 1000, check_same_thread=False, factory=StorageConnection)
    except sqlite3.Error as exc:
        raise DatabaseError(f"{path}: cannot open the database ({exc})") from None
    conn.db_file = path
    conn.isolation_level = None  # autocommit; writes that belong together use db.atomic()
    try:
        applied = _applied_steps(conn, path)
        unknown = [step for step in applied if step not in known_steps()]
        if unknown:
            raise DatabaseError(
                f"{path}: written by a newer ctotui (schema step {unknown[-1]} is unknown "
                "to this version); upgrade ctotui to open it. Nothing was changed."
            )
        _set_pragmas(conn, path, timeout)
        db = _database_class()(conn, execute_plugins=False)
        if migrate:
            _migrate(db, path, applied)
        return db
    except BaseException:
        conn.close()
        raise


@functools.cache
def _database_class() -> type[Database]:
    """sqlite_utils' Database whose ``atomic()`` takes the write lock at once.

    Its own ``atomic()`` starts with a plain BEGIN: a block that reads, then
    writes, fails at once with "database is locked" when another process
    wrote in between (SQLite cannot upgrade a stale read snapshot, so it does
    not wait). ``BEGIN IMMEDIATE`` waits for the lock (busy timeout) first,
    so two windows, or the app and the CLI, can write at the same time.
    """
    from ctotui.core.sqlite_import import import_sqlite_utils

    import_sqlite_utils()
    from sqlite_utils import Database

    class LockingDatabase(Database):
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

    return LockingDatabase


def prepare_file(path: Path) -> None:
    """Create the folder (0700) and file (0600) if absent; check the file if present.

    Cheap (no SQLite, no sqlite_utils): the CLI runs it before the app starts.
    """
    if path.is_dir():
        raise DatabaseError(f"{path}: is a folder, not a database file")
    if path.exists():
        try:
            with path.open("rb") as fh:
                header = fh.read(len(SQLITE_HEADER))
        except OSError as exc:
            raise DatabaseError(f"{path}: cannot read the database ({exc.strerror})") from None
        if header and header != SQLITE_HEADER:
            raise DatabaseError(
                f"{path}: not a SQLite database (it does not start with the SQLite header); left unchanged"
            )
        return
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as exc:
        raise DatabaseError(f"{path.parent}: cannot create the data folder ({exc.strerror})") from None
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except FileExistsError:
        return  # another process created it a moment ago; it will be checked by SQLite
    except OSError as exc:
        raise DatabaseError(f"{path}: cannot create the database ({exc.strerror})") from None
    os.close(fd)


def _applied_steps(conn: sqlite3.Connection, path: Path) -> list[str]:
    """The migration steps recorded in the file, read without writing."""
    from ctotui.core.migrations import MIGRATIONS

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
        raise DatabaseError(f"{path}: not a usable SQLite database ({exc}); left unchanged") from None
    return [name for (name,) in rows]


def _set_pragmas(conn: sqlite3.Connection, path: Path, timeout: int) -> None:
    try:
        conn.execute(f"pragma busy_timeout = {int(timeout)}")
        conn.execute("pragma foreign_keys = on")
        mode = conn.execute("pragma journal_mode = wal").fetchone()[0]
        conn.execute("pragma synchronous = full")
    except sqlite3.Error as exc:
        raise DatabaseError(f"{path}: cannot use the database ({exc})") from None
    if mode.lower() != "wal":
        raise DatabaseError(f"{path}: cannot switch the database to WAL mode (got {mode}); is the folder writable?")


def _migrate(db: Database, path: Path, applied: list[str]) -> None:
    from ctotui.core.migrations import MIGRATIONS

    if not MIGRATIONS.pending(db):
        return
    if applied:
        backup(db, path.parent, name=_backup_name(path, applied[-1]))
    try:
        db.execute("begin immediate")  # one process migrates at a time
        MIGRATIONS.apply(db)  # re-reads what is pending inside the lock
        db.execute("commit")
    except sqlite3.Error as exc:
        db.rollback()
        raise DatabaseError(f"{path}: cannot update the database schema ({exc})") from None


def _backup_name(path: Path, step: str) -> str:
    stamp = clock.now().strftime("%Y%m%dT%H%M%S%fZ")
    return f"{path.stem}.before-{step}.{stamp}{path.suffix or '.db'}"


def backup(db: Database, folder: str | os.PathLike[str], *, name: str | None = None) -> Path:
    """Copy the database with SQLite's online backup API (safe while others write)."""
    folder = Path(folder).expanduser()
    source = db_path(db)
    target = folder / (name or f"{source.stem}.backup.{clock.now().strftime('%Y%m%dT%H%M%SZ')}{source.suffix or '.db'}")
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd = os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        os.close(fd)
    except OSError as exc:
        raise DatabaseError(f"{target}: cannot write the backup ({exc.strerror})") from None
    dest = sqlite3.connect(str(target))
    try:
        db.conn.backup(dest)
    except sqlite3.Error as exc:
        dest.close()
        target.unlink(missing_ok=True)
        raise DatabaseError(f"{target}: backup failed ({exc})") from None
    dest.close()
    return target


def schema_steps(db: Database) -> list[str]:
    """The migration steps applied to this database, oldest first."""
    from ctotui.core.migrations import MIGRATIONS

    return [m.name for m in MIGRATIONS.applied(db)]


def db_path(db: Database) -> Path:
    return Path(db.conn.execute("pragma database_list").fetchone()[2])
