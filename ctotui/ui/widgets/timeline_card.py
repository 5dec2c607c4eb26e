"""The timeline's card on the dashboard: your stage and pace, the next target, the plan's overdue
and soon-due items."""

from __future__ import annotations

from datetime import timedelta

from rich.table import Table
from rich.text import Text
from textual.widgets import Static

SOON_DAYS = 14  # an open plan item due within this many days is "due soon"
ITEMS_SHOWN = 3


class TimelineCard(Static):
    """Filled by its screen's ``load()`` (once the database is open, on every return)."""

    def on_mount(self) -> None:
        self.border_title = "Timeline and plan"
        self.border_subtitle = "t opens it · 2 there is the plan"

    def refresh_card(self) -> None:
        # imported here, after the first paint (the dashboard's first screen stays light)
        from ctotui.core import clock, playbook
        from ctotui.core import plan as plan_core
        from ctotui.core import timeline as tl
        from ctotui.ui.widgets.dates import short_date

        db = self.app.db  # type: ignore[attr-defined]
        theme = self.app.current_theme
        warn, bad, accent = theme.warning or "yellow", theme.error or "red", theme.accent or "cyan"
        t = tl.timeline(db)
        left = Table.grid()
        pl = t.placement
        pb = playbook.load()
        goal = pb.stage(pl.next_stage).name if pl.next_stage else "the CTO seat"
        pace = f" · {pl.pace}" if pl.pace else ""
        left.add_row(Text.assemble(("Evidence: ", "dim"), (pb.stage(pl.stage).name, "bold"), pace))
        if pl.stage_by_years is not None:
            usual = f"usual at {pl.years:g} years: {pb.stage(pl.stage_by_years).name} (a rough pattern)"
        else:
            usual = "no years given yet: t, then P, for your pace"
        left.add_row(Text(usual, style="dim"))
        left.add_row(Text(f"{pl.met}/{pl.total} targets met · next: {goal}", style="dim"))
        target = next((x for x in t.current.targets if not x.met), None)
        if target is not None:
            left.add_row(Text.assemble(("Next target ", "dim"), (target.text, accent)))
        right = Table.grid()
        if t.profile.plan_started is None:  # reading the plan would start it today: leave that to the timeline
            right.add_row(Text("No plan started yet: t, then 2.", style="dim"))
        else:
            today = clock.today()
            soon = today + timedelta(days=SOON_DAYS)
            items = [i for h in plan_core.plan(db) for i in h.items if i.status == "open" and i.due is not None]
            late = sorted((i for i in items if i.overdue), key=lambda i: i.due)
            coming = sorted((i for i in items if not i.overdue and i.due <= soon), key=lambda i: i.due)
            right.add_row(
                Text.assemble(
                    (f"{len(late)} overdue", f"bold {bad}" if late else "bold"),
                    " · ",
                    (f"{len(coming)} due in {SOON_DAYS} days", f"bold {warn}" if coming else "bold"),
                )
            )
            for i in (late + coming)[:ITEMS_SHOWN]:
                when = f"since {short_date(i.due)}" if i.overdue else short_date(i.due)
                right.add_row(
                    Text.assemble(("⚠ " if i.overdue else "• ", bad if i.overdue else ""), i.text, (f"  {when}", "dim"))
                )
        outer = Table.grid(padding=(0, 3), expand=True)
        outer.add_column(ratio=1)
        outer.add_column(ratio=1)
        outer.add_row(left, right)
        self.update(outer)
