"""Reading numbers out of what people write (the parser behind core/journal/metrics.py).

``readings(text)`` yields every number it can read as a ``Reading``, in the
order a metric is chosen: a change (before → after) first, then a change by
percent or points, a multiple, an amount of money, a count with its noun, a
duration. It never raises; whether a reading is possible (a reduction of at
most 100 %, a duration that is not negative) is judged in core/journal/metrics.py.

Units are normalised: "1.2 s to 300 ms" becomes 1200 → 300 ms, "45 mins"
becomes min, "1h 30m" is 90 min, "$12k/month" is 12000 $ per "mo" (in a change
too: "$10k/month to $8k" is 10000 → 8000 $ per "mo"; after a currency sign "m"
is a million and "B" a billion). Time and counts keep their period too ("5 hours a week" is 5 h per
"wk", "3 releases a day" 3 per "d", "from 10 to 2 h/week" a change per "wk"; the period words are
core/journal/metric_parse_period.py); "in 6 weeks" is how long something took, never a rate, and
time longer than its period ("6 weeks a month") keeps none. Points may be percentage points or basis
points ("25 bps", kept as written). Thousands may be grouped with a comma, a space or an apostrophe
("1 200 ms", "1'000 users"; "cut 2 100 ms" is then 2100 ms); a comma before one or two digits is a
decimal comma ("1,5 s" is 1.5 s). Dots group thousands in "1.234.567", "1.234,50" and after a
currency sign ("€5.000"); "1.5", "v1.2.3" and 192.168.1.20 are not thousands. A change given by its size and the level after ("grew revenue
by 20% to $1.2M", "cut p99 by 200ms to 350ms") is read back from the level: 1M → 1.2M $, 550 → 350
ms, its sign from the word before ("cut", "grew"; up when none says). Dates, versions (v2.1), percentiles (p95),
names such as k8s, and years are not read as counts.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Iterator
from typing import NamedTuple

from ctotui.core.journal.metric_parse_period import (
    PERIODS,
    SPRINT,
    UNIT_MAX,
    per_thing,
    period_ms,
    period_re,
    period_word,
    unit_per,
)


class Reading(NamedTuple):
    kind: str  # change | amount | count | duration | multiple | percent | points
    before: float | None
    after: float | None
    unit: str | None
    change_pct: float | None
    period: str | None  # money, time or things per: d, wk, mo, qtr, yr (or "sprint", refused)
    label: str | None  # the word of a multiple ("faster"), the subject of points ("churn")
    source: str  # the words it was read from


# --- units -----------------------------------------------------------------

# Units that convert into each other: unit -> (dimension, size in the base unit).
SCALED: dict[str, tuple[str, float]] = {
    "ns": ("time", 1e-6),
    "µs": ("time", 1e-3),
    "ms": ("time", 1.0),
    "s": ("time", 1e3),
    "min": ("time", 60e3),
    "h": ("time", 3600e3),
    "d": ("time", 86400e3),
    "wk": ("time", 604800e3),
    "mo": ("time", 2592000e3),
    "yr": ("time", 31536000e3),
    "B": ("data", 1.0),
    "KB": ("data", 1e3),
    "MB": ("data", 1e6),
    "GB": ("data", 1e9),
    "TB": ("data", 1e12),
    "KiB": ("data", 1024.0),
    "MiB": ("data", 1024.0**2),
    "GiB": ("data", 1024.0**3),
    "TiB": ("data", 1024.0**4),
}
_ALIASES: dict[str, str] = {
    **dict.fromkeys(("nanosecond", "nanoseconds"), "ns"),
    **dict.fromkeys(("μs", "microsecond", "microseconds"), "µs"),
    **dict.fromkeys(("msec", "msecs", "millisecond", "milliseconds"), "ms"),
    **dict.fromkeys(("sec", "secs", "second", "seconds"), "s"),
    **dict.fromkeys(("m", "mins", "minute", "minutes"), "min"),
    **dict.fromkeys(("hr", "hrs", "hour", "hours"), "h"),
    **dict.fromkeys(("day", "days"), "d"),
    **dict.fromkeys(("wks", "week", "weeks"), "wk"),
    **dict.fromkeys(("month", "months"), "mo"),
    **dict.fromkeys(("year", "years", "yrs"), "yr"),
    **dict.fromkeys(("percent", "per cent", "pct"), "%"),
    **{u.lower(): u for u in ("KB", "MB", "GB", "TB", "KiB", "MiB", "GiB", "TiB")},
    **dict.fromkeys(("bytes", "byte"), "B"),
}
TIME_UNITS = {u for u, (dim, _size) in SCALED.items() if dim == "time"}
# Durations people write about work (not latencies: "300 ms" is a measurement).
_DURATION_UNITS = {"min", "h", "d", "wk", "mo", "yr"}
_CURRENCY_SIGNS = {"$": "$", "€": "€", "£": "£", "usd": "$", "dollars": "$", "eur": "€", "euros": "€", "gbp": "£"}
MONEY_QUALIFIERS = {"ARR": "yr", "MRR": "mo", "ACV": "yr", "TCV": None, "GMV": None}
_MULTIPLIERS = {"k": 1e3, "K": 1e3, "M": 1e6, "bn": 1e9, "thousand": 1e3, "million": 1e6, "billion": 1e9}
# Words that follow a number without being its unit or its noun.
STOP = set(
    "to from in on at a an the and or per of by for with into than over under across down up after before when "
    "while times x faster slower more less fewer lower higher is was were are has had this that its it as us yes "
    "thus plus always sometimes ago so but via each every about around roughly nearly almost over out off our my "
    "their his her we i they he she you am pm".split()
)
_NOT_NOUNS = set(
    "january february march april may june july august september october november december jan feb mar apr jun "
    "jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday times percent points pts "
    "pp".split()
)
_IRREGULAR = set("people staff children men women folks personnel alumni data media feedback".split())
# Thousands may be grouped with a comma, a space (also the no-break spaces U+00A0 and U+202F) or an
# apostrophe ("1,200", "1 200", "1'000"): a head of 1 to 3 digits, then groups of exactly 3. Where
# two numbers stand side by side, that grouped reading wins: "cut 2 100 ms" is 2100 ms, not 2 and
# 100 ms ("3 50 ms" and "2025 100 users" are not groups, so there each number is read apart).
# A number after these words is a level, a rank or a name, not how many ("a sev 1 incident", "tier 2
# support", "phase 3 of 5 teams"): it is never a count; within a count's words it belongs to the noun.
_LEVEL = r"(?:sev|severity|tier|level|priority|phase|stage|step|round|grade|gen|generation|rfc|version)"
_AFTER_LEVEL = re.compile(rf"\b{_LEVEL}\s$", re.IGNORECASE)
_SPACES = " \u00a0\u202f"
_QUOTES = "'\u2019"
# Dots group thousands too where they cannot be a decimal point: two or more groups ("1.234.567"),
# or groups before a decimal comma ("1.234,50"). One group after a currency sign ("€5.000") is
# told apart when the number is read (number(..., dotted=True)); "1.5" and "v1.2.3" stay as they were.
_DOTS = r"(?:\.\d{3}){2,}(?!\.\d)|(?:\.\d{3})+(?=,\d{1,2}(?!\d))"
_IPV4 = r"(?:\d{1,3}\.){3}\d{1,3}(?![\d.])"  # "192.168.100.200" is an address, not a number of thousands
_GROUPED = rf"(?!{_IPV4})\d{{1,3}}(?:(?:,\d{{3}})+|(?:[{_SPACES}]\d{{3}})+|(?:[{_QUOTES}]\d{{3}})+|{_DOTS})(?!\d)"
# A number never starts at a group of a grouped number: not "000" of "1 000", nor "200" of "1'200".
_NOT_A_GROUP = rf"(?:(?<!\d[{_SPACES}{_QUOTES}])|(?<=\d{{4}}[{_SPACES}{_QUOTES}])|(?!\d{{3}}(?!\d)))"
# An apostrophe is never a decimal mark: "1'20" is a mistyped group, and its 20 is not read alone.
_INT = rf"(?<!\d[{_QUOTES}]){_NOT_A_GROUP}(?:{_GROUPED}|\d+)"
# A decimal point, or a decimal comma before one or two digits ("1,5 s", "3,50 €"): those are never
# thousands groups, which have exactly three ("1,500" stays fifteen hundred).
_DECIMAL = r"(?:\.\d+|,\d{1,2}(?!\d))"
_NUM = rf"{_INT}{_DECIMAL}?|\.\d+"
_MULT = r"(?-i:k|K|M|bn)|thousand|million|billion"
_UNIT = r"%|µs|μs|[A-Za-z][A-Za-z/]{0,19}"
_ARROW = r"(?:→|⟶|->|-->|=>|—>|–>)"


_TIME_WORDS = r"(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|wks?|months?|years?|yrs?)"
_TIME_PLURALS = r"(?:seconds|secs|minutes|mins|hours|hrs|days|weeks|wks|months|years|yrs)"  # "engineer-hours"


# The rest of a duration written in parts, after its first number and unit: the " 30m" of "1h 30m",
# "1h30m", "2 hours and 30 minutes", "2d 4h", "1m 30s".
_AND = r"(?:\s+and\s+|,\s*|\s?)"
_PARTS = rf"(?:{_AND}\d+\s?(?:h|hrs?|hours?|m|mins?|minutes?|s|secs?|seconds?)(?![A-Za-z])){{1,2}}"


# "from <something> to " just before an amount: the amount is the level after a change
_FROM_TO = re.compile(r"\bfrom\s+\S+(?:\s+\S+){0,3}?\s+(?:down\s+|up\s+)?to\s+$", re.IGNORECASE)

# not the end of a range ("20-30%", "20 – 30%", "2 to 3x"): its upper bound alone overclaims
_RANGE_END = r"(?<!\d[-–])(?<!\d\s[-–]\s)(?<!\d\sto\s)"

# a bound before the level a change reached ("to under 5 min"): read as that level
_BOUND = r"(?:(?:just\s+)?(?:under|below|less\s+than|over|above|more\s+than|about|around|roughly|nearly|almost)\s+)?"


def _amount(tag: str) -> str:
    """A regex for one amount, its groups named <name><tag>: a number with its currency, multiplier
    ("k"; "m" and "b" after a currency sign), then a period or a unit (and a duration's other parts)
    with its period ("10 hours a week": the period's groups are named per u<tag>)."""
    return (
        rf"(?:[~≈]\s?)?(?P<sign{tag}>[-\u2212+](?=[$€£]?\d))?(?P<cur{tag}>[$€£])?\s?(?P<num{tag}>{_NUM})"
        rf"(?:\s?(?P<mult{tag}>{_MULT}|(?(cur{tag})(?-i:[mbB])|(?!)))(?![A-Za-z]))?"
        rf"(?:{period_re(tag)}|\s?(?P<unit{tag}>{_UNIT})(?P<parts{tag}>{_PARTS})?(?:{period_re('u' + tag)})?)?"
    )


# Compiled on first use, not at import: a command that never parses a metric
# (`ctotui search`, `ctotui list`) does not pay for them.
PATTERNS: dict[str, str] = {
    # "to under 5 min", "to below 1%": the level reached, said as a bound (read as the bound: it read
    # the "from" amount alone as the result, "20 minutes" and "−5%")
    "pair": rf"(?<![\w.$€£/-])(?:from\s+{_amount('f')}(?:\s+[A-Za-z]+){{0,3}}?\s+(?:down\s+|up\s+|all the way\s+)?to\s+"
    rf"{_BOUND}|{_amount('a')}\s*{_ARROW}\s*|{_amount('b')}\s+to\s+{_BOUND}){_amount('2')}",
    # "to $4M from $3M": the same change written the other way round (its first amount is tagged t)
    "to_from": rf"(?<![\w.$€£/-])\bto\s+{_amount('2')}\s+from\s+{_amount('t')}",
    "by_pct": rf"\bby\s+(?:about\s+|roughly\s+|~)?(?P<num>{_NUM})\s?(?:%|percent\b|per cent\b)",
    "pct": rf"(?<![\w.]){_RANGE_END}(?P<num>{_NUM})\s?(?:%|percent\b)(?:\s+(?P<word>[A-Za-z]+))?",
    "signed_pct": rf"(?<![\w.%+\-−×])(?<![×x] )(?P<sign>[+\-−])\s?(?P<num>{_NUM})\s?%",  # not a multiple's
    "points": rf"(?<![\w.])(?P<sign>[+\-−])?\s?(?P<num>{_NUM})\s?"
    rf"(?P<unit>percentage\s+points?|points?|pts|pp|(?P<bps>basis\s+points?|bps))\b(?:\s+(?P<word>[A-Za-z]+))?",
    "factor": rf"(?<![\w.]){_RANGE_END}(?P<num>{_NUM})\s?[x×](?![\w])(?:\s+(?P<word>[A-Za-z]+)|\s+(?P<sign>[+\-−])\d)?",
    "verb_factor": r"\b(halved|doubled|tripled|quadrupled|in\s+half|by\s+(?:half|(?:a|one|two|three)[\s-]+(?:thirds?|quarters?)))\b",
    "money": rf"(?<![\w.])(?<!\d )(?:(?P<cur>[$€£])\s?(?P<num>{_NUM})(?:\s?(?P<mult>{_MULT}|m|b)(?![A-Za-z]))?"
    rf"|(?P<num2>{_NUM})(?:\s?(?P<mult2>{_MULT}|m|b)(?![A-Za-z]))?\s?(?P<cur2>usd|eur|gbp|dollars|euros)\b)"
    rf"(?:\s+(?P<qual>arr|mrr|acv|tcv|gmv)\b)?",
    "period": period_re(),
    "count": rf"(?<![\w.,$€£#/:+\-−–])(?P<num>{_INT})"
    rf"(?:(?P<dec>{_DECIMAL})?(?P<mult>(?-i:k|K|M|bn)|\s+(?:thousand|million|billion)))?\+?(?![\w.,:/%×+-]|\.\d)"
    rf"(?P<words>(?:\s+(?:{_LEVEL}\s\d+\b|[A-Za-z][\w-]*)){{1,4}})",  # "3 sev 2 incidents"
    # one word may stand between a number and its unit of time: "200 engineering hours", "3 full days",
    # "3 engineer-hours"
    "duration": rf"(?<![\w.,$€£#/:+\-−–])(?P<num>{_NUM})\s?"
    rf"(?:(?P<word>[A-Za-z][\w-]*?)(?:\s+(?={_TIME_WORDS}\b)|-(?={_TIME_PLURALS}\b)))?"
    rf"(?P<unit>[A-Za-z]+)(?:(?P<parts>{_PARTS})|\b)(?!\s+ago\b)",
}


# The characters a match of each pattern can start at: said first, they spare the engine trying
# the whole pattern at every other place in the text (the pairs' pattern: 2.4× faster on titles).
STARTS = {
    "pair": r"[f$€£\d.\s\-\u2212+~≈]",
    "to_from": "t",
    "by_pct": "b",
    "pct": r"[\d.]",
    "signed_pct": r"[+\-−]",
    "points": r"[+\-−\s\d.]",
    "factor": r"[\d.]",
    "verb_factor": "[hdtqib]",
    "money": r"[$€£\d.]",
    "count": r"\d",
    "duration": r"[\d.]",
}


@functools.cache
def pattern(name: str) -> re.Pattern[str]:
    """The compiled pattern ``name`` of PATTERNS, with its STARTS looked for first."""
    start = STARTS.get(name)
    return re.compile(f"(?={start})(?:{PATTERNS[name]})" if start else PATTERNS[name], re.IGNORECASE)


DOWN_WORDS = set(
    "reduce reduced reducing cut cutting lower lowered lowering decrease decreased drop dropped shrank shrunk shrink "
    "trimmed trim slashed slash less fewer down smaller cheaper shorter saved saving eliminated halved lost fell "
    "brought took".split()
)
UP_WORDS = set(
    "increase increased grew grow growing raised raise boosted boost improved improve up more higher faster bigger "
    "greater lifted better gained rose scaled doubled".split()
)
# the word: (the factor, or "percent" for a change in percent; the change in percent)
_VERB_FACTORS: dict[str, tuple[float | str, float]] = {
    "halved": ("percent", -50.0),
    "doubled": (2.0, 100.0),
    "tripled": (3.0, 200.0),
}
_VERB_FACTORS["quadrupled"] = (4.0, 300.0)
# "by a third", "by two thirds", "in half": the share of the whole that went, in percent
_FRACTIONS = {"half": 50.0, "a third": 33.3, "one third": 33.3, "two thirds": 66.7, "a quarter": 25.0}
_FRACTIONS |= {"one quarter": 25.0, "three quarters": 75.0}


_SEPARATORS = str.maketrans("", "", "," + _SPACES + _QUOTES)


_DOTTED = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d{1,2})?")


def number(text: str, *, dotted: bool = False) -> float:
    """The value of a number as written, its thousands separators left out ("1 200" is 1200) and
    a decimal comma read as a point ("1,5" is 1.5: see _DECIMAL). Dots are thousands marks in
    "1.234.567" and "1.234,50"; in "5.000" only when ``dotted`` (after a currency sign, with no
    multiplier: "$1.001M" is a decimal)."""
    if _DOTTED.fullmatch(text) and (text.count(".") > 1 or "," in text or (dotted and text[0] != "0")):
        text = text.replace(".", "")
    head, comma, tail = text.rpartition(",")
    if comma and 1 <= len(tail) <= 2 and tail.isdigit():
        return float(f"{head.translate(_SEPARATORS)}.{tail}")
    return float(text.translate(_SEPARATORS))


def canon_unit(raw: str | None) -> str | None:
    """The canonical spelling of a unit, or None for a word that is not one."""
    if not raw:
        return None
    raw = raw.strip().rstrip("/")
    if not raw or raw.lower() in STOP:
        return None
    if raw in SCALED or raw == "%":
        return raw
    low = raw.lower()
    if low in _ALIASES:
        return _ALIASES[low]
    if low in SCALED:
        return low
    return raw if raw.isupper() else low  # free units: "incidents", "req/s", "QPS"


def change_pct(before: float | None, after: float | None, places: int | None = 1) -> float | None:
    """The change from before to after in percent, to ``places`` decimals (None: unrounded). None
    when either is negative: a percentage of a level below zero says nothing ("NPS from -10 to 25"
    is no "+350%", and from 10 to -5 no "reduction of 150%")."""
    if before is None or after is None or before == 0 or before < 0 or after < 0:
        return None
    pct = (after - before) / abs(before) * 100.0
    if not math.isfinite(pct):
        return None
    return pct if places is None else round(pct, places)


def tidy(value: float) -> float:
    """Round away binary noise from unit conversion (1.2 s * 1000 = 1200, not 1199.9999)."""
    return float(f"{value:.10g}") if math.isfinite(value) else value


def _finite(*values: float | None) -> bool:
    return all(v is None or math.isfinite(v) for v in values)


def _words_before(text: str, start: int, window: int) -> list[str]:
    return re.findall(r"[A-Za-z]+", text[max(0, start - 80) : start])[-window:]


def direction(text: str, start: int, after_word: str | None = None, window: int = 6) -> float:
    """-1 if the words around a change say it went down, +1 if up, 0 if they do not say."""
    if after_word:
        low = after_word.lower()
        if low in DOWN_WORDS:
            return -1.0
        if low in UP_WORDS:
            return 1.0
    for word in reversed(_words_before(text, start, window)):
        if word.lower() in DOWN_WORDS:
            return -1.0
        if word.lower() in UP_WORDS:
            return 1.0
    return 0.0


def _period(text: str, pos: int) -> tuple[str | None, int]:
    """The period written at ``pos`` ("/month", " a year", " annually") and where it ends."""
    m = pattern("period").match(text, pos)
    if not m:
        return None, pos
    return period_word(m), m.end()


_ELAPSED = re.compile(r"\b(?:in|within)\s+$", re.IGNORECASE)  # "in 6 weeks": how long it took, never a rate


def _per(text: str, pos: int, unit: str | None, *values: float, period: str | None = None) -> tuple[str | None, int]:
    """The period of an amount of time or things (``period`` when its words gave it, else the one
    written at ``pos``) and where it ends; none for time that does not fit in it ("6 weeks a month")."""
    found, end = (period, pos) if period else _period(text, pos)
    length = period_ms(found) if found else None
    if found and unit in TIME_UNITS and length and max(abs(v) for v in values) * SCALED[unit][1] >= length:
        return None, pos
    return found, end


def _money_unit(cur: str, qual: str | None) -> tuple[str, str | None]:
    """("$ ARR", "yr") for $ and arr: the unit and the period the qualifier implies."""
    if qual and qual.upper() in MONEY_QUALIFIERS:
        return f"{cur} {qual.upper()}", MONEY_QUALIFIERS[qual.upper()]
    return cur, None


def _scale(mult: str | None, *, money: bool) -> float:
    """What a multiplier word multiplies by: "k" 1000, "bn" 10⁹; after money, "m" 10⁶ and "b" 10⁹."""
    if not mult:
        return 1.0
    if money and mult.lower() in ("m", "b"):
        return 1e6 if mult.lower() == "m" else 1e9
    return _MULTIPLIERS.get(mult, _MULTIPLIERS.get(mult.lower(), 1.0))


def compound_duration(text: str) -> tuple[float, str] | None:
    """ "1h 30m" -> (90, "min"), "1m 30s" -> (90, "s"): the parts added up in the smallest unit;
    None unless every part is a number and a unit of time."""
    parts = [(number(n), canon_unit(u)) for n, u in re.findall(r"(\d+(?:\.\d+)?)\s?([A-Za-z]+)", text) if u != "and"]
    if not parts or any(u not in TIME_UNITS for _n, u in parts):
        return None
    unit = min((u for _n, u in parts if u), key=lambda u: SCALED[u][1])
    return tidy(sum(n * SCALED[u][1] for n, u in parts if u) / SCALED[unit][1]), unit


# --- the readers -------------------------------------------------------------


class _Amount(NamedTuple):
    value: float
    unit: str | None
    cur: str | None
    period: str | None


def _read_amount(m: re.Match[str], tag: str) -> _Amount | None:
    """One amount of a pair match, or None if it is not a number (nor is "1e308": its "e" is no unit)."""
    if re.match(r"[eE][+\-−]?\d", m.string[m.end(f"num{tag}") :]):
        return None
    parts = m.group(f"parts{tag}")
    whole = compound_duration(m.group(f"num{tag}") + m.group(f"unit{tag}") + parts) if parts else None
    if whole and not m.group(f"mult{tag}") and not m.group(f"cur{tag}"):
        return _Amount(*whole, None, None)  # "1h 30m": 90 min
    cur = m.group(f"cur{tag}")
    unit_word = m.group(f"unit{tag}")
    period = period_word(m, tag) or period_word(m, f"u{tag}")
    if unit_word:
        unit_word, per = unit_per(unit_word)  # "h/week": h per week
        period = period or per
    if cur is None and unit_word and unit_word.lower() in _CURRENCY_SIGNS:
        cur, unit_word = _CURRENCY_SIGNS[unit_word.lower()], None
    try:
        value = number(m.group(f"num{tag}"), dotted=cur is not None and not m.group(f"mult{tag}"))
    except (TypeError, ValueError):
        return None
    value *= _scale(m.group(f"mult{tag}"), money=cur is not None)
    if m.group(f"sign{tag}") in ("-", "\u2212"):  # "from -10 to 25" (NPS), "-5% -> 12%" (a margin); "+5" is 5
        value = -value
    return _Amount(value, canon_unit(unit_word), cur, period)


# A change between two levels in points (a score, NPS): its size is the difference, never a percentage.
_POINT_UNITS = frozenset(("pts", "points", "point", "pt", "pp", "bps", "bp"))
_SCORES = frozenset(("nps", "enps"))  # net promoter scores (-100 to 100): a change of one is never a percentage


def _pairs(text: str, *, strict: bool = False) -> Iterator[Reading]:
    matches = [*pattern("pair").finditer(text), *pattern("to_from").finditer(text)]
    for m in sorted(matches, key=lambda m: m.start()):
        tag = next(t for t in "fabt" if m.groupdict().get(f"num{t}") is not None)
        first, second = _read_amount(m, tag), _read_amount(m, "2")
        if first is None or second is None:
            continue
        (b, ub, cb, pb), (a, ua, ca, pa) = first, second
        if tag == "t" and ub and ua and not _one_dimension(ub, ua):
            continue  # "shipped to 3 customers from 2 offices": two counts, not a change
        if tag in "ab" and _AFTER_LEVEL.search(text, max(0, m.start() - 12), m.start()):
            continue  # "phase 2 shipped to 40 teams": a phase, not a change from 2 to 40
        # "by 20% to $1.2M", "cut by 200ms to 350ms", "grew 3x to 45 engineers": the first number is
        # the size of the change and the second the level after it, never a change from one to the other.
        by = _BY.search(text, max(0, m.start() - 24), m.start()) is not None
        if by and tag == "b" and ub is None and (ua == "%" or _is_times(m.group("unit2"))):
            continue  # "by 20 to 30%", "by 2 to 3x": a range of the change (50→30% −20 pts, 1→3), not a size and a level
        by_pct = ub == "%" and ua != "%"
        by_factor = tag != "t" and _is_times(m.group(f"unit{tag}")) and not _is_times(m.group("unit2"))
        if by or by_pct or by_factor:
            if ub not in (None, "%") and not by_factor and not (ua and _one_dimension(ub, ua)):
                continue  # "by 200 users to 40 ms": not a size of the change in the unit of the level
            if by_factor and b <= 1:
                continue  # "1x to 40", "0.5x to 40": no growth or cut that a multiple says (read alone)
            if by_pct or by_factor:
                ub = None
        if (
            tag == "b"
            and not strict
            and not by
            and not (ub and ua and _one_dimension(ub, ua))
            and not any(w.lower() in DOWN_WORDS | UP_WORDS for w in _words_before(text, m.start(), 4))
        ):
            # "3 to 5 engineers" is a range and "2 pilots to 40 teams" two counts; "cut build 10 to
            # 4 min" and "10 min to 4 min" are changes
            continue
        if pb and pa and pb != pa:
            if pb in PERIODS and pa in PERIODS:
                a = a * PERIODS[pa] / PERIODS[pb]  # "$10k/month to $100k/yr": both per month
            else:
                pb = pa = SPRINT  # no length to put the two in one period: refused with the reason
        cur, period = cb or ca, pb or pa
        unit: str | None
        if cur:
            unit, per_qual = _money_unit(cur, ua or ub or _qualifier_before(text, m.start()))
            period = per_qual or period
        elif not strict and not (ub or ua) and all(v == int(v) and 1900 <= v <= 2100 for v in (b, a)):
            continue  # from 2019 to 2021: years (unless given on purpose)
        else:
            unit = ub or ua
            if ub and ua and ub != ua and ub in SCALED and ua in SCALED and SCALED[ub][0] == SCALED[ua][0]:
                # Different units of one dimension: express both in the smaller one.
                unit = min((ub, ua), key=lambda u: SCALED[u][1])
                b = b * SCALED[ub][1] / SCALED[unit][1]
                a = a * SCALED[ua][1] / SCALED[unit][1]
            if unit in (None, "%"):
                period = None  # no unit to be per anything: "from 10k/mo to 8k" is 10,000 → 8,000
        start = m.start()
        if by or by_pct or by_factor:
            sign = direction(text, m.start(), window=10) or 1.0
            if by_pct and b * sign <= -100:
                continue  # nothing goes down by all of it or more: read (and refused) as a percentage
            if (by_pct or by_factor) and a == 0:
                continue  # "by 40% to 0 ms": no level before it gives 0 (read as the percentage)
            if by_factor:
                b = a / b if sign > 0 else a * b  # "grew 3x to 45": from 15; "cut 4x to $50k": from $200k
            else:
                b = a / (1 + b * sign / 100) if by_pct else a - b * sign
            if b < 0 <= a:
                continue
            found = _BY.search(text, max(0, m.start() - 24), m.start())
            start = found.start() if found else start
        b, a = tidy(b), tidy(a)
        if not _finite(b, a):
            continue
        end = _pair_end(m, ub) if tag == "t" else _pair_end(m, ua)
        if cur and period is None:
            period, end = _period(text, end)
        elif not cur and unit not in (None, "%"):
            period, end = _per(text, end, unit, b, a, period=period)  # "from 10 to 2 hours a week"
        if period is None and unit not in (None, "%") and unit not in SCALED:
            unit, end = per_thing(text, end, unit)  # "from $12 to $5 per deploy"
        pct = change_pct(b, a)
        if unit is None and not cur and any(w.lower() in _SCORES for w in _words_before(text, m.start(), 3)):
            unit = "pts"  # "raised NPS from 10 to 25": a score, in points, whether or not the words say so
        if unit is not None and unit.lower() in _POINT_UNITS:  # "NPS from 10 to 25 points": +15, not +150%
            unit, pct = ("bps" if unit.lower() in ("bps", "bp") else "pts"), None
        yield Reading("change", b, a, unit, pct, period, None, text[start:end].strip())


_BY = re.compile(r"\bby\s+(?:about\s+|roughly\s+|~)?$", re.IGNORECASE)  # just before a pair's first number


def _is_times(unit: str | None) -> bool:
    """Whether an amount's unit makes it a multiple: "3x", "3X"."""
    return unit is not None and unit.lower() == "x"


def _one_dimension(first: str, second: str) -> bool:
    """Whether two units measure the same thing: "min" and "min", "h" and "min", not "pilots" and "teams"."""
    a, b = canon_unit(first), canon_unit(second)
    return a == b or (a in SCALED and b in SCALED and SCALED[a][0] == SCALED[b][0])


def _pair_end(m: re.Match[str], unit: str | None) -> int:
    """Where the pair's words end: after its last amount's period, or its unit if it is one, else
    after its number (the last amount is the "from" one in "to $4M from $3M")."""
    t = "t" if "numt" in m.re.groupindex else "2"
    after_unit = ("peru", "advu", "unit", "parts") if unit else ()
    groups = [f"{g}{t}" for g in ("per", "adv", *after_unit, "mult", "num")]
    return max((m.end(g) for g in groups if m.group(g)), default=m.end())


def _qualifier_before(text: str, start: int) -> str | None:
    """A money noun written just before a change's numbers ("ARR" in "grew ARR from $3M to $4M")."""
    for word in reversed(_words_before(text, start, 3)):
        if word in MONEY_QUALIFIERS:
            return word
    return None


def points_without_a_way(text: str) -> str | None:
    """The words of a change in points that says neither a sign nor which way it went ("churn 12.25
    pts": up or down?), which the words are not read for; None when there is none."""
    for m in pattern("points").finditer(text):
        if not m.group("sign") and not direction(text, m.start(), m.group("word")):
            return text[m.start() : m.end("unit")].strip()
    return None


def _relative(text: str, *, strict: bool = False) -> Iterator[Reading]:
    for m in pattern("points").finditer(text):
        word = m.group("word")
        sign = {"+": 1.0, "-": -1.0, "−": -1.0}.get(m.group("sign") or "", 0.0) or direction(text, m.start(), word)
        if not sign and strict:
            sign = 1.0  # given on purpose without a sign or a word that says which way: "12.25 pts" is up
        if sign:
            words = [w for w in _words_before(text, m.start(), 3) if w.lower() not in STOP | DOWN_WORDS | UP_WORDS]
            label = words[-1] if words else None
            start = text.rfind(label, 0, m.start()) if label else m.start()
            value = number(m.group("num")) * sign
            end = m.end() if word and word.lower() in DOWN_WORDS | UP_WORDS else m.end("unit")
            unit = "bps" if m.group("bps") else "pts"  # basis points: hundredths of a point, kept as written
            yield Reading("points", None, value, unit, None, None, label, text[start:end].strip())
    by = pattern("by_pct").search(text)
    if by:
        pct = number(by.group("num")) * (direction(text, by.start(), window=10) or 1.0)
        yield Reading("percent", None, None, "%", pct, None, None, by.group(0).strip())
    for m in pattern("signed_pct").finditer(text):
        sign = 1.0 if m.group("sign") == "+" else -1.0
        yield Reading("percent", None, None, "%", number(m.group("num")) * sign, None, None, m.group(0).strip())
    for m in pattern("pct").finditer(text):
        # "12% fewer", "conversion up 12%": a percentage only counts with a direction.
        word = m.group("word")
        up_to = _UP_TO.search(text, max(0, m.start() - 8), m.start())  # "cut costs up to 40%": by as much as
        sign = direction(text, up_to.start() if up_to else m.start(), word, window=3)
        if not sign and _OVER_A_PERIOD.match(text, m.end("num") + 1):  # "grew weekly active users 25% MoM": a rate
            sign = direction(text, m.start(), word, window=6)
        to = not up_to and _TO.search(text, max(0, m.start() - 8), m.start())
        level = (to and direction(text, m.start(), window=6)) or _BELOW.search(text, max(0, m.start() - 16), m.start())
        if level and not up_to and not (word and word.lower() in DOWN_WORDS | UP_WORDS):
            # "raised availability to 99.99%", "cut the error rate to 0.1%": the level it reached, not a
            # change of that size ("+99.99%"); "kept churn under 2%", "error rate fell below 0.1%": the
            # level it stays under (read as a change, "fell below 2%" was −2%)
            value = number(m.group("num"))
            if math.isfinite(value):
                yield Reading(
                    "amount", None, tidy(value), "%", None, None, None, text[m.start() : m.end("num") + 1].strip()
                )
        elif sign:
            end = m.end() if word and word.lower() in DOWN_WORDS | UP_WORDS else m.end("num") + 1
            yield Reading(
                "percent", None, None, "%", number(m.group("num")) * sign, None, None, text[m.start() : end].strip()
            )
        elif strict or (_SHARE.match(text, m.start("word") if word else m.end()) and _done_before(text, m.start())):
            # A percentage given on purpose without a direction is a level reached ("uptime 99.95%",
            # "30% coverage"): an amount in percent, not a change. So is the share of a whole
            # ("automated 80% of release steps", "rolled out to 40% of users"), in any text: read as
            # nothing, such a title was counted "without a number".
            value = number(m.group("num"))
            if math.isfinite(value):
                yield Reading(
                    "amount", None, tidy(value), "%", None, None, None, text[m.start() : m.end("num") + 1].strip()
                )


_TO = re.compile(r"\bto\s+$", re.IGNORECASE)  # just before a percentage: the level reached
# just before a percentage or a latency: the level it stays under ("kept p99 under 200ms")
_BELOW = re.compile(r"\b(?:under|below|less\s+than)\s+$", re.IGNORECASE)
# just after a percentage: compared with the period before ("25% MoM", "15% year over year"), a change
_OVER_A_PERIOD = re.compile(
    r"\s*(?:(?-i:MoM|QoQ|YoY|WoW)|(?:month|quarter|year|week)[- ]on[- ](?:month|quarter|year|week)"
    r"|(?:month|quarter|year|week)[- ]over[- ](?:month|quarter|year|week))\b",
    re.IGNORECASE,
)
_UP_TO = re.compile(r"\bup\s+to\s+$", re.IGNORECASE)  # just before a percentage: as much as
# just after a percentage: the whole it is a share of ("80% of release steps")
_SHARE = re.compile(r"\s*of\s+(?:the\s+|our\s+|all\s+|its\s+|their\s+)?[A-Za-z]", re.IGNORECASE)
# Words that say a share was done ("automated 80% of", "rolled out to 40% of"); without one, a share
# is a detail of the story ("shipped behind a flag, 5% of traffic at a time"), not its number
_DONE = frozenset(
    "automated migrated moved covered converted resolved closed handled answered rolled shipped tested "
    "documented onboarded reached served replaced retired decommissioned upgraded adopted fixed triaged "
    "reviewed deployed containerized containerised consolidated standardized standardised".split()
)


def _done_before(text: str, start: int) -> bool:
    return any(word.lower() in _DONE for word in _words_before(text, start, 3))


def _pct_of_factor(factor: float, *, down: bool) -> float:
    """The change in percent a multiple means, to one decimal, or to as many as it takes not to
    become −100%: 0.0001× is −99.99%, never all of it."""
    pct = (1 / factor - 1) * 100 if down else (factor - 1) * 100
    places = 1
    while round(pct, places) <= -100 and places < 12:
        places += 1
    return round(pct, places)


def _factors(text: str) -> Iterator[Reading]:
    for m in pattern("factor").finditer(text):
        factor = number(m.group("num"))
        if not math.isfinite(factor):
            continue
        word = m.group("word")
        label = (
            word.lower() if word and (word.lower() in DOWN_WORDS | UP_WORDS or word.lower().endswith("er")) else None
        )
        if label in STOP - DOWN_WORDS - UP_WORDS:
            label = None
        down = m.group("sign") in ("-", "−") or direction(text, m.start(), word) < 0  # "3× −67%": a badge
        pct = None if factor <= 0 else _pct_of_factor(factor, down=down)
        end = m.end() if label else m.end("num") + 1
        yield Reading("multiple", None, factor, "x", pct, None, label, text[m.start() : end].strip())
    verb = pattern("verb_factor").search(text)
    words = re.split(r"[\s-]+", verb.group(1).lower()) if verb else []
    if verb and words[0] in ("in", "by"):
        # "cut p50 latency in half" is −50%, "grew the team by half" +50%, "cut escalations by two
        # thirds" −66.7%: only with a word saying which way ("split the team in half" is no change)
        share = _FRACTIONS.get(" ".join(words[1:]))  # none for "two quarters", "a thirds"
        sign = direction(text, verb.start())
        if share is not None and (sign < 0 or (sign > 0 and words[0] == "by")):
            yield Reading("percent", None, None, "%", share * sign, None, None, verb.group(0))
    elif verb:
        times, change = _VERB_FACTORS[verb.group(1).lower()]
        if isinstance(times, str):  # "halved": a change in percent
            yield Reading("percent", None, None, "%", change, None, None, verb.group(0))
        else:
            yield Reading("multiple", None, times, "x", change, None, None, verb.group(0))


def _money(text: str) -> Iterator[Reading]:
    for m in pattern("money").finditer(text):
        if text[max(0, m.start() - 1) : m.start()] in ("-", "\u2212"):
            continue  # "-$2M": a loss, not an amount saved or earned (read as $2M, its sign dropped)
        num, mult = (m.group("num"), m.group("mult")) if m.group("num") else (m.group("num2"), m.group("mult2"))
        cur = m.group("cur") or _CURRENCY_SIGNS[m.group("cur2").lower()]
        value = number(num, dotted=not mult) * _scale(mult, money=True)  # "$1.001M": a decimal point
        unit, period = _money_unit(cur, m.group("qual"))
        end = m.end()
        if period is None:
            period, end = _period(text, end)
        if period is None:
            unit, end = per_thing(text, end, unit)  # "$5 per deploy"
        if math.isfinite(value):
            yield Reading("amount", None, tidy(value), unit, None, period, None, text[m.start() : end].strip())


def _is_plural(word: str) -> bool:
    low = word.lower()
    return low in _IRREGULAR or (len(low) > 2 and low.endswith("s") and not low.endswith(("ss", "us", "is")))


# Just before a count: the part of it done, "3 of" (7 services), "45 out of" (50 incidents)
_OF_TOTAL = re.compile(
    rf"(?<![\w.,$€£#/:+\-−])(?P<part>{_INT})(?P<dec>{_DECIMAL})?(?P<mult>(?-i:k|K|M|bn))?\s+(?:out\s+)?of\s+(?:the\s+)?$",
    re.IGNORECASE,
)


# A rate too short to be a period (PERIODS): "50k requests/sec", "3 pages an hour"; kept in the unit
# ("requests/s"): read without it, a throughput was shown as a total ("200 requests per second" keeps
# its words, as any count per a thing: per_thing)
_SHORT_RATES = {
    **dict.fromkeys(("s", "sec", "second"), "s"),
    **dict.fromkeys(("min", "minute"), "min"),
    **dict.fromkeys(("h", "hr", "hour"), "h"),
}
_SHORT_RATE = re.compile(
    r"\s*/\s*(s|sec|second|min|minute|h|hr|hour)\b|\s+(?:a|an|each|every)\s+(second|sec|minute|min|hour|hr)\b",
    re.IGNORECASE,
)


def _counts(text: str, *, strict: bool = False) -> Iterator[Reading]:
    for m in pattern("count").finditer(text):
        if _AFTER_LEVEL.search(text, max(0, m.start() - 12), m.start()):
            continue  # "sev 1 incident": the severity, not one incident
        value = number(m.group("num") + (m.group("dec") or ""))
        if m.group("mult"):
            value = tidy(
                value * _MULTIPLIERS[m.group("mult").strip().lower() if " " in m.group("mult") else m.group("mult")]
            )
        elif not strict and m.group("num").isdigit() and 1900 <= value <= 2100:
            continue  # a year (in a metric given on purpose, "2000 customers" is a count)
        words = m.group("words").split()
        noun: list[str] = []
        for word in words:
            low = word.lower()
            if low in STOP or low in _NOT_NOUNS or canon_unit(word) in SCALED or low in _CURRENCY_SIGNS:
                break
            if "-" in low and re.fullmatch(_TIME_PLURALS, low.rpartition("-")[2]):
                break  # "3 engineer-hours": a duration (read below)
            noun.append(word)
            if _is_plural(word) or value == 1:
                break
        else:
            noun = []  # no plural noun within four words
        if not noun or not (_is_plural(noun[-1]) or value == 1):
            continue
        rest = words[len(noun) : len(noun) + 1]
        if rest and canon_unit(rest[0]) in TIME_UNITS:
            continue  # "1 engineering hour": a duration (read below), not one engineering
        if rest and len(rest[0]) > 3 and rest[0].lower().endswith("ed") and rest[0].lower() not in STOP:
            noun.append(rest[0])  # "7 engineers hired"
        phrase = " ".join(noun)
        end = m.start("words") + m.group("words").find(noun[-1]) + len(noun[-1])
        start = m.start()
        part = _OF_TOTAL.search(text, max(0, start - 32), start)
        if part is not None:  # "3 of 7 services": three (of seven), not seven
            done = tidy(number(part.group("part") + (part.group("dec") or "")) * _MULTIPLIERS.get(part["mult"], 1))
            whole = f"of {text[start : m.start('words')].strip()} {phrase}"
            if done > value or len(whole) > UNIT_MAX:
                continue  # "12 of 10 tickets": not a count to show
            start, value, phrase = part.start(), done, whole
        period, end = _per(text, end, phrase, value)  # "3 releases a week"
        if period is None and (rate := _SHORT_RATE.match(text, end)) is not None:  # "50k requests/sec"
            phrase, end = f"{phrase}/{_SHORT_RATES[(rate[1] or rate[2]).lower()]}", rate.end()
        elif period is None:
            phrase, end = per_thing(text, end, phrase)  # "40 tickets per engineer"
        yield Reading("count", None, value, phrase, None, period, None, text[start:end].strip())


def _durations(text: str, *, strict: bool) -> Iterator[Reading]:
    for m in pattern("duration").finditer(text):
        word = m.group("word")
        if word and (word.lower() in STOP or word.lower() in _NOT_NOUNS or canon_unit(word) in SCALED):
            continue  # "3 to hours", "2 hours minutes": not a word that says which hours
        parts = m.group("parts")
        whole = compound_duration(m.group("num") + m.group("unit") + parts) if parts else None
        value, unit = whole or (number(m.group("num")), canon_unit(m.group("unit")))
        if unit not in _DURATION_UNITS and unit in TIME_UNITS and not strict:
            # A latency ("p99 300ms") is a measurement, read only as the size of a change ("cut p99 by
            # 120ms") or a level kept under ("kept p99 under 200ms")
            by = _BY.search(text, max(0, m.start() - 16), m.start())
            if not ((by and direction(text, by.start())) or _BELOW.search(text, max(0, m.start() - 16), m.start())):
                continue
        if not strict and _FROM_TO.search(text, max(0, m.start() - 40), m.start()):
            continue  # "from an hour to 15 minutes", "from 1h30 to 20 min": the level after a change whose
            # before could not be read, not how long something took (it read "15 minutes")
        if unit in TIME_UNITS and math.isfinite(value):
            elapsed = _ELAPSED.search(text, max(0, m.start() - 8), m.start())
            period, end = (None, m.end()) if elapsed else _per(text, m.end(), unit, value)  # "5 hours a week"
            yield Reading("duration", None, tidy(value), unit, None, period, None, text[m.start() : end].strip())


# What a reader's numbers cannot be without: a change needs "to" or an arrow, a percentage or points
# their sign or word. Looked for first, they spare most texts the readers' long patterns (an import
# reads every entry's words again: core/data/import_metrics.py).
_HINTS = {
    "pair": re.compile(r"(?i:\bto\b)|→|⟶|->|=>|—>|–>"),
    "relative": re.compile(r"%|(?i:percent|per cent|point|pts|pp|bps)"),
    "digit": re.compile(r"\d"),
}


def readings(text: str, *, strict: bool = False) -> Iterator[Reading]:
    """Every number read in ``text``, best first. ``strict`` (a metric given on purpose)
    also reads "300 ms" as a duration."""
    if not text or not _HINTS["digit"].search(text) and not pattern("verb_factor").search(text):
        return
    text = text[:20_000]  # a body can be long; metrics sit near the top
    if _HINTS["pair"].search(text):
        yield from _pairs(text, strict=strict)
    if _HINTS["relative"].search(text):
        yield from _relative(text, strict=strict)
    for reader in (_factors, _money):
        yield from reader(text)
    yield from _counts(text, strict=strict)
    yield from _durations(text, strict=strict)
