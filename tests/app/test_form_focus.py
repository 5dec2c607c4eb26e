"""In the borderless forms a focused drop-down (Select) must show that it has the focus: its
background alone went from RGB(30,30,30) to (39,39,39), 1.1:1, and no one could tell where focus was."""

from __future__ import annotations

import pytest
from pilot_tools import at_rest, db_ready, press, screen_cells, wait_for
from test_themes import BARS, MARK_CONTRAST, contrast
from textual.widgets import Select

from ctotui.ui.app import CtoApp
from ctotui.ui.timeline.welcome import ProfileDialog

SIZE = (80, 24)


def backgrounds(app, select: Select) -> set[tuple[int, int, int]]:
    """The background colours of the cells the Select draws."""
    return {style.bgcolor.get_truecolor() for _char, style in cells(app, select) if style.bgcolor is not None}


def cells(app, select: Select):
    return [
        (char, style)
        for _x, _y, char, style, widget in screen_cells(app.screen)
        if select in widget.ancestors_with_self
    ]


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
async def test_a_focused_select_stands_out_from_a_blurred_one(db_path, theme):
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        await db_ready(pilot)
        app.theme = theme
        await press(pilot, "t", "P")
        await wait_for(pilot, lambda: isinstance(app.screen, ProfileDialog))
        path = app.screen.query_one("#path", Select)
        app.screen.query_one("#role").focus()
        await at_rest(pilot)
        blurred = backgrounds(app, path)
        path.focus()
        await at_rest(pilot)
        focused = backgrounds(app, path)
        assert blurred and focused
        # a mark, as a symbol must be: 3:1 between the focused look and the blurred one
        assert min(contrast(f, b) for f in focused for b in blurred) >= MARK_CONTRAST, (focused, blurred)
        # and its value reads on it, as on a list's cursor row
        text = [(s.color.get_truecolor(), s.bgcolor.get_truecolor()) for char, s in cells(app, path) if char.isalnum()]
        assert text and min(contrast(fg, bg) for fg, bg in text) >= BARS[theme][0]
