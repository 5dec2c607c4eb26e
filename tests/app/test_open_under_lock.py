"""Opening a file that needs a write (a schema step, a new parser's re-read of the numbers) while
another program writes to it: the app closed after 2 s with "the database is locked" (tried in tmux:
a file from before the parser's last change, another connection holding the write lock). It now
waits as long as the CLI does, says so in a notice after half a second, and opens once the lock is
free; past the whole wait it ends with the one line, exit 2, as before."""

from __future__ import annotations

import asyncio
import shutil
import sqlite3
from contextlib import nullcontext

import pytest
from pilot_tools import db_ready
from pilot_tools import wait_for as until

from ctotui.core.db import open_db
from ctotui.core.dbfile import importing
from ctotui.core.journal.metric_version import PARSER_VERSION
from ctotui.ui.app import CtoApp
from ctotui.ui.data.sync import sync_saved_folder

SIZE = (80, 24)


@pytest.fixture
def behind(db_path, empty_template):
    """A file whose numbers an older parser read: opening it to write reads them again (a write)."""
    db_path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(empty_template, db_path)
    conn = sqlite3.connect(db_path)
    conn.execute("pragma user_version = 0")
    conn.close()
    return db_path


def hold_the_lock(path) -> sqlite3.Connection:
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("begin immediate")  # another program writing
    return other


def toasts(app: CtoApp) -> str:
    return "\n".join(str(toast.render()) for toast in app.screen.query("Toast"))


def waiting_said(app: CtoApp, who: str = "Another program is writing to") -> bool:
    return any(n.title == "Waiting" and n.message.startswith(who) for n in app.notices)


@pytest.mark.parametrize(
    "who", ["Another program is writing to", "Another ctotui is importing into"], ids=["a program", "an import"]
)
async def test_the_app_waits_for_another_writer_says_so_and_opens_once_it_is_done(behind, monkeypatch, who) -> None:
    monkeypatch.setenv("CTOTUI_BUSY_TIMEOUT_MS", "3000")  # beyond the saves' 2 s
    marker = open_db(behind, migrate=False)
    other = hold_the_lock(behind)
    app = CtoApp(db_path=behind)
    try:
        with importing(marker) if "import" in who else nullcontext():
            async with app.run_test(size=SIZE, notifications=True) as pilot:
                await until(pilot, lambda: waiting_said(app, who) or app.startup_error is not None)
                assert app.startup_error is None and not app.db_ready
                await until(pilot, lambda: who in toasts(app))  # shown, not only recorded
                other.execute("rollback")
                await db_ready(pilot)
                assert app.is_running and app.startup_error is None
                await until(pilot, lambda: who not in toasts(app))  # the notice goes once it is open
                assert app.db.execute("pragma user_version").fetchone()[0] == PARSER_VERSION  # the re-read went in
                (timeout,) = app.db.execute("pragma busy_timeout").fetchone()
                assert timeout == 2000  # a save waits the saves' 2 s again, not the opening's wait
    finally:
        other.close()
        marker.close()


async def test_past_the_whole_wait_the_app_ends_with_the_one_line(behind, monkeypatch) -> None:
    monkeypatch.setenv("CTOTUI_BUSY_TIMEOUT_MS", "800")
    other = hold_the_lock(behind)
    app = CtoApp(db_path=behind)
    try:
        async with app.run_test(size=SIZE) as pilot:
            # not workers.wait_for_complete(): the app exits (and cancels its workers) as soon as it fails
            await until(pilot, lambda: app.startup_error is not None)
    finally:
        other.close()
    assert waiting_said(app)
    assert "locked" in app.startup_error and app.return_code == 2


async def test_quitting_while_the_opener_waits_ends_its_wait(behind, monkeypatch) -> None:
    """q while the app waited for another program's lock: the app's close waited for the opener, and
    the opener for SQLite's whole wait (``Connection.interrupt`` does not end it). The opener now waits
    in steps and lets go as the app closes: the close is over long before the minute's wait set here."""
    monkeypatch.setenv("CTOTUI_BUSY_TIMEOUT_MS", "60000")
    other = hold_the_lock(behind)
    app = CtoApp(db_path=behind)

    async def quit_while_waiting() -> None:
        async with app.run_test(size=SIZE) as pilot:
            await until(pilot, lambda: waiting_said(app))
            app.exit()

    try:
        await asyncio.wait_for(quit_while_waiting(), timeout=10)  # a bound, not a measure: the wait is 60 s
    finally:
        other.close()
    assert app.startup_error is None  # a quit, not a failure
    conn = sqlite3.connect(behind)
    assert conn.execute("pragma user_version").fetchone()[0] == 0  # nothing was written
    conn.close()


def test_closing_the_app_reads_whether_a_sync_folder_is_saved_without_writing(behind, monkeypatch) -> None:
    """What `ctotui` runs after the app's screen closed (cli/tui.py's sync_on_exit) opened the file to
    write to learn that no sync folder was saved: on a file the app had not opened yet (quit while it
    waited), it waited for the same lock again, then said "sync on exit failed: … locked"."""
    monkeypatch.setenv("CTOTUI_BUSY_TIMEOUT_MS", "300")
    other = hold_the_lock(behind)
    try:
        assert sync_saved_folder(behind) is None
    finally:
        other.close()
    conn = sqlite3.connect(behind)
    assert conn.execute("pragma user_version").fetchone()[0] == 0  # not re-read, not migrated: not opened to write
    conn.close()
