"""Pictures of the journal with demo data, the clock frozen so dates never move."""

from __future__ import annotations

import time

import pytest

from ctotui.core import demo
from ctotui.core.db import open_db
from ctotui.ui.app import CtoApp

SIZE = (120, 40)


@pytest.fixture
def demo_app(db_path, monkeypatch):
    monkeypatch.setenv("CTOTUI_NOW", "2026-11-26T10:00:00+00:00")
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    db = open_db(db_path)
    demo.fill(db)
    db.close()
    yield CtoApp(db_path=db_path)
    monkeypatch.delenv("TZ")
    time.tzset()


async def _settle(pilot) -> None:
    await pilot.pause(0.15)  # the detail pane is drawn once the cursor rests
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def test_journal_screen(snap_compare, demo_app):
    async def before(pilot):
        await pilot.press("j")
        await _settle(pilot)

    assert snap_compare(demo_app, terminal_size=SIZE, run_before=before)


def test_journal_search_and_filter(snap_compare, demo_app):
    async def before(pilot):
        await pilot.press("j", "c", "slash", *"p95")
        await _settle(pilot)

    assert snap_compare(demo_app, terminal_size=SIZE, run_before=before)


def test_new_achievement_form_reads_the_metric(snap_compare, demo_app):
    async def before(pilot):
        await pilot.press("j", "n")
        await pilot.pause()
        for i, word in enumerate("Cut p95 latency from 1.2s to 300ms".split()):
            await pilot.press(*(["space"] if i else []), *word)
        await _settle(pilot)

    assert snap_compare(demo_app, terminal_size=SIZE, run_before=before)
