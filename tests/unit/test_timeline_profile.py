"""The profile fields the timeline owns: validated before writing, history kept."""

from __future__ import annotations

from datetime import date

import pytest

from ctotui.core.errors import CtoError
from ctotui.core.settings import get_profile, profile_history
from ctotui.core.timeline import profile


def test_update_validates_and_keeps_history(db):
    p = profile.update(
        db,
        years="5,5",
        role="  Senior   engineer ",
        path="Early-Employee",
        aim="tech-leader",
        plan_started="2026-01-15",
    )
    assert (p.years_set, p.role, p.path, p.aim, p.plan_started) == (
        5.5,
        "Senior engineer",
        "early-employee",
        "tech-leader",
        date(2026, 1, 15),
    )
    profile.update(db, years=6)
    assert [v for v, _ in profile.history(db, "years")] == [5.5, 6.0]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("years", "-1", "years must be a number from 0 to 60"),
        ("years", "61", "years must be a number from 0 to 60"),
        ("years", "five", "years must be a number"),
        ("years", "nan", "years must be a number"),
        ("role", "   ", "role must not be empty"),
        ("role", "x" * 81, "at most 80 characters"),
        ("path", "ceo", "valid: founding-engineer, early-employee, corporate-ladder"),
        ("aim", "cto", "valid: engineer, tech-leader, exec-in-training"),
        ("plan_started", "2026-02-30", "not a date in the calendar"),
        ("plan_started", "1900-01-01", "between 1970"),
    ],
)
def test_bad_values_are_refused_and_nothing_is_written(db, field, value, message):
    profile.update(db, years=3)
    with pytest.raises(CtoError, match=message):
        profile.update(db, **{"role": "Engineer", field: value})  # the valid role is not written either
    assert get_profile(db) == {"years": 3.0}


def test_unknown_field_is_refused(db):
    with pytest.raises(CtoError, match="unknown profile field"):
        profile.update(db, salary=1)


def test_years_count_on_from_when_they_were_set(db, monkeypatch):
    monkeypatch.setenv("CTOTUI_NOW", "2025-01-01T12:00:00+00:00")
    profile.update(db, years=5)
    monkeypatch.setenv("CTOTUI_NOW", "2026-01-01T12:00:00+00:00")
    p = profile.load(db)
    assert p.years_set == 5
    assert p.years == pytest.approx(6.0, abs=0.01)


def test_set_path_and_its_history(db):
    assert profile.set_path(db, "founding-engineer") == "founding-engineer"
    profile.set_path(db, "corporate-ladder")
    profile.set_path(db, "corporate-ladder")  # unchanged: no new row
    assert [slug for slug, _ in profile.path_history(db)] == ["founding-engineer", "corporate-ladder"]
    with pytest.raises(CtoError, match="unknown path"):
        profile.set_path(db, "astronaut")
    assert len(profile_history(db, "path")) == 2


def test_welcome_until_years_are_set_or_it_is_skipped(db):
    assert profile.needs_welcome(db)
    profile.end_welcome(db)
    assert not profile.needs_welcome(db)


def test_no_welcome_once_the_profile_has_years(db):
    profile.update(db, years=0)
    assert not profile.load(db).empty
    assert not profile.needs_welcome(db)


def test_a_field_cleared_is_empty_and_the_file_stays_sound(db):
    from ctotui.core.data.upkeep import check

    profile.update(db, years="5.5", role="Staff engineer", name="Alex", path="founding-engineer")
    p = profile.update(db, clear=["years", "role", "path"])
    assert (p.years_set, p.years, p.role, p.path, p.name) == (None, None, None, None, "Alex")
    assert all(c.ok for c in check(db))
    assert [value for value, _at in profile.path_history(db)] == ["founding-engineer", None]
    with pytest.raises(CtoError, match="unknown profile field"):
        profile.update(db, clear=["shoe-size"])


@pytest.mark.parametrize(
    ("role", "holds"),
    [
        ("CTO", True),
        ("Co-founder & CTO", True),
        ("CTO at Acme", True),
        ("Founding CTO", True),
        ("chief technology officer", True),
        ("Interim CTO (Acme)", True),
        ("Aspiring CTO", False),
        ("Deputy CTO", False),
        ("ex-CTO, now staff engineer", False),
        ("Former CTO", False),
        ("Staff engineer on the way to CTO", False),
        ("VP Engineering", False),
        ("Director, Office of the CTO", False),
        ("Doctor", False),  # "cto" inside a word
        (None, False),
    ],
)
def test_a_role_holds_the_cto_title_only_when_it_names_it_as_held(db, role, holds) -> None:
    """At the last stage the timeline said 'next: the CTO seat itself' to a user whose role is CTO."""
    p = profile.update(db, role=role) if role else profile.load(db)
    assert p.holds_cto_title is holds
    assert p.beyond_the_stages == ("growing in the CTO seat you hold" if holds else "the CTO seat itself")
