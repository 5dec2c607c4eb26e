"""What a session holds, and progress per category."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from ctotui.core.drill import bank as drill
from ctotui.core.drill import settings as drill_settings
from ctotui.core.drill.progress import due_summary, progress, session_queue, weak_spots
from ctotui.core.errors import CtoError
from ctotui.core.playbook import RUBRIC

T0 = datetime(2026, 11, 2, 10, 0, tzinfo=UTC)


def scores(total: int) -> dict[str, int]:
    values = [2] * (total // 2) + [1] * (total % 2)
    values += [0] * (len(RUBRIC) - len(values))
    return dict(zip(RUBRIC, values, strict=True))


def practise(db, ref: str, total: int, at: datetime, seconds: int = 60):
    return drill.record_attempt(
        db, drill.get_question(db, ref).id, "answer", scores(total), seconds, now=at, fuzz=False
    )


def test_a_fresh_bank_starts_with_new_questions_mixed_across_categories(db) -> None:
    refs = [q.ref for q in session_queue(db, now=T0)]
    assert refs == ["ots-10x-traffic", "ntl-disagree-ceo", "btt-tough-hire", "ots-top-risks", "ntl-explain-debt"]


def test_due_questions_come_first_weakest_category_first(db) -> None:
    practise(db, "ots-10x-traffic", 12, T0)
    practise(db, "ots-top-risks", 12, T0)
    practise(db, "ntl-too-slow", 2, T0)
    later = T0 + timedelta(days=30)  # everything practised is due by then
    queue = session_queue(db, now=later, limit=6)
    # the practised ones first: non-technical-leaders scored worse, so it leads
    # (categories interleaved: ntl, ots, then the second ots; equal recall goes by id)
    assert [q.ref for q in queue[:3]] == ["ntl-too-slow", "ots-10x-traffic", "ots-top-risks"]
    assert all(q.is_new for q in queue[3:])
    # then new ones, the weakest category (build-the-team, never practised) first
    assert queue[3].category == "build-the-team"


def test_a_session_never_holds_more_than_its_size(db) -> None:
    assert len(session_queue(db, now=T0)) == 5
    drill_settings.set_session_size(db, 3)
    assert len(session_queue(db, now=T0)) == 3
    assert len(session_queue(db, "own-the-stack", now=T0)) == 3
    assert len(session_queue(db, now=T0, limit=100)) == len(drill.list_questions(db))


def test_a_category_session_practises_ahead_when_nothing_is_due(db) -> None:
    cat = "build-the-team"
    for q in drill.list_questions(db, cat):
        drill.record_attempt(db, q.id, "", scores(10), 60, now=T0, fuzz=False)
    assert due_summary(db, now=T0).due == 0
    queue = session_queue(db, cat, now=T0 + timedelta(hours=1))
    assert len(queue) == 5 and all(q.category == cat and not q.is_new for q in queue)
    assert [q.due for q in queue] == sorted(q.due for q in queue)
    with pytest.raises(CtoError, match="unknown category"):
        session_queue(db, "nope")


def test_retired_questions_are_never_asked(db) -> None:
    drill.retire_question(db, "ots-10x-traffic")
    assert "ots-10x-traffic" not in [q.ref for q in session_queue(db, now=T0, limit=100)]


def test_due_summary(db) -> None:
    total = len(drill.list_questions(db))
    assert due_summary(db, now=T0).due == 0 and due_summary(db, now=T0).new == total
    first = practise(db, "ots-10x-traffic", 10, T0)
    s = due_summary(db, now=T0)
    assert (s.due, s.new, s.next_due) == (0, total - 1, first.due_after)
    s = due_summary(db, now=first.due_after)
    assert s.due == 1 and s.queue[0].ref == "ots-10x-traffic"
    assert s.to_json(first.due_after)["session"][0]["due_now"] is True


def test_progress_per_category(db) -> None:
    for week in range(3):
        practise(db, "ntl-too-slow", 4 + 2 * week, T0 + timedelta(days=7 * week))
    practise(db, "ntl-budget-cut", 12, T0 + timedelta(days=15))
    now = T0 + timedelta(days=16)
    rows = {p.slug: p for p in progress(db, now=now)}
    ntl = rows["non-technical-leaders"]
    assert (ntl.practised, ntl.attempts, ntl.new) == (2, 4, ntl.questions - 2)
    assert ntl.recent_average == round((4 + 6 + 8 + 12) / 4, 1)
    assert [round(avg, 1) for _, avg in ntl.weekly] == [4.0, 6.0, 10.0]
    assert [d.weekday() for d, _ in ntl.weekly] == [0, 0, 0]
    assert 0 < ntl.retrievability <= 1
    assert 0 < ntl.readiness < 100
    assert rows["own-the-stack"].readiness == 0 and rows["own-the-stack"].recent_average is None
    assert list(rows) == ["own-the-stack", "non-technical-leaders", "build-the-team"]


def test_weak_spots_are_questions_that_lapsed_three_times(db) -> None:
    at = T0
    practise(db, "btt-let-go", 10, at)
    for _ in range(3):
        at += timedelta(days=10)
        practise(db, "btt-let-go", 0, at)  # a lapse
        at += timedelta(days=2)
        practise(db, "btt-let-go", 10, at)  # relearned
    practise(db, "btt-culture", 0, T0)  # a first Again is not a lapse
    spots = weak_spots(db)
    assert [(q.ref, q.lapses) for q in spots] == [("btt-let-go", 3)]
