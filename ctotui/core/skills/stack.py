"""The skill stack: self-ratings over time, evidence from the journal, gap hints, practical steps.

A rating is a row (area, level 1–5, optional note, UTC time) that is never
changed: rating again adds a row, so the whole history stays. Ticking a
practical step (from the playbook, by its stable id) adds a dated row too, and
so does unticking; the latest row per step (by its time) is its state. Evidence is the
journal's: live achievements linked to the area (core/journal/entries.py keeps those
links; a deleted achievement never counts).

Which days count (``today`` is the user's local date, ``clock.today()``; a
rating's day is the local date of its UTC ``rated_at``):

- **In the last 90 days** means ``today - 90 < day <= today``: the 90 calendar
  days ending today, today included. An achievement dated 89 days ago counts,
  one dated 90 days ago does not. Achievements dated after today count only in
  the all-time total.
- **Change since 90 days ago** is the current level minus the level in force at
  the end of the day 90 days ago (the newest rating made on or before that day).
  An area first rated later than that is compared with its first rating; an
  area never rated has no change (None).
- **Not rated for N days**: N is ``today`` minus the day of the newest rating;
  the hint shows when N is more than 30 (31 days: shown; 30: not).

The rules themselves are in ``gap_hints``. Everything in the "pure" section
takes plain values and an explicit ``today``, so it is tested at its
boundaries without a database or a clock.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from ctotui.core import clock, playbook, spark
from ctotui.core.dates import last_entry_day
from ctotui.core.errors import CtoError, NotFound
from ctotui.core.journal.entries import evidence_counts
from ctotui.core.latest import latest_rows
from ctotui.core.row_rules import LINES
from ctotui.core.text import clean_line, squeeze

if TYPE_CHECKING:
    from sqlite_utils import Database

LEVELS = (1, 2, 3, 4, 5)
EVIDENCE_DAYS = 90  # "the last 90 days"
CHANGE_DAYS = 90  # "change since 90 days ago"
STALE_DAYS = 30  # a rating older than this is "not rated for N days"
CLAIM_LEVEL = 4  # rated this or higher with no evidence in 90 days: a claim without evidence
UNDERRATE_LEVEL = 2  # rated this or lower ...
UNDERRATE_EVIDENCE = 3  # ... with at least this much evidence in 90 days: maybe underrating
NOTE_MAX = LINES["skill_ratings", "note"].most  # the rule an import and a sync apply too
SPARK_POINTS = 26  # the history sparkline: one mark per fortnight over the last year
SPARK_STEP_DAYS = 14
SPARK_MARKS = " ▁▂▄▆█"  # index = level (0: not rated yet)

# Short names accepted wherever a skill is typed (the journal's chips use the same words).
ALIASES = {
    "tech": "technical-depth",
    "technical": "technical-depth",
    "product": "product-thinking",
    "lead": "leadership",
    "management": "leadership",
    "comms": "communication",
    "biz": "business",
    "systems": "systems-thinking",
}


@dataclass(frozen=True)
class Rating:
    id: int
    skill: str
    level: int
    note: str
    rated_at: str  # UTC ISO

    @property
    def rated_on(self) -> date:
        """The local day it was rated."""
        return clock.local(self.rated_at).date()


@dataclass(frozen=True)
class Hint:
    kind: str  # claim-without-evidence, underrating, stale, unrated
    text: str  # short, for a table cell
    advice: str  # a sentence or two: what it means and what to do

    def to_json(self) -> dict[str, str]:
        return {"kind": self.kind, "text": self.text}


@dataclass(frozen=True)
class StepState:
    id: str
    skill: str
    text: str
    ticked: bool
    at: str | None  # UTC ISO of the newest tick or untick


@dataclass(frozen=True)
class AreaStatus:
    """One skill area as the skills screen, the dashboard and `ctotui skills` show it."""

    skill: str
    name: str
    level: int | None
    rated_at: str | None
    change_90d: int | None
    evidence_90d: int
    evidence_total: int
    hints: tuple[Hint, ...]
    series: tuple[int | None, ...]  # the level every fortnight over the last year, oldest first
    ratings: tuple[Rating, ...]  # oldest first
    steps: tuple[StepState, ...]

    @property
    def steps_done(self) -> int:
        return sum(1 for s in self.steps if s.ticked)

    @property
    def sparkline(self) -> str:
        return sparkline(self.series)

    def to_json(self) -> dict[str, Any]:
        return {
            "slug": self.skill,
            "name": self.name,
            "level": self.level,
            "rated_at": self.rated_at,
            "change_90d": self.change_90d,
            "evidence_90d": self.evidence_90d,
            "evidence_total": self.evidence_total,
            "hints": [h.to_json() for h in self.hints],
            "steps_done": self.steps_done,
            "steps_total": len(self.steps),
        }


# --- pure rules -----------------------------------------------------------------


def window_start(today: date, days: int = EVIDENCE_DAYS) -> date:
    """The first day inside "the last ``days`` days" (today is the last)."""
    return today - timedelta(days=days - 1)


def in_last_days(day: date, today: date, days: int = EVIDENCE_DAYS) -> bool:
    """``today - days < day <= today``."""
    return window_start(today, days) <= day <= today


def level_on(ratings: Sequence[Rating], day: date) -> int | None:
    """The level in force at the end of ``day``: the newest rating made on or before it."""
    level = None
    for r in sorted(ratings, key=lambda r: (r.rated_at, r.id)):
        if r.rated_on > day:
            break
        level = r.level
    return level


def change_since(ratings: Sequence[Rating], today: date, days: int = CHANGE_DAYS) -> int | None:
    """Current level minus the level ``days`` days ago (or the first rating, if later); None if never rated."""
    if not ratings:
        return None
    ordered = sorted(ratings, key=lambda r: (r.rated_at, r.id))
    current = level_on(ordered, today)
    if current is None:  # every rating is dated after today
        return None
    before = level_on(ordered, today - timedelta(days=days))
    return current - (before if before is not None else ordered[0].level)


def history_series(
    ratings: Sequence[Rating], today: date, points: int = SPARK_POINTS, step_days: int = SPARK_STEP_DAYS
) -> tuple[int | None, ...]:
    """The level in force every ``step_days`` days, the last point being today (oldest first)."""
    return tuple(level_on(ratings, today - timedelta(days=step_days * i)) for i in range(points - 1, -1, -1))


def sparkline(series: Sequence[int | None]) -> str:
    """One mark per point: ▁ for level 1 up to █ for 5, a space where the area was not rated yet."""
    return spark.sparkline(series, top=LEVELS[-1], marks=SPARK_MARKS)


def level_bar(level: int | None, width: int = 5, full: str = "■", empty: str = "□") -> str:
    """``■■■□□`` for level 3 of 5."""
    filled = level or 0
    return full * filled + empty * (width - filled)


def days_since(rated_on: date, today: date) -> int:
    return (today - rated_on).days


def gap_hints(level: int | None, rated_on: date | None, evidence_90d: int, today: date) -> tuple[Hint, ...]:
    """The gaps between a self-rating and its evidence, most important first.

    - **no evidence in 90 days** (a claim without evidence): rated ``CLAIM_LEVEL`` (4) or 5 and
      no evidence in the last 90 days (older evidence does not back today's level);
    - **you may be underrating this**: rated 1 or 2 (``UNDERRATE_LEVEL``) with at least
      ``UNDERRATE_EVIDENCE`` (3) pieces of evidence in the last 90 days;
    - **not rated for N days**: the newest rating is more than ``STALE_DAYS`` (30) days old;
    - **not rated yet**: no rating at all.

    ``evidence_90d`` counts the live achievements linked to the area in the last 90 days
    (see the module docstring for which days those are).
    """
    if level is None or rated_on is None:
        return (
            Hint(
                "unrated",
                "not rated yet",
                "Read the five level descriptions and press the number (1–5) that fits you today.",
            ),
        )
    found: list[Hint] = []
    if level >= CLAIM_LEVEL and evidence_90d == 0:
        found.append(
            Hint(
                "claim-without-evidence",
                f"no evidence in {EVIDENCE_DAYS} days",
                f"You rate this {level}, but nothing in the journal backs it in the last {EVIDENCE_DAYS} days. "
                "Log what shows it (with its number), or rate it lower.",
            )
        )
    if level <= UNDERRATE_LEVEL and evidence_90d >= UNDERRATE_EVIDENCE:
        found.append(
            Hint(
                "underrating",
                "you may be underrating this",
                f"{evidence_90d} achievements in the last {EVIDENCE_DAYS} days use this skill, yet you rate it "
                f"{level}. Compare them with the level descriptions: the next level may be fair.",
            )
        )
    age = days_since(rated_on, today)
    if age > STALE_DAYS:
        found.append(
            Hint(
                "stale",
                f"not rated for {age} days",
                f"Your last rating is {age} days old. Read the levels again and rate it today, "
                "even if nothing changed: a fresh rating is what makes the history worth reading.",
            )
        )
    return tuple(found)


# --- checking input ----------------------------------------------------------------


def parse_skill(value: Any) -> str:
    """A skill slug from a slug, a short name (tech, comms, ...) or any case of either."""
    text = str(value or "").strip().lower()
    slug = ALIASES.get(text, text)
    if slug not in playbook.SKILLS:
        raise CtoError(f"unknown skill {value!r} (valid: {', '.join(playbook.SKILLS)})")
    return slug


def parse_level(value: Any) -> int:
    text = str(value).strip()
    if not text.isdigit() or int(text) not in LEVELS:
        raise CtoError(f"the level must be a whole number from 1 to 5 (got {value!r})")
    return int(text)


def clean_note(note: str | None) -> str:
    text = squeeze(note)
    if len(text) > NOTE_MAX:
        raise CtoError(f"the note must be at most {NOTE_MAX} characters (got {len(text)})")
    return text


# --- ratings -------------------------------------------------------------------------


def _rating(row: tuple[Any, ...]) -> Rating:
    id_, skill, level, note, rated_at = row
    return Rating(id_, clean_line(skill), level, clean_line(note), rated_at)  # old rows print safely too


def rate(db: Database, skill: str, level: Any, note: str | None = "", *, at: datetime | None = None) -> Rating:
    """Add a rating (the earlier ones stay). Everything is checked before the one INSERT."""
    slug, lvl, text = parse_skill(skill), parse_level(level), clean_note(note)
    stamp = clock.utc_iso(at)
    cur = db.execute(
        "insert into skill_ratings (skill, level, note, rated_at) values (?, ?, ?, ?)", [slug, lvl, text, stamp]
    )
    assert cur.lastrowid is not None  # an INSERT sets it (sqlite3 types it int | None)
    return Rating(cur.lastrowid, slug, lvl, text, stamp)


def ratings(db: Database, skill: str | None = None) -> list[Rating]:
    """Every rating (of one area, or all), oldest first."""
    sql = "select id, skill, level, note, rated_at from skill_ratings"
    params: list[Any] = []
    if skill is not None:
        sql += " where skill = ?"
        params.append(parse_skill(skill))
    rows = db.execute(sql + " order by rated_at, id", params).fetchall()
    return [_rating(r) for r in rows]


# --- practical steps -------------------------------------------------------------------


def _steps() -> dict[str, tuple[str, playbook.Item]]:
    return {i.id: (s.slug, i) for s in playbook.load().skills for i in s.steps}


def _step_skill(step_id: str) -> str:
    found = _steps().get(str(step_id).strip().lower())  # ids are lower case: LEAD-MENTOR is lead-mentor
    if found is None:
        raise NotFound(f"no practical step {step_id!r} (`ctotui steps` lists them with their ids)")
    return found[0]


def _latest_ticks(db: Database) -> dict[str, tuple[bool, str]]:
    latest = latest_rows("skill_step_ticks", ("step_id",), "at")
    rows = db.execute(
        f"select t.step_id, t.ticked, t.at from skill_step_ticks t join ({latest}) c on t.id = c.last"
    ).fetchall()
    return {sid: (bool(t), at) for sid, t, at in rows}


def steps(db: Database, skill: str | None = None) -> list[StepState]:
    """The practical steps (of one area, or all, in playbook order) with their state."""
    wanted = parse_skill(skill) if skill is not None else None
    ticks = _latest_ticks(db)
    return [
        StepState(item.id, slug, item.text, *ticks.get(item.id, (False, None)))
        for item_id, (slug, item) in _steps().items()
        if wanted in (None, slug)
    ]


def set_step(db: Database, step_id: str, ticked: bool, *, at: datetime | None = None) -> StepState:
    """Tick or untick a step; a change adds a dated row (ticking what is ticked adds nothing)."""
    step_id = str(step_id).strip().lower()
    slug = _step_skill(step_id)
    with db.atomic():
        current = _latest_ticks(db).get(step_id, (False, None))[0]
        if current != ticked:
            db.execute(
                "insert into skill_step_ticks (step_id, ticked, at) values (?, ?, ?)",
                [step_id, int(ticked), clock.utc_iso(at)],
            )
    return next(s for s in steps(db, slug) if s.id == step_id)


def toggle_step(db: Database, step_id: str) -> StepState:
    step_id = str(step_id).strip()
    _step_skill(step_id)
    return set_step(db, step_id, not _latest_ticks(db).get(step_id, (False, None))[0])


def step_history(db: Database, step_id: str) -> list[tuple[bool, str]]:
    """Every tick (True) and untick (False) of the step, oldest first, with when (UTC ISO)."""
    step_id = str(step_id).strip()
    _step_skill(step_id)
    rows = db.execute("select ticked, at from skill_step_ticks where step_id = ? order by at, id", [step_id]).fetchall()
    return [(bool(t), at) for t, at in rows]


# --- the whole stack, for a screen or the CLI ---------------------------------------------


def area_status(
    skill: str,
    rated: Sequence[Rating],
    evidence_90d: int,
    evidence_total: int,
    step_states: Sequence[StepState],
    today: date,
) -> AreaStatus:
    """One area's status from its ratings and evidence (pure)."""
    ordered = tuple(sorted((r for r in rated if r.skill == skill), key=lambda r: (r.rated_at, r.id)))
    latest = ordered[-1] if ordered else None
    return AreaStatus(
        skill=skill,
        name=playbook.load().skill(skill).name,
        level=latest.level if latest else None,
        rated_at=latest.rated_at if latest else None,
        change_90d=change_since(ordered, today),
        evidence_90d=evidence_90d,
        evidence_total=evidence_total,
        hints=gap_hints(latest.level if latest else None, latest.rated_on if latest else None, evidence_90d, today),
        series=history_series(ordered, today),
        ratings=ordered,
        steps=tuple(s for s in step_states if s.skill == skill),
    )


def skill_stack(db: Database, today: date | None = None, *, totals: bool = True) -> tuple[AreaStatus, ...]:
    """Every area, in the playbook's order, with its level, change, evidence, hints and steps.

    ``totals=False`` leaves out the all-time evidence counts (``evidence_total`` is then -1):
    the slowest part at 100k achievements, and the hints never need it.
    """
    today = today or clock.today()
    recent = evidence_counts(db, since=window_start(today), until=last_entry_day(today))  # one dated tomorrow too
    total = evidence_counts(db) if totals else dict.fromkeys(playbook.SKILLS, -1)
    rated = ratings(db)
    step_states = steps(db)
    return tuple(area_status(slug, rated, recent[slug], total[slug], step_states, today) for slug in playbook.SKILLS)
