"""Errors a user can cause or fix. Their message is shown as it is: one plain line."""

from __future__ import annotations

import os
import sqlite3
from typing import Any


class CtoError(Exception):
    """A problem to tell the user about (CLI: stderr and exit 2; TUI: a notification)."""


class NotFound(CtoError):
    """An id or key that does not exist."""


class StorageError(CtoError, sqlite3.OperationalError):
    """The database refused a read or a write for a reason outside the user's text:
    locked by another program past the busy timeout, a full disk, a read-only
    file, an I/O error, a damaged file.

    Raised by the connection itself (core.db's ``StorageConnection``) in place
    of sqlite3's error, so every caller gets it without a special case. It is
    also a ``sqlite3.OperationalError``: code that catches sqlite3's errors
    (rollbacks, savepoints) keeps working. ``kind`` is one of ``busy``,
    ``full``, ``readonly``, ``io``, ``corrupt``, ``gone`` (the file was removed or
    replaced while open: core/watch.py); ``transient`` says whether waiting can help
    (every kind but ``corrupt`` and ``gone``).
    """

    def __init__(self, message: str, kind: str) -> None:
        super().__init__(message)
        self.kind = kind

    @property
    def transient(self) -> bool:
        return self.kind not in ("corrupt", "gone")


class Conflict(CtoError):
    """A row changed since the form that edits it was opened (compare-and-set failed).

    ``theirs`` is the row as it is now (None when it was deleted meanwhile).
    """

    def __init__(self, message: str, theirs: Any) -> None:
        super().__init__(message)
        self.theirs = theirs


def check_unchanged(what: str, expected: Any, current: Any, fields: tuple[str, ...] = ()) -> Any:
    """Compare-and-set's compare: raise Conflict unless ``current`` (read under
    the write lock) is still ``expected`` (read when the editor opened), in
    every field or in ``fields`` (the ones an editor shows); a row with
    ``deleted_at`` set counts as gone. ``expected`` None: no check. Returns
    ``current``."""
    if expected is None:
        return current
    if getattr(current, "deleted_at", None) is not None:
        raise Conflict(f"{what} was deleted since you opened it", None)
    if fields:
        changed = any(getattr(current, name) != getattr(expected, name) for name in fields)
    else:
        changed = current != expected
    if changed:
        raise Conflict(f"{what} changed since you opened it", current)
    return current


# SQLite's primary result codes (the low byte of an extended code) that mean
# "the storage refused", with the plain words shown for each.
_KINDS = {
    5: "busy",  # SQLITE_BUSY
    6: "busy",  # SQLITE_LOCKED
    13: "full",  # SQLITE_FULL
    8: "readonly",  # SQLITE_READONLY
    3: "readonly",  # SQLITE_PERM
    10: "io",  # SQLITE_IOERR
    14: "io",  # SQLITE_CANTOPEN
    11: "corrupt",  # SQLITE_CORRUPT
    26: "corrupt",  # SQLITE_NOTADB
}
WORDS = {
    "busy": "the database is locked: another program (an import, a backup, another ctotui) is writing to it",
    "importing": "waiting for the import to finish: another ctotui is importing into this database",
    "full": "the disk is full (or the database reached its size limit)",
    "readonly": "the database file is read-only: nothing can be saved to it",
    "io": "the disk reported an input/output error",
    "missing": "the database file no longer holds ctotui's tables: it was removed or replaced while in use, or is damaged; quit and open it again",
    "corrupt": "the database file is damaged: `ctotui export --salvage -o FILE` saves what can still be read; `ctotui check --repair` tries to mend it",
}


FULL_BELOW = 1024 * 1024  # bytes free under which an I/O error is taken for a full disk


def disk_full(folder: str | os.PathLike[str]) -> bool:
    """Whether the file system holding ``folder`` has (almost) no space left for this user."""
    statvfs = getattr(os, "statvfs", None)  # not on Windows
    if statvfs is None:
        return False
    try:
        st = statvfs(folder)
    except OSError:
        return False
    return st.f_bavail * st.f_frsize < FULL_BELOW


def storage_error(
    exc: sqlite3.Error, *, importing: bool = False, folder: str | os.PathLike[str] | None = None
) -> StorageError | None:
    """The StorageError that ``exc`` means, or None if it is not a storage fault
    (a constraint, a bug in SQL: those stay sqlite3's own errors).

    ``folder``: where the database is. SQLite reports a full disk as SQLITE_FULL only when it
    grows the database or its journal; when it cannot size its shared-memory file (``-shm``,
    which every connection to a WAL file maps), it says SQLITE_IOERR. An I/O error on a file
    system with (almost) no space left is taken for what it is: the disk is full."""
    if isinstance(exc, StorageError):
        return exc
    code = getattr(exc, "sqlite_errorcode", None)  # absent on errors sqlite3 raises itself
    if not isinstance(code, int) or (kind := _KINDS.get(code & 0xFF)) is None:
        return None
    if kind == "io" and folder is not None and disk_full(folder):
        kind = "full"
    words = WORDS["importing" if kind == "busy" and importing else kind]
    error = StorageError(words, kind)
    error.sqlite_errorcode = code
    error.sqlite_errorname = getattr(exc, "sqlite_errorname", "")
    return error
