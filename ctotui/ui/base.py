"""What every area screen shares: the header, the footer, its palette actions."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.events import ScreenResume, ScreenSuspend
from textual.screen import Screen

from ctotui.core import clock
from ctotui.core.errors import CtoError
from ctotui.ui.appdb import app_of, db_of
from ctotui.ui.areas import AREAS
from ctotui.ui.guard import guarded, notify_error
from ctotui.ui.readers import read_then_show
from ctotui.ui.restyle import StyleBasis, breakpoints_now, style_basis
from ctotui.ui.widgets.footer import Footer
from ctotui.ui.widgets.format_keys import ready_for_typed_ahead
from ctotui.ui.widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from datetime import datetime

    from sqlite_utils import Database

# A repeat visit with nothing written since the last read shows what the screen has,
# unless that read is older than this: what a screen shows can depend on the clock too
# (cards due now, "this week", "2 min ago"). A new day always reads again.
FRESH_FOR_SECONDS = 60


def area_title(screen_class: type[Screen]) -> str | None:
    """The area a screen class shows, as the header names it."""
    wanted = f"{screen_class.__module__}:{screen_class.__qualname__}"
    for a in AREAS:
        if a.screen == wanted:
            return a.name
    return None


class AreaScreen(Screen):
    """An area's screen. Override ``load()`` to (re)read what it shows from the
    database: it runs whenever the screen is shown, once the database is open."""

    # (label, help, action) offered in the command palette as "<Area>: <label>"
    PALETTE: ClassVar[list[tuple[str, str, str]]] = []

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        breakpoints_now(self)
        self.sub_title = area_title(type(self))  # the header names the area: "ctotui — Journal"
        self._away = True  # not shown since it last read the database (or never shown)
        # (the app's change token, when) as the read now on screen began: a repeat visit
        # with the same token, the same day and within FRESH_FOR_SECONDS skips its read
        self._read_as_of: tuple[tuple[int, int], datetime] | None = None
        self._loaded = asyncio.Event()  # set once a visit's read is on screen (at once: nothing to read)
        self._styled_from: StyleBasis | None = None  # what the screen was styled from as it last came on view
        if type(self).read is AreaScreen.read:
            self._loaded.set()

    @property
    def db(self) -> Database:
        return db_of(self)

    def on_mount(self) -> None:
        self.app.theme_changed_signal.subscribe(self, self._theme_changed)

    def _theme_changed(self, _theme: object) -> None:
        """Lists and cards are drawn in the theme's colours as they are shown (ui/widgets/colors.py):
        a new theme shows the screen on view again, and any other the next time it comes on view.
        Without it the screen on view kept the old theme's colours: the people list's dark-theme
        yellow on the light theme's grey (1.1:1)."""
        self._read_as_of = None  # the next visit reads and shows again
        if app_of(self).db_ready and self.is_current:
            self.safe_load()

    @on(ScreenSuspend)
    def _area_suspended(self) -> None:
        self._away = True
        # What the screen is styled from as it goes, the widgets mounted during the visit included,
        # when the sheet was not parsed again during the visit (else some nodes may have been styled
        # from one sheet, some from another: the next visit restyles them all).
        styled = self._styled_from
        if styled is not None and styled.sheet is self.app.stylesheet.rules:
            self._styled_from = style_basis(self)
        else:
            self._styled_from = None

    @on(ScreenResume)
    def _area_resumed(self, event: ScreenResume) -> None:
        # Read again when coming back after being away (another area, a dialog on top).
        # A resume with no suspend before it has nothing new to show: Textual sends a
        # mode's screen two resumes on its first visit (one as it creates the mode, one
        # as it switches to it), back to back, and the screen reads the database once for
        # both. Textual's own handling of the second (restyle every node, lay out, draw)
        # redoes the first's: prevented (~20 ms of a first visit, docs/performance.md).
        if not self._away:
            event.prevent_default()
            return
        self._away = False
        # Textual then restyles every node of the screen: on a repeat visit, only when something
        # it is styled from changed while it was away (~15-25 ms of CPU a visit, and a second
        # layout; ui/restyle.py; tests/app/test_shell.py compares the nodes with a full restyle).
        basis = style_basis(self)
        if basis.same_as(self._styled_from):
            event.refresh_styles = False
            self.restyles_skipped += 1
        self._styled_from = basis
        if app_of(self).db_ready:
            self.resume_load()
        else:
            self.watch(self.app, "db_ready", self._when_db_ready, init=False)
        # the keys typed after this area's key, in the same read, come once it is drawn and focused
        self.call_after_refresh(ready_for_typed_ahead, self)

    def _when_db_ready(self, ready: bool) -> None:
        if ready and self.is_current:
            self.resume_load()

    def resume_load(self) -> None:
        """A visit: read again, unless nothing was written since the read on screen began
        (the app's change token: any write by the app, the CLI or another process moves
        it) and that read is recent and of today. Explicit ``load()`` calls always read."""
        if self.unchanged_since_read():
            self.loads_skipped += 1
            self.apply_pending_item()
            return
        self.safe_load()

    def unchanged_since_read(self) -> bool:
        """True when what the screen shows was read after the database's last write,
        today and less than ``FRESH_FOR_SECONDS`` ago (the screen need not read again)."""
        as_of = self.read_as_of
        if as_of is None:
            return False
        token, when = as_of
        now = clock.now()
        if token != app_of(self).change_token() or now.astimezone().date() != when.astimezone().date():
            return False
        return 0 <= (now - when).total_seconds() < FRESH_FOR_SECONDS

    @property
    def read_as_of(self) -> tuple[tuple[int, int], datetime] | None:
        """The change token and time as the read on screen began; None: nothing read yet."""
        return self._read_as_of

    def read_began(self) -> tuple[tuple[int, int], datetime] | None:
        """The change token and time as a read begins (None: the database cannot say)."""
        token = app_of(self).change_token()
        return None if token is None else (token, clock.now())

    def read_shown(self, as_of: tuple[tuple[int, int], datetime] | None) -> None:
        """A read that began at ``as_of`` is on screen: a repeat visit may skip reading if nothing changed since."""
        self._read_as_of = as_of
        app_of(self).first_data_shown(first_of_screen=not self.shown_once)
        self.shown_once = True

    shown_once = False  # a read of this screen has been put on screen

    loads_begun = 0  # how many reads ``load()`` started (a superseded one included)
    loads_shown = 0  # how many times data read from the database has been put on screen
    loads_skipped = 0  # visits that found nothing written since the last read, and did not read
    restyles_skipped = 0  # visits that found nothing the screen is styled from changed, and did not restyle it

    def safe_load(self) -> None:
        """``load()``; a database that cannot be read (damaged, an I/O error) is
        a notice, never a traceback: the screen shows what it had."""
        guarded(self, self.load)
        self.apply_pending_item()

    # --- "this week" actions open their item (core/coach/actions.py's Action.item) ----------

    pending_item: str | None = None

    def open_item(self, item: str) -> None:
        """Put the cursor on ``item`` now if the screen shows it, else once its data is loaded."""
        self.pending_item = item
        self.call_after_refresh(self.apply_pending_item)

    def apply_pending_item(self) -> None:
        item = self.pending_item
        if item is not None and guarded(self, self.focus_item, item):
            self.pending_item = None

    def focus_item(self, item: str) -> bool:
        """Show and focus ``item``; False while it is not on screen yet. The default: the screen is enough."""
        return True

    def load(self) -> None:
        """Read from the database and update the widgets (called on every resume).

        A screen overrides ``read(db)`` (runs in a thread worker on that thread's
        read-only connection, returns frozen data) and ``show(data)`` (runs on the
        UI thread, builds widgets only); a newer load supersedes one still reading."""
        self.loads_begun += 1
        if type(self).read is not AreaScreen.read:  # a screen that reads nothing on resume skips the worker
            self._loaded.clear()
            self._read_as_of = None  # until this read is on screen, a visit reads again
            as_of = self.read_began()
            read_then_show(
                self, self.read, lambda data: self._show_read(data, as_of), group="load", failed=self._read_failed
            )

    async def loaded(self) -> None:
        """Wait until this visit's read is on screen (the palette's actions act on what it shows)."""
        await self._loaded.wait()

    def read(self, db: Database) -> Any:
        """What the screen shows, read from ``db`` (in a worker thread: no widgets here)."""
        return None

    def show(self, data: Any) -> None:
        """Put what ``read`` returned on screen (on the UI thread: no SQL here)."""

    # The app may read this screen before its opener runs (ui/first_read.py's ``ReadsFirst``): ``read``
    # then gets a plain connection that refuses writes. Home sets it; its read writes nothing.
    READS_FIRST: ClassVar[bool] = False
    _first_shown: int | None = None  # loads_begun when the app's first read was shown

    def show_first(self, data: object) -> None:
        """The app's read of this screen, made before its opener ran, on screen: with no change
        token yet (the database's own connection was not open), so a visit reads again unless
        ``first_read_current`` says nothing was written since."""
        self._first_shown = self.loads_begun
        self._show_read(data, None)

    def first_read_current(self, as_of: tuple[tuple[int, int], datetime]) -> None:
        """The app found nothing written since the first read began: ``as_of`` (the change token
        once the database's connection opened, the read's start) stands for it, unless the screen
        began a read of its own meanwhile (that one's result counts)."""
        if self._first_shown is not None and self._first_shown == self.loads_begun and self._read_as_of is None:
            self._read_as_of = as_of

    def _show_read(self, data: object, as_of: tuple[tuple[int, int], datetime] | None) -> None:
        self.show(data)
        self.read_shown(as_of)
        self.loads_shown += 1
        self._loaded.set()
        self.apply_pending_item()  # a "this week" action's item, now that it is on screen

    def _read_failed(self, exc: CtoError) -> None:
        notify_error(self, exc)  # the screen shows what it had
        self._loaded.set()
        app_of(self).first_data_shown()

    def data_changed(self) -> None:
        """Another program or window wrote to the database while this screen is on view:
        read again, keeping the cursor on its item (override when ``load`` does more)."""
        self.load()

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield from self.compose_body()
        yield Footer()

    def compose_body(self) -> ComposeResult:  # pragma: no cover - overridden
        yield from ()
