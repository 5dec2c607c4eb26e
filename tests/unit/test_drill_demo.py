"""The drill's demo filler: weeks of practice, deterministic, with a weak spot."""

from __future__ import annotations

from ctotui.core.db import open_db
from ctotui.core.demo.build import fill
from ctotui.core.drill import bank as drill
from ctotui.core.drill.progress import progress, weak_spots


def test_demo_fills_weeks_of_attempts_with_scores(db, monkeypatch) -> None:
    monkeypatch.setenv("CTOTUI_NOW", "2026-11-27T10:00:00+00:00")
    assert "drill" in fill(db)
    tries = drill.attempts(db, limit=1000)
    assert len(tries) >= 30
    days = {a.created_at[:10] for a in tries}
    assert len(days) >= 10 and min(days) <= "2026-10-20" and max(days) < "2026-11-27"
    assert {a.rating for a in tries} >= {drill.Rating.Again, drill.Rating.Good}
    assert any(a.overtime for a in tries)
    assert [q.source_id for q in weak_spots(db)] == ["ntl-budget-cut"]
    rows = progress(db)
    assert all(r.attempts > 0 and len(r.weekly) >= 4 for r in rows)
    # the journal is in this build: some questions have stories from it
    from ctotui.core.drill.stories import coverage

    assert sum(c.covered for c in coverage(db).categories) >= 3
    # scores improve over the weeks
    own = next(r for r in rows if r.slug == "own-the-stack").weekly
    assert own[-1][1] >= own[0][1]


def test_demo_is_deterministic(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("CTOTUI_NOW", "2026-11-27T10:00:00+00:00")
    dumps = []
    for name in ("a.db", "b.db"):
        db = open_db(tmp_path / name)
        fill(db)
        dumps.append(
            [(a.question_id, a.total, a.seconds, a.rating, a.created_at) for a in drill.attempts(db, limit=1000)]
            + [(q.id, q.card_json) for q in drill.list_questions(db)]
        )
        db.close()
    assert dumps[0] == dumps[1]
