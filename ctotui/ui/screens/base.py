"""What every area screen shares: the header, the footer, its palette actions."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual._context import active_app
from textual.app import ComposeResult
from textual.events import ScreenResume
from textual.screen import Screen
from textual.widgets import Header

from ctotui.core.errors import CtoError
from ctotui.ui.areas import AREAS
from ctotui.ui.guard import guarded, notify_error
from ctotui.ui.readers import read_then_show
from ctotui.ui.widgets.footer import Footer

if TYPE_CHECKING:
    from sqlite_utils import Database


def area_title(screen_class: type[Screen]) -> str | None:
    """The area a screen class shows, as the header names it (the dashboard is "Home")."""
    wanted = f"{screen_class.__module__}:{screen_class.__qualname__}"
    for a in AREAS:
        if a.screen == wanted:
            return "Home" if a.mode == "dashboard" else a.name
    return None


class AreaScreen(Screen):
    """An area's screen. Override ``load()`` to (re)read what it shows from the
    database: it runs whenever the screen is shown, once the database is open."""

    # (label, help, action) offered in the command palette as "<Area>: <label>"
    PALETTE: ClassVar[list[tuple[str, str, str]]] = []

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Textual restyles the whole app (re-parse, then every node) the first time a
        # mode's screen is shown, because a new screen's CSS count starts at -1. The new
        # screen is styled from the app's current sheet when it mounts, so it is current:
        # saying so saves ~50M instructions at start-up and on each area's first visit.
        # (If a theme change is still pending, its own refresh restyles every screen.)
        app = active_app.get(None)
        if app is not None:
            self._css_update_count = app._css_update_count
        self.sub_title = area_title(type(self))  # the header names the area: "ctotui — Journal"
        self._loaded = asyncio.Event()  # set once a visit's read is on screen (at once: nothing to read)
        if type(self).read is AreaScreen.read:
            self._loaded.set()

    @property
    def db(self) -> Database:
        return self.app.db  # type: ignore[attr-defined]

    _resumed_this_frame = False

    @on(ScreenResume)
    def _area_resumed(self) -> None:
        # A mode's screen gets two ScreenResume on its first visit (Textual sends one
        # when it creates the mode and one when it switches to it): load once for both.
        if self._resumed_this_frame:
            return
        self._resumed_this_frame = True
        self.call_after_refresh(self._resume_done)
        if self.app.db_ready:  # type: ignore[attr-defined]
            self.safe_load()
        else:
            self.watch(self.app, "db_ready", self._when_db_ready, init=False)

    def _resume_done(self) -> None:
        self._resumed_this_frame = False

    def _when_db_ready(self, ready: bool) -> None:
        if ready and self.is_current:
            self.safe_load()

    loads_shown = 0  # how many times data read from the database has been put on screen

    def safe_load(self) -> None:
        """``load()``; a database that cannot be read (damaged, an I/O error) is
        a notice, never a traceback: the screen shows what it had."""
        guarded(self, self.load)

    def load(self) -> None:
        """Read from the database and update the widgets (called on every resume).

        A screen overrides ``read(db)`` (runs in a thread worker on that thread's
        read-only connection, returns frozen data) and ``show(data)`` (runs on the
        UI thread, builds widgets only); a newer load supersedes one still reading."""
        if type(self).read is not AreaScreen.read:  # a screen that reads nothing on resume skips the worker
            self._loaded.clear()
            read_then_show(self, self.read, self._show_read, group="load", failed=self._read_failed)

    async def loaded(self) -> None:
        """Wait until this visit's read is on screen (the palette's actions act on what it shows)."""
        await self._loaded.wait()

    def read(self, db: Database) -> object:
        """What the screen shows, read from ``db`` (in a worker thread: no widgets here)."""
        return None

    def show(self, data: object) -> None:
        """Put what ``read`` returned on screen (on the UI thread: no SQL here)."""

    def _show_read(self, data: object) -> None:
        self.show(data)
        self.loads_shown += 1
        self._loaded.set()

    def _read_failed(self, exc: CtoError) -> None:
        notify_error(self, exc)  # the screen shows what it had
        self._loaded.set()

    def data_changed(self) -> None:
        """Another program or window wrote to the database while this screen is on view:
        read again, keeping the cursor on its item (override when ``load`` does more)."""
        self.load()

    def compose(self) -> ComposeResult:
        yield Header()
        yield from self.compose_body()
        yield Footer()

    def compose_body(self) -> ComposeResult:  # pragma: no cover - overridden
        yield from ()
