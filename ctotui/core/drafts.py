"""Drafts: text being typed, kept in the database so nothing typed is lost.

The UI saves a draft (debounced) while the user types, deletes it when the
text is saved for real, and offers it back when the same form opens again.
Drafts the database refused until the app closed are kept in
``<database>.drafts.json`` (0600) and written back on the next start.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ctotui.core import clock
from ctotui.core.dbfile import db_path
from ctotui.core.whole_file import write_whole

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


def spill_file(db_file: Path) -> Path:
    return db_file.with_name(f"{db_file.name}.drafts.json")


def spill(db: Database, held: dict[str, dict[str, Any] | None]) -> Path:
    """Keep drafts the database refused in a private file beside it (the app is
    closing while the database refuses writes); ``recover`` puts them back."""
    path = spill_file(db_path(db))
    try:
        kept = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        kept = {}
    kept = {**(kept if isinstance(kept, dict) else {}), **held}
    # whole or not at all: a write that fails (a full disk) leaves the drafts kept before as they
    # were, where writing in place had emptied the file (0 bytes, all lost)
    write_whole(path, lambda out: json.dump(kept, out, ensure_ascii=False))
    return path


def draft_text(payload: dict[str, Any] | None) -> str:
    """What a draft holds, as plain lines (its text fields, each as typed): what the app prints
    when it can keep a draft nowhere, so that the text is on the screen at least."""
    if not payload:
        return ""
    return "\n".join(str(v) for v in payload.values() if isinstance(v, str) and v.strip())


def recover(db: Database) -> int:
    """Write the drafts ``spill`` kept into the database, then drop the file; how many."""
    path = spill_file(db_path(db))
    try:
        kept = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return 0
    kept = kept if isinstance(kept, dict) else {}
    with db.atomic():
        for key, payload in kept.items():
            if isinstance(payload, dict):
                save_draft(db, str(key), payload)
            else:
                discard_draft(db, str(key))
    path.unlink(missing_ok=True)
    return len(kept)
