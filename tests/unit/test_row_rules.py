"""core/row_rules.py against the schema: a text column whose CHECK allows a list of values is in
SLUGS with the same list, so that an import or a sync refuses any other value in its own words
before it is written, not with SQLite's "CHECK constraint failed"."""

from __future__ import annotations

import re

import pytest

from ctotui.core.row_rules import RANGES, SLUGS, problem, week_problem

IN_LIST = re.compile(r"(\w+) text[^,]*?check \((\w+) in \(([^)]*)\)\)", re.IGNORECASE)
A_RANGE = re.compile(r"check \((\w+) (?:between (-?\d+) and (-?\d+)|>= ?(-?\d+)|> ?(-?\d+))\)", re.IGNORECASE)


def test_every_list_the_schema_checks_is_a_slug_list_of_the_same_values(db) -> None:
    found = {}
    for table, sql in db.execute("select name, sql from sqlite_master where type = 'table' and sql is not null"):
        for column, checked, values in IN_LIST.findall(sql):
            if column == checked:
                found[(table, column)] = {v.strip().strip("'") for v in values.split(",")}
    assert len(found) >= 8  # metric kind, period and origin, horizon, status, source, self-check kind and answer
    for key, values in found.items():
        assert set(SLUGS.get(key, ())) == values, key


@pytest.mark.parametrize(
    ("week", "ok"),
    [("2026-W11", True), ("2026-W53", True), ("2020-W53", True), ("2026-W00", False), ("2026-w11", False),
     ("0000-W01", False), ("1899-W10", False), (" 2026-W11", False), ("2026-W1", False)],
)  # fmt: skip
def test_a_reviews_week_is_one_the_review_can_read(week: str, ok: bool) -> None:
    assert (week_problem(week) is None) == ok


def test_every_range_the_schema_checks_is_in_ranges(db) -> None:
    """A skill level of 9 in an import was refused with SQLite's 'CHECK constraint failed: level between
    1 and 5'; every number the schema holds to a range is in RANGES, with the same bounds."""
    found = {}
    for table, sql in db.execute("select name, sql from sqlite_master where type = 'table' and sql is not null"):
        for column, low, high, at_least, above in A_RANGE.findall(sql):
            if low:
                found[(table, column)] = (int(low), int(high))
            else:
                found[(table, column)] = (int(at_least) if at_least else int(above) + 1, None)
    assert len(found) >= 12
    assert found == RANGES


@pytest.mark.parametrize(
    ("table", "row", "said"),
    [
        ("skill_ratings", {"level": 9}, ("level", "is 9; it must be 1 to 5")),
        ("skill_ratings", {"level": 0}, ("level", "is 0; it must be 1 to 5")),
        ("skill_ratings", {"level": 5}, None),
        ("attempts", {"seconds": -1}, ("seconds", "is -1; it must be 0 or more")),
        ("mocks", {"minutes": 0}, ("minutes", "is 0; it must be 1 or more")),
        ("mocks", {"minutes": None}, None),
    ],
)
def test_a_number_outside_its_range_is_named(table, row, said) -> None:
    assert problem(table, row, None) == said
