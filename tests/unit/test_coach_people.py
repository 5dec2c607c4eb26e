"""This week's actions from people and the bar: follow-ups due, the bar's deadline, a reference
gone quiet; each rule at its boundaries with a frozen clock."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from ctotui.core.coach import actions as coach
from ctotui.core.people import bar, conversations
from ctotui.core.people import persons as people

TODAY = date(2026, 11, 11)


@pytest.fixture(autouse=True)
def frozen(monkeypatch):
    monkeypatch.setenv("CTOTUI_NOW", f"{TODAY.isoformat()}T12:00:00+00:00")
    monkeypatch.setenv("TZ", "UTC")


def found(db, rule: str, today: date = TODAY):
    """The rule's first (most useful) item, or None."""
    return next(iter(dict(coach.RULES)[rule](db, today)), None)


@pytest.mark.parametrize(("due_in", "shown"), [(-3, True), (0, True), (1, False)])
def test_a_follow_up_due_today_or_late_is_an_action(db, due_in, shown):
    dana = people.add(db, "Dana Okafor", "manager")
    conversations.log(db, dana.id, asked="x", on=TODAY - timedelta(days=10), follow_up=TODAY + timedelta(days=due_in))
    action = found(db, "follow-up-due")
    assert (action is not None) is shown
    if shown:
        assert (action.text, action.area, action.item) == ("Follow up with Dana Okafor", "people", f"person:{dana.id}")
        assert ("due today" if due_in == 0 else "3 days overdue") in action.reason


@pytest.mark.parametrize(
    ("days_left", "met", "shown"),
    [(bar.NEAR_DAYS + 1, 0, False), (bar.NEAR_DAYS, 0, True), (-1, 0, True), (-1, 2, False)],
)
def test_the_bar_deadline_near_or_passed_with_criteria_open(db, days_left, met, shown):
    b = bar.set_bar(
        db, role="VP", criteria=["a", "b"], agreed_on="2026-01-01", deadline=TODAY + timedelta(days=days_left)
    )
    for n in range(1, met + 1):
        bar.tick(db, n)
    action = found(db, "bar-deadline")
    assert (action is not None) is shown
    if shown:
        assert action.item == f"bar:{b.id}" and action.area == "people"
        assert ("passed" in action.reason) is (days_left < 0)


def test_the_bar_on_its_deadline_day_is_due_today(db):
    """It read "0 days left and 2 criteria open"."""
    bar.set_bar(db, role="VP", criteria=["a", "b"], agreed_on="2026-01-01", deadline=TODAY)
    assert found(db, "bar-deadline").reason == "due today, with 2 criteria open"
    assert found(db, "bar-deadline", TODAY - timedelta(days=1)).reason == "1 day left and 2 criteria open"


def test_a_reference_gone_quiet_for_90_days(db):
    jun = people.add(db, "Jun", "reference")
    conversations.log(db, jun.id, asked="x", on=TODAY - timedelta(days=people.STALE_DAYS))
    assert found(db, "reference-stale") is None
    assert found(db, "reference-stale", TODAY + timedelta(days=1)).item == f"person:{jun.id}"


def test_people_rules_sit_in_the_priority_order(db):
    names = coach.RULE_NAMES
    assert names.index("review-due") < names.index("bar-deadline") < names.index("plan-overdue")
    assert names.index("plan-overdue") < names.index("follow-up-due") < names.index("drill-due")
    assert names[-2:] == ("reference-stale", "choose-path")  # the gentle ask for a path comes last


def test_a_snoozed_follow_up_gives_way_to_the_next_one(db):
    """Snoozing Yan's follow-up (10 days late) hid Ana's too (5 days late): the rule showed only its first."""
    ana = people.add(db, "Ana", "manager")
    yan = people.add(db, "Yan", "peer")
    conversations.log(db, ana.id, asked="x", on=TODAY - timedelta(days=14), follow_up=TODAY - timedelta(days=5))
    conversations.log(db, yan.id, heard="ok", on=TODAY - timedelta(days=13), follow_up=TODAY - timedelta(days=10))
    every = coach.RULE_NAMES  # snooze the onboarding away, so the follow-ups are among the five
    for a in coach.this_week(db).actions:
        if every.index(a.rule) < every.index("follow-up-due"):
            coach.snooze(db, a.ref)
    follow = [a for a in coach.this_week(db).actions if a.rule == "follow-up-due"]
    assert [(a.text, a.reason) for a in follow] == [("Follow up with Yan", "the follow-up you set is 10 days overdue")]
    coach.snooze(db, f"follow-up-due:person:{yan.id}")
    follow = [a for a in coach.this_week(db).actions if a.rule == "follow-up-due"]
    assert [(a.text, a.reason) for a in follow] == [("Follow up with Ana", "the follow-up you set is 5 days overdue")]


def test_a_reference_never_spoken_to_is_said_so(db):
    """It read "a reference you have not spoken to ever"."""
    bo = people.add(db, "Bo", "reference")
    assert found(db, "reference-stale").reason == "a reference you have never spoken to"
    conversations.log(db, bo.id, asked="x", on=TODAY - timedelta(days=people.STALE_DAYS + 1))
    day = (TODAY - timedelta(days=people.STALE_DAYS + 1)).isoformat()
    assert found(db, "reference-stale").reason == f"a reference you have not spoken to since {day}"
