"""open_db on real files: pragmas, permissions, migrations, and every error path."""

from __future__ import annotations

import fcntl
import hashlib
import os
import sqlite3
import stat
from pathlib import Path

import pytest

from ctotui.core import migrations
from ctotui.core.db import filling_unseen, open_db, schema_steps
from ctotui.core.dbfile import DamagedDatabase, DatabaseError, backup
from ctotui.core.errors import StorageError
from ctotui.core.settings import set_setting


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_new_database_is_private_wal_and_migrated(tmp_path: Path) -> None:
    path = tmp_path / "fresh" / "nested" / "ctotui.db"
    db = open_db(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert db.execute("pragma journal_mode").fetchone()[0] == "wal"
    assert db.execute("pragma foreign_keys").fetchone()[0] == 1
    assert db.execute("pragma busy_timeout").fetchone()[0] >= 5000
    assert schema_steps(db) == migrations.known_steps()
    assert {"settings", "profile", "drafts"} <= set(db.table_names())
    db.close()


def test_a_fill_unseen_writes_the_file_itself_then_is_wal_again(tmp_path: Path) -> None:
    """A new database filled where nothing else sees it (an import into a new file): its commits
    go into the file, not into a -wal (each page written once); afterwards it is a WAL database
    as open_db makes one, whole, with what the fill wrote."""
    path = tmp_path / "new.db"
    db = open_db(path)
    db.execute("pragma wal_checkpoint(truncate)")
    wal = path.with_name(path.name + "-wal")
    with filling_unseen(db):
        assert db.execute("pragma journal_mode").fetchone()[0] == "memory"
        with db.atomic():
            db.execute("insert into settings (key, value, updated_at) values ('a', '1', 'now')")
        assert not wal.exists() or wal.stat().st_size == 0  # nothing went through the -wal
        assert sqlite3.connect(path).execute("select value from settings where key = 'a'").fetchone() == ("1",)
    assert db.execute("pragma journal_mode").fetchone()[0] == "wal"
    assert db.execute("pragma synchronous").fetchone()[0] == 2  # full, as open_db sets it
    db.close()
    again = open_db(path)
    assert again.execute("pragma integrity_check").fetchone() == ("ok",)
    assert again.execute("select value from settings where key = 'a'").fetchone() == ("1",)
    again.close()


def test_a_fill_unseen_still_rolls_back(tmp_path: Path) -> None:
    """Even once the changed pages no longer fit in the cache and went into the file."""
    db = open_db(tmp_path / "new.db")
    with filling_unseen(db):
        with db.atomic():
            for n in range(300):
                db.execute("insert into settings (key, value, updated_at) values (?, ?, 'now')", [f"k{n}", "x" * 500])
        db.execute("pragma cache_size = 5")  # pages
        with pytest.raises(ZeroDivisionError), db.atomic():
            db.execute("update settings set value = 'y' || value")
            db.execute("delete from settings where key > 'k1'")
            raise ZeroDivisionError
        assert db.execute("select count(*), min(value), max(value) from settings where key like 'k%'").fetchone() == (
            300,
            "x" * 500,
            "x" * 500,
        )
        assert db.execute("pragma integrity_check").fetchone() == ("ok",)
    db.close()


def test_a_full_disk_inside_a_fill_unseen_says_so_and_leaves_nothing_half_written(tmp_path: Path) -> None:
    db = open_db(tmp_path / "new.db")
    pages = db.execute("pragma page_count").fetchone()[0]
    with pytest.raises(StorageError, match="disk is full"), filling_unseen(db):
        db.execute(f"pragma max_page_count = {pages + 3}")  # the file may not grow: as a full disk
        with db.atomic():
            for n in range(200):
                db.execute("insert into settings (key, value, updated_at) values (?, ?, 'now')", [f"k{n}", "x" * 500])
    db.execute("pragma max_page_count = 1073741823")
    assert db.execute("select count(*) from settings where key like 'k%'").fetchone() == (0,)
    assert db.execute("pragma integrity_check").fetchone() == ("ok",)
    db.close()


def test_a_new_database_removes_what_an_import_into_its_name_killed_part_way_left(tmp_path: Path) -> None:
    """After an import into a new file was killed (kill -9: its folder and half-built file stay), the
    app or a command making that file new removes the folder once its lock is free; a folder whose
    lock an import holds, and an older file's neighbours, stay (core/import_folders.py)."""
    path = tmp_path / "data" / "ctotui.db"
    path.parent.mkdir()
    dead, live = path.parent / ".ctotui.db.importing-dead", path.parent / ".ctotui.db.importing-live"
    for folder in (dead, live):
        folder.mkdir()
        (folder / "ctotui.db").write_bytes(b"half built")
        (folder / "lock").touch()
    fd = os.open(live / "lock", os.O_RDWR)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)  # an import building there now
        open_db(path).close()
        assert sorted(p.name for p in path.parent.iterdir()) == [live.name, "ctotui.db"]
        open_db(path).close()  # an existing file: nothing is looked for
        dead.mkdir()
        (dead / "lock").touch()
        open_db(path).close()
        assert dead.exists()
    finally:
        os.close(fd)


def test_reopening_applies_nothing_and_makes_no_backup(tmp_path: Path) -> None:
    path = tmp_path / "ctotui.db"
    open_db(path).close()
    open_db(path).close()
    assert sorted(p.name for p in tmp_path.iterdir() if "before-" in p.name) == []


@pytest.mark.parametrize(
    "content",
    [b"hello, I am a text file\n" * 10, b"\x00\x01\x02" * 100, b"SQLite format 2\x00" + b"\x00" * 200],
)
def test_not_a_database_is_refused_and_left_unchanged(tmp_path: Path, content: bytes) -> None:
    folder = tmp_path / "f"
    folder.mkdir()
    path = folder / "notes.db"
    path.write_bytes(content)
    before = digest(path)
    with pytest.raises(DatabaseError, match="not a SQLite database") as err:
        open_db(path)
    assert str(path) in str(err.value)
    assert digest(path) == before
    assert sorted(p.name for p in folder.iterdir()) == ["notes.db"]  # no -wal, no -shm


def test_corrupt_database_after_a_valid_header_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "broken.db"
    path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    before = digest(path)
    with pytest.raises(DamagedDatabase, match="damaged"):  # what check reports and salvage reads
        open_db(path)
    assert digest(path) == before


def test_database_from_a_newer_version_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "ctotui.db"
    db = open_db(path)
    db.execute("insert into _sqlite_migrations (migration_set, name, applied_at) values ('ctotui', 'm999_future', 'x')")
    db.close()
    before = digest(path)
    with pytest.raises(DatabaseError, match="newer ctotui.*m999_future"):
        open_db(path)
    assert digest(path) == before


def test_a_folder_is_not_a_database(tmp_path: Path) -> None:
    with pytest.raises(DatabaseError, match="is a folder"):
        open_db(tmp_path)


def test_unwritable_location_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    with pytest.raises(DatabaseError, match="cannot create the data folder"):
        open_db(blocker / "sub" / "ctotui.db")


def test_location_that_cannot_exist_is_a_clear_error() -> None:
    with pytest.raises(DatabaseError, match="cannot create the database"):
        open_db("/proc/ctotui-cannot-be-here.db")


def test_backup_is_written_before_migrating_a_database_with_data(tmp_path: Path) -> None:
    path = tmp_path / "ctotui.db"
    db = open_db(path)
    set_setting(db, "theme", "nord")
    db.close()

    def m901_test_only(db) -> None:
        db.execute("create table test_only (x)")

    with migrations.with_steps(m901_test_only):
        db = open_db(path)
        assert "test_only" in db.table_names()
        db.close()
    backups = sorted(p for p in tmp_path.iterdir() if ".before-" in p.name)
    assert len(backups) == 1
    name = backups[0].name
    assert name.startswith("ctotui.before-m901_test_only.") and name.endswith(".db")  # the step about to run
    assert stat.S_IMODE(backups[0].stat().st_mode) == 0o600
    old = sqlite3.connect(backups[0])
    assert old.execute("select value from settings where key = 'theme'").fetchone() == ('"nord"',)
    assert "test_only" not in {r[0] for r in old.execute("select name from sqlite_master")}
    old.close()


def test_failed_migration_rolls_back_whole_step(tmp_path: Path) -> None:
    path = tmp_path / "ctotui.db"
    open_db(path).close()

    def m902_broken(db) -> None:
        db.execute("create table half_done (x)")
        db.execute("this is not sql")

    with migrations.with_steps(m902_broken), pytest.raises(DatabaseError, match="cannot update the database schema"):
        open_db(path)
    db = open_db(path)
    assert "half_done" not in db.table_names()
    assert "m902_broken" not in schema_steps(db)
    db.close()


def test_backup_api_copy_is_a_working_database(db, tmp_path: Path) -> None:
    set_setting(db, "theme", "gruvbox")
    target = backup(db, tmp_path / "backups")
    copy = open_db(target)
    assert copy.execute("select value from settings").fetchone()[0] == '"gruvbox"'
    copy.close()


def test_processes_opening_a_new_database_at_once(tmp_path: Path) -> None:
    """Six processes open one new file at the same moment, three times over: each is started,
    imports ctotui, says it is ready and waits on its stdin; all are let go together. Every
    one opens the file (a new file's switch to WAL refused all but one at once, as CI saw)."""
    import subprocess
    import sys

    code = (
        "import sys; from ctotui.core.db import open_db; print('ready', flush=True); "
        "sys.stdin.read(); open_db(sys.argv[1]).close()"
    )
    for round_ in range(3):
        path = tmp_path / f"race{round_}.db"
        procs = [
            subprocess.Popen(
                [sys.executable, "-c", code, str(path)],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
            )
            for _ in range(6)
        ]
        for p in procs:
            assert p.stdout is not None and p.stdout.readline() == b"ready\n"
        for p in procs:
            assert p.stdin is not None
            p.stdin.close()
        codes = [p.wait(timeout=60) for p in procs]
        errors = [p.stderr.read() for p in procs if p.stderr is not None]
        assert codes == [0] * 6, errors
        db = open_db(path)
        assert schema_steps(db) == migrations.known_steps()
        db.close()


def _pre_migration_db(path: Path, stop_before: str) -> None:
    """A ctotui database written by an older ctotui: every step before ``stop_before``."""
    from sqlite_utils import Database

    old = Database(path)
    old.execute("pragma journal_mode = wal")
    migrations.MIGRATIONS.apply(old, stop_before=stop_before)
    old.execute("create table user_notes (x)")  # anything: the file holds data
    old.close()


def test_concurrent_first_opens_of_an_old_database_make_one_backup(tmp_path: Path) -> None:
    import subprocess
    import sys

    last = migrations.known_steps()[-1]
    path = tmp_path / "old.db"
    _pre_migration_db(path, last)
    code = "import sys; from ctotui.core.db import open_db; open_db(sys.argv[1]).close()"
    procs = [subprocess.Popen([sys.executable, "-c", code, str(path)], stderr=subprocess.PIPE) for _ in range(6)]
    errors = [p.communicate(timeout=60)[1] for p in procs]
    assert [p.returncode for p in procs] == [0] * 6, errors
    backups = [p.name for p in tmp_path.iterdir() if ".before-" in p.name]
    assert len(backups) == 1, backups
    assert backups[0].startswith(f"old.before-{last}.")  # named after the step that was about to run
    copy = sqlite3.connect(tmp_path / backups[0])
    assert last not in {n for (n,) in copy.execute("select name from _sqlite_migrations")}
    copy.close()
    assert not [p for p in tmp_path.iterdir() if ".partial-" in p.name]


def test_another_programs_database_is_refused_byte_for_byte(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("create table customers (id integer primary key, name text)")
    conn.execute("insert into customers (name) values ('Ada')")
    conn.commit()
    conn.close()
    before = digest(path)
    with pytest.raises(DatabaseError, match="not a ctotui database .*customers.*left unchanged"):
        open_db(path)
    assert digest(path) == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith("other")] == ["other.sqlite"]  # no -wal, no backup
    conn = sqlite3.connect(path)
    assert conn.execute("pragma journal_mode").fetchone()[0] == "delete"
    conn.close()


def test_an_empty_file_is_set_up_as_a_new_database(tmp_path: Path) -> None:
    path = tmp_path / "empty.db"
    path.touch()
    db = open_db(path)
    assert schema_steps(db) == migrations.known_steps()
    db.close()


@pytest.mark.parametrize("kind", ["fifo", "device"])
def test_a_fifo_or_device_is_refused_without_hanging(tmp_path: Path, kind: str) -> None:
    import os

    if kind == "fifo":
        path = tmp_path / "pipe.db"
        os.mkfifo(path)
    else:
        path = Path("/dev/zero")
    with pytest.raises(DatabaseError, match="not a regular file"):
        open_db(path)


def test_created_folders_are_private_whatever_the_umask(tmp_path: Path) -> None:
    import os

    old = os.umask(0)
    try:
        db = open_db(tmp_path / "a" / "b" / "c" / "ctotui.db")
        target = backup(db, tmp_path / "a" / "copies")
        db.close()
    finally:
        os.umask(old)
    for folder in ("a", "a/b", "a/b/c", "a/copies"):
        assert stat.S_IMODE((tmp_path / folder).stat().st_mode) == 0o700, folder
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_backup_creates_only_the_folder_itself(db, tmp_path: Path) -> None:
    with pytest.raises(DatabaseError, match="cannot write the backup"):
        backup(db, tmp_path / "no" / "such" / "place")
    assert not (tmp_path / "no").exists()


def test_backup_of_a_damaged_database_is_refused_and_leaves_nothing(tmp_path: Path) -> None:
    path = tmp_path / "ctotui.db"
    db = open_db(path)
    db.execute("create table filler (x)")
    with db.conn:
        db.conn.executemany("insert into filler values (?)", [("x" * 500,)] * 400)
    db.execute("pragma wal_checkpoint(truncate)")
    db.close()
    data = bytearray(path.read_bytes())
    page = 4096
    pages = len(data) // page
    for n in range(pages - 20, pages):  # the filler table's pages, written last; the schema stays readable
        data[n * page : n * page + 100] = b"\xff" * 100
    path.write_bytes(bytes(data))
    db = open_db(path, migrate=False)
    with pytest.raises(DatabaseError, match="damaged.*no backup was made.*export --salvage"):
        backup(db, tmp_path / "backups")
    db.close()
    assert list((tmp_path / "backups").iterdir()) == []


def test_a_write_that_finds_the_lock_held_says_so_once_then_waits_the_rest(tmp_path: Path) -> None:
    path = tmp_path / "j.db"
    open_db(path).close()
    holder = sqlite3.connect(path, isolation_level=None)
    told: list[int] = []

    def waiting(timeout_ms: int) -> None:
        told.append(timeout_ms)
        holder.execute("commit")  # the other writer is done while this one waits

    db = open_db(path, busy_timeout=1200, waiting=waiting)
    set_setting(db, "theme", "textual-dark")  # the lock is free: nothing to say
    assert told == []
    holder.execute("begin immediate")
    set_setting(db, "theme", "textual-light")
    assert told == [1200]
    assert db.execute("pragma busy_timeout").fetchone()[0] == 1200  # the whole wait again
    holder.execute("begin immediate")
    with pytest.raises(StorageError) as refused:  # said once: this wait is whole and silent
        set_setting(db, "theme", "nord")
    assert refused.value.kind == "busy" and told == [1200]
    holder.execute("rollback")
    assert db.execute("select value from settings where key = 'theme'").fetchone()[0] == '"textual-light"'
    holder.close()
    db.close()


def test_a_wait_no_longer_than_its_first_part_is_silent(tmp_path: Path) -> None:
    path = tmp_path / "j.db"
    open_db(path).close()
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("begin immediate")
    told: list[int] = []
    db = open_db(path, busy_timeout=300, waiting=told.append)
    with pytest.raises(StorageError):
        set_setting(db, "theme", "nord")
    assert told == []
    holder.execute("rollback")
    holder.close()
    db.close()
