"""Every palette command acts the same on an area's first visit as on a visit to its screen already made.

Run from Home on a first visit, "Journal: search" left the focus on the list and the letters typed
next ran as the list's keys (``d`` deleted the highlighted entry); "Journal: link to an interview
question" said "Nothing is highlighted." while #120 was; "Skills: tick a practical step" left the
focus in the area list. The command acted before the screen's own focus (its ``on_mount``) and its
first read were done.

The first test is the tester's steps, typed. The second runs every command of an area, one app per
area: before each run the area's mode is removed and added again (``App.remove_mode``,
``App.add_mode``), so that the next switch to it makes a new screen, as a first visit does. Each command
runs twice from Home, as the palette runs it once its row is chosen (its callback, on the app's queue:
``App.call_later``; the palette itself is typed into in the first test): on a
screen made, visited and left (the reference: the screen the previous command's first visit made and
left, so that each command builds the area's screen once), then on a new screen's first visit. Both start from the
same rows: a command that writes (the review's steps save the step) runs for the reference a second
time, from what it wrote. The two runs must leave the same screen on top, the same widget focused, the
same notices, and change the same rows of the database.
"""

from __future__ import annotations

import sqlite3

import pytest
from palette_tools import palette_run
from pilot_tools import at_rest, db_ready, press, settle, wait_for
from textual.widgets import Input

from ctotui.ui.app import CtoApp
from ctotui.ui.areas import AREAS, Area
from ctotui.ui.commands import AreaCommands

SIZE = (120, 40)


async def test_journal_search_from_home_takes_what_is_typed_next(demo_db) -> None:
    app = CtoApp(db_path=demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await db_ready(pilot)
        before = rows(demo_db)
        await palette_run(pilot, "Journal: search")
        await wait_for(pilot, lambda: app.current_mode == "journal")
        await press(pilot, *"deploy")
        search = app.screen.query_one("#search", Input)
        assert app.focused is search and search.value == "deploy"
        assert app.current_mode == "journal" and app.screen_stack == [app.screen]  # no edit form, no playbook
        assert rows(demo_db) == before  # nothing deleted


def rows(path) -> dict[tuple[str, object], tuple]:
    """Every row of every table, by (table, rowid), read on a connection of the test's own."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        tables = [
            name
            for (name,) in conn.execute(
                "select name from sqlite_master where type = 'table' and name not like 'sqlite_%'"
                " and sql not like '%WITHOUT ROWID%' and sql not like 'CREATE VIRTUAL%'"
            )
        ]
        out: dict[tuple[str, object], tuple] = {}
        for table in tables:
            for row in conn.execute(f'select rowid, * from "{table}"'):  # noqa: S608 - names from sqlite_master
                out[(table, row[0])] = row[1:]
        return out
    finally:
        conn.close()


def changed(before: dict, after: dict) -> set[tuple[str, object]]:
    """The rows a run changed or removed, by (table, rowid), and ``(table, "new")`` for a table it
    added rows to (a log such as the sync's numbers each row anew)."""
    out = {key for key in before if before[key] != after.get(key)}
    return out | {(table, "new") for table, rowid in after.keys() - before.keys()}


def focus_of(app) -> str:
    focused = app.focused
    return "nothing" if focused is None else f"{type(focused).__name__}#{focused.id}"


def commands_of(app, area: Area) -> list[tuple[str, object]]:
    """The palette's commands for the area's actions, (title, callback), but its "open"."""
    prefix = f"{area.name}: "
    provider = AreaCommands(app.screen)
    return [(t, run) for t, _, run in provider.commands() if t.startswith(prefix) and t != f"{prefix}open"]


async def back_home(pilot, start: str) -> None:
    """Every screen the run opened closed (a dialog, a session), and ``start`` on view."""
    app = pilot.app
    while len(app.screen_stack) > 1:
        await app.pop_screen()
    await app.switch_mode(start)


async def renew(pilot, area: Area) -> None:
    """The area's screen gone: the next switch to its mode makes a new one (a first visit)."""
    app = pilot.app
    await app.remove_mode(area.mode)
    app.add_mode(area.mode, area.factory())


async def run(pilot, db_path, command, area: Area) -> tuple[tuple, set]:
    """Run a palette command as the palette does once its row is chosen; what it left (the screen on
    top, the focus, the notices) and the rows it changed."""
    app = pilot.app
    await at_rest(pilot)
    before = rows(db_path)
    app.notices.clear()
    app.call_later(command)
    await wait_for(pilot, lambda: app.current_mode == area.mode)
    await at_rest(pilot)
    left = (type(app.screen).__name__, focus_of(app), tuple(notice.message for notice in app.notices))
    return left, changed(before, rows(db_path))


async def visit(pilot, area: Area, start: str) -> None:
    """A new screen of the area, shown with its read, then left for ``start``: a visited screen."""
    await renew(pilot, area)
    await pilot.app.switch_mode(area.mode)
    await settle(pilot)
    await back_home(pilot, start)


async def on_a_visited_screen(pilot, db_path, command, area: Area, start: str) -> tuple[tuple, set]:
    """``run`` on the area's visited screen, then ``start`` on view again."""
    outcome = await run(pilot, db_path, command, area)
    await back_home(pilot, start)
    return outcome


@pytest.mark.parametrize("area", AREAS, ids=[a.mode for a in AREAS])
async def test_every_palette_command_acts_on_a_first_visit_as_on_a_visited_screen(demo_db, area: Area) -> None:
    start = "playbook" if area.mode == "dashboard" else "dashboard"
    app = CtoApp(db_path=demo_db)
    differ = []
    async with app.run_test(size=SIZE) as pilot:
        await db_ready(pilot)
        await back_home(pilot, start)
        commands = commands_of(app, area)
        assert commands, area.mode
        await visit(pilot, area, start)
        for title, command in commands:
            # the reference runs on the screen the last command's first visit made and left: visited
            visited, wrote = await on_a_visited_screen(pilot, demo_db, command, area, start)
            if wrote:  # from the rows it wrote, as the first visit will run: a step saved opens the review on it
                await visit(pilot, area, start)
                visited, wrote = await on_a_visited_screen(pilot, demo_db, command, area, start)
            await renew(pilot, area)
            first, first_wrote = await run(pilot, demo_db, command, area)
            await back_home(pilot, start)
            if first != visited:
                differ.append(f"{title}: on a first visit {first}, on a visited screen {visited}")
            if first_wrote != wrote:
                differ.append(
                    f"{title}: a first visit changed {sorted(map(str, first_wrote))}, a visit {sorted(map(str, wrote))}"
                )
    assert not differ, "\n".join(differ)
