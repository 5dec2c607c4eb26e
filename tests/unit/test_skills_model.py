"""The skill stack on a real SQLite file: ratings kept, evidence from the journal, steps, the demo."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta

import pytest

from ctotui.core.demo import build as demo
from ctotui.core.errors import CtoError, NotFound
from ctotui.core.journal.entries import add_achievement, delete_achievement, update_achievement
from ctotui.core.skills import stack as skills

NOW = "2026-03-15T10:00:00+00:00"


@pytest.fixture(autouse=True)
def frozen(monkeypatch):
    import time

    monkeypatch.setenv("CTOTUI_NOW", NOW)
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def today():
    return datetime.fromisoformat(NOW).date()


def days_ago(n: int) -> str:
    return (today() - timedelta(days=n)).isoformat()


def area(db, slug: str) -> skills.AreaStatus:
    return next(a for a in skills.skill_stack(db) if a.skill == slug)


def count_rows(db, table: str) -> int:
    return db.execute(f"select count(*) from {table}").fetchone()[0]


# --- ratings ----------------------------------------------------------------------


def test_rating_adds_a_row_and_never_changes_one(db):
    first = skills.rate(db, "leadership", 2, "mentoring one junior")
    second = skills.rate(db, "lead", "3")
    history = skills.ratings(db, "leadership")
    assert history == [first, second]
    assert (history[0].level, history[0].note, history[1].level, history[1].note) == (2, "mentoring one junior", 3, "")
    a = area(db, "leadership")
    assert (a.level, a.rated_at, len(a.ratings)) == (3, second.rated_at, 2)
    assert a.rated_at == NOW.replace("+00:00", ".000000+00:00")


@pytest.mark.parametrize(
    ("skill", "level", "message"), [("leadership", 6, "from 1 to 5"), ("people", 3, "unknown skill")]
)
def test_a_bad_rating_writes_nothing(db, skill, level, message):
    with pytest.raises(CtoError, match=message):
        skills.rate(db, skill, level)
    assert count_rows(db, "skill_ratings") == 0


def test_the_schema_refuses_a_level_outside_1_to_5_too(db):
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("insert into skill_ratings (skill, level, rated_at) values ('leadership', 0, 'x')")


def test_ratings_are_read_in_time_order_even_when_written_out_of_order(db):
    late = skills.rate(db, "business", 3, at=datetime(2026, 3, 1, tzinfo=UTC))
    early = skills.rate(db, "business", 1, at=datetime(2025, 9, 1, tzinfo=UTC))
    assert skills.ratings(db, "business") == [early, late]
    assert area(db, "business").level == 3


# --- evidence from the journal --------------------------------------------------------


@pytest.mark.parametrize(("age", "recent"), [(0, 1), (89, 1), (90, 0), (91, 0)])
def test_evidence_in_the_last_90_days_at_its_boundary(db, age, recent):
    add_achievement(db, title="Ran the incident review", occurred_on=days_ago(age), skills=["systems-thinking"])
    a = area(db, "systems-thinking")
    assert (a.evidence_90d, a.evidence_total) == (recent, 1)


def test_deleted_achievements_never_count_and_undo_brings_them_back(db):
    kept = add_achievement(db, title="Shipped the export", occurred_on=days_ago(3), skills=["product-thinking"])
    gone = add_achievement(db, title="Wrote the pricing memo", occurred_on=days_ago(3), skills=["product-thinking"])
    delete_achievement(db, gone.id)
    assert (area(db, "product-thinking").evidence_90d, area(db, "product-thinking").evidence_total) == (1, 1)
    update_achievement(db, kept.id, skills=["business"])
    assert area(db, "product-thinking").evidence_total == 0
    assert area(db, "business").evidence_90d == 1


def test_future_dated_achievements_count_only_in_all_time(db):
    planned = add_achievement(db, title="Planned the launch", skills=["business"])
    # Dated ahead (as an import may bring one): add_achievement refuses more than a day ahead.
    ahead = (today() + timedelta(days=2)).isoformat()
    db.execute("update achievements set occurred_on = ? where id = ?", [ahead, planned.id])
    db.conn.commit()
    assert (area(db, "business").evidence_90d, area(db, "business").evidence_total) == (0, 1)


@pytest.mark.parametrize(("age", "claim"), [(89, False), (90, True), (91, True)])
def test_claim_without_evidence_end_to_end(db, age, claim):
    skills.rate(db, "communication", 4)
    add_achievement(db, title="Explained the outage to sales", occurred_on=days_ago(age), skills=["communication"])
    hints = [h.kind for h in area(db, "communication").hints]
    assert ("claim-without-evidence" in hints) is claim


def test_underrating_end_to_end(db):
    skills.rate(db, "business", 2)
    for n in range(3):
        add_achievement(db, title=f"Cut cloud cost {n}", occurred_on=days_ago(10 + n), skills=["business"])
    assert [h.kind for h in area(db, "business").hints] == ["underrating"]
    skills.rate(db, "business", 3)
    assert area(db, "business").hints == ()


def test_stale_end_to_end_uses_the_rating_day(db):
    skills.rate(db, "leadership", 3, at=datetime.fromisoformat(NOW) - timedelta(days=31))
    assert [h.text for h in area(db, "leadership").hints] == ["not rated for 31 days"]
    skills.rate(db, "leadership", 3)
    assert area(db, "leadership").hints == ()


def test_the_stack_lists_every_area_in_playbook_order_unrated_at_first(db):
    stack = skills.skill_stack(db)
    assert [a.skill for a in stack] == list(skills.playbook.SKILLS)
    assert all(a.level is None and a.change_90d is None and a.hints[0].kind == "unrated" for a in stack)
    assert all(len(a.steps) >= 5 and a.steps_done == 0 for a in stack)
    assert set(stack[0].to_json()) >= {
        "slug", "level", "rated_at", "change_90d", "evidence_90d", "evidence_total", "hints",
    }  # fmt: skip


# --- practical steps ----------------------------------------------------------------------


def test_ticking_a_step_keeps_its_date_and_unticking_keeps_the_history(db):
    first = datetime(2026, 1, 5, 9, tzinfo=UTC)
    state = skills.set_step(db, "lead-mentor", True, at=first)
    assert (state.ticked, state.at, state.skill) == (True, first.isoformat(timespec="microseconds"), "leadership")
    assert skills.set_step(db, "lead-mentor", True).at == state.at  # ticking what is ticked adds nothing
    assert skills.toggle_step(db, "lead-mentor").ticked is False
    assert skills.toggle_step(db, "lead-mentor").ticked is True
    assert [t for t, _ in skills.step_history(db, "lead-mentor")] == [True, False, True]
    assert area(db, "leadership").steps_done == 1


def test_an_unknown_step_is_refused_and_nothing_written(db):
    with pytest.raises(NotFound, match="no practical step 'lead-nope'"):
        skills.toggle_step(db, "lead-nope")
    assert count_rows(db, "skill_step_ticks") == 0


def test_steps_of_one_area_in_playbook_order(db):
    found = skills.steps(db, "comms")
    assert [s.id for s in found] == [i.id for i in skills.playbook.load().skill("communication").steps]


# --- demo ---------------------------------------------------------------------------------


def test_the_demo_tells_the_story(db):
    demo.fill(db)
    stack = {a.skill: a for a in skills.skill_stack(db)}
    assert stack["technical-depth"].change_90d == 1 and stack["product-thinking"].change_90d == 1
    assert [h.kind for h in stack["communication"].hints] == ["claim-without-evidence"]
    assert [h.kind for h in stack["business"].hints] == ["underrating"]
    assert [h.kind for h in stack["systems-thinking"].hints] == ["stale"]
    assert all(len(a.ratings) >= 2 for a in stack.values())
    assert sum(a.steps_done for a in stack.values()) >= 10
    assert [t for t, _ in skills.step_history(db, "comm-weekly-update")] == [True, False]
    assert stack["communication"].evidence_total > 0  # older communication evidence stays


def test_demo_force_leaves_the_users_own_links_alone(db):
    mine = add_achievement(db, title="Talk at the all-hands", occurred_on=days_ago(5), skills=["communication"])
    demo.fill(db, force=True, achievements=30)
    assert area(db, "communication").evidence_90d == 1
    assert "communication" in [s for s in db.execute(
        "select skill from achievement_skills where achievement_id = ?", [mine.id]
    ).fetchone()]  # fmt: skip


def test_the_stack_without_totals_still_has_the_hints(db):
    skills.rate(db, "business", 5)
    add_achievement(db, title="Old pricing work", occurred_on=days_ago(200), skills=["business"])
    quick = {a.skill: a for a in skills.skill_stack(db, totals=False)}
    assert quick["business"].evidence_total == -1 and quick["business"].evidence_90d == 0
    assert [h.kind for h in quick["business"].hints] == ["claim-without-evidence"]
    assert area(db, "business").evidence_total == 1
