"""The drill's card on the dashboard: what is due now, what was never practised, readiness per category."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.console import Group
from rich.style import Style
from rich.text import Text
from textual.widgets import Static

from ctotui.core import clock
from ctotui.core.dates import until
from ctotui.ui.areas import home_data
from ctotui.ui.widgets import colors
from ctotui.ui.widgets.line_grid import Column, LineGrid

if TYPE_CHECKING:
    from ctotui.core.dbfile import Reads


class DrillCard(Static):
    """Filled by its screen's ``load()`` (once the database is open, on every return)."""

    def on_mount(self) -> None:
        self.border_title = "Interview drill"
        self.border_subtitle = "i opens it · d there practises"

    @staticmethod
    def read(db: Reads) -> tuple[Any, Any]:
        """What is due and the readiness per category (in Home's read worker)."""
        data, now = home_data(), clock.now()
        return data.due_summary(db, now=now), data.progress(db, now=now)

    def show(self, read: tuple[Any, Any]) -> None:
        s, rows = read
        bar = home_data().bar
        warn = colors.text(self, "warning")
        grid = LineGrid(Column(flex=True, wrap=True), Column())  # a long name wraps (half of 80 columns)
        due = Text.assemble((f"{s.due}", warn + Style(bold=True) if s.due else "bold"), " due now · ")
        due.append(f"{s.new}", style="bold").append(" never practised")
        if not s.due and s.next_due is not None:
            due.append(f" · next one {until(s.next_due)}", style="dim")
        for r in rows:
            grid.add_row(Text(r.name), bar(colors.tones(self), r.readiness, width=8))
        self.update(Group(due, grid))
