"""A command that writes while another program holds the database's write lock says that it is
waiting, once it has waited half a second (core/dbfile.py's ``wait_in_two``), then waits on: a
command silent for the whole timeout (10 s) looked hung. The lock is held by this process, the
command runs as a user runs it."""

from __future__ import annotations

import os
import sqlite3
import subprocess
from pathlib import Path

from process_tools import CTOTUI

from ctotui.core.db import open_db
from ctotui.core.dbfile import importing
from ctotui.core.journal.entries import add_achievement, count_achievements


def journal(tmp_path: Path) -> Path:
    path = tmp_path / "j.db"
    db = open_db(path)
    add_achievement(db, title="Shipped the billing migration")
    db.close()
    return path


def add(path: Path, title: str, **env: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [str(CTOTUI), "--db", str(path), "add", title],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, **env},
    )


def test_a_write_says_it_waits_for_another_writer_then_goes_in(tmp_path: Path) -> None:
    path = journal(tmp_path)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("begin immediate")
    proc = add(path, "Cut on-call pages from 40 to 9 a week")
    try:
        said = proc.stderr.readline()  # while the lock is still held: the command has not finished
        assert said == f"ctotui: another program is writing to {path}; waiting for it (up to 10 s)\n"
    finally:
        holder.execute("commit")
        holder.close()
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    assert err == "" and out.strip() == "2"
    db = open_db(path)
    assert count_achievements(db) == 2
    db.close()


def test_a_write_that_waits_in_vain_says_so_then_fails_in_one_line(tmp_path: Path) -> None:
    path = journal(tmp_path)
    db = open_db(path)
    try:
        with importing(db):  # an import holds the lock: the words name it
            db.execute("begin immediate")
            proc = add(path, "Hired two engineers", CTOTUI_BUSY_TIMEOUT_MS="1500")
            out, err = proc.communicate(timeout=60)
            db.execute("rollback")
    finally:
        db.close()
    assert proc.returncode == 2 and out == ""
    assert err.splitlines() == [
        f"ctotui: another ctotui is importing into {path}; waiting for it (up to 1.5 s)",
        "ctotui: waiting for the import to finish: another ctotui is importing into this database",
    ]
    db = open_db(path)
    assert count_achievements(db) == 1
    db.close()
