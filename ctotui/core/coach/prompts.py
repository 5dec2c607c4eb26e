"""Journal prompts aimed at the gaps: the new-achievement form offers them one at a time.

The rule:

- **the skill area** is the one with the least evidence in the last 90 days
  (core/skills/stack.py's window: achievements linked to it, dated after today − 90);
  ties go to the playbook's order;
- **the category** is the portfolio category with the fewest achievements dated
  this calendar quarter; ties go to the playbook's order;
- the prompts are those two areas' prompts from content/playbook.toml, taken in
  turn (skill, category, skill, ...). The first one moves on by one each ISO week,
  so the same prompt does not greet every entry for months.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from itertools import chain, zip_longest
from typing import TYPE_CHECKING

from ctotui.core import clock, playbook
from ctotui.core.dates import last_entry_day
from ctotui.core.journal import entries as journal
from ctotui.core.journal.query import JournalFilter
from ctotui.core.skills import stack as skills

if TYPE_CHECKING:
    from sqlite_utils import Database


@dataclass(frozen=True)
class Prompt:
    text: str
    skill: str | None  # the skill area it is aimed at (its slug), or None
    category: str | None  # the category it is aimed at, or None

    @property
    def aim(self) -> str:
        """What gap it is aimed at, in words: "Leadership & management · least evidence in 90 days"."""
        pb = playbook.load()
        if self.skill:
            return f"{pb.skill(self.skill).name} · least evidence in {skills.EVIDENCE_DAYS} days"
        return f"{pb.category(self.category).name} · fewest entries this quarter"  # type: ignore[arg-type]  # a category prompt always has its category


@dataclass(frozen=True)
class GapPrompts:
    skill: str  # the area with the least evidence in 90 days
    skill_evidence: int
    category: str  # the category with the fewest entries this quarter
    category_entries: int
    prompts: tuple[Prompt, ...]

    def at(self, index: int) -> Prompt:
        """The prompt at ``index``, wrapping round (the form's "next" key counts up)."""
        return self.prompts[index % len(self.prompts)]


def quarter_start(today: date) -> date:
    return date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)


def gap_prompts(db: Database, today: date | None = None) -> GapPrompts:
    """The prompts aimed at the user's gaps today (the rule is in the module docstring)."""
    today = today or clock.today()
    pb = playbook.load()
    evidence = journal.evidence_counts(db, since=skills.window_start(today), until=last_entry_day(today))
    skill = min(playbook.SKILLS, key=lambda slug: (evidence.get(slug, 0), playbook.SKILLS.index(slug)))
    since = quarter_start(today)
    entries = {
        c: journal.count_achievements(db, JournalFilter(since=since, until=last_entry_day(today), category=c))
        for c in playbook.CATEGORIES
    }
    category = min(playbook.CATEGORIES, key=lambda c: (entries[c], playbook.CATEGORIES.index(c)))
    by_skill = [Prompt(t, skill, None) for t in pb.skill(skill).prompts]
    by_category = [Prompt(t, None, category) for t in pb.category(category).prompts]
    mixed = [p for p in chain.from_iterable(zip_longest(by_skill, by_category)) if p is not None]
    shift = today.isocalendar().week % len(mixed)
    return GapPrompts(skill, evidence.get(skill, 0), category, entries[category], tuple(mixed[shift:] + mixed[:shift]))
