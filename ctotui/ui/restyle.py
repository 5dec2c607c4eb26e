"""A whole-app restyle only when the theme changed, not on every mode's first visit.

Textual restyles every node of the screens on view (``App.refresh_css``: re-parse every style
sheet from scratch, then restyle) on a mode's first visit, twice, and after a theme change. A
new screen was styled from the current sheet as it mounted, and every screen is restyled from
the sheet as it comes back on view (its ``ScreenResume``), so the visit's restyles redid work.
``RestylesOnce`` (the app's base) re-parses and restyles only when the theme's CSS variables or
the ANSI theme differ from those the sheet was last parsed with (docs/performance.md).
The areas' own sheets are read together, once, after the first screen shows its data
(``first_data_shown``), so a first visit finds its sheet read and Home's data is not held back.
Public API only: ``refresh_css`` is Textual's public method, overridden.
"""

from __future__ import annotations

import gc
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from textual.app import App
from textual.layout import Layout
from textual.reactive import var
from textual.screen import Screen
from textual.widget import AwaitMount

from ctotui import collector

SHEETS_AT_LATEST = 0.1  # seconds after the first data is shown: the area sheets are read by then


def breakpoints_now(screen: Screen) -> None:
    """Give a screen with breakpoints (``HORIZONTAL_BREAKPOINTS``...) the classes for the app's
    size now, as it is made: Textual sets them on the screen's first resize, after its widgets
    were styled, and the change restyled every one of them again (~20 ms of a first visit of
    the review or the timeline). Textual's rule: per direction, the largest breakpoint not
    above the size."""
    app = screen.app
    width, height = app.size
    for size, breakpoints in (
        (width, app.HORIZONTAL_BREAKPOINTS if screen.HORIZONTAL_BREAKPOINTS is None else screen.HORIZONTAL_BREAKPOINTS),
        (height, app.VERTICAL_BREAKPOINTS if screen.VERTICAL_BREAKPOINTS is None else screen.VERTICAL_BREAKPOINTS),
    ):
        for at_least, name in sorted(breakpoints or [], reverse=True):
            if size >= at_least:
                screen.add_class(name)
                break


@dataclass(frozen=True, eq=False)
class StyleBasis:
    """What a screen's nodes were styled from as it last came on view: the rule sets of the parsed
    style sheet that can apply to any of them, in the sheet's order, and the app's classes and
    pseudo-classes (``:dark``, ``:blur``: when they change, Textual restyles only the screens on
    view). Nodes are restyled as their own classes and states change, on view or not; a theme
    change re-parses the sheet into new rule sets, and a source added or changed (a widget
    class's default CSS, as it first mounts) is parsed into new ones while the others are kept
    (Textual's parse cache): so when none of these changed, a restyle changes no node."""

    sheet: object  # the parsed sheet's list of every rule set (a new list at each parse)
    rules: tuple[Any, ...]  # those that can apply to the screen's nodes (RuleSet), compared by identity
    nodes: frozenset[frozenset[str]]  # each node's selector names: its types, classes, id, "*"
    classes: frozenset[str]
    pseudo_classes: frozenset[str]

    def same_as(self, other: StyleBasis | None) -> bool:
        """Whether restyling from this basis gives every node the styles ``other`` gave it."""
        if other is None or (self.classes, self.pseudo_classes) != (other.classes, other.pseudo_classes):
            return False
        if len(self.rules) != len(other.rules):
            return False
        moved = [i for i, (a, b) in enumerate(zip(self.rules, other.rules, strict=True)) if a is not b]
        return all(same_but_tie(self.rules[i], other.rules[i]) for i in moved) and not any(
            self.ties_reordered(i, other) for i in moved
        )

    def ties_reordered(self, i: int, other: StyleBasis) -> bool:
        """Whether rule ``i``'s new tie-breaker can change a node's style. Only between two rules
        that can apply to one node (one of the screen's nodes has names both select) and set one
        property at the same specificity (default CSS or not, ids, classes, types), where the
        tie-breaker decides: Textual keeps the rule with the largest (..., tie-breaker). Whether
        ``!important`` is the same is not looked at: more pairs are counted, never fewer."""
        new, old = self.rules, other.rules
        rule = new[i]
        rank = {(rule.is_default_rules, s.specificity) for s in rule.selector_set}
        keys = rule.styles.get_rules().keys()
        shared = [names for names in self.nodes if not names.isdisjoint(rule.selector_names)]
        for j, near in enumerate(new):
            if j == i or all(names.isdisjoint(near.selector_names) for names in shared):
                continue
            if rank.isdisjoint((near.is_default_rules, s.specificity) for s in near.selector_set):
                continue
            if keys.isdisjoint(near.styles.get_rules().keys()):
                continue
            if cmp(rule.tie_breaker, near.tie_breaker) != cmp(old[i].tie_breaker, old[j].tie_breaker):
                return True
        return False


def same_but_tie(new: Any, old: Any) -> bool:
    """A rule set parsed again from the same CSS, its tie-breaker alone changed: Textual lowers a
    base class's default CSS tie-breaker as a deeper subclass first mounts (the source is
    re-parsed with it at the next parse)."""
    return (
        new.is_default_rules == old.is_default_rules
        and [(s.css, s.specificity) for s in new.selector_set] == [(s.css, s.specificity) for s in old.selector_set]
        and declared(new) == declared(old)
    )


def declared(rule: Any) -> dict[str, object]:
    """A rule set's declarations, comparable: a ``layout`` is an object compared by identity (its
    state is only caches of the last arrangement): its kind stands for it."""
    return {key: type(value) if isinstance(value, Layout) else value for key, value in rule.styles.get_rules().items()}


def cmp(a: int, b: int) -> int:
    return (a > b) - (a < b)


def style_basis(screen: Screen) -> StyleBasis:
    """What ``screen`` would be restyled from now. A rule set can apply to a node when the last
    selector of one of its selectors names the node's type (or a base class), one of its classes,
    its id, or any node (``*``): Textual's own first filter (``RuleSet.selector_names``)."""
    app = screen.app
    nodes = set()
    for node in (app, *screen.walk_children(with_self=True)):
        names = {"*", *(base.__name__ for base in type(node).__mro__), *(f".{name}" for name in node.classes)}
        if node.id:
            names.add(f"#{node.id}")
        nodes.add(frozenset(names))
    every = frozenset().union(*nodes)
    sheet = app.stylesheet.rules
    rules = tuple(rule for rule in sheet if not every.isdisjoint(rule.selector_names))
    return StyleBasis(sheet, rules, frozenset(nodes), app.classes, app.pseudo_classes)


class RestylesOnce(App[None]):
    """An app that re-parses its style sheet and restyles the screens on view only when the
    theme or the ANSI theme changed since the sheet was parsed, and reads the areas' style
    sheets together, once, after the first screen shows its data."""

    area_sheets_read: var[bool] = var(False)

    def __init__(self) -> None:
        collector.pause()  # until start-up is done (freeze_start_up) or the app ends: ctotui/collector.py
        super().__init__()
        self._sheets_asked = False  # first_data_shown asked for the area sheets
        # the theme the sheet was last parsed for: Textual's App.__init__ makes the sheet with the
        # theme's variables, so the first refresh (as the first mode is made) is one more only if
        # the theme changed since (start-up: ~4 ms, a reparse and a restyle of the app, before the
        # first paint)
        self._parsed_for: tuple[object, ...] | None = self.theme_state()
        self.css_refreshes = 0  # whole-app restyles done (refresh_css that found something to do)
        self._modes_made: set[str] = set()  # the modes whose screen exists (switch_mode below)
        self._switching_back = False  # switch_mode to a mode whose screen exists is under way
        self.held_until = 0.0  # time.monotonic() at which the last hold on screen updates ends (delay_update)

    def theme_state(self) -> tuple[object, ...]:
        """What the parsed sheet depends on besides its sources: the theme's CSS variables
        (substituted as the sheet is parsed) and the terminal's ANSI theme."""
        return (
            tuple(sorted(self.get_css_variables().items())),  # compared, never drawn: picks no colour
            self.ansi_theme,
        )

    def refresh_css(self, animate: bool = True) -> None:
        """Re-parse the style sheet and restyle the screens on view, only if the theme changed
        since the sheet was last parsed.

        Textual calls this on a mode's first visit, twice (as it creates the mode, while the old
        screen is current, and as it switches), whenever a screen comes back on view after a
        theme change, and on the theme change itself. Only the theme change needs it: the
        variables are substituted as the sheet is parsed. The rest finds nothing to do that is
        not done anyway: a new widget class's default CSS is parsed as it is added and its
        widgets styled from it as they mount, and the screen coming on view is restyled from
        the current sheet by its ``ScreenResume``. Each was a re-parse of every source and a
        restyle of every node on view, ~50-100 ms of CPU per area's first visit
        (tests/app/test_shell.py checks that a full restyle after the visits changes no node)."""
        state = self.theme_state()
        if state == self._parsed_for:
            return
        self.css_refreshes += 1
        super().refresh_css(animate)
        self._parsed_for = state

    def switch_mode(self, mode: str) -> AwaitMount:
        """Textual's switch_mode; back to an area whose screen exists, without the hold below."""
        self._modes_made.add(self.current_mode)  # the one on view (the first was made at start-up)
        self._switching_back = mode in self._modes_made
        self._modes_made.add(mode)
        try:
            return super().switch_mode(mode)
        finally:
            self._switching_back = False

    def delay_update(self, delay: float = 0.05) -> None:
        """Textual's hold on screen updates that ``switch_mode`` asks for, to mask the change while
        the new screen composes: every change of area waited 50 ms before anything was drawn. Going
        back to an area whose screen exists there is nothing to mask (it is composed and shows what
        it last read at once): no hold, and a repeat visit is drawn 50 ms sooner
        (docs/performance.md). A first visit keeps it."""
        if self._switching_back:
            return
        self.held_until = time.monotonic() + delay
        super().delay_update(delay)

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
        here, together, once (the new sheets parsed alone, the screens on view restyled),
        a visit finds its sheet already read. Not before the dashboard's
        data is on screen: on the UI thread, it held that data back by as much
        (bench/startup.py's "data shown")."""
        if self.area_sheets_read:
            return
        sheets = sorted(Path(__file__).resolve().parent.glob("*/*.tcss"))  # ui/<area>/*.tcss
        new = [path for path in sheets if not self.stylesheet.has_source(str(path), "")]
        for path in new:
            self.stylesheet.read(path)
        if new:
            self.stylesheet.parse()  # the new sheets only: the others' rules are kept (reparse: all, ~50 ms)
            for screen in self.screen_stack:  # the other modes' screens are restyled as they come back
                self.stylesheet.update(screen)
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
        collector.resume()  # paused since the app was chosen or made (ctotui/collector.py)

    def on_unmount(self) -> None:
        collector.resume()  # an app that ends before its start-up is done
        if self.start_up_frozen:
            gc.unfreeze()
            self.start_up_frozen = False
