"""The timeline's card on the dashboard: your stage and pace, the next target, the plan's overdue
and soon-due items."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING, Any

from rich.style import Style
from rich.text import Text
from textual.widgets import Static

from ctotui.core import clock
from ctotui.core.plural import year_count
from ctotui.ui.areas import home_data
from ctotui.ui.dates import short_date
from ctotui.ui.widgets import colors
from ctotui.ui.widgets.line_grid import Column, LineGrid

if TYPE_CHECKING:
    from ctotui.core.dbfile import Reads

SOON_DAYS = 14  # an open plan item due within this many days is "due soon"
ITEMS_SHOWN = 3


class TimelineCard(Static):
    """Filled by its screen's ``load()`` (once the database is open, on every return)."""

    def on_mount(self) -> None:
        self.border_title = "Timeline and plan"
        self.border_subtitle = "t opens it · 2 there is the plan"

    @staticmethod
    def read(db: Reads) -> tuple[Any, Any, list[Any] | None]:
        """The placement and the open plan items with a due date (in Home's read worker)."""
        data = home_data()
        t = data.timeline.timeline(db)
        target = data.coach.next_target(db, t.current.targets)  # the one "Work toward" names (snoozes)
        if t.profile.plan_started is None:  # reading the plan would start it today: leave that to the timeline
            return t, target, None
        items = [(i.due, i) for h in data.plan.plan(db) for i in h.items if i.status == "open" and i.due is not None]
        return t, target, items

    def show(self, read: tuple[Any, Any, list[Any] | None]) -> None:
        t, target, items = read
        playbook = home_data().playbook
        warn, bad, accent = (colors.text(self, name) for name in ("warning", "error", "accent"))
        left: list[Text] = []
        pl = t.placement
        pb = playbook.load()
        goal = pb.stage(pl.next_stage).name if pl.next_stage else t.profile.beyond_the_stages
        pace = f" · {pl.pace}" if pl.pace else ""
        left.append(Text.assemble(("Evidence: ", "dim"), (pb.stage(pl.stage).name, "bold"), pace))
        if pl.stage_by_years is not None:
            usual = f"usual at {year_count(pl.years)}: {pb.stage(pl.stage_by_years).name} (a rough pattern)"
        else:
            usual = "no years given yet: t, then P, for your pace"
        left.append(Text(usual, style="dim"))
        left.append(Text(pl.targets, style="dim"))  # the timeline's words: "2 of 5 targets met · 1 more to move on"
        left.append(Text(f"next stage: {goal}", style="dim"))
        if not pl.recorded:  # as This week says: no target to work toward before the met ones are ticked
            left.append(Text.assemble(("Nothing recorded yet: ", "dim"), ("tick the targets you have met", accent)))
        elif target is not None:
            left.append(Text.assemble(("Next target ", "dim"), (target.text, accent)))
        right: list[Text] = []
        if items is None:
            right.append(Text("No plan started yet: t, then 2.", style="dim"))
        else:
            today = clock.today()
            soon = today + timedelta(days=SOON_DAYS)
            late = sorted(((due, i) for due, i in items if i.overdue), key=lambda pair: pair[0])
            coming = sorted(((due, i) for due, i in items if not i.overdue and due <= soon), key=lambda pair: pair[0])
            right.append(
                Text.assemble(
                    (f"{len(late)} overdue", bad + Style(bold=True) if late else "bold"),
                    " · ",
                    (f"{len(coming)} due in {SOON_DAYS} days", warn + Style(bold=True) if coming else "bold"),
                )
            )
            for due, i in (late + coming)[:ITEMS_SHOWN]:
                when = f"since {short_date(due)}" if i.overdue else short_date(due)
                right.append(
                    Text.assemble(
                        ("⚠ " if i.overdue else "• ", bad if i.overdue else Style()), i.text, (f"  {when}", "dim")
                    )
                )
        outer = LineGrid(Column(flex=True, wrap=True), Column(flex=True, wrap=True), gap=3)
        self.update(outer.add_row(Text("\n").join(left), Text("\n").join(right)))
