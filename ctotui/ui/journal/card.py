"""The journal's card on the dashboard: entries this week, this month, in all, and the latest ones."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.style import Style
from rich.text import Text
from textual.widgets import Static

from ctotui.ui.areas import data_layer
from ctotui.ui.widgets import colors
from ctotui.ui.widgets.line_grid import Column, LineGrid

if TYPE_CHECKING:
    from sqlite_utils import Database

LATEST = 5


class JournalCard(Static):
    """Filled by its screen's ``load()`` (once the database is open, on every return)."""

    def on_mount(self) -> None:
        self.border_title = "Journal"
        self.border_subtitle = "j opens it · n there adds"

    @staticmethod
    def read(db: Database) -> tuple[Any, list[Any]]:
        """The counts and the latest entries (in Home's read worker)."""
        data = data_layer()
        return data.journal_counts(db), data.page_achievements(db, limit=LATEST).items

    def show(self, read: tuple[Any, list[Any]]) -> None:
        counts, recent = read
        counts_rows = [
            (f"{counts.week:,}", "this week"),
            (f"{counts.month:,}", "this month"),
            (f"{counts.total:,}", "in all"),
        ]
        numbers, labels = [Text(n) for n, _ in counts_rows], [Text(label) for _, label in counts_rows]
        if counts.without_number:
            warn = colors.text(self, "warning")
            numbers.append(Text(f"{counts.without_number:,}", style=warn))
            labels.append(Text("without a number: add one?", style=warn))
        lines = Text("\n").join
        # the counts, then the latest entries beside them: each column one cell of lines
        count_columns = (Column(style="bold", justify="right"), Column(space=2))
        if counts.total:
            outer = LineGrid(
                *count_columns,
                Column(style="dim", min_width=6, space=3),
                Column(flex=True),
                Column(
                    style=colors.text(self, "success") + Style(bold=True),
                    min_width=max((len(a.badge) for a in recent), default=0),
                ),
            )
            dates = lines(Text(a.occurred_on.strftime("%d %b")) for a in recent)
            outer.add_row(
                lines(numbers),
                lines(labels),
                dates,
                lines(Text(a.title) for a in recent),
                lines(Text(a.badge) for a in recent),
            )
        else:
            outer = LineGrid(*count_columns, Column(flex=True, wrap=True, space=3))
            nothing = Text("Nothing written yet. Press j, then n, and note one outcome with its number.", style="dim")
            outer.add_row(lines(numbers), lines(labels), nothing)
        self.update(outer)
