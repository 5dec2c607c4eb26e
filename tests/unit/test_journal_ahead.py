"""An entry dated tomorrow (the journal allows one day ahead, for time zones) counts in its own week
and month on Home, and shows on the History heatmap, as it does in the list and the review.

Home said "0 this week … 17 Mar Cut build…" on Monday 16 March: its counts, and the heatmap's
days, stopped at today."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st
from review_helpers import local_time

from ctotui.core.db import open_db
from ctotui.core.journal.entries import add_achievement, delete_achievement, journal_counts
from ctotui.core.review.history import journal_activity


def test_an_entry_dated_tomorrow_counts_this_week_and_month_and_shows_on_the_heatmap(db, monkeypatch) -> None:
    with local_time(monkeypatch, "2026-03-16T08:00:00+00:00", "Europe/Berlin"):  # Monday 09:00
        add_achievement(db, title="Cut build from 10 to 4 min", occurred_on="tomorrow")
        counts = journal_counts(db)
        assert (counts.week, counts.month, counts.total) == (1, 1, 1)
        activity = journal_activity(db)
        assert activity.counts == {date(2026, 3, 17): 1} and activity.end == date(2026, 3, 17)
        assert activity.weeks == 53  # this week is still the last column
        gone = add_achievement(db, title="Deleted", occurred_on="tomorrow")
        delete_achievement(db, gone.id)
        assert journal_counts(db).week == 1 and journal_activity(db).counts == {date(2026, 3, 17): 1}


def test_a_day_ahead_in_the_next_week_or_month_counts_there(db, monkeypatch) -> None:
    with local_time(monkeypatch, "2026-05-31T10:00:00+00:00"):  # Sunday 31 May
        add_achievement(db, title="Planned the offsite", occurred_on="tomorrow")  # Monday 1 June
        counts = journal_counts(db)
        assert (counts.week, counts.month, counts.total) == (0, 0, 1)
        activity = journal_activity(db)
        assert activity.counts == {} and activity.end == date(2026, 5, 31)
        assert journal_counts(db, date(2026, 6, 1)).week == journal_counts(db, date(2026, 6, 1)).month == 1


@given(
    today=st.dates(min_value=date(2001, 1, 1), max_value=date(2098, 12, 31)),
    offsets=st.lists(st.integers(min_value=-70, max_value=1), max_size=6),
)
def test_the_counts_follow_the_calendar_week_and_month(tmp_path, monkeypatch, today: date, offsets: list[int]) -> None:
    db = open_db(tmp_path / f"{uuid.uuid4().hex}.db")  # a new file for each example
    with local_time(monkeypatch, f"{today.isoformat()}T12:00:00+00:00"):
        for offset in offsets:
            add_achievement(db, title="Shipped it", occurred_on=today + timedelta(days=offset))
        days = [date.fromisoformat(d) for (d,) in db.execute("select occurred_on from achievements").fetchall()]
        counts = journal_counts(db)
        activity = journal_activity(db)
    db.close()
    week = today.isocalendar()[:2]
    assert counts.week == sum(1 for d in days if d.isocalendar()[:2] == week)
    assert counts.month == sum(1 for d in days if (d.year, d.month) == (today.year, today.month))
    shown = {d for d in days if activity.start <= d <= today + timedelta(days=6 - today.weekday())}
    assert set(activity.counts) == shown and activity.end == max([today, *shown])
    assert sum(activity.counts.values()) == sum(1 for d in days if d in shown)
