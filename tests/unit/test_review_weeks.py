"""ISO weeks: which week a moment belongs to (by the LOCAL date), the weeks around New Year,
week 53, and parsing what a user types."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st
from review_helpers import local_time

from ctotui.core.errors import CtoError
from ctotui.core.review import weekly as review
from ctotui.core.review.report import rating_changes
from ctotui.core.review.weekly import Week, parse_week, weeks_in_year
from ctotui.core.skills import stack as skills
from ctotui.ui.review.steps import week_name, whose


def test_monday_half_past_midnight_local_is_the_new_week_while_utc_is_still_sunday(db, monkeypatch):
    # Sunday 23:30 in UTC is Monday 00:30 in Berlin (UTC+1 in early March)
    with local_time(monkeypatch, "2026-03-08T23:30:00+00:00", "Europe/Berlin"):
        monday_half_past_midnight(db)


def monday_half_past_midnight(db) -> None:
    assert review.current_week() == Week(2026, 11)
    assert Week.of(date(2026, 3, 8)) == Week(2026, 10)  # the UTC date's week: not the one used
    started = review.start_review(db)
    assert started.week.key == "2026-W11"
    # What is done at that moment counts in the new week, not in the one UTC is still in.
    skills.rate(db, "leadership", 3)
    assert [c.rated for c in rating_changes(db, Week(2026, 11)) if c.skill == "leadership"] == [1]
    assert [c.rated for c in rating_changes(db, Week(2026, 10)) if c.skill == "leadership"] == [0]
    assert Week(2026, 11).utc_bounds()[0] == "2026-03-08T23:00:00.000000+00:00"


def test_sunday_evening_local_is_still_the_old_week_while_utc_is_monday(monkeypatch):
    # Monday 02:30 in UTC is Sunday 22:30 in New York (UTC-4: daylight saving started on 8 March 2026)
    with local_time(monkeypatch, "2026-03-09T02:30:00+00:00", "America/New_York"):
        assert review.current_week() == Week(2026, 10)


def test_the_week_that_spans_new_year_belongs_to_the_year_of_its_thursday():
    assert Week.of(date(2025, 12, 29)) == Week(2026, 1)  # a Monday in December opens 2026's first week
    assert Week.of(date(2026, 1, 4)) == Week(2026, 1)
    assert Week(2026, 1).start == date(2025, 12, 29)
    assert Week(2026, 1).label == "29 Dec 2025 – 4 Jan 2026"
    assert Week(2026, 1).shifted(-1) == Week(2025, 52)


def test_week_53_exists_in_2026_and_runs_into_2027():
    assert weeks_in_year(2026) == 53  # 2026 starts on a Thursday
    w53 = Week(2026, 53)
    assert (w53.start, w53.end) == (date(2026, 12, 28), date(2027, 1, 3))
    assert Week.of(date(2027, 1, 1)) == w53  # New Year's Day 2027 is in 2026's last week
    assert w53.shifted(1) == Week(2027, 1)
    assert Week(2027, 1).start == date(2027, 1, 4)
    assert parse_week("2026-W53") == w53
    with pytest.raises(CtoError, match="2025 has weeks 1 to 52"):
        parse_week("2025-W53")


@pytest.mark.parametrize(
    ("year", "weeks"), [(2015, 53), (2019, 52), (2020, 53), (2025, 52), (2026, 53), (2027, 52), (2032, 53)]
)
def test_weeks_in_a_year(year, weeks):
    assert weeks_in_year(year) == weeks


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-W48", Week(2026, 48)),
        ("2026-w48", Week(2026, 48)),
        ("2026W5", Week(2026, 5)),
        (" 2026-W05 ", Week(2026, 5)),
        ("2026-03-12", Week(2026, 11)),
        ("this", Week(2026, 11)),
        ("last", Week(2026, 10)),
        (None, Week(2026, 11)),
    ],
)
def test_parse_week_accepts(text, expected, monkeypatch):
    monkeypatch.setenv("CTOTUI_NOW", "2026-03-12T12:00:00+00:00")
    assert parse_week(text) == expected


@pytest.mark.parametrize(
    "text", ["2026-W00", "2026-W54", "W48", "2026-48", "1899-W10", "2026-02-30", "soon", "2026-W5x"]
)
def test_parse_week_refuses_with_one_plain_line(text):
    with pytest.raises(CtoError) as caught:
        parse_week(text)
    assert "\n" not in str(caught.value) and "bad week" in str(caught.value)


@given(st.dates(min_value=date(1901, 1, 1), max_value=date(9998, 12, 1)))
def test_every_day_is_in_exactly_the_week_its_key_names(day):
    week = Week.of(day)
    assert week.contains(day) and week.start.weekday() == 0 and week.end - week.start == timedelta(days=6)
    assert parse_week(week.key) == week
    assert week.shifted(1).start - week.start == timedelta(days=7)
    assert week.shifted(1) > week > week.shifted(-1)  # keys order as the weeks do, across years too
    assert week.shifted(1).key > week.key


def test_weekday_names_and_numbers(db):
    assert review.review_weekday(db) == 4  # Friday unless told
    assert review.set_review_weekday(db, "sat") == 5
    assert review.set_review_weekday(db, "Monday") == 0
    assert review.set_review_weekday(db, "7") == 6
    assert review.review_weekday(db) == 6
    with pytest.raises(CtoError, match="bad weekday"):
        review.set_review_weekday(db, "fr")
    assert review.review_weekday(db) == 6  # unchanged


def test_the_steps_name_the_week_under_review_from_the_week_it_is_now():
    now = Week(2027, 1)
    assert week_name(now, now) == "this week"
    assert week_name(Week(2026, 53), now) == "last week"  # across New Year, after a 53rd week
    assert week_name(Week(2026, 52), now) == "that week"
    assert [whose(week_name(w, now)) for w in (now, now.shifted(-1), now.shifted(-5))] == [
        "This week's",
        "Last week's",
        "That week's",
    ]


def test_the_line_of_an_earlier_week_says_late_only_before_it_is_reviewed_and_fits_80_columns(monkeypatch):
    """W47 done on 21 Nov, in its own week, read as "Reviewing 2026-W47 late, … · 2026-W47 · done 21 Nov ·
    editing it updates the review · > a week on": late, its key twice, and its hint cut at 80 columns."""
    from ctotui.ui.review.steps import week_line

    monkeypatch.setenv("CTOTUI_NOW", "2026-12-05T12:00:00+00:00")
    monkeypatch.setenv("TZ", "UTC")
    now, w47, w48 = Week(2026, 49), Week(2026, 47), Week(2026, 48)

    def made(week: Week, completed_at: str | None) -> review.Review:
        start = week.start.isoformat() + "T09:00:00+00:00"
        return review.Review(1, week, 6, "", "", start, start, completed_at, ())

    done_w47 = str(week_line(w47, made(w47, "2026-11-21T17:00:00+00:00"), now))
    assert done_w47 == "Reviewing 2026-W47, 16–22 Nov 2026 · done 21 Nov, edits saved · > a week on"
    assert str(week_line(w47, made(w47, None), now)).startswith("Reviewing 2026-W47 late, 16–22 Nov 2026 · started ")
    assert str(week_line(w47, None, now)) == "Reviewing 2026-W47 late, 16–22 Nov 2026 · not started yet · > a week on"
    done_w48 = str(week_line(w48, made(w48, "2026-11-27T17:00:00+00:00"), now))
    assert done_w48 == "Reviewing last week, 23–29 Nov 2026 · done 27 Nov, edits saved · > a week on"
    assert max(len(done_w47), len(done_w48)) <= 78  # the screen's padding leaves 78 of 80 columns
    assert str(week_line(now, None, now)).startswith("2026-W49 · ")  # this week: as it was


def test_the_focus_and_one_thing_are_named_by_the_week_they_are_set_for():
    """A late review of last week sets this week's focus and one thing (its steps said "next week"),
    and Home's card names a focus by the week it was chosen for, in the steps' words (it called last
    week's focus "This week's focus" on a Monday review day)."""
    from ctotui.ui.review.card import focus_heading
    from ctotui.ui.review.steps import INTROS, intro_words
    from ctotui.ui.review.words import week_after_name

    w12 = Week(2026, 12)
    assert week_name(w12.shifted(1), w12) == "next week"
    assert [week_after_name(w12.shifted(-n), w12) for n in range(3)] == ["next week", "this week", "last week"]
    assert week_after_name(w12.shifted(-3), w12) == "the week after"
    late = intro_words(INTROS["plan"], w12.shifted(-1), w12)
    assert "focus on this week (f)" in late and "next week" not in late
    assert "focus on next week (f)" in intro_words(INTROS["plan"], w12, w12)
    assert "Then one thing to do this week." in intro_words(INTROS["reflect"], w12.shifted(-1), w12)
    assert [focus_heading(w12.shifted(n), w12) for n in (-1, 0, 1)] == [
        "Last week's focus",
        "This week's focus",
        "Next week's focus",
    ]
