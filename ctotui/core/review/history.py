"""The reviews over time: the streak, the journal's activity by day, the skills across
reviews, and what the dashboard says about this week's review.

**Streak.** The number of consecutive ISO weeks with a *completed* review, counted
back from the newest week that is reviewed or can no longer be: a week still to
review does not break it. This week's review can still be done until Sunday, and
last week's while it is the week the review opens on (weekly.review_due_now: early
in the week, or before a later review day), so while they are open the count starts at the
week before them. A week reviewed late counts for its own week, so reviewing
last week on Monday adds it to the streak. Every caller goes through
``review_streak`` (Home, ``ctotui review --list``, the History, the week's
report). Weeks are consecutive when their Mondays are seven days apart, so
2026-W53 is followed by 2027-W01.

**Activity.** Live achievements per day (by the day they happened), for the
last ``HEATMAP_WEEKS`` weeks up to today, as a contribution graph shows them.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from ctotui.core import clock, playbook
from ctotui.core.errors import NotFound
from ctotui.core.journal.query import SORT_SHIFT, sort_key
from ctotui.core.review.weekly import (  # a_week_to_review: Home's card and the coach read it here
    DueReview,
    Review,
    Week,
    a_week_to_review,
    list_reviews,
    review_due_now,
    review_weekday,
    week_to_review,
    weekday_name,
)
from ctotui.core.skills import stack as skills
from ctotui.core.timeline.plan import get_item

if TYPE_CHECKING:
    from sqlite_utils import Database

    from ctotui.core.timeline.plan import PlanItem

HEATMAP_WEEKS = 53  # the last 52 weeks and this one, like a contribution graph
TREND_REVIEWS = 12
LEVELS = 4  # shades of a non-empty day


@dataclass(frozen=True)
class Streak:
    current: int  # consecutive reviewed weeks up to this week (or before the weeks still open)
    longest: int
    total: int  # completed reviews in all
    last: Week | None  # the newest reviewed week

    def to_json(self) -> dict[str, object]:
        return {
            "current": self.current,
            "longest": self.longest,
            "total": self.total,
            "last": self.last.key if self.last else None,
        }


def streak(weeks: Iterable[Week], current: Week, due: Week | None = None) -> Streak:
    """The streak of reviewed weeks (see the module docstring) as at ``current``, with ``due`` the
    week to review (weekly.week_to_review; None: ``current``); ``weeks`` in any order, repeats ignored."""
    mondays = sorted({w.start for w in weeks})
    done = set(mondays)
    longest = run = 0
    previous: date | None = None
    for monday in mondays:
        run = run + 1 if previous is not None and (monday - previous).days == 7 else 1
        longest = max(longest, run)
        previous = monday
    still_open = {current.start, (due or current).start}  # may still be reviewed: not a break yet
    day = current.start
    while day in still_open and day not in done:
        day -= timedelta(days=7)
    count = 0
    while day in done:
        count += 1
        day -= timedelta(days=7)
    past = [m for m in mondays if m <= current.start]
    return Streak(count, longest, len(mondays), Week.of(past[-1]) if past else None)


def review_streak(db: Database, current: Week | None = None, reviews: Sequence[Review] | None = None) -> Streak:
    """The streak as at ``current`` (this week by default), the week due to review not breaking it."""
    current = current or Week.of(clock.today())
    reviews = list_reviews(db) if reviews is None else reviews
    return streak((r.week for r in reviews if r.completed), current, week_to_review(db))


# --- activity --------------------------------------------------------------------------


@dataclass(frozen=True)
class Activity:
    """Counts per day from ``start`` (a Monday) to ``end`` (today, or a day ahead holding an entry), days
    without any left out."""

    start: date
    end: date
    counts: dict[date, int]

    @property
    def weeks(self) -> int:
        return (self.end - self.start).days // 7 + 1

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def active_days(self) -> int:
        return sum(1 for n in self.counts.values() if n)

    @property
    def peak(self) -> int:
        return max(self.counts.values(), default=0)

    def count(self, day: date) -> int:
        return self.counts.get(day, 0)

    def level(self, day: date) -> int:
        """0 for a day without any, else 1 to LEVELS by its share of the busiest day."""
        return shade(self.count(day), self.peak)


def shade(count: int, peak: int) -> int:
    """0 for nothing, else 1..LEVELS: ceil(LEVELS * count / peak)."""
    if count <= 0 or peak <= 0:
        return 0
    return max(1, min(LEVELS, math.ceil(LEVELS * count / peak)))


def journal_activity(db: Database, *, weeks: int = HEATMAP_WEEKS, today: date | None = None) -> Activity:
    """Live achievements per day over the last ``weeks`` weeks (whole weeks from a Monday) to this week's
    Sunday: an entry may be dated a day ahead (core.dates.AHEAD_DAYS). It ends today, or on the last
    day with an entry when that is later."""
    today = today or clock.today()
    start = Week.of(today).start - timedelta(weeks=weeks - 1)
    rows = db.execute(
        "select occurred_on, count(*) from achievements where deleted_at is null "
        "and sort_key >= ? and sort_key < ? group by occurred_on",
        [sort_key(start, 0), sort_key(Week.of(today).end, 0) + SORT_SHIFT],
    ).fetchall()
    counts = {date.fromisoformat(day): n for day, n in rows}
    return Activity(start, max([today, *counts]), counts)


# --- skills across reviews ---------------------------------------------------------------


@dataclass(frozen=True)
class SkillTrend:
    skill: str
    name: str
    levels: tuple[int | None, ...]  # at the end of each reviewed week, oldest first

    @property
    def change(self) -> int | None:
        known = [x for x in self.levels if x is not None]
        return known[-1] - known[0] if len(known) > 1 else None


def skill_trends(
    db: Database, reviews: Sequence[Review] | None = None, *, limit: int = TREND_REVIEWS
) -> tuple[tuple[Week, ...], tuple[SkillTrend, ...]]:
    """Each skill's level at the end of each of the last ``limit`` weeks with a completed review
    (oldest first); a week still running counts up to today. The levels are read from the ratings'
    history (skills.level_on), so a rating made outside a review counts in its week too.
    """
    reviews = list_reviews(db) if reviews is None else reviews
    weeks = tuple(sorted(r.week for r in reviews if r.completed)[-limit:]) if limit > 0 else ()
    today = clock.today()
    rated = skills.ratings(db)
    trends = tuple(
        SkillTrend(
            s.slug,
            s.name,
            tuple(skills.level_on([r for r in rated if r.skill == s.slug], min(w.end, today)) for w in weeks),
        )
        for s in playbook.load().skills
    )
    return weeks, trends


# --- the dashboard's view ---------------------------------------------------------------------


@dataclass(frozen=True)
class ReviewStatus:
    week: Week
    today: date
    this_week: Review | None  # the review of the current ISO week, if begun
    last_done: Review | None  # the newest completed review
    days_since: int | None  # days since last_done was completed (local dates)
    streak: Streak
    weekday: int  # the review day, 0 Monday ... 6 Sunday
    focus: tuple[PlanItem, ...]
    focus_week: Week | None  # the week the focus was chosen for (the week after the review that chose it)
    due: DueReview  # the week the review opens on, whether it is due now, the review day to tell of
    # False for someone who never finished a review and has no week to look back on yet (a_week_to_review)
    a_week_to_review: bool = True
    # The review of due.week, if begun (done or not): last week's, left half done, is resumed, not started
    due_review: Review | None = None

    @property
    def review_day(self) -> date:
        """The review day to tell of: the due week's, or the next one once it is done (weekly.due_review)."""
        return self.due.day

    @property
    def nudge(self) -> str | None:
        if not self.a_week_to_review:  # five minutes in: nothing to review yet (nor does the coach say so)
            return None
        return nudge(self.today, self.weekday, self.due_review, self.due, first=self.last_done is None)


def nudge(today: date, weekday: int, begun: Review | None, due: DueReview, *, first: bool = False) -> str | None:
    """What to tell the user about the review due (None when there is nothing to say). ``begun``: the
    review of ``due.week`` if it was begun, resumed where it stopped. ``first``: no review was ever done;
    a week before it is not called "not reviewed yet" (nor is it by the coach, core/coach/rules.py's
    ``review_due``): nothing was missed by someone who never began."""
    resume = f"w resumes it at step {begun.step}" if begun else "w starts it"
    if due.week != Week.of(today):  # last week
        if not due.due:
            return None
        if today == due.day:  # a review day early in the week reviews the week that ended
            if begun:
                return f"Today is review day: last week ({due.week.label}) is half done: {resume}."
            return f"Today is review day: w reviews last week ({due.week.label})."
        if first:
            return f"Half done: {resume}." if begun else None
        return f"Last week ({due.week.label}) is not reviewed yet: {resume if begun else 'w reviews it'}."
    if due.done:
        return None
    if due.due and today == due.day:
        return f"Today is review day: {resume}."
    if due.due:
        left = "the week ends today" if today.weekday() == 6 else "there is still time until Sunday"
        return f"Review day was {weekday_name(weekday)}; {left}: {resume}."
    if begun is not None:
        return f"Half done: {resume}."
    return None


def review_status(db: Database, today: date | None = None) -> ReviewStatus:
    today = today or clock.today()
    week = Week.of(today)
    reviews = list_reviews(db)
    this_week = next((r for r in reviews if r.week == week), None)
    done = [r for r in reviews if r.completed and r.week <= week]
    last_done = done[0] if done else None
    days_since = (today - clock.local(last_done.completed_at).date()).days if last_done else None  # type: ignore[arg-type]  # a completed review has its completed_at
    due = review_due_now(db, today)  # the week the review opens on, and whether it is due
    # The focus the review of the week due chose once it is done or step 4 picks some, else the one before's
    source = next((r for r in reviews if r.week == due.week and (r.completed or r.focus)), None)
    source = source or next((r for r in reviews if r.week < due.week), None)
    focus = []
    for item_id in source.focus if source else ():
        try:
            focus.append(get_item(db, item_id))
        except NotFound:
            continue
    focus_week = source.week.shifted(1) if source else None
    streak_now = streak((r.week for r in reviews if r.completed), week, due.week)
    return ReviewStatus(
        week,
        today,
        this_week,
        last_done,
        days_since,
        streak_now,
        review_weekday(db),
        tuple(focus),
        focus_week,
        due,
        last_done is not None or a_week_to_review(db, due.week, today),
        next((r for r in reviews if r.week == due.week), None),
    )
