"""Logs written to do harm, or damaged past the ordinary: a clock time from far in the
future, numbers no column holds, JSON nested past Python's recursion limit, a log that
is a symbolic link. Each is refused with a warning; the rest of the sync goes on."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sync_helpers import STRANGER, copy_log, entry_record, make_devices, settle

from ctotui.core.journal import entries
from ctotui.core.sync import hlc, run, state


@pytest.fixture
def two(tmp_path: Path):
    devices = make_devices(tmp_path, 2)
    yield devices
    for d in devices:
        d.close()


def _write_log(folder: Path, *lines: dict[str, object] | str) -> None:
    text = "".join((line if isinstance(line, str) else json.dumps(line)) + "\n" for line in lines)
    (folder / f"{STRANGER}.jsonl").write_text(text)


def _titles(db) -> list[str]:
    return [r[0] for r in db.execute("select title from achievements order by title").fetchall()]


LAST_TIME = "999999999999999.999999"  # the largest the format allows


def test_a_clock_time_far_in_the_future_is_refused_and_never_moves_the_clock(two) -> None:
    a, b = two
    _write_log(
        a.folder, entry_record("g1", LAST_TIME, title="From the future"), entry_record("g2", "000000000000002.000000")
    )
    report = a.sync()
    assert (report.refused, report.deferred) == (0, 1) and report.applied == {STRANGER: 1}
    waits = (
        f"{STRANGER}.jsonl: a record of achievements g1 waits: its clock time {LAST_TIME} "
        "is more than a day ahead of this computer's clock; it is read again at each sync"
    )
    assert report.warnings == [waits]
    assert _titles(a.db) == ["An entry"]
    assert not hlc.too_far_ahead(state.load_clock(a.db))
    # The device goes on syncing (the record still waits, said at each sync), and its log stays
    # readable by the others.
    entries.add_achievement(a.db, title="Made after")
    again = a.sync()
    assert again.warnings == [waits] and (again.refused, again.deferred) == (0, 1)
    settle(two)
    assert _titles(b.db) == ["Made after"]  # the stranger's log is in A's folder only
    for line in a.own_log().read_bytes().splitlines():
        assert hlc.PATTERN.match(json.loads(line)["hlc"])


def test_a_record_ahead_of_this_clock_is_taken_in_once_its_time_has_come(two, monkeypatch) -> None:
    """A device whose clock ran two days ahead edited an entry; B, at the right time, refused the
    record for good and kept the old title for ever, while the others had the new one. It is kept
    aside, and taken in at the first sync after B's clock has caught up (its log's later records
    meanwhile as they come). So is an entry dated after tomorrow here, written a time zone ahead."""
    a, b = two
    monkeypatch.setenv("CTOTUI_NOW", "2026-03-10T12:00:00+00:00")
    first = entries.add_achievement(a.db, title="Shared entry", occurred_on="2026-03-09")
    settle(two)
    monkeypatch.setenv("CTOTUI_NOW", "2026-03-12T12:00:00+00:00")  # A's clock, two days ahead
    entries.update_achievement(a.db, first.id, title="Edited on A")
    entries.add_achievement(a.db, title="Dated on A's day", occurred_on="2026-03-12")
    a.sync()
    copy_log(a, b)
    monkeypatch.setenv("CTOTUI_NOW", "2026-03-10T11:00:00+00:00")  # B's
    report = b.sync()
    assert report.deferred == 2 and report.refused == 0
    assert any("waits: its clock time" in w for w in report.warnings)
    assert _titles(b.db) == ["Shared entry"]
    monkeypatch.setenv("CTOTUI_NOW", "2026-03-12T13:00:00+00:00")  # B's clock has caught up
    report = b.sync()
    assert (report.deferred, report.warnings) == (0, []) and report.applied == {a.id: 2}
    assert _titles(b.db) == ["Dated on A's day", "Edited on A"] == _titles(a.db)
    assert sum(b.sync().applied.values()) == 0  # taken in once
    # B's clock moved past what it took from its waiting list, as for every record it takes in: an
    # edit B makes now comes after A's
    newest = max(json.loads(line)["hlc"] for line in a.own_log().read_text().splitlines())
    assert str(state.load_clock(b.db)) >= newest


def test_an_entry_dated_a_time_zone_ahead_waits_for_its_day_here(two, monkeypatch) -> None:
    """Kiritimati (UTC+14) wrote "tomorrow", two days ahead of Pago Pago (UTC-11)'s date: refused
    there for good, the two devices never agreed again."""
    a, b = two
    _write_log(a.folder, entry_record("g1", "000000000000002.000000", title="Shipped", occurred_on="2026-03-12"))
    monkeypatch.setenv("CTOTUI_NOW", "2026-03-10T12:00:00+00:00")
    report = a.sync()
    assert report.deferred == 1 and report.refused == 0 and _titles(a.db) == []
    assert "occurred_on is 2026-03-12, in the future" in report.warnings[0]
    monkeypatch.setenv("CTOTUI_NOW", "2026-03-11T12:00:00+00:00")
    assert a.sync().deferred == 0 and _titles(a.db) == ["Shipped"]


def test_a_clock_pushed_past_its_format_by_an_older_version_is_brought_back(two) -> None:
    a, b = two
    state.save_clock(a.db, hlc.Hlc(10**15, 0))  # what the unbounded tick saved: 16 digits
    a.db.conn.commit()
    entries.add_achievement(a.db, title="After the damage")
    assert a.sync().sent == 1
    settle(two)
    assert _titles(b.db) == ["After the damage"] and not any(d.sync().warnings for d in two)


@settings(max_examples=30, deadline=None)
@given(st.integers(min_value=0, max_value=10**15 - 1), st.integers(min_value=0, max_value=hlc.MAX_COUNTER))
def test_no_clock_time_received_pushes_the_clock_out_of_its_format(
    tmp_path_factory: pytest.TempPathFactory, millis: int, counter: int
) -> None:
    (a,) = make_devices(tmp_path_factory.mktemp("clock"), 1)
    try:
        _write_log(a.folder, entry_record("g1", str(hlc.Hlc(millis, counter))))
        a.sync()
        clock = state.load_clock(a.db)
        assert not hlc.too_far_ahead(clock)
        for _ in range(3):
            clock = hlc.tick(clock)
            assert hlc.PATTERN.match(str(clock))
    finally:
        a.close()


HUGE = 10**30  # valid JSON; no SQLite column holds it


@pytest.mark.parametrize(
    ("field", "value", "named"),
    [("metric_after", HUGE, "metric_after"), ("metric_before", -HUGE, "metric_before"), ("tags", [HUGE], "tag")],
)
def test_a_number_past_64_bits_is_refused_and_the_good_records_are_applied(
    two, field: str, value: object, named: str
) -> None:
    a, _b = two
    _write_log(
        a.folder,
        entry_record("g1", "000000000000001.000000", **{field: value}),
        entry_record("g2", "000000000000002.000000"),
    )
    report = a.sync()
    assert report.refused == 1 and report.applied == {STRANGER: 1}
    assert report.warnings == [
        f"{STRANGER}.jsonl: refused a record of achievements g1: "
        f"{named} is a number out of range (SQLite holds at most 19 digits)"
    ]
    assert _titles(a.db) == ["An entry"]


@settings(max_examples=40, deadline=None)
@given(st.integers(min_value=-(10**40), max_value=10**40))
def test_any_integer_in_a_number_column_is_refused_or_stored(
    tmp_path_factory: pytest.TempPathFactory, number: int
) -> None:
    (a,) = make_devices(tmp_path_factory.mktemp("int"), 1)
    try:
        _write_log(a.folder, entry_record("g1", "000000000000001.000000", metric_after=number, metric_before=number))
        report = a.sync()  # never raises
        assert report.refused + report.applied[STRANGER] == 1
    finally:
        a.close()


def test_a_line_nested_past_the_recursion_limit_is_a_damaged_line_not_a_crash(two) -> None:
    a, b = two
    entries.add_achievement(b.db, title="From a healthy log")
    b.sync()
    copy_log(b, a)  # B's log is in A's folder, not read yet
    deep = "[" * 100_000 + "]" * 100_000
    _write_log(
        a.folder,
        entry_record("g1", "000000000000001.000000", title="Before"),
        deep,
        entry_record("g2", "000000000000002.000000"),
    )
    report = a.sync()
    assert report.applied == {STRANGER: 1, b.id: 1}
    offset = len(json.dumps(entry_record("g1", "000000000000001.000000", title="Before"))) + 1
    assert report.warnings == [
        f"{STRANGER}.jsonl: a line at byte {offset} is not a record (nested too deeply to be a record); "
        "it and the lines after it are read again next time"
    ]
    assert _titles(a.db) == ["Before", "From a healthy log"]


def test_a_symbolic_link_named_as_our_own_log_is_never_written_through(two, tmp_path: Path) -> None:
    """The shared folder carried a link named as this device's log: the journal went into ~/.bashrc."""
    a, b = two
    victim = tmp_path / "bashrc"
    victim.write_text("export PATH=~/bin:$PATH\n")
    a.own_log().symlink_to(victim)
    entries.add_achievement(a.db, title="Private")
    report = a.sync()
    assert report.sent == 0
    assert report.warnings == [
        f"{a.id}.jsonl: a symbolic link, not a regular file: never read or written as a log; move it away"
    ]
    assert victim.read_text() == "export PATH=~/bin:$PATH\n"
    a.own_log().unlink()  # once it is gone, the change waiting is sent
    assert a.sync().sent == 1 and a.own_log().is_file()


def test_a_symbolic_link_named_as_another_devices_log_is_not_read(two, tmp_path: Path) -> None:
    a, _b = two
    elsewhere = tmp_path / "elsewhere.jsonl"
    elsewhere.write_text(json.dumps(entry_record("g1", "000000000000001.000000")) + "\n")
    (a.folder / f"{STRANGER}.jsonl").symlink_to(elsewhere)
    report = a.sync()
    assert report.applied == {} and _titles(a.db) == []
    assert report.warnings == [
        f"{STRANGER}.jsonl: a symbolic link, not a regular file: never read or written as a log; move it away"
    ]
    assert [s.in_folder for s in run.status(a.db, a.folder) if s.device == STRANGER] == []  # nor counted


def test_the_log_is_created_private(two) -> None:
    """It was created 0644 while exports and backups are 0600 (the README: files ctotui makes are private)."""
    a, _b = two
    entries.add_achievement(a.db, title="Private")
    before = os.umask(0o022)  # the usual umask, which let the log be read by everyone
    try:
        a.sync()
    finally:
        os.umask(before)
    assert stat.S_IMODE(a.own_log().stat().st_mode) == 0o600
