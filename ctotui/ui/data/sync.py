"""Syncing from the app (docs/sync.md): "Sync now" in the command palette, and a
sync when the app starts, when a sync folder is saved (`ctotui sync --set-dir`).

The sync runs in a thread on its own connection, never on the UI thread; what
it did, its warnings and its faults are notices. When it applied anything, the
data watcher sees the commit and the screen on view reads again.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from textual.app import App

from ctotui.core.db import open_db
from ctotui.core.dbfile import journal_there
from ctotui.core.errors import CtoError
from ctotui.core.plural import plural
from ctotui.core.sync import run as sync_run
from ctotui.ui.appdb import app_of

NO_FOLDER = "No sync folder yet: save one with `ctotui sync --set-dir DIR` (a folder your sync tool keeps in step)"


def sync_saved_folder(path: Path) -> sync_run.SyncReport | None:
    """Sync the database at ``path`` with its saved folder (None: no folder saved). What
    `ctotui` runs once the app's screen has closed (cli/tui.py); faults raise CtoError.

    Whether a folder is saved is read first on a connection that cannot write: with none (most
    journals) nothing is opened to write, so quitting never waits for another program's lock, nor
    for a new version's schema step or re-read of the numbers (open_db's writes) on a file the app
    had not opened yet (it was quit while it waited)."""
    if not _folder_saved(path):
        return None
    db = open_db(path)
    try:
        return None if sync_run.saved_folder(db) is None else sync_run.sync(db)
    finally:
        db.close()


def _folder_saved(path: Path) -> bool:
    if not journal_there(path):  # no folder saved in a journal yet to start
        return False
    probe = open_db(path, read_only=True)
    try:
        return sync_run.saved_folder(probe) is not None
    except sqlite3.OperationalError as exc:  # a file from before settings were kept: no folder in it
        if str(exc).startswith("no such table"):
            return False
        raise
    finally:
        probe.close()


def start_sync(
    app: App,
    *,
    quiet: bool = False,
    sync: Callable[[Path], sync_run.SyncReport | None] = sync_saved_folder,
) -> None:
    """Sync with the saved folder in a thread (``sync``: what runs there). ``quiet`` (at start):
    no notice when there is no folder or nothing moved; faults and warnings are shown all the
    same: any fault, expected or not, is a "Sync failed" notice, never silence."""

    def work() -> None:
        try:
            report = sync(app_of(app).db_path)
        except (CtoError, OSError, sqlite3.Error) as exc:
            app.call_from_thread(app.notify, str(exc), title="Sync failed", severity="error", markup=False)
            return
        except Exception as exc:  # a bug, or a log no check foresaw: said, never swallowed by the worker
            app.call_from_thread(app.notify, unexpected(exc), title="Sync failed", severity="error", markup=False)
            return
        if report is None:
            if not quiet:
                app.call_from_thread(app.notify, NO_FOLDER, title="Sync", severity="warning", markup=False)
            return
        for warning in report.warnings:
            app.call_from_thread(app.notify, warning, title="Sync", severity="warning", markup=False)
        applied = sum(report.applied.values())
        if quiet and not (report.sent or applied):
            return
        message = f"sent {plural(report.sent, 'change')}, applied {plural(applied, 'change')}"
        app.call_from_thread(app.notify, message, title="Synced", markup=False)

    app.run_worker(work, thread=True, group="sync", exit_on_error=False)


def unexpected(exc: Exception) -> str:
    """One line for a fault nobody foresaw: its kind and the first line of what it says."""
    first = (str(exc).splitlines() or [""])[0][:200]
    return f"unexpected failure ({type(exc).__name__}: {first}); please report it"
