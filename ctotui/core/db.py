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
import errno
import functools
import os
import sqlite3
import stat
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from ctotui.core import clock
from ctotui.core.errors import WORDS, CtoError, StorageError, storage_error

try:
    import fcntl
except ImportError:  # pragma: no cover - not on Windows: no import marker there
    fcntl = None  # type: ignore[assignment]  # None stands for "no such module here"

if TYPE_CHECKING:
    from sqlite_utils import Database

# sqlite_utils (and the migrations built on it) cost ~90 ms to import; this
# module imports them only when a database is opened, so checking a file
# (`prepare_file`) and starting the app's first paint stay fast.

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 10_000
MAX_ID = (
    2**31 - 1
)  # ids (rows, command-line arguments, imports) are 1..MAX_ID: the journal's sort key packs them in 32 bits
BUSY_TIMEOUT_ENV = "CTOTUI_BUSY_TIMEOUT_MS"


class DatabaseError(CtoError):
    """The database cannot be used; the message says which file and why."""


class DamagedDatabase(DatabaseError):
    """SQLite finds the file damaged: no backup of it is made (see damaged_advice)."""


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
    importer = False  # this connection runs an import (core.db.importing)

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
    importer = getattr(conn, "importer", False)
    error = storage_error(exc, importing=file is not None and not importer and import_running(file))
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
        if isinstance(db.conn, StorageConnection):  # as open_db made it
            db.conn.importer = True  # its own faults are not "waiting for the import"
        yield
    finally:
        if isinstance(db.conn, StorageConnection):
            db.conn.importer = False
        os.close(fd)


def open_db(
    path: str | os.PathLike[str], *, migrate: bool = True, read_only: bool = False, busy_timeout: int | None = None
) -> Database:
    """Open (creating if needed) and migrate the database at ``path``.

    ``read_only``: an existing file, opened so that nothing can be written
    (SQLite's ``mode=ro``; no migration, no journal mode change).

    ``busy_timeout`` (milliseconds) is how long a write waits for another
    writer before it fails; by default ``busy_timeout_ms()``."""
    from ctotui.core.migrations import known_steps

    path = Path(path).expanduser()
    if read_only and not path.exists():
        raise DatabaseError(f"{path}: no database there")
    prepare_file(path)
    timeout = busy_timeout_ms() if busy_timeout is None else busy_timeout
    try:
        if read_only:
            uri = f"{Path(os.path.abspath(path)).as_uri()}?mode=ro"
            conn = sqlite3.connect(
                uri, uri=True, timeout=timeout / 1000, check_same_thread=False, factory=StorageConnection
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
        db = _database_class()(conn, execute_plugins=False)
        if migrate and not read_only:
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


# One descriptor per database file, opened to read its header and never closed: closing any
# descriptor of a file drops every POSIX lock this process holds on it, the locks of its SQLite
# connections included (fcntl's rule; SQLite keeps its own descriptors open for that reason).
# Opening and closing the file for each new connection let another process write while this
# one's connection believed it held the lock: the app's worker threads open connections as
# they go, and a concurrent `ctotui add` then saw "database disk image is malformed"
# (tests/cli/test_transfer_concurrency.py).
_HEADER_FDS: dict[tuple[int, int], int] = {}
_HEADER_LOCK = threading.Lock()


def _read_header(path: Path) -> bytes:
    """The file's first bytes, read through a descriptor kept open for the process's life."""
    st = path.stat()
    key = (st.st_dev, st.st_ino)
    with _HEADER_LOCK:
        fd = _HEADER_FDS.get(key)
        if fd is None:
            fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
            _HEADER_FDS[key] = fd
    return os.pread(fd, len(SQLITE_HEADER), 0)


def prepare_file(path: Path) -> None:
    """Create the folder (0700) and file (0600) if absent; check the file if present.

    Cheap (no SQLite, no sqlite_utils): the CLI runs it before the app starts.
    Only a regular file is opened: a FIFO or a device would hang or never end.
    """
    try:
        mode = path.stat().st_mode
    except (FileNotFoundError, NotADirectoryError):
        mode = None
    except OSError as exc:
        raise DatabaseError(f"{path}: cannot read the database ({exc.strerror})") from None
    if mode is not None and stat.S_ISDIR(mode):
        raise DatabaseError(f"{path}: is a folder, not a database file")
    if mode is not None and not stat.S_ISREG(mode):
        raise DatabaseError(f"{path}: not a regular file (a device, pipe or socket); give a database file")
    if mode is not None:
        try:
            header = _read_header(path)
        except OSError as exc:
            raise DatabaseError(f"{path}: cannot read the database ({exc.strerror})") from None
        if header and header != SQLITE_HEADER:
            raise DatabaseError(
                f"{path}: not a SQLite database (it does not start with the SQLite header); left unchanged"
            )
        return
    try:
        make_private_folder(path.parent)
    except OSError as exc:
        raise DatabaseError(f"{path.parent}: cannot create the data folder ({exc.strerror})") from None
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except FileExistsError:
        return  # another process created it a moment ago; it will be checked by SQLite
    except OSError as exc:
        raise DatabaseError(f"{path}: cannot create the database ({exc.strerror})") from None
    os.close(fd)


def make_private_folder(folder: Path, *, parents: bool = True) -> None:
    """Create ``folder`` (and, with ``parents``, each missing folder above it),
    every one it creates mode 0700 whatever the umask. Existing folders are left as they are."""
    folder = Path(os.path.abspath(folder))
    missing = []
    while not folder.exists():
        missing.append(folder)
        if folder.parent == folder:
            break
        folder = folder.parent
    if len(missing) > 1 and not parents:
        raise FileNotFoundError(errno.ENOENT, "no such folder", str(missing[-1]))
    for level in reversed(missing):
        try:
            level.mkdir(mode=0o700)
        except FileExistsError:
            if not level.is_dir():
                raise
            continue  # made a moment ago by another process: it sets the mode
        os.chmod(level, 0o700)  # mkdir's mode is filtered by the umask


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
        raise DatabaseError(f"{path}: not a usable SQLite database ({exc}); left unchanged") from None
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
        mode = conn.execute("pragma journal_mode = wal").fetchone()[0]
        conn.execute("pragma synchronous = full")
    except sqlite3.Error as exc:
        raise DatabaseError(f"{path}: cannot use the database ({exc})") from None
    if mode.lower() != "wal":
        raise DatabaseError(f"{path}: cannot switch the database to WAL mode (got {mode}); is the folder writable?")


def _migrate(db: Database, path: Path, applied: list[str]) -> None:
    from ctotui.core.migrations import migration_set

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


TEMP_MARK = ".partial-"  # a file whose name holds this is being written; never a finished copy


def backup(db: Database, folder: str | os.PathLike[str], *, name: str | None = None) -> Path:
    """Copy the database with SQLite's online backup API (safe while others write).

    The copy is written under a temporary name in ``folder`` (``.NAME.partial-PID``),
    made self-contained (no -wal beside it), checked with ``PRAGMA quick_check``
    and only then renamed to its name: a failure or a kill leaves no file that
    looks like a finished backup. ``folder`` is created (0700) if absent, not its parents.
    A database that SQLite finds damaged is refused (the copy would be damaged too).
    """
    folder = Path(folder).expanduser()
    source = db_path(db)
    target = folder / (name or f"{source.stem}.backup.{clock.now().strftime('%Y%m%dT%H%M%SZ')}{source.suffix or '.db'}")
    temp = folder / f".{target.name}{TEMP_MARK}{os.getpid()}"
    try:
        make_private_folder(folder, parents=False)
        fd = os.open(temp, os.O_CREAT | os.O_TRUNC | os.O_WRONLY, 0o600)
        os.close(fd)
    except OSError as exc:
        raise DatabaseError(f"{target}: cannot write the backup ({exc.strerror})") from None
    try:
        _copy_checked(db, temp, target)
        try:
            os.link(temp, target)  # the finished name appears whole, and never replaces another file
        except FileExistsError:
            raise DatabaseError(f"{target}: already exists; nothing was overwritten") from None
        except OSError:
            if target.exists():
                raise DatabaseError(f"{target}: already exists; nothing was overwritten") from None
            os.replace(temp, target)  # a file system without hard links
    except OSError as exc:
        raise DatabaseError(f"{target}: cannot write the backup ({exc.strerror or exc})") from None
    finally:
        temp.unlink(missing_ok=True)
    return target


def _copy_checked(db: Database, temp: Path, target: Path) -> None:
    # A connection inside its own write transaction cannot be the backup's source
    # (the backup waits for that transaction for ever): read the file from another.
    source = sqlite3.connect(str(db_path(db))) if db.conn.in_transaction else db.conn
    dest = sqlite3.connect(str(temp))
    try:
        source.backup(dest)
        dest.execute("pragma journal_mode = delete")  # one self-contained file
        problems = [r for (r,) in dest.execute("pragma quick_check").fetchall() if r != "ok"]
        if problems:
            raise DamagedDatabase(damaged_advice(db_path(db), problems[0]))
    except sqlite3.DatabaseError as exc:
        if isinstance(exc, sqlite3.OperationalError) and "malformed" not in str(exc):
            raise DatabaseError(f"{target}: backup failed ({exc}); nothing was written") from None
        raise DamagedDatabase(damaged_advice(db_path(db), str(exc))) from None
    finally:
        dest.close()
        if source is not db.conn:
            source.close()
    with open(temp, "rb") as fh:
        os.fsync(fh.fileno())


def damaged_advice(path: Path, problem: str) -> str:
    """What to say about a damaged database: no backup of it, and where to go from there."""
    lines = [line for line in problem.splitlines() if line.strip() and not line.startswith("***")]
    problem = (lines[0] if lines else problem)[:120]
    return (
        f"{path}: the database is damaged ({problem}), so no backup was made (it would be damaged too). "
        "Save what can still be read with `ctotui export --salvage -o FILE`, "
        "or try `ctotui check --repair`"
    )


def schema_steps(db: Database) -> list[str]:
    """The migration steps applied to this database, oldest first."""
    from ctotui.core.migrations import migration_set

    return [m.name for m in migration_set().applied(db)]


def db_path(db: Database) -> Path:
    return Path(db.conn.execute("pragma database_list").fetchone()[2])
