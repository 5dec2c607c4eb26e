"""Switching the theme while Home shows redraws its cards in the new theme's colours."""

from __future__ import annotations

from pilot_tools import at_rest, db_ready, wait_for
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
