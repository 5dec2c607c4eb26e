"""The journal's card on the dashboard: entries this week, this month, in all, and the latest ones."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual.widgets import Static

from ctotui.ui.areas import data_layer
from ctotui.ui.widgets import colors

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
        grid = Table.grid(padding=(0, 2))
        grid.add_column(style="bold", justify="right")
        grid.add_column()
        grid.add_row(f"{counts.week:,}", "this week")
        grid.add_row(f"{counts.month:,}", "this month")
        grid.add_row(f"{counts.total:,}", "in all")
        if counts.without_number:
            warn = colors.text(self, "warning")
            grid.add_row(Text(f"{counts.without_number:,}", style=warn), Text("without a number: add one?", style=warn))
        latest = Table.grid(padding=(0, 1), expand=True)
        latest.add_column(style="dim", no_wrap=True, min_width=6)
        latest.add_column(ratio=1, no_wrap=True, overflow="ellipsis")
        latest.add_column(
            style=colors.text(self, "success") + Style(bold=True),
            no_wrap=True,
            min_width=max((len(a.badge) for a in recent), default=0),
        )
        for a in recent:
            latest.add_row(a.occurred_on.strftime("%d %b"), Text(a.title), Text(a.badge))
        outer = Table.grid(padding=(0, 3), expand=True)
        outer.add_column(no_wrap=True)
        outer.add_column(ratio=1)
        if counts.total:
            outer.add_row(grid, latest)
        else:
            outer.add_row(
                grid,
                Text.assemble(("Nothing written yet. Press j, then n, and note one outcome with its number.", "dim")),
            )
        self.update(outer)
