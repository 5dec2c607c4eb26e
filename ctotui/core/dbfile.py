"""The database file itself: what every command may touch without the schema.

Checking a file before SQLite opens it (``prepare_file``: a regular file with the
SQLite header, created private: file 0600, folder 0700), the limits and errors
every layer names (``MAX_ID``, ``DatabaseError``), the busy timeout, the online
backup, and the connection class that turns sqlite3's storage faults into plain
words. Nothing here imports sqlite-utils or the schema steps: the app's first
paint and the CLI's cheap commands import this module, and ``core/db.py`` (the
opener, which applies the schema steps) only when they open a database.

The connection is a ``StorageConnection``: the one place where sqlite3's
storage faults (locked past the busy timeout, disk full, read-only, I/O
error, damaged file) become ``StorageError`` in plain words, for the CLI and
the app alike. The busy timeout is 10 s, or ``$CTOTUI_BUSY_TIMEOUT_MS``.

A connection may be told to say when it waits (``wait_in_two``, the CLI's opener): a statement
outside a transaction (a write transaction's ``begin immediate``, where it takes the lock, or a
write on its own) waits ``FIRST_WAIT_MS`` for another writer, then tells ``waiting`` (the CLI
prints one line: a command silent for 10 s looked hung), then waits the rest of the timeout.

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
import os
import sqlite3
import stat
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, Protocol

from ctotui.core import clock
from ctotui.core.errors import WORDS, CtoError, StorageError, disk_full, storage_error
from ctotui.core.import_folders import sweep
from ctotui.core.userpath import user_path

try:
    import fcntl
except ImportError:  # pragma: no cover - not on Windows: no import marker there
    fcntl = None  # type: ignore[assignment]  # None stands for "no such module here"

if TYPE_CHECKING:
    from sqlite_utils import Database

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 10_000
MAX_ID = (
    2**31 - 1
)  # ids (rows, command-line arguments, imports) are 1..MAX_ID: the journal's sort key packs them in 32 bits
INT_RANGE = (-(2**63), 2**63 - 1)  # the integers SQLite holds (a larger one cannot be bound, even for a REAL column)
BUSY_TIMEOUT_ENV = "CTOTUI_BUSY_TIMEOUT_MS"
FIRST_WAIT_MS = 500  # a write waits this long for another writer before it says it is waiting (``wait_in_two``)
GIVE_UP_EVERY_MS = 100  # the steps of a wait that someone may end (``wait_in_two``'s ``gives_up``)


class DatabaseError(CtoError):
    """The database cannot be used; the message says which file and why."""


class DamagedDatabase(DatabaseError):
    """SQLite finds the file damaged: it is not opened, and no backup of it is made (see
    damaged_advice); ``ctotui export --salvage`` and ``check --repair`` save what it can still read."""


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


class Rows(Protocol):
    """What a read takes of a statement's result: its rows (a ``sqlite3.Cursor`` is one)."""

    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...

    def __iter__(self) -> Iterator[Any]: ...


class Reads(Protocol):
    """What a read needs of a database: ``execute``. sqlite_utils' Database (core/db.py's
    ``open_db``) has it, and so has a plain connection (core/dbread.py's ``open_current``)
    and one read's view of such a connection (core/dbread.py's ``OneRead``), so the functions
    that only read take any of them."""

    def execute(self, sql: str, parameters: Any = ..., /) -> Rows: ...

    def close(self) -> None: ...


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
    waiting: Callable[[int], Any] | None = None  # told once that a write waits for another (``wait_in_two``)
    wait_ms = 0  # the whole wait then: the busy timeout
    gives_up: Callable[[], bool] | None = None  # asked during that wait's second part: True ends it (``wait_in_two``)

    def execute(self, *args, **kwargs):
        if self.waiting is not None and not self.in_transaction:
            return self.execute_in_two(*args, **kwargs)
        try:
            return super().execute(*args, **kwargs)
        except sqlite3.Error as exc:
            _raise_translated(self, exc)
        except UnicodeDecodeError:  # SQLite's own message quotes bytes of a damaged schema
            raise damaged_text() from None

    def execute_in_two(self, *args, **kwargs) -> sqlite3.Cursor:
        """A statement outside a transaction (``begin immediate`` included, where a write
        transaction takes the lock), waiting for another writer ``FIRST_WAIT_MS``, then, if it
        still holds the lock, telling ``waiting`` (once for the connection) and waiting the rest
        of the busy timeout. The statement did nothing when refused: it runs again as it is."""
        waiting, self.waiting = self.waiting, None  # the statement itself runs as any other
        run = sqlite3.Connection.execute
        run(self, f"pragma busy_timeout = {FIRST_WAIT_MS}")
        try:
            try:
                return self.execute(*args, **kwargs)
            except StorageError as exc:
                if not _busy(exc) or waiting is None:
                    raise
            waiting(self.wait_ms)
            waiting = None  # said: a later wait of this connection is whole and silent
            left = self.wait_ms - FIRST_WAIT_MS
            while (
                True
            ):  # in steps when someone may end the wait (the app closing): SQLite's own wait cannot be cut short
                step = left if self.gives_up is None else min(left, GIVE_UP_EVERY_MS)
                run(self, f"pragma busy_timeout = {step}")
                try:
                    return self.execute(*args, **kwargs)
                except StorageError as exc:
                    left -= step
                    if not _busy(exc) or left <= 0 or (self.gives_up is not None and self.gives_up()):
                        raise
        finally:
            run(self, f"pragma busy_timeout = {self.wait_ms}")
            self.waiting = waiting

    def executemany(self, *args, **kwargs):
        try:
            return super().executemany(*args, **kwargs)
        except sqlite3.Error as exc:
            _raise_translated(self, exc)
        except UnicodeDecodeError:  # SQLite's own message quotes bytes of a damaged schema
            raise damaged_text() from None

    def executescript(self, *args, **kwargs):
        try:
            return super().executescript(*args, **kwargs)
        except sqlite3.Error as exc:
            _raise_translated(self, exc)
        except UnicodeDecodeError:  # SQLite's own message quotes bytes of a damaged schema
            raise damaged_text() from None

    def commit(self):
        try:
            return super().commit()
        except sqlite3.Error as exc:
            _raise_translated(self, exc)


def wait_in_two(
    conn: sqlite3.Connection,
    timeout_ms: int,
    waiting: Callable[[int], Any],
    gives_up: Callable[[], bool] | None = None,
) -> None:
    """Have ``conn`` (a ``StorageConnection``) say when a write waits: a statement outside a
    transaction waits ``FIRST_WAIT_MS`` for another writer, then tells ``waiting(timeout_ms)``
    (once) and waits the rest of ``timeout_ms`` (``StorageConnection.execute_in_two``); with
    ``gives_up``, that rest in steps of ``GIVE_UP_EVERY_MS``, asking it after each (the app's opener
    ends its wait as the app closes: ``Connection.interrupt`` does not end SQLite's wait for a lock).
    A statement inside a transaction, ``executemany`` and ``executescript`` wait whole and silent, as
    before; so does every statement when the timeout is no longer than the first part."""
    if isinstance(conn, StorageConnection) and timeout_ms > FIRST_WAIT_MS:
        conn.waiting, conn.wait_ms, conn.gives_up = waiting, timeout_ms, gives_up


def _busy(exc: StorageError) -> bool:
    return getattr(exc, "sqlite_errorcode", None) == sqlite3.SQLITE_BUSY


def wait_whole(conn: sqlite3.Connection, timeout_ms: int) -> None:
    """Have ``conn`` wait ``timeout_ms`` for another writer, whole and silent (again, after
    ``wait_in_two``): the app's connection, opened with the CLI's wait for its schema steps, then
    waits only briefly for a save (ui/app.py)."""
    sqlite3.Connection.execute(conn, f"pragma busy_timeout = {int(timeout_ms)}")
    if isinstance(conn, StorageConnection):
        conn.waiting, conn.wait_ms, conn.gives_up = None, 0, None


def damaged_text() -> StorageError:
    """The fault of a file whose list of tables holds bytes that are not text: SQLite refuses it as
    malformed, and its message, quoting those bytes, cannot be decoded (a UnicodeDecodeError
    that reached the user as a traceback). It is damage, as SQLITE_CORRUPT is."""
    return StorageError(WORDS["corrupt"], "corrupt")


# SQLite's words when a statement names a table or column the file does not hold, and the table
# where the opener records the schema steps (sqlite-migrate's name: core/migrations.py).
MISSING_SCHEMA = ("no such table:", "no such column:")
STEPS_TABLE = "_sqlite_migrations"


def lost_schema(conn: sqlite3.Connection, exc: sqlite3.Error) -> StorageError | None:
    """The fault ``exc`` means when it is "no such table" or "no such column" on a file that passed
    the opener (``db_file`` set) and no longer holds the opener's record of its schema: the file was
    removed or replaced under the connection (a new, empty one where it was), or is damaged. A
    mistake in the SQL, on a file that still has its schema, is None: sqlite3's own error stays."""
    if getattr(conn, "db_file", None) is None or not isinstance(exc, sqlite3.OperationalError):
        return None
    if not str(exc).startswith(MISSING_SCHEMA):
        return None
    try:
        cursor = sqlite3.Connection.execute(conn, "select 1 from sqlite_master where name = ?", [STEPS_TABLE])
        if cursor.fetchone() is not None:
            return None
    except sqlite3.Error:
        pass  # the file cannot even list its tables: it lost them
    return StorageError(WORDS["missing"], "gone")


def _raise_translated(conn: sqlite3.Connection, exc: sqlite3.Error) -> NoReturn:
    file = getattr(conn, "db_file", None)
    importer = getattr(conn, "importer", False)
    gone = getattr(conn, "gone", None)  # core/watch.py's refuse_writes: the file was removed or replaced
    if gone is not None:
        raise StorageError(gone, "gone") from exc
    if (lost := lost_schema(conn, exc)) is not None:
        raise lost from exc
    error = storage_error(
        exc,
        importing=file is not None and not importer and import_running(file),
        folder=None if file is None else Path(os.path.abspath(file)).parent,
    )
    if error is None or error is exc:
        raise exc
    raise error from exc


def import_marker(path: str | os.PathLike[str]) -> Path:
    path = Path(path)
    return path.with_name(f"{path.name}.importing")


def journal_there(path: str | os.PathLike[str]) -> bool:
    """Whether a file with something in it is at ``path``: no file, or an empty one, is a journal
    yet to start (a command that starts one says so: cli/opening.py; the sync on exit reads none)."""
    try:
        return os.path.isfile(path) and os.path.getsize(path) > 0
    except OSError:
        return False


def who_writes(path: str | os.PathLike[str]) -> str:
    """Who holds the write lock a write waits for, in words: "another ctotui is importing into" (its
    marker is held) or "another program is writing to", the path to follow (the CLI's line, the app's notice)."""
    return "another ctotui is importing into" if import_running(path) else "another program is writing to"


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


# One descriptor per database file, opened to read its header and never closed: closing any
# descriptor of a file drops every POSIX lock this process holds on it, the locks of its SQLite
# connections included (fcntl's rule; SQLite keeps its own descriptors open for that reason).
# Opening and closing the file for each new connection let another process write while this
# one's connection believed it held the lock: the app's worker threads open connections as
# they go, and a concurrent `ctotui add` then saw "database disk image is malformed"
# (tests/cli/test_transfer_concurrency.py).
_HEADER_FDS: dict[tuple[int, int], int] = {}
_HEADER_LOCK = threading.Lock()


def header_but_its_name(path: Path) -> bool:
    """Whether the file's header is SQLite's past its first 16 bytes (SQLite's name for itself, written
    over): a page size SQLite allows, a file format of 1 or 2, and 64, 32, 32 at 21-23 (fixed in
    every SQLite file). Such a file is damaged, not another program's: salvage reads a copy with
    the name put back (core/data/salvage_open.py)."""
    try:
        with path.open("rb") as fh:
            header = fh.read(100)
    except OSError:
        return False
    if len(header) < 100 or header[:16] == SQLITE_HEADER:
        return False
    size = int.from_bytes(header[16:18], "big")
    size = 65536 if size == 1 else size
    return (
        512 <= size <= 65536
        and not size & (size - 1)
        and header[18] in (1, 2)
        and header[19] in (1, 2)
        and header[21:24] == b"\x40\x20\x20"
    )


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


def dangling_link(path: Path) -> str | None:
    """Why ``path`` cannot be used when it is a link whose target is gone (SQLite would call the
    file read-only, and ``info`` would call it a database not made yet), else None."""
    if path.is_symlink() and not path.exists():
        return f"{path}: a link to {os.readlink(path)}, which does not exist; give the file itself"
    return None


def prepare_file(path: Path) -> None:
    """Create the folder (0700) and file (0600) if absent; check the file if present. A file made
    here is new: the folder an import into its name killed part way left beside it goes
    (core/import_folders.py).

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
            if header_but_its_name(path):  # damage, not another program's file: salvage reads it
                raise DamagedDatabase(
                    f"{path}: {WORDS['corrupt']} (its first 16 bytes are written over); left unchanged"
                )
            raise DatabaseError(
                f"{path}: not a SQLite database (it does not start with the SQLite header); left unchanged"
            )
        return
    if (gone := dangling_link(path)) is not None:
        raise DatabaseError(gone)
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
    sweep(path.parent, path.name)  # a new file: what an import into its name killed part way left goes


def unwritable(path: Path) -> str | None:
    """Why nothing can be saved to the existing database file at ``path``, or None when it can.

    SQLite writes beside the file (its ``-wal``, ``-shm`` or ``-journal``), so the folder must be
    writable as well as the file: a folder on a file system mounted read-only, or one this user
    may not write, is named; then a file this user may not write. (root may write any file on
    a writable file system, so for root only read-only media count.)"""
    folder = Path(os.path.abspath(path)).parent
    if _mounted_read_only(folder) or not os.access(folder, os.W_OK | os.X_OK):
        return f"the folder {folder} is read-only: nothing can be saved"
    if not os.access(path, os.W_OK):
        return "the file is read-only: nothing can be saved to it"
    return None


def _mounted_read_only(folder: Path) -> bool:
    """Whether ``folder`` is on a file system mounted read-only (a CD, a locked card, a ro mount)."""
    statvfs = getattr(os, "statvfs", None)  # not on Windows
    if statvfs is None:
        return False
    try:
        return bool(statvfs(folder).f_flag & os.ST_RDONLY)
    except OSError:
        return False


def read_only_uri(path: Path) -> str:
    """SQLite's URI to open ``path`` so that nothing can be written to it (``mode=ro``).

    A WAL database needs its ``-shm`` file to be read, and creates it beside the file when it is
    missing: on read-only media it cannot, and SQLite answers "unable to open" (sqlite.org/wal.html,
    "Read-Only Databases"). There ``immutable=1`` lets SQLite read the file alone, without locks
    or the ``-shm``: safe on a file system mounted read-only, which nobody can write while it is
    read, and only when no ``-wal`` or ``-journal`` beside the file holds changes, which SQLite
    would then ignore (rows saved last would be silently missing). A ``-wal`` with changes on
    read-only media is read with its ``-shm`` when both are there, and refused when the ``-shm``
    is missing (SQLite cannot read it), with what to do.

    A folder this user may not write on a writable file system (another user's, or one made
    read-only with chmod) stops SQLite creating the ``-shm`` just the same. There the file is read
    with ``immutable=1`` only when no ``-wal``, ``-shm`` or ``-journal`` is beside it: then no
    program has it open to write at this moment (a WAL database keeps its ``-wal`` and ``-shm``
    while any connection is open). Otherwise ``mode=ro`` reads it through them. (A writer that
    opens it while this command reads could make the read fail, never change the file.)

    A full disk (``errors.disk_full``) has no room for the ``-shm`` either: the file is read with
    ``immutable=1`` when no ``-wal`` or ``-journal`` holds changes (an attempt to open it may have
    left an empty ``-wal`` and a stub ``-shm``; hardly anything can be written there meanwhile)."""
    folder = Path(os.path.abspath(path)).parent
    uri = f"{Path(os.path.abspath(path)).as_uri()}?mode=ro"
    wal, shm = path.with_name(f"{path.name}-wal"), path.with_name(f"{path.name}-shm")
    journal = path.with_name(f"{path.name}-journal")
    if not _mounted_read_only(folder):
        if disk_full(folder) and not _holds_changes(wal) and not _holds_changes(journal):
            return f"{uri}&immutable=1"
        if not os.access(folder, os.W_OK | os.X_OK) and not any(f.exists() for f in (wal, shm, journal)):
            return f"{uri}&immutable=1"
        return uri
    if _holds_changes(wal) and not shm.exists():
        raise DatabaseError(
            f"{path}: its latest changes are in {wal.name}, which cannot be read on read-only media "
            f"without {shm.name}; copy the database and {wal.name} to a writable folder and open the copy"
        )
    if _holds_changes(wal) or _holds_changes(journal):
        return uri
    return f"{uri}&immutable=1"


def _holds_changes(side_file: Path) -> bool:
    try:
        return side_file.stat().st_size > 0
    except OSError:
        return False


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


TEMP_MARK = ".partial-"  # a file whose name holds this is being written; never a finished copy


def backup(db: Database, folder: str | os.PathLike[str], *, name: str | None = None) -> Path:
    """Copy the database with SQLite's online backup API (safe while others write).

    The copy is written under a temporary name in ``folder`` (``.NAME.partial-PID``),
    made self-contained (no -wal beside it), checked with ``PRAGMA quick_check``
    and only then renamed to its name: a failure or a kill leaves no file that
    looks like a finished backup. ``folder`` is created (0700) if absent, not its parents.
    A database that SQLite finds damaged is refused (the copy would be damaged too).
    """
    folder = user_path(folder)
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


def db_path(db: Reads) -> Path:
    """The file ``db`` reads (sqlite_utils' Database or a plain connection)."""
    return Path(db.execute("pragma database_list").fetchone()[2])


@contextlib.contextmanager
def snapshot(db: Database) -> Iterator[None]:
    """Read everything from one snapshot of the database (a read transaction)."""
    if db.conn.in_transaction:
        yield
        return
    db.execute("begin")
    try:
        yield
    finally:
        if db.conn.in_transaction:
            db.execute("commit")
