"""Noticing that someone else wrote to the database: the CLI, another ctotui window, an import.

SQLite's ``pragma data_version`` is per connection: on the connection that asks,
its value changes only when *another* connection has committed since it was last
asked. ``ChangeWatcher`` reads it on a connection of its own (a thread can poll it
without touching the app's connection), which also sees the app's own commits;
``data_version`` on the app's connection then says cheaply whether a change came
from elsewhere, so the app's own writes cause no reload.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

from ctotui.core.errors import StorageError

if TYPE_CHECKING:
    from sqlite_utils import Database

    from ctotui.core.dbfile import Reads

Identity = tuple[int, int]  # (st_dev, st_ino): which file a path names

# SQLite's authorizer codes (sqlite.org/c3ref/c_alter_table.html) a statement may use on a
# connection whose file is gone: reading, and ending or rolling back a transaction.
_READS = {
    19,  # SQLITE_PRAGMA (pragma database_list names the folder for drafts kept aside)
    20,  # SQLITE_READ
    21,  # SQLITE_SELECT
    22,  # SQLITE_TRANSACTION
    31,  # SQLITE_FUNCTION
    32,  # SQLITE_SAVEPOINT
    33,  # SQLITE_RECURSIVE
}


def file_identity(path: str | Path) -> Identity | None:
    """Which file ``path`` names now (device, inode), or None when it names none."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_dev, st.st_ino


def gone_words(path: str | Path) -> str:
    """What the app says, once, when the database file was removed or replaced under it."""
    return (
        f"the database file {path} was removed or replaced while the app ran: nothing more is saved to it; "
        "what you type stays in its form (drafts go beside it). Quit and open it again"
    )


def gone_error(path: str | Path) -> StorageError:
    """The fault a read or a write meets once the file is gone (``kind`` "gone")."""
    return StorageError(gone_words(path), "gone")


def _reads_only(action: int, *_: object) -> int:
    return sqlite3.SQLITE_OK if action in _READS else sqlite3.SQLITE_DENY


def refuse_writes(db: Database, path: str | Path) -> None:
    """Make ``db``'s connection refuse every write from now on, each with ``gone_error``'s
    words (core/dbfile.py translates SQLite's "not authorized"): its file is no longer the one
    at ``path``. Reads of the old file still work (a form's own draft, the folder's name)."""
    db.conn.gone = gone_words(path)  # type: ignore[attr-defined]  # read by dbfile's translation
    db.conn.set_authorizer(_reads_only)


def data_version(db: Reads) -> int:
    """The connection's data version: it moves only when another connection commits."""
    return db.execute("pragma data_version").fetchone()[0]


class ChangeWatcher:
    """A read-only connection of its own that says when the database file was written,
    and whether ``path`` still names the file it was opened on (``identity``)."""

    def __init__(self, path: str | Path, identity: Identity | None = None) -> None:
        self.path = path
        self.identity = identity
        uri = f"file:{quote(str(Path(path).resolve()))}?mode=ro"
        self._conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
        self._last = self._version()

    def _version(self) -> int:
        return self._conn.execute("pragma data_version").fetchone()[0]

    def changed(self) -> bool:
        """True once after each commit by any other connection (the app's own included);
        False when nothing was written, or the file could not be read this time."""
        try:
            now = self._version()
        except sqlite3.Error:  # busy or being replaced: ask again next time
            return False
        if now == self._last:
            return False
        self._last = now
        return True

    def replaced(self) -> bool:
        """True when ``path`` no longer names the file the app opened (removed or replaced)."""
        return self.identity is not None and file_identity(self.path) != self.identity

    def close(self) -> None:
        self._conn.close()


def open_watcher(path: str | Path, identity: Identity | None = None) -> ChangeWatcher | None:
    """A watcher on the file at ``path``, or None if it cannot be opened (nothing is watched then)."""
    try:
        return ChangeWatcher(path, identity)
    except sqlite3.Error:
        return None
