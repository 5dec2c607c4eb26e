"""The streak of reviewed weeks: consecutive, with gaps, across New Year; half-done reviews do not count."""

from __future__ import annotations

from datetime import datetime

from hypothesis import given
from hypothesis import strategies as st
from review_helpers import local_time

from ctotui.core.coach.week import week_summary
from ctotui.core.review import weekly as review
from ctotui.core.review.history import review_status, review_streak, streak
from ctotui.core.review.weekly import Week

NOW = Week(2026, 11)


def weeks(*numbers: int, year: int = 2026) -> list[Week]:
    return [Week(year, n) for n in numbers]


def test_no_reviews_no_streak():
    s = streak([], NOW)
    assert (s.current, s.longest, s.total, s.last) == (0, 0, 0, None)


def test_this_week_reviewed_counts_back_from_this_week():
    s = streak(weeks(8, 9, 10, 11), NOW)
    assert (s.current, s.longest, s.last) == (4, 4, NOW)


def test_this_week_still_open_keeps_the_streak_alive_from_last_week():
    assert streak(weeks(8, 9, 10), NOW).current == 3


def test_a_missed_week_breaks_it():
    s = streak(weeks(7, 8, 9), NOW)  # week 10 went by without a review
    assert (s.current, s.longest) == (0, 3)


def test_gaps_leave_the_longest_run_and_count_the_latest():
    s = streak(weeks(1, 2, 3, 4, 6, 7, 9, 10, 11), NOW)
    assert (s.current, s.longest, s.total) == (3, 4, 9)


def test_the_streak_runs_through_week_53_into_the_new_year():
    reviewed = [Week(2026, 51), Week(2026, 52), Week(2026, 53), Week(2027, 1), Week(2027, 2)]
    s = streak(reviewed, Week(2027, 2))
    assert (s.current, s.longest) == (5, 5)
    # ... and a year without week 53 goes straight from 52 to 1
    assert streak([Week(2025, 51), Week(2025, 52), Week(2026, 1)], Week(2026, 1)).current == 3


def test_order_and_repeats_do_not_matter():
    assert streak(weeks(10, 9, 10, 11, 9), NOW).current == 3


def test_future_weeks_are_not_the_last_review():
    s = streak(weeks(10, 12), NOW)
    assert (s.current, s.last) == (1, Week(2026, 10))


@given(st.sets(st.integers(min_value=-60, max_value=0), max_size=30))
def test_the_current_streak_is_never_longer_than_the_longest(offsets):
    done = {NOW.shifted(o) for o in offsets}
    s = streak(done, NOW)
    assert 0 <= s.current <= s.longest <= s.total == len(offsets)
    end = NOW if NOW in done else NOW.shifted(-1)  # the run being counted ends here (nothing else due)
    assert all(end.shifted(-k) in done for k in range(s.current))
    assert end.shifted(-s.current) not in done


def test_from_the_database_only_completed_reviews_count(db, monkeypatch):
    monkeypatch.setenv("CTOTUI_NOW", "2026-03-13T18:00:00+00:00")
    for n in (7, 8, 9, 10):
        at = datetime.fromisoformat("2026-03-13T17:00:00+00:00")
        review.complete_review(db, Week(2026, n), at=at)
    review.set_step(db, Week(2026, 11), 3)  # this week: half done
    assert review_streak(db).current == 4
    review.set_step(db, Week(2026, 6), 4)  # an abandoned review does not join the run
    s = review_streak(db)
    assert (s.current, s.longest, s.total) == (4, 4, 4)
    review.complete_review(db, Week(2026, 11))
    assert review_streak(db).current == 5


def test_last_week_still_due_does_not_break_the_streak():
    done = weeks(8, 9, 10)  # W11 (last week) is due and not reviewed yet; this week is W12
    assert streak(done, Week(2026, 12), due=Week(2026, 11)).current == 3
    assert streak(done, Week(2026, 12)).current == 0  # once W11 is no longer due, it was missed
    assert streak([*done, Week(2026, 11)], Week(2026, 12), due=Week(2026, 11)).current == 4  # reviewed late


@given(st.sets(st.integers(min_value=-60, max_value=0), max_size=30), st.booleans())
def test_a_week_still_open_never_lowers_the_streak(offsets, last_week_due):
    done = {NOW.shifted(o) for o in offsets}
    due = NOW.shifted(-1) if last_week_due else NOW
    s = streak(done, NOW, due)
    assert s.current >= streak(done, NOW).current
    open_weeks = {NOW, due}
    end = NOW
    while end in open_weeks and end not in done:
        end = end.shifted(-1)
    assert all(end.shifted(-k) in done for k in range(s.current))
    assert end.shifted(-s.current) not in done


# 2026-W53 is 28 Dec 2026 - 3 Jan 2027; eleven weeks reviewed up to 2026-W52, W53 not yet.
W53, W01 = Week(2026, 53), Week(2027, 1)


def _eleven_weeks(db):
    for n in range(42, 53):
        review.complete_review(db, Week(2026, n), at=datetime.fromisoformat("2026-12-27T18:00:00+00:00"))


def test_home_the_list_and_the_report_agree_while_last_week_is_due(db, monkeypatch):
    """Monday 4 Jan 2027 at 00:30 in Berlin (still Sunday in UTC), review day Friday: W53 is due,
    not missed, so the streak stays at 11 (Home and the list said 0, the W53 report 11)."""
    _eleven_weeks(db)
    with local_time(monkeypatch, "2027-01-04T00:30:00+01:00", "Europe/Berlin"):
        assert review.week_to_review(db) == W53
        assert review_streak(db).current == 11  # ctotui review --list, the History
        assert review_status(db).streak.current == 11  # Home
        assert week_summary(db, W53).streak == 11  # the week's report (ctotui review)
        assert week_summary(db, W01).streak == 11
        review.complete_review(db, W53)  # reviewed late
        assert review_streak(db).current == review_status(db).streak.current == 12
    with local_time(monkeypatch, "2027-01-08T10:00:00+01:00", "Europe/Berlin"):  # Friday: W01 is due
        assert review_streak(db).current == 12


def test_a_missed_week_breaks_the_streak_once_it_is_no_longer_due(db, monkeypatch):
    _eleven_weeks(db)
    with local_time(monkeypatch, "2027-01-08T10:00:00+01:00", "Europe/Berlin"):  # Friday of 2027-W01
        assert review.week_to_review(db) == W01
        assert review_streak(db).current == review_status(db).streak.current == 0
    review.set_review_weekday(db, "mon")  # reviews the week that ended: W53 stays due all week
    with local_time(monkeypatch, "2027-01-10T20:00:00+01:00", "Europe/Berlin"):  # Sunday of 2027-W01
        assert review.week_to_review(db) == W53
        assert review_streak(db).current == review_status(db).streak.current == 11
    with local_time(monkeypatch, "2027-01-11T09:00:00+01:00", "Europe/Berlin"):  # Monday: W01 is due
        assert review_streak(db).current == 0
