"""The brag document: the journal as Markdown to paste into a promotion packet
or read before an interview (``ctotui export --format md``).

Titled with the user's name (and role) from the profile. Made of sections,
chosen with ``--sections`` (``SECTIONS``, always written in this order):

- ``summary``: how many achievements, per category and per skill;
- ``numbers``: the strongest numbers, ranked by one rule (core/journal/metric_rank.py);
- ``achievements``: every achievement grouped by category, with its date,
  number, skills, story and evidence links;
- ``by-skill``: the achievements again under each skill area, one line each;
- ``skills``: the current self-rated skill levels;
- ``readiness``: interview readiness per category;
- ``reviews``: the weekly reviews done in the period, with the one thing chosen
  for the week after;
- ``bar``: progress against the bar someone set for a bigger role: each
  criterion, met or not, with the achievements that show it.

The default (``DEFAULT_SECTIONS``) is what a promotion packet wants: the
summary, the strongest numbers and the achievements. Self-ratings, readiness,
reviews and the bar are private working notes, written only when asked. Skill levels
and readiness come from the skills and drill areas when this ctotui has them
(``skills_part``/``drill_part``); otherwise the section says so.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, TextIO

from ctotui.core import clock, playbook
from ctotui.core.drill import progress as drill_progress
from ctotui.core.drill import stories
from ctotui.core.errors import CtoError
from ctotui.core.journal.entries import Achievement, JournalFilter, page_achievements, titles
from ctotui.core.journal.metric_rank import strongest
from ctotui.core.markdown_text import body_lines, md
from ctotui.core.people import bar as bar_core
from ctotui.core.plural import noun, plural
from ctotui.core.review.weekly import list_reviews
from ctotui.core.rubric import MAX_TOTAL
from ctotui.core.skills import stack as skills
from ctotui.core.timeline.profile import load as load_profile

if TYPE_CHECKING:
    from sqlite_utils import Database

STRONGEST = 5
SECTIONS = ("summary", "numbers", "achievements", "by-skill", "skills", "readiness", "reviews", "bar")
DEFAULT_SECTIONS = ("summary", "numbers", "achievements")
SECTION_NAMES = {
    "summary": "Summary: counts per category and skill",
    "numbers": "Strongest numbers",
    "achievements": "Achievements by category, with numbers and links",
    "by-skill": "Achievements by skill",
    "skills": "Skill levels (your self-ratings)",
    "readiness": "Interview readiness",
    "reviews": "Weekly reviews",
    "bar": "Progress against the bar",
}


@dataclass(frozen=True)
class BragStats:
    achievements: int


def parse_sections(value: str | Iterable[str] | None) -> tuple[str, ...]:
    """``"achievements,numbers"`` (or a list) as sections in the document's order; None: the default."""
    if value is None:
        return DEFAULT_SECTIONS
    words = value.split(",") if isinstance(value, str) else list(value)
    chosen = {w.strip().lower() for w in words if w.strip()}
    if "all" in chosen:
        return SECTIONS
    unknown = sorted(chosen - set(SECTIONS))
    if unknown:
        raise CtoError(f"unknown section {unknown[0]!r} (valid: {', '.join(SECTIONS)}, or all)")
    if not chosen:
        raise CtoError(f"choose at least one section: {', '.join(SECTIONS)}")
    return tuple(x for x in SECTIONS if x in chosen)


def achievements_between(db: Database, since: date | None, until: date | None) -> Iterator[Achievement]:
    """Live achievements in the period, newest first, read a page at a time."""
    filters = JournalFilter(since=since, until=until)
    page = page_achievements(db, filters=filters, limit=500)
    while True:
        yield from page.items
        if page.next is None:
            return
        page = page_achievements(db, filters=filters, after=page.next, limit=500)


def write_brag(
    db: Database,
    out: TextIO,
    *,
    since: date | None = None,
    until: date | None = None,
    sections: Iterable[str] | None = None,
) -> BragStats:
    pb = playbook.load()
    today = clock.today()
    chosen = parse_sections(sections)
    items = list(achievements_between(db, since, until))
    parts: dict[str, Callable[[], list[str]]] = {
        "summary": lambda: _summary(pb, items),
        "numbers": lambda: _numbers(items),
        "achievements": lambda: _by_category(pb, items),
        "by-skill": lambda: _by_skill(pb, items),
        "skills": lambda: skills_part(db, items, today),
        "readiness": lambda: drill_part(db),
        "reviews": lambda: reviews_part(db, since, until or today),
        "bar": lambda: bar_part(db, today),
    }
    for block in _header(db, since, until, today, items):
        out.write(block + "\n")
    for name in chosen:
        out.write("\n".join(parts[name]()) + "\n")
    return BragStats(len(items))


def brag_text(
    db: Database, *, since: date | None = None, until: date | None = None, sections: Iterable[str] | None = None
) -> str:
    buffer = io.StringIO()
    write_brag(db, buffer, since=since, until=until, sections=sections)
    return buffer.getvalue()


def _header(db: Database, since: date | None, until: date | None, today: date, items: list[Achievement]) -> list[str]:
    profile = load_profile(db)
    who = " · ".join(md(v) for v in (profile.name, profile.role) if v)
    # without --until the period ends today, or at the last entry's day when one is dated ahead
    end = until or max([today, *(a.occurred_on for a in items)])
    period = f"{since} to {end}" if since else f"everything up to {end}"
    return [
        "# Brag document" + (f": {who}" if who else ""),
        "",
        f"Achievements from {period}. Written by ctotui on {today}.",
    ]


def _summary(pb: playbook.Playbook, items: list[Achievement]) -> list[str]:
    with_number = sum(1 for a in items if a.has_number)
    lines = ["", "## Summary", ""]
    if not items:
        return [*lines, "No achievements in this period yet: add one with `ctotui add` or in the journal (j)."]
    lines.append(f"- **{plural(len(items), 'achievement')}**, {with_number} with a number.")
    per_category = {c.slug: sum(1 for a in items if a.category == c.slug) for c in pb.categories}
    loose = sum(1 for a in items if a.category is None)
    parts = [f"{c.name} {per_category[c.slug]}" for c in pb.categories if per_category[c.slug]]
    lines.append("- By category: " + " · ".join(parts + ([f"no category {loose}"] if loose else [])))
    per_skill = {s.slug: sum(1 for a in items if s.slug in a.skills) for s in pb.skills}
    lines.append("- By skill: " + (" · ".join(f"{s.name} {per_skill[s.slug]}" for s in pb.skills) or "none"))
    return lines


def _numbers(items: list[Achievement]) -> list[str]:
    """The strongest numbers, ranked by core/journal/metric_rank.py's one rule (money a year, time saved, changes, counts)."""
    lines = ["", "## Strongest numbers", ""]
    top = strongest(items, lambda a: a.metric, STRONGEST, words=lambda a: f"{a.title}\n{a.body}")
    if not top:
        return [*lines, "No numbers in this period yet: an outcome with its number (45 → 7 min) reads strongest."]
    for n, (a, s) in enumerate(top, 1):
        note = f" ({s.note})" if s.note else ""
        lines.append(f"{n}. **{md(a.badge)}**{note}: {md(a.title)} ({a.occurred_on})")
    return lines


def _entry(a: Achievement, *, with_body: bool) -> list[str]:
    line = f"- **{a.occurred_on}** {md(a.title)}"
    if a.badge:
        line += f" · `{a.badge}`"
    if a.skills and with_body:
        line += " · " + ", ".join(a.skills)
    lines = [line]
    if with_body and a.body.strip():
        lines += [""] + body_lines(a.body, indent="  ") + [""]
    if with_body and a.links:
        lines += ["  Evidence: " + " · ".join(f"<{url}>" for url in a.links), ""]
    return lines


def _by_category(pb: playbook.Playbook, items: list[Achievement]) -> list[str]:
    lines = ["", "## Achievements by category"]
    groups = [(c.name, c.summary, [a for a in items if a.category == c.slug]) for c in pb.categories]
    groups.append(("No category", "", [a for a in items if a.category is None]))
    for name, summary, group in groups:
        if not group:
            continue
        lines += ["", f"### {name} ({len(group)})", ""]
        if summary:
            lines += [f"_{md(summary)}_", ""]
        for a in group:
            lines += _entry(a, with_body=True)
    return _tidy(lines)


def _by_skill(pb: playbook.Playbook, items: list[Achievement]) -> list[str]:
    lines = ["", "## Achievements by skill"]
    for skill in pb.skills:
        group = [a for a in items if skill.slug in a.skills]
        if group:
            lines += ["", f"### {skill.name} ({len(group)})", ""]
            lines += [line for a in group for line in _entry(a, with_body=False)]
    bare = sum(1 for a in items if not a.skills)
    if bare:
        lines += ["", f"{bare} {noun(bare, 'achievement has', 'achievements have')} no skill linked yet."]
    return lines


def _tidy(lines: list[str]) -> list[str]:
    """No two blank lines in a row (bodies end with one)."""
    out: list[str] = []
    for line in lines:
        if not (line == "" and out and out[-1] == ""):
            out.append(line)
    return out


# --- the parts other areas provide --------------------------------------------------


def skills_part(db: Database, items: list[Achievement], today: date) -> list[str]:
    """Current self-rated level per skill area, with the evidence in this document."""
    lines = ["", "## Skill levels", ""]
    pb = playbook.load()
    stack = skills.skill_stack(db, today, totals=False)
    if all(area.level is None for area in stack):
        return [*lines, "No self-ratings yet: rate each area in the Skills screen (s) or with `ctotui rate`."]
    lines += [
        "| Skill area | Level | Rated on | Evidence here | What the level means |",
        "| --- | --- | --- | --- | --- |",
    ]
    for area in stack:
        evidence = sum(1 for a in items if area.skill in a.skills)
        if area.level is None:
            lines.append(f"| {area.name} | not rated | | {evidence} | |")
            continue
        meaning = pb.skill(area.skill).levels[area.level - 1]
        rated = clock.local(area.rated_at).date() if area.rated_at else ""
        lines.append(f"| {area.name} | {area.level}/5 | {rated} | {evidence} | {md(meaning)} |")
    return lines


def reviews_part(db: Database, since: date | None, until: date) -> list[str]:
    """The weekly reviews done in the period: the week, and the one thing chosen for the week after."""
    lines = ["", "## Weekly reviews", ""]
    done = [r for r in list_reviews(db) if r.completed and r.week.end >= (since or date.min) and r.week.start <= until]
    if not done:
        return [*lines, "No weekly review done in this period: one takes ten minutes in the app (w)."]
    lines += [f"{plural(len(done), 'weekly review')} done.", ""]
    for r in sorted(done, key=lambda r: r.week.key, reverse=True):
        lines.append(f"- **{r.week.key}** ({r.week.label})" + (f": {md(r.next_thing)}" if r.next_thing else ""))
    return lines


def bar_part(db: Database, today: date) -> list[str]:
    """The open bar: each criterion, met or not, with its evidence (achievement titles)."""
    lines = ["", "## Progress against the bar", ""]
    current = bar_core.current(db)
    if current is None:
        return [*lines, "No bar written down yet: `ctotui bar set` records what someone said it would take."]
    who = f", set by {md(current.person)}" if current.person else ""
    lines += [
        f"**{md(current.role)}**{who}; agreed {current.agreed_on}, deadline {current.deadline}: "
        f"{current.met} of {len(current.criteria)} criteria met.",
        "",
    ]
    ids = sorted({a for c in current.criteria for a in c.evidence})
    named = titles(db, ids)
    for c in current.criteria:
        lines.append(f"- [{'x' if c.met else ' '}] {md(c.text)}")
        lines += [f"  - {md(named[a])}" for a in c.evidence if a in named]
    return lines


def drill_part(db: Database) -> list[str]:
    """Readiness per interview category and the stories linked to questions."""
    lines = ["", "## Interview readiness", ""]
    practised = db.execute("select exists (select 1 from attempts)").fetchone()[0]
    if not practised:
        return [*lines, "No practice yet: answer a few questions in the Interview drill (i)."]
    covered = {c.slug: c for c in stories.coverage(db).categories}
    lines += [
        "| Category | Readiness | Practised | Recent average | Questions with a story |",
        "| --- | --- | --- | --- | --- |",
    ]
    for p in drill_progress.progress(db):
        average = f"{p.recent_average:g}/{MAX_TOTAL}" if p.recent_average is not None else "-"
        cov = covered.get(p.slug)
        story = f"{cov.covered} of {cov.questions}" if cov else "-"
        lines.append(f"| {p.name} | {p.readiness}% | {p.practised} of {p.questions} | {average} | {story} |")
    return lines
