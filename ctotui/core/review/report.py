"""A week as the review sees it, and its Markdown report.

Everything is read back from its own area by the week's local dates, never
copied into the review: the achievements dated in the week (as they are now),
each skill's level at the end of the week before and at the end of this one
(ratings are never changed, so a past week's "3 → 4" stays true), the
signals and mistakes answered during the week with the answer before, the
plan items ticked done in the week, the previous review's focus and whether
each item was done by the end of this week, and the drill's answers of the
week. The review row adds the reflection, the one thing and the next focus; the review
of the week before, the one thing it set for this week ("Last week you said"). The stage
targets met during the week and the placement at its start and end come from
core/review/stage_week.py, from the stored times of the ticks and links.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from ctotui.core import clock, playbook
from ctotui.core.drill import bank as drill
from ctotui.core.errors import NotFound
from ctotui.core.journal.entries import JournalFilter, count_achievements, page_achievements
from ctotui.core.markdown_text import body_lines
from ctotui.core.markdown_text import md as one_line_md
from ctotui.core.people import conversations
from ctotui.core.plural import plural
from ctotui.core.review.stage_week import StageWeek, stage_week
from ctotui.core.review.weekly import (
    STEP_TITLES,
    Review,
    Week,
    get_review,
    one_thing_for,
    parse_week,
    previous_review,
)
from ctotui.core.skills import stack as skills
from ctotui.core.timeline import plan, selfcheck

if TYPE_CHECKING:
    from sqlite_utils import Database

    from ctotui.core.drill.bank import Attempt
    from ctotui.core.journal.entries import Achievement
    from ctotui.core.people.conversations import Conversation
    from ctotui.core.timeline.plan import PlanItem

MAX_ACHIEVEMENTS = 200
CHECK_KINDS = ("signal", "mistake")


@dataclass(frozen=True)
class RatingChange:
    skill: str
    name: str
    before: int | None  # the level at the end of the week before
    after: int | None  # the level at the end of this week
    rated: int  # ratings given during the week
    notes: tuple[str, ...]  # their notes, oldest first

    @property
    def changed(self) -> bool:
        return self.rated > 0 and self.before != self.after

    def describe(self) -> str:
        if not self.rated:
            return "not re-rated" if self.after is not None else "not rated yet"
        if self.before is None:
            return f"first rated: {self.after}"
        if self.before == self.after:
            return f"rated again, still {self.after}"
        return f"{self.before} → {self.after} {'▲' if (self.after or 0) > self.before else '▼'}"


@dataclass(frozen=True)
class CheckChange:
    kind: str
    item_id: str
    text: str
    before: str | None  # the latest answer before the week
    after: str  # the latest answer given during the week
    note: str

    @property
    def concern(self) -> bool:
        good = {"yes": 1.0, "partly": 0.5, "no": 0.0}[self.after]
        return (1.0 - good if self.kind == "mistake" else good) < 0.5


@dataclass(frozen=True)
class FocusOutcome:
    item: PlanItem
    done: bool  # done by the end of the week


@dataclass(frozen=True)
class PlanProgress:
    focus_from: Week | None  # the review that chose this week's focus
    focus: tuple[FocusOutcome, ...]
    done: tuple[PlanItem, ...]  # plan items ticked done during the week
    next_focus: tuple[PlanItem, ...]  # chosen in this week's review


@dataclass(frozen=True)
class DrillWeek:
    attempts: tuple[Attempt, ...]  # oldest first
    categories: tuple[tuple[str, int, float], ...]  # (category name, answers, mean total)

    @property
    def average(self) -> float | None:
        return sum(a.total for a in self.attempts) / len(self.attempts) if self.attempts else None


@dataclass(frozen=True)
class WeekReport:
    week: Week
    review: Review | None
    achievements: tuple[Achievement, ...]  # oldest first (the newest MAX_ACHIEVEMENTS of a busier week)
    achievements_total: int  # how many the journal holds for the week
    ratings: tuple[RatingChange, ...]  # every skill area, in the playbook's order
    checks: tuple[CheckChange, ...]  # the signals and mistakes answered during the week
    plan: PlanProgress
    drill: DrillWeek
    stage: StageWeek  # the stage targets met during the week, and the placement at its start and end
    talks: tuple[Conversation, ...] = ()  # who you talked to during the week, oldest first
    follow_ups: tuple[Conversation, ...] = ()  # open follow-ups due by the week's Sunday
    people_known: bool = False  # the people area holds anyone: the report has a People section
    said: str = ""  # the one thing the week before's review set for this week (weekly.one_thing_for)

    @property
    def without_number(self) -> int:
        return sum(1 for a in self.achievements if not a.has_number)

    def to_json(self) -> dict[str, Any]:
        return {
            "week": self.week.key,
            "monday": self.week.start.isoformat(),
            "sunday": self.week.end.isoformat(),
            "review": self.review.to_json() if self.review else None,
            "one_thing_set_last_week": self.said,
            "achievements": [a.to_json() for a in self.achievements],
            "achievements_total": self.achievements_total,
            "ratings": [
                {"skill": r.skill, "before": r.before, "after": r.after, "rated": r.rated, "notes": list(r.notes)}
                for r in self.ratings
            ],
            "checks": [
                {"kind": c.kind, "item": c.item_id, "before": c.before, "after": c.after, "note": c.note}
                for c in self.checks
            ],
            "plan": {
                "focus_from": self.plan.focus_from.key if self.plan.focus_from else None,
                "focus": [{"id": f.item.id, "text": f.item.text, "done": f.done} for f in self.plan.focus],
                "done": [{"id": i.id, "text": i.text} for i in self.plan.done],
                "next_focus": [{"id": i.id, "text": i.text} for i in self.plan.next_focus],
            },
            "stage": self.stage.to_json(),
            "drill": {
                "answers": len(self.drill.attempts),
                "average": None if self.drill.average is None else round(self.drill.average, 2),
                "categories": [{"name": n, "answers": c, "average": round(m, 2)} for n, c, m in self.drill.categories],
            },
            "people": {
                "talked_to": [t.as_json() for t in self.talks],
                "follow_ups_due": [t.as_json() for t in self.follow_ups],
            },
        }


# --- reading a week ------------------------------------------------------------------------


def week_achievements(db: Database, week: Week, limit: int = MAX_ACHIEVEMENTS) -> tuple[tuple[Achievement, ...], int]:
    """The live achievements dated in the week, newest first (the journal's order; at most
    ``limit``), and how many there are in all."""
    filters = JournalFilter(since=week.start, until=week.end)
    page = page_achievements(db, filters=filters, limit=limit)
    return page.items, count_achievements(db, filters) if page.next else len(page.items)


def rating_changes(db: Database, week: Week) -> tuple[RatingChange, ...]:
    rated = skills.ratings(db)
    out = []
    for area in playbook.load().skills:
        mine = [r for r in rated if r.skill == area.slug]
        during = [r for r in mine if week.contains(r.rated_on)]
        out.append(
            RatingChange(
                area.slug,
                area.name,
                skills.level_on(mine, week.start - timedelta(days=1)),
                skills.level_on(mine, week.end),
                len(during),
                tuple(r.note for r in during if r.note),
            )
        )
    return tuple(out)


def check_changes(db: Database, week: Week) -> tuple[CheckChange, ...]:
    low, high = week.utc_bounds()
    out = []
    for c in selfcheck.self_checks(db):
        if c.kind not in CHECK_KINDS or not c.answers:
            continue
        history = selfcheck.self_check_history(db, c.kind, c.item_id)  # newest first
        during = [h for h in history if low <= h.answered_at < high]
        if during:
            before = next((h.answer for h in history if h.answered_at < low), None)
            out.append(CheckChange(c.kind, c.item_id, c.text, before, during[0].answer, during[0].note))
    return tuple(out)


def _readable_attempts(db: Database, ids: list[int]) -> Iterator[Any]:
    """The attempts, leaving out one the drill cannot read (`ctotui check` names it)."""
    for attempt_id in ids:
        try:
            yield drill.get_attempt(db, attempt_id)
        except NotFound:
            continue


def week_attempts(db: Database, week: Week) -> DrillWeek:
    """The drill's answers during the week, with the mean rubric total per category."""
    low, high = week.utc_bounds()
    ids = [
        r[0]
        for r in db.execute(
            "select id from attempts where created_at >= ? and created_at < ? order by created_at, id", [low, high]
        ).fetchall()
    ]
    found = tuple(_readable_attempts(db, ids))
    category = {q.id: q.category for q in drill.list_questions(db, include_retired=True)} if found else {}
    per = []
    for ic in playbook.load().interview:
        totals = [a.total for a in found if category.get(a.question_id) == ic.slug]
        if totals:
            per.append((ic.name, len(totals), sum(totals) / len(totals)))
    return DrillWeek(found, tuple(per))


def _local_day(stamp: str) -> date:
    return clock.local(stamp).date()


def plan_progress(db: Database, week: Week, review: Review | None = None) -> PlanProgress:
    """The previous review's focus (each done by the end of the week or not), the items done
    during the week, and the focus this week's review chose."""
    review = review or get_review(db, week)
    earlier = previous_review(db, week)
    items = {i.id: i for h in plan.plan(db, include_dropped=True) for i in h.items}

    def done_by(item: PlanItem, day: date) -> bool:
        return item.status == "done" and item.done_at is not None and _local_day(item.done_at) <= day

    return PlanProgress(
        focus_from=earlier.week if earlier and earlier.focus else None,
        focus=tuple(FocusOutcome(items[i], done_by(items[i], week.end)) for i in earlier.focus if i in items)
        if earlier
        else (),
        done=tuple(
            i for i in items.values() if i.done_at and done_by(i, week.end) and week.contains(_local_day(i.done_at))
        ),
        next_focus=tuple(items[i] for i in (review.focus if review else ()) if i in items),
    )


def week_report(db: Database, week: Week | str | None = None, *, limit: int = MAX_ACHIEVEMENTS) -> WeekReport:
    """The week's review, achievements (the newest ``limit``), ratings and plan, for the report."""
    chosen = parse_week(week)
    review = get_review(db, chosen)
    wins, total = week_achievements(db, chosen, limit)
    return WeekReport(
        week=chosen,
        review=review,
        achievements=tuple(reversed(wins)),
        achievements_total=total,
        ratings=rating_changes(db, chosen),
        checks=check_changes(db, chosen),
        plan=plan_progress(db, chosen, review),
        drill=week_attempts(db, chosen),
        stage=stage_week(db, chosen),
        talks=tuple(reversed(conversations.recent(db, chosen.start, chosen.end))),
        follow_ups=tuple(
            t
            for t in conversations.follow_ups(db, within_days=0, today=chosen.end)
            if t.follow_up is not None and t.follow_up <= chosen.end
        ),
        people_known=db.execute("select exists (select 1 from people)").fetchone()[0] == 1,
        said=one_thing_for(db, chosen),
    )


# --- Markdown ------------------------------------------------------------------------------


def md(text: str) -> str:
    """Text safe inside Markdown on one line (its line breaks and runs of spaces made one space):
    the brag's escaping (core/markdown_text.py), so a title reads as typed in both documents."""
    return one_line_md(" ".join(text.split()))


def _day(value) -> str:
    return f"{value:%a} {value.day} {value:%b}"


def _status_line(report: WeekReport) -> str:
    r = report.review
    if r is None:
        return "*Not reviewed: this is what the journal, skills, plan and drill recorded that week.*"
    if r.completed:
        moment = clock.local(r.completed_at)  # type: ignore[arg-type]  # a completed review has its completed_at
        return f"Reviewed {_day(moment)} {moment.year} at {moment:%H:%M}."
    return f"*In progress: stopped at {r.step_of} ({STEP_TITLES[r.step_name].lower()}).*"


def _achievement_lines(report: WeekReport) -> list[str]:
    if not report.achievements:
        return ["Nothing logged this week."]
    lines = []
    names = {s.slug: s.name.lower() for s in playbook.load().skills}
    for a in report.achievements:
        facts = [_day(a.occurred_on)]
        if a.category:
            facts.append(a.category)
        if a.skills:
            facts.append(", ".join(names.get(s, s) for s in a.skills))
        metric = f" — {md(a.badge)}" if a.has_number else " — *no number yet*"
        lines.append(f"- **{md(a.title)}**{metric} · {' · '.join(facts)}")
    if report.without_number:
        lines += ["", f"{report.without_number} of {len(report.achievements)} without a number."]
    if report.achievements_total > len(report.achievements):
        lines += ["", f"The newest {len(report.achievements)} of {report.achievements_total} are listed."]
    return lines


def _rating_lines(report: WeekReport) -> list[str]:
    lines = ["| Area | Level | This week |", "| --- | --- | --- |"]
    for r in report.ratings:
        lines.append(f"| {r.name} | {r.after if r.after is not None else '–'} | {r.describe()} |")
    notes = [(r.name, n) for r in report.ratings for n in r.notes]
    if notes:
        lines.append("")
        lines += [f"- {name}: {md(note)}" for name, note in notes]
    return lines


def _check_lines(report: WeekReport) -> list[str]:
    if not report.checks:
        return ["None answered this week."]
    lines = []
    for c in report.checks:
        what = "Signal" if c.kind == "signal" else "Mistake (warning signs seen?)"
        was = f" (was {c.before})" if c.before and c.before != c.after else (" (unchanged)" if c.before else "")
        flag = " ⚠" if c.concern else ""
        note = f" — {md(c.note)}" if c.note else ""
        lines.append(f"- {what}: {md(c.text)} — **{c.after}**{was}{flag}{note}")
    return lines


def _plan_lines(report: WeekReport) -> list[str]:
    p = report.plan
    lines: list[str] = []
    if p.focus:
        lines.append(f"This week's focus (chosen in {p.focus_from}):")
        lines += [f"- [{'x' if f.done else ' '}] {md(f.item.text)}" for f in p.focus]
        lines.append("")
    lines.append("Done this week:" if p.done else "Nothing ticked done this week.")
    lines += [f"- [x] {md(i.text)} ({_day(_local_day(i.done_at))})" for i in p.done if i.done_at]
    if p.next_focus:
        lines += ["", "Focus for next week:"]
        lines += [f"- [ ] {md(i.text)}" for i in p.next_focus]
    return lines


def _stage_lines(report: WeekReport) -> list[str]:
    """What moved on the road to CTO: the playbook moves you through the stages by evidence."""
    s = report.stage
    lines = [s.sentence()]
    if s.met:
        lines += ["", "Met this week:"]
        for t in s.met:
            how = ["ticked"] if t.ticked else []
            if t.evidence:
                how.append("evidence: " + ", ".join(f"**{md(title)}**" for title in t.evidence))
            lines.append(f"- {md(t.text)} ({t.stage}) — {', '.join(how)}")
    if s.after.recorded and s.next_target:
        lines += ["", f"Next target: {md(s.next_target)}"]
    return lines


def _drill_lines(report: WeekReport) -> list[str]:
    d = report.drill
    if not d.attempts:
        return ["No answers practised this week."]
    per = ", ".join(f"{name} {avg:.1f} ({n})" for name, n, avg in d.categories)
    return [f"{plural(len(d.attempts), 'answer')}, average {d.average:.1f}/12: {per}."]


def _people_lines(report: WeekReport) -> list[str]:
    """Who you talked to this week, and the follow-ups due (the article: keep the right people
    informed of what you want)."""
    lines = [
        f"- {t.held_on.isoformat()} with **{md(t.person)}**"
        + (f": {md(t.heard or t.asked)}" if (t.heard or t.asked) else "")
        for t in report.talks
    ] or ["Talked to nobody about your goals this week."]
    if report.follow_ups:
        lines += ["", "Follow-ups due:"]
        lines += [f"- {md(t.person)}, due {t.follow_up.isoformat()}" for t in report.follow_ups if t.follow_up]
    return lines


def to_markdown(report: WeekReport, summary: str = "") -> str:
    """The week as a Markdown document (what `ctotui review --week W --format md` prints).

    ``summary`` (core/coach/week.py's paragraph, already Markdown-safe) opens it when given."""
    r = report.review
    out = [f"# Weekly review · {report.week.key}", "", f"{report.week.label} · {_status_line(report)}"]
    if report.said:
        out += ["", f"Last week you said: {md(report.said)}"]
    if summary:
        out += ["", summary]
    sections = [
        ("Achievements", _achievement_lines(report)),
        ("Skills", _rating_lines(report)),
        ("Signals and mistakes", _check_lines(report)),
        ("Plan", _plan_lines(report)),
        ("Stage", _stage_lines(report)),
        ("Drill", _drill_lines(report)),
    ]
    if report.people_known:
        sections.append(("People", _people_lines(report)))
    if r is not None:
        # typed in Markdown, made safe as the brag's stories are: an open fence, a heading or raw HTML
        # in it cannot swallow or hide the section after it
        sections.append(("Reflection", body_lines(r.reflection) if r.reflection.strip() else ["*Not written.*"]))
        sections.append(("One thing for next week", [md(r.next_thing) if r.next_thing else "*Not chosen.*"]))
    for title, lines in sections:
        out += ["", f"## {title}", "", *lines]
    return "\n".join(out) + "\n"
