"""Self-checks: answers kept with notes, the latest state, polarity, staleness, summaries."""

from __future__ import annotations

import pytest

from ctotui.core import playbook
from ctotui.core.errors import CtoError, NotFound
from ctotui.core.timeline import selfcheck


def test_every_item_is_listed_in_kind_order(db):
    checks = selfcheck.self_checks(db)
    pb = playbook.load()
    assert len(checks) == len(pb.signals) + len(pb.mistakes) + len(pb.environment)
    assert [c.kind for c in checks] == sorted((c.kind for c in checks), key=selfcheck.KINDS.index)
    hero = next(c for c in checks if c.item_id == "hero-coder")
    assert hero.details == pb.mistakes[3].warning_signs
    assert all(c.answer is None and c.stale and c.score is None for c in checks)


def test_answers_keep_history_and_the_latest_wins(db, monkeypatch):
    monkeypatch.setenv("CTOTUI_NOW", "2026-01-01T10:00:00+00:00")
    selfcheck.answer_self_check(db, "signal", "sig-metrics", "no", "no idea yet")
    monkeypatch.setenv("CTOTUI_NOW", "2026-02-01T10:00:00+00:00")
    c = selfcheck.answer_self_check(db, "signal", "sig-metrics", "Y", " conversion and cost per order ")
    assert (c.answer, c.note, c.answers, c.stale) == ("yes", "conversion and cost per order", 2, False)
    assert c.answered_at.startswith("2026-02-01")
    history = selfcheck.self_check_history(db, "signal", "sig-metrics")
    assert [(h.answer, h.note) for h in history] == [("yes", "conversion and cost per order"), ("no", "no idea yet")]


def test_a_mistake_answered_no_is_good_news(db):
    yes = selfcheck.answer_self_check(db, "mistake", "hero-coder", "yes")
    assert yes.score == 0.0 and yes.concern
    no = selfcheck.answer_self_check(db, "mistake", "hero-coder", "no")
    assert no.score == 1.0 and not no.concern
    env = selfcheck.answer_self_check(db, "environment", "env-mentor", "partly")
    assert env.score == 0.5 and not env.concern


def test_answers_go_stale_after_the_revisit_period(db, monkeypatch):
    monkeypatch.setenv("CTOTUI_NOW", "2026-01-01T10:00:00+00:00")
    selfcheck.answer_self_check(db, "signal", "sig-early", "yes")
    selfcheck.answer_self_check(db, "environment", "env-mentor", "yes")
    monkeypatch.setenv("CTOTUI_NOW", "2026-05-01T10:00:00+00:00")  # 120 days later
    assert selfcheck.self_check(db, "signal", "sig-early").stale
    assert not selfcheck.self_check(db, "environment", "env-mentor").stale


def test_summary_per_kind(db, monkeypatch):
    monkeypatch.setenv("CTOTUI_NOW", "2026-03-01T10:00:00+00:00")
    selfcheck.answer_self_check(db, "signal", "sig-early", "yes")
    selfcheck.answer_self_check(db, "signal", "sig-strategy", "no")
    selfcheck.answer_self_check(db, "mistake", "hero-coder", "yes")
    by_kind = {s.kind: s for s in selfcheck.summary(selfcheck.self_checks(db))}
    assert (by_kind["signal"].answered, by_kind["signal"].good, by_kind["signal"].concerns) == (2, 1, 1)
    assert by_kind["mistake"].concerns == 1
    assert by_kind["signal"].last_assessed.startswith("2026-03-01")
    assert by_kind["environment"].last_assessed is None
    assert [s.kind for s in selfcheck.summary(selfcheck.self_checks(db, "mistake"))] == ["mistake"]


@pytest.mark.parametrize(
    ("args", "error", "message"),
    [
        (("vibes", "sig-early", "yes"), CtoError, "valid: signal, mistake, environment"),
        (("signal", "sig-nope", "yes"), NotFound, "no signal check 'sig-nope'"),
        (("mistake", "sig-early", "yes"), NotFound, "no mistake check"),
        (("signal", "sig-early", "maybe"), CtoError, "one of yes, partly, no"),
    ],
)
def test_bad_answers_are_refused_and_nothing_is_written(db, args, error, message):
    with pytest.raises(error, match=message):
        selfcheck.answer_self_check(db, *args)
    assert db.execute("select count(*) from self_check_answers").fetchone()[0] == 0


def test_note_length_is_capped(db):
    with pytest.raises(CtoError, match="at most"):
        selfcheck.answer_self_check(db, "signal", "sig-early", "yes", "x" * (selfcheck.MAX_NOTE + 1))
