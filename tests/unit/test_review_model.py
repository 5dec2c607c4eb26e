"""The review row: created on the first write, saved step by step, focus chosen and carried over,
completion; the dashboard's status and nudge; journal activity and skills across reviews."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from review_helpers import local_time

from ctotui.core.errors import CtoError, NotFound
from ctotui.core.journal.entries import add_achievement, delete_achievement
from ctotui.core.review import weekly as review
from ctotui.core.review.history import journal_activity, nudge, review_status, shade, skill_trends
from ctotui.core.review.weekly import Week
from ctotui.core.skills import stack as skills
from ctotui.core.timeline import plan

W = Week(2026, 11)  # 9-15 March 2026


@pytest.fixture(autouse=True)
def frozen(monkeypatch):
    with local_time(monkeypatch, "2026-03-13T17:00:00+00:00"):  # Friday of W
        yield


def open_items(db, n: int) -> list[int]:
    return [i.id for h in plan.plan(db) for i in h.items if i.status == "open"][:n]


def test_nothing_is_written_until_the_first_step(db):
    assert review.get_review(db, W) is None
    assert review.list_reviews(db) == []
    r = review.set_step(db, W, 2)
    assert (r.week, r.step, r.completed, r.reflection) == (W, 2, False, "")
    assert review.get_review(db) == r  # this week by default
    assert review.start_review(db, W).id == r.id  # one review per week


def test_each_change_is_saved_with_its_time(db):
    review.start_review(db, W, at=datetime.fromisoformat("2026-03-13T16:00:00+00:00"))
    r = review.set_step(db, W, 4)
    assert r.step == 4 and r.started_at.startswith("2026-03-13T16:00") and r.updated_at.startswith("2026-03-13T17:00")
    r = review.save_text(db, W, reflection="  A good week.\n\nLearned a lot.  ", next_thing=" Ask   for feedback ")
    assert (r.reflection, r.next_thing) == ("A good week.\n\nLearned a lot.", "Ask for feedback")
    r = review.save_text(db, W, next_thing="Something else")
    assert r.reflection == "A good week.\n\nLearned a lot."  # a field not given stays


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda db: review.set_step(db, W, 7), "step is a number from 1 to 6"),
        (lambda db: review.set_step(db, W, 0), "step is a number from 1 to 6"),
        (lambda db: review.save_text(db, W, reflection="x" * 20_001), "reflection is 20,001 characters"),
        (lambda db: review.save_text(db, W, next_thing="y" * 301), "keep it to 300"),
    ],
)
def test_bad_input_writes_nothing(db, call, message):
    with pytest.raises(CtoError, match=message):
        call(db)
    assert review.list_reviews(db) == []


def test_focus_at_most_three_open_items(db):
    a, b, c, d = open_items(db, 4)
    for item in (a, b, c):
        review.set_focus(db, W, item, True)
    with pytest.raises(CtoError, match="room for 3 focus items"):
        review.set_focus(db, W, d, True)
    assert review.get_review(db, W).focus == (a, b, c)
    assert review.toggle_focus(db, W, b).focus == (a, c)
    assert review.toggle_focus(db, W, d).focus == (a, c, d)
    plan.set_status(db, b, "done")
    with pytest.raises(CtoError, match="is done; only an open item"):
        review.set_focus(db, W, b, True)
    with pytest.raises(NotFound):
        review.set_focus(db, W, 9999, True)


def test_a_new_week_carries_the_open_focus_over(db):
    a, b, c = open_items(db, 3)
    review.set_focus(db, W, a, True)
    review.set_focus(db, W, b, True)
    review.complete_review(db, W)
    plan.set_status(db, a, "done")
    nxt = review.start_review(db, W.shifted(1))
    assert nxt.focus == (b,)  # a is done: not carried
    assert review.get_review(db, W).focus == (a, b)  # last week's choice is kept as it was


def test_completing_keeps_the_first_time_and_goes_to_the_last_step(db):
    first = review.complete_review(db, W, at=datetime.fromisoformat("2026-03-13T18:00:00+00:00"))
    assert first.completed and first.step == 6
    review.set_step(db, W, 2)  # reopened and edited
    again = review.complete_review(db, W, at=datetime.fromisoformat("2026-03-14T09:00:00+00:00"))
    assert again.completed_at == first.completed_at and again.step == 6


def test_deleting_a_review_takes_its_focus_with_it(db):
    (a,) = open_items(db, 1)
    r = review.set_focus(db, W, a, True)
    db.execute("delete from reviews where id = ?", [r.id])
    assert db.execute("select count(*) from review_focus").fetchone()[0] == 0
    assert plan.get_item(db, a).status == "open"


@pytest.mark.parametrize(
    ("today", "state", "expected"),
    [
        (date(2026, 3, 11), None, None),  # Wednesday, nothing started: nothing to say yet
        (date(2026, 3, 11), 3, "Half done: w resumes it at step 3."),
        (date(2026, 3, 13), None, "Today is review day: w starts it."),
        (date(2026, 3, 13), 2, "Today is review day: w resumes it at step 2."),
        (date(2026, 3, 14), None, "Review day was Friday; there is still time until Sunday: w starts it."),
        (date(2026, 3, 15), None, "Review day was Friday; the week ends today: w starts it."),
        (date(2026, 3, 13), "done", None),
    ],
)
def test_nudge(today, state, expected):
    r = None
    if state is not None:
        done = "2026-03-13T17:00:00+00:00" if state == "done" else None
        r = review.Review(1, W, 6 if state == "done" else state, "", "", "x", "x", done, ())
    started, done = r is not None, r is not None and r.completed
    due = review.due_review(today, 4, last_done=True, this_started=started, this_done=done)
    assert nudge(today, 4, r, due) == expected


def test_status_for_the_dashboard(db):
    a, b = open_items(db, 2)
    before = W.shifted(-1)
    review.set_focus(db, before, a, True)
    review.complete_review(db, before, at=datetime.fromisoformat("2026-03-06T18:00:00+00:00"))
    s = review_status(db)
    assert (s.week, s.days_since, s.streak.current, s.weekday) == (W, 7, 1, 4)
    assert s.focus_week == W and [i.id for i in s.focus] == [a]  # chosen in last week's review for this week
    assert s.nudge == "Today is review day: w starts it."
    review.set_focus(db, W, b, True)  # this week's review, not finished: its picks show at once (step 4)
    s = review_status(db)
    assert (s.focus_week, [i.id for i in s.focus]) == (W.shifted(1), [a, b])
    review.complete_review(db, W)
    s = review_status(db)
    assert (s.days_since, s.streak.current, s.nudge, s.focus_week) == (0, 2, None, W.shifted(1))
    assert [i.id for i in s.focus] == [a, b]  # a was carried over, b added


def test_activity_counts_live_entries_per_day_over_53_weeks(db):
    for day in ("2026-03-10", "2026-03-10", "2026-03-12", "2025-03-09", "2025-03-10"):
        add_achievement(db, title="Shipped it", occurred_on=day)
    gone = add_achievement(db, title="Deleted later", occurred_on="2026-03-12")
    delete_achievement(db, gone.id)
    a = journal_activity(db)
    assert (a.start, a.end, a.weeks) == (date(2025, 3, 10), date(2026, 3, 13), 53)
    assert a.counts == {date(2026, 3, 10): 2, date(2026, 3, 12): 1, date(2025, 3, 10): 1}
    assert (a.total, a.active_days, a.peak) == (4, 3, 2)
    assert (a.level(date(2026, 3, 10)), a.level(date(2026, 3, 12)), a.level(date(2026, 3, 11))) == (4, 2, 0)


@pytest.mark.parametrize(("count", "peak", "level"), [(0, 5, 0), (1, 1, 4), (1, 8, 1), (2, 8, 1), (3, 8, 2), (8, 8, 4)])
def test_shade(count, peak, level):
    assert shade(count, peak) == level


def test_skills_across_completed_reviews(db):
    skills.rate(db, "leadership", 2, at=datetime.fromisoformat("2026-02-20T10:00:00+00:00"))
    skills.rate(db, "leadership", 3, at=datetime.fromisoformat("2026-03-04T10:00:00+00:00"))
    for week in (Week(2026, 8), Week(2026, 10), W):
        review.complete_review(db, week)
    review.set_step(db, Week(2026, 9), 2)  # not finished: not a point of the trend
    weeks, trends = skill_trends(db)
    assert weeks == (Week(2026, 8), Week(2026, 10), W)
    lead = next(t for t in trends if t.skill == "leadership")
    assert lead.levels == (2, 3, 3) and lead.change == 1
    assert next(t for t in trends if t.skill == "business").levels == (None, None, None)
