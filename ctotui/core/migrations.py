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


@step
def m003_timeline(db: Database) -> None:
    """The timeline: target ticks, their evidence, answers to the stage questions,
    the action plan, and the self-checks. Every history is kept (rows are appended;
    the newest row per item is its current state)."""
    run_script(
        db,
        """
        create table target_ticks (
            id integer primary key,
            target_id text not null,        -- a stage target id from the playbook
            ticked integer not null check (ticked in (0, 1)),
            at text not null
        ) strict;
        create index target_ticks_target on target_ticks (target_id, id);

        -- No foreign key to achievements: the journal may not exist in this file yet.
        create table target_evidence (
            target_id text not null,
            achievement_id integer not null,
            linked_at text not null,
            primary key (target_id, achievement_id)
        ) strict;
        create index target_evidence_achievement on target_evidence (achievement_id);

        create table stage_answers (
            id integer primary key,
            question_id text not null,      -- a stage question id from the playbook
            answer text not null,
            answered_at text not null
        ) strict;
        create index stage_answers_question on stage_answers (question_id, id);

        create table plan_items (
            id integer primary key,
            horizon text not null check (horizon in ('3-months', '6-12-months', '2-3-years')),
            source_id text unique,          -- the playbook item it was seeded from; null for the user's own
            text text not null check (length(trim(text)) > 0),
            status text not null default 'open' check (status in ('open', 'done', 'dropped')),
            due_on text,                    -- an explicit due date; null = plan start + horizon
            created_at text not null,
            updated_at text not null,
            done_at text,
            dropped_at text
        ) strict;
        create index plan_items_horizon on plan_items (horizon, status, id);

        create table self_check_answers (
            id integer primary key,
            kind text not null check (kind in ('signal', 'mistake', 'environment')),
            item_id text not null,
            answer text not null check (answer in ('yes', 'partly', 'no')),
            note text not null default '',
            answered_at text not null
        ) strict;
        create index self_check_answers_item on self_check_answers (kind, item_id, id);
        """,
    )
