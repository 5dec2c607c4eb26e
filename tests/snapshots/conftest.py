"""Every snapshot runs with the clock frozen, local time = UTC and HOME = tmp_path,
so dates and paths on screen are the same on every machine. ``demo_app`` is the
app on a database filled by ``ctotui demo`` (for that frozen clock)."""

from __future__ import annotations

import time

import pytest

from ctotui.ui.app import CtoApp

NOW = "2026-03-15T10:00:00+00:00"  # the demo data's clock too (DEMO_NOW in tests/conftest.py)


@pytest.fixture(autouse=True)
def frozen(monkeypatch, tmp_path):
    monkeypatch.setenv("CTOTUI_NOW", NOW)
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def demo_app(demo_db, frozen):
    return CtoApp(db_path=demo_db)
