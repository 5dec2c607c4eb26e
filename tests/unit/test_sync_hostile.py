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
    assert report.refused == 1 and report.applied == {STRANGER: 1}
    assert report.warnings == [
        f"{STRANGER}.jsonl: refused a record of achievements g1: its clock time {LAST_TIME} "
        "is more than a day ahead of this computer's clock"
    ]
    assert _titles(a.db) == ["An entry"]
    assert not hlc.too_far_ahead(state.load_clock(a.db))
    # The device goes on syncing, and its log stays readable by the others.
    entries.add_achievement(a.db, title="Made after")
    assert a.sync().warnings == [] and a.sync().refused == 0
    settle(two)
    assert _titles(b.db) == ["Made after"]  # the stranger's log is in A's folder only
    for line in a.own_log().read_bytes().splitlines():
        assert hlc.PATTERN.match(json.loads(line)["hlc"])


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
