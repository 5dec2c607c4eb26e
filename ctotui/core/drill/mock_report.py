"""A mock interview's report: per question the answer, scores, follow-up and time used; totals by
category and by criterion; the weakest criterion with the practice that helps.

The weakest criterion is the one with the lowest mean self-score over the answered questions
(ties: the rubric's order, then the categories'), when it is below 2: with every criterion at
2 of 2 none is called weak. The practice that helps is a practical step of
the playbook's skill areas chosen for that criterion (``PRACTICE``); a criterion not listed there
falls back on its category's step (``CATEGORY_PRACTICE``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ctotui.core import clock, playbook
from ctotui.core.drill import bank as drill
from ctotui.core.drill.attempts import split_score
from ctotui.core.drill.mock import Mock, get_mock, last_mock
from ctotui.core.drill.partner import PartnerScore, partner_score
from ctotui.core.errors import NotFound
from ctotui.core.markdown_text import body_lines, md
from ctotui.core.rubric import MAX_SCORE, MAX_TOTAL
from ctotui.core.terms import INTERVIEW_CATEGORIES, RUBRIC

if TYPE_CHECKING:
    from sqlite_utils import Database

# criterion id → the id of the playbook step (skills.*.steps) that practises it
PRACTICE: dict[str, str] = {
    "tradeoffs": "comm-written-disagreement",
    "plain-language": "comm-no-jargon",
    "constraints": "biz-business-case",
    "real-case": "prod-track-impact",
    "structure": "comm-decision-first",
    "concision": "comm-present",
    "improvement-plan": "sys-what-breaks-first",
}
CATEGORY_PRACTICE: dict[str, str] = {
    "own-the-stack": "tech-own-system",
    "non-technical-leaders": "comm-outage-memo",
    "build-the-team": "lead-feedback",
}


@dataclass(frozen=True)
class ItemReport:
    position: int
    question_id: int
    question: str
    category: str
    attempt: drill.Attempt | None  # None: skipped
    partner: PartnerScore | None
    seconds_used: int

    def to_json(self) -> dict[str, object]:
        a = self.attempt
        return {
            "position": self.position + 1,
            "question_id": self.question_id,
            "question": self.question,
            "category": self.category,
            "answered": a is not None,
            "seconds_used": self.seconds_used,
            "ask_first": a.ask_first if a else None,
            "answer": a.answer if a else None,
            "seconds": a.seconds if a else None,
            "limit_seconds": a.limit_seconds if a else None,
            "scores": a.scores.as_dict() if a else None,
            "criteria_scores": dict(a.criteria_scores) if a else None,
            "rubric": a.total if a else None,  # as the app and the Markdown say it: 9/12 · signals 10/10
            "rubric_max": MAX_TOTAL if a else None,
            "signals": a.criteria_total if a else None,
            "signals_max": a.criteria_max if a else None,
            "rating": a.rating.name if a else None,
            "follow_up": a.follow_up if a else None,
            "follow_up_answer": a.follow_up_answer if a else None,
            "follow_up_seconds": a.follow_up_seconds if a else None,
            "partner": self.partner.to_json() if self.partner else None,
        }


@dataclass(frozen=True)
class Total:
    """A criterion's scores (0-2 each) summed over the answered questions."""

    id: str
    name: str
    answered: int
    score: int
    max_score: int

    @property
    def mean(self) -> float:
        """The mean score per question (0-2)."""
        return self.score / self.answered if self.answered else 0.0

    @property
    def share(self) -> float:
        return self.score / self.max_score if self.max_score else 0.0

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "name": self.name,
            "answered": self.answered,
            "score": self.score,
            "max_score": self.max_score,
        }


@dataclass(frozen=True)
class CategoryTotal:
    """A category's rubric and signals scores, each summed over its answered questions and kept
    apart (as ``Attempt.score_text`` says one answer's): never one sum of both."""

    id: str
    name: str
    answered: int
    rubric: int
    rubric_max: int
    signals: int
    signals_max: int

    @property
    def score_text(self) -> str:
        """ "21/24 · signals 17/20"; '-' with nothing answered."""
        return split_score(self.rubric, self.rubric_max, self.signals, self.signals_max) if self.answered else "-"

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "name": self.name,
            "answered": self.answered,
            "rubric": self.rubric,
            "rubric_max": self.rubric_max,
            "signals": self.signals,
            "signals_max": self.signals_max,
        }


@dataclass(frozen=True)
class MockReport:
    mock: Mock
    items: tuple[ItemReport, ...]
    categories: tuple[CategoryTotal, ...]
    criteria: tuple[Total, ...]
    weakest: Total | None
    practice: str  # the practical step that helps the weakest criterion ('' with nothing answered)

    @property
    def answered(self) -> int:
        return sum(1 for i in self.items if i.attempt is not None)

    def to_json(self) -> dict[str, object]:
        m = self.mock
        return {
            "id": m.id,
            "minutes": m.minutes,
            "started_at": m.started_at,
            "finished_at": m.finished_at,
            "seconds_used": m.seconds_used,
            "questions": len(self.items),
            "answered": self.answered,
            "items": [i.to_json() for i in self.items],
            "categories": [c.to_json() for c in self.categories],
            "criteria": [c.to_json() for c in self.criteria],
            "weakest": self.weakest.to_json() if self.weakest else None,
            "practice": self.practice,
        }


def _names() -> dict[str, str]:
    pb = playbook.load()
    names = {c.id: c.name for c in pb.rubric}
    for slug in INTERVIEW_CATEGORIES:
        names.update((c.id, c.name) for c in pb.criteria_for(slug))
    return names


def practice_for(criterion: str, category: str | None = None) -> str:
    """The playbook step that practises ``criterion`` (its category's step when it has none of its own)."""
    pb = playbook.load()
    steps = {step.id: step.text for skill in pb.skills for step in skill.steps}
    step = PRACTICE.get(criterion) or CATEGORY_PRACTICE.get(category or "", "")
    return steps.get(step, "")


def build_report(db: Database, mock: Mock) -> MockReport:
    items = []
    for item in mock.items:
        q = drill.get_question(db, item.question_id)
        attempt = None
        if item.attempt_id is not None:
            try:
                attempt = drill.get_attempt(db, item.attempt_id)
            except NotFound:  # an unreadable row: the place shows as skipped
                attempt = None
        partner = partner_score(db, item.attempt_id) if attempt is not None and item.attempt_id else None
        items.append(ItemReport(item.position, q.id, q.text, q.category, attempt, partner, item.seconds_used))
    pb = playbook.load()
    categories: list[CategoryTotal] = []
    for ic in pb.interview:
        done = [i.attempt for i in items if i.category == ic.slug and i.attempt is not None]
        planned = sum(1 for i in items if i.category == ic.slug)
        if planned:
            rubric, signals = sum(a.total for a in done), sum(a.criteria_total for a in done)
            signals_max = sum(a.criteria_max for a in done)
            categories.append(
                CategoryTotal(ic.slug, ic.name, len(done), rubric, MAX_TOTAL * len(done), signals, signals_max)
            )
    names = _names()
    sums: dict[str, list[int]] = {}
    home: dict[str, str] = {}  # a category criterion → its category (for the fallback practice)
    for i in items:
        if i.attempt is None:
            continue
        for criterion, value in {**i.attempt.scores.as_dict(), **i.attempt.criteria_scores}.items():
            sums.setdefault(criterion, []).append(value)
            home.setdefault(criterion, i.category)
    order = [*RUBRIC, *(c for c in names if c not in RUBRIC)]
    criteria = tuple(
        Total(c, names[c], len(sums[c]), sum(sums[c]), MAX_SCORE * len(sums[c])) for c in order if c in sums
    )
    lowest = min(criteria, key=lambda t: t.mean) if criteria else None
    weakest = lowest if lowest is not None and lowest.mean < 2 else None  # every one at 2 of 2: none is weak
    practice = practice_for(weakest.id, home.get(weakest.id)) if weakest else ""
    return MockReport(mock, tuple(items), tuple(categories), criteria, weakest, practice)


def report(db: Database, mock_id: int | None = None) -> MockReport:
    """The report of a mock interview (the last one started by default)."""
    return build_report(db, last_mock(db) if mock_id is None else get_mock(db, mock_id))


# --- Markdown ------------------------------------------------------------------------------


def _clock(seconds: int) -> str:
    return f"{seconds // 60}:{seconds % 60:02d}"


def _quote(text: str) -> list[str]:
    """An answer typed in the app, quoted: made safe as the brag's stories are (an open fence, a heading
    or raw HTML in it shown as typed; core/markdown_text.py), its own Markdown kept."""
    lines = body_lines(text) or [""]
    return ["> " + line if line else ">" for line in lines]


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def markdown(rep: MockReport) -> str:
    """The report as Markdown (what `ctotui drill report` prints)."""
    m = rep.mock
    started = clock.local(m.started_at).strftime("%Y-%m-%d %H:%M")
    state = f"finished {clock.local(m.finished_at).strftime('%H:%M')}" if m.finished_at else "not finished"
    out = [
        f"# Mock interview, {m.minutes} minutes",
        "",
        f"Started {started}, {state}. {rep.answered} of {len(rep.items)} questions answered "
        f"in {_clock(m.seconds_used)} of {_clock(m.minutes * 60)}.",
    ]
    names = _names()
    for i in rep.items:
        category = playbook.load().interview_category(i.category).name
        out += ["", f"## {i.position + 1}. {category}", "", md(i.question), ""]  # as the user worded it
        a = i.attempt
        if a is None:  # its time counts in the total above: said here too, so that the times add up
            out.append(f"Skipped after {_clock(i.seconds_used)}." if i.seconds_used else "Skipped.")
            continue
        follow = f", follow-up {_clock(a.follow_up_seconds)}" if a.follow_up else ""
        out.append(
            f"Time used {_clock(i.seconds_used)} (answer {_clock(a.seconds)} of {_clock(a.limit_seconds)}{follow})."
        )
        partner = f"; partner {i.partner.score_text}" if i.partner else ""
        out += [f"Score {a.score_text} ({a.rating.name}){partner}.", ""]
        theirs = i.partner.as_dict() if i.partner else {}
        out += ["| criterion | self | partner |" if i.partner else "| criterion | self |"]
        out += ["| --- | --- | --- |" if i.partner else "| --- | --- |"]
        for criterion, value in {**a.scores.as_dict(), **a.criteria_scores}.items():
            row = f"| {_cell(names.get(criterion, criterion))} | {value} |"
            out.append(row + (f" {theirs.get(criterion, '-')} |" if i.partner else ""))
        if a.ask_first:
            out += ["", "What I would ask first:", "", *_quote(a.ask_first)]
        out += ["", "Answer:", "", *_quote(a.answer or "(nothing typed)")]
        if a.follow_up:
            out += ["", f"Follow-up: {md(a.follow_up)}", "", *_quote(a.follow_up_answer or "(nothing typed)")]
    out += ["", "## Totals by category", "", "| category | answered | score |", "| --- | --- | --- |"]
    for c in rep.categories:
        out.append(f"| {c.name} | {c.answered} | {c.score_text} |")
    out += ["", "## Totals by criterion", "", "| criterion | answered | mean (0-2) |", "| --- | --- | --- |"]
    for t in rep.criteria:
        out.append(f"| {_cell(t.name)} | {t.answered} | {t.mean:.1f} |")
    out += ["", "## Weakest criterion", ""]
    if rep.weakest is None:
        out.append("Every criterion scored 2 of 2." if rep.criteria else "Nothing answered yet.")
    else:
        out.append(f"**{rep.weakest.name}**, {rep.weakest.mean:.1f} of 2 on average. Practice that helps:")
        out += ["", rep.practice]
    return "\n".join(out) + "\n"
