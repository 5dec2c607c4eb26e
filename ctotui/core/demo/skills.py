"""Demo data for the skill stack: eight months of self-ratings and some practical steps done.

The story (for Alex, five years in, on the early-employee path): technical depth and
product thinking rising, leadership up one level and holding, systems thinking
not looked at for months (a "not rated for N days" hint), business rated low
although the journal shows plenty of it (a possible underrating), and
communication rated 4 after a talk that never made it into the journal (a
"claim without evidence"). For that last case the filler takes the
communication link off the demo journal's own entries of the last 90 days, so
the hint shows whatever the seeded journal happened to hold; nothing else in
the journal changes, and entries the user wrote are never touched. Deterministic for a given seed and CTOTUI_NOW.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import TYPE_CHECKING

from ctotui.core.skills import stack as skills

if TYPE_CHECKING:
    from sqlite_utils import Database

    from ctotui.core.demo.build import DemoContext

# area -> [(days ago, level, note)], oldest first
RATINGS: dict[str, list[tuple[int, int, str]]] = {
    "technical-depth": [
        (240, 3, "Know the payments service inside out; other systems only from the outside."),
        (150, 3, "Still mostly payments. Started reading the search code on Fridays."),
        (28, 4, "Led the cross-team design for the ledger split; reviewed the search rewrite."),
    ],
    "product-thinking": [
        (240, 2, ""),
        (120, 2, "I ask why before starting, but rarely look at usage afterwards."),
        (20, 3, "Tracked adoption of the bulk export a month after release and reported it."),
    ],
    "leadership": [
        (235, 2, "Onboarded two new hires; no mentee yet."),
        (100, 3, "Leading the checkout squad this quarter; in the interview loop since March."),
        (12, 3, "Still level 3: no hard feedback conversation yet."),
    ],
    "communication": [
        (235, 3, "Design docs land well with engineers; lost the sales team in the outage review."),
        (24, 4, "Gave the ten-minute deploy pipeline talk at the all-hands; good questions after."),
    ],
    "business": [
        (230, 1, "Could not say what our gross margin is."),
        (16, 2, "Can explain the business model now; still fuzzy on unit economics."),
    ],
    "systems-thinking": [
        (220, 2, ""),
        (75, 3, "Measured review wait times before and after the reviewer rota: 26 h to 9 h."),
    ],
}
CLAIM_AREA = "communication"  # rated 4, no evidence in the last 90 days

# step id -> days ago ticked
TICKS = {
    "tech-own-system": 210,
    "tech-cross-team-design": 62,
    "tech-incident-review": 90,
    "prod-support-tickets": 70,
    "prod-track-impact": 22,
    "lead-onboarding": 200,
    "lead-interview": 110,
    "lead-run-squad": 40,
    "comm-present": 26,
    "biz-explain-model": 18,
    "sys-map-flow": 150,
    "sys-baseline": 120,
    "sys-improve-measure": 76,
}
UNTICKED_LATER = ("comm-weekly-update", 160, 95)  # kept it up for two months, then it lapsed


def fill(db: Database, ctx: DemoContext) -> None:
    def ago(days: int) -> datetime:
        return datetime.combine(ctx.today - timedelta(days=days), time(18, 15))

    for skill, history in RATINGS.items():
        for days, level, note in history:
            skills.rate(db, skill, level, note, at=ago(days))
    for step_id, days in TICKS.items():
        skills.set_step(db, step_id, True, at=ago(days))
    step_id, ticked, unticked = UNTICKED_LATER
    skills.set_step(db, step_id, True, at=ago(ticked))
    skills.set_step(db, step_id, False, at=ago(unticked))
    # Only the entries the journal filler just wrote (the newest ids): `demo --force` on a
    # database with the user's own journal must leave the user's links alone.
    db.execute(
        "delete from achievement_skills where skill = ? and occurred_on >= ? "
        "and achievement_id in (select id from achievements order by id desc limit ?)",
        [CLAIM_AREA, skills.window_start(ctx.today).isoformat(), ctx.achievements],
    )
