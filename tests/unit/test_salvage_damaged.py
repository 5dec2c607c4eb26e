"""Salvage of a file SQLite refuses to open: one that lost its tail, or whose pages were written
over in the middle (the list of tables among them). Every row saved is the row as it was, byte
for byte in the export; every table whose pages (and the list's) all survived is saved whole;
the damaged file is never written to. What salvage writes always imports into a new database,
every row of it: a row whose parent was lost is left out, and the report says so."""

from __future__ import annotations

import io
import json
import sqlite3
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from ctotui.core.data.export_json import export_text
from ctotui.core.data.import_merge import import_json
from ctotui.core.data.salvage import SalvageReport, write_salvage
from ctotui.core.data.salvage_open import open_for_salvage
from ctotui.core.db import open_db
from ctotui.core.dbfile import DamagedDatabase, DatabaseError

PAGE = 4096


@pytest.fixture(scope="module")
def sound(tmp_path_factory, demo_template) -> tuple[Path, dict[str, list[str]], dict[str, set[int]]]:
    """The demo database, its export's rows (one JSON text each) by table, and each table's pages."""
    path = tmp_path_factory.mktemp("sound") / "demo.db"
    path.write_bytes(demo_template().read_bytes())
    db = open_db(path, read_only=True)
    rows = {name: [json.dumps(r, sort_keys=True) for r in table] for name, table in _tables(export_text(db)).items()}
    db.close()
    with sqlite3.connect(path) as plain:
        pages: dict[str, set[int]] = {}
        for name, page in plain.execute("select name, pageno from dbstat"):
            pages.setdefault(name, set()).add(page)
    plain.close()
    return path, rows, pages


def _tables(text: str) -> dict[str, list[dict]]:
    return json.loads(text)["tables"]


def _salvage(path: Path) -> tuple[dict[str, list[dict]], SalvageReport]:
    before = path.read_bytes()
    out = io.StringIO()
    with open_for_salvage(path) as db:
        report = write_salvage(db, out)
    assert path.read_bytes() == before  # nothing written to the damaged file
    _assert_imports(path.with_name(path.name + ".salvage.json"), out.getvalue(), report)
    return _tables(out.getvalue()), report


def _assert_imports(target: Path, text: str, report: SalvageReport) -> None:
    """The salvage's file goes into a new database, every row the report counts."""
    target.write_text(text, encoding="utf-8")
    new = target.with_suffix(".db")
    for stale in (new, new.with_name(new.name + "-wal"), new.with_name(new.name + "-shm")):
        stale.unlink(missing_ok=True)
    db = open_db(new)
    try:
        imported = import_json(db, target)
        counts = {t.table: db.execute(f'select count(*) from "{t.table}"').fetchone()[0] for t in report.tables}
    finally:
        db.close()
    assert {t.table: t.added for t in imported.tables} == {t.table: t.rows for t in report.tables if t.rows}
    assert counts == {t.table: t.rows for t in report.tables}


def _assert_saved_exactly(saved, report, sound, lost_pages: set[int]) -> None:
    _path, rows, pages = sound
    results = {t.table: t for t in report.tables}
    for name, table in saved.items():
        unlinked = {column for column, _parent, _n in results[name].unlinked}  # kept with that column null

        def without(row: dict, unlinked=unlinked) -> str:
            return json.dumps({k: v for k, v in row.items() if k not in unlinked}, sort_keys=True)

        was = {without(json.loads(r)) for r in rows[name]}
        sound_rows = [json.loads(r) for r in rows[name]]
        for r in table:  # no row altered (but for those nulls) or made up, but for bytes written over
            written_over = bool(pages.get(name, set()) & lost_pages)  # only a table whose pages were hit
            assert without(r) in was or (written_over and _text_written_over(r, sound_rows)), (name, r)
        assert all(r[column] is None for r in table for column in unlinked if without(r) not in set(rows[name]))
    assert report.rows == sum(len(t) for t in saved.values())
    if pages["sqlite_schema"] & lost_pages:
        return  # part of the list of tables is lost: the tables listed there cannot be found
    for name, expected in rows.items():
        if not pages.get(name, set()) & lost_pages:  # every page of it survived: saved whole, but for
            left_out = sum(n for _parent, n in results[name].left_out)  # the rows whose parent was lost
            assert len(saved[name]) + left_out == len(expected), name
            if not left_out and not results[name].unlinked:
                assert [json.dumps(r, sort_keys=True) for r in saved[name]] == expected, name


def _text_written_over(row: dict, sound_rows: list[dict]) -> bool:
    """A row of the sound file with the same columns but for text, which bytes written over a
    value's middle change and leave a row SQLite reads (a NUL in a question): salvage cannot tell
    that from what the user wrote."""
    return any(
        all(row[k] == v or (isinstance(row[k], str) and isinstance(v, str)) for k, v in was.items())
        for was in sound_rows
    )


def _copy(sound, tmp_path: Path) -> Path:
    path = tmp_path / "damaged.db"
    for side in ("-wal", "-shm"):  # left by the example before
        path.with_name(path.name + side).unlink(missing_ok=True)
    path.write_bytes(sound[0].read_bytes())
    return path


# kept sizes: 1,000,000 loses two pages of attempts; 950,000 and 800,000 some pages; 107,496 most
# of the list of tables, and tables whose first pages the list's new pages would take (their rows
# were once read from the list). Each lost table costs a few seconds of lookups (salvage.PROBE_PAST).
@pytest.mark.parametrize("size", [1_000_000, 950_000, 800_000, 107_496])
def test_a_file_that_lost_its_tail_is_refused_and_salvaged(sound, tmp_path: Path, size: int) -> None:
    path = _copy(sound, tmp_path)
    lost = path.stat().st_size - size
    with path.open("r+b") as fh:
        fh.truncate(size)
    size += lost  # the file's size before
    with pytest.raises(DamagedDatabase, match="damaged"):
        open_db(path, read_only=True)
    saved, report = _salvage(path)
    _assert_saved_exactly(saved, report, sound, set(range((size - lost) // PAGE + 1, size // PAGE + 1)))
    assert report.rows > 0
    if lost == 7_616:  # only the last two pages (rows of attempts) are gone
        assert len(saved["achievements"]) == 120
        assert [t.table for t in report.damaged] == ["attempts"] and "attempts (" in report.summary()


def test_a_file_whose_list_of_tables_is_gone_says_plainly_that_nothing_can_be_saved(sound, tmp_path: Path) -> None:
    path = _copy(sound, tmp_path)
    with path.open("r+b") as fh:
        fh.truncate(8192)
    with pytest.raises(DatabaseError, match="nothing can be saved") as refused:
        _salvage(path)
    assert "--salvage" not in str(refused.value) and "--repair" not in str(refused.value)


@settings(max_examples=12)
@given(data=st.data())
def test_salvage_after_bytes_written_over_in_the_middle(sound, tmp_path: Path, data) -> None:
    path = _copy(sound, tmp_path)
    pages = path.stat().st_size // PAGE
    first = data.draw(st.integers(2, pages), label="page")  # page 1 holds the header: see above
    start = (first - 1) * PAGE + data.draw(st.integers(0, PAGE - 1), label="offset")
    junk = data.draw(st.binary(min_size=1, max_size=3 * PAGE), label="bytes")
    with path.open("r+b") as fh:
        fh.seek(start)
        fh.write(junk)
    saved, report = _salvage(path)
    _assert_saved_exactly(saved, report, sound, set(range(first, (start + len(junk) - 1) // PAGE + 2)))


@settings(max_examples=4)
@example(cut=444_964)  # a row cut short read as NULs ("\x00" * 6 for a metric's kind): the import refused it
@given(cut=st.integers(90 * PAGE, 246 * PAGE))  # the list of tables whole (above: cut into); fewer lost tables to probe
def test_salvage_after_any_truncation(sound, tmp_path: Path, cut: int) -> None:
    path = _copy(sound, tmp_path)
    size = path.stat().st_size
    with path.open("r+b") as fh:
        fh.truncate(min(cut, size))
    try:
        saved, report = _salvage(path)
    except DatabaseError as exc:
        assert "nothing can be saved" in str(exc)
        return
    _assert_saved_exactly(saved, report, sound, set(range(min(cut, size) // PAGE + 1, size // PAGE + 1)))


def test_a_list_of_tables_holding_bytes_that_are_not_text_is_damage_not_a_traceback(sound, tmp_path: Path) -> None:
    """SQLite refuses such a list as malformed and quotes the bytes in its message, which Python
    could not decode: a UnicodeDecodeError reached the user (every command) and stopped salvage."""
    path = _copy(sound, tmp_path)
    data = bytearray(path.read_bytes())
    at = data.index(b"CREATE TABLE", PAGE)  # a table's SQL in the list, past page 1 (the file's header)
    data[at + 3 : at + 5] = b"\x90\x90"
    path.write_bytes(bytes(data))
    with pytest.raises(DamagedDatabase):
        open_db(path, read_only=True).close()
    saved, report = _salvage(path)
    assert report.rows == sum(len(t) for t in saved.values()) > 0


def test_the_tester_s_cut_at_500_000_bytes_leaves_out_the_rows_whose_parent_was_lost(sound, tmp_path: Path) -> None:
    """The salvage of this file was refused by the import (achievement_links row 11: achievement 72
    not in the file): nothing of the rescue could be used."""
    path = _copy(sound, tmp_path)
    with path.open("r+b") as fh:
        fh.truncate(500_000)
    saved, report = _salvage(path)  # imports, every row
    achievements = {row["id"] for row in saved["achievements"]}
    assert saved["achievement_links"] and all(
        row["achievement_id"] in achievements for row in saved["achievement_links"]
    )
    links = next(t for t in report.tables if t.table == "achievement_links")
    assert links.left_out and links.left_out[0][0] == "achievements"
    assert "achievement_links rows left out: the achievements row they refer to was lost" in report.summary()


def test_a_bar_whose_conversation_was_lost_is_kept_with_no_conversation(sound, tmp_path: Path) -> None:
    """ON DELETE SET NULL: the bar is kept as if its conversation had been deleted, and with it
    its criteria and their evidence; the import refused the file (bars row 1: conversation_id 3)."""
    path = _copy(sound, tmp_path)
    _path, rows, pages = sound
    with path.open("r+b") as fh:
        for page in pages["conversations"]:
            fh.seek((page - 1) * PAGE)
            fh.write(b"\xff" * PAGE)
    saved, report = _salvage(path)
    assert not saved["conversations"] and len(saved["bars"]) == len(rows["bars"]) > 0
    assert all(bar["conversation_id"] is None for bar in saved["bars"])
    assert len(saved["bar_criteria"]) == len(rows["bar_criteria"])
    assert "bars row kept with conversation_id empty: the conversations row it names was lost" in report.summary()


def test_an_empty_file_has_nothing_to_save(tmp_path: Path) -> None:
    path = tmp_path / "empty.db"
    path.touch()
    with pytest.raises(DatabaseError, match="the file is empty: there is nothing to save"):
        _salvage(path)
    assert path.stat().st_size == 0


def test_a_file_whose_header_text_was_written_over_is_read_whole(sound, tmp_path: Path) -> None:
    path = _copy(sound, tmp_path)
    with path.open("r+b") as fh:
        fh.write(b"X" * 16)
    with pytest.raises(DamagedDatabase, match="its first 16 bytes are written over"):  # damage: salvage reads it
        open_db(path, read_only=True)
    saved, report = _salvage(path)
    assert report.damaged == () and {name: len(t) for name, t in saved.items()} == {
        name: len(t) for name, t in sound[1].items()
    }


def test_a_file_of_another_program_is_still_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_bytes(b"plain text, not a database at all\n" * 100)
    with pytest.raises(DatabaseError, match="not a SQLite database"):
        _salvage(path)


@pytest.mark.parametrize("written", [b"\xff\xfe", b"xx"], ids=["bytes that are not text", "other letters"])
def test_a_column_name_written_over_leaves_that_table_out_and_the_rest_imports(sound, tmp_path: Path, written) -> None:
    """Found by the test above once the list of tables grew past its first page: `question_text` in
    attempts' CREATE TABLE written over. Bytes that are not text made the whole list unreadable
    ("nothing can be saved"); other letters saved attempts' rows under a name the import refuses,
    so the whole file was refused. Now that table is left out, said so, and the rest is saved."""
    path = _copy(sound, tmp_path)
    data = path.read_bytes()
    create = data.index(b"CREATE TABLE attempts")
    at = data.index(b"question_text", create)
    with path.open("r+b") as fh:
        fh.seek(at)
        fh.write(written)
    saved, report = _salvage(path)
    assert "attempts" not in saved and "achievements" in saved and len(saved["achievements"]) == 120
    assert "the names of their columns were written over, so not read: attempts" in report.note


@pytest.mark.parametrize(
    "garble",
    [
        # the record's header ends with the types of the name (text of 19 bytes) and of the date: a blob of 19
        pytest.param(lambda data, at: data.__setitem__(at - 2, 50), id="the name read as bytes"),
        pytest.param(lambda data, at: data.__setitem__(at + 4 + 6, 1), id="a byte of the name written over"),
    ],
)
def test_a_damaged_list_of_schema_steps_gives_a_file_the_import_takes(sound, tmp_path: Path, garble) -> None:
    """Bytes written over a row of the schema steps left it readable but not a step's name (None,
    found by hypothesis; bytes; a control character): salvage wrote it as read, so its own import
    refused the file ('"schema" must be the list of schema steps') or failed to write it at all."""
    path = _copy(sound, tmp_path)
    data = bytearray(path.read_bytes())
    at = data.index(b"ctotuim016_latest_by_time")  # the row's values: "ctotui", then the name
    garble(data, at)
    path.write_bytes(bytes(data))
    saved, report = _salvage(path)  # imports it, every row
    assert "its list of schema steps was damaged" in report.summary()
    _assert_saved_exactly(saved, report, sound, {at // PAGE + 1})


def test_a_listed_value_written_over_leaves_its_row_out_and_the_rest_imports(sound, tmp_path) -> None:
    """A byte written over in a value the schema lists ("\\x01ercent" for "percent", found by the
    property test above): salvage kept the row, and `ctotui import` refused the whole file. The
    row is left out now, as the import would refuse it, and the report says the table is damaged."""
    path = tmp_path / "damaged.db"
    path.write_bytes(sound[0].read_bytes())
    with sqlite3.connect(path) as plain:
        plain.execute("pragma ignore_check_constraints = on")  # what a damaged page holds, past the schema's checks
        (entry,) = plain.execute("select id from achievements where metric_kind = 'percent' limit 1").fetchone()
        plain.execute("update achievements set metric_kind = char(1) || 'ercent' where id = ?", [entry])
    plain.close()
    saved, report = _salvage(path)  # imports into a new database, every row it kept
    assert entry not in {row["id"] for row in saved["achievements"]}
    assert len(saved["achievements"]) == len(sound[1]["achievements"]) - 1
    assert "achievements" in {t.table for t in report.damaged}
