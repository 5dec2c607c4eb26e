"""The dashboard: where your data lives, what is in it, and every area."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, VerticalScroll
from textual.widgets import Static

from ctotui.core.summary import summarize
from ctotui.paths import display_path
from ctotui.ui.areas import AREAS
from ctotui.ui.screens.base import AreaScreen
from ctotui.ui.widgets.journal_card import JournalCard
from ctotui.ui.widgets.review_card import ReviewCard
from ctotui.ui.widgets.skills_card import SkillsCard


class DashboardScreen(AreaScreen):
    PALETTE = [("refresh", "Read the summary again from the database", "refresh")]
    BINDINGS = [Binding("r", "refresh", "Refresh", show=False, tooltip="Read the summary again from the database")]

    def compose_body(self) -> ComposeResult:
        with VerticalScroll(id="dashboard", classes="-opening"):
            yield Static("Opening the database…", id="data-home")
            yield JournalCard(id="journal-card", classes="card")
            yield ReviewCard(id="review-card", classes="card")
            yield SkillsCard(id="skills-card", classes="card")
            with Grid(id="cards"):
                yield Static(id="areas", classes="card")
                yield Static(id="contents", classes="card")

    def on_mount(self) -> None:
        self.query_one("#data-home").border_title = "Your data"
        self.query_one("#areas").border_title = "Areas"
        self.query_one("#contents").border_title = "In the database"

    def action_refresh(self) -> None:
        self.load()

    def load(self) -> None:
        self.query_one(JournalCard).refresh_card()
        self.query_one(ReviewCard).refresh_card()
        self.query_one(SkillsCard).refresh_card()
        s = summarize(self.db)
        home = Table.grid(padding=(0, 2), expand=True)
        home.add_column(style="bold", no_wrap=True)
        home.add_column(overflow="fold", ratio=1)
        home.add_row("Database", Text(display_path(self.app.db_path)))  # a path may hold "["
        home.add_row(
            "Size",
            f"{s.size_bytes / 1024:,.0f} KiB · schema {s.schema[-1] if s.schema else '-'} ({len(s.schema)} steps)",
        )
        home.add_row("Private", "Nothing leaves this machine: no account, no network. File mode 0600.")
        home.add_row("Back up", "ctotui backup (safe while the app runs) · ctrl+p → Export: all data (JSON)")
        self.query_one("#data-home", Static).update(home)

        areas = Table.grid(padding=(0, 1), expand=True)
        areas.add_column(style="bold", no_wrap=True)
        areas.add_column(no_wrap=True)
        areas.add_column(ratio=1, style="dim")  # wraps: a description is never cut
        for a in AREAS[1:]:
            areas.add_row(a.key, a.name, Text(a.about if a.built else "coming"))
        areas.add_row("ctrl+p", "Command palette", "every area and every action, by name")
        areas.add_row("?", "Help", "every key on one screen")
        self.query_one("#areas", Static).update(areas)

        contents = Table.grid(padding=(0, 2), expand=True)
        contents.add_column(style="bold", no_wrap=True)
        contents.add_column(justify="right")
        for table, count in s.counts.items():
            contents.add_row(table.replace("_", " ").capitalize(), f"{count:,}")
        if s.trash:
            contents.add_row("In the trash", f"{s.trash:,}", style="dim")
        self.query_one("#contents", Static).update(contents)
        self.query_one("#dashboard").remove_class("-opening")
