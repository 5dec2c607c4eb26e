"""The database file removed or replaced under an open connection (core/watch.py, ui/readers.py,
core/dbfile.py's translation): a read never creates a file, a write to the old file is refused
in one line, and SQLite's "no such table" on a file that passed the opener is a storage fault."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from ctotui.core.db import open_db
from ctotui.core.dbfile import STEPS_TABLE
from ctotui.core.errors import StorageError
from ctotui.core.journal.entries import add_achievement, page_achievements
from ctotui.core.watch import ChangeWatcher, file_identity, gone_words, refuse_writes
from ctotui.ui.readers import Readers


def _other_db(path: Path, titles: list[str]) -> None:
    db = open_db(path)
    for title in titles:
        add_achievement(db, title=title)
    db.close()


def test_the_watcher_sees_the_file_removed_or_replaced(db_path: Path, tmp_path: Path) -> None:
    _other_db(db_path, ["Mine"])
    watcher = ChangeWatcher(db_path, file_identity(db_path))
    try:
        assert not watcher.replaced()
        other = tmp_path / "other.db"
        _other_db(other, ["Theirs"])
        os.replace(other, db_path)
        assert watcher.replaced()
        db_path.unlink()
        assert watcher.replaced()
    finally:
        watcher.close()


def test_a_reader_never_creates_the_file_it_lost(db_path: Path) -> None:
    _other_db(db_path, ["Mine"])
    readers = Readers(db_path, lambda db: None)
    readers.identity = file_identity(db_path)
    readers.ready.set()
    for side in ("", "-wal", "-shm"):
        Path(f"{db_path}{side}").unlink(missing_ok=True)
    with pytest.raises(StorageError) as caught, readers.reading():
        pass
    assert str(caught.value) == gone_words(db_path) and caught.value.kind == "gone"
    assert not db_path.exists()  # no new, empty database where the old one was
    readers.close_all()


def test_a_reader_refuses_a_replaced_file(db_path: Path, tmp_path: Path) -> None:
    _other_db(db_path, ["Mine"])
    readers = Readers(db_path, lambda db: None)
    readers.ready.set()
    with readers.reading() as db:  # the first read takes the file's identity
        assert [a.title for a in page_achievements(db).items] == ["Mine"]
    other = tmp_path / "other.db"
    _other_db(other, ["Theirs"])
    os.replace(other, db_path)
    with pytest.raises(StorageError, match="removed or replaced"), readers.reading():
        pass
    readers.close_all()


def test_writes_to_a_replaced_file_are_refused_and_the_new_file_is_untouched(db_path: Path, tmp_path: Path) -> None:
    """``mv other.db x.db`` under an open connection: its writes went into the new file through the
    -wal both share by name (a tester's row #121 overwritten). Once refused, nothing reaches it."""
    _other_db(db_path, ["Mine"])
    app_db = open_db(db_path)
    add_achievement(app_db, title="Before the replace")
    # written into the file itself: a -wal still holding the old file's pages is read by the new one
    # (SQLite finds it by name), whatever the app does; that is why what comes after must not reach it
    app_db.execute("pragma wal_checkpoint(truncate)")
    other = tmp_path / "other.db"
    _other_db(other, [f"Theirs {n}" for n in range(1, 4)])
    os.replace(other, db_path)
    refuse_writes(app_db, db_path)
    with pytest.raises(StorageError) as caught:
        add_achievement(app_db, title="Typed after replace")
    assert str(caught.value) == gone_words(db_path) and caught.value.kind == "gone"
    assert not caught.value.transient
    assert [a.title for a in page_achievements(app_db).items]  # reads of the old file still work
    check = open_db(db_path)
    assert sorted(a.title for a in page_achievements(check).items) == ["Theirs 1", "Theirs 2", "Theirs 3"]
    assert check.execute("pragma integrity_check").fetchone()[0] == "ok"
    check.close()


@pytest.mark.parametrize(
    "sql", ["select * from drafts", "select no_such_column from achievements"], ids=["table", "column"]
)
def test_no_such_table_on_an_opened_file_is_a_storage_fault(db_path: Path, sql: str) -> None:
    """A file that passed the opener and lost its tables (a new empty file where it was) gave a
    traceback: "OperationalError: no such table: drafts"."""
    db = open_db(db_path)
    other = sqlite3.connect(db_path)  # the file loses its tables (as a new, empty one would have none)
    other.execute("drop table drafts")
    other.execute(f"drop table {STEPS_TABLE}")
    other.commit()
    other.close()
    with pytest.raises(StorageError, match="no longer holds ctotui's tables") as caught:
        db.execute(sql)
    assert caught.value.kind == "gone"
    db.close()


@pytest.mark.parametrize("sql", ["select * from nowhere", "select nope from achievements"])
def test_a_mistake_in_sql_on_a_file_with_its_schema_stays_sqlite_s_own(db_path: Path, sql: str) -> None:
    db = open_db(db_path)
    with pytest.raises(sqlite3.OperationalError) as caught:
        db.execute(sql)
    assert not isinstance(caught.value, StorageError)
    db.close()


def test_the_steps_table_is_the_one_the_opener_records_in() -> None:
    from ctotui.core.migrations import MIGRATIONS

    assert STEPS_TABLE == MIGRATIONS.migrations_table


def test_a_reader_reads_a_file_made_read_only_while_the_app_writes(db_path: Path) -> None:
    """``chmod 444`` on the file and its -wal and -shm, ``chmod 555`` on the folder, while the app runs:
    its open connection still saved, but each new reader went through the opener, which refuses an
    unwritable file, so the list stayed stale under "the folder … is read-only: nothing can be saved".
    A reader opens such a file read-only and sees what was saved."""
    import subprocess
    import sys

    from fs_helpers import without_root_powers

    app_db = open_db(db_path)  # the app's connection, open all along (its -wal and -shm beside the file)
    add_achievement(app_db, title="Saved before the chmod")
    folder = db_path.parent
    script = (
        "import sys; from pathlib import Path; from ctotui.ui.readers import Readers\n"
        "readers = Readers(Path(sys.argv[1]), lambda db: None); readers.ready.set()\n"
        "with readers.reading() as db: print(db.execute('select count(*) from achievements').fetchone()[0])\n"
        "readers.close_all()\n"
    )
    try:
        for side in ("", "-wal", "-shm"):
            os.chmod(f"{db_path}{side}", 0o444)
        os.chmod(folder, 0o555)
        prefix = without_root_powers(folder)
        add_achievement(app_db, title="Saved after the chmod")  # through the open connection
        proc = subprocess.run([*prefix, sys.executable, "-c", script, str(db_path)], capture_output=True, text=True)
        assert (proc.returncode, proc.stdout, proc.stderr) == (0, "2\n", "")
    finally:
        os.chmod(folder, 0o755)
        for side in ("", "-wal", "-shm"):
            os.chmod(f"{db_path}{side}", 0o644)
        app_db.close()
