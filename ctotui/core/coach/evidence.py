"""What in the user's data shows a plan item or a stage target done, so that the coach asks for a
tick with the evidence instead of sending the user after what they did (core/coach/rules.py's
``plan_overdue`` and ``next_target``). The coach never ticks anything itself."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from ctotui.core import clock, playbook
from ctotui.core.dates import short_day
from ctotui.core.journal import entries as journal
from ctotui.core.journal.query import JournalFilter
from ctotui.core.people import bar as bar_core
from ctotui.core.plural import plural
from ctotui.core.timeline import plan as plan_core
from ctotui.core.timeline import stages as tl

if TYPE_CHECKING:
    from sqlite_utils import Database


# The playbook's plan items whose aim the user's data can show done, by their source id; each maps
# to what shows it. Only where the data leaves no doubt:
# - "journal": the document of achievements is the journal; it is started and added to once it holds
#   two entries.
# - "bar": the manager spelling out what you would need to show is what a bar written down records.
# - a target id: the timeline target says the same thing or more, so that target met covers the item
#   (several projects across teams ⊇ one; mentoring two engineers ⊇ coaching one; close ties with
#   product managers ⊇ closer to one partner; leading managers ⊇ a team of your own; presenting to the
#   executives or the board every quarter ⊇ dealing with them).
# Left out: items no data speaks to (owning an area end to end, a network, the move), and
# "spending, hiring and performance reviews", which no one target covers whole.
PLAN_DONE_BY = {
    "p3-achievements": "journal",
    "p3-partner": "tl-partners",
    "p3-mentor": "tl-mentees",
    "p12-cross-team": "tl-multi-month",
    "p12-process": "tl-measured-process",
    "p12-expectations": "bar",
    "p36-own-team": "ex-manage-managers",
    "p36-exec-exposure": "ex-exec-exposure",
}
JOURNAL_STARTED = 2  # entries: a document started and added to
TITLE_SHOWN = 60  # characters of an achievement's title in a reason (longer: cut with "…")


def _playbook_texts() -> dict[str, str]:
    return {item.id: item.text for h in playbook.load().plan for item in h.items}


def _title(db: Database, achievement_id: int) -> str:
    title = journal.titles(db, [achievement_id]).get(achievement_id, "")
    return title if len(title) <= TITLE_SHOWN else title[: TITLE_SHOWN - 1] + "…"


def looks_done(db: Database, item: plan_core.PlanItem) -> str:
    """What in the data shows a playbook plan item done (``PLAN_DONE_BY``), or "". An item whose text
    the user rewrote is theirs now: the mapping no longer speaks for it."""
    shown_by = PLAN_DONE_BY.get(item.source_id or "")
    if shown_by is None or item.text != _playbook_texts().get(item.source_id or ""):
        return ""
    if shown_by == "journal":
        n = journal.journal_counts(db).total
        return f"your journal has {plural(n, 'entry', 'entries')}" if n >= JOURNAL_STARTED else ""
    if shown_by == "bar":
        bars = bar_core.all_bars(db)  # a bar closed since still says what was asked
        if not bars:
            return ""
        b = bars[0]
        who = f" with {b.person}" if b.person else ""
        return f"you have a bar set{who} on {short_day(b.agreed_on)}"
    linked = tl.evidence(db, shown_by)
    if linked:
        return f"#{linked[0]} “{_title(db, linked[0])}” shows it"
    target = tl.target_state(db, shown_by)
    if target.ticked:
        when = f" on {short_day(clock.local(target.ticked_at).date())}" if target.ticked_at else ""
        return f"you ticked the timeline target it mirrors{when}"
    return ""


# The targets the journal alone can judge. "Keep a log of your work with at least one entry a month,
# each with a number where you can find one": a numbered entry in each of LOG_MONTHS months in a row.
# "Keep" is a habit held, not begun: the playbook's plan only starts the document of achievements in
# its first 3 months, so a log kept runs longer than that; six months is half the 12 to 24 months the
# playbook plans a career step over. Only entries with a number count, as the target asks for one.
LOG_MONTHS = 6
JOURNAL_TARGETS = ("eng-work-log",)


def _month_has_number(db: Database, first: date) -> bool:
    last = plan_core.add_months(first, 1) - timedelta(days=1)
    return journal.count_achievements(db, JournalFilter(since=first, until=last, number=True)) > 0


def journal_shows(db: Database, target_id: str, today: date) -> str:
    """Why the journal shows a target of ``JOURNAL_TARGETS`` met, or "". The months in a row end with
    this month when it has a numbered entry, else with the month before (this one is not over)."""
    if target_id not in JOURNAL_TARGETS:
        return ""
    month = today.replace(day=1)
    if not _month_has_number(db, month):
        month = plan_core.add_months(month, -1)
    run = 0
    while _month_has_number(db, month):
        run += 1
        month = plan_core.add_months(month, -1)
    if run < LOG_MONTHS:
        return ""
    since = plan_core.add_months(month, 1)
    return f"your journal has a numbered entry every month since {since:%b %Y}"
