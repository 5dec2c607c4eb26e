"""The week to review: last week on the days before this week's review day while it is not
reviewed (and this week's review is not started), else this week; Home's action and card lead
to it, and a week reviewed late counts in the streak."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st
from review_helpers import local_time

from ctotui.core.coach import actions as coach
from ctotui.core.review import weekly as review
from ctotui.core.review.history import review_status, review_streak
from ctotui.core.review.weekly import Week, due_week, week_to_review

MONDAY = date(2026, 3, 16)  # 2026-W12; last week is 9-15 March (W11); the review day is Friday
W11, W12 = Week(2026, 11), Week(2026, 12)


@given(
    st.dates(min_value=date(1901, 1, 7), max_value=date(9998, 12, 20)),
    st.integers(0, 6),
    st.booleans(),
    st.booleans(),
)
def test_the_week_due_is_last_week_only_before_the_review_day_while_nothing_says_otherwise(
    today, weekday, last_done, this_started
):
    due = due_week(today, weekday, last_done, this_started)
    this = Week.of(today)
    early = today.weekday() < weekday and not last_done and not this_started
    assert due == (this.shifted(-1) if early else this)
    assert due.contains(today) or due.end == this.start - timedelta(days=1)


def test_monday_after_a_missed_week_opens_last_week_until_it_is_done(db, monkeypatch):
    with local_time(monkeypatch, "2026-03-16T09:00:00+00:00"):
        review.complete_review(db, Week(2026, 10), at=datetime.fromisoformat("2026-03-06T18:00:00+00:00"))
        assert week_to_review(db) == W11
        status = review_status(db)
        assert status.due == W11 and status.nudge == "Last week (9–15 Mar 2026) is not reviewed yet: w reviews it."
        action = next(a for a in coach.this_week(db).actions if a.rule == "review-due")
        assert (action.item, action.reason) == ("2026-W11", "last week, 9–15 Mar 2026, is not reviewed yet")
        assert review_streak(db).current == 0  # W11 not reviewed yet
        review.complete_review(db, W11)  # late, on Monday of W12
        assert week_to_review(db) == W12
        assert review_status(db).due == W12 and review_status(db).nudge is None
        assert review_streak(db).current == 2  # W11 reviewed late counts for W11
        assert "review-due" not in {a.rule for a in coach.this_week(db).actions}


def test_this_week_once_started_or_from_the_review_day_on(db, monkeypatch):
    with local_time(monkeypatch, "2026-03-16T09:00:00+00:00"):
        review.set_review_weekday(db, "mon")
        assert week_to_review(db) == W12  # Monday is the review day: this week
        review.set_review_weekday(db, "fri")
        assert week_to_review(db) == W11
        review.start_review(db, W12)
        assert week_to_review(db) == W12  # the user chose this week already
    with local_time(monkeypatch, "2026-03-20T09:00:00+00:00"):  # Friday: review day
        assert week_to_review(db) == W12


def test_a_first_review_is_not_nagged_for_last_week(db, monkeypatch):
    with local_time(monkeypatch, "2026-03-16T09:00:00+00:00"):
        assert week_to_review(db) == W11  # the review opens on the week that ended
        assert "review-due" not in {a.rule for a in coach.this_week(db).actions}
