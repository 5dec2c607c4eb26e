"""A partner's score on real SQLite: saved with the attempt or not at all, checked like a
self-score, carried by export and import, and compared with the self-score per criterion."""

from __future__ import annotations

import json

import pytest
from transfer_helpers import export_of

from ctotui.core import playbook
from ctotui.core.data.import_merge import import_json
from ctotui.core.db import open_db
from ctotui.core.drill import bank as drill
from ctotui.core.drill.partner import (
    criteria_ids,
    partner_score,
    record_with_partner,
    save_partner_scores,
    self_vs_partner,
)
from ctotui.core.errors import CtoError
from ctotui.core.terms import RUBRIC


def general(value: int, **override: int) -> dict[str, int]:
    return {**dict.fromkeys(RUBRIC, value), **{k.replace("_", "-"): v for k, v in override.items()}}


def own(category: str, value: int) -> dict[str, int]:
    return dict.fromkeys(criteria_ids(category), value)


def test_the_criteria_are_the_categorys_own_then_the_shared_one() -> None:
    ids = criteria_ids("own-the-stack")
    assert ids[-1] == "improvement-plan" and len(ids) >= 4
    assert ids[:-1] == tuple(c.id for c in playbook.load().interview_category("own-the-stack").criteria)


def test_both_scores_are_saved_together_and_read_back(db) -> None:
    q = drill.get_question(db, "ots-10x-traffic")
    attempt, partner = record_with_partner(
        db,
        q.id,
        "Ask about the load first.",
        general(2),
        100,
        (general(1, plain_language=0), own(q.category, 1)),
        criteria_scores=own(q.category, 2),
        fuzz=False,
    )
    assert attempt.total == 12 and attempt.criteria_total == 2 * len(criteria_ids(q.category))
    # kept apart as the self-score is (Attempt.total is the rubric's alone), never one sum of both
    n = len(criteria_ids(q.category))
    assert (partner.total, partner.criteria_total, partner.criteria_max) == (5, n, 2 * n)
    assert partner.score_text == f"5/12 · signals {n}/{2 * n}"
    assert partner_score(db, attempt.id) == partner
    row = db.execute("select scores, criteria_scores from partner_scores where attempt_id = ?", [attempt.id]).fetchone()
    assert json.loads(row[0]) == general(1, plain_language=0)
    assert json.loads(row[1]) == own(q.category, 1)
    assert partner_score(db, attempt.id + 1) is None


@pytest.mark.parametrize(
    ("partner_general", "partner_own", "message"),
    [
        ({**general(1), "tradeoffs": 3}, None, "the score for tradeoffs must be 0, 1 or 2, not 3"),
        ({k: v for k, v in general(1).items() if k != "structure"}, None, "structure not scored yet"),
        (None, {"ots-asks-first": 1}, "not scored yet"),
        (None, {"btt-owns-mistakes": 1}, "unknown criterion 'btt-owns-mistakes'"),
    ],
)
def test_a_bad_partner_score_saves_neither(db, partner_general, partner_own, message) -> None:
    q = drill.get_question(db, "ots-10x-traffic")
    with pytest.raises(CtoError, match=message):
        record_with_partner(
            db,
            q.id,
            "An answer",
            general(2),
            100,
            (partner_general or general(1), partner_own if partner_own is not None else own(q.category, 1)),
            criteria_scores=own(q.category, 2),
        )
    assert db.execute("select count(*) from attempts").fetchone()[0] == 0
    assert db.execute("select count(*) from partner_scores").fetchone()[0] == 0
    assert drill.get_question(db, q.id).reps == 0


def test_a_partner_score_can_be_added_to_an_attempt_later_and_goes_with_it(db) -> None:
    q = drill.get_question(db, "btt-tough-hire")
    attempt = drill.record_attempt(db, q.id, "x", general(1), 60, criteria_scores=own(q.category, 1), fuzz=False)
    saved = save_partner_scores(db, attempt.id, general(2), own(q.category, 0))
    assert partner_score(db, attempt.id) == saved
    db.execute("delete from attempts where id = ?", [attempt.id])
    assert partner_score(db, attempt.id) is None


def test_self_versus_partner_per_criterion_shows_over_rating(db) -> None:
    ots = drill.get_question(db, "ots-10x-traffic")
    btt = drill.get_question(db, "btt-tough-hire")
    record_with_partner(db, ots.id, "a", general(2), 60, (general(1), own(ots.category, 0)),
                        criteria_scores=own(ots.category, 2), fuzz=False)  # fmt: skip
    record_with_partner(db, ots.id, "b", general(2, concision=0), 60, (general(0, concision=2), own(ots.category, 1)),
                        criteria_scores=own(ots.category, 1), fuzz=False)  # fmt: skip
    record_with_partner(db, btt.id, "c", general(1), 60, (general(1), own(btt.category, 1)),
                        criteria_scores=own(btt.category, 1), fuzz=False)  # fmt: skip
    drill.record_attempt(db, btt.id, "alone", general(2), 60, fuzz=False)  # no partner: not compared
    gaps = {g.criterion: g for g in self_vs_partner(db)}
    assert list(gaps)[: len(RUBRIC)] == list(RUBRIC)  # the general rubric first
    trade = gaps["tradeoffs"]
    assert (trade.pairs, trade.self_mean, trade.partner_mean) == (3, 5 / 3, 2 / 3)
    assert trade.gap == 1.0
    assert gaps["concision"].gap == round((2 + 0 + 1) / 3 - (1 + 2 + 1) / 3, 2) < 0  # under-rated
    asks = gaps["ots-asks-first"]
    assert (asks.pairs, asks.self_mean, asks.partner_mean) == (2, 1.5, 0.5)
    assert gaps["improvement-plan"].pairs == 3  # shared by both categories
    only_team = {g.criterion for g in self_vs_partner(db, "build-the-team")}
    assert "ots-asks-first" not in only_team and "tradeoffs" in only_team
    assert json.loads(json.dumps([g.to_json() for g in self_vs_partner(db)]))[0]["gap"] == 1.0


def test_export_and_import_carry_partner_scores_and_mocks(tmp_path) -> None:
    from ctotui.core.drill.mock import finish_mock, get_mock, record_item, start_mock

    source = open_db(tmp_path / "a.db")
    m = start_mock(source, 30, seed=4)
    first = drill.get_question(source, m.items[0].question_id)
    attempt, _ = record_with_partner(source, first.id, "answer", general(2), 90, (general(1), own(first.category, 1)),
                                     criteria_scores=own(first.category, 2), fuzz=False)  # fmt: skip
    record_item(source, m.id, 0, attempt.id, 150)
    finish_mock(source, m.id)
    text = export_of(source)
    tables = json.loads(text)["tables"]
    assert len(tables["partner_scores"]) == 1 and len(tables["mocks"]) == 1
    assert len(tables["mock_items"]) == len(m.items)
    path = tmp_path / "a.json"
    path.write_text(text, encoding="utf-8")

    # into a database with attempts of its own: the ids move, the links follow
    target = open_db(tmp_path / "b.db")
    q = drill.get_question(target, "btt-tough-hire")
    for _ in range(3):
        drill.record_attempt(target, q.id, "theirs", general(0), 30, fuzz=False)
    start_mock(target, 45, seed=9)
    import_json(target, path)
    (moved,) = target.execute("select id from attempts where answer = 'answer'").fetchone()
    assert moved != attempt.id
    carried = partner_score(target, moved)
    assert carried is not None and carried.scores.as_dict() == general(1)
    (mock_id,) = target.execute("select id from mocks where minutes = 30").fetchone()
    brought = get_mock(target, mock_id)
    assert brought.finished and brought.items[0].attempt_id == moved and brought.items[0].seconds_used == 150
    assert [i.question_id for i in brought.items] == [i.question_id for i in m.items]  # playbook ids are the same
    assert import_json(target, path).added == 0


def test_without_a_partner_it_is_the_attempt_alone(db) -> None:
    q = drill.get_question(db, "ots-10x-traffic")
    attempt, partner = record_with_partner(db, q.id, "alone", general(1), 60, None, fuzz=False)
    assert partner is None and partner_score(db, attempt.id) is None
    assert drill.get_attempt(db, attempt.id).answer == "alone"
