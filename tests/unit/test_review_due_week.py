"""The week to review: last week while this week's review is not started, with a review day early
in the week (Monday to Wednesday: it reviews the week that ended), or while last week is not
reviewed and a later review day is still to come; else this week. It is due once its review day has
come until it is done, and only then do Home's card and action and `ctotui next` ask for it; the
app's review and `ctotui review` open on it, and a week reviewed late counts in the streak."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st
from review_helpers import local_time

from ctotui.core.coach import actions as coach
from ctotui.core.journal.entries import add_achievement
from ctotui.core.review import weekly as review
from ctotui.core.review.history import review_status, review_streak
from ctotui.core.review.weekly import Week, due_review, review_day, week_to_review
from ctotui.core.skills import stack as skills

MONDAY = date(2026, 3, 16)  # 2026-W12; last week is 9-15 March (W11); the review day is Friday
W11, W12 = Week(2026, 11), Week(2026, 12)


@given(
    st.dates(min_value=date(1901, 1, 7), max_value=date(9998, 12, 20)),
    st.integers(0, 6),
    st.booleans(),
    st.booleans(),
    st.booleans(),
)
def test_the_week_due_and_whether_it_is_due(today, weekday, last_done, this_started, this_done):
    this_done = this_done and this_started  # a review is started before it is done
    d = due_review(today, weekday, last_done, this_started, this_done)
    this = Week.of(today)
    early = weekday <= 2  # Monday to Wednesday: it reviews the week that ended
    looks_back = not this_started and (early or (today.weekday() < weekday and not last_done))
    assert d.week == (this.shifted(-1) if looks_back else this)
    assert d.done == (last_done if looks_back else this_done)
    # due from the week's review day on (next week's for an early one) until it is done
    own_day = d.week.shifted(1).day(weekday) if early else d.week.day(weekday)
    assert own_day == review_day(d.week, weekday)
    assert d.due == (not d.done and today >= own_day)
    # the day to tell of: the week's own, or once it is done the next week's, which is still to come
    assert d.day == (review_day(d.week.shifted(1), weekday) if d.done else own_day)
    assert d.day.weekday() == weekday
    if d.done:
        assert d.day > today and not d.due
    if early and last_done and not this_started:  # the week that ended is reviewed: nothing until next week
        assert not d.due and d.day == this.shifted(1).day(weekday)


def test_monday_after_a_missed_week_opens_last_week_until_it_is_done(db, monkeypatch):
    with local_time(monkeypatch, "2026-03-16T09:00:00+00:00"):
        review.complete_review(db, Week(2026, 10), at=datetime.fromisoformat("2026-03-06T18:00:00+00:00"))
        assert week_to_review(db) == W11
        status = review_status(db)
        assert status.due.week == W11 and status.nudge == "Last week (9–15 Mar 2026) is not reviewed yet: w reviews it."
        action = next(a for a in coach.this_week(db).actions if a.rule == "review-due")
        assert (action.item, action.reason) == ("2026-W11", "last week, 9–15 Mar 2026, is not reviewed yet")
        assert review_streak(db).current == 1  # W10; W11 is due, not missed: it does not break the run
        review.complete_review(db, W11)  # late, on Monday of W12
        assert week_to_review(db) == W12
        assert review_status(db).due.week == W12 and review_status(db).nudge is None
        assert review_streak(db).current == 2  # W11 reviewed late counts for W11
        assert "review-due" not in {a.rule for a in coach.this_week(db).actions}


def started_two_weeks_ago(db) -> None:
    """A first trace (a rating) on 2 March: the user has last week (W11) to look back on."""
    skills.rate(db, "leadership", 3, at=datetime.fromisoformat("2026-03-02T10:00:00+00:00"))


def test_this_week_once_started_or_from_the_review_day_on(db, monkeypatch):
    started_two_weeks_ago(db)
    with local_time(monkeypatch, "2026-03-16T09:00:00+00:00"):
        review.set_review_weekday(db, "mon")
        assert week_to_review(db) == W11  # Monday is the review day: it reviews the week that ended
        review.set_review_weekday(db, "fri")
        assert week_to_review(db) == W11
        review.start_review(db, W12)
        assert week_to_review(db) == W12  # the user chose this week already
    with local_time(monkeypatch, "2026-03-20T09:00:00+00:00"):  # Friday: review day
        assert week_to_review(db) == W12


def test_a_first_review_is_not_nagged_for_last_week(db, monkeypatch):
    """Neither by the coach nor by Home's review card, which said "Last week (…) is not reviewed yet"
    to someone who never began while the coach stayed quiet."""
    started_two_weeks_ago(db)
    with local_time(monkeypatch, "2026-03-16T09:00:00+00:00"):
        assert week_to_review(db) == W11  # the review opens on the week that ended
        assert "review-due" not in {a.rule for a in coach.this_week(db).actions}
        assert review_status(db).nudge is None


@pytest.mark.parametrize("weekday", ["mon", "wed", "fri", "sun"])
def test_on_day_one_the_review_is_of_this_week(db, monkeypatch, weekday):
    """A new user on Monday 2 March 2026 (2026-W10): w opened 2026-W09, the week before they started,
    and its review made a streak. It opens this week; last week returns once there is one to look back
    on (an entry dated in it, or a week since the first trace)."""
    review.set_review_weekday(db, weekday)
    with local_time(monkeypatch, "2026-03-02T09:00:00+00:00"):
        add_achievement(db, title="Set up the journal")  # today, the first trace
        assert week_to_review(db) == Week(2026, 10)
        assert review_status(db).due.week == Week(2026, 10) and review_status(db).nudge is None
    with local_time(monkeypatch, "2026-03-09T09:00:00+00:00"):  # a week on: W10 is last week, to look back on
        assert week_to_review(db) == Week(2026, 10)


# Which week each review day reviews, day by day through the week after it ends: (review day,
# the weeks due from Monday to Sunday of 2026-W12 while W11 is not reviewed).
LAST, THIS = "W11", "W12"
WEEK_BY_DAY = {
    "mon": (LAST,) * 7,  # early in the week: the week that ended, all week while it is open
    "tue": (LAST,) * 7,
    "wed": (LAST,) * 7,
    "fri": (LAST, LAST, LAST, LAST, THIS, THIS, THIS),  # later: the week it is in, from the day on
    "sun": (LAST,) * 6 + (THIS,),
}


def test_each_review_day_reviews_the_week_a_user_expects(db, monkeypatch):
    started_two_weeks_ago(db)
    for weekday, expected in WEEK_BY_DAY.items():
        review.set_review_weekday(db, weekday)
        for offset, key in enumerate(expected):
            day = MONDAY + timedelta(days=offset)
            with local_time(monkeypatch, f"{day.isoformat()}T09:00:00+01:00", "Europe/Berlin"):
                want = W11 if key == LAST else W12
                assert week_to_review(db) == want, (weekday, day)
                assert review_status(db).due.week == want, (weekday, day)  # Home's card and action


def test_a_monday_review_day_offers_the_week_that_ended_until_it_is_done(db, monkeypatch):
    review.set_review_weekday(db, "mon")
    with local_time(monkeypatch, "2026-03-09T09:00:00+01:00", "Europe/Berlin"):  # Monday of W11
        review.complete_review(db, Week(2026, 10))
    with local_time(monkeypatch, "2026-03-16T09:00:00+01:00", "Europe/Berlin"):  # Monday of W12: review day
        assert week_to_review(db) == W11
        status = review_status(db)
        assert status.due.week == W11 and status.nudge == "Today is review day: w reviews last week (9–15 Mar 2026)."
        action = next(a for a in coach.this_week(db).actions if a.rule == "review-due")
        assert action.item == "2026-W11"
    with local_time(monkeypatch, "2026-03-17T20:00:00+01:00", "Europe/Berlin"):  # Tuesday: a day late
        assert week_to_review(db) == W11
        assert review_status(db).nudge == "Last week (9–15 Mar 2026) is not reviewed yet: w reviews it."
        review.complete_review(db, W11)
        assert week_to_review(db) == W11  # done: it opens on it, to read or edit; this week is next Monday's
        assert review_streak(db).current == 2
        assert review_status(db).nudge is None


# 2026 has 53 ISO weeks: 2026-W53 is Monday 28 Dec 2026 to Sunday 3 Jan 2027.
W52, W53, W01 = Week(2026, 52), Week(2026, 53), Week(2027, 1)


def test_the_53rd_week_is_reviewed_across_new_year(db, monkeypatch):
    cases = [  # (review day, today, the week due while 2026-W53 is not reviewed)
        ("mon", "2027-01-04", W53),  # Monday of 2027-W01: the week that ended yesterday
        ("tue", "2027-01-05", W53),
        ("fri", "2027-01-01", W53),  # Friday 1 Jan 2027 lies in 2026-W53: this week
        ("fri", "2027-01-04", W53),  # Monday after: last week, before Friday
        ("fri", "2027-01-08", W01),  # Friday of 2027-W01: this week; W53 missed
        ("sun", "2027-01-03", W53),
        ("sun", "2027-01-07", W53),  # Thursday of 2027-W01, before Sunday: last week
        ("mon", "2026-12-28", W52),  # Monday of W53: 2026-W52, which ended, is reviewed already: it opens on it
    ]
    review.complete_review(db, W52, at=datetime.fromisoformat("2026-12-27T18:00:00+00:00"))
    for weekday, today, want in cases:
        review.set_review_weekday(db, weekday)
        with local_time(monkeypatch, f"{today}T00:30:00+01:00", "Europe/Berlin"):  # UTC is still the day before
            assert week_to_review(db) == want, (weekday, today)
            assert review_status(db).due.week == want, (weekday, today)


def test_a_first_review_left_half_done_last_week_is_resumed_on_the_review_day(db, monkeypatch):
    """A first review of 2026-W12 begun on its Monday and left at step 3: the next Monday, the review
    day, Home read "No review yet" and "Today is review day: w reviews last week (16–22 Mar 2026)."
    though w opened it at step 3. The status carries the review of the week due, begun or not."""
    review.set_review_weekday(db, "mon")
    with local_time(monkeypatch, "2026-03-16T09:00:00+00:00"):
        add_achievement(db, title="Cut build from 10 to 4 min")
        review.set_step(db, W12, 3)
    with local_time(monkeypatch, "2026-03-23T09:00:00+00:00"):  # Monday of W13: review day
        status = review_status(db)
        assert status.due.week == W12 and status.due_review is not None and status.due_review.step == 3
        assert status.this_week is None and status.last_done is None
        assert status.nudge == "Today is review day: last week (16–22 Mar 2026) is half done: w resumes it at step 3."
    with local_time(monkeypatch, "2026-03-24T09:00:00+00:00"):  # Tuesday: still open, a first review
        assert review_status(db).nudge == "Half done: w resumes it at step 3."


def test_a_review_of_last_week_left_half_done_is_resumed_not_started(db, monkeypatch):
    review.set_review_weekday(db, "mon")
    with local_time(monkeypatch, "2026-03-16T09:00:00+00:00"):
        review.complete_review(db, Week(2026, 11))
        review.set_step(db, W12, 2)
    with local_time(monkeypatch, "2026-03-24T09:00:00+00:00"):  # Tuesday of W13: a day late
        status = review_status(db)
        assert status.due.week == W12 and status.last_done is not None
        assert status.nudge == "Last week (16–22 Mar 2026) is not reviewed yet: w resumes it at step 2."
