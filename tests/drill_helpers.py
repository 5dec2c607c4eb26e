"""Helpers for the drill's tests."""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime

from pilot_tools import at_rest, db_ready, press, settle, wait_for

from ctotui.core.db import open_db
from ctotui.core.drill import bank
from ctotui.core.playbook import RUBRIC
from ctotui.ui.drill.score import ScoreAnswer
from ctotui.ui.drill.screen import DrillScreen


def fresh(db_path, fn, *args, **kw):
    """Call a core function through a new connection, as another process would."""
    db = open_db(db_path)
    try:
        return fn(db, *args, **kw)
    finally:
        db.close()


def practised_and_due_at(db_path, ref: str, due: str) -> None:
    """Question ``ref`` practised once (Again) and then due at ``due`` (a UTC ISO time), written into the
    file as its schedule would be: the card's own due time and the indexed copy."""
    db = open_db(db_path)
    q = bank.get_question(db, ref)
    bank.record_attempt(db, q.id, "an answer", {c: 0 for c in RUBRIC}, 60, now=datetime.fromisoformat(due))
    db.close()
    conn = sqlite3.connect(db_path)
    card = json.loads(conn.execute("select card from questions where id = ?", [q.id]).fetchone()[0])
    card["due"] = due
    stored = datetime.fromisoformat(due).isoformat(timespec="microseconds")
    conn.execute("update questions set card = ?, due = ? where id = ?", [json.dumps(card), stored, q.id])
    conn.commit()
    conn.close()


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
