"""Import reads the export a row at a time (core/data/import_stream.py): whatever the
whole-file reader accepted still reads the same (keys in any order, a byte order
mark, a table named twice, escaped characters), the order of errors is the same,
and a big import builds the search index once and keeps its triggers."""

from __future__ import annotations

import gc
import json
import sqlite3
import traceback

import pytest
from transfer_helpers import demo_db, export_data, export_of, snapshot, write_json

from ctotui.core.data.import_json import read_export
from ctotui.core.data.import_merge import BULK, import_json
from ctotui.core.data.import_stream import CHUNK
from ctotui.core.db import open_db
from ctotui.core.errors import CtoError
from ctotui.core.journal.entries import add_achievement, search_achievements
from ctotui.core.settings import set_setting
from ctotui.core.sync.capture import insert_mark


def _header_last(data: dict) -> dict:
    return {"tables": data["tables"], "version": data["version"], "schema": data["schema"], "format": data["format"]}


def test_header_after_the_rows_and_a_byte_order_mark_import_the_same(tmp_path) -> None:
    source = demo_db(tmp_path / "a.db", achievements=6)
    path = tmp_path / "late.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(_header_last(export_data(source))).encode())
    target = open_db(tmp_path / "b.db")
    assert import_json(target, path).added > 6
    assert export_of(target) == export_of(source)


def test_a_bad_row_before_the_header_is_still_named(tmp_path) -> None:
    data = export_data(demo_db(tmp_path / "a.db", achievements=6))
    data["tables"]["achievements"][2]["title"] = 5
    path = write_json(tmp_path / "late.json", _header_last(data))
    with pytest.raises(CtoError, match=r"achievements row 3 \(id 3\): title must be text, not a number"):
        read_export(path)


def test_a_newer_version_after_the_rows_is_named_before_a_bad_row(tmp_path) -> None:
    data = export_data(demo_db(tmp_path / "a.db", achievements=6))
    assert list(data)[-1] == "version"  # an export names its version after the rows
    data["version"] = 3
    data["tables"]["achievements"][0]["title"] = 5
    with pytest.raises(CtoError, match=r"from a newer ctotui \(format version 3\)"):
        read_export(write_json(tmp_path / "new.json", data))


def test_a_syntax_error_after_a_bad_row_is_named_first(tmp_path) -> None:
    data = export_data(demo_db(tmp_path / "a.db", achievements=6))
    data["tables"]["achievements"][0]["title"] = 5
    path = tmp_path / "cut.json"
    path.write_text(json.dumps(data)[:-10], encoding="utf-8")  # cut short after the rows
    with pytest.raises(CtoError, match=r"not valid JSON \(line 1, column"):
        read_export(path)


def test_a_table_named_twice_keeps_the_last_as_json_did(tmp_path) -> None:
    db = demo_db(tmp_path / "a.db", achievements=2)
    set_setting(db, "review.weekday", 4)
    data = export_data(db)
    first = json.dumps({"settings": data["tables"]["settings"]})[1:-1]
    weekday = next(row for row in data["tables"]["settings"] if row["key"] == "review.weekday")
    data["tables"]["settings"] = [dict(weekday, value="2")]
    text = json.dumps(data).replace('"tables": {', '"tables": {' + first + ", ", 1)
    path = tmp_path / "twice.json"
    path.write_text(text, encoding="utf-8")
    assert text.count('"settings": [') == 2
    target = open_db(tmp_path / "b.db")
    report = {t.table: t for t in import_json(target, path).tables}
    assert report["settings"].rows == 1
    assert target.execute("select key, value from settings where key = 'review.weekday'").fetchall() == [
        ("review.weekday", "2")
    ]
    assert target.execute("select count(*) from settings").fetchone()[0] == 1


def test_escaped_characters_beyond_the_basic_plane_arrive_exactly(tmp_path) -> None:
    data = export_data(demo_db(tmp_path / "a.db", achievements=3))
    data["tables"]["achievements"][0]["title"] = "Launch 🚀 done"
    path = tmp_path / "ascii.json"
    path.write_text(json.dumps(data, ensure_ascii=True), encoding="ascii")
    assert "\\ud83d\\ude80" in path.read_text()  # a surrogate pair: the careful reader reads it
    target = open_db(tmp_path / "b.db")
    import_json(target, path)
    assert target.execute("select title from achievements where id = 1").fetchone()[0] == "Launch 🚀 done"


def _with_at(raw: bytes, marker: bytes, at: int) -> bytes:
    """``raw`` padded (with spaces before its first value) so that ``marker`` starts at byte ``at``."""
    assert raw.index(marker) <= at
    return b" " * (at - raw.index(marker)) + raw


@pytest.mark.parametrize("offset", [-1, 0, 1])  # the bad byte just before, at and after a chunk's start
def test_where_a_big_file_stops_being_utf8_is_named_to_the_byte(tmp_path, offset) -> None:
    """Said only once the parser has refused the file (core/data/import_stream.py: utf8_problem),
    to the byte, across chunks full of two-byte characters, even with a JSON error before it."""
    data = export_data(demo_db(tmp_path / "a.db", achievements=3))
    data["tables"]["achievements"][0]["title"] = 5  # a bad row before the bad byte
    data["tables"]["achievements"][1]["body"] = "é" * (CHUNK // 2) + "MARK"
    raw = _with_at(json.dumps(data, ensure_ascii=False).encode(), b"MARK", 2 * CHUNK + offset)
    at = raw.index(b"MARK")
    path = tmp_path / "bad.json"
    path.write_bytes(raw[:at] + b"\xff" + raw[at + 1 :])
    with pytest.raises(CtoError, match=rf"not UTF-8 text \(byte {at:,} is not valid UTF-8\)$"):
        read_export(path, whole_below=0)
    path.write_bytes(raw[:at] + b'"' + raw[at + 1 :])  # UTF-8, not JSON: the parser's own words
    with pytest.raises(CtoError, match=r"not valid JSON \(achievements row 2: "):
        read_export(path, whole_below=0)


@pytest.mark.parametrize("offset", range(-5, 1))
def test_an_escape_that_may_hide_a_lone_surrogate_is_seen_across_chunks(tmp_path, offset) -> None:
    """The careful reader is chosen by a search of the bytes, chunk by chunk: an escape cut by a
    chunk's end is still seen, so a lone surrogate is refused, not read as "?" by yajl."""
    data = export_data(demo_db(tmp_path / "a.db", achievements=3))
    data["tables"]["achievements"][1]["body"] = "a" * CHUNK + "\ud800"
    raw = _with_at(json.dumps(data, ensure_ascii=True).encode(), b"\\ud800", 2 * CHUNK + offset)
    path = tmp_path / "lone.json"
    path.write_bytes(raw)
    with pytest.raises(CtoError, match=r"achievements row 2 \(id \d+\): body holds a character that is not valid"):
        read_export(path, whole_below=0)


def test_a_value_only_json_reads_names_its_row_or_its_place(tmp_path) -> None:
    data = export_data(demo_db(tmp_path / "a.db", achievements=6))
    data["tables"]["achievements"][3]["id"] = 2**70  # beyond 64 bits: yajl refuses the file
    path = write_json(tmp_path / "huge.json", data)
    with pytest.raises(
        CtoError, match=r"achievements row 4 \(id \d+\): id must be a whole number, not a number out of range"
    ):
        read_export(path)  # small enough to read whole: json reads it and the row is named
    with pytest.raises(CtoError, match=r"not valid JSON \(achievements row 4: .*integer overflow"):
        read_export(path, whole_below=0)  # too big to read whole: where the parser stopped


def _triggers(db) -> list[tuple[str, str]]:
    return db.execute("select name, sql from sqlite_master where type = 'trigger' order by name").fetchall()


def test_a_big_import_indexes_every_entry_once_and_keeps_the_triggers(tmp_path) -> None:
    source = demo_db(tmp_path / "a.db", achievements=800)
    data = export_data(source)
    assert len(data["tables"]["achievements"]) + len(data["tables"]["achievement_tags"]) >= BULK
    data["tables"]["achievements"][5]["title"] = "Zanzibar migration finished"
    path = write_json(tmp_path / "big.json", data)
    target = open_db(tmp_path / "b.db")
    add_achievement(target, title="Zanzibar kickoff held here", tags=["travel"])
    triggers = _triggers(target)
    import_json(target, path)
    assert _triggers(target) == triggers
    # the index holds exactly what its content says: every entry with its title, body and tags
    target.execute("insert into achievements_fts (achievements_fts, rank) values ('integrity-check', 1)")
    found = search_achievements(target, "zanzibar").items
    assert sorted(a.title for a in found) == ["Zanzibar kickoff held here", "Zanzibar migration finished"]
    added = add_achievement(target, title="Zanzibar retro written")  # the triggers work again
    assert added.id in {a.id for a in search_achievements(target, "zanzibar").items}
    assert import_json(target, path).added == 0  # again: nothing added, the index left as it was
    assert _triggers(target) == triggers
    target.execute("insert into achievements_fts (achievements_fts, rank) values ('integrity-check', 1)")
    assert len(search_achievements(target, "zanzibar").items) == 3


def test_the_rebuild_sets_its_bigger_buffer_back(tmp_path) -> None:
    path = write_json(tmp_path / "big.json", export_data(demo_db(tmp_path / "a.db", achievements=800)))
    target = open_db(tmp_path / "b.db")
    target.execute("insert into achievements_fts (achievements_fts, rank) values ('hashsize', 12345)")  # someone's own
    import_json(target, path)
    assert target.execute("select v from achievements_fts_config where k = 'hashsize'").fetchall() == [(12345,)]
    target.execute("insert into achievements_fts (achievements_fts, rank) values ('integrity-check', 1)")
    other = open_db(tmp_path / "c.db")
    import_json(other, path)
    assert other.execute("select v from achievements_fts_config where k = 'hashsize'").fetchall() == [(1024 * 1024,)]


def test_a_big_import_that_fails_leaves_the_index_and_triggers_as_they_were(tmp_path) -> None:
    data = export_data(demo_db(tmp_path / "a.db", achievements=800))
    data["tables"]["achievements"][-1]["body"] = "x" * (1024 * 1024 + 1)  # only the schema's CHECK refuses it
    path = write_json(tmp_path / "big.json", data)
    target = open_db(tmp_path / "b.db")
    add_achievement(target, title="Here before", tags=["travel"])
    before = snapshot(target), _triggers(target)
    with pytest.raises(
        CtoError, match=r"achievements row 800 \(id 800\): body is larger than 1 MiB \(as UTF-8\); nothing"
    ):
        import_json(target, path)
    assert (snapshot(target), _triggers(target)) == before
    target.execute("insert into achievements_fts (achievements_fts, rank) values ('integrity-check', 1)")


def _attached(db) -> list[str]:
    return [name for _seq, name, _file in db.execute("pragma database_list").fetchall() if name != "temp"]


@pytest.mark.parametrize("achievements", [6, 800])  # the index built by the triggers, or once at the end
def test_a_row_sqlite_refuses_in_a_fresh_database_is_named_and_nothing_is_written(tmp_path, achievements) -> None:
    data = export_data(demo_db(tmp_path / "a.db", achievements=achievements))
    data["tables"]["achievements"][-1]["body"] = "x" * (1024 * 1024 + 1)  # only the schema's CHECK refuses it
    path = write_json(tmp_path / "bad.json", data)
    target = open_db(tmp_path / "b.db")
    before = snapshot(target), _triggers(target)
    row = f"achievements row {achievements} \\(id {achievements}\\)"
    with pytest.raises(CtoError, match=rf"{row}: body is larger than 1 MiB \(as UTF-8\); nothing"):
        import_json(target, path)
    assert (snapshot(target), _triggers(target)) == before
    assert _attached(target) == ["main"]  # the staging is gone too


def test_the_staged_rows_wait_beside_the_database_and_go_with_the_import(tmp_path) -> None:
    path = write_json(tmp_path / "a.json", export_data(demo_db(tmp_path / "a.db", achievements=4)))
    target = open_db(tmp_path / "b.db")
    export = read_export(path, conn=target.conn)
    assert "ctotui_import_staging" in _attached(target) and len(list(export.rows("achievements"))) == 4
    export.close()
    assert _attached(target) == ["main"]
    import_json(target, path)
    assert _attached(target) == ["main"]
    assert target.execute("select count(*) from achievements").fetchone()[0] == 4


def test_the_staged_rows_are_gone_once_the_import_is_done(tmp_path) -> None:
    path = tmp_path / "a.json"
    path.write_text(export_of(demo_db(tmp_path / "a.db", achievements=4)), encoding="utf-8")
    export = read_export(path)
    assert sum(export.counts.values()) > 4 and len(list(export.rows("achievements"))) == 4
    export.close()
    with pytest.raises(sqlite3.ProgrammingError):
        list(export.rows("achievements"))


@pytest.mark.parametrize("collector_on", [True, False])
def test_the_import_runs_without_the_cyclic_collector_and_leaves_it_as_it_was(tmp_path, collector_on) -> None:
    data = export_data(demo_db(tmp_path / "a.db", achievements=200))
    good = write_json(tmp_path / "good.json", data)
    data["tables"]["achievements"][-1]["body"] = "x" * (1024 * 1024 + 1)  # only the schema's CHECK refuses it
    bad = write_json(tmp_path / "bad.json", data)
    first, second = open_db(tmp_path / "b.db"), open_db(tmp_path / "c.db")
    collections: list[str] = []

    def noted(phase: str, info: dict) -> None:  # a collection started: note it if the import started it
        if phase == "start" and any(f.name == "read_export" for f in traceback.extract_stack()):
            collections.append(phase)

    was_on = gc.isenabled()
    (gc.enable if collector_on else gc.disable)()
    gc.callbacks.append(noted)
    try:
        assert import_json(first, good).added > 200
        with pytest.raises(CtoError, match="body is larger than 1 MiB"):
            import_json(second, bad)
        assert gc.isenabled() is collector_on
    finally:
        gc.callbacks.remove(noted)
        (gc.enable if was_on else gc.disable)()
    assert collections == []  # thousands of rows read and checked: no collection meanwhile


def test_every_insert_trigger_of_the_change_capture_is_one_the_import_can_stand_in_for(tmp_path) -> None:
    db = open_db(tmp_path / "a.db")
    made = db.execute(
        "select tbl_name, name, sql from sqlite_master where type = 'trigger' and name like '!_sync!_%!_insert' escape '!'"
    )
    triggers = made.fetchall()
    assert len(triggers) > 10
    for table, name, sql in triggers:
        mark = insert_mark(table)
        assert mark is not None and mark.trigger == name and mark.is_made_by(sql), name
    assert insert_mark("settings") is None  # not synced


def test_a_capture_trigger_changed_here_runs_for_each_row_as_it_is(tmp_path) -> None:
    path = write_json(tmp_path / "a.json", export_data(demo_db(tmp_path / "a.db", achievements=30)))
    noted = []
    for name, row_by_row in (("b.db", False), ("c.db", True)):
        target = open_db(tmp_path / name)
        target.execute("drop trigger _sync_achievement_tags_insert")
        target.execute(  # someone's own: notes the tag's entry twice
            "create trigger _sync_achievement_tags_insert after insert on achievement_tags begin "
            "insert into _sync_dirty (tbl, local_id) values ('achievements', new.achievement_id), "
            "('achievements', new.achievement_id); end"
        )
        triggers = _triggers(target)
        import_json(target, path, row_by_row=row_by_row)
        assert _triggers(target) == triggers
        tags = target.execute("select count(*) from achievement_tags").fetchone()[0]
        noted.append(target.execute("select * from _sync_dirty order by seq").fetchall())
    assert tags > 30 and len(noted[0]) > 2 * tags
    assert noted[0] == noted[1]  # as the trigger noted them row by row
