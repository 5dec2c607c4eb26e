"""export, import, backup and check as a user runs them (run_cli: ctotui.cli.main in the test's process,
tests/conftest.py says why; each command also runs once as the console script)."""

from __future__ import annotations

import fcntl
import json
import os
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest
from process_tools import CTOTUI, run_process
from transfer_helpers import JRNL_SAMPLE, demo_db, export_of

from ctotui.core.db import open_db
from ctotui.core.journal.entries import add_achievement


@pytest.fixture
def demo(db_path: Path) -> Path:
    demo_db(db_path, achievements=25).close()
    return db_path


def _export(path: Path) -> str:
    db = open_db(path)
    try:
        return export_of(db)
    finally:
        db.close()


def test_export_json_to_stdout_and_to_a_file(run_cli, demo, tmp_path) -> None:
    out = run_cli("export", check_rc=0).stdout
    assert out == _export(demo)
    target = tmp_path / "all.json"
    proc = run_cli("export", "-o", str(target), check_rc=0)
    tables = len(json.loads(out)["tables"])
    assert proc.stdout.startswith("wrote ") and f"rows from {tables} tables to" in proc.stdout
    assert target.read_text(encoding="utf-8") == out
    assert target.stat().st_mode & 0o777 == 0o600


@pytest.mark.parametrize("extra", [[], ["--format", "md"], ["--global-ids"]])
def test_export_to_dash_is_stdout_as_import_dash_is_stdin(run_cli, demo, tmp_path, monkeypatch, extra) -> None:
    monkeypatch.chdir(tmp_path)
    to_dash = run_cli("export", "-o", "-", *extra, check_rc=0)
    assert to_dash.stdout == run_cli("export", *extra, check_rc=0).stdout
    assert not (tmp_path / "-").exists()


def test_export_md_by_flag_or_by_suffix(run_cli, demo, tmp_path) -> None:
    assert run_cli("export", "--format", "md", check_rc=0).stdout.startswith("# Brag document")
    target = tmp_path / "brag.md"
    proc = run_cli("export", "-o", str(target), "--since", "2025-01-01", "--until", "today", check_rc=0)
    assert "achievements to" in proc.stdout
    assert "## Achievements by category" in target.read_text(encoding="utf-8")


def test_export_writes_utf8_whatever_the_terminal(run_cli, db_path) -> None:
    db = open_db(db_path)
    add_achievement(db, title="Réduit la latence — 50 → 5 ms ✓")
    db.close()
    proc = run_cli("export", env={"PYTHONIOENCODING": "ascii", "LC_ALL": "C"}, check_rc=0)
    assert "Réduit la latence — 50 → 5 ms ✓" in proc.stdout


@pytest.mark.parametrize(
    "args, expected",
    [
        (["export", "--since", "2025-01-01"], "--since and --until are for the brag document"),
        (
            ["export", "--format", "md", "--since", "2026-01-02", "--until", "2026-01-01"],
            "since 2026-01-02 is after until 2026-01-01",
        ),
        (["export", "--format", "md", "--since", "soon"], "bad since date 'soon'"),
        (["export", "-o", "/nonexistent-folder/x.json"], "/nonexistent-folder: no such folder"),
        (["import", "/nonexistent.json"], "/nonexistent.json: cannot read the file"),
        (["export", "-o", "{db}"], "is the database itself; choose another file name"),
    ],
)
def test_export_and_import_errors_are_one_line(run_cli, demo, args, expected) -> None:
    before = _export(demo)
    proc = run_cli(*(a.replace("{db}", str(demo)) for a in args), check_rc=2)
    assert proc.stderr.startswith("ctotui: ") and expected in proc.stderr
    assert proc.stderr.count("\n") == 1 and proc.stdout == ""
    assert _export(demo) == before


def test_import_twice_then_a_bad_file_changes_nothing(run_cli, demo, tmp_path) -> None:
    path = tmp_path / "all.json"
    path.write_text(_export(demo), encoding="utf-8")
    other = tmp_path / "other.db"
    first = run_cli("--db", str(other), "import", str(path), check_rc=0).stdout
    assert "added " in first and "achievements" in first and "25 added" in first
    second = run_cli("import", str(path), "--db", str(other), check_rc=0).stdout
    assert ": added 0 rows" in second and "already here" in second
    assert _export(other) == _export(demo)

    data = json.loads(path.read_text(encoding="utf-8"))
    data["tables"]["achievements"][3]["occurred_on"] = "someday"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    before = _export(other)
    proc = run_cli("--db", str(other), "import", str(bad), check_rc=2)
    assert "achievements row 4 (id 4): occurred_on is not a date" in proc.stderr
    assert _export(other) == before


def test_import_dry_run(run_cli, demo, tmp_path) -> None:
    path = tmp_path / "all.json"
    path.write_text(_export(demo), encoding="utf-8")
    other = tmp_path / "other.db"
    out = run_cli("--db", str(other), "import", str(path), "--dry-run", check_rc=0).stdout
    assert "would add" in out and out.rstrip().endswith("dry run: nothing was written")
    assert list(tmp_path.glob("other.db*")) == []  # no database was there: the rehearsal made none
    open_db(other).close()
    out = run_cli("--db", str(other), "import", str(path), "--dry-run", check_rc=0).stdout
    assert "would add" in out and out.rstrip().endswith("dry run: nothing was written")
    assert open_db(other).execute("select count(*) from achievements").fetchone()[0] == 0


@pytest.mark.parametrize(
    ("args", "data", "line"),
    [
        (["{export}", "--dry-run"], None, ""),
        (["-"], "garbage\n", "stdin: not valid JSON"),
        (["-"], "{}\n", 'stdin: not a ctotui export (no "format": "ctotui" at the top)'),
        (["{bad}"], None, "bad.json: not valid JSON"),
        (["{jrnl}"], None, "looks like a jrnl export; use --format jrnl"),
        (["{jrnl}", "--format", "jrnl", "--dry-run"], None, ""),
    ],
)
def test_an_import_that_fails_or_is_a_dry_run_leaves_no_new_database(demo, tmp_path, args, data, line) -> None:
    """Into a database that does not exist yet (in folders that do not exist yet): a dry run writes
    nothing and a file that fails its checks creates no database, no folder, no temporary file."""
    files = tmp_path / "files"
    files.mkdir()
    (files / "export.json").write_text(_export(demo), encoding="utf-8")
    (files / "bad.json").write_text("x{", encoding="utf-8")
    names = {"export": files / "export.json", "bad": files / "bad.json", "jrnl": JRNL_SAMPLE}
    new = tmp_path / "new" / "deeper" / "new.db"
    proc = run_process("--db", str(new), "import", *(a.format(**names) for a in args), input=data)
    if line:
        assert proc.returncode == 2 and proc.stdout == "", proc
        assert proc.stderr.count("\n") == 1 and line in proc.stderr, proc.stderr
    else:
        assert proc.returncode == 0 and proc.stdout.rstrip().endswith("dry run: nothing was written"), proc
    assert not (tmp_path / "new").exists()


def test_an_import_into_a_new_database_leaves_only_the_database(demo, tmp_path) -> None:
    path = tmp_path / "all.json"
    path.write_text(_export(demo), encoding="utf-8")
    new = tmp_path / "new" / "new.db"
    proc = run_process("--db", str(new), "import", str(path))
    assert proc.returncode == 0 and proc.stdout.startswith(f"{path}: added "), proc
    assert [p.name for p in (tmp_path / "new").iterdir()] == ["new.db"]
    assert new.stat().st_mode & 0o777 == 0o600 and (tmp_path / "new").stat().st_mode & 0o777 == 0o700
    assert new.read_bytes()[18:20] == b"\x02\x02"  # a WAL database, as open_db makes one (built without the WAL)
    assert _export(new) == _export(demo)


def _lock_free(folder: Path) -> bool:
    """Whether no process holds the lock of an import's folder (as the next import tests it)."""
    fd = os.open(folder / "lock", os.O_RDWR)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    finally:
        os.close(fd)
    return True


def test_an_import_killed_part_way_leaves_a_folder_the_next_import_removes(demo, tmp_path) -> None:
    """kill -9 (or the machine out of memory) while an import builds a new database: its private
    folder stays beside the target, with the half-built file. The next import into that name
    removes it: its lock is free (and one with no lock file, an hour old). The folder of an
    import still running (its lock held), one just made that has no lock yet, and another
    name's stay."""
    path = tmp_path / "all.json"
    demo_db(tmp_path / "big.db", achievements=600).close()  # an import that lasts long enough to be seen
    path.write_text(_export(tmp_path / "big.db"), encoding="utf-8")
    new = tmp_path / "new" / "new.db"
    killed = subprocess.Popen([str(CTOTUI), "--db", str(new), "import", str(path)], stdout=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 30
        while not [f for f in new.parent.glob(".new.db.importing-*") if (f / "lock").exists()]:
            assert killed.poll() is None and time.monotonic() < deadline, "the import ended before it was seen"
        (left,) = new.parent.glob(".new.db.importing-*")
        os.kill(killed.pid, signal.SIGSTOP)
        assert not _lock_free(left)  # held by the import, for as long as it runs
    finally:
        killed.kill()
        killed.wait()
    assert _lock_free(left) and not new.exists()
    others = [new.parent / ".new.db.importing-fresh", new.parent / ".other.db.importing-x"]
    for folder in others:
        folder.mkdir()
    old = new.parent / ".new.db.importing-old"  # no lock file (an older ctotui's), two hours old: gone too
    old.mkdir()
    os.utime(old, (time.time() - 7200, time.time() - 7200))
    live = new.parent / ".new.db.importing-live"
    live.mkdir()
    fd = os.open(live / "lock", os.O_CREAT | os.O_RDWR, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)  # an import building there now
        proc = run_process("--db", str(new), "import", str(_small_export(demo, tmp_path)))
        assert proc.returncode == 0, proc
        assert sorted(p.name for p in new.parent.iterdir()) == sorted(["new.db", live.name, *(f.name for f in others)])
    finally:
        os.close(fd)


def _small_export(demo: Path, tmp_path: Path) -> Path:
    small = tmp_path / "small.json"
    small.write_text(_export(demo), encoding="utf-8")
    return small


def test_import_reads_stdin_as_it_reads_a_file(run_cli, demo, tmp_path) -> None:
    """`ctotui export | ctotui --db other.db import -`: the same rows as from a file, named "stdin"."""
    other = tmp_path / "other.db"
    dry = run_cli("--db", str(other), "import", "-", "--dry-run", input=_export(demo), check_rc=0).stdout
    assert dry.startswith("stdin: would add ") and dry.rstrip().endswith("dry run: nothing was written")
    out = run_cli("--db", str(other), "import", "-", input=_export(demo), check_rc=0).stdout
    assert out.startswith("stdin: added ") and "25 added" in out
    assert _export(other) == _export(demo)
    jrnl = JRNL_SAMPLE.read_text(encoding="utf-8")
    out = run_cli("--db", str(tmp_path / "j.db"), "import", "-", "--format", "jrnl", input=jrnl, check_rc=0).stdout
    assert out.startswith("stdin: imported 6 of 6 jrnl entries")


@pytest.mark.parametrize(
    ("data", "line"),
    [
        (b"not json", "stdin: not valid JSON (line 1, column 1: Expecting value)"),
        (b"\xff\xfe{}", "stdin: not UTF-8 text (byte 0 is not valid UTF-8)"),
        (b"", "stdin: not valid JSON"),
    ],
)
def test_a_bad_import_on_stdin_is_one_line_naming_stdin(demo, data: bytes, line: str) -> None:
    before = _export(demo)
    proc = subprocess.run([str(CTOTUI), "import", "-"], input=data, capture_output=True, timeout=60)
    assert proc.returncode == 2 and proc.stdout == b""
    err = proc.stderr.decode()
    assert err.startswith(f"ctotui: {line}") and err.count("\n") == 1, err
    assert _export(demo) == before


@pytest.mark.parametrize("args", [["nonexistent.json"], ["nonexistent.json", "--dry-run"], ["."], ["/dev/null"]])
def test_an_import_file_that_cannot_be_read_creates_no_database(run_cli, tmp_path, args) -> None:
    new = tmp_path / "new.db"
    proc = run_cli("--db", str(new), "import", *args, check_rc=2)
    assert proc.stderr.count("\n") == 1 and proc.stdout == ""
    assert not new.exists() and list(tmp_path.glob("new.db*")) == []


def test_import_from_jrnl_prints_what_it_imported(run_cli, db_path, tmp_path) -> None:
    out = run_cli("import", str(JRNL_SAMPLE), "--format", "jrnl", check_rc=0).stdout.splitlines()
    assert out[0].endswith("imported 6 of 6 jrnl entries (0 already in the journal)")
    assert "2025-09-03  Cut deploy time from 45 to 7 min.  [45→7 min −84%]  #ci #work" in out[1]
    again = run_cli("import", str(JRNL_SAMPLE), "--format", "jrnl", check_rc=0).stdout
    assert "imported 0 of 6 jrnl entries (6 already in the journal)" in again
    assert "use --format jrnl" in run_cli("import", str(JRNL_SAMPLE), check_rc=2).stderr
    data = json.loads(JRNL_SAMPLE.read_text(encoding="utf-8"))
    data["entries"] += data["entries"][:1]
    twice = tmp_path / "twice.json"
    twice.write_text(json.dumps(data), encoding="utf-8")
    out = run_cli("import", str(twice), "--format", "jrnl", check_rc=0).stdout
    assert "imported 0 of 7 jrnl entries (6 already in the journal, 1 repeated in the file)" in out


def test_backup_prints_the_copy_and_check_says_all_is_well(run_cli, demo, tmp_path) -> None:
    path = Path(run_cli("backup", check_rc=0).stdout.strip())
    assert path.parent == demo.parent / "backups" and path.exists()
    assert _export(path) == _export(demo)
    elsewhere = Path(run_cli("backup", str(tmp_path / "safe"), check_rc=0).stdout.strip())
    assert elsewhere.parent == tmp_path / "safe"
    out = run_cli("check", check_rc=0).stdout
    assert out.rstrip().endswith(f"all is well: {demo}") and "search index achievements_fts  ok" in out


def test_backup_to_a_name_ending_in_db_writes_that_file_and_never_over_one(run_cli, demo, tmp_path) -> None:
    """`ctotui backup ~/safe/journal.db` made a folder named journal.db with the copy inside it."""
    for name in ("journal.db", "Journal.SQLITE", "j.sqlite3"):
        out = run_cli("backup", str(tmp_path / name), check_rc=0).stdout.strip()
        assert Path(out) == tmp_path / name and (tmp_path / name).is_file()
        assert _export(tmp_path / name) == _export(demo)
    before = (tmp_path / "journal.db").read_bytes()
    refused = run_cli("backup", str(tmp_path / "journal.db"), check_rc=2)
    assert "is a file already; nothing was overwritten" in refused.stderr
    assert (tmp_path / "journal.db").read_bytes() == before
    (tmp_path / "old.db").mkdir()  # a folder that happens to end in .db is still a folder
    assert Path(run_cli("backup", str(tmp_path / "old.db"), check_rc=0).stdout.strip()).parent == tmp_path / "old.db"


def test_backup_to_a_dash_is_refused_as_export_and_import_read_it_as_a_stream(run_cli, demo, tmp_path, monkeypatch):
    """`ctotui backup -` made a folder named "-" (export - writes to stdout, import - reads stdin)."""
    monkeypatch.chdir(tmp_path)
    refused = run_cli("backup", "-", check_rc=2)
    assert refused.stderr.startswith("ctotui: a backup is a database file, not a stream: give a folder or FILE.db")
    assert not (tmp_path / "-").exists()
    assert Path(run_cli("backup", "./-", check_rc=0).stdout.strip()).parent == tmp_path / "-"


def test_check_exits_1_when_not_well_and_repair_mends_the_search_index(run_cli, demo) -> None:
    raw = sqlite3.connect(demo, isolation_level=None)
    raw.execute("drop trigger achievements_fts_delete")
    raw.execute("delete from achievement_skills where achievement_id = 3")
    raw.execute("delete from achievement_tags where achievement_id = 3")
    raw.execute("delete from achievements where id = 3")  # behind the search index's back
    raw.close()
    proc = run_cli("check", check_rc=1)
    assert "search index achievements_fts  PROBLEM" in proc.stdout and "not well: 1 check failed" in proc.stdout
    repaired = run_cli("check", "--repair", check_rc=0).stdout
    assert "a copy first: " in repaired and "rebuilt indexes, search index achievements_fts" in repaired


def test_check_a_database_that_is_not_there_or_not_a_database(run_cli, tmp_path) -> None:
    missing = run_cli("--db", str(tmp_path / "none.db"), "check", check_rc=2)
    assert "no database there" in missing.stderr
    junk = tmp_path / "junk.db"
    junk.write_text("not a database")
    refused = run_cli("--db", str(junk), "check", check_rc=2)  # not a SQLite file at all: a fault, as for every command
    assert refused.stdout == "" and refused.stderr.count("\n") == 1 and "not a SQLite database" in refused.stderr


def test_an_import_into_a_new_database_stays_when_the_reader_of_its_report_is_gone(demo, tmp_path) -> None:
    """`ctotui --db new.db import all.json | head -1`: the report was printed before the database had
    its name, the closed pipe stopped the command there, and the new database was thrown away, with
    exit 0. The report now comes once the database is in place."""
    path = tmp_path / "all.json"
    path.write_text(_export(demo), encoding="utf-8")
    new = tmp_path / "new.db"
    read, write = os.pipe()
    os.close(read)  # a reader that is gone before a word is written: as `| true`
    try:
        done = subprocess.run([str(CTOTUI), "--db", str(new), "import", str(path)], stdout=write, timeout=60)
    finally:
        os.close(write)
    assert done.returncode == 0 and new.exists()
    assert _export(new) == _export(demo)


def test_moving_to_a_new_machine_does_not_take_the_sync_folder(run_cli, demo, tmp_path) -> None:
    """export then import into a new file: the new machine has no sync folder, so its first
    sync cannot send every row again as new rows (which doubled the journal everywhere)."""
    share = tmp_path / "share"
    share.mkdir()
    run_cli("sync", "--set-dir", str(share), check_rc=0)
    moved = tmp_path / "move.json"
    run_cli("export", "-o", str(moved), check_rc=0)
    assert "sync." not in moved.read_text(encoding="utf-8")
    data = json.loads(moved.read_text(encoding="utf-8"))
    data["tables"]["settings"].append(
        {"key": "sync.folder", "updated_at": "2026-03-15T10:00:00+00:00", "value": json.dumps(str(share))}
    )
    older = tmp_path / "older.json"
    older.write_text(json.dumps(data), encoding="utf-8")  # an export made before it was left out
    new = tmp_path / "new.db"
    out = run_cli("--db", str(new), "import", str(older), check_rc=0).stdout
    assert "skipped 1 setting that only the machine that exported uses (sync.folder)" in out
    assert "folder: (none saved" in run_cli("--db", str(new), "sync", "--status", check_rc=0).stdout
