"""The coach's rules: each reads the user's data and lists what it would have them do, the most
useful first (core/coach/actions.py picks from them and snoozes).

The rules, in priority order (each one's boundary is in its function):

1. ``start-profile``, ``start-achievement``, ``start-rating``, ``start-drill``:
   onboarding, while the profile has no years, the journal no entry, a skill area
   no rating, the drill no attempt.
2. ``review-due``: the review is due now (review/weekly.py's ``due_review``: its review
   day has come and it is not done; last week's only after an earlier review), or the
   newest completed review is more than ``REVIEW_DAYS`` (7) days old and the week the
   review opens on is not reviewed; not once this week's review is done, and, before any
   review is done, not until there is a week to review (review/history.py's ``a_week_to_review``). Its item is
   the week the review opens on.
3. ``bar-deadline``: the bar someone set has its deadline within ``bar.NEAR_DAYS`` (60)
   days, or past, with criteria open (core/people/bar.py).
4. ``plan-overdue``: an open plan item past its due date (the oldest first); a playbook item the
   data shows done (``PLAN_DONE_BY``) is asked to be ticked, with what shows it.
5. ``follow-up-due``: a follow-up with a person due today or overdue (core/people/conversations.py).
6. ``drill-due``: practised drill questions due now.
7. the path's rules (core/coach/paths.py): the risks of the path the profile names, each only on
   that path and only when the user's data shows it (``path-beyond-ic``, ``path-outside-hire``,
   ``path-no-promise``; ``path-all-at-once``, ``path-no-model``; ``path-boxed-in``,
   ``path-mentors``, ``path-criteria``). First of the gaps: a risk the playbook names for the
   user's own route, seen in their data, weighs more than one skill's claim.
8. ``skill-claim``: a skill rated 4 or 5 with no evidence in the last 90 days (it opens
   the journal's new-entry form with that skill ticked).
9. ``mistake-yes``: a common mistake whose latest answer is "yes" (it opens the
   playbook reader at that mistake: its warning signs and what to do instead); a "yes" older than
   its ``REVISIT_DAYS`` says its age and asks again (then ``checks-stale`` leaves it out).
10. ``dead-end``: two of the three environment checks matching the playbook's dead-end warning
   signs answered "no" (it opens the playbook at that mistake).
11. ``ask-bar``: "no" to knowing what the next role would take, and no bar written down (it opens
   People on the bar).
12. ``add-number``: one of the latest ``LATEST_ACHIEVEMENTS`` (5) entries has no number.
13. ``next-target``: the next unmet target of the stage the evidence puts you at; one the journal
    shows met (``JOURNAL_TARGETS``) first, asked to be ticked; while no target is met yet, one
    action asking to tick (or link) the targets already met.
14. ``story-gap``: an interview category with no story linked to any of its questions.
15. ``plan-soon``: an open plan item due within ``SOON_DAYS`` (14) days (one the data shows done:
    asked to be ticked, as ``plan-overdue`` asks).
16. ``leech``: a drill question forgotten three times or more.
17. ``skill-underrated``: a skill rated 1–2 with 3 or more pieces of evidence in 90 days.
18. ``journal-week``: no journal entry this week (ISO week, Monday to today).
19. ``skill-stale``: a skill's newest rating is more than 30 days old.
20. ``checks-stale``: a self-check not answered within its kind's ``selfcheck.REVISIT_DAYS`` (90 days for
    mistakes and signals, 182 for the environment); its reason gives the answer's age.
21. ``reference-stale``: a reference not spoken to in ``people.STALE_DAYS`` (90) days.
22. ``choose-path``: no path in the profile (paths.py): a gentle ask, last of all.

Urgent and dated first (the review, late plan items, due cards), then gaps
between claims and evidence (the path's risks first), then slower habits. Another rule plugs in by
adding a function to ``RULES`` at its place in the order.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from ctotui.core import clock, playbook
from ctotui.core.coach import paths
from ctotui.core.coach.evidence import journal_shows, looks_done
from ctotui.core.coach.found import NEW_WITH_SKILL, Found, Rule
from ctotui.core.dates import short_day
from ctotui.core.drill import bank as drill
from ctotui.core.drill import progress as drill_progress
from ctotui.core.drill import stories
from ctotui.core.journal import entries as journal
from ctotui.core.journal.query import JournalFilter
from ctotui.core.people import bar as bar_core
from ctotui.core.people import conversations
from ctotui.core.people import persons as people_core
from ctotui.core.plural import plural
from ctotui.core.review import history as review_history
from ctotui.core.review.weekly import weekday_name
from ctotui.core.skills import stack as skills
from ctotui.core.text import clean_line
from ctotui.core.timeline import plan as plan_core
from ctotui.core.timeline import selfcheck
from ctotui.core.timeline import stages as tl
from ctotui.core.timeline.profile import load as load_profile

if TYPE_CHECKING:
    from sqlite_utils import Database

REVIEW_DAYS = 7
SOON_DAYS = 14
LATEST_ACHIEVEMENTS = 5
CHECK_KINDS = ("mistake", "signal", "environment")  # each stale after its own REVISIT_DAYS, as the app marks it
UNRATED = "unrated"  # start-rating's item: the areas not rated yet, whichever they are


# --- the rules (each returns its actions, the most useful first; none: []) --------------


def start_profile(db: Database, today: date) -> list[Found]:
    p = load_profile(db)
    if p.years_set is not None or any((p.name, p.role, p.path, p.aim)):
        return []  # years given, or a profile answered without them: they are optional
    return [
        Found(
            "Give your years of experience and role",
            "with your years the timeline also shows your pace (optional)",
            "timeline",
            "profile",
        )
    ]


def start_achievement(db: Database, today: date) -> list[Found]:
    if journal.journal_counts(db, today).total:
        return []
    return [
        Found(
            "Write down your first achievement, with a number",
            "the journal is empty: it is the evidence for everything else",
            "journal",
            "new",
        )
    ]


def start_rating(db: Database, today: date) -> list[Found]:
    """Until every skill area has a rating. Its item is the same throughout (``UNRATED``: one snooze
    hides it for its week, however many areas are rated meanwhile); it opens on the first area
    not rated yet."""
    rated = {r.skill for r in skills.ratings(db)}
    left = [slug for slug in playbook.SKILLS if slug not in rated]
    if not left:
        return []
    if not rated:
        return [Found("Rate yourself on the six skill areas", "no skill rated yet", "skills", UNRATED, left[0])]
    return [
        Found(
            f"Rate the {plural(len(left), 'area')} not rated yet",
            f"{len(rated)} of {len(playbook.SKILLS)} skill areas rated",
            "skills",
            UNRATED,
            left[0],
        )
    ]


def start_drill(db: Database, today: date) -> list[Found]:
    if drill.attempts(db, limit=1):
        return []
    return [Found("Answer your first interview question", "the drill has not been tried yet", "drill", "start")]


def review_due(db: Database, today: date) -> list[Found]:
    """The review that review/weekly.py's ``due_review`` says is due now; else one more than
    ``REVIEW_DAYS`` after the last, unless the week the review opens on is reviewed already.
    Before any review is done, it waits until there is a week to review (``ReviewStatus.a_week_to_review``)."""
    status = review_history.review_status(db, today)
    due = status.due
    if status.this_week is not None and status.this_week.completed:
        return []
    if not status.a_week_to_review:  # a new user, five minutes in (review/history.py)
        return []
    # as Home's review card (review/history.py's ``nudge``): this week is due from its day until done
    begun = status.due_review
    if due.due and today == due.day:
        reason = "today is your review day"
    elif due.due and begun is not None and not begun.completed:  # as the card: resumed, not started
        whose = "last week's" if due.week != status.week else "this week's"
        reason = f"{whose} review, {due.week.label}, is half done ({begun.step_of})"
    elif due.due and due.week != status.week and status.last_done is not None:  # not a nudge to a first review
        reason = f"last week, {due.week.label}, is not reviewed yet"
    elif due.due and due.week == status.week:
        reason = f"review day was {weekday_name(status.weekday)}; this week is not reviewed yet"
    elif not due.done and status.days_since is not None and status.days_since > REVIEW_DAYS:
        reason = f"your last review was {status.days_since} days ago"
    else:
        return []
    return [Found("Do the weekly review", reason, "review", due.week.key)]


def _open_plan_items(db: Database) -> list[tuple[date, plan_core.PlanItem]]:
    if load_profile(db).plan_started is None:  # reading the plan would start it today
        return []
    items = [(i.due, i) for h in plan_core.plan(db) for i in h.items if i.status == "open" and i.due is not None]
    return sorted(items, key=lambda pair: (pair[0], pair[1].id))


def plan_overdue(db: Database, today: date) -> list[Found]:
    """The oldest first. An item the data shows done (evidence.py's ``PLAN_DONE_BY``) is asked to be ticked, with what
    shows it, not finished or re-dated; "(and N more)" counts the others still to finish."""
    late = [(due, i, looks_done(db, i)) for due, i in _open_plan_items(db) if due < today]
    to_finish = sum(1 for *_, done in late if not done)
    more = f" (and {to_finish - 1} more)" if to_finish > 1 else ""
    return [
        Found(f"Tick if done: {i.text}", f"looks done: {done}", "timeline", f"plan:{i.id}")
        if done
        else Found(f"Finish or re-date: {i.text}", f"overdue since {short_day(due)}{more}", "timeline", f"plan:{i.id}")
        for due, i, done in late
    ]


def plan_soon(db: Database, today: date) -> list[Found]:
    """An item the data shows done is asked to be ticked, as ``plan_overdue`` asks, not worked on."""
    soon = [(due, i) for due, i in _open_plan_items(db) if today <= due <= today + timedelta(days=SOON_DAYS)]
    found = []
    for due, i in soon:
        if done := looks_done(db, i):
            found.append(Found(f"Tick if done: {i.text}", f"looks done: {done}", "timeline", f"plan:{i.id}"))
            continue
        days = (due - today).days
        when = "today" if days == 0 else f"in {plural(days, 'day')}"
        found.append(Found(f"Plan item due {when}: {i.text}", f"due {short_day(due)}", "timeline", f"plan:{i.id}"))
    return found


def drill_due(db: Database, today: date) -> list[Found]:
    now = clock.now()
    n = sum(1 for q in drill.list_questions(db) if not q.is_new and q.is_due(now))
    if not n:
        return []
    return [
        Found(
            f"Practise {plural(n, 'due interview question')}",
            "spaced repetition works when due cards are answered on time",
            "drill",
            "due",
        )
    ]


def _areas(db: Database, today: date) -> tuple[skills.AreaStatus, ...]:
    return skills.skill_stack(db, today, totals=False)


def _with_hint(db: Database, today: date, kind: str) -> list[skills.AreaStatus]:
    return [a for a in _areas(db, today) if any(h.kind == kind for h in a.hints)]


def skill_claim(db: Database, today: date) -> list[Found]:
    """The evidence is an achievement: the journal's new-entry form opens with the skill ticked."""
    return [
        Found(
            f"Write down an achievement that shows your {a.name.lower()}",
            f"rated {a.level}, with no evidence in the last {skills.EVIDENCE_DAYS} days",
            "journal",
            a.skill,
            opens=f"{NEW_WITH_SKILL}{a.skill}",
        )
        for a in _with_hint(db, today, "claim-without-evidence")
    ]


def skill_underrated(db: Database, today: date) -> list[Found]:
    return [
        Found(
            f"Look again at your {a.name.lower()} rating",
            f"rated {a.level}, yet {a.evidence_90d} achievements in {skills.EVIDENCE_DAYS} days use it",
            "skills",
            a.skill,
        )
        for a in _with_hint(db, today, "underrating")
    ]


def skill_stale(db: Database, today: date) -> list[Found]:
    found = [a for a in _areas(db, today) if a.rated_at and any(h.kind == "stale" for h in a.hints)]
    found.sort(key=lambda x: (x.rated_at or "", x.skill))  # the oldest rating first
    return [
        Found(
            f"Rate your {a.name.lower()} again",
            f"last rated {skills.days_since(clock.local(a.rated_at or '').date(), today)} days ago",
            "skills",
            a.skill,
        )
        for a in found
    ]


def _stale_age(c: selfcheck.SelfCheck, today: date) -> int | None:
    """The answer's age in days when it is older than its kind's ``REVISIT_DAYS``, else None."""
    age = selfcheck.age_days(c.answered_at, today)
    return age if age is not None and age > selfcheck.REVISIT_DAYS[c.kind] else None


def mistake_yes(db: Database, today: date) -> list[Found]:
    """The playbook reader opens at the mistake, on its warning signs and what to do instead. A "yes"
    older than ``REVISIT_DAYS`` says its age and asks again on the timeline's self-checks instead: it
    is this item's one action (``checks_stale`` leaves it out), not a second one the list would drop."""
    found = []
    for c in selfcheck.self_checks(db, "mistake"):
        if c.answer != "yes":
            continue
        item = f"check:mistake:{c.item_id}"
        age = _stale_age(c, today)
        if age is not None:
            found.append(
                Found(
                    f"Answer again: {c.text}",
                    f"you said yes {plural(age, 'day')} ago: is it still so?",
                    "timeline",
                    item,
                )
            )
            continue
        found.append(
            Found(
                f"Work on a mistake you said you make: {c.text}",
                "you answered yes to it; the Playbook says what to do instead",
                "playbook",
                item,
                opens=f"mistakes:{c.item_id}",
            )
        )
    return found


# The environment checks matching the playbook's three warning signs of a dead-end workplace: nobody
# above you grows, the bar keeps moving, director-sized work with an engineer's authority and pay.
DEAD_END_SIGNS = ("env-people-grow", "env-clear-bar", "env-pay-matches")
# Two of the three: one alone can pass (a freeze, a new manager who has not set a bar yet); two
# together are the pattern the playbook describes.
DEAD_END_AT = 2
KNOW_BAR = (("signal", "sig-know-bar"), ("environment", "env-clear-bar"))


def _answers(db: Database, kind: str) -> dict[str, str | None]:
    return {c.item_id: c.answer for c in selfcheck.self_checks(db, kind)}


def dead_end(db: Database, today: date) -> list[Found]:
    """``DEAD_END_AT`` of the ``DEAD_END_SIGNS`` answered "no": the playbook reader opens at the
    dead-end mistake, its warning signs and what to do instead."""
    answers = _answers(db, "environment")
    no = sum(1 for item in DEAD_END_SIGNS if answers.get(item) == "no")
    if no < DEAD_END_AT:
        return []
    return [
        Found(
            "Read the warning signs of a dead-end workplace",
            f"{no} of its {len(DEAD_END_SIGNS)} signs answered no in your checks",
            "playbook",
            "check:mistake:dead-end-environment",
            opens="mistakes:dead-end-environment",
        )
    ]


def ask_bar(db: Database, today: date) -> list[Found]:
    """Not knowing what the next role would take (either check answered "no") and no bar written down:
    the playbook says to ask a direct question. It opens People on the bar."""
    if bar_core.current(db) is not None:
        return []
    if not any(_answers(db, kind).get(item) == "no" for kind, item in KNOW_BAR):
        return []
    return [
        Found(
            "Ask what the next role would take, and write it down as the bar",
            "you do not know it yet, and no bar is written down",
            "people",
            "bar:ask",
        )
    ]


def checks_stale(db: Database, today: date) -> list[Found]:
    """Stale after its kind's ``REVISIT_DAYS``; the reason gives the answer's real age, not that threshold.
    A mistake answered "yes" is left to ``mistake_yes``, which asks it again with its age."""
    found = []
    for kind in CHECK_KINDS:
        for c in selfcheck.self_checks(db, kind):
            if kind == "mistake" and c.answer == "yes":
                continue
            age = selfcheck.age_days(c.answered_at, today)
            if age is None or _stale_age(c, today) is not None:
                when = "never answered" if age is None else f"last answered {plural(age, 'day')} ago"
                found.append(Found(f"Answer the self-check: {c.text}", when, "timeline", f"check:{c.kind}:{c.item_id}"))
    return found


def add_number(db: Database, today: date) -> list[Found]:
    latest = journal.page_achievements(db, filters=JournalFilter(), limit=LATEST_ACHIEVEMENTS).items
    bare = [a for a in latest if not a.has_number]
    return [
        Found(
            f"Add a number to: {a.title}",
            "your latest achievement has no number"
            if len(latest) == 1
            else f"{len(bare)} of your latest {len(latest)} achievements {'has' if len(bare) == 1 else 'have'} no number",
            "journal",
            str(a.id),
        )
        for a in bare
    ]


def next_target(db: Database, today: date) -> list[Found]:
    """The evidence stage's unmet targets. While no target of any stage is met (``Placement.recorded``)
    the evidence says nothing yet: it puts everyone at the first stage, so an experienced user would be
    sent after a beginner's target. Then the one action asks for the targets already met, opening the
    timeline on the first stage's targets. A target the journal shows met (evidence.py's ``JOURNAL_TARGETS``) comes
    first, asked to be ticked with the journal's evidence: the coach does not tick it itself."""
    t = tl.timeline(db)
    if not t.placement.recorded:
        first = t.current.targets[0].id if t.current.targets else ""
        return [
            Found(
                "Tick the targets you have already met",
                "nothing recorded yet: your stage shows once you tick or link them",
                "timeline",
                "targets",
                opens=f"target:{first}" if first else "",
            )
        ]
    unmet = [target for target in t.current.targets if not target.met]
    shown = [(target, journal_shows(db, target.id, today)) for target in unmet]
    shown.sort(key=lambda pair: not pair[1])  # a target to tick first: it is done already
    words = tl.targets_words(t.current.met, t.current.total)
    return [
        Found(f"Tick the target your journal shows met: {target.text}", evidence, "timeline", f"target:{target.id}")
        if evidence
        else Found(
            f"Work toward: {target.text}",
            f"the next unmet target of {t.current.stage.name} ({words})",
            "timeline",
            f"target:{target.id}",
        )
        for target, evidence in shown
    ]


def story_gap(db: Database, today: date) -> list[Found]:
    cov = stories.coverage(db)
    if not cov.available or not journal.count_achievements(db):  # nothing to tell as a story yet
        return []
    return [
        Found(
            f"Link a story to a question of {gap.name}",  # "a Own the whole stack question" read wrong
            "no achievement backs this interview category yet: l on an entry in the journal links one",
            "drill",
            gap.slug,
        )
        for gap in cov.categories
        if gap.gap
    ]


def leech(db: Database, today: date) -> list[Found]:
    return [
        Found(
            f"Rework a question you keep forgetting: {clean_line(q.text)[:80]}",
            f"forgotten {q.lapses} times",
            "drill",
            str(q.id),
        )
        for q in drill_progress.weak_spots(db)
    ]


def journal_week(db: Database, today: date) -> list[Found]:
    counts = journal.journal_counts(db, today)
    if counts.total == 0 or counts.week:
        return []
    reason = "none yet this week" if today.weekday() == 0 else "no journal entry since Monday"  # not on a Monday
    return [Found("Write down one thing you did this week", reason, "journal", "new")]


def follow_up_due(db: Database, today: date) -> list[Found]:
    """A follow-up with a person due today or overdue (the oldest first)."""
    found = []
    for t in conversations.follow_ups(db, within_days=0, today=today):
        late = (today - t.follow_up).days if t.follow_up else 0
        when = "due today" if late == 0 else f"{plural(late, 'day')} overdue"
        found.append(
            Found(f"Follow up with {t.person}", f"the follow-up you set is {when}", "people", f"person:{t.person_id}")
        )
    return found


def bar_deadline(db: Database, today: date) -> list[Found]:
    """The bar's deadline is near (bar.NEAR_DAYS) or passed with criteria open."""
    current = bar_core.current(db)
    if current is None or current.state(today) not in ("near", "passed"):
        return []
    left = current.days_left(today)
    criteria = plural(current.open_criteria, "criterion", "criteria")
    if left < 0:
        return [
            Found(
                f"Ask for the decision on {current.role}, or plan the move",
                f"the bar's deadline passed {plural(-left, 'day')} ago with {criteria} open",
                "people",
                f"bar:{current.id}",
            )
        ]
    return [
        Found(
            f"Meet an open criterion of the bar for {current.role}",
            f"due today, with {criteria} open" if left == 0 else f"{plural(left, 'day')} left and {criteria} open",
            "people",
            f"bar:{current.id}",
        )
    ]


def reference_stale(db: Database, today: date) -> list[Found]:
    """A reference not spoken to in people.STALE_DAYS days (or never)."""
    found = []
    for r in people_core.references(db):
        if r.stale(today):
            p = r.person
            when = f"have not spoken to since {p.last_spoke.isoformat()}" if p.last_spoke else "have never spoken to"
            found.append(Found(f"Get in touch with {p.name}", f"a reference you {when}", "people", f"person:{p.id}"))
    return found


# The priority order: the first rule is the most urgent.
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
    *paths.PATH_RULES,
    ("skill-claim", skill_claim),
    ("mistake-yes", mistake_yes),
    ("dead-end", dead_end),
    ("ask-bar", ask_bar),
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
    ("choose-path", paths.choose_path),
)
RULE_NAMES = tuple(name for name, _ in RULES)
