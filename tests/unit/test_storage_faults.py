"""Storage faults in the core: translated in one place, and compare-and-set on edits."""

from __future__ import annotations

import sqlite3

import pytest

from ctotui.core.db import open_db
from ctotui.core.dbfile import StorageConnection, import_running, importing
from ctotui.core.errors import Conflict, CtoError, StorageError, storage_error
from ctotui.core.journal.entries import add_achievement, get_achievement, update_achievement


def test_a_lock_past_the_busy_timeout_is_a_storage_error(db_path) -> None:
    db = open_db(db_path, busy_timeout=20)
    other = sqlite3.connect(db_path, isolation_level=None)
    other.execute("begin immediate")
    with pytest.raises(StorageError, match="locked") as caught:
        add_achievement(db, title="Shipped it")
    assert caught.value.kind == "busy" and caught.value.transient
    assert isinstance(caught.value, CtoError) and isinstance(caught.value, sqlite3.OperationalError)
    other.execute("rollback")
    assert add_achievement(db, title="Shipped it").id == 1


def test_the_busy_timeout_comes_from_the_environment(db_path, monkeypatch) -> None:
    monkeypatch.setenv("CTOTUI_BUSY_TIMEOUT_MS", "30")
    assert open_db(db_path).execute("pragma busy_timeout").fetchone()[0] == 30
    monkeypatch.setenv("CTOTUI_BUSY_TIMEOUT_MS", "soon")
    with pytest.raises(CtoError, match="CTOTUI_BUSY_TIMEOUT_MS"):
        open_db(db_path)


def test_a_full_disk_is_a_storage_error(db) -> None:
    pages = db.execute("pragma page_count").fetchone()[0]
    db.execute(f"pragma max_page_count = {pages}")
    with pytest.raises(StorageError, match="disk is full") as caught:
        add_achievement(db, title="Big one", body="x" * 50_000)
    assert caught.value.kind == "full"
    db.execute("pragma max_page_count = 1073741823")
    assert add_achievement(db, title="Big one", body="x" * 50_000).body == "x" * 50_000


def test_a_read_only_file_is_a_storage_error(db_path) -> None:
    open_db(db_path).close()
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, factory=StorageConnection)
    with pytest.raises(StorageError, match="read-only") as caught:
        conn.execute("insert into settings (key, value) values ('x', '1')")
    assert caught.value.kind == "readonly"


def test_other_sqlite_errors_stay_as_they_are(db) -> None:
    with pytest.raises(sqlite3.OperationalError) as caught:
        db.execute("select nope from achievements")
    assert not isinstance(caught.value, StorageError)
    assert storage_error(caught.value) is None


def test_the_import_marker_is_held_while_importing_only(db, db_path) -> None:
    assert not import_running(db_path)
    with importing(db):
        assert import_running(db_path)
    assert not import_running(db_path)


def test_an_edit_of_a_row_changed_meanwhile_is_refused(db_path) -> None:
    mine, theirs = open_db(db_path), open_db(db_path)
    opened = get_achievement(mine, add_achievement(mine, title="Cut costs", body="first").id)
    update_achievement(theirs, opened.id, body="changed from the CLI")
    with pytest.raises(Conflict) as caught:
        update_achievement(mine, opened.id, expected=opened, body="mine")
    assert caught.value.theirs.body == "changed from the CLI"
    assert get_achievement(mine, opened.id).body == "changed from the CLI"  # nothing overwritten
    # keeping mine: save again against the version now seen
    saved = update_achievement(mine, opened.id, expected=caught.value.theirs, body="mine")
    assert saved.body == "mine"


def test_an_unchanged_row_saves_and_a_deleted_one_conflicts(db) -> None:
    from ctotui.core.journal.entries import delete_achievement

    a = get_achievement(db, add_achievement(db, title="Cut costs").id)
    b = update_achievement(db, a.id, expected=a, title="Cut costs by 30%")
    assert b.title == "Cut costs by 30%"
    delete_achievement(db, a.id)
    with pytest.raises(Conflict) as caught:
        update_achievement(db, a.id, expected=b, title="again")
    assert caught.value.theirs is None


def test_plan_item_question_and_profile_edits_are_compare_and_set(db_path) -> None:
    from ctotui.core.drill import bank as drill
    from ctotui.core.rubric import RUBRIC
    from ctotui.core.timeline import plan, profile

    mine, theirs = open_db(db_path), open_db(db_path)
    item = plan.add_item(mine, "3-months", "Write the on-call guide")
    plan.edit_item(theirs, item.id, text="Write the on-call guide, with runbooks")
    with pytest.raises(Conflict) as caught:
        plan.edit_item(mine, item.id, text="mine", expected=item)
    assert caught.value.theirs.text == "Write the on-call guide, with runbooks"
    assert plan.edit_item(mine, item.id, text="mine", expected=caught.value.theirs).text == "mine"

    q = drill.add_question(mine, "own-the-stack", "How do you pick a database?")
    drill.edit_question(theirs, q.id, text="How do you pick a datastore?")
    with pytest.raises(Conflict) as caught:
        drill.edit_question(mine, q.id, text="mine?", expected=q)
    assert caught.value.theirs.text == "How do you pick a datastore?"
    # practising it (card, due, reps change) is not an edit of its wording: no conflict
    fresh = drill.get_question(mine, q.id)
    drill.record_attempt(theirs, q.id, "an answer", dict.fromkeys(RUBRIC, 1), 60)
    assert drill.edit_question(mine, q.id, text="mine?", expected=fresh).text == "mine?"

    before = profile.load(mine)
    profile.update(theirs, role="Staff engineer")
    with pytest.raises(Conflict) as caught:
        profile.update(mine, role="Principal engineer", expected=before)
    assert caught.value.theirs.role == "Staff engineer"
    assert profile.load(mine).role == "Staff engineer"
    assert profile.update(mine, role="Principal engineer", expected=caught.value.theirs).role == "Principal engineer"


def test_an_import_transaction_holds_the_marker_and_a_blocked_write_says_so(db_path) -> None:
    from ctotui.core.data.transfer import transaction

    importer, app = open_db(db_path), open_db(db_path, busy_timeout=20)
    with transaction(importer):
        assert import_running(db_path)
        with pytest.raises(StorageError, match="waiting for the import to finish"):
            add_achievement(app, title="Typed while importing")
    assert not import_running(db_path)
    assert add_achievement(app, title="Typed while importing").id == 1
