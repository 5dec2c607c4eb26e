"""Escape never drops what was typed unseen (ui/dialogs/form.py's FormDialog): a form without a
draft asks before it leaves with typed text, and its "not saved" line never promises a draft it
does not keep. Driven on the skills' rate dialog, a form without a draft, checked in the database."""

from __future__ import annotations

import sqlite3

import pytest
from pilot_tools import at_rest, db_ready, press, wait_for

from ctotui.core.drafts import load_draft
from ctotui.core.skills import stack as skills
from ctotui.ui.app import CtoApp
from ctotui.ui.dialogs.choice import ChoiceDialog
from ctotui.ui.skills.rate import RateDialog
from ctotui.ui.skills.screen import SkillsScreen

SIZE = (80, 24)
NOTE = "Led the pricing review with sales"


async def rate_dialog(pilot) -> RateDialog:
    await db_ready(pilot)
    await press(pilot, "s")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, SkillsScreen))
    await at_rest(pilot)
    await press(pilot, "4")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, RateDialog))
    await at_rest(pilot)
    return pilot.app.screen


async def typed_then_escape(pilot) -> RateDialog:
    """The rate dialog with a note typed, then escape: the question on top of it."""
    form = await rate_dialog(pilot)
    form.query_one("#note").value = NOTE
    await press(pilot, "escape")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, ChoiceDialog))
    return form


async def test_escape_with_nothing_typed_leaves_at_once(db_path) -> None:
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        await rate_dialog(pilot)
        await press(pilot, "escape")
        await wait_for(pilot, lambda: isinstance(app.screen, SkillsScreen))


async def test_escape_with_text_typed_asks_and_escape_again_goes_back_to_it(db_path) -> None:
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        form = await typed_then_escape(pilot)
        await press(pilot, "escape")  # the safe answer: back to the form, the text as it was
        await wait_for(pilot, lambda: app.screen is form)
        assert form.query_one("#note").value == NOTE
        await press(pilot, "ctrl+s")
        await wait_for(pilot, lambda: skills.ratings(app.db))
        assert [r.note for r in skills.ratings(app.db)] == [NOTE]


async def test_leaving_when_asked_drops_the_text_and_saves_nothing(db_path) -> None:
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        await typed_then_escape(pilot)
        await press(pilot, "enter")  # the first answer: leave
        await wait_for(pilot, lambda: isinstance(app.screen, SkillsScreen))
        assert skills.ratings(app.db) == []


@pytest.fixture
def short_busy_timeout(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CTOTUI_BUSY_TIMEOUT_MS", "50")


@pytest.mark.usefixtures("short_busy_timeout")
async def test_a_refused_save_of_a_form_without_a_draft_does_not_promise_one(db_path) -> None:
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        form = await rate_dialog(pilot)
        form.query_one("#note").value = NOTE
        other = sqlite3.connect(app.db_path, isolation_level=None)
        other.execute("begin immediate")
        try:
            await press(pilot, "ctrl+s")
            await at_rest(pilot)
            error = str(form.query_one("#form-error").render())
            assert app.screen is form and "Not saved" in error and "locked" in error
            assert "draft" not in error and "esc asks" in error
            assert load_draft(app.db, "skills:rate") is None
        finally:
            other.execute("rollback")
            other.close()
        await press(pilot, "escape")  # still asks: the text was never saved
        await wait_for(pilot, lambda: isinstance(app.screen, ChoiceDialog))
