"""Pick an achievement: search as you type over the journal, paged. Dismisses with its id or None.

The interview drill links achievements as stories and the timeline as
evidence with it: ``push_screen(AchievementPicker(title="Link a story"), callback)``.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from ctotui.core.errors import CtoError
from ctotui.core.journal.entries import JournalFilter, count_achievements, page_achievements, search_terms
from ctotui.core.journal.query import phrase_occurs
from ctotui.core.journal.search import parse_search, settled
from ctotui.core.plural import plural
from ctotui.ui.journal.achievement_list import AchievementList
from ctotui.ui.readers import read_then_show
from ctotui.ui.widgets.format_keys import ready_for_typed_ahead


class AchievementPicker(ModalScreen[int | None]):
    DEFAULT_CSS = """
    AchievementPicker { align: center middle; }
    AchievementPicker > Vertical {
        width: 100; max-width: 98%; height: 34; max-height: 98%;
        border: round $primary; background: $surface; padding: 0 1;
    }
    AchievementPicker #pick-search { margin-top: 1; }
    AchievementPicker #pick-status { color: $text-muted; height: 1; padding-left: 1; }
    AchievementPicker AchievementList { height: 1fr; }
    """
    TAKES_TYPED_AHEAD: ClassVar[bool] = True  # the keys typed after the one that opened it wait for its field
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", tooltip="Close without picking"),
        Binding("down", "to_list", "To the list", show=False),
    ]

    def __init__(
        self,
        *,
        title: str = "Pick an achievement",
        filters: JournalFilter | None = None,
        exclude: frozenset[int] = frozenset(),
    ) -> None:
        super().__init__()
        self.picker_title = title
        self.filters = filters or JournalFilter()
        self.exclude = exclude

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = Content(self.picker_title)  # plain text, never markup
            box.border_subtitle = "type to search · ↓ list · enter pick · esc cancel"
            yield Input(placeholder="Search titles and bodies", id="pick-search")
            yield Static(id="pick-status")
            yield AchievementList(id="pick-list", empty_text="Nothing matches.")

    def on_mount(self) -> None:
        self._search("")
        self.query_one("#pick-search", Input).focus()
        ready_for_typed_ahead(self)

    @on(Input.Changed, "#pick-search")
    def _typed(self, event: Input.Changed) -> None:
        self._search(event.value)

    def _search(self, text: str) -> None:
        filters = self.filters.with_text(settled(text), typing=True)
        try:
            parse_search(filters.text, typing=True)
        except CtoError as exc:  # an unknown skill:… or category:…: said in the status line
            self.query_one("#pick-status", Static).update(Content(str(exc)))
            return

        def fetch(db, after):
            return page_achievements(db, filters=filters, after=after)

        self.query_one("#pick-list", AchievementList).reset(
            fetch, terms=lambda db: search_terms(filters.text, phrase_occurs(db), typing=filters.typing)
        )
        read_then_show(self, lambda db: count_achievements(db, filters), self._show_count, group="count")

    def _show_count(self, count: int) -> None:
        self.query_one("#pick-status", Static).update(Content(plural(count, "match", thousands=True)))

    @on(Input.Submitted, "#pick-search")
    def _submitted(self) -> None:
        self._pick(self.query_one("#pick-list", AchievementList).highlighted)

    @on(AchievementList.Selected, "#pick-list")
    def _selected(self, event: AchievementList.Selected) -> None:
        self._pick(event.achievement)

    def _pick(self, achievement) -> None:
        if achievement is None:
            return
        if achievement.id in self.exclude:
            self.notify("That one is linked already.", severity="warning")
            return
        self.dismiss(achievement.id)

    def action_to_list(self) -> None:
        self.query_one("#pick-list", AchievementList).focus()

    def action_cancel(self) -> None:
        self.dismiss(None)
