"""The CLI on a file SQLite refuses: `export --salvage` and `check --repair` save what can be read
from a file that lost its tail (each once pointed at the other and both refused); `check` says
"not well" (exit 1) of a damaged file and nothing else: a file that cannot be opened for another
reason is a fault, one line on stderr and exit 2; a full disk is named as such."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from test_read_only_media import _unshare

from ctotui.core.db import open_db


def _truncated(demo_db: Path, size: int) -> Path:
    with demo_db.open("r+b") as fh:
        fh.truncate(size)
    return demo_db


def _one_line(proc: subprocess.CompletedProcess) -> str:
    assert proc.returncode == 2 and proc.stdout == "", (proc.returncode, proc.stdout, proc.stderr)
    assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr, proc.stderr
    return proc.stderr


def test_export_salvage_of_a_file_that_lost_its_tail(demo_db: Path, tmp_path: Path, run_cli) -> None:
    path = _truncated(demo_db, 1_000_000)  # the last 7.6 KB of 1,007,616 bytes gone
    refused = run_cli("--db", str(path), "list", process=True)
    assert "damaged" in _one_line(refused) and "--salvage" in refused.stderr
    out = tmp_path / "saved.json"
    done = run_cli("--db", str(path), "export", "--salvage", "-o", str(out), check_rc=0, process=True)
    assert done.stdout.startswith("saved ") and "attempts (" in done.stdout and done.stderr == ""
    assert len(json.loads(out.read_text())["tables"]["achievements"]) == 120
    run_cli("--db", str(tmp_path / "new.db"), "import", str(out), check_rc=0)


def _leaf_zeroed(demo_db: Path) -> Path:
    """600 bytes of a leaf page of the achievements zeroed, after a checkpoint: rows that read back
    as nulls or stray bytes, without an error from SQLite."""
    conn = sqlite3.connect(demo_db)
    conn.execute("pragma wal_checkpoint(truncate)")
    try:
        (page,) = conn.execute(
            "select pageno from dbstat where name = 'achievements' and pagetype = 'leaf' limit 1 offset 3"
        ).fetchone()
    except sqlite3.OperationalError:
        pytest.skip("this SQLite has no dbstat table")
    size = conn.execute("pragma page_size").fetchone()[0]
    conn.close()
    with demo_db.open("r+b") as fh:
        fh.seek((page - 1) * size + 300)
        fh.write(bytes(600))
    return demo_db


@pytest.mark.parametrize("extra", [["-o", "out.json"], [], ["--format", "md", "-o", "out.md"], ["--global-ids"]])
def test_an_export_of_a_damaged_page_is_refused_not_written(
    demo_db: Path, tmp_path: Path, run_cli, extra, monkeypatch
) -> None:
    """The export wrote "892 rows from 28 tables", exit 0, a file its own import refused (an
    achievement of id 0 with nulls, one dated with NUL bytes); --global-ids failed with "unexpected
    failure (TypeError)". Both now say the file is damaged and how to save what can be read."""
    path = _leaf_zeroed(demo_db)
    monkeypatch.chdir(tmp_path)
    err = _one_line(run_cli("--db", str(path), "export", *extra, process=True))
    assert err == (
        "ctotui: the database file is damaged: `ctotui export --salvage -o FILE` saves what can still be read; "
        "`ctotui check --repair` tries to mend it\n"
    )
    assert not list(tmp_path.glob("out.*"))


def test_export_salvage_says_plainly_when_nothing_can_be_read(demo_db: Path, tmp_path: Path, run_cli) -> None:
    path = _truncated(demo_db, 8192)
    err = _one_line(run_cli("--db", str(path), "export", "--salvage", "-o", str(tmp_path / "s.json"), process=True))
    assert "nothing can be saved" in err and "--repair" not in err and "--salvage" not in err
    assert not (tmp_path / "s.json").exists()


def test_check_of_a_file_that_lost_its_tail_is_not_well_and_repair_rescues(demo_db: Path, run_cli) -> None:
    path = _truncated(demo_db, 1_000_000)
    checked = run_cli("--db", str(path), "check", process=True)
    assert checked.returncode == 1 and checked.stdout.startswith("not well: ") and checked.stderr == ""
    repaired = run_cli("--db", str(path), "check", "--repair", process=True)
    assert repaired.returncode == 1 and repaired.stderr == "", repaired
    assert "rescued what can be read instead: saved " in repaired.stdout
    rescued = [p for p in (path.parent / "backups").iterdir() if ".salvage." in p.name]
    assert len(rescued) == 1 and len(json.loads(rescued[0].read_text())["tables"]["achievements"]) == 120


def test_check_of_what_cannot_be_opened_is_a_fault_not_a_finding(tmp_path: Path, run_cli) -> None:
    folder = tmp_path / "adir"
    folder.mkdir()
    newer = tmp_path / "newer.db"
    db = open_db(newer)
    db.execute("insert into _sqlite_migrations (migration_set, name, applied_at) values ('ctotui', 'm999_future', 'x')")
    db.close()
    for target, words in ((folder, "is a folder"), ("/dev/null", "not a regular file"), (newer, "newer ctotui")):
        err = _one_line(run_cli("--db", str(target), "check", process=True))
        assert words in err and "not well" not in err


# Fill a small tmpfs in a mount namespace of its own (as test_read_only_media.py does), then run
# the commands on the database there; print what each gave, as JSON.
FULL = r"""
import contextlib, io, json, os, shutil, subprocess, sys
from pathlib import Path
from ctotui import cli

media, source, runs = Path(sys.argv[1]), sys.argv[2], json.loads(sys.argv[3])
subprocess.run(["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(media)], check=True)
shutil.copyfile(source, media / "f.db")
fd = os.open(media / "fill", os.O_CREAT | os.O_WRONLY)
with contextlib.suppress(OSError):  # until the disk is full (ENOSPC)
    while os.write(fd, bytes(4096)):
        pass
os.close(fd)
results = []
for argv in runs:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(["--db", str(media / "f.db"), *argv])
    results.append([code, out.getvalue(), err.getvalue()])
print(json.dumps(results))
"""


def test_a_full_disk_is_named_and_check_does_not_call_the_file_damaged(tmp_path: Path) -> None:
    """A full disk is said as such, never "damaged" nor an I/O error; what only reads works there
    (the file is read as on read-only media: test_read_only_media.py), what writes says it is full."""
    source = tmp_path / "f.db"
    db = open_db(source)
    db.close()
    media = tmp_path / "small"
    media.mkdir()
    runs = [["list"], ["info"], ["check"], ["add", "No room"], ["rate", "technical", "3"]]
    proc = subprocess.run(
        [*_unshare(), sys.executable, "-c", FULL, str(media), str(source), json.dumps(runs)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "CTOTUI_NOW": "2026-03-15T10:00:00+00:00"},
    )
    assert proc.returncode == 0, proc.stderr
    results = json.loads(proc.stdout)
    for argv, (code, out, err) in zip(runs[:3], results, strict=False):
        assert code == 0 and "damaged" not in out + err and err.count("\n") <= 1, (argv, code, out, err)
    for argv, (code, out, err) in zip(runs[3:], results[3:], strict=True):
        assert code == 2 and out == "" and err.count("\n") == 1, (argv, code, out, err)
        assert "the disk is full" in err and "damaged" not in err and "input/output" not in err, (argv, err)


def test_what_salvage_saves_imports_and_an_empty_file_has_nothing_to_save(
    demo_db: Path, tmp_path: Path, run_cli
) -> None:
    """The tester's cut at 500,000 bytes: the import refused the salvage (achievement_links row 11:
    achievement 72 not in the file), exit 2, so the rescue came to nothing. An empty file was
    'saved' as 0 rows from 0 tables, exit 0."""
    path = _truncated(demo_db, 500_000)
    out = tmp_path / "s.json"
    saved = run_cli("--db", str(path), "export", "--salvage", "-o", str(out), check_rc=0, process=True)
    assert "achievement_links rows left out: the achievements row they refer to was lost" in saved.stdout
    new = tmp_path / "new.db"
    done = run_cli("--db", str(new), "import", str(out), process=True)
    assert done.returncode == 0 and done.stderr == f"ctotui: started a new journal at {new}\n", done  # no warning
    rows = sum(len(t) for t in json.loads(out.read_text())["tables"].values())
    assert saved.stdout.startswith(f"saved {rows} rows from ")
    path.write_bytes(b"")
    err = _one_line(run_cli("--db", str(path), "export", "--salvage", "-o", str(tmp_path / "e.json"), process=True))
    assert err.endswith("the file is empty: there is nothing to save\n") and not (tmp_path / "e.json").exists()


def test_check_of_an_empty_file_writes_nothing_and_of_a_lost_header_rescues(
    demo_db: Path, tmp_path: Path, run_cli
) -> None:
    """`check --repair` on an empty file made it a 4 KB database, then said 'no such table'; on a file
    whose first 16 bytes were written over it refused it (exit 2), though salvage reads it whole."""
    empty = tmp_path / "empty.db"
    empty.write_bytes(b"")
    err = _one_line(run_cli("--db", str(empty), "check", "--repair", process=True))
    assert err.endswith("the file is empty: there is nothing to check\n") and empty.stat().st_size == 0
    with demo_db.open("r+b") as fh:
        fh.write(b"X" * 16)
    before = demo_db.read_bytes()
    listed = _one_line(run_cli("--db", str(demo_db), "list", process=True))  # every command: damage, with a way on
    assert "the database file is damaged" in listed and "export --salvage" in listed
    done = run_cli("--db", str(demo_db), "check", "--repair", process=True)
    assert done.returncode == 1 and done.stdout.startswith("not well: "), done
    assert "nothing rescued" not in done.stdout and demo_db.read_bytes() == before
    rescued = sorted((demo_db.parent / "backups").glob("*.salvage.*.json"))
    assert len(rescued) == 1 and json.loads(rescued[0].read_text())["tables"]["achievements"]


def test_a_repair_that_cannot_mend_the_file_does_not_send_the_user_back_to_repair(demo_db: Path, run_cli) -> None:
    """After `check --repair` failed on a file with damaged pages, every line still said "`ctotui check
    --repair` tries to mend it" (three times, and once inside the failure itself)."""
    db = open_db(demo_db)
    page_size = db.execute("pragma page_size").fetchone()[0]
    (root,) = db.execute("select rootpage from sqlite_master where name = 'questions'").fetchone()
    db.execute("pragma wal_checkpoint(truncate)")
    db.close()
    with demo_db.open("r+b") as fh:  # the questions table's first page written over
        fh.seek((root - 1) * page_size)
        fh.write(b"\xff" * page_size)
    repaired = run_cli("--db", str(demo_db), "check", "--repair", process=True)
    assert repaired.returncode == 1 and repaired.stderr == "", repaired
    assert "check --repair" not in repaired.stdout, repaired.stdout
    assert "could not be read: the file is damaged" in repaired.stdout
    assert "The rebuild did not mend it: restore a backup" in repaired.stdout.splitlines()[-1]
    checked = run_cli("--db", str(demo_db), "check", process=True)
    assert checked.returncode == 1 and checked.stdout.count("check --repair") == 1, (
        checked.stdout
    )  # said once, at the end


def _written_over(demo_db: Path, table: str, fill: bytes) -> None:
    """A page of ``table`` that holds rows (its last leaf, so not the page SQLite starts from) written
    over with ``fill``."""
    db = open_db(demo_db)
    page_size = db.execute("pragma page_size").fetchone()[0]
    sql = "select max(pageno) from dbstat where name = ? and pagetype = 'leaf'"
    (root,) = db.execute(sql, [table]).fetchone()
    db.execute("pragma wal_checkpoint(truncate)")
    db.close()
    with demo_db.open("r+b") as fh:
        fh.seek((root - 1) * page_size)
        fh.write(fill * page_size)


@pytest.mark.parametrize(
    ("table", "fill"),
    [
        ("achievements_fts_data", b"\xff"),
        ("achievements_fts_idx", b"\x00"),
        ("questions", b"\x5a"),
        ("attempts", b"\xff"),
    ],
)
def test_a_damaged_page_is_called_damage_never_an_index_out_of_step(
    demo_db: Path, run_cli, table: str, fill: bytes
) -> None:
    """A page of the search index written over: its line said "database disk image is malformed (it does
    not match the entries; ctotui check --repair rebuilds it)", so a plain check named check --repair
    twice and a failed repair sent the user back to it; a damaged page under "readable rows" printed
    SQLite's raw "database disk image is malformed"."""
    _written_over(demo_db, table, fill)
    checked = run_cli("--db", str(demo_db), "check", process=True)
    assert checked.returncode == 1 and checked.stderr == "", checked
    assert checked.stdout.count("check --repair") == 1 and "check --repair" in checked.stdout.splitlines()[-1], (
        checked.stdout
    )
    assert "does not match" not in checked.stdout and "malformed" not in checked.stdout.split("\n", 2)[2], (
        checked.stdout
    )
    assert "could not be read: the file is damaged" in checked.stdout
    repaired = run_cli("--db", str(demo_db), "check", "--repair", process=True)
    assert repaired.returncode == 1 and repaired.stderr == "", repaired
    assert "check --repair" not in repaired.stdout and "does not match" not in repaired.stdout, repaired.stdout
