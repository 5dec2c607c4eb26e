"""Every kind of number people write (issue 12's examples), impossible values,
the badge, and text that reads back to the same metric."""

from __future__ import annotations

import math
import random
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ctotui.core.demo import build as demo
from ctotui.core.demo.journal import fill_journal
from ctotui.core.errors import CtoError
from ctotui.core.journal.entries import journal_counts, page_achievements
from ctotui.core.journal.metric_parse import SCALED
from ctotui.core.journal.metric_parse_period import period_ms
from ctotui.core.journal.metrics import Metric, format_metric, metric_problem, metric_text, parse_metric, read_metric


@pytest.mark.parametrize(
    ("text", "kind", "before", "after", "unit", "pct", "period", "badge"),
    [
        ("Unblocked 3 teams", "count", None, 3, "teams", None, None, "3 teams"),
        ("Hired 2 senior engineers in 6 weeks", "count", None, 2, "senior engineers", None, None, "2 senior engineers"),
        ("Onboarded 12 new hires", "count", None, 12, "new hires", None, None, "12 new hires"),
        (
            "Ran the SRE hiring loop, 7 engineers hired",
            "count",
            None,
            7,
            "engineers hired",
            None,
            None,
            "7 engineers hired",
        ),
        ("Cut build 10 to 4 min", "change", 10, 4, "min", -60.0, None, "10→4 min −60%"),
        ("from 1.2 s to 300 ms", "change", 1200, 300, "ms", -75.0, None, "1,200→300 ms −75%"),
        ("Deploys 45 -> 7 min", "change", 45, 7, "min", -84.4, None, "45→7 min −84%"),
        ("Saved $12k/month on CI", "amount", None, 12000, "$", None, "mo", "$12k/mo"),
        ("Helped close Acme ($250k ARR)", "amount", None, 250000, "$ ARR", None, "yr", "$250k ARR"),
        ("from $40k to $25k a month", "change", 40000, 25000, "$", -37.5, "mo", "$40k→$25k/mo −38%"),
        ("Shipped single sign-on in 6 weeks", "duration", None, 6, "wk", None, None, "6 weeks"),
        ("Pages load 2x faster", "multiple", None, 2, "x", 100.0, None, "2× faster"),
        ("Reduced cloud costs by 30%", "percent", None, None, "%", -30.0, None, "−30%"),
        ("Reduced the Argo CD bill for catalog by 25%", "percent", None, None, "%", -25.0, None, "−25%"),
        ("churn down 3 points", "points", None, -3, "pts", None, None, "churn −3 pts"),
        ("NPS up 12 points after the redesign", "points", None, 12, "pts", None, None, "NPS +12 pts"),
        ("Reached 1 million users", "count", None, 1_000_000, "users", None, None, "1M users"),
        ("Grew to 2.5k customers", "count", None, 2500, "customers", None, None, "2,500 customers"),
        # time and counts keep their period, as money does (the period was lost: "5 hours", once)
        ("Saved 5 hours a week on releases", "duration", None, 5, "h", None, "wk", "5 hours/wk"),
        ("Saved the team 5 h/week", "duration", None, 5, "h", None, "wk", "5 hours/wk"),
        ("On-call down to 2 days a month", "duration", None, 2, "d", None, "mo", "2 days/mo"),
        ("Saved 3 engineer-hours each week", "duration", None, 3, "h", None, "wk", "3 hours/wk"),
        ("Shipped 3 releases a day", "count", None, 3, "releases", None, "d", "3 releases/d"),
        ("Cut toil from 10 to 2 hours a week", "change", 10, 2, "h", -80.0, "wk", "10→2 h/wk −80%"),
        ("Cut toil from 10 h/week to 2 h/week", "change", 10, 2, "h", -80.0, "wk", "10→2 h/wk −80%"),
        ("Shipped SSO in 6 weeks a month early", "duration", None, 6, "wk", None, None, "6 weeks"),  # how long
        ("Hired 4 engineers a year ago", "count", None, 4, "engineers", None, None, "4 engineers"),  # a moment
        ("Ran 3 two-day workshops", "count", None, 3, "two-day workshops", None, None, "3 two-day workshops"),
        ("Cut churn 25 bps", "points", None, -25, "bps", None, None, "churn −25 bps"),
        ("Churn down 1.5 percentage points", "points", None, -1.5, "pts", None, None, "Churn −1.5 pts"),
        # money and counts keep the thing they are per (were "$12→$5 −58%", "40 tickets": the "per" lost)
        ("Cut from $12 to $5 per deploy", "change", 12, 5, "$ per deploy", -58.3, None, "$12→$5 per deploy −58%"),
        ("Storage down to $0.02 per GB", "amount", None, 0.02, "$ per GB", None, None, "$0.02 per GB"),
        (
            "Handled 40 tickets per engineer",
            "count",
            None,
            40,
            "tickets per engineer",
            None,
            None,
            "40 tickets per engineer",
        ),
        (
            "Grew from 40 to 60 tickets per engineer",
            "change",
            40,
            60,
            "tickets per engineer",
            50.0,
            None,
            "40→60 tickets per engineer +50%",
        ),
        ("Cut spend by 5 per cent", "percent", None, None, "%", -5.0, None, "−5%"),  # "per cent" names no thing
        ("Saved $5k per the plan", "amount", None, 5000, "$", None, None, "$5k"),  # nor "per the ..."
        (
            "Saved $5 per deployment-pipeline-run-of-a-day",
            "amount",
            None,
            5,
            "$",
            None,
            None,
            "$5",
        ),  # past 30 characters
    ],
)
def test_the_issues_examples(text, kind, before, after, unit, pct, period, badge):
    m = parse_metric(text)
    assert m is not None, text
    assert (m.kind, m.before, m.after, m.unit, m.change_pct, m.period) == (kind, before, after, unit, pct, period)
    assert format_metric(m) == badge
    assert m.source and m.source in text


@pytest.mark.parametrize(
    "text",
    [
        "Shipped on 2026-03-10",
        "Upgraded to v2.1 and node 20.11",
        "Cut p95 at last",
        "Moved 40 services to k8s",  # a count of services, not "8s"
        "Planned 2025 with the team",
        "In 2024 we grew",
        "Met on March 3 about hiring",
        "Shipped Q3 goals",
        "Meeting at 10:30 with leads",
        "Mentored two engineers",
        "Ran 10 km for charity",
    ],
)
def test_dates_versions_percentiles_and_years_are_not_counts(text):
    m = parse_metric(text)
    if text.startswith("Moved 40"):
        assert (m.kind, m.after, m.unit) == ("count", 40, "services")
    else:
        assert m is None, (text, m)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("reduced by 150%", "a reduction of 150% is not possible"),
        ("150% fewer incidents", "a reduction of 150% is not possible"),
        ("-3 days", "a duration cannot be negative"),
        ("from 5 days to -2 days", "a duration cannot be negative"),
        ("-4 teams", "a count cannot be negative"),
        ("0x faster", "a multiple must be more than 0"),
        ("nothing here", "no number to read"),
        ("", "the metric is empty"),
        # a number is there: the message says what cannot be read, never "no number"
        ("42", "cannot read the metric '42': nothing after 42 says what it measures"),
        ("12 widget", "nothing after 12 says what it measures .a unit, or what it counts in the plural"),
        ("v2.1", "nothing after 2.1 says"),
        # a sprint is no set length: the number is not stored as a one-off
        ("10 hours per sprint", "a sprint is no set length of time: give the number per week or per month"),
        ("$5k each sprint", "a sprint is no set length of time"),
    ],
)
def test_impossible_or_unreadable_metrics_are_refused_with_the_reason(text, reason):
    with pytest.raises(CtoError, match=reason):
        read_metric(text)


def test_an_impossible_number_in_the_words_is_passed_over_and_said():
    assert parse_metric("Reduced costs by 150%") is None
    assert "“by 150%” was not read" in metric_problem("Reduced costs by 150%")
    assert parse_metric("Reduced costs by 150% and unblocked 3 teams").badge == "3 teams"
    assert metric_problem("Unblocked 3 teams") is None


@pytest.mark.parametrize(
    ("text", "kind", "badge"),
    [
        ("45 -> 7 min", "change", "45→7 min −84%"),
        ("$12k/month", "amount", "$12k/mo"),
        ("$250k ARR", "amount", "$250k ARR"),
        ("3 teams", "count", "3 teams"),
        ("1 team", "count", "1 team"),
        ("in 6 weeks", "duration", "6 weeks"),
        ("300 ms", "duration", "300 ms"),
        ("2x faster", "multiple", "2× faster"),
        ("by 30%", "percent", "+30%"),
        ("-30%", "percent", "−30%"),
        ("churn -3 pts", "points", "churn −3 pts"),
        ("30%", "amount", "30%"),  # a level reached; was refused: "no number to read"
        ("uptime 99.95%", "amount", "99.95%"),
        ("30% higher", "percent", "+30%"),
        ("by 12.5%", "percent", "+12.5%"),  # was +12%: two significant digits, rounded half to even
        ("-0.5%", "percent", "−0.5%"),
        # points with decimals, with or without a sign (were "no number to read" without one)
        ("12.25 pts", "points", "+12.25 pts"),
        ("12 pts", "points", "+12 pts"),
        ("+0.5 pts", "points", "+0.5 pts"),
        ("-0.75 pts", "points", "−0.75 pts"),
        ("1.5 percentage points", "points", "+1.5 pts"),
        ("1.5pp", "points", "+1.5 pts"),
        ("12,5 pts", "points", "+12.5 pts"),
        (".5 points", "points", "+0.5 pts"),
        ("churn 12.25 pts", "points", "churn +12.25 pts"),
        ("NPS 12 points higher", "points", "NPS +12 pts"),
        ("churn 0.5 pp lower", "points", "churn −0.5 pts"),
        ("+25 bps", "points", "+25 bps"),
        ("-25 basis points", "points", "−25 bps"),
        ("churn −12.5 bps", "points", "churn −12.5 bps"),
        # time and counts per period
        ("saved 5 hours a week", "duration", "5 hours/wk"),
        ("5 h/week", "duration", "5 hours/wk"),
        ("10 hours per week", "duration", "10 hours/wk"),
        ("2 days a month", "duration", "2 days/mo"),
        ("saved 3 engineer-hours each week", "duration", "3 hours/wk"),
        ("30 min daily", "duration", "30 minutes/d"),
        ("3 releases a day", "count", "3 releases/d"),
        ("10 -> 2 h/week", "change", "10→2 h/wk −80%"),
        ("$5 per deploy", "amount", "$5 per deploy"),
        ("$12 -> $5 per deploy", "change", "$12→$5 per deploy −58%"),
        ("40 tickets per engineer", "count", "40 tickets per engineer"),
    ],
)
def test_a_metric_given_on_purpose(text, kind, badge):
    m = read_metric(text)
    assert (m.kind, format_metric(m)) == (kind, badge)


WITH_A_NUMBER = st.tuples(
    st.text(max_size=20), st.from_regex(r"[-+]?\d{1,4}([.,]\d{1,3})?", fullmatch=True), st.text(max_size=20)
).map("".join)


@given(WITH_A_NUMBER)
def test_a_metric_with_a_number_in_it_is_never_said_to_have_none(text):
    """ "12.25 pts" was refused with "no number to read": when a number is there, the message
    names one and says what cannot be read."""
    try:
        read_metric(text)
    except CtoError as exc:
        assert "no number" not in str(exc), str(exc)


def test_old_style_metrics_get_their_kind_from_their_values():
    assert Metric(45, 7, "min", -84.4).kind == "change"
    assert Metric(None, 3, "hires").kind == "count"
    assert Metric(None, 6, "wk").kind == "duration"
    assert Metric(None, 120000, "$ ARR").kind == "amount" and Metric(None, 1, "$ ARR").period == "yr"
    assert Metric(None, 2, "x", 100).kind == "multiple"
    assert Metric(None, None, "%", -30).kind == "percent"
    assert format_metric(45, 7, "min", -84.4) == "45→7 min −84%"  # the old call still works


# --- text that reads back ------------------------------------------------------

NOUNS = ["teams", "new hires", "engineers hired", "services", "customers", "incidents", "people"]
TIME = ["min", "h", "d", "wk", "mo", "yr", "ms", "s"]
LABELS = ["faster", "cheaper", "fewer", "smaller", None]
SUBJECTS = ["churn", "NPS", "conversion", None]
value = st.integers(min_value=1, max_value=10**9).map(float) | st.decimals(
    min_value="0.01", max_value="99999", places=2
).map(float).filter(lambda v: v > 0)


PERIOD_CODES = [None, "d", "wk", "mo", "qtr", "yr"]


def per(draw, unit: str | None, *values: float) -> str | None:
    """A period for time or things: for time, one that the values fit in ("30 h a day" is not a rate)."""
    period = draw(st.sampled_from(PERIOD_CODES))
    if period and unit in SCALED and max(values) * SCALED[unit][1] >= period_ms(period):
        return None
    return period


@st.composite
def metrics(draw) -> Metric:
    kind = draw(st.sampled_from(["change", "amount", "count", "duration", "multiple", "percent", "points"]))
    if kind == "change":
        unit = draw(st.sampled_from([*TIME, "incidents", "%", "GB", "$", "€", "$ ARR", None]))
        before, after = draw(value), draw(value)
        period = draw(st.sampled_from([None, "mo", "yr", "wk"])) if unit in ("$", "€") else None
        if unit not in ("$", "€", "$ ARR", "%", None):
            period = per(draw, unit, before, after)  # "10 -> 2 h/wk"
        pct = None if before == 0 else round((after - before) / before * 100, 1)
        if unit in ("%", None) and draw(st.booleans()):  # a level below zero (a margin, NPS): no percentage
            before, after, pct = draw(st.sampled_from([(-before, after), (before, -after), (-before, -after)])) + (
                None,
            )
        return Metric(before, after, unit, pct, kind=kind, period=period)
    if kind == "amount":
        unit = draw(st.sampled_from(["$", "€", "£", "$ ARR", "$ MRR", "%"]))
        period = draw(st.sampled_from([None, "d", "wk", "mo", "qtr", "yr"])) if unit in ("$", "€", "£") else None
        return Metric(None, draw(value), unit, kind=kind, period=period)
    if kind == "count":
        n = float(draw(st.integers(min_value=2, max_value=10**6)))
        return Metric(None, n, draw(st.sampled_from(NOUNS)), kind=kind, period=draw(st.sampled_from(PERIOD_CODES)))
    if kind == "duration":
        n, unit = draw(value), draw(st.sampled_from(TIME))
        return Metric(None, n, unit, kind=kind, period=per(draw, unit, n))
    if kind == "multiple":
        factor, label = draw(value), draw(st.sampled_from(LABELS))
        down = label in ("cheaper", "fewer", "smaller")
        pct = (1 / factor - 1) * 100 if down else (factor - 1) * 100
        places = next(p for p in range(1, 13) if round(pct, p) > -100 or p == 12)  # never −100% for less
        return Metric(None, factor, "x", round(pct, places), kind=kind, label=label)
    if kind == "percent":
        pct = draw(st.decimals(min_value="-100", max_value="100000", places=1).map(float))
        return Metric(None, None, "%", pct, kind=kind)
    pts = draw(st.decimals(min_value="-100", max_value="100", places=2).map(float).filter(bool))
    return Metric(None, pts, draw(st.sampled_from(["pts", "bps"])), kind=kind, label=draw(st.sampled_from(SUBJECTS)))


@given(metrics())
def test_the_text_of_a_metric_reads_back_to_the_same_metric(m):
    text = metric_text(m)
    back = read_metric(text)
    assert back == m, (text, back)


@given(metrics())
def test_the_badge_reads_back_when_its_numbers_are_shown_whole(m):
    badge = format_metric(m)
    assert badge
    numbers = [v for v in (m.before, m.after, m.change_pct) if v is not None]
    if all(v == int(v) and abs(v) < 1000 for v in numbers) and m.kind != "duration":
        assert read_metric(badge) == m, badge


@given(st.text(max_size=300))
def test_reading_never_crashes(text):
    m = parse_metric(text)
    assert m is None or (not m.empty and all(v is None or math.isfinite(v) for v in (m.before, m.after, m.change_pct)))
    try:
        read_metric(text)
    except CtoError as exc:
        assert "\n" not in str(exc)


# --- the demo ------------------------------------------------------------------


def test_the_demo_as_ctotui_demo_makes_it_has_a_number_on_nine_entries_in_ten(db):
    demo.fill(db)  # what `ctotui demo` writes: 120 entries
    counts = journal_counts(db)
    assert counts.total == 120 and counts.without_number <= 12, counts


def test_at_most_a_tenth_of_the_demo_lacks_a_number_and_each_number_is_what_the_parser_reads(db):
    fill_journal(db, 400, random.Random(11), date(2026, 3, 15))
    items = page_achievements(db, limit=1000).items
    assert len(items) == 400
    bare = [a for a in items if not a.has_number]
    assert len(bare) <= 40, len(bare)
    for a in items:
        assert a.metric == (parse_metric(a.title) or parse_metric(a.body)), a.title
        assert a.metric_origin == ("parsed" if a.metric else None)


@pytest.mark.parametrize(
    ("text", "badge"),
    [
        ("Resolved a sev 1 incident", None),  # was "1 incident": the severity
        ("Fixed a sev 1 incident in 20 minutes", "20 minutes"),
        ("Handled 3 sev 2 incidents this week", "3 sev 2 incidents"),  # was "2 incidents"
        ("Moved to tier 1 support for 4 teams", "4 teams"),  # was "1 support"
        ("Shipped version 2 to 300 users", "300 users"),
        ("Reached level 5", None),
        ("Phase 2 shipped to 40 teams", "40 teams"),  # was 2 → 40 (+1900%)
        ("Tier 1 moved to 30 services", "30 services"),  # was 1 → 30
        ("Rolled sev 2 → 40 pages", "40 pages"),
        ("Ran 2 pilots to 40 teams", "2 pilots"),  # two counts, not a change from 2 to 40
        ("Grew from 2 teams to 40 teams", "2→40 teams +1900%"),
        ("Cut builds 10 to 4 min", "10→4 min −60%"),
        ("Moved 10 min to 4 min", "10→4 min −60%"),
    ],
)
def test_a_number_after_a_level_word_is_a_level_not_a_count(text, badge):
    m = parse_metric(text)
    assert (m.badge if m else None) == badge, text


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("Churn 12.25 pts", "“12.25 pts” was not read: say which way it went, as in “up 12.25 pts” or “-12.25 pts”"),
        ("Conversion 1.5 percentage points", "“1.5 percentage points” was not read: say which way it went"),
        ("Saved 10 hours per sprint", "“10 hours per sprint” was not read: a sprint is no set length of time"),
    ],
)
def test_a_number_in_the_words_that_is_not_read_is_said_not_called_no_number(text, reason):
    """The form said "no number yet" under a title that holds one it does not read."""
    assert parse_metric(text) is None
    assert metric_problem(text).startswith(reason)


@pytest.mark.parametrize("text", ["Cut churn 12.25 pts", "Churn down 12.25 pts", "Churn -12.25 pts"])
def test_points_that_say_which_way_need_no_note(text):
    assert parse_metric(text).badge.endswith("−12.25 pts") and metric_problem(text) is None


# --- levels below zero ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "before", "after", "unit", "badge"),
    [
        ("Raised NPS from -10 to 25", -10, 25, "pts", "−10→25 pts +35"),
        ("NPS −10 → 25", -10, 25, "pts", "−10→25 pts +35"),
        ("Dropped the score from 10 to -5", 10, -5, None, "10→−5 −15"),
        ("Improved the margin from -5% to 12%", -5, 12, "%", "−5→12% +17 pts"),
        ("Operating margin -5% -> 12%", -5, 12, "%", "−5→12% +17 pts"),
    ],
)
def test_a_change_reads_the_sign_of_its_levels(text, before, after, unit, badge):
    """ "from -5% to 12%" was read as a change of −5% (the minus taken for the change's own sign, the
    12% lost); "from -10 to 25" was no number at all, and given as the metric it was refused as "a
    reduction of 350%" (its minus put on the 25). Below zero a percentage says nothing: the
    difference is shown instead."""
    for m in (parse_metric(text), read_metric(text)):
        assert m is not None
        assert (m.kind, m.before, m.after, m.unit, m.change_pct) == ("change", before, after, unit, None), text
        assert m.badge == badge
        assert read_metric(metric_text(m)) == m


@pytest.mark.parametrize(
    ("text", "before", "after", "unit", "badge"),
    [
        ("Raised NPS from 10 to 25 points", 10, 25, "pts", "10→25 pts +15"),
        ("Cut churn from 5 to 3 pts", 5, 3, "pts", "5→3 pts −2"),
        ("Tightened the spread from 40 to 25 bps", 40, 25, "bps", "40→25 bps −15"),
        # a net promoter score is in points whether or not the words say so: "+150%" before
        ("Raised NPS 10 -> 25", 10, 25, "pts", "10→25 pts +15"),
        ("Raised eNPS from 20 to 35", 20, 35, "pts", "20→35 pts +15"),
    ],
)
def test_a_change_between_levels_in_points_is_their_difference(text, before, after, unit, badge):
    """ "NPS from 10 to 25 points" showed "+150%": a score moves by points, as a change between two
    percentages already showed ("5→12% +7 pts")."""
    for m in (parse_metric(text), read_metric(text)):
        assert m is not None
        assert (m.kind, m.before, m.after, m.unit, m.change_pct) == ("change", before, after, unit, None), text
        assert m.badge == badge
        assert read_metric(metric_text(m)) == m == read_metric(m.badge)


def test_a_loss_of_money_is_never_read_as_money_made():
    """ "-$2M" was read as "$2M", at the top of the brag document as if earned."""
    text = "Cut losses from -$2M to -$0.5M"
    assert parse_metric(text) is None
    assert metric_problem(text) == (
        "“from -$2M to -$0.5M” was not read: an amount of money cannot be negative here: say what was saved or earned"
    )
    with pytest.raises(CtoError, match="cannot be negative"):
        read_metric("-$2M -> $0.5M")


@pytest.mark.parametrize(
    ("text", "kind", "badge"),
    [
        # a percentage after "to" is the level reached: "+99.99%" and "−2%" before
        ("Raised availability to 99.99%", "amount", "99.99%"),
        ("Brought churn down to 2%", "amount", "2%"),
        ("Cut the error rate to 0.1%", "amount", "0.1%"),
        # "up to" is as much as: "+40%" before
        ("Cut costs up to 40%", "percent", "−40%"),
        ("Increased throughput up to 40%", "percent", "+40%"),
        # a level may carry a plus sign: no number before, "+5%" (the first level alone) for the margin
        ("Improved developer NPS from +5 to +40", "change", "5→40 pts +35"),
        ("Improved margin +5% -> +12%", "change", "5→12% +7 pts"),
        # "200+": at least 200; nothing before
        ("Led the migration of 200+ services", "count", "200 services"),
        ("Hired 10+ engineers", "count", "10 engineers"),
        # an approximate level: nothing before
        ("Cut tickets from ~200 to ~50 a week", "change", "200→50 −75%"),
        ("Cut the build ~45 -> ~12 min", "change", "45→12 min −73%"),
        # "in half", "by half": nothing before
        ("Cut p50 latency in half", "percent", "−50%"),
        ("Grew the team by half", "percent", "+50%"),
        # a share of the whole: nothing before
        ("Reduced on-call escalations by two thirds", "percent", "−66.7%"),
        ("Cut costs by a third", "percent", "−33.3%"),
        ("Cut toil by three-quarters", "percent", "−75%"),
        ("Grew the team by a quarter", "percent", "+25%"),
        # the part of a whole that was done: "7 services" (the whole) before
        ("Migrated 3 of 7 services to k8s", "count", "3 of 7 services"),
        ("Hired 4 of 5 planned engineers", "count", "4 of 5 planned engineers"),
        ("Resolved 45 out of 50 incidents within the SLA", "count", "45 of 50 incidents"),
        ("Ran 2 of the 5 sessions", "count", "2 of 5 sessions"),
        ("Moved 2,000 of 3,000 customers", "count", "2,000 of 3,000 customers"),
        ("Served 1.2M of 3M requests", "count", "1.2M of 3M requests"),
        ("Shipped 3 of 7 services a week", "count", "3 of 7 services/wk"),
        # a rate per second, minute or hour is kept: "50,000 requests" (a total) before
        ("Served 50k requests/sec", "count", "50,000 requests/s"),
        ("Handled 200 requests a second at peak", "count", "200 requests/s"),
        ("Processed 1M events/min", "count", "1M events/min"),
        ("Ran 5 jobs an hour", "count", "5 jobs/h"),
        # a percentage compared with the period before reads its way further back: nothing before
        ("Grew weekly active users 25% MoM", "percent", "+25%"),
        ("Grew monthly paying customers 12% quarter over quarter", "percent", "+12%"),
        ("Cut the monthly AWS bill 12% MoM", "percent", "−12%"),
        # a latency by which a change went, or a level kept under: nothing before
        ("Reduced p99 latency by 120ms", "duration", "120 ms"),
        ("Cut cold starts by 1.5 s", "duration", "1.5 s"),
        ("Kept p99 under 200ms through Black Friday", "duration", "200 ms"),
        ("Got checkout below 300 ms", "duration", "300 ms"),
        ("Answered in less than 50 ms", "duration", "50 ms"),
        # a percentage a level stays under: nothing, or a change of that size ("fell below 2%" was −2%)
        ("Brought the error rate below 0.1%", "amount", "0.1%"),
        ("Kept monthly churn under 2%", "amount", "2%"),
        ("Churn fell below 2%", "amount", "2%"),
        ("Cut errors to under 1%", "amount", "1%"),
        # the share of a whole that was done: nothing before ("add a number?" on Home)
        ("Automated 80% of release steps", "amount", "80%"),
        ("Rolled out to 40% of users", "amount", "40%"),
        ("Moved 60 percent of our traffic to the new cluster", "amount", "60%"),
        ("Answered 90% of pages within 5 minutes", "amount", "90%"),
        # the level a change reached, given as a bound: it read the "from" amount alone ("20 minutes", "−5%")
        ("Cut build from 20 min to under 5 min", "change", "20→5 min −75%"),
        ("Cut p99 from 900ms to under 300ms", "change", "900→300 ms −67%"),
        ("Cut errors from 5% to below 1%", "change", "5→1% −4 pts"),
        ("Cut the build from 20 min down to less than 5 min", "change", "20→5 min −75%"),
        ("Grew weekly users from 200 to over 1,000", "change", "200→1,000 +400%"),
    ],
)
def test_words_engineers_write_around_their_numbers(text, kind, badge):
    m = parse_metric(text)
    assert m is not None and (m.kind, m.badge) == (kind, badge), text
    assert m.source in text
    assert read_metric(metric_text(m)) == m


@pytest.mark.parametrize(
    "text",
    [
        "Split the team in half",
        "Got utilisation up to 80%",
        "Moved half the team",
        "Cut costs by two quarters",
        "Tracked signups 25% MoM",
        "p99 300ms on the new cluster",
        "Shipped it behind a flag, 5% of traffic at a time",  # a share with no word saying it was done
        "Spent 20% of my time on hiring",
        "Tuned the cache by 20 ms",
    ],
)
def test_no_word_saying_which_way_reads_no_change(text):
    """A level after "to", "in half" or "up to", a latency by itself or "by" one, or a share of a whole,
    with nothing saying it went up or down (or was done) reads no number."""
    m = parse_metric(text)
    assert m is None or m.kind not in ("percent", "amount", "duration"), (text, m)


def test_more_done_than_there_were_reads_no_count():
    """ "Closed 12 of 10 tickets": neither "10 tickets" (read before) nor 12 of 10 is a count to show."""
    assert parse_metric("Closed 12 of 10 tickets") is None


@pytest.mark.parametrize(
    ("text", "before"),
    [
        ("Cut costs by 20 to 30%", "50→30% −20 pts"),
        ("Reduced cost by 20-30%", "−30%"),
        ("Reduced cost by 20 – 30%", "−30%"),
        ("Sped up builds by 2 to 3x", "1→3 +200%"),
        ("Grew signups 2-3x", "3× +200%"),
        ("Saved 20–30 hours a month", "30 hours/mo"),
        # the level after a change whose before is not read: not how long something took
        ("Cut deploy from an hour to 15 minutes", "15 minutes"),
        ("Cut the build from a day to 2 hours", "2 hours"),
        ("Cut from 1h30 to 20 min", "20 minutes"),
    ],
)
def test_a_range_is_not_read_as_its_upper_bound(text, before):
    """A range is not one number: its upper bound alone overclaims, and "by 20 to 30%" was read as a
    size and a level (``before``: what was read). Nor is the level after a change whose before is
    not read (a word, "1h30"): it was shown as how long something took. Nothing is read; --metric
    gives the one meant."""
    assert parse_metric(text) is None, (text, before)


@pytest.mark.parametrize(
    ("text", "badge"),
    [
        ("Grew the team by 3 to 8 engineers", "5→8 engineers +60%"),  # a size and a level, not a range
        ("Cut churn by 2 points to 5%", "churn −2 pts"),
        ("Grew revenue by 20% to $1.2M", "$1M→$1.2M +20%"),
        ("Rolled out to 40% of users", "40%"),
        ("Cut errors from 5 to 3%", "5→3% −2 pts"),
    ],
)
def test_what_is_not_a_range_reads_as_before(text, badge):
    assert parse_metric(text).badge == badge
