"""The strongest numbers: one rule that ranks every kind of metric.

The rule, in order (README "The brag document" says the same):

1. **Money**, as a yearly amount: an amount per month counts twelve times, per
   week 52 times, per day 365 times, per quarter 4 times; ARR, ACV and an
   amount without a period count once. A change in money counts what it moved
   in a year ("$40k → $25k a month" is $180k a year). Bigger first.
2. **Time saved**: a change in a unit of time that went down ("45 → 7 min"),
   by the share of the time saved (84 % beats 75 %), then by the time saved.
3. **Changes**: every other change, percentage, multiple and points, by how
   big the change is as a factor (45 → 7 is 6.4×, −75 % is 4×, +150 % is 2.5×,
   "2x faster" is 2×; 3 points is 1.03×).
4. **Counts** ("3 teams", "12 new hires"), bigger first.
5. **Durations** ("in 6 weeks"), shorter first.

Ties keep the order given (the journal's: newest first).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TypeVar

from ctotui.core.journal.metric_parse import PERIODS, SCALED
from ctotui.core.journal.metrics import Metric, format_number, money_unit, problem, time_unit

T = TypeVar("T")
TIERS = ("money", "time saved", "change", "count", "duration")


@dataclass(frozen=True, order=True)
class Strength:
    tier: int  # an index of TIERS: lower is stronger
    key: tuple[float, ...]  # within a tier, lower is stronger
    note: str = ""  # what the rank rests on when the badge does not say it ("$144k a year")


def yearly(m: Metric) -> float | None:
    """The money a metric moves in a year, or None when it is not money."""
    if not money_unit(m.unit) or m.kind not in ("amount", "change"):
        return None
    per_year = PERIODS.get(m.period or "yr", 1)
    if m.kind == "amount" and m.after is not None:
        return abs(m.after) * per_year
    if m.before is not None and m.after is not None:
        return abs(m.before - m.after) * per_year
    return None


def _factor(pct: float) -> float:
    if pct >= 0:
        return 1 + pct / 100
    return 1 / max(1e-9, 1 + pct / 100)


def strength(m: Metric | None) -> Strength | None:
    """Where ``m`` ranks (a smaller Strength is stronger); None for no metric or an impossible one."""
    if m is None or m.empty or problem(m) is not None:
        return None
    money = yearly(m)
    if money is not None:
        cur = (m.unit or "$")[0]
        note = (
            f"{cur}{format_number(money, compact=True)} a year"
            if (m.period or "yr") != "yr" or m.kind == "change"
            else ""
        )
        return Strength(0, (-money,), note)
    if m.kind == "change" and time_unit(m.unit) and m.before is not None and m.after is not None and m.after < m.before:
        saved_share = (m.before - m.after) / m.before if m.before else 0.0
        saved_ms = (m.before - m.after) * SCALED[m.unit][1]  # type: ignore[index]  # time_unit() said it is one of SCALED's units
        return Strength(1, (-saved_share, -saved_ms))
    if m.kind == "points" and m.after is not None:
        return Strength(2, (-(1 + abs(m.after) / 100),))
    if m.kind == "multiple" and m.after:
        return Strength(2, (-max(m.after, 1 / m.after),))
    if m.kind in ("change", "percent", "multiple"):
        if m.before and m.after and m.before > 0 and m.after > 0:
            return Strength(2, (-max(m.before / m.after, m.after / m.before),))
        if m.change_pct is not None:
            return Strength(2, (-_factor(m.change_pct),))
        return None
    if m.kind == "count" and m.after is not None:
        return Strength(3, (-m.after,))
    if m.kind == "duration" and m.after is not None:
        return Strength(4, (m.after * SCALED.get(m.unit or "", ("", 1.0))[1],))
    return None


def strongest(items: Iterable[T], metric: Callable[[T], Metric | None], n: int = 5) -> list[tuple[T, Strength]]:
    """The ``n`` items whose metric ranks highest by the rule above, with their strength."""
    ranked = [(item, s) for item in items if (s := strength(metric(item))) is not None]
    ranked.sort(key=lambda pair: (pair[1].tier, pair[1].key))  # stable: ties keep the given order
    return ranked[:n]
