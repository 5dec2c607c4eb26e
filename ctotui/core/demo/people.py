"""Demo data for people and the bar: a manager, a founder, a mentor and two
references; conversations over six months; a bar with five criteria, three
met, its deadline four months away (deterministic for a given CTOTUI_NOW)."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from ctotui.core.people import bar, conversations
from ctotui.core.people import persons as people

if TYPE_CHECKING:
    from sqlite_utils import Database

    from ctotui.core.demo.build import DemoContext

PEOPLE = [  # name, relation, where, note, reference
    ("Dana Okafor", "manager", "Head of Engineering, Lumen", "Weekly one-to-one on Tuesdays.", False),
    ("Priya Natarajan", "founder", "CEO and co-founder, Lumen", "Cares about unit economics and hiring speed.", False),
    ("Marcus Feld", "mentor", "CTO at Tessellate (ex-Lumen)", "Monthly coffee; ran a 40-person org.", False),
    ("Jun Watanabe", "reference", "Staff engineer, Lumen payments", "We led the billing migration together.", True),
    ("Elena Sousa", "reference", "VP Product at Quarry (my old PM)", "Saw the checkout redesign end to end.", True),
]
# (person index, days ago, asked, heard, mine, theirs, follow-up in N days from the talk or None)
TALKS = [
    (0, 180, "Told Dana I want to grow toward leading engineering, eventually a CTO role.",
     "Supportive; asked me to think about which bigger scope I want first.", "Come back with a concrete ask.", "", 30),
    (2, 170, "What did you wish you had learned before your first CTO role?",
     "Budgeting and saying no to the CEO with numbers. Start owning a cost line now.",
     "Take over the infra budget review.", "Send me his budget template.", None),
    (0, 150, "What would I need to show over the next 12-18 months to be considered for a VP track?",
     "Five things: lead a cross-team project, own a budget, hire two engineers, present to the board, grow a lead.",
     "Write the five down and share progress monthly.", "Review progress in our monthly career chat.", 60),
    (1, 120, "Shared that I want to grow toward CTO and asked how she sees the engineering org in two years.",
     "Wants a VP Engineering within 18 months; prefers to promote from inside if someone is ready.",
     "Send her a one-page plan for the platform team.", "Include me in the next board prep.", 21),
    (3, 90, "Would you be a reference for leadership roles? Which results could you speak to?",
     "Yes: the billing migration and how I handled the on-call overhaul.", "", "", None),
    (2, 45, "Showed the bar and my evidence so far.",
     "The board presentation is the one that will count most. Practise it with him first.",
     "Dry run of the board deck with Marcus.", "Sit in on the dry run.", 50),
    (0, 20, "Monthly progress on the bar: three of five met.",
     "Agrees on three; the board presentation is scheduled next quarter.", "Draft the board section.",
     "Confirm the board date.", 30),
]  # fmt: skip
CRITERIA = [
    ("Lead a project that spans at least three teams", True),
    ("Own an annual budget line and bring it in on plan", True),
    ("Hire two engineers, from the job description to the offer", True),
    ("Present the engineering plan to the board", False),
    ("Grow an engineer into a team lead", False),
]
BAR_ROLE = "VP of Engineering"
BAR_TALK = 2  # index in TALKS: the conversation where the bar was set
DEADLINE_IN_DAYS = 120  # four months away


def fill(db: Database, ctx: DemoContext) -> None:
    ids = [
        # again: `ctotui demo --force` writes the demo over one already here, people included
        people.add(db, name, relation, where=where, note=note, reference=ref, again=True).id
        for name, relation, where, note, ref in PEOPLE
    ]
    talk_ids = []
    for who, days, asked, heard, mine, theirs, follow in TALKS:
        held = ctx.today - timedelta(days=days)
        talk = conversations.log(
            db, ids[who], on=held, asked=asked, heard=heard, mine=mine, theirs=theirs,
            follow_up=held + timedelta(days=follow) if follow else None,
        )  # fmt: skip
        talk_ids.append(talk.id)
    agreed = ctx.today - timedelta(days=TALKS[BAR_TALK][1])
    bar.set_bar(
        db, role=BAR_ROLE, criteria=[text for text, _ in CRITERIA], conversation_id=talk_ids[BAR_TALK],
        agreed_on=agreed, deadline=ctx.today + timedelta(days=DEADLINE_IN_DAYS),
    )  # fmt: skip
    achievements = [
        r[0] for r in db.execute("select id from achievements where deleted_at is null order by sort_key desc limit 12")
    ]
    for number, (_text, met) in enumerate(CRITERIA, start=1):
        if met:
            bar.tick(db, number)
            if achievements:
                bar.link(db, number, achievements[(number * 3) % len(achievements)])
    for n, achievement_id in enumerate(achievements[:4]):
        people.vouch(db, ids[3 + n % 2], achievement_id)
