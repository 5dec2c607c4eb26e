"""The timeline screen with demo data, the clock frozen, in a wide and a small terminal."""

from __future__ import annotations

import os
import time

import pytest

from ctotui.core import demo
from ctotui.core.db import open_db
from ctotui.ui.app import CtoApp

NOW = "2026-03-15T10:00:00+00:00"


@pytest.fixture
def frozen(monkeypatch):
    monkeypatch.setenv("CTOTUI_NOW", NOW)
    before = os.environ.get("TZ")
    monkeypatch.setenv("TZ", "UTC")  # dates shown in local time: make local time the same everywhere
    time.tzset()
    yield
    if before is None:
        monkeypatch.delenv("TZ")
    else:
        monkeypatch.setenv("TZ", before)
    time.tzset()


@pytest.fixture
def demo_db(db_path, frozen):
    db = open_db(db_path)
    demo.fill(db, achievements=0)
    db.close()
    return db_path


def test_timeline_stage(snap_compare, demo_db):
    assert snap_compare(CtoApp(db_path=demo_db), terminal_size=(120, 40), press=["t"])


def test_timeline_plan(snap_compare, demo_db):
    assert snap_compare(CtoApp(db_path=demo_db), terminal_size=(120, 40), press=["t", "2"])


def test_timeline_checks_small_terminal(snap_compare, demo_db):
    assert snap_compare(CtoApp(db_path=demo_db), terminal_size=(80, 24), press=["t", "3"])


def test_timeline_stage_small_terminal(snap_compare, demo_db):
    assert snap_compare(CtoApp(db_path=demo_db), terminal_size=(80, 24), press=["t"])


def test_welcome(snap_compare, db_path, frozen):
    assert snap_compare(CtoApp(db_path=db_path, welcome=True), terminal_size=(80, 24))
