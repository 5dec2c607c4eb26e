"""A repeat visit reads nothing when nothing was written, and reads after any write.

Each area screen keeps the app's change token (``CtoApp.change_token``: the app
connection's ``data_version`` and ``total_changes``) as its read began; a visit with
the same token (and the same day, within ``FRESH_FOR_SECONDS``) shows what the screen
has. Every connection the app opens is traced (public ``set_trace_callback``) so the
tests see which statements a visit ran.
"""

from __future__ import annotations

import pytest
from pilot_tools import press, screen_text, settle, wait_for

from ctotui.core.db import open_db
from ctotui.core.demo import build as demo
from ctotui.core.journal.entries import add_achievement
from ctotui.ui.app import CtoApp
from ctotui.ui.areas import AREAS
from ctotui.ui.base import AreaScreen

NOW = "2026-03-15T10:00:00+00:00"
TOKEN = "pragma data_version"  # the token's one statement, on the app's own connection


class TracedApp(CtoApp):
    """The app, with every statement of every connection it opens recorded."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.statements: list[str] = []

    def connection_opened(self, conn) -> None:
        conn.set_trace_callback(lambda sql: self.statements.append(" ".join(sql.split()).lower()))

    def reads(self) -> list[str]:
        """The statements recorded since the last call, leaving out the change token's own."""
        done, self.statements = self.statements, []
        return [sql for sql in done if sql != TOKEN]


@pytest.fixture
def demo_db(db_path, monkeypatch):
    monkeypatch.setenv("CTOTUI_NOW", NOW)  # the clock stands still: freshness is by the token alone
    db = open_db(db_path)
    demo.fill(db)
    db.close()
    return db_path


async def visit(pilot, key: str, mode: str) -> AreaScreen:
    await press(pilot, key)
    await wait_for(pilot, lambda: pilot.app.current_mode == mode)
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, AreaScreen)
    return screen


async def first_visits(app: TracedApp, pilot) -> None:
    await wait_for(pilot, lambda: app.db_ready)
    await wait_for(pilot, lambda: app.screen.loads_shown > 0)  # Home shows its data
    await settle(pilot)
    for area in (*AREAS[1:], AREAS[0]):  # every area once, ending on Home
        await visit(pilot, area.key, area.mode)
    app.reads()


async def test_a_repeat_visit_with_nothing_written_reads_nothing(demo_db) -> None:
    app = TracedApp(db_path=demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await first_visits(app, pilot)
        for area in (*AREAS[1:], AREAS[0]):
            screen = await visit(pilot, area.key, area.mode)
            assert app.reads() == [], area.mode
            if type(screen).read is not AreaScreen.read:  # a screen with a read of its own skipped it
                assert screen.loads_skipped >= 1, area.mode


async def test_a_write_from_another_connection_makes_every_area_read_again(demo_db) -> None:
    app = TracedApp(db_path=demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await first_visits(app, pilot)
        other = open_db(demo_db, migrate=False)  # as the CLI or a second window would
        try:
            add_achievement(other, title="Written elsewhere while the app was open", category="scale")
        finally:
            other.close()
        await wait_for(pilot, lambda: app.changes_shown > 0)  # the watcher saw it; Home (on view) read again
        await settle(pilot)
        app.reads()
        for area in AREAS[1:]:
            await visit(pilot, area.key, area.mode)
            if area.mode != "playbook":  # the playbook reads the content file, not the database
                assert app.reads(), f"{area.mode} did not read after a write"
        await visit(pilot, "j", "journal")
        assert "Written elsewhere while the app was open" in screen_text(app)


async def test_the_apps_own_write_makes_the_next_visit_read(demo_db) -> None:
    app = TracedApp(db_path=demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await first_visits(app, pilot)
        add_achievement(app.db, title="Written by the app itself", category="scale")  # as a form's save does
        app.reads()
        await visit(pilot, "j", "journal")
        assert app.reads()
        assert "Written by the app itself" in screen_text(app)
        await visit(pilot, "s", "skills")
        assert app.reads()
        await visit(pilot, "j", "journal")  # nothing written since the journal read
        assert app.reads() == []
