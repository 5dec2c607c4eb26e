"""Which row of an import is "the same" as a row here, on real SQLite files.

A row kept as it is here (the same entry, edited here since the export) keeps exactly its own
parts: the file's tags, skills and links of it, a person's vouches, a review's focus and a bar
criterion's evidence are the file's version of that row and are left out (the report says how
many). And the same id with the same ``created_at`` is the same row only when that moment names
one row: two databases filled under a frozen clock (or by a script) both have an entry 1 made at
the same moment, and neither may swallow the other.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from transfer_helpers import export_of

from ctotui.core.data.import_merge import import_json
from ctotui.core.data.upkeep import check
from ctotui.core.db import open_db
from ctotui.core.journal.entries import add_achievement, update_achievement
from ctotui.core.people import bar, persons
from ctotui.core.review.weekly import save_text, set_focus
from ctotui.core.timeline.plan import add_item

PARTS = {  # the parts of a row, each with the column that holds its row's id
    "achievement_tags": "achievement_id",
    "achievement_skills": "achievement_id",
    "achievement_links": "achievement_id",
    "reference_vouches": "person_id",
    "review_focus": "review_id",
    "bar_evidence": "criterion_id",
}


def _parts(db) -> dict[str, list[tuple]]:
    return {t: db.execute(f"select * from {t} order by 1, 2").fetchall() for t in PARTS}


def _fill(path: Path):
    """One row of each kind that has parts, each with one part (the clock runs: every stamp is its own)."""
    db = open_db(path)
    entry = add_achievement(db, title="Alpha one", tags=["old"], skills=["leadership"], links=["https://x.example/old"])
    other = add_achievement(db, title="Alpha two")
    person = persons.add(db, "Ann", "peer", note="before")
    persons.vouch(db, person.id, entry.id)
    item, second = add_item(db, "3-months", "ship it"), add_item(db, "3-months", "hire")
    set_focus(db, "2026-W10", item.id, True)
    made = bar.set_bar(db, role="Staff", criteria=["lead a launch"], person_id=person.id)
    bar.link(db, 1, entry.id)
    return db, entry, other, person, (item, second), made


def test_a_row_kept_as_it_is_here_keeps_exactly_its_own_parts(tmp_path) -> None:
    db, entry, other, person, (_item, second), _made = _fill(tmp_path / "a.db")
    path = tmp_path / "before.json"
    path.write_text(export_of(db), encoding="utf-8")

    # every row with parts edited here since the export, its parts changed with it
    update_achievement(
        db, entry.id, title="Alpha one renamed", tags=["new"], skills=["business"], links=["https://x.example/new"]
    )
    persons.edit(db, person.id, note="after")
    persons.vouch(db, person.id, entry.id, on=False)
    persons.vouch(db, person.id, other.id)
    set_focus(db, "2026-W10", _item.id, False)
    set_focus(db, "2026-W10", second.id, True)
    save_text(db, "2026-W10", reflection="changed")
    db.execute("update bar_criteria set text = 'lead two launches'")
    bar.link(db, 1, entry.id, on=False)
    bar.link(db, 1, other.id)
    before = _parts(db)

    report = {t.table: t for t in import_json(db, path).tables}
    assert _parts(db) == before
    assert report["achievements"].kept_keys == ("id 1",) and report["achievements"].added == 0
    assert report["people"].kept == report["reviews"].kept == report["bar_criteria"].kept == 1
    for table in PARTS:  # the file's one part of each row: left out, and said so
        assert (report[table].added, report[table].left_out) == (0, 1), table
    assert all(c.ok for c in check(db))


def test_a_part_the_row_here_also_has_is_already_here(tmp_path) -> None:
    db = open_db(tmp_path / "a.db")
    entry = add_achievement(db, title="Alpha one", tags=["kept", "dropped"])
    path = tmp_path / "before.json"
    path.write_text(export_of(db), encoding="utf-8")
    update_achievement(db, entry.id, title="Renamed", tags=["kept", "new"])
    tags = {t.table: t for t in import_json(db, path).tables}["achievement_tags"]
    assert (tags.added, tags.present, tags.left_out) == (0, 1, 1)
    assert db.execute("select tag from achievement_tags order by tag").fetchall() == [("kept",), ("new",)]


@pytest.mark.parametrize("frozen", ["2026-03-15T10:00:00+00:00", "2026-03-15T10:00:00.123456+00:00"])
def test_two_databases_made_at_the_same_frozen_moment_keep_their_own_entries(tmp_path, monkeypatch, frozen) -> None:
    monkeypatch.setenv("CTOTUI_NOW", frozen)
    mine = open_db(tmp_path / "a.db")
    add_achievement(mine, title="Alpha one", tags=["x"])
    add_achievement(mine, title="Alpha two")
    theirs = open_db(tmp_path / "b.db")
    add_achievement(theirs, title="Beta one", tags=["y"])
    add_achievement(theirs, title="Beta two", tags=["z"])
    path = tmp_path / "b.json"
    path.write_text(export_of(theirs), encoding="utf-8")

    report = {t.table: t for t in import_json(mine, path).tables}
    assert (report["achievements"].added, report["achievements"].kept) == (2, 0)
    rows = mine.execute(
        "select a.title, group_concat(t.tag) from achievements a left join achievement_tags t on t.achievement_id = a.id "
        "group by a.id order by a.id"
    ).fetchall()
    assert rows == [("Alpha one", "x"), ("Alpha two", None), ("Beta one", "y"), ("Beta two", "z")]
    assert import_json(mine, path).added == 0  # and importing it again adds nothing
    assert all(c.ok for c in check(mine))


def test_a_moment_shared_here_alone_is_no_identity_either(tmp_path, monkeypatch) -> None:
    """Here, two rows share the moment; the file's entry 1 (its moment its own) is another entry."""
    monkeypatch.setenv("CTOTUI_NOW", "2026-03-15T10:00:00+00:00")
    mine = open_db(tmp_path / "a.db")
    add_achievement(mine, title="Alpha one")
    add_achievement(mine, title="Alpha two")
    theirs = open_db(tmp_path / "b.db")
    add_achievement(theirs, title="Beta one", tags=["y"])
    path = tmp_path / "b.json"
    path.write_text(export_of(theirs), encoding="utf-8")
    report = {t.table: t for t in import_json(mine, path).tables}
    assert report["achievements"].added == 1 and report["achievement_tags"].added == 1
    assert mine.execute("select tag from achievement_tags where achievement_id = 3").fetchall() == [("y",)]
