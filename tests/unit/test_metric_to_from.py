"""A change written the other way round ("grew ARR to $4M from $3M") reads like "from $3M to $4M",
and a money noun before the numbers ("ARR", "MRR") stays with the change."""

from __future__ import annotations

import pytest

from ctotui.core.journal.metrics import parse_metric, read_metric


@pytest.mark.parametrize(
    "text",
    ["Grew ARR to $4M from $3M", "Grew ARR from $3M to $4M", "Grew ARR $3M -> $4M"],
)
def test_to_a_level_from_a_level_reads_like_from_to_and_keeps_its_money_noun(text):
    m = parse_metric(text)
    assert m is not None
    assert (m.kind, m.before, m.after, m.unit, m.period, m.badge) == (
        "change",
        3_000_000,
        4_000_000,
        "$ ARR",
        "yr",
        "$3M→$4M ARR +33%",
    )
    assert read_metric(text) == m


@pytest.mark.parametrize(
    ("text", "badge"),
    [
        ("Cut build time to 4 min from 10 min", "10→4 min −60%"),
        ("Shipped to 3 customers from 2 offices", "3 customers"),
        ("Moved the team to 2021 from 2019", None),
    ],
)
def test_to_from_reads_a_change_only_between_numbers_of_one_kind(text, badge):
    m = parse_metric(text)
    assert (m.badge if m else None) == badge
