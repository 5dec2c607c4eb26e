"""core/dbread.py: a file at this version's schema opens with sqlite3 alone; any other
file is left to the opener (core/db.py), untouched."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from ctotui.core import dbread, migrations
from ctotui.core.db import open_db, schema_steps
from ctotui.core.dbfile import DatabaseError, StorageConnection
from ctotui.core.drill.bank import ensure_questions
from ctotui.core.journal.entries import add_achievement, get_achievement, search_achievements


def test_the_reader_knows_the_same_steps_as_the_migrations() -> None:
    assert list(dbread.SCHEMA_STEPS) == migrations.known_steps()
    assert dbread.MIGRATIONS_TABLE == migrations.MIGRATIONS.migrations_table
    assert dbread.MIGRATION_SET == migrations.MIGRATIONS.name


def test_a_current_file_opens_with_the_openers_settings_and_reads_the_same(tmp_path: Path) -> None:
    path = tmp_path / "c.db"
    db = open_db(path)
    add_achievement(db, title="Took the on-call pager", occurred_on="2026-01-05", tags=["ops"])
    add_achievement(db, title="Halved time-to-hire", occurred_on="2026-01-07")
    expected = search_achievements(db, "on-call")
    db.close()
    conn = dbread.open_current(path, busy_timeout=1234)
    assert isinstance(conn, StorageConnection) and conn.db_file == path
    try:
        assert conn.execute("pragma busy_timeout").fetchone() == (1234,)
        assert conn.execute("pragma foreign_keys").fetchone() == (1,)
        assert conn.isolation_level is None
        assert search_achievements(conn, "on-call") == expected
        assert get_achievement(conn, 2).title == "Halved time-to-hire"
    finally:
        conn.close()


def test_a_query_only_connection_reads_and_refuses_every_write(tmp_path: Path) -> None:
    """What the app reads Home on before its opener runs: reads work; the core's writes (which
    begin with ``atomic()``) raise WriteNeeded before anything, and a bare write is refused by SQLite."""
    path = tmp_path / "q.db"
    db = open_db(path)
    add_achievement(db, title="Took the on-call pager", occurred_on="2026-01-05")
    db.close()
    conn = dbread.open_current(path, query_only=True)
    assert isinstance(conn, dbread.QueryOnlyConnection)
    try:
        assert get_achievement(conn, 1).title == "Took the on-call pager"
        assert dbread.applied_steps(conn) == list(dbread.SCHEMA_STEPS)
        with pytest.raises(dbread.WriteNeeded):  # the journal's writes begin with conn.in_transaction
            add_achievement(conn, title="Never written", occurred_on="2026-01-06")  # type: ignore[arg-type]  # a plain connection, on purpose
        with pytest.raises(dbread.WriteNeeded):  # the bank's seeding begins with atomic()
            ensure_questions(conn)  # type: ignore[arg-type]  # a plain connection, on purpose
        with pytest.raises(sqlite3.OperationalError, match="readonly|read-only"):
            conn.execute("insert into settings (key, value, updated_at) values ('k', '1', 'now')")
    finally:
        conn.close()
    db = open_db(path)
    try:
        assert db.execute("select title from achievements").fetchall() == [("Took the on-call pager",)]
        assert db.execute("select count(*) from settings where key = 'k'").fetchone() == (0,)
    finally:
        db.close()


def test_no_file_is_left_to_the_opener_and_not_created(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    assert dbread.open_current(folder / "none.db") is None
    assert not list(folder.iterdir())


def test_an_empty_or_foreign_file_is_left_to_the_opener_unchanged(tmp_path: Path) -> None:
    tmp_path = tmp_path / "data"
    tmp_path.mkdir()
    empty = tmp_path / "empty.db"
    empty.touch()
    foreign = tmp_path / "other.db"
    other = sqlite3.connect(foreign)
    other.execute("create table notes (x)")
    other.commit()
    other.close()
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    assert dbread.open_current(empty) is None
    assert dbread.open_current(foreign) is None
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before  # nothing written, no -wal made


def test_an_older_or_newer_schema_is_left_to_the_opener(tmp_path: Path) -> None:
    older = tmp_path / "older.db"
    db = open_db(older)
    db.execute("delete from _sqlite_migrations where name = ?", [dbread.SCHEMA_STEPS[-1]])
    db.close()
    assert dbread.open_current(older) is None
    db = open_db(older)  # the opener's path: the step is applied again
    assert schema_steps(db) == list(dbread.SCHEMA_STEPS)
    db.close()
    assert dbread.open_current(older) is not None

    def m901_test_only(db) -> None:
        db.execute("create table test_only (x)")

    newer = tmp_path / "newer.db"
    with migrations.with_steps(m901_test_only):
        open_db(newer).close()
    assert dbread.open_current(newer) is None
    with pytest.raises(DatabaseError, match="written by a newer ctotui"):
        open_db(newer)


@pytest.mark.parametrize("content", [b"not a database at all", b"SQLite format 3\x00" + b"\xff" * 200])
def test_a_file_that_is_no_database_is_refused_or_left_to_the_opener(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "bad.db"
    path.write_bytes(content)
    try:
        assert dbread.open_current(path) is None  # a damaged file after a valid header: the opener says why
    except DatabaseError as exc:
        assert "not a SQLite database" in str(exc)  # no SQLite header: the same check as the opener's
    assert path.read_bytes() == content


def test_a_folder_is_refused_as_the_opener_refuses_it(tmp_path: Path) -> None:
    with pytest.raises(DatabaseError, match="is a folder"):
        dbread.open_current(tmp_path)


def test_one_read_is_one_snapshot_and_runs_a_statement_once(tmp_path: Path) -> None:
    """What Home's first read reads through: a statement asked again with the same parameters is
    not run again, every statement sees the file as the read began (another connection's commit
    meanwhile is not half seen), and a write raises WriteNeeded as on the connection."""
    path = tmp_path / "o.db"
    db = open_db(path)
    add_achievement(db, title="Took the on-call pager", occurred_on="2026-01-05")
    conn = dbread.open_current(path, query_only=True)
    assert isinstance(conn, dbread.QueryOnlyConnection)
    ran: list[str] = []
    conn.set_trace_callback(ran.append)
    count = "select count(*) from achievements where deleted_at is null"
    try:
        with dbread.OneRead(conn) as reads:
            assert reads.execute(count).fetchone() == (1,)
            add_achievement(db, title="Saved by another program meanwhile", occurred_on="2026-01-06")
            assert reads.execute(count).fetchall() == [(1,)]  # the same answer: not run again
            assert list(reads.execute("select title from achievements where id = ?", [1])) == [
                ("Took the on-call pager",)
            ]
            assert reads.execute("select count(*) from achievements").fetchone() == (
                1,
            )  # run now, in the same snapshot
            rows = reads.execute("select title from achievements where id = ?", (1,)).fetchall()
            rows.clear()  # a caller's list is its own
            assert reads.execute("select title from achievements where id = ?", [1]).fetchall() == [
                ("Took the on-call pager",)
            ]
            with pytest.raises(dbread.WriteNeeded):
                with reads.atomic():
                    pass
            with pytest.raises(dbread.WriteNeeded):
                _ = reads.conn
        assert ran.count(count) == 1
        assert sum(sql.startswith("select title") for sql in ran) == 1
        assert not conn.in_transaction
        assert conn.execute(count).fetchone() == (2,)  # after the read: the file as it is now
    finally:
        conn.close()
        db.close()
