"""Drafts: text being typed, kept in the database so nothing typed is lost.

The UI saves a draft (debounced) while the user types, deletes it when the
text is saved for real, and offers it back when the same form opens again.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ctotui.core import clock

if TYPE_CHECKING:
    from sqlite_utils import Database


@dataclass(frozen=True)
class Draft:
    key: str
    payload: dict[str, Any]
    updated_at: str


def save_draft(db: Database, key: str, payload: dict[str, Any]) -> None:
    db.execute(
        "insert into drafts (key, payload, updated_at) values (?, ?, ?) "
        "on conflict (key) do update set payload = excluded.payload, updated_at = excluded.updated_at",
        [key, json.dumps(payload, ensure_ascii=False), clock.utc_iso()],
    )


def load_draft(db: Database, key: str) -> Draft | None:
    row = db.execute("select key, payload, updated_at from drafts where key = ?", [key]).fetchone()
    return None if row is None else Draft(row[0], json.loads(row[1]), row[2])


def discard_draft(db: Database, key: str) -> None:
    db.execute("delete from drafts where key = ?", [key])


def list_drafts(db: Database, prefix: str = "") -> list[Draft]:
    rows = db.execute(
        "select key, payload, updated_at from drafts where key like ? escape '\\' order by updated_at desc",
        [prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"],
    ).fetchall()
    return [Draft(k, json.loads(p), u) for k, p, u in rows]
