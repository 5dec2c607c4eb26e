"""Home is read first: before the opener (sqlite-utils, drafts, seeding), on a connection that
may not write, when the file is already at this version's schema (ui/first_read.py).

Each test traces every connection the app opens (``connection_opened``, public
``set_trace_callback``) and notes, as Home's first data is shown, whether the app's own
connection was open yet (``db_ready``) and which theme was on.
"""

from __future__ import annotations

import gc
import threading

import pytest
from pilot_tools import at_rest, screen_text, settle, wait_for

from ctotui.core.db import open_db
from ctotui.core.dbread import OneRead
from ctotui.core.demo import build as demo
from ctotui.core.drill.bank import ensure_questions
from ctotui.core.journal.entries import add_achievement
from ctotui.core.settings import set_setting
from ctotui.core.timeline.plan import ensure_seeded
from ctotui.ui.app import CtoApp
from ctotui.ui.home.screen import DashboardScreen

NOW = "2026-03-15T10:00:00+00:00"
SIZE = (120, 40)
WRITES = ("insert", "update", "delete", "replace", "create", "drop", "alter")


class TracedApp(CtoApp):
    """The app, with what each connection ran (and on which thread) and the moment Home's data came."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.connections: list[tuple[bool, list[tuple[int, str]]]] = []  # (query only, statements)
        self.shown_when: tuple[bool, str] | None = None  # (db_ready, theme) as Home's data was shown
        self.loop_thread = threading.get_ident()

    def connection_opened(self, conn) -> None:
        statements: list[tuple[int, str]] = []
        self.connections.append((conn.execute("pragma query_only").fetchone()[0] == 1, statements))
        conn.set_trace_callback(lambda sql: statements.append((threading.get_ident(), " ".join(sql.split()).lower())))
        self.on_connection(len(self.connections))

    def on_connection(self, n: int) -> None:
        """The ``n``th connection the app opened: a test may do something then."""

    def first_data_shown(self, first_of_screen: bool = False) -> None:
        if first_of_screen and self.shown_when is None:
            self.shown_when = (self.db_ready, self.theme)
        super().first_data_shown(first_of_screen)


@pytest.fixture
def opened_before(db_path, monkeypatch):
    """A journal the app has opened before: demo data, the question bank and the plan seeded."""
    monkeypatch.setenv("CTOTUI_NOW", NOW)
    db = open_db(db_path)
    demo.fill(db, achievements=30)
    ensure_questions(db)
    ensure_seeded(db)
    set_setting(db, "theme", "textual-light")
    db.close()
    return db_path


async def home_at_rest(pilot) -> DashboardScreen:
    app = pilot.app
    await wait_for(pilot, lambda: app.db_ready and app.shown_when is not None)
    await settle(pilot)
    home = app.get_screen_stack("dashboard")[0]
    assert isinstance(home, DashboardScreen)
    return home


async def test_home_is_read_before_the_opener_on_a_connection_that_cannot_write_and_not_again(opened_before) -> None:
    app = TracedApp(db_path=opened_before)
    async with app.run_test(size=SIZE) as pilot:
        home = await home_at_rest(pilot)
        assert app.shown_when == (False, "textual-light")  # before the app's own connection, in the saved theme
        first_only, first_statements = app.connections[0]
        assert first_only  # the first connection refuses writes
        assert first_statements and all(thread != app.loop_thread for thread, _ in first_statements)
        assert not any(sql.startswith(WRITES) for _, sql in first_statements)
        assert any("from achievements" in sql for _, sql in first_statements)  # Home's read ran on it
        said = [sql for _, sql in first_statements]
        begin, end = said.index("begin"), said.index("rollback")  # one snapshot: a read transaction
        assert begin < end and "pragma data_version" in said[:begin]  # the version taken before it
        home_reads = [sql for sql in said[begin:end] if sql.startswith("select")]
        assert len(home_reads) == len(set(home_reads))  # no statement ran twice (OneRead kept its rows)
        # nothing was written since: once the app's connection is open, Home does not read again
        assert (home.loads_begun, home.loads_shown, home.loads_skipped) == (0, 1, 1)
        assert "30  in all" in screen_text(app)


async def test_a_commit_after_the_first_read_makes_home_read_again(opened_before) -> None:
    """Another program commits between Home's first read and the opener: what Home showed is no
    longer what the file holds, so Home reads again once the app's connection is open."""

    class Racing(TracedApp):
        def on_connection(self, n: int) -> None:
            if n == 2:  # the app's own connection, opened after Home's first read
                other = open_db(self.db_path, migrate=False)
                try:
                    add_achievement(other, title="Saved by the CLI meanwhile", category="scale")
                finally:
                    other.close()

    app = Racing(db_path=opened_before)
    async with app.run_test(size=SIZE) as pilot:
        home = await home_at_rest(pilot)
        assert app.shown_when is not None and app.shown_when[0] is False  # the first read was shown
        await wait_for(pilot, lambda: home.loads_shown == 2)
        assert home.loads_begun == 1
        await wait_for(pilot, lambda: "Saved by the CLI meanwhile" in screen_text(app))


async def test_a_read_that_would_write_first_waits_for_the_opener(db_path, monkeypatch) -> None:
    """A file the app never opened (made by the CLI: no question bank seeded yet): Home's read
    would seed it, which the first connection refuses; Home is read once the opener has seeded."""
    monkeypatch.setenv("CTOTUI_NOW", NOW)
    db = open_db(db_path)
    add_achievement(db, title="Cut p95 latency from 900 to 300 ms", category="scale")
    db.close()
    app = TracedApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        home = await home_at_rest(pilot)
        assert app.shown_when is not None and app.shown_when[0] is True  # after the opener
        first_only, first_statements = app.connections[0]
        assert first_only
        assert not any(sql.startswith(WRITES) for _, sql in first_statements)
        assert home.loads_shown == 1
        assert "Cut p95 latency" in screen_text(app)


async def test_a_new_file_is_read_after_the_opener_made_it(db_path) -> None:
    app = TracedApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        await home_at_rest(pilot)
        assert app.shown_when is not None and app.shown_when[0] is True
        assert not app.connections[0][0]  # no first read: the app's own connection came first


async def test_a_first_read_that_fails_leaves_home_to_the_read_after_the_opener(opened_before) -> None:
    """Whatever stops the first read (here a read that raises on that connection only) costs the
    head start, never the start: the database opens and Home is read as before."""

    class Fussy(DashboardScreen):
        def read(self, db):
            if isinstance(db, OneRead):
                raise RuntimeError("not on this connection")
            return super().read(db)

    class FussyApp(TracedApp):
        MODES = {**TracedApp.MODES, "dashboard": Fussy}

    app = FussyApp(db_path=opened_before)
    async with app.run_test(size=SIZE) as pilot:
        home = await home_at_rest(pilot)
        assert isinstance(home, Fussy)
        assert app.shown_when is not None and app.shown_when[0] is True  # after the opener
        assert app.connections[0][0]  # the first read was tried
        assert "30  in all" in screen_text(app)


async def test_what_the_opener_made_after_home_was_shown_is_frozen_with_start_up(opened_before) -> None:
    """Home shown first, start-up was frozen out of the cyclic collector's reach before the
    opener was done (ui/restyle.py's ``freeze_start_up``): what the opener made then (the app's
    connection; ~15,000 objects of imports in a fresh process) is frozen once it is done."""
    app = TracedApp(db_path=opened_before)
    async with app.run_test(size=SIZE) as pilot:
        await home_at_rest(pilot)
        await wait_for(pilot, lambda: app.start_up_frozen)
        assert app.shown_when is not None and app.shown_when[0] is False
        own = app.db
        assert not any(o is own for o in gc.get_objects())  # frozen objects are in no generation


async def test_home_read_first_is_drawn_in_the_saved_themes_colours(opened_before) -> None:
    """The saved theme (light) is applied as Home's first read is shown, and Textual applies a
    theme's styles a turn later: shown at once, the coach's list kept the dark theme's colours
    (its first action in yellow on light grey). Its colours must be those a read in the light
    theme draws."""
    app = TracedApp(db_path=opened_before)
    async with app.run_test(size=SIZE) as pilot:
        home = await home_at_rest(pilot)
        assert app.shown_when is not None and app.shown_when[0] is False
        coach = home.query_one("#coach")
        x, y = coach.content_region.x + 2, coach.content_region.y  # the first action's text
        first = [home.get_style_at(x + i, y) for i in range(10)]
        home.load()  # a read in the light theme, drawn as any later read is
        await wait_for(pilot, lambda: home.loads_shown == 2)
        await at_rest(pilot)
        assert [home.get_style_at(x + i, y) for i in range(10)] == first
