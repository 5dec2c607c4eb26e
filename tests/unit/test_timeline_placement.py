"""Placement on the road: the documented rule, its boundaries, and monotonicity in years."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ctotui.core import playbook
from ctotui.core.timeline import marker_column, place, road_widths

STAGES = playbook.load().stages
TOTALS = {s.slug: len(s.targets) for s in STAGES}


def met(**counts: int) -> dict[str, tuple[int, int]]:
    return {slug: (counts.get(slug.replace("-", "_"), 0), TOTALS[slug]) for slug in TOTALS}


@pytest.mark.parametrize(
    ("years", "stage", "position"),
    [
        (0, "engineer", 0.0),
        (2.999, "engineer", 0.5 * 2.999 / 3),
        (3, "tech-leader", 0.0),
        (6.999, "tech-leader", 0.5 * 3.999 / 4),
        (7, "exec-in-training", 0.0),
        (12, "exec-in-training", 0.5),
        (40, "exec-in-training", 0.5),
    ],
)
def test_stage_boundaries_with_no_targets_met(years, stage, position):
    p = place(years, met())
    assert p.stage == stage
    assert p.position == pytest.approx(position)


def test_years_pick_the_stage_targets_never_move_it():
    everything = {slug: (total, total) for slug, total in TOTALS.items()}
    assert place(2.5, everything).stage == "engineer"
    assert place(2.5, everything).position == pytest.approx(0.5 * 2.5 / 3 + 0.5)


def test_the_docstring_examples():
    # 5 years with 4 of 5 tech-leader targets met: late in the stage.
    late = place(5, {"tech-leader": (4, 5)})
    assert (late.stage, late.position) == ("tech-leader", pytest.approx(0.65))
    # 8 years with 1 of 6 executive targets met: early in the stage.
    early = place(8, {"exec-in-training": (1, 6)})
    assert early.stage == "exec-in-training"
    assert early.position == pytest.approx(0.5 * 0.2 + 0.5 / 6)
    assert early.position < 0.25 < 0.6 < late.position


def test_next_stage_years_left_and_pace():
    p = place(5.5, {"tech-leader": (3, 5)})
    assert p.next_stage == "exec-in-training"
    assert p.years_left == pytest.approx(1.5)
    assert p.pace == "on pace"
    assert place(3.2, {"tech-leader": (5, 5)}).pace == "ahead"
    assert place(6.5, {"tech-leader": (0, 5)}).pace == "behind"
    last = place(15, {})
    assert last.next_stage is None and last.years_left == 0


def test_a_stage_without_targets_uses_time_alone():
    assert place(5, {}).position == pytest.approx(0.5)
    assert place(5, {}).target_share is None


@pytest.mark.parametrize("years", [-0.01, -5, math.inf, math.nan])
def test_bad_years_are_refused(years):
    with pytest.raises(ValueError):
        place(years, {})


def test_bad_counts_are_refused():
    with pytest.raises(ValueError):
        place(5, {"tech-leader": (6, 5)})


counts = st.fixed_dictionaries(
    {slug: st.integers(0, total).map(lambda m, t=total: (m, t)) for slug, total in TOTALS.items()}
)
years = st.floats(min_value=0, max_value=50, allow_nan=False, allow_infinity=False)


@given(a=years, b=years, targets=counts)
def test_road_never_goes_back_as_years_grow(a, b, targets):
    lo, hi = sorted((a, b))
    assert place(lo, targets).road <= place(hi, targets).road + 1e-12
    assert place(lo, targets).stage_index <= place(hi, targets).stage_index


@given(y=years, targets=counts)
def test_position_stays_inside_the_stage(y, targets):
    p = place(y, targets)
    assert 0.0 <= p.position <= 1.0
    stage = STAGES[p.stage_index]
    assert stage.years_from <= y < stage.years_to or (p.stage_index == len(STAGES) - 1 and y >= stage.years_to)


@given(y=years, targets=counts, width=st.integers(12, 300))
def test_marker_lands_in_its_own_stage_segment(y, targets, width):
    widths = road_widths(width)
    assert sum(widths) == width
    p = place(y, targets)
    column = marker_column(p, widths, gap=1)
    start = sum(widths[: p.stage_index])
    last = p.stage_index == len(widths) - 1
    assert start <= column <= start + widths[p.stage_index] - (1 if last else 2)
