"""The metric parser as it was before schema step m008 (kept for that step only).

m008_metrics asks one question of each stored metric: is it what this parser
read from the entry's title or body? If so it was made by the parser and is
read again by today's parser; if not, the user set it by hand and it is kept.
A migration never changes once released, so this copy does not either: do not
fix or improve it (core/journal/metrics.py is the parser in use).
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Metric:
    """A metric as the first schema stored it."""

    before: float | None = None
    after: float | None = None
    unit: str | None = None
    change_pct: float | None = None
    source: str = field(default="", compare=False)


# --- units -----------------------------------------------------------------

# Dimensions whose units convert into each other: unit -> (dimension, size in the base unit).
_SCALED: dict[str, tuple[str, float]] = {
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
    "nanosecond": "ns",
    "nanoseconds": "ns",
    "μs": "µs",
    "microsecond": "µs",
    "microseconds": "µs",
    "msec": "ms",
    "msecs": "ms",
    "millisecond": "ms",
    "milliseconds": "ms",
    "sec": "s",
    "secs": "s",
    "second": "s",
    "seconds": "s",
    "m": "min",
    "mins": "min",
    "minute": "min",
    "minutes": "min",
    "hr": "h",
    "hrs": "h",
    "hour": "h",
    "hours": "h",
    "day": "d",
    "days": "d",
    "wks": "wk",
    "week": "wk",
    "weeks": "wk",
    "month": "mo",
    "months": "mo",
    "year": "yr",
    "years": "yr",
    "yrs": "yr",
    "percent": "%",
    "per cent": "%",
    "pct": "%",
    "kb": "KB",
    "mb": "MB",
    "gb": "GB",
    "tb": "TB",
    "kib": "KiB",
    "mib": "MiB",
    "gib": "GiB",
    "tib": "TiB",
    "bytes": "B",
    "byte": "B",
}
_CURRENCY_SIGNS = {"$": "$", "€": "€", "£": "£", "usd": "$", "dollars": "$", "eur": "€", "euros": "€", "gbp": "£"}
_MONEY_QUALIFIERS = {"arr", "mrr", "acv", "tcv", "gmv"}
_MULTIPLIERS = {"k": 1e3, "K": 1e3, "M": 1e6, "bn": 1e9, "thousand": 1e3, "million": 1e6, "billion": 1e9}
# Words that follow a number without being its unit.
_NOT_UNITS = {
    "to",
    "from",
    "in",
    "on",
    "at",
    "a",
    "an",
    "the",
    "and",
    "or",
    "per",
    "of",
    "by",
    "for",
    "with",
    "into",
    "than",
    "over",
    "under",
    "across",
    "down",
    "up",
    "after",
    "before",
    "when",
    "while",
    "times",
    "x",
    "faster",
    "slower",
    "more",
    "less",
    "fewer",
    "lower",
    "higher",
}

_NUM = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+"
_MULT = r"(?-i:k|K|M|bn)|thousand|million|billion"
_UNIT = r"%|µs|μs|[A-Za-z][A-Za-z/]{0,19}"


def _amount(tag: str) -> str:
    """A regex for one amount, its groups named <name><tag>."""
    return (
        rf"(?P<cur{tag}>[$€£])?\s?(?P<num{tag}>{_NUM})(?:\s?(?P<mult{tag}>{_MULT})(?![A-Za-z]))?"
        rf"(?:\s?(?P<unit{tag}>{_UNIT}))?"
    )


_ARROW = r"(?:→|⟶|->|-->|=>|—>|–>)"
# Compiled on first use, not at import: a command that never parses a metric
# (`ctotui search`, `ctotui list`) does not pay for them (~40M instructions).
_PATTERNS: dict[str, str] = {
    "pair": rf"(?<![\w.])(?:from\s+{_amount('f')}(?:\s+[A-Za-z]+){{0,3}}?\s+(?:down\s+|up\s+|all the way\s+)?to\s+"
    rf"|{_amount('a')}\s*{_ARROW}\s*){_amount('2')}",
    "by_pct": rf"\bby\s+(?:about\s+|roughly\s+|~)?(?P<num>{_NUM})\s?(?:%|percent\b|per cent\b)",
    "pct": rf"(?<![\w.])(?P<num>{_NUM})\s?(?:%|percent\b)(?:\s+(?P<word>[A-Za-z]+))?",
    "factor": rf"(?<![\w.])(?P<num>{_NUM})\s?[x×](?![\w])(?:\s+(?P<word>[A-Za-z]+))?",
    "verb_factor": r"\b(halved|doubled|tripled|quadrupled)\b",
    "money": rf"(?<![\w.])(?<!\d )(?:(?P<cur>[$€£])\s?(?P<num>{_NUM})(?:\s?(?P<mult>{_MULT}|m|b)(?![A-Za-z]))?"
    rf"|(?P<num2>{_NUM})(?:\s?(?P<mult2>{_MULT}|m|b)(?![A-Za-z]))?\s?(?P<cur2>usd|eur|gbp|dollars|euros)\b)"
    rf"(?:\s+(?P<qual>arr|mrr|acv|tcv|gmv)\b)?",
}


@functools.cache
def _re(name: str) -> re.Pattern[str]:
    return re.compile(_PATTERNS[name], re.IGNORECASE)


_DOWN_WORDS = {
    "reduce",
    "reduced",
    "reducing",
    "cut",
    "cutting",
    "lower",
    "lowered",
    "lowering",
    "decrease",
    "decreased",
    "drop",
    "dropped",
    "shrank",
    "shrunk",
    "shrink",
    "trimmed",
    "trim",
    "slashed",
    "slash",
    "less",
    "fewer",
    "down",
    "smaller",
    "cheaper",
    "shorter",
    "saved",
    "saving",
    "eliminated",
    "halved",
    "lost",
    "fell",
}
_UP_WORDS = {
    "increase",
    "increased",
    "grew",
    "grow",
    "growing",
    "raised",
    "raise",
    "boosted",
    "boost",
    "improved",
    "improve",
    "up",
    "more",
    "higher",
    "faster",
    "bigger",
    "greater",
    "lifted",
    "better",
    "gained",
    "rose",
}
_VERB_FACTORS = {"halved": -50.0, "doubled": 100.0, "tripled": 200.0, "quadrupled": 300.0}


def _number(text: str) -> float:
    return float(text.replace(",", ""))


def _canon_unit(raw: str | None) -> str | None:
    """The canonical spelling of a unit, or None for a word that is not one."""
    if not raw:
        return None
    raw = raw.strip().rstrip("/")
    if not raw or raw.lower() in _NOT_UNITS:
        return None
    if raw in _SCALED or raw == "%":
        return raw
    low = raw.lower()
    if low in _ALIASES:
        return _ALIASES[low]
    if low in _SCALED:
        return low
    return raw if raw.isupper() else low  # free units: "incidents", "req/s", "QPS"


def _read_amount(m: re.Match[str], tag: str) -> tuple[float, str | None, str | None] | None:
    """(value, unit, currency) of one amount in a pair match, or None if it is not a number."""
    try:
        value = _number(m.group(f"num{tag}"))
    except (TypeError, ValueError):
        return None
    mult = m.group(f"mult{tag}")
    if mult:
        value *= _MULTIPLIERS.get(mult, _MULTIPLIERS.get(mult.lower(), 1.0))
    cur = m.group(f"cur{tag}")
    unit_word = m.group(f"unit{tag}")
    if cur is None and unit_word and unit_word.lower() in _CURRENCY_SIGNS:
        cur, unit_word = _CURRENCY_SIGNS[unit_word.lower()], None
    return value, _canon_unit(unit_word), cur


def _change(before: float | None, after: float | None) -> float | None:
    if before is None or after is None or before == 0:
        return None
    pct = (after - before) / abs(before) * 100.0
    return round(pct, 1) if math.isfinite(pct) else None


def _finite(*values: float | None) -> bool:
    return all(v is None or math.isfinite(v) for v in values)


def _parse_pair(text: str) -> Metric | None:
    for m in _re("pair").finditer(text):
        first = _read_amount(m, "f" if m.group("numf") else "a")
        second = _read_amount(m, "2")
        if first is None or second is None:
            continue
        (b, ub, cb), (a, ua, ca) = first, second
        cur = cb or ca
        if cur:
            qual = ua or ub
            unit: str | None = f"{cur} {qual.upper()}" if qual and qual.lower() in _MONEY_QUALIFIERS else cur
        elif ub is None and ua is None and _looks_like_years(b, a):
            continue
        else:
            unit = ub or ua
            if ub and ua and ub != ua and ub in _SCALED and ua in _SCALED and _SCALED[ub][0] == _SCALED[ua][0]:
                # Different units of one dimension: express both in the smaller one.
                unit = min((ub, ua), key=lambda u: _SCALED[u][1])
                b = b * _SCALED[ub][1] / _SCALED[unit][1]
                a = a * _SCALED[ua][1] / _SCALED[unit][1]
        b, a = _tidy(b), _tidy(a)
        if not _finite(b, a):
            continue
        return Metric(b, a, unit, _change(b, a), text[m.start() : _pair_end(m, ua)].strip())
    return None


def _pair_end(m: re.Match[str], unit: str | None) -> int:
    """Where the pair's words end: after the second unit if it is one, else after the number."""
    for group in (("unit2",) if unit else ()) + ("mult2", "num2"):
        if m.group(group):
            return m.end(group)
    return m.end()


def _looks_like_years(before: float, after: float) -> bool:
    return all(v == int(v) and 1900 <= v <= 2100 for v in (before, after))


def _tidy(value: float) -> float:
    """Round away binary noise from unit conversion (1.2 s * 1000 = 1200, not 1199.9999)."""
    return float(f"{value:.10g}") if math.isfinite(value) else value


def _direction(text: str, start: int, after_word: str | None = None, window: int = 6) -> float:
    """-1 if the words around a change say it went down, +1 if up, 0 if they do not say."""
    if after_word:
        low = after_word.lower()
        if low in _DOWN_WORDS:
            return -1.0
        if low in _UP_WORDS:
            return 1.0
    words = re.findall(r"[A-Za-z]+", text[max(0, start - 80) : start].lower())[-window:]
    for word in reversed(words):
        if word in _DOWN_WORDS:
            return -1.0
        if word in _UP_WORDS:
            return 1.0
    return 0.0


def _parse_relative(text: str) -> Metric | None:
    m = _re("by_pct").search(text)
    if m:
        pct = _number(m.group("num")) * (_direction(text, m.start()) or 1.0)
        return Metric(None, None, "%", pct, m.group(0).strip())
    for m in _re("pct").finditer(text):
        # "12% fewer", "conversion up 12%": a percentage only counts with a direction.
        sign = _direction(text, m.start(), m.group("word"), window=3)
        if sign:
            end = (
                m.end() if m.group("word") and m.group("word").lower() in _DOWN_WORDS | _UP_WORDS else m.end("num") + 1
            )
            return Metric(None, None, "%", _number(m.group("num")) * sign, text[m.start() : end].strip())
    return None


def _parse_factor(text: str) -> Metric | None:
    m = _re("factor").search(text)
    if m:
        factor = _number(m.group("num"))
        if factor <= 0 or not math.isfinite(factor):
            return None
        down = _direction(text, m.start(), m.group("word")) < 0
        pct = (1 / factor - 1) * 100 if down else (factor - 1) * 100
        return Metric(None, factor, "x", round(pct, 1), m.group(0).strip())
    m = _re("verb_factor").search(text)
    if m:
        return Metric(None, None, "%", _VERB_FACTORS[m.group(1).lower()], m.group(0))
    return None


def _parse_money(text: str) -> Metric | None:
    for m in _re("money").finditer(text):
        num, mult = (m.group("num"), m.group("mult")) if m.group("num") else (m.group("num2"), m.group("mult2"))
        cur = m.group("cur") or _CURRENCY_SIGNS[m.group("cur2").lower()]
        value = _number(num)
        if mult:
            value *= {"m": 1e6, "b": 1e9}.get(mult.lower(), _MULTIPLIERS.get(mult, _MULTIPLIERS.get(mult.lower(), 1)))
        qual = m.group("qual")
        unit = f"{cur} {qual.upper()}" if qual else cur
        if math.isfinite(value):
            return Metric(None, _tidy(value), unit, None, m.group(0).strip())
    return None


def parse_metric(text: str) -> Metric | None:
    """The metric in ``text``, or None. Never raises."""
    if not text or not any(ch.isdigit() for ch in text) and not _re("verb_factor").search(text):
        return None
    text = text[:20_000]  # a body can be long; metrics sit near the top
    for parser in (_parse_pair, _parse_relative, _parse_factor, _parse_money):
        found = parser(text)
        if found is not None:
            return found
    return None
