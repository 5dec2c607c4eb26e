"""Emptying the trash from the palette, and every count the app shows agreeing on live entries."""

from __future__ import annotations

import re

from palette_tools import palette_run
from pilot_tools import at_rest, click, db_ready, press, screen_text
from pilot_tools import wait_for as until

from ctotui.core.db import open_db
from ctotui.core.journal.entries import add_achievement, delete_achievement
from ctotui.core.journal.trash import trash_count
from ctotui.ui.app import CtoApp
from ctotui.ui.dialogs.choice import ChoiceDialog
from ctotui.ui.journal.screen import JournalScreen

SIZE = (80, 24)


def seeded(db_path, live: int, deleted: int) -> list[int]:
    """``live + deleted`` entries, the last ``deleted`` of them deleted; returns the deleted ids."""
    db = open_db(db_path)
    ids = [
        add_achievement(
            db, title=f"Entry {i}", occurred_on=f"2026-01-{i + 1:02d}", skills=["leadership"], tags=["x"]
        ).id
        for i in range(live + deleted)
    ]
    for gone in ids[live:]:
        delete_achievement(db, gone)
    db.close()
    return ids[live:]


def _count_row(text: str, label: str, *, before: bool = False) -> str:
    """The number after ``label`` on its line (``before``: the one in front of it, as on the journal card)."""
    line = next(line for line in text.splitlines() if label in line)
    head, tail = line.split(label, 1)
    return head.split()[-1] if before else tail.split()[0]


def _table_count(text: str, label: str) -> str:
    """The count in front of ``label`` in the help screen's "In the database" table."""
    pattern = re.compile(rf"([\d,]+)\s+{re.escape(label)}\s*$")
    return next(m.group(1) for line in text.splitlines() if (m := pattern.search(line.rstrip(" ▁▂▃▄▅▆▇█▌▐│"))))


async def test_palette_empties_the_trash_after_confirming(db_path):
    gone = seeded(db_path, live=2, deleted=3)
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        await db_ready(pilot)
        await palette_run(pilot, "Journal: empty")
        await until(pilot, lambda: isinstance(app.screen, ChoiceDialog) and app.screen.query("#choice-keep"))
        assert "Remove 3 deleted achievements for good?" in screen_text(app)
        await press(pilot, "escape")  # the safe answer: nothing goes
        await until(pilot, lambda: isinstance(app.screen, JournalScreen))
        assert trash_count(app.db) == 3
        await app.screen.run_action("empty_trash")
        await until(pilot, lambda: isinstance(app.screen, ChoiceDialog) and app.screen.query("#choice-empty"))
        await click(pilot, "#choice-empty")
        await until(pilot, lambda: isinstance(app.screen, JournalScreen))
        marks = ",".join("?" * len(gone))
        assert app.db.execute(f"select count(*) from achievements where id in ({marks})", gone).fetchone()[0] == 0
        assert (
            app.db.execute(
                f"select count(*) from achievement_skills where achievement_id in ({marks})", gone
            ).fetchone()[0]
            == 0
        )
        assert app.db.execute("select count(*) from achievements").fetchone()[0] == 2
        assert any("Removed 3 deleted achievements" in str(n.message) for n in app.notices)
        await app.screen.run_action("empty_trash")  # nothing left: says so, asks nothing
        await at_rest(pilot)
        assert isinstance(app.screen, JournalScreen)
        assert any("The trash is empty" in str(n.message) for n in app.notices)


async def test_every_count_the_app_shows_counts_live_entries(db_path):
    seeded(db_path, live=7, deleted=13)
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=(120, 280)) as pilot:  # tall enough for the whole help screen
        await db_ready(pilot)
        await until(pilot, lambda: " in all" in screen_text(app))
        assert _count_row(screen_text(app), " in all", before=True) == "7"  # the journal card on Home
        await press(pilot, "question_mark")  # the help screen holds "In the database"
        await until(pilot, lambda: "In the trash" in screen_text(app))
        text = screen_text(app)
        assert _table_count(text, "Achievements") == "7"
        assert "Achievement skills" not in text  # bookkeeping, in the areas' words only (ctotui info has it)
        assert _table_count(text, "In the trash (ctotui purge empties it)") == "13"
        await press(pilot, "escape")
        await press(pilot, "j")
        await until(pilot, lambda: isinstance(app.screen, JournalScreen))
        await until(pilot, lambda: "7 achievements" in str(app.screen.query_one("#status").render()))
        assert len(app.screen.query_one("#list").items) == 7
