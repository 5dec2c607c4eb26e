"""Prompts aimed at the gaps: the skill area with the least evidence in 90 days, the category with the
fewest entries this quarter, their prompts in turn."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from ctotui.core import playbook
from ctotui.core.coach.prompts import gap_prompts, quarter_start
from ctotui.core.journal.entries import add_achievement

TODAY = date(2026, 11, 11)  # ISO week 46; the quarter began on 1 October


@pytest.fixture(autouse=True)
def frozen(monkeypatch):
    monkeypatch.setenv("CTOTUI_NOW", f"{TODAY.isoformat()}T12:00:00+00:00")
    monkeypatch.setenv("TZ", "UTC")


def test_the_playbook_has_five_prompts_per_skill_area_and_per_category():
    pb = playbook.load()
    assert all(len(set(s.prompts)) >= 5 for s in pb.skills)
    assert all(len(set(c.prompts)) >= 5 for c in pb.categories)


def test_quarter_start():
    assert [quarter_start(date(2026, m, 15)) for m in (1, 3, 4, 6, 7, 12)] == [
        date(2026, 1, 1),
        date(2026, 1, 1),
        date(2026, 4, 1),
        date(2026, 4, 1),
        date(2026, 7, 1),
        date(2026, 10, 1),
    ]


def test_a_fresh_journal_aims_at_the_first_area_and_category(db):
    g = gap_prompts(db)
    assert (g.skill, g.skill_evidence, g.category, g.category_entries) == ("technical-depth", 0, "scale", 0)


def test_the_skill_with_the_least_evidence_in_90_days(db):
    others = [s for s in playbook.SKILLS if s != "business"]
    add_achievement(db, title="Everything but business", occurred_on=TODAY - timedelta(days=89), skills=others)
    assert gap_prompts(db).skill == "business"
    add_achievement(db, title="Old business", occurred_on=TODAY - timedelta(days=90), skills=["business"])
    assert gap_prompts(db).skill == "business"  # 90 days ago is outside the window
    add_achievement(db, title="Recent business", occurred_on=TODAY, skills=["business"])
    assert gap_prompts(db).skill == "technical-depth"  # all tied at one: the playbook's order


def test_the_category_with_the_fewest_entries_this_quarter(db):
    for c in ("scale", "savings", "customers"):
        add_achievement(db, title=f"A {c} win", occurred_on=date(2026, 10, 1), category=c)
    add_achievement(db, title="Last quarter", occurred_on=date(2026, 9, 30), category="unblocking")
    g = gap_prompts(db)
    assert (g.category, g.category_entries) == ("unblocking", 0)


def test_prompts_alternate_between_the_two_gaps_and_wrap(db):
    g = gap_prompts(db)
    pb = playbook.load()
    assert len(g.prompts) == len(pb.skill(g.skill).prompts) + len(pb.category(g.category).prompts)
    kinds = [p.skill is not None for p in g.prompts]
    assert all(a != b for a, b in zip(kinds, kinds[1:], strict=False))  # skill, category, skill, ...
    assert {p.text for p in g.prompts} == set(pb.skill(g.skill).prompts) | set(pb.category(g.category).prompts)
    assert g.at(len(g.prompts) + 1) == g.at(1)
    assert g.at(0).aim.endswith(("least evidence in 90 days", "fewest entries this quarter"))
