"""A kept draft says when it was kept: a weekday alone only for the last six days."""

from __future__ import annotations

import time

import pytest

from ctotui.ui.dates import moment

NOW = "2026-12-03T10:00:00+00:00"  # a Thursday


@pytest.fixture(autouse=True)
def frozen(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("CTOTUI_NOW", NOW)
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.mark.parametrize(
    ("stored", "said"),
    [
        ("2026-12-03T08:05:00+00:00", "today 08:05"),
        ("2026-12-02T22:00:00+00:00", "Wed 22:00"),
        ("2026-11-27T10:00:00+00:00", "Fri 10:00"),  # six days back
        ("2026-11-26T10:00:00+00:00", "Thu 26 Nov 10:00"),  # a week back: the weekday alone would be today's
        ("2026-03-15T10:00:00+00:00", "Sun 15 Mar 10:00"),  # the tester's draft, nine months old
        ("2025-12-01T10:00:00+00:00", "1 Dec 2025"),
    ],
)
def test_a_past_moment_names_its_day_unless_it_is_this_week(stored, said):
    assert moment(stored) == said
