"""SQL helpers for the schema steps in core/migrations.py: running a script inside
the step's transaction, and the search index's text for an entry's tags."""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database


def run_script(db: Database, sql: str) -> None:
    """Run several statements inside the current transaction.

    ``executescript`` would commit first and break the step's atomicity, so
    statements are split where SQLite says they are complete (triggers keep
    their inner semicolons).
    """
    pending = ""
    for line in sql.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            db.execute(pending)
            pending = ""
    if pending.strip():
        raise ValueError(f"incomplete SQL statement: {pending.strip()[:80]}")


def tags_text(achievement_id: str, where: str = "", union: str = "") -> str:
    """SQL for the ``tags`` column of the FTS index: each tag (by name, as SQLite
    orders the primary key) as its words, then one token standing for the whole
    tag (core/journal/search.py's TAG_MARK and the tag's UTF-8 in hex, which ``#tag``
    finds). ``where`` leaves a tag out and ``union`` adds one: the triggers use
    them to name the text that was indexed before a tag came or went."""
    tags = f"select tag from achievement_tags where achievement_id = {achievement_id}{where}"
    return (
        "(select coalesce(group_concat(tag || ' ' || char(57344) || hex(tag), ' '), '') "
        f"from ({tags}{union} order by tag))"
    )
