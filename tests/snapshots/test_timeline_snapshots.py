"""The timeline screen with demo data, the clock frozen, in a wide and a small terminal."""

from __future__ import annotations

import shutil

import pytest
from pilot_tools import at_rest, db_ready, ready_then, wait_for

from ctotui.ui.app import CtoApp


@pytest.fixture
def demo_db(db_path, demo_template):
    """The demo data without achievements: built once per test process, copied for each test."""
    db_path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(demo_template(achievements=0), db_path)
    return db_path


def test_timeline_stage(snap_compare, demo_db):
    assert snap_compare(CtoApp(db_path=demo_db), terminal_size=(120, 40), run_before=ready_then("t"))


def test_timeline_plan(snap_compare, demo_db):
    assert snap_compare(CtoApp(db_path=demo_db), terminal_size=(120, 40), run_before=ready_then("t", "2"))


def test_timeline_checks_small_terminal(snap_compare, demo_db):
    assert snap_compare(CtoApp(db_path=demo_db), terminal_size=(80, 24), run_before=ready_then("t", "3"))


def test_timeline_stage_small_terminal(snap_compare, demo_db):
    assert snap_compare(CtoApp(db_path=demo_db), terminal_size=(80, 24), run_before=ready_then("t"))


async def _welcome_shown(pilot) -> None:
    """The welcome opens once the database is ready: wait for its form, not for the clock."""
    await db_ready(pilot)
    await wait_for(pilot, lambda: pilot.app.screen.query("#plan_started"))
    await at_rest(pilot)


def test_welcome(snap_compare, db_path, frozen):
    assert snap_compare(CtoApp(db_path=db_path, welcome=True), terminal_size=(80, 24), run_before=_welcome_shown)
