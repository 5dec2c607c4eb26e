"""Pictures of the skills screen with demo data, the clock frozen so dates never move."""

from __future__ import annotations

from pilot_tools import at_rest, db_ready, press, settle, wait_for

from ctotui.ui.skills.rate import RateDialog
from ctotui.ui.skills.screen import SkillsScreen

SIZE = (120, 40)


def opened(*keys: str, until=lambda app: isinstance(app.screen, SkillsScreen)):
    """A run_before: open the skills, press ``keys``, wait until ``until(app)`` and the screen is still."""

    async def before(pilot) -> None:
        await db_ready(pilot)
        await press(pilot, "s")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, SkillsScreen) and pilot.app.screen.focused_area)
        await press(pilot, *keys)
        await wait_for(pilot, lambda: until(pilot.app))
        await settle(pilot)
        await at_rest(pilot)

    return before


def test_skills_screen(snap_compare, demo_app):
    """The six areas with their hints; the focused one (communication: a claim) with its levels and steps."""
    assert snap_compare(demo_app, terminal_size=SIZE, run_before=opened("down", "down", "down"))


def test_skills_rate_dialog(snap_compare, demo_app):
    assert snap_compare(
        demo_app,
        terminal_size=SIZE,
        run_before=opened("down", "2", until=lambda app: isinstance(app.screen, RateDialog)),
    )


def test_skills_rating_history(snap_compare, demo_app):
    assert snap_compare(demo_app, terminal_size=SIZE, run_before=opened("r"))


def test_skills_small_terminal(snap_compare, demo_app):
    assert snap_compare(demo_app, terminal_size=(80, 24), run_before=opened("c"))
