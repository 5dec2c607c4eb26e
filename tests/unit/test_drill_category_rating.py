"""Issue 17: the category's own criteria in the rating (core/rubric.py's second table), at every boundary."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ctotui.core.errors import CtoError
from ctotui.core.rubric import MAX_TOTAL, Rating, category_rating, check_criteria_scores, rating_for

LIMIT = 120

# (total, out of, rating): every boundary of the docstring's table, for four and five criteria (and six, the general
# scale, where the category table must equal the general one)
BOUNDARIES = [
    (0, 8, Rating.Again),
    (3, 8, Rating.Again),
    (4, 8, Rating.Hard),
    (5, 8, Rating.Hard),
    (6, 8, Rating.Good),
    (7, 8, Rating.Good),
    (8, 8, Rating.Easy),
    (0, 10, Rating.Again),
    (4, 10, Rating.Again),
    (5, 10, Rating.Hard),
    (6, 10, Rating.Hard),
    (7, 10, Rating.Good),
    (9, 10, Rating.Good),
    (10, 10, Rating.Easy),
]


@pytest.mark.parametrize(("total", "maximum", "expected"), BOUNDARIES)
def test_category_total_to_rating_at_each_boundary(total, maximum, expected) -> None:
    assert category_rating(total, maximum) is expected
    # with a perfect general total, the category decides
    assert rating_for(MAX_TOTAL, LIMIT, LIMIT, total, maximum) is expected


@pytest.mark.parametrize("total", range(MAX_TOTAL + 1))
def test_on_the_general_scale_the_category_table_is_the_general_one(total) -> None:
    assert category_rating(total, MAX_TOTAL) is rating_for(total, LIMIT, LIMIT)


@pytest.mark.parametrize(
    ("general", "category", "expected"),
    [
        (12, 3, Rating.Again),  # a polished answer missing the category's signals is not ready
        (4, 8, Rating.Again),  # the category's signals told badly are not ready either
        (7, 8, Rating.Hard),
        (12, 5, Rating.Hard),
        (10, 8, Rating.Good),
        (11, 7, Rating.Good),
        (11, 8, Rating.Easy),
    ],
)
def test_the_lower_of_the_two_ratings_counts(general, category, expected) -> None:
    assert rating_for(general, LIMIT, LIMIT, category, 8) is expected


def test_no_category_criteria_rates_on_the_general_total_alone() -> None:
    assert rating_for(12, LIMIT, LIMIT) is Rating.Easy
    assert rating_for(12, LIMIT, LIMIT, 0, 0) is Rating.Easy


def test_the_timer_still_caps_with_category_criteria() -> None:
    assert rating_for(12, LIMIT + 1, LIMIT, 8, 8) is Rating.Good
    assert rating_for(12, 2 * LIMIT, LIMIT, 8, 8) is Rating.Hard
    assert rating_for(12, 2 * LIMIT, LIMIT, 3, 8) is Rating.Again  # the cap never raises


@given(st.integers(0, 12), st.integers(0, 5), st.integers(2, 5))
def test_more_points_never_lower_the_rating(general, category, count) -> None:
    maximum = 2 * count
    category = min(category, maximum)
    rating = rating_for(general, LIMIT, LIMIT, category, maximum)
    if category < maximum:
        assert rating_for(general, LIMIT, LIMIT, category + 1, maximum) >= rating
    if general < MAX_TOTAL:
        assert rating_for(general + 1, LIMIT, LIMIT, category, maximum) >= rating


@pytest.mark.parametrize(("total", "maximum"), [(-1, 8), (9, 8), (0, 0), (1, 7), (0, -2)])
def test_out_of_range_category_totals_are_refused(total, maximum) -> None:
    with pytest.raises(CtoError):
        category_rating(total, maximum)


def test_criteria_scores_are_checked_against_the_category() -> None:
    ids = ["ots-asks-first", "improvement-plan"]
    assert check_criteria_scores({"improvement-plan": 1, "ots-asks-first": 2}, ids) == {
        "ots-asks-first": 2,
        "improvement-plan": 1,
    }
    for bad in ({"ots-asks-first": 2}, {**dict.fromkeys(ids, 1), "charm": 2}, {**dict.fromkeys(ids, 1), ids[0]: 3}):
        with pytest.raises(CtoError):
            check_criteria_scores(bad, ids)
    with pytest.raises(CtoError):
        check_criteria_scores({ids[0]: True, ids[1]: 1}, ids)
