"""The dashboard: each area in your terms, then where your data lives and every area's key.

How many rows each table holds is for `ctotui info` and the help screen, not here."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, VerticalScroll
from textual.widgets import Static

from ctotui.core.summary import Summary, summarize
from ctotui.paths import display_path
from ctotui.ui.areas import AREAS
from ctotui.ui.screens.base import AreaScreen
from ctotui.ui.widgets.drill_card import DrillCard
from ctotui.ui.widgets.journal_card import JournalCard
from ctotui.ui.widgets.review_card import ReviewCard
from ctotui.ui.widgets.skills_card import SkillsCard
from ctotui.ui.widgets.timeline_card import TimelineCard

if TYPE_CHECKING:
    from sqlite_utils import Database

CARDS = (JournalCard, ReviewCard, SkillsCard, DrillCard, TimelineCard)


class DashboardScreen(AreaScreen):
    PALETTE = [("refresh", "Read the summary again from the database", "refresh")]
    BINDINGS = [Binding("r", "refresh", "Refresh", show=False, tooltip="Read the summary again from the database")]

    def compose_body(self) -> ComposeResult:
        # Each area in the user's terms; where the data lives and the area keys below them.
        # (A "this week: what to do next" list will go first, above the cards.)
        with VerticalScroll(id="dashboard", classes="-opening"):
            yield JournalCard(id="journal-card", classes="card")
            yield SkillsCard(id="skills-card", classes="card")
            with Grid(id="cards"):
                yield DrillCard(id="drill-card", classes="card")
                yield ReviewCard(id="review-card", classes="card")
            yield TimelineCard(id="timeline-card", classes="card")
            yield Static("Opening the database…", id="data-home")
            yield Static(id="areas", classes="card")

    def on_mount(self) -> None:
        self.query_one("#data-home").border_title = "Your data"
        self.query_one("#areas").border_title = "Areas"

    def action_refresh(self) -> None:
        self.load()

    def read(self, db: Database) -> dict[type, object]:
        """Every card's data and the file's summary, in the read worker."""
        return {card: card.read(db) for card in CARDS} | {Summary: summarize(db, counts=False)}

    def show(self, data: dict[type, object]) -> None:
        for card in CARDS:
            self.query_one(card).show(data[card])
        s = data[Summary]
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

        self.query_one("#dashboard").remove_class("-opening")
