"""The skill stack's pure rules, each at its boundaries: which days count, gap hints, change, history."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ctotui.core.errors import CtoError
from ctotui.core.skills import stack as skills
from ctotui.core.skills.stack import Rating, change_since, gap_hints, history_series, in_last_days, level_on

TODAY = date(2026, 3, 15)


@pytest.fixture(autouse=True)
def utc(monkeypatch):
    """A rating's day is the local date of its UTC time: pin local time to UTC here."""
    import time

    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def rating(days_ago: int, level: int, skill: str = "leadership", id_: int | None = None) -> Rating:
    at = datetime.combine(TODAY - timedelta(days=days_ago), datetime.min.time(), UTC).replace(hour=12)
    return Rating(id_ if id_ is not None else 1000 - days_ago, skill, level, "", at.isoformat())


def kinds(*args) -> list[str]:
    return [h.kind for h in gap_hints(*args)]


# --- which days are "the last 90 days" ----------------------------------------


@pytest.mark.parametrize(("days_ago", "inside"), [(0, True), (89, True), (90, False), (91, False), (-1, False)])
def test_the_last_90_days_are_today_and_the_89_before(days_ago, inside):
    assert in_last_days(TODAY - timedelta(days=days_ago), TODAY) is inside
    assert skills.window_start(TODAY) == TODAY - timedelta(days=89)


# --- no evidence in 90 days -------------------------------------------------------


@pytest.mark.parametrize(("level", "claimed"), [(3, False), (4, True), (5, True)])
def test_claim_without_evidence_starts_at_level_4(level, claimed):
    assert ("claim-without-evidence" in kinds(level, TODAY, 0, TODAY)) is claimed


def test_one_piece_of_evidence_is_enough_to_back_a_claim():
    assert "claim-without-evidence" not in kinds(5, TODAY, 1, TODAY)


def test_the_claim_hint_says_what_to_do():
    (hint,) = gap_hints(4, TODAY, 0, TODAY)
    assert hint.text == "no evidence in 90 days"
    assert "rate it lower" in hint.advice and "4" in hint.advice


# --- underrating --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("level", "evidence", "flagged"),
    [(1, 3, True), (2, 3, True), (2, 2, False), (3, 3, False), (3, 10, False), (2, 40, True)],
)
def test_underrating_needs_level_1_or_2_and_three_pieces_of_evidence(level, evidence, flagged):
    assert ("underrating" in kinds(level, TODAY, evidence, TODAY)) is flagged


# --- not rated for N days -----------------------------------------------------------


@pytest.mark.parametrize(("age", "stale"), [(0, False), (30, False), (31, True), (400, True)])
def test_not_rated_for_more_than_30_days(age, stale):
    found = gap_hints(3, TODAY - timedelta(days=age), 1, TODAY)
    assert (["stale"] if stale else []) == [h.kind for h in found]
    if stale:
        assert found[0].text == f"not rated for {age} days"


def test_never_rated_says_so_and_nothing_else():
    assert kinds(None, None, 12, TODAY) == ["unrated"]


def test_hints_come_most_important_first():
    assert kinds(5, TODAY - timedelta(days=45), 0, TODAY) == ["claim-without-evidence", "stale"]
    assert kinds(1, TODAY - timedelta(days=31), 3, TODAY) == ["underrating", "stale"]


# --- levels over time -----------------------------------------------------------------


def test_level_on_takes_the_newest_rating_on_or_before_the_day():
    history = [rating(100, 2), rating(50, 3), rating(10, 4)]
    assert level_on(history, TODAY - timedelta(days=101)) is None
    assert level_on(history, TODAY - timedelta(days=100)) == 2
    assert level_on(history, TODAY - timedelta(days=11)) == 3
    assert level_on(history, TODAY) == 4


def test_two_ratings_on_one_day_the_later_wins():
    assert level_on([rating(5, 2, id_=1), rating(5, 4, id_=2)], TODAY) == 4


@pytest.mark.parametrize(("days_ago", "change"), [(91, 0), (90, 0), (89, 2)])
def test_change_since_90_days_ago_at_its_boundary(days_ago, change):
    """A rating made 90 days ago is the level "90 days ago"; one made 89 days ago is a change since."""
    history = [rating(200, 1), rating(days_ago, 3), rating(5, 3)]
    assert change_since(history, TODAY) == change


def test_change_compares_with_the_level_in_force_90_days_ago():
    assert change_since([rating(120, 2), rating(95, 3), rating(30, 4)], TODAY) == 1
    assert change_since([rating(120, 4), rating(20, 2)], TODAY) == -2
    assert change_since([rating(120, 3), rating(85, 3)], TODAY) == 0


def test_change_of_an_area_first_rated_lately_is_from_its_first_rating():
    assert change_since([rating(60, 2), rating(10, 4)], TODAY) == 2
    assert change_since([rating(3, 3)], TODAY) == 0
    assert change_since([], TODAY) is None


def test_history_series_ends_today_and_is_blank_before_the_first_rating():
    series = history_series([rating(40, 2), rating(5, 4)], TODAY, points=6, step_days=14)
    assert series == (None, None, None, 2, 2, 4)  # 70, 56, 42 days ago: none; 28, 14: 2; today: 4
    assert skills.sparkline(series) == "   ▂▂▆"


@given(st.lists(st.tuples(st.integers(0, 500), st.integers(1, 5)), max_size=12))
def test_the_sparkline_has_one_mark_per_point_and_ends_at_the_current_level(points):
    history = [rating(days, level, id_=i) for i, (days, level) in enumerate(points)]
    series = history_series(history, TODAY)
    line = skills.sparkline(series)
    assert len(line) == skills.SPARK_POINTS
    assert series[-1] == level_on(history, TODAY)
    assert line[-1] == skills.SPARK_MARKS[series[-1] or 0]


def test_level_bar():
    assert skills.level_bar(3) == "■■■□□"
    assert skills.level_bar(None) == "□□□□□"


# --- input ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "slug"), [("Leadership", "leadership"), (" comms ", "communication"), ("tech", "technical-depth")]
)
def test_skills_are_read_from_slugs_and_short_names(typed, slug):
    assert skills.parse_skill(typed) == slug


def test_an_unknown_skill_names_the_valid_ones():
    with pytest.raises(CtoError, match="unknown skill 'cooking' .*technical-depth, product-thinking"):
        skills.parse_skill("cooking")


@pytest.mark.parametrize("level", ["0", "6", "-1", "3.5", "three", "", "  "])
def test_levels_outside_1_to_5_are_refused(level):
    with pytest.raises(CtoError, match="from 1 to 5"):
        skills.parse_level(level)


def test_notes_are_one_line_and_bounded():
    assert skills.clean_note("  led the\n design  ") == "led the design"
    with pytest.raises(CtoError, match="at most 500"):
        skills.clean_note("x" * 501)
