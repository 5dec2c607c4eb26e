"""A change given with its size and the level after ("grew revenue by 20% to $1.2M", "cut p99
by 200ms to 350ms"): the change is the "by" amount, the "to" amount is where it ended, and the
word before says which way it went. Never a change from the "by" amount to the "to" amount."""

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


def test_a_cut_by_a_percentage_to_zero_is_the_percentage_not_zero_to_zero():
    """'Cut latency by 40% to 0 ms' showed '0→0 ms' (no level before gives 0 after a 40% cut)."""
    m = parse_metric("Cut latency by 40% to 0 ms")
    assert m is not None and m.badge == "−40%" and m.before is None
