"""What is in the database, for the dashboard and `ctotui info`.

The journal's tables count live entries only, as the journal and its card do:
deleted achievements (and their skill, tag and link rows) are counted apart,
as the trash, until ``ctotui purge`` empties it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ctotui.core.dbfile import db_path
from ctotui.core.dbread import applied_steps

if TYPE_CHECKING:
    from ctotui.core.dbfile import Reads


DELETED = "select id from achievements where deleted_at is not null"
LIVE = {  # the where clause that leaves deleted achievements out of a journal table's count
    "achievements": " where deleted_at is null",
    **{
        table: f" where achievement_id not in ({DELETED})"
        for table in (
            "achievement_skills",
            "achievement_tags",
            "achievement_links",
            "target_evidence",
            "question_stories",
        )
    },
}


@dataclass(frozen=True)
class Summary:
    path: str
    size_bytes: int
    schema: tuple[str, ...]
    counts: dict[str, int]
    trash: int = 0  # deleted achievements, not in ``counts``

    @property
    def total_rows(self) -> int:
        return sum(self.counts.values())


def user_tables(db: Reads) -> list[str]:
    """Tables that hold the user's data (not SQLite's, not migrations, not FTS shadows)."""
    rows = db.execute("pragma table_list").fetchall()
    return sorted(
        name
        for _schema, name, kind, *_ in rows
        if _schema == "main" and kind == "table" and not name.startswith(("sqlite_", "_"))
    )


def summarize(db: Reads, *, counts: bool = True) -> Summary:
    """The file, its size, its schema steps and (unless ``counts=False``: the dashboard
    shows none, and counting every table at 100,000 entries costs tens of ms) the rows."""
    path = db_path(db)
    size = sum(os.path.getsize(p) for p in (path, f"{path}-wal") if os.path.exists(p))
    if not counts:
        return Summary(str(path), size, tuple(applied_steps(db)), {})
    rows = {t: db.execute(f'select count(*) from "{t}"' + LIVE.get(t, "")).fetchone()[0] for t in user_tables(db)}
    trash = db.execute(f"select count(*) from ({DELETED})").fetchone()[0] if "achievements" in rows else 0
    return Summary(str(path), size, tuple(applied_steps(db)), rows, trash)
