"""m012_drill_realism: an attempt keeps its follow-up, brief, "ask first" and category criteria;
attempts saved before the step read with the defaults."""

from __future__ import annotations

import json

import pytest

from ctotui.core.data.import_merge import import_json
from ctotui.core.data.transfer import export_to
from ctotui.core.db import open_db
from ctotui.core.drill import bank as drill
from ctotui.core.drill import realism
from ctotui.core.drill import settings as drill_settings
from ctotui.core.errors import CtoError
from ctotui.core.migrations import MIGRATIONS
from ctotui.core.playbook import RUBRIC

STAMP = "2025-01-02T03:04:05.000000+00:00"
FULL = dict.fromkeys(RUBRIC, 2)
BRIEF = json.dumps(
    {
        "id": "series-a-rails",
        "name": "Series A marketplace",
        "stage": "Series A",
        "team": "12 engineers",
        "stack": "Rails monolith",
        "revenue": "$3M ARR",
        "constraint": "SOC 2 in six weeks",
    }
)


def test_attempts_saved_before_m012_read_with_the_defaults(tmp_path) -> None:
    path = tmp_path / "old.db"
    db = open_db(path, migrate=False)
    MIGRATIONS.apply(db, stop_before="m012_drill_realism")
    assert "follow_up" not in {c.name for c in db["attempts"].columns}
    q = drill.list_questions(db)[0]
    # the row as the app wrote it before m012 (only these columns)
    db.execute(
        "insert into attempts (question_id, question_text, answer, scores, total, seconds, limit_seconds, rating, "
        "review_log, lapse, created_at) values (?, ?, 'my old answer', ?, 12, 60, 120, 4, ?, 0, ?)",
        [q.id, q.text, json.dumps(FULL), json.dumps({"card_id": q.id, "rating": 4, "review_datetime": STAMP}), STAMP],
    )
    db.close()
    db = open_db(path)
    try:
        (a,) = drill.attempts(db)
        assert (a.answer, a.total, a.follow_up, a.follow_up_answer, a.follow_up_seconds) == (
            "my old answer",
            12,
            "",
            "",
            0,
        )
        assert (a.brief, a.ask_first, a.criteria_scores, a.scenario()) == ("", "", {}, {})
        assert a.criteria_max == 0
    finally:
        db.close()


def test_an_attempt_keeps_its_follow_up_brief_and_ask_first(db) -> None:
    q = drill.list_questions(db, "own-the-stack")[0]
    a = drill.record_attempt(
        db,
        q.id,
        "Stage the work: measure, then fix the worst bottleneck.",
        FULL,
        100,
        follow_up="Now do it with half the budget.",
        follow_up_answer="Cut scope:\n keep only the database work.",
        follow_up_seconds=45,
        brief=BRIEF,
        ask_first="What breaks first today?\x1b[31m",
    )
    (back,) = drill.attempts(db)
    assert back == drill.get_attempt(db, a.id)
    assert back.follow_up == "Now do it with half the budget."
    assert back.follow_up_answer == "Cut scope:\n keep only the database work."
    assert back.follow_up_seconds == 45
    assert back.scenario()["constraint"] == "SOC 2 in six weeks"
    assert "\x1b" not in back.ask_first and back.ask_first.startswith("What breaks first today?")
    assert back.criteria_scores == {}  # no category criteria given: rated on the general rubric alone
    assert back.rating == a.rating


def test_category_criteria_scores_must_be_complete_when_given(db) -> None:
    q = drill.list_questions(db, "own-the-stack")[0]
    ids = [c.id for c in realism.criteria_for(q.category)]
    with pytest.raises(CtoError):
        drill.record_attempt(db, q.id, "x", FULL, 60, criteria_scores={"no-such-criterion": 1})
    if ids:  # with the bank's criteria in the playbook
        with pytest.raises(CtoError, match="score every criterion"):
            drill.record_attempt(db, q.id, "x", FULL, 60, criteria_scores={ids[0]: 2})
        a = drill.record_attempt(db, q.id, "x", FULL, 60, criteria_scores=dict.fromkeys(ids, 0))
        assert a.criteria_scores == dict.fromkeys(ids, 0)
        assert a.rating.name == "Again"  # general 12/12, category 0: the lower rating counts
        assert drill.get_attempt(db, a.id).criteria_scores == dict.fromkeys(ids, 0)


def test_bad_briefs_and_seconds_are_refused(db) -> None:
    q = drill.list_questions(db)[0]
    with pytest.raises(CtoError, match="brief"):
        drill.record_attempt(db, q.id, "x", FULL, 60, brief="not json")
    with pytest.raises(CtoError, match="negative"):
        drill.record_attempt(db, q.id, "x", FULL, 60, follow_up_seconds=-1)
    assert drill.attempts(db) == []


def test_the_follow_up_timer_is_a_setting(db) -> None:
    assert drill_settings.drill_settings(db).follow_up_seconds == drill_settings.FOLLOW_UP_DEFAULT == 60
    drill_settings.set_follow_up_seconds(db, 90)
    assert drill_settings.drill_settings(db).follow_up_seconds == 90
    for bad in (14, 601, True, "60"):
        with pytest.raises(CtoError):
            drill_settings.set_follow_up_seconds(db, bad)  # type: ignore[arg-type]  # what a caller might pass


def test_export_and_import_carry_the_new_columns(db, tmp_path) -> None:
    q = drill.list_questions(db)[0]
    drill.record_attempt(
        db,
        q.id,
        "answer",
        FULL,
        70,
        follow_up="The CEO disagrees.",
        follow_up_answer="I would",
        follow_up_seconds=30,
        brief=BRIEF,
        ask_first="Who owns it?",
    )
    out = tmp_path / "export.json"
    export_to(db, "json", out)
    other = open_db(tmp_path / "other.db")
    try:
        import_json(other, out)
        (a,) = drill.attempts(other)
        assert (a.follow_up, a.follow_up_answer, a.follow_up_seconds, a.ask_first) == (
            "The CEO disagrees.",
            "I would",
            30,
            "Who owns it?",
        )
        assert a.scenario()["id"] == "series-a-rails"
    finally:
        other.close()
