"""Dates as people read them: "21 Oct 2026", "3 days ago" (local time, from stored UTC). When
something comes back ("later today (19:16)") is core.dates.until: the CLI says it too."""

from __future__ import annotations

from datetime import date

from ctotui.core import clock
from ctotui.core.dates import short_day


def _as_date(value: str | date) -> date:
    return value if isinstance(value, date) else clock.local(value).date()


def short_date(value: str | date) -> str:
    """A stored UTC timestamp or a date as '21 Oct 2026' (the year dropped when it is this year)."""
    return short_day(_as_date(value))


def moment(stored: str) -> str:
    """When something was kept, a stored UTC timestamp as a past moment that names its day:
    'today 10:00', 'Sun 10:00' (within the last six days), 'Sun 15 Mar 10:00' (this year),
    '15 Mar 2025' (before). A bare weekday never stands for a day a week or more back."""
    local = clock.local(stored)
    days = (clock.today() - local.date()).days
    if days == 0:
        return f"today {local:%H:%M}"
    if 0 < days < 7:
        return f"{local:%a %H:%M}"
    if local.year == clock.today().year:
        return f"{local:%a} {short_day(local.date())} {local:%H:%M}"
    return short_day(local.date())


def ago(value: str | date) -> str:
    """'today', 'yesterday', '5 days ago', '3 weeks ago', '4 months ago', 'in 12 days'."""
    days = (clock.today() - _as_date(value)).days
    if days < 0:
        return "tomorrow" if days == -1 else f"in {-days} days"
    if days == 0:
        return "today"
    if days == 1:
        return "yesterday"
    if days < 14:
        return f"{days} days ago"
    if days < 60:
        return f"{days // 7} weeks ago"
    if days < 730:
        return f"{days // 30} months ago"
    return f"{days // 365} years ago"
