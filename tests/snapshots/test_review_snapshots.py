"""Pictures of the weekly review with demo data (clock, zone, home and demo_app from conftest):
a step of this week's review, and the History with the activity heatmap."""

from __future__ import annotations

from pilot_tools import at_rest, db_ready, press, settle, wait_for

from ctotui.ui.review.history import ReviewList
from ctotui.ui.review.screen import ReviewScreen
from ctotui.ui.widgets.heatmap import Heatmap

SIZE = (120, 40)


def opened(*keys: str, until=lambda app: True):
    """A run_before: open the review, press ``keys``, wait until ``until(app)`` and the screen is still."""

    async def before(pilot) -> None:
        await db_ready(pilot)
        await press(pilot, "w")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, ReviewScreen))
        await press(pilot, *keys)
        await wait_for(pilot, lambda: until(pilot.app))
        await settle(pilot)
        await at_rest(pilot)

    return before


def history_shown(app) -> bool:
    return app.screen.query_one("#tabs").active == "history" and app.screen.query_one(ReviewList).current_id


def test_review_wins_step(snap_compare, demo_app):
    """Step 1: this week's wins with the ones without a number flagged, the week's skills beside them."""
    assert snap_compare(demo_app, terminal_size=SIZE, run_before=opened("down"))


def test_review_skills_step(snap_compare, demo_app):
    """Step 2: the six areas prefilled with their last levels; the focused one's levels beside them."""
    assert snap_compare(
        demo_app, terminal_size=SIZE, run_before=opened("right_square_bracket", until=lambda app: app.screen.step == 2)
    )


def test_review_history_and_heatmap(snap_compare, demo_app):
    """The streak, the heatmap of journal activity with the reviewed weeks ticked, weeks and a report."""
    assert snap_compare(demo_app, terminal_size=SIZE, run_before=opened("v", "down", until=history_shown))


def test_review_heatmap_focused(snap_compare, demo_app):
    """The heatmap with its cursor on a day (what it holds on the bottom line), in a narrower terminal."""

    async def focus_heatmap(pilot) -> None:
        await opened("v", until=history_shown)(pilot)
        pilot.app.screen.set_focus(pilot.app.screen.query_one(Heatmap))
        await press(pilot, "left", "up", "up")
        await at_rest(pilot)

    assert snap_compare(demo_app, terminal_size=(100, 32), run_before=focus_heatmap)
