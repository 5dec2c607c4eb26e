"""The import's fast paths give exactly what the slow, row-by-row ones give.

The merge adds a table's rows straight from the staging when it can prove that
deciding row by row would change nothing (import_merge.py, ``_all_as_they_are``).
The property here: whatever the file and whatever is already in the database,
the import with that shortcut and the import forced to decide every row agree
on everything: the report, the database afterwards, or the error.
"""

from __future__ import annotations

import copy
import json
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from transfer_helpers import demo_db, export_data, export_of, write_json

from ctotui.core.data import import_merge
from ctotui.core.db import open_db
from ctotui.core.drafts import save_draft
from ctotui.core.errors import CtoError
from ctotui.core.journal.entries import add_achievement
from ctotui.core.settings import set_setting

_CACHE: dict[str, Any] = {}


def _source() -> dict[str, Any]:
    """A small demo export (with a draft that links to an entry by a text key), made once."""
    if "data" not in _CACHE:
        folder = Path(tempfile.mkdtemp(prefix="ctotui-fast-paths-"))
        db = demo_db(folder / "source.db", achievements=8)
        save_draft(db, "journal:edit:3", {"title": "half typed"})
        set_setting(db, "theme", "nord")
        _CACHE["data"] = export_data(db)
        db.close()
        empty = open_db(folder / "empty.db")
        empty.execute("pragma wal_checkpoint(truncate)")
        empty.close()
        _CACHE["empty"] = folder / "empty.db"
    return copy.deepcopy(_CACHE["data"])


def _target(folder: Path, here: str) -> Any:
    """A database to import into: empty, or holding a little of its own."""
    path = folder / "target.db"
    shutil.copy(_CACHE["empty"], path)
    db = open_db(path)
    if here == "an entry":
        add_achievement(db, title="Mine", tags=["travel"], skills=["leadership"], occurred_on="2025-01-02")
    elif here == "entry 3":  # an unrelated row with an id the file uses
        db.execute(
            "insert into achievements (id, title, occurred_on, created_at, updated_at) values "
            "(3, 'unrelated', '2024-01-01', 'x', 'x')"
        )
    elif here == "a setting":
        set_setting(db, "theme", "dracula")
    return db


def _outcome(path: Path, folder: Path, here: str) -> tuple[Any, ...]:
    db = _target(folder, here)
    try:
        report = import_merge.import_json(db, path)
    except CtoError as exc:
        return ("refused", str(exc))
    finally:
        result = export_of(db)
        db.close()
    return (report, result)


def _both(data: dict[str, Any], here: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CTOTUI_NOW", "2026-03-15T10:00:00+00:00")  # the rows made here: the same times
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        path = write_json(folder / "export.json", data)
        fast = _outcome(path, folder, here)
        with monkeypatch.context() as patch:
            patch.setattr(import_merge._TableMerge, "_all_as_they_are", lambda self: False)
            slow = _outcome(path, folder, here)
    assert fast == slow


HERE = st.sampled_from(["nothing", "an entry", "entry 3", "a setting"])


@pytest.mark.parametrize("here", ["nothing", "an entry", "entry 3", "a setting"])
def test_the_whole_demo_imports_the_same_either_way(here, monkeypatch) -> None:
    _both(_source(), here, monkeypatch)


@settings(max_examples=25)
@given(data=st.data(), here=HERE)
def test_a_changed_export_imports_the_same_either_way(data, here, monkeypatch) -> None:
    export = _source()
    tables = export["tables"]
    for name in data.draw(st.lists(st.sampled_from(sorted(tables)), max_size=4, unique=True), label="trimmed"):
        rows = tables[name]
        if rows:
            keep = data.draw(st.lists(st.booleans(), min_size=len(rows), max_size=len(rows)), label=name)
            tables[name] = [row for row, kept in zip(rows, keep, strict=True) if kept]
    shift = data.draw(st.sampled_from([0, 0, 5, 1000]), label="achievement ids moved by")
    if shift:
        for rows in tables.values():
            for row in rows:
                for column in ("id", "achievement_id"):
                    if column in row and (column == "achievement_id" or rows is tables["achievements"]):
                        row[column] += shift
    if data.draw(st.booleans(), label="a loose link to an entry outside the file"):
        tables["target_evidence"].append(
            {"target_id": "t-elsewhere", "achievement_id": 3, "linked_at": "2026-01-01T00:00:00+00:00"}
        )
    if data.draw(st.booleans(), label="the same plan item twice"):
        if tables["plan_items"]:
            twin = dict(tables["plan_items"][0], id=max(r["id"] for r in tables["plan_items"]) + 1)
            tables["plan_items"].append(twin)
    _both(json.loads(json.dumps(export)), here, monkeypatch)
