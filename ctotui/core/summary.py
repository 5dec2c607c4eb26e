"""What is in the database, for the dashboard and `ctotui info`."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ctotui.core.db import db_path, schema_steps

if TYPE_CHECKING:
    from sqlite_utils import Database


@dataclass(frozen=True)
class Summary:
    path: str
    size_bytes: int
    schema: tuple[str, ...]
    counts: dict[str, int]

    @property
    def total_rows(self) -> int:
        return sum(self.counts.values())


def user_tables(db: Database) -> list[str]:
    """Tables that hold the user's data (not SQLite's, not migrations, not FTS shadows)."""
    rows = db.execute("pragma table_list").fetchall()
    return sorted(
        name
        for _schema, name, kind, *_ in rows
        if _schema == "main" and kind == "table" and not name.startswith(("sqlite_", "_"))
    )


def summarize(db: Database) -> Summary:
    path = db_path(db)
    size = sum(os.path.getsize(p) for p in (path, f"{path}-wal") if os.path.exists(p))
    counts = {t: db.execute(f'select count(*) from "{t}"').fetchone()[0] for t in user_tables(db)}
    return Summary(str(path), size, tuple(schema_steps(db)), counts)
