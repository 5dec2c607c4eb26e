"""Placement on the road: evidence picks the stage, years give the pace (the rule in place()'s docstring)."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ctotui.core import playbook
from ctotui.core.timeline.stages import (
    MOSTLY_MET,
    marker_column,
    place,
    placement_sentence,
    road_widths,
    targets_words,
    to_move_on,
    toward_next,
)

STAGES = playbook.load().stages
TOTALS = {s.slug: len(s.targets) for s in STAGES}
SLUGS = list(TOTALS)


def met(**counts: int) -> dict[str, tuple[int, int]]:
    return {slug: (counts.get(slug.replace("-", "_"), 0), TOTALS[slug]) for slug in TOTALS}


def test_nothing_met_is_the_first_stage_whatever_the_years():
    for years in (0, 5, 9, 40):
        p = place(years, met())
        assert (p.stage, p.position, p.met) == ("engineer", 0.0, 0)


@pytest.mark.parametrize(
    ("engineer", "stage"),
    [(3, "engineer"), (4, "tech-leader")],  # 3/6 = 50 % is not mostly met, 4/6 = 67 % is
)
def test_the_threshold_at_its_boundary(engineer, stage):
    assert MOSTLY_MET == 0.6
    assert place(2, met(engineer=engineer)).stage == stage


def test_exactly_sixty_percent_is_mostly_met():
    assert place(5, met(engineer=4, tech_leader=3)).stage == "exec-in-training"  # 3/5 = 60 %
    assert place(5, met(engineer=4, tech_leader=2)).stage == "tech-leader"


def test_the_issue_case_vp_with_every_executive_target():
    """5 years, every executive target met: the evidence puts them in the last stage, ahead of the years."""
    p = place(5, met(exec_in_training=TOTALS["exec-in-training"]))
    assert (p.stage, p.stage_by_years, p.pace, p.position) == ("exec-in-training", "tech-leader", "ahead", 1.0)


def test_years_give_the_pace():
    evidence = met(engineer=4, tech_leader=1)
    assert place(2.999, evidence).pace == "ahead"
    assert place(3, evidence).pace == "on pace"
    assert place(6.999, evidence).pace == "on pace"
    assert place(7, evidence).pace == "behind"
    assert place(60, evidence).stage_by_years == "exec-in-training"
    assert place(None, evidence).pace is None and place(None, evidence).stage == "tech-leader"


def test_position_is_the_targets_met_over_those_needed_to_move_on():
    p = place(5, met(engineer=6, tech_leader=2))
    assert (p.stage, p.met, p.total, p.needed) == ("tech-leader", 2, 5, 3)
    assert p.position == pytest.approx(2 / 3)
    assert p.targets == "2 of 5 targets met · 1 more to move on"  # 3 are needed in all: 1 more, not 3
    assert p.next_stage == "exec-in-training"
    assert place(9, met(engineer=6, tech_leader=5, exec_in_training=6)).next_stage is None


def test_with_six_targets_the_bar_and_the_words_count_the_same_four():
    """2 of 6 met, 4 needed: the bar showed 56 % (the share over 60 %) while the words said 2 of 4."""
    p = place(1, met(engineer=2))
    assert (p.stage, p.needed) == ("engineer", 4)
    assert p.position == pytest.approx(0.5)
    assert p.targets == "2 of 6 targets met · 2 more to move on"


def test_the_targets_in_words():
    assert targets_words(0, 1) == "0 of 1 target met · 1 more to move on"
    assert targets_words(3, 5) == "3 of 5 targets met · enough to move on"
    assert targets_words(2, 6, passed=True) == "2 of 6 targets met"  # moved on by later evidence
    assert targets_words(4, 6, passed=True) == "4 of 6 targets met · enough to move on"


@given(total=st.integers(0, 40), data=st.data())
def test_the_words_and_the_bar_agree(total, data):
    """The count left to move on is what the bar is short of: none exactly when it is full."""
    m = data.draw(st.integers(0, total))
    more = to_move_on(total) - m
    words = targets_words(m, total)
    assert words.startswith(f"{m} of {total} target")
    if more > 0:
        assert words.endswith(f" · {more} more to move on")
        assert toward_next(m, total) == pytest.approx(m / to_move_on(total)) and toward_next(m, total) < 1
    else:
        assert words.endswith(" · enough to move on") and toward_next(m, total) == 1.0


def test_a_stage_without_targets_counts_as_met():
    assert place(1, {}).stage == "exec-in-training"


def test_the_sentences():
    behind = place(9, met(engineer=4, tech_leader=1))
    assert placement_sentence(behind) == (
        "Your evidence puts you at Technical leader; at 9 years the usual "
        "pattern is Executive in training: tick what you have done, or work on these targets."
    )
    assert placement_sentence(place(4, met(engineer=4))).endswith("the usual pattern is Technical leader too.")
    assert placement_sentence(place(1, met(engineer=4))).endswith("Strong engineer: you are ahead of it.")
    assert "give your years" in placement_sentence(place(None, met()))


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
years = st.floats(min_value=0, max_value=60, allow_nan=False, allow_infinity=False)


@given(y=years, targets=counts, data=st.data())
def test_ticking_a_target_never_moves_the_evidence_stage_back(y, targets, data):
    slug = data.draw(st.sampled_from([s for s in SLUGS if targets[s][0] < targets[s][1]] or SLUGS))
    m, total = targets[slug]
    ticked = {**targets, slug: (min(total, m + 1), total)}
    before, after = place(y, targets), place(y, ticked)
    assert after.stage_index >= before.stage_index
    assert after.road >= before.road - 1e-12


@given(a=years, b=years, targets=counts)
def test_changing_years_never_moves_the_evidence_stage(a, b, targets):
    pa, pb = place(a, targets), place(b, targets)
    assert (pa.stage, pa.position, pa.met) == (pb.stage, pb.position, pb.met)


@given(y=st.one_of(st.none(), years), targets=counts)
def test_placement_is_total(y, targets):
    p = place(y, targets)
    assert 0.0 <= p.position <= 1.0
    assert p.position == toward_next(p.met, p.total)  # the bar under the road, as its words count
    assert p.stage in SLUGS and p.pace in (None, "ahead", "on pace", "behind")
    assert placement_sentence(p).startswith("Your evidence puts you at ")


@given(y=years, targets=counts, width=st.integers(12, 300))
def test_marker_lands_in_its_own_stage_segment(y, targets, width):
    widths = road_widths(width)
    assert sum(widths) == width
    p = place(y, targets)
    column = marker_column(p, widths, gap=1)
    start = sum(widths[: p.stage_index])
    last = p.stage_index == len(widths) - 1
    assert start <= column <= start + widths[p.stage_index] - (1 if last else 2)


@pytest.mark.parametrize(("total", "needed"), [(1, 1), (2, 2), (3, 2), (4, 3), (5, 3), (6, 4), (10, 6)])
def test_the_targets_that_move_you_on_are_the_share_that_mostly_meets_a_stage(total, needed):
    assert to_move_on(total) == needed  # 60 %, rounded up: 3 of 5 is 0.6 exactly
    assert needed / total >= MOSTLY_MET > (needed - 1) / total


def test_no_pace_is_judged_before_anything_is_recorded():
    """A new user giving 4 years read "behind at 4 years" before entering anything: an empty record
    is not evidence of being behind."""
    empty = place(4, met())
    assert (empty.stage, empty.pace, empty.recorded) == ("engineer", None, False)
    assert "nothing is recorded yet" in placement_sentence(empty)
    one = place(4, met(engineer=1))
    assert (one.pace, one.recorded) == ("behind", True)
    assert "tick what you have done" in placement_sentence(one)
    assert place(1, met()).pace is None and place(None, met(engineer=1)).pace is None
