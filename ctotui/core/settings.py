"""Settings (key → JSON value) and the profile (every change kept; the latest wins: the value set
last in time, not the row with the highest id, core/latest.py)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from ctotui.core import clock, row_rules

if TYPE_CHECKING:
    from sqlite_utils import Database

    from ctotui.core.dbfile import Reads

# The settings that belong to this machine, not to the journal: the sync folder (and any
# other sync.* key) names a folder here, and the theme suits this terminal. No setting syncs
# (docs/sync.md); these are also left out of an export and skipped by an import, since a new
# machine holding this one's sync folder would send every row again as new rows, doubling the
# journal on every machine.
LOCAL_SETTING_PREFIXES = ("sync.",)
LOCAL_SETTINGS = frozenset({"theme"})


def is_local_setting(key: object) -> bool:
    """Whether the settings key belongs to this machine (see LOCAL_SETTINGS)."""
    return isinstance(key, str) and (key in LOCAL_SETTINGS or key.startswith(LOCAL_SETTING_PREFIXES))


def get_setting(db: Reads, key: str, default: Any = None) -> Any:
    row = db.execute("select value from settings where key = ?", [key]).fetchone()
    return default if row is None else json.loads(row[0])


def set_setting(db: Database, key: str, value: Any) -> None:
    db.execute(
        "insert into settings (key, value, updated_at) values (?, ?, ?) "
        "on conflict (key) do update set value = excluded.value, updated_at = excluded.updated_at",
        [key, json.dumps(value), clock.utc_iso()],
    )


def get_profile(db: Database) -> dict[str, Any]:
    """The current value of every profile field that was ever set.

    A value the app cannot read (written around ctotui; `ctotui check` names it)
    is passed over: the field keeps its newest readable value."""
    current: dict[str, Any] = {}
    for field, value in db.execute("select field, value from profile order by field, set_at, id").fetchall():
        if not row_rules.profile_problem(field, value):
            current[field] = json.loads(value)
    return current


def set_profile(db: Database, **fields: Any) -> dict[str, Any]:
    """Record the fields that changed (history is kept); return the new profile."""
    with db.atomic():
        current = get_profile(db)
        stamp = clock.utc_iso()
        for field, value in fields.items():
            if field not in current or current[field] != value:
                db.execute(
                    "insert into profile (field, value, set_at) values (?, ?, ?)",
                    [field, json.dumps(value), stamp],
                )
        return get_profile(db)


def profile_history(db: Database, field: str) -> list[tuple[Any, str]]:
    """Every value the field has had, oldest first, with when it was set (UTC)."""
    rows = db.execute("select value, set_at from profile where field = ? order by set_at, id", [field]).fetchall()
    return [(json.loads(value), set_at) for value, set_at in rows]
