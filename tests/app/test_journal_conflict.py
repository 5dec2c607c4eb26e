"""The achievement form's own turns on the shared form base: an entry deleted while its edit
form was open can be kept as a new entry, and enter in a field does not save half an entry."""

from __future__ import annotations

from pilot_tools import at_rest, db_ready, press, screen_text
from pilot_tools import wait_for as until

from ctotui.core.db import open_db
from ctotui.core.journal.entries import add_achievement, count_achievements, delete_achievement, page_achievements
from ctotui.ui.app import CtoApp
from ctotui.ui.dialogs.choice import ChoiceDialog
from ctotui.ui.journal.form import AchievementForm
from ctotui.ui.journal.screen import JournalScreen

SIZE = (80, 24)


async def open_journal(pilot) -> None:
    await db_ready(pilot)
    await press(pilot, "j")
    await until(pilot, lambda: isinstance(pilot.app.screen, JournalScreen))


async def test_an_entry_deleted_meanwhile_can_be_kept_as_a_new_one(db_path) -> None:
    other = open_db(db_path)
    entry = add_achievement(other, title="Cut costs", body="first")
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_journal(pilot)
        await until(pilot, lambda: app.screen.query_one("#list").highlighted is not None)
        await press(pilot, "e")
        await until(pilot, lambda: isinstance(app.screen, AchievementForm))
        app.screen.query_one("#body").text = "mine, written while it went"
        await at_rest(pilot)
        delete_achievement(other, entry.id)  # another process, while the form is open
        await press(pilot, "ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, ChoiceDialog))
        text = screen_text(app)
        assert "deleted meanwhile" in text and "as a new entry" in text and "mine, written" in text
        await press(pilot, "k")
        await until(pilot, lambda: isinstance(app.screen, JournalScreen))
        (kept,) = page_achievements(other).items
        assert kept.id != entry.id and kept.title == "Cut costs" and kept.body == "mine, written while it went"


async def test_enter_in_a_field_does_not_save(db_path) -> None:
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_journal(pilot)
        await press(pilot, "n")
        await until(pilot, lambda: isinstance(app.screen, AchievementForm))
        form = app.screen
        form.query_one("#title").value = "Half an entry"
        await press(pilot, "enter")
        await at_rest(pilot)
        assert app.screen is form and count_achievements(app.db) == 0
        await press(pilot, "ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, JournalScreen))
        assert count_achievements(app.db) == 1
