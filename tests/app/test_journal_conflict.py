"""The achievement form's own turns on the shared form base: an entry deleted while its edit
form was open can be kept as a new entry, and enter in a field does not save half an entry."""

from __future__ import annotations

from pilot_tools import at_rest, db_ready, press, screen_text, text_showing
from pilot_tools import wait_for as until

from ctotui.core.db import open_db
from ctotui.core.drafts import load_draft
from ctotui.core.journal.entries import (
    add_achievement,
    count_achievements,
    delete_achievement,
    get_achievement,
    page_achievements,
    update_achievement,
)
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
        text = await text_showing(pilot, "deleted meanwhile")
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


async def restore_a_draft_made_before(pilot, db_path, change) -> tuple[int, object]:
    """An edit left as a draft (" (app)" after the title), then ``change(other, id)`` elsewhere, then
    the edit opened again and the draft restored; returns the entry's id and the other connection."""
    other = open_db(db_path)
    entry = add_achievement(other, title="Cut deploy 45 -> 7 min", body="original body")
    app = pilot.app
    await open_journal(pilot)
    await until(pilot, lambda: app.screen.query_one("#list").highlighted is not None)
    await press(pilot, "e")
    await until(pilot, lambda: isinstance(app.screen, AchievementForm))
    await at_rest(pilot)
    app.screen.query_one("#title").value = "Cut deploy 45 -> 7 min (app)"
    await press(pilot, "escape", "k")  # Keep draft
    await until(pilot, lambda: isinstance(app.screen, JournalScreen))
    change(other, entry.id)
    await press(pilot, "e")
    await until(pilot, lambda: isinstance(app.screen, ChoiceDialog) and "Restore it?" in screen_text(app))
    await press(pilot, "r")
    await until(pilot, lambda: isinstance(app.screen, AchievementForm))
    await at_rest(pilot)
    assert app.screen.query_one("#title").value == "Cut deploy 45 -> 7 min (app)"
    return entry.id, other


async def test_a_draft_restored_over_a_change_made_elsewhere_asks_before_saving(db_path) -> None:
    """The CLI's body and tag, written after the draft was kept, were silently overwritten by it."""
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:

        def edit(other, entry_id) -> None:
            update_achievement(other, entry_id, body="SECOND body", tags=["second"])

        entry_id, other = await restore_a_draft_made_before(pilot, db_path, edit)
        await press(pilot, "ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, ChoiceDialog))
        text = await text_showing(pilot, "Changed meanwhile")
        assert "Changed meanwhile" in text and "SECOND body" in text and "Take theirs" in text
        assert get_achievement(other, entry_id).body == "SECOND body"  # nothing written yet
        await press(pilot, "t")  # Take theirs
        await until(pilot, lambda: isinstance(app.screen, JournalScreen))
        theirs = get_achievement(other, entry_id)
        assert (theirs.title, theirs.body, theirs.tags) == ("Cut deploy 45 -> 7 min", "SECOND body", ("second",))
        assert load_draft(other, f"journal:edit:{entry_id}") is None
        other.close()


async def test_a_draft_restored_with_nothing_changed_elsewhere_saves_at_once(db_path) -> None:
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        entry_id, other = await restore_a_draft_made_before(pilot, db_path, lambda other, entry_id: None)
        await press(pilot, "ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, JournalScreen))
        saved = get_achievement(other, entry_id)
        assert (saved.title, saved.body) == ("Cut deploy 45 -> 7 min (app)", "original body")
        other.close()


async def test_keep_mine_on_a_restored_draft_saves_it(db_path) -> None:
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:

        def edit(other, entry_id) -> None:
            update_achievement(other, entry_id, body="SECOND body")

        entry_id, other = await restore_a_draft_made_before(pilot, db_path, edit)
        await press(pilot, "ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, ChoiceDialog))
        await press(pilot, "k")  # Keep mine: the user saw both and chose
        await until(pilot, lambda: isinstance(app.screen, JournalScreen))
        saved = get_achievement(other, entry_id)
        assert (saved.title, saved.body) == ("Cut deploy 45 -> 7 min (app)", "original body")
        other.close()
