"""The skill stack's card on the dashboard: each area's level and change, any gap hint, your path."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.console import Group
from rich.style import Style
from rich.text import Text
from textual.widgets import Static

from ctotui.core.plural import plural
from ctotui.ui.areas import home_data
from ctotui.ui.dates import short_date
from ctotui.ui.widgets import colors
from ctotui.ui.widgets.line_grid import Column, LineGrid

if TYPE_CHECKING:
    from ctotui.core.dbfile import Reads

HINT_KINDS = ("claim-without-evidence", "underrating", "stale")  # "not rated yet" is said once, not six times


class SkillsCard(Static):
    """Filled by its screen's ``load()`` (once the database is open, on every return)."""

    def on_mount(self) -> None:
        self.border_title = "Skills"
        self.border_subtitle = "s opens them · 1–5 there rates"

    def tone(self, name: str) -> Style:
        """The skills screen's tones (accent, muted, good, warn, bad) from the theme."""
        return colors.tones(self)(name)

    @staticmethod
    def read(db: Reads) -> tuple[Any, Any, Any]:
        """The stack, the profile and when the path was chosen (in Home's read worker)."""
        data = home_data()
        stack = data.skills.skill_stack(db, totals=False)  # the card shows no totals
        p = data.profile.load(db)
        since = data.profile.path_history(db)[-1][1] if p.path else None
        return stack, p, since

    def show(self, read: tuple[Any, Any, Any]) -> None:
        stack, p, since = read
        data = home_data()
        playbook, marks = data.playbook, data.skill_marks
        grid = LineGrid(Column(min_width=23), Column(), Column(justify="right", min_width=3), Column(flex=True), gap=2)
        for a in stack:
            moved = marks.change(self.tone, a.change_90d) if a.change_90d else Text("")
            hints = Text(" · ".join(words for _kind, words in data.short_hints(a, HINT_KINDS)), style=self.tone("warn"))
            grid.add_row(Text(a.name), marks.bar(self.tone, a.level), moved, hints)
        unrated = sum(1 for a in stack if a.level is None)
        foot = Text()
        if unrated == len(stack):
            foot.append("Not rated yet: press s, then 1–5 on each area. ", style=self.tone("warn"))
        elif unrated:
            foot.append(f"{plural(unrated, 'area')} not rated yet. ", style=self.tone("warn"))
        if p.path:
            foot.append(
                f"Path: {playbook.load().path(p.path).name} (since {short_date(since)})", style=self.tone("muted")
            )
        else:
            foot.append("Path: not chosen (s, then c)", style=self.tone("muted"))
        self.update(Group(grid, foot))
