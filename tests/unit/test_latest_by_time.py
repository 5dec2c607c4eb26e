"""An item's latest row is the one with the latest time, not the highest id: a sync or an import
adds rows in the order they arrive, so the older row can hold the higher id (core/latest.py).

Each test writes the rows as such a sync or import would: the newer one first, the older one after
it (with the higher id), on a real database file."""

from __future__ import annotations

import json
from datetime import datetime

from hypothesis import given
from hypothesis import strategies as st

from ctotui.core import settings
from ctotui.core.people import bar
from ctotui.core.skills import stack
from ctotui.core.timeline import profile, selfcheck
from ctotui.core.timeline import stages as tl

OLD, NEW = "2025-06-28T09:00:00.000000+00:00", "2025-12-15T09:00:00.000000+00:00"


def test_a_target_unticked_after_its_tick_stays_unticked_whatever_the_ids(db) -> None:
    db.execute("insert into target_ticks (target_id, ticked, at) values ('tl-multi-month', 0, ?)", [NEW])
    db.execute("insert into target_ticks (target_id, ticked, at) values ('tl-multi-month', 1, ?)", [OLD])
    state = tl.target_state(db, "tl-multi-month", "tech-leader")
    assert (state.ticked, state.ticked_at) == (False, None)  # the untick, dated NEW, is in force
    assert tl.target_history(db, "tl-multi-month") == [(True, OLD), (False, NEW)]
    assert tl.targets_met(db)["tech-leader"][0] == 0
    assert tl.toggle_target(db, "tl-multi-month").ticked  # it was unticked: toggling ticks it


def test_a_step_unticked_after_its_tick_stays_unticked_whatever_the_ids(db) -> None:
    db.execute("insert into skill_step_ticks (step_id, ticked, at) values ('tech-own-system', 0, ?)", [NEW])
    db.execute("insert into skill_step_ticks (step_id, ticked, at) values ('tech-own-system', 1, ?)", [OLD])
    (step,) = [s for s in stack.steps(db, "technical-depth") if s.id == "tech-own-system"]
    assert (step.ticked, step.at) == (False, NEW)
    assert stack.step_history(db, "tech-own-system") == [(True, OLD), (False, NEW)]
    assert stack.set_step(db, "tech-own-system", False).ticked is False
    assert db.execute("select count(*) from skill_step_ticks").fetchone()[0] == 2  # already unticked: no row


def test_a_stage_questions_latest_answer_is_the_newest_by_time(db) -> None:
    db.execute("insert into stage_answers (question_id, answer, answered_at) values ('tl-q-away', 'Newer', ?)", [NEW])
    db.execute("insert into stage_answers (question_id, answer, answered_at) values ('tl-q-away', 'Older', ?)", [OLD])
    assert [a.text for a in tl.answers(db, "tl-q-away")] == ["Newer", "Older"]
    q = next(q for q in tl.timeline(db).view("tech-leader").questions if q.id == "tl-q-away")
    assert (q.latest.text, q.count) == ("Newer", 2)


def test_a_self_checks_latest_answer_is_the_newest_by_time(db) -> None:
    item = selfcheck.self_checks(db, "signal")[0].item_id
    sql = "insert into self_check_answers (kind, item_id, answer, note, answered_at) values ('signal', ?, ?, ?, ?)"
    db.execute(sql, [item, "yes", "newer", NEW])
    db.execute(sql, [item, "no", "older", OLD])
    check = selfcheck.self_check(db, "signal", item)
    assert (check.answer, check.note, check.answered_at, check.answers) == ("yes", "newer", NEW, 2)
    assert [a.note for a in selfcheck.self_check_history(db, "signal", item)] == ["newer", "older"]


def test_a_profile_field_set_later_wins_over_an_older_value_with_a_higher_id(db) -> None:
    sql = "insert into profile (field, value, set_at) values (?, ?, ?)"
    db.execute(sql, ["name", json.dumps("Sam Local"), NEW])
    db.execute(sql, ["years", json.dumps(7.0), NEW])
    db.execute(sql, ["name", json.dumps("Alex Rivera"), OLD])
    db.execute(sql, ["years", json.dumps(3.0), OLD])
    loaded = profile.load(db)
    assert (loaded.name, loaded.years_set, loaded.years_set_at) == ("Sam Local", 7.0, NEW)
    assert profile.history(db, "name") == [("Alex Rivera", OLD), ("Sam Local", NEW)]
    assert settings.set_profile(db, name="Sam Local")["name"] == "Sam Local"  # the same value: no row
    assert db.execute("select count(*) from profile where field = 'name'").fetchone()[0] == 2


def test_equal_times_fall_back_to_the_higher_id(db) -> None:
    db.execute("insert into target_ticks (target_id, ticked, at) values ('tl-partners', 1, ?)", [NEW])
    db.execute("insert into target_ticks (target_id, ticked, at) values ('tl-partners', 0, ?)", [NEW])
    assert not tl.target_state(db, "tl-partners", "tech-leader").ticked
    db.execute("insert into profile (field, value, set_at) values ('role', ?, ?)", [json.dumps("First"), NEW])
    db.execute("insert into profile (field, value, set_at) values ('role', ?, ?)", [json.dumps("Second"), NEW])
    assert profile.load(db).role == "Second"


_moments = st.lists(
    st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2030, 1, 1)), min_size=1, max_size=8, unique=True
)


@given(moments=_moments, order=st.randoms(use_true_random=False))
def test_the_state_is_the_latest_change_in_any_arrival_order(db, moments, order) -> None:
    """Ticks and unticks (alternating in time) and a field's values, written in any order: the
    state read back is always the one of the latest time."""
    db.execute("delete from skill_step_ticks")
    db.execute("delete from profile")
    changes = [(m.isoformat(timespec="microseconds") + "+00:00", i) for i, m in enumerate(sorted(moments))]
    arrived = list(changes)
    order.shuffle(arrived)
    for at, i in arrived:
        db.execute("insert into skill_step_ticks (step_id, ticked, at) values ('lead-mentor', ?, ?)", [1 - i % 2, at])
        db.execute("insert into profile (field, value, set_at) values ('role', ?, ?)", [json.dumps(f"Role {i}"), at])
    last_at, last = changes[-1]
    (step,) = [s for s in stack.steps(db, "leadership") if s.id == "lead-mentor"]
    assert (step.ticked, step.at) == (last % 2 == 0, last_at)
    assert [at for _, at in stack.step_history(db, "lead-mentor")] == [at for at, _ in changes]
    assert profile.load(db).role == f"Role {last}"


def test_the_open_bar_is_the_one_set_last_by_time(db) -> None:
    """Two bars are open at once only after a sync merged two devices' bars: the later one is current."""
    for role, at in (("VP of Engineering", NEW), ("Staff engineer", OLD)):
        db.execute(
            "insert into bars (role, agreed_on, deadline_on, created_at) values (?, '2025-06-01', '2026-06-01', ?)",
            [role, at],
        )
    assert bar.current(db).role == "VP of Engineering"
