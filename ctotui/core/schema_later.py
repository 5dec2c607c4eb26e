"""The schema steps from m008 on (metrics, links, people, the drill's interview realism, sync,
indexes, the day a plan item was moved, the search index's letters written out). Registered in order by core/migrations.py; a new step
goes at the end of this file and of ``STEPS``; a released step never changes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ctotui.core.journal import metrics, metrics_v1
from ctotui.core.schema_sql import run_script, spelled_out_sql, tags_text
from ctotui.core.sync import capture
from ctotui.core.sync import state as sync_state
from ctotui.core.sync.spec import BY_NAME as SYNC_SPECS
from ctotui.core.sync.spec import M014_TABLES

if TYPE_CHECKING:
    from sqlite_utils import Database


def m008_metrics(db: Database) -> None:
    """Metrics of every kind: a change, an amount of money per period, a count with
    its noun, a duration, a multiple, a change by percent or by points
    (core/journal/metrics.py), and where each metric came from.

    ``metric_origin`` is 'parsed' for a number read from the title or body and
    'user' for one the user gave (the form's metric field, ``--metric``). The
    first schema did not record it, so this step tells them apart by asking the
    parser of that time (core/journal/metrics_v1.py, kept unchanged for this step): a
    stored metric equal to what it reads from the entry's title, else its body,
    was made by the parser, and is read again by today's parser; so is an entry
    without a number on which it read none. Any other stored metric was set or
    cleared by hand (the form's metric fields, an import): it is kept as it is,
    with its kind worked out from its values (``metrics.infer_kind``).
    """
    run_script(
        db,
        """
        alter table achievements add column metric_kind text
            check (metric_kind in ('change', 'amount', 'count', 'duration', 'multiple', 'percent', 'points'));
        alter table achievements add column metric_period text
            check (metric_period in ('d', 'wk', 'mo', 'qtr', 'yr'));
        alter table achievements add column metric_label text check (length(metric_label) <= 40);
        alter table achievements add column metric_origin text check (metric_origin in ('parsed', 'user'));
        """,
    )
    rows = db.execute(
        "select id, title, body, metric_before, metric_after, metric_unit, metric_change_pct from achievements"
    ).fetchall()
    updates = []
    for id_, title, body, *stored in rows:
        old = metrics_v1.parse_metric(title) or metrics_v1.parse_metric(body)
        if stored == ([old.before, old.after, old.unit, old.change_pct] if old else [None] * 4):
            new = metrics.parse_metric(title) or metrics.parse_metric(body)
            origin = "parsed" if new else None
        else:
            before, after, unit, pct = stored
            new = metrics.Metric(before, after, unit, pct)
            new, origin = (None, "user") if new.empty else (new, "user")
        values = (
            [None] * 7
            if new is None
            else [new.before, new.after, new.unit, new.change_pct, new.kind, new.period, new.label]
        )
        updates.append((*values, origin, id_))
    db.conn.executemany(
        "update achievements set metric_before = ?, metric_after = ?, metric_unit = ?, metric_change_pct = ?, "
        "metric_kind = ?, metric_period = ?, metric_label = ?, metric_origin = ? where id = ?",
        updates,
    )


def m009_journal_links(db: Database) -> None:
    """Evidence links on an achievement (a pull request, a doc, a dashboard), in the
    order given. They go with the achievement: purged with it (cascade), exported
    and imported with it (the foreign key renumbers them)."""
    run_script(
        db,
        """
        create table achievement_links (
            achievement_id integer not null references achievements (id) on delete cascade,
            position integer not null check (position >= 0),
            url text not null check (length(url) between 1 and 2000),
            primary key (achievement_id, position)
        ) strict, without rowid;
        """,
    )


def m011_people(db: Database) -> None:
    """People and the bar (issue 16): who you told what you want, what they said,
    the bar someone set with its criteria and deadline, and who can vouch for
    what. Names are personal data: like everything else they stay in this file.
    Conversations and the bar's criteria go with their person or bar (cascade)."""
    run_script(
        db,
        """
        create table people (
            id integer primary key,
            name text not null check (length(name) between 1 and 120),
            relation text not null,
            context text not null default '',
            note text not null default '',
            is_reference integer not null default 0 check (is_reference in (0, 1)),
            archived_at text,
            created_at text not null,
            updated_at text not null
        ) strict;
        create index people_name on people (name collate nocase);

        create table conversations (
            id integer primary key,
            person_id integer not null references people (id) on delete cascade,
            held_on text not null,
            asked text not null default '',
            heard text not null default '',
            mine text not null default '',
            theirs text not null default '',
            follow_up_on text,
            followed_up_at text,
            created_at text not null
        ) strict;
        create index conversations_person on conversations (person_id, held_on, id);
        create index conversations_follow_up on conversations (follow_up_on)
            where follow_up_on is not null and followed_up_at is null;

        create table bars (
            id integer primary key,
            person_id integer references people (id) on delete set null,
            conversation_id integer references conversations (id) on delete set null,
            role text not null check (length(role) between 1 and 200),
            agreed_on text not null,
            deadline_on text not null,
            closed_at text,
            created_at text not null
        ) strict;

        create table bar_criteria (
            id integer primary key,
            bar_id integer not null references bars (id) on delete cascade,
            position integer not null check (position >= 0),
            text text not null check (length(text) between 1 and 300),
            met_at text,
            unique (bar_id, position)
        ) strict;

        create table bar_evidence (
            criterion_id integer not null references bar_criteria (id) on delete cascade,
            achievement_id integer not null references achievements (id) on delete cascade,
            primary key (criterion_id, achievement_id)
        ) strict, without rowid;

        create table reference_vouches (
            person_id integer not null references people (id) on delete cascade,
            achievement_id integer not null references achievements (id) on delete cascade,
            primary key (person_id, achievement_id)
        ) strict, without rowid;
        """,
    )


def m012_drill_realism(db: Database) -> None:
    """Interview practice closer to the interview (issue 17): each attempt keeps the
    follow-up challenge shown ('' when none), its answer and seconds, the scenario
    brief shown (JSON of the playbook's Scenario, '' when none), the "what I would
    ask first" field, and the scores of the category's own criteria (JSON
    {criterion id: 0..2}, '{}' for attempts made before them). Old attempts read
    with these defaults."""
    run_script(
        db,
        """
        alter table attempts add column follow_up text not null default '';
        alter table attempts add column follow_up_answer text not null default '';
        alter table attempts add column follow_up_seconds integer not null default 0 check (follow_up_seconds >= 0);
        alter table attempts add column brief text not null default '';
        alter table attempts add column ask_first text not null default '';
        alter table attempts add column criteria_scores text not null default '{}';
        """,
    )


def m013_drill_partner_mock(db: Database) -> None:
    """A partner's score and the mock interview (issue 17). A partner's scores sit
    beside the self-score of the same attempt (one row per attempt, gone with it).
    A mock interview keeps its plan (which question at which place) and, as it is
    answered, each place's attempt and the seconds it took; its items go with it."""
    run_script(
        db,
        """
        create table partner_scores (
            attempt_id integer primary key references attempts (id) on delete cascade,
            scores text not null,
            criteria_scores text not null,
            created_at text not null
        ) strict;

        create table mocks (
            id integer primary key,
            minutes integer not null check (minutes > 0),
            started_at text not null,
            finished_at text
        ) strict;

        create table mock_items (
            mock_id integer not null references mocks (id) on delete cascade,
            position integer not null check (position >= 0),
            question_id integer not null references questions (id),
            attempt_id integer references attempts (id) on delete set null,
            seconds_used integer not null default 0 check (seconds_used >= 0),
            primary key (mock_id, position)
        ) strict, without rowid;
        """,
    )


def m014_sync(db: Database) -> None:
    """Sync between devices (issue 19, docs/sync.md): the local bookkeeping tables
    (``_sync_*``: never exported) and the triggers that note every change to a
    synced table. The rows already there are noted as changed, so the first sync
    sends them. The tables are named here, not taken from the spec's whole list: a
    later step adds the triggers of a table synced later."""
    run_script(db, sync_state.SCHEMA)
    for name in M014_TABLES:
        spec = SYNC_SPECS[name]
        run_script(db, capture.trigger_sql(spec) + capture.mark_all(spec))


def m015_indexes(db: Database) -> None:
    """Indexes for reads that were slow at 100,000 achievements (docs/performance.md):
    the deleted achievements (the trash: usually a handful) by id, so that "live evidence"
    subtracts the deleted ones' links instead of looking up every link's achievement."""
    run_script(
        db,
        """
        create index if not exists achievements_deleted on achievements (id) where deleted_at is not null;
        """,
    )


def m016_latest_by_time(db: Database) -> None:
    """An item's latest row is the one with the latest time, not the highest id (core/latest.py):
    a sync or an import adds rows in the order they arrive. Each history an item's latest row is
    read from gets an index on (item, time, id), so that row is found without a sort."""
    run_script(
        db,
        """
        create index if not exists target_ticks_latest on target_ticks (target_id, at, id);
        create index if not exists skill_step_ticks_latest on skill_step_ticks (step_id, at, id);
        create index if not exists stage_answers_latest on stage_answers (question_id, answered_at, id);
        create index if not exists self_check_answers_latest on self_check_answers (kind, item_id, answered_at, id);
        create index if not exists profile_latest on profile (field, set_at, id);
        """,
    )


def m017_sync_history(db: Database) -> None:
    """Each sync asks what this device sent after the latest clock time its log in the folder holds
    (core/sync/send.py's ``history``): an index on (device, hlc) finds it without reading every
    field value synced (+30 ms a sync at 10,000 achievements without it, growing with the journal)."""
    run_script(
        db,
        """
        create index if not exists _sync_fields_device on _sync_fields (device, hlc);
        create index if not exists _sync_tombstones_device on _sync_tombstones (device, hlc);
        """,
    )


def m018_plan_moved_on(db: Database) -> None:
    """The day a plan item was last moved to another horizon (``moved_on``, local YYYY-MM-DD; null
    for an item never moved): an item saved without a due date counts its horizon's months from
    that day, as the move did, not from the day it was added (core/timeline/plan.py). A file that
    has the column already (the step recorded as not applied) keeps it."""
    if "moved_on" not in db["plan_items"].columns_dict:
        run_script(db, "alter table plan_items add column moved_on text;")


def m019_search_spelled_out(db: Database) -> None:
    """The search index gets each entry's title, body and tags' words with the letters its tokenizer
    keeps whole but a search folds to several written out (schema_sql.SPELLED_OUT: "Straße" is
    indexed as "Strasse", "ﬁle" as "file"), so that ``strasse`` and ``STRASSE`` find it, as
    ``cafe`` finds "Café". The content view and the triggers that keep the index (m007_search)
    are made again around the same text, and the index rebuilt from the view, so that the
    index and its content agree (``ctotui check`` compares them). A tag's own token (its hex)
    stays its exact bytes: ``#tag`` spellings are compared in Python (core/journal/words.py, spellings)."""

    def out(expr: str) -> str:
        return spelled_out_sql(expr)

    def words(entry: str, before: str = "", union: str = "") -> str:
        return tags_text(entry, before, union, spelled_out=True)

    def reindex(id_: str, before: str, union: str) -> str:
        entry = f"from achievements a where a.id = {id_} and a.deleted_at is null"
        return f"""
            insert into achievements_fts (achievements_fts, rowid, title, body, tags)
            select 'delete', a.sort_key, {out("a.title")}, {out("a.body")}, {words("a.id", before, union)} {entry};
            insert into achievements_fts (rowid, title, body, tags)
            select a.sort_key, {out("a.title")}, {out("a.body")}, {words("a.id")} {entry};"""

    run_script(
        db,
        f"""
        drop trigger achievements_fts_insert;
        drop trigger achievements_fts_delete;
        drop trigger achievements_fts_update;
        drop trigger achievement_tags_fts_insert;
        drop trigger achievement_tags_fts_delete;
        drop view achievements_fts_content;

        create view achievements_fts_content as
            select a.sort_key, {out("a.title")} as title, {out("a.body")} as body, {words("a.id")} as tags
            from achievements a where a.deleted_at is null;
        insert into achievements_fts (achievements_fts) values ('rebuild');

        create trigger achievements_fts_insert after insert on achievements
        when new.deleted_at is null begin
            insert into achievements_fts (rowid, title, body, tags)
            values (new.sort_key, {out("new.title")}, {out("new.body")}, {words("new.id")});
        end;
        create trigger achievements_fts_delete before delete on achievements
        when old.deleted_at is null begin
            insert into achievements_fts (achievements_fts, rowid, title, body, tags)
            values ('delete', old.sort_key, {out("old.title")}, {out("old.body")}, {words("old.id")});
        end;
        create trigger achievements_fts_update after update of title, body, occurred_on, deleted_at on achievements begin
            insert into achievements_fts (achievements_fts, rowid, title, body, tags)
            select 'delete', old.sort_key, {out("old.title")}, {out("old.body")}, {words("old.id")}
            where old.deleted_at is null;
            insert into achievements_fts (rowid, title, body, tags)
            select new.sort_key, {out("new.title")}, {out("new.body")}, {words("new.id")}
            where new.deleted_at is null;
        end;

        create trigger achievement_tags_fts_insert after insert on achievement_tags begin
            {reindex("new.achievement_id", before=" and tag <> new.tag", union="")}
        end;
        create trigger achievement_tags_fts_delete after delete on achievement_tags begin
            {reindex("old.achievement_id", before="", union=" union select old.tag")}
        end;
        """,
    )


# In the order they apply.
STEPS = (
    m008_metrics,
    m009_journal_links,
    m011_people,
    m012_drill_realism,
    m013_drill_partner_mock,
    m014_sync,
    m015_indexes,
    m016_latest_by_time,
    m017_sync_history,
    m018_plan_moved_on,
    m019_search_spelled_out,
)
