"""``core.dates.until``: when a drill question comes back, said by the local calendar day.

A question due at 19:16 the same evening was "tomorrow" on the Practise tab (24-hour days rounded,
0 included) while the bank said "19:16" and the CLI "in 9h"."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st
from review_helpers import local_time

from ctotui.core.dates import until

NOW = "2026-03-15T09:00:00+00:00"  # 10:00 in Berlin
BERLIN = ZoneInfo("Europe/Berlin")


def at(text: str) -> datetime:
    return datetime.fromisoformat(text)


def test_the_same_evening_is_later_today_with_its_time_and_tomorrow_is_tomorrows_date(monkeypatch) -> None:
    with local_time(monkeypatch, NOW, "Europe/Berlin"):
        assert until(at("2026-03-15T18:16:00+00:00")) == "later today (19:16)"
        assert until(at("2026-03-15T22:59:00+00:00")) == "later today (23:59)"
        assert until(at("2026-03-15T23:00:00+00:00")) == "tomorrow"  # midnight in Berlin
        assert until(at("2026-03-16T22:59:00+00:00")) == "tomorrow"  # 37 hours on, still tomorrow's date
        assert until(at("2026-03-16T23:00:00+00:00")) == "in 2 days"
        assert until(at("2026-03-15T09:00:00+00:00")) == "now"
        assert until(at("2026-03-14T09:00:00+00:00")) == "now"
        assert until(None) == "later"
    with local_time(monkeypatch, "2026-03-15T22:50:00+00:00", "Europe/Berlin"):  # 23:50 in Berlin
        assert until(at("2026-03-15T23:00:00+00:00")) == "tomorrow"  # ten minutes on, but after midnight


@given(
    now=st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2030, 1, 1)),
    ahead=st.timedeltas(min_value=timedelta(seconds=1), max_value=timedelta(days=400)),
)
def test_the_words_follow_the_local_calendar(monkeypatch, now: datetime, ahead: timedelta) -> None:
    start = now.replace(tzinfo=UTC)
    moment = start + ahead
    with local_time(monkeypatch, start.isoformat(), "Europe/Berlin"):
        said = until(moment)
    days = (moment.astimezone(BERLIN).date() - start.astimezone(BERLIN).date()).days
    if days == 0:
        assert said == f"later today ({moment.astimezone(BERLIN):%H:%M})"
    elif days == 1:
        assert said == "tomorrow"
    elif days < 21:
        assert said == f"in {days} days"
    else:
        assert said == f"in {round(days / 7)} weeks"
