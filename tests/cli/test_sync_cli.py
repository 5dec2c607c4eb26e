"""`ctotui sync` as a user runs it: two databases, one shared folder, the console script;
and a `kill -9` in the middle of a sync."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from process_tools import CTOTUI

from ctotui.cli.tui import sync_on_exit
from ctotui.core.db import open_db
from ctotui.core.journal.entries import add_achievement
from ctotui.core.sync import run


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    path = tmp_path / "shared"
    path.mkdir()
    return path


def _logs(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.name.endswith(".jsonl"))


def test_two_databases_share_a_journal_through_a_folder(run_cli, tmp_path: Path, folder: Path) -> None:
    a, b = str(tmp_path / "a.db"), str(tmp_path / "b.db")
    run_cli("--db", a, "add", "Cut p95 latency from 900ms to 300ms", "--tag", "perf", check_rc=0)
    run_cli("--db", a, "rate", "technical-depth", "4", check_rc=0)
    sent = run_cli("--db", a, "sync", str(folder), check_rc=0)
    assert sent.stdout.strip() == "sent 2 records; applied 0 records from 0 other devices"
    got = run_cli("--db", b, "sync", str(folder), check_rc=0)
    assert got.stdout.strip() == "sent 0 records; applied 2 records from 1 other device"
    assert "Cut p95 latency" in run_cli("--db", b, "list", check_rc=0).stdout
    run_cli("--db", b, "edit", "1", "--title", "Cut p95 latency by two thirds", check_rc=0)
    run_cli("--db", b, "sync", str(folder), check_rc=0)
    run_cli("--db", a, "sync", str(folder), check_rc=0)
    assert "Cut p95 latency by two thirds" in run_cli("--db", a, "show", "1", check_rc=0).stdout
    one = run_cli("--db", a, "export", "--global-ids", check_rc=0).stdout
    two = run_cli("--db", b, "export", "--global-ids", check_rc=0).stdout
    assert one == two and json.loads(one)["format"] == "ctotui-synced"
    assert len(_logs(folder)) == 2  # one log per device, each written by its own device only


def test_saved_folder_and_status(run_cli, tmp_path: Path, folder: Path) -> None:
    a, b = str(tmp_path / "a.db"), str(tmp_path / "b.db")
    run_cli("--db", a, "add", "Hired two seniors", check_rc=0)
    saved = run_cli("--db", a, "sync", "--set-dir", str(folder), check_rc=0)
    assert saved.stdout.splitlines()[0] == f"sync folder saved: {folder.resolve()}"
    run_cli("--db", b, "sync", "--set-dir", str(folder), check_rc=0)
    run_cli("--db", b, "sync", check_rc=0)  # the saved folder
    status = run_cli("--db", b, "sync", "--status", check_rc=0).stdout.splitlines()
    assert status[0] == f"folder: {folder.resolve()}"
    assert "(this device): 0 records sent" in status[1]
    assert "1 record applied here" in status[2] and "1 record in its log" in status[2]
    data = json.loads(run_cli("--db", b, "sync", "--status", "--json", check_rc=0).stdout)
    assert [(d["this"], d["records"]) for d in data["devices"]] == [(True, 0), (False, 1)]


def test_faults_are_one_line_and_exit_2(run_cli, tmp_path: Path) -> None:
    db = str(tmp_path / "a.db")
    for args, words in (
        ((), "no sync folder"),
        ((str(tmp_path / "missing"),), "not a folder"),
        (("--set-dir", str(tmp_path / "missing")), "not a folder"),
    ):
        proc = run_cli("--db", db, "sync", *args, check_rc=2)
        assert proc.stderr.count("\n") == 1 and words in proc.stderr and "Traceback" not in proc.stderr


def test_an_unfinished_line_is_a_warning_not_a_failure(run_cli, tmp_path: Path, folder: Path, empty_template) -> None:
    a, b = str(tmp_path / "a.db"), str(tmp_path / "b.db")
    shutil.copyfile(empty_template, b)  # not a new journal: its one line is tested on its own
    run_cli("--db", a, "add", "One", check_rc=0)
    run_cli("--db", a, "add", "Two", check_rc=0)
    run_cli("--db", a, "sync", str(folder), check_rc=0)
    (log,) = _logs(folder)
    whole = log.read_bytes()
    log.write_bytes(whole[: whole.index(b"\n") + 20])  # the sync tool is halfway through the second line
    proc = run_cli("--db", b, "sync", str(folder), check_rc=0)
    assert "applied 1 record" in proc.stdout
    assert proc.stderr.startswith("ctotui: warning: ") and "unfinished" in proc.stderr
    log.write_bytes(whole)
    proc = run_cli("--db", b, "sync", str(folder), check_rc=0)
    assert "applied 1 record" in proc.stdout and proc.stderr == ""


def _fill(path: Path, prefix: str, count: int) -> None:
    db = open_db(path)
    with db.atomic():
        db.conn.executemany(
            "insert into achievements (title, occurred_on, created_at, updated_at) "
            "values (?, '2026-03-01', '2026-03-01T10:00:00+00:00', '2026-03-01T10:00:00+00:00')",
            [(f"{prefix} {i}",) for i in range(count)],
        )
    db.close()


def test_kill_9_during_sync_loses_nothing_and_repeats_nothing(run_cli, tmp_path: Path, folder: Path) -> None:
    a, b = tmp_path / "a.db", tmp_path / "b.db"
    _fill(a, "from A", 1500)
    _fill(b, "from B", 300)
    run_cli("--db", str(a), "sync", str(folder), check_rc=0)
    (a_log,) = _logs(folder)
    # B sends its 300 (appended and fsynced first), then applies A's 1500: killed as soon as
    # its log shows up, which is during the write or during the apply, before the commit.
    proc = subprocess.Popen([str(CTOTUI), "--db", str(b), "sync", str(folder)], stdout=subprocess.DEVNULL)
    try:
        while len(_logs(folder)) < 2:
            try:
                proc.wait(timeout=0.002)  # a condition wait: the process, or its log showing up
                break
            except subprocess.TimeoutExpired:
                continue
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=60)
    run_cli("--db", str(b), "sync", str(folder), check_rc=0)
    run_cli("--db", str(a), "sync", str(folder), check_rc=0)
    run_cli("--db", str(b), "sync", str(folder), check_rc=0)
    for path in (a, b):
        db = open_db(path)
        titles = Counter(r[0] for r in db.execute("select title from achievements"))
        db.close()
        assert len(titles) == 1800 and set(titles.values()) == {1}  # nothing lost, nothing doubled
    (b_log,) = [p for p in _logs(folder) if p != a_log]
    lines = b_log.read_bytes().splitlines()
    assert len(lines) == 300  # B's records were written once, even though the first sync died
    assert len({json.loads(line)["id"] for line in lines}) == 300
    one = run_cli("--db", str(a), "export", "--global-ids", check_rc=0).stdout
    assert one == run_cli("--db", str(b), "export", "--global-ids", check_rc=0).stdout


def test_the_app_syncs_on_exit_when_a_folder_is_saved(tmp_path: Path, folder: Path, capsys) -> None:
    """What `ctotui` (the app) runs once its screen has closed: cli/tui.py's sync_on_exit."""
    mine, other = tmp_path / "mine.db", tmp_path / "other.db"
    db = open_db(other)
    add_achievement(db, title="From the other machine")
    run.sync(db, folder)
    db.close()
    sync_on_exit(mine)  # no folder saved: nothing happens, nothing is said
    assert capsys.readouterr() == ("", "")
    db = open_db(mine)
    run.save_folder(db, folder)
    db.close()
    sync_on_exit(mine)
    assert capsys.readouterr().out == "ctotui: synced (sent 0 records, applied 1 record)\n"
    folder.rename(tmp_path / "moved")
    sync_on_exit(mine)
    err = capsys.readouterr().err
    assert err.startswith("ctotui: sync on exit failed: ") and "not a folder" in err and err.count("\n") == 1


def test_sync_cleans_what_it_stores_and_names_what_it_refuses(
    run_cli, tmp_path: Path, folder: Path, empty_template
) -> None:
    """Another device's log, written by hand: control characters never reach the database, and a
    record with a bad date, category and skill is refused with its reason (not 'waiting')."""
    stranger = "0123456789abcdef0123456789abcdef"
    common = {"body": "", "created_at": "2026-03-01T10:00:00+00:00", "updated_at": "2026-03-01T10:00:00+00:00"}
    records = [
        {"title": "Good \x1b[31mcolour\x07 title", "occurred_on": "2026-03-01", "category": "scale"},
        {"title": "Bad one", "occurred_on": "2099-13-45", "category": "nope", "skills": ["not-a-skill"]},
    ]
    lines = [
        json.dumps(
            {
                "device": stranger,
                "hlc": f"00177356880000{n}.000000",
                "table": "achievements",
                "id": f"g{n}",
                "fields": {**common, **fields},
            }
        )  # fmt: skip
        for n, fields in enumerate(records)
    ]
    (folder / f"{stranger}.jsonl").write_text("".join(line + "\n" for line in lines))
    db = str(tmp_path / "a.db")
    shutil.copyfile(empty_template, db)
    done = run_cli("--db", db, "sync", str(folder), check_rc=0)
    assert (
        done.stdout.strip()
        == "sent 0 records; applied 1 record from 1 other device; 1 record refused (the warnings say why)"
    )
    assert done.stderr == (
        f"ctotui: warning: {stranger}.jsonl: refused a record of achievements g1: "
        "occurred_on is not a date YYYY-MM-DD ('2099-13-45')\n"
    )
    exported = run_cli("--db", db, "export", check_rc=0).stdout
    assert "\\u001b" not in exported and "\\u0007" not in exported and "colour" in exported
    assert run_cli("--db", db, "check", check_rc=0).stdout.rstrip().endswith(f"all is well: {db}")


def test_a_number_no_column_holds_is_one_refused_record_not_a_failed_sync(
    run_cli, tmp_path: Path, folder: Path, empty_template
) -> None:
    """A huge integer (valid JSON) failed every sync into the database: 'a number or date out of range', exit 2."""
    stranger = "1" * 32
    common = {"title": "Fine", "occurred_on": "2026-03-01", "category": "scale"}
    stamp = {"created_at": "2026-03-01T10:00:00+00:00", "updated_at": "2026-03-01T10:00:00+00:00"}
    records = [{**common, **stamp, "title": "Huge", "metric_after": 10**30}, {**common, **stamp}]
    lines = [
        {"device": stranger, "hlc": f"00177356880000{n}.000000", "table": "achievements", "id": f"g{n}", "fields": r}
        for n, r in enumerate(records)
    ]
    (folder / f"{stranger}.jsonl").write_text("".join(json.dumps(line) + "\n" for line in lines))
    db = str(tmp_path / "a.db")
    shutil.copyfile(empty_template, db)
    done = run_cli("--db", db, "sync", str(folder), check_rc=0, process=True)
    assert "applied 1 record from 1 other device; 1 record refused" in done.stdout
    assert done.stderr == (
        f"ctotui: warning: {stranger}.jsonl: refused a record of achievements g0: "
        "metric_after is a number out of range (SQLite holds at most 19 digits)\n"
    )
    assert "Fine" in run_cli("--db", db, "list", check_rc=0).stdout


def test_an_empty_folder_is_refused_and_nothing_is_written(
    run_cli, tmp_path: Path, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An unset $SYNCDIR gives '': it is no folder, not the current directory."""
    monkeypatch.chdir(tmp_path)
    db = str(tmp_path / "a.db")
    run_cli("--db", db, "add", "One", check_rc=0)
    run_cli("--db", db, "sync", "--set-dir", str(folder), check_rc=0)
    before = sorted(p.name for p in tmp_path.iterdir())
    for args in (("--set-dir", ""), ("",), ("--set-dir", " "), ("--status", "--set-dir", "")):
        proc = run_cli("--db", db, "sync", *args, check_rc=2)
        assert proc.stderr.count("\n") == 1 and "empty" in proc.stderr and "Traceback" not in proc.stderr
        assert proc.stdout == ""
    assert sorted(p.name for p in tmp_path.iterdir()) == before
    status = run_cli("--db", db, "sync", "--status", check_rc=0).stdout
    assert status.splitlines()[0] == f"folder: {folder.resolve()}"


def test_the_count_sent_includes_the_history_written_to_a_new_folder(run_cli, tmp_path: Path, folder: Path) -> None:
    db = str(tmp_path / "a.db")
    run_cli("--db", db, "add", "One", check_rc=0)
    run_cli("--db", db, "add", "Two", check_rc=0)
    assert run_cli("--db", db, "sync", str(folder), check_rc=0).stdout.startswith("sent 2 records;")
    other = tmp_path / "other"
    other.mkdir()
    assert run_cli("--db", db, "sync", str(other), check_rc=0).stdout.startswith("sent 2 records;")
    assert run_cli("--db", db, "sync", str(other), check_rc=0).stdout.startswith("sent 0 records;")


def test_a_damaged_database_at_exit_is_not_called_a_failed_sync(tmp_path: Path, capsys) -> None:
    """Quitting after the file got damaged printed "ctotui: sync on exit failed: the database file is
    damaged…" to a user who never set up a sync folder."""
    mine = tmp_path / "mine.db"
    db = open_db(mine)
    add_achievement(db, title="Before the damage")
    db.close()
    with mine.open("r+b") as fh:  # the schema's first page written over: SQLite finds the file damaged
        fh.seek(100)
        fh.write(b"\xff" * 3000)
    sync_on_exit(mine)
    err = capsys.readouterr().err
    assert err.startswith(f"ctotui: {mine}: ") and "damaged" in err and "sync" not in err.split("`")[0]
    assert err.count("\n") == 1
