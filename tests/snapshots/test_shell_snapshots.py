"""Snapshots of the key foundation screens at a fixed size, clock and home."""

from __future__ import annotations

import pytest
from pilot_tools import db_ready, press, ready_then, settle

from ctotui.ui.app import CtoApp

SIZE = (120, 40)


@pytest.fixture
def stable_app(tmp_path):
    return CtoApp(db_path=tmp_path / "data" / "ctotui.db")


def test_dashboard(snap_compare, stable_app) -> None:
    assert snap_compare(stable_app, terminal_size=SIZE, run_before=db_ready)


def test_playbook_reader(snap_compare, stable_app) -> None:
    assert snap_compare(stable_app, terminal_size=SIZE, run_before=ready_then("p", "n", "n"))


def test_help_screen(snap_compare, stable_app) -> None:
    async def before(pilot) -> None:
        await db_ready(pilot)
        await press(pilot, "question_mark")
        await settle(pilot)  # the table counts are read in a worker

    assert snap_compare(stable_app, terminal_size=SIZE, run_before=before)
