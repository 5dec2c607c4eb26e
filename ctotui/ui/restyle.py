"""One whole-app restyle per change of style, not one per mode's first visit.

Textual restyles every node of every screen (``App.refresh_css``) on a mode's first visit,
twice, and after a theme change; a new screen was already styled from the current sheet as it
mounted. ``RestylesOnce`` (the app's base) notes the style state each screen was styled with
and skips a restyle that would change nothing (docs/performance.md: ~25-50 ms of CPU a first
visit); ``mode_screen`` wraps an area's screen factory so a new mode's screen is noted.
The areas' own sheets are read together, once, after the first screen shows its data
(``first_data_shown``), so a first visit finds its sheet read and Home's data is not held back.
Public API only: ``refresh_css`` is Textual's public method, overridden.
"""

from __future__ import annotations

import gc
import weakref
from collections.abc import Callable
from pathlib import Path

from textual.app import App, ModeError, ScreenError
from textual.reactive import var
from textual.screen import Screen

SHEETS_AT_LATEST = 0.1  # seconds after the first data is shown: the area sheets are read by then


class RestylesOnce(App[None]):
    """An app that restyles its nodes only when the style sheet, the theme or the ANSI theme
    changed since the screens on view were styled, and reads the areas' style sheets together,
    once, after the first screen shows its data."""

    area_sheets_read: var[bool] = var(False)

    def __init__(self) -> None:
        super().__init__()
        self._sheets_asked = False  # first_data_shown asked for the area sheets
        # the style sheet's state each screen was last styled with (refresh_css below)
        self._styled: weakref.WeakKeyDictionary[Screen, object] = weakref.WeakKeyDictionary()
        self.css_refreshes = 0  # whole-app restyles done (refresh_css that found something to do)

    def css_state(self) -> object:
        """What every node's styles follow from: the style sheet's sources, the theme's CSS
        variables and the terminal's ANSI theme. Equal states style a node the same way."""
        return (
            tuple(self.stylesheet.source.items()),
            tuple(sorted(self.get_css_variables().items())),  # compared, never drawn: picks no colour
            self.ansi_theme,
        )

    def styled(self, screen: Screen) -> None:
        """``screen`` is being styled from the style sheet as it is now (Textual styles each
        node from the current sheet as it is registered): an area screen says so as it is made."""
        self._styled[screen] = self.css_state()

    def refresh_css(self, animate: bool = True) -> None:
        """Re-parse the style sheet and restyle every node, unless nothing it depends on
        changed since the screens on view were styled.

        Textual calls this on a mode's first visit, twice (as it creates the mode, while the
        old screen is current, and again as it switches, because the new screen has not been
        marked as styled), and after a theme change. A new screen was styled from the current
        sheet as it mounted, so the first call re-did work already done (the second has work
        while new widget classes add their default CSS): ~25-50 ms of CPU (docs/performance.md).
        A theme change, a new sheet or a new ANSI theme changes ``css_state`` and still
        restyles everything."""
        state = self.css_state()
        try:
            on_view = [self.screen, *self.screen_stack]
        except (KeyError, ScreenError, ModeError):  # no mode on view yet: as Textual would
            on_view = []
        if on_view and all(self._styled.get(screen) == state for screen in on_view):
            return
        self.css_refreshes += 1
        super().refresh_css(animate)
        for screen in on_view:
            self._styled[screen] = state

    def first_data_shown(self, first_of_screen: bool = False) -> None:
        """An area screen has put a read on screen (or said it could not): then, once that
        frame is drawn, read the other areas' style sheets (``_read_area_sheets``), once.
        A screen's first read after start-up: what the screen built lives as long as the app,
        out of the cyclic collector's reach too (``freeze_start_up``)."""
        if first_of_screen and self.start_up_frozen:
            gc.freeze()  # no collection first: ~0 ms (its garbage waits for on_unmount)
        if not self._sheets_asked:
            self._sheets_asked = True
            self.call_after_refresh(self._read_area_sheets)
            # Textual keeps an after-refresh callback on the screen on view when it is asked for: if
            # the user has switched area meanwhile, that screen may not be drawn again for a while
            self.set_timer(SHEETS_AT_LATEST, self._read_area_sheets)

    def _read_area_sheets(self) -> None:
        """Read every area's style sheet once the first screen shows its data.

        Textual reads a screen's CSS_PATH on its first visit, then re-parses every
        sheet and restyles the whole app: ~100 ms on each area's first opening. Read
        here, together, while one screen is mounted, it costs ~70 ms of CPU
        once; a visit then finds its sheet already read. Not before the dashboard's
        data is on screen: on the UI thread, it held that data back by as much
        (bench/startup.py's "data shown")."""
        if self.area_sheets_read:
            return
        sheets = sorted(Path(__file__).resolve().parent.glob("*/*.tcss"))  # ui/<area>/*.tcss
        new = [path for path in sheets if not self.stylesheet.has_source(str(path), "")]
        for path in new:
            self.stylesheet.read(path)
        if new:
            self.stylesheet.reparse()
            self.stylesheet.update(self)
        self.area_sheets_read = True
        self.freeze_start_up()

    start_up_frozen = False

    def freeze_start_up(self) -> None:
        """Start-up is done (the data layer, the playbook, the style sheets, the first screen):
        put every object alive now out of the cyclic collector's reach (``gc.freeze``: ~0 ms).
        They live as long as the app; a full collection later walked all ~67,000 of them,
        ~100 ms at a time on the UI thread, whenever allocations happened to trigger one (a
        repeat visit of the drill: 23 ms or 127 ms, docs/performance.md). Each area screen's
        first read shown freezes what it built in turn (``first_data_shown``). Memory is still
        freed by reference counting; the little cyclic garbage frozen with them (~1,800 objects
        after start-up at 100k) and everything else go back to the collector in ``on_unmount``
        (a test process runs many apps). No ``gc.collect()`` first: ~20 ms in the app, and
        ten times that in a test process's heap, for that little garbage."""
        gc.freeze()
        self.start_up_frozen = True

    def on_unmount(self) -> None:
        if self.start_up_frozen:
            gc.unfreeze()
            self.start_up_frozen = False


def mode_screen(make: Callable[[], Screen]) -> Callable[[], Screen]:
    """The factory of an area's mode: the screen, noted as styled from the current sheet
    (Textual styles it as it registers it, right after this returns; see refresh_css)."""

    def made() -> Screen:
        screen = make()
        app = screen.app  # the running app: Textual calls this factory on the mode's first visit
        if isinstance(app, RestylesOnce):
            app.styled(screen)
        return screen

    return made
