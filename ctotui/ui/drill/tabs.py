"""The drill screen's tabs: what the questions, progress and stories tabs hold (built when first
shown: ui/lazy.py), the bank's columns, and the read every tab is filled from."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Static

from ctotui.ui.lazy import Node

SHORT = {"own-the-stack": "stack", "non-technical-leaders": "leaders", "build-the-team": "team"}
BANK_COLUMNS = ("Id", "Area", "Next", "Reps", "Lapses", "Last", "Question")
BANK_NARROW = ("Area", "Next", "Reps", "Last", "Question")
BANK_WIDTHS = {"Area": 7, "Next": 7, "Reps": 4, "Lapses": 6, "Last": 4}  # Last: at least; as wide as its scores


@dataclass(frozen=True)
class DrillData:
    """What the drill screen shows, read in its worker."""

    now: Any
    rows: Any
    summary: Any
    unfinished: Any
    last: Any
    questions: Any
    weak: Any
    attempts: Any
    coverage: Any
    criteria: Any = ()
    partner: Any = ()  # self vs partner per criterion (core/drill/partner.py)


class RowTable(DataTable[Any]):
    """A table of rows whose home and end go to the first and the last row (DataTable's own move a
    cell cursor sideways, which a row cursor does not show: the keys seemed to do nothing)."""

    BINDINGS = [
        Binding("home", "first", "First", show=False, tooltip="The first row"),
        Binding("end", "last", "Last", show=False, tooltip="The last row"),
    ]

    def action_first(self) -> None:
        if self.row_count:
            self.move_cursor(row=0)

    def action_last(self) -> None:
        if self.row_count:
            self.move_cursor(row=self.row_count - 1)


def tab_widgets(tab: str) -> list[Node]:
    """What ``tab`` (one of TABS but the first, built with the screen) shows in its pane."""
    if tab == "bank":
        return [RowTable(id="bank-table", cursor_type="row", zebra_stripes=True), Static(id="bank-detail")]
    if tab == "progress":
        history = RowTable(id="history-table", cursor_type="row", zebra_stripes=True)
        history.add_columns("When", "Area", "Score", "Time", "Rating", "Question")
        recent = "[b]Recent attempts[/b] [dim](enter shows the answer next to the question)[/]"
        shown = [Static(id="progress-view"), Static(recent, classes="heading"), history]
        shown += [Static("[b]Scores per criterion[/b] [dim](over time)[/]", classes="heading")]
        return [(VerticalScroll(), [*shown, Static(id="criteria-view"), Static(id="partner-view")])]
    return [(VerticalScroll(id="coverage-box"), [Static(id="coverage-view")])]
