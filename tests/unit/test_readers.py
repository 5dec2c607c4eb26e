"""The app's reading connections: one per thread, reused by that thread, all closed at exit."""

from __future__ import annotations

import sqlite3
import threading

import pytest

from ctotui.core.db import open_db
from ctotui.core.errors import CtoError
from ctotui.core.journal.entries import add_achievement
from ctotui.core.summary import summarize
from ctotui.ui.readers import Readers


def test_each_thread_reads_on_a_connection_of_its_own(db_path) -> None:
    db = open_db(db_path)
    add_achievement(db, title="Cut p99 latency from 900 ms to 120 ms")
    db.close()
    opened = []
    readers = Readers(db_path, opened.append)
    readers.ready.set()  # the app sets it once it has opened the file
    with readers.reading() as mine, readers.reading() as again:
        assert again is mine  # the same thread: the same connection, opened once

    def elsewhere() -> None:
        with readers.reading() as db:
            theirs.append(db)

    theirs = []
    thread = threading.Thread(target=elsewhere)
    thread.start()
    thread.join()
    assert theirs[0] is not mine
    assert opened == [mine.conn, theirs[0].conn]  # the app is told of each (tests trace through it)
    assert mine.execute("select count(*) from achievements").fetchone()[0] == 1
    readers.close_all()
    with pytest.raises(sqlite3.ProgrammingError):
        mine.execute("select 1")
    with pytest.raises(CtoError, match="closing"), readers.reading():
        pass  # nothing reads once the app has closed them


def test_the_dashboards_summary_leaves_the_counts_out(db_path) -> None:
    db = open_db(db_path)
    add_achievement(db, title="Hired the first two engineers")
    light, full = summarize(db, counts=False), summarize(db)
    assert light.schema == full.schema and light.path == full.path
    assert light.counts == {} and full.counts["achievements"] == 1


def test_a_read_asked_before_the_file_is_open_waits_for_it(tmp_path) -> None:
    """A key pressed as the app starts on a new file: the read waits for the opener (which
    creates the tables) instead of finding none."""
    path = tmp_path / "new.db"
    readers = Readers(path, lambda db: None)
    counted: list[int] = []

    def read() -> None:
        with readers.reading() as db:
            counted.append(db.execute("select count(*) from achievements").fetchone()[0])

    thread = threading.Thread(target=read)
    thread.start()
    thread.join(timeout=0.2)
    assert thread.is_alive() and counted == []  # waiting, not failing
    open_db(path).close()  # the app's opener: the file and its tables
    readers.ready.set()
    thread.join()
    assert counted == [0]
    readers.close_all()
