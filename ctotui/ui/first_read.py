"""Home read before the opener: the first screen's data on a connection that may not write.

After the first paint the app's opener thread (ui/app.py, ``_open_database``) calls
``read_first`` before it imports the data layer (sqlite-utils, the schema steps, the help
screen...). For a file already at this version's schema it imports only what Home reads
(ui/home_data.py, lazy point 2), opens the file with sqlite3 on a connection that refuses
every write (core/dbread.py's ``QueryOnlyConnection``) and reads the screen there as one
snapshot (``OneRead``), with the saved theme. The app shows it, then opens its own connection,
writes back drafts and seeds new content; ``FirstRead.still_current`` then says whether
anyone committed meanwhile (the screen reads again if so). Anything else (a new or older
file, a read that would write first, a fault) gives None: the screen reads after the opener,
as every screen does, and the opener says what is wrong (docs/architecture.md, "The way data
flows": "Home is read first").
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from ctotui.core import clock
from ctotui.core.errors import CtoError
from ctotui.core.watch import Identity, data_version, file_identity
from ctotui.ui import areas

if TYPE_CHECKING:
    from datetime import datetime

    from ctotui.core.dbfile import Reads


@runtime_checkable
class ReadsFirst(Protocol):
    """A screen the app may read before its opener has run (ui/base.py's AreaScreen, Home's
    ``READS_FIRST``): its ``read`` needs only ``execute`` and is refused any write."""

    READS_FIRST: bool

    def read(self, db: Reads) -> object: ...

    def show_first(self, data: object) -> None: ...

    def first_read_current(self, as_of: tuple[tuple[int, int], datetime]) -> None: ...


@dataclass
class FirstRead:
    """The first read (``read_first``): what it found, and its connection, kept open until the
    opener is done to tell whether anyone committed since."""

    conn: Reads
    version: int  # the connection's data version as the read began: it moves when anyone else commits
    identity: Identity | None  # the file the path named before the read
    began: datetime
    data: Any  # what the screen's read returned
    theme: Any  # the saved theme (None: none saved)

    def still_current(self, opened: Identity | None) -> bool:
        """Nothing was committed since the read began (the opener's own writes included) and the
        app opened the file that was read: what the screen shows is what the file holds."""
        return opened is not None and opened == self.identity and data_version(self.conn) == self.version

    def close(self) -> None:
        self.conn.close()


def read_first(
    screen: ReadsFirst, path: Path, busy_timeout: int, opened: Callable[[sqlite3.Connection], None]
) -> FirstRead | None:
    """``screen``'s data and the saved theme, read before the opener runs (in its thread), or
    None when the file does not allow it. ``opened`` is told of the connection (the app's
    ``connection_opened``)."""
    home = areas.home_data()
    identity = file_identity(path)
    try:
        conn = home.open_current(path, busy_timeout=busy_timeout, query_only=True)
    except CtoError:
        return None
    if conn is None:
        return None
    opened(conn)
    began = clock.now()
    try:
        version = home.data_version(conn)  # before the read: a commit from now on makes the screen read again
        with home.OneRead(conn) as reads:  # one snapshot; a statement asked again is not run again
            data = screen.read(reads)
            theme = home.get_setting(reads, "theme")
    except Exception:  # any failure: the opener's turn, and the screen's own read then reports it
        # a write needed first (WriteNeeded), a storage fault, or data the read cannot take: the
        # ordinary read after the opener meets the same and says it as it always did (a notice);
        # let through, it would end the opener's thread and the database would never open
        conn.close()
        return None
    return FirstRead(conn, version, identity, began, data, theme)
