"""Escape never drops what was typed unseen (ui/dialogs/form.py's FormDialog): a form without a
draft asks before it leaves with typed text, and its "not saved" line never promises a draft it
does not keep. Driven on the skills' rate dialog, a form without a draft, checked in the database."""

from __future__ import annotations

from contextlib import contextmanager

import pytest
from pilot_tools import at_rest, db_ready, key_event, press, wait_for
from test_faults import locker
from test_text_shown import notifications

from ctotui.core import playbook
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
        await press(pilot, "l")  # "Leave", by its first letter (enter gives "Back to the form")
        await wait_for(pilot, lambda: isinstance(app.screen, SkillsScreen))
        assert skills.ratings(app.db) == []


@contextmanager
def locked(app):
    """Another connection holds the write lock meanwhile (test_faults' locker)."""
    take, give_back = locker(app)
    take()
    try:
        yield
    finally:
        give_back()


@pytest.fixture
def short_busy_timeout(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CTOTUI_BUSY_TIMEOUT_MS", "50")


@pytest.mark.usefixtures("short_busy_timeout")
async def test_a_refused_save_of_a_form_without_a_draft_does_not_promise_one(db_path) -> None:
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        form = await rate_dialog(pilot)
        form.query_one("#note").value = NOTE
        with locked(app):
            await press(pilot, "ctrl+s")
            await at_rest(pilot)
            error = str(form.query_one("#form-error").render())
            assert app.screen is form and "Not saved" in error and "locked" in error
            assert "draft" not in error and "esc asks" in error
            assert load_draft(app.db, "skills:rate") is None
        await press(pilot, "escape")  # still asks: the text was never saved
        await wait_for(pilot, lambda: isinstance(app.screen, ChoiceDialog))


@pytest.mark.usefixtures("short_busy_timeout")
async def test_a_refused_save_under_the_fold_is_one_notice_not_two(db_path) -> None:
    """At 80×24 the rate dialog scrolls: the refusal was said by not_saved and again by the form."""
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        form = await rate_dialog(pilot)
        form.query_one("#note").value = NOTE
        with locked(app):
            await press(pilot, "ctrl+s")
            await wait_for(pilot, lambda: "Not saved" in notifications(app))
            await at_rest(pilot)
            assert notifications(app).count("Not saved:") == 1  # one toast (its title says "Not saved" too)


async def profile_dialog(pilot):
    """The profile's form, opened from the timeline (P) as a user opens it."""
    await db_ready(pilot)
    await press(pilot, "t")
    await wait_for(pilot, lambda: type(pilot.app.screen).__name__ == "TimelineScreen")
    await at_rest(pilot)
    await press(pilot, "P")
    await wait_for(pilot, lambda: type(pilot.app.screen).__name__ == "ProfileDialog")
    await at_rest(pilot)
    return pilot.app.screen


async def test_a_field_does_not_select_its_text_so_one_key_adds_to_it(demo_db) -> None:
    """The profile's name was selected whole on focus: one key replaced 'Alex Rivera'."""
    app = CtoApp(db_path=demo_db)
    async with app.run_test(size=SIZE) as pilot:
        name = (await profile_dialog(pilot)).query_one("#name")
        before = name.value
        assert name.has_focus and before
        await press(pilot, "X")
        assert name.value != "X" and len(name.value) == len(before) + 1


async def test_a_choice_changed_is_asked_about_too(demo_db) -> None:
    """A path chosen in the profile, then escape: it closed at once and the choice was lost."""
    app = CtoApp(db_path=demo_db)
    async with app.run_test(size=SIZE) as pilot:
        path = (await profile_dialog(pilot)).query_one("#path")
        path.value = next(p.slug for p in playbook.load().paths if p.slug != path.value)
        await press(pilot, "escape")
        await wait_for(pilot, lambda: isinstance(app.screen, ChoiceDialog))


async def test_quitting_with_typed_text_in_a_form_without_a_draft_asks_first(db_path) -> None:
    """ctrl+q and q quit at once, unless a form keeping no draft holds typed text, on this area's
    stack or another's: then the app asks, and "back" shows that form with its text."""
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        form = await rate_dialog(pilot)
        form.query_one("#note").value = NOTE
        await press(pilot, "ctrl+q")
        await wait_for(pilot, lambda: isinstance(app.screen, ChoiceDialog))
        assert "RateDialog" not in str(app.screen.query_one(".detail").render())  # it names the form by its title
        await press(pilot, "escape")  # the safe answer: back to the form
        await wait_for(pilot, lambda: app.screen is form)
        await app.switch_mode("journal")  # the form stays open under Skills; the user is elsewhere
        await wait_for(pilot, lambda: app.current_mode == "journal")
        await at_rest(pilot)
        await press(pilot, "q")
        await wait_for(pilot, lambda: isinstance(app.screen, ChoiceDialog))
        await press(pilot, "escape")
        await wait_for(pilot, lambda: app.current_mode == "skills" and app.screen is form)
        assert form.query_one("#note").value == NOTE and app.is_running
        await press(pilot, "ctrl+q")
        await wait_for(pilot, lambda: isinstance(app.screen, ChoiceDialog))
        app.post_message(key_event("ctrl+q"))  # asked again, on the question: it quits (no frame to wait for)
        await wait_for(pilot, lambda: not app.is_running)


async def test_quitting_with_nothing_typed_quits_at_once(db_path) -> None:
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        await rate_dialog(pilot)
        app.post_message(key_event("ctrl+q"))  # the app quits: no frame follows to wait for
        await wait_for(pilot, lambda: not app.is_running)


async def test_the_question_before_dropping_typed_text_defaults_to_the_form(db_path) -> None:
    """ "Quit" had the focus and the arrows did not move it: → then enter quit and dropped the text.
    Now enter and escape go back to the form, and the arrows move between the answers."""
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        form = await rate_dialog(pilot)
        form.query_one("#note").value = NOTE
        for key, question in (("ctrl+q", "Quit without saving"), ("escape", "Leave without saving")):
            await press(pilot, key)
            await wait_for(pilot, lambda: isinstance(app.screen, ChoiceDialog))
            assert question in str(app.screen.query_one(".question").render())
            assert app.focused.id == "choice-back"
            await press(pilot, "right")
            assert app.focused.id != "choice-back"
            await press(pilot, "left", "enter")  # back on "Back to the form"
            await wait_for(pilot, lambda: app.screen is form)
        assert app.is_running and form.query_one("#note").value == NOTE
