"""The weekly review: one per ISO week, six steps, saved as it goes.

**Which week.** A review belongs to the ISO week (Monday to Sunday, key
``2026-W11``) of the user's *local* date when it is written: ``clock.today()``.
A review on Monday at 00:30 local time is in the new week even when UTC is
still on Sunday; the days around New Year belong to the ISO year of their week
(Friday 1 Jan 2027 is in ``2026-W53``, Monday 29 Dec 2025 in ``2026-W01``).
A year has 53 ISO weeks when it starts on a Thursday, or is a leap year
starting on a Wednesday (2020, 2026, 2032).

**What the review row holds.** The step the user is on (1–6, so a review left
halfway resumes there), the reflection, the one thing for next week, when it
was started, last changed and completed, and the plan items chosen as the next
week's focus. Everything else the steps touch is written through its own
area: ratings with ``skills.rate``, signals and mistakes with
``selfcheck.answer_self_check``, plan ticks with ``plan.toggle_done``, a
missing achievement with ``journal.add_achievement``. Those histories are
append-only and dated, so the week's report reads them by the week's dates
(core/review/report.py) and nothing is copied that could drift.

**The week to review.** A week ends on Sunday, and its review is often done
in the days after. The review day says which week a review on it covers: a
review day early in the week (Monday to Wednesday, ``EARLY_REVIEW_DAYS``) looks
back at the week that just ended; a later one (Thursday to Sunday) at the week
it is in. So a week's review day is the next week's review day when that is
early, else its own (``review_day``). ``due_review`` is the one place that says
what the review asks for on a day: the week it opens on, whether that week's
review is due now (its review day has come and it is not done) and the review
day to tell the user of. The week is last week while this week's review is not
started, if the review day is early (done or not: this week is reviewed next
week) or, while last week is not done, still to come; else this week. With
Friday: Monday to Thursday last week (if open, and due: it is late), from
Friday this week. With Monday: last week all week long; once it is done nothing
is due until next Monday. The app's review opens on that week, Home's card and
"Do the weekly review" (core/coach/rules.py) and ``ctotui next`` ask for it only
while it is due, and ``ctotui review`` reports it by default, all through
``review_due_now``. Any earlier week can still be reviewed late; its review
counts for its own week (and in the streak).

**Focus.** Creating a week's review carries over the previous review's focus
items that are still open; at most ``MAX_FOCUS`` are chosen at a time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from ctotui.core import clock
from ctotui.core.dates import SYNTAX, parse_day
from ctotui.core.errors import CtoError, NotFound
from ctotui.core.journal.entries import writing
from ctotui.core.row_rules import LINES
from ctotui.core.settings import get_setting, set_setting
from ctotui.core.text import clean_block, clean_line, squeeze
from ctotui.core.timeline.plan import get_item

if TYPE_CHECKING:
    from sqlite_utils import Database

STEPS = ("wins", "skills", "signals", "plan", "drill", "reflect")
STEP_TITLES = {
    "wins": "This week's wins",
    "skills": "Re-rate your skills",
    "signals": "Signals and mistakes",
    "plan": "The plan",
    "drill": "The drill",
    "reflect": "Reflect",
}
MAX_FOCUS = 3
REFLECTION_MAX = 20_000
NEXT_THING_MAX = LINES["reviews", "next_thing"].most  # the rule an import and a sync apply too
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
WEEKDAY_KEY = "review.weekday"  # setting: the review day, 0 (Monday) to 6 (Sunday)
DEFAULT_WEEKDAY = 4  # Friday
EARLY_REVIEW_DAYS = 3  # a review day Monday to Wednesday reviews the week that just ended
MIN_YEAR, MAX_YEAR = 1900, 9998
_WEEK = re.compile(r"(\d{4})-?w(\d{1,2})")


def weeks_in_year(year: int) -> int:
    """52 or 53: the ISO week of 28 December is always the year's last."""
    return date(year, 12, 28).isocalendar().week


@dataclass(frozen=True, order=True)
class Week:
    """An ISO week: ``Week(2026, 11)`` is Monday 9 to Sunday 15 March 2026."""

    year: int
    number: int

    @classmethod
    def of(cls, day: date) -> Week:
        iso = day.isocalendar()
        return cls(iso.year, iso.week)

    @property
    def key(self) -> str:
        return f"{self.year}-W{self.number:02d}"

    @property
    def start(self) -> date:
        """Its Monday."""
        return date.fromisocalendar(self.year, self.number, 1)

    @property
    def end(self) -> date:
        """Its Sunday."""
        return self.start + timedelta(days=6)

    def day(self, weekday: int) -> date:
        """The date of a weekday (0 Monday ... 6 Sunday) in this week."""
        return self.start + timedelta(days=weekday)

    def shifted(self, weeks: int) -> Week:
        return Week.of(self.start + timedelta(weeks=weeks))

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    def utc_bounds(self) -> tuple[str, str]:
        """[start, end) of the week's local days as stored UTC text, to compare with stored times."""
        first = datetime.combine(self.start, datetime.min.time()).astimezone()
        after = datetime.combine(self.end + timedelta(days=1), datetime.min.time()).astimezone()
        return clock.utc_iso(first), clock.utc_iso(after)

    @property
    def label(self) -> str:
        """'9–15 Mar 2026', '23 Feb – 1 Mar 2026', '29 Dec 2025 – 4 Jan 2026'."""
        a, b = self.start, self.end
        if a.year != b.year:
            return f"{a.day} {a:%b %Y} – {b.day} {b:%b %Y}"
        if a.month != b.month:
            return f"{a.day} {a:%b} – {b.day} {b:%b %Y}"
        return f"{a.day}–{b.day} {b:%b %Y}"

    def __str__(self) -> str:
        return self.key


def current_week() -> Week:
    """The week of the user's local date now."""
    return Week.of(clock.today())


def parse_week(value: Week | str | None) -> Week:
    """A week from '2026-W11' (any case, the dash optional), 'this', 'last' or any date core.dates reads."""
    if value is None:
        return current_week()
    if isinstance(value, Week):
        return value
    text = str(value).strip().lower()
    if text in ("", "this"):
        return current_week()
    if text == "last":
        return current_week().shifted(-1)
    m = _WEEK.fullmatch(text)
    if m is None:
        try:
            return Week.of(parse_day(text, "week"))
        except CtoError:
            raise CtoError(
                f"bad week {value!r}: use YYYY-Www, e.g. 2026-W48, this, last, or a date in the week ({SYNTAX})"
            ) from None
    year, number = int(m.group(1)), int(m.group(2))
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise CtoError(f"bad week {value!r}: the year must be from {MIN_YEAR} to {MAX_YEAR}")
    last = weeks_in_year(year)
    if not 1 <= number <= last:
        raise CtoError(f"bad week {value!r}: {year} has weeks 1 to {last}")
    return Week(year, number)


def parse_weekday(value: Any) -> int:
    """0 (Monday) to 6 (Sunday) from a name or its first three letters, or 1–7 (ISO, Monday = 1)."""
    text = str(value).strip().lower()
    if text.isdigit() and 1 <= int(text) <= 7:
        return int(text) - 1
    for i, name in enumerate(WEEKDAYS):
        if len(text) >= 3 and name.startswith(text):
            return i
    raise CtoError(f"bad weekday {value!r}: use a day's name (mon, tue, ... sun) or 1-7 with Monday = 1")


def review_weekday(db: Database) -> int:
    value = get_setting(db, WEEKDAY_KEY, DEFAULT_WEEKDAY)
    return value if isinstance(value, int) and 0 <= value <= 6 else DEFAULT_WEEKDAY


def set_review_weekday(db: Database, value: Any) -> int:
    day = parse_weekday(value)
    set_setting(db, WEEKDAY_KEY, day)
    return day


def weekday_name(day: int) -> str:
    return WEEKDAYS[day].capitalize()


def review_day(week: Week, weekday: int) -> date:
    """The day ``week`` is reviewed on: the review day ``weekday`` (0 Monday ... 6 Sunday) of the
    week after when it is early in the week (it looks back), else of the week itself."""
    return week.shifted(1).day(weekday) if weekday < EARLY_REVIEW_DAYS else week.day(weekday)


@dataclass(frozen=True)
class DueReview:
    """What the weekly review asks for on a day (``due_review``)."""

    week: Week  # the week the review opens on
    done: bool  # that week's review is completed
    due: bool  # that week's review is due now: its review day has come and it is not done
    day: date  # the review day to tell of: the week's, or the next week's once it is done


def due_review(today: date, weekday: int, last_done: bool, this_started: bool, this_done: bool = False) -> DueReview:
    """The week to review on ``today`` and whether it is due (see the module docstring): last week
    while this week's review is not started (``this_started``), if the review day ``weekday`` is early
    in the week, or still to come this week while last week is not done (``last_done``); else this week."""
    this = Week.of(today)
    early = weekday < EARLY_REVIEW_DAYS
    looks_back = not this_started and (early or (today.weekday() < weekday and not last_done))
    week = this.shifted(-1) if looks_back else this
    done = last_done if looks_back else this_done
    day = review_day(week.shifted(1) if done else week, weekday)
    return DueReview(week, done, not done and today >= review_day(week, weekday), day)


# The first thing each area recorded, with when (UTC ISO): the earliest is when the user started.
_FIRST_TRACES = (
    ("achievements", "created_at"),
    ("profile", "set_at"),
    ("skill_ratings", "rated_at"),
    ("attempts", "created_at"),
    ("self_check_answers", "answered_at"),
    ("reviews", "started_at"),
)


def a_week_to_review(db: Database, week: Week, today: date) -> bool:
    """Whether a user who never finished a review has a week to look back on: an achievement (not
    deleted) dated in ``week``, or a first trace (an entry, a profile field, a rating, an attempt,
    a self-check, a review begun) 7 days or more before ``today``. Someone five minutes in has
    neither. The database keeps no time of its making: these first traces are what can be known;
    an entry's date alone is not one (last year's wins typed in on the first day)."""
    dated = db.execute(
        "select 1 from achievements where deleted_at is null and occurred_on between ? and ? limit 1",
        [week.start.isoformat(), week.end.isoformat()],
    ).fetchone()
    if dated is not None:
        return True
    firsts = [db.execute(f"select min({column}) from {table}").fetchone()[0] for table, column in _FIRST_TRACES]
    started = min((clock.local(at).date() for at in firsts if at), default=None)
    return started is not None and (today - started).days >= 7


def review_due_now(db: Database, today: date | None = None) -> DueReview:
    """``due_review`` from what is stored: Home, ``ctotui next``, ``ctotui review`` and the app's w.
    A user with no week before this one to look back on (never a review done nor last week's begun,
    and no ``a_week_to_review``: day one) reviews this week: last week was before they started."""
    today = today or clock.today()
    this = Week.of(today)
    last, current = get_review(db, this.shifted(-1)), get_review(db, this)
    due = due_review(
        today,
        review_weekday(db),
        last is not None and last.completed,
        current is not None,
        current is not None and current.completed,
    )
    if due.week == this or last is not None or a_week_to_review(db, due.week, today):
        return due
    if db.execute("select 1 from reviews where completed_at is not null limit 1").fetchone() is not None:
        return due
    return due_review(today, review_weekday(db), False, True, current is not None and current.completed)


def week_to_review(db: Database, today: date | None = None) -> Week:
    """The week the review opens on (``review_due_now``)."""
    return review_due_now(db, today).week


# --- the review row ------------------------------------------------------------------


@dataclass(frozen=True)
class Review:
    id: int
    week: Week
    step: int  # 1-6, where the user is (or stopped)
    reflection: str
    next_thing: str
    started_at: str  # UTC ISO
    updated_at: str
    completed_at: str | None
    focus: tuple[int, ...]  # plan item ids chosen for the week after, in the order chosen

    @property
    def completed(self) -> bool:
        return self.completed_at is not None

    @property
    def step_name(self) -> str:
        return STEPS[self.step - 1]

    @property
    def step_of(self) -> str:
        """ "step 3 of 6": where the review stands."""
        return f"step {self.step} of {len(STEPS)}"

    def to_json(self) -> dict[str, Any]:
        return {
            "week": self.week.key,
            "monday": self.week.start.isoformat(),
            "step": self.step,
            "step_name": self.step_name,
            "completed": self.completed,
            "started_at": self.started_at,
            "updated_at": self.updated_at,
            "completed_at": self.completed_at,
            "reflection": self.reflection,
            "next_thing": self.next_thing,
            "focus": list(self.focus),
        }


_COLUMNS = "id, week, step, reflection, next_thing, started_at, updated_at, completed_at"


def _reviews(db: Database, where: str = "", params: list[Any] | None = None, limit: int = -1) -> list[Review]:
    rows = db.execute(
        f"select {_COLUMNS} from reviews {where} order by week desc limit ?", [*(params or []), limit]
    ).fetchall()
    if not rows:
        return []
    ids = [r[0] for r in rows]
    focus: dict[int, list[int]] = {}
    for review_id, item_id in db.execute(
        f"select review_id, plan_item_id from review_focus where review_id in ({','.join('?' * len(ids))}) "
        "order by chosen_at, plan_item_id",
        ids,
    ).fetchall():
        focus.setdefault(review_id, []).append(item_id)
    return [
        Review(
            id_,
            parse_week(week),
            step,
            clean_block(refl),  # rows stored before the cleaning rule print safely too
            clean_line(nxt),
            started,
            updated,
            completed,
            tuple(focus.get(id_, ())),
        )
        for id_, week, step, refl, nxt, started, updated, completed in rows
    ]


def get_review(db: Database, week: Week | str | None = None) -> Review | None:
    """The week's review (this week's by default), or None if it was never started."""
    found = _reviews(db, "where week = ?", [parse_week(week).key])
    return found[0] if found else None


def list_reviews(db: Database) -> list[Review]:
    """Every review, newest week first."""
    return _reviews(db)


def previous_review(db: Database, week: Week | str | None = None) -> Review | None:
    """The newest review of a week before this one."""
    found = _reviews(db, "where week < ?", [parse_week(week).key], limit=1)
    return found[0] if found else None


def one_thing_for(db: Database, week: Week | str | None = None) -> str:
    """The one thing for next week that the review of the week before ``week`` set for it ('' if none)."""
    before = get_review(db, parse_week(week).shifted(-1))
    return before.next_thing if before else ""


def _require(db: Database, week: Week) -> Review:
    found = get_review(db, week)
    if found is None:  # pragma: no cover - callers create it first
        raise NotFound(f"no review for {week.key}")
    return found


def _ensure(db: Database, week: Week, stamp: str) -> int:
    """The review's id, creating it (with the previous review's open focus carried over)."""
    row = db.execute("select id from reviews where week = ?", [week.key]).fetchone()
    if row is not None:
        return row[0]
    cur = db.execute("insert into reviews (week, started_at, updated_at) values (?, ?, ?)", [week.key, stamp, stamp])
    assert cur.lastrowid is not None  # an INSERT sets it (sqlite3 types it int | None)
    review_id = cur.lastrowid
    before = previous_review(db, week)
    if before is not None and before.focus:
        marks = ",".join("?" * len(before.focus))
        db.execute(
            "insert into review_focus (review_id, plan_item_id, chosen_at) "
            f"select ?, id, ? from plan_items where status = 'open' and id in ({marks})",
            [review_id, stamp, *before.focus],
        )
    return review_id


def _write(
    db: Database, week: Week | str | None, at: datetime | None, sql: str = "", params: list[Any] | None = None
) -> Review:
    """Create the week's review if needed, run one UPDATE on it (``?`` last = its id), stamp it."""
    chosen = parse_week(week)
    stamp = clock.utc_iso(at)
    with writing(db):
        review_id = _ensure(db, chosen, stamp)
        if sql:
            db.execute(f"update reviews set {sql}, updated_at = ? where id = ?", [*(params or []), stamp, review_id])
    return _require(db, chosen)


def start_review(db: Database, week: Week | str | None = None, *, at: datetime | None = None) -> Review:
    """The week's review, created if it does not exist yet."""
    return _write(db, week, at)


def set_step(db: Database, week: Week | str | None, step: int, *, at: datetime | None = None) -> Review:
    if not isinstance(step, int) or not 1 <= step <= len(STEPS):
        raise CtoError(f"a review step is a number from 1 to {len(STEPS)} (got {step!r})")
    return _write(db, week, at, "step = ?", [step])


def clean_reflection(text: str | None) -> str:
    text = clean_block(text).strip()
    if len(text) > REFLECTION_MAX:
        raise CtoError(f"the reflection is {len(text):,} characters long; keep it under {REFLECTION_MAX:,}")
    return text


def clean_next_thing(text: str | None) -> str:
    text = squeeze(text)
    if len(text) > NEXT_THING_MAX:
        raise CtoError(f"'one thing for next week' is {len(text)} characters long; keep it to {NEXT_THING_MAX}")
    return text


def save_text(
    db: Database,
    week: Week | str | None,
    *,
    reflection: str | None = None,
    next_thing: str | None = None,
    at: datetime | None = None,
) -> Review:
    """Save the reflection and/or the one thing for next week (None leaves a field as it is)."""
    sets, params = [], []
    if reflection is not None:
        sets.append("reflection = ?")
        params.append(clean_reflection(reflection))
    if next_thing is not None:
        sets.append("next_thing = ?")
        params.append(clean_next_thing(next_thing))
    return _write(db, week, at, ", ".join(sets), params)


def set_focus(
    db: Database, week: Week | str | None, plan_item_id: int, chosen: bool, *, at: datetime | None = None
) -> Review:
    """Choose a plan item as the next week's focus, or take it off (at most MAX_FOCUS at a time)."""
    chosen_week = parse_week(week)
    item = get_item(db, plan_item_id)  # NotFound for a bad id
    stamp = clock.utc_iso(at)
    with writing(db):
        review_id = _ensure(db, chosen_week, stamp)
        have = [r[0] for r in db.execute("select plan_item_id from review_focus where review_id = ?", [review_id])]
        if chosen and item.id not in have:
            if item.status != "open":
                raise CtoError(f"plan item {item.id} is {item.status}; only an open item can be a focus")
            if len(have) >= MAX_FOCUS:
                raise CtoError(f"a week has room for {MAX_FOCUS} focus items at most; take one off first")
            db.execute(
                "insert into review_focus (review_id, plan_item_id, chosen_at) values (?, ?, ?)",
                [review_id, item.id, stamp],
            )
        elif not chosen:
            db.execute("delete from review_focus where review_id = ? and plan_item_id = ?", [review_id, item.id])
        db.execute("update reviews set updated_at = ? where id = ?", [stamp, review_id])
    return _require(db, chosen_week)


def toggle_focus(db: Database, week: Week | str | None, plan_item_id: int, *, at: datetime | None = None) -> Review:
    current = get_review(db, week)
    return set_focus(db, week, plan_item_id, not (current and plan_item_id in current.focus), at=at)


def complete_review(db: Database, week: Week | str | None = None, *, at: datetime | None = None) -> Review:
    """Mark the review done (the first completion's time is kept; editing later does not undo it)."""
    stamp = clock.utc_iso(at)
    return _write(db, week, at, "step = ?, completed_at = coalesce(completed_at, ?)", [len(STEPS), stamp])
