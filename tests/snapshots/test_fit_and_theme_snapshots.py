"""Every area in a light theme, and every area and the main dialogs at 80x24 (demo data, the clock
frozen). Look at a new picture before accepting it: nothing cut that should wrap, no field lost,
every row readable."""

from __future__ import annotations

import pytest
from drill_helpers import past_the_brief, to_the_rubric
from pilot_tools import at_rest, db_ready, press, settle, wait_for
from textual.widgets import Input, TextArea

from ctotui.ui.data.export import ExportDialog
from ctotui.ui.drill.session import SessionScreen
from ctotui.ui.journal.form import AchievementForm
from ctotui.ui.journal.screen import JournalScreen
from ctotui.ui.skills.rate import RateDialog

AREAS = ["h", "j", "s", "i", "t", "w", "g", "p"]
SMALL = (80, 24)


async def _still(pilot) -> None:
    """Wait for the workers and the debounces; stop blinking cursors (their phase would make a picture racy)."""
    await settle(pilot)
    screen = pilot.app.screen
    if isinstance(screen, JournalScreen):  # the journal's detail pane fills after a short debounce
        await wait_for(pilot, lambda: not screen.detail_pending)
    for field in screen.query("Input, TextArea"):
        if isinstance(field, Input | TextArea):
            field.cursor_blink = False
    await at_rest(pilot)
    await at_rest(pilot)


def _area(key: str, theme: str | None = None):
    async def before(pilot) -> None:
        await db_ready(pilot)
        if theme:
            pilot.app.theme = theme
        await press(pilot, key)
        await _still(pilot)

    return before


@pytest.mark.parametrize("key", AREAS)
def test_area_in_a_light_theme(snap_compare, demo_app, key):
    assert snap_compare(demo_app, terminal_size=(120, 36), run_before=_area(key, "textual-light"))


@pytest.mark.parametrize("key", AREAS)
def test_area_at_80x24(snap_compare, demo_app, key):
    assert snap_compare(demo_app, terminal_size=SMALL, run_before=_area(key))


async def _new_achievement(pilot) -> None:
    await db_ready(pilot)
    await press(pilot, "j", "n")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, AchievementForm))
    form = pilot.app.screen
    form.query_one("#title", Input).value = "Cut the cloud bill from 250000 to 180000 a year"
    form.query_one("#tags", Input).value = "cost cloud"
    form.query_one("#metric", Input).value = "250000 -> 180000 $/year"
    await wait_for(pilot, lambda: not form.keeper.pending)
    await _still(pilot)


async def _rate(pilot) -> None:
    await db_ready(pilot)
    await press(pilot, "s")
    await wait_for(pilot, lambda: pilot.app.screen.focused_area)
    await press(pilot, "2")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, RateDialog))
    await _still(pilot)


async def _score(pilot) -> None:
    await db_ready(pilot)
    await press(pilot, "i", "d")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, SessionScreen))
    session = pilot.app.screen
    await past_the_brief(pilot, session)
    session.answer.text = "We would look at the three biggest costs first."
    session.timer.freeze(47.3)
    await to_the_rubric(pilot, session)
    session.follow_timer.freeze(20)
    await press(pilot, "2", "1")
    await _still(pilot)


async def _export(pilot) -> None:
    await db_ready(pilot)
    await press(pilot, "ctrl+p", *"Export: all data")
    await at_rest(pilot)
    await press(pilot, "enter")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, ExportDialog))
    await _still(pilot)


@pytest.mark.parametrize("before", [_new_achievement, _rate, _score, _export], ids=lambda f: f.__name__.strip("_"))
def test_dialog_at_80x24(snap_compare, demo_app, before):
    assert snap_compare(demo_app, terminal_size=SMALL, run_before=before)
