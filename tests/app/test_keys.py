"""Every key in every screen's footer does something, and nothing raises.

For each screen (and each tab or step that brings keys of its own), on the demo
data: read the footer's keys from the bindings (``Footer.keys_shown``, built from
``screen.active_bindings``), press each one, and wait until something visible
happens: the text on screen, the screen on top, the area, the focus or the
database. Then go back (close what opened, refocus) and press the next one.
A key the footer dims must do nothing at all.
"""

from __future__ import annotations

import pytest
from pilot_tools import at_rest, db_ready, press, screen_text, text_showing, wait_for
from textual.widgets import Input, TextArea

from ctotui.ui.app import CtoApp
from ctotui.ui.review.screen import ReviewScreen
from ctotui.ui.widgets.footer import Footer

SIZE = (80, 24)
NOT_PRESSED = {"q"}  # quits: tested in test_shell (pressing it ends the test's app)

# (area key, keys that lead to the screen or tab to check)
PLACES = [
    ("h", ()),
    ("j", ()),
    ("j", ("slash",)),
    ("s", ()),
    ("s", ("e",)),
    ("s", ("c",)),
    ("i", ()),
    ("i", ("2",)),
    ("i", ("3",)),
    ("i", ("4",)),
    ("i", ("d",)),  # a session
    ("t", ()),
    ("t", ("2",)),
    ("t", ("3",)),
    ("w", ()),
    ("w", ("right_square_bracket",)),
    ("w", ("right_square_bracket",) * 2),
    ("w", ("right_square_bracket",) * 3),
    ("w", ("right_square_bracket",) * 4),
    ("w", ("right_square_bracket",) * 5),
    ("w", ("v",)),
    ("p", ()),
]


def changed(app, before: tuple) -> bool:
    """Whether anything visible happened since ``before`` (the cheap checks first)."""
    screen, mode, focused, changes, text = before
    if (app.screen, app.current_mode, app.focused, app.db.conn.total_changes) != (screen, mode, focused, changes):
        return True
    return screen_text(app) != text


def state(app) -> tuple:
    return (app.screen, app.current_mode, app.focused, app.db.conn.total_changes, screen_text(app))


async def back_to(pilot, screen, mode: str, focused, place: tuple | None = None) -> None:
    """Close what the key opened and put back the area, the focus and ``place`` (the review's
    week and step: ``<`` opens an earlier week on the step it was left at, where ``d`` is dimmed)."""
    app = pilot.app
    # Let what the key opened finish mounting first: a screen popped while its widgets still
    # mount takes their children away, and Textual's Select then raises in its Mount (no
    # SelectOverlay). Seen once in CI under load; popping the profile dialog 0-5 loop ticks
    # after it opened, 30 times, did not reproduce it.
    await at_rest(pilot)
    while app.screen is not screen and len(app.screen_stack) > 1 and app.current_mode == mode:
        app.pop_screen()
        await at_rest(pilot)
    if app.current_mode != mode:
        await app.switch_mode(mode)
        await at_rest(pilot)
    if place is not None and (screen.week, screen.step) != place:
        screen.open_week(place[0])
        await at_rest(pilot)
        screen.action_go(place[1])
        await at_rest(pilot)
    if focused is not None and app.focused is not focused:
        screen.set_focus(focused)
    await at_rest(pilot)


@pytest.mark.parametrize(("area", "path"), PLACES, ids=[f"{a}{''.join(p)}" for a, p in PLACES])
async def test_every_footer_key_does_something(demo_db, area, path) -> None:
    app = CtoApp(db_path=demo_db)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await db_ready(pilot)
        await press(pilot, area)
        await wait_for(pilot, lambda: app.screen.is_mounted and app.screen.query(Footer))
        await press(pilot, *path)
        await at_rest(pilot)
        screen, mode, focused = app.screen, app.current_mode, app.focused
        place = (screen.week, screen.step) if isinstance(screen, ReviewScreen) else None
        footer = screen.query_one(Footer)
        await wait_for(pilot, lambda: footer.keys_shown)
        keys = footer.keys_shown
        app_keys = {b.key.split(",")[0] for b in CtoApp.BINDINGS} | {app.COMMAND_PALETTE_BINDING}
        if not isinstance(app.focused, Input | TextArea):  # while typing, only keys that type nothing
            assert app_keys <= {k[0] for k in keys}, "the app's keys are on every screen"
        for key, _shown, description, enabled in keys:
            if key in app_keys:  # the same on every screen: pressed on Home only
                if area != "h" or path or key in NOT_PRESSED:
                    assert enabled == (key != area), f"{key} ({description})"  # the area on view is dimmed
                    continue
            now = {k[0]: k[3] for k in footer.keys_shown}  # a key before may have moved on (a session's question)
            if key not in now:
                continue
            enabled = now[key]
            before = state(app)
            await press(pilot, key)
            if enabled:
                try:
                    await wait_for(pilot, lambda: changed(app, before))  # noqa: B023 - 10 s: a first visit under load
                except AssertionError:
                    pytest.fail(f"{key} ({description}) did nothing on {type(screen).__name__} after {path}")
            else:
                await at_rest(pilot)
                assert not changed(app, before), f"the dimmed key {key} ({description}) acted"
            await back_to(pilot, screen, mode, focused, place)


TABS = [
    ("t", {"stage": "1", "plan": "2", "checks": "3"}),
    ("i", {"practise": "1", "bank": "2", "progress": "3", "stories": "4"}),
    ("s", {"area": "a", "evidence": "e", "ratings": "r", "paths": "c", "job": "o"}),
    ("w", {"this-week": "", "history": "v switches"}),  # one key toggles the two: said once
]


@pytest.mark.parametrize(("area", "tabs"), TABS, ids=[a for a, _ in TABS])
async def test_tabs_say_their_key_and_left_right_move_between_them(demo_db, area, tabs) -> None:
    from textual.widgets import TabbedContent

    app = CtoApp(db_path=demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await db_ready(pilot)
        await press(pilot, area)
        await wait_for(pilot, lambda: app.screen.is_mounted and app.screen.query(TabbedContent))
        await at_rest(pilot)
        content = app.screen.query_one(TabbedContent)
        for pane, key in tabs.items():
            label = str(content.get_tab(pane).label)
            assert label.endswith(f"({key})") if key else "(" not in label
        order = list(tabs)
        for index in range(1, len(order)):
            await press(pilot, "right")
            await wait_for(pilot, lambda: content.active == order[index])  # noqa: B023
        await press(pilot, "left")
        await wait_for(pilot, lambda: content.active == order[-2])
        await press(pilot, tabs[order[0]] or "v")  # the key on the label
        await wait_for(pilot, lambda: content.active == order[0] or area == "w")


async def test_the_help_lists_the_tab_keys(demo_db) -> None:
    from ctotui.ui.dialogs.help import HelpScreen

    app = CtoApp(db_path=demo_db)
    async with app.run_test(size=(120, 400)) as pilot:
        await press(pilot, "question_mark")
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen))
        text = await text_showing(pilot, "Weekly review (w)")
        for section in ("Interview drill (i)", "Timeline (t)", "Skills (s)", "Weekly review (w)"):
            part = text.split(section, 1)[1]
            assert "◀ Tab" in part and "Tab ▶" in part, section
        assert "Questions tab" in text  # the drill's 2
