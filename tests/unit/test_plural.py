"""The one plural helper: every count on screen and in the CLI goes through it."""

from __future__ import annotations

import pytest

from ctotui.core.plural import noun, plural


@pytest.mark.parametrize(
    ("n", "word", "expected"),
    [
        (1, "attempt", "1 attempt"),
        (0, "attempt", "0 attempts"),
        (2, "attempt", "2 attempts"),
        (1, "day", "1 day"),
        (3, "day", "3 days"),
        (2, "story", "2 stories"),
        (2, "entry", "2 entries"),
        (2, "lapse", "2 lapses"),
        (2, "box", "2 boxes"),
        (2, "match", "2 matches"),
        (-1, "week", "-1 weeks"),
    ],
)
def test_plural(n, word, expected):
    assert plural(n, word) == expected


def test_thousands_and_an_explicit_plural():
    assert plural(1200, "achievement", thousands=True) == "1,200 achievements"
    assert noun(2, "achievement has", "achievements have") == "achievements have"
    assert noun(1, "achievement has", "achievements have") == "achievement has"
