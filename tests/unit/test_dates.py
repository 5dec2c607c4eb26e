"""The one date parser (core/dates.py), with a frozen clock: every phrase, every refusal."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ctotui.core.dates import SYNTAX, achievement_day, date_read, optional_day, parse_day, period, reading
from ctotui.core.errors import CtoError
from ctotui.core.journal.entries import add_achievement, update_achievement
from ctotui.core.review.weekly import Week, parse_week
from ctotui.core.timeline.plan import add_item
from ctotui.core.timeline.profile import parse_plan_started

TODAY = date(2026, 11, 27)  # a Friday


@pytest.fixture(autouse=True)
def frozen(monkeypatch):
    monkeypatch.setenv("CTOTUI_NOW", "2026-11-27T12:00:00+00:00")
    monkeypatch.setenv("TZ", "UTC")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-03-02", date(2026, 3, 2)),
        ("2024-02-29", date(2024, 2, 29)),
        ("today", TODAY),
        (" Today ", TODAY),
        ("yesterday", date(2026, 11, 26)),
        ("friday", TODAY),  # today's own name is today
        ("fri", TODAY),
        ("thursday", date(2026, 11, 26)),
        ("Mon", date(2026, 11, 23)),
        ("saturday", date(2026, 11, 21)),  # the most recent Saturday, six days back
        ("sunday", date(2026, 11, 22)),
        ("0 days ago", TODAY),
        ("1 day ago", date(2026, 11, 26)),
        ("3 days ago", date(2026, 11, 24)),
        ("3  DAYS   ago", date(2026, 11, 24)),
        ("1 week ago", date(2026, 11, 20)),
        ("2 weeks ago", date(2026, 11, 13)),
        ("last week", date(2026, 11, 20)),
        ("2026-3-1", date(2026, 3, 1)),  # one-digit month and day
        ("a week ago", date(2026, 11, 20)),
        ("a day ago", date(2026, 11, 26)),
        ("2 months ago", date(2026, 9, 27)),
        ("a month ago", date(2026, 10, 27)),
        ("last month", date(2026, 10, 27)),
        ("1 year ago", date(2025, 11, 27)),
        ("3 years ago", date(2023, 11, 27)),
        ("last year", date(2025, 11, 27)),
        ("9 months ago", date(2026, 2, 27)),
        ("in a week", date(2026, 12, 4)),
        ("in a year", date(2027, 11, 27)),
        ("next month", date(2026, 12, 27)),
        ("next year", date(2027, 11, 27)),
        # a day and a month's name, as every screen writes a day: this year's, or the year given
        ("4 Dec", date(2026, 12, 4)),
        ("Dec 4", date(2026, 12, 4)),
        ("4 december", date(2026, 12, 4)),
        ("4th Dec", date(2026, 12, 4)),
        ("dec. 4", date(2026, 12, 4)),
        ("3 Jan", date(2026, 1, 3)),
        ("Sept 3", date(2026, 9, 3)),
        ("May 3", date(2026, 5, 3)),
        ("4 Dec 2025", date(2025, 12, 4)),
        ("Dec 4, 2025", date(2025, 12, 4)),
        ("29 Feb 2024", date(2024, 2, 29)),
        ("Fri 27 Nov 2026", TODAY),  # as the form's field shows a phrase back (date_read)
        ("Friday, 27 November 2026", TODAY),
    ],
)
def test_every_phrase(text, expected):
    assert parse_day(text) == expected


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("2023-02-29", "not a date in the calendar"),
        ("1899-12-31", "years 1900 to 9998"),
        ("9999-01-01", "years 1900 to 9998"),
        ("0001-01-01", "years 1900 to 9998"),
        ("29/02/2024", SYNTAX),
        ("tomorrowish", SYNTAX),
        ("fr", SYNTAX),
        ("-3 days ago", SYNTAX),
        ("three days ago", SYNTAX),
        ("999999 days ago", "too far back"),
        ("999999 months ago", "too far back"),
        ("1000000 days ago", "too far back"),  # seven digits were "use YYYY-MM-DD, today, …"
        ("in 999999999999 weeks", "too far ahead"),
        ("200 years ago", "years 1900 to 9998"),
        ("2026-02-30", "not a date in the calendar"),
        ("2026-13-1", "not a date in the calendar"),
        ("an hour ago", SYNTAX),
        ("30 Feb", "30 Feb 2026 is not a date in the calendar"),
        ("29 feb", "29 Feb 2026 is not a date in the calendar"),
        ("mar 32", "32 Mar 2026 is not a date in the calendar"),
        ("Mon 27 Nov 2026", "27 Nov 2026 is a Friday, not a Monday"),
        ("4 Dec 9999", "years 1900 to 9998"),
        ("4 Decem", SYNTAX),
        ("", SYNTAX),
    ],
)
def test_refusals_say_why(text, why):
    with pytest.raises(CtoError) as caught:
        parse_day(text, "due date")
    assert why in str(caught.value) and "due date" in str(caught.value)


@given(st.text(max_size=30))
def test_any_text_is_a_day_or_a_clear_error(text):
    try:
        day = parse_day(text)
    except CtoError as exc:
        assert str(exc).startswith("bad date ")
    else:
        assert day.year >= 1900


@given(st.integers(min_value=0, max_value=5000))
def test_days_and_weeks_ago_count_back_from_today(n):
    assert parse_day(f"{n} days ago") == TODAY - timedelta(days=n)
    assert parse_day(f"{n} weeks ago") == TODAY - timedelta(weeks=n)


@given(st.dates(min_value=date(1950, 1, 1), max_value=date(2100, 12, 31)), st.integers(min_value=0, max_value=600))
def test_months_back_and_on_land_on_the_same_day_or_the_months_last(today, n):
    back, on = parse_day(f"{n} months ago", today=today), parse_day(f"in {n} months", today=today)
    assert (back.year * 12 + back.month) == (today.year * 12 + today.month) - n
    assert (on.year * 12 + on.month) == (today.year * 12 + today.month) + n
    for day in (back, on):  # the same day of the month, or the month's last when it is shorter
        assert day.day == today.day or (day.day < today.day and (day + timedelta(days=1)).day == 1)
    years = n // 12
    assert parse_day(f"{years} years ago", today=today) == parse_day(f"{12 * years} months ago", today=today)


def test_a_month_back_that_is_shorter_says_so():
    assert parse_day("a month ago", today=date(2026, 3, 31)) == date(2026, 2, 28)
    assert "the month's last day" in reading("a month ago", today=date(2026, 3, 31))
    assert reading("2 months ago", today=date(2026, 3, 15)) is None  # the same day: nothing to say
    assert "not the whole month" in reading("last month", today=date(2026, 3, 15))
    assert "not the whole month" in reading("next month", today=date(2026, 3, 15))


def test_a_form_says_the_day_of_any_phrase_but_a_day_written_as_stored():
    assert date_read("2026-03-01", today=TODAY) == ""
    assert date_read("2026-3-1", today=TODAY) == "Sun 1 Mar 2026"
    assert date_read("next month", today=TODAY) == "Sun 27 Dec 2026"


def test_an_achievement_may_not_be_dated_ahead(db):
    assert achievement_day(None) == TODAY
    assert achievement_day("2026-11-28") == date(2026, 11, 28)  # a day ahead: another time zone
    with pytest.raises(CtoError, match="2026-11-29 is in the future"):
        achievement_day("2026-11-29")
    with pytest.raises(CtoError, match="2030-01-01 is in the future"):
        add_achievement(db, title="From the future", occurred_on="2030-01-01")
    a = add_achievement(db, title="Shipped", occurred_on="thursday")
    assert a.occurred_on == date(2026, 11, 26)
    with pytest.raises(CtoError, match="in the future"):
        update_achievement(db, a.id, occurred_on="2027-01-01")
    assert db.execute("select count(*), max(occurred_on) from achievements").fetchone() == (1, "2026-11-26")


def test_plan_dates_may_lie_ahead_and_read_the_same_phrases(db):
    assert add_item(db, "3-months", "Later", due="2027-03-01").due == date(2027, 3, 1)
    assert add_item(db, "3-months", "Now", due="today").due == TODAY
    assert add_item(db, "3-months", "After the holidays", due="15 Jan").due == date(2027, 1, 15)  # next January's
    assert parse_plan_started("yesterday") == date(2026, 11, 26)
    assert parse_plan_started("2 weeks ago") == date(2026, 11, 13)


def test_review_weeks_take_any_day():
    assert parse_week("yesterday") == Week.of(date(2026, 11, 26))
    assert parse_week("last week") == parse_week("last")
    assert parse_week("3 weeks ago") == Week.of(date(2026, 11, 6))
    assert parse_week("2026-W48") == Week(2026, 48)
    with pytest.raises(CtoError, match="bad week 'soon'"):
        parse_week("soon")


def test_period_refuses_since_after_until():
    assert period(None, " ") == (None, None)
    assert period("last week", "today") == (date(2026, 11, 20), TODAY)
    with pytest.raises(CtoError, match="since 2026-11-27 is after until 2026-11-20"):
        period("today", "last week")
    assert optional_day("") is None


@pytest.mark.parametrize(
    ("text", "today", "said"),
    [
        (
            "fri",
            TODAY,
            "'fri' read as Friday 2026-11-27: the most recent one, today included; the one ahead is 'next fri'",
        ),
        (
            "Monday",
            TODAY,
            "'monday' read as Monday 2026-11-23: the most recent one, today included; the one ahead is 'next monday'",
        ),
        ("last week", TODAY, "'last week' read as Friday 2026-11-20: seven days ago, not the whole week"),
        (
            "4 Dec",
            TODAY,
            "'4 dec' read as Friday 2026-12-04: this year's, as the app writes a day of this year; "
            "another year goes after it ('4 dec YYYY')",
        ),
        ("next week", TODAY, "'next week' read as Friday 2026-12-04: seven days on, not next Monday"),
        (
            "in 1 month",
            date(2027, 1, 31),
            "'in 1 month' read as Sunday 2027-02-28: the same day of the month, or the month's last day",
        ),
    ],
)
def test_a_phrase_one_could_mean_two_ways_says_how_it_was_read(text, today, said):
    assert reading(text, today=today) == said


@pytest.mark.parametrize(
    "text",
    [
        "2026-11-20",
        "today",
        "yesterday",
        "3 days ago",
        "last friday",
        "next monday",
        "tomorrow",
        "in 3 months",
        "4 Dec 2025",
        "Fri 27 Nov 2026",
        "blah",
        "",
    ],
)
def test_a_phrase_that_names_one_day_or_none_says_nothing(text):
    assert reading(text, today=TODAY) is None  # "in 3 months" from the 27th is the 27th: nothing to say


@pytest.mark.parametrize(("phrase", "side"), [("next", 1), ("last", -1)])
def test_next_and_last_weekday_land_within_a_week_on_their_side_of_today(phrase, side):
    for offset in range(7):
        today = TODAY + timedelta(days=offset)
        for name in ("monday", "fri", "sunday"):
            day = parse_day(f"{phrase} {name}", today=today)
            assert 1 <= side * (day - today).days <= 7, (today, name, day)
            assert day.strftime("%A").lower().startswith(name), (today, name, day)


def test_a_month_ahead_keeps_the_day_or_takes_the_months_last_and_last_friday_from_a_saturday():
    assert parse_day("in 18 months", today=date(2026, 8, 31)) == date(2028, 2, 29)
    assert parse_day("last friday", today=date(2026, 12, 5)) == date(2026, 12, 4)  # a Saturday


@pytest.mark.parametrize(
    ("text", "looking_back", "looking_ahead"),
    [
        ("15 Jan", date(2026, 1, 15), date(2027, 1, 15)),  # in November: this January, or the next
        ("Jan 15", date(2026, 1, 15), date(2027, 1, 15)),
        ("27 Nov", TODAY, TODAY),  # today is the next one too
        ("26 Nov", date(2026, 11, 26), date(2027, 11, 26)),
        ("4 Dec", date(2026, 12, 4), date(2026, 12, 4)),
        ("15 Jan 2026", date(2026, 1, 15), date(2026, 1, 15)),  # a year given is that year
        ("friday", TODAY, TODAY),  # other phrases read the same either way
    ],
)
def test_a_day_and_month_without_a_year_ahead_is_the_next_one(text, looking_back, looking_ahead):
    """A due date, a follow-up or a deadline typed "15 Jan" in November meant next January: read as
    this year's it was stored ten months overdue. The form's preview and the CLI's note say the same day."""
    assert parse_day(text) == looking_back
    assert parse_day(text, ahead=True) == looking_ahead
    shown = f"{looking_ahead:%a} {looking_ahead.day} {looking_ahead:%b %Y}"
    assert date_read(text, ahead=True) == shown
    said = reading(text, ahead=True)
    if said is not None:
        assert f"read as {looking_ahead:%A} {looking_ahead.isoformat()}" in said


def test_the_next_one_is_said_as_such():
    assert reading("15 Jan", ahead=True) == (
        "'15 jan' read as Friday 2027-01-15: the next one, today included; another year goes after it ('15 jan YYYY')"
    )
