"""Noticing that someone else wrote to the database: the CLI, another ctotui window, an import.

SQLite's ``pragma data_version`` is per connection: on the connection that asks,
its value changes only when *another* connection has committed since it was last
asked. ``ChangeWatcher`` reads it on a connection of its own (a thread can poll it
without touching the app's connection), which also sees the app's own commits;
``data_version`` on the app's connection then says cheaply whether a change came
from elsewhere, so the app's own writes cause no reload.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

if TYPE_CHECKING:
    from sqlite_utils import Database


def data_version(db: Database) -> int:
    """The connection's data version: it moves only when another connection commits."""
    return db.execute("pragma data_version").fetchone()[0]


class ChangeWatcher:
    """A read-only connection of its own that says when the database file was written."""

    def __init__(self, path: str | Path) -> None:
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

    def close(self) -> None:
        self._conn.close()


def open_watcher(path: str | Path) -> ChangeWatcher | None:
    """A watcher on the file at ``path``, or None if it cannot be opened (nothing is watched then)."""
    try:
        return ChangeWatcher(path)
    except sqlite3.Error:
        return None
