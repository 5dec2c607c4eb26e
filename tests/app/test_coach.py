"""Home's "This week": each action's key opens its screen on its item; z snoozes it (checked in the database)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from pilot_tools import db_ready, press, screen_text, wait_for
from test_text_shown import flat, notifications
from textual.widgets import DataTable, OptionList, SelectionList, TabbedContent

from ctotui.core import playbook
from ctotui.core.coach import actions as coach
from ctotui.core.db import open_db
from ctotui.core.drill import bank as drill
from ctotui.core.journal.entries import add_achievement, page_achievements
from ctotui.core.playbook import RUBRIC
from ctotui.core.review import weekly as review
from ctotui.core.settings import get_setting
from ctotui.core.skills import stack as skills
from ctotui.core.timeline import profile, selfcheck
from ctotui.core.timeline import stages as tl
from ctotui.ui.app import CtoApp
from ctotui.ui.coach.next_list import CoachList
from ctotui.ui.drill.screen import DrillScreen
from ctotui.ui.home.screen import ACTION_KEYS, DashboardScreen
from ctotui.ui.journal.achievement_list import AchievementList
from ctotui.ui.journal.form import AchievementForm
from ctotui.ui.journal.screen import JournalScreen
from ctotui.ui.playbook.screen import PlaybookScreen
from ctotui.ui.review.screen import ReviewScreen
from ctotui.ui.skills.screen import SkillsScreen
from ctotui.ui.timeline.screen import TimelineScreen
from ctotui.ui.timeline.welcome import ProfileDialog

SIZE = (80, 24)
WIDE = (120, 40)  # for the tests that read what only fits on a wider screen
NOW = "2026-11-11T12:00:00+00:00"


@pytest.fixture
def started(db_path, monkeypatch):
    """Profile, a rating and achievements: the actions are about real items, not onboarding."""
    monkeypatch.setenv("CTOTUI_NOW", NOW)
    db = open_db(db_path)
    profile.update(db, years=5)
    for target in ("eng-tricky-bugs", "eng-visible-work", "eng-how-it-connects", "eng-monthly-ship"):
        tl.set_target(db, target, True)
    skills.rate(db, "leadership", 4)
    bare = add_achievement(db, title="Ran the migration", occurred_on="2026-11-10")
    for n in range(3):
        add_achievement(db, title=f"Older {n}", occurred_on=f"2026-10-0{n + 1}")
    db.close()
    return bare.id


async def home_list(pilot) -> CoachList:
    await db_ready(pilot)
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, DashboardScreen))
    lst = pilot.app.screen.query_one(CoachList)
    await wait_for(pilot, lambda: lst.actions)
    return lst


async def press_action(pilot, lst: CoachList, ref: str) -> None:
    assert ref in lst.actions, list(lst.actions)
    lst.focus()
    lst.highlighted = lst.get_option_index(ref)
    await press(pilot, "enter")


async def test_an_action_opens_the_timeline_on_its_target(db_path, started):
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        lst = await home_list(pilot)
        await press_action(pilot, lst, "next-target:target:tl-multi-month")
        await wait_for(pilot, lambda: isinstance(app.screen, TimelineScreen))
        stage = app.screen.query_one("#stage-list")
        await wait_for(pilot, lambda: stage.current_id == "target:tl-multi-month" and stage.has_focus)
        await press(pilot, "space")  # the focused item is the one the action named
        await wait_for(pilot, lambda: tl.target_state(app.db, "tl-multi-month").ticked)


async def test_an_action_opens_skills_on_its_area(db_path, started):
    """Leadership is rated: "Rate the 5 areas not rated yet" opens Skills on the first of them."""
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        lst = await home_list(pilot)
        assert lst.actions["start-rating:unrated"].text == "Rate the 5 areas not rated yet"
        await press_action(pilot, lst, "start-rating:unrated")
        await wait_for(pilot, lambda: isinstance(app.screen, SkillsScreen))
        areas = app.screen.query_one("#areas")
        await wait_for(pilot, lambda: areas.current_id == "area:technical-depth")


async def test_the_claim_action_opens_the_new_entry_form_with_its_skill(db_path, started):
    """ "Write down an achievement that shows your leadership" opened Skills, which cannot write one."""
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        lst = await home_list(pilot)
        await press_action(pilot, lst, "skill-claim:leadership")
        await wait_for(pilot, lambda: isinstance(app.screen, AchievementForm))
        ticked = lambda: [s.selected for s in app.screen.query("#skills").results(SelectionList)]  # noqa: E731
        await wait_for(pilot, lambda: ticked() == [["leadership"]])
        await press(pilot, *"Coached two leads")
        await press(pilot, "ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, JournalScreen))
        saved = next(a for a in page_achievements(app.db, limit=1).items)
        assert (saved.title, saved.skills) == ("Coached two leads", ("leadership",))
        listing = app.screen.query_one("#list", AchievementList)
        await wait_for(pilot, lambda: listing.highlighted is not None and listing.highlighted.id == saved.id)


async def test_the_mistake_action_opens_the_playbook_at_the_mistake(db_path, started):
    """ "Work on a mistake you said you make", "the Playbook says how": it opened the self-checks,
    which show only the warning signs."""
    db = open_db(db_path)
    selfcheck.answer_self_check(db, "mistake", "hero-coder", "yes")
    db.close()
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        lst = await home_list(pilot)
        action = lst.actions["mistake-yes:check:mistake:hero-coder"]
        assert action.reason == "you answered yes to it; the Playbook says what to do instead"
        await press_action(pilot, lst, action.ref)
        await wait_for(pilot, lambda: isinstance(app.screen, PlaybookScreen))
        sections = app.screen.query_one("#sections", OptionList)
        await wait_for(pilot, lambda: sections.highlighted == sections.get_option_index("mistakes"))
        page = app.screen.query_one("#page")
        await wait_for(pilot, lambda: page.scroll_y > 0)  # hero-coder is not the first mistake
        await wait_for(pilot, lambda: "Staying the hero coder" in screen_text(app) and "Instead" in screen_text(app))


async def test_an_action_opens_the_journal_on_its_achievement(db_path, started):
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        lst = await home_list(pilot)
        await press_action(pilot, lst, f"add-number:{started}")
        await wait_for(pilot, lambda: isinstance(app.screen, JournalScreen))
        listing = app.screen.query_one("#list", AchievementList)
        await wait_for(pilot, lambda: listing.highlighted is not None and listing.highlighted.id == started)


async def test_z_snoozes_the_highlighted_action_for_a_week(db_path, started):
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        lst = await home_list(pilot)
        lst.focus()
        lst.highlighted = lst.get_option_index("skill-claim:leadership")
        await press(pilot, "z")
        await wait_for(pilot, lambda: "skill-claim:leadership" in get_setting(app.db, coach.SNOOZE_KEY, {}))
        await wait_for(pilot, lambda: "skill-claim:leadership" not in lst.actions)
        assert lst.border_subtitle == "1–5 or enter does it · z snoozes · 1 snoozed, u brings back"


async def test_u_brings_back_the_action_snoozed_last(db_path, started):
    """A snooze could not be undone: no key, no palette entry."""
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        lst = await home_list(pilot)
        lst.focus()
        lst.highlighted = lst.get_option_index("skill-claim:leadership")
        await press(pilot, "z")
        await wait_for(pilot, lambda: "skill-claim:leadership" not in lst.actions)
        await wait_for(pilot, lambda: flat("u brings it back") in flat(notifications(app)))
        await press(pilot, "u")
        await wait_for(pilot, lambda: "skill-claim:leadership" in lst.actions)
        assert get_setting(app.db, coach.SNOOZE_KEY) == {}
        assert lst.border_subtitle == "1–5 or enter does it · z snoozes"
        await press(pilot, "u")
        await wait_for(pilot, lambda: flat("nothing is snoozed") in flat(notifications(app)))


async def last_step_text(pilot) -> str:
    """The review opened on its last step (saved as the step reached), with next week's actions shown."""
    app = pilot.app
    await db_ready(pilot)
    await press(pilot, "w")
    await wait_for(pilot, lambda: isinstance(app.screen, ReviewScreen) and app.screen.step == 6)
    await wait_for(pilot, lambda: "Next week, from your data" in screen_text(app))
    return screen_text(app)


async def test_the_review_s_last_step_opens_with_the_week_and_this_week_s_actions(db_path, started):
    db = open_db(db_path)
    review.set_step(db, None, 6)
    db.close()
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=WIDE) as pilot:
        text = await last_step_text(pilot)
        assert "The week" in text and "You logged 1" in text  # the one entry dated this week
        first = coach.this_week(app.db).actions[0]
        assert f"1. {first.text}"[:30] in text


async def test_the_review_does_not_ask_for_itself_among_next_weeks_actions(demo_db):
    """Home's first action on the demo data is "Do the weekly review": the review's last step listed
    it too, in the very review it asks for."""
    db = open_db(demo_db)
    actions = coach.this_week(db).actions
    review.set_step(db, None, 6)
    db.close()
    assert actions[0].rule == "review-due"
    app = CtoApp(db_path=demo_db)
    async with app.run_test(size=WIDE) as pilot:
        text = await last_step_text(pilot)
        assert actions[0].text not in text and f"1. {actions[1].text}"[:30] in text


async def test_the_number_in_front_of_an_action_does_it(db_path):
    """A fresh database: 1 asks for the profile, 2 opens the new-achievement form."""
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        lst = await home_list(pilot)
        assert [a.rule for a in lst.actions.values()][:2] == ["start-profile", "start-achievement"]
        await press(pilot, "1")
        await wait_for(pilot, lambda: isinstance(app.screen, ProfileDialog))
        # "give your years of experience and role": in Years (the years typed went into the name)
        await wait_for(pilot, lambda: app.focused is not None and app.focused.id == "years")
        await press(pilot, "escape")
        await wait_for(pilot, lambda: isinstance(app.screen, TimelineScreen))
        await press(pilot, "h")
        await wait_for(pilot, lambda: isinstance(app.screen, DashboardScreen))
        await press(pilot, "2")
        await wait_for(pilot, lambda: isinstance(app.screen, AchievementForm))


async def test_a_leech_action_opens_the_drill_bank_on_its_question(db_path, monkeypatch):
    monkeypatch.setenv("CTOTUI_NOW", NOW)
    db = open_db(db_path)
    question = drill.get_question(db, "btt-let-go").id
    when = datetime(2026, 6, 1, 10, tzinfo=UTC)
    drill.record_attempt(db, question, "a", dict.fromkeys(RUBRIC, 2), 60, now=when, fuzz=False)
    for _ in range(3):  # three lapses: a leech
        when += timedelta(days=10)
        drill.record_attempt(db, question, "a", dict.fromkeys(RUBRIC, 0), 60, now=when, fuzz=False)
        when += timedelta(days=2)
        drill.record_attempt(db, question, "a", dict.fromkeys(RUBRIC, 2), 60, now=when, fuzz=False)
    ref = f"leech:{question}"
    while ref not in [a.ref for a in coach.this_week(db).actions]:  # snooze the more urgent ones away
        for a in coach.this_week(db).actions:
            coach.snooze(db, a.ref)
    db.close()
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        lst = await home_list(pilot)
        await press_action(pilot, lst, ref)
        await wait_for(pilot, lambda: isinstance(app.screen, DrillScreen))
        table = app.screen.query_one("#bank-table", DataTable)

        def on_the_question() -> bool:
            return table.row_count > 0 and table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value == str(
                question
            )

        await wait_for(pilot, on_the_question)
        assert app.screen.query_one("#tabs", TabbedContent).active == "bank"


async def test_the_drill_due_action_opens_practise_on_due_now(db_path):
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        lst = await home_list(pilot)
        await press_action(pilot, lst, "start-drill:start")
        await wait_for(pilot, lambda: isinstance(app.screen, DrillScreen))
        choices = app.screen.query_one("#choices")
        # the list is empty until the screen's read is in (asking it for "due-now" then raised: flaky under load)
        await wait_for(
            pilot, lambda: choices.option_count and choices.highlighted == choices.get_option_index("due-now")
        )


def test_home_has_a_key_for_every_action():
    assert ACTION_KEYS == coach.MAX_ACTIONS


@pytest.fixture
def on_a_path(db_path, monkeypatch):
    """Past onboarding, on the early-hire path, with a quarter of technical work only."""
    monkeypatch.setenv("CTOTUI_NOW", NOW)
    db = open_db(db_path)
    profile.update(db, years=6, path="early-employee")
    for slug in playbook.SKILLS:
        skills.rate(db, slug, 3)
    drill.record_attempt(
        db, drill.get_question(db, "ots-10x-traffic").id, "x", dict.fromkeys(RUBRIC, 1), 60, fuzz=False
    )
    for n in range(3):
        add_achievement(db, title=f"Sharded cache {n}", occurred_on=f"2026-11-0{n + 1}", skills=["technical-depth"])
    db.close()


async def test_home_shows_the_path_risk_and_it_opens_its_skill_area(db_path, on_a_path):
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=WIDE) as pilot:
        lst = await home_list(pilot)
        action = lst.actions["path-beyond-ic:leadership"]
        assert action.text == "Grow beyond senior engineering work: lead, hire or mentor"
        shown = screen_text(app)
        assert action.text in shown
        assert "Skills: early-hire path: 3 of your 3 entries since 14 Aug are technical, none leadership" in shown
        await press_action(pilot, lst, action.ref)
        await wait_for(pilot, lambda: isinstance(app.screen, SkillsScreen))
        areas = app.screen.query_one("#areas")
        await wait_for(pilot, lambda: areas.current_id == "area:leadership")  # its practical steps


async def test_the_path_rules_follow_the_path_set_in_the_profile(db_path, on_a_path):
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=WIDE) as pilot:
        lst = await home_list(pilot)
        assert "path-beyond-ic:leadership" in lst.actions
        db = open_db(db_path)  # `ctotui profile --path corporate-ladder` from another window
        profile.update(db, path="corporate-ladder")
        db.close()
        await wait_for(pilot, lambda: "path-boxed-in:business" in lst.actions)
        assert not [ref for ref in lst.actions if ref.startswith(("path-beyond-ic", "path-outside-hire"))]


async def test_with_no_path_a_gentle_action_opens_the_profile_form_on_it(db_path, on_a_path):
    db = open_db(db_path)
    profile.update(db, clear=["path"])
    while others := [a.ref for a in coach.uncapped(db) if a.rule != "choose-path"]:
        for ref in others:  # a week of everything else snoozed: the gentle ask comes up from the end
            coach.snooze(db, ref)
    db.close()
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=WIDE) as pilot:
        lst = await home_list(pilot)
        assert list(lst.actions) == ["choose-path:path"]  # no path: none of the path's rules speak
        action = lst.actions["choose-path:path"]
        assert action.reason in screen_text(app)
        await press_action(pilot, lst, action.ref)
        await wait_for(pilot, lambda: isinstance(app.screen, ProfileDialog))
