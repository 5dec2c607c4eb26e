"""Follow-ups and scenario briefs rotate (core/drill/realism.py), and progress per criterion (core/drill/criteria.py)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from ctotui.core import playbook
from ctotui.core.drill import bank as drill
from ctotui.core.drill import realism
from ctotui.core.drill.criteria import GENERAL, SHARED, criterion_progress, weakest
from ctotui.core.playbook import RUBRIC

FULL = dict.fromkeys(RUBRIC, 2)
NOW = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)  # a Monday


def _scenario_question(db) -> drill.Question:
    return next(q for q in drill.list_questions(db) if realism.is_scenario(q.source_id))


def _answer(db, q, plan, *, now=NOW, criteria=None, scores=FULL):
    return drill.record_attempt(
        db,
        q.id,
        "an answer",
        scores,
        60,
        criteria_scores=criteria,
        follow_up=plan.follow_up,
        follow_up_answer="a reply",
        follow_up_seconds=20,
        brief=plan.brief,
        now=now,
        fuzz=False,
    )


def test_follow_ups_rotate_least_recently_shown_first(db) -> None:
    q = _scenario_question(db)
    options = realism.follow_ups(q.source_id)
    assert 2 <= len(options) <= 4
    shown = []
    for _ in range(len(options) + 2):
        plan = realism.plan_question(db, q.id, q.source_id, q.category)
        shown.append(plan.follow_up)
        _answer(db, q, plan)
    # each once in the playbook's order, then again from the one shown longest ago
    assert shown == [*options, options[0], options[1]]


def test_scenarios_rotate_across_questions(db) -> None:
    pool = realism.scenarios()
    assert len(pool) >= 6
    questions = [q for q in drill.list_questions(db) if realism.is_scenario(q.source_id)]
    seen = []
    for i in range(len(pool) + 1):
        q = questions[i % len(questions)]
        plan = realism.plan_question(db, q.id, q.source_id, q.category)
        seen.append(plan.scenario()["id"])
        _answer(db, q, plan)
    assert seen == [*(s.id for s in pool), pool[0].id]  # never the same twice in a row; each once before repeats
    # the brief keeps every field of the scenario shown
    first = drill.attempts(db, limit=100)[-1].scenario()
    assert first == {f: getattr(pool[0], f) for f in realism.BRIEF_FIELDS}


def test_a_question_without_scenario_or_follow_ups_plans_none(db) -> None:
    plain = next(q for q in drill.list_questions(db) if not realism.is_scenario(q.source_id))
    assert realism.plan_question(db, plain.id, plain.source_id, plain.category).brief == ""
    own = drill.add_question(db, "build-the-team", "How do you run your one-on-ones?")
    plan = realism.plan_question(db, own.id, own.source_id, own.category)
    assert (plan.brief, plan.follow_up, realism.outline(own.source_id)) == ("", "", ())
    assert plan.follow_up_seconds == 60 and plan.timer_seconds == 120


def test_progress_per_criterion_over_time(db) -> None:
    q = drill.get_question(db, "ots-10x-traffic")
    ids = [c.id for c in playbook.load().criteria_for(q.category)]
    plan = realism.plan_question(db, q.id, q.source_id, q.category)
    low = {**FULL, "tradeoffs": 0}
    _answer(db, q, plan, now=NOW - timedelta(days=7), scores=low, criteria=dict.fromkeys(ids, 0))  # last week
    _answer(db, q, plan, now=NOW, criteria=dict.fromkeys(ids, 2))  # this week
    _answer(db, q, plan, now=NOW + timedelta(hours=1), scores=low)  # this week, no category criteria
    rows = {r.id: r for r in criterion_progress(db, now=NOW + timedelta(hours=2))}
    assert [r.scope for r in rows.values()][: len(RUBRIC)] == [GENERAL] * len(RUBRIC)
    assert rows["improvement-plan"].scope == SHARED
    assert rows["ots-asks-first"].scope == "own-the-stack"
    tradeoffs = rows["tradeoffs"]
    assert tradeoffs.scored == 3 and tradeoffs.recent_average == round(2 / 3, 1)
    assert [avg for _, avg in tradeoffs.weekly] == [0.0, 1.0]  # last week 0; this week (2 + 0) / 2
    assert [d.weekday() for d, _ in tradeoffs.weekly] == [0, 0]  # Mondays
    asks = rows["ots-asks-first"]
    assert asks.scored == 2 and asks.recent_average == 1.0
    assert [avg for _, avg in asks.weekly] == [0.0, 2.0]
    assert rows["ntl-plain-words"].scored == 0 and rows["ntl-plain-words"].recent_average is None
    assert rows["structure"].recent_average == 2.0
    weak = weakest(list(rows.values()))
    assert weak is not None and weak.id == "tradeoffs"
    assert rows["tradeoffs"].to_json()["weekly"][1][1] == 1.0


def test_the_follow_up_shown_longest_ago_is_found_by_time_not_by_id(db) -> None:
    """A sync adds attempts in the order they arrive: the follow-up shown longest ago can hold the
    highest id. Each option here was shown a day before the one above it, written newest first."""
    q = _scenario_question(db)
    options = realism.follow_ups(q.source_id)
    for days, option in enumerate(options):
        drill.record_attempt(
            db, q.id, "an answer", FULL, 60, follow_up=option, follow_up_answer="a reply", follow_up_seconds=20,
            now=NOW - timedelta(days=days), fuzz=False,
        )  # fmt: skip
    assert realism.plan_question(db, q.id, q.source_id, q.category).follow_up == options[-1]
    times = [log.review_datetime for log in drill.review_logs(db, q.id)]
    assert times == sorted(times) and len(times) == len(options)  # the review logs fsrs reads: oldest first
