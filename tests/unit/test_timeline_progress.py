"""Targets ticked (history kept), evidence links, dated answers, the gathered timeline."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from ctotui.core.errors import CtoError, NotFound
from ctotui.core.journal.entries import add_achievement, delete_achievement, undelete_achievement
from ctotui.core.timeline import profile
from ctotui.core.timeline import stages as tl


def test_tick_untick_keeps_history_and_skips_no_ops(db):
    assert tl.set_target(db, "tl-partners", True).ticked
    assert tl.set_target(db, "tl-partners", True).ticked  # no change: no new row
    assert not tl.toggle_target(db, "tl-partners").ticked
    assert tl.toggle_target(db, "tl-partners").ticked
    assert [t for t, _ in tl.target_history(db, "tl-partners")] == [True, False, True]
    assert tl.targets_met(db)["tech-leader"] == (1, 5)


def test_tick_can_be_dated(db):
    at = datetime(2024, 5, 1, 9, 0, tzinfo=timezone.utc)
    state = tl.set_target(db, "eng-work-log", True, at=at)
    assert state.ticked_at.startswith("2024-05-01T09:00")


def test_an_untick_leaves_no_tick_time(db):
    """ticked_at kept the untick's time, so `timeline --json` said "ticked": false with a "ticked_at"."""
    first, second = (datetime(2024, 5, d, 9, 0, tzinfo=timezone.utc) for d in (1, 2))
    tl.set_target(db, "tl-partners", True, at=first)
    state = tl.set_target(db, "tl-partners", False, at=second)
    assert (state.ticked, state.ticked_at) == (False, None)
    shown = next(x for x in tl.timeline(db).view("tech-leader").targets if x.id == "tl-partners")
    assert (shown.ticked, shown.ticked_at) == (False, None)
    assert [at[:10] for _, at in tl.target_history(db, "tl-partners")] == ["2024-05-01", "2024-05-02"]  # both kept


def test_unknown_target_or_question(db):
    with pytest.raises(NotFound, match="no stage target 'nope'"):
        tl.set_target(db, "nope", True)
    with pytest.raises(NotFound, match="no stage question"):
        tl.answer_question(db, "tl-partners", "a target is not a question")
    assert db.execute("select count(*) from target_ticks").fetchone()[0] == 0


def test_answers_are_dated_and_kept(db, monkeypatch):
    monkeypatch.setenv("CTOTUI_NOW", "2026-01-10T10:00:00+00:00")
    tl.answer_question(db, "tl-q-away", "  Not yet.  ")
    monkeypatch.setenv("CTOTUI_NOW", "2026-03-10T10:00:00+00:00")
    tl.answer_question(db, "tl-q-away", "Mostly: the release ran without me.")
    tl.answer_question(db, "tl-q-away", "Mostly: the release ran without me.")  # same text: nothing added
    got = tl.answers(db, "tl-q-away")
    assert [a.text for a in got] == ["Mostly: the release ran without me.", "Not yet."]
    assert got[0].answered_at.startswith("2026-03-10") and got[1].answered_at.startswith("2026-01-10")
    q = tl.timeline(db).view("tech-leader").questions[2]
    assert (q.id, q.count, q.latest.text) == ("tl-q-away", 2, "Mostly: the release ran without me.")


def test_empty_or_huge_answers_are_refused(db):
    with pytest.raises(CtoError, match="must not be empty"):
        tl.answer_question(db, "tl-q-away", "   ")
    with pytest.raises(CtoError, match="at most"):
        tl.answer_question(db, "tl-q-away", "x" * (tl.MAX_ANSWER + 1))


def _achievements(db, n: int) -> list[int]:
    return [add_achievement(db, title=f"Outcome {i}").id for i in range(n)]


def test_evidence_links_and_counts(db):
    a, b = _achievements(db, 2)
    assert tl.link_evidence(db, "tl-partners", b)
    assert not tl.link_evidence(db, "tl-partners", b)  # already linked
    tl.link_evidence(db, "tl-partners", a)
    tl.link_evidence(db, "tl-mentees", a)
    assert sorted(tl.evidence(db, "tl-partners")) == [a, b]
    assert tl.evidence_counts(db) == {"tl-partners": 2, "tl-mentees": 1}
    assert tl.targets_for_achievement(db, a) == ["tl-mentees", "tl-partners"]
    assert tl.unlink_evidence(db, "tl-partners", b)
    assert not tl.unlink_evidence(db, "tl-partners", b)
    assert tl.timeline(db).view("tech-leader").targets[2].evidence == 1
    for bad in (0, -2, "3", True):
        with pytest.raises(CtoError, match="positive whole number"):
            tl.link_evidence(db, "tl-partners", bad)


def test_evidence_checks_ids_and_follows_delete_and_undo(db):
    (existing,) = _achievements(db, 1)
    with pytest.raises(NotFound, match=f"no achievement with id {existing + 1000}"):
        tl.link_evidence(db, "tl-partners", existing + 1000)
    assert tl.link_evidence(db, "tl-partners", existing)
    delete_achievement(db, existing)
    assert tl.evidence(db, "tl-partners") == []
    assert tl.evidence_counts(db) == {}
    with pytest.raises(NotFound):
        tl.link_evidence(db, "tl-mentees", existing)
    undelete_achievement(db, existing)
    assert tl.evidence(db, "tl-partners") == [existing]


def test_timeline_gathers_placement_and_stages(db):
    first = tl.timeline(db).placement
    assert (first.stage, first.pace, first.position) == ("engineer", None, 0.0)
    profile.update(db, years=5)
    for target in ("eng-tricky-bugs", "eng-visible-work", "eng-how-it-connects", "eng-work-log", "tl-partners"):
        tl.set_target(db, target, True)
    t = tl.timeline(db)
    assert (t.placement.stage, t.placement.pace) == ("tech-leader", "on pace")
    assert t.placement.position == pytest.approx((1 / 5) / tl.MOSTLY_MET)
    assert (t.current.met, t.current.total) == (1, 5)
    assert t.next.stage.slug == "exec-in-training"
    assert [sv.stage.slug for sv in t.stages] == ["engineer", "tech-leader", "exec-in-training"]


def test_a_linked_achievement_meets_a_target_without_a_tick(db):
    (a,) = _achievements(db, 1)
    engineer = ("eng-tricky-bugs", "eng-visible-work", "eng-how-it-connects")
    for target in engineer:
        tl.set_target(db, target, True)
    assert tl.timeline(db).placement.stage == "engineer"  # 3/6: not mostly met
    tl.link_evidence(db, "eng-work-log", a)
    t = tl.timeline(db)
    assert tl.targets_met(db)["engineer"] == (4, 6)
    assert t.placement.stage == "tech-leader"
    assert [x.met for x in t.view("engineer").targets if x.id == "eng-work-log"] == [True]
