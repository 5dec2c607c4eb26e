"""core/row_rules.py against the schema: a text column whose CHECK allows a list of values is in
SLUGS with the same list, so that an import or a sync refuses any other value in its own words
before it is written, not with SQLite's "CHECK constraint failed"."""

from __future__ import annotations

import re

import pytest

from ctotui.core.row_rules import SLUGS, week_problem

IN_LIST = re.compile(r"(\w+) text[^,]*?check \((\w+) in \(([^)]*)\)\)", re.IGNORECASE)


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
