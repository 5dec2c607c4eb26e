"""The playbook as readable Markdown sections, for the in-app reader and `ctotui playbook`."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ctotui.core.errors import CtoError
from ctotui.core.playbook import InterviewQuestion, Item, Playbook


@dataclass(frozen=True)
class Section:
    slug: str
    title: str
    markdown: str


def _bullets(lines: tuple[str, ...]) -> str:
    return "\n".join(f"- {line}" for line in lines)


def _items(items: tuple[Item | InterviewQuestion, ...], box: bool = False) -> str:
    mark = "[ ] " if box else ""
    return "\n".join(f"- {mark}{item.text}" for item in items)


def _role(pb: Playbook) -> str:
    names = {s.slug: s.name for s in pb.skills}
    parts = [f"# What a CTO does\n\n{pb.intro}\n"]
    for r in pb.responsibilities:
        served = ", ".join(names[s] for s in r.skills)
        parts.append(f"## {r.name}\n\n{r.summary}\n\n*Skill areas that serve it:* {served}\n")
    return "\n".join(parts)


def _paths(pb: Playbook) -> str:
    parts = ["# Three paths to CTO\n"]
    for p in pb.paths:
        parts.append(
            f"## {p.name}\n\n{p.summary}\n\n**In short:** it rewards {p.rewards_most}; its main risk: {p.main_risk}.\n\n"
            f"**Pros**\n\n{_bullets(p.pros)}\n\n**Cons**\n\n{_bullets(p.cons)}\n\n"
            f"**Who it suits:** {p.suits}\n\n**What it rewards**\n\n{_bullets(p.rewards)}\n"
        )
    return "\n".join(parts)


def _skills(pb: Playbook) -> str:
    parts = ["# The skill stack\n", "| Area | What it means |", "| --- | --- |"]
    parts += [f"| {s.name} | {s.summary} |" for s in pb.skills]
    parts.append("")
    for s in pb.skills:
        levels = "\n".join(f"{i}. {text}" for i, text in enumerate(s.levels, 1))
        parts.append(
            f"## {s.name}\n\n{s.summary}\n\n**Goal:** {s.goal}\n\n**Levels**\n\n{levels}\n\n"
            f"**Practical steps**\n\n{_items(s.steps, box=True)}\n"
        )
    return "\n".join(parts)


def _stages(pb: Playbook) -> str:
    parts = ["# The road in three stages\n"]
    for st in pb.stages:
        parts.append(
            f"## {st.name} (years {st.years_from}–{st.years_to})\n\n{st.summary}\n\n"
            f"*Typical roles:* {', '.join(st.roles)}\n\n**Main focus**\n\n{_bullets(st.focus)}\n\n"
            f"**Targets**\n\n{_items(st.targets, box=True)}\n\n**Ask yourself**\n\n{_items(st.questions)}\n"
        )
    return "\n".join(parts)


def _career(pb: Playbook) -> str:
    parts = ["# Designing your career\n"]
    for m in pb.moves:
        parts.append(f"## {m.name}\n\n{m.summary}\n\n{_bullets(m.points)}\n")
    parts.append(f"## Checklist: is this a place that grows CTOs?\n\n{_items(pb.environment, box=True)}\n")
    parts.append("## What to keep in your portfolio\n")
    for c in pb.categories:
        parts.append(f"### {c.name}\n\n{c.summary}\n\n{_bullets(c.examples)}\n")
    return "\n".join(parts)


def _interview(pb: Playbook) -> str:
    """The categories, their questions and criteria, the rubric and the scenarios.

    The questions' follow-ups and outlines stay out: the drill shows them after an answer."""
    parts = ["# The CTO interview\n"]
    for ic in pb.interview:
        scored = tuple(f"**{c.name}**: {c.summary}" for c in pb.criteria_for(ic.slug))
        parts.append(
            f"## {ic.name}\n\n*{ic.asks}*\n\n{ic.summary}\n\n**How they test it**\n\n{_bullets(ic.how_tested)}\n\n"
            f"**A strong answer shows**\n\n{_bullets(ic.strong_answer)}\n\n"
            f"**Scored on, besides the rubric**\n\n{_bullets(scored)}\n\n**Questions to practise**\n\n{_items(ic.questions)}\n"
        )
    parts.append("## The rubric\n")
    for c in pb.rubric:
        scores = "\n".join(f"- **{i}**: {text}" for i, text in enumerate(c.scores))
        parts.append(f"### {c.name}\n\n{c.summary}\n\n{scores}\n")
    parts.append(
        '## Company scenarios\n\nThe questions about "our" system, team or company are asked about one of these.\n'
    )
    for sc in pb.scenarios:
        facts = (sc.stage, sc.team, sc.stack, sc.revenue, sc.constraint)
        labels = ("Stage", "Team", "Stack", "Revenue", "The hard part")
        parts.append(
            f"### {sc.name}\n\n" + "\n".join(f"- **{k}**: {v}" for k, v in zip(labels, facts, strict=True)) + "\n"
        )
    return "\n".join(parts)


def _mistakes(pb: Playbook) -> str:
    parts = ["# Mistakes that stall the road\n"]
    for m in pb.mistakes:
        parts.append(
            f"## {m.name}\n\n{m.summary}\n\n**Warning signs**\n\n{_bullets(m.warning_signs)}\n\n"
            f"**Instead**\n\n{_bullets(m.instead)}\n"
        )
    return "\n".join(parts)


def _signals(pb: Playbook) -> str:
    return f"# Am I on a CTO track?\n\n{_items(pb.signals, box=True)}\n"


def _plan(pb: Playbook) -> str:
    parts = ["# An action plan\n"]
    for h in pb.plan:
        parts.append(f"## {h.name}\n\n{_items(h.items, box=True)}\n")
    parts.append(pb.closing + "\n")
    return "\n".join(parts)


_SECTIONS: tuple[tuple[str, str, Callable[[Playbook], str]], ...] = (
    ("role", "What a CTO does", _role),
    ("paths", "Three paths", _paths),
    ("skills", "The skill stack", _skills),
    ("stages", "The timeline", _stages),
    ("career", "Designing your career", _career),
    ("interview", "The interview", _interview),
    ("mistakes", "Common mistakes", _mistakes),
    ("signals", "On-track signals", _signals),
    ("plan", "Action plan", _plan),
)


def section_titles() -> list[tuple[str, str]]:
    return [(slug, title) for slug, title, _ in _SECTIONS]


def section(pb: Playbook, slug: str) -> Section:
    for s, title, render in _SECTIONS:
        if s == slug:
            return Section(s, title, render(pb))
    valid = ", ".join(s for s, _, _ in _SECTIONS)
    raise CtoError(f"unknown section {slug!r} (valid: {valid})")


def sections(pb: Playbook) -> list[Section]:
    return [section(pb, slug) for slug, _ in section_titles()]


@dataclass(frozen=True)
class Found:
    """A block of a section (a paragraph, a heading, a list item) holding every word looked for."""

    slug: str
    title: str  # the section's
    line: str  # the block's Markdown line, as the section holds it (the reader scrolls to it)
    text: str  # the same, as words: without its heading or list marks


_MARKS = re.compile(r"^(?:#+\s+|[-*]\s+(?:\[[ x]\]\s+)?|\d+\.\s+|>\s*)")


def _words(line: str) -> str:
    """A block's Markdown line as words: no heading, list or emphasis marks; a table's row as its
    cells ("Technical depth · A solid grounding …"), its rule ``| --- |`` as nothing."""
    if line.startswith("|"):
        line = " · ".join(c.strip() for c in line.strip("|").split("|") if c.strip(" -:"))
    return _MARKS.sub("", line).replace("**", "").replace("*", "").strip()


def find(pb: Playbook, words: str) -> list[Found]:
    """Every line of the playbook that holds all of ``words`` (case ignored), section by section,
    in reading order."""
    terms = words.casefold().split()
    if not terms:
        return []
    found = []
    for sec in sections(pb):
        for line in sec.markdown.splitlines():
            text = _words(line.strip())
            folded = text.casefold()
            if text and all(term in folded for term in terms):
                found.append(Found(sec.slug, sec.title, line.strip(), text))
    return found
