"""Progress per criterion over time (issue 17): the six general criteria and each category's own.

For each criterion: how many answers scored it, the mean of its last ``RECENT_ATTEMPTS`` scores
(0–2) and its mean score by week (the last ``WEEKS`` weeks with an attempt scoring it, Monday of
the user's local week). The general criteria count every answer; a category's own criteria count
that category's answers scored since issue 17 (older attempts have none); the shared ones
("improvement-plan") count every category's. Retired questions' attempts are left out, as in
core/drill/progress.py. It shows where answers are weak (scores run low on one criterion) and
whether that is improving.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from ctotui.core import clock, playbook
from ctotui.core.drill.realism import criteria_json
from ctotui.core.row_rules import scores_problem
from ctotui.core.rubric import MAX_SCORE, RECENT_ATTEMPTS

if TYPE_CHECKING:
    from sqlite_utils import Database

WEEKS = 8
GENERAL = "general"  # the "for" of the six general criteria
SHARED = "shared"  # the "for" of the criteria every category shares


@dataclass(frozen=True)
class CriterionProgress:
    id: str
    name: str
    scope: str  # GENERAL, SHARED, or the category's slug
    scored: int  # answers that scored it
    recent_average: float | None  # mean of its last RECENT_ATTEMPTS scores (0–2), None when never scored
    weekly: tuple[tuple[date, float], ...]  # (Monday, mean score) for the weeks it was scored, oldest first

    @property
    def max_score(self) -> int:
        return MAX_SCORE

    def to_json(self) -> dict[str, object]:
        return {
            "criterion": self.id,
            "name": self.name,
            "for": self.scope,
            "scored": self.scored,
            "recent_average": self.recent_average,
            "weekly": [[d.isoformat(), round(avg, 2)] for d, avg in self.weekly],
        }


def _criteria() -> list[tuple[str, str, str]]:
    """(id, name, scope) of every criterion, in the order shown: general, each category's, shared."""
    pb = playbook.load()
    found = [(c.id, c.name, GENERAL) for c in pb.rubric]
    for ic in pb.interview:
        found += [(c.id, c.name, ic.slug) for c in ic.criteria]
    return found + [(c.id, c.name, SHARED) for c in pb.shared_criteria]


def criterion_progress(db: Database, *, now: datetime | None = None, weeks: int = WEEKS) -> list[CriterionProgress]:
    """Every criterion's scores over time (see the module's docstring), in the playbook's order."""
    now = now or clock.now()
    today = now.astimezone().date()
    start = today - timedelta(days=today.weekday() + 7 * (weeks - 1))
    rows = db.execute(
        "select a.scores, a.criteria_scores, a.created_at from attempts a join questions q on q.id = a.question_id "
        "where q.retired_at is null order by a.created_at desc, a.id desc"
    ).fetchall()
    scores: dict[str, list[tuple[date, int]]] = defaultdict(list)  # newest first
    for general, own, created in rows:
        day = clock.local(created).date()
        given = {} if scores_problem(general) else dict(json.loads(general))
        given.update(criteria_json(own))
        for cid, value in given.items():
            scores[cid].append((day, value))
    found = []
    for cid, name, scope in _criteria():
        mine = scores.get(cid, [])
        recent = [v for _, v in mine[:RECENT_ATTEMPTS]]
        buckets: dict[date, list[int]] = defaultdict(list)
        for day, value in mine:
            if day >= start:
                buckets[day - timedelta(days=day.weekday())].append(value)
        found.append(
            CriterionProgress(
                id=cid,
                name=name,
                scope=scope,
                scored=len(mine),
                recent_average=round(sum(recent) / len(recent), 1) if recent else None,
                weekly=tuple((w, sum(v) / len(v)) for w, v in sorted(buckets.items())),
            )
        )
    return found


def weakest(rows: list[CriterionProgress]) -> CriterionProgress | None:
    """The criterion with the lowest recent average among those scored (ties: the playbook's order)."""
    scored = [r for r in rows if r.recent_average is not None]
    return min(scored, key=lambda r: r.recent_average or 0.0) if scored else None
