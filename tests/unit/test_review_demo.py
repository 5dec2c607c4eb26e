"""The demo adds months of weekly reviews: a live streak, a gap before it, focus from the demo plan."""

from __future__ import annotations

import pytest
from review_helpers import local_time

from ctotui.core.demo import build as demo
from ctotui.core.review import weekly as review
from ctotui.core.review.history import review_status
from ctotui.core.review.report import to_markdown, week_report
from ctotui.core.review.weekly import Week
from ctotui.core.timeline import plan

NOW = "2026-03-15T10:00:00+00:00"  # a Sunday: this week's review is still to do


@pytest.fixture(autouse=True)
def frozen(monkeypatch):
    with local_time(monkeypatch, NOW):
        yield


def test_demo_reviews_have_a_streak_and_a_gap(db):
    assert "review" in demo.fill(db, achievements=40)
    reviews = review.list_reviews(db)
    done = [r for r in reviews if r.completed]
    assert len(done) == 19 and len(reviews) == 20
    s = review_status(db)
    assert (s.streak.current, s.streak.longest, s.streak.last) == (11, 11, Week(2026, 10))
    assert s.this_week is None and s.nudge == "Review day was Friday; the week ends today: w starts it."
    half = [r for r in reviews if not r.completed]
    assert [(r.week, r.step) for r in half] == [(Week(2025, 50), 3)]
    assert not any(r.week in (Week(2025, 49), Week(2025, 51)) for r in reviews)  # the gap
    items = {i.id: i for h in plan.plan(db) for i in h.items}
    assert all(1 <= len(r.focus) <= review.MAX_FOCUS and set(r.focus) <= set(items) for r in done)
    assert all(r.reflection and r.next_thing for r in done)
    # Reviews happen on the review day or a little later, never before the week they review.
    assert all(r.week.contains(review.clock.local(r.completed_at).date()) for r in done)


def test_demo_focus_items_that_were_done_show_as_done_in_a_later_report(db):
    demo.fill(db, achievements=0)
    reports = [week_report(db, r.week) for r in review.list_reviews(db)]
    assert any(f.done for rep in reports for f in rep.plan.focus)
    assert "## Reflection" in to_markdown(reports[0])


def test_demo_reviews_are_deterministic(tmp_path):
    from ctotui.core.db import open_db

    dumps = []
    for name in ("a.db", "b.db"):
        db = open_db(tmp_path / name)
        demo.fill(db, achievements=0)
        dumps.append([db.execute(f"select * from {t} order by 1, 2").fetchall() for t in ("reviews", "review_focus")])
        db.close()
    assert dumps[0] == dumps[1] and dumps[0][0]


@pytest.mark.parametrize("now", ["2026-03-09T00:10:00+00:00", "2027-01-02T08:00:00+00:00"])
def test_the_demo_works_far_from_utc(db, monkeypatch, now):
    """Monday just after midnight and New Year's week 53, twelve hours ahead of UTC."""
    with local_time(monkeypatch, now, "Pacific/Auckland"):
        demo.fill(db, achievements=10)
        s = review_status(db)
    assert s.streak.current == 11 and s.streak.last == s.week.shifted(-1)
