"""The timeline screen driven by keys, as a person would; every check is on the database."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from pilot_tools import at_rest, db_ready, press, screen_text, settle
from pilot_tools import wait_for as until
from textual.command import CommandInput, CommandPalette
from textual.widgets import Input, OptionList, ProgressBar, Select, TabbedContent
from textual.widgets.option_list import OptionDoesNotExist

from ctotui.core import clock, playbook
from ctotui.core.db import open_db
from ctotui.core.settings import get_setting
from ctotui.core.timeline import plan, profile, selfcheck
from ctotui.core.timeline import stages as tl
from ctotui.ui.app import CtoApp
from ctotui.ui.timeline.forms import AnswerDialog, PlanItemDialog, due_hint
from ctotui.ui.timeline.screen import TimelineScreen
from ctotui.ui.timeline.welcome import ProfileDialog
from ctotui.ui.widgets.action_list import HEADING

SIZE = (80, 24)


def keys(text: str) -> list[str]:
    return ["space" if ch == " " else ch for ch in text]


@pytest.fixture
def placed(db_path):
    db = open_db(db_path)
    profile.update(db, years=5, role="Senior engineer", path="early-employee", plan_started="2026-01-01")
    for target in ("eng-tricky-bugs", "eng-visible-work", "eng-how-it-connects", "eng-monthly-ship"):
        tl.set_target(db, target, True)  # 4/6: the evidence puts them at Technical leader
    db.close()
    return db_path


def welcome_focused(app) -> bool:
    """The profile dialog is up with its first field focused: keys typed now land in the name."""
    return isinstance(app.screen, ProfileDialog) and app.screen.focused is not None and app.screen.focused.id == "name"


async def open_timeline(pilot) -> TimelineScreen:
    await press(pilot, "t")
    await until(pilot, lambda: isinstance(pilot.app.screen, TimelineScreen))
    await settle(pilot)  # what the screen reads in its workers is on screen
    return pilot.app.screen


async def test_welcome_asks_for_the_profile_and_saves_it(db_path):
    app = CtoApp(db_path=db_path, welcome=True)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: welcome_focused(app))
        await press(pilot, *keys("Sam Lee"), "tab", *keys("4.5"), "tab", *keys("Tech lead"), "ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, TimelineScreen))
        p = profile.load(app.db)
        assert (p.name, p.years_set, p.role) == ("Sam Lee", 4.5, "Tech lead")
        assert p.plan_started is not None  # prefilled with today
        where = str(app.screen.query_one("#where-text").render())
        assert "space ticks what you have done" in where and "behind" not in where  # nothing recorded: no pace


async def test_a_plan_start_typed_over_todays_default_replaces_it(db_path):
    """The welcome's "Plan started" shows today until set: entering it selects that, so a phrase
    typed there is the start (not "2026-12-052 weeks ago", refused on save); once typed in, and in
    a profile whose start is set, the field's text is the user's and entering leaves it alone."""
    app = CtoApp(db_path=db_path, welcome=True)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: welcome_focused(app))
        field = app.screen.query_one("#plan_started", Input)
        assert field.value == clock.today().isoformat()
        field.focus()
        await at_rest(pilot)
        await press(pilot, *keys("2 weeks ago"))
        await until(pilot, lambda: field.value == "2 weeks ago")
        app.screen.query_one("#name", Input).focus()
        field.focus()
        await at_rest(pilot)
        assert field.selection.is_empty  # typed in: the user's own text now
        await press(pilot, "ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, TimelineScreen))
        assert profile.load(app.db).plan_started == clock.today() - timedelta(weeks=2)
        await press(pilot, "P")
        await until(pilot, lambda: isinstance(app.screen, ProfileDialog))
        field = app.screen.query_one("#plan_started", Input)
        field.focus()
        await at_rest(pilot)
        assert field.value == (clock.today() - timedelta(weeks=2)).isoformat() and field.selection.is_empty


async def test_the_welcome_saves_without_years_and_is_not_asked_again(db_path):
    """It said "A few answers are enough to start", then refused: "years of experience are needed
    to place you on the road (0 is fine)". The evidence places you; years only give the pace."""
    app = CtoApp(db_path=db_path, welcome=True)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: welcome_focused(app))
        app.screen.query_one("#name", Input).value = "Sam Lee"
        await press(pilot, "ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, TimelineScreen) and app.screen._timeline is not None)
        p = profile.load(app.db)
        assert (p.name, p.years) == ("Sam Lee", None) and p.plan_started is not None
        line = str(app.screen.query_one("#where-text").render())
        assert line.startswith("Strong engineer") and "your years" in line  # for the pace: none said yet
        assert not any(pace in line for pace in ("on pace", "ahead", "behind"))
    again = CtoApp(db_path=db_path, welcome=True)
    async with again.run_test(size=SIZE) as pilot:
        await at_rest(pilot)
        assert not isinstance(again.screen, ProfileDialog)


async def test_a_field_blanked_in_the_profile_is_emptied(demo_db):
    """Years deleted and saved: the dialog closed as if saved, and 5.5 years stayed."""
    app = CtoApp(db_path=demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await db_ready(pilot)
        await press(pilot, "t")
        await until(pilot, lambda: isinstance(app.screen, TimelineScreen))
        await at_rest(pilot)
        before = profile.load(app.db)
        assert before.years_set is not None and before.role and before.name
        await press(pilot, "P")
        await until(pilot, lambda: isinstance(app.screen, ProfileDialog))
        await at_rest(pilot)
        app.screen.query_one("#years", Input).value = ""
        app.screen.query_one("#role", Input).value = "  "
        await press(pilot, "ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, TimelineScreen))
        after = profile.load(app.db)
        assert (after.years_set, after.role, after.name, after.path) == (None, None, before.name, before.path)
        await until(pilot, lambda: "on pace" not in str(app.screen.query_one("#where-text").render()))


@pytest.mark.parametrize("typed", ["-2", "nan"])
async def test_welcome_refuses_bad_years_inline(db_path, typed):
    app = CtoApp(db_path=db_path, welcome=True)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: welcome_focused(app))
        app.screen.query_one("#years", Input).value = typed
        await press(pilot, "ctrl+s")
        await at_rest(pilot)
        assert isinstance(app.screen, ProfileDialog)
        assert "years must be a number" in str(app.screen.query_one("#form-error").render())
        assert profile.load(app.db).empty


async def test_skipping_the_welcome_is_remembered(db_path):
    app = CtoApp(db_path=db_path, welcome=True)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, ProfileDialog))
        await press(pilot, "escape")
        await until(pilot, lambda: not isinstance(app.screen, ProfileDialog))
        assert get_setting(app.db, profile.WELCOME_SKIPPED) is True
    again = CtoApp(db_path=db_path, welcome=True)
    async with again.run_test(size=SIZE) as pilot:
        await at_rest(pilot)
        assert not isinstance(again.screen, ProfileDialog)


async def test_no_welcome_in_headless_runs_unless_asked(db_path):
    app = CtoApp(db_path=db_path)  # what every other area's tests do
    async with app.run_test(size=SIZE) as pilot:
        await at_rest(pilot)
        assert not isinstance(app.screen, ProfileDialog)


async def test_a_tab_is_built_when_first_shown_from_the_last_read_and_then_kept_fresh(placed):
    # a first visit composes the stage tab only (docs/performance.md); the plan and the
    # self-checks are built from the read already made, by key or by a click on their label,
    # and a built tab follows the reads after a write
    app = CtoApp(db_path=placed)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_timeline(pilot)
        assert screen.tabs_built == {"stage"} and not screen.query("#plan-list") and not screen.query("#check-list")
        reads = screen.loads_shown
        await press(pilot, "2")
        plan_list = screen.query_one("#plan-list", OptionList)
        await until(pilot, lambda: plan_list.option_count and app.focused is plan_list)
        assert screen.loads_shown == reads  # built from the last read, not a new one
        db = open_db(placed)  # another window adds a plan item: the built list reads it
        added = plan.add_item(db, "3-months", "Pair with the staff engineer on the migration")
        db.close()
        await until(pilot, lambda: f"plan:{added.id}" in [o.id for o in plan_list.options])
        await pilot.click("#tabs Tab#--content-tab-checks")
        await until(pilot, lambda: screen.query("#check-list") and app.focused is screen.query_one("#check-list"))
        assert screen.query_one("#check-list", OptionList).option_count
        await press(pilot, "2")
        assert screen.tabs_built == {"stage", "plan", "checks"} and screen.query_one("#plan-list") is plan_list


async def test_a_stale_tab_activation_leaves_the_tab_on_view(placed):
    """A tab's activation handled after another tab was activated does not move the focus (and so
    the tab) back to it (the review's tabs took turns forever that way)."""
    app = CtoApp(db_path=placed)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_timeline(pilot)
        await press(pilot, "2")
        plan_list = screen.query_one("#plan-list", OptionList)
        await until(pilot, lambda: app.focused is plan_list)
        tabs = screen.query_one("#tabs", TabbedContent)
        tabs.post_message(TabbedContent.TabActivated(tabbed_content=tabs, tab=tabs.get_tab("stage")))
        await at_rest(pilot)
        assert tabs.active == "plan" and app.focused is plan_list


async def test_space_ticks_the_highlighted_target(placed):
    app = CtoApp(db_path=placed)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_timeline(pilot)
        assert screen.query_one("#stage-list").current_id == "target:tl-multi-month"
        await press(pilot, "space")
        await until(pilot, lambda: tl.targets_met(app.db)["tech-leader"] == (1, 5))
        assert tl.target_history(app.db, "tl-multi-month")[-1][0] is True
        await press(pilot, "space")
        await until(pilot, lambda: tl.targets_met(app.db)["tech-leader"] == (0, 5))


async def test_answer_a_stage_question(placed):
    app = CtoApp(db_path=placed)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_timeline(pilot)
        lst = screen.query_one("#stage-list")
        lst.highlighted = lst.get_option_index("question:tl-q-away")
        await press(pilot, "a")
        await until(pilot, lambda: isinstance(app.screen, AnswerDialog))
        await press(pilot, *keys("Not yet"), "ctrl+s")
        await until(pilot, lambda: tl.answers(app.db, "tl-q-away"))
        assert tl.answers(app.db, "tl-q-away")[0].text == "Not yet"


async def test_what_was_added_to_an_earlier_answer_comes_back_after_escape(placed):
    """The box opens with the latest answer; text added to it and left with esc was kept as a draft
    but never offered back (the box was not empty), and the next esc deleted the draft."""
    with open_db(placed) as db:
        tl.answer_question(db, "tl-q-away", "Mostly code questions.")
    app = CtoApp(db_path=placed)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_timeline(pilot)
        lst = screen.query_one("#stage-list")
        lst.highlighted = lst.get_option_index("question:tl-q-away")
        added = "Mostly code questions. Update: product invites me to roadmap reviews."
        for visit in range(3):  # typed, then offered back, then (after a second esc) still there
            await press(pilot, "a")
            await until(pilot, lambda: isinstance(app.screen, AnswerDialog))
            await at_rest(pilot)  # the draft's read done
            area = app.screen.query_one("#answer")
            if visit == 0:
                assert area.text == "Mostly code questions."
                area.text = added
                await at_rest(pilot)
            else:
                assert area.text == added and app.screen.query_one("#draft-note").display
            await press(pilot, "escape")
            await until(pilot, lambda: isinstance(app.screen, TimelineScreen))
    with open_db(placed) as db:
        assert [a.text for a in tl.answers(db, "tl-q-away")] == ["Mostly code questions."]


async def test_a_due_date_without_a_year_is_the_next_such_day(placed, monkeypatch):
    """In November, "15 Jan" for a due date means next January: read as this year's, the item was
    stored ten months overdue. The form says the day it reads (the same parser) and saves it."""
    monkeypatch.setenv("CTOTUI_NOW", "2026-11-27T10:00:00+00:00")
    app = CtoApp(db_path=placed)
    async with app.run_test(size=SIZE) as pilot:
        await open_timeline(pilot)
        await press(pilot, "2", "a")
        await until(pilot, lambda: isinstance(app.screen, PlanItemDialog))
        form = app.screen
        form.query_one("#text").value = "Hand over the on-call rota"
        form.query_one("#due").value = "15 Jan"
        await until(pilot, lambda: str(form.query_one(".date-read").render()) == "Fri 15 Jan 2027")
        await press(pilot, "ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, TimelineScreen))
        mine = [i for h in plan.plan(app.db) for i in h.items if i.own]
        assert [(i.text, i.due) for i in mine] == [("Hand over the on-call rota", date(2027, 1, 15))]


async def test_add_then_complete_a_plan_item(placed):
    app = CtoApp(db_path=placed)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_timeline(pilot)
        await press(pilot, "2", "a")
        await until(pilot, lambda: isinstance(app.screen, PlanItemDialog))
        form = app.screen
        form.query_one("#due").value = "in 3 weeks"
        due = clock.today() + timedelta(days=21)
        shown = f"{due:%a} {due.day} {due:%b %Y}"
        await until(pilot, lambda: str(form.query_one(".date-read").render()) == shown)  # how the phrase was read
        await press(pilot, *keys("Ship rota"), "ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, TimelineScreen))
        mine = [i for h in plan.plan(app.db) for i in h.items if i.own]
        assert [(i.text, i.horizon, i.status) for i in mine] == [("Ship rota", "3-months", "open")]
        assert mine[0].due == due
        assert screen.query_one("#plan-list").current_id == f"plan:{mine[0].id}"
        await press(pilot, "space")
        await until(pilot, lambda: plan.get_item(app.db, mine[0].id).status == "done")
        await press(pilot, "x")
        await until(pilot, lambda: plan.get_item(app.db, mine[0].id).status == "dropped")


async def test_a_blank_due_date_is_said_whole_and_as_the_horizons_heading_says_it(demo_db):
    """At 80x24 the Due field read "YYYY-MM-DD, today…; blank = 2026-06-15, the horizon's", cut, by
    a heading "due 5 Feb": the horizon's items were due then, an item added today is due 3 months on."""
    app = CtoApp(db_path=demo_db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_timeline(pilot)
        await press(pilot, "2")
        await until(pilot, lambda: screen.query("#plan-list"))
        plan_list = screen.query_one("#plan-list", OptionList)
        assert " · was due 5 Feb · " in plan_list.get_option("heading:3-months").prompt.plain
        assert " · due 5 Nov 2028 · " in plan_list.get_option("heading:2-3-years").prompt.plain
        await press(pilot, "a")
        await until(pilot, lambda: isinstance(app.screen, PlanItemDialog))
        due = app.screen.query_one("#due", Input)
        assert due.placeholder == "blank: 15 Jun 2026, 3 months from today"
        assert len(due.placeholder) <= due.content_region.width  # whole in its field
        app.screen.query_one("#horizon", Select).value = "2-3-years"
        await until(pilot, lambda: due.placeholder == "blank: 5 Nov 2028, the horizon's due date")
        assert len(due.placeholder) <= due.content_region.width


async def test_a_blank_due_date_for_an_item_moved_to_another_horizon_means_from_today(demo_db):
    """Moving a playbook item into "the next 3 months" said "blank: 5 Feb 2026, the horizon's due
    date" and saved it overdue; it is due 3 months from the move, as an item added today is."""
    app = CtoApp(db_path=demo_db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_timeline(pilot)
        await press(pilot, "2")
        await until(pilot, lambda: screen.query("#plan-list"))
        item = plan.plan(app.db, "2-3-years")[0].items[0]
        plan_list = screen.query_one("#plan-list", OptionList)
        plan_list.highlighted = plan_list.get_option_index(f"plan:{item.id}")
        await press(pilot, "e")
        await until(pilot, lambda: isinstance(app.screen, PlanItemDialog))
        due = app.screen.query_one("#due", Input)
        await until(pilot, lambda: due.placeholder == "blank: 5 Nov 2028, the horizon's due date")
        app.screen.query_one("#horizon", Select).value = "3-months"
        await until(pilot, lambda: due.placeholder == "blank: 15 Jun 2026, 3 months from today")
        await press(pilot, "ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, TimelineScreen))
        moved = plan.get_item(app.db, item.id)
        assert (moved.horizon, moved.due, moved.overdue) == ("3-months", date(2026, 6, 15), False)


def test_what_a_blank_due_date_means_for_each_kind_of_item():
    started, today = date(2025, 11, 5), date(2026, 3, 15)
    assert due_hint(started, "3-months", today, today) == "blank: 15 Jun 2026, 3 months from today"
    assert due_hint(started, "3-months", None, today) == "blank: 5 Feb 2026, the horizon's due date"  # playbook's
    added = date(2026, 3, 1)  # an own item added late, edited since
    assert due_hint(started, "6-12-months", added, today) == "blank: 5 Nov 2026, the horizon's due date"
    assert due_hint(started, "3-months", added, today) == "blank: 1 Jun 2026, 3 months after it was added"
    moved = "blank: 1 Jun 2026, 3 months after the move"  # an item moved there on 1 March
    assert due_hint(started, "3-months", added, today, moved=True) == moved


async def test_blanking_the_due_date_of_an_item_moved_before_keeps_the_date_the_move_gave(demo_db, monkeypatch):
    """A playbook item moved into "the next 3 months" on 15 March was due 15 June; blanking its due
    date in the form on 1 May said "blank: 5 Feb 2026, the horizon's due date" and saved it overdue."""
    db = open_db(demo_db)
    item = plan.plan(db, "2-3-years")[0].items[0]
    assert plan.edit_item(db, item.id, horizon="3-months").due == date(2026, 6, 15)  # on DEMO_NOW, 15 March
    db.close()
    monkeypatch.setenv("CTOTUI_NOW", "2026-05-01T10:00:00+00:00")
    app = CtoApp(db_path=demo_db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_timeline(pilot)
        await press(pilot, "2")
        await until(pilot, lambda: screen.query("#plan-list"))
        plan_list = screen.query_one("#plan-list", OptionList)
        plan_list.highlighted = plan_list.get_option_index(f"plan:{item.id}")
        await press(pilot, "e")
        await until(pilot, lambda: isinstance(app.screen, PlanItemDialog))
        due = app.screen.query_one("#due", Input)
        assert due.value == "2026-06-15"  # the date the move stored
        await until(pilot, lambda: due.placeholder == "blank: 15 Jun 2026, 3 months after the move")
        due.value = ""
        await press(pilot, "ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, TimelineScreen))
        saved = plan.get_item(app.db, item.id)
        assert (saved.due, saved.due_set, saved.overdue) == (date(2026, 6, 15), False, False)


async def test_overdue_items_are_flagged_on_screen(placed, monkeypatch):
    monkeypatch.setenv("CTOTUI_NOW", "2026-06-01T10:00:00+00:00")  # the 3-month items were due 1 April
    app = CtoApp(db_path=placed)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_timeline(pilot)
        await press(pilot, "2")
        heading = screen.query_one("#plan-list").get_option("heading:3-months").prompt
        assert f"{len(playbook.load().plan[0].items)} overdue" in str(heading)


async def test_self_checks_answer_in_place(placed):
    app = CtoApp(db_path=placed)
    async with app.run_test(size=SIZE) as pilot:
        await open_timeline(pilot)
        await press(pilot, "3", "y")
        await until(pilot, lambda: selfcheck.self_check(app.db, "signal", "sig-early").answer == "yes")
        await press(pilot, "m")  # the cursor moved on to the next item
        await until(pilot, lambda: selfcheck.self_check(app.db, "signal", "sig-strategy").answer == "partly")


async def test_edit_profile_from_the_palette(placed):
    app = CtoApp(db_path=placed)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "ctrl+p")
        await until(pilot, lambda: isinstance(app.screen, CommandPalette) and app.screen.query(CommandInput))
        app.screen.query_one(CommandInput).value = "Timeline: edit pr"  # typing in the palette: test_shell
        hits = app.screen.query_one("CommandList", OptionList)
        await until(pilot, lambda: hits.option_count and "edit profile" in str(hits.get_option_at_index(0).prompt))
        await press(pilot, "enter")
        await until(pilot, lambda: welcome_focused(app))
        await press(pilot, "tab", *(["backspace"] * 3), *keys("7.5"), "ctrl+s")  # the years, after the name
        await until(pilot, lambda: profile.load(app.db).years_set == 7.5)
        await until(pilot, lambda: isinstance(app.screen, TimelineScreen))
        assert tl.timeline(app.db).placement.stage_by_years == "exec-in-training"


async def test_link_an_achievement_to_a_target_as_evidence(placed):
    from ctotui.core.journal.entries import add_achievement
    from ctotui.ui.journal.pick import AchievementPicker

    db = open_db(placed)
    wanted = add_achievement(db, title="Led the billing split across three teams").id
    add_achievement(db, title="Fixed a flaky test")
    db.close()
    app = CtoApp(db_path=placed)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_timeline(pilot)
        assert screen.query_one("#stage-list").current_id == "target:tl-multi-month"
        await press(pilot, "l")
        await until(pilot, lambda: isinstance(app.screen, AchievementPicker) and app.screen.query("#pick-search"))
        picker = app.screen
        picker.query_one("#pick-search", Input).value = "billing"  # the picker's typing: test_journal
        await until(pilot, lambda: len(picker.query_one("#pick-list").items) == 1)
        await press(pilot, "down", "enter")
        await until(pilot, lambda: tl.evidence(app.db, "tl-multi-month") == [wanted])
        assert isinstance(app.screen, TimelineScreen)


async def test_a_target_asking_for_two_shows_one_of_two_linked(placed):
    """One mentee linked to "Mentor at least two engineers" ticked it and counted it met."""
    from ctotui.core.journal.entries import add_achievement

    db = open_db(placed)
    tl.link_evidence(db, "tl-mentees", add_achievement(db, title="Mentored Ana through her first launch").id)
    db.close()
    app = CtoApp(db_path=placed)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_timeline(pilot)
        assert heading(screen, "targets").startswith("0 of 5 targets met · 3 more to move on")
        stage_list = screen.query_one("#stage-list")
        await press(pilot, "down", "down", "down")
        await until(pilot, lambda: stage_list.current_id == "target:tl-mentees")
        await settle(pilot)
        rows = [row for row in screen_text(app).splitlines() if "linked" in row]
        assert len(rows) == 1 and "1 of 2 linked" in rows[0]  # at 80 columns, on one row
        assert "☐ " in screen_text(app).split("Mentor at least two", 1)[0].splitlines()[-1]


def heading(screen: TimelineScreen, key: str) -> str:
    return screen.query_one("#stage-list", OptionList).get_option(f"heading:{key}").prompt.plain.strip()


async def test_brackets_view_the_other_stages(placed):
    """The stage's heading said "ahead" of a later stage, the word the pace uses for the user."""
    app = CtoApp(db_path=placed)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_timeline(pilot)
        assert heading(screen, "stage").endswith("· your stage")
        await press(pilot, "right_square_bracket")
        assert screen.viewed_stage == "exec-in-training"
        assert screen.query_one("#stage-list").get_option("target:ex-budget")
        await until(pilot, lambda: heading(screen, "stage").startswith("Executive in training"))  # read again
        assert heading(screen, "stage") == "Executive in training · years 7–12 · next stage"
        await press(pilot, "left_square_bracket", "left_square_bracket")
        assert screen.viewed_stage == "engineer"
        await until(pilot, lambda: heading(screen, "stage").startswith("Strong engineer"))
        assert heading(screen, "stage") == "Strong engineer · years 0–3 · an earlier stage"


async def test_the_bar_the_line_and_the_stage_count_the_same_targets(placed):
    """The line said "2 of 3 targets to move on" by a 67 % bar (or nothing, once years were set, at
    120 columns), the stage "2/5 met, 3 to move on ▰▰▰▰" (40 %, and 3 in all, not 3 more)."""
    db = open_db(placed)
    for target in ("tl-design-docs", "tl-partners"):
        tl.set_target(db, target, True)
    db.close()
    app = CtoApp(db_path=placed)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_timeline(pilot)
        words = "2 of 5 targets met · 1 more to move on"
        assert words in str(screen.query_one("#where-text").render())
        assert screen.query_one("#next-bar", ProgressBar).percentage == 0.67
        assert heading(screen, "targets") == f"{words}  ▰▰▰▰▰▰▰▱▱▱"  # 67 %, as the bar


async def test_an_answer_lands_on_the_item_under_the_cursor_and_never_wraps(placed):
    """Timeline, 3, End, Down, n answers the last check (the cursor stays there), not the first."""
    db = open_db(placed)
    checks = selfcheck.self_checks(db)
    first, second, last = checks[0], checks[1], checks[-1]
    selfcheck.answer_self_check(db, second.kind, second.item_id, "yes")  # fresh: needs no look now
    db.close()
    app = CtoApp(db_path=placed)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_timeline(pilot)
        await press(pilot, "3", "end", "down", "n")
        await until(pilot, lambda: selfcheck.self_check(app.db, last.kind, last.item_id).answer == "no")
        lst = screen.query_one("#check-list")
        assert lst.current_id == f"check:{last.kind}:{last.item_id}"  # stayed on the last item
        assert selfcheck.self_check(app.db, first.kind, first.item_id).answer is None
        # from the first item, an answer moves on to the next one still to answer: past the fresh one
        await press(pilot, "home", "y")
        await until(pilot, lambda: selfcheck.self_check(app.db, first.kind, first.item_id).answer == "yes")
        await until(pilot, lambda: lst.current_id == f"check:{checks[2].kind}:{checks[2].item_id}")
        assert selfcheck.self_check(app.db, second.kind, second.item_id).answers == 1


async def test_the_stage_says_what_the_path_rewards_and_follows_a_new_path(placed):
    """The path set in the profile form changes the line at once; with no path there is none."""

    def said() -> str | None:
        lst = app.screen.query_one("#stage-list", OptionList)
        try:
            return str(lst.get_option(f"{HEADING}path").prompt)
        except OptionDoesNotExist:
            return None

    app = CtoApp(db_path=placed)
    async with app.run_test(size=SIZE) as pilot:
        await db_ready(pilot)
        await open_timeline(pilot)
        early = playbook.load().path("early-employee").in_one_line
        await until(pilot, lambda: said() == early)
        lst = app.screen.query_one("#stage-list", OptionList)
        index = lst.get_option_index(f"{HEADING}path")
        assert lst.get_option_index(f"{HEADING}placement") == index - 1  # under where the evidence puts you
        await press(pilot, "P")
        await until(pilot, lambda: welcome_focused(app))
        app.screen.query_one("#path", Select).value = "corporate-ladder"
        await press(pilot, "ctrl+s")
        await until(pilot, lambda: profile.load(app.db).path == "corporate-ladder")
        corporate = playbook.load().path("corporate-ladder").in_one_line
        await until(pilot, lambda: isinstance(app.screen, TimelineScreen) and said() == corporate)
        other = open_db(placed)  # `ctotui profile --path ''` from another window
        profile.update(other, clear=["path"])
        other.close()
        await until(pilot, lambda: said() is None)
        assert "Your path" not in screen_text(app)


async def test_past_the_last_stage_home_and_the_timeline_tell_a_cto_to_grow_in_the_seat(db_path) -> None:
    """Home's card said 'next stage: the CTO seat' and the stage tab 'The CTO seat itself' to a CTO."""
    db = open_db(db_path)
    for sv in tl.timeline(db).stages[:-1]:  # the evidence at the last stage
        for target in sv.targets:
            tl.set_target(db, target.id, True)
    profile.update(db, role="Co-founder & CTO", years=12)
    db.close()
    app = CtoApp(db_path=db_path, welcome=False)
    async with app.run_test(size=(160, 50)) as pilot:
        await db_ready(pilot)
        await until(pilot, lambda: "next stage:" in screen_text(app))
        assert "next stage: growing in the CTO seat you hold" in screen_text(app)
        await press(pilot, "t")
        await until(pilot, lambda: isinstance(app.screen, TimelineScreen) and "What comes next" in screen_text(app))
        text = screen_text(app)
        assert "Growing in the CTO seat you hold: see the Interview drill" in text, text[
            text.index("What comes next") :
        ]
