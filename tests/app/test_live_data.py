"""What another connection writes (the CLI, a second window, an import) shows in the open app
without a key press, the cursor staying on its item; the app's own writes cause no reload."""

from __future__ import annotations

from pilot_tools import db_ready, press, screen_text, settle, wait_for

from ctotui.core.db import open_db
from ctotui.core.drill import bank as drill
from ctotui.core.journal.entries import add_achievement
from ctotui.core.skills import stack as skills
from ctotui.core.watch import ChangeWatcher, data_version
from ctotui.ui.app import CtoApp
from ctotui.ui.drill.screen import DrillScreen
from ctotui.ui.home.screen import DashboardScreen
from ctotui.ui.journal.screen import JournalScreen
from ctotui.ui.skills.screen import SkillsScreen

SIZE = (80, 24)


async def open_area(pilot, key: str, screen_class):
    await db_ready(pilot)
    await press(pilot, key)
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, screen_class) and pilot.app.screen.is_mounted)
    await settle(pilot)  # what the screen reads in its workers is on screen
    return pilot.app.screen


def test_data_version_moves_only_for_other_connections(db_path):
    mine, other = open_db(db_path), open_db(db_path)
    watcher = ChangeWatcher(db_path)
    try:
        before = data_version(mine)
        assert not watcher.changed()  # nothing written: nothing to do
        add_achievement(mine, title="Mine")
        assert data_version(mine) == before  # the app's own write
        assert watcher.changed() and not watcher.changed()  # the watcher sees it, once
        add_achievement(other, title="Theirs")
        assert data_version(mine) != before
        assert watcher.changed()
    finally:
        watcher.close()
        mine.close()
        other.close()


async def test_the_journal_shows_an_entry_added_elsewhere_and_keeps_the_cursor(db_path):
    db = open_db(db_path)
    ids = [add_achievement(db, title=f"Win {n}", occurred_on=f"2026-01-0{n}").id for n in (1, 2, 3)]
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_area(pilot, "j", JournalScreen)
        listing = screen.query_one("#list")
        await press(pilot, "down")
        await wait_for(pilot, lambda: listing.highlighted is not None and listing.highlighted.id == ids[1])
        new = add_achievement(db, title="Added by the CLI", occurred_on="2026-01-09")  # newest: on top
        await wait_for(pilot, lambda: any(a.id == new.id for a in listing.items))
        assert listing.highlighted.id == ids[1]  # the cursor stayed on its entry
        await wait_for(pilot, lambda: "4 achievements" in screen_text(app))  # counted in a worker after the list
    db.close()


async def test_skills_and_home_follow_writes_from_elsewhere(db_path):
    db = open_db(db_path)
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_area(pilot, "s", SkillsScreen)
        await press(pilot, "down", "down")
        areas = screen.query_one("#areas")
        kept = areas.current_id
        skills.rate(db, "technical-depth", 4)
        await wait_for(pilot, lambda: next(a for a in screen._stack if a.skill == "technical-depth").level == 4)
        assert areas.current_id == kept
        home = await open_area(pilot, "h", DashboardScreen)
        add_achievement(db, title="Shipped from the CLI")
        await wait_for(pilot, lambda: "Shipped from the CLI" in screen_text(app))
        assert isinstance(app.screen, DashboardScreen) and home is app.screen
    db.close()


async def test_the_drill_bank_shows_a_question_added_elsewhere(db_path):
    db = open_db(db_path)
    drill.ensure_questions(db)
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_area(pilot, "i", DrillScreen)
        await press(pilot, "2", "down", "down")
        table = screen.query_one("#bank-table")
        before = table.row_count
        kept = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        added = drill.add_question(db, "own-the-stack", "How would you cut the cloud bill by a third?")
        await wait_for(pilot, lambda: table.row_count == before + 1)
        assert str(added.id) in [k.value for k in table.rows]
        assert table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value == kept
    db.close()


async def test_the_apps_own_writes_do_not_reload_the_screen(db_path):
    db = open_db(db_path)
    add_achievement(db, title="First")
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_area(pilot, "j", JournalScreen)
        add_achievement(app.db, title="Written by the app itself")
        await wait_for(pilot, lambda: app.changes_seen == 1)  # the watcher noticed the commit...
        assert app.changes_shown == 0  # ...and the app knew it for its own
        add_achievement(db, title="Written elsewhere")
        await wait_for(pilot, lambda: app.changes_shown == 1)
        assert app.changes_seen == 2
    db.close()


async def test_the_journal_shows_an_entry_added_elsewhere_after_a_theme_change(db_path):
    """A new theme marked the journal for a fresh read, and its visit then read nothing: the entry
    written elsewhere stayed out ("1 achievement") until something was written while it was on view."""
    db = open_db(db_path)
    add_achievement(db, title="The first win", occurred_on="2026-01-01")
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_area(pilot, "j", JournalScreen)
        await wait_for(pilot, lambda: "1 achievement" in screen_text(app))
        app.theme = "textual-light"
        await open_area(pilot, "h", DashboardScreen)
        add_achievement(db, title="Hidden add two", occurred_on="2026-01-02")
        await wait_for(pilot, lambda: "Hidden add two" in screen_text(app))  # Home's card: the watcher saw it
        screen = await open_area(pilot, "j", JournalScreen)
        await wait_for(pilot, lambda: any(a.title == "Hidden add two" for a in screen.query_one("#list").items))
        await wait_for(pilot, lambda: "2 achievements" in screen_text(app))
    db.close()
