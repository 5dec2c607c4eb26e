"""What a stored row must hold for the app to read it: the same rules an import
checks every value against (import_json.py) and `ctotui check` looks for in
rows that got in some other way (upkeep.py).

``problem(table, row)`` returns the first problem of one row as
``(column, message)``, or None. Rows are dicts of column -> value as stored
(JSON columns as their text). ``as_stored(table, row)`` makes a row that comes
from outside (an import, a sync) as the app would have stored it, before it
is checked: its text cleaned (core/text.py's ``clean_row``) and a profile
field's value as the profile's parser leaves it.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from operator import attrgetter
from typing import Any
from urllib.parse import urlsplit

from ctotui.core import clock
from ctotui.core.dates import AHEAD_DAYS, parse_day
from ctotui.core.dbfile import MAX_ID
from ctotui.core.errors import CtoError
from ctotui.core.profile_fields import parse_name, parse_path, parse_role, parse_stage, parse_years
from ctotui.core.rubric import RUBRIC, check_scores
from ctotui.core.terms import (
    CATEGORIES,
    HORIZONS,
    INTERVIEW_CATEGORIES,
    METRIC_KINDS,
    METRIC_ORIGINS,
    METRIC_PERIODS,
    PLAN_STATUSES,
    QUESTION_SOURCES,
    RELATIONS,
    SELF_CHECK_ANSWERS,
    SELF_CHECK_KINDS,
    SKILLS,
)
from ctotui.core.text import clean_line, clean_row, clean_tag, squeeze

FIRST_YEAR, LAST_YEAR = 1900, 9998  # a stored date's years (core.dates.MIN_YEAR, MAX_YEAR: the same)
YEARS = f"years {FIRST_YEAR} to {LAST_YEAR}"
PROFILE_TEXT = {"role", "path", "aim", "name", "plan_started"}


def id_problem(value: Any) -> str | None:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_ID:
        return f"must be a whole number from 1 to {MAX_ID:,}"
    return None


@lru_cache(maxsize=4096)
def day_problem(value: str) -> str | None:
    try:
        day = date.fromisoformat(value)
    except (TypeError, ValueError):
        return "is not a date YYYY-MM-DD"
    return None if FIRST_YEAR <= day.year <= LAST_YEAR else f"is a date outside {FIRST_YEAR}-{LAST_YEAR}"


@lru_cache(maxsize=4096)
def time_problem(value: str) -> str | None:
    try:
        moment = datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return "is not a date and time"
    return None if FIRST_YEAR <= moment.year <= LAST_YEAR else f"is a time outside {FIRST_YEAR}-{LAST_YEAR}"


def all_times(values: Collection[str]) -> bool:
    """True when ``time_problem`` finds nothing wrong with any of these texts (checked at once)."""
    try:
        years = list(map(attrgetter("year"), map(datetime.fromisoformat, values)))
    except (TypeError, ValueError):
        return False
    return not years or (FIRST_YEAR <= min(years) and max(years) <= LAST_YEAR)


def _json(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str) else value


def card_problem(value: Any) -> str | None:
    """A card fsrs itself can read back (``Card.from_json``)."""
    from fsrs import Card

    try:
        Card.from_json(value)
    except Exception:  # noqa: BLE001 - fsrs raises KeyError, TypeError, ValueError... for a bad card
        return "is not an fsrs card (fsrs cannot read it)"
    return None


def review_log_problem(value: Any) -> str | None:
    from fsrs import ReviewLog

    try:
        ReviewLog.from_json(value)
    except Exception:  # noqa: BLE001 - as card_problem
        return "is not an fsrs review log (fsrs cannot read it)"
    return None


def scores_problem(value: Any) -> str | None:
    try:
        scores = _json(value)
    except ValueError:
        return "must hold JSON"
    if not isinstance(scores, dict) or not all(
        type(v) is int for v in scores.values()
    ):  # bools and floats are not scores
        return f"must be an object of {', '.join(RUBRIC)}, each 0, 1 or 2"
    try:
        check_scores(scores)
    except CtoError as exc:
        return str(exc)
    return None


# The profile's fields as core/timeline/profile.py parses them before it stores them (``plan_started``
# apart: a day in the stored years, where the profile asks for one near today).
PROFILE_PARSERS: dict[str, Callable[[Any], Any]] = {
    "years": parse_years,
    "role": parse_role,
    "path": parse_path,
    "aim": parse_stage,
    "name": parse_name,
}


def profile_problem(field: Any, value: Any) -> str | None:
    parsers = PROFILE_PARSERS

    try:
        parsed = _json(value)
    except ValueError:
        return "must hold JSON"
    if parsed is None:
        return None  # a field emptied by the user (core/timeline/profile.py's ``update(clear=...)``)
    if field == "years":
        if isinstance(parsed, bool) or not isinstance(parsed, int | float) or not math.isfinite(parsed):
            return "years must be a number"
    elif field in PROFILE_TEXT:
        if not isinstance(parsed, str):
            return f"{field} must be text"
    else:
        return None  # a field this version does not read
    try:
        if field == "plan_started":
            started = parse_day(parsed, "plan start")
            return None if FIRST_YEAR <= started.year <= LAST_YEAR else "plan start is out of range"
        if field in parsers:
            parsers[field](parsed)
    except CtoError as exc:
        return str(exc)
    return None


def profile_value(field: Any, value: Any) -> Any:
    """A profile row's value (JSON text) as the profile stores it, its parser's result as JSON: a
    role or a name squeezed ("VP  of   Engineering" -> "VP of Engineering"), a path or an aim in
    lower case, years rounded, a plan start as YYYY-MM-DD. A value of the wrong type, or one the
    parser refuses, is left as it is, for ``profile_problem`` to name."""
    if not isinstance(value, str) or field not in (*PROFILE_PARSERS, "plan_started"):
        return value
    try:
        parsed = json.loads(value)
    except ValueError:
        return value
    wanted = (int, float) if field == "years" else str
    if isinstance(parsed, bool) or not isinstance(parsed, wanted):
        return value
    try:
        if field == "plan_started":
            stored: Any = parse_day(str(parsed), "plan start").isoformat()
        else:
            stored = PROFILE_PARSERS[field](parsed)
    except CtoError:
        return value
    return json.dumps(stored)


def question_readable(card: Any, due: Any) -> bool:
    """A question row the drill can read: its fsrs card and its due time."""
    return isinstance(card, str) and isinstance(due, str) and not card_problem(card) and not time_problem(due)


def attempt_readable(scores: Any, rating: Any) -> bool:
    """An attempt row the drill can read: its rubric scores and its rating."""
    return not scores_problem(scores) and rating in (1, 2, 3, 4)


def criteria_scores_problem(value: Any) -> str | None:
    """An attempt's category criteria scores: a JSON object of criterion id → 0, 1 or 2."""
    try:
        scores = _json(value)
    except ValueError:
        return "must hold JSON"
    if not isinstance(scores, dict) or not all(type(v) is int and 0 <= v <= 2 for v in scores.values()):
        return "must be an object of criterion ids, each 0, 1 or 2"
    return None


def brief_problem(value: Any) -> str | None:
    """An attempt's scenario brief: '' (none) or a JSON object of text fields."""
    if value == "":
        return None
    try:
        brief = _json(value)
    except ValueError:
        return "must hold JSON"
    if not isinstance(brief, dict) or not all(isinstance(v, str) for v in brief.values()):
        return "must be an object of text fields (or empty)"
    return None


# the id a new achievement gets (journal.add_achievement): the next below 2^31, whatever rows got in around ctotui
NEXT_ID = f"(select coalesce(max(id), 0) + 1 from achievements where id <= {MAX_ID})"

# --- what the journal takes: the same rules for add, edit, an import and a sync ------------------

TITLE_MAX = 200  # characters (the schema's CHECK holds the same)
TAG_MAX = 40
LINK_MAX = 2000
SCHEMES = ("https", "http", "file")
_UNSAFE_IN_LINK = re.compile(r'[\s\x00-\x1f\x7f-\x9f<>"]')


def title_problem(value: str) -> str | None:
    """Why ``value`` (as typed or stored) is no achievement title, or None."""
    title = squeeze(value)
    if not title:
        return "is empty; say what you achieved in a few words"
    if len(title) > TITLE_MAX:
        return f"is {len(title)} characters long; keep it to {TITLE_MAX} (put the rest in the body)"
    return None


def tag_problem(value: str) -> str | None:
    """Why ``value`` is no tag as the journal keeps one (``clean_tag``'s, or as stored), or None."""
    tag = clean_tag(value)
    if not tag:
        return "is empty"
    if len(tag) > TAG_MAX:
        return f"is {len(tag)} characters long; a tag is at most {TAG_MAX}"
    return None


@dataclass(frozen=True)
class Line:
    """A one-line text the app stores squeezed (core/text.py's SQUEEZED_COLUMNS): at most ``most``
    characters, and never empty when ``needed``. The models take their limits from ``LINES``."""

    most: int
    needed: bool = True

    def problem(self, value: str) -> str | None:
        text = squeeze(value)
        if not text:
            return "is empty" if self.needed else None
        if len(text) > self.most:
            return f"is {len(text)} characters long; at most {self.most}"
        return None


# Every squeezed column but the achievement's title (``title_problem``), as its model writes it.
LINES: dict[tuple[str, str], Line] = {
    ("questions", "text"): Line(500),
    ("attempts", "question_text"): Line(500),  # the question's text when it was answered
    ("plan_items", "text"): Line(300),
    ("skill_ratings", "note"): Line(500, needed=False),
    ("reviews", "next_thing"): Line(300, needed=False),
    ("people", "name"): Line(120),
    ("people", "context"): Line(200, needed=False),
    ("bars", "role"): Line(200),
    ("bar_criteria", "text"): Line(300),
}

_WEEK = re.compile(r"(\d{4})-W(\d{2})")


def week_problem(value: str) -> str | None:
    """A review's week as stored: "2026-W11", a week its year has, in the stored years."""
    found = _WEEK.fullmatch(value)
    if found is None:
        return "is not a week YYYY-Www (2026-W11)"
    year, number = int(found[1]), int(found[2])
    try:
        date.fromisocalendar(year, number, 1)
    except ValueError:
        return "is not a week YYYY-Www (2026-W11)"
    return None if FIRST_YEAR <= year <= LAST_YEAR else f"is a week outside {FIRST_YEAR}-{LAST_YEAR}"


def link_problem(value: str) -> str | None:
    """Why ``value`` is no evidence link (one web address or file), or None."""
    link = value.strip()
    if len(link) > LINK_MAX:
        return f"is {len(link)} characters long; keep it to {LINK_MAX}"
    bad = _UNSAFE_IN_LINK.search(link)
    if bad:
        what = "a space" if bad.group().isspace() else f"the character {bad.group()!r}"
        return f"has {what} in it; give one web address (https://...) per --link"
    try:
        parts = urlsplit(link)
    except ValueError:
        parts = None
    scheme = parts.scheme.lower() if parts else ""
    if parts is None or scheme not in SCHEMES or not (parts.path if scheme == "file" else parts.netloc):
        return "is not a web address or a file: start it with https://, http:// or file://"
    return None


def achievement_day_problem(value: str) -> str | None:
    """A date an achievement may have: a day in the calendar, at most ``AHEAD_DAYS`` after today."""
    bad = day_problem(value)
    if bad:
        return bad
    limit = clock.today() + timedelta(days=AHEAD_DAYS)
    if date.fromisoformat(value) > limit:
        return f"is {value}, in the future; an achievement is dated when it happened (at most {limit.isoformat()})"
    return None


# (table, column) -> a check of the stored value; None means fine
CHECKS: dict[tuple[str, str], Callable[[Any], str | None]] = {
    ("questions", "card"): card_problem,
    ("attempts", "scores"): scores_problem,
    ("attempts", "review_log"): review_log_problem,
    ("attempts", "criteria_scores"): criteria_scores_problem,
    ("attempts", "brief"): brief_problem,
    ("achievements", "title"): title_problem,
    ("achievements", "occurred_on"): achievement_day_problem,
    ("achievement_links", "url"): link_problem,
    ("achievement_tags", "tag"): tag_problem,
    ("reviews", "week"): week_problem,
}


# Columns the app reads as one of a known list: a sync takes no other value (``slug_problem``), nor
# does an import (core/data/import_values.py). Where the schema holds the list too (a CHECK), it is
# the same list (tests/unit/test_row_rules.py), so that a value is refused in these words, not SQLite's.
SLUGS: dict[tuple[str, str], tuple[str, ...]] = {
    ("achievements", "category"): CATEGORIES,
    ("achievements", "metric_kind"): METRIC_KINDS,
    ("achievements", "metric_period"): METRIC_PERIODS,
    ("achievements", "metric_origin"): METRIC_ORIGINS,
    ("achievement_skills", "skill"): SKILLS,
    ("skill_ratings", "skill"): SKILLS,
    ("questions", "category"): INTERVIEW_CATEGORIES,
    ("questions", "source"): QUESTION_SOURCES,
    ("plan_items", "horizon"): HORIZONS,
    ("plan_items", "status"): PLAN_STATUSES,
    ("self_check_answers", "kind"): SELF_CHECK_KINDS,
    ("self_check_answers", "answer"): SELF_CHECK_ANSWERS,
    ("people", "relation"): RELATIONS,
}


def slug_form(value: str) -> str:
    """A slug as typed ("Leadership ", "SCALE") as the CLI and the forms take it: lower case, trimmed."""
    return clean_line(value).strip().lower()


def slug_problem(table: str, column: str, value: Any) -> str | None:
    """For a column of ``SLUGS``: None when ``value`` is null or one of its list."""
    slugs = SLUGS.get((table, column))
    if slugs is None or value is None or value in slugs:
        return None
    shown = repr(value[:40]) if isinstance(value, str) else repr(value)
    return f"{shown} is not one of {', '.join(slugs)}"


@dataclass(frozen=True)
class Copy:
    """``table.column`` holds a copy of its parent row's ``source`` (``link`` holds the parent's
    id), to order by it without a join. The journal writes it (journal/entries.py) and a trigger
    moves it with the entry's date; an import sets it from the parent (import_merge.py), `ctotui
    check` looks for any that differ and `check --repair` sets them again (upkeep.py)."""

    table: str
    column: str
    link: str
    parent: str
    source: str

    @property
    def differing(self) -> str:
        """SQL: (parent id, the copy, the parent's value) of each row whose copy differs."""
        return (
            f"select c.{self.link}, c.{self.column}, p.{self.source} from {self.table} c "
            f"join {self.parent} p on p.id = c.{self.link} where c.{self.column} is not p.{self.source} "
            f"order by c.{self.link}"
        )

    @property
    def follow(self) -> str:
        """SQL: every copy that differs set from its parent."""
        return (
            f"update {self.table} set {self.column} = p.{self.source} from {self.parent} p "
            f"where p.id = {self.table}.{self.link} and {self.table}.{self.column} is not p.{self.source}"
        )


COPIES = (  # a tag's and a skill's copy of its entry's date (`list --tag --since` reads it)
    Copy("achievement_tags", "occurred_on", "achievement_id", "achievements", "occurred_on"),
    Copy("achievement_skills", "occurred_on", "achievement_id", "achievements", "occurred_on"),
)


# tables with a rule across columns of a row, beyond each value's own (``problem`` checks it)
ACROSS_COLUMNS = frozenset({"profile"})


def text_rule(table: str, column: str, *, lines: bool = True) -> Callable[[str], str | None] | None:
    """The check ``problem`` gives a text value of this column (None: any text will do). ``lines``:
    with the rules of ``LINES`` (a name the app never stores empty), not only what it cannot read."""
    if (table, column) in CHECKS:
        return CHECKS[(table, column)]
    if lines and (table, column) in LINES:
        return LINES[(table, column)].problem
    if column.endswith("_on"):
        return day_problem
    if column == "at" or column.endswith("_at") or (table, column) == ("questions", "due"):
        return time_problem
    return None


# Numbers the schema holds to a range (a CHECK): an import or a sync refuses any other in its own words,
# before it is written, not with SQLite's "CHECK constraint failed" (tests/unit/test_row_rules.py
# compares them with the schema). None: no bound on that side, but the 64 bits SQLite keeps.
RANGES: dict[tuple[str, str], tuple[int, int | None]] = {
    ("skill_ratings", "level"): (1, 5),
    ("attempts", "total"): (0, 12),
    ("attempts", "seconds"): (0, None),
    ("attempts", "limit_seconds"): (1, None),
    ("attempts", "rating"): (1, 4),
    ("attempts", "follow_up_seconds"): (0, None),
    ("reviews", "step"): (1, 6),
    ("achievement_links", "position"): (0, None),
    ("bar_criteria", "position"): (0, None),
    ("mocks", "minutes"): (1, None),
    ("mock_items", "position"): (0, None),
    ("mock_items", "seconds_used"): (0, None),
}


def range_problem(table: str, column: str, value: Any) -> str | None:
    """For a column of ``RANGES``: why the number ``value`` is outside its range, or None."""
    bounds = RANGES.get((table, column))
    if bounds is None or isinstance(value, bool) or not isinstance(value, int | float):
        return None
    low, high = bounds
    if value < low or (high is not None and value > high):
        shown = f"{low} to {high}" if high is not None else f"{low} or more"
        return f"is {value}; it must be {shown}"
    return None


def problem(
    table: str, row: dict[str, Any], id_column: str | None = "id", *, lines: bool = True
) -> tuple[str, str] | None:
    """The first value of ``row`` the app could not read, or (``lines``) would not store (an empty
    name: ``LINES``), as (column, message)."""
    if id_column and id_column in row:
        bad = id_problem(row[id_column])
        if bad:
            return id_column, bad
    for name, value in row.items():
        if value is None or not isinstance(value, str):
            bad = range_problem(table, name, value)
            if bad:
                return name, bad
            continue
        check = text_rule(table, name, lines=lines)
        bad = check(value) if check else None
        if bad:
            return name, bad
    if table in ACROSS_COLUMNS and "field" in row:
        bad = profile_problem(row["field"], row.get("value"))
        if bad:
            return "value", bad
    return None


def as_stored(table: str, row: dict[str, Any]) -> None:
    """An imported or synced row made, in place, as the app stores it: its text cleaned (core/text.py's
    ``clean_row``: bodies as blocks, titles and names squeezed, tags as ``add --tag`` makes them), a
    slug in the form the CLI takes it in (``slug_form``: "Leadership" is the skill leadership) and a
    profile field's value as the profile's parser leaves it (``profile_value``)."""
    clean_row(table, row)
    for name, value in row.items():
        slugs = SLUGS.get((table, name))
        if slugs is not None and isinstance(value, str) and value not in slugs and slug_form(value) in slugs:
            row[name] = slug_form(value)
    if table == "profile" and "field" in row and "value" in row:
        row["value"] = profile_value(row["field"], row["value"])
