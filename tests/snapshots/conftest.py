"""Every snapshot runs with the clock frozen, local time = UTC and HOME = tmp_path,
so dates and paths on screen are the same on every machine."""

from __future__ import annotations

import time

import pytest

NOW = "2026-03-15T10:00:00+00:00"


@pytest.fixture(autouse=True)
def frozen(monkeypatch, tmp_path):
    monkeypatch.setenv("CTOTUI_NOW", NOW)
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()
