"""Hostile files: damaged databases (salvage, check --repair, no false backups),
import files that are not regular files or too large, --db on a FIFO."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

import pytest
from test_hostile_sweep import corrupt

from ctotui.core.data.import_json import read_bounded
from ctotui.core.errors import CtoError


def test_export_salvage_saves_the_readable_rows_and_import_reads_them(tmp_path: Path, run_cli) -> None:
    path = tmp_path / "damaged.db"
    corrupt(path)
    plain = run_cli("--db", str(path), "export", "-o", str(tmp_path / "plain.json"))
    assert plain.returncode == 2 and "damaged" in plain.stderr and "--salvage" in plain.stderr
    assert not (tmp_path / "plain.json").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]  # no half-written file left
    out = tmp_path / "saved.json"
    done = run_cli("--db", str(path), "export", "--salvage", "-o", str(out), check_rc=0)
    assert "could not read all of: " in done.stdout and "achievements (" in done.stdout
    saved = json.loads(out.read_text())["tables"]["achievements"]
    assert 0 < len(saved) < 40
    run_cli("--db", str(tmp_path / "new.db"), "import", str(out), check_rc=0)
    titles = run_cli("--db", str(tmp_path / "new.db"), "list", "--limit", "100", check_rc=0).stdout
    assert sum("Entry " in line for line in titles.splitlines()) == len(saved)


def test_export_salvage_of_a_sound_database_writes_what_export_writes(demo_db: Path, tmp_path: Path, run_cli) -> None:
    """Tags, skills, links and vouches live in WITHOUT ROWID tables: salvage reads them too."""
    run_cli("--db", str(demo_db), "export", "-o", str(tmp_path / "plain.json"), check_rc=0)
    done = run_cli("--db", str(demo_db), "export", "--salvage", "-o", str(tmp_path / "saved.json"), check_rc=0)
    assert "every row could be read" in done.stdout
    assert (tmp_path / "saved.json").read_bytes() == (tmp_path / "plain.json").read_bytes()


def test_backup_and_repair_of_a_damaged_database(tmp_path: Path, run_cli) -> None:
    path = tmp_path / "damaged.db"
    corrupt(path)
    refused = run_cli("--db", str(path), "backup")
    assert refused.returncode == 2 and refused.stderr.count("\n") == 1
    assert "no backup was made" in refused.stderr and "export --salvage" in refused.stderr
    assert [p.name for p in (tmp_path / "backups").iterdir()] == []  # nothing that looks like a backup
    repaired = run_cli("--db", str(path), "check", "--repair")
    assert "rescued what can be read" in repaired.stdout and "could not read all of" in repaired.stdout
    rescued = [p for p in (tmp_path / "backups").iterdir() if ".salvage." in p.name]
    assert len(rescued) == 1 and json.loads(rescued[0].read_text())["tables"]["achievements"]
    assert not [p for p in (tmp_path / "backups").iterdir() if p.suffix == ".db"]


def test_a_backup_gets_its_name_only_once_written_and_checked(tmp_path: Path, run_cli) -> None:
    """The copy is written as .NAME.partial-PID and renamed once checked: a kill leaves only that."""
    from ctotui.core.db import open_db
    from ctotui.core.dbfile import TEMP_MARK, backup

    db = open_db(tmp_path / "ctotui.db")
    done = backup(db, tmp_path / "copies")
    db.close()
    names = [p.name for p in (tmp_path / "copies").iterdir()]
    assert names == [done.name] and TEMP_MARK not in done.name
    copy = sqlite3.connect(done)
    assert copy.execute("pragma quick_check").fetchone() == ("ok",)
    assert copy.execute("pragma journal_mode").fetchone() == ("delete",)
    copy.close()


@pytest.mark.parametrize("target", ["/dev/zero", "fifo", "folder"])
def test_import_refuses_what_is_not_a_regular_file_at_once(tmp_path: Path, run_cli, target: str) -> None:
    if target == "fifo":
        target = str(tmp_path / "pipe")
        os.mkfifo(target)
    elif target == "folder":
        target = str(tmp_path)
    for fmt in ("json", "jrnl"):
        proc = run_cli("import", "--format", fmt, target)  # run_cli's timeout: a hang fails the test
        assert proc.returncode == 2 and proc.stderr.count("\n") == 1
        assert "not a regular file" in proc.stderr


def test_import_refuses_a_file_over_the_limit(tmp_path: Path) -> None:
    big = tmp_path / "big.json"
    big.write_bytes(b" " * 2048)
    with pytest.raises(CtoError, match="larger than the import limit"):
        read_bounded(big, str(big), limit=1024)
    assert read_bounded(big, str(big), limit=4096) == b" " * 2048


def test_db_on_a_fifo_is_refused_without_hanging(tmp_path: Path, run_cli) -> None:
    fifo = tmp_path / "db-pipe"
    os.mkfifo(fifo)
    proc = run_cli("--db", str(fifo), "list")
    assert proc.returncode == 2 and "not a regular file" in proc.stderr
