"""Snapshots of the drill at a fixed size (clock, zone, home and demo_app from conftest); the timer frozen."""

from __future__ import annotations

import pytest
from drill_helpers import past_the_brief, to_the_rubric
from pilot_tools import at_rest, db_ready, press, ready_then, wait_for

from ctotui.ui.app import CtoApp
from ctotui.ui.drill.score import ScoreAnswer
from ctotui.ui.drill.session import SessionScreen

SIZE = (120, 40)


@pytest.fixture
def stable_app(tmp_path):
    return CtoApp(db_path=tmp_path / "data" / "ctotui.db")


async def _mid_question(pilot, elapsed: float) -> None:
    await db_ready(pilot)
    await press(pilot, "i")
    await at_rest(pilot)
    await press(pilot, "d")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, SessionScreen))
    session = pilot.app.screen
    await past_the_brief(pilot, session)
    session.ask_first.value = "Where does it break today?"
    session.answer.insert("We sharded the orders table")  # as typed, without the keys
    session.timer.freeze(elapsed)
    session.answer.cursor_blink = False  # a blinking cursor would make the picture racy
    session.answer.focus()
    await at_rest(pilot)


async def _mid_question_in_time(pilot) -> None:
    await _mid_question(pilot, 47.3)


async def _mid_question_overtime(pilot) -> None:
    await _mid_question(pilot, 132.0)


def test_drill_home(snap_compare, stable_app) -> None:
    assert snap_compare(stable_app, terminal_size=SIZE, run_before=ready_then("i"))


def test_drill_mid_question(snap_compare, stable_app) -> None:
    assert snap_compare(stable_app, terminal_size=SIZE, run_before=_mid_question_in_time)


def test_drill_mid_question_overtime(snap_compare, stable_app) -> None:
    assert snap_compare(stable_app, terminal_size=SIZE, run_before=_mid_question_overtime)


async def _rubric(pilot) -> None:
    await _mid_question_in_time(pilot)
    session = pilot.app.screen
    await to_the_rubric(pilot, session)
    session.follow_timer.freeze(20)
    await press(pilot, "2", "1", "2")


def test_drill_rubric(snap_compare, stable_app) -> None:
    assert snap_compare(stable_app, terminal_size=SIZE, run_before=_rubric)


# --- issue 17: the brief, the follow-up and the reveal, at 80x24 (and in a light theme) ---------------------------


async def _brief(pilot) -> None:
    await db_ready(pilot)
    await press(pilot, "i")
    await at_rest(pilot)
    await press(pilot, "d")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, SessionScreen))
    session = pilot.app.screen
    await wait_for(pilot, lambda: session.step == "brief")
    await at_rest(pilot)


async def _follow_up(pilot) -> None:
    await _mid_question(pilot, 120)
    session = pilot.app.screen
    await press(pilot, "ctrl+s")
    await wait_for(pilot, lambda: session.step == "follow-up")
    session.follow_answer.insert("Keep the database work, drop the rewrite.")
    session.follow_answer.cursor_blink = False
    session.follow_timer.freeze(21.4)
    await at_rest(pilot)


async def _reveal(pilot) -> None:
    await _follow_up(pilot)
    session = pilot.app.screen
    await press(pilot, "ctrl+s")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, ScoreAnswer))
    await press(pilot, *"221222", *"2" * len(pilot.app.screen.signals), "ctrl+s")
    await wait_for(pilot, lambda: pilot.app.screen is session and session.step == "reveal")
    pilot.app.clear_notifications()  # the toast names a fuzzed due date
    await at_rest(pilot)


def _light(before):
    async def run(pilot) -> None:
        pilot.app.theme = "textual-light"
        await before(pilot)

    return run


SMALL = (80, 24)


def test_drill_brief_80x24(snap_compare, stable_app) -> None:
    assert snap_compare(stable_app, terminal_size=SMALL, run_before=_brief)


def test_drill_follow_up_80x24(snap_compare, stable_app) -> None:
    assert snap_compare(stable_app, terminal_size=SMALL, run_before=_follow_up)


def test_drill_reveal_80x24(snap_compare, stable_app) -> None:
    assert snap_compare(stable_app, terminal_size=SMALL, run_before=_reveal)


def test_drill_follow_up_light_80x24(snap_compare, stable_app) -> None:
    assert snap_compare(stable_app, terminal_size=SMALL, run_before=_light(_follow_up))


def test_drill_reveal_light_80x24(snap_compare, stable_app) -> None:
    assert snap_compare(stable_app, terminal_size=SMALL, run_before=_light(_reveal))


def test_drill_progress_with_demo_data(snap_compare, demo_app) -> None:
    assert snap_compare(demo_app, terminal_size=SIZE, run_before=ready_then("i", "3"))


def test_drill_story_coverage_with_demo_data(snap_compare, demo_app) -> None:
    assert snap_compare(demo_app, terminal_size=SIZE, run_before=ready_then("i", "4"))
