"""An OptionList whose keys name actions on the highlighted item.

Subclasses declare ``BINDINGS`` such as ``Binding("space", "act('tick')", "Tick")``
and a ``PRIMARY`` action run on enter or a click. Each key posts
``ActionList.Act(list, action, item_id)``; the screen does the work through
core functions and refills the list. Headings are disabled options (the cursor
skips them) styled as headings, so one list can hold several sections.

The cursor never wraps from the last item to the first (or back): keys here
act on the item under the cursor, so a "down" too many must not carry an
answer to the top of the list. After an answer, ``advance`` moves on to the
next item that still wants one.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import ClassVar

from rich.console import RenderableType
from rich.style import Style
from rich.text import Text
from textual import on
from textual.binding import Binding
from textual.message import Message
from textual.visual import visualize
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ctotui.ui.widgets import colors
from ctotui.ui.widgets.hanging import Hanging, HangingPrompt

HEADING = "heading:"


TONES = ("heading", "muted", "good", "warn", "bad", "accent")


class ActionList(OptionList):
    DEFAULT_CSS = """
    ActionList { height: 1fr; max-height: 100%; border: round $border-blurred; padding: 0 1; }
    ActionList:focus { border: round $border; }
    ActionList > .option-list--option-disabled { color: $foreground; }
    /* a tinted cursor, not a solid block: the rows' own colours (from the theme's $text-*
       variables, see ui/widgets/colors.py) must read on it too; light themes: see app.tcss */
    ActionList > .option-list--option-highlighted { color: $foreground; background: $primary 25%; }
    ActionList:focus > .option-list--option-highlighted { color: $foreground; background: $primary 40%; }
    ActionList > .action-list--heading { color: $text-accent; text-style: bold; }
    ActionList > .action-list--muted { color: $text-muted; }
    ActionList > .action-list--good { color: $text-success; }
    ActionList > .action-list--warn { color: $text-warning; }
    ActionList > .action-list--bad { color: $text-error; text-style: bold; }
    ActionList > .action-list--accent { color: $text-accent; }
    """
    COMPONENT_CLASSES: ClassVar[set[str]] = OptionList.COMPONENT_CLASSES | {f"action-list--{t}" for t in TONES}
    BINDINGS: ClassVar = [Binding("enter", "primary", "Open", show=False)]
    PRIMARY: ClassVar[str] = ""
    # Actions hidden from the footer (and refused) unless this returns True.
    OPTIONAL: ClassVar[frozenset[str]] = frozenset()

    class Act(Message):
        def __init__(self, action_list: ActionList, action: str, item_id: str) -> None:
            super().__init__()
            self.action_list = action_list
            self.action = action
            self.item_id = item_id

        @property
        def control(self) -> ActionList:
            return self.action_list

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.available: set[str] = set()  # OPTIONAL actions the screen switched on
        self._allowed: tuple[bool, ...] = ()
        self._refilling = False
        self._starts: list[int] = [0]  # see _option_starts
        self._starts_width = 0

    def tone(self, name: str) -> Style:
        """A rich style from the list's CSS: heading, muted, good, warn, bad, accent."""
        return colors.tone(self, f"action-list--{name}")

    def heading(self, text: str | Text, key: str, *, gap: bool = True) -> Option:
        """A section heading (after a blank line unless ``gap`` is False): never highlighted."""
        prompt = Text(text, style=self.tone("heading")) if isinstance(text, str) else text
        if gap:
            prompt = Text("\n") + prompt
        return Option(prompt, id=f"{HEADING}{key}", disabled=True)

    def line(self, text: RenderableType, key: str) -> Option:
        """A line to read (not to act on), such as a stage's focus."""
        return Option(text, id=f"{HEADING}{key}", disabled=True)

    @property
    def current_id(self) -> str | None:
        option = self.highlighted_option
        if option is None or option.disabled or not option.id:
            return None
        return option.id

    def _next_enabled(self, start: int, direction: int) -> int | None:
        index = start + direction
        while 0 <= index < self.option_count:
            if not self.get_option_at_index(index).disabled:
                return index
            index += direction
        return None

    def action_cursor_down(self) -> None:
        """The next item down; at the last one the cursor stays (OptionList would wrap to the first)."""
        if self.highlighted is None:
            super().action_cursor_down()
            return
        found = self._next_enabled(self.highlighted, 1)
        if found is not None:
            self.highlighted = found

    def action_cursor_up(self) -> None:
        """The item above; at the first one the cursor stays."""
        if self.highlighted is None:
            super().action_cursor_up()
            return
        found = self._next_enabled(self.highlighted, -1)
        if found is not None:
            self.highlighted = found

    def advance(self, wanted: Callable[[str], bool]) -> None:
        """After the highlighted item was answered: on to the next item below for which
        ``wanted(id)`` holds (one still to answer), else the next item below; never
        back to the top."""
        start = self.highlighted
        if start is None:
            return
        index = self._next_enabled(start, 1)
        while index is not None:
            option_id = self.get_option_at_index(index).id
            if option_id and wanted(option_id):
                self.highlighted = index
                return
            index = self._next_enabled(index, 1)
        self.action_cursor_down()

    def action_act(self, action: str) -> None:
        item_id = self.current_id
        if item_id is not None:
            self.post_message(self.Act(self, action, item_id))

    def action_primary(self) -> None:
        if self.PRIMARY:
            self.action_act(self.PRIMARY)

    @on(OptionList.OptionSelected)
    def _selected_is_primary(self, event: OptionList.OptionSelected) -> None:
        # A click selects: treat it as enter. (Enter itself is bound to primary.)
        event.stop()
        if event.option.id and not event.option.disabled:
            self.post_message(self.Act(self, self.PRIMARY, event.option.id))

    def allows(self, action: str, item_id: str | None) -> bool:
        """Whether ``action`` applies to the highlighted item (override to make keys contextual)."""
        return item_id is not None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "act" and parameters:
            name = str(parameters[0])
            if name in self.OPTIONAL and name not in self.available:
                return False
            return self.allows(name, self.current_id)
        if action == "primary" and self.PRIMARY:
            return self.allows(self.PRIMARY, self.current_id)
        return True

    def on_resize(self) -> None:
        self.call_after_refresh(self.scroll_to_highlight)

    def watch_show_vertical_scrollbar(self) -> None:
        """The scrollbar came or went: the options are two cells narrower or wider, but OptionList
        measured their lines at the old width (it measures again on a resize, and the list's own
        size did not change), so an option that now wraps lost its last line. Replacing a prompt
        is the public way to have OptionList measure every option again."""
        if self.option_count:
            self.replace_option_prompt_at_index(0, self.get_option_at_index(0).prompt)

    def scroll_to_highlight(self, top: bool = False) -> None:
        """Scroll to the highlighted item and, when there is room, the heading lines just above it."""
        super().scroll_to_highlight(top)
        index = self.highlighted
        if index is None or not self.is_mounted or not self.options or not self.scrollable_content_region:
            return
        first = index
        while first > 0 and self.options[first - 1].disabled:
            first -= 1
        if first == index:
            return
        starts = self._option_starts(index + 1)
        y0, y1 = starts[first], starts[index + 1]
        if y1 - y0 <= self.scrollable_content_region.height and y0 < self.scroll_y:
            self.scroll_to(y=y0, animate=False, immediate=True)

    def _option_starts(self, count: int) -> list[int]:
        """The first line of each of the first ``count`` options, and the line after the last of
        them. Measured as OptionList lays options out, through public API (the prompt's visual
        and its height at the list's width); kept until the options or the width change.
        (No divider lines: the lists here have none.)"""
        width = self.scrollable_content_region.width
        if width != self._starts_width:
            self._starts, self._starts_width = [0], width
        starts = self._starts
        if len(starts) <= count:
            width -= self.get_component_styles("option-list--option").padding.width
            for option in self.options[len(starts) - 1 : count]:
                height = visualize(self, option.prompt).get_height(self.styles, width)  # type: ignore[arg-type]  # as OptionList does: get_height is typed RulesMap, styles work
                starts.append(starts[-1] + height)
        return starts

    def watch_highlighted(self, highlighted: int | None) -> None:
        super().watch_highlighted(highlighted)
        if not self._refilling:
            self._update_footer()

    def _allowed_now(self) -> tuple[bool, ...]:
        names = (*self._item_actions(), *((self.PRIMARY,) if self.PRIMARY else ()))
        return tuple(self.allows(name, self.current_id) for name in names)

    def _update_footer(self) -> None:
        """Keys that depend on the item come and go in the footer: redraw it only when they change
        (and only when this list has focus, as only then its keys are in the footer)."""
        allowed = self._allowed_now()
        if allowed != self._allowed and self.has_focus:
            self.refresh_bindings()
        self._allowed = allowed

    def on_focus(self) -> None:
        self._allowed = self._allowed_now()  # the screen redraws the footer on a focus change itself

    @classmethod
    def _item_actions(cls) -> tuple[str, ...]:
        """The names in this class's ``act('name')`` bindings."""
        found = (re.fullmatch(r"act\('([\w-]+)'\)", b.action) for b in Binding.make_bindings(cls.BINDINGS))
        return tuple(m.group(1) for m in found if m)

    def refill(self, options: list[Option | None], keep: str | None = None) -> None:
        """Replace the options, keeping the highlight on ``keep`` (or the same id) if it is still there."""
        keep = keep or self.current_id
        index = self.highlighted
        self._refilling = True
        try:
            self._fill(options, keep, index)
        finally:
            self._refilling = False
        self._update_footer()

    def measured(self, option: Option | None) -> Option | None:
        """The option, its prompt measured without drawing it when it is a ``Hanging`` (a list of
        a few hundred is measured whole as it fills and again at every new width: ui/widgets/hanging.py)."""
        if option is None or not isinstance(option.prompt, Hanging):
            return option
        return Option(HangingPrompt(self, option.prompt), id=option.id, disabled=option.disabled)

    def _fill(self, options: list[Option | None], keep: str | None, index: int | None) -> None:
        self._starts = [0]
        # More options than lines: the scrollbar will come. Its gutter is kept from the start, so
        # that each option is measured at the one width, not again when the scrollbar arrives
        # (200 of the week's wins at 100,000 achievements: ~20 ms of the review's first visit).
        overflows = 0 < self.size.height < len(options)
        self.styles.scrollbar_gutter = "stable" if overflows else "auto"
        self.set_options([self.measured(o) for o in options])
        ids = [o.id for o in self.options]
        if keep in ids:
            self.highlighted = ids.index(keep)
        elif self.options:
            self.highlighted = min(index or 0, len(self.options) - 1)
            if self.options[self.highlighted].disabled:
                self.action_cursor_down()
            if self.options[self.highlighted].disabled:  # only headings below: the last item above
                self.action_cursor_up()
