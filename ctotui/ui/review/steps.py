"""The review's six steps: their lists (keys on the highlighted item) and what they show.

Built from core dataclasses only. Option ids: ``ach:<id>`` (step 1),
``area:<slug>`` (2), ``check:<kind>:<id>`` (3, the timeline's), ``plan:<id>``
and ``was:<id>`` (4: an item of the plan, one of this week's focus).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import timedelta
from typing import Any, ClassVar

from rich.console import Group, RenderableType
from rich.markdown import Markdown
from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual.binding import Binding
from textual.content import Content
from textual.style import Style as ContentStyle
from textual.widgets.option_list import Option

from ctotui.core import clock, playbook
from ctotui.core.coach import actions as coach
from ctotui.core.coach.actions import Coach
from ctotui.core.coach.week import week_summary
from ctotui.core.drafts import discard_draft, load_draft
from ctotui.core.drill.progress import CategoryProgress, DueSummary, due_summary, progress
from ctotui.core.journal.entries import Achievement, evidence_counts
from ctotui.core.plural import plural
from ctotui.core.review import weekly as review
from ctotui.core.review.report import (
    DrillWeek,
    FocusOutcome,
    RatingChange,
    plan_progress,
    rating_changes,
    week_achievements,
    week_attempts,
)
from ctotui.core.skills.stack import AreaStatus, skill_stack
from ctotui.core.timeline import plan as plan_core
from ctotui.core.timeline import selfcheck
from ctotui.ui.body_text import drawn_body
from ctotui.ui.dates import ago, short_date
from ctotui.ui.drill.views import bar as readiness_bar
from ctotui.ui.review.words import NEXT_WEEK, THIS_WEEK, week_after_name, week_name, whose
from ctotui.ui.skills import views as skills_views
from ctotui.ui.timeline import views as timeline_views
from ctotui.ui.timeline.lists import CheckList
from ctotui.ui.widgets.action_list import ActionList
from ctotui.ui.widgets.hanging import Hanging, hang, kept

Tone = skills_views.Tone

INTROS = {
    "wins": "What did you get done this week? A win with its number is evidence for your next review or interview: "
    "n adds one you forgot, e (or enter) adds a number to one without.",
    "skills": "Read the levels again and rate where you stand today; the week's evidence is on the right. "
    "1–5 rate the highlighted area, = keeps its level (rated again today).",
    "signals": "The signals say you are on track; a mistake's warning signs say where you drift. "
    "y / m / n answer (m: partly), = keeps the last answer, enter adds a note.",
    "plan": f"Tick what you finished (space) and choose up to {review.MAX_FOCUS} items to focus on next week (f).",
    "drill": "Practice spaced over weeks keeps answers ready for the day it counts. d starts what is due in the drill.",
    "reflect": "What went well, what got in the way, what you learned. Then one thing to do next week. "
    "ctrl+s finishes the review; esc leaves the text (] [ v work again), enter goes back in.",
}
NARROW_INTROS = {  # under 100 columns, where the side pane is not shown
    "skills": "Read the levels again and rate where you stand today (the week's evidence shows beside the "
    "list at 100 columns). 1–5 rate the highlighted area, = keeps its level (rated again today).",
}
BODY_SHOWN = 600
ANSWERS_SHOWN = 8
PROMPTS = (
    "What moved you closer to the next stage?",
    "Where did your time go that you would not choose again?",
    "Which conversation mattered most, and why?",
    "What would you tell a mentee who had your week?",
    "What did you avoid?",
)
PROMPTS_TEXT = (  # content markup, beside the reflection
    "[b]Questions to start from[/b]\n\n"
    + "\n".join(f"• {p}" for p in PROMPTS)
    + "\n\n[dim]Typing is kept as you go. ctrl+s finishes the review.[/]"
)


def reflect_side(tone: Tone, paragraph: str, week: Coach, after: str = NEXT_WEEK) -> Group:
    """Beside the reflection: the week in a paragraph, this week's actions (core/coach/actions.py) headed
    by the week they are for (``after``: week_after_name's words), the questions."""
    parts: list[RenderableType] = []
    if paragraph:
        parts += [Text("The week", style="bold"), Text(paragraph), Text("")]
    parts.append(Text(f"{after.capitalize()}, from your data", style="bold"))
    actions = [a for a in week.actions if a.rule != "review-due"]  # "do the weekly review": this is it
    if not actions:
        parts.append(Text("Nothing stands out: everything is up to date.", style=tone("muted")))
    for n, a in enumerate(actions, start=1):
        line = Text.assemble(f"{n}. ", a.text, (f" ({a.key})", tone("muted")))
        parts.append(line)
    parts += [Text(""), Text.from_markup(PROMPTS_TEXT)]
    return Group(*parts)


# --- the lists ------------------------------------------------------------------------------


class WinsList(ActionList):
    """This week's achievements."""

    PRIMARY = "edit"
    BINDINGS: ClassVar = [
        Binding("n", "screen.new_achievement", "New win", tooltip="Add an achievement you have not logged yet"),
        Binding("e,enter", "act('edit')", "Edit", tooltip="Edit the highlighted win: add its number"),
    ]


class RateList(ActionList):
    """The six skill areas, to rate again."""

    PRIMARY = "rate"
    BINDINGS: ClassVar = [
        Binding("1", "act('1')", "Rate", key_display="1–5", tooltip="Rate the highlighted area 1 to 5"),
        *(Binding(str(n), f"act('{n}')", "", show=False, system=True) for n in (2, 3, 4, 5)),
        Binding("equals_sign", "act('keep')", "Keep", key_display="=", tooltip="Same level, rated again today"),
        Binding("enter", "primary", "Rate…", show=False, tooltip="Rate the highlighted area, its level chosen"),
    ]


CHECK_KINDS = ("signal", "mistake")  # the self-checks step 3 looks at


class ReviewCheckList(CheckList):
    """The timeline's self-check list, with a key to confirm last week's answer."""

    BINDINGS: ClassVar = [
        *CheckList.BINDINGS,
        Binding("equals_sign", "act('keep')", "Keep", key_display="=", tooltip="Give the same answer again today"),
    ]


class FocusList(ActionList):
    """The plan: tick done, choose next week's focus."""

    PRIMARY = "focus"
    BINDINGS: ClassVar = [
        Binding("space", "act('done')", "Done", tooltip="Mark the item done, or open again"),
        Binding(
            "f,enter",
            "act('focus')",
            "Focus",
            tooltip="Choose the item as a focus for the week after the one reviewed, or take it off",
        ),
    ]

    def allows(self, action: str, item_id: str | None) -> bool:
        return item_id is not None


# --- the step bar -------------------------------------------------------------------------------


def step_bar(step: int, completed: bool, compact: bool = False) -> Content:
    """The six steps, the current one highlighted, each clickable
    (``compact``: only the current step is named, for a narrow terminal)."""
    parts = []
    for n, name in enumerate(review.STEPS, start=1):
        label = f"{n} {name.capitalize()}" if n == step or not compact else f"{n}"
        if n == step:
            template = "[b reverse] $mark $label [/]"
        elif n < step or completed:
            template = " [$text-success]✓[/] $label "
        else:
            template = "[$text-muted] ○ $label [/]"
        # the words go in as variables (plain text, never read as markup); a click goes to the step
        shown = Content.from_markup(template, label=label, mark="✓" if completed else "●")
        parts.append(shown.stylize(ContentStyle.from_meta({"@click": f"screen.go({n})"})))
    return Content.from_markup("[$text-muted]$sep[/]", sep=" " if compact else " › ").join(parts)


def intro_words(text: str, week: review.Week, current: review.Week) -> str:
    """A step's intro with its week words for ``week`` reviewed at ``current``: 'this week' names the
    week reviewed and 'next week' the week after it (words.week_name, week_after_name)."""
    words = {THIS_WEEK: week_name(week, current), NEXT_WEEK: week_after_name(week, current)}
    return re.sub(f"{THIS_WEEK}|{NEXT_WEEK}", lambda m: words[m.group(0)], text)


def week_line(week: review.Week, r: review.Review | None, current: review.Week | None = None) -> Content:
    """The week under review, its state, and (for an earlier week) that it is one and how to get
    back. An earlier week's line fits 80 columns with its hint: its key is left out (its days say
    which), and "late" is said only of a week not reviewed yet ("2026-W47 late" stood beside
    "done 21 Nov", a review done in its own week)."""
    current = current or week
    when = f"started {short_date(r.started_at)}" if r else "not started yet"
    # the parts go in as variables: plain text, never read as markup
    if week == current:
        if r and r.completed:
            when = f"done {short_date(r.completed_at)} · editing it updates the review"  # type: ignore[arg-type]  # a completed review has its completed_at
        return Content.from_markup(
            "[b]$key[/b] · $label · $when · saved as you go", key=week.key, label=week.label, when=when
        )
    done_at = r.completed_at if r is not None else None
    if done_at:
        when = f"done {short_date(done_at)}, edits saved"
    which = "last week" if week == current.shifted(-1) else week.key if done_at else f"{week.key} late"
    return Content.from_markup(
        "[b]Reviewing $which[/b], $label · $when · > a week on", which=which, label=week.label, when=when
    )


# --- step 1: wins ---------------------------------------------------------------------------------


def win_line(tones: dict[str, Style], a: Achievement) -> Hanging:
    """A win: its day, its title, its number or a flag. ``tones``: good (bold), warn and muted, read
    from the list once for all its lines (each read resolves the list's styles: ~400 a week of 200)."""
    body = Text(a.title)
    if a.has_number:
        body.append("  " + kept(a.badge), style=tones["good"])
    else:
        body.append("  " + kept("⚑ no number: e adds one"), style=tones["warn"])
    return hang(Text(f"{a.occurred_on:%a} ", style=tones["muted"]), body)


def said_line(said: str, which: str = THIS_WEEK) -> Text:
    """The one thing the review before set for the week, as typed: "Last week you said: ..." (for
    a week reviewed late, "For last week you said: ...")."""
    who = "Last week you said: " if which == THIS_WEEK else f"For {which} you said: "
    return Text.assemble((who, "bold"), said)


def wins_options(
    lst: ActionList, wins: Sequence[Achievement], total: int, which: str = THIS_WEEK, said: str = ""
) -> list[Option | None]:
    """The week's wins under a heading naming the week (``which``: week_name's words), after the one
    thing the review before set for the week (``said``), when it set one."""
    shown = f"{total:,}" if total == len(wins) else f"{total:,}, the newest {len(wins)} shown"
    out: list[Option | None] = [lst.line(said_line(said, which), "said")] if said else []
    out.append(lst.heading(f"{whose(which)} wins · {shown}", "wins", gap=bool(said)))
    tones = {"good": lst.tone("good") + Style(bold=True), "warn": lst.tone("warn"), "muted": lst.tone("muted")}
    out += [Option(win_line(tones, a), id=f"ach:{a.id}") for a in wins]
    if not wins:
        none = f"Nothing logged {which}" + (" yet" if which == THIS_WEEK else "")
        out.append(lst.line(Text(f"{none}: n adds a win.", style=lst.tone("muted")), "none"))
    return out


def wins_side(
    tone: Tone,
    wins: Sequence[Achievement],
    current: Achievement | None,
    total: int | None = None,
    which: str = THIS_WEEK,
) -> Group:
    """The week's wins at a glance; ``total``: how many the week has when ``wins`` are only the newest;
    ``which``: the week's name (week_name)."""
    total = len(wins) if total is None else total
    bare = sum(1 for a in wins if not a.has_number)
    among = f" among the newest {len(wins)}" if total > len(wins) else ""
    parts: list[RenderableType] = [Text(which.capitalize(), style=tone("heading"))]
    parts.append(Text(f"{plural(total, 'win', thousands=True)} · {bare:,} without a number{among}"))
    by_skill: dict[str, int] = {}
    for a in wins:
        for s in a.skills:
            by_skill[s] = by_skill.get(s, 0) + 1
    names = {s.slug: s.name for s in playbook.load().skills}
    for slug, n in sorted(by_skill.items(), key=lambda kv: -kv[1]):
        parts.append(Text(f"  {n} × {names.get(slug, slug)}", style=tone("muted")))
    if bare:
        parts += [
            Text(""),
            Text(
                "A number turns a task into an outcome: before and after, in minutes, "
                "money, tickets or people. An estimate is better than none.",
                style=tone("warn"),
            ),
        ]
    if current is not None:
        parts += [Text(""), Text(current.title, style=Style(bold=True))]
        facts = [f"{current.occurred_on:%a} {current.occurred_on.day} {current.occurred_on:%b}", current.category]
        facts += [names.get(s, s) for s in current.skills]
        parts.append(Text(" · ".join(f for f in facts if f), style=tone("muted")))
        if current.body:
            body = current.body if len(current.body) <= BODY_SHOWN else current.body[:BODY_SHOWN] + "…"
            parts += [Text(""), Markdown(drawn_body(body))]
    return Group(*parts)


# --- step 2: skills -----------------------------------------------------------------------------------


def rate_options(
    lst: ActionList, stack: Sequence[AreaStatus], changes: Sequence[RatingChange], which: str = THIS_WEEK
) -> list[Option | None]:
    by_skill = {c.skill: c for c in changes}
    rated_before = any(a.level is not None for a in stack)
    heading = "Your skills · prefilled with your last ratings" if rated_before else "Your skills · none rated yet"
    out: list[Option | None] = [lst.heading(heading, "skills", gap=False)]
    for a in stack:
        grid = Table.grid(padding=(0, 1), expand=True)
        grid.add_column(width=24, no_wrap=True, overflow="ellipsis")
        grid.add_column(width=7, no_wrap=True)
        grid.add_column(ratio=1, no_wrap=True, overflow="ellipsis", justify="right")
        c = by_skill.get(a.skill)
        if c is not None and c.rated:
            note = Text(f"✓ {which}: {c.describe()}", style=lst.tone("good"))
        elif a.rated_at:
            note = Text(f"rated {ago(a.rated_at)}", style=lst.tone("muted"))
        else:
            note = Text("not rated yet", style=lst.tone("warn"))
        grid.add_row(Text(a.name, style=Style(bold=True)), skills_views.bar(lst.tone, a.level), note)
        out.append(Option(grid, id=f"area:{a.skill}"))
    rated = sum(1 for c in changes if c.rated)
    out.append(lst.heading(f"{rated} of {len(changes)} rated {which}", "count"))
    return out


def rate_side(tone: Tone, a: AreaStatus | None, evidence_week: int, which: str = THIS_WEEK) -> RenderableType:
    if a is None:
        return Text("")
    return Group(
        Text.assemble(
            (f"{whose(which)} evidence: ", tone("muted")),
            (plural(evidence_week, "achievement"), Style(bold=True)),
            (" linked to this area", tone("muted")),
        ),
        Text(""),
        skills_views.about(tone, a),
    )


def looked_at(check: selfcheck.SelfCheck, week: review.Week) -> bool:
    """Whether the check was answered during ``week``."""
    low, high = week.utc_bounds()
    return check.answered_at is not None and low <= check.answered_at < high


# --- step 4: the plan ----------------------------------------------------------------------------------


def focus_options(
    lst: ActionList,
    horizons: Sequence[plan_core.HorizonPlan],
    chosen: Sequence[int],
    was: Sequence[FocusOutcome],
    was_from: review.Week | None,
    week: review.Week,
    which: str = THIS_WEEK,
) -> list[Option | None]:
    out: list[Option | None] = []
    star = Text("★ ", style=lst.tone("accent"))
    if was:
        done = sum(1 for f in was if f.done)
        heading = f"{whose(which)} focus · chosen in {was_from} · {done}/{len(was)} done"
        out.append(lst.heading(heading, "was", gap=False))
        for f in was:
            mark = star if f.item.id in chosen else Text("  ")
            out.append(Option(hang(mark, timeline_views.plan_line(lst, f.item)), id=f"was:{f.item.id}"))
    listed = {f.item.id for f in was}
    for h in horizons:
        shown = [i for i in h.items if i.id not in listed and (i.status == "open" or _done_in(i, week))]
        if not shown:
            continue
        out.append(lst.heading(timeline_views.plan_heading(h), h.slug, gap=bool(out)))
        for i in shown:
            mark = star if i.id in chosen else Text("  ")
            out.append(Option(hang(mark, timeline_views.plan_line(lst, i)), id=f"plan:{i.id}"))
    return out


def _done_in(item: plan_core.PlanItem, week: review.Week) -> bool:
    return item.status == "done" and item.done_at is not None and week.contains(clock.local(item.done_at).date())


def focus_side(
    tone: Tone,
    chosen: Sequence[plan_core.PlanItem],
    done: Sequence[plan_core.PlanItem],
    which: str = THIS_WEEK,
    after: str = NEXT_WEEK,
) -> Group:
    """The focus chosen for the week after the one reviewed (``after``: week_after_name's words), and
    what was done in the week reviewed (``which``)."""
    heading = f"{whose(after)} focus · {len(chosen)}/{review.MAX_FOCUS}"
    parts: list[RenderableType] = [Text(heading, style=tone("heading"))]
    parts += [hang(Text("★ ", style=tone("accent")), Text(i.text)) for i in chosen]
    if not chosen:
        parts.append(Text("None yet: f on an item chooses it.", style=tone("muted")))
    parts += [Text(""), Text(f"Done {which} · {len(done)}", style=tone("heading"))]
    parts += [hang(Text("☑ ", style=tone("good")), Text(i.text)) for i in done]
    parts += [
        Text(""),
        Text(
            "Fewer focus items get done more often than many. The rest of the plan waits on the timeline (t, then 2).",
            style=tone("muted"),
        ),
    ]
    return Group(*parts)


# --- step 5: the drill ----------------------------------------------------------------------------------


def drill_view(
    tone: Tone, summary: DueSummary, rows: Sequence[CategoryProgress], week: DrillWeek, monday, which: str = THIS_WEEK
) -> Group:
    parts: list[RenderableType] = [Text("Due now", style=tone("heading"))]
    parts.append(
        Text.assemble(
            (plural(summary.due, "practised question"), Style(bold=True)),
            " due · ",
            (f"{summary.new}", Style(bold=True)),
            " never practised · d starts a session",
        )
    )
    if summary.queue:
        parts.append(Text("A session would start with: " + summary.queue[0].text, style=tone("muted")))
    parts += [Text(""), Text("Scores by category", style=tone("heading"))]
    grid = Table.grid(padding=(0, 2))
    for column in ("Category", "Readiness", which.capitalize(), "Week before"):
        grid.add_column(header=column)
    grid.add_row(*(Text(c, style=tone("muted")) for c in ("", "", which, "week before")))
    this_week = {name: (n, avg) for name, n, avg in week.categories}
    before = monday - timedelta(days=7)
    for r in rows:
        now = this_week.get(r.name)
        prev = next((avg for day, avg in r.weekly if day == before), None)
        grid.add_row(
            Text(r.name),
            readiness_bar(tone, r.readiness, width=12),
            Text(f"{now[1]:.1f}/12 ({now[0]})" if now else "–", style=Style() if now else tone("muted")),
            Text(f"{prev:.1f}/12" if prev is not None else "–", style=tone("muted")),
        )
    parts.append(grid)
    latest = f" · the last {ANSWERS_SHOWN}" if len(week.attempts) > ANSWERS_SHOWN else ""
    parts += [Text(""), Text(f"{whose(which)} answers · {len(week.attempts)}{latest}", style=tone("heading"))]
    for a in week.attempts[-ANSWERS_SHOWN:]:
        parts.append(
            hang(Text(f"{short_date(a.created_at):>7} {a.total:>2}/12  ", style=tone("muted")), Text(a.question_text))
        )
    if not week.attempts:
        parts.append(Text(f"No practice {which}. Ten minutes now beats an hour the night before.", style=tone("muted")))
    return Group(*parts)


def read_step(db, name: str, week: review.Week, rev: review.Review | None) -> Any:
    """What step ``name`` shows for ``week``, read in the screen's worker (no widgets here)."""
    if name == "wins":  # and the one thing the review before set for the week
        return *week_achievements(db, week), review.one_thing_for(db, week)
    if name == "skills":
        return skill_stack(db), rating_changes(db, week), evidence_counts(db, since=week.start, until=week.end)
    if name == "signals":
        return [c for c in selfcheck.self_checks(db) if c.kind in CHECK_KINDS]
    if name == "plan":
        return plan_core.plan(db), plan_progress(db, week, rev)
    if name == "drill":
        now = clock.now()
        return due_summary(db, now=now), progress(db, now=now), week_attempts(db, week)
    if name == "reflect":  # the week in a paragraph, and this week's actions (core/coach/actions.py)
        return week_summary(db, week).text(), coach.this_week(db)
    return None


def draft_key(week: review.Week) -> str:
    return f"review:{week.key}"


def read_week(db, chosen: review.Week | None = None) -> tuple[review.Week, review.Review | None, str]:
    """The ``chosen`` week's review, else the week due (review.week_to_review: last week with a review day
    early in the week, or while it is not reviewed and a later one is still to come), with text kept as a draft when the app closed
    mid-sentence saved into it first, and the review day's name, in the screen's worker."""
    week = chosen or review.week_to_review(db)
    draft = load_draft(db, draft_key(week))
    if draft is not None:
        fields = {k: v for k, v in draft.payload.items() if k in ("reflection", "next_thing")}
        review.save_text(db, week, **fields)
        discard_draft(db, draft.key)
    return week, review.get_review(db, week), review.weekday_name(review.review_weekday(db))
