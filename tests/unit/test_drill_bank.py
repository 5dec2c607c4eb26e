"""The question bank: seeding, the user's own questions, edit / retire, settings."""

from __future__ import annotations

import pytest

from ctotui.core import playbook
from ctotui.core.db import open_db
from ctotui.core.drafts import save_draft
from ctotui.core.drill import bank as drill
from ctotui.core.drill import settings as drill_settings
from ctotui.core.errors import CtoError, NotFound
from ctotui.core.playbook import INTERVIEW_CATEGORIES
from ctotui.core.settings import set_setting


def test_playbook_questions_are_seeded_once_with_their_ids(db) -> None:
    pb = playbook.load()
    expected = [(ic.slug, q.id, q.text) for ic in pb.interview for q in ic.questions]
    first = drill.list_questions(db)
    assert [(q.category, q.source_id, q.text) for q in first] == expected
    assert all(q.source == "playbook" and q.is_new for q in first)
    for slug in INTERVIEW_CATEGORIES:
        assert len(drill.list_questions(db, slug)) >= playbook.MIN_QUESTIONS_PER_CATEGORY
    set_setting(db, drill.SEEDED_KEY, "stale")  # force the seeding to run again
    again = drill.list_questions(db)
    assert [(q.id, q.card_json) for q in again] == [(q.id, q.card_json) for q in first]


def test_each_card_is_an_fsrs_card_named_after_its_question(db) -> None:
    q = drill.get_question(db, "ots-10x-traffic")
    card = q.card()
    assert card.card_id == q.id
    assert card.due == q.due


def test_a_question_is_found_by_number_or_playbook_id(db) -> None:
    q = drill.get_question(db, "btt-culture")
    assert drill.get_question(db, q.id) == q
    assert drill.get_question(db, f"#{q.id}") == q
    with pytest.raises(NotFound, match="no question 'nope'"):
        drill.get_question(db, "nope")


def test_add_a_question_of_ones_own(db) -> None:
    q = drill.add_question(db, "build-the-team", "  How do you   run a\nhiring loop? ")
    assert (q.source, q.source_id, q.text, q.ref) == ("user", None, "How do you run a hiring loop?", str(q.id))
    assert q in drill.list_questions(db, "build-the-team")
    with pytest.raises(CtoError, match=f"already in the bank \\(#{q.id}\\)"):
        drill.add_question(db, "own-the-stack", "how do you run a hiring loop?")


@pytest.mark.parametrize(
    ("category", "text", "message"),
    [
        (
            "sales",
            "A question?",
            "unknown category 'sales' \\(valid: own-the-stack, non-technical-leaders, build-the-team\\)",
        ),
        ("own-the-stack", "   ", "the question is empty"),
        ("own-the-stack", "x" * 501, "too long"),
    ],
)
def test_bad_questions_are_refused_and_nothing_is_written(db, category, text, message) -> None:
    before = len(drill.list_questions(db, include_retired=True))
    with pytest.raises(CtoError, match=message):
        drill.add_question(db, category, text)
    assert len(drill.list_questions(db, include_retired=True)) == before


def test_edit_changes_the_wording_and_keeps_the_schedule(db) -> None:
    q = drill.get_question(db, "ntl-too-slow")
    drill.record_attempt(db, q.id, "answer", {c: 2 for c in playbook.RUBRIC}, 60)
    scheduled = drill.get_question(db, q.id)
    edited = drill.edit_question(db, q.id, text="The CEO thinks engineering ships too slowly. What do you say?")
    assert edited.text.startswith("The CEO thinks")
    assert edited.edited_at is not None
    assert (edited.card_json, edited.due, edited.reps, edited.lapses) == (
        scheduled.card_json,
        scheduled.due,
        scheduled.reps,
        scheduled.lapses,
    )
    assert edited.card() == scheduled.card()
    # the playbook never overwrites a wording the user changed
    set_setting(db, drill.SEEDED_KEY, "stale")
    assert drill.get_question(db, q.id).text == edited.text
    # the attempt keeps the wording it answered
    assert drill.attempts(db, question_id=q.id)[0].question_text == q.text


def test_an_answered_question_keeps_its_category(db) -> None:
    """`question edit ots-wrong-decision --category build-the-team` after a mock filed its answer under
    "Build and keep a team" beside Own the stack's signals, and moved its score in the totals and
    the readiness. Answered, it is refused, saying how to ask it in the other category; the wording
    may still change, and an unanswered question may move."""
    q = drill.get_question(db, "ots-wrong-decision")
    drill.record_attempt(db, q.id, "answer", {c: 2 for c in playbook.RUBRIC}, 60)
    with pytest.raises(
        CtoError, match="answered 1 time as own-the-stack, and its answers keep that category; to practise it as build"
    ):
        drill.edit_question(db, q.id, category="build-the-team", text="A reworded question?")
    assert (drill.get_question(db, q.id).category, drill.get_question(db, q.id).text) == ("own-the-stack", q.text)
    assert drill.edit_question(db, q.id, text="A reworded question?").category == "own-the-stack"
    assert drill.edit_question(db, "ots-10x-traffic", category="build-the-team").category == "build-the-team"
    drill.retire_question(db, q.id)  # retired, then added again in the other category
    again = drill.add_question(db, "build-the-team", "A reworded question?")
    assert again.category == "build-the-team" and drill.attempts(db, question_id=again.id) == []


def test_an_unedited_playbook_question_follows_the_playbook_wording(db) -> None:
    q = drill.get_question(db, "ntl-too-slow")
    db.execute("update questions set text = 'old wording' where id = ?", [q.id])
    set_setting(db, drill.SEEDED_KEY, "stale")
    assert drill.get_question(db, q.id).text == q.text


def test_retire_and_restore(db) -> None:
    q = drill.get_question(db, "ots-ai-strategy")
    retired = drill.retire_question(db, q.ref)
    assert retired.retired and retired not in drill.list_questions(db)
    assert retired in drill.list_questions(db, include_retired=True)
    with pytest.raises(CtoError, match="already retired"):
        drill.retire_question(db, q.ref)
    restored = drill.restore_question(db, q.ref)
    assert not restored.retired and restored.card_json == q.card_json
    with pytest.raises(CtoError, match="not retired"):
        drill.restore_question(db, q.ref)


def test_settings_have_defaults_and_are_checked(db) -> None:
    s = drill_settings.drill_settings(db)
    assert s.session_size == 5
    assert s.timer_seconds == {ic.slug: ic.timer_seconds for ic in playbook.load().interview}
    drill_settings.set_session_size(db, 8)
    drill_settings.set_timer_seconds(db, "build-the-team", 90)
    s = drill_settings.drill_settings(db)
    assert s.session_size == 8 and s.timer_seconds["build-the-team"] == 90
    assert drill.timer_seconds(db, "own-the-stack") == 120
    for bad in (0, 21, True, "5"):
        with pytest.raises(CtoError, match="session size must be a whole number from 1 to 20"):
            drill_settings.set_session_size(db, bad)
    with pytest.raises(CtoError, match="from 15 to 1800"):
        drill_settings.set_timer_seconds(db, "own-the-stack", 5)
    with pytest.raises(CtoError, match="unknown category"):
        drill_settings.set_timer_seconds(db, "nope", 60)


def test_unfinished_answers_are_found_by_their_draft(db) -> None:
    q = drill.get_question(db, "btt-let-go")
    save_draft(db, drill.answer_draft_key(q.id), {"text": "I once had to", "elapsed": 42})
    save_draft(db, drill.answer_draft_key(999999), {"text": "orphan"})
    save_draft(db, drill.answer_draft_key(drill.get_question(db, "btt-culture").id), {"text": "  "})
    found = drill.unfinished_answers(db)
    assert [(fq.id, d.payload["text"]) for fq, d in found] == [(q.id, "I once had to")]


def test_the_bank_survives_reopening(db_path) -> None:
    db = open_db(db_path)
    q = drill.add_question(db, "own-the-stack", "What would you automate first?")
    db.close()
    db = open_db(db_path)
    assert drill.get_question(db, q.id) == q
    db.close()
