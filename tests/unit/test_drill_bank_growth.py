"""The bank grows without losing anything, and a session leans toward the user's path.

tests/data/drill_before_issue17.db.gz is a real database written by the code before issue 17 (commit
910afe3, the bank of 48 questions): ctotui.core.drill.bank seeded it, then three answers were recorded
(ots-10x-traffic, ntl-too-slow, btt-coaching on 2026-11-02), btt-culture was reworded by the user,
ots-ai-strategy retired, and a question of the user's own added.
"""

from __future__ import annotations

import gzip
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from ctotui.core import playbook
from ctotui.core.db import open_db
from ctotui.core.drill import bank as drill
from ctotui.core.drill.progress import session_queue
from ctotui.core.playbook import RUBRIC
from ctotui.core.settings import get_setting
from ctotui.core.terms import INTERVIEW_CATEGORIES, PATHS
from ctotui.core.timeline.profile import set_path

OLD_DB = Path(__file__).parent.parent / "data" / "drill_before_issue17.db.gz"
QUESTION_COLUMNS = "id, source, source_id, category, text, card, due, reps, lapses, created_at, edited_at, retired_at"
T0 = datetime(2026, 11, 20, 10, 0, tzinfo=UTC)  # the three answers of the old file are due again by then


def _rows(path: Path, sql: str) -> list[tuple]:
    con = sqlite3.connect(path)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


@pytest.fixture
def old_db(tmp_path: Path) -> Path:
    path = tmp_path / "old.db"
    path.write_bytes(gzip.decompress(OLD_DB.read_bytes()))
    return path


def test_an_old_database_gets_the_new_questions_and_keeps_every_schedule(old_db: Path) -> None:
    questions_before = _rows(old_db, f"select {QUESTION_COLUMNS} from questions order by id")
    attempts_before = _rows(old_db, "select * from attempts order by id")
    assert len(questions_before) == 49 and len(attempts_before) == 3  # 48 seeded + the user's own
    shipped = {q.id: (ic.slug, q.text) for ic in playbook.load().interview for q in ic.questions}

    db = open_db(old_db)
    try:
        listed = drill.list_questions(db, include_retired=True)
        assert get_setting(db, drill.SEEDED_KEY) is not None
    finally:
        db.close()

    questions_after = _rows(old_db, f"select {QUESTION_COLUMNS} from questions order by id")
    assert questions_after[: len(questions_before)] == questions_before  # cards, due dates, edits: all as they were
    attempts_after = _rows(old_db, "select * from attempts order by id")
    # every value kept; m012 (issue 17) adds the follow-up, brief, ask-first and criteria columns with their defaults
    assert [row[: len(old)] for row, old in zip(attempts_after, attempts_before, strict=True)] == attempts_before
    assert {row[len(attempts_before[0]) :] for row in attempts_after} == {("", "", 0, "", "", "{}")}
    old_ids = {row[2] for row in questions_before if row[2]}
    added = questions_after[len(questions_before) :]
    assert {row[2] for row in added} == set(shipped) - old_ids
    assert len(added) == len(shipped) - 48
    for row in added:
        assert row[1] == "playbook" and (row[3], row[4]) == shipped[row[2]] and row[7] == 0
    by_ref = {q.ref: q for q in listed}
    assert by_ref["btt-culture"].text == "Describe the engineering culture you build, in my own words."
    assert by_ref["ots-ai-strategy"].retired
    assert by_ref["ots-10x-traffic"].reps == 1 and not by_ref["ots-10x-traffic"].is_new
    assert by_ref["ntl-why-cto"].is_new and by_ref["ntl-why-cto"].card().card_id == by_ref["ntl-why-cto"].id
    assert any(q.source == "user" for q in listed)
    for slug in INTERVIEW_CATEGORIES:
        assert sum(q.category == slug and q.source == "playbook" for q in listed) >= 20


def test_seeding_runs_once_after_the_upgrade(old_db: Path) -> None:
    db = open_db(old_db)
    try:
        drill.list_questions(db)
        count = db.execute("select count(*) from questions").fetchone()[0]
    finally:
        db.close()
    db = open_db(old_db)  # the next start: nothing added twice
    try:
        assert len(drill.list_questions(db, include_retired=True)) == count
        assert db.execute("select count(*) from questions").fetchone()[0] == count
    finally:
        db.close()


def test_the_upgraded_database_still_schedules_its_old_answers_first(old_db: Path) -> None:
    db = open_db(old_db)
    try:
        queue = [q.ref for q in session_queue(db, now=T0, limit=6)]
    finally:
        db.close()
    assert set(queue[:3]) == {"ots-10x-traffic", "ntl-too-slow", "btt-coaching"}  # due ones before new ones
    assert set(queue[3:]) == {"ots-top-risks", "ntl-disagree-ceo", "btt-tough-hire"}  # then the first new ones


# --- leaning toward the user's path ----------------------------------------------------


def _scores(total: int) -> dict[str, int]:
    values = [2] * (total // 2) + [1] * (total % 2)
    return dict(zip(RUBRIC, values + [0] * (len(RUBRIC) - len(values)), strict=True))


def _groups(category: str, path: str) -> tuple[list[str], list[str], list[str]]:
    """A category's playbook questions: those tagged for ``path``, those for every path, the rest."""
    qs = playbook.load().interview_category(category).questions
    return (
        [q.id for q in qs if path in q.paths],
        [q.id for q in qs if not q.paths],
        [q.id for q in qs if q.paths and path not in q.paths],
    )


def test_without_a_path_new_questions_come_in_the_playbook_order(db) -> None:
    assert drill.user_path(db) is None
    queue = [q.ref for q in session_queue(db, "build-the-team", limit=100, now=T0)]
    assert queue == [q.id for q in playbook.load().interview_category("build-the-team").questions]


def test_new_questions_of_the_users_path_come_first(db) -> None:
    set_path(db, "founding-engineer")
    assert drill.user_path(db) == "founding-engineer"
    queue = [q.ref for q in session_queue(db, "build-the-team", limit=100, now=T0)]
    mine, every, other = _groups("build-the-team", "founding-engineer")
    assert len(mine) >= 4 and every and other
    assert queue == mine + every + other  # each group in the playbook's order
    assert queue[0] == "btt-first-ten"  # tagged for founding engineers; btt-tough-hire (every path) comes later


def test_a_mixed_session_leans_in_every_category(db) -> None:
    set_path(db, "corporate-ladder")
    queue = session_queue(db, limit=6, now=T0)
    assert len(queue) == 6
    assert all("corporate-ladder" in drill.paths_of(q) for q in queue)
    assert {q.category for q in queue} == set(INTERVIEW_CATEGORIES)


def test_due_questions_keep_their_order_whatever_the_path(db) -> None:
    at = datetime(2026, 11, 2, 10, 0, tzinfo=UTC)
    for ref in ("btt-tough-hire", "btt-broken-team"):  # every path / corporate ladder only
        drill.record_attempt(db, drill.get_question(db, ref).id, "answer", _scores(2), 60, now=at, fuzz=False)
    without = [q.ref for q in session_queue(db, "build-the-team", limit=3, now=T0)]
    set_path(db, "founding-engineer")
    leaning = [q.ref for q in session_queue(db, "build-the-team", limit=3, now=T0)]
    assert without[:2] == leaning[:2] and set(leaning[:2]) == {"btt-tough-hire", "btt-broken-team"}
    assert (without[2], leaning[2]) == ("btt-coaching", "btt-first-ten")


def test_a_users_own_question_counts_as_for_every_path(db) -> None:
    own = drill.add_question(db, "build-the-team", "How would you hire a designer into an engineering team?")
    assert drill.paths_of(own) == ()
    set_path(db, "founding-engineer")
    queue = [q.ref for q in session_queue(db, "build-the-team", limit=100, now=T0)]
    founding, every, other = _groups("build-the-team", "founding-engineer")
    assert queue == founding + every + [own.ref] + other
    assert all(p in PATHS for q in drill.list_questions(db) for p in drill.paths_of(q))
