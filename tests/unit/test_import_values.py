"""An import checks every value against what the app can read, and refuses the
whole file (naming table, row id and column) before anything is written."""

from __future__ import annotations

import copy
import json

import pytest
from transfer_helpers import demo_db, export_data, snapshot, write_json

from ctotui.core.data.import_merge import import_json
from ctotui.core.errors import CtoError
from ctotui.core.rubric import RUBRIC


@pytest.fixture(scope="module")
def source(tmp_path_factory):
    db = demo_db(tmp_path_factory.mktemp("src") / "src.db", achievements=8)
    data = export_data(db)
    db.close()
    for table in ("achievements", "questions", "attempts", "profile"):
        assert data["tables"][table], table  # the demo fills each table the cases below change
    return data


def _first(data, table):
    return data["tables"][table][0]


def _set(table, column, value):
    def change(data):
        _first(data, table)[column] = value
        return table, _first(data, table)["id"], column

    return change


def _renumber_achievement(new_id):
    def change(data):
        row = _first(data, "achievements")
        old = row["id"]
        row["id"] = new_id
        for rows in data["tables"].values():
            for other in rows:
                if other is not row and other.get("achievement_id") == old:
                    other["achievement_id"] = new_id
        return "achievements", new_id, "id"

    return change


CASES = {
    "id above 2^31": _renumber_achievement(2**32 + 7),
    "negative id": _renumber_achievement(-3),
    "date past the calendar's edge": _set("achievements", "occurred_on", "9999-12-31"),
    "time before 1900": _set("achievements", "created_at", "0001-01-01T00:00:00+00:00"),
    "broken fsrs card": _set("questions", "card", '{"broken": 1}'),
    "scores not an object": _set("attempts", "scores", "[1, 2]"),
    "unknown criterion": _set("attempts", "scores", '{"charisma": 2}'),
    "score out of range": _set("attempts", "scores", json.dumps(dict.fromkeys(RUBRIC, 5))),
    "broken review log": _set("attempts", "review_log", '{"rating": "soon"}'),
    "integer past 64 bits in a REAL column": _set("achievements", "metric_after", 10**30),
}


def _profile_case(field, value):
    def change(data):
        rows = data["tables"]["profile"]
        row = next((r for r in rows if r["field"] == field), rows[0])
        row["field"], row["value"] = field, json.dumps(value)
        return "profile", row["id"], "value"

    return change


CASES["profile years as text"] = _profile_case("years", "many")
CASES["profile role as a number"] = _profile_case("role", 5)
CASES["profile path unknown"] = _profile_case("path", "astronaut")


@pytest.mark.parametrize("case", list(CASES))
def test_a_bad_value_refuses_the_whole_file(case, source, tmp_path) -> None:
    data = copy.deepcopy(source)
    table, row_id, column = CASES[case](data)
    path = write_json(tmp_path / "bad.json", data)
    db = demo_db(tmp_path / "target.db", achievements=3, seed=11)
    before = snapshot(db)
    with pytest.raises(CtoError) as caught:
        import_json(db, path)
    message = str(caught.value)
    assert f"{table} row" in message and column in message, message
    if row_id is not None and 1 <= row_id < 2**31:
        assert f"(id {row_id})" in message, message
    assert snapshot(db) == before  # nothing written
    db.close()


def test_the_unchanged_export_still_imports(source, tmp_path) -> None:
    path = write_json(tmp_path / "good.json", source)
    db = demo_db(tmp_path / "target.db", achievements=3, seed=11)
    assert import_json(db, path).added > 0
    db.close()
