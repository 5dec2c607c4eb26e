"""The import's fast paths give exactly what the slow, row-by-row ones give.

The read checks many rows of a table at once, column by column, and goes row by row
only when something is unusual (import_values.py, ``RowCheck.check_many``): checked
either way, hostile rows give the same values, or the same error. The merge adds a
table's rows straight from the staging when it can prove that deciding row by row
would change nothing (import_merge.py, ``_all_as_they_are``): whatever the file and
whatever is already in the database, the import with that shortcut and the import
forced to decide every row agree on everything: the report, the database afterwards
(the sync's change capture too: a table added as it is has its new rows noted in one
statement, not by its trigger row by row), or the error.
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
from ctotui.core.data.import_json import link_id, read_export, schema_for
from ctotui.core.data.import_values import RowCheck
from ctotui.core.db import open_db
from ctotui.core.drafts import save_draft
from ctotui.core.errors import CtoError
from ctotui.core.journal.entries import add_achievement
from ctotui.core.settings import set_setting
from ctotui.core.text import changed_by_cleaning, clean_row

_CACHE: dict[str, Any] = {}
NOW = "2026-03-15T10:00:00+00:00"


def _demo() -> dict[str, Any]:
    """A small demo export (with a draft that links to an entry by a text key), made once;
    shared: ``_source`` gives a copy to change."""
    if "data" not in _CACHE:
        folder = Path(tempfile.mkdtemp(prefix="ctotui-fast-paths-"))
        with pytest.MonkeyPatch.context() as frozen:  # the clock the imports run at: no entry in their future
            frozen.setenv("CTOTUI_NOW", NOW)
            db = demo_db(folder / "source.db", achievements=20)
            save_draft(db, "journal:edit:3", {"title": "half typed"})
            set_setting(db, "review.weekday", 4)
            _CACHE["data"] = export_data(db)
            db.close()
            empty = open_db(folder / "empty.db")
            empty.execute("pragma wal_checkpoint(truncate)")
            empty.close()
        _CACHE["empty"] = folder / "empty.db"
    return _CACHE["data"]


def _source() -> dict[str, Any]:
    return copy.deepcopy(_demo())


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
        set_setting(db, "review.weekday", 2)
    return db


def _outcome(path: Path, folder: Path, here: str, row_by_row: bool = False) -> tuple[Any, ...]:
    db = _target(folder, here)
    try:
        report = import_merge.import_json(db, path, row_by_row=row_by_row)
    except CtoError as exc:
        return ("refused", str(exc))
    finally:
        result = export_of(db), _captured(db)
        db.close()
    return (report, result)


def _captured(db: Any) -> tuple[Any, ...]:
    """What the export leaves out: the lines the sync's change capture added, and the triggers."""
    lines = db.execute("select seq, tbl, local_id, gid from _sync_dirty order by seq").fetchall()
    return lines, db.execute("select name, sql from sqlite_master where type = 'trigger' order by name").fetchall()


def _both(data: dict[str, Any], here: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CTOTUI_NOW", NOW)  # the rows made here: the same times
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        path = write_json(folder / "export.json", data)
        fast = _outcome(path, folder, here)
        slow = _outcome(path, folder, here, row_by_row=True)
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
    export = json.loads(json.dumps(export))
    _what_the_read_notes(export)
    _both(export, here, monkeypatch)


def _what_the_read_notes(data: dict[str, Any]) -> None:
    """The read notes, many rows at once, each table's highest id and the ids that loose links
    point at outside the file (or refuses a link SQLite enforces to a row not in the file)."""
    tables = schema_for(tuple(data["schema"]))
    ids = {name: {row[t.id_column] for row in data["tables"][name]} for name, t in tables.items() if t.id_column}
    dangling: dict[str, set[int]] = {}
    refused = False
    for name, table in tables.items():
        for link in table.links:
            for row in data["tables"][name]:
                target = link_id(row[link.column], link.prefix)
                if target is not None and target not in ids[link.table]:
                    refused = refused or link.declared
                    dangling.setdefault(link.table, set()).add(target)
    with tempfile.TemporaryDirectory() as folder:
        path = write_json(Path(folder) / "export.json", data)
        if refused:
            with pytest.raises(CtoError, match="that is not in the file"):
                read_export(path)
            return
        export = read_export(path)
        try:
            assert export.max_ids == {name: max(ids.get(name, ()), default=0) for name in data["tables"]}
            assert export.dangling == dangling
            for name, rows in data["tables"].items():
                staged = list(export.rows(name))
                assert staged == rows, name
        finally:
            export.close()


# --- checking many rows at once (import_values.py, RowCheck.check_many) ---------------------------

ANY_TYPE = [None, True, False, 1.5, [1], {"a": 1}, {"$blob": "AAE="}, {"$blob": "%%"}, "text", 7]
# by the column's type: values of that type at and beyond its edges, or that cleaning changes
HOSTILE = {
    "INTEGER": [0, -1, 1, 2**31 - 1, 2**31, 2**63 - 1, 2**63, -(2**63), -(2**63) - 1, True, 2.0],
    "REAL": [float("nan"), float("inf"), -float("inf"), 1e308, 0.0, -0.0, 3, 2**70, True],
    "TEXT": [
        "", "two\nlines\tand a tab", "cr\r\nlf", "\x1b[2Jclear", "\x9bcsi", "\x85nel", "\u202eevil", "\x00nul",
        "line\u2028sep", "\ud800lone", "\x7fdel", "é 日本 🚀", "\ttab", "end\n",
        "2024-01-05", "2024-02-30", "1899-12-31", "9999-01-01", "24-01-05", "2024-1-5", "2024-01-05\x1b",
        "2024-01-05T10:00:00+00:00", "0001-01-01T00:00:00+00:00", "2024-01-05 10:00", "2024-13-01T00:00:00",
        "9999-12-31T00:00:00", "2024-01-05T10:00:00+00:00\r", "2024-01-05\x1b10:00:00+00:00", "2024-01-05\n10:00",
        "leadership", "communication", "not-a-slug", "playbook", "user", '{"a": 1}', "[1, 2]", "not json", '{"a": 1}\n', '"cto"\t',
        '"many"', "5", '"astronaut"', '"cto"', "12", '{"clarity": 2}',
    ],
}  # fmt: skip


def _table_rows(table: str) -> list[dict[str, Any]]:
    """The demo's rows of ``table`` (shared: copy before changing one)."""
    rows = _demo()["tables"][table]
    assert rows, table
    return rows


CHECKED_TABLES = [
    "achievements",
    "achievement_tags",
    "achievement_skills",
    "achievement_links",
    "questions",
    "attempts",
    "profile",
    "plan_items",
    "settings",
    "question_stories",
    "reviews",
    "people",
]


@st.composite
def _hostile_rows(draw: st.DrawFn) -> tuple[str, list[Any]]:
    """Good rows of one table (different keys), then a few changes: a hostile value, a column
    too many or too few, the same key as another row, or not an object at all."""
    table = draw(st.sampled_from(CHECKED_TABLES))
    templates = _table_rows(table)
    picked = draw(st.permutations(range(len(templates))))[: draw(st.integers(1, min(14, len(templates))))]
    rows: list[Any] = [dict(templates[i]) for i in picked]
    for number, row in enumerate(rows, 1):
        if "id" in row:
            row["id"] = number
    for at in draw(st.lists(st.integers(0, len(rows) - 1), max_size=3)):
        row = rows[at]
        if not isinstance(row, dict):
            continue
        what = draw(st.sampled_from(["value"] * 8 + ["missing", "extra", "same key", "not a row"]))
        if what == "value":
            column = draw(st.sampled_from(sorted(row)))
            kinds = {c.name: c.type for c in schema_for(tuple(_demo()["schema"]))[table].columns}
            row[column] = draw(st.sampled_from(HOSTILE.get(kinds.get(column, ""), []) * 3 + ANY_TYPE))
        elif what == "missing":
            del row[draw(st.sampled_from(sorted(row)))]
        elif what == "extra":
            row["surplus"] = 1
        elif what == "same key":
            rows[at] = copy.deepcopy(rows[draw(st.integers(0, len(rows) - 1))])
        else:
            rows[at] = draw(st.sampled_from([None, [1], "row", 3]))
    return table, rows


def _checked(table: str, rows: list[Any], *, batches: list[int] | None) -> tuple[Any, ...]:
    """Every row through RowCheck: one by one (``batches`` None) or in batches of these sizes."""
    check = RowCheck("f.json", schema_for(tuple(_demo()["schema"]))[table], careful=False)
    rows = copy.deepcopy(rows)
    values: list[tuple[Any, ...]] = []
    try:
        if batches is None:
            for index, row in enumerate(rows, 1):
                values.append(check.values(check.check(index, row)))
        else:
            start = 0
            for size in batches:
                if start < len(rows):
                    values += zip(*check.check_many(start + 1, rows[start : start + size]), strict=True)
                    start += size
            values += zip(*check.check_many(start + 1, rows[start:]), strict=True) if start < len(rows) else []
    except CtoError as exc:
        return ("refused", str(exc))
    return ("checked", repr(values), sorted(map(repr, check.seen)))


@settings(max_examples=300)
@given(case=_hostile_rows(), batches=st.lists(st.integers(1, 8), max_size=3))
def test_checking_many_rows_at_once_gives_what_checking_one_by_one_gives(case, batches) -> None:
    table, rows = case
    assert _checked(table, rows, batches=batches) == _checked(table, rows, batches=None)


def test_every_hostile_value_in_every_column_is_checked_the_same_at_once() -> None:
    """Each value of the pools in each column of each table, among good rows (``check_many``'s
    column checks each see it alone: nothing else sends the rows one by one)."""
    tables = schema_for(tuple(_demo()["schema"]))
    cases = 0
    for table in CHECKED_TABLES:
        for column in tables[table].columns:
            for value in HOSTILE.get(column.type, []) + ANY_TYPE:
                rows = copy.deepcopy(_table_rows(table)[:3])
                for number, row in enumerate(rows, 1):
                    if "id" in row:
                        row["id"] = number
                rows[-1][column.name] = value
                assert _checked(table, rows, batches=[]) == _checked(table, rows, batches=None), (column, value)
                cases += 1
    assert cases > 3000


def test_checking_at_once_takes_the_plain_rows_of_the_big_tables() -> None:
    for table in ("achievements", "achievement_tags", "achievement_skills", "achievement_links"):
        check = RowCheck("f.json", schema_for(tuple(_demo()["schema"]))[table], careful=False)
        rows = copy.deepcopy(_demo()["tables"][table])
        assert rows and check._at_once(rows) is not None, table  # not row by row


@given(
    texts=st.lists(
        st.text(alphabet=st.sampled_from(["a", "é", "\n", "\t", "\r", "\x1b", "\x85", "\u2028", "\u202e", "\ud800"]))
    ),
    column=st.sampled_from([("achievements", "body"), ("achievements", "title"), ("reviews", "reflection")]),
)
def test_what_cleaning_would_change_is_found_in_the_texts_joined(texts, column) -> None:
    table, name = column
    pattern = changed_by_cleaning(table, name)
    found = pattern.search("".join(texts)) is not None
    assert found == any(pattern.search(text) is not None for text in texts)
    for text in texts:
        row: dict[str, object] = {name: text}
        clean_row(table, row)
        if pattern.search(text) is None:
            assert row[name] is text  # left exactly as it is
        else:
            assert row[name] != text
