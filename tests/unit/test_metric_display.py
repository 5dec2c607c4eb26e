"""The badge shows what was written: 99.99% is never "100%", two different values never look the
same, and a change between two percentages is given in points."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ctotui.core.journal.metrics import Metric, format_metric, format_number, format_pct, parse_metric


@pytest.mark.parametrize(
    ("text", "badge"),
    [
        ("Improved uptime from 99.9% to 99.99%", "99.9→99.99% +0.09 pts"),
        ("Improved uptime from 99.95% to 99.999%", "99.95→99.999% +0.049 pts"),
        ("Improved uptime from 99.94% to 99.95%", "99.94→99.95% +0.01 pts"),
        ("Cut the error rate from 0.5% to 0.25%", "0.5→0.25% −0.25 pts"),
        ("Cut p99 from 10000 ms to 4 ms", "10,000→4 ms −99.96%"),
        ("Cut p99 from 1234.5 ms to 300 ms", "1,234.5→300 ms −76%"),
        # both levels of a change written alike ("200k→50,000" before)
        ("Cut queued jobs from 200k to 50k", "200k→50k −75%"),
        ("Grew weekly users from 80,000 to 250,000", "80k→250k +212%"),
        ("Cut rows from 120,000 to 99,999", "120k→99,999 −17%"),
        # a number the user wrote is shown as written, not to three digits ("+12.2 pts", "48.2 ms")
        ("NPS up 12.25 pts", "NPS +12.25 pts"),
        ("Latency from 102.5 ms to 48.25 ms", "102.5→48.25 ms −53%"),
        ("Cut errors from 12.5% to 2.25%", "12.5→2.25% −10.25 pts"),
        ("Cut deploy from 45.25 to 7.5 min", "45.25→7.5 min −83%"),
        # a number worked out (the before of "by 30% to $100") is rounded
        ("Grew revenue by 30% to $100", "$76.9→$100 +30%"),
        ("Grew from 99.96 to 99.97 req/s", "99.96→99.97 req/s +0.01%"),
    ],
)
def test_the_badge_keeps_the_digits_that_tell_the_values_apart(text, badge):
    assert parse_metric(text).badge == badge


def test_numbers_are_never_shown_with_an_exponent_or_rounded_up_to_a_power_of_ten():
    assert format_number(1234.5) == "1,234.5" and format_number(100 / 0.7) == "143"
    assert format_number(999_999, compact=True) == "999.999k"
    assert format_number(99.96) == "99.96" and format_number(0.9996) == "0.9996"
    assert format_number(1.25) == "1.25" and format_number(120_000, compact=True) == "120k"
    assert format_pct(-99.96) == "−99.96%" and format_pct(-84.4) == "−84%" and format_pct(7.5) == "+7.5%"


# A percentage as people write one: 0 to 100 with up to four decimals.
percent = st.decimals(min_value=0, max_value=100, places=4).map(lambda d: float(d.normalize()))


@given(percent, percent)
def test_two_percentages_are_shown_apart_and_below_100_never_as_100(before, after):
    badge = format_metric(Metric(before, after, "%"))
    shown_before, rest = badge.split("→")
    shown_after = rest.split("%")[0]
    if before != after:
        assert shown_before != shown_after, badge
    for value, shown in ((before, shown_before), (after, shown_after)):
        assert (shown == "100") == (value == 100), badge
        assert abs(float(shown) - value) <= max(abs(value), 1) * 0.005, badge  # three digits at least
    points = Decimal(str(after)) - Decimal(str(before))
    if points:
        assert badge.endswith(" pts") and ("−" if points < 0 else "+") in badge.split("% ")[1], badge


@pytest.mark.parametrize(
    ("text", "badge"),
    [
        ("Saved $12,345 a year", "$12,345/yr"),  # was $12.3k/yr: three digits of the user's five
        ("Saved $1234.5", "$1,234.5"),
        ("Saved $250k a year", "$250k/yr"),  # shorter, and nothing lost
        ("Grew ARR from $3M to $4M", "$3M→$4M ARR +33%"),
        ("Closed deals worth €1.234.567", "€1.23M"),  # seven digits: rounded, as a long number is
    ],
)
def test_money_written_short_is_shown_as_written(text, badge):
    assert parse_metric(text).badge == badge
