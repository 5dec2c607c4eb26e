"""Choose the review day: the weekday the dashboard reminds you of the weekly review.

The current day is highlighted; arrows move, enter (or ctrl+s) saves, escape cancels.
Dismisses with 0 (Monday) to 6, or None.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ctotui.core.review.weekly import WEEKDAYS, weekday_name
from ctotui.ui.dialogs.form import FormDialog


class ReviewDayDialog(FormDialog[int]):
    DEFAULT_CSS = """
    ReviewDayDialog > #form { width: 56; }
    ReviewDayDialog OptionList { height: auto; margin-top: 1; border: round $border; }
    """
    TITLE_TEXT = "Review day"
    FIRST_FIELD = "#weekday"

    def __init__(self, current: int) -> None:
        super().__init__()
        self.current = current

    def compose_fields(self) -> ComposeResult:
        yield Static(
            "The dashboard reminds you on this day. Pick one when you can look back on a whole "
            "week with half an hour to spare; Friday afternoon suits most people.",
            classes="intro",
        )
        yield OptionList(
            *(
                Option(weekday_name(i) + ("  (now)" if i == self.current else ""), id=f"day-{i}")
                for i in range(len(WEEKDAYS))
            ),
            id="weekday",
        )

    def on_mount(self) -> None:
        self.query_one("#form").border_subtitle = "enter save · ↑↓ day · esc cancel"
        self.query_one("#weekday", OptionList).highlighted = self.current

    @on(OptionList.OptionSelected, "#weekday")
    def _picked(self) -> None:
        self.action_save()

    def collect(self) -> int:
        return self.query_one("#weekday", OptionList).highlighted or 0
