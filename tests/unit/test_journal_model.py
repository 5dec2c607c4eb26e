"""The achievement model: adding, checking input, editing, soft delete."""

from __future__ import annotations

from datetime import date

import pytest

from ctotui.core import clock
from ctotui.core.errors import CtoError, NotFound
from ctotui.core.journal.entries import (
    JSON_KEYS,
    JournalFilter,
    Metric,
    add_achievement,
    count_achievements,
    delete_achievement,
    evidence_counts,
    get_achievement,
    journal_counts,
    page_achievements,
    tag_counts,
    undelete_achievement,
    update_achievement,
)


def _rows(db) -> int:
    return sum(
        db.execute(f"select count(*) from {t}").fetchone()[0]
        for t in ("achievements", "achievement_skills", "achievement_tags")
    )


def test_add_with_everything(db):
    a = add_achievement(
        db,
        title="  Cut deploy time   from 45 minutes to 7 minutes ",
        body="Cached the build.\n\nRan tests in **parallel**.",
        occurred_on="2026-03-02",
        category="Savings",
        skills=["leadership", "technical-depth", "leadership"],
        tags=["#CI", "perf work", "ci"],
        metric="parse",
    )
    assert a.id >= 1
    assert a.title == "Cut deploy time from 45 minutes to 7 minutes"
    assert a.occurred_on == date(2026, 3, 2)
    assert a.category == "savings"
    assert a.skills == ("technical-depth", "leadership")  # the playbook's order, no repeats
    assert a.tags == ("ci", "perf-work")
    assert (a.metric_before, a.metric_after, a.metric_unit, a.metric_change_pct) == (45, 7, "min", -84.4)
    assert a.badge == "45→7 min −84%"
    assert a.created_at == a.updated_at and a.created_at.endswith("+00:00")
    assert get_achievement(db, a.id) == a


def test_defaults(db, monkeypatch):
    monkeypatch.setenv("CTOTUI_NOW", "2026-05-06T10:00:00+00:00")
    a = add_achievement(db, title="Mentored a new hire")
    assert a.occurred_on == clock.today()
    assert (a.body, a.category, a.skills, a.tags, a.metric) == ("", None, (), (), None)
    assert not a.has_number


def test_metric_given_computes_change(db):
    a = add_achievement(db, title="Faster CI", metric=Metric(before=20, after=5, unit="min"))
    assert a.metric_change_pct == -75.0
    b = add_achievement(db, title="Cheaper", metric=Metric(change_pct=-12.5, unit="%"))
    assert b.badge == "−12.5%"  # as given (it was −12%)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"title": "   "}, "title is empty"),
        ({"title": "x" * 201}, "keep it to 200"),
        ({"title": "ok", "occurred_on": "2026-02-30"}, "bad date"),
        ({"title": "ok", "occurred_on": "the week after"}, "bad date"),
        ({"title": "ok", "occurred_on": "2999-01-01"}, "is in the future"),
        ({"title": "ok", "category": "heroics"}, "valid: scale, savings, unblocking, customers"),
        ({"title": "ok", "skills": ["cooking"]}, "valid: technical-depth, product-thinking"),
        ({"title": "ok", "tags": ["t" * 41]}, "longer than 40"),
        ({"title": "ok", "body": "x" * (1024 * 1024 + 1)}, "larger than 1 MB"),
    ],
)
def test_bad_input_writes_nothing(db, kwargs, message):
    before = _rows(db)
    with pytest.raises(CtoError, match=message):
        add_achievement(db, **kwargs)
    assert _rows(db) == before


def test_title_limit_and_body_limit_are_inclusive(db):
    a = add_achievement(db, title="t" * 200, body="b" * (1024 * 1024))
    assert len(a.title) == 200 and len(a.body) == 1024 * 1024


def test_update_keeps_id_and_changes_only_what_is_given(db):
    a = add_achievement(db, title="First", tags=["x"], skills=["business"], occurred_on="2025-01-01")
    b = update_achievement(db, a.id, title="Second", occurred_on="2025-06-01", metric="parse")
    assert b.id == a.id
    assert (b.title, b.occurred_on, b.tags, b.skills) == ("Second", date(2025, 6, 1), ("x",), ("business",))
    assert b.created_at == a.created_at and b.updated_at >= a.updated_at
    # the join tables follow the date, so evidence is counted on the right day
    assert evidence_counts(db, since=date(2025, 5, 1))["business"] == 1
    c = update_achievement(db, a.id, tags=[], skills=["leadership"], category="scale")
    assert (c.tags, c.skills, c.category) == ((), ("leadership",), "scale")


def test_update_bad_input_changes_nothing(db):
    a = add_achievement(db, title="Keep me", tags=["x"])
    with pytest.raises(CtoError):
        update_achievement(db, a.id, title="", tags=["y"])
    with pytest.raises(CtoError):
        update_achievement(db, a.id, tags=["y"], category="nope")
    assert get_achievement(db, a.id) == a
    with pytest.raises(NotFound, match="no achievement with id 999"):
        update_achievement(db, 999, title="x")
    with pytest.raises(TypeError):
        update_achievement(db, a.id, id=5)


def test_soft_delete_and_undo(db):
    a = add_achievement(db, title="Gone for a while", skills=["business"], tags=["t"])
    deleted = delete_achievement(db, a.id)
    assert deleted.deleted_at is not None
    with pytest.raises(NotFound, match="is deleted"):
        get_achievement(db, a.id)
    assert page_achievements(db).items == ()
    assert count_achievements(db) == 0
    assert evidence_counts(db)["business"] == 0
    assert tag_counts(db) == []
    with pytest.raises(CtoError, match="already deleted"):
        delete_achievement(db, a.id)
    with pytest.raises(NotFound):
        update_achievement(db, a.id, title="no")
    back = undelete_achievement(db, a.id)
    assert back.deleted_at is None and back.id == a.id
    assert get_achievement(db, a.id) == a
    with pytest.raises(CtoError, match="is not deleted"):
        undelete_achievement(db, a.id)
    with pytest.raises(NotFound):
        delete_achievement(db, 12345)


def test_json_keys(db):
    a = add_achievement(db, title="Json", skills=["business"], tags=["a"])
    data = a.to_json()
    assert tuple(data) == JSON_KEYS
    assert data["occurred_on"] == a.occurred_on.isoformat() and data["skills"] == ["business"]


def test_counts_for_the_dashboard(db, monkeypatch):
    monkeypatch.setenv("CTOTUI_NOW", "2026-05-14T10:00:00+00:00")  # a Thursday
    for day in ("2026-05-11", "2026-05-14", "2026-05-03", "2026-04-30", "2025-05-14"):
        add_achievement(db, title=f"On {day}", occurred_on=day, metric="parse")
    gone = add_achievement(db, title="deleted 10 → 5 min", occurred_on="2026-05-12", metric="parse")
    delete_achievement(db, gone.id)
    counts = journal_counts(db)
    assert (counts.week, counts.month, counts.total, counts.without_number) == (2, 3, 5, 5)


def test_evidence_and_tags(db):
    add_achievement(db, title="a", occurred_on="2026-01-10", skills=["business", "leadership"], tags=["x", "y"])
    add_achievement(db, title="b", occurred_on="2025-01-10", skills=["business"], tags=["x"])
    assert evidence_counts(db)["business"] == 2
    assert evidence_counts(db, since=date(2026, 1, 1)) == {
        "technical-depth": 0,
        "product-thinking": 0,
        "leadership": 1,
        "communication": 0,
        "business": 1,
        "systems-thinking": 0,
    }
    assert tag_counts(db) == [("x", 2), ("y", 1)]
    assert tag_counts(db, prefix="#Y") == [("y", 1)]
    assert count_achievements(db, JournalFilter(tag="x", since=date(2026, 1, 1))) == 1


def test_tag_completion_folds_as_the_tag_filter_does(db) -> None:
    """Typing "stras" offered nothing for the tag straße, "cafe" nothing for café: the completion
    compared with SQLite's LIKE, which folds ASCII letters only, where the filter folds them all."""
    add_achievement(db, title="a", tags=["straße", "café", "cafeteria"])
    add_achievement(db, title="b", tags=["café"])
    assert tag_counts(db, prefix="stras") == [("straße", 1)]
    assert tag_counts(db, prefix="STRASSE") == [("straße", 1)]
    assert tag_counts(db, prefix="cafe") == [("café", 2), ("cafeteria", 1)]
    assert tag_counts(db, prefix="cafe", limit=1) == [("café", 2)]
    assert tag_counts(db, prefix="caf%") == [] and tag_counts(db, prefix="c_f") == []  # no wildcards


def test_evidence_counts_leave_out_deleted_entries_inside_and_outside_the_dates(db):
    add_achievement(db, title="kept", occurred_on="2026-01-10", skills=["business", "leadership"])
    add_achievement(db, title="old", occurred_on="2024-06-01", skills=["business"])
    inside = add_achievement(db, title="gone, in range", occurred_on="2026-02-01", skills=["business"])
    outside = add_achievement(db, title="gone, before", occurred_on="2024-07-01", skills=["leadership"])
    delete_achievement(db, inside.id)
    delete_achievement(db, outside.id)
    assert (evidence_counts(db)["business"], evidence_counts(db)["leadership"]) == (2, 1)
    recent = evidence_counts(db, since=date(2026, 1, 1), until=date(2026, 12, 31))
    assert (recent["business"], recent["leadership"]) == (1, 1)
    older = evidence_counts(db, until=date(2025, 12, 31))
    assert (older["business"], older["leadership"]) == (1, 0)
    undelete_achievement(db, inside.id)
    assert evidence_counts(db, since=date(2026, 1, 1))["business"] == 2
