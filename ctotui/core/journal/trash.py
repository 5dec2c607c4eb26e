"""The journal's trash: deleted achievements, kept until the user empties it.

Deleting an achievement is soft (``deleted_at``, undone by undelete); the row,
its skills, tags and links stay in the database, in backups and in the JSON
export. ``purge_deleted`` removes them for good: the rows, their skill and tag
links (cascade), the links other areas hold to them (stage target evidence,
interview stories) and an edit draft left for them. One transaction.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ctotui.core.journal.entries import Achievement, get_achievement, writing

if TYPE_CHECKING:
    from sqlite_utils import Database

    from ctotui.core.dbfile import Reads

DELETED = "select id from achievements where deleted_at is not null"


def trash_count(db: Reads) -> int:
    """Deleted achievements waiting in the trash."""
    return db.execute("select count(*) from achievements where deleted_at is not null").fetchone()[0]


def in_trash(db: Reads, limit: int | None = None) -> list[Achievement]:
    """What the trash holds, the latest deleted first (each can come back: undelete)."""
    rows = db.execute(
        "select id from achievements where deleted_at is not null order by deleted_at desc, id desc limit ?",
        [-1 if limit is None else limit],
    ).fetchall()
    return [get_achievement(db, achievement_id, include_deleted=True) for (achievement_id,) in rows]


def purge_deleted(db: Database) -> int:
    """Remove every deleted achievement for good; returns how many went."""
    with writing(db):
        (count,) = db.execute("select count(*) from achievements where deleted_at is not null").fetchone()
        if not count:
            return 0
        for table in ("target_evidence", "question_stories"):
            if db[table].exists():
                db.execute(f"delete from {table} where achievement_id in ({DELETED})")
        db.execute(f"delete from drafts where key in (select 'journal:edit:' || id from ({DELETED}))")
        db.execute("delete from achievement_skills where achievement_id in (" + DELETED + ")")
        db.execute("delete from achievement_tags where achievement_id in (" + DELETED + ")")
        db.execute("delete from achievement_links where achievement_id in (" + DELETED + ")")
        db.execute("delete from achievements where deleted_at is not null")
    return count
