"""A past week's paragraph says what stood at that week's end: reading it later, after plan items
were ticked, dropped or reopened, or on another day, gives the same words."""

from __future__ import annotations

from datetime import datetime

import pytest
from review_helpers import local_time

from ctotui.core.coach.week import week_summary
from ctotui.core.drill import bank as drill
from ctotui.core.drill.progress import progress
from ctotui.core.playbook import RUBRIC
from ctotui.core.review.weekly import Week
from ctotui.core.timeline import plan, profile

W07 = Week(2026, 7)  # Monday 9 to Sunday 15 February 2026


def own_items(db, monkeypatch) -> dict[str, int]:
    """Plan items of the user's own, added on 1 February: one due 5 Feb (overdue all of W07), one done
    on 11 Feb (in the week), one dropped on 12 Feb; and one added on 20 Feb, after the week, due 1 Feb."""
    with local_time(monkeypatch, "2026-02-01T09:00:00+00:00"):
        profile.update(db, plan_started="2026-02-01")
        late = plan.add_item(db, "3-months", "Write the on-call guide", due="2026-02-05").id
        done = plan.add_item(db, "3-months", "Cut build from 10 to 4 min", due="2026-02-03").id
        dropped = plan.add_item(db, "3-months", "Move to a monorepo", due="2026-02-04").id
    with local_time(monkeypatch, "2026-02-11T09:00:00+00:00"):
        plan.set_status(db, done, "done")
    with local_time(monkeypatch, "2026-02-12T09:00:00+00:00"):
        plan.set_status(db, dropped, "dropped")
    with local_time(monkeypatch, "2026-02-20T09:00:00+00:00"):
        plan.add_item(db, "3-months", "Added after the week", due="2026-02-01")
    return {"late": late, "done": done, "dropped": dropped}


def playbook_items_not_due(db) -> None:
    """The seeded playbook items are due months after the plan start: none overdue in W07."""
    assert all(i.due is not None and i.due > W07.end for h in plan.plan(db) for i in h.items if i.source_id)


CHANGES = [
    [("late", "done")],
    [("late", "dropped")],
    [("late", "done"), ("late", "open")],
    [("late", "done"), ("late", "dropped")],
    [("done", "open")],
    [("done", "dropped")],
    [("dropped", "open")],
    [("dropped", "done")],
]


@pytest.mark.parametrize("changes", CHANGES)
def test_the_overdue_count_is_the_weeks_end_s_whatever_is_ticked_later(db, monkeypatch, changes):
    """Demo db on 27 March: 'review --week 2026-W07' said '1 overdue', then after 'plan done 1'
    'none overdue': the count read today's status."""
    ids = own_items(db, monkeypatch)
    with local_time(monkeypatch, "2026-03-27T09:00:00+00:00"):
        playbook_items_not_due(db)
        before = week_summary(db, W07)
        assert before.plan_overdue == 1  # the item due 5 Feb; not the one added after the week
        assert before.plan_done == 1
        for name, status in changes:
            plan.set_status(db, ids[name], status)
        after = week_summary(db, W07)
    assert after.plan_overdue == before.plan_overdue, changes


def test_an_item_done_after_the_week_was_overdue_at_its_end(db, monkeypatch):
    ids = own_items(db, monkeypatch)
    with local_time(monkeypatch, "2026-03-27T09:00:00+00:00"):
        plan.set_status(db, ids["late"], "done")
        plan.set_status(db, ids["late"] + 3, "dropped")  # the one added after the week: not in it anyway
        s = week_summary(db, W07)
    assert s.plan_overdue == 1 and "1 plan item done, 1 overdue." in s.text()


def test_an_item_reopened_within_the_week_was_open_at_its_end(db, monkeypatch):
    ids = own_items(db, monkeypatch)
    with local_time(monkeypatch, "2026-02-13T09:00:00+00:00"):  # Friday of W07: the done one reopened
        plan.set_status(db, ids["done"], "open")
    with local_time(monkeypatch, "2026-03-27T09:00:00+00:00"):
        assert week_summary(db, W07).plan_overdue == 2
        plan.set_status(db, ids["done"], "done")  # done again, after the week
        assert week_summary(db, W07).plan_overdue == 2


W11 = Week(2026, 11)  # Monday 9 to Sunday 15 March 2026


def scores(total: int) -> dict[str, int]:
    values = [2] * (total // 2) + [1] * (total % 2)
    return dict(zip(RUBRIC, values + [0] * (len(RUBRIC) - len(values)), strict=True))


def practised(db, monkeypatch) -> list[int]:
    """Answers on 2 March (before W11), 10 and 12 March (in it): three questions of two categories."""
    questions = drill.list_questions(db)
    first = questions[0]
    ids = [first.id, next(q.id for q in questions if q.category == first.category and q.id != first.id)]
    ids.append(next(q.id for q in questions if q.category != first.category))
    with local_time(monkeypatch, "2026-03-01T09:00:00+00:00"):
        for qid, day, total in [(ids[0], "02", 6), (ids[0], "10", 11), (ids[1], "10", 9), (ids[2], "12", 4)]:
            moment = datetime.fromisoformat(f"2026-03-{day}T10:00:00+00:00")
            drill.record_attempt(db, qid, "an answer", scores(total), 60, now=moment, fuzz=False)
    return ids


def test_a_past_weeks_drill_readiness_is_the_same_whatever_day_it_is_read(db, monkeypatch):
    """It read 'rose from 57% to 58%' on 15 March, 'held at 57%' on the 16th, '55% to 56%' on the 25th
    and '52% to 53%' on 1 May: both ends used the recall of the day it was read."""
    ids = practised(db, monkeypatch)
    read = []
    for now in ("2026-03-16T08:00:00", "2026-03-25T12:00:00", "2026-05-01T12:00:00", "2027-03-01T12:00:00"):
        with local_time(monkeypatch, now + "+00:00"):
            s = week_summary(db, W11)
            read.append((s.readiness_before, s.readiness_after, s.text()))
    assert len(set(read)) == 1, read
    before, after, text = read[0]
    assert before is not None and after is not None and after > before
    assert f"rose from {before}% to {after}% with 3 answers" in text
    with local_time(monkeypatch, "2026-03-27T12:00:00+00:00"):  # answered and retired after the week
        drill.record_attempt(
            db, ids[0], "again", scores(0), 60, now=datetime.fromisoformat("2026-03-26T10:00:00+00:00")
        )
        drill.retire_question(db, ids[1])
        s = week_summary(db, W11)
    assert (s.readiness_before, s.readiness_after) == (before, after)


def test_this_weeks_drill_readiness_is_the_drills_own_now(db, monkeypatch):
    """While the week runs, its end is now: the readiness the drill shows (its cards as stored)."""
    practised(db, monkeypatch)
    with local_time(monkeypatch, "2026-03-14T12:00:00+00:00"):
        values = [c.readiness for c in progress(db)]
        assert week_summary(db, W11).readiness_after == round(sum(values) / len(values))
