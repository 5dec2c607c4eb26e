"""Snapshots of the partner's scoring (80x24, light theme) and of a mock interview's clock and
report (the clock frozen by conftest, the timers frozen here)."""

from __future__ import annotations

import pytest
from pilot_tools import db_ready, press, settle, wait_for

from ctotui.ui.app import CtoApp
from ctotui.ui.dialogs.choice import ChoiceDialog
from ctotui.ui.drill.mock import MockSessionScreen
from ctotui.ui.drill.partner import PartnerScoreAnswer
from ctotui.ui.drill.score import ScoreAnswer
from ctotui.ui.drill.session import ANSWER, BRIEF, FOLLOW_UP, SessionScreen


@pytest.fixture
def fresh_app(tmp_path):
    return CtoApp(db_path=tmp_path / "data" / "ctotui.db")


@pytest.fixture
def mock_app(tmp_path):
    return CtoApp(db_path=tmp_path / "data" / "ctotui.db", mock=30)


async def _answering(pilot, session: SessionScreen) -> None:
    await wait_for(pilot, lambda: session.plan is not None and session.step in (BRIEF, ANSWER))
    if session.step == BRIEF:
        await press(pilot, "enter")
    await wait_for(pilot, lambda: session.step == ANSWER and session.timer.running)
    session.answer.cursor_blink = False
    session.follow_answer.cursor_blink = False


async def _to_scoring(pilot, session: SessionScreen) -> None:
    session.answer.insert("Measure the peak first, then shard the two hot tables.")
    session.timer.freeze(95)
    if session.plan is not None and session.plan.follow_up:
        await press(pilot, "ctrl+s")
        await wait_for(pilot, lambda: session.step == FOLLOW_UP)
        session.follow_answer.insert("Then the read replicas wait.")
        session.follow_timer.freeze(35)
    await press(pilot, "ctrl+s")


async def _partner_scoring(pilot) -> None:
    await db_ready(pilot)
    pilot.app.theme = "textual-light"
    await press(pilot, "i")
    await wait_for(pilot, lambda: pilot.app.screen.query("#choices"))
    await press(pilot, "b", "d")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, SessionScreen))
    session = pilot.app.screen
    await _answering(pilot, session)
    await _to_scoring(pilot, session)
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, ChoiceDialog))
    await press(pilot, "enter")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, PartnerScoreAnswer))
    await press(pilot, "2", "1")
    pilot.app.clear_notifications()  # a toast's life is timed: not in the picture
    await settle(pilot)


async def _mock_report(pilot) -> None:
    await db_ready(pilot)
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, MockSessionScreen), timeout=15)
    session = pilot.app.screen
    await _answering(pilot, session)
    await _to_scoring(pilot, session)
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, ScoreAnswer))
    await press(pilot, *"221102", *"1" * len(pilot.app.screen.signals), "ctrl+s")
    await wait_for(pilot, lambda: session.index == 1)
    while not session.done:
        await wait_for(pilot, lambda: session.plan is not None or session.done)
        if not session.done:
            session.timer.freeze(10)
            await press(pilot, "ctrl+n")
    await wait_for(pilot, lambda: session.report is not None)
    pilot.app.clear_notifications()
    await settle(pilot)


async def _mock_clock(pilot) -> None:
    await db_ready(pilot)
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, MockSessionScreen), timeout=15)
    session = pilot.app.screen
    await _answering(pilot, session)
    session.answer.insert("I want the whole system to be my problem.")
    session.timer.freeze(75)
    session.show_clock()
    pilot.app.clear_notifications()
    await settle(pilot)


def test_partner_scores_80x24_light(snap_compare, fresh_app) -> None:
    assert snap_compare(fresh_app, terminal_size=(80, 24), run_before=_partner_scoring)


def test_mock_interview_clock(snap_compare, mock_app) -> None:
    assert snap_compare(mock_app, terminal_size=(120, 40), run_before=_mock_clock)


def test_mock_interview_report(snap_compare, mock_app) -> None:
    assert snap_compare(mock_app, terminal_size=(120, 40), run_before=_mock_report)
