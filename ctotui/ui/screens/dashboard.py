"""The dashboard: where your data lives, what is in it, and every area."""

from __future__ import annotations

from rich.markup import escape
from rich.table import Table
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Static

from ctotui.core.summary import summarize
from ctotui.paths import display_path
from ctotui.ui.areas import AREAS
from ctotui.ui.screens.base import AreaScreen
from ctotui.ui.widgets.journal_card import JournalCard


class DashboardScreen(AreaScreen):
    CSS_PATH = "dashboard.tcss"
    PALETTE = [("refresh", "Read the summary again from the database", "refresh")]
    BINDINGS = [("r", "refresh", "Refresh")]

    def compose_body(self) -> ComposeResult:
        with VerticalScroll(id="dashboard"):
            with Horizontal(id="top"):
                yield Static(id="data-home", classes="card")
                yield Static(id="areas", classes="card")
            yield JournalCard(id="journal-card", classes="card")

    def on_screen_resume(self) -> None:
        self.action_refresh()

    def action_refresh(self) -> None:
        s = summarize(self.db)
        data = Table.grid(padding=(0, 2))
        data.add_column(style="bold")
        data.add_column()
        data.add_row("Database", escape(display_path(self.app.db_path)))
        data.add_row("Size", f"{s.size_bytes / 1024:,.0f} KiB")
        data.add_row("Schema", f"{s.schema[-1] if s.schema else '-'} ({len(s.schema)} steps)")
        for table, count in s.counts.items():
            data.add_row(table.replace("_", " ").capitalize(), f"{count:,}")
        data.add_row("", "")
        data.add_row("Privacy", "Nothing leaves this machine. No account, no network.")
        data.add_row("Move it", "Copy the file, or point --db / $CTOTUI_DB at it.")
        self.query_one("#data-home", Static).update(data)
        self.query_one("#data-home").border_title = "Your data"

        areas = Table.grid(padding=(0, 2))
        areas.add_column(style="bold")
        areas.add_column(style="bold")
        areas.add_column()
        for a in AREAS[1:]:
            status = "" if a.built else "  [dim](coming)[/]"
            areas.add_row(a.key, a.name + status, escape(a.about))
        areas.add_row("", "", "")
        areas.add_row("ctrl+p", "Command palette", "Every area and action by name")
        areas.add_row("?", "Help", "Every key on one screen")
        self.query_one("#areas", Static).update(areas)
        self.query_one("#areas").border_title = "Areas"
