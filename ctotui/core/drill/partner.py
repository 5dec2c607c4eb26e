"""A partner's score: a second person scores the same answer, and the two are compared.

The partner scores on the same rubric as the candidate (the six general criteria) and on the
question's category criteria with the shared ones (``Playbook.criteria_for``). Neither sees the
other's scores before both are in: the app holds the partner's scores in memory until the
self-score is given, then ``record_with_partner`` saves the attempt and the partner's scores in
one transaction. So the database never holds one without the other.

``self_vs_partner`` compares, per criterion, the mean self-score with the mean partner score over
the attempts both scored: a positive gap is over-rating.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ctotui.core import clock, playbook
from ctotui.core.drill import bank as drill
from ctotui.core.drill.attempts import split_score
from ctotui.core.drill.realism import criteria_for
from ctotui.core.errors import CtoError, NotFound
from ctotui.core.rubric import MAX_SCORE, MAX_TOTAL, Scores, check_criteria_scores
from ctotui.core.terms import INTERVIEW_CATEGORIES, RUBRIC

if TYPE_CHECKING:
    from datetime import datetime

    from sqlite_utils import Database

    from ctotui.core.rubric import Rating


@dataclass(frozen=True)
class PartnerScore:
    """A partner's scores of one attempt."""

    attempt_id: int
    scores: Scores  # the six general criteria
    criteria: tuple[tuple[str, int], ...]  # the category's criteria and the shared ones, in the playbook's order
    created_at: str

    @property
    def total(self) -> int:
        """The rubric's total (0-12), as ``Attempt.total``: the signals are apart, never added to it."""
        return self.scores.total

    @property
    def criteria_total(self) -> int:
        """The signals: the category's criteria and the shared ones, summed (as ``Attempt.criteria_total``)."""
        return sum(v for _, v in self.criteria)

    @property
    def criteria_max(self) -> int:
        return MAX_SCORE * len(self.criteria)

    @property
    def score_text(self) -> str:
        """Said as the self-score is (Attempt.score_text): "9/12 · signals 10/10"."""
        return split_score(self.total, MAX_TOTAL, self.criteria_total, self.criteria_max)

    def as_dict(self) -> dict[str, int]:
        """Every criterion scored, general ones first."""
        return {**self.scores.as_dict(), **dict(self.criteria)}

    def to_json(self) -> dict[str, object]:
        return {
            "scores": self.scores.as_dict(),
            "criteria_scores": dict(self.criteria),
            "rubric": self.total,
            "rubric_max": MAX_TOTAL,
            "signals": self.criteria_total,
            "signals_max": self.criteria_max,
        }


@dataclass(frozen=True)
class Gap:
    """Self against partner on one criterion, over the attempts both scored."""

    criterion: str
    name: str
    pairs: int
    self_mean: float
    partner_mean: float

    @property
    def gap(self) -> float:
        """Self minus partner: above 0 the candidate rates themself higher."""
        return round(self.self_mean - self.partner_mean, 2)

    def to_json(self) -> dict[str, object]:
        return {
            "criterion": self.criterion,
            "name": self.name,
            "pairs": self.pairs,
            "self": round(self.self_mean, 2),
            "partner": round(self.partner_mean, 2),
            "gap": self.gap,
        }


def criteria_ids(category: str) -> tuple[str, ...]:
    """The ids of the criteria scored besides the general rubric: the category's own, then the shared."""
    return tuple(c.id for c in criteria_for(category))


def check_criteria(category: str, scores: Mapping[str, int]) -> tuple[tuple[str, int], ...]:
    """Every criterion of ``category`` once, 0, 1 or 2; otherwise a CtoError naming what is off."""
    return tuple(check_criteria_scores(scores, criteria_ids(category)).items())


def save_partner_scores(
    db: Database, attempt_id: int, scores: Mapping[str, int], criteria: Mapping[str, int]
) -> PartnerScore:
    """Store (or replace) the partner's scores of an attempt."""
    attempt = drill.get_attempt(db, attempt_id)
    category = drill.get_question(db, attempt.question_id).category
    general = Scores.of(scores)
    own = check_criteria(category, criteria)
    stamp = clock.utc_iso()
    db.execute(
        "insert or replace into partner_scores (attempt_id, scores, criteria_scores, created_at) values (?, ?, ?, ?)",
        [attempt_id, json.dumps(general.as_dict()), json.dumps(dict(own)), stamp],
    )
    return PartnerScore(attempt_id, general, own, stamp)


def record_with_partner(
    db: Database,
    question_id: int,
    answer: str,
    scores: Mapping[str, int],
    seconds: int,
    partner: tuple[Mapping[str, int], Mapping[str, int]] | None,
    *,
    criteria_scores: Mapping[str, int] | None = None,
    follow_up: str = "",
    follow_up_answer: str = "",
    follow_up_seconds: int = 0,
    brief: str = "",
    ask_first: str = "",
    now: datetime | None = None,
    fuzz: bool = True,
    promised: Mapping[Rating, datetime] | None = None,
) -> tuple[drill.Attempt, PartnerScore | None]:
    """The self-scored attempt (``bank.record_attempt``, with the same arguments) and the
    partner's scores of it (``partner``: the general scores and the category's, or None when no
    partner scored), saved together: both or neither."""
    if partner is not None:
        category = drill.get_question(db, question_id).category
        Scores.of(partner[0])  # checked before anything is written
        check_criteria(category, partner[1])
    with db.atomic():
        saved = drill.record_attempt(
            db,
            question_id,
            answer,
            scores,
            seconds,
            criteria_scores=criteria_scores,
            follow_up=follow_up,
            follow_up_answer=follow_up_answer,
            follow_up_seconds=follow_up_seconds,
            brief=brief,
            ask_first=ask_first,
            now=now,
            fuzz=fuzz,
            promised=promised,
        )
        theirs = None if partner is None else save_partner_scores(db, saved.id, *partner)
    return saved, theirs


def _partner(row: tuple) -> PartnerScore | None:
    attempt_id, scores, criteria, created = row
    try:
        general = Scores.of(json.loads(scores))
        own = {str(k): v for k, v in json.loads(criteria).items()}
    except (CtoError, ValueError, AttributeError, TypeError):
        return None  # written around ctotui: left out, as unreadable attempts are
    if any(isinstance(v, bool) or not isinstance(v, int) or not 0 <= v <= MAX_SCORE for v in own.values()):
        return None
    return PartnerScore(attempt_id, general, tuple(own.items()), created)


def partner_score(db: Database, attempt_id: int) -> PartnerScore | None:
    """The partner's scores of an attempt, or None when no partner scored it."""
    row = db.execute(
        "select attempt_id, scores, criteria_scores, created_at from partner_scores where attempt_id = ?",
        [attempt_id],
    ).fetchone()
    return None if row is None else _partner(row)


def get_partner_score(db: Database, attempt_id: int) -> PartnerScore:
    found = partner_score(db, attempt_id)
    if found is None:
        raise NotFound(f"no partner score for attempt {attempt_id}")
    return found


def criterion_names() -> dict[str, str]:
    """Every criterion's name by id: the general rubric's, then each category's and the shared."""
    pb = playbook.load()
    names = {c.id: c.name for c in pb.rubric}
    for slug in INTERVIEW_CATEGORIES:
        names.update((c.id, c.name) for c in criteria_for(slug))
    return names


def self_vs_partner(db: Database, category: str | None = None) -> list[Gap]:
    """Per criterion, the mean self-score and the mean partner score over the attempts both scored
    (of one category, or all): the general rubric first, then each category's criteria."""
    where, params = "", []
    if category is not None:
        where, params = "where q.category = ?", [drill.check_category(category)]
    rows = db.execute(
        "select a.scores, a.criteria_scores, p.attempt_id, p.scores, p.criteria_scores, p.created_at "
        "from partner_scores p join attempts a on a.id = p.attempt_id "
        f"join questions q on q.id = a.question_id {where} order by a.id",
        params,
    ).fetchall()
    pairs: dict[str, list[tuple[int, int]]] = {}
    for self_scores, self_criteria, *partner_row in rows:
        partner = _partner(tuple(partner_row))
        try:
            mine = {**Scores.of(json.loads(self_scores)).as_dict(), **json.loads(self_criteria or "{}")}
        except (CtoError, ValueError, TypeError):
            continue
        if partner is None:
            continue
        for criterion, theirs in partner.as_dict().items():
            own = mine.get(criterion)
            if isinstance(own, int) and not isinstance(own, bool):
                pairs.setdefault(criterion, []).append((own, theirs))
    names = criterion_names()
    order = [*RUBRIC, *(c for c in names if c not in RUBRIC)]
    found = []
    for criterion in order:
        both = pairs.get(criterion)
        if both:
            found.append(
                Gap(
                    criterion,
                    names[criterion],
                    len(both),
                    sum(s for s, _ in both) / len(both),
                    sum(p for _, p in both) / len(both),
                )
            )
    return found
