"""The CLI's one place where failures become one plain line: real SQLite and OS
errors (a full database, a read-only one, a lock, a full disk) each get a line
that says what happened."""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path

import pytest

from ctotui.cli import describe_failure
from ctotui.core.db import open_db
from ctotui.core.journal.entries import add_achievement


def _error_of(action) -> BaseException:
    with pytest.raises(Exception) as caught:
        action()
    return caught.value


def test_a_full_database(tmp_path: Path) -> None:
    db = open_db(tmp_path / "full.db")
    pages = db.execute("pragma page_count").fetchone()[0]
    db.execute(f"pragma max_page_count = {pages}")  # the file may not grow: as a full disk
    exc = _error_of(lambda: [add_achievement(db, title=f"Entry {n}", body="x" * 3000) for n in range(50)])
    db.close()
    assert isinstance(exc, sqlite3.OperationalError)
    assert describe_failure(exc).startswith("the disk (or the database's size limit) is full")


def test_a_read_only_database(tmp_path: Path) -> None:
    open_db(tmp_path / "ro.db").close()
    db = open_db(tmp_path / "ro.db", read_only=True)
    exc = _error_of(lambda: add_achievement(db, title="Read only"))
    db.close()
    assert "read-only" in describe_failure(exc) and "\n" not in describe_failure(exc)


def test_a_locked_database(tmp_path: Path) -> None:
    path = tmp_path / "locked.db"
    open_db(path).close()
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("begin immediate")
    other = sqlite3.connect(path, timeout=0, isolation_level=None)
    try:
        exc = _error_of(lambda: other.execute("begin immediate"))
    finally:
        other.close()
        holder.execute("rollback")
        holder.close()
    assert describe_failure(exc).startswith("the database is busy")


def test_a_full_disk_and_an_overflow() -> None:
    if not Path("/dev/full").is_char_device():
        pytest.skip("no /dev/full here")

    def write() -> None:
        with open("/dev/full", "w") as out:
            out.write("x" * 10_000)

    exc = _error_of(write)
    assert exc.errno == errno.ENOSPC and "no space left" in describe_failure(exc)
    overflow = _error_of(lambda: sqlite3.connect(":memory:").execute("select ?", [2**70]))
    assert "out of range" in describe_failure(overflow)
