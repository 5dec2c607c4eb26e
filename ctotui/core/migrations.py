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
def m005_drill(db: Database) -> None:
    """The interview drill: the question bank with each question's fsrs card,
    every attempt (answer, rubric scores, seconds, rating, the fsrs review log),
    and the achievements linked to questions as stories.

    ``question_stories.achievement_id`` has no foreign key: the journal's
    table may be added after this step; a story whose achievement is gone is
    simply not shown.
    """
    run_script(
        db,
        """
        create table questions (
            id integer primary key,
            source text not null check (source in ('playbook', 'user')),
            source_id text unique,          -- the playbook's stable id; null for the user's own
            category text not null,         -- an interview category slug
            text text not null,
            card text not null,             -- fsrs Card.to_json()
            due text not null,              -- the card's due time, UTC ISO (indexed copy)
            reps integer not null default 0,
            lapses integer not null default 0,
            created_at text not null,
            edited_at text,                 -- the wording was changed by the user
            retired_at text
        ) strict;
        create index questions_due on questions (due) where retired_at is null;
        create index questions_category on questions (category, id);

        create table attempts (
            id integer primary key,
            question_id integer not null references questions (id),
            question_text text not null,    -- the wording as it was answered
            answer text not null,
            scores text not null,           -- JSON {criterion: 0..2}
            total integer not null check (total between 0 and 12),
            seconds integer not null check (seconds >= 0),
            limit_seconds integer not null check (limit_seconds > 0),
            rating integer not null check (rating between 1 and 4),
            review_log text not null,       -- fsrs ReviewLog.to_json()
            lapse integer not null default 0 check (lapse in (0, 1)),
            created_at text not null
        ) strict;
        create index attempts_question on attempts (question_id, created_at);
        create index attempts_created on attempts (created_at);

        create table question_stories (
            question_id integer not null references questions (id),
            achievement_id integer not null,
            linked_at text not null,
            primary key (question_id, achievement_id)
        ) strict;
        create index question_stories_achievement on question_stories (achievement_id);
        """,
    )
