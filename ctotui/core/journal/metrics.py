"""The number an achievement carries, read from what the user writes.

A ``Metric`` has a kind:

- ``change``: before → after with its % change ("from 45 to 7 min", "cut build 10 to 4 min",
  "$40k → $25k a month");
- ``amount``: money, with its period when given ("$12k/month" is per month, "$250k ARR" per year);
- ``count``: a number of things, with its noun ("3 teams", "12 new hires", "7 engineers hired"),
  with its period when given ("3 releases a day");
- ``duration``: how long it took ("in 6 weeks"), or time per period ("saved 5 hours a week": 5 h
  per "wk", shown "5 hours/wk" as money's "$12k/mo");
- ``multiple``: "2x faster";
- ``percent``: a change by percent ("by 30%", "12% fewer"); ``points``: by points ("churn down 3 points",
  "12.25 pts", "-25 bps").

``parse_metric(text)`` reads the best number in a title or body and never raises;
a reading that cannot be true (a reduction of more than 100 %, a negative
duration) is passed over. ``read_metric(text)`` reads a metric given on purpose
(``--metric``, the form's metric field) and raises CtoError with the reason when
it cannot. ``format_metric`` gives the badge ("45→7 min −84%", "$12k/mo",
"3 teams"; between two percentages the change in points: "99.9→99.99% +0.09 pts");
``metric_text`` gives text that reads back to the same metric.
The parser itself is core/journal/metric_parse.py; ranking is core/journal/metric_rank.py.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from ctotui.core.errors import CtoError
from ctotui.core.journal.metric_parse import (
    MONEY_QUALIFIERS,
    PERIODS,
    SCALED,
    TIME_UNITS,
    Reading,
    points_without_a_way,
    readings,
    tidy,
)
from ctotui.core.journal.metric_parse import change_pct as _change_pct
from ctotui.core.plural import noun
from ctotui.core.terms import METRIC_KINDS

MINUS = "\u2212"  # the badge uses a real minus sign
KINDS = METRIC_KINDS
CURRENCIES = ("$", "€", "£")
EXAMPLES = '"45 -> 7 min", "by 30%", "$12k/month", "$250k ARR", "3 teams", "in 6 weeks", "2x faster", "churn -3 pts"'
_SIGNED = re.compile(r"(?<![\w.])[-\u2212]\s?(?=\d)")  # a minus sign before a number
# A metric that starts with a minus, or whose "after" has one ("5 -> -2 days").
_NEGATIVE = re.compile(r"^[-\u2212]\s?\d|(?:\bto|→|->|=>)\s*[-\u2212]\s?\d")
# A multiple's badge without a word ("2× +100%", "0.5× −50%"): the factor, then the change it makes.
_MULTIPLE_BADGE = re.compile(r"(?P<factor>\d[\d.,]*\s?[x×])\s(?P<pct>[+\u2212-]\d[\d.,]*%)")
_SCIENTIFIC = re.compile(r"(?<![\w.])\d+(?:[.,]\d+)?[eE][+\-\u2212]?\d")  # "1e308", "2.5E-3"
_SPELLED = {"min": "minute", "h": "hour", "d": "day", "wk": "week", "mo": "month", "yr": "year"}
POINTS = ("pts", "points", "bps")  # the units of a change in points ("bps": basis points, as written)
_NUMBER = re.compile(r"[-+\u2212]?\d+(?:[.,']\d+)*")  # a number as written, to name it when it cannot be read


@dataclass(frozen=True)
class Metric:
    before: float | None = None
    after: float | None = None  # the value of an amount, count, duration, multiple or points
    unit: str | None = None  # "min", "$", "$ ARR", the noun of a count ("teams"), "x", "%", "pts", "bps"
    change_pct: float | None = None
    source: str = field(default="", compare=False)  # the words it was read from, for the form to show
    kind: str = ""  # one of KINDS; worked out from the values when not given
    period: str | None = None  # money, time or a count per d, wk, mo, qtr or yr ("5 hours a week")
    label: str | None = None  # the word of a multiple ("faster"), the subject of points ("churn")

    def __post_init__(self) -> None:
        if not self.kind:
            # Frozen: the documented way to set a derived field is object.__setattr__.
            object.__setattr__(self, "kind", infer_kind(self.before, self.after, self.unit, self.change_pct))
        if self.period is None and self.kind in ("amount", "change") and money_unit(self.unit):
            object.__setattr__(self, "period", MONEY_QUALIFIERS.get((self.unit or "")[1:].strip()))

    @property
    def empty(self) -> bool:
        return self.before is None and self.after is None and self.change_pct is None

    @property
    def badge(self) -> str:
        return format_metric(self)


def money_unit(unit: str | None) -> bool:
    return bool(unit and unit[0] in CURRENCIES)


def time_unit(unit: str | None) -> bool:
    return unit in TIME_UNITS


def infer_kind(before: float | None, after: float | None, unit: str | None, pct: float | None) -> str:
    """The kind of a metric stored before kinds existed (or given without one)."""
    if unit == "x":
        return "multiple"
    if before is not None:
        return "change"
    if after is not None:
        if money_unit(unit) or unit == "%":
            return "amount"
        if unit in POINTS:
            return "points"
        return "duration" if time_unit(unit) else "count"
    return "percent"


def _from(r: Reading) -> Metric:
    return Metric(r.before, r.after, r.unit, r.change_pct, r.source, r.kind, r.period, r.label)


def problem(m: Metric) -> str | None:
    """Why ``m`` cannot be true, or None."""
    values = (m.before, m.after, m.change_pct)
    if not all(v is None or math.isfinite(v) for v in values):
        return "the number is too large"
    if m.kind == "multiple" and (m.after is None or m.after <= 0):
        return "a multiple must be more than 0 (2x, 0.5x)"
    negative = any(v is not None and v < 0 for v in (m.before, m.after))
    if negative and (m.kind == "duration" or time_unit(m.unit)):
        return "a duration cannot be negative"
    if negative and m.kind == "count":
        return "a count cannot be negative"
    if negative and m.kind in ("amount", "change") and money_unit(m.unit):
        return "an amount of money cannot be negative here: say what was saved or earned"
    if m.change_pct is not None and m.change_pct < -100:
        return f"a reduction of {-m.change_pct:g}% is not possible: nothing goes down by more than 100%"
    if m.period is not None and m.period not in PERIODS:
        return f"a {m.period} is no set length of time: give the number per week or per month, as in 5 h/week"
    return None


def parse_metric(text: str) -> Metric | None:
    """The best possible metric in ``text``, or None. Never raises."""
    for r in readings(text):
        m = _from(r)
        if problem(m) is None:
            return m
    return None


def metric_problem(text: str) -> str | None:
    """Why a number in ``text`` was passed over ("reduced by 150%"), or None.

    Only a number read before the one chosen counts: "by 150%, 3 teams" reads
    "3 teams" and still says why the 150% was not read. Words with no number read at all
    may still hold points that do not say which way they went ("churn 12.25 pts").
    """
    for r in readings(text):
        reason = problem(_from(r))
        if reason is None:
            return None
        return f"“{r.source}” was not read: {reason}"
    unsure = points_without_a_way(text)
    if unsure:
        return f"“{unsure}” was not read: say which way it went, as in “up {unsure}” or “-{unsure}”"
    return None


def read_metric(text: str) -> Metric:
    """A metric given on purpose (``--metric``, the form's field). CtoError says why not."""
    text = " ".join((text or "").split())
    if not text:
        raise CtoError(f"the metric is empty: write one such as {EXAMPLES}")
    if _SCIENTIFIC.search(text):
        raise CtoError("the metric has a number in scientific notation (1e6): write it out, as 1000000 or 1M")
    if any(not math.isfinite(float(digits)) for digits in re.findall(r"\d+", text)):
        raise CtoError("the metric cannot be right: the number is too large")
    found = next(readings(text, strict=True), None)
    if (badge := _MULTIPLE_BADGE.fullmatch(text)) is not None:
        # as the badge shows a multiple: read the factor, with the change it makes itself ("2× +100%"
        # read as an amount of 100% before); "2× +50%" says two changes, and which one is meant is not
        # ours to guess (it was read as an amount of 50%: the 2× and the sign lost)
        factor = next(readings(badge.group("factor"), strict=True), None)
        own = factor.change_pct if factor is not None and factor.kind == "multiple" else None
        if own is not None and format_pct(own) == badge.group("pct"):
            found = factor
        elif own is not None:
            factor_text, pct = badge.group("factor").strip(), badge.group("pct")
            raise CtoError(
                f"the metric {text!r} says two changes: {factor_text} is {format_pct(own)}, not {pct}; "
                f"give one of them (“{factor_text}” or “{pct}”)"
            )
    m = _from(found) if found else None
    if _NEGATIVE.search(text) and (found is None or found.kind not in ("percent", "points", "change")):
        # (a change reads its own signs: "-10 -> 25", "5 -> -2 days")
        # The readers take no minus sign ("-3 days" is not a count of days in a
        # title): read the number without it, then put it back.
        unsigned = next(readings(_SIGNED.sub("", text), strict=True), None)
        if unsigned and unsigned.kind in ("amount", "count", "duration", "change") and unsigned.after is not None:
            after = -unsigned.after
            m = _from(unsigned._replace(after=after, change_pct=_change_pct(unsigned.before, after)))
    if m is None:
        shown = _NUMBER.search(text)
        if shown is None:
            raise CtoError(f"no number to read in the metric {text!r}: write one such as {EXAMPLES}")
        raise CtoError(
            f"cannot read the metric {text!r}: nothing after {shown.group()} says what it measures "
            f"(a unit, or what it counts in the plural); write one such as {EXAMPLES}"
        )
    reason = problem(m)
    if reason:
        raise CtoError(f"the metric {text!r} cannot be right: {reason}")
    return m


def change_pct(before: float | None, after: float | None) -> float | None:
    """The percentage change from before to after (None when it has no meaning)."""
    return _change_pct(before, after)


# --- showing ---------------------------------------------------------------


def _fixed(value: float, digits: int, places: int = 0) -> str:
    """``value`` to ``digits`` significant digits (and at least ``places`` decimals), without an
    exponent ("1,234", "0.0123"), and with more when rounding would carry it up to a power of ten:
    99.96 is "99.96", never "100"; 0.9996 never "1". Trailing zeros go."""
    if not value:
        return "0"
    size = math.floor(math.log10(abs(value)))
    if not -6 <= size < 15:
        return f"{value:.{digits}g}"  # 1e-09, 1e+20: too many zeros to read
    places = max(places, digits - 1 - size)
    while places < 15 and math.floor(math.log10(abs(round(value, places)))) > size:
        places += 1
    shown = f"{value:,.{places}f}"
    return shown.rstrip("0").rstrip(".") if "." in shown else shown


def format_number(value: float, *, compact: bool = False, digits: int = 3, places: int = 0) -> str:
    """45 -> "45", 1.25 -> "1.25", 1200 -> "1,200", 99.99 -> "99.99"; compact: 120000 -> "120k".

    A whole number is shown whole, and so is a short one as written (``as_written``: 12.25, 1.125);
    any other to ``digits`` significant digits (at least ``places`` decimals), or more where fewer
    would round it up to a power of ten (99.96 is never "100")."""
    if not math.isfinite(value):
        return str(value)
    if compact:
        for size, suffix in ((1e9, "bn"), (1e6, "M"), (1e3, "k")):
            if abs(value) >= size:
                short = _fixed(value / size, digits, places)
                for tried in (short, _fixed(value / size, WRITTEN_DIGITS, places)) if size >= 1e6 else (short,):
                    if math.isclose(float(tried.replace(",", "")) * size, value, rel_tol=1e-12):
                        return tried + suffix  # "$250k", "$1.2M", "$1.001M": shorter, and nothing lost
                return as_written(value) or short + suffix  # "$12,345" as written; a long one rounded
    if value == int(value) and abs(value) < 1e15:
        return f"{int(value):,}"
    return as_written(value) or _fixed(value, digits, places)


WRITTEN_DIGITS = 5  # a number of at most this many significant digits is shown whole ("48.25", "1,234.5")


def as_written(value: float) -> str | None:
    """``value`` whole when it is a short number, as a user writes one ("12.25", "1.125", "0.0001"),
    with thousands grouped; None for a long one (a number worked out: 142.857142…), which is
    rounded instead. Rounding a number the user wrote showed "NPS +12.2 pts" for 12.25."""
    written = f"{abs(value):.15g}"
    if "e" in written:
        return None
    significant = written.replace(".", "").strip("0")  # 1,001,000 has four: 1001
    decimals = len(written.partition(".")[2])
    if len(significant) > WRITTEN_DIGITS:
        return None
    return f"{value:,.{decimals}f}"


def _decimals(shown: str) -> int:
    found = re.search(r"\.(\d+)", shown)
    return len(found.group(1)) if found else 0


def format_pct(pct: float, *, given: bool = False) -> str:
    """+84%, −7.5%, +0.05%, −99.6% (never −100% for less than the whole): a change worked out,
    to two significant digits. ``given``: a percentage the user wrote ("by 12.5%"), shown as
    written (+12.5%, not +12%)."""
    sign = MINUS if pct < 0 else "+"
    if given and "e" not in (written := f"{abs(pct):.15g}"):
        return f"{sign}{written}%"
    shown = f"{abs(pct):.0f}" if pct == int(pct) else _fixed(abs(pct), 2).replace(",", "")
    return f"{sign}{shown}%"


def _signed(value: float, shown: str) -> str:
    return (MINUS if value < 0 else "+") + shown


def _duration_unit(value: float, unit: str | None) -> str:
    word = _SPELLED.get(unit or "")
    if word is None:
        return unit or ""
    return noun(abs(value), word)


def _per(m: Metric) -> str:
    """What follows a number of time or things kept with its period: "/wk" ("5 hours/wk", as money's "$12k/mo")."""
    return f"/{m.period}" if m.period and not money_unit(m.unit) else ""


def _points_unit(m: Metric) -> str:
    return "bps" if m.unit == "bps" else "pts"


def _money_parts(unit: str | None, period: str | None) -> tuple[str, str]:
    """("$", " ARR") or ("$", "/mo"): the sign before the number and what follows it."""
    cur, qual = (unit or "")[:1], (unit or "")[1:].strip()
    if qual:
        return cur, f" {qual}"
    return cur, f"/{period}" if period else ""


def format_metric(
    metric: Metric | float | None,
    after: float | None = None,
    unit: str | None = None,
    change: float | None = None,
) -> str:
    """The badge ("45→7 min −84%", "$12k/mo", "$250k ARR", "3 teams", "6 weeks", "2× faster",
    "−30%", "churn −3 pts"); "" when empty. Takes a Metric, or (before, after, unit, change)."""
    m = metric if isinstance(metric, Metric) else Metric(metric, after, unit, change)
    if m.empty:
        return ""
    if m.kind == "multiple" and m.after is not None:
        tail = f" {m.label}" if m.label else (f" {format_pct(m.change_pct)}" if m.change_pct is not None else "")
        return f"{format_number(m.after)}×{tail}"
    if m.kind == "points" and m.after is not None:
        shown = _signed(m.after, f"{format_number(abs(m.after))} {_points_unit(m)}")
        return f"{m.label} {shown}" if m.label else shown
    if m.kind in ("count", "duration") and m.after is not None and m.before is None:
        noun = _duration_unit(m.after, m.unit) if m.kind == "duration" else m.unit
        return f"{format_number(m.after, compact=abs(m.after) >= 100_000)} {noun or ''}".strip() + _per(m)
    money = money_unit(m.unit)
    cur, tail = _money_parts(m.unit, m.period) if money else ("", "")
    rest = "" if money else (m.unit or "")

    # both levels of a change written alike where that loses nothing: "200k→50k", not "200k→50,000"
    big = any(v is not None and abs(v) >= 100_000 for v in (m.before, m.after))

    def amount(v: float, digits: int = 3, places: int = 0) -> str:
        compact = money or abs(v) >= 100_000 or (big and abs(v) >= 1000 and v % 1000 == 0)
        shown = format_number(abs(v), compact=compact, digits=digits, places=places)
        return (MINUS if v < 0 else "") + cur + shown  # "−10→25": a real minus sign, as the changes have

    parts: list[str] = []
    if m.before is not None and m.after is not None:
        digits = 3
        while digits < 15 and m.before != m.after and amount(m.before, digits) == amount(m.after, digits):
            digits += 1  # two different values never look the same: 99.95 → 99.999, not 100 → 100
        places = max(_decimals(amount(m.before, digits)), _decimals(amount(m.after, digits)))
        parts.append(f"{amount(m.before, digits, places)}→{amount(m.after, digits, places)}{tail}")
    elif m.after is not None:
        parts.append(amount(m.after) + tail)
    elif m.before is not None:
        parts.append(f"{amount(m.before)}→?")
    if parts and rest:
        parts[-1] += rest if rest == "%" else f" {rest}"
    if parts:
        parts[-1] += _per(m)  # "10→2 h/wk"
    if rest == "%" and m.before is not None and m.after is not None:
        # Between two percentages the change is in points (99.9% → 99.99% is +0.09 pts): a percent
        # of a percent (+0.09%) reads as the same thing and is not.
        points = tidy(m.after - m.before)
        parts.append(_signed(points, f"{format_number(abs(points))} pts"))
    elif m.change_pct is not None and m.before is None and m.after is None:
        parts.append(format_pct(m.change_pct, given=True))  # "by 12.5%": as written
    elif m.change_pct is not None:
        exact = _change_pct(m.before, m.after, places=None)
        parts.append(format_pct(m.change_pct if exact is None else exact))  # not −100% for −99.96%
    elif m.before is not None and m.after is not None and (min(m.before, m.after) < 0 or m.unit in POINTS):
        # below zero a percentage says nothing ("NPS −10→25" is no +350%), nor between two levels in
        # points ("10→25 pts" is +15, not +150%): the difference itself
        difference = tidy(m.after - m.before)
        parts.append(_signed(difference, format_number(abs(difference))))
    return " ".join(parts)


def _exact(value: float) -> str:
    if value == int(value) and abs(value) < 1e15:
        return f"{int(value):,}"
    return f"{value:.15g}"


def metric_text(m: Metric | None) -> str:
    """Text that ``read_metric`` reads back to ``m`` ("45 -> 7 min", "$12000/mo", "3 teams")."""
    if m is None or m.empty:
        return ""
    money = money_unit(m.unit)
    cur, tail = _money_parts(m.unit, m.period) if money else ("", "")
    if m.kind == "multiple" and m.after is not None:
        return f"{_exact(m.after)}x" + (f" {m.label}" if m.label else "")
    if m.kind == "points" and m.after is not None:
        shown = ("-" if m.after < 0 else "+") + f"{_exact(abs(m.after))} {_points_unit(m)}"
        return f"{m.label} {shown}" if m.label else shown
    if m.kind == "percent" and m.change_pct is not None:
        return ("-" if m.change_pct < 0 else "+") + f"{_exact(abs(m.change_pct))}%"
    if m.kind == "duration" and m.after is not None:
        return f"{_exact(m.after)} {_duration_unit(m.after, m.unit)}{_per(m)}"
    if m.before is not None and m.after is not None:
        if money:
            return f"{cur}{_exact(m.before)} -> {cur}{_exact(m.after)}{tail}"
        return f"{_exact(m.before)} -> {_exact(m.after)}" + (f" {m.unit}" if m.unit else "") + _per(m)
    if m.after is not None:
        if money:
            return f"{cur}{_exact(m.after)}{tail}"
        if m.unit == "%":
            return f"{_exact(m.after)}%"
        return f"{_exact(m.after)}" + (f" {m.unit}" if m.unit else "") + _per(m)
    return format_metric(m)


def describe(m: Metric) -> str:
    """How a metric was read, in words, for the form: "a change: 45 → 7 min, −84%"."""
    per = f" per {_SPELLED.get(m.period or '', 'quarter')}" if m.period else ""
    what = {
        "change": "a change" + per,
        "amount": "an amount" + per,
        "count": "a count" + per,
        "duration": "a duration" + per,
        "multiple": "a multiple",
        "percent": "a change in percent",
        "points": "a change in points",
    }[m.kind]
    if m.kind == "amount" and m.unit == "%":
        what = "a level"  # "uptime 99.95%"
    return f"{what}: {format_metric(m)}"


__all__ = [
    "KINDS",
    "Metric",
    "SCALED",
    "change_pct",
    "describe",
    "format_metric",
    "format_number",
    "format_pct",
    "infer_kind",
    "metric_problem",
    "metric_text",
    "parse_metric",
    "problem",
    "read_metric",
]
