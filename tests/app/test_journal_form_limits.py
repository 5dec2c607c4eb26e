"""Nothing typed is cut: a title over the limit is refused inline with the CLI's own message."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from pilot_tools import at_rest, press, screen_text
from pilot_tools import wait_for as until
from test_journal_metric import open_form
from textual.widgets import Input

from ctotui.core.journal.entries import count_achievements
from ctotui.ui.app import CtoApp
from ctotui.ui.journal.form import AchievementForm
from ctotui.ui.journal.screen import JournalScreen

CTOTUI = Path(sys.executable).with_name("ctotui")  # the console script beside this interpreter

SIZE = (80, 24)


async def test_a_too_long_title_is_refused_inline_and_kept(db_path):
    start = "Moved every team's builds to the shared cache " * 5  # 235 characters
    start = start[:198]
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "j")
        await until(pilot, lambda: isinstance(app.screen, JournalScreen))
        await press(pilot, "n")
        await until(pilot, lambda: isinstance(app.screen, AchievementForm) and app.screen.query("#title"))
        form = app.screen
        title = form.query_one("#title")
        title.value = start
        title.cursor_position = len(start)
        await press(pilot, *"quickly")  # typing goes past 200: every key lands
        typed = start + "quickly"
        assert title.value == typed and len(typed) == 205
        cli = subprocess.run([str(CTOTUI), "add", typed], capture_output=True, text=True, check=False)
        assert cli.returncode == 2
        message = cli.stderr.removeprefix("ctotui: ").strip()
        assert message == "the title is 205 characters long; keep it to 200 (put the rest in the body)"
        await until(pilot, lambda: str(form.query_one("#error").render()) == message)  # shown as it is typed
        await press(pilot, "ctrl+s")
        await at_rest(pilot)
        assert app.screen is form and title.value == typed  # the form stays, the text is all there
        assert str(form.query_one("#error").render()) == message
        assert count_achievements(app.db) == 0
        await press(pilot, "backspace", "backspace", "backspace", "backspace", "backspace")
        await until(pilot, lambda: str(form.query_one("#error").render()) == "")
        await press(pilot, "ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, JournalScreen))
        assert count_achievements(app.db) == 1


async def test_the_date_field_says_which_day_a_phrase_names(db_path, monkeypatch) -> None:
    """Natural dates in the form: "fri" is read as a day, shown under the field before saving,
    whole at 80 columns (it was cut to "Tue 24 Nov…": the year lost)."""
    monkeypatch.setenv("CTOTUI_NOW", "2026-11-27T12:00:00+00:00")  # a Friday
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: app.db_ready)
        await press(pilot, "j")
        await until(pilot, lambda: isinstance(app.screen, JournalScreen))
        await press(pilot, "n")
        await until(pilot, lambda: isinstance(app.screen, AchievementForm) and app.screen.query("#date"))
        date_field = app.screen.query_one("#date", Input)
        date_field.value = "3 days ago"
        await until(pilot, lambda: date_field.border_subtitle == "Tue 24 Nov 2026")
        await at_rest(pilot)
        assert "Tue 24 Nov 2026" in screen_text(app)
        date_field.value = "2026-11-20"  # a plain date needs no reading
        await until(pilot, lambda: date_field.border_subtitle == "")
        date_field.value = "someday"  # not a date: the save says why; nothing under the field
        await until(pilot, lambda: date_field.border_subtitle == "")


@pytest.mark.parametrize(("size", "noticed"), [((80, 24), True), ((120, 50), False)])
async def test_a_refusal_under_the_fold_is_a_notice_too(db_path, size, noticed):
    """At 80×24 the form is taller than the terminal and its error line at its foot: a bad date
    and ctrl+s seemed to do nothing (the date field is focused, the reason out of sight)."""
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=size, notifications=True) as pilot:
        form = await open_form(pilot, "n")
        form.query_one("#title", Input).value = "Cut the cloud bill"
        form.query_one("#date", Input).value = "2026-02-30"
        await press(pilot, "ctrl+s")
        await until(pilot, lambda: "not a date in the calendar" in str(form.query_one("#error").render()))
        await at_rest(pilot)
        said = [n for n in app.notices if "not a date in the calendar" in n.message]
        assert bool(said) == noticed and app.screen is form and count_achievements(app.db) == 0


async def test_every_skill_name_shows_whole_in_the_form_at_80_columns(db_path) -> None:
    """ "Leadership & manageme…" was cut in the form's skill list at 80×24."""
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: app.db_ready)
        await press(pilot, "j")
        await until(pilot, lambda: isinstance(app.screen, JournalScreen))
        await press(pilot, "n")
        await until(pilot, lambda: isinstance(app.screen, AchievementForm) and app.screen.query("#skills"))
        skills = app.screen.query_one("#skills")
        skills.focus()
        skills.scroll_visible(animate=False)
        await at_rest(pilot)
        shown = screen_text(app)
        for name in ("Technical depth", "Leadership & management", "Business understanding", "Systems thinking"):
            assert name in shown, name
