"""An export an older ctotui wrote carries its parser's numbers: an import (and a sync from a
device running an older ctotui) reads them again with today's parser, and keeps the user's."""

from __future__ import annotations

import json

import pytest
from sync_helpers import STRANGER, entry_record, make_devices, settle
from transfer_helpers import export_data, write_json

from ctotui.core.data.import_merge import import_json
from ctotui.core.db import open_db
from ctotui.core.errors import CtoError
from ctotui.core.journal.entries import add_achievement, page_achievements, update_achievement
from ctotui.core.journal.metric_store import METRIC_COLUMNS, PARSER_VERSION, stored_parser_version
from ctotui.core.journal.metrics import Metric, parse_metric
from ctotui.core.sync import run

PARSED = "Grew revenue by 20% to $1.2M"
WEEKLY = "Saved 5 hours a week on releases"
NONE_FOUND = "Ran the Q3 planning offsite"
GIVEN = "Closed the Acme deal"
# What an older parser left in the columns: numbers no parser today reads in these words.
STALE = {
    PARSED: [1, 2, "$", 100.0, "change", None, None, "parsed"],  # a made-up old answer
    WEEKLY: [None, 5, "h", None, "duration", None, None, "parsed"],  # the week lost, as before this fix
    NONE_FOUND: [None, 5, "teams", None, "count", None, None, "parsed"],  # a number that is not there
}


def _old_export(tmp_path, *, user_metric: Metric | None = None, header: dict | None = None):
    """An export as an older ctotui would write it (format version 1, no parser version in its
    header; or ``header``'s keys): the parsed rows carry its answers."""
    source = open_db(tmp_path / "old.db")
    for title in (PARSED, WEEKLY, NONE_FOUND):
        add_achievement(source, title=title, occurred_on="2026-03-02", metric="parse")
    add_achievement(source, title=GIVEN, occurred_on="2026-03-02", metric=user_metric or Metric(None, 3, "deals"))
    data = export_data(source)
    source.close()
    del data["metric_parser"]
    data = dict(sorted({**data, "version": 1, **(header or {})}.items()))  # the header's keys in order, as written
    for row in data["tables"]["achievements"]:
        if row["title"] in STALE:
            row.update(zip(METRIC_COLUMNS, STALE[row["title"]], strict=True))
    return write_json(tmp_path / "old.json", data), data


def _metrics(db) -> dict[str, Metric | None]:
    return {a.title: a.metric for a in page_achievements(db).items}


@pytest.mark.parametrize(
    ("row_by_row", "header"),
    [(False, None), (True, None), (False, {"version": 2, "metric_parser": PARSER_VERSION - 1})],
    ids=["version-1", "version-1-row-by-row", "an-older-parser"],
)
def test_an_older_exports_parsed_numbers_are_read_again_and_the_users_kept(tmp_path, row_by_row, header) -> None:
    path, _data = _old_export(tmp_path, header=header)
    db = open_db(tmp_path / "new.db")
    assert stored_parser_version(db) == PARSER_VERSION  # read again on open: an import came after
    import_json(db, path, row_by_row=row_by_row)
    got = _metrics(db)
    assert got[PARSED] == parse_metric(PARSED) and got[PARSED].before == 1_000_000  # was 1 → 2 $
    assert got[WEEKLY].badge == "5 hours/wk" and got[WEEKLY].period == "wk"
    assert got[NONE_FOUND] is None
    assert got[GIVEN] == Metric(None, 3, "deals")  # the user's number, as written
    origins = dict(db.execute("select title, metric_origin from achievements").fetchall())
    assert origins == {PARSED: "parsed", WEEKLY: "parsed", NONE_FOUND: None, GIVEN: "user"}


def test_into_a_journal_that_holds_rows_the_stale_rows_are_read_again_too_and_a_second_import_adds_nothing(
    tmp_path,
) -> None:
    path, _data = _old_export(tmp_path)
    db = open_db(tmp_path / "new.db")
    add_achievement(db, title="Unblocked 3 teams", metric="parse")  # not a fresh database: row by row
    first = import_json(db, path)
    assert _metrics(db)[WEEKLY].badge == "5 hours/wk"
    again = import_json(db, path)
    assert again.added == 0 and again.present == first.added  # the file's rows, read today, are the ones here
    assert db.execute("select count(*) from achievements").fetchone()[0] == 5


def test_a_parsed_number_without_an_origin_is_read_again(tmp_path) -> None:
    path, data = _old_export(tmp_path)
    for row in data["tables"]["achievements"]:
        if row["title"] == PARSED:
            row["metric_origin"] = None
    write_json(path, data)
    db = open_db(tmp_path / "new.db")
    import_json(db, path)
    assert _metrics(db)[PARSED] == parse_metric(PARSED)


def test_a_users_number_that_cannot_be_right_today_is_refused_with_its_row(tmp_path) -> None:
    path, data = _old_export(tmp_path)
    for row in data["tables"]["achievements"]:
        if row["title"] == GIVEN:
            row.update(metric_after=-3, metric_kind="count")
    write_json(path, data)
    db = open_db(tmp_path / "new.db")
    with pytest.raises(CtoError) as err:
        import_json(db, path)
    assert f"{path}: achievements row 4 (id 4): the metric cannot be right: a count cannot be negative" == str(
        err.value
    )
    assert db.execute("select count(*) from achievements").fetchone()[0] == 0


def test_a_sync_from_an_older_parser_is_read_again_and_the_users_number_kept(tmp_path) -> None:
    db = open_db(tmp_path / "a.db")
    folder = tmp_path / "folder"
    folder.mkdir()
    columns = dict(zip(METRIC_COLUMNS, STALE[WEEKLY], strict=True))
    given = dict(zip(METRIC_COLUMNS, [None, 3, "deals", None, "count", None, None, "user"], strict=True))
    records = [
        entry_record("g1", "000000000000001.000000", title=WEEKLY, **columns),
        entry_record("g2", "000000000000002.000000", title=GIVEN, **given),
    ]
    (folder / f"{STRANGER}.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    report = run.sync(db, folder)
    assert (report.refused, report.waiting) == (0, 0)
    got = _metrics(db)
    assert got[WEEKLY] == parse_metric(WEEKLY) and got[WEEKLY].badge == "5 hours/wk"
    assert got[GIVEN] == Metric(None, 3, "deals")


def test_a_number_kept_from_earlier_words_syncs_as_it_is(tmp_path) -> None:
    """`ctotui edit --title` keeps the number read before when the new words hold none: the other
    device keeps it too (reading the new words would drop it there, and the two would differ)."""
    a, b = make_devices(tmp_path, 2)
    entry = add_achievement(a.db, title="Cut p95 latency from 900ms to 300ms", metric="parse")
    settle([a, b])
    update_achievement(a.db, entry.id, title="Cut p95 latency by two thirds")  # the metric not given: kept
    settle([a, b])
    for device in (a, b):
        (got,) = page_achievements(device.db).items
        assert (got.title, got.badge, got.metric_origin) == (
            "Cut p95 latency by two thirds",
            "900→300 ms −67%",
            "parsed",
        )
    assert a.export() == b.export()
    for device in (a, b):
        device.close()


def test_an_export_by_this_parser_is_taken_as_it_is(tmp_path) -> None:
    """Reading every entry again cost an import ~33 µs an entry (+3 s at 100,000): a file whose header
    names this parser's version holds its answers already, and they are taken as written."""
    path, _data = _old_export(tmp_path, header={"version": 2, "metric_parser": PARSER_VERSION})
    db = open_db(tmp_path / "new.db")
    import_json(db, path)
    got = _metrics(db)
    assert got[NONE_FOUND] == Metric(None, 5, "teams", kind="count")  # the file's columns, not read again
    db.close()


def test_an_export_names_its_parser_before_its_tables(tmp_path) -> None:
    db = open_db(tmp_path / "a.db")
    add_achievement(db, title=WEEKLY, occurred_on="2026-03-02", metric="parse")
    data = export_data(db)
    db.close()
    assert data["version"] == 2 and data["metric_parser"] == PARSER_VERSION
    assert list(data) == sorted(data)  # the header's keys in order, "metric_parser" before "tables"


@pytest.mark.parametrize("value", ["5", True, 5.5, [5]])
def test_a_parser_version_that_is_no_whole_number_is_refused(tmp_path, value) -> None:
    path, _data = _old_export(tmp_path, header={"version": 2, "metric_parser": value})
    db = open_db(tmp_path / "new.db")
    with pytest.raises(CtoError, match='"metric_parser" must be a whole number'):
        import_json(db, path)
    assert _metrics(db) == {}  # nothing imported
    db.close()
