"""A mock interview on real SQLite: the stored plan, each place's answer and time, finishing,
and the report's totals and weakest criterion."""

from __future__ import annotations

import io

import pytest

from ctotui.core.drill import bank as drill
from ctotui.core.drill.mock import (
    finish_mock,
    get_mock,
    last_mock,
    mock_questions,
    plan_for,
    record_item,
    start_mock,
    unfinished_mock,
)
from ctotui.core.drill.mock_report import PRACTICE, markdown, practice_for, report
from ctotui.core.drill.partner import criteria_ids, record_with_partner
from ctotui.core.errors import CtoError, NotFound
from ctotui.core.rubric import MAX_TOTAL
from ctotui.core.terms import RUBRIC


def answer(db, mock, position: int, value: int, seconds: int, ask_first: str = "", **low: int):
    """Answer a place of the mock with every score ``value`` (``low``: criteria scored otherwise)."""
    q = drill.get_question(db, mock.items[position].question_id)
    scores = {**dict.fromkeys(RUBRIC, value), **{k: v for k, v in low.items() if k in RUBRIC}}
    own = {**dict.fromkeys(criteria_ids(q.category), value), **{k: v for k, v in low.items() if k not in RUBRIC}}
    attempt = drill.record_attempt(
        db,
        q.id,
        f"answer {position}",
        scores,
        seconds,
        criteria_scores=own,
        follow_up="Now with half the budget.",
        follow_up_answer="Cut scope.",
        follow_up_seconds=40,
        ask_first=ask_first,
        fuzz=False,
    )
    return record_item(db, mock.id, position, attempt.id, seconds + 40 + 10)


def test_a_mock_stores_its_plan_and_the_last_one_is_found(db) -> None:
    first = start_mock(db, 30, seed=5)
    assert [i.question_id for i in first.items] == [p.question_id for p in plan_for(db, 30, seed=5)]
    assert not first.finished and first.seconds_used == 0 and not any(i.answered for i in first.items)
    assert [q.id for q in mock_questions(db, first)] == [i.question_id for i in first.items]
    second = start_mock(db, 45, seed=5)
    assert len(second.items) > len(first.items)
    assert last_mock(db) == second and get_mock(db, first.id) == first


def test_answers_and_times_are_linked_place_by_place_until_it_is_finished(db) -> None:
    m = start_mock(db, 30, seed=2)
    m = answer(db, m, 0, 2, 100)
    assert m.items[0].answered and m.items[0].seconds_used == 150 and m.seconds_used == 150
    m = record_item(db, m.id, 1, None, 20)  # skipped after 20 s
    assert not m.items[1].answered and m.seconds_used == 170
    other = drill.get_question(db, m.items[3].question_id)
    wrong = drill.record_attempt(db, other.id, "x", dict.fromkeys(RUBRIC, 1), 10, fuzz=False)
    with pytest.raises(CtoError, match="answers another question than place 3"):
        record_item(db, m.id, 2, wrong.id, 10)
    with pytest.raises(NotFound, match=f"has no question {len(m.items) + 1}"):
        record_item(db, m.id, len(m.items), None, 0)
    with pytest.raises(CtoError, match="cannot be negative"):
        record_item(db, m.id, 2, None, -1)
    done = finish_mock(db, m.id)
    assert done.finished
    # the report's times add up: the skipped place's 20 s are said where it stands ("Skipped." said none)
    text = markdown(report(db, m.id))
    assert "1 of 8 questions answered in 2:50 of 30:00." in text
    assert "Time used 2:30 (" in text and "Skipped after 0:20." in text and text.count("\nSkipped.\n") == 6
    with pytest.raises(CtoError, match="already finished"):
        record_item(db, m.id, 2, None, 5)
    with pytest.raises(CtoError, match="already finished"):
        finish_mock(db, m.id)


def test_a_mock_left_with_an_answer_goes_on_after_its_last_place_reached(db) -> None:
    assert unfinished_mock(db) is None  # none yet
    m = start_mock(db, 30, seed=2)
    assert unfinished_mock(db) is None and m.resume_at == 0  # nothing answered: nothing to go on with
    m = record_item(db, m.id, 0, None, 30)  # skipped after 30 s: reached, but no answer
    assert m.resume_at == 1 and unfinished_mock(db) is None
    m = answer(db, m, 1, 2, 100)
    assert unfinished_mock(db) == m and m.answered == 1 and m.resume_at == 2
    m = record_item(db, m.id, 2, None, 0)  # skipped at once: reads as not reached, asked again
    assert m.resume_at == 2
    finish_mock(db, m.id)
    assert unfinished_mock(db) is None


def test_no_mock_yet_and_a_wrong_number(db) -> None:
    with pytest.raises(NotFound, match="no mock interview yet"):
        report(db)
    with pytest.raises(NotFound, match="no mock interview 7"):
        report(db, 7)
    with pytest.raises(CtoError, match="30 or 45 minutes, not 20"):
        start_mock(db, 20)


def test_the_report_totals_by_category_and_criterion_and_names_the_weakest(db) -> None:
    m = start_mock(db, 30, seed=3)
    answer(db, m, 0, 2, 90, concision=0)
    answer(db, m, 1, 1, 130, concision=0)
    record_item(db, m.id, 2, None, 15)
    rep = report(db)
    assert rep.mock.id == m.id and rep.answered == 2 and len(rep.items) == len(m.items)
    first = rep.items[0]
    assert first.attempt is not None and first.attempt.answer == "answer 0" and first.seconds_used == 140
    assert rep.items[2].attempt is None and rep.items[2].seconds_used == 15
    criteria = {t.id: t for t in rep.criteria}
    assert list(criteria)[: len(RUBRIC)] == list(RUBRIC)
    assert (criteria["tradeoffs"].answered, criteria["tradeoffs"].score) == (2, 3)
    assert criteria["concision"].mean == 0.0
    assert rep.weakest == criteria["concision"]
    assert rep.practice == practice_for("concision") and rep.practice  # a step of the playbook
    categories = {t.id: t for t in rep.categories}
    a0, a1 = rep.items[0].attempt, rep.items[1].attempt
    assert a1 is not None
    # the rubric and the signals summed apart (a category once said "21/22" of both together)
    if rep.items[0].category == rep.items[1].category:
        both = categories[rep.items[0].category]
        assert (both.rubric, both.signals) == (a0.total + a1.total, a0.criteria_total + a1.criteria_total)
    assert sum(t.rubric for t in rep.categories) == a0.total + a1.total
    assert sum(t.rubric_max for t in rep.categories) == 2 * MAX_TOTAL
    assert sum(t.signals for t in rep.categories) == a0.criteria_total + a1.criteria_total
    assert sum(t.signals_max for t in rep.categories) == a0.criteria_max + a1.criteria_max
    one = categories[rep.items[0].category]
    assert one.score_text == f"{one.rubric}/{one.rubric_max} · signals {one.signals}/{one.signals_max}"
    assert all(t.score_text == "-" for t in rep.categories if not t.answered)
    data = rep.to_json()
    assert data["answered"] == 2 and data["weakest"]["id"] == "concision" and data["items"][2]["answered"] is False
    assert data["items"][0]["follow_up"] == "Now with half the budget." and data["items"][0]["seconds_used"] == 140


def test_what_was_asked_first_is_in_the_report_and_the_json_splits_the_score_as_the_app(db) -> None:
    """Typed in "what I would ask first" (where the cursor starts), it was missing from the report,
    which said '(nothing typed)'; the JSON gave 20/22 where the app says 11/12 · signals 9/10."""
    m = start_mock(db, 30, seed=3)
    answer(db, m, 0, 2, 90, ask_first="Runway and the pilot customers?", concision=0)
    rep = report(db)
    text = markdown(rep)
    assert "What I would ask first:\n\n> Runway and the pilot customers?" in text
    item = rep.to_json()["items"][0]
    a = rep.items[0].attempt
    assert item["ask_first"] == "Runway and the pilot customers?"
    assert (item["rubric"], item["rubric_max"], item["signals"], item["signals_max"]) == (
        a.total,
        MAX_TOTAL,
        a.criteria_total,
        a.criteria_max,
    )
    assert a.score_text == f"{item['rubric']}/{item['rubric_max']} · signals {item['signals']}/{item['signals_max']}"
    # the app's report says it too
    from rich.console import Console
    from rich.style import Style

    from ctotui.ui.drill.mock import report_view

    console = Console(width=120, record=True, file=io.StringIO())
    console.print(report_view(lambda name: Style(), rep))
    shown = console.export_text()
    assert "asked first: Runway and the pilot customers?" in shown
    answered = next(t for t in rep.categories if t.answered)  # its totals as one answer's: apart, not 20/22
    assert answered.score_text == a.score_text and a.score_text in shown


def test_with_every_criterion_at_two_none_is_called_weakest(db) -> None:
    m = start_mock(db, 30, seed=3)
    answer(db, m, 0, 2, 90)
    rep = report(db)
    assert rep.weakest is None and rep.practice == "" and rep.to_json()["weakest"] is None
    assert "Every criterion scored 2 of 2." in markdown(rep)


def test_every_criterion_has_a_practice_from_the_playbook() -> None:
    from ctotui.core import playbook

    pb = playbook.load()
    steps = {s.id for skill in pb.skills for s in skill.steps}
    assert set(PRACTICE.values()) <= steps
    for ic in pb.interview:
        for c in pb.criteria_for(ic.slug):
            assert practice_for(c.id, ic.slug), c.id
    assert all(practice_for(c) for c in RUBRIC)


def test_a_partners_scores_show_beside_the_self_score_in_the_report(db) -> None:
    m = start_mock(db, 30, seed=3)
    q = drill.get_question(db, m.items[0].question_id)
    own = dict.fromkeys(criteria_ids(q.category), 2)
    attempt, partner = record_with_partner(
        db, q.id, "mine", dict.fromkeys(RUBRIC, 2), 60, (dict.fromkeys(RUBRIC, 1), dict.fromkeys(own, 0)),
        criteria_scores=own, fuzz=False,
    )  # fmt: skip
    record_item(db, m.id, 0, attempt.id, 60)
    rep = report(db, m.id)
    assert rep.items[0].partner == partner
    text = markdown(rep)
    assert f"partner {partner.score_text}" in text and "| criterion | self | partner |" in text
    theirs = rep.to_json()["items"][0]["partner"]
    assert (theirs["rubric"], theirs["rubric_max"]) == (partner.total, MAX_TOTAL) == (6, 12)
    assert (theirs["signals"], theirs["signals_max"]) == (0, partner.criteria_max) and "total" not in theirs


def test_a_questions_wording_and_the_answers_cannot_change_the_report_around_them(db) -> None:
    """An edited question '# Compare <Modal> vs <Dialog>: which *would* you pick?' was an H1 with its
    tags lost; an answer's '# of' line a heading, its '<script>' raw HTML. Both show as typed."""
    from markdown_it import MarkdownIt  # rich's own Markdown parser (a dependency of rich)

    m = start_mock(db, 30, seed=3)
    question = "# Compare <Modal> vs <Dialog>: which *would* you pick? | 1. or 2."
    drill.edit_question(db, m.items[0].question_id, text=question)
    q = drill.get_question(db, m.items[0].question_id)
    typed = "# of incidents: 3\n<script>alert(1)</script>\n```\nnever closed"
    attempt = drill.record_attempt(
        db,
        q.id,
        typed,
        dict.fromkeys(RUBRIC, 1),
        90,
        ask_first="<b>Runway</b>?",
        follow_up="Now <b>half</b> the budget?",
        follow_up_answer="# Cut scope",
        fuzz=False,
        criteria_scores=dict.fromkeys(criteria_ids(q.category), 1),
    )
    record_item(db, m.id, 0, attempt.id, 100)
    text = markdown(report(db))
    assert "\n\\# Compare \\<Modal\\> vs \\<Dialog\\>: which \\*would\\* you pick? \\| 1. or 2.\n" in text
    assert "> \\# of incidents: 3\n> \\<script>alert(1)\\</script>\n> ```\n> never closed\n> ```\n" in text
    assert "> \\<b>Runway\\</b>?\n" in text
    assert "Follow-up: Now \\<b\\>half\\</b\\> the budget?\n\n> \\# Cut scope\n" in text
    tokens = MarkdownIt("commonmark").parse(text)
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert headings[0].startswith("Mock interview") and headings[-3:] == [
        "Totals by category",
        "Totals by criterion",
        "Weakest criterion",
    ]
    assert not [t for t in tokens if t.type == "html_block"]
    assert not [c for t in tokens if t.type == "inline" for c in t.children or [] if c.type == "html_inline"]
