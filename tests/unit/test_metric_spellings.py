"""One amount, many spellings: money with k/M/bn and a period ("$10k/month"), durations
in ms, s, min, h or in parts ("1h 30m"), and time or things per period ("5 h/week", "5 hours a
week") read to the same numbers whichever way they are written."""

from __future__ import annotations

import math
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ctotui.core.errors import CtoError
from ctotui.core.journal.metric_parse import SCALED
from ctotui.core.journal.metrics import metric_problem, parse_metric, read_metric


@pytest.mark.parametrize(
    ("text", "before", "after", "period", "badge"),
    [
        ("Cut AWS bill from $10k/month to $8k/month", 10_000, 8_000, "mo", "$10k→$8k/mo −20%"),
        ("Cut AWS bill $10k/month -> $8k/month", 10_000, 8_000, "mo", "$10k→$8k/mo −20%"),
        ("Cut spend from $1.5M/yr to $1.2M/yr", 1_500_000, 1_200_000, "yr", "$1.5M→$1.2M/yr −20%"),
        ("Cut AWS bill $10k a month to $8k a month", 10_000, 8_000, "mo", "$10k→$8k/mo −20%"),
        ("Cut the bill from $10k to $8k/month", 10_000, 8_000, "mo", "$10k→$8k/mo −20%"),
        ("Cut the bill from $10k/mo to $8k", 10_000, 8_000, "mo", "$10k→$8k/mo −20%"),
        ("Cut the bill from $10k monthly to $8k monthly", 10_000, 8_000, "mo", "$10k→$8k/mo −20%"),
        ("Cut the bill from $10k per week to $8k per week", 10_000, 8_000, "wk", "$10k→$8k/wk −20%"),
        ("Grew revenue from $1.5B to $2bn", 1.5e9, 2e9, None, "$1.5bn→$2bn +33%"),
        ("Cut spend from €2m a year to €1.5m a year", 2e6, 1.5e6, "yr", "€2M→€1.5M/yr −25%"),
    ],
)
def test_money_with_a_multiplier_and_a_period_reads_its_whole_value(text, before, after, period, badge):
    m = parse_metric(text)
    assert m is not None
    assert (m.kind, m.before, m.after, m.unit, m.period, m.badge) == ("change", before, after, badge[0], period, badge)
    assert m.source in text


def test_a_metric_given_on_purpose_reads_the_same():
    assert read_metric("$10k/month -> $8k/month").badge == "$10k→$8k/mo −20%"
    assert read_metric("$10k to $8k/month").badge == "$10k→$8k/mo −20%"  # given on purpose: a change, not a range
    m = read_metric("from 10k/mo to 8k")
    assert (m.before, m.after) == (10_000, 8_000)


@pytest.mark.parametrize(
    ("text", "before", "after", "unit", "badge"),
    [
        ("Cut build from 1h 30m to 20m", 90, 20, "min", "90→20 min −78%"),
        ("Cut build from 1h30m to 20m", 90, 20, "min", "90→20 min −78%"),
        ("Cut build from 2h 5min to 1.5h", 125, 90, "min", "125→90 min −28%"),
        ("Cut build from 2 hours and 30 minutes to 45 minutes", 150, 45, "min", "150→45 min −70%"),
        ("Cut the suite from 1m 30s to 20s", 90, 20, "s", "90→20 s −78%"),
    ],
)
def test_a_duration_in_parts_is_added_up(text, before, after, unit, badge):
    m = parse_metric(text)
    assert m is not None
    assert (m.before, m.after, m.unit, m.badge) == (before, after, unit, badge)
    assert m.source in text


def test_a_duration_in_parts_on_its_own():
    assert parse_metric("Shipped the fix in 1h 30m").badge == "90 minutes"


# --- the property: equivalent spellings, the same numbers ---------------------------

_MONEY_SCALES = [("", 0), ("k", 3), ("K", 3), (" thousand", 3), ("M", 6), ("m", 6), (" million", 6)]
_MONEY_SCALES += [("bn", 9), ("B", 9), ("b", 9), (" billion", 9)]
_PERIODS = {
    "d": ["/day", "/d", " a day", " per day", " daily"],
    "wk": ["/week", "/wk", " a week", " per week", " every week", " weekly"],
    "mo": ["/month", "/mo", "/mth", " / month", " a month", " per month", " each month", " monthly"],
    "qtr": ["/quarter", "/qtr", " a quarter", " quarterly"],
    "yr": ["/year", "/yr", " a year", " per annum", " annually", " yearly"],
}


@st.composite
def money(draw) -> tuple[int, str]:
    """A whole amount of money and one way of writing it: "$12000", "$12,000", "$12k", "$0.012M"."""
    value = draw(st.integers(1, 9_999)) * 10 ** draw(st.integers(0, 9))
    suffix, power = draw(st.sampled_from(_MONEY_SCALES))
    shown = format((Decimal(value) / Decimal(10) ** power).normalize(), "f")
    if not suffix and draw(st.booleans()):
        shown = f"{value:,}"
    return value, f"{draw(st.sampled_from('$€£'))}{shown}{suffix}"


@given(
    money(),
    money(),
    st.sampled_from(sorted(_PERIODS)),
    st.sampled_from(["both", "before", "after", "neither"]),
    st.sampled_from(["Cut the bill from {a} to {b}", "Cut the bill {a} -> {b}", "Cut the bill {a} to {b}"]),
    st.data(),
)
def test_money_written_any_way_reads_to_the_same_numbers(before, after, period, where, form, data):
    (b, b_text), (a, a_text) = before, after
    a_text = b_text[0] + a_text[1:]  # one currency for the pair: the first one's
    spell = _PERIODS[period]
    if where in ("both", "before"):
        b_text += data.draw(st.sampled_from(spell))
    if where in ("both", "after"):
        a_text += data.draw(st.sampled_from(spell))
    text = form.format(a=b_text, b=a_text)
    m = parse_metric(text)
    assert m is not None, text
    assert (m.kind, m.before, m.after, m.unit) == ("change", b, a, b_text[0]), text
    assert m.period == (None if where == "neither" else period), text


_TIME_SPELLINGS = {
    "ms": ["{}ms", "{} ms", "{} msec", "{} milliseconds"],
    "s": ["{}s", "{} s", "{} sec", "{} seconds"],
    "min": ["{} min", "{}min", "{}m", "{} minutes", "{} mins"],
    "h": ["{}h", "{} h", "{} hours", "{} hrs", "{}hr"],
}


@st.composite
def duration(draw) -> tuple[int, str]:
    """A duration in ms and one way of writing it: "5400000ms", "5400s", "90 min", "1.5h", "1h 30m"."""
    ms = draw(st.integers(1, 2_000)) * draw(st.sampled_from([1, 1_000, 60_000, 600_000, 3_600_000]))
    ways = [("ms", ms)]
    for unit in ("s", "min", "h"):
        size = int(SCALED[unit][1])
        if ms % (size // 100) == 0:  # at most two decimals: "1.5h", "0.25 min"
            ways.append((unit, format((Decimal(ms) / size).normalize(), "f")))
    hours, minutes = divmod(ms, 3_600_000)
    parts = []
    if hours and minutes and minutes % 60_000 == 0:
        parts = [
            f"{hours}h {minutes // 60_000}m",
            f"{hours}h{minutes // 60_000}m",
            f"{hours} hours and {minutes // 60_000} minutes",
        ]
    unit, shown = draw(st.sampled_from(ways))
    text = draw(st.sampled_from(_TIME_SPELLINGS[unit])).format(shown)
    return ms, draw(st.sampled_from([text, *parts]))


@given(
    duration(),
    duration(),
    st.sampled_from(["Cut the build from {a} to {b}", "Cut the build {a} -> {b}", "Cut the build {a} to {b}"]),
)
def test_a_duration_written_any_way_reads_to_the_same_numbers(before, after, form):
    (b, b_text), (a, a_text) = before, after
    text = form.format(a=b_text, b=a_text)
    m = parse_metric(text)
    assert m is not None and m.kind == "change" and m.unit in SCALED, (text, m)
    size = SCALED[m.unit][1]
    assert math.isclose(m.before * size, b, rel_tol=1e-9), (text, m)
    assert math.isclose(m.after * size, a, rel_tol=1e-9), (text, m)


@pytest.mark.parametrize(
    ("text", "badge"),
    [
        ("Saved 200 engineering hours per quarter", "200 hours/qtr"),  # was "200 hours": its period lost
        ("Saved 3 full days of on-call", "3 days"),
        ("Shipped in 6 weeks with 3 engineers", "3 engineers"),
        ("Shipped it in 6 weeks with no help", "6 weeks"),
        ("Cut 2 weeks ago", None),
    ],
)
def test_a_unit_of_time_one_word_after_its_number_is_still_its_unit(text, badge):
    m = parse_metric(text)
    assert (m.badge if m else None) == badge
    if badge:
        assert read_metric(text).badge == badge


@given(st.integers(min_value=1, max_value=10_000), st.sampled_from(["engineering", "on-call", "support", "extra"]))
def test_any_number_of_hours_with_a_word_between_reads_as_hours(value, word):
    m = parse_metric(f"Saved {value} {word} hours")
    assert m is not None and (m.kind, m.after, m.unit) == ("duration", value, "h")


# --- time and things per period: the period kept, however it is written --------------

_HOURS = ["{} hours", "{} h", "{}h", "{} hrs", "{} engineering hours", "{} engineer-hours", "{} person-hours"]


@given(
    st.integers(min_value=1, max_value=23),
    st.sampled_from(_HOURS),
    st.sampled_from(sorted(_PERIODS)),
    st.sampled_from(["Saved {}", "Saved the team {} on releases", "{}"]),
    st.data(),
)
def test_time_per_period_keeps_its_period_however_it_is_written(hours, spelled, period, form, data):
    """ "saved 5 hours a week" was stored as 5 hours, once: the week was lost."""
    text = form.format(spelled.format(hours) + data.draw(st.sampled_from(_PERIODS[period])))
    for m in (parse_metric(text), read_metric(text)):
        assert m is not None and (m.kind, m.after, m.unit, m.period) == ("duration", hours, "h", period), text
        assert m.badge == f"{hours} {'hour' if hours == 1 else 'hours'}/{period}", text


@given(
    st.integers(min_value=2, max_value=10_000).filter(lambda n: not 1900 <= n <= 2100),  # not a year in the words
    st.sampled_from(["releases", "deploys", "new customers", "incidents closed"]),
    st.sampled_from(sorted(_PERIODS)),
    st.data(),
)
def test_things_per_period_keep_their_period(n, noun, period, data):
    text = f"Shipped {n} {noun}{data.draw(st.sampled_from(_PERIODS[period]))}"
    m = parse_metric(text)
    assert m is not None and (m.kind, m.after, m.unit, m.period) == ("count", n, noun, period), (text, m)


@pytest.mark.parametrize(
    "text",
    ["Saved 10 hours per sprint", "Saved 10 hours a sprint", "Saved 10 h/sprint", "Saved $5k each sprint"],
)
def test_per_sprint_is_passed_over_with_the_reason_not_read_as_once(text):
    """A sprint is no set length (nor one the schema can store): the number is not a one-off either."""
    assert parse_metric(text) is None
    assert "a sprint is no set length of time" in metric_problem(text)
    with pytest.raises(CtoError, match="a sprint is no set length of time"):
        read_metric(text)
