"""What is due now, for a review day early in the week (Monday, Tuesday) and a later one (Friday),
before and after that day's review, on a real SQLite file: Home's card (review_status), its action
(core/coach/rules.py review_due, as `ctotui next` lists it) and the week the app's review opens on
(week_to_review) all come from review_due_now. Once the week that just ended is reviewed on an
early review day, nothing is due until the next review day, which the card names."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from review_helpers import local_time

from ctotui.core.coach import actions as coach
from ctotui.core.review import weekly as review
from ctotui.core.review.history import review_status
from ctotui.core.review.weekly import Week, week_to_review

W10, W11, W12, W13 = (Week(2026, n) for n in (10, 11, 12, 13))


def asked(db) -> tuple[str, str] | None:
    """The review action Home and `next` show: (its week, its reason), or None."""
    found = [a for a in coach.this_week(db).actions if a.rule == "review-due"]
    return (found[0].item, found[0].reason) if found else None


def on(monkeypatch, day: date):
    return local_time(monkeypatch, f"{day.isoformat()}T10:00:00+01:00", "Europe/Berlin")


# (review day, the review day in W12, the week it reviews there, the review day after it, the week that one reviews)
CASES = [
    ("mon", date(2026, 3, 16), W11, date(2026, 3, 23), W12),
    ("tue", date(2026, 3, 17), W11, date(2026, 3, 24), W12),
    ("fri", date(2026, 3, 20), W12, date(2026, 3, 27), W13),
]


@pytest.mark.parametrize(("weekday", "day", "week", "next_day", "next_week"), CASES)
def test_a_review_is_due_on_its_day_and_nothing_after_it_is_done_until_the_next(
    db, monkeypatch, weekday, day, week, next_day, next_week
):
    review.set_review_weekday(db, weekday)
    review.complete_review(db, W10, at=datetime.fromisoformat("2026-03-09T18:00:00+00:00"))
    if weekday == "fri":  # last week reviewed on time, so Monday to Thursday ask for nothing
        review.complete_review(db, W11, at=datetime.fromisoformat("2026-03-13T18:00:00+00:00"))
    with on(monkeypatch, day - timedelta(days=1)):  # the day before: not due yet
        status = review_status(db)
        assert not status.due.due and status.nudge is None and status.review_day == day
        assert asked(db) is None
    with on(monkeypatch, day):  # the review day, before its review
        status = review_status(db)
        assert (status.due.week, status.due.due, status.review_day) == (week, True, day)
        assert week_to_review(db) == week
        assert asked(db) == (week.key, "today is your review day")
        assert status.nudge is not None and status.nudge.startswith("Today is review day")
        review.save_text(db, week, reflection="A calm week.")
        review.complete_review(db, week)
        status = review_status(db)  # after it, the same day
        assert (status.due.week, status.due.done, status.due.due) == (week, True, False)
        assert status.review_day == next_day and status.nudge is None  # the card: "Review day ... (in 7 days)"
        assert week_to_review(db) == week  # w opens the review just done, not the week just started
        assert asked(db) is None
    for later in range(1, 7):  # every day until the next review day
        with on(monkeypatch, day + timedelta(days=later)):
            status = review_status(db)
            assert not status.due.due and status.nudge is None and status.review_day == next_day, later
            assert asked(db) is None, later
    with on(monkeypatch, next_day):
        status = review_status(db)
        assert (status.due.week, status.due.due) == (next_week, True)
        assert asked(db) == (next_week.key, "today is your review day")


def test_the_focus_on_home_names_the_week_it_was_chosen_for(db, monkeypatch):
    """A Monday review day: before last week's review the focus chosen in W10 was for last week; once
    W11's review picks its own, they are for this week (the review's step 4 says the same)."""
    from ctotui.core.timeline import plan, profile

    profile.update(db, plan_started="2026-03-01")
    a = plan.add_item(db, "3-months", "Own the billing migration").id
    review.set_review_weekday(db, "mon")
    review.set_focus(db, W10, a, True)
    review.complete_review(db, W10, at=datetime.fromisoformat("2026-03-09T18:00:00+00:00"))
    with on(monkeypatch, date(2026, 3, 16)):
        status = review_status(db)
        assert (status.week, status.focus_week, [i.id for i in status.focus]) == (W12, W11, [a])
        review.complete_review(db, W11)  # carries the open focus over
        assert review_status(db).focus_week == W12
