"""The new-achievement form offers a prompt aimed at the gaps: ctrl+n shows the next, ctrl+t takes it."""

from __future__ import annotations

from pilot_tools import db_ready, press, settle
from pilot_tools import wait_for as until
from textual.widgets import Static, TextArea

from ctotui.core.db import open_db
from ctotui.core.journal import entries as journal
from ctotui.core.journal.entries import add_achievement
from ctotui.ui.app import CtoApp
from ctotui.ui.journal.form import AchievementForm
from ctotui.ui.journal.screen import JournalScreen

SIZE = (80, 24)


async def test_take_a_prompt_aimed_at_the_gap(db_path, monkeypatch):
    monkeypatch.setenv("CTOTUI_NOW", "2026-11-11T12:00:00+00:00")
    db = open_db(db_path)
    every_other = ["technical-depth", "product-thinking", "leadership", "communication", "systems-thinking"]
    add_achievement(db, title="Old", occurred_on="2026-11-02", skills=every_other, category="scale")
    db.close()
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        await db_ready(pilot)
        await press(pilot, "j")
        await until(pilot, lambda: isinstance(app.screen, JournalScreen))
        await press(pilot, "n")
        await until(pilot, lambda: isinstance(app.screen, AchievementForm))
        form = app.screen
        assert form.prompts is not None and form.prompts.skill == "business"
        shown = str(form.query_one("#prompt", Static).render())
        first = form.prompts.at(0)
        assert first.text in shown and "ctrl+t take" in shown
        await press(pilot, "ctrl+n")
        second = form.prompts.at(1)
        await until(pilot, lambda: second.text in str(form.query_one("#prompt", Static).render()))
        while form.prompts.at(form.prompt_index).skill != "business":
            await press(pilot, "ctrl+n")
        wanted = form.prompts.at(form.prompt_index)
        form.query_one("#title").value = "Renegotiated the CDN contract"
        await press(pilot, "ctrl+t")
        await until(pilot, lambda: form.query_one("#body", TextArea).text.startswith(wanted.text))
        assert not form.query_one("#prompt").display
        await press(pilot, "ctrl+s")
        await until(pilot, lambda: journal.count_achievements(app.db) == 2)
        saved = journal.page_achievements(app.db).items[0]
        assert saved.title == "Renegotiated the CDN contract"
        assert saved.body.startswith(wanted.text) and "business" in saved.skills


async def test_editing_an_entry_offers_no_prompt(db_path):
    db = open_db(db_path)
    add_achievement(db, title="Something")
    db.close()
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        await db_ready(pilot)
        await press(pilot, "j")
        await until(pilot, lambda: isinstance(app.screen, JournalScreen))
        await settle(pilot)  # e before the list is read edits nothing
        await press(pilot, "e")
        await until(pilot, lambda: isinstance(app.screen, AchievementForm))
        assert app.screen.prompts is None and not app.screen.query_one("#prompt").display
