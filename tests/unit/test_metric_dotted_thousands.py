"""Thousands grouped with dots, as much of Europe writes them: "€1.234.567" is one million and
more, "€5.000" five thousand. A dot is a thousands mark after a currency sign when every group
after it has exactly three digits, or anywhere when there are two or more such groups; "1.5" stays
a decimal, and versions (v1.2.3) and dates (15.03.2026) are not read as numbers of thousands."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ctotui.core.journal.metrics import parse_metric, read_metric


@pytest.mark.parametrize(
    ("text", "after", "badge"),
    [
        ("Raised €1.234.567 in seed funding", 1_234_567, "€1.23M"),
        ("Saved €5.000 a month", 5_000, "€5k/mo"),
        ("Saved €1.234,50 on licences", 1_234.5, "€1,234.5"),
        ("Onboarded 1.234.567 users", 1_234_567, "1.23M users"),
        ("Saved €1.5M a year", 1_500_000, "€1.5M/yr"),
        ("Saved €1.5 a click", 1.5, "€1.5"),
    ],
)
def test_dots_between_groups_of_three_are_thousands(text, after, badge):
    m = parse_metric(text)
    assert m is not None and m.after == after and m.badge == badge, m
    assert read_metric(text).after == after


def test_a_dotted_change_reads_whole():
    m = parse_metric("Cut spend from €12.500 to €9.000 a month")
    assert m is not None and (m.before, m.after, m.badge) == (12_500, 9_000, "€12.5k→€9k/mo −28%")


@pytest.mark.parametrize(
    ("text", "badge"),
    [
        ("Upgraded 3 services to v1.2.3", "3 services"),
        ("Shipped on 15.03.2026 to 4 teams", "4 teams"),
        ("Cut p99 from 1.5 s to 300 ms", "1,500→300 ms −80%"),
        ("Shipped release 2.100.3 to 5 teams", "5 teams"),
        ("Moved 192.168.100.200 behind 2 proxies", "2 proxies"),
        ("Cut the bill from $1.001M to $900k", "$1.001M→$900k −10%"),
    ],
)
def test_versions_dates_and_decimals_are_not_thousands(text, badge):
    m = parse_metric(text)
    assert m is not None and m.badge == badge


@given(st.integers(min_value=1_000, max_value=999_999_999), st.sampled_from("€$£"))
def test_any_dotted_amount_after_a_currency_sign_is_its_whole_value(value, cur):
    m = read_metric(f"{cur}{value:,}".replace(",", "."))
    assert (m.kind, m.after) == ("amount", value)
