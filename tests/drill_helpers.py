"""Helpers for the drill's tests."""

from __future__ import annotations

from pilot_tools import at_rest, db_ready, press, settle, wait_for

from ctotui.ui.drill.score import ScoreAnswer
from ctotui.ui.drill.screen import DrillScreen


def fresh(db_path, fn, *args, **kw):
    """Call a core function through a new connection, as another process would."""
    from ctotui.core.db import open_db

    db = open_db(db_path)
    try:
        return fn(db, *args, **kw)
    finally:
        db.close()


async def past_the_brief(pilot, session) -> bool:
    """Wait until the session's current question is read; past its scenario brief (enter) if it has one.
    True when there was a brief."""
    await wait_for(pilot, lambda: session.plan is not None and session.step in ("brief", "answer"))
    brief = session.step == "brief"
    if brief:
        await press(pilot, "enter")
    await wait_for(pilot, lambda: session.step == "answer")
    return brief


async def to_the_rubric(pilot, session) -> None:
    """ctrl+s through the follow-up (if the question has one) to the rubric."""
    if session.plan.follow_up:
        await press(pilot, "ctrl+s")
        await wait_for(pilot, lambda: session.step == "follow-up")
    await press(pilot, "ctrl+s")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, ScoreAnswer))


async def open_drill(pilot) -> DrillScreen:
    """The drill area, its data on screen."""
    await db_ready(pilot)
    await press(pilot, "i")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, DrillScreen))
    await at_rest(pilot)
    await settle(pilot)  # what the screen reads in its workers is on screen
    return pilot.app.screen


async def answering(pilot, session) -> None:
    """The current question read and its countdown running (past its scenario brief: enter)."""
    await past_the_brief(pilot, session)
    await wait_for(pilot, lambda: session.timer.running)
