"""Evidence links in the model: checked, kept in order, added to an older database by m009, purged with their entry."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ctotui.core.db import open_db, schema_steps
from ctotui.core.errors import CtoError
from ctotui.core.journal.entries import add_achievement, delete_achievement, get_achievement, update_achievement
from ctotui.core.journal.evidence import LINKS_MAX, clean_links
from ctotui.core.journal.trash import purge_deleted, trash_count
from ctotui.core.migrations import MIGRATIONS
from ctotui.core.summary import summarize


def test_links_are_kept_in_order_once_and_replaced_on_edit(db):
    a = add_achievement(
        db, title="Shipped", links=[" https://b.example/2 ", "https://a.example/1", "https://b.example/2", ""]
    )
    assert a.links == ("https://b.example/2", "https://a.example/1")
    assert update_achievement(db, a.id, title="Shipped it").links == a.links
    assert update_achievement(db, a.id, links=["file:///notes/x.md"]).links == ("file:///notes/x.md",)
    assert update_achievement(db, a.id, links=[]).links == ()


def test_too_many_links_or_a_bad_one_writes_nothing(db):
    with pytest.raises(CtoError, match=f"keep it to {LINKS_MAX}"):
        add_achievement(db, title="x", links=[f"https://a.example/{i}" for i in range(LINKS_MAX + 1)])
    a = add_achievement(db, title="y", links=["https://a.example/1"])
    with pytest.raises(CtoError, match="not a web address"):
        update_achievement(db, a.id, title="changed", links=["ftp://a.example/file"])
    assert get_achievement(db, a.id).title == "y" and get_achievement(db, a.id).links == ("https://a.example/1",)
    assert db.execute("select count(*) from achievements").fetchone() == (1,)


@given(st.text(max_size=80))
def test_any_text_is_a_safe_link_or_a_clear_error(text):
    try:
        (link,) = clean_links([text]) or ("https://placeholder.example",)
    except CtoError as exc:
        assert "link" in str(exc)
    else:
        assert link.split(":", 1)[0].lower() in ("https", "http", "file")
        assert not any(ch.isspace() or ord(ch) < 32 or 0x7F <= ord(ch) <= 0x9F or ch in '<>"' for ch in link)


def test_m009_adds_links_to_a_database_of_the_previous_schema(tmp_path: Path):
    path = tmp_path / "old.db"
    db = open_db(path)
    old = add_achievement(db, title="Written before links existed", occurred_on="2025-01-01")
    # As the previous ctotui left it: no links table, the step not recorded.
    db.execute("drop table achievement_links")
    db.execute(f"delete from {MIGRATIONS.migrations_table} where name = 'm009_journal_links'")
    db.conn.commit()
    db.close()
    db = open_db(path)
    try:
        assert "m009_journal_links" in schema_steps(db)
        assert get_achievement(db, old.id).links == ()
        assert update_achievement(db, old.id, links=["https://a.example/pr/1"]).links == ("https://a.example/pr/1",)
    finally:
        db.close()


def test_purge_takes_links_and_counts_agree(db):
    keep = add_achievement(db, title="Kept", skills=["business"], links=["https://a.example/1"])
    gone = add_achievement(db, title="Gone", skills=["business"], tags=["t"], links=["https://a.example/2"])
    delete_achievement(db, gone.id)
    s = summarize(db)
    assert (s.counts["achievements"], s.counts["achievement_links"], s.counts["achievement_skills"], s.trash) == (
        1,
        1,
        1,
        1,
    )
    assert purge_deleted(db) == 1 and trash_count(db) == 0 and purge_deleted(db) == 0
    assert db.execute("select achievement_id from achievement_links").fetchall() == [(keep.id,)]
    assert db.execute("select count(*) from achievement_tags").fetchone() == (0,)
    assert summarize(db).counts["achievements"] == 1
