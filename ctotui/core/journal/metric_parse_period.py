"""The period a number is per ("$12k/month", "5 hours a week", "3 releases daily"), and the thing
money or a count is per ("$5 per deploy"), for the parser (core/journal/metric_parse.py).

Money, time and counts keep the period they are written with: "saved 5 hours a week" is 5 h per
"wk", not 5 hours once. A period is stored as one of ``PERIODS`` (the schema allows no other); "a
sprint" is read as the period "sprint", which has no fixed length: core/journal/metrics.py's
``problem`` refuses it with the reason rather than store the number as a one-off.
"""

from __future__ import annotations

import re

from ctotui.core.terms import METRIC_PERIODS

PERIODS = dict(zip(METRIC_PERIODS, (365, 52, 12, 4, 1), strict=True))  # how many in a year (terms: the schema's list)
SPRINT = "sprint"  # a period people write that is no fixed length of time
PERIOD_WORDS = {
    **dict.fromkeys(("day", "d", "daily"), "d"),
    **dict.fromkeys(("week", "wk", "weekly"), "wk"),
    **dict.fromkeys(("month", "mo", "monthly", "mth"), "mo"),
    **dict.fromkeys(("quarter", "qtr", "quarterly"), "qtr"),
    **dict.fromkeys(("year", "yr", "annum", "annually", "yearly", "annual"), "yr"),
    SPRINT: SPRINT,
}
_DAY_MS = 86_400_000.0
# "a year ago", "a week early": a moment, not a period
_NOT_A_PERIOD = r"(?!\s+(?:ago|early|earlier|late|later|ahead|before|after|back|behind)\b)"


def period_re(tag: str = "") -> str:
    """A regex for a period ("/month", " a year", " per wk", " monthly", " each sprint"), its groups
    named per<tag> and adv<tag>."""
    return (
        rf"(?:\s*/\s*|\s+(?:a|an|per|each|every)\s+)"
        rf"(?P<per{tag}>day|d|week|wk|month|mo|mth|quarter|qtr|year|yr|annum|{SPRINT})\b{_NOT_A_PERIOD}"
        rf"|\s+(?P<adv{tag}>daily|weekly|monthly|quarterly|yearly|annually)\b"
    )


def period_word(m: re.Match[str], tag: str = "") -> str | None:
    """The period ("mo") a match's per<tag> or adv<tag> group names, or None."""
    word = m.group(f"per{tag}") or m.group(f"adv{tag}")
    return PERIOD_WORDS[word.lower()] if word else None


def unit_per(word: str) -> tuple[str, str | None]:
    """A unit written with its period ("h/week", "deploys/day"): ("h", "wk"); else (word, None)."""
    unit, slash, per = word.partition("/")
    period = PERIOD_WORDS.get(per.lower()) if slash and unit else None
    return (unit, period) if period else (word, None)


UNIT_MAX = 30  # the longest unit stored (core/journal/metric_store.py's clean_metric refuses more)
# "per" and the one word it is per, after money or a count that has no period: "$5 per deploy", "$0.02
# per GB", "40 tickets per engineer". Not "per cent", "per se" or "per the plan" (a word that names no thing).
_PER_THING = re.compile(
    r"\s+per\s+(?!(?:cent|se|the|a|an|our|my|your|their|his|her|its|this|that|each|every|and|or|to)\b)"
    r"([^\W\d_](?:[\w-]*\w)?)(?![\w-])",  # the whole word, or none of it
    re.IGNORECASE,
)


PER = " per "  # joins a unit and the thing it is per ("$ per deploy")


def is_per_thing(unit: str | None) -> bool:
    """Whether ``unit`` is per a thing ("$ per deploy", "tickets per engineer"), as ``per_thing`` writes it."""
    return PER in (unit or "")


def per_thing(text: str, pos: int, unit: str) -> tuple[str, int]:
    """``unit`` with the thing it is per when the words at ``pos`` name one ("$" and " per deploy":
    "$ per deploy"), and where they end; else (unit, pos). A unit that would grow past ``UNIT_MAX``
    stays as it is."""
    m = _PER_THING.match(text, pos)
    if m is None or len(whole := f"{unit}{PER}{m.group(1)}") > UNIT_MAX:
        return unit, pos
    return whole, m.end()


def period_ms(period: str) -> float | None:
    """How long one period is in ms (a month a twelfth of a year), None for a sprint."""
    return 365 / PERIODS[period] * _DAY_MS if period in PERIODS else None
