"""The path's rules (core/coach/paths.py): each fires on its path when the data shows the risk,
is silent once the data shows otherwise, and is silent on the other paths and with no path."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import pytest

from ctotui.core import playbook
from ctotui.core.coach import actions as coach
from ctotui.core.coach import paths
from ctotui.core.drill import bank as drill
from ctotui.core.journal.entries import add_achievement
from ctotui.core.people import bar, conversations
from ctotui.core.people import persons as people
from ctotui.core.skills import stack as skills
from ctotui.core.timeline import profile
from ctotui.core.timeline import stages as tl

TODAY = date(2026, 11, 11)
WINDOW = TODAY - timedelta(days=paths.RECENT_DAYS - 1)  # the first day of "the last 90 days": 14 Aug


@pytest.fixture(autouse=True)
def frozen(monkeypatch):
    monkeypatch.setenv("CTOTUI_NOW", f"{TODAY.isoformat()}T12:00:00+00:00")
    monkeypatch.setenv("TZ", "UTC")


def ago(days: int) -> date:
    return TODAY - timedelta(days=days)


def fired(db, rule: str) -> list:
    return dict(coach.RULES)[rule](db, TODAY)


def on(db, path: str | None) -> None:
    if path is None:
        profile.update(db, clear=["path"])
    else:
        profile.update(db, path=path)


def entries(db, n: int, *skill_slugs: str, day: date = TODAY, category: str | None = None) -> None:
    for i in range(n):
        add_achievement(db, title=f"Work {i}", occurred_on=day, skills=skill_slugs, category=category)


def technical(db) -> None:
    """Three recent entries, all technical: the journal's mix of a senior engineer's quarter."""
    entries(db, paths.MIN_RECENT, "technical-depth")


def talked(db, person_id: int, days_ago: int) -> None:
    conversations.log(db, person_id, asked="How is it going?", on=ago(days_ago))


def a_bar(db) -> None:
    bar.set_bar(db, role="Head of Engineering", criteria=["Hire two engineers"], agreed_on=TODAY)


# --- early hire to CTO ------------------------------------------------------------


def test_beyond_ic_fires_on_technical_work_only(db):
    on(db, "early-employee")
    technical(db)
    (f,) = fired(db, "path-beyond-ic")
    assert (f.area, f.item) == ("skills", "leadership")
    assert f.reason == "early-hire path: 3 of your 3 entries since 14 Aug are technical, none leadership or business"


def test_beyond_ic_is_silent_with_leadership_or_business_or_too_little_to_judge(db):
    on(db, "early-employee")
    entries(db, paths.MIN_RECENT - 1, "technical-depth")
    assert fired(db, "path-beyond-ic") == []  # two entries say little about a quarter's mix
    entries(db, 1, "technical-depth", day=WINDOW - timedelta(days=1))  # before the window: not counted
    assert fired(db, "path-beyond-ic") == []
    entries(db, 1, "technical-depth", day=WINDOW)  # the window's first day counts
    assert fired(db, "path-beyond-ic") != []
    entries(db, 1, "business")
    assert fired(db, "path-beyond-ic") == []


def test_beyond_ic_wants_the_work_mostly_technical(db):
    on(db, "early-employee")
    entries(db, 2, "communication")
    entries(db, 1, "technical-depth")
    assert fired(db, "path-beyond-ic") == []  # 1 of 3 technical: not a senior engineer's quarter alone
    entries(db, 1, "technical-depth")
    assert fired(db, "path-beyond-ic")[0].reason.startswith("early-hire path: 2 of your 4 entries")


def test_outside_hire_fires_with_no_founder_in_people(db):
    on(db, "early-employee")
    (f,) = fired(db, "path-outside-hire")
    assert (f.area, f.item) == ("people", "founder")
    assert "founders choose who leads engineering, and none is in your people" in f.reason
    gone = people.add(db, "Priya", "founder")
    people.edit(db, gone.id, archived=True)
    assert fired(db, "path-outside-hire")[0].item == "founder"  # an archived founder is not in the list


def test_outside_hire_fires_after_eight_weeks_without_a_founder_talk(db):
    on(db, "early-employee")
    priya = people.add(db, "Priya", "founder")
    (f,) = fired(db, "path-outside-hire")
    assert (f.text, f.item) == ("Tell Priya what role you are growing into", f"person:{priya.id}")
    assert f.reason == "early-hire path: no talk with a founder yet; an outside VP may be hired above you"
    talked(db, priya.id, paths.TALK_DAYS)
    assert fired(db, "path-outside-hire") == []  # 56 days: still within
    people.add(db, "Omar", "founder")
    assert fired(db, "path-outside-hire") == []  # one founder spoken to is enough
    on(db, "early-employee")
    assert dict(coach.RULES)["path-outside-hire"](db, TODAY + timedelta(days=1)) != []  # 57 days: fires


def test_outside_hire_names_the_founder_spoken_to_last(db):
    on(db, "early-employee")
    priya, omar = people.add(db, "Priya", "founder"), people.add(db, "Omar", "founder")
    talked(db, priya.id, 100)
    talked(db, omar.id, 60)
    (f,) = fired(db, "path-outside-hire")
    day = ago(60)
    assert (f.item, f.reason) == (
        f"person:{omar.id}",
        f"early-hire path: no talk with a founder since {day.day} {day:%b}; an outside VP may be hired above you",
    )


def test_no_promise_fires_without_a_bar(db):
    on(db, "early-employee")
    (f,) = fired(db, "path-no-promise")
    assert (f.area, f.item) == ("people", "bar:ask")
    assert f.reason == "early-hire path: nobody promises you the title, and no bar is written down"
    a_bar(db)
    assert fired(db, "path-no-promise") == []


# --- founding engineer ------------------------------------------------------------


def test_all_at_once_lists_each_duty_the_journal_does_not_show(db):
    on(db, "founding-engineer")
    technical(db)
    found = fired(db, "path-all-at-once")
    assert [(f.item, f.opens) for f in found] == [
        ("hiring", "leadership"),
        ("fundraising", "business"),
        ("selling", "product-thinking"),
    ]
    assert found[0].reason == (
        "founding path: none of your 3 entries since 14 Aug is in leadership (hiring), business (fundraising)"
        " or customers (selling)"
    )
    entries(db, 1, "leadership")
    entries(db, 1, "technical-depth", category="customers")
    (f,) = fired(db, "path-all-at-once")
    assert f.item == "fundraising" and f.reason.endswith("is in business (fundraising)")
    entries(db, 1, "business")
    assert fired(db, "path-all-at-once") == []


def test_all_at_once_waits_for_enough_entries_to_judge(db):
    on(db, "founding-engineer")
    entries(db, paths.MIN_RECENT - 1, "technical-depth")
    assert fired(db, "path-all-at-once") == []


def test_no_model_fires_without_a_mentor_or_one_gone_quiet(db):
    on(db, "founding-engineer")
    (f,) = fired(db, "path-no-model")
    assert (f.area, f.item) == ("people", "mentor")
    assert f.reason == "founding path: you may have no well-run team to copy, and no mentor is in your people"
    marcus = people.add(db, "Marcus", "mentor")
    (f,) = fired(db, "path-no-model")
    assert (f.text, f.item) == ("Ask Marcus how a well-run engineering team works", f"person:{marcus.id}")
    assert f.reason == "founding path: no talk with a mentor yet"
    talked(db, marcus.id, people.STALE_DAYS)
    assert fired(db, "path-no-model") == []


# --- corporate ladder ------------------------------------------------------------


@pytest.mark.parametrize(
    "cure",
    [
        lambda db: entries(db, 1, "business"),
        lambda db: entries(db, 1, "product-thinking"),
        lambda db: entries(db, 1, "technical-depth", category="customers"),
        lambda db: tl.set_target(db, paths.COMPANY_NUMBER, True),
    ],
    ids=["business", "product", "a-customer", "a-company-number"],
)
def test_boxed_in_fires_on_engineering_work_only(db, cure: Callable):
    on(db, "corporate-ladder")
    technical(db)
    (f,) = fired(db, "path-boxed-in")
    assert (f.area, f.item) == ("skills", "business")
    assert f.reason == "corporate ladder: none of your 3 entries since 14 Aug is in business, product or customers"
    cure(db)
    assert fired(db, "path-boxed-in") == []


def test_mentors_fires_without_one_and_once_one_goes_quiet(db):
    on(db, "corporate-ladder")
    (f,) = fired(db, "path-mentors")
    assert (f.area, f.item, f.text) == ("people", "mentor", "Ask a director or VP to mentor you")
    dana = people.add(db, "Dana", "mentor")
    talked(db, dana.id, people.STALE_DAYS + 1)
    (f,) = fired(db, "path-mentors")
    day = ago(people.STALE_DAYS + 1)
    assert (f.item, f.reason) == (
        f"person:{dana.id}",
        f"corporate ladder: no talk with a mentor since {day.day} {day:%b}",
    )
    talked(db, dana.id, 0)
    assert fired(db, "path-mentors") == []


def test_criteria_fires_without_a_bar(db):
    on(db, "corporate-ladder")
    (f,) = fired(db, "path-criteria")
    assert (f.area, f.item) == ("people", "bar:ask")
    assert f.reason == "corporate ladder: promotion criteria are spelled out here, and no bar is written down"
    a_bar(db)
    assert fired(db, "path-criteria") == []


# --- every path rule on the other paths -----------------------------------------

RISKS = {  # rule: (its path, data that shows its risk)
    "path-beyond-ic": ("early-employee", technical),
    "path-outside-hire": ("early-employee", lambda db: None),
    "path-no-promise": ("early-employee", lambda db: None),
    "path-all-at-once": ("founding-engineer", technical),
    "path-no-model": ("founding-engineer", lambda db: None),
    "path-boxed-in": ("corporate-ladder", technical),
    "path-mentors": ("corporate-ladder", lambda db: None),
    "path-criteria": ("corporate-ladder", lambda db: None),
}


def test_every_path_rule_is_tested_here():
    assert set(RISKS) == {name for name, _ in paths.PATH_RULES}


@pytest.mark.parametrize("rule", sorted(RISKS))
def test_a_path_rule_is_silent_on_the_other_paths_and_with_none(db, rule):
    own, risk = RISKS[rule]
    risk(db)
    on(db, own)
    assert fired(db, rule) != []  # the risk is in the data
    for other in [p for p in playbook.PATHS if p != own] + [None]:
        on(db, other)
        assert fired(db, rule) == [], other


# --- no path ---------------------------------------------------------------------


def test_choose_path_asks_gently_until_a_path_is_set(db):
    (f,) = fired(db, "choose-path")
    assert (f.area, f.item, f.opens) == ("timeline", "path", "profile")  # the profile form, where the path is picked
    assert "P on the timeline, or ctotui profile --path" in f.reason
    on(db, "corporate-ladder")
    assert fired(db, "choose-path") == []
    on(db, None)
    assert fired(db, "choose-path") != []


def test_choose_path_is_last_and_gives_way_to_the_profile_onboarding(db):
    assert coach.RULE_NAMES[-1] == "choose-path"
    rules = [a.rule for a in coach.uncapped(db, TODAY)]
    assert "start-profile" in rules and "choose-path" not in rules  # both open the profile form: one action
    profile.update(db, years=6)
    rules = [a.rule for a in coach.uncapped(db, TODAY)]
    assert rules[-1] == "choose-path"


# --- in the list -------------------------------------------------------------------


def started(db) -> None:
    """Past onboarding: years, every area rated, the drill tried."""
    profile.update(db, years=6)
    for slug in playbook.SKILLS:
        skills.rate(db, slug, 3)
    question = drill.get_question(db, "ots-10x-traffic")
    drill.record_attempt(db, question.id, "x", dict.fromkeys(playbook.RUBRIC, 1), 60, fuzz=False)


def test_the_path_rules_come_first_of_the_gaps(db):
    names = coach.RULE_NAMES
    block = [names.index(name) for name, _ in paths.PATH_RULES]
    assert block == list(range(block[0], block[0] + len(block)))  # together, in paths.py's order
    assert names.index("drill-due") < block[0] and block[-1] < names.index("skill-claim")


def test_a_path_risk_is_in_this_weeks_list_and_snoozes_like_any_action(db):
    started(db)
    on(db, "founding-engineer")
    technical(db)
    listed = {a.ref: a for a in coach.this_week(db, TODAY).actions}
    assert "path-all-at-once:hiring" in listed and "path-no-model:mentor" in listed
    assert listed["path-all-at-once:hiring"].target == "leadership"  # the skills screen opens on its steps
    coach.snooze(db, "path-all-at-once:hiring", TODAY)
    refs = [a.ref for a in coach.this_week(db, TODAY).actions]
    assert "path-all-at-once:fundraising" in refs and "path-all-at-once:hiring" not in refs  # the next duty


def test_the_same_data_gives_another_list_on_another_path(db):
    started(db)
    technical(db)
    week = {}
    for path in playbook.PATHS:
        on(db, path)
        week[path] = [a.rule for a in coach.this_week(db, TODAY).actions if a.rule.startswith("path-")]
    assert week == {
        "founding-engineer": ["path-all-at-once", "path-no-model"],
        "early-employee": ["path-beyond-ic", "path-outside-hire", "path-no-promise"],
        "corporate-ladder": ["path-boxed-in", "path-mentors", "path-criteria"],
    }
