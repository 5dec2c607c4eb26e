"""The weekly review says what moved on the road to CTO: the stage targets met during the week
(ticked, or backed by a link made in it) and whether the evidence moved the stage, as it stood at
the week's end, whatever was ticked, linked or deleted since."""

from __future__ import annotations

from datetime import datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from review_helpers import local_time

from ctotui.core.coach.week import week_summary
from ctotui.core.db import open_db
from ctotui.core.journal.entries import add_achievement, delete_achievement
from ctotui.core.review.report import to_markdown, week_report
from ctotui.core.review.stage_week import stage_week
from ctotui.core.review.weekly import Week
from ctotui.core.timeline import stages

W07 = Week(2026, 7)  # Monday 9 to Sunday 15 February 2026
MOVED = "Your evidence moved you to Executive in training this week (3 of 6 targets met · 1 more to move on)."
ENGINEER = ["eng-tricky-bugs", "eng-visible-work", "eng-how-it-connects", "eng-monthly-ship"]


def at(text: str) -> datetime:
    return datetime.fromisoformat(text + "+00:00")


def moved_week(db, monkeypatch) -> int:
    """Before W07: 4 of 6 engineer targets, 2 of 5 technical leader ones and 2 of 6 executive ones
    ticked (Technical leader). In it: 'ex-budget' ticked on 12 Feb, 'ex-hiring-plan' ticked and
    unticked on 11 Feb, and on 13 Feb an achievement linked to 'tl-design-docs' (3 of 5: Executive
    in training). Returns the achievement's id."""
    for target in [*ENGINEER, "tl-multi-month", "tl-partners", "ex-manage-managers", "ex-exec-exposure"]:
        stages.set_target(db, target, True, at=at("2026-02-01T09:00:00"))
    stages.set_target(db, "ex-hiring-plan", True, at=at("2026-02-11T09:00:00"))
    stages.set_target(db, "ex-hiring-plan", False, at=at("2026-02-11T10:00:00"))
    stages.set_target(db, "ex-budget", True, at=at("2026-02-12T09:00:00"))
    with local_time(monkeypatch, "2026-02-13T09:00:00+00:00"):
        doc = add_achievement(db, title="Wrote the *payments* design doc", occurred_on="2026-02-13").id
        stages.link_evidence(db, "tl-design-docs", doc)
    return doc


def stage_section(markdown: str) -> str:
    return markdown.split("## Stage\n\n", 1)[1].split("\n## ", 1)[0]


def test_a_week_in_which_the_evidence_moved_the_stage(db, monkeypatch):
    moved_week(db, monkeypatch)
    with local_time(monkeypatch, "2026-02-16T08:00:00+00:00"):
        report = week_report(db, W07)
        summary = week_summary(db, W07)
    s = report.stage
    assert (s.before.stage, s.after.stage) == ("tech-leader", "exec-in-training")
    assert [(t.id, t.ticked, t.evidence) for t in s.met] == [
        ("tl-design-docs", False, ("Wrote the *payments* design doc",)),
        ("ex-budget", True, ()),
    ]
    assert s.sentence() == MOVED and MOVED in summary.text()
    section = stage_section(to_markdown(report))
    assert section.startswith(MOVED + "\n\nMet this week:\n")
    assert "— evidence: **Wrote the \\*payments\\* design doc**" in section  # the title as typed, escaped
    assert "- Control a real share of the budget. (Executive in training) — ticked" in section
    assert section.rstrip().endswith(
        "Next target: Answer for a company-level number, for example delivery "
        "throughput, how often incidents happen, or how fast ideas reach the market."
    )
    data = report.to_json()["stage"]
    assert data["before"]["stage"] == "tech-leader" and data["after"] == {
        "stage": "exec-in-training",
        "met": 3,
        "total": 6,
        "recorded": True,
    }
    assert data["moved"] is True and [t["id"] for t in data["targets_met"]] == ["tl-design-docs", "ex-budget"]


def test_the_week_reads_the_same_later_whatever_was_ticked_or_deleted_since(db, monkeypatch):
    doc = moved_week(db, monkeypatch)

    def read(now: str) -> tuple:
        """The report's stage, its Stage section and the paragraph's stage (the paragraph counts the
        achievements as the journal holds them now: the one deleted later is not counted)."""
        with local_time(monkeypatch, now + "+00:00"):
            report = week_report(db, W07)
            summary = week_summary(db, W07)
        assert MOVED in summary.text()
        return report.to_json()["stage"], stage_section(to_markdown(report)), summary.stage

    first = read("2026-02-15T20:00:00")  # the Sunday evening, while the week runs
    assert read("2026-02-16T08:00:00") == first
    stages.set_target(db, "ex-budget", False, at=at("2026-02-20T09:00:00"))
    for target in ["ex-company-metric", "ex-hiring-plan", "ex-customer-deals"]:
        stages.set_target(db, target, True, at=at("2026-02-21T09:00:00"))
    with local_time(monkeypatch, "2026-03-01T09:00:00+00:00"):
        delete_achievement(db, doc)
    assert read("2026-03-02T08:00:00") == first
    assert read("2027-01-01T08:00:00") == first
    assert first[0]["after"]["stage"] == "exec-in-training"


def test_a_week_without_a_target_met_says_where_you_stand_and_the_next_target(db, monkeypatch):
    moved_week(db, monkeypatch)
    with local_time(monkeypatch, "2026-02-25T08:00:00+00:00"):
        report = week_report(db, Week(2026, 8))
    assert report.stage.sentence() == (
        "No stage target met this week; you stand at Executive in training (3 of 6 targets met · 1 more to move on)."
    )
    assert "Next target: Answer for a company-level number" in stage_section(to_markdown(report))


def test_a_week_with_nothing_recorded_asks_for_the_targets_met(db, monkeypatch):
    with local_time(monkeypatch, "2026-02-16T08:00:00+00:00"):
        report = week_report(db, W07)
    assert stage_section(to_markdown(report)).strip() == (
        "No stage target is ticked or linked yet: tick the ones you have met."
    )
    assert report.to_json()["stage"]["after"]["recorded"] is False


TARGETS = [*ENGINEER, "eng-solo-incident", "tl-multi-month", "tl-partners", "tl-mentees"]
EVENTS = st.lists(st.tuples(st.sampled_from(TARGETS), st.booleans(), st.integers(0, 20 * 24)), max_size=25)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(events=EVENTS, later=EVENTS)
def test_the_weeks_end_matches_the_timeline_then_and_later_ticks_change_nothing(
    tmp_path_factory, monkeypatch, events, later
):
    """Ticks and unticks at any hour from 1 to 21 February: W07's placement at its end is the one the
    timeline showed at that moment, and ticks after the week leave W07 as it was."""
    with local_time(monkeypatch, "2026-03-01T09:00:00+00:00"):
        db = open_db(tmp_path_factory.mktemp("stage") / "t.db")
        try:
            for target, ticked, hour in sorted(events, key=lambda e: e[2]):
                moment = at("2026-02-01T00:00:00").replace(day=1 + hour // 24, hour=hour % 24)
                if moment < at("2026-02-16T00:00:00"):
                    stages.set_target(db, target, ticked, at=moment)
            first = stage_week(db, W07)
            live = stages.timeline(db).placement
            assert (first.after.stage, first.after.met, first.after.total) == (live.stage, live.met, live.total)
            for target, ticked, hour in sorted(later, key=lambda e: e[2]):
                stages.set_target(db, target, ticked, at=at("2026-02-16T00:00:00").replace(hour=hour % 24))
            assert stage_week(db, W07) == first
        finally:
            db.close()


def test_a_week_in_which_an_untick_moved_the_stage_back(db, monkeypatch):
    for target in ENGINEER:
        stages.set_target(db, target, True, at=at("2026-02-01T09:00:00"))
    stages.set_target(db, ENGINEER[0], False, at=at("2026-02-10T09:00:00"))
    with local_time(monkeypatch, "2026-02-16T08:00:00+00:00"):
        s = stage_week(db, W07)
    assert s.met == () and s.sentence() == (
        "Your evidence now puts you at Strong engineer, back from Technical leader (3 of 6 targets met · 1 more to move on)."
    )


def test_a_target_asking_for_two_deals_is_not_met_that_week_by_one(db, monkeypatch):
    """As the timeline counts it (stages.TargetState.met, evidence_needed): one linked deal does not
    meet 'at least two major customer deals', so the week did not meet it; the second link does."""
    with local_time(monkeypatch, "2026-02-10T09:00:00+00:00"):
        one = add_achievement(db, title="Closed the Acme renewal as technical lead", occurred_on="2026-02-10").id
        stages.link_evidence(db, "ex-customer-deals", one)
    with local_time(monkeypatch, "2026-02-15T20:00:00+00:00"):
        assert "ex-customer-deals" not in {t.id for t in stage_week(db, W07).met}
        live = {t.id: t.met for sv in stages.timeline(db).stages for t in sv.targets}
        assert live["ex-customer-deals"] is False
    with local_time(monkeypatch, "2026-02-18T09:00:00+00:00"):
        two = add_achievement(db, title="Led the Globex deal's technical review", occurred_on="2026-02-18").id
        stages.link_evidence(db, "ex-customer-deals", two)
    with local_time(monkeypatch, "2026-02-19T09:00:00+00:00"):
        assert "ex-customer-deals" in {t.id for t in stage_week(db, Week(2026, 8)).met}
