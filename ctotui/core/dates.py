"""The one date parser: every command option and form field that takes a date reads it here;
and the words the app and the CLI both say for a day (``short_day``) and for a moment ahead (``until``).

Accepted (case and surrounding spaces do not matter):

- ``YYYY-MM-DD``: that day (years 1900 to 9998, the range every stored date keeps: core.row_rules);
  the month and the day may have one digit (``2026-3-1``);
- ``today``, ``yesterday``;
- a weekday's name or its first three letters (``monday``, ``fri``): the most
  recent such day, today included: on a Friday ``friday`` is today, ``thursday``
  yesterday, ``saturday`` six days ago (a week back is ``last week``);
- ``N days ago``, ``N weeks ago``, ``N months ago``, ``N years ago`` (N from 0, or ``a``/``an``
  for one: ``1 day ago``, ``a week ago``); months and years land on the same day of the
  month, clamped to the month's end (``a month ago`` on 31 March is 28 or 29 February);
- ``last week``: seven days ago; ``last month``, ``last year``: a month, a year ago;
  ``last friday``: the most recent Friday before today (on a Saturday, yesterday; on a
  Friday, a week ago);
- a day and a month's name, in either order, as the app writes a day (``4 Dec``, ``Dec 4``,
  ``4 december``, ``4th Dec``, ``Fri 4 Dec 2026`` as a form's field shows it back: its weekday
  must be that day's): with a year (``4 Dec 2025``, ``Dec 4, 2025``), that year's; without one,
  this year's, as every screen writes a day of this year (``short_day``), and ``reading`` says so;
  for a day ahead (``ahead=True``: a due date, a follow-up, a deadline) the next such day, today
  included (in December, ``15 Jan`` is next January's);
- for days ahead (a follow-up, a deadline, a due date): ``tomorrow``, ``in N days``,
  ``in N weeks``, ``in N months``, ``in N years`` (N or ``a``/``an`` again; months and years
  the same day on, clamped to the month's end), ``next week`` (seven days on), ``next month``,
  ``next year`` (the same day a month, a year on) and ``next monday`` (the first such day after today).

A phrase a person could mean two ways (a bare weekday, ``last week``, ``next week``,
``last month``, ``last year``, a number of months or years) is read as above, and
``reading`` says how: the CLI prints it on stderr.

Each phrase is one entry of ``PHRASES`` (a compiled pattern and a function of
its match and today): a later phrase ("next monday", "last friday") is one more
entry, with no change to the callers. ``parse_day`` reads a day; what a date
may be is the caller's rule, given by the helpers below (an achievement may
not lie more than a day ahead; a plan's due date may).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from datetime import date, datetime, timedelta

from ctotui.core import clock
from ctotui.core.errors import CtoError

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTH_NAMES = (  # in English whatever the locale: the app writes its days so (short_day)
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)  # fmt: skip
MIN_YEAR, MAX_YEAR = 1900, 9998  # as core.row_rules.FIRST_YEAR, LAST_YEAR (it imports core.db; this stays light)
MAX_AGO = 100_000  # days: "N weeks ago" beyond this leaves the calendar
SYNTAX = (
    "YYYY-MM-DD, today, yesterday, a weekday (mon … sun), 4 Dec, 4 Dec 2025, last friday, "
    "N days/weeks/months/years ago, last week, last month, tomorrow, in N days/weeks/months, next week, "
    "next month or next monday"
)
ISO = re.compile(r"\d{4}-\d{2}-\d{2}")  # a day written as it is stored (2026-3-1 is read, and said)
N = r"(\d{1,12}|an?)"  # a count: digits (a huge one is "too far back", not unread), or "a"/"an" for one
AHEAD_DAYS = 1  # an achievement may be dated at most this many days after today (time zones)


def last_entry_day(today: date) -> date:
    """The latest day an achievement may be dated (``AHEAD_DAYS`` after ``today``): where a count
    of recent entries ends, so that one the journal took counts."""
    return today + timedelta(days=AHEAD_DAYS)


def _weekday(name: str) -> int:
    return next(i for i, day in enumerate(WEEKDAYS) if day.startswith(name))


def _ago(days: int, today: date) -> date:
    if days > MAX_AGO:
        raise CtoError(f"that is too far back: at most {MAX_AGO:,} days")
    return today - timedelta(days=days)


def _count(m: re.Match[str]) -> int:
    return 1 if m.group(1) in ("a", "an") else int(m.group(1))


def _iso(m: re.Match[str], today: date) -> date:
    try:
        day = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        raise CtoError(f"{m.group(0)} is not a date in the calendar") from None
    return day


def _ahead(days: int, today: date) -> date:
    if days > MAX_AGO:
        raise CtoError(f"that is too far ahead: at most {MAX_AGO:,} days")
    return today + timedelta(days=days)


def _months_on(months: int, today: date) -> date:
    """The same day ``months`` on (back when negative), clamped to the month's end."""
    if abs(months) > MAX_AGO // 31:
        way = "ahead" if months > 0 else "back"
        raise CtoError(f"that is too far {way}: at most {MAX_AGO // 31:,} months")
    index = today.month - 1 + months
    year, month = today.year + index // 12, index % 12 + 1
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise CtoError(f"use a date in the years {MIN_YEAR} to {MAX_YEAR}")
    return date(year, month, min(today.day, calendar.monthrange(year, month)[1]))


def _next_weekday(m: re.Match[str], today: date) -> date:
    ahead = (_weekday(m.group(1)) - today.weekday() - 1) % 7 + 1
    return today + timedelta(days=ahead)


def _previous_weekday(m: re.Match[str], today: date) -> date:
    back = (today.weekday() - _weekday(m.group(1)) - 1) % 7 + 1
    return today - timedelta(days=back)


def _last_weekday(m: re.Match[str], today: date) -> date:
    back = (today.weekday() - _weekday(m.group(1))) % 7
    return today - timedelta(days=back)


_DAY_NAMES = "|".join(f"{d[:3]}(?:{d[3:]})?" for d in WEEKDAYS)  # "mon(?:day)?|tue(?:sday)?|..."
_MONTHS = "|".join(f"{m[:3]}(?:{m[3:]})?" for m in MONTH_NAMES) + "|sept"  # "jan(?:uary)?|...", "sept"
_ON = rf"(?:({_DAY_NAMES}),? )?"  # "fri 4 dec 2026": a weekday before the day, as date_read writes it
_DAY = r"(\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?:,? (\d{4}))?"


def _month_day(day_first: bool) -> Rule:
    """A day and a month's name (``4 dec``, ``dec 4``), with a year or this year's."""

    def rule(m: re.Match[str], today: date) -> date:
        weekday, first, second, year = m.groups()
        number, month = (first, second) if day_first else (second, first)
        index = next(i for i, name in enumerate(MONTH_NAMES, 1) if name.startswith(month[:3]))
        shown = f"{int(number)} {MONTH_NAMES[index - 1][:3].title()} {year or today.year}"
        try:
            day = date(int(year) if year else today.year, index, int(number))
        except ValueError:
            raise CtoError(f"{shown} is not a date in the calendar") from None
        if weekday and day.weekday() != _weekday(weekday):
            raise CtoError(f"{shown} is a {day:%A}, not a {WEEKDAYS[_weekday(weekday)].title()}")
        return day

    return rule


Rule = Callable[[re.Match[str], date], date]
_DAY_MONTH = re.compile(rf"{_ON}{_DAY} ({_MONTHS})\.?{_YEAR}")
_MONTH_DAY = re.compile(rf"{_ON}({_MONTHS})\.? {_DAY}{_YEAR}")
PHRASES: list[tuple[re.Pattern[str], Rule]] = [
    (re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})"), _iso),
    *((pattern, _month_day(first)) for pattern, first in ((_DAY_MONTH, True), (_MONTH_DAY, False))),
    (re.compile(r"today"), lambda m, today: today),
    (re.compile(r"yesterday"), lambda m, today: today - timedelta(days=1)),
    (re.compile(rf"({_DAY_NAMES})"), _last_weekday),
    (re.compile(rf"{N} days? ago"), lambda m, today: _ago(_count(m), today)),
    (re.compile(rf"{N} weeks? ago"), lambda m, today: _ago(7 * _count(m), today)),
    (re.compile(rf"{N} months? ago"), lambda m, today: _months_on(-_count(m), today)),
    (re.compile(rf"{N} years? ago"), lambda m, today: _months_on(-12 * _count(m), today)),
    (re.compile(r"last week"), lambda m, today: today - timedelta(days=7)),
    (re.compile(r"last month"), lambda m, today: _months_on(-1, today)),
    (re.compile(r"last year"), lambda m, today: _months_on(-12, today)),
    (re.compile(rf"last ({_DAY_NAMES})"), _previous_weekday),
    (re.compile(r"tomorrow"), lambda m, today: _ahead(1, today)),
    (re.compile(rf"in {N} days?"), lambda m, today: _ahead(_count(m), today)),
    (re.compile(rf"in {N} weeks?"), lambda m, today: _ahead(7 * _count(m), today)),
    (re.compile(rf"in {N} months?"), lambda m, today: _months_on(_count(m), today)),
    (re.compile(rf"in {N} years?"), lambda m, today: _months_on(12 * _count(m), today)),
    (re.compile(r"next week"), lambda m, today: _ahead(7, today)),
    (re.compile(r"next month"), lambda m, today: _months_on(1, today)),
    (re.compile(r"next year"), lambda m, today: _months_on(12, today)),
    (re.compile(rf"next ({_DAY_NAMES})"), _next_weekday),
]


def parse_day(value: date | str, what: str = "date", *, today: date | None = None, ahead: bool = False) -> date:
    """The day ``value`` names (see the module's docstring), or CtoError naming ``what``. ``ahead``: a
    date that looks forward (a due date, a follow-up, a deadline): a day and month without a year is
    the next such day, today included, not this year's."""
    if isinstance(value, date):
        return value
    text = " ".join(str(value).lower().split())
    today = today or clock.today()
    for pattern, rule in PHRASES:
        m = pattern.fullmatch(text)
        if m is not None:
            try:
                day = rule(m, today)
                if ahead and day < today and pattern in (_DAY_MONTH, _MONTH_DAY) and m.group(4) is None:
                    day = rule(m, date(today.year + 1, 1, 1))  # "15 jan" in December: next January's
            except CtoError as exc:
                raise CtoError(f"bad {what} {value!r}: {exc}") from None
            if not MIN_YEAR <= day.year <= MAX_YEAR:
                raise CtoError(f"bad {what} {value!r}: use a date in the years {MIN_YEAR} to {MAX_YEAR}")
            return day
    raise CtoError(f"bad {what} {value!r}: use {SYNTAX}")


# Phrases that a person could mean two ways; the CLI says how it read them (``reading``).
AMBIGUOUS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(rf"({_DAY_NAMES})"), "the most recent one, today included; the one ahead is 'next {0}'"),
    (re.compile(r"last week"), "seven days ago, not the whole week"),
    (re.compile(r"next week"), "seven days on, not next Monday"),
    (re.compile(r"last month"), "the same day a month ago, not the whole month"),
    (re.compile(r"last year"), "the same day a year ago, not the whole year"),
    (re.compile(r"next month"), "the same day a month on, not the whole month"),
    (re.compile(r"next year"), "the same day a year on, not the whole year"),
)
# A day and a month without a year (``reading`` tells them from one with a year by the match's year group)
THIS_YEARS = "this year's, as the app writes a day of this year; another year goes after it ('{0} YYYY')"
NEXT_ONE = "the next one, today included; another year goes after it ('{0} YYYY')"
# Months and years on or back land on the same day of the month: said only when the month is shorter.
MONTHS = re.compile(rf"in {N} (?:months?|years?)|{N} (?:months?|years?) ago")


def reading(value: str, *, today: date | None = None, ahead: bool = False) -> str | None:
    """How an ambiguous ``value`` was read ("'fri' read as Friday 2026-11-27: the most recent one,
    ..."), or None when it names one day only or is not a date (parse_day reports that)."""
    text = " ".join(str(value).lower().split())
    today = today or clock.today()
    meant = next((m for pattern, m in AMBIGUOUS if pattern.fullmatch(text) is not None), None)
    if meant is None and any((m := p.fullmatch(text)) and m.group(4) is None for p in (_DAY_MONTH, _MONTH_DAY)):
        meant = NEXT_ONE if ahead else THIS_YEARS
    if meant is None and MONTHS.fullmatch(text) is not None:
        meant = "the same day of the month, or the month's last day"
    if meant is None:
        return None
    try:
        day = parse_day(text, today=today, ahead=ahead)
    except CtoError:
        return None
    if MONTHS.fullmatch(text) is not None and day.day == today.day:
        return None  # the same day of the month: nothing to say
    return f"{text!r} read as {day:%A} {day.isoformat()}: " + meant.format(text)


def date_read(value: str, *, today: date | None = None, ahead: bool = False) -> str:
    """The day a typed phrase names, short, for a form to show under its field ("fri" → "Fri 27
    Nov 2026"); '' for a plain YYYY-MM-DD, blank text, or text that is not a date yet. ``ahead``:
    as ``parse_day`` reads a date that looks forward."""
    text = " ".join(str(value).lower().split())
    if not text or ISO.fullmatch(text):
        return ""  # the day as it will be stored: nothing to add
    try:
        day = parse_day(text, today=today, ahead=ahead)
    except CtoError:
        return ""
    return f"{day:%a} {day.day} {day:%b %Y}"


def short_day(day: date) -> str:
    """'21 Oct' this year, '21 Oct 2025' another: how every screen and the coach say a day."""
    return f"{day.day} {day:%b}" if day.year == clock.today().year else f"{day.day} {day:%b %Y}"


def until(moment: datetime | None) -> str:
    """When something comes back, by the local calendar: 'now', 'later today (19:16)', 'tomorrow'
    (tomorrow's date only, whatever the hour), 'in 3 days', 'in 5 weeks' ('later' when not scheduled).
    The app's drill screens and Home card and `ctotui drill` all say it so."""
    if moment is None:
        return "later"
    now = clock.now()
    if moment <= now:
        return "now"
    local = moment.astimezone()
    days = (local.date() - now.astimezone().date()).days
    if days == 0:
        return f"later today ({local:%H:%M})"
    if days == 1:
        return "tomorrow"
    return f"in {days} days" if days < 21 else f"in {round(days / 7)} weeks"


def optional_day(value: date | str | None, what: str = "date", *, ahead: bool = False) -> date | None:
    """``parse_day``, with None or blank text meaning no date."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return parse_day(value, what, ahead=ahead)


def achievement_day(value: date | str | None) -> date:
    """When an achievement happened: no value is today; more than a day ahead is refused."""
    day = clock.today() if value is None or (isinstance(value, str) and not value.strip()) else parse_day(value)
    limit = clock.today() + timedelta(days=AHEAD_DAYS)
    if day > limit:
        raise CtoError(
            f"the date {day.isoformat()} is in the future; an achievement is dated when it happened "
            f"(at most {limit.isoformat()})"
        )
    return day


def period(
    since: date | str | None, until: date | str | None, names: tuple[str, str] = ("since", "until")
) -> tuple[date | None, date | None]:
    """A ``--since`` / ``--until`` pair, refused when it runs backwards (it would match nothing).
    ``names``: the two as the errors call them (a dialog's labels: "From", "To")."""
    first, second = names
    start, end = optional_day(since, f"{first} date"), optional_day(until, f"{second} date")
    if start is not None and end is not None and start > end:
        raise CtoError(f"{first} {start.isoformat()} is after {second} {end.isoformat()}: nothing can match")
    return start, end
