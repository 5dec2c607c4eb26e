"""The database file removed or replaced while the app runs (``rm x.db x.db-wal x.db-shm``, or
``mv other.db x.db``): the app says so once, keeps running, refuses every write in the form's
own words (the text stays, as for a locked database), creates no file where the old one was,
and writes nothing into a file that replaced it."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from pilot_tools import at_rest, db_ready, press
from pilot_tools import wait_for as until

from ctotui.core.db import open_db
from ctotui.core.drafts import spill_file
from ctotui.core.journal.entries import add_achievement
from ctotui.ui.app import CtoApp
from ctotui.ui.journal.form import AchievementForm
from ctotui.ui.journal.screen import JournalScreen

SIZE = (80, 24)
TITLE = "Typed after the file went"
GONE_TITLE = "The database file is gone"


async def _type_and_save(pilot) -> AchievementForm:
    await press(pilot, "n")
    await until(pilot, lambda: isinstance(pilot.app.screen, AchievementForm))
    form = pilot.app.screen
    form.query_one("#title").value = TITLE
    await at_rest(pilot)
    await press(pilot, "ctrl+s")
    await at_rest(pilot)
    return form


def _told(app: CtoApp) -> list[str]:
    return [n.message for n in app.notices if n.title == GONE_TITLE]


async def test_a_removed_file_keeps_the_typed_text_and_is_not_made_again(db_path: Path) -> None:
    """Pressing n after the rm gave a traceback ("no such table: drafts") and exit 1, and an
    empty database appeared where the old one was (a reader's connection made it)."""
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        await db_ready(pilot)
        await press(pilot, "j")
        await until(pilot, lambda: isinstance(app.screen, JournalScreen))
        for side in ("", "-wal", "-shm"):
            Path(f"{db_path}{side}").unlink(missing_ok=True)
        await until(pilot, lambda: app.gone)
        form = await _type_and_save(pilot)
        assert app.is_running and app.screen is form
        assert form.query_one("#title").value == TITLE
        error = str(form.query_one("#error").render())
        assert "Not saved" in error and "removed or replaced" in error
        await press(pilot, "escape", "h", "j")  # more reads: refused quietly, told once
        await at_rest(pilot)
        assert app.is_running
        assert len(_told(app)) == 1 and str(db_path) in _told(app)[0]
        assert not db_path.exists()
    assert app.return_code in (None, 0)
    assert not db_path.exists()  # nor at the exit
    assert app.spilled is not None and app.spilled.path == spill_file(db_path)  # the draft, beside it
    assert TITLE in spill_file(db_path).read_text()


async def test_a_replaced_file_gets_nothing_the_app_saves_after(db_path: Path, tmp_path: Path) -> None:
    """A save after ``mv other.db x.db`` went into the new file (through the -wal both share by
    name) and overwrote its row: "Saved #121: Typed after replace", with no notice."""
    other = tmp_path / "other.db"
    theirs = open_db(other)
    for n in range(1, 4):
        add_achievement(theirs, title=f"Theirs {n}")
    theirs.close()
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        await db_ready(pilot)
        await press(pilot, "j")
        await until(pilot, lambda: isinstance(app.screen, JournalScreen))
        await at_rest(pilot)
        # the app's writes so far into the file itself: a -wal still holding them would be read
        # by the new file (SQLite finds it by name) whatever the app does afterwards
        app.db.execute("pragma wal_checkpoint(truncate)")
        os.replace(other, db_path)
        await until(pilot, lambda: app.gone)
        form = await _type_and_save(pilot)
        assert app.is_running and app.screen is form
        assert form.query_one("#title").value == TITLE
        assert "removed or replaced" in str(form.query_one("#error").render())
        assert len(_told(app)) == 1
        check = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
        try:
            titles = sorted(t for (t,) in check.execute("select title from achievements"))
        finally:
            check.close()
        assert titles == ["Theirs 1", "Theirs 2", "Theirs 3"]
    assert app.return_code in (None, 0)
    # after the app's exit the replacement reads whole (the app's own -wal, left open beside it,
    # made a tester's replacement read as damaged)
    check = sqlite3.connect(db_path)
    try:
        assert check.execute("pragma integrity_check").fetchone() == ("ok",)
        assert sorted(t for (t,) in check.execute("select title from achievements")) == [
            "Theirs 1",
            "Theirs 2",
            "Theirs 3",
        ]
    finally:
        check.close()
