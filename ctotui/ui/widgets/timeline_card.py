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

    @staticmethod
    def read(db):
        """The timeline and, once the plan was started, its items (in the screen's read worker)."""
        # imported here, after the first paint (the dashboard's first screen stays light)
        from ctotui.core import plan as plan_core
        from ctotui.core import timeline as tl

        t = tl.timeline(db)
        # reading the plan would start it today: leave that to the timeline
        horizons = None if t.profile.plan_started is None else plan_core.plan(db)
        return t, horizons

    def show(self, data) -> None:
        from ctotui.core import clock, playbook
        from ctotui.ui.widgets.dates import short_date

        t, horizons = data
        theme = self.app.current_theme
        warn, bad, accent = theme.warning or "yellow", theme.error or "red", theme.accent or "cyan"
        left = Table.grid()
        pl = t.placement
        if pl is None:
            left.add_row(Text("Not placed yet: t, then P gives your years.", style="dim"))
        else:
            pb = playbook.load()
            goal = pb.stage(pl.next_stage).name if pl.next_stage else "the CTO seat"
            left.add_row(Text.assemble((pb.stage(pl.stage).name, "bold"), f" · {pl.pace}"))
            left.add_row(Text(f"{pl.met}/{pl.total} targets met · next: {goal}", style="dim"))
            target = next((x for x in t.current.targets if not x.ticked), None) if t.current else None
            if target is not None:
                left.add_row(Text.assemble(("Next target ", "dim"), (target.text, accent)))
        right = Table.grid()
        if horizons is None:
            right.add_row(Text("No plan started yet: t, then 2.", style="dim"))
        else:
            today = clock.today()
            soon = today + timedelta(days=SOON_DAYS)
            items = [i for h in horizons for i in h.items if i.status == "open" and i.due is not None]
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
