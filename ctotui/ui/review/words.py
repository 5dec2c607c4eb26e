"""How the review names a week: 'this week', 'last week', 'next week' or 'that week'. The steps'
headings and intros and Home's review card take their words from here, so they say the same."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ctotui.core.review.weekly import Week

THIS_WEEK = "this week"
NEXT_WEEK = "next week"


def week_name(week: Week, current: Week) -> str:
    """How the steps' words name the week under review: 'this week', 'last week', or 'that week'
    for an older one (reviewed late; the line at the top names it); 'next week' for the week after
    this one (the focus a review of this week chooses). Every heading, count and intro of the six
    steps that names the week takes it from here."""
    if week == current:
        return THIS_WEEK
    if week == current.shifted(1):
        return NEXT_WEEK
    return "last week" if week == current.shifted(-1) else "that week"


def week_after_name(week: Week, current: Week) -> str:
    """The week a review of ``week`` sets its focus and one thing for: 'next week' for this week's
    review, 'this week' for last week's (reviewed late), 'the week after' for an older one."""
    name = week_name(week.shifted(1), current)
    return "the week after" if name == "that week" else name


def whose(which: str) -> str:
    """'This week's', 'Last week's', 'That week's': a heading's start."""
    return f"{which.capitalize()}'s"
