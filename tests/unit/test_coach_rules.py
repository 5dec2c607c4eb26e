"""This week's actions: every rule at its boundaries with a frozen clock, the order, the caps, snoozing."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest

from ctotui.core import playbook
from ctotui.core.coach import actions as coach
from ctotui.core.coach import evidence
from ctotui.core.drill import bank as drill
from ctotui.core.drill import stories
from ctotui.core.errors import CtoError
from ctotui.core.journal.entries import add_achievement, delete_achievement
from ctotui.core.journal.metrics import Metric
from ctotui.core.people import bar
from ctotui.core.people import persons as people
from ctotui.core.playbook import RUBRIC
from ctotui.core.review import history as review_history
from ctotui.core.review import weekly as review
from ctotui.core.settings import get_setting
from ctotui.core.skills import stack as skills
from ctotui.core.timeline import plan, profile, selfcheck
from ctotui.core.timeline import stages as tl

TODAY = date(2026, 11, 11)  # a Wednesday; the default review day is Friday


@pytest.fixture(autouse=True)
def frozen(monkeypatch):
    monkeypatch.setenv("CTOTUI_NOW", f"{TODAY.isoformat()}T12:00:00+00:00")
    monkeypatch.setenv("TZ", "UTC")


def at(day: date) -> datetime:
    return datetime.combine(day, time(12), tzinfo=UTC)


def ago(days: int) -> date:
    return TODAY - timedelta(days=days)


def found(db, rule: str, today: date = TODAY):
    """The rule's first (most useful) item, or None."""
    return next(iter(dict(coach.RULES)[rule](db, today)), None)


def scores(total: int) -> dict[str, int]:
    values = [2] * (total // 2) + [1] * (total % 2)
    return dict(zip(RUBRIC, values + [0] * (len(RUBRIC) - len(values)), strict=True))


def practise(db, ref: str, total: int, when: datetime):
    return drill.record_attempt(db, drill.get_question(db, ref).id, "x", scores(total), 60, now=when, fuzz=False)


def numbered(db, title: str, day: date, **kw):
    return add_achievement(db, title=title, occurred_on=day, metric=Metric(45, 7, "min"), **kw)


def test_a_fresh_database_gets_onboarding_actions(db):
    week = coach.this_week(db)
    assert [a.rule for a in week.actions[:4]] == ["start-profile", "start-achievement", "start-rating", "start-drill"]
    assert len(week.actions) <= coach.MAX_ACTIONS
    profile.update(db, years=4)
    add_achievement(db, title="Shipped", occurred_on=TODAY)
    for slug in playbook.SKILLS:
        skills.rate(db, slug, 3)
    practise(db, "ots-10x-traffic", 8, at(TODAY))
    rules = {a.rule for a in coach.this_week(db).actions}
    assert not rules & {"start-profile", "start-achievement", "start-rating", "start-drill"}


def test_review_due_on_review_day_or_after_seven_days(db):
    friday = date(2026, 11, 13)
    numbered(db, "Shipped", TODAY)  # a week to review (a brand-new user's first week waits: below)
    assert found(db, "review-due") is None  # Wednesday, never reviewed
    assert found(db, "review-due", friday).reason == "today is your review day"
    review.complete_review(db, review.Week.of(ago(7)), at=at(ago(7)))
    assert found(db, "review-due") is None  # 7 days: not yet
    assert "8 days ago" in found(db, "review-due", TODAY + timedelta(days=1)).reason
    review.complete_review(db, review.Week.of(friday), at=at(TODAY))
    assert found(db, "review-due", friday) is None  # this week's is done


def test_plan_overdue_and_due_soon(db):
    profile.update(db, plan_started=TODAY.isoformat())
    assert found(db, "plan-overdue") is None and found(db, "plan-soon") is None
    late = plan.add_item(db, "3-months", "Late thing", due=ago(1).isoformat())
    assert found(db, "plan-overdue").item == f"plan:{late.id}"
    day = ago(1)  # said as the plan says it ("5 Feb"), not "2026-02-05"
    assert found(db, "plan-overdue").reason == f"overdue since {day.day} {day:%b}"
    plan.set_status(db, late.id, "done")
    today = plan.add_item(db, "3-months", "Due today", due=TODAY.isoformat())
    assert found(db, "plan-overdue") is None  # due today is not late
    assert found(db, "plan-soon").item == f"plan:{today.id}"
    plan.set_status(db, today.id, "done")
    edge = plan.add_item(db, "3-months", "In 14 days", due=(TODAY + timedelta(days=14)).isoformat())
    assert found(db, "plan-soon").item == f"plan:{edge.id}"
    plan.edit_item(db, edge.id, due=(TODAY + timedelta(days=15)).isoformat())
    assert found(db, "plan-soon") is None


def test_no_plan_rule_before_the_plan_starts(db):
    assert found(db, "plan-overdue") is None and found(db, "plan-soon") is None
    assert profile.load(db).plan_started is None  # reading did not start it


def test_drill_due_only_once_a_practised_question_is_due(db):
    assert found(db, "drill-due") is None  # new questions are not "due"
    attempt = practise(db, "ots-10x-traffic", 12, at(ago(1)))
    due = drill.get_question(db, "ots-10x-traffic").due
    assert due > at(TODAY) and found(db, "drill-due") is None
    assert attempt is not None


def test_drill_due_counts_due_questions(db, monkeypatch):
    practise(db, "ots-10x-traffic", 2, at(ago(30)))
    practise(db, "ntl-too-slow", 2, at(ago(30)))
    assert found(db, "drill-due").text == "Practise 2 due interview questions"


def test_skill_claim_needs_a_four_and_no_evidence_in_90_days(db):
    skills.rate(db, "leadership", 3, at=at(TODAY))
    assert found(db, "skill-claim") is None
    skills.rate(db, "leadership", 4, at=at(TODAY))
    assert found(db, "skill-claim").item == "leadership"
    numbered(db, "Old", ago(90), skills=["leadership"])  # outside the 90 days
    assert found(db, "skill-claim").item == "leadership"
    numbered(db, "Recent", ago(89), skills=["leadership"])
    assert found(db, "skill-claim") is None


def test_an_entry_dated_tomorrow_is_recent_evidence(db):
    """The journal takes an entry dated a day ahead (time zones); it counted in all time but not in
    the last 90 days, and the coach asked for evidence right after it was written."""
    skills.rate(db, "communication", 4, at=at(TODAY))
    assert found(db, "skill-claim").item == "communication"
    numbered(db, "Gave a talk to 300 people", TODAY + timedelta(days=1), skills=["communication"])
    assert found(db, "skill-claim") is None
    area = next(a for a in skills.skill_stack(db, TODAY) if a.skill == "communication")
    assert (area.evidence_90d, area.evidence_total) == (1, 1)


def test_skill_underrated_from_three_pieces_of_evidence(db):
    skills.rate(db, "business", 2, at=at(TODAY))
    for n in range(2):
        numbered(db, f"Deal {n}", ago(n), skills=["business"])
    assert found(db, "skill-underrated") is None
    numbered(db, "Deal 3", ago(3), skills=["business"])
    assert found(db, "skill-underrated").item == "business"


def test_skill_stale_after_thirty_days(db):
    skills.rate(db, "communication", 3, at=at(ago(30)))
    assert found(db, "skill-stale") is None
    assert found(db, "skill-stale", TODAY + timedelta(days=1)).item == "communication"


def test_latest_achievements_without_a_number(db):
    bare = add_achievement(db, title="No number here", occurred_on=ago(10))
    assert found(db, "add-number").item == str(bare.id)
    assert found(db, "add-number").reason == "your latest achievement has no number"  # not "latest 1 achievements"
    numbered(db, "Numbered first", ago(11))
    assert found(db, "add-number").reason == "1 of your latest 2 achievements has no number"
    for n in range(coach.LATEST_ACHIEVEMENTS):
        numbered(db, f"Numbered {n}", ago(n))
    assert found(db, "add-number") is None  # the bare one is the sixth newest now


def test_a_profile_answered_without_years_is_not_asked_for_them_again(db):
    assert "optional" in found(db, "start-profile").reason
    profile.update(db, role="Staff engineer")  # the welcome answered, years left out on purpose
    assert found(db, "start-profile") is None


def test_next_target_of_the_evidence_stage(db):
    tl.set_target(db, "tl-multi-month", True)  # something recorded; the evidence stage is still the first
    assert found(db, "next-target").reason.endswith("(0 of 6 targets met · 4 more to move on)")
    assert found(db, "next-target").item == "target:eng-tricky-bugs"
    for target in ("eng-tricky-bugs", "eng-visible-work", "eng-how-it-connects"):
        tl.set_target(db, target, True)
    assert found(db, "next-target").item == "target:eng-monthly-ship"
    tl.set_target(db, "eng-monthly-ship", True)  # 4/6: the evidence moves on
    assert found(db, "next-target").item == "target:tl-design-docs"  # tl-multi-month is met already


def test_with_nothing_recorded_the_coach_asks_for_the_targets_already_met(db):
    """Ten years, a principal engineer, nothing ticked: the coach said "Work toward: Be the one the
    team hands the nastiest bugs to." (a first-stage target) while the timeline said nothing is
    recorded yet. It asks for the targets already met instead, once, opening the timeline's targets."""
    profile.update(db, years=10, role="Principal engineer")
    numbered(db, "Cut p99 latency", ago(1))
    for slug in playbook.SKILLS:
        skills.rate(db, slug, 4)
    listed = dict(coach.RULES)["next-target"](db, TODAY)
    assert len(listed) == 1
    (ask,) = listed
    assert ask.text == "Tick the targets you have already met"
    assert "nothing recorded yet" in ask.reason and "Work toward" not in ask.text
    assert (ask.area, ask.item, ask.opens) == ("timeline", "targets", "target:eng-tricky-bugs")
    tl.set_target(db, "ex-manage-managers", True)  # one ticked: the evidence speaks from now on
    assert found(db, "next-target").text.startswith("Work toward: ")


def test_homes_next_target_is_the_one_work_toward_names_once_one_is_snoozed(db):
    """Snoozing "Work toward: X" moved the list on to the next target while Home's timeline card
    still named X."""
    tl.set_target(db, "ex-budget", True)  # something recorded: "Work toward" is listed
    current = tl.timeline(db).current.targets
    assert coach.next_target(db, current).id == "eng-tricky-bugs"
    coach.snooze(db, "next-target:target:eng-tricky-bugs", TODAY)
    listed = next(a for a in coach.this_week(db, TODAY).actions if a.rule == "next-target")
    assert listed.item == "target:eng-visible-work" == f"target:{coach.next_target(db, current, TODAY).id}"
    for target in current[1:]:
        coach.snooze(db, f"next-target:target:{target.id}", TODAY)
    assert coach.next_target(db, current, TODAY).id == "eng-tricky-bugs"  # all snoozed: still the first unmet
    assert coach.next_target(db, current, TODAY + timedelta(days=7)).id == "eng-tricky-bugs"


def test_story_gap_until_every_category_has_a_story(db):
    assert found(db, "story-gap") is None  # an empty journal: nothing to tell yet (it was suggested)
    a = numbered(db, "Story", ago(1))
    assert found(db, "story-gap").item == "own-the-stack"
    assert found(db, "story-gap").text == "Link a story to a question of Own the whole stack"  # not "a Own ..."
    stories.link_story(db, "ots-10x-traffic", a.id)
    stories.link_story(db, "ntl-too-slow", a.id)
    assert found(db, "story-gap").item == "build-the-team"
    stories.link_story(db, "btt-let-go", a.id)
    assert found(db, "story-gap") is None


def test_leech_from_three_lapses(db):
    when = at(ago(100))
    practise(db, "btt-let-go", 10, when)
    for _ in range(3):
        assert found(db, "leech") is None
        when += timedelta(days=10)
        practise(db, "btt-let-go", 0, when)
        when += timedelta(days=2)
        practise(db, "btt-let-go", 10, when)
    assert found(db, "leech").item == str(drill.get_question(db, "btt-let-go").id)


def test_mistake_answered_yes(db):
    selfcheck.answer_self_check(db, "mistake", "hero-coder", "partly")
    assert found(db, "mistake-yes") is None
    selfcheck.answer_self_check(db, "mistake", "hero-coder", "yes")
    assert found(db, "mistake-yes").item == "check:mistake:hero-coder"


def test_a_stale_yes_to_a_mistake_says_its_age_and_asks_again_once(db):
    """A "yes" answered 371 days ago still read "Work on a mistake you said you make … you answered
    yes to it", with no date, and its re-ask ("last answered 371 days ago") never showed."""
    selfcheck.answer_self_check(db, "mistake", "hero-coder", "yes", at=at(ago(90)))
    fresh = found(db, "mistake-yes")
    assert fresh.reason == "you answered yes to it; the Playbook says what to do instead"
    assert "check:mistake:hero-coder" not in {f.item for f in dict(coach.RULES)["checks-stale"](db, TODAY)}
    assert found(db, "mistake-yes", TODAY + timedelta(days=1)).reason == "you said yes 91 days ago: is it still so?"
    later = TODAY + timedelta(days=281)  # 371 days after the answer
    stale = found(db, "mistake-yes", later)
    assert stale.reason == "you said yes 371 days ago: is it still so?"
    assert stale.text == "Answer again: Staying the hero coder"
    assert (stale.area, stale.item, stale.opens) == ("timeline", "check:mistake:hero-coder", "")
    assert "check:mistake:hero-coder" not in {f.item for f in dict(coach.RULES)["checks-stale"](db, later)}
    shown = [a for a in coach.uncapped(db, later) if a.item == "check:mistake:hero-coder"]
    assert [(a.rule, a.reason) for a in shown] == [("mistake-yes", "you said yes 371 days ago: is it still so?")]


def test_no_known_bar_and_none_written_down_asks_for_the_bar(db):
    """Answers of "no" to knowing the bar reached This week only through a mistake answered yes."""
    assert found(db, "ask-bar") is None
    selfcheck.answer_self_check(db, "signal", "sig-know-bar", "no")
    ask = found(db, "ask-bar")
    assert (ask.area, ask.item) == ("people", "bar:ask")
    assert ask.reason == "you do not know it yet, and no bar is written down"  # whole at 80 columns
    selfcheck.answer_self_check(db, "signal", "sig-know-bar", "yes")
    assert found(db, "ask-bar") is None
    selfcheck.answer_self_check(db, "environment", "env-clear-bar", "no")
    assert found(db, "ask-bar") is not None
    bar.set_bar(db, role="VP", criteria=["a"], agreed_on=TODAY, deadline=TODAY + timedelta(days=300))
    assert found(db, "ask-bar") is None  # written down: the bar's own rule takes over


def test_two_of_the_dead_end_signs_point_at_the_playbooks_mistake(db):
    selfcheck.answer_self_check(db, "environment", "env-pay-matches", "no")
    selfcheck.answer_self_check(db, "environment", "env-mentor", "no")  # not one of the three signs
    assert found(db, "dead-end") is None
    selfcheck.answer_self_check(db, "environment", "env-people-grow", "no")
    action = found(db, "dead-end")
    assert (action.area, action.opens) == ("playbook", "mistakes:dead-end-environment")
    assert action.reason == "2 of its 3 signs answered no in your checks"  # whole at 80 columns
    week = coach.uncapped(db, TODAY)
    assert len(week) == len({(a.area, a.target) for a in week})


def test_checks_not_answered_for_90_days(db):
    for kind in coach.CHECK_KINDS:
        for c in selfcheck.self_checks(db, kind):
            selfcheck.answer_self_check(db, kind, c.item_id, "no", at=at(ago(90)))
    assert found(db, "checks-stale") is None
    first = found(db, "checks-stale", TODAY + timedelta(days=1))
    assert first.item.startswith("check:mistake:") and first.reason == "last answered 91 days ago"


def test_a_stale_self_check_says_its_answers_real_age_not_the_threshold(db):
    """An answer 200 days old read "not answered for 182 days" (the threshold), and a mistake
    answered a year ago "not answered for 90 days"."""
    env = selfcheck.self_checks(db, "environment")[0]
    selfcheck.answer_self_check(db, "environment", env.item_id, "yes", at=at(ago(200)))
    mistake = selfcheck.self_checks(db, "mistake")[0]
    selfcheck.answer_self_check(db, "mistake", mistake.item_id, "no", at=at(ago(365)))
    reasons = {f.item: f.reason for f in dict(coach.RULES)["checks-stale"](db, TODAY)}
    assert reasons[f"check:environment:{env.item_id}"] == "last answered 200 days ago"
    assert reasons[f"check:mistake:{mistake.item_id}"] == "last answered 365 days ago"


def test_the_coach_asks_for_a_self_check_exactly_when_the_timeline_marks_it_for_a_fresh_look(db):
    """The environment checklist read "time for a fresh look" after 182 days on the timeline, and the
    coach never listed it (it looked at signals and mistakes only)."""
    for c in selfcheck.self_checks(db):
        if c.kind != "environment":
            selfcheck.answer_self_check(db, c.kind, c.item_id, "no", at=at(TODAY))
    env = selfcheck.self_checks(db, "environment")[0]
    selfcheck.answer_self_check(db, "environment", env.item_id, "yes", at=at(ago(100)))
    for rest in selfcheck.self_checks(db, "environment")[1:]:
        selfcheck.answer_self_check(db, "environment", rest.item_id, "yes", at=at(TODAY))
    for days in (0, 82, 83):  # answered 100, 182 and 183 days before (selfcheck.REVISIT_DAYS: 182)
        action = found(db, "checks-stale", TODAY + timedelta(days=days))
        if days < 83:
            assert action is None
        else:
            assert action.item == f"check:environment:{env.item_id}" and action.reason == "last answered 183 days ago"


def test_journal_week_from_monday(db):
    monday = TODAY - timedelta(days=TODAY.weekday())
    assert found(db, "journal-week") is None  # an empty journal gets the onboarding action instead
    numbered(db, "Last week", monday - timedelta(days=1))
    assert found(db, "journal-week").item == "new"
    assert found(db, "journal-week").reason == "no journal entry since Monday"  # a Wednesday
    assert found(db, "journal-week", monday).reason == "none yet this week"  # not "since Monday" on a Monday
    numbered(db, "This week", monday)
    assert found(db, "journal-week") is None


def test_order_caps_and_one_per_rule(db):
    week = coach.this_week(db)
    assert [a.priority for a in week.actions] == sorted(a.priority for a in week.actions)
    assert len({a.rule for a in week.actions}) == len(week.actions) <= coach.MAX_ACTIONS
    assert len({(a.area, a.item) for a in week.actions}) == len(week.actions)
    assert coach.RULE_NAMES[0] == "start-profile" and len(set(coach.RULE_NAMES)) == len(coach.RULES)


def test_snooze_hides_an_action_for_seven_days_and_no_longer(db):
    assert coach.snooze(db, "start-drill:start", TODAY) == "start-drill:start"
    for day in range(7):
        rules = [a.rule for a in coach.this_week(db, TODAY + timedelta(days=day)).actions]
        assert "start-drill" not in rules
        assert coach.this_week(db, TODAY + timedelta(days=day)).snoozed == 1
    assert "start-drill" in [a.rule for a in coach.this_week(db, TODAY + timedelta(days=7)).actions]


def refs(db, today: date = TODAY) -> list[str]:
    return [a.ref for a in coach.this_week(db, today).actions]


def test_snooze_is_per_item(db):
    tl.set_target(db, "ex-budget", True)  # something recorded: the rule lists the first stage's targets
    coach.snooze(db, "next-target:target:eng-tricky-bugs", TODAY)
    assert found(db, "next-target").item == "target:eng-tricky-bugs"
    assert "next-target:target:eng-tricky-bugs" not in refs(db)
    assert "next-target:target:eng-visible-work" in refs(db)  # the rule's next target takes its place


def test_a_snoozed_plan_item_gives_way_to_the_next_late_one(db):
    """Snoozing the oldest late plan item hid every late item: the rule showed only its first."""
    profile.update(db, years=4, plan_started=TODAY.isoformat())
    for slug in playbook.SKILLS:  # no onboarding actions ahead of the plan
        skills.rate(db, slug, 3)
    add_achievement(db, title="Shipped", occurred_on=TODAY)
    practise(db, "ots-10x-traffic", 8, at(TODAY))
    first = plan.add_item(db, "3-months", "Oldest", due=ago(9).isoformat())
    second = plan.add_item(db, "3-months", "Newer", due=ago(2).isoformat())
    assert f"plan-overdue:plan:{first.id}" in refs(db)
    coach.snooze(db, f"plan-overdue:plan:{first.id}", TODAY)
    week = coach.this_week(db)
    late = [a for a in week.actions if a.rule == "plan-overdue"]
    assert [a.item for a in late] == [f"plan:{second.id}"] and week.snoozed == 1
    coach.snooze(db, f"plan-overdue:plan:{second.id}", TODAY)
    assert "plan-overdue" not in [a.rule for a in coach.this_week(db).actions]
    assert coach.this_week(db).snoozed == 2


@pytest.mark.parametrize(
    "ref", ["drill-due:dUe", "next-target:target:nope", "start-drill:elsewhere", "follow-up-due:person:999"]
)
def test_a_snooze_for_an_action_not_shown_now_is_refused_and_not_stored(db, ref):
    """It was stored, and lay in wait to hide the action the day it came."""
    with pytest.raises(CtoError, match="not among this week's actions"):
        coach.snooze(db, ref, TODAY)
    assert get_setting(db, coach.SNOOZE_KEY) is None


def test_an_action_beyond_the_five_shown_may_be_snoozed(db):
    shown = refs(db)
    beyond = [a.ref for a in coach.uncapped(db, TODAY)][len(shown)]  # the first past the cap
    coach.snooze(db, beyond, TODAY)
    with pytest.raises(CtoError, match="already snoozed: back on 2026-11-18"):
        coach.snooze(db, beyond, TODAY)


def test_unsnooze_brings_back_one_or_all(db):
    coach.snooze(db, "start-drill:start", TODAY)
    coach.snooze(db, "start-profile:profile", TODAY + timedelta(days=1))
    assert [(s.ref, s.back) for s in coach.snoozes.live(db, TODAY + timedelta(days=1))] == [
        ("start-drill:start", TODAY + timedelta(days=7)),
        ("start-profile:profile", TODAY + timedelta(days=8)),
    ]
    day = TODAY + timedelta(days=1)
    assert coach.unsnooze(db, "start-drill:start", day) == ["start-drill:start"]
    assert "start-drill:start" in refs(db, day)
    with pytest.raises(CtoError, match="'start-drill:start' is not snoozed"):
        coach.unsnooze(db, "start-drill:start", day)
    assert coach.unsnooze(db, "all", day) == ["start-profile:profile"]
    with pytest.raises(CtoError, match="nothing is snoozed"):
        coach.unsnooze(db, "all", TODAY)


def test_rating_asks_until_every_area_is_rated(db):
    """Rating one area made the action go, with five areas still not rated."""
    assert found(db, "start-rating").text == "Rate yourself on the six skill areas"
    skills.rate(db, playbook.SKILLS[0], 3)
    action = found(db, "start-rating")
    assert action.text == "Rate the 5 areas not rated yet" and action.opens == playbook.SKILLS[1]
    for slug in playbook.SKILLS[1:-1]:
        skills.rate(db, slug, 3)
    assert found(db, "start-rating").text == "Rate the 1 area not rated yet"
    skills.rate(db, playbook.SKILLS[-1], 3)
    assert found(db, "start-rating") is None


def test_a_skill_claim_opens_the_new_entry_form_with_the_skill(db):
    skills.rate(db, "leadership", 4, at=at(TODAY))
    action = next(a for a in coach.uncapped(db, TODAY) if a.rule == "skill-claim")
    assert (action.area, action.item, action.target) == ("journal", "leadership", "new:leadership")
    assert action.key == "j"


def test_a_mistake_answered_yes_opens_the_playbook_at_it(db):
    selfcheck.answer_self_check(db, "mistake", "hero-coder", "yes")
    action = found(db, "mistake-yes")
    assert (action.area, action.opens, action.item) == ("playbook", "mistakes:hero-coder", "check:mistake:hero-coder")
    assert "what to do instead" in action.reason


@pytest.mark.parametrize("ref", ["nope:x", "start-drill", "start-drill:", "leech:" + "x" * 200])
def test_bad_snooze_refs_are_refused(db, ref):
    with pytest.raises(CtoError):
        coach.snooze(db, ref)


def test_a_snoozed_rating_action_stays_snoozed_while_areas_are_rated(db):
    """Its item was the first area not rated: rating that area brought the action back at once."""
    skills.rate(db, playbook.SKILLS[0], 3)
    coach.snooze(db, "start-rating:unrated", TODAY)
    skills.rate(db, playbook.SKILLS[1], 3)
    assert "start-rating" not in {a.rule for a in coach.uncapped(db, TODAY)}
    assert "start-rating" in {a.rule for a in coach.uncapped(db, TODAY + timedelta(days=7))}


def test_a_review_past_its_day_is_an_action_while_homes_card_asks_for_it(db):
    """Saturday after a Friday review day, this week not reviewed: Home's card said "Review day was
    Friday; there is still time until Sunday" while `next` and Home's list had no review action."""
    saturday = date(2026, 11, 14)
    numbered(db, "Shipped", TODAY)
    assert review_history.review_status(db, saturday).nudge is not None
    assert found(db, "review-due", saturday).reason == "review day was Friday; this week is not reviewed yet"
    review.complete_review(db, review.Week.of(saturday), at=at(saturday))
    assert found(db, "review-due", saturday) is None and review_history.review_status(db, saturday).nudge is None


def test_a_brand_new_user_is_not_asked_to_review_a_week_they_did_not_use(db, monkeypatch):
    """Five minutes in, the coach said "Do the weekly review: review day was Friday; this week is not
    reviewed yet". Before a first review it waits for a week to review: an achievement dated in it,
    or a first trace (here the profile) at least a week old."""
    saturday = date(2026, 11, 14)
    monkeypatch.setenv("CTOTUI_NOW", f"{saturday.isoformat()}T09:55:00+00:00")
    profile.update(db, years=3)
    skills.rate(db, playbook.SKILLS[0], 3)
    assert found(db, "review-due", saturday) is None
    assert review_history.review_status(db, saturday).nudge is None  # nor Home's review card
    gone = numbered(db, "Typed by mistake", saturday)
    delete_achievement(db, gone.id)  # in the trash: no win of the week
    assert found(db, "review-due", saturday) is None
    assert found(db, "review-due", saturday + timedelta(days=6)) is None  # Friday: a week less a day
    assert (
        found(db, "review-due", saturday + timedelta(days=7)).reason
        == "review day was Friday; this week is not reviewed yet"
    )
    assert review_history.review_status(db, saturday + timedelta(days=7)).nudge is not None
    numbered(db, "Shipped the first thing", saturday - timedelta(days=1))  # written today, dated this week
    assert found(db, "review-due", saturday).reason == "review day was Friday; this week is not reviewed yet"
    assert review_history.review_status(db, saturday).nudge is not None


def test_an_achievement_only_in_an_earlier_week_is_no_week_to_review(db, monkeypatch):
    """Last year's wins typed in on day one date the entries, not the user's time with the app."""
    saturday = date(2026, 11, 14)
    monkeypatch.setenv("CTOTUI_NOW", f"{saturday.isoformat()}T09:55:00+00:00")
    numbered(db, "Led the migration", date(2025, 6, 1))
    assert found(db, "review-due", saturday) is None


def test_a_first_review_left_half_done_last_week_is_an_action(db, monkeypatch):
    """A first review begun on Wednesday and left at step 3: the next Monday Home's card asked to
    resume it while `next` and Home's list had no review action (the coach waited for a review
    ever done before it called last week not reviewed)."""
    wednesday, monday = date(2026, 11, 11), date(2026, 11, 16)
    monkeypatch.setenv("CTOTUI_NOW", f"{wednesday.isoformat()}T09:55:00+00:00")
    numbered(db, "Shipped", date(2026, 11, 9))
    review.set_step(db, review.Week.of(wednesday), 3, at=at(wednesday))
    status = review_history.review_status(db, monday)
    assert status.nudge is not None and "step 3" in status.nudge
    action = found(db, "review-due", monday)
    assert action is not None and action.reason == "last week's review, 9–15 Nov 2026, is half done (step 3 of 6)"
    review.complete_review(db, review.Week.of(wednesday), at=at(monday))
    assert found(db, "review-due", monday) is None


def months_back(n: int) -> date:
    """The 15th of the month ``n`` months before TODAY's (0: this month)."""
    return plan.add_months(TODAY.replace(day=15), -n)


def test_a_target_the_journal_shows_met_is_asked_to_be_ticked_not_worked_toward(db):
    """Twelve numbered entries, one a month, and 3 engineer targets ticked: the coach still said "Work
    toward: Keep a log of your work with at least one entry a month, ..." It asks to tick it instead,
    naming the journal's evidence, from LOG_MONTHS months in a row; it does not tick it."""
    for target in ("eng-tricky-bugs", "eng-visible-work", "eng-how-it-connects"):
        tl.set_target(db, target, True)
    assert evidence.LOG_MONTHS == 6
    for n in range(2, evidence.LOG_MONTHS + 1):  # May to Sep: five months in a row
        numbered(db, f"Month {n}", months_back(n))
    add_achievement(db, title="No number", occurred_on=months_back(1))  # October's has no number
    assert found(db, "next-target").text.startswith("Work toward: Ship something")
    numbered(db, "October", months_back(1))  # six months in a row, this month not over yet
    ask = found(db, "next-target")
    assert ask.text == "Tick the target your journal shows met: " + tl.target_state(db, "eng-work-log").text
    assert ask.reason == "your journal has a numbered entry every month since May 2026"
    assert (ask.area, ask.item) == ("timeline", "target:eng-work-log")
    assert not tl.target_state(db, "eng-work-log").met  # asked, not ticked
    numbered(db, "This month", TODAY)  # this month counts once it has one; the run still starts in May
    assert found(db, "next-target").reason.endswith("since May 2026")
    later = plan.add_months(TODAY, 2)  # December went by without a numbered entry: the log lapsed
    assert found(db, "next-target", later).text.startswith("Work toward: Ship something")
    tl.set_target(db, "eng-work-log", True)
    assert all("Keep a log" not in f.text for f in dict(coach.RULES)["next-target"](db, TODAY))


def overdue(db) -> dict[str, object]:
    """Every overdue plan item's action, by the item's playbook id."""
    by_id = {f"plan:{i.id}": i.source_id for h in plan.plan(db) for i in h.items}
    return {by_id[f.item]: f for f in dict(coach.RULES)["plan-overdue"](db, TODAY)}


def test_an_overdue_plan_item_the_data_shows_done_asks_to_be_ticked(db):
    """ "Finish or re-date: Start a plain document of your achievements" for a user with journal entries,
    "... Run a project whose work spans several teams" with the target it mirrors met, "... Get your
    manager to spell out what you would need to show" with a bar written down. Those say "looks done"."""
    profile.update(db, plan_started=plan.add_months(TODAY, -13).isoformat())  # every 3- and 12-month item late
    late = overdue(db)
    assert all(f.text.startswith("Finish or re-date: ") for f in late.values())
    assert late["p3-own-area"].reason.endswith("(and 7 more)")
    first = numbered(db, "Led the 4-month checkout re-platform across 3 teams", ago(30))
    numbered(db, "Cut deploys", ago(20))
    tl.link_evidence(db, "tl-multi-month", first.id)
    tl.set_target(db, "tl-measured-process", True, at=at(ago(5)))
    maria = people.add(db, name="Maria Lopez", relation="manager")
    bar.set_bar(db, role="VP", criteria=["a"], person_id=maria.id, agreed_on=date(2026, 2, 20))
    late = overdue(db)
    done = {k: f.reason for k, f in late.items() if f.text.startswith("Tick if done: ")}
    assert done == {
        "p3-achievements": "looks done: your journal has 2 entries",
        "p12-cross-team": f"looks done: #{first.id} “Led the 4-month checkout re-platform across 3 teams” shows it",
        "p12-process": f"looks done: you ticked the timeline target it mirrors on {ago(5).day} {ago(5):%b}",
        "p12-expectations": "looks done: you have a bar set with Maria Lopez on 20 Feb",
    }
    assert late["p12-cross-team"].text == "Tick if done: Run a project whose work spans several teams."
    assert late["p3-own-area"].reason.endswith("(and 3 more)")  # the items still to finish or re-date
    assert not any(i.status == "done" for h in plan.plan(db) for i in h.items)  # asked, not ticked
    item = next(i for h in plan.plan(db) for i in h.items if i.source_id == "p12-cross-team")
    plan.edit_item(db, item.id, text="Run the data migration with the platform team")  # no longer the playbook's
    assert overdue(db)["p12-cross-team"].text.startswith("Finish or re-date: ")


def test_a_plan_item_due_soon_the_data_shows_done_asks_to_be_ticked(db):
    """ "Plan item due in 7 days: Start a plain document of your achievements" for a user whose journal
    had two entries: due soon, it was asked to be worked on where, a week later and overdue, it asked to
    be ticked. It asks to be ticked as soon as the data shows it done."""
    profile.update(db, plan_started=(plan.add_months(TODAY, -3) + timedelta(days=7)).isoformat())
    soon = {by: f for by, f in soon_items(db).items()}
    assert (
        soon["p3-achievements"].text
        == "Plan item due in 7 days: Start a plain document of your achievements and keep adding to it."
    )
    numbered(db, "Cut deploys", ago(20))
    numbered(db, "Cut build time", ago(10))
    soon = soon_items(db)
    assert (
        soon["p3-achievements"].text
        == "Tick if done: Start a plain document of your achievements and keep adding to it."
    )
    assert soon["p3-achievements"].reason == "looks done: your journal has 2 entries"
    assert soon["p3-own-area"].text.startswith("Plan item due in 7 days: ")  # nothing shows this one done


def soon_items(db) -> dict[str, object]:
    """Every plan item's due-soon action, by the item's playbook id."""
    by_id = {f"plan:{i.id}": i.source_id for h in plan.plan(db) for i in h.items}
    return {by_id[f.item]: f for f in dict(coach.RULES)["plan-soon"](db, TODAY)}


def test_one_link_short_of_its_count_is_a_record_and_no_longer_asks_for_ticks_or_links(db):
    """After `timeline link tl-mentees 1` (1 of 2 linked) the coach still said "nothing recorded
    yet: your stage shows once you tick or link them", and the timeline the same."""
    profile.update(db, years=10)
    assert found(db, "next-target", TODAY).text == "Tick the targets you have already met"
    entry = numbered(db, "Mentored 2 engineers to senior", TODAY)
    tl.link_evidence(db, "tl-mentees", entry.id)
    assert tl.timeline(db).placement.recorded
    assert "nothing is recorded yet" not in tl.placement_sentence(tl.timeline(db).placement)
    assert found(db, "next-target", TODAY).text.startswith("Work toward: ")
