"""The drill's card on the dashboard: what is due now, what was never practised, readiness per category."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.widgets import Static


class DrillCard(Static):
    """Filled by its screen's ``load()`` (once the database is open, on every return)."""

    def on_mount(self) -> None:
        self.border_title = "Interview drill"
        self.border_subtitle = "i opens it · d there practises"

    @staticmethod
    def read(db):
        """What is due and the readiness per category (in the screen's read worker)."""
        # imported here, after the first paint (the dashboard's first screen stays light)
        from ctotui.core import clock
        from ctotui.core.drill_progress import due_summary, progress

        now = clock.now()
        return due_summary(db, now=now), progress(db, now=now)

    def show(self, data) -> None:
        from ctotui.core import clock
        from ctotui.ui.widgets.dates import ago
        from ctotui.ui.widgets.drill_views import bar

        s, rows = data
        theme = self.app.current_theme
        warn = theme.warning or "yellow"
        grid = Table.grid(padding=(0, 1), expand=True)
        grid.add_column(ratio=1, no_wrap=True, overflow="ellipsis")
        grid.add_column(no_wrap=True)
        due = Text.assemble((f"{s.due}", f"bold {warn}" if s.due else "bold"), " due today · ")
        due.append(f"{s.new}", style="bold").append(" never practised")
        if not s.due and s.next_due is not None:
            due.append(f" · next one due {ago(clock.utc_iso(s.next_due))}", style="dim")
        for r in rows:
            grid.add_row(Text(r.name), bar(r.readiness, width=8))
        outer = Table.grid(expand=True)
        outer.add_row(due)
        outer.add_row(grid)
        self.update(outer)
