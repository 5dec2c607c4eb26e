"""Snapshots of the drill at a fixed size (clock, zone, home and demo_app from conftest); the timer frozen."""

from __future__ import annotations

import pytest
from pilot_tools import db_ready, wait_for
from textual.widgets import TextArea

from ctotui.ui.app import CtoApp
from ctotui.ui.drill.session import SessionScreen
from ctotui.ui.widgets.timer import PracticeTimer

SIZE = (120, 40)


@pytest.fixture
def stable_app(tmp_path):
    return CtoApp(db_path=tmp_path / "data" / "ctotui.db")


async def _mid_question(pilot, elapsed: float) -> None:
    await db_ready(pilot)
    await pilot.press("i")
    await pilot.pause()
    await pilot.press("d")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, SessionScreen))
    pilot.app.screen.query_one(TextArea).insert("We sharded the orders table")  # as typed, without the keys
    pilot.app.screen.query_one(PracticeTimer).freeze(elapsed)
    pilot.app.screen.query_one(TextArea).cursor_blink = False  # a blinking cursor would make the picture racy
    await pilot.pause()


async def _mid_question_in_time(pilot) -> None:
    await _mid_question(pilot, 47.3)


async def _mid_question_overtime(pilot) -> None:
    await _mid_question(pilot, 132.0)


def test_drill_home(snap_compare, stable_app) -> None:
    assert snap_compare(stable_app, terminal_size=SIZE, run_before=db_ready, press=["i"])


def test_drill_mid_question(snap_compare, stable_app) -> None:
    assert snap_compare(stable_app, terminal_size=SIZE, run_before=_mid_question_in_time)


def test_drill_mid_question_overtime(snap_compare, stable_app) -> None:
    assert snap_compare(stable_app, terminal_size=SIZE, run_before=_mid_question_overtime)


def test_drill_rubric(snap_compare, stable_app) -> None:
    assert snap_compare(
        stable_app, terminal_size=SIZE, run_before=_mid_question_in_time, press=["ctrl+s", "2", "1", "2"]
    )


def test_drill_progress_with_demo_data(snap_compare, demo_app) -> None:
    assert snap_compare(demo_app, terminal_size=SIZE, run_before=db_ready, press=["i", "3"])


def test_drill_story_coverage_with_demo_data(snap_compare, demo_app) -> None:
    assert snap_compare(demo_app, terminal_size=SIZE, run_before=db_ready, press=["i", "4"])
