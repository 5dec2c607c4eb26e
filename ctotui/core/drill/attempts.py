"""Attempts as stored: one answer each, read back for the history, progress and the scheduler.

core/drill/bank.py writes them (``record_attempt``) and re-exports what is here, so callers keep
using ``bank.attempts``, ``bank.Attempt``... This module imports nothing of bank's (no cycle).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from fsrs import ReviewLog

from ctotui.core.drill.realism import brief_fields, criteria_json
from ctotui.core.errors import NotFound
from ctotui.core.row_rules import attempt_readable, review_log_problem
from ctotui.core.rubric import MAX_SCORE, MAX_TOTAL, Rating, Scores
from ctotui.core.text import clean_block, clean_line

if TYPE_CHECKING:
    from datetime import datetime

    import fsrs
    from sqlite_utils import Database


def split_score(rubric: int, rubric_max: int, signals: int, signals_max: int, *, short: bool = False) -> str:
    """A rubric score and a signals score said apart, never summed: "9/12 · signals 10/10" (just
    "9/12" with no signals scored). Every score of the drill is said this way; ``short`` leaves
    the word out ("9/12 · 10/10") for a narrow table column."""
    said = f" · {'' if short else 'signals '}{signals}/{signals_max}" if signals_max else ""
    return f"{rubric}/{rubric_max}{said}"


@dataclass(frozen=True)
class Attempt:
    id: int
    question_id: int
    question_text: str
    answer: str
    scores: Scores
    total: int
    seconds: int
    limit_seconds: int
    rating: Rating
    lapse: bool
    created_at: str
    due_after: datetime | None = None  # when the question comes back (set by record_attempt)
    follow_up: str = ""  # the follow-up challenge shown ('' = none)
    follow_up_answer: str = ""
    follow_up_seconds: int = 0
    brief: str = ""  # JSON of the scenario brief shown ('' = none)
    ask_first: str = ""  # "what I would ask first"
    criteria_scores: dict[str, int] = field(default_factory=dict)  # the category's own criteria, id → 0..2

    @property
    def overtime(self) -> int:
        """Seconds over the limit (0 within it)."""
        return max(0, self.seconds - self.limit_seconds)

    @property
    def criteria_total(self) -> int:
        return sum(self.criteria_scores.values())

    @property
    def criteria_max(self) -> int:
        return MAX_SCORE * len(self.criteria_scores)

    @property
    def score_text(self) -> str:
        """The score as the app and the CLI say it: "9/12 · signals 10/10" (the rubric's total, then
        the category's signals, as the rating weighs them: core/rubric.py), never one sum of both."""
        return split_score(self.total, MAX_TOTAL, self.criteria_total, self.criteria_max)

    @property
    def short_score_text(self) -> str:
        """``score_text`` for a narrow column: "9/12 · 10/10" (the rubric's, then the signals)."""
        return split_score(self.total, MAX_TOTAL, self.criteria_total, self.criteria_max, short=True)

    def scenario(self) -> dict[str, str]:
        """The brief's fields (id, name, stage, team, stack, revenue, constraint); {} when none was shown."""
        return brief_fields(self.brief)


_ATTEMPT_COLUMNS = (
    "id, question_id, question_text, answer, scores, total, seconds, limit_seconds, rating, lapse, created_at, "
    "follow_up, follow_up_answer, follow_up_seconds, brief, ask_first, criteria_scores"
)


def _attempt(row: tuple) -> Attempt:
    (id_, qid, qtext, answer, scores, total, seconds, limit, rating, lapse, created, *extra) = row
    follow_up, follow_answer, follow_seconds, brief, ask_first, criteria = extra
    return Attempt(
        id_,
        qid,
        clean_line(qtext),
        clean_block(answer),
        Scores.of(json.loads(scores)),
        total,
        seconds,
        limit,
        Rating(rating),
        bool(lapse),
        created,
        follow_up=clean_line(follow_up),
        follow_up_answer=clean_block(follow_answer),
        follow_up_seconds=follow_seconds if type(follow_seconds) is int and follow_seconds >= 0 else 0,
        brief=brief if brief_fields(brief) else "",
        ask_first=clean_block(ask_first),
        criteria_scores=criteria_json(criteria),
    )


def attempts(db: Database, *, question_id: int | None = None, limit: int = 50) -> list[Attempt]:
    """Attempts, newest first (of one question, or of all)."""
    where = "where question_id = ?" if question_id is not None else ""
    params: list[object] = [question_id] if question_id is not None else []
    rows = db.execute(
        f"select {_ATTEMPT_COLUMNS} from attempts {where} order by created_at desc, id desc limit ?", [*params, limit]
    ).fetchall()
    return [_attempt(r) for r in rows if attempt_readable(r[4], r[8])]


def last_scores(db: Database) -> dict[int, str]:
    """Each practised question's latest score, short: "12/12 · 9/10" (``Attempt.short_score_text``)."""
    rows = db.execute(
        f"select {_ATTEMPT_COLUMNS} from (select *, row_number() over "
        "(partition by question_id order by created_at desc, id desc) as n from attempts) where n = 1"
    ).fetchall()
    return {a.question_id: a.short_score_text for a in (_attempt(r) for r in rows if attempt_readable(r[4], r[8]))}


def get_attempt(db: Database, attempt_id: int) -> Attempt:
    row = db.execute(f"select {_ATTEMPT_COLUMNS} from attempts where id = ?", [attempt_id]).fetchone()
    if row is None or not attempt_readable(row[4], row[8]):  # one written around ctotui: `ctotui check` names it
        raise NotFound(f"no attempt with id {attempt_id}")
    return _attempt(row)


def review_logs(db: Database, question_id: int) -> list[fsrs.ReviewLog]:
    """The question's fsrs review logs, oldest first (what fsrs's optimizer reads)."""
    rows = db.execute(  # by time: a sync adds attempts in the order they arrive (core/latest.py)
        "select review_log from attempts where question_id = ? order by created_at, id", [question_id]
    ).fetchall()
    return [ReviewLog.from_json(r[0]) for r in rows if not review_log_problem(r[0])]
