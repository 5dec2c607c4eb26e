"""A score sheet for a partner on a call (`ctotui drill --sheet [--mock MINUTES]`), as Markdown.

The questions are the next session's (or a mock interview's plan), each with its scenario brief
when it has one, its follow-ups, and a table to write the scores in: the six general criteria
and the category's own with the shared one, totalled apart as the app says a score
("9/12 · signals 10/10"), never one sum of both. The sheet starts with what 0, 1 and 2 mean for
every criterion, so the partner scores against the same words as the app.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ctotui.core import playbook
from ctotui.core.drill import bank as drill
from ctotui.core.drill.mock import content_of, plan_for
from ctotui.core.drill.progress import session_queue
from ctotui.core.drill.settings import drill_settings
from ctotui.core.errors import CtoError
from ctotui.core.markdown_text import md
from ctotui.core.plural import plural
from ctotui.core.rubric import MAX_SCORE, MAX_TOTAL

if TYPE_CHECKING:
    from sqlite_utils import Database

CATEGORY_SCORES = ("missing", "partly there")  # what 0 and 1 mean for a category criterion (2: its summary)


def _clock(seconds: int) -> str:
    return f"{seconds // 60}:{seconds % 60:02d}"


def sheet_questions(db: Database, minutes: int | None = None, *, seed: int = 0) -> list[drill.Question]:
    """The sheet's questions: the mock's plan for ``minutes``, else the next session's."""
    if minutes is None:
        return session_queue(db)
    return [drill.get_question(db, p.question_id) for p in plan_for(db, minutes, seed=seed)]


def score_sheet(db: Database, minutes: int | None = None, *, seed: int = 0) -> str:
    """The Markdown score sheet (see the module docstring)."""
    questions = sheet_questions(db, minutes, seed=seed)
    if not questions:  # every question retired (a mock's plan says so itself)
        raise CtoError("the question bank is empty: nothing to put on a score sheet")
    settings = drill_settings(db)
    pb = playbook.load()
    heading = f"a {minutes}-minute mock interview" if minutes else "a practice session"
    out = [
        f"# Score sheet: {heading}",
        "",
        f"{plural(len(questions), 'question')}. For each one: read it (and its brief) aloud, let the candidate answer "
        "within the time, push back with one follow-up, then score every line 0, 1 or 2. "
        "Keep your scores to yourself until the candidate has scored their own.",
        "",
        "## What the scores mean",
        "",
        "### Every answer",
        "",
    ]
    for c in pb.rubric:
        meanings = " · ".join(f"{i}: {text}" for i, text in enumerate(c.scores))
        out.append(f"- **{c.name}** ({c.summary}) {meanings}")
    categories = [ic for ic in pb.interview if any(q.category == ic.slug for q in questions)]
    for ic in categories:
        out += ["", f"### {ic.name}", ""]
        for criterion in pb.criteria_for(ic.slug):
            meanings = " · ".join(f"{i}: {text}" for i, text in enumerate(CATEGORY_SCORES))
            out.append(f"- **{criterion.name}** {meanings} · {MAX_SCORE}: {criterion.summary}")
    scenarios = pb.scenarios
    shown = 0
    for n, q in enumerate(questions, 1):
        ic = pb.interview_category(q.category)
        entry = content_of(q)
        follow_ups = entry.follow_ups if entry else ()
        time = _clock(settings.timer_seconds[q.category])
        if follow_ups:
            time += f" + {_clock(settings.follow_up_seconds)} follow-up"
        out += ["", f"## {n}. {ic.name} ({time})", "", md(q.text)]  # the user may have worded it: as typed
        if entry is not None and entry.scenario and scenarios:
            s = scenarios[(shown + seed) % len(scenarios)]
            shown += 1
            out += [
                "",
                f"Brief, {s.name}: {s.stage}; {s.team}; {s.stack}; {s.revenue}. The hard constraint: {s.constraint}",
            ]
        if follow_ups:
            out += ["", "Follow-ups (pick one):", ""]
            out += [f"- {f}" for f in follow_ups]
        own = pb.criteria_for(q.category)
        out += ["", "| criterion | score (0-2) |", "| --- | --- |"]
        out += [f"| {c.name} |   |" for c in pb.rubric]
        out.append(f"| **Rubric** (the {len(pb.rubric)} above) | of {MAX_TOTAL} |")
        if own:  # the signals: totalled apart, never added to the rubric (Attempt.score_text)
            out += [f"| {c.name} |   |" for c in own]
            out.append(f"| **Signals** (the {len(own)} above) | of {MAX_SCORE * len(own)} |")
        out += ["", "Notes:", ""]
    return "\n".join(out) + "\n"
