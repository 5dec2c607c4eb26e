"""A target that asks for a count ("at least two deals", "several projects") is met by that many
linked achievements, not by one; a tick by the user still meets it."""

from __future__ import annotations

import copy
import re
import tomllib
from importlib import resources

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ctotui.core import playbook
from ctotui.core.journal.entries import add_achievement, delete_achievement
from ctotui.core.timeline import stages as tl

# Words that name how many of something a target asks for; "once a month" and "more than one
# service" do not count achievements, and bare "one" is left to the default of 1.
COUNT = re.compile(r"\b(at least (?:one|two|three|\d+)|two|three|several|multiple|a few)\b", re.IGNORECASE)
NUMBER = {"one": 1, "two": 2, "three": 3, "several": 3, "a few": 3, "multiple": 2}


def _shipped_targets() -> list[dict]:
    text = resources.files("ctotui.content").joinpath("playbook.toml").read_text(encoding="utf-8")
    return [t for stage in tomllib.loads(text)["stages"] for t in stage["targets"]]


def test_every_target_that_names_a_count_says_how_many_achievements_meet_it():
    """The count is written in the content as evidence_needed, never read from the words at run
    time; "several" is 3 (the source: "at least a few multi month projects")."""
    counted = [t for t in _shipped_targets() if COUNT.search(t["text"])]
    assert {t["id"] for t in counted} >= {"ex-customer-deals", "tl-multi-month", "tl-mentees"}
    for t in counted:
        assert "evidence_needed" in t, f"{t['id']} names a count but has no evidence_needed"
        words = COUNT.search(t["text"]).group(1).lower().removeprefix("at least ")
        assert t["evidence_needed"] == NUMBER.get(words, int(words) if words.isdigit() else 0), t["id"]
    loaded = {x.id: x.evidence_needed for s in playbook.load().stages for x in s.targets}
    assert (loaded["ex-customer-deals"], loaded["tl-mentees"], loaded["tl-multi-month"]) == (2, 2, 3)
    assert loaded["tl-partners"] == 1  # no count named: one linked achievement meets it


def _achievements(db, n: int) -> list[int]:
    return [add_achievement(db, title=f"Deal {i}").id for i in range(n)]


def test_one_deal_does_not_meet_at_least_two_deals(db):
    a, b = _achievements(db, 2)
    tl.link_evidence(db, "ex-customer-deals", a)
    tl.link_evidence(db, "ex-customer-deals", a)  # the same one again: still one
    state = tl.target_state(db, "ex-customer-deals")
    assert (state.evidence, state.needed, state.met, state.evidence_words) == (1, 2, False, "1 of 2 linked")
    assert tl.targets_met(db)["exec-in-training"] == (0, 6)
    assert tl.timeline(db).view("exec-in-training").met == 0
    tl.link_evidence(db, "ex-customer-deals", b)
    state = tl.target_state(db, "ex-customer-deals")
    assert (state.evidence, state.met, state.evidence_words) == (2, True, "2 linked")
    assert tl.targets_met(db)["exec-in-training"] == (1, 6)
    delete_achievement(db, b)  # a deleted entry is no evidence
    assert not tl.target_state(db, "ex-customer-deals").met


def test_a_tick_meets_a_target_whatever_is_linked(db):
    (a,) = _achievements(db, 1)
    tl.link_evidence(db, "tl-multi-month", a)
    assert not tl.target_state(db, "tl-multi-month").met  # 1 of 3
    assert tl.set_target(db, "tl-multi-month", True).met  # the user says it is met
    assert tl.targets_met(db)["tech-leader"] == (1, 5)
    assert not tl.set_target(db, "tl-multi-month", False).met  # unticked: 1 of 3 again


def test_one_link_no_longer_moves_the_stage_and_two_do(db):
    """One 4-month project linked to "Lead several projects" was the third target that moved a
    user on; one deal counted toward the executive stage."""
    for target in ("eng-tricky-bugs", "eng-visible-work", "eng-how-it-connects", "eng-monthly-ship"):
        tl.set_target(db, target, True)
    tl.set_target(db, "tl-design-docs", True)
    tl.set_target(db, "tl-partners", True)
    a, b, c = _achievements(db, 3)
    tl.link_evidence(db, "tl-mentees", a)
    assert tl.timeline(db).placement.stage == "tech-leader"
    assert tl.timeline(db).placement.met == 2
    tl.link_evidence(db, "tl-multi-month", a)
    tl.link_evidence(db, "tl-multi-month", b)
    assert tl.timeline(db).placement.stage == "tech-leader"  # 2 of the 3 projects it asks for
    tl.link_evidence(db, "tl-mentees", b)
    assert tl.timeline(db).placement.stage == "exec-in-training"  # two mentees: 3 of 5 met
    tl.link_evidence(db, "tl-multi-month", c)
    assert tl.targets_met(db)["tech-leader"] == (4, 5)


@given(
    evidence=st.integers(0, 12),
    needed=st.integers(1, 10),  # playbook.MAX_EVIDENCE_NEEDED
    ticked=st.booleans(),
)
def test_met_and_its_words(evidence, needed, ticked):
    state = tl.TargetState("t", "engineer", "text", ticked, None, evidence, needed)
    assert state.met == (ticked or evidence >= needed)
    words = state.evidence_words
    if not evidence:
        assert words == ""  # nothing linked: the line says nothing of it
    elif evidence < needed:
        assert words == f"{evidence} of {needed} linked"
    else:
        assert words == f"{evidence} linked"


@pytest.mark.parametrize("needed", [0, 11])  # MAX_EVIDENCE_NEEDED is 10
def test_the_count_is_checked_when_the_content_loads(needed):
    data = copy.deepcopy(playbook.shipped_data())
    (deals,) = [t for stage in data["stages"] for t in stage["targets"] if t["id"] == "ex-customer-deals"]
    deals["evidence_needed"] = needed
    with pytest.raises(playbook.PlaybookError, match=r"ex-customer-deals\.evidence_needed: expected 1 to"):
        playbook.from_data(data)
