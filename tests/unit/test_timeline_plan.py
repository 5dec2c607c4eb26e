"""The action plan: due dates per horizon, seeding, add / edit / done / drop, overdue, progress."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ctotui.core import playbook
from ctotui.core.db import open_db
from ctotui.core.errors import CtoError, NotFound
from ctotui.core.timeline import plan, profile


@pytest.fixture
def frozen(monkeypatch):
    monkeypatch.setenv("CTOTUI_NOW", "2026-06-15T12:00:00+00:00")


@pytest.mark.parametrize(
    ("horizon", "due"),
    [("3-months", date(2026, 4, 30)), ("6-12-months", date(2027, 1, 31)), ("2-3-years", date(2029, 1, 31))],
)
def test_due_date_per_horizon(horizon, due):
    assert plan.due_date(date(2026, 1, 31), horizon) == due


def test_add_months_clamps_the_day():
    assert plan.add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert plan.add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert plan.add_months(date(2026, 11, 30), 3) == date(2027, 2, 28)


@given(start=st.dates(min_value=date(1970, 1, 1), max_value=date(2200, 1, 1)), months=st.integers(0, 60))
def test_add_months_lands_in_the_right_month(start, months):
    got = plan.add_months(start, months)
    assert (got.year * 12 + got.month) - (start.year * 12 + start.month) == months
    assert got.day == start.day or got.day < start.day and (got + timedelta(days=1)).day == 1


def test_first_look_seeds_the_playbook_items_and_starts_the_plan(db, frozen):
    horizons = plan.plan(db)
    pb = playbook.load()
    assert [h.slug for h in horizons] == list(playbook.HORIZONS)
    assert [[i.source_id for i in h.items] for h in horizons] == [[x.id for x in h.items] for h in pb.plan]
    assert profile.load(db).plan_started == date(2026, 6, 15)
    assert horizons[0].due == date(2026, 9, 15)
    assert all(i.due == date(2027, 6, 15) for i in horizons[1].items)
    plan.plan(db)
    assert db.execute("select count(*) from plan_items").fetchone()[0] == sum(len(h.items) for h in pb.plan)


def test_a_dropped_playbook_item_stays_dropped(db, frozen):
    first = plan.plan(db)[0].items[0]
    plan.set_status(db, first.id, "dropped")
    plan.ensure_seeded(db)
    h = plan.plan(db, "3-months")[0]
    assert first.id not in [i.id for i in h.items]
    assert first.id in [i.id for i in plan.plan(db, "3-months", include_dropped=True)[0].items]
    assert h.total == len(playbook.load().plan[0].items) - 1


def test_add_done_drop_and_progress(db, frozen):
    profile.update(db, plan_started="2026-06-01")
    item = plan.add_item(db, "3-months", "  Write   the on-call handbook ")
    assert (item.text, item.own, item.status, item.due) == (
        "Write the on-call handbook",
        True,
        "open",
        date(2026, 9, 1),
    )
    done = plan.toggle_done(db, item.id)
    assert done.status == "done" and done.done_at
    h = plan.plan(db, "3-months")[0]
    assert (h.done, h.total) == (1, len(playbook.load().plan[0].items) + 1)
    assert h.progress == pytest.approx(h.done / h.total)
    assert plan.toggle_done(db, item.id).status == "open"
    assert plan.toggle_dropped(db, item.id).status == "dropped"
    assert plan.toggle_dropped(db, item.id).status == "open"


def test_overdue_items_stand_out(db, frozen):
    profile.update(db, plan_started="2026-01-01")  # 3-month items were due 1 April
    h = plan.plan(db, "3-months")[0]
    assert h.overdue == len(h.items) and all(i.overdue for i in h.items)
    plan.set_status(db, h.items[0].id, "done")
    assert plan.plan(db, "3-months")[0].overdue == len(h.items) - 1
    assert not plan.plan(db, "6-12-months")[0].overdue


def test_an_own_item_added_late_gets_the_horizon_from_the_day_it_was_added(db, frozen):
    profile.update(db, plan_started="2026-01-01")
    late = plan.add_item(db, "3-months", "Ship the on-call rota")
    assert late.due == date(2026, 9, 15) and not late.overdue
    assert plan.default_due(date(2026, 1, 1), "3-months", date(2026, 2, 1)) == date(2026, 4, 1)


def test_edit_text_horizon_and_due(db, frozen):
    item = plan.add_item(db, "3-months", "Draft")
    edited = plan.edit_item(db, item.id, text="Final", horizon="2-3-years", due="2027-03-01")
    assert (edited.text, edited.horizon, edited.due, edited.due_set) == ("Final", "2-3-years", date(2027, 3, 1), True)
    back = plan.edit_item(db, item.id, due=None)
    assert not back.due_set and back.due == date(2029, 6, 15)
    assert plan.edit_item(db, item.id).text == "Final"


def test_an_edit_a_move_or_a_reopen_beside_the_same_words_open_is_refused(db, frozen):
    """`plan add` refused the same words open in the horizon already, but an edit to them, a move
    into that horizon or a reopen beside them made two items, each counted and asked about apart."""
    far = plan.add_item(db, "3-months", "Own the billing system")
    other = plan.add_item(db, "3-months", "Draft")
    with pytest.raises(CtoError, match=rf"open in the plan already \(#{far.id}\)"):
        plan.edit_item(db, other.id, text="own the BILLING system")
    later = plan.add_item(db, "2-3-years", "Own the billing system")
    with pytest.raises(CtoError, match=rf"open in the plan already \(#{far.id}\)"):
        plan.edit_item(db, later.id, horizon="3-months")
    plan.set_status(db, far.id, "done")
    plan.add_item(db, "3-months", "Own the billing system")  # done once: it may be open again
    with pytest.raises(CtoError, match="open in the plan already"):
        plan.set_status(db, far.id, "open")
    assert [(i.text, i.horizon, i.status) for i in map(plan.get_item, [db] * 3, [far.id, other.id, later.id])] == [
        ("Own the billing system", "3-months", "done"),
        ("Draft", "3-months", "open"),
        ("Own the billing system", "2-3-years", "open"),
    ]
    # its own words, re-cased, or an edit of another field, are never refused
    assert plan.edit_item(db, later.id, text="OWN the billing system").text == "OWN the billing system"
    assert plan.edit_item(db, later.id, due="2027-01-01").due == date(2027, 1, 1)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda db: plan.add_item(db, "3m", "x"), "valid: 3-months, 6-12-months, 2-3-years"),
        (lambda db: plan.add_item(db, "3-months", "   "), "needs some text"),
        (lambda db: plan.add_item(db, "3-months", "x" * 301), "at most 300"),
        (lambda db: plan.add_item(db, "3-months", "x", due="soon"), "YYYY-MM-DD"),
        (lambda db: plan.set_status(db, 999, "done"), "no plan item with id 999"),
        (lambda db: plan.set_status(db, 1, "finished"), "valid: open, done, dropped"),
        (lambda db: plan.edit_item(db, 1, horizon="someday"), "unknown horizon"),
        (lambda db: plan.plan(db, "forever"), "unknown horizon"),
    ],
)
def test_errors_name_the_valid_values_and_write_nothing(db, frozen, call, message):
    plan.plan(db)
    before = db.execute("select * from plan_items order by id").fetchall()
    with pytest.raises(CtoError, match=message):
        call(db)
    assert db.execute("select * from plan_items order by id").fetchall() == before


@pytest.mark.parametrize("value", ["abc", "0", "-3", "1.5", ""])
def test_item_ids_are_positive_whole_numbers(value):
    with pytest.raises(CtoError, match="positive whole number"):
        plan.parse_item_id(value)
    assert plan.parse_item_id("#12") == 12


def test_get_item_not_found(db):
    with pytest.raises(NotFound):
        plan.get_item(db, 42)


def test_an_item_moved_into_a_horizon_is_due_as_if_added_today(db, monkeypatch):
    """`plan edit 9 --horizon 3-months` in month 4 of the plan printed "due 2026-02-05 OVERDUE" (the
    3-month date had passed) and the coach put it first; an item added there today is due 15 June."""
    monkeypatch.setenv("CTOTUI_NOW", "2026-01-10T10:00:00+00:00")
    profile.update(db, plan_started="2025-11-05")
    playbook_item = plan.plan(db, "2-3-years")[0].items[0]
    own = plan.add_item(db, "2-3-years", "Hire two engineers")  # added 10 Jan
    monkeypatch.setenv("CTOTUI_NOW", "2026-03-15T10:00:00+00:00")
    added_today = plan.add_item(db, "3-months", "my own new item")
    assert added_today.due == date(2026, 6, 15)
    for item in (playbook_item, own):
        moved = plan.edit_item(db, item.id, horizon="3-months")
        assert (moved.horizon, moved.due, moved.overdue) == ("3-months", date(2026, 6, 15), False)
        assert plan.edit_item(db, item.id, text=f"Renamed {item.id}").due == date(2026, 6, 15)  # an edit keeps it
        assert plan.edit_item(db, item.id, horizon="3-months").due == date(2026, 6, 15)  # same horizon: kept
    monkeypatch.setenv("CTOTUI_NOW", "2026-05-01T10:00:00+00:00")
    assert plan.get_item(db, own.id).due == date(2026, 6, 15)  # stored on the move: it does not drift
    later = plan.edit_item(db, own.id, horizon="6-12-months")  # back out: that horizon's date is still ahead
    assert (later.due, later.due_set) == (date(2026, 11, 5), False)


def test_a_move_to_a_shorter_horizon_still_ahead_gets_the_horizons_date(db, frozen):
    profile.update(db, plan_started="2026-05-01")  # today is 15 June: the 3-month date (1 Aug) is ahead
    item = plan.plan(db, "6-12-months")[0].items[0]
    moved = plan.edit_item(db, item.id, horizon="3-months")
    assert (moved.due, moved.due_set) == (date(2026, 8, 1), False)  # as an item added today: with its horizon


def test_a_move_with_a_due_date_takes_that_date(db, frozen):
    profile.update(db, plan_started="2025-01-01")
    item = plan.plan(db, "6-12-months")[0].items[0]
    moved = plan.edit_item(db, item.id, horizon="3-months", due="2026-07-01")
    assert (moved.due, moved.due_set) == (date(2026, 7, 1), True)
    blank = plan.edit_item(db, item.id, horizon="6-12-months", due=None)  # the form's blank field
    assert (blank.due, blank.overdue) == (date(2027, 6, 15), False)


@settings(max_examples=25, deadline=None)
@given(
    started=st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 1, 1)),
    days_on=st.integers(0, 2000),
    moves=st.tuples(st.sampled_from(playbook.HORIZONS), st.sampled_from(playbook.HORIZONS)).filter(
        lambda m: m[0] != m[1]
    ),
    own=st.booleans(),
)
def test_a_moved_item_is_due_when_an_item_added_today_would_be(tmp_path_factory, started, days_on, moves, own):
    today = started + timedelta(days=days_on)
    db = open_db(tmp_path_factory.mktemp("move") / "plan.db")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("CTOTUI_NOW", f"{started.isoformat()}T12:00:00+00:00")
        profile.update(db, plan_started=started.isoformat())
        source, target = moves
        item = plan.add_item(db, source, "mine") if own else plan.plan(db, source)[0].items[0]
        mp.setenv("CTOTUI_NOW", f"{today.isoformat()}T12:00:00+00:00")
        moved = plan.edit_item(db, item.id, horizon=target)
        assert moved.due == plan.add_item(db, target, "new").due >= today
        assert not moved.overdue
    db.close()


def test_auto_after_a_move_counts_from_the_day_of_the_move(db, monkeypatch):
    """`plan edit 9 --horizon 3-months` gave "due 2026-06-15"; `plan edit 9 --due auto` then printed
    "due 2026-02-05 OVERDUE": nothing kept the day of the move, so "auto" counted from the day the
    item was added. The move records its day; a derived date counts from it, on any later day."""
    monkeypatch.setenv("CTOTUI_NOW", "2026-01-10T10:00:00+00:00")
    profile.update(db, plan_started="2025-11-05")
    playbook_item = plan.plan(db, "2-3-years")[0].items[0]
    own = plan.add_item(db, "2-3-years", "Hire two engineers")  # added 10 Jan
    monkeypatch.setenv("CTOTUI_NOW", "2026-03-15T10:00:00+00:00")
    for item in (playbook_item, own):
        moved = plan.edit_item(db, item.id, horizon="3-months")
        assert (moved.due, moved.moved_on) == (date(2026, 6, 15), date(2026, 3, 15))
        auto = plan.edit_item(db, item.id, due=None)
        assert (auto.due, auto.due_set, auto.overdue) == (date(2026, 6, 15), False, False)
    monkeypatch.setenv("CTOTUI_NOW", "2026-05-01T10:00:00+00:00")
    typed = plan.edit_item(db, own.id, due="2026-05-20")  # a date of its own, then back to the derived one
    assert typed.due == date(2026, 5, 20)
    assert plan.edit_item(db, own.id, due=None).due == date(2026, 6, 15)
    assert plan.get_item(db, playbook_item.id).due == date(2026, 6, 15)
    assert plan.counts_from(plan.get_item(db, own.id), "3-months", date(2026, 5, 1)) == date(2026, 3, 15)
    assert plan.moved_into(plan.get_item(db, own.id), "3-months")
    assert not plan.moved_into(plan.get_item(db, own.id), "2-3-years")
    assert not plan.moved_into(plan.add_item(db, "3-months", "never moved"), "3-months")


@settings(max_examples=25, deadline=None)
@given(
    started=st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 1, 1)),
    days_on=st.integers(0, 2000),
    days_after=st.integers(0, 2000),
    moves=st.tuples(st.sampled_from(playbook.HORIZONS), st.sampled_from(playbook.HORIZONS)).filter(
        lambda m: m[0] != m[1]
    ),
    own=st.booleans(),
)
def test_a_derived_date_after_a_move_is_the_date_the_move_gave(
    tmp_path_factory, started, days_on, days_after, moves, own
):
    moved_day = started + timedelta(days=days_on)
    db = open_db(tmp_path_factory.mktemp("auto") / "plan.db")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("CTOTUI_NOW", f"{started.isoformat()}T12:00:00+00:00")
        profile.update(db, plan_started=started.isoformat())
        source, target = moves
        item = plan.add_item(db, source, "mine") if own else plan.plan(db, source)[0].items[0]
        mp.setenv("CTOTUI_NOW", f"{moved_day.isoformat()}T12:00:00+00:00")
        moved = plan.edit_item(db, item.id, horizon=target)
        mp.setenv("CTOTUI_NOW", f"{(moved_day + timedelta(days=days_after)).isoformat()}T12:00:00+00:00")
        assert plan.edit_item(db, item.id, due=None).due == moved.due
    db.close()


def test_items_of_a_database_made_before_moves_were_dated_read_as_before(tmp_path):
    """Schema step m018 adds ``moved_on`` (null) to the items already there; their dates do not change."""
    from sqlite_utils import Database

    from ctotui.core import migrations

    path = tmp_path / "old.db"
    old = Database(path)
    before = [fn.__name__ for fn in migrations.STEPS].index("m018_plan_moved_on")
    migrations.build_migrations(migrations.STEPS[:before]).apply(old)
    old.execute(
        "insert into plan_items (horizon, text, due_on, created_at, updated_at) values "
        "('3-months', 'typed', '2026-07-01', '2026-01-10T10:00:00+00:00', '2026-01-10T10:00:00+00:00'), "
        "('3-months', 'derived', null, '2026-01-10T10:00:00+00:00', '2026-01-10T10:00:00+00:00')"
    )
    old.conn.commit()
    old.close()
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("CTOTUI_NOW", "2026-03-15T10:00:00+00:00")
        db = open_db(path)
        profile.update(db, plan_started="2025-11-05")
        typed, derived = (plan.get_item(db, i) for i in (1, 2))
        assert (typed.due, typed.moved_on) == (date(2026, 7, 1), None)
        assert (derived.due, derived.moved_on) == (date(2026, 2, 5), None)  # the horizon's date
        db.close()
