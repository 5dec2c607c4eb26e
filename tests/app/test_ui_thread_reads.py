"""No SQL on the event loop's thread: every area and the common dialogs read in thread workers.

Every connection the app opens (its own and each worker's read connection) gets a
``set_trace_callback`` (public sqlite3 API) that records the thread each statement
runs on; a walk through every area and the common dialogs must record none on the
thread that runs the event loop. ``test_the_trace_sees_a_query_on_the_loop_thread``
proves the hook catches one when there is one.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading

import pytest
from pilot_tools import press, settle, wait_for
from textual.widgets import Static
from textual.worker import Worker, WorkerCancelled

from ctotui import collector
from ctotui.core.db import open_db
from ctotui.core.dbfile import BUSY_TIMEOUT_MS
from ctotui.core.demo import build as demo
from ctotui.core.journal.entries import page_achievements
from ctotui.ui.app import UI_BUSY_TIMEOUT_MS, CtoApp
from ctotui.ui.areas import AREAS
from ctotui.ui.data.export import ExportDialog
from ctotui.ui.dialogs.help import HelpScreen
from ctotui.ui.dialogs.pick_question import QuestionPicker
from ctotui.ui.drafts import outbox
from ctotui.ui.journal.filter import JournalFilterDialog
from ctotui.ui.journal.form import AchievementForm
from ctotui.ui.journal.pick import AchievementPicker
from ctotui.ui.journal.screen import JournalScreen
from ctotui.ui.readers import read_then_show

NOW = "2026-03-15T10:00:00+00:00"


class TracedApp(CtoApp):
    """The app, with every statement of every connection recorded with its thread."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.statements: list[tuple[int, str]] = []
        self.loop_thread: int | None = None

    def on_mount(self) -> None:
        self.loop_thread = threading.get_ident()

    def connection_opened(self, conn) -> None:
        conn.set_trace_callback(lambda sql: self.statements.append((threading.get_ident(), sql)))

    def on_loop(self) -> list[str]:
        # ``pragma data_version`` reads a counter on the app's own connection, not the data: it
        # stays on the UI thread, the connection's one thread (ui/app.py _check_data_version).
        return [
            sql
            for thread, sql in self.statements
            if thread == self.loop_thread and sql.strip().lower() != "pragma data_version"
        ]


@pytest.fixture
def demo_db(db_path, monkeypatch):
    monkeypatch.setenv("CTOTUI_NOW", NOW)
    db = open_db(db_path)
    demo.fill(db)
    db.close()
    return db_path


async def open_dialog(pilot, dialog) -> None:
    pilot.app.push_screen(dialog)
    await wait_for(pilot, lambda: pilot.app.screen is dialog)
    await settle(pilot)
    await press(pilot, "escape")
    await wait_for(pilot, lambda: pilot.app.screen is not dialog)


async def press_settled(pilot, *keys: str) -> None:
    for key in keys:
        await press(pilot, key)
        await settle(pilot)


async def test_a_walk_through_every_area_runs_no_query_on_the_loop_thread(demo_db) -> None:
    app = TracedApp(db_path=demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: app.db_ready)
        await wait_for(pilot, lambda: app.screen.loads_shown > 0)  # Home shows its data
        await settle(pilot)
        for area in (*AREAS[1:], AREAS[0]):  # every area, then Home again (a repeat visit)
            await press(pilot, area.key)
            await wait_for(pilot, lambda area=area: app.current_mode == area.mode)
            await settle(pilot)
        # inside the areas: the journal's list further down, the tabs that read their own data
        await press_settled(pilot, "j", "down", "down", "end")
        await press_settled(pilot, "s", "e", "r", "c", "a")
        await press_settled(pilot, "i", "2", "down", "3", "4", "1")
        await press_settled(pilot, "t", "2", "down", "3", "down", "1")
        await press_settled(pilot, "w", "v", "down", "v")
        await press_settled(pilot, "i", "d")  # a drill session: the question, its draft, its timer, its stories
        assert app.screen.query("#answer")
        await app.switch_mode("journal")  # the session stays open behind (escape would write its empty draft)
        await settle(pilot)
        # the common dialogs
        await open_dialog(pilot, JournalFilterDialog(app.screen.filters))
        await open_dialog(pilot, AchievementPicker(title="Link a story"))
        await open_dialog(pilot, QuestionPicker(title="Tell it as a story for…"))
        await open_dialog(pilot, ExportDialog("json"))
        await open_dialog(pilot, HelpScreen())
        assert app.loop_thread is not None
        reads = [sql for _, sql in app.statements]
        assert any("achievements" in sql for sql in reads)  # the hook saw the walk's reads
        assert any("questions" in sql for sql in reads)
        on_loop = app.on_loop()
        assert on_loop == [], "\n".join(sorted({" ".join(sql.split())[:90] for sql in on_loop}))


async def test_the_trace_sees_a_query_on_the_loop_thread(demo_db) -> None:
    """The same hook catches a query run on the loop's thread: the walk's test can fail."""
    app = TracedApp(db_path=demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: app.db_ready)
        await settle(pilot)
        app.db.execute("select count(*) from achievements").fetchone()  # on the loop's thread
        assert app.on_loop() == ["select count(*) from achievements"]


def test_the_apps_own_connection_waits_for_the_lock_only_briefly(db_path, monkeypatch) -> None:
    """The CLI waits up to 10 s for another writer; the app's connection only UI_BUSY_TIMEOUT_MS,
    so a save while another process holds the lock is refused within a moment (the form and its
    draft stay, see the next test) instead of holding the screen for the full timeout."""
    monkeypatch.delenv("CTOTUI_BUSY_TIMEOUT_MS", raising=False)
    cli = open_db(db_path)
    assert cli.execute("pragma busy_timeout").fetchone()[0] == BUSY_TIMEOUT_MS
    cli.close()
    app = CtoApp(db_path=db_path)
    assert app.db.execute("pragma busy_timeout").fetchone()[0] == UI_BUSY_TIMEOUT_MS < BUSY_TIMEOUT_MS
    app.db.close()
    monkeypatch.setenv("CTOTUI_BUSY_TIMEOUT_MS", "50")  # a shorter wait asked for is kept
    app = CtoApp(db_path=db_path)
    assert app.db.execute("pragma busy_timeout").fetchone()[0] == 50
    app.db.close()
    collector.resume()  # these apps were made, never run: none ends its start-up (ctotui/collector.py)


async def test_a_save_under_another_writers_lock_keeps_the_text_and_lands_once_it_is_gone(db_path, monkeypatch):
    # a 0.2 s wait for the lock and a retry every 0.2 s: the same path as the app's own 2 s and 2 s
    # (the test above checks those), waited out in a fifth of the time
    monkeypatch.setenv("CTOTUI_BUSY_TIMEOUT_MS", "200")
    title, body = "Moved billing to the new ledger", "Two weeks, no downtime."
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: app.db_ready)
        await settle(pilot)
        outbox(app, app.db).retry_every = 0.2
        await press(pilot, "j")
        await wait_for(pilot, lambda: isinstance(app.screen, JournalScreen))
        await press(pilot, "n")
        await wait_for(pilot, lambda: isinstance(app.screen, AchievementForm))
        await settle(pilot)
        form = app.screen
        form.query_one("#title").value = title
        form.query_one("#body").text = body
        other = sqlite3.connect(db_path, isolation_level=None)
        other.execute("begin immediate")  # another process holds the write lock
        await press(pilot, "ctrl+s")
        await wait_for(pilot, lambda: "Not saved" in str(form.query_one("#error").render()))
        assert app.screen is form and form.query_one("#title").value == title
        assert form.query_one("#body").text == body
        assert "locked" in str(form.query_one("#error").render())
        assert outbox(app, app.db).held["journal:new"]["title"] == title  # the draft, held in memory
        other.execute("rollback")
        other.close()
        await wait_for(pilot, lambda: not outbox(app, app.db).held, timeout=15)  # written once the lock is gone
        await press(pilot, "ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, JournalScreen))
        assert [a.title for a in page_achievements(app.db).items] == [title]


async def test_a_read_that_lands_while_the_app_shuts_down_is_not_shown(db_path) -> None:
    """A worker's read can finish as the app closes (a test's end, or the app quitting): its
    result must not be applied to a screen whose widgets are being taken down (the journal's
    detail pane once raised NoMatches from there)."""
    release = threading.Event()
    shown: list[int] = []
    workers: list[Worker] = []

    class LastToGo(Static):
        async def on_unmount(self) -> None:  # the app is shutting down: the read lands now
            release.set()
            with contextlib.suppress(WorkerCancelled):
                await workers[0].wait()

    def read(db) -> int:
        release.wait(5)
        return 1

    app = CtoApp(db_path=db_path)
    async with app.run_test() as pilot:
        await wait_for(pilot, lambda: app.db_ready)
        await settle(pilot)
        await app.screen.mount(LastToGo())
        workers.append(read_then_show(app.screen, read, shown.append, group="late"))
    assert release.is_set() and workers[0].is_finished
    assert shown == []
