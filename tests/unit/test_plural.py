"""The one plural helper: every count on screen and in the CLI goes through it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import ctotui
from ctotui.core.plural import noun, plural, year_count


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


def test_a_fraction_is_plural():
    assert noun(1.5, "hour") == "hours" and noun(1.0, "hour") == "hour"


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (1, "1 year"),
        (1.0, "1 year"),
        (1.5, "1.5 years"),
        (0.5, "0.5 years"),
        (0, "0 years"),
        (12, "12 years"),
        (0.9999999, "1 year"),
    ],
)
def test_years_whole_or_not(n, expected):
    """The timeline said "1 years" (`{years:g} years` in five places)."""
    assert year_count(n) == expected


@given(st.floats(min_value=0, max_value=60, allow_nan=False))
def test_years_read_back_as_given(n):
    count, word = year_count(n).split(" ")
    assert float(count) == pytest.approx(n, rel=1e-5) and word == ("year" if count == "1" else "years")


# Inline plural forms the helper replaces: "achievement{'s' if n != 1 else ''}", "x" if n == 1 else "xs",
# "draft(s)". A new one fails here; use plural()/noun() instead.
INLINE = re.compile(r""":g} years|['"]e?s['"] if [^\n]*[!=]= 1|== 1 else ['"][a-z]*s['"]|[a-z]\(s\)[ '";,:]""")


def test_no_inline_plurals_in_the_package():
    package = Path(ctotui.__file__).parent
    found = [
        f"{path.relative_to(package)}:{number}: {line.strip()}"
        for path in sorted(package.rglob("*.py"))
        if path.name != "plural.py"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if INLINE.search(line)
    ]
    assert not found, "\n".join(found)
