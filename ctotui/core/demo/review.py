"""Demo data for the weekly review: about five months of reviews.

The last eleven weeks were all reviewed (a live streak: this week's review is
still to do), before them a three-week gap (a holiday, and one review
abandoned at step 3), and before that a run of eight weeks. Reviews are done
on the review day (Friday) in the evening, now and then a day late. Each
review's focus is taken from the demo plan: the items the timeline's demo
ticks done in the weeks after (so last month's focus shows as done), topped up
with items still open. Deterministic for a given seed and CTOTUI_NOW.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from ctotui.core import clock
from ctotui.core.review import weekly as review
from ctotui.core.timeline import plan

if TYPE_CHECKING:
    from sqlite_utils import Database

    from ctotui.core.demo.build import DemoContext

RECENT_RUN = 11  # weeks -1 .. -11: reviewed
GAP = 3  # weeks -12 .. -14: not reviewed (one abandoned halfway)
EARLIER_RUN = 8  # weeks -15 .. -22: reviewed
ABANDONED = (13, 3)  # (weeks ago, the step it stopped at)
FOCUS_AHEAD_DAYS = 28  # an item done within this many days after a review was one of its focus items
SWAP_ODDS = 0.2  # how often an open focus item is swapped for another the next week
FOCUS_HORIZONS = ("3-months", "6-12-months")  # a week's focus comes from the nearer horizons

REFLECTIONS = (
    "The design review for the ledger split went well: two teams agreed on the boundary in one meeting. "
    "I still wrote half the migration script myself instead of pairing on it.",
    "Quiet week on shipping, busy on people: two one-to-ones that mattered and a first interview loop "
    "as the lead. I said yes to three side requests I should have pushed back on.",
    "Got paged twice at night for payments again. The fix is not heroics, it is a second person who "
    "knows the system: that has to go on the plan.",
    "Presented the quarter's reliability numbers to product. Plain language worked better than graphs; "
    "they asked about cost, which I could not answer on the spot.",
    "Spent most of the week unblocking the mobile team. Useful, but none of it is in the journal yet, "
    "and half of it has no number.",
    "Read the monthly business review properly for once. Our biggest cost is not infrastructure, it is "
    "support time: that changes what I would fix first.",
    "Mentoring session with Sam on incident command. Teaching it showed me the gaps in my own runbook.",
    "Too many meetings, too little deep work. Blocked two mornings for next week.",
)
NEXT_THINGS = (
    "Hand the payments pager to Sam for one night, with the runbook",
    "Ask the VP what the board worries about this quarter",
    "Put a number on last week's unblocking work",
    "Block Tuesday and Thursday mornings for design work",
    "Write the one-page on-call handbook outline",
    "Say no to one side request, politely",
    "Learn our gross margin and what moves it",
    "Draft the talk for the all-hands",
)


def _reviewed_weeks() -> list[int]:
    recent = list(range(1, RECENT_RUN + 1))
    earlier = list(range(RECENT_RUN + GAP + 1, RECENT_RUN + GAP + EARLIER_RUN + 1))
    return sorted(recent + earlier, reverse=True)  # oldest first


def _focus_for(
    carried: list[int], done_on: dict[int, date], open_ids: list[int], day: date, ctx: DemoContext
) -> list[int]:
    """Last week's focus still open that day (now and then one swapped out), the items done in the
    weeks after, then open ones."""
    soon = [i for i, d in done_on.items() if 0 < (d - day).days <= FOCUS_AHEAD_DAYS]
    still = [i for i in carried if (i not in done_on or done_on[i] > day) and ctx.rng.random() > SWAP_ODDS]
    chosen = list(dict.fromkeys(still + soon))
    spare = [i for i in open_ids if i not in chosen]
    while len(chosen) < 2 and spare:
        chosen.append(spare.pop(ctx.rng.randrange(len(spare))))
    return chosen[: review.MAX_FOCUS]


def _set_focus(db: Database, review_id: int, item_ids: list[int], stamp: str) -> None:
    # Written directly: set_focus only takes items open *now*, and some of these were done since.
    db.execute("delete from review_focus where review_id = ?", [review_id])
    db.conn.executemany(
        "insert into review_focus (review_id, plan_item_id, chosen_at) values (?, ?, ?)",
        [(review_id, item_id, stamp) for item_id in item_ids],
    )


def fill(db: Database, ctx: DemoContext) -> None:
    items = [i for h in plan.plan(db) for i in h.items if h.slug in FOCUS_HORIZONS]
    open_ids = [i.id for i in items if i.status == "open" and not i.own]
    done_on = {i.id: clock.local(i.done_at).date() for i in items if i.status == "done" and i.done_at}
    now = clock.now()
    carried: list[int] = []
    this_week = review.Week.of(ctx.today)
    weekday = review.DEFAULT_WEEKDAY
    for weeks_ago in _reviewed_weeks():
        week = this_week.shifted(-weeks_ago)
        late = ctx.rng.choices((0, 1, 2), (7, 2, 1))[0]
        when = datetime.combine(week.day(weekday + late), time(17, 30 + ctx.rng.randint(0, 25))).astimezone()
        steps_at = [when + timedelta(minutes=2 * n) for n in range(len(review.STEPS) + 1)]
        r = review.start_review(db, week, at=steps_at[0])
        for n in range(2, len(review.STEPS) + 1):
            review.set_step(db, week, n, at=steps_at[n - 1])
        review.save_text(
            db,
            week,
            reflection=ctx.rng.choice(REFLECTIONS),
            next_thing=ctx.rng.choice(NEXT_THINGS),
            at=steps_at[-1],
        )
        carried = _focus_for(carried, done_on, open_ids, when.date(), ctx)
        _set_focus(db, r.id, carried, clock.utc_iso(steps_at[3]))
        review.complete_review(db, week, at=min(steps_at[-1], now))
    weeks_ago, step = ABANDONED
    week = this_week.shifted(-weeks_ago)
    when = datetime.combine(week.day(weekday), time(18, 5)).astimezone()
    review.start_review(db, week, at=when)
    review.set_step(db, week, step, at=when + timedelta(minutes=6))
