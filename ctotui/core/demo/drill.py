"""Demo data for the drill: six weeks of practice sessions.

Every few days a session of the questions that were due then (as the app
would pick them), answered with scores that improve over the weeks, some
over time; one question keeps falling apart (a weak spot). If the journal is
in this build, a few achievements are linked to questions as stories.
Deterministic for a given seed and CTOTUI_NOW; fsrs's fuzz is off here
because it draws from the global random generator.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import TYPE_CHECKING

from ctotui.core.drill import bank as drill
from ctotui.core.drill import stories
from ctotui.core.drill.progress import session_queue
from ctotui.core.terms import RUBRIC

if TYPE_CHECKING:
    from sqlite_utils import Database

    from ctotui.core.demo.build import DemoContext

WEEKS = 6
WEAK_SPOT = "ntl-budget-cut"
# How good the demo user starts out per category (mean score per criterion, 0-2), and the gain per week.
START = {"own-the-stack": 1.2, "non-technical-leaders": 0.7, "build-the-team": 1.0}
GAIN = 0.1  # a level's gain a week: the weeks' averages climb through the demo's noise
ANSWERS = (
    "Situation: checkout fell over at peak. I led the fix: a queue in front of payments and load tests "
    "every release. Result: no peak outage in a year, p99 from 900 to 250 ms.",
    "I would start by asking what the board fears most, then show two options with their cost and "
    "pick one: the cheaper one, because the team is four people.",
    "We had two seniors who disagreed on everything. I gave each a clear area and a shared goal; "
    "delivery went from monthly to weekly within a quarter.",
    "Trade-off first: speed now against rework later. I chose to ship a narrow version in four weeks "
    "and said plainly what it would not do.",
    "Not sure yet; I talked around it and ran out of time.",
)


def _scores(ctx: DemoContext, level: float) -> dict[str, int]:
    return {c: max(0, min(2, round(level + ctx.rng.uniform(-0.7, 0.7)))) for c in RUBRIC}


def _at(ctx: DemoContext, days_ago: int, minute: int) -> datetime:
    local = datetime.combine(ctx.today - timedelta(days=days_ago), time(19, 0)).astimezone()
    return local + timedelta(minutes=minute)


def _answer(db: Database, ctx: DemoContext, question: drill.Question, scores: dict[str, int], at: datetime) -> None:
    limit = drill.timer_seconds(db, question.category)
    seconds = int(limit * ctx.rng.uniform(0.6, 1.3))
    text = ANSWERS[-1] if sum(scores.values()) <= 4 else ctx.rng.choice(ANSWERS[:-1])
    drill.record_attempt(db, question.id, text, scores, seconds, now=at, fuzz=False)


def fill(db: Database, ctx: DemoContext) -> None:
    days_ago = WEEKS * 7
    while days_ago > 0:
        week = (WEEKS * 7 - days_ago) / 7
        at = _at(ctx, days_ago, 0)
        for i, q in enumerate(session_queue(db, now=at, limit=ctx.rng.randint(3, 5))):
            if q.source_id == WEAK_SPOT:
                continue
            _answer(db, ctx, q, _scores(ctx, START[q.category] + GAIN * week), at + timedelta(minutes=4 * i))
        days_ago -= ctx.rng.randint(2, 4)
    weak = drill.get_question(db, WEAK_SPOT)
    for n, days in enumerate((40, 36, 33, 27, 24, 17, 14, 6)):  # learned, forgotten, relearned... three lapses
        scores = _scores(ctx, 1.6) if n % 2 == 0 else dict.fromkeys(RUBRIC, 0)
        _answer(db, ctx, drill.get_question(db, weak.id), scores, _at(ctx, days, 30))
    _link_stories(db, ctx)


def _link_stories(db: Database, ctx: DemoContext) -> None:
    if not stories.journal_available(db):
        return
    for q in drill.list_questions(db)[::3]:
        found = stories.suggestions(db, q.id, limit=2)
        for story in found[: ctx.rng.randint(0, len(found))]:
            stories.link_story(db, q.id, story.achievement_id)
