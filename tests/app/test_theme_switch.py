"""Switching the theme while Home shows redraws its cards in the new theme's colours."""

from __future__ import annotations

import pytest
from pilot_tools import at_rest, db_ready, press, screen_cells, wait_for
from textual.geometry import Region

from ctotui.core.db import open_db
from ctotui.core.demo import build as demo
from ctotui.ui.app import CtoApp
from ctotui.ui.drill.card import DrillCard
from ctotui.ui.timeline.card import TimelineCard
from ctotui.ui.widgets import colors

SIZE = (80, 24)


def drawn_colours(card) -> set[str]:
    """The colours of the letters and bars the card draws (its lines, rendered through public API)."""
    lines = card.render_lines(Region(0, 0, card.size.width, card.size.height))
    return {
        str(segment.style.color.name)
        for line in lines
        for segment in line
        if segment.text.strip() and segment.style is not None and segment.style.color is not None
    }


def theme_texts(card) -> set[str]:
    return {str(colors.text(card, name).color.name) for name in ("success", "warning", "error", "accent")}


async def test_the_cards_take_the_new_themes_colours(db_path) -> None:
    db = open_db(db_path)
    demo.fill(db)
    db.close()
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        await db_ready(pilot)
        app.theme = "textual-dark"
        await at_rest(pilot)
        drill, timeline = app.screen.query_one(DrillCard), app.screen.query_one(TimelineCard)
        dark = theme_texts(drill)
        await wait_for(pilot, lambda: drawn_colours(drill) & dark and drawn_colours(timeline) & dark)
        app.theme = "textual-light"
        light = theme_texts(drill)
        assert not light & dark
        await wait_for(pilot, lambda: drawn_colours(drill) & light and drawn_colours(timeline) & light)
        assert not (drawn_colours(drill) | drawn_colours(timeline)) & dark


@pytest.mark.parametrize("keys", ["g", "s", "t3", "i3"])  # people, skills, self-checks, drill progress
async def test_the_area_on_view_takes_the_new_themes_colours(demo_db, keys) -> None:
    """The people list stayed in the dark theme's yellow on the light theme's grey (1.1:1) until left
    and visited again; the skills, the timeline's self-checks and the drill's progress too."""
    app = CtoApp(db_path=demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await db_ready(pilot)
        app.theme = "textual-dark"
        await press(pilot, *keys)
        await at_rest(pilot)
        screen = app.screen
        dark = theme_texts(screen)
        await wait_for(pilot, lambda: cell_colours(screen) & dark)
        app.theme = "textual-light"
        assert not theme_texts(screen) & dark
        await wait_for(pilot, lambda: not cell_colours(screen) & dark)
        assert app.screen is screen


def cell_colours(screen) -> set[str]:
    return {str(style.color.name) for *_, char, style, _ in screen_cells(screen) if char.strip() and style.color}
