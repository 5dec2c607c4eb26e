"""The strongest numbers: one rule that ranks every kind of metric.

The rule, in order (README "The brag document" says the same):

1. **Money**, as a yearly amount: an amount per month counts twelve times, per
   week 52 times, per day 365 times, per quarter 4 times; ARR, ACV and an
   amount without a period count once. A change in money counts what it moved
   in a year ("$40k → $25k a month" is $180k a year), or once when no period
   is stated ("$50k → $20k" is $30k, not "$30k a year"). Bigger first. A change
   that went the other way from what its words say ("Cut costs from $10k to
   $12k": a cost that went up) is not a win and is not ranked. Money per a thing ("$5 per
   deploy") is a price, not money won: a change of it ranks as a change (3), a price alone not at all.
2. **Time saved**: a change in a unit of time that went down ("45 → 7 min"),
   by the share of the time saved (84 % beats 75 %), then by the time saved
   (in a year when the change is per period, as money: "10 → 2 h a week" saves
   416 hours a year; once when it has none). After every change, time per
   period ("saved 5 hours a week"), by the time in a year (260 hours).
3. **Changes**: every other change, percentage, multiple and points, by how
   big the change is as a factor (45 → 7 is 6.4×, −75 % is 4×, +150 % is 2.5×,
   "2x faster" is 2×; 3 points is 1.03×, 25 basis points 1.0025×).
4. **Counts** ("3 teams", "12 new hires"), bigger first; a count per period in a
   year ("3 releases a week" is 156), a count without one once, as money.
5. **Durations** ("in 6 weeks"), shorter first: how long something took. Time
   per period is never one of them (it ranks as time saved, above).

Ties keep the order given (the journal's: newest first).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TypeVar

from ctotui.core.journal.metric_parse import DOWN_WORDS, PERIODS, SCALED, UP_WORDS
from ctotui.core.journal.metric_parse_period import is_per_thing
from ctotui.core.journal.metrics import Metric, format_metric, format_number, money_unit, problem, time_unit

T = TypeVar("T")
TIERS = ("money", "time saved", "change", "count", "duration")


@dataclass(frozen=True, order=True)
class Strength:
    tier: int  # an index of TIERS: lower is stronger
    key: tuple[float, ...]  # within a tier, lower is stronger
    note: str = ""  # what the rank rests on when the badge does not say it ("$144k a year")


def _money(m: Metric) -> float | None:
    """The money a metric names or moves, once: an amount, or how far a change moved; None for no money."""
    if not money_unit(m.unit) or m.kind not in ("amount", "change") or is_per_thing(m.unit):
        return None  # a price per a thing ("$ per deploy") is no sum of money
    if m.kind == "amount" and m.after is not None:
        return abs(m.after)
    if m.before is not None and m.after is not None:
        return abs(m.before - m.after)
    return None


def yearly(m: Metric) -> float | None:
    """The money a metric moves in a year, or None when it is not money or says no period
    ("$12k/month", "$250k ARR" say one; "$50k → $20k" does not)."""
    money = _money(m)
    if money is None or m.period is None:
        return None
    return money * PERIODS.get(m.period, 1)


_EITHER_WAY = {"improve", "improved", "better"}  # they say it got better, not which way it went


def against_its_words(m: Metric, words: str) -> bool:
    """True for a change in money that went the other way from what the words before its first
    amount say: "Cut costs from $10k to $12k" went up (a cost that grew is not a saving)."""
    if not money_unit(m.unit) or m.kind != "change" or m.before is None or m.after is None:
        return False
    first = re.search(r"[$€£]\s?\d|\d", words)
    for word in reversed(re.findall(r"[A-Za-z]+", words[: first.start() if first else 0])[-6:]):
        low = word.lower()
        if low in DOWN_WORDS:
            return m.after > m.before
        if low in UP_WORDS and low not in _EITHER_WAY:
            return m.after < m.before
    return False


def _in_a_year(value: float, m: Metric) -> tuple[float, str]:
    """A number of time or things over a year when ``m`` is per period, with the note that says so
    ("260 hours a year"); as it is, without a note, when it has no period."""
    if m.period not in PERIODS:
        return value, ""
    per_year = value * PERIODS[m.period]
    return per_year, format_metric(
        Metric(None, per_year, m.unit, kind=m.kind if m.kind != "change" else "duration")
    ) + " a year"


def _factor(pct: float) -> float:
    if pct >= 0:
        return 1 + pct / 100
    return 1 / max(1e-9, 1 + pct / 100)


def strength(m: Metric | None, words: str = "") -> Strength | None:
    """Where ``m`` ranks (a smaller Strength is stronger); None for no metric, an impossible one,
    or a change in money that went against ``words`` (the entry's title and body, when given)."""
    if m is None or m.empty or problem(m) is not None or against_its_words(m, words):
        return None
    money = _money(m)
    if money is not None:
        per_year = yearly(m)
        note = ""
        if per_year is not None and (m.period != "yr" or m.kind == "change"):
            note = f"{(m.unit or '$')[0]}{format_number(per_year, compact=True)} a year"
        return Strength(0, (-(money if per_year is None else per_year),), note)
    if m.kind == "change" and time_unit(m.unit) and m.before is not None and m.after is not None and m.after < m.before:
        saved_share = (m.before - m.after) / m.before if m.before else 0.0
        saved, note = _in_a_year(m.before - m.after, m)
        return Strength(1, (-saved_share, -saved * SCALED[m.unit][1]), note)  # type: ignore[index]  # a unit of SCALED: time_unit()
    if m.kind == "duration" and m.period and m.after is not None:
        spent, note = _in_a_year(m.after, m)  # after every change: a share saved (< 0) says more
        return Strength(1, (0.0, -spent * SCALED.get(m.unit or "", ("", 1.0))[1]), note)
    if m.kind == "points" and m.after is not None:
        per_point = 10_000 if m.unit == "bps" else 100  # a point of 100%; a basis point of 10,000
        return Strength(2, (-(1 + abs(m.after) / per_point),))
    if m.kind == "multiple" and m.after:
        return Strength(2, (-max(m.after, 1 / m.after),))
    if m.kind in ("change", "percent", "multiple"):
        if m.before and m.after and m.before > 0 and m.after > 0:
            return Strength(2, (-max(m.before / m.after, m.after / m.before),))
        if m.change_pct is not None:
            return Strength(2, (-_factor(m.change_pct),))
        return None
    if m.kind == "count" and m.after is not None:
        counted, note = _in_a_year(m.after, m)
        return Strength(3, (-counted,), note)
    if m.kind == "duration" and m.after is not None:
        return Strength(4, (m.after * SCALED.get(m.unit or "", ("", 1.0))[1],))
    return None


def strongest(
    items: Iterable[T],
    metric: Callable[[T], Metric | None],
    n: int = 5,
    words: Callable[[T], str] | None = None,
) -> list[tuple[T, Strength]]:
    """The ``n`` items whose metric ranks highest by the rule above, with their strength.
    ``words`` gives an item's text, to tell a change that went against it."""
    ranked = [(item, s) for item in items if (s := strength(metric(item), words(item) if words else "")) is not None]
    ranked.sort(key=lambda pair: (pair[1].tier, pair[1].key))  # stable: ties keep the given order
    return ranked[:n]
