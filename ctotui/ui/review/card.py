"""The weekly review's card on the dashboard: days since the last review, the streak, a nudge on
the review day, and the focus items the last review chose."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.console import Group
from rich.style import Style
from rich.text import Text
from textual.widgets import Static

from ctotui.core.plural import plural
from ctotui.ui.areas import home_data
from ctotui.ui.review.words import THIS_WEEK, week_name, whose
from ctotui.ui.widgets import colors

if TYPE_CHECKING:
    from ctotui.core.dbfile import Reads
    from ctotui.core.review.weekly import Week


class ReviewCard(Static):
    """Filled by its screen's ``load()`` (once the database is open, on every return)."""

    def on_mount(self) -> None:
        self.border_title = "Weekly review"
        self.border_subtitle = "w opens it"

    @staticmethod
    def read(db: Reads) -> Any:
        """The review's status: the last one, the streak, this week's focus (in Home's read worker)."""
        return home_data().review_status(db)

    def show(self, s: Any) -> None:
        weekday_name = home_data().weekday_name
        warn, good, accent = (colors.text(self, name) for name in ("warning", "success", "accent"))
        left: list[Text] = []
        if s.this_week is not None and s.this_week.completed:
            left.append(Text(f"✓ {s.week.key} reviewed", style=good + Style(bold=True)))
        elif s.last_done is not None and s.days_since is not None:
            when = "today" if s.days_since == 0 else f"{plural(s.days_since, 'day')} ago"
            left.append(Text.assemble("Last review ", (when, "bold"), f" ({s.last_done.week.key})"))
        elif s.due_review is not None and not s.due_review.completed:  # a first review begun, this week's or
            # last week's (the week w opens on): not "No review yet" while it waits; the border says w opens it
            left.append(Text.assemble("First review begun: ", (s.due_review.step_of, "bold")))
        else:
            left.append(Text("No review yet: one calm half hour a week", style="dim"))
        if s.streak.total:
            streak = Text.assemble("Streak ", (plural(s.streak.current, "week"), accent + Style(bold=True)))
            left.append(streak.append(f" · longest {s.streak.longest}", style="dim"))
        day = weekday_name(s.weekday)
        gap = (s.review_day - s.today).days
        if gap < 0 and not s.nudge:  # nothing due for the one passed (a first week, say): the next one
            gap %= 7
        days = plural(abs(gap), "day")
        when = "today" if gap == 0 else ("tomorrow" if gap == 1 else f"in {days}" if gap > 0 else f"{days} ago")
        if s.nudge:
            left.append(Text(s.nudge, style=warn + Style(bold=True)))
        else:
            left.append(Text(f"Review day {day} ({when})", style="dim"))
        right: list[Text] = []
        right.append(Text(focus_heading(s.focus_week, s.week), style="bold"))
        for item in s.focus:
            done = item.status == "done"
            right.append(
                Text.assemble(("✓ " if done else "★ ", good if done else accent), (item.text, "dim" if done else ""))
            )
        if not s.focus:
            right.append(Text("None chosen: step 4 of the review picks up to three plan items.", style="dim"))
        self.update(Group(*left, *right))  # one above the other: the card shares its row with the drill's


def focus_heading(focus_week: Week | None, current: Week) -> str:
    """ "Last week's focus", "This week's focus" or "Next week's focus": the week the focus was chosen
    for, named as the review's steps name it (steps.week_name)."""
    if focus_week is None:
        return f"{whose(THIS_WEEK)} focus"
    return f"{whose(week_name(focus_week, current))} focus"
