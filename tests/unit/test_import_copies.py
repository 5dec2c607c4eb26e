"""A tag's and a skill's copy of its entry's date (row_rules.COPIES) on real SQLite files: an import
sets it from the entry, whatever the file says and whichever way the rows go in; `check` names a copy
that differs, and `check --repair` sets it again."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest
from transfer_helpers import export_data, write_json

from ctotui.core.data.import_merge import import_json
from ctotui.core.data.upkeep import check, repair
from ctotui.core.db import open_db
from ctotui.core.journal.entries import JournalFilter, add_achievement, page_achievements


def _dates(db) -> list[tuple]:
    return db.execute(
        "select 'tag', occurred_on from achievement_tags union all select 'skill', occurred_on from achievement_skills "
        "order by 1"
    ).fetchall()


def _edited(data: dict, edit: str) -> dict:
    tables = data["tables"]
    if edit == "one tag's date":
        tables["achievements"][0]["occurred_on"] = "2025-06-01"
        for table in ("achievement_tags", "achievement_skills"):
            for row in tables[table]:
                row["occurred_on"] = "2025-06-01"
        tables["achievement_tags"][1]["occurred_on"] = "2026-01-10"
        return data
    tables["achievements"][0]["occurred_on"] = "2025-06-01"  # the entry's date changed by hand
    if edit == "the entry's date, entries first":
        data["tables"] = {"achievements": tables.pop("achievements"), **tables}
    return data


@pytest.mark.parametrize("edit", ["the entry's date", "the entry's date, entries first", "one tag's date"])
@pytest.mark.parametrize("row_by_row", [False, True])
@pytest.mark.parametrize("into", ["an empty database", "the same database"])
def test_an_entry_dated_again_in_the_file_takes_its_tags_and_skills_along(tmp_path, row_by_row, into, edit) -> None:
    source = open_db(tmp_path / "a.db")
    add_achievement(source, title="Entry y", tags=["y", "z"], skills=["leadership"], occurred_on="2026-01-10")
    data = _edited(export_data(source), edit)
    if into == "the same database":  # no longer the same entry: a new one, with its own tags
        data["tables"]["achievements"][0]["created_at"] = "2026-01-10T09:00:00.000001+00:00"
    path = write_json(tmp_path / "edited.json", data)
    target = source if into == "the same database" else open_db(tmp_path / "b.db")
    import_json(target, path, row_by_row=row_by_row)

    (moved,) = target.execute("select id from achievements where occurred_on = '2025-06-01'").fetchone()
    rows = target.execute(
        "select occurred_on from achievement_tags where achievement_id = ? "
        "union all select occurred_on from achievement_skills where achievement_id = ?",
        [moved, moved],
    ).fetchall()
    assert rows == [("2025-06-01",)] * 3
    found = page_achievements(
        target, filters=JournalFilter(tag="y", since=date(2025, 5, 1), until=date(2025, 7, 1))
    ).items
    assert [a.id for a in found] == [moved]
    assert all(c.ok for c in check(target))


def test_check_names_a_copied_date_that_differs_and_repair_sets_it(tmp_path) -> None:
    db = open_db(tmp_path / "a.db")
    entry = add_achievement(db, title="Entry y", tags=["y"], skills=["leadership"], occurred_on="2026-01-10")
    db.close()
    raw = sqlite3.connect(tmp_path / "a.db", isolation_level=None)
    raw.execute("update achievement_tags set occurred_on = '2099-01-01'")  # written around ctotui
    raw.close()
    db = open_db(tmp_path / "a.db")
    copied = {c.name: c for c in check(db)}["copied dates"]
    assert not copied.ok
    assert copied.problems == (
        f"achievement_tags of achievements id {entry.id}: occurred_on 2099-01-01 where the achievements row "
        "has 2026-01-10 (ctotui check --repair sets it from the row)",
    )
    assert "copied dates" in repair(db)
    assert all(c.ok for c in check(db)) and _dates(db) == [("skill", "2026-01-10"), ("tag", "2026-01-10")]
