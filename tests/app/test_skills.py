"""The skills screen driven by keys, as a person would; every check is on the database."""

from __future__ import annotations

import pytest
from palette_tools import palette_run
from pilot_tools import at_rest, db_ready, press, screen_text, settle, wait_for

from ctotui.core import playbook
from ctotui.core.db import open_db
from ctotui.core.journal.entries import add_achievement
from ctotui.core.skills import stack as skills
from ctotui.core.timeline import profile
from ctotui.ui.app import CtoApp
from ctotui.ui.skills.rate import RateDialog
from ctotui.ui.skills.screen import SkillsScreen, StepList

SIZE = (80, 24)
WIDE = (120, 40)  # for the tests that read what only fits on a wider screen


def keys(text: str) -> list[str]:
    return ["space" if ch == " " else ch for ch in text]


async def open_skills(pilot) -> SkillsScreen:
    await db_ready(pilot)
    await press(pilot, "s")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, SkillsScreen) and pilot.app.screen.focused_area)
    await settle(pilot)  # what the screen reads in its workers is on screen
    return pilot.app.screen


async def test_a_digit_rates_the_focused_area_and_enter_saves_the_note(db_path):
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_skills(pilot)
        await press(pilot, "down")  # product thinking
        assert screen.focused_area.skill == "product-thinking"
        await press(pilot, "3")
        await wait_for(pilot, lambda: isinstance(app.screen, RateDialog))
        await press(pilot, *keys("tracked adoption after release"), "enter")
        await wait_for(pilot, lambda: skills.ratings(app.db))
        (r,) = skills.ratings(app.db)
        assert (r.skill, r.level, r.note) == ("product-thinking", 3, "tracked adoption after release")
        await wait_for(pilot, lambda: isinstance(app.screen, SkillsScreen) and screen.focused_area.level == 3)
        # A second rating adds a row; the first stays.
        await press(pilot, "4", "enter")
        await wait_for(pilot, lambda: len(skills.ratings(app.db)) == 2)
        assert [x.level for x in skills.ratings(app.db, "product-thinking")] == [3, 4]
        await wait_for(pilot, lambda: "no evidence in 90d" in screen_text(app))


async def test_escape_cancels_a_rating_and_arrows_change_the_level(db_path):
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_skills(pilot)
        await press(pilot, "5")
        await wait_for(pilot, lambda: isinstance(app.screen, RateDialog))
        await press(pilot, "escape")
        await wait_for(pilot, lambda: isinstance(app.screen, SkillsScreen))
        assert skills.ratings(app.db) == []
        await press(pilot, "5")
        await wait_for(pilot, lambda: isinstance(app.screen, RateDialog))
        await press(pilot, "up", "up", "enter")
        await wait_for(pilot, lambda: skills.ratings(app.db))
        assert [(r.skill, r.level, r.note) for r in skills.ratings(app.db)] == [("technical-depth", 3, "")]


async def test_space_ticks_a_step_with_its_date_and_unticks_it(db_path):
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_skills(pilot)
        for _ in range(5):  # tab from the areas to the steps, as a person would
            if isinstance(app.focused, StepList):
                break
            await press(pilot, "tab")
        assert isinstance(app.focused, StepList)
        first = skills.playbook.load().skill("technical-depth").steps[0].id
        await press(pilot, "space")
        await wait_for(pilot, lambda: skills.steps(app.db, "technical-depth")[0].ticked)
        assert skills.steps(app.db, "technical-depth")[0].at is not None
        assert screen.focused_area.steps_done == 1
        await press(pilot, "space")
        await wait_for(pilot, lambda: not skills.steps(app.db, "technical-depth")[0].ticked)
        assert [t for t, _ in skills.step_history(app.db, first)] == [True, False]


async def test_choosing_a_path_keeps_the_history(db_path):
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=WIDE) as pilot:
        await open_skills(pilot)
        await press(pilot, "c")
        await wait_for(pilot, lambda: getattr(app.focused, "id", None) == "path-list")
        await press(pilot, "down", "enter")
        await wait_for(pilot, lambda: profile.load(app.db).path == "early-employee")
        await press(pilot, "up", "enter")
        await wait_for(pilot, lambda: profile.load(app.db).path == "founding-engineer")
        assert [slug for slug, _ in profile.path_history(app.db)] == ["early-employee", "founding-engineer"]
        await press(pilot, "enter")  # the path you are already on: nothing added
        await at_rest(pilot)
        assert len(profile.path_history(app.db)) == 2
        await press(pilot, "h")
        await wait_for(pilot, lambda: "Path: Founding engineer" in screen_text(app))


async def test_evidence_opens_in_the_journal(db_path):
    db = open_db(db_path)
    older = add_achievement(db, title="Mentored Sam into on-call", occurred_on="2025-01-10", skills=["leadership"])
    add_achievement(db, title="Ran the hiring loop", skills=["leadership"])
    add_achievement(db, title="Cut the cloud bill", skills=["business"])
    db.close()
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_skills(pilot)
        await press(pilot, "down", "down", "e")
        assert screen.focused_area.skill == "leadership"
        await wait_for(pilot, lambda: getattr(app.focused, "id", None) == "evidence-list")
        listing = app.focused
        assert [a.title for a in listing.items] == ["Ran the hiring loop", "Mentored Sam into on-call"]
        await press(pilot, "v")  # the last 90 days only
        await wait_for(pilot, lambda: [a.title for a in listing.items] == ["Ran the hiring loop"])
        await press(pilot, "v", "down", "enter")
        await wait_for(pilot, lambda: app.current_mode == "journal")
        journal = app.screen.query_one("#list")
        await wait_for(pilot, lambda: journal.highlighted is not None and journal.highlighted.id == older.id)


@pytest.mark.parametrize("label", ["rate Business understanding", "rate focused area"])
async def test_the_palette_rates_from_anywhere(db_path, label):
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        await db_ready(pilot)
        await palette_run(pilot, f"Skills: {label}")
        await wait_for(pilot, lambda: isinstance(app.screen, RateDialog))
        await press(pilot, "enter")  # the level preselected for an unrated area: 3
        await wait_for(pilot, lambda: skills.ratings(app.db))
        expected = "business" if "Business" in label else "technical-depth"
        assert [(r.skill, r.level) for r in skills.ratings(app.db)] == [(expected, 3)]


async def test_tabs_by_key_show_history_and_the_ctos_job(db_path):
    db = open_db(db_path)
    skills.rate(db, "technical-depth", 2, "only my own service")
    db.close()
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=WIDE) as pilot:
        await open_skills(pilot)
        await press(pilot, "r")
        await wait_for(pilot, lambda: "only my own service" in screen_text(app))
        await press(pilot, "o")
        await wait_for(pilot, lambda: "Technology strategy" in screen_text(app))
        await press(pilot, "c", "o")  # from inside a tab's list to another tab
        await wait_for(pilot, lambda: "External representation" in screen_text(app))


async def test_a_tab_is_built_when_first_shown_and_once_and_follows_the_focused_area(db_path):
    # a first visit composes the first tab only (docs/performance.md); the others are built on
    # first sight, by their key, by the arrows or by a click on their label, and then kept
    db = open_db(db_path)
    for area in playbook.load().skills:
        skills.rate(db, area.slug, 2, f"a note on {area.slug}")
    db.close()
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=WIDE) as pilot:
        screen = await open_skills(pilot)
        assert screen.tabs_built == {"area"}
        assert not screen.query("#chart") and not screen.query("#path-list") and not screen.query("#job-text")
        await press(pilot, "r")
        chart = screen.query_one("#chart")
        first = screen.focused_area.skill
        await wait_for(pilot, lambda: f"a note on {first}" in screen_text(app))
        await press(pilot, "right")  # the arrows build the tab they show
        await wait_for(pilot, lambda: screen.query("#path-list") and "Founding engineer" in screen_text(app))
        await pilot.click("#tabs Tab#--content-tab-job")  # so does a click on the label
        await wait_for(pilot, lambda: "External representation" in screen_text(app))
        assert screen.tabs_built == {"area", "ratings", "paths", "job"}
        await press(pilot, "r", "escape", "down")  # a built tab follows the area the list moves to
        await wait_for(pilot, lambda: screen.focused_area.skill != first)
        now = screen.focused_area.skill
        await wait_for(pilot, lambda: f"a note on {now}" in screen_text(app))
        assert f"a note on {first}" not in screen_text(app)
        assert screen.query_one("#chart") is chart and len(screen.query("#chart")) == 1


async def test_an_old_entry_opened_from_elsewhere_is_listed_up_to_its_date(db_path):
    """Deep in a long journal, the jump does not read every page down to it: the list starts at its date."""
    from ctotui.core.demo import build as demo
    from ctotui.core.journal.entries import page_achievements
    from ctotui.ui.journal.screen import SHOW_WITHIN

    db = open_db(db_path)
    demo.fill(db, achievements=SHOW_WITHIN + 100)
    (recent,) = page_achievements(db, limit=1).items
    old = add_achievement(db, title="First on-call rotation", occurred_on="2015-06-01", skills=["leadership"])
    db.close()
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        await db_ready(pilot)
        await press(pilot, "j")
        await wait_for(pilot, lambda: app.current_mode == "journal" and app.screen.query("#list"))
        journal = app.screen
        journal.show_achievement(old.id)
        listing = journal.query_one("#list")
        await wait_for(pilot, lambda: listing.highlighted is not None and listing.highlighted.id == old.id)
        assert journal.filters.until is not None and len(listing.items) == 1
        await wait_for(pilot, lambda: "until 2015-06-01" in screen_text(app))  # the count line: a worker after the list
        journal.show_achievement(recent.id)  # a recent one: the whole journal, no filter
        await wait_for(pilot, lambda: listing.highlighted.id == recent.id)
        assert not journal.filters.active


async def test_coming_back_shows_evidence_added_meanwhile(db_path):
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_skills(pilot)
        await press(pilot, "e")
        await wait_for(pilot, lambda: getattr(app.focused, "id", None) == "evidence-list")
        assert app.focused.items == ()
        await press(pilot, "j")
        await wait_for(pilot, lambda: app.current_mode == "journal")
        add_achievement(app.db, title="Designed the ledger split", skills=["technical-depth"])
        await press(pilot, "s")
        listing = screen.query_one("#evidence-list")
        await wait_for(pilot, lambda: [a.title for a in listing.items] == ["Designed the ledger split"])
        assert screen.focused_area.evidence_90d == 1


def test_evidence_counts_fit_their_column_at_any_size() -> None:
    from ctotui.ui.skills.views import count

    assert [count(n) for n in (0, 9_999, 10_000, 43_210, 120_999)] == ["0", "9999", "10k", "43k", "120k"]
    assert max(len(count(n)) for n in range(0, 1_000_000, 997)) <= 4


async def test_another_areas_ratings_start_from_the_top_of_their_chart(demo_db):
    """Scrolled down the ratings of one area, then ↓ to the next: its chart showed from level 2."""
    app = CtoApp(db_path=demo_db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_skills(pilot)
        await press(pilot, "r")
        await wait_for(pilot, lambda: screen.query("#rating-list"))
        pane = screen.query_one("#rating-list").parent
        await wait_for(pilot, lambda: pane.max_scroll_y > 0)
        pane.scroll_end(animate=False)
        await wait_for(pilot, lambda: pane.scroll_y > 0)
        first = screen.focused_area.skill
        areas = screen.query_one("#areas")
        areas.focus()
        await press(pilot, "down")
        await wait_for(pilot, lambda: screen.focused_area.skill != first)
        await wait_for(pilot, lambda: pane.scroll_y == 0)
