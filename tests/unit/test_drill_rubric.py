"""The rubric → fsrs rating mapping and the readiness formula, at every boundary."""

from __future__ import annotations

import fsrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from ctotui.core import playbook
from ctotui.core.errors import CtoError
from ctotui.core.playbook import RUBRIC
from ctotui.core.rubric import (
    MAX_TOTAL,
    Rating,
    Scores,
    check_scores,
    overtime_cap,
    rating_for,
    rating_from_total,
    readiness,
)

LIMIT = 120


@pytest.mark.parametrize(
    ("total", "expected"),
    [
        (0, Rating.Again),
        (4, Rating.Again),
        (5, Rating.Hard),
        (7, Rating.Hard),
        (8, Rating.Good),
        (10, Rating.Good),
        (11, Rating.Easy),
        (12, Rating.Easy),
    ],
)
def test_total_to_rating_at_each_boundary(total, expected) -> None:
    assert rating_from_total(total) is expected
    assert rating_for(total, LIMIT, LIMIT) is expected  # exactly on time is not overtime


@pytest.mark.parametrize(
    ("seconds", "cap"),
    [
        (0, Rating.Easy),
        (LIMIT, Rating.Easy),
        (LIMIT + 1, Rating.Good),
        (2 * LIMIT - 1, Rating.Good),
        (2 * LIMIT, Rating.Hard),
        (10 * LIMIT, Rating.Hard),
    ],
)
def test_overtime_caps_the_rating_at_each_boundary(seconds, cap) -> None:
    assert overtime_cap(seconds, LIMIT) is cap
    assert rating_for(MAX_TOTAL, seconds, LIMIT) is cap


def test_overtime_never_raises_a_rating() -> None:
    assert rating_for(0, 5 * LIMIT, LIMIT) is Rating.Again
    assert rating_for(6, LIMIT + 1, LIMIT) is Rating.Hard
    assert rating_for(9, LIMIT + 1, LIMIT) is Rating.Good


@given(st.integers(0, MAX_TOTAL), st.integers(0, 1000), st.integers(1, 600))
def test_rating_is_monotonic_in_total_and_time(total, seconds, limit) -> None:
    rating = rating_for(total, seconds, limit)
    if total < MAX_TOTAL:
        assert rating_for(total + 1, seconds, limit) >= rating
    assert rating_for(total, seconds + 1, limit) <= rating


def test_ratings_are_fsrs_ratings() -> None:
    for r in Rating:
        assert fsrs.Rating(int(r)).name == r.name


@pytest.mark.parametrize("bad", [-1, MAX_TOTAL + 1])
def test_totals_out_of_range_are_refused(bad) -> None:
    with pytest.raises(CtoError, match="0 to 12"):
        rating_from_total(bad)


def test_negative_seconds_and_zero_limit_are_refused() -> None:
    with pytest.raises(CtoError):
        rating_for(5, -1, LIMIT)
    with pytest.raises(CtoError):
        rating_for(5, 10, 0)


def test_scores_need_every_criterion_once_each_0_to_2() -> None:
    full = {c: 1 for c in RUBRIC}
    assert Scores.of(full).total == 6
    assert list(Scores.of(dict(reversed(list(full.items())))).as_dict()) == list(RUBRIC)  # stable order
    with pytest.raises(CtoError, match="concision not scored"):
        check_scores({c: 1 for c in RUBRIC[:-1]})
    with pytest.raises(CtoError, match="unknown rubric criterion 'charm'"):
        check_scores({**full, "charm": 2})
    for bad in (3, -1, True, "2", 1.5):
        with pytest.raises(CtoError, match="must be 0, 1 or 2"):
            check_scores({**full, "structure": bad})


def test_the_playbook_rubric_is_the_one_scored() -> None:
    pb = playbook.load()
    assert tuple(c.id for c in pb.rubric) == RUBRIC
    assert all(len(c.scores) == 3 for c in pb.rubric)


def test_readiness_formula_edges() -> None:
    assert readiness([], [], 0) == 0
    assert readiness([12], [1.0], 1) == 17  # one perfect answer is not readiness
    assert readiness([12] * 5, [1.0] * 6, 6) == 100
    assert readiness([12] * 5, [1.0] * 9, 9) == 100  # coverage caps at 1
    assert readiness([6] * 5, [1.0] * 6, 6) == 70  # 100 * (0.6 * 0.5 + 0.4 * 1)
    assert readiness([12] * 5, [0.5] * 6, 6) == 80  # forgetting lowers it
    assert readiness([0] * 5, [0.0] * 6, 6) == 0


def test_readiness_reads_only_the_recent_attempts() -> None:
    # the first five totals passed are the most recent ones; older ones are ignored
    assert readiness([12] * 5 + [0] * 20, [1.0] * 6, 6) == 100


@given(st.lists(st.integers(0, MAX_TOTAL), max_size=8), st.lists(st.floats(0, 1), max_size=8), st.integers(0, 20))
def test_readiness_stays_within_0_and_100(totals, recall, practised) -> None:
    assert 0 <= readiness(totals, recall, practised) <= 100
