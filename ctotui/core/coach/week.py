"""The week in a paragraph: a short summary computed by rules (no language model).

``week_summary(db, week)`` reads the week as the review sees it
(core/review/report.py) and adds what the report does not hold:

- **achievements**: how many were logged (dated in the week) and the one with
  the strongest number, ranked by core/journal/metric_rank.py among all of them (the
  report lists the newest 200 of a busier week; the ranking reads the rest);
- **ratings**: each area whose level changed during the week, "3 → 4";
- **drill readiness**: the mean readiness of the three interview categories
  (core/rubric.py's formula) as it stood when the week ended (now, while it
  runs), against the same when it began: the answers given by then, and each
  question's recall at that moment from its card as those answers left it
  (``_readiness_at``). A past week reads the same whatever day it is read;
- **plan**: items ticked done during the week, and items open and overdue at its end
  (only once the plan has started), whatever was ticked, dropped or reopened since
  (``_open_at``: from the dates each item keeps);
- **stage**: the placement on the road as the week ended, and whether the evidence moved it
  during the week or how many stage targets were met (core/review/stage_week.py: from the stored
  times of the ticks and links, so a past week reads the same later too);
- **streak**: consecutive weeks reviewed, this one counted once it is done;
- **people** (once the people area holds anyone): who you talked to during the
  week, and the follow-ups due by its end (core/people/).

``WeekSummary.text(escape)`` writes it as one paragraph; ``escape`` is applied
to user text (titles), so Markdown can pass its escaper and the app nothing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from fsrs import Card, Rating, ReviewLog

from ctotui.core import clock, playbook
from ctotui.core.drill import bank as drill
from ctotui.core.journal.entries import page_achievements
from ctotui.core.journal.metric_rank import strongest
from ctotui.core.journal.query import JournalFilter
from ctotui.core.plural import plural
from ctotui.core.review.history import review_streak
from ctotui.core.review.report import WeekReport, md, week_report
from ctotui.core.review.stage_week import StageWeek
from ctotui.core.review.weekly import Week, parse_week
from ctotui.core.rubric import RECENT_ATTEMPTS, readiness
from ctotui.core.timeline import plan as plan_core
from ctotui.core.timeline.profile import load as load_profile

if TYPE_CHECKING:
    from sqlite_utils import Database

    from ctotui.core.timeline.plan import PlanItem


__all__ = ["WeekSummary", "md", "summarize_week", "week_summary"]  # md: the Markdown escaper for text()


@dataclass(frozen=True)
class WeekSummary:
    week: Week
    achievements: int
    strongest: tuple[str, str] | None  # (title, metric badge) of the strongest number
    changes: tuple[tuple[str, int | None, int | None], ...]  # (area name, before, after)
    answers: int  # drill answers in the week
    readiness_before: int | None  # None: no drill practice at all by then
    readiness_after: int | None
    plan_done: int
    plan_overdue: int | None  # None: the plan has not started
    streak: int
    talked_to: tuple[str, ...] = ()  # people spoken to during the week (names, first time each)
    follow_ups: tuple[str, ...] = ()  # people with a follow-up due by the week's end
    people_known: bool = False  # the people area holds anyone: the paragraph says who you talked to
    stage: StageWeek | None = None  # what moved on the road to CTO (None: not read)

    def text(self, escape: Callable[[str], str] = lambda s: s) -> str:
        parts = []
        if self.achievements:
            line = f"You logged {plural(self.achievements, 'achievement')}"
            if self.strongest:
                title, badge = self.strongest
                line += f"; the strongest number: {escape(title)} ({escape(badge)})"
            parts.append(line + ".")
        else:
            parts.append("No achievement was logged this week.")
        if self.changes:
            moves = ", ".join(
                f"{name} {before if before is not None else '–'} → {after}" for name, before, after in self.changes
            )
            parts.append(f"Ratings moved: {moves}.")
        else:
            parts.append("No rating changed.")
        if self.answers and self.readiness_after is not None:
            before = self.readiness_before or 0
            delta = self.readiness_after - before
            if delta > 0:
                trend = f"rose from {before}% to {self.readiness_after}%"
            elif delta < 0:
                trend = f"fell from {before}% to {self.readiness_after}%"
            else:
                trend = f"held at {self.readiness_after}%"
            parts.append(
                f"Drill readiness, averaged over the categories, {trend} with {plural(self.answers, 'answer')}."
            )
        else:
            parts.append("No drill practice.")
        plan_line = f"{plural(self.plan_done, 'plan item')} done" if self.plan_done else "no plan item done"
        if self.plan_overdue is not None:
            plan_line += f", {self.plan_overdue or 'none'} overdue"
        parts.append(plan_line[0].upper() + plan_line[1:] + ".")
        if self.stage is not None:
            parts.append(self.stage.sentence())
        parts.append(f"Review streak: {plural(self.streak, 'week')}.")
        if self.people_known:
            talked = ", ".join(escape(name) for name in self.talked_to)
            parts.append(f"Talked to {talked}." if talked else "Talked to nobody about your goals.")
            if self.follow_ups:
                parts.append(f"Follow-ups due: {', '.join(escape(name) for name in self.follow_ups)}.")
        return " ".join(parts)


def _readiness_at(db: Database, moment: datetime) -> int | None:
    """Mean readiness over the categories as it stood at ``moment``: the answers given before it, on the
    questions not retired by then, and each practised question's recall at ``moment`` from its card
    rebuilt from those answers (fsrs's ``reschedule_card`` replays their ratings: the stored card is
    today's, and recall falls with every day since). None: no drill practice at all by then."""
    stamp = clock.utc_iso(moment)
    rows = db.execute(
        "select q.id, q.category, a.total, a.rating, a.created_at from attempts a "
        "join questions q on q.id = a.question_id where a.created_at < ? "
        "and (q.retired_at is null or q.retired_at >= ?) order by a.created_at desc, a.id desc",
        [stamp, stamp],
    ).fetchall()
    if not rows:
        return None
    logs: dict[int, list[ReviewLog]] = defaultdict(list)
    for qid, _, _, rating, created_at in rows:
        logs[qid].append(ReviewLog(qid, Rating(rating), datetime.fromisoformat(created_at), None))
    scheduler = drill.scheduler(fuzz=False)
    recall = {
        qid: scheduler.get_card_retrievability(scheduler.reschedule_card(Card(qid), answers), moment)
        for qid, answers in logs.items()
    }
    values = []
    for ic in playbook.load().interview:
        mine = [(qid, total) for qid, category, total, _, _ in rows if category == ic.slug]
        practised = {qid for qid, _ in mine}
        totals = [total for _, total in mine][:RECENT_ATTEMPTS]
        values.append(readiness(totals, [recall[q] for q in practised], len(practised)))
    return round(sum(values) / len(values))


def _moment(day: date) -> datetime:
    """Local midnight at the start of ``day``."""
    return datetime.combine(day, time.min).astimezone()


def _open_at(item: PlanItem, updated_at: str, day: date) -> bool:
    """Whether ``item`` was in the plan and open at the end of ``day``, as far as the item tells: it
    keeps the day it was added and the last time it was ticked done (``done_at``) and dropped
    (``dropped_at``), not when it was reopened. Ticked done or dropped by then, it was closed, unless
    it is open now and its last change (``updated_at``, which a reopening sets) came by then too;
    so reopened after the week it counts closed at its end, and an earlier closing that a later one
    overwrote is not known (it counts open)."""
    if clock.local(item.created_at).date() > day:
        return False
    if item.status == "open" and clock.local(updated_at).date() <= day:
        return True
    return not any(stamp and clock.local(stamp).date() <= day for stamp in (item.done_at, item.dropped_at))


def _overdue_at(db: Database, day: date) -> int:
    """Plan items open and past due at the end of ``day``. The due date is today's: an item's earlier
    due dates are not kept (an edit or a new plan start replaces them)."""
    updated = dict(db.execute("select id, updated_at from plan_items").fetchall())
    items = [i for h in plan_core.plan(db, include_dropped=True) for i in h.items]
    return sum(1 for i in items if i.due is not None and i.due < day and _open_at(i, updated[i.id], day))


def summarize_week(db: Database, report: WeekReport) -> WeekSummary:
    week = report.week
    numbered = report.achievements
    if report.achievements_total > len(numbered):  # a busy week: the report lists only its newest
        filters = JournalFilter(since=week.start, until=week.end, number=True)
        numbered = tuple(reversed(page_achievements(db, filters=filters, limit=report.achievements_total).items))
    ranked = strongest(numbered, lambda a: a.metric, n=1, words=lambda a: f"{a.title}\n{a.body}")
    best = (ranked[0][0].title, ranked[0][0].badge) if ranked else None
    changes = tuple((r.name, r.before, r.after) for r in report.ratings if r.changed)
    overdue = None
    if load_profile(db).plan_started is not None:  # reading the plan would start it today
        overdue = _overdue_at(db, min(week.end, clock.today()))
    return WeekSummary(
        week=week,
        achievements=report.achievements_total,
        strongest=best,
        changes=changes,
        answers=len(report.drill.attempts),
        readiness_before=_readiness_at(db, _moment(week.start)),
        readiness_after=_readiness_at(db, min(_moment(week.end + timedelta(days=1)), clock.now())),
        plan_done=len(report.plan.done),
        plan_overdue=overdue,
        streak=review_streak(db, week).current,
        talked_to=tuple(dict.fromkeys(t.person for t in report.talks)),
        follow_ups=tuple(dict.fromkeys(t.person for t in report.follow_ups)),
        people_known=report.people_known,
        stage=report.stage,
    )


def week_summary(db: Database, week: Week | str | None = None) -> WeekSummary:
    return summarize_week(db, week_report(db, parse_week(week)))
