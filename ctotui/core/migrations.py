"""Schema steps, applied in order by sqlite_utils.Migrations.

Each area adds its own step at the end; a step, once released, never changes.
The step names are the schema's version: a database holding a step this list
does not know was written by a newer ctotui and is refused (core/db.py).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

MIGRATIONS = Migrations("ctotui")
_STEPS: list[str] = []


def step(fn: Callable[[Database], None]) -> Callable[[Database], None]:
    """Register a schema step (in the order of this file)."""
    _STEPS.append(fn.__name__)
    return MIGRATIONS()(fn)


def known_steps() -> list[str]:
    return list(_STEPS)


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


@step
def m001_initial(db: Database) -> None:
    """Settings, the profile (every change kept), and drafts of text being typed."""
    run_script(
        db,
        """
        create table settings (
            key text primary key,
            value text not null,            -- JSON
            updated_at text not null
        ) strict;

        create table profile (
            id integer primary key,
            field text not null,
            value text not null,            -- JSON; the newest row per field is current
            set_at text not null
        ) strict;
        create index profile_field on profile (field, id);

        create table drafts (
            key text primary key,           -- e.g. 'journal:new', 'drill:answer:12'
            payload text not null,          -- JSON
            updated_at text not null
        ) strict;
        """,
    )
