"""Scheduling with fsrs: the round trip through SQLite, and what an attempt saves."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import fsrs
import pytest

from ctotui.core.db import open_db
from ctotui.core.drafts import load_draft, save_draft
from ctotui.core.drill import bank as drill
from ctotui.core.errors import CtoError
from ctotui.core.playbook import RUBRIC
from ctotui.core.rubric import Rating

T0 = datetime(2026, 11, 27, 10, 0, tzinfo=UTC)
GOOD = {c: 2 if i < 4 else 1 for i, c in enumerate(RUBRIC)}  # 10 → Good
AGAIN = {c: 0 for c in RUBRIC}


def answer(db, q, scores, *, at, seconds=90):
    return drill.record_attempt(db, q.id, "my answer", scores, seconds, now=at, fuzz=False)


def test_good_pushes_due_out_and_again_brings_it_back_soon(db) -> None:
    q = drill.get_question(db, "ots-10x-traffic")
    first = answer(db, q, GOOD, at=T0)
    assert first.rating is Rating.Good
    assert first.due_after >= T0 + timedelta(days=2)
    second = answer(db, q, GOOD, at=first.due_after)
    gap_1 = first.due_after - T0
    gap_2 = second.due_after - first.due_after
    assert gap_2 > gap_1  # each success spaces it further
    failed = answer(db, q, AGAIN, at=second.due_after)
    assert failed.rating is Rating.Again and failed.lapse
    assert failed.due_after - second.due_after <= timedelta(days=1)  # back tomorrow at the latest
    assert drill.get_question(db, q.id).lapses == 1


def test_the_first_again_is_not_a_lapse(db) -> None:
    q = drill.get_question(db, "ots-top-risks")
    attempt = answer(db, q, AGAIN, at=T0)
    assert not attempt.lapse and drill.get_question(db, q.id).lapses == 0
    assert attempt.due_after - T0 <= timedelta(days=1)


def test_the_stored_card_survives_a_restart_exactly(db_path) -> None:
    db = open_db(db_path)
    q = drill.get_question(db, "ntl-budget-cut")
    answer(db, q, GOOD, at=T0)
    answer(db, q, AGAIN, at=T0 + timedelta(days=3))
    before = drill.get_question(db, q.id)
    expected_card = before.card()
    db.close()
    db = open_db(db_path)
    after = drill.get_question(db, q.id)
    assert after == before
    card = after.card()
    assert card == expected_card and card.to_dict() == expected_card.to_dict()
    assert card.due == after.due and card.due.tzinfo is not None
    # the stored card is the one fsrs computes from the same reviews
    replay = fsrs.Card(card_id=q.id, due=T0)
    s = drill.scheduler(fuzz=False)
    for log in drill.review_logs(db, q.id):
        replay, _ = s.review_card(
            replay, log.rating, review_datetime=log.review_datetime, review_duration=log.review_duration
        )
    assert replay == card
    db.close()


def test_an_attempt_saves_everything_and_drops_the_draft(db) -> None:
    q = drill.get_question(db, "btt-coaching")
    save_draft(db, drill.answer_draft_key(q.id), {"text": "my answer"})
    attempt = drill.record_attempt(db, q.id, "my answer", GOOD, 130, now=T0)
    assert attempt.overtime == 10 and attempt.rating is Rating.Good
    stored = drill.get_attempt(db, attempt.id)
    assert stored == drill.attempts(db, question_id=q.id)[0]
    assert (stored.answer, stored.scores.as_dict(), stored.total, stored.seconds, stored.limit_seconds) == (
        "my answer",
        GOOD,
        10,
        130,
        120,
    )
    assert stored.created_at.startswith("2026-11-27T10:00:00")
    log = drill.review_logs(db, q.id)[0]
    assert (log.rating, log.review_duration, log.review_datetime) == (fsrs.Rating.Good, 130_000, T0)
    assert load_draft(db, drill.answer_draft_key(q.id)) is None


def test_overtime_caps_what_the_scheduler_hears(db) -> None:
    q = drill.get_question(db, "btt-first-ten")
    perfect = {c: 2 for c in RUBRIC}
    assert drill.record_attempt(db, q.id, "", perfect, 120, now=T0).rating is Rating.Easy
    assert drill.record_attempt(db, q.id, "", perfect, 241, now=T0 + timedelta(days=9)).rating is Rating.Hard


def test_a_bad_attempt_writes_nothing(db) -> None:
    q = drill.get_question(db, "btt-culture")
    with pytest.raises(CtoError, match="not scored"):
        drill.record_attempt(db, q.id, "x", {"tradeoffs": 2}, 10, now=T0)
    with pytest.raises(CtoError, match="cannot be negative"):
        drill.record_attempt(db, q.id, "x", GOOD, -5, now=T0)
    assert drill.attempts(db) == [] and drill.get_question(db, q.id) == q


def test_preview_matches_the_recorded_due(db) -> None:
    q = drill.get_question(db, "ntl-said-no")
    predicted = drill.preview_due(db, q.id, Rating.Good, now=T0)
    assert answer(db, q, GOOD, at=T0).due_after == predicted


def test_the_day_promised_with_fsrss_spread_is_the_day_saved(db) -> None:
    """The score dialog said "comes back in 7 weeks" and the save "back in 8 weeks": two draws of
    fsrs's random spread (fuzz). The save keeps the day the dialog showed, for the rating given."""
    q = drill.get_question(db, "ntl-said-no")
    at = T0
    for _ in range(3):  # to a long interval, where the spread is days wide
        at = answer(db, q, GOOD, at=at).due_after
    q = drill.get_question(db, q.id)
    promised = {rating: drill.preview_due(db, q.id, rating, now=at, fuzz=True) for rating in Rating}
    unfuzzed = drill.preview_due(db, q.id, Rating.Good, now=at)
    saved = drill.record_attempt(db, q.id, "x", GOOD, 60, now=at, promised=promised)
    assert saved.rating is Rating.Good and saved.due_after == promised[Rating.Good]
    assert drill.get_question(db, q.id).due == promised[Rating.Good]
    assert abs((promised[Rating.Good] - unfuzzed).days) <= 0.1 * (unfuzzed - at).days + 1  # a spread, not a jump
