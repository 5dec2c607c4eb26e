"""The people screen with demo data (a manager, a founder, a mentor, two references, the bar),
the clock frozen: the bar at 80x24 and the conversation form at 80x24 (the whole screen, in a light
theme and at 80x24, is in test_fit_and_theme_snapshots.py with every area; a wide dark copy of it
showed nothing more and went, to keep the suite fast)."""

from __future__ import annotations

from pilot_tools import at_rest, db_ready, press, wait_for
from textual.widgets import Input, TextArea

from ctotui.ui.people.forms import TalkDialog
from ctotui.ui.people.screen import PeopleScreen


async def _people_shown(pilot) -> None:
    await db_ready(pilot)
    await press(pilot, "g")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, PeopleScreen) and pilot.app.screen.data is not None)
    await at_rest(pilot)


async def _bar_focused(pilot) -> None:
    await _people_shown(pilot)
    await press(pilot, "tab")
    await wait_for(pilot, lambda: pilot.app.focused is pilot.app.screen.query_one("#bar-list"))
    await at_rest(pilot)


def test_people_bar_small_terminal(snap_compare, demo_app):
    assert snap_compare(demo_app, terminal_size=(80, 24), run_before=_bar_focused)


async def _talk_form(pilot) -> None:
    await _people_shown(pilot)
    await press(pilot, "c")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, TalkDialog))
    for field in pilot.app.screen.query("Input, TextArea"):
        if isinstance(field, Input | TextArea):
            field.cursor_blink = False
    await at_rest(pilot)


def test_people_conversation_form_small_terminal(snap_compare, demo_app):
    assert snap_compare(demo_app, terminal_size=(80, 24), run_before=_talk_form)
