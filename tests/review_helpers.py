"""Helpers for the weekly review's tests."""

from __future__ import annotations

import time
from contextlib import contextmanager


@contextmanager
def local_time(monkeypatch, now: str, tz: str = "UTC"):
    """Freeze the clock at ``now`` (ISO) with ``tz`` as the local time zone; undone on exit."""
    monkeypatch.setenv("CTOTUI_NOW", now)
    monkeypatch.setenv("TZ", tz)
    time.tzset()
    try:
        yield
    finally:
        monkeypatch.undo()
        time.tzset()
