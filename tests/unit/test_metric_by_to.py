"""A change given with its size and the level after ("grew revenue by 20% to $1.2M", "cut p99
by 200ms to 350ms", "grew the team 3x to 45 engineers"): the change is the "by" amount, the "to"
amount is where it ended, and the word before says which way it went. Never a change from the "by"
amount to the "to" amount."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ctotui.core.journal.metric_rank import strongest
from ctotui.core.journal.metrics import metric_text, parse_metric, read_metric


@pytest.mark.parametrize(
    ("text", "before", "after", "unit", "badge"),
    [
        ("Grew revenue by 20% to $1.2M", 1_000_000, 1_200_000, "$", "$1M→$1.2M +20%"),
        ("Cut latency by 40% to 300 ms", 500, 300, "ms", "500→300 ms −40%"),
        ("Cut p99 by 200ms to 350ms", 550, 350, "ms", "550→350 ms −36%"),
        ("Reduced headcount cost 25% to $90k/yr", 120_000, 90_000, "$", "$120k→$90k/yr −25%"),
        ("Cut the build by 1 s to 300 ms", 1300, 300, "ms", "1,300→300 ms −77%"),
        ("Grew the team by 3 to 8 engineers", 5, 8, "engineers", "5→8 engineers +60%"),
        ("Lowered costs by $20k to $80k a month", 100_000, 80_000, "$", "$100k→$80k/mo −20%"),
        # a multiple and the level it reached: "3→45 engineers +1400%" and "$3→$1.2M ARR +39999900%" before
        ("Grew the team 3x to 45 engineers", 15, 45, "engineers", "15→45 engineers +200%"),
        ("Grew revenue 3x to $1.2M ARR", 400_000, 1_200_000, "$ ARR", "$400k→$1.2M ARR +200%"),
        ("Cut infra cost 4x to $50k/month", 200_000, 50_000, "$", "$200k→$50k/mo −75%"),
        ("Reduced p99 10X to 40 ms", 400, 40, "ms", "400→40 ms −90%"),
        ("Grew throughput by 2x to 400 rps", 200, 400, "rps", "200→400 rps +100%"),
        ("Raised coverage 2x to 80%", 40, 80, "%", "40→80% +40 pts"),
    ],
)
def test_by_an_amount_to_a_level_is_the_change_and_the_level_after(text, before, after, unit, badge):
    for m in (parse_metric(text), read_metric(text)):
        assert m is not None
        assert (m.kind, m.before, m.after, m.unit, m.badge) == ("change", before, after, unit, badge)
        assert m.source in text
        assert read_metric(metric_text(m)) == m


def test_such_a_change_ranks_by_its_own_size_not_as_a_jump_from_the_by_amount():
    texts = ["Grew revenue by 20% to $1.2M", "Saved $300k a year on hosting"]
    ranked = [text for text, _s in strongest(texts, parse_metric)]
    assert ranked == ["Saved $300k a year on hosting", "Grew revenue by 20% to $1.2M"]  # $300k a year beats $200k


def test_a_reduction_by_all_of_it_or_more_is_not_read_as_a_change():
    assert parse_metric("Cut costs by 100% to $0") is None or parse_metric("Cut costs by 100% to $0").kind != "change"
    m = parse_metric("Cut costs by 150% to $10k")
    assert m is None or m.kind != "change"


@given(
    pct=st.integers(min_value=1, max_value=99),
    level=st.integers(min_value=1, max_value=10_000),
    word=st.sampled_from(["Cut", "Reduced", "Lowered", "Dropped", "Grew", "Raised", "Increased"]),
    unit=st.sampled_from(["ms", "min", "users", ""]),
)
def test_the_direction_word_gives_the_sign_and_the_to_amount_is_the_level_after(pct, level, word, unit):
    m = parse_metric(f"{word} it by {pct}% to {level} {unit}".strip())
    assert m is not None and m.kind == "change"
    assert m.after == level
    down = word in ("Cut", "Reduced", "Lowered", "Dropped")
    assert (m.before > m.after) if down else (m.before < m.after)
    assert m.change_pct == pytest.approx(-pct if down else pct, abs=0.06)


@given(
    times=st.integers(min_value=2, max_value=50),
    level=st.integers(min_value=1, max_value=10_000),
    word=st.sampled_from(["Cut", "Reduced", "Lowered", "Grew", "Raised", "Increased", "Scaled"]),
    unit=st.sampled_from(["ms", "users", "engineers", "rps", ""]),
    x=st.sampled_from(["x", "X"]),
)
def test_a_multiple_to_a_level_ends_at_the_level_and_started_that_many_times_away(times, level, word, unit, x):
    change = f"{times}{x} to {level} {unit}".strip()
    # in a title the word before says which way; given alone in the Number field, it grew
    for m, down in (
        (parse_metric(f"{word} it {change}"), word in ("Cut", "Reduced", "Lowered")),
        (read_metric(change), False),
    ):
        assert m is not None and m.kind == "change"
        assert m.after == level
        assert m.before == pytest.approx(level * times if down else level / times, rel=0.01)
        assert m.change_pct == pytest.approx((1 / times - 1) * 100 if down else (times - 1) * 100, abs=0.06)


def test_a_multiple_that_is_no_change_or_a_multiple_to_a_multiple_is_not_such_a_change():
    assert parse_metric("Grew 1x to 40 users").kind == "multiple"  # no growth: the multiple as written
    m = parse_metric("Went from 3x to 5x")
    assert (m.before, m.after) == (3, 5)  # two multiples: a change from one to the other, as before
    m = parse_metric("Handled 3x to 45 engineers")  # no word says it grew: a multiple, not a range's start
    assert m.kind == "multiple" and m.after == 3


def test_a_cut_by_a_percentage_to_zero_is_the_percentage_not_zero_to_zero():
    """'Cut latency by 40% to 0 ms' showed '0→0 ms' (no level before gives 0 after a 40% cut)."""
    m = parse_metric("Cut latency by 40% to 0 ms")
    assert m is not None and m.badge == "−40%" and m.before is None
