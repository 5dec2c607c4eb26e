"""The demo fills the timeline: a profile, ticked targets, plan items (some done, one overdue), self-checks."""

from __future__ import annotations

import subprocess
import sys
from datetime import date

from ctotui.core.demo import build as demo
from ctotui.core.people import bar
from ctotui.core.timeline import plan, selfcheck
from ctotui.core.timeline import stages as tl


def test_demo_fills_the_timeline(db, monkeypatch):
    monkeypatch.setenv("CTOTUI_NOW", "2026-03-15T10:00:00+00:00")
    assert "timeline" in demo.fill(db, achievements=0)
    t = tl.timeline(db)
    assert t.profile.aim == "exec-in-training" and t.profile.plan_started is not None
    assert t.placement.stage == "tech-leader"
    assert t.current.met == 2 and t.next.met == 1
    assert [x for x, _ in tl.target_history(db, "tl-multi-month")] == [True, False]
    horizons = plan.plan(db)
    assert sum(h.done for h in horizons) == 4
    assert sum(h.overdue for h in horizons) == 1
    assert any(i.own for h in horizons for i in h.items)
    checks = selfcheck.self_checks(db)
    assert all(c.answer for c in checks)
    assert sum(c.stale for c in checks) == 1


def test_demo_answers_the_clear_bar_check_as_its_bar_says(db, monkeypatch):
    """`checks` printed "no  env-clear-bar  Has someone told you clearly what you would need to show…"
    (answered 2026-02-27) right above "The bar: 3 of 5 criteria met", a bar agreed on 2025-10-16."""
    monkeypatch.setenv("CTOTUI_NOW", "2026-03-15T10:00:00+00:00")
    demo.fill(db, achievements=0)
    the_bar = bar.current(db)
    check = next(c for c in selfcheck.self_checks(db, "environment") if c.item_id == "env-clear-bar")
    assert the_bar is not None and the_bar.agreed_on < date.fromisoformat(check.answered_at[:10])
    assert check.answer == "yes"


def test_demo_plan_items_are_done_or_dropped_after_they_were_added(db, monkeypatch):
    """The plan's detail pane said "from the playbook · due 5 Feb · added 15 Mar · done 23 Feb": the
    demo seeded the playbook's items at its clock and dated their ticks weeks before."""
    monkeypatch.setenv("CTOTUI_NOW", "2026-03-15T10:00:00+00:00")
    demo.fill(db, achievements=0)
    items = [i for h in plan.plan(db, include_dropped=True) for i in h.items]
    started = tl.timeline(db).profile.plan_started
    assert sum(1 for i in items if i.done_at) == 4
    for i in items:
        assert started is not None and date.fromisoformat(i.created_at[:10]) >= started, i
        assert all(stamp >= i.created_at for stamp in (i.done_at, i.dropped_at) if stamp), i


def test_demo_is_deterministic(tmp_path, monkeypatch):
    from ctotui.core.db import open_db

    monkeypatch.setenv("CTOTUI_NOW", "2026-03-15T10:00:00+00:00")
    dumps = []
    for name in ("a.db", "b.db"):
        db = open_db(tmp_path / name)
        demo.fill(db, achievements=0)
        dumps.append(
            [
                db.execute(f"select * from {table} order by 1").fetchall()
                for table in ("target_ticks", "stage_answers", "plan_items", "self_check_answers")
            ]
        )
        db.close()
    assert dumps[0] == dumps[1]


def test_core_and_cli_modules_do_not_import_textual():
    code = (
        "import sys\n"
        "import ctotui.core.timeline.stages, ctotui.core.timeline.plan, ctotui.core.timeline.selfcheck, ctotui.core.timeline.profile\n"
        "import ctotui.core.demo.timeline, ctotui.cli.timeline\n"
        "assert not [m for m in sys.modules if m == 'textual' or m.startswith('textual.')], 'textual imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
