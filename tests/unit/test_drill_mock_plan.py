"""The mock interview's plan: a pure function, deterministic with a seed, in a realistic order,
fitting the minutes with each category's timer and the follow-up."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ctotui.core.drill.mock import (
    CLOSING_PHASE,
    ORDER,
    READING_SECONDS,
    WARM_UP_PHASE,
    Candidate,
    check_minutes,
    plan,
)
from ctotui.core.errors import CtoError

TIMERS = {"own-the-stack": 120, "non-technical-leaders": 120, "build-the-team": 120}
PREFIX = {"own-the-stack": "ots", "non-technical-leaders": "ntl", "build-the-team": "btt"}


def bank(per_category: int = 10, follow_ups: int = 2) -> list[Candidate]:
    found, n = [], 0
    for slug in TIMERS:
        for i in range(per_category):
            n += 1
            found.append(Candidate(n, f"{PREFIX[slug]}-{i}", slug, follow_ups))
    return found


@pytest.mark.parametrize(
    ("minutes", "expected"),
    [
        # 2:00 + 1:00 follow-up + 0:30 reading = 3:30 a question, the categories in turn
        (30, ["own-the-stack"] * 3 + ["build-the-team"] * 3 + ["non-technical-leaders"] * 2),
        (45, ["own-the-stack"] * 4 + ["build-the-team"] * 4 + ["non-technical-leaders"] * 4),
    ],
)
def test_the_number_of_questions_fits_the_minutes_in_a_realistic_order(minutes, expected) -> None:
    chosen = plan(bank(), minutes, TIMERS, follow_up_seconds=60, seed=1)
    assert [p.category for p in chosen] == expected
    assert all(p.seconds == 120 + 60 + READING_SECONDS for p in chosen)
    assert sum(p.seconds for p in chosen) <= minutes * 60 < sum(p.seconds for p in chosen) + 210
    assert len({p.question_id for p in chosen}) == len(chosen)


def test_a_question_without_follow_ups_costs_no_follow_up_time() -> None:
    chosen = plan(bank(follow_ups=0), 30, TIMERS, follow_up_seconds=60, seed=1)
    assert len(chosen) == 12 and {p.seconds for p in chosen} == {150}  # 1800 / 150


def test_the_timers_decide_how_many_fit() -> None:
    slow = {**TIMERS, "own-the-stack": 700}
    chosen = plan(bank(), 30, slow, follow_up_seconds=60, seed=3)
    # 790 + 210 + 210 = 1210; then another 790 no longer fits, but two more short ones do
    assert [p.category for p in chosen] == [
        "own-the-stack",
        "build-the-team",
        "build-the-team",
        "non-technical-leaders",
        "non-technical-leaders",
    ]
    assert sum(p.seconds for p in chosen) <= 1800


def test_the_same_seed_gives_the_same_plan_and_another_seed_another() -> None:
    first = plan(bank(), 45, TIMERS, follow_up_seconds=60, seed=7)
    assert plan(list(reversed(bank())), 45, TIMERS, follow_up_seconds=60, seed=7) == first  # input order is no matter
    others = {plan(bank(), 45, TIMERS, follow_up_seconds=60, seed=s) for s in range(8, 14)}
    assert any(other != first for other in others)


def test_a_warm_up_comes_first_and_the_questions_for_them_last() -> None:
    candidates = [
        *bank(),
        Candidate(100, "why-cto", "non-technical-leaders", 2),
        Candidate(101, "for-us", "build-the-team", 0),
    ]
    chosen = plan(candidates, 30, TIMERS, follow_up_seconds=60, seed=2, warm_up=("why-cto",), closing=("for-us",))
    assert (chosen[0].question_id, chosen[0].phase) == (100, WARM_UP_PHASE)
    assert (chosen[-1].question_id, chosen[-1].phase) == (101, CLOSING_PHASE)
    middle = [p.phase for p in chosen[1:-1]]
    assert middle == sorted(middle, key=ORDER.index) and set(middle) == set(ORDER)
    assert sum(p.seconds for p in chosen) <= 1800


@pytest.mark.parametrize("minutes", [0, 29, 31, 60, True, "30"])
def test_only_30_or_45_minutes(minutes) -> None:
    with pytest.raises(CtoError, match="a mock interview runs 30 or 45 minutes"):
        check_minutes(minutes)
    with pytest.raises(CtoError):
        plan(bank(), minutes, TIMERS, follow_up_seconds=60)


def test_an_empty_bank_or_timers_too_long_for_the_minutes_are_an_error() -> None:
    with pytest.raises(CtoError, match="the question bank is empty"):
        plan([], 30, TIMERS, follow_up_seconds=60)
    with pytest.raises(CtoError, match="no question fits in 30 minutes"):
        plan(bank(), 30, dict.fromkeys(TIMERS, 1800), follow_up_seconds=60)


@given(
    seed=st.integers(0, 10_000),
    minutes=st.sampled_from([30, 45]),
    per_category=st.integers(1, 25),
    timer=st.integers(15, 600),
    follow_up=st.integers(15, 600),
)
def test_any_plan_fits_its_minutes_keeps_the_order_and_repeats_no_question(
    seed, minutes, per_category, timer, follow_up
) -> None:
    timers = dict.fromkeys(TIMERS, timer)
    try:
        chosen = plan(bank(per_category), minutes, timers, follow_up_seconds=follow_up, seed=seed)
    except CtoError:
        assert timer + follow_up + READING_SECONDS > minutes * 60
        return
    assert sum(p.seconds for p in chosen) <= minutes * 60
    assert len({p.question_id for p in chosen}) == len(chosen)
    phases = [ORDER.index(p.category) for p in chosen]
    assert phases == sorted(phases)
    counts = [sum(1 for p in chosen if p.category == slug) for slug in ORDER]
    assert max(counts) - min(counts) <= 1 or min(counts) == per_category  # an even share, unless one ran out
    assert chosen == plan(bank(per_category), minutes, timers, follow_up_seconds=follow_up, seed=seed)
