"""What a stored row must hold for the app to read it: the same rules an import
checks every value against (import_json.py) and `ctotui check` looks for in
rows that got in some other way (upkeep.py).

``problem(table, row)`` returns the first problem of one row as
``(column, message)``, or None. Rows are dicts of column -> value as stored
(JSON columns as their text).
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
from ctotui.core.profile_fields import parse_path, parse_role, parse_stage, parse_years
from ctotui.core.rubric import RUBRIC, check_scores
from ctotui.core.terms import CATEGORIES, INTERVIEW_CATEGORIES, RELATIONS, SKILLS
from ctotui.core.text import squeeze

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


def profile_problem(field: Any, value: Any) -> str | None:
    parsers = {"years": parse_years, "role": parse_role, "path": parse_path, "aim": parse_stage}

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
}


# Columns the app reads as one of a known list (the schema leaves them open): a sync takes no
# other value (``slug_problem``), nor does an import (core/data/import_values.py).
SLUGS: dict[tuple[str, str], tuple[str, ...]] = {
    ("achievements", "category"): CATEGORIES,
    ("achievement_skills", "skill"): SKILLS,
    ("skill_ratings", "skill"): SKILLS,
    ("questions", "category"): INTERVIEW_CATEGORIES,
    ("people", "relation"): RELATIONS,
}


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


def text_rule(table: str, column: str) -> Callable[[str], str | None] | None:
    """The check ``problem`` gives a text value of this column (None: any text will do)."""
    if (table, column) in CHECKS:
        return CHECKS[(table, column)]
    if column.endswith("_on"):
        return day_problem
    if column == "at" or column.endswith("_at") or (table, column) == ("questions", "due"):
        return time_problem
    return None


def problem(table: str, row: dict[str, Any], id_column: str | None = "id") -> tuple[str, str] | None:
    """The first value of ``row`` the app could not read, as (column, message)."""
    if id_column and id_column in row:
        bad = id_problem(row[id_column])
        if bad:
            return id_column, bad
    for name, value in row.items():
        if value is None or not isinstance(value, str):
            continue
        check = text_rule(table, name)
        bad = check(value) if check else None
        if bad:
            return name, bad
    if table in ACROSS_COLUMNS and "field" in row:
        bad = profile_problem(row["field"], row.get("value"))
        if bad:
            return "value", bad
    return None
