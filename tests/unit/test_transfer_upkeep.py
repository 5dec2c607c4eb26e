"""Backups (SQLite's online backup API, checked, one self-contained file) and
`check` (integrity, foreign keys, the search index), and what --repair rebuilds."""

from __future__ import annotations

import sqlite3

import pytest
from transfer_helpers import demo_db, export_of

from ctotui.core.data.upkeep import backup_to, check, repair
from ctotui.core.db import open_db
from ctotui.core.errors import CtoError
from ctotui.core.journal.entries import add_achievement


def test_a_backup_is_a_checked_copy_in_one_file(tmp_path) -> None:
    db = demo_db(tmp_path / "data" / "ctotui.db", achievements=20)
    done = backup_to(db)
    assert done.path.parent == tmp_path / "data" / "backups"
    assert sorted(p.name for p in done.path.parent.iterdir()) == [done.path.name]  # no -wal, no -shm
    assert done.path.stat().st_mode & 0o777 == 0o600
    copy = open_db(done.path)
    assert export_of(copy) == export_of(db)
    second = backup_to(db)  # the same second: another name, never an overwrite
    assert second.path != done.path and second.path.exists()


def test_a_backup_while_another_connection_writes_holds_what_was_committed(tmp_path) -> None:
    db = demo_db(tmp_path / "a.db", achievements=5)
    writer = open_db(tmp_path / "a.db")
    writer.execute("begin immediate")
    writer.execute(
        "insert into achievements (title, occurred_on, created_at, updated_at) values ('half', '2025-01-01', 'x', 'x')"
    )
    done = backup_to(db, tmp_path / "elsewhere")  # does not wait for the writer
    writer.execute("commit")
    copy = open_db(done.path)
    assert copy.execute("select count(*) from achievements").fetchone()[0] == 5
    assert all(c.ok for c in check(copy))


def test_a_backup_folder_must_be_a_folder(tmp_path) -> None:
    db = demo_db(tmp_path / "a.db", achievements=1)
    (tmp_path / "file").write_text("x")
    with pytest.raises(CtoError, match="is a file"):
        backup_to(db, tmp_path / "file")


def test_check_says_all_is_well_on_a_healthy_database(tmp_path) -> None:
    db = demo_db(tmp_path / "a.db", achievements=30)
    results = check(db)
    assert [r.name for r in results] == [
        "integrity",
        "foreign keys",
        "readable rows",
        "known values",
        "copied dates",
        "search index achievements_fts",
    ]
    assert all(r.ok and not r.problems for r in results)


def test_check_names_a_value_the_app_shows_but_an_import_refuses(tmp_path) -> None:
    """Another tool set a category the app does not know: `check` said all was well, and the file's
    export did not import back ("category 'pizza' is not one of ...")."""
    db = demo_db(tmp_path / "a.db", achievements=10)
    raw = _raw(tmp_path / "a.db")
    raw.execute("update achievements set category = 'pizza' where id = 5")
    raw.execute(
        "update achievement_skills set skill = 'juggling' where achievement_id = 3 and skill = "
        "(select min(skill) from achievement_skills where achievement_id = 3)"
    )
    raw.close()
    known = {r.name: r for r in check(db)}["known values"]
    assert not known.ok
    assert known.problems[0].startswith("achievements id 5: category 'pizza' is not one of scale, savings")
    assert known.problems[0].endswith("(an import refuses it)")
    assert any(p.startswith("achievement_skills achievement_id ") and "skill 'juggling'" in p for p in known.problems)


def _raw(path):
    return sqlite3.connect(path, isolation_level=None)


def test_check_finds_a_search_index_out_of_step_and_repair_rebuilds_it(tmp_path) -> None:
    db = demo_db(tmp_path / "a.db", achievements=10)
    raw = _raw(tmp_path / "a.db")
    raw.execute("drop trigger achievements_fts_insert")  # an entry added behind the index's back
    raw.execute(
        "insert into achievements (title, occurred_on, created_at, updated_at) values ('x', '2025-01-01', 'x', 'x')"
    )
    raw.close()
    fts = {r.name: r for r in check(db)}["search index achievements_fts"]
    assert not fts.ok and "check --repair" in fts.problems[0]
    assert repair(db) == ["indexes", "search index achievements_fts", "copied dates"]
    assert all(r.ok for r in check(db))


def test_check_finds_rows_pointing_at_nothing(tmp_path) -> None:
    db = demo_db(tmp_path / "a.db", achievements=3)
    raw = _raw(tmp_path / "a.db")
    raw.execute("pragma foreign_keys = off")
    raw.execute("insert into achievement_tags values (999, 'orphan', '2025-01-01')")
    raw.close()
    keys = {r.name: r for r in check(db)}["foreign keys"]
    assert not keys.ok and keys.problems[0].startswith("achievement_tags row")


def test_check_finds_an_index_that_does_not_match_its_table(tmp_path) -> None:
    db = demo_db(tmp_path / "a.db", achievements=3)
    db.close()
    raw = _raw(tmp_path / "a.db")
    raw.execute("pragma writable_schema = on")  # the index now claims to hold other columns
    raw.execute(
        "update sqlite_schema set sql = replace(sql, '(field, id)', '(value, id)') where name = 'profile_field'"
    )
    raw.close()
    db = open_db(tmp_path / "a.db")
    integrity = check(db)[0]
    assert not integrity.ok and "missing from index profile_field" in integrity.problems[0]
    assert len(integrity.problems) <= 5
    repair(db)
    assert all(r.ok for r in check(db))
    add_achievement(db, title="still works")


def test_check_on_a_read_only_database_reports_only_real_problems(tmp_path) -> None:
    path = tmp_path / "ctotui.db"
    demo_db(path, achievements=10).close()
    db = open_db(path, read_only=True)
    try:
        results = check(db)
    finally:
        db.close()
    assert [r.name for r in results if not r.ok] == []
    assert any(r.name.startswith("search index") for r in results)


def test_check_on_a_read_only_database_still_finds_a_broken_search_index(tmp_path) -> None:
    path = tmp_path / "ctotui.db"
    db = demo_db(path, achievements=10)
    db.execute("insert into achievements_fts (achievements_fts, rank) values ('automerge', 0)")
    db.execute("delete from achievements_fts_data where id > 10")  # the index loses pages
    db.close()
    ro = open_db(path, read_only=True)
    try:
        broken = [r for r in check(ro) if r.name.startswith("search index")]
    finally:
        ro.close()
    assert broken and not broken[0].ok


def test_repair_on_a_read_only_database_says_it_cannot_write(tmp_path) -> None:
    path = tmp_path / "ctotui.db"
    demo_db(path, achievements=5).close()
    db = open_db(path, read_only=True)
    try:
        with pytest.raises(CtoError, match="read-only here, so it cannot be repaired; nothing was changed"):
            repair(db)
    finally:
        db.close()
    assert not (tmp_path / "backups").exists()


def test_cli_check_never_writes_and_repair_on_a_read_only_file_is_one_line(tmp_path, run_cli) -> None:
    import os
    import stat

    if os.geteuid() == 0:
        pytest.skip("root writes read-only files; the core tests above open the file with mode=ro")
    path = tmp_path / "ro" / "ctotui.db"
    demo_db(path, achievements=5).close()
    path.chmod(stat.S_IRUSR)
    path.parent.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        ok = run_cli("--db", str(path), "check")
        assert ok.returncode == 0 and "all is well" in ok.stdout, ok
        bad = run_cli("--db", str(path), "check", "--repair")
        assert bad.returncode == 2 and bad.stderr.count("\n") == 1 and "cannot be repaired" in bad.stderr
    finally:
        path.parent.chmod(stat.S_IRWXU)
