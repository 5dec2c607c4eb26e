"""The app shell: every area by key and by palette, help, theme remembered."""

from __future__ import annotations

import pytest
from pilot_tools import db_ready, screen_text, wait_for
from textual.containers import VerticalScroll
from textual.widgets import Markdown, OptionList

from ctotui.core.db import open_db
from ctotui.core.settings import get_setting
from ctotui.ui.app import CtoApp
from ctotui.ui.areas import AREAS
from ctotui.ui.dialogs.help import HelpScreen
from ctotui.ui.screens.placeholder import PlaceholderScreen

SIZE = (120, 40)


async def test_starts_on_the_dashboard_showing_where_data_lives(db_path) -> None:
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        assert app.current_mode == "dashboard"
        await db_ready(pilot)
        text = screen_text(app)
        assert str(db_path) in text
        from ctotui.core.migrations import known_steps

        assert f"schema {known_steps()[-1]}" in text


@pytest.mark.parametrize("area", AREAS, ids=[a.mode for a in AREAS])
async def test_every_area_by_its_key(db_path, area) -> None:
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        start = "playbook" if area.mode == "dashboard" else "dashboard"
        await app.switch_mode(start)
        await pilot.press(area.key)
        await wait_for(pilot, lambda: app.current_mode == area.mode)
        if not area.built:
            assert isinstance(app.screen, PlaceholderScreen)
            assert area.name in screen_text(app) and "Not built yet" in screen_text(app)


@pytest.mark.parametrize("area", AREAS, ids=[a.mode for a in AREAS])
async def test_every_area_by_the_command_palette(db_path, area) -> None:
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        if area.mode == "dashboard":
            await app.switch_mode("playbook")
        await pilot.press("ctrl+p")
        await pilot.press(*f"{area.name}: open")
        await pilot.pause()
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.current_mode == area.mode)


async def test_palette_runs_an_area_action_from_elsewhere(db_path) -> None:
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p", *"Playbook: read The interview")
        await pilot.pause()
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.current_mode == "playbook")
        options = app.screen.query_one("#sections", OptionList)
        await wait_for(pilot, lambda: options.get_option_at_index(options.highlighted).id == "interview")


async def test_help_lists_every_area_key_and_closes(db_path) -> None:
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=(120, 300)) as pilot:  # tall enough to show it all
        await pilot.press("question_mark")
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen))
        text = screen_text(app)
        for area in AREAS:
            assert area.short in text
        help_scroll = app.screen.query_one(VerticalScroll)
        help_scroll.scroll_end(animate=False)  # the help is longer than the screen once areas are built
        await pilot.pause()
        assert "Next" in screen_text(app)  # a playbook screen binding, at the end
        await pilot.press("escape")
        await wait_for(pilot, lambda: not isinstance(app.screen, HelpScreen))


async def test_theme_choice_is_remembered_in_the_database(db_path) -> None:
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        await db_ready(pilot)
        app.theme = "gruvbox"
        await pilot.pause()
    check = open_db(db_path)
    assert get_setting(check, "theme") == "gruvbox"
    check.close()
    again = CtoApp(db_path=db_path)
    async with again.run_test(size=SIZE) as pilot:
        await db_ready(pilot)
        assert again.theme == "gruvbox"


async def test_theme_picked_through_the_palette(db_path) -> None:
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        await db_ready(pilot)
        await pilot.press("ctrl+p", *"theme")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.press(*"nord")
        await pilot.pause()
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.theme == "nord")
    check = open_db(db_path)
    assert get_setting(check, "theme") == "nord"
    check.close()


async def test_playbook_reader_moves_between_sections(db_path) -> None:
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p")
        await wait_for(pilot, lambda: app.current_mode == "playbook")
        md = app.screen.query_one("#text", Markdown)
        await wait_for(pilot, lambda: "What a CTO does" in md.source)
        await pilot.press("n")
        await wait_for(pilot, lambda: "Three paths" in md.source)
        await pilot.press("b", "b")
        await wait_for(pilot, lambda: "An action plan" in md.source)


async def test_database_from_a_newer_version_stops_the_app_with_a_message(db_path) -> None:
    import sqlite3

    open_db(db_path).close()
    conn = sqlite3.connect(db_path)
    conn.execute("insert into _sqlite_migrations (migration_set, name, applied_at) values ('ctotui', 'm888_x', 'x')")
    conn.commit()
    conn.close()
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        # not workers.wait_for_complete(): the app exits (and cancels its workers) as soon as it fails
        await wait_for(pilot, lambda: app.startup_error is not None)
    assert "newer ctotui" in app.startup_error and app.return_code == 2
