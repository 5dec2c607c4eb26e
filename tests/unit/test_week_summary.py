"""The week in a paragraph: each part computed by rules from the week's data."""

from __future__ import annotations

from datetime import datetime

import pytest
from review_helpers import local_time

from ctotui.core.coach.week import week_summary
from ctotui.core.drill import bank as drill
from ctotui.core.journal.entries import add_achievement
from ctotui.core.playbook import RUBRIC
from ctotui.core.review import weekly as review
from ctotui.core.review.report import md
from ctotui.core.review.weekly import Week
from ctotui.core.skills import stack as skills
from ctotui.core.timeline import plan, profile

W = Week(2026, 11)  # Monday 9 to Sunday 15 March 2026


def at(text: str) -> datetime:
    return datetime.fromisoformat(text + "+00:00")


def scores(total: int) -> dict[str, int]:
    values = [2] * (total // 2) + [1] * (total % 2)
    return dict(zip(RUBRIC, values + [0] * (len(RUBRIC) - len(values)), strict=True))


@pytest.fixture(autouse=True)
def frozen(monkeypatch):
    with local_time(monkeypatch, "2026-03-13T17:00:00+00:00"):
        yield


def test_an_empty_week_says_so(db):
    assert week_summary(db, W).text() == (
        "No achievement was logged this week. No rating changed. No drill practice. "
        "No plan item done, none overdue. No stage target is ticked or linked yet: tick the ones you have met. "
        "Review streak: 0 weeks."
    )


def test_a_full_week(db):
    add_achievement(db, title="Cut deploys from 45 to 7 min", occurred_on="2026-03-10", metric="parse")
    add_achievement(db, title="Hired 2 engineers", occurred_on="2026-03-11", metric="parse")
    add_achievement(db, title="Ran a *workshop*", occurred_on="2026-03-12")
    add_achievement(db, title="Saved $90k a year on storage", occurred_on="2026-03-08", metric="parse")  # last week
    skills.rate(db, "leadership", 2, at=at("2026-02-01T10:00:00"))
    skills.rate(db, "leadership", 3, at=at("2026-03-12T10:00:00"))
    skills.rate(db, "business", 2, at=at("2026-03-12T10:00:00"))  # first rating: a change from none
    q = drill.get_question(db, "ots-10x-traffic").id
    drill.record_attempt(db, q, "a", scores(4), 60, now=at("2026-03-02T10:00:00"), fuzz=False)
    drill.record_attempt(db, q, "a", scores(12), 60, now=at("2026-03-11T10:00:00"), fuzz=False)
    profile.update(db, plan_started="2025-09-01")  # the 3-month items are long overdue
    first = [i for h in plan.plan(db) for i in h.items][0]
    plan.set_status(db, first.id, "done", at=at("2026-03-11T12:00:00"))
    review.complete_review(db, W.shifted(-1), at=at("2026-03-06T17:30:00"))
    review.complete_review(db, W, at=at("2026-03-13T16:30:00"))

    s = week_summary(db, W)
    assert s.achievements == 3
    assert s.strongest == ("Cut deploys from 45 to 7 min", "45→7 min −84%")
    assert [(n.split()[0], b, a) for n, b, a in s.changes] == [("Leadership", 2, 3), ("Business", None, 2)]
    assert s.answers == 1 and s.readiness_after > s.readiness_before > 0
    assert s.plan_done == 1 and s.plan_overdue == len(plan.plan(db)[0].items) - 1
    assert s.streak == 2
    text = s.text()
    assert text.startswith(
        "You logged 3 achievements; the strongest number: Cut deploys from 45 to 7 min (45→7 min −84%)."
    )
    assert "Ratings moved: Leadership & management 2 → 3, Business" in text and "– → 2." in text
    # a percentage, as readiness is shown everywhere else, said to be the categories' average (it read "from 0 to 4")
    assert (
        f"Drill readiness, averaged over the categories, rose from {s.readiness_before}% to {s.readiness_after}% "
        "with 1 answer." in text
    )
    assert f"1 plan item done, {s.plan_overdue} overdue." in text and text.endswith("Review streak: 2 weeks.")


def test_a_cost_that_went_up_is_not_the_weeks_strongest_number(db):
    add_achievement(db, title="Cut costs from $10k to $12k", occurred_on="2026-03-10", metric="parse")
    add_achievement(db, title="Cut deploys from 45 to 40 min", occurred_on="2026-03-11", metric="parse")
    assert week_summary(db, W).strongest == ("Cut deploys from 45 to 40 min", "45→40 min −11%")


def test_user_text_is_escaped_for_markdown(db):
    add_achievement(db, title="Cut *p99* from 900 to 300 ms", occurred_on="2026-03-10", metric="parse")
    assert r"Cut \*p99\* from 900 to 300 ms" in week_summary(db, W).text(escape=md)


def test_review_format_md_opens_with_the_paragraph(run_cli, monkeypatch):
    env = {"CTOTUI_NOW": "2026-03-13T17:00:00+00:00", "TZ": "UTC"}
    run_cli("add", "Cut deploys from 45 to 7 min", "--date", "2026-03-10", check_rc=0, env=env)
    lines = run_cli("review", "--week", "2026-W11", check_rc=0, env=env).stdout.splitlines()
    assert lines[0] == "# Weekly review · 2026-W11"
    assert lines[4].startswith("You logged 1 achievement; the strongest number: Cut deploys from 45 to 7 min")
    assert lines[6] == "## Achievements"


def test_a_busy_weeks_strongest_number_is_found_among_all_its_entries(db):
    # the report lists the newest 200 of a busier week; the oldest entry holds the strongest number
    add_achievement(db, title="Saved $900k a year by retiring the old stack", occurred_on="2026-03-09", metric="parse")
    for i in range(200):
        add_achievement(db, title=f"Fixed thing {i} for 2 teams", occurred_on="2026-03-10", metric="parse")
    s = week_summary(db, W)
    assert s.achievements == 201
    assert s.strongest == ("Saved $900k a year by retiring the old stack", "$900k/yr")
