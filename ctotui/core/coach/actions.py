"""This week: what to do next, computed from the user's own data by rules.

``this_week(db)`` runs every rule in ``RULES`` (the order there *is* the
priority order, most urgent first), drops snoozed actions, keeps at most one
action per rule and per item, and returns the first ``MAX_ACTIONS`` (5).

The rules, in priority order (each one's boundary is in its function):

1. ``start-profile``, ``start-achievement``, ``start-rating``, ``start-drill``:
   onboarding, while the profile has no years, the journal no entry, the skills
   no rating, the drill no attempt.
2. ``review-due``: last week is not reviewed yet and still due (review/weekly.py's
   ``due_week``: a review day early in the week, or before a later one) after an earlier review, the review day is today, or the
   newest completed review is more than ``REVIEW_DAYS`` (7) days old; not once this
   week's review is done. Its item is the week due, which the review opens on.
3. ``bar-deadline``: the bar someone set has its deadline within ``bar.NEAR_DAYS`` (60)
   days, or past, with criteria open (core/people/bar.py).
4. ``plan-overdue``: an open plan item past its due date (the oldest first).
5. ``follow-up-due``: a follow-up with a person due today or overdue (core/people/conversations.py).
6. ``drill-due``: practised drill questions due now.
7. ``skill-claim``: a skill rated 4 or 5 with no evidence in the last 90 days.
8. ``mistake-yes``: a common mistake whose latest answer is "yes".
9. ``add-number``: one of the latest ``LATEST_ACHIEVEMENTS`` (5) entries has no number.
10. ``next-target``: the next unmet target of the stage the evidence puts you at.
11. ``story-gap``: an interview category with no story linked to any of its questions.
12. ``plan-soon``: an open plan item due within ``SOON_DAYS`` (14) days.
13. ``leech``: a drill question forgotten three times or more.
14. ``skill-underrated``: a skill rated 1–2 with 3 or more pieces of evidence in 90 days.
15. ``journal-week``: no journal entry this week (ISO week, Monday to today).
16. ``skill-stale``: a skill's newest rating is more than 30 days old.
17. ``checks-stale``: a self-check not answered in 90 days (signals and mistakes).
18. ``reference-stale``: a reference not spoken to in ``people.STALE_DAYS`` (90) days.

Urgent and dated first (the review, late plan items, due cards), then gaps
between claims and evidence, then slower habits. Another rule plugs in by
adding a function to ``RULES`` at its place in the order.

Snoozing (``snooze(db, "rule:item")``) hides one action for ``SNOOZE_DAYS`` (7)
days, counted from the day it was snoozed: hidden on days 0–6, back on day 7.
Snoozes live in the settings table under ``SNOOZE_KEY``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from ctotui.core import clock, playbook
from ctotui.core.dates import short_day
from ctotui.core.drill import bank as drill
from ctotui.core.drill import progress as drill_progress
from ctotui.core.drill import stories
from ctotui.core.errors import CtoError
from ctotui.core.journal import entries as journal
from ctotui.core.journal.query import JournalFilter
from ctotui.core.people import bar as bar_core
from ctotui.core.people import conversations
from ctotui.core.people import persons as people_core
from ctotui.core.plural import plural
from ctotui.core.review import history as review_history
from ctotui.core.settings import get_setting, set_setting
from ctotui.core.skills import stack as skills
from ctotui.core.text import clean_line
from ctotui.core.timeline import plan as plan_core
from ctotui.core.timeline import selfcheck
from ctotui.core.timeline import stages as tl
from ctotui.core.timeline.profile import load as load_profile

if TYPE_CHECKING:
    from sqlite_utils import Database

MAX_ACTIONS = 5
SNOOZE_DAYS = 7
SNOOZE_KEY = "coach.snoozed"  # setting: {"rule:item": "YYYY-MM-DD snoozed on"}
REVIEW_DAYS = 7
SOON_DAYS = 14
LATEST_ACHIEVEMENTS = 5
CHECK_DAYS = 90
CHECK_KINDS = ("mistake", "signal")  # the environment checklist is revisited twice a year, on its own screen
ITEM_MAX = 100

# area: the app mode whose screen does the action; key: the key that opens it
AREA_KEYS = {"journal": "j", "skills": "s", "drill": "i", "timeline": "t", "review": "w", "people": "g"}


@dataclass(frozen=True)
class Action:
    rule: str
    text: str  # what to do, one line
    reason: str  # why, one line
    area: str  # the mode whose screen does it
    item: str  # what it is about (a skill slug, an achievement id, a target id...)
    priority: int  # the rule's place in RULES (1 = most urgent)

    @property
    def ref(self) -> str:
        """How ``--snooze`` names it: ``rule:item``."""
        return f"{self.rule}:{self.item}"

    @property
    def key(self) -> str:
        return AREA_KEYS.get(self.area, "h")

    def to_json(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "text": self.text,
            "reason": self.reason,
            "area": self.area,
            "item": self.item,
            "priority": self.priority,
        }


@dataclass(frozen=True)
class Coach:
    actions: tuple[Action, ...]
    snoozed: int  # actions hidden by a snooze today


@dataclass(frozen=True)
class _Found:
    text: str
    reason: str
    area: str
    item: str


Rule = Callable[["Database", date], "_Found | None"]


# --- the rules (each returns its one most useful action, or None) --------------


def start_profile(db: Database, today: date) -> _Found | None:
    p = load_profile(db)
    if p.years_set is not None or any((p.name, p.role, p.path, p.aim)):
        return None  # years given, or a profile answered without them: they are optional
    return _Found(
        "Give your years of experience and role",
        "with your years the timeline also shows your pace (optional)",
        "timeline",
        "profile",
    )


def start_achievement(db: Database, today: date) -> _Found | None:
    if journal.journal_counts(db, today).total:
        return None
    return _Found(
        "Write down your first achievement, with a number",
        "the journal is empty: it is the evidence for everything else",
        "journal",
        "new",
    )


def start_rating(db: Database, today: date) -> _Found | None:
    if skills.ratings(db):
        return None
    return _Found("Rate yourself on the six skill areas", "no skill rated yet", "skills", playbook.SKILLS[0])


def start_drill(db: Database, today: date) -> _Found | None:
    if drill.attempts(db, limit=1):
        return None
    return _Found("Answer your first interview question", "the drill has not been tried yet", "drill", "start")


def review_due(db: Database, today: date) -> _Found | None:
    status = review_history.review_status(db, today)
    if status.this_week is not None and status.this_week.completed:
        return None
    if status.due != status.week and status.last_done is not None:  # not a nudge to a first review
        reason = f"last week, {status.due.label}, is not reviewed yet"
    elif today.weekday() == status.weekday:
        reason = "today is your review day"
    elif status.days_since is not None and status.days_since > REVIEW_DAYS:
        reason = f"your last review was {status.days_since} days ago"
    else:
        return None
    return _Found("Do the weekly review", reason, "review", status.due.key)


def _open_plan_items(db: Database) -> list[tuple[date, plan_core.PlanItem]]:
    if load_profile(db).plan_started is None:  # reading the plan would start it today
        return []
    items = [(i.due, i) for h in plan_core.plan(db) for i in h.items if i.status == "open" and i.due is not None]
    return sorted(items, key=lambda pair: (pair[0], pair[1].id))


def plan_overdue(db: Database, today: date) -> _Found | None:
    late = [(due, i) for due, i in _open_plan_items(db) if due < today]
    if not late:
        return None
    due, first = late[0]
    more = f" (and {len(late) - 1} more)" if len(late) > 1 else ""
    return _Found(
        f"Finish or re-date: {first.text}",
        f"overdue since {short_day(due)}{more}",
        "timeline",
        f"plan:{first.id}",
    )


def plan_soon(db: Database, today: date) -> _Found | None:
    soon = [(due, i) for due, i in _open_plan_items(db) if today <= due <= today + timedelta(days=SOON_DAYS)]
    if not soon:
        return None
    due, first = soon[0]
    days = (due - today).days
    when = "today" if days == 0 else f"in {plural(days, 'day')}"
    return _Found(f"Plan item due {when}: {first.text}", f"due {short_day(due)}", "timeline", f"plan:{first.id}")


def drill_due(db: Database, today: date) -> _Found | None:
    now = clock.now()
    due = [q for q in drill.list_questions(db) if not q.is_new and q.due <= now]
    if not due:
        return None
    n = len(due)
    return _Found(
        f"Practise {plural(n, 'due interview question')}",
        "spaced repetition works when due cards are answered on time",
        "drill",
        "due",
    )


def _areas(db: Database, today: date) -> tuple[skills.AreaStatus, ...]:
    return skills.skill_stack(db, today, totals=False)


def _with_hint(db: Database, today: date, kind: str) -> list[skills.AreaStatus]:
    return [a for a in _areas(db, today) if any(h.kind == kind for h in a.hints)]


def skill_claim(db: Database, today: date) -> _Found | None:
    found = _with_hint(db, today, "claim-without-evidence")
    if not found:
        return None
    a = found[0]
    return _Found(
        f"Write down an achievement that shows your {a.name.lower()}",
        f"rated {a.level}, with no evidence in the last {skills.EVIDENCE_DAYS} days",
        "skills",
        a.skill,
    )


def skill_underrated(db: Database, today: date) -> _Found | None:
    found = _with_hint(db, today, "underrating")
    if not found:
        return None
    a = found[0]
    return _Found(
        f"Look again at your {a.name.lower()} rating",
        f"rated {a.level}, yet {a.evidence_90d} achievements in {skills.EVIDENCE_DAYS} days use it",
        "skills",
        a.skill,
    )


def skill_stale(db: Database, today: date) -> _Found | None:
    found = [a for a in _areas(db, today) if a.rated_at and any(h.kind == "stale" for h in a.hints)]
    if not found:
        return None
    a = min(found, key=lambda x: (x.rated_at or "", x.skill))
    days = skills.days_since(clock.local(a.rated_at or "").date(), today)
    return _Found(f"Rate your {a.name.lower()} again", f"last rated {days} days ago", "skills", a.skill)


def mistake_yes(db: Database, today: date) -> _Found | None:
    found = [c for c in selfcheck.self_checks(db, "mistake") if c.answer == "yes"]
    if not found:
        return None
    c = found[0]
    return _Found(
        f"Work on a mistake you said you make: {c.text}",
        "you answered yes to it; the Playbook says how to get out of it",
        "timeline",
        f"check:mistake:{c.item_id}",
    )


def checks_stale(db: Database, today: date) -> _Found | None:
    for kind in CHECK_KINDS:
        for c in selfcheck.self_checks(db, kind):
            if c.answered_at is None or (today - clock.local(c.answered_at).date()).days > CHECK_DAYS:
                when = "never answered" if c.answered_at is None else f"not answered for {CHECK_DAYS} days"
                return _Found(f"Answer the self-check: {c.text}", when, "timeline", f"check:{c.kind}:{c.item_id}")
    return None


def add_number(db: Database, today: date) -> _Found | None:
    latest = journal.page_achievements(db, filters=JournalFilter(), limit=LATEST_ACHIEVEMENTS).items
    bare = [a for a in latest if not a.has_number]
    if not bare:
        return None
    a = bare[0]
    return _Found(
        f"Add a number to: {a.title}",
        f"{len(bare)} of your latest {len(latest)} achievements have no number",
        "journal",
        str(a.id),
    )


def next_target(db: Database, today: date) -> _Found | None:
    t = tl.timeline(db)
    target = next((x for x in t.current.targets if not x.met), None)
    if target is None:
        return None
    return _Found(
        f"Work toward: {target.text}",
        f"the next unmet target of {t.current.stage.name} ({tl.targets_words(t.current.met, t.current.total)})",
        "timeline",
        f"target:{target.id}",
    )


def story_gap(db: Database, today: date) -> _Found | None:
    cov = stories.coverage(db)
    if not cov.available:
        return None
    gap = next((c for c in cov.categories if c.gap), None)
    if gap is None:
        return None
    return _Found(
        f"Link a story to a question of {gap.name}",  # "a Own the whole stack question" read wrong
        "no achievement backs this interview category yet",
        "drill",
        gap.slug,
    )


def leech(db: Database, today: date) -> _Found | None:
    spots = drill_progress.weak_spots(db)
    if not spots:
        return None
    q = spots[0]
    return _Found(
        f"Rework a question you keep forgetting: {clean_line(q.text)[:80]}",
        f"forgotten {q.lapses} times",
        "drill",
        str(q.id),
    )


def journal_week(db: Database, today: date) -> _Found | None:
    counts = journal.journal_counts(db, today)
    if counts.total == 0 or counts.week:
        return None
    return _Found("Write down one thing you did this week", "no journal entry since Monday", "journal", "new")


# The priority order: the first rule is the most urgent.
def follow_up_due(db: Database, today: date) -> _Found | None:
    """A follow-up with a person due today or overdue (the oldest first)."""
    due = [t for t in conversations.follow_ups(db, within_days=0, today=today)]
    if not due:
        return None
    first = due[0]
    late = (today - first.follow_up).days if first.follow_up else 0
    when = "due today" if late == 0 else f"{plural(late, 'day')} overdue"
    return _Found(
        f"Follow up with {first.person}", f"the follow-up you set is {when}", "people", f"person:{first.person_id}"
    )


def bar_deadline(db: Database, today: date) -> _Found | None:
    """The bar's deadline is near (bar.NEAR_DAYS) or passed with criteria open."""
    current = bar_core.current(db)
    if current is None or current.state(today) not in ("near", "passed"):
        return None
    left = current.days_left(today)
    if left < 0:
        return _Found(
            f"Ask for the decision on {current.role}, or plan the move",
            f"the bar's deadline passed {plural(-left, 'day')} ago with {plural(current.open_criteria, 'criterion', 'criteria')} open",
            "people",
            f"bar:{current.id}",
        )
    return _Found(
        f"Meet an open criterion of the bar for {current.role}",
        f"{plural(left, 'day')} left and {plural(current.open_criteria, 'criterion', 'criteria')} open",
        "people",
        f"bar:{current.id}",
    )


def reference_stale(db: Database, today: date) -> _Found | None:
    """A reference not spoken to in people.STALE_DAYS days."""
    stale = [r for r in people_core.references(db) if r.stale(today)]
    if not stale:
        return None
    first = stale[0].person
    since = f"since {first.last_spoke.isoformat()}" if first.last_spoke else "ever"
    return _Found(
        f"Get in touch with {first.name}", f"a reference you have not spoken to {since}", "people", f"person:{first.id}"
    )


RULES: tuple[tuple[str, Rule], ...] = (
    ("start-profile", start_profile),
    ("start-achievement", start_achievement),
    ("start-rating", start_rating),
    ("start-drill", start_drill),
    ("review-due", review_due),
    ("bar-deadline", bar_deadline),
    ("plan-overdue", plan_overdue),
    ("follow-up-due", follow_up_due),
    ("drill-due", drill_due),
    ("skill-claim", skill_claim),
    ("mistake-yes", mistake_yes),
    ("add-number", add_number),
    ("next-target", next_target),
    ("story-gap", story_gap),
    ("plan-soon", plan_soon),
    ("leech", leech),
    ("skill-underrated", skill_underrated),
    ("journal-week", journal_week),
    ("skill-stale", skill_stale),
    ("checks-stale", checks_stale),
    ("reference-stale", reference_stale),
)
RULE_NAMES = tuple(name for name, _ in RULES)


# --- snoozing ----------------------------------------------------------------------


def parse_ref(ref: str) -> tuple[str, str]:
    """``rule:item`` → (rule, item); the item may hold colons itself."""
    rule, sep, item = clean_line(str(ref)).partition(":")
    if rule not in RULE_NAMES:
        raise CtoError(f"unknown rule {rule!r} (valid: {', '.join(RULE_NAMES)})")
    if not sep or not item or len(item) > ITEM_MAX:
        raise CtoError(f"name the action as RULE:ITEM, e.g. {RULE_NAMES[0]}:profile (see `ctotui next --json`)")
    return rule, item


def _snoozes(db: Database) -> dict[str, str]:
    value = get_setting(db, SNOOZE_KEY, {})
    if not isinstance(value, dict):  # written around ctotui: no snoozes rather than a fault
        return {}
    return {k: v for k, v in value.items() if isinstance(k, str) and isinstance(v, str)}


def snoozed(on: str, today: date) -> bool:
    """Still hidden: fewer than SNOOZE_DAYS days since it was snoozed."""
    try:
        day = date.fromisoformat(on)
    except ValueError:
        return False
    return 0 <= (today - day).days < SNOOZE_DAYS


def snooze(db: Database, ref: str, today: date | None = None) -> str:
    """Hide the action ``rule:item`` for a week; returns its canonical ref. Old snoozes are dropped."""
    rule, item = parse_ref(ref)
    today = today or clock.today()
    kept = {k: v for k, v in _snoozes(db).items() if snoozed(v, today)}
    kept[f"{rule}:{item}"] = today.isoformat()
    set_setting(db, SNOOZE_KEY, kept)
    return f"{rule}:{item}"


# --- the list ------------------------------------------------------------------------


def this_week(db: Database, today: date | None = None) -> Coach:
    """At most MAX_ACTIONS actions, most urgent first, one per rule and per item, snoozed ones left out."""
    today = today or clock.today()
    hidden = {k for k, v in _snoozes(db).items() if snoozed(v, today)}
    actions: list[Action] = []
    items: set[tuple[str, str]] = set()
    dropped = 0
    for priority, (rule, fn) in enumerate(RULES, start=1):
        if len(actions) >= MAX_ACTIONS:
            break
        found = fn(db, today)
        if found is None:
            continue
        if f"{rule}:{found.item}" in hidden:
            dropped += 1
            continue
        if (found.area, found.item) in items:
            continue
        items.add((found.area, found.item))
        actions.append(Action(rule, found.text, found.reason, found.area, found.item, priority))
    return Coach(tuple(actions), dropped)
