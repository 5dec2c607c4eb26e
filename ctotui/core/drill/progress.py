"""What to practise next and how the practice is going.

``session_queue`` picks a session's questions:

* "due now" (no category): questions fsrs says are due. Questions already
  practised come first, then new ones; within each group the categories are
  interleaved, the weakest category (lowest readiness) first, and within a
  category the question most likely forgotten (lowest retrievability) first,
  new ones in the playbook's order, those for the user's path first (bank.lean_to_path).
* one category: its due questions (most likely forgotten first), then its new
  ones, then, to practise ahead, the rest by how soon they fall due.

Either way a session holds at most the session size (default 5), so a
backlog never turns into a marathon: what is left waits for the next one.

``progress`` gives per category: the average rubric total by week, what is
due, readiness (formula in core/rubric.py) and its parts; ``weak_spots`` the
questions forgotten ``LEECH_LAPSES`` times or more (Anki's leeches).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from itertools import chain, zip_longest
from typing import TYPE_CHECKING

from ctotui.core import clock, playbook
from ctotui.core.drill.bank import Question, check_category, lean_to_path, list_questions, scheduler, user_path
from ctotui.core.drill.settings import drill_settings
from ctotui.core.rubric import LEECH_LAPSES, MAX_TOTAL, RECENT_ATTEMPTS, readiness
from ctotui.core.terms import INTERVIEW_CATEGORIES

if TYPE_CHECKING:
    from sqlite_utils import Database

WEEKS = 8


@dataclass(frozen=True)
class CategoryProgress:
    slug: str
    name: str
    questions: int  # live questions in the bank
    practised: int  # of those, answered at least once
    due: int  # practised and due now
    new: int  # never practised
    attempts: int
    recent_average: float | None  # mean total of the last RECENT_ATTEMPTS attempts (0–12)
    retrievability: float | None  # mean fsrs retrievability of the practised questions (0–1)
    readiness: int  # 0–100
    weekly: tuple[tuple[date, float], ...]  # (Monday, mean total) for the weeks with attempts, oldest first

    @property
    def max_total(self) -> int:
        return MAX_TOTAL

    def to_json(self) -> dict[str, object]:
        return {
            "category": self.slug,
            "questions": self.questions,
            "practised": self.practised,
            "due": self.due,
            "new": self.new,
            "attempts": self.attempts,
            "recent_average": self.recent_average,
            "retrievability": None if self.retrievability is None else round(self.retrievability, 3),
            "readiness": self.readiness,
            "weekly": [[d.isoformat(), round(avg, 2)] for d, avg in self.weekly],
        }


@dataclass(frozen=True)
class DueSummary:
    due: int  # practised questions due now
    new: int  # questions never practised
    next_due: datetime | None  # the soonest practised question not yet due
    queue: tuple[Question, ...]  # what "due now" would start with

    def to_json(self, now: datetime | None = None) -> dict[str, object]:
        return {
            "due": self.due,
            "new": self.new,
            "next_due": clock.utc_iso(self.next_due) if self.next_due else None,
            "session": [q.to_json(now) for q in self.queue],
        }


def _retrievability(questions: Iterable[Question], now: datetime) -> dict[int, float]:
    s = scheduler(fuzz=False)
    return {q.id: s.get_card_retrievability(q.card(), now) for q in questions if not q.is_new}


def _recent_totals(db: Database) -> dict[str, list[int]]:
    rows = db.execute(
        "select category, total from (select q.category, a.total, row_number() over "
        "(partition by q.category order by a.created_at desc, a.id desc) as n "
        "from attempts a join questions q on q.id = a.question_id where q.retired_at is null) where n <= ?",
        [RECENT_ATTEMPTS],
    ).fetchall()
    found: dict[str, list[int]] = defaultdict(list)
    for category, total in rows:
        found[category].append(total)
    return found


def _weekly(db: Database, weeks: int, today: date) -> dict[str, list[tuple[date, float]]]:
    start = today - timedelta(days=today.weekday() + 7 * (weeks - 1))
    cutoff = clock.utc_iso(datetime.combine(start, datetime.min.time()).astimezone())
    rows = db.execute(
        "select q.category, a.total, a.created_at from attempts a join questions q on q.id = a.question_id "
        "where a.created_at >= ? and q.retired_at is null",
        [cutoff],
    ).fetchall()
    buckets: dict[str, dict[date, list[int]]] = defaultdict(lambda: defaultdict(list))
    for category, total, created in rows:
        day = clock.local(created).date()
        buckets[category][day - timedelta(days=day.weekday())].append(total)
    return {c: [(w, sum(t) / len(t)) for w, t in sorted(b.items())] for c, b in buckets.items()}


def progress(db: Database, *, now: datetime | None = None, weeks: int = WEEKS) -> list[CategoryProgress]:
    """One line of progress per interview category, in the playbook's order."""
    now = now or clock.now()
    questions = list_questions(db)
    recall = _retrievability(questions, now)
    recent = _recent_totals(db)
    weekly = _weekly(db, weeks, now.astimezone().date())
    counts = dict(
        db.execute(
            "select q.category, count(*) from attempts a join questions q on q.id = a.question_id "
            "where q.retired_at is null group by q.category"
        ).fetchall()
    )
    found = []
    for ic in playbook.load().interview:
        mine = [q for q in questions if q.category == ic.slug]
        practised = [q for q in mine if not q.is_new]
        values = [recall[q.id] for q in practised]
        totals = recent.get(ic.slug, [])
        found.append(
            CategoryProgress(
                slug=ic.slug,
                name=ic.name,
                questions=len(mine),
                practised=len(practised),
                due=sum(1 for q in practised if q.is_due(now)),
                new=len(mine) - len(practised),
                attempts=counts.get(ic.slug, 0),
                recent_average=round(sum(totals) / len(totals), 1) if totals else None,
                retrievability=sum(values) / len(values) if values else None,
                readiness=readiness(totals, values, len(practised)),
                weekly=tuple(weekly.get(ic.slug, ())),
            )
        )
    return found


def weak_spots(db: Database) -> list[Question]:
    """Live questions that lapsed LEECH_LAPSES times or more, most lapses first."""
    spots = [q for q in list_questions(db) if q.lapses >= LEECH_LAPSES]
    return sorted(spots, key=lambda q: (-q.lapses, q.id))


def _interleave(groups: list[list[Question]]) -> list[Question]:
    return [q for q in chain.from_iterable(zip_longest(*groups)) if q is not None]


def session_queue(
    db: Database, category: str | None = None, *, limit: int | None = None, now: datetime | None = None
) -> list[Question]:
    """The questions of one session (see the module docstring for the order)."""
    now = now or clock.now()
    limit = drill_settings(db).session_size if limit is None else limit
    questions = list_questions(db, check_category(category) if category else None)
    recall = _retrievability(questions, now)
    due = sorted((q for q in questions if not q.is_new and q.is_due(now)), key=lambda q: (recall[q.id], q.id))
    new = lean_to_path((q for q in questions if q.is_new), user_path(db))  # the user's path first (bank.py)
    if category is not None:
        ahead = sorted((q for q in questions if not q.is_new and not q.is_due(now)), key=lambda q: (q.due, q.id))
        return [*due, *new, *ahead][:limit]
    order = {p.slug: (p.readiness, i) for i, p in enumerate(progress(db, now=now))}
    weakest_first = sorted(INTERVIEW_CATEGORIES, key=lambda c: order[c])

    def by_category(pool: list[Question]) -> list[list[Question]]:
        return [[q for q in pool if q.category == c] for c in weakest_first]

    return [*_interleave(by_category(due)), *_interleave(by_category(new))][:limit]


def due_summary(db: Database, *, now: datetime | None = None) -> DueSummary:
    now = now or clock.now()
    questions = list_questions(db)
    practised = [q for q in questions if not q.is_new]
    later = [q.due for q in practised if not q.is_due(now)]
    return DueSummary(
        due=sum(1 for q in practised if q.is_due(now)),
        new=len(questions) - len(practised),
        next_due=min(later) if later else None,
        queue=tuple(session_queue(db, now=now)),
    )
