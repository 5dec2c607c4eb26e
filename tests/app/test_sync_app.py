"""Sync from the app: on start when a folder is saved, and "Sync now" in the palette,
each in a worker; what it did and its faults are notices."""

from __future__ import annotations

from pathlib import Path

from palette_tools import palette_run
from pilot_tools import db_ready, wait_for

from ctotui.core.db import open_db
from ctotui.core.journal import entries
from ctotui.core.sync import run
from ctotui.ui.app import CtoApp
from ctotui.ui.data.sync import start_sync

SIZE = (80, 24)


def _said(app, words: str) -> bool:
    return any(words in str(n.message) for n in app.notices)


def _titles(path: Path) -> list[str]:
    db = open_db(path)
    try:
        return [r[0] for r in db.execute("select title from achievements order by title")]
    finally:
        db.close()


def _other_device_writes(tmp_path: Path, folder: Path, title: str) -> None:
    other = open_db(tmp_path / "laptop.db")
    entries.add_achievement(other, title=title)
    run.sync(other, folder)
    other.close()


async def test_syncs_on_start_and_from_the_palette(db_path: Path, tmp_path: Path) -> None:
    folder = tmp_path / "shared"
    folder.mkdir()
    db_path.parent.mkdir(parents=True, exist_ok=True)
    db = open_db(db_path)
    run.save_folder(db, folder)
    db.close()
    _other_device_writes(tmp_path, folder, "Written on the laptop")
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        await db_ready(pilot)
        await wait_for(pilot, lambda: _said(app, "applied 1 change"))  # the sync on start
        assert _titles(db_path) == ["Written on the laptop"]
        _other_device_writes(tmp_path, folder, "Later on the laptop")
        await palette_run(pilot, "Sync now")
        await wait_for(pilot, lambda: _titles(db_path) == ["Later on the laptop", "Written on the laptop"])
        await wait_for(pilot, lambda: sum("applied 1 change" in n.message for n in app.notices) == 2)


async def test_sync_now_without_a_folder_says_how_to_set_one(db_path: Path) -> None:
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        await db_ready(pilot)
        await palette_run(pilot, "Sync now")
        await wait_for(pilot, lambda: _said(app, "ctotui sync --set-dir DIR"))
    assert [n.severity for n in app.notices if "set-dir" in n.message] == ["warning"]


async def test_a_folder_that_went_away_is_a_notice(db_path: Path, tmp_path: Path) -> None:
    folder = tmp_path / "gone"
    folder.mkdir()
    db_path.parent.mkdir(parents=True, exist_ok=True)
    db = open_db(db_path)
    run.save_folder(db, folder)
    db.close()
    folder.rmdir()
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        await db_ready(pilot)
        await wait_for(pilot, lambda: _said(app, "not a folder"))
    assert [n.title for n in app.notices if "not a folder" in n.message] == ["Sync failed"]


def _fails_unforeseen(path: Path) -> run.SyncReport | None:
    """A sync that fails as a bug would: no CtoError, no OSError, no sqlite3.Error."""
    raise RecursionError("maximum recursion depth exceeded while decoding a JSON array\nmore detail")


async def test_a_sync_failing_in_a_way_nobody_foresaw_is_a_notice_not_silence(db_path: Path) -> None:
    """A RecursionError (a log nested 100,000 deep, before it was caught) ended the worker
    without a word: the user never learned the sync had failed."""
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await db_ready(pilot)
        start_sync(app, sync=_fails_unforeseen)
        await wait_for(pilot, lambda: _said(app, "unexpected failure"))
        await wait_for(pilot, lambda: app.screen.query("Toast"))  # shown, not only recorded
    failed = [n for n in app.notices if n.title == "Sync failed"]
    assert [(n.message, n.severity) for n in failed] == [
        (
            "unexpected failure (RecursionError: maximum recursion depth exceeded while decoding a JSON array); "
            "please report it",
            "error",
        )
    ]
