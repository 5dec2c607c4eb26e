"""The schema steps m001-m007: the first release's tables (journal, timeline, skills, drill,
review, search). Registered in order by core/migrations.py; a released step never changes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ctotui.core.schema_sql import run_script, tags_text

if TYPE_CHECKING:
    from sqlite_utils import Database


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


def m002_journal(db: Database) -> None:
    """Achievements, their skills and tags, and a full-text index of the live ones.

    ``sort_key`` packs (occurred_on, id) into one integer (the date's ordinal
    times 2**32, plus the id): it orders the list newest first, it is the
    keyset for paging, and it is the rowid of the FTS index, so a search can
    walk the index newest first and stop at its LIMIT (a word found in most
    entries is as fast as a rare one). Only live (not deleted) rows are
    indexed; the triggers take a row out on delete and put it back on undo.
    The skill and tag rows carry occurred_on so that "evidence per skill in
    the last 90 days" and a filtered page are read from one index.
    """
    links = "".join(
        f"""
        create table achievement_{table} (
            achievement_id integer not null references achievements (id) on delete cascade,
            {column} text not null,
            occurred_on text not null,
            primary key (achievement_id, {column})
        ) strict, without rowid;
        create index achievement_{table}_by_{column} on achievement_{table} ({column}, occurred_on, achievement_id);
        """
        for table, column in (("skills", "skill"), ("tags", "tag"))
    )
    run_script(
        db,
        """
        create table achievements (
            id integer primary key,
            title text not null check (length(title) between 1 and 200),
            body text not null default '' check (length(cast(body as blob)) <= 1048576),
            occurred_on text not null check (occurred_on glob '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'
                                             and date(occurred_on) = occurred_on),
            category text,
            metric_before real,
            metric_after real,
            metric_unit text,
            metric_change_pct real,
            created_at text not null,
            updated_at text not null,
            deleted_at text,
            sort_key integer not null
                generated always as (cast(julianday(occurred_on) - 1721424.5 as integer) * 4294967296 + id) stored
        ) strict;
        create unique index achievements_sort_key on achievements (sort_key);
        create index achievements_live on achievements (sort_key) where deleted_at is null;
        create index achievements_category on achievements (category, sort_key) where deleted_at is null;
        create index achievements_no_number on achievements (sort_key)
            where deleted_at is null and metric_before is null and metric_after is null and metric_change_pct is null;
        """
        + links
        + """
        create view achievements_fts_content as
            select sort_key, title, body from achievements where deleted_at is null;
        create virtual table achievements_fts using fts5 (
            title, body,
            content = 'achievements_fts_content', content_rowid = 'sort_key',
            tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'
        );

        create trigger achievements_fts_insert after insert on achievements
        when new.deleted_at is null begin
            insert into achievements_fts (rowid, title, body) values (new.sort_key, new.title, new.body);
        end;
        create trigger achievements_fts_delete after delete on achievements
        when old.deleted_at is null begin
            insert into achievements_fts (achievements_fts, rowid, title, body)
            values ('delete', old.sort_key, old.title, old.body);
        end;
        create trigger achievements_fts_update after update of title, body, occurred_on, deleted_at on achievements begin
            insert into achievements_fts (achievements_fts, rowid, title, body)
            select 'delete', old.sort_key, old.title, old.body where old.deleted_at is null;
            insert into achievements_fts (rowid, title, body)
            select new.sort_key, new.title, new.body where new.deleted_at is null;
        end;
        create trigger achievements_moved after update of occurred_on on achievements
        when new.occurred_on is not old.occurred_on begin
            update achievement_skills set occurred_on = new.occurred_on where achievement_id = new.id;
            update achievement_tags set occurred_on = new.occurred_on where achievement_id = new.id;
        end;
        """,
    )


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
            due_on text,                    -- an explicit due date; null = derived (core/timeline/plan.py: default_due)
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


def m004_skills(db: Database) -> None:
    """The skill stack: self-ratings (append-only: a new rating adds a row, none is
    ever changed) and the practical steps ticked and unticked (history kept; the
    newest row per step is its state). Skill slugs and step ids are checked by
    core/skills/stack.py against the playbook, not here, so new areas need no rebuild."""
    run_script(
        db,
        """
        create table skill_ratings (
            id integer primary key,
            skill text not null check (length(skill) > 0),
            level integer not null check (level between 1 and 5),
            note text not null default '' check (length(note) <= 500),
            rated_at text not null
        ) strict;
        create index skill_ratings_skill on skill_ratings (skill, rated_at, id);

        create table skill_step_ticks (
            id integer primary key,
            step_id text not null,          -- a skill step id from the playbook
            ticked integer not null check (ticked in (0, 1)),
            at text not null
        ) strict;
        create index skill_step_ticks_step on skill_step_ticks (step_id, id);
        """,
    )


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


def m006_review(db: Database) -> None:
    """The weekly review: one row per ISO week (its key, e.g. '2026-W11', from the
    user's local date), the step it stopped at, the reflection and "one thing for
    next week", and the plan items chosen as the next week's focus.

    What was rated, answered, logged and ticked during the week is not copied
    here: those histories are append-only and dated (UTC), so a week's report
    reads them by the week's dates and stays exact (core/review/report.py).
    """
    run_script(
        db,
        """
        create table reviews (
            id integer primary key,
            week text not null unique check (week glob '[0-9][0-9][0-9][0-9]-W[0-5][0-9]'),
            step integer not null default 1 check (step between 1 and 6),
            reflection text not null default '' check (length(reflection) <= 20000),
            next_thing text not null default '' check (length(next_thing) <= 300),
            started_at text not null,
            updated_at text not null,
            completed_at text
        ) strict;

        create table review_focus (
            review_id integer not null references reviews (id) on delete cascade,
            plan_item_id integer not null references plan_items (id),
            chosen_at text not null,
            primary key (review_id, plan_item_id)
        ) strict;
        create index review_focus_item on review_focus (plan_item_id);
        """,
    )


def m007_search(db: Database) -> None:
    """The search index holds the tags too: a plain word finds an entry by its
    tags as by its title and body, and ``#perf`` finds the entries tagged perf.

    The index keeps its design (rowid = sort_key, live rows only, newest first
    by rowid). Its content is a view whose ``tags`` column is built from the tag
    rows (``tags_text``), so the triggers on achievement_tags take the entry out
    with the tags text it was indexed with and put it back with the new one. The
    delete trigger on achievements runs BEFORE the row goes: its tags are still
    there (a cascade removes them after it, when the tag triggers find no live
    entry and do nothing). Existing entries are indexed again here.

    The prefix index now holds one-letter prefixes too: while typing ``on-c``
    the last word is a one-letter prefix inside a phrase, which costs ~60 ms
    at 100,000 entries without it and ~8 ms with it (the index grows ~20 %).
    """

    def reindex(id_: str, before: str) -> str:
        """Take a live entry out of the index with its tags text ``before`` and put it back with its tags now."""
        entry = f"from achievements a where a.id = {id_} and a.deleted_at is null"
        return f"""
            insert into achievements_fts (achievements_fts, rowid, title, body, tags)
            select 'delete', a.sort_key, a.title, a.body, {before} {entry};
            insert into achievements_fts (rowid, title, body, tags)
            select a.sort_key, a.title, a.body, {tags_text("a.id")} {entry};"""

    run_script(
        db,
        f"""
        drop trigger achievements_fts_insert;
        drop trigger achievements_fts_delete;
        drop trigger achievements_fts_update;
        drop table achievements_fts;
        drop view achievements_fts_content;

        create view achievements_fts_content as
            select a.sort_key, a.title, a.body, {tags_text("a.id")} as tags
            from achievements a where a.deleted_at is null;
        create virtual table achievements_fts using fts5 (
            title, body, tags,
            content = 'achievements_fts_content', content_rowid = 'sort_key',
            tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3'
        );
        insert into achievements_fts (achievements_fts) values ('rebuild');

        create trigger achievements_fts_insert after insert on achievements
        when new.deleted_at is null begin
            insert into achievements_fts (rowid, title, body, tags)
            values (new.sort_key, new.title, new.body, {tags_text("new.id")});
        end;
        create trigger achievements_fts_delete before delete on achievements
        when old.deleted_at is null begin
            insert into achievements_fts (achievements_fts, rowid, title, body, tags)
            values ('delete', old.sort_key, old.title, old.body, {tags_text("old.id")});
        end;
        create trigger achievements_fts_update after update of title, body, occurred_on, deleted_at on achievements begin
            insert into achievements_fts (achievements_fts, rowid, title, body, tags)
            select 'delete', old.sort_key, old.title, old.body, {tags_text("old.id")} where old.deleted_at is null;
            insert into achievements_fts (rowid, title, body, tags)
            select new.sort_key, new.title, new.body, {tags_text("new.id")} where new.deleted_at is null;
        end;

        create trigger achievement_tags_fts_insert after insert on achievement_tags begin
            {reindex("new.achievement_id", before=tags_text("a.id", where=" and tag <> new.tag"))}
        end;
        create trigger achievement_tags_fts_delete after delete on achievement_tags begin
            {reindex("old.achievement_id", before=tags_text("a.id", union=" union select old.tag"))}
        end;
        create trigger achievement_tags_fixed before update of achievement_id, tag on achievement_tags begin
            select raise(abort, 'a tag is changed by deleting it and adding the new one (the search index follows)');
        end;
        """,
    )


# In the order they apply.
STEPS = (
    m001_initial,
    m002_journal,
    m003_timeline,
    m004_skills,
    m005_drill,
    m006_review,
    m007_search,
)
