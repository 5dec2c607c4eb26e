"""Demo data for the timeline: a plan under way, targets ticked over the years,
answers to the stage questions and a round of self-checks (deterministic for a
given seed and CTOTUI_NOW)."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import TYPE_CHECKING

from ctotui.core.timeline import plan, profile, selfcheck
from ctotui.core.timeline import stages as tl

if TYPE_CHECKING:
    from sqlite_utils import Database

    from ctotui.core.demo.build import DemoContext

PLAN_STARTED_DAYS_AGO = 130  # so the 3-month items are past due

# target id -> days ago it was ticked
TICKS = {
    "eng-tricky-bugs": 1300,
    "eng-visible-work": 1250,
    "eng-how-it-connects": 1180,
    "eng-monthly-ship": 1100,
    "eng-solo-incident": 1020,
    "eng-work-log": 700,
    "tl-design-docs": 420,
    "tl-partners": 300,
    "ex-exec-exposure": 40,
}
UNTICKED_LATER = ("tl-multi-month", 260, 90)  # ticked, then unticked when a project was cancelled

ANSWERS = {
    "tl-q-miss": [
        (400, "The release process: I am the only one who knows the deploy scripts."),
        (35, "Release know-how is now written down and shared with Sam; the team would miss my design reviews most."),
    ],
    "tl-q-priorities": [(60, "Mostly code questions. Product asked my view on the Q3 roadmap once.")],
    "eng-q-draw-systems": [(900, "Yes for payments and search; not yet for the data pipeline.")],
}

OWN_ITEMS = [  # horizon, text, due in N days (None: derived, plan.default_due)
    ("3-months", "Write the on-call handbook and hand it to the team", 20),
    ("6-12-months", "Give a ten-minute talk on the deploy pipeline at the all-hands", None),
]
DONE = {"p3-achievements": 110, "p3-mentor": 70, "p3-partner": 20, "p12-expectations": 45}

# (kind, item) -> (answer, note); a mistake's "yes" means its warning signs are there.
CHECKS = {
    ("signal", "sig-early"): ("partly", "Invited to design reviews, not yet to planning."),
    ("signal", "sig-strategy"): ("partly", ""),
    ("signal", "sig-metrics"): ("yes", "Checkout conversion and infra cost per order."),
    ("signal", "sig-followers"): ("partly", ""),
    ("signal", "sig-org-input"): ("no", "Not asked about the reorg."),
    ("signal", "sig-portfolio"): ("yes", "Started the achievement log in spring; numbers for most entries."),
    ("signal", "sig-know-bar"): ("partly", "Have the VP's list; need dates."),
    ("mistake", "chasing-titles"): ("no", ""),
    ("mistake", "ignoring-business"): ("partly", "Still skip the monthly business review now and then."),
    ("mistake", "dead-end-environment"): ("no", ""),
    ("mistake", "hero-coder"): ("yes", "Still the one paged at night for payments."),
    ("environment", "env-how-money"): ("yes", ""),
    ("environment", "env-context"): ("yes", ""),
    ("environment", "env-mentor"): ("yes", "The VP meets me once a month."),
    ("environment", "env-real-problem"): ("yes", ""),
    ("environment", "env-talk-users"): ("partly", "Only through support tickets."),
    ("environment", "env-see-numbers"): ("partly", ""),
    ("environment", "env-people-grow"): ("yes", ""),
    ("environment", "env-clear-bar"): ("yes", "The VP set the bar: five criteria and a deadline."),  # people.py's bar
    ("environment", "env-pay-matches"): ("partly", "Raised it in my review; decision in January."),
}
STALE_CHECK = ("environment", "env-people-grow")  # last looked at long ago


def fill(db: Database, ctx: DemoContext) -> None:
    def ago(days: int) -> datetime:
        return datetime.combine(ctx.today - timedelta(days=days), time(9, 30))

    profile.update(
        db, aim="exec-in-training", plan_started=(ctx.today - timedelta(days=PLAN_STARTED_DAYS_AGO)).isoformat()
    )
    for target_id, days in TICKS.items():
        tl.set_target(db, target_id, True, at=ago(days))
    target_id, ticked, unticked = UNTICKED_LATER
    tl.set_target(db, target_id, True, at=ago(ticked))
    tl.set_target(db, target_id, False, at=ago(unticked))
    for question_id, dated in ANSWERS.items():
        for days, text in dated:
            tl.answer_question(db, question_id, text, at=ago(days))

    plan.ensure_seeded(db, at=ago(PLAN_STARTED_DAYS_AGO))  # added when the plan started, before any is done
    by_source = {i.source_id: i.id for h in plan.plan(db) for i in h.items if i.source_id}
    for source_id, days in DONE.items():
        plan.set_status(db, by_source[source_id], "done", at=ago(days))
    for horizon, text, due_in in OWN_ITEMS:
        # again: `ctotui demo --force` writes the demo over one already here, its plan included
        plan.add_item(db, horizon, text, due=ctx.today + timedelta(days=due_in) if due_in else None, again=True)

    for (kind, item_id), (answer, note) in CHECKS.items():
        days = 200 if (kind, item_id) == STALE_CHECK else ctx.rng.randint(3, 40)
        selfcheck.answer_self_check(db, kind, item_id, answer, note, at=ago(days))
