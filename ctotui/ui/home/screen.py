"""The dashboard: each area in your terms, then where your data lives and every area's key.

How many rows each table holds is for `ctotui info` and the help screen, not here."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, VerticalScroll
from textual.widgets import Static

from ctotui.core.plural import plural
from ctotui.paths import display_path
from ctotui.ui.appdb import app_of
from ctotui.ui.areas import AREAS, home_data
from ctotui.ui.base import AreaScreen
from ctotui.ui.coach.next_list import CoachList
from ctotui.ui.drill.card import DrillCard
from ctotui.ui.guard import guarded
from ctotui.ui.journal.card import BARE_ITEM, JournalCard
from ctotui.ui.review.card import ReviewCard
from ctotui.ui.skills.card import SkillsCard
from ctotui.ui.timeline.card import TimelineCard
from ctotui.ui.widgets.action_list import ActionList
from ctotui.ui.widgets.line_grid import Column, LineGrid

if TYPE_CHECKING:
    from sqlite_utils import Database

    from ctotui.core.coach.actions import Action
    from ctotui.core.dbfile import Reads

CARDS = (JournalCard, ReviewCard, SkillsCard, DrillCard, TimelineCard)
SUMMARY = "summary"  # the file's summary in the read's result (core/summary.py, through ui/home_data.py)
ACTION_KEYS = 5  # 1-5 do this week's actions: core.coach.MAX_ACTIONS (not imported before the first paint)


class DashboardScreen(AreaScreen):
    READS_FIRST = True  # its read needs only execute and writes nothing (AreaScreen.READS_FIRST)
    PALETTE = [
        ("refresh", "Read the summary again from the database", "refresh"),
        ("bring back snoozed actions", "Show every snoozed action of this week again", "unsnooze_all"),
    ]
    HELP_EXTRA = (CoachList, JournalCard)  # the help lists their keys too (enter does it, z snoozes...)
    BINDINGS = [
        Binding("r", "refresh", "Refresh", show=False, tooltip="Read the summary again from the database"),
        Binding("u", "unsnooze", "Bring back", show=False, tooltip="Bring back the action snoozed last (undo z)"),
        *(
            Binding(str(n), f"do_action({n})", f"Do {n}", show=False, tooltip=f"Do this week's action {n}")
            for n in range(1, ACTION_KEYS + 1)
        ),
    ]

    @property
    def FORM_COMES_LATER(self) -> frozenset[str]:  # the name format_keys asks every screen for
        """The keys 1-5 whose action opens a form once its area is shown (the new-entry form, the
        profile): "1Cut p95 from 9s to 3s" in one read lost "Cut p95" on the way to the journal's form
        (its "u" and "z" could bring back or snooze an action). Those keys wait for the form."""
        lists = self.query(CoachList)
        actions = list(lists.first().actions.values())[:ACTION_KEYS] if lists else []
        return frozenset(f"do_action({n})" for n, action in enumerate(actions, 1) if action.opens_a_form)

    def compose_body(self) -> ComposeResult:
        # Each area in the user's terms; where the data lives and the area keys below them.
        # "This week: what to do next" goes first, above the cards.
        with VerticalScroll(id="dashboard", classes="-opening"):
            yield CoachList(id="coach", classes="card")
            yield JournalCard(id="journal-card", classes="card")
            yield SkillsCard(id="skills-card", classes="card")
            with Grid(id="cards"):
                yield DrillCard(id="drill-card", classes="card")
                yield ReviewCard(id="review-card", classes="card")
            yield TimelineCard(id="timeline-card", classes="card")
            yield Static("Opening the database…", id="data-home")
            yield Static(id="areas", classes="card")

    def on_mount(self) -> None:
        self.query_one(CoachList).focus()  # enter does the highlighted action, z snoozes it
        self.query_one("#data-home").border_title = "Your data"
        self.query_one("#areas").border_title = "Areas"

    def action_refresh(self) -> None:
        self.load()

    @on(ActionList.Act, "#coach")
    async def _coach_act(self, event: ActionList.Act) -> None:
        action = self.query_one(CoachList).actions.get(event.item_id)
        if action is None:
            return
        if event.action == "snooze":
            if guarded(self, home_data().coach.snooze, self.db, action.ref) is not None:
                self.notify(
                    f"Snoozed for {home_data().coach.SNOOZE_DAYS} days: {action.text} · u brings it back",
                    markup=False,
                )
                self.safe_load()
            return
        await self.do(action)

    def action_unsnooze(self) -> None:
        """u: bring back the action snoozed last (z's undo; pressed again, the one before)."""
        coach = home_data().coach
        self._bring_back(lambda db: [coach.unsnooze_last(db)])

    def action_unsnooze_all(self) -> None:
        coach = home_data().coach
        self._bring_back(lambda db: coach.unsnooze(db, "all"))

    def _bring_back(self, unsnooze: Callable[[Database], list[str]]) -> None:
        back = guarded(self, unsnooze, self.db)
        if back is not None:
            self.notify(f"Back on the list: {plural(len(back), 'snoozed action')}", markup=False)
            self.safe_load()

    async def action_do_action(self, n: int) -> None:
        """The key in front of an action (1–5) does it, wherever the focus is on Home."""
        actions = list(self.query_one(CoachList).actions.values())
        if 1 <= n <= len(actions):
            await self.do(actions[n - 1])

    @on(JournalCard.OpenBare)
    async def _open_bare(self) -> None:
        """The journal card's "7 without a number": the journal, showing those entries."""
        await self.open("journal", BARE_ITEM)

    async def do(self, action: Action) -> None:
        """Open the screen that does ``action``, on what the action names (its ``target``)."""
        await self.open(action.area, action.target)

    async def open(self, area: str, item: str) -> None:
        """Open ``area``'s screen on ``item`` (AreaScreen.open_item)."""
        await self.app.switch_mode(area)
        screen = self.app.screen
        if isinstance(screen, AreaScreen):
            screen.open_item(item)

    def read(self, db: Reads) -> dict[Any, Any]:
        """This week's actions, every card's data and the file's summary, in the read worker
        (the area models come through ui/home_data.py, lazy point 2). It needs only ``execute``:
        the app reads Home first on a plain connection that may not write (``read_first``)."""
        return (
            {card: card.read(db) for card in CARDS}
            | {SUMMARY: home_data().summarize(db, counts=False)}
            | {CoachList: home_data().coach.this_week(db)}
        )

    def show(self, data: dict[Any, Any]) -> None:
        self.query_one(CoachList).show(data[CoachList])
        for card in CARDS:
            widget: Any = self.query_one(card)  # every card has show(its read)
            widget.show(data[card])
        s = data[SUMMARY]
        home = LineGrid(Column(style="bold"), Column(flex=True, wrap=True, overflow="fold"), gap=2)
        home.add_row("Database", Text(display_path(app_of(self).db_path)))  # a path may hold "["
        home.add_row(
            "Size",
            f"{s.size_bytes / 1024:,.0f} KiB · schema {s.schema[-1] if s.schema else '-'} ({len(s.schema)} steps)",
        )
        home.add_row("Private", "Nothing leaves this machine: no account, no network. File mode 0600.")
        home.add_row("Back up", "ctotui backup (safe while the app runs) · ctrl+p → Export: all data (JSON)")
        self.query_one("#data-home", Static).update(home)

        areas = LineGrid(Column(style="bold"), Column(), Column(style="dim", flex=True, wrap=True))  # never cut
        for a in AREAS[1:]:
            areas.add_row(a.key, a.name, Text(a.about))
        areas.add_row("ctrl+p", "Command palette", "every area and every action, by name")
        areas.add_row("?", "Help", "every key on one screen")
        self.query_one("#areas", Static).update(areas)

        self.query_one("#dashboard").remove_class("-opening")
