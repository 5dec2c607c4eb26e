"""The coaching content: content/playbook.toml and content/interview.toml loaded into frozen dataclasses.

playbook.toml holds the guide (paths, skills, stages, the interview categories' name, asks, signals and
timer); interview.toml holds the interview bank: each category's own scoring criteria and questions (with
their follow-ups, the outline of a strong answer, whether they draw a scenario brief and the paths they
suit), the shared criteria and the company scenarios. ``merge`` joins the two files' data by category slug
before anything is converted, so every check below sees one playbook.

The TOML is validated as it loads: every key is checked against the
dataclass that holds it (unknown keys, missing keys and wrong types fail),
and then against the terms the whole project uses (DESIGN.md), so a broken
content file fails a test, never a user.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ctotui.core.content_files import (  # noqa: F401 - re-exported: playbook.shipped_data etc.
    PARSED,
    content_texts,
    parse_shipped,
    shipped_data,
    source_digest,
    write_parsed,
)
from ctotui.core.content_toml import (  # noqa: F401 - PlaybookError and merge re-exported: playbook.merge etc.
    MAY_BE_EMPTY,
    PlaybookError,
    convert,
    merge,
    read_toml,
)
from ctotui.core.errors import NotFound
from ctotui.core.plural import noun, plural
from ctotui.core.terms import (  # noqa: E402,F401 - re-exported: playbook.SKILLS etc.
    CATEGORIES,
    HORIZONS,
    INTERVIEW_CATEGORIES,
    PATHS,
    RELATIONS,
    RESPONSIBILITIES,
    RUBRIC,
    SKILLS,
    STAGES,
)

MIN_QUESTIONS_PER_CATEGORY = 20
FOLLOW_UPS = (2, 4)  # follow-up challenges per interview question, at least and at most
OUTLINE_POINTS = (3, 6)  # points of "what a strong answer covers" per question
CRITERIA_PER_CATEGORY = (3, 4)  # each interview category's own scoring criteria
MIN_SCENARIOS = 6
SHARED_CRITERIA = ("improvement-plan",)  # scored for every category, after the category's own
MIN_PROMPTS = 5  # journal prompts per skill area and per achievement category
MAX_EVIDENCE_NEEDED = 10  # a stage target met by linking at most this many achievements
ID_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Item:
    """One line of a checklist or question list, with an id that never changes."""

    id: str
    text: str


@dataclass(frozen=True)
class Target(Item):
    """A stage target. ``evidence_needed``: how many different achievements linked to it meet it
    (a target that asks for "at least two" deals needs two; written in the content, never read from
    the words). A tick by the user meets it whatever is linked."""

    evidence_needed: int = 1


@dataclass(frozen=True)
class Responsibility:
    slug: str
    name: str
    summary: str
    skills: tuple[str, ...]


@dataclass(frozen=True)
class CareerPath:
    slug: str
    name: str
    summary: str
    pros: tuple[str, ...]
    cons: tuple[str, ...]
    suits: str
    rewards: tuple[str, ...]
    rewards_most: str  # what the path rewards, in a phrase: the timeline says it with ``main_risk``
    main_risk: str  # the risk its cons come to, in a phrase

    @property
    def in_one_line(self) -> str:
        """What the path rewards and its main risk, in one sentence (the timeline, app and CLI)."""
        return f"Your path, {self.name}, rewards {self.rewards_most}; its main risk: {self.main_risk}."


@dataclass(frozen=True)
class SkillArea:
    slug: str
    name: str
    summary: str
    goal: str
    levels: tuple[str, ...]
    steps: tuple[Item, ...]
    prompts: tuple[str, ...]  # journal prompts aimed at this area (core/coach/prompts.py)


@dataclass(frozen=True)
class Stage:
    slug: str
    name: str
    years_from: int
    years_to: int
    roles: tuple[str, ...]
    summary: str
    focus: tuple[str, ...]
    targets: tuple[Target, ...]
    questions: tuple[Item, ...]


@dataclass(frozen=True)
class Category:
    slug: str
    name: str
    summary: str
    examples: tuple[str, ...]
    prompts: tuple[str, ...]  # journal prompts aimed at this kind of achievement (core/coach/prompts.py)


@dataclass(frozen=True)
class Criterion:
    """One signal an answer is scored on (0, 1 or 2): a category's own, or shared by every category."""

    id: str  # e.g. "ots-asks-first"; unique across all categories and the shared ones
    name: str  # short label, e.g. "Asks about the system first"
    summary: str  # what a 2 looks like, one sentence


@dataclass(frozen=True)
class InterviewQuestion:
    """A question of the interview bank; its id is a key in the database and never changes."""

    id: str
    text: str
    follow_ups: tuple[str, ...] = field(metadata=MAY_BE_EMPTY)  # 2..4 interviewer push-backs
    outline: tuple[str, ...] = field(metadata=MAY_BE_EMPTY)  # 3..6 points a strong answer covers
    scenario: bool  # about "our" system, team or company: the drill shows a scenario brief first
    paths: tuple[str, ...] = field(metadata=MAY_BE_EMPTY)  # the terms.PATHS it suits most; empty = all alike


@dataclass(frozen=True)
class Scenario:
    """A company the "our ..." questions are asked about (shown as a brief before the countdown)."""

    id: str
    name: str
    stage: str  # stage and funding, e.g. "Series A, $12M raised, 20 months of runway"
    team: str
    stack: str
    revenue: str
    constraint: str  # the hard constraint the answer must respect


@dataclass(frozen=True)
class InterviewCategory:
    slug: str
    name: str
    asks: str
    summary: str
    how_tested: tuple[str, ...]
    strong_answer: tuple[str, ...]
    criteria: tuple[Criterion, ...]  # the category's own signals, scored besides the general rubric
    questions: tuple[InterviewQuestion, ...]
    timer_seconds: int = 120


@dataclass(frozen=True)
class RubricCriterion:
    id: str
    name: str
    summary: str
    scores: tuple[str, ...]


@dataclass(frozen=True)
class Mistake:
    slug: str
    name: str
    summary: str
    warning_signs: tuple[str, ...]
    instead: tuple[str, ...]


@dataclass(frozen=True)
class Horizon:
    slug: str
    name: str
    months: int
    items: tuple[Item, ...]


@dataclass(frozen=True)
class Move:
    """A deliberate career move (choose the environment, say what you want, ...)."""

    slug: str
    name: str
    summary: str
    points: tuple[str, ...]


@dataclass(frozen=True)
class Relation:
    """Who someone is to you (manager, mentor, reference...), and why they matter."""

    slug: str
    name: str
    why: str


@dataclass(frozen=True)
class ConversationStarter:
    """One of the key conversations: what to say, what to ask, what to listen for."""

    id: str
    title: str
    say: str
    ask: str
    listen_for: str
    with_: tuple[str, ...] = ()  # the relations it suits ("with" in the TOML)


@dataclass(frozen=True)
class Playbook:
    title: str
    intro: str
    closing: str
    responsibilities: tuple[Responsibility, ...]
    paths: tuple[CareerPath, ...]
    skills: tuple[SkillArea, ...]
    stages: tuple[Stage, ...]
    moves: tuple[Move, ...]
    environment: tuple[Item, ...]
    categories: tuple[Category, ...]
    interview: tuple[InterviewCategory, ...]
    rubric: tuple[RubricCriterion, ...]
    mistakes: tuple[Mistake, ...]
    signals: tuple[Item, ...]
    plan: tuple[Horizon, ...]
    relations: tuple[Relation, ...]
    conversations: tuple[ConversationStarter, ...]
    scenarios: tuple[Scenario, ...]  # from interview.toml
    shared_criteria: tuple[Criterion, ...]  # from interview.toml: SHARED_CRITERIA, in that order

    def criteria_for(self, category_slug: str) -> tuple[Criterion, ...]:
        """The criteria an answer in this category is scored on: the category's own, then the shared ones."""
        return self.interview_category(category_slug).criteria + self.shared_criteria

    def scenario(self, scenario_id: str) -> Scenario:
        for s in self.scenarios:
            if s.id == scenario_id:
                return s
        valid = ", ".join(s.id for s in self.scenarios)
        raise NotFound(f"unknown scenario {scenario_id!r} (valid: {valid})")

    def relation(self, slug: str) -> Relation:
        return _by_slug(self.relations, slug, "relation")

    def skill(self, slug: str) -> SkillArea:
        return _by_slug(self.skills, slug, "skill area")

    def stage(self, slug: str) -> Stage:
        return _by_slug(self.stages, slug, "stage")

    def path(self, slug: str) -> CareerPath:
        return _by_slug(self.paths, slug, "path")

    def category(self, slug: str) -> Category:
        return _by_slug(self.categories, slug, "category")

    def interview_category(self, slug: str) -> InterviewCategory:
        return _by_slug(self.interview, slug, "interview category")

    def horizon(self, slug: str) -> Horizon:
        return _by_slug(self.plan, slug, "horizon")


def _by_slug(items: tuple[Any, ...], slug: str, what: str) -> Any:
    for item in items:
        if item.slug == slug:
            return item
    valid = ", ".join(item.slug for item in items)
    raise NotFound(f"unknown {what} {slug!r} (valid: {valid})")


# --- loading ---------------------------------------------------------------


def _check_terms(items: tuple[Any, ...], expected: tuple[str, ...], where: str, key: str = "slug") -> None:
    got = tuple(getattr(item, key) for item in items)
    if got != expected:
        raise PlaybookError(f"{where}: expected {key}s {list(expected)} in this order, got {list(got)}")


def _check_unique(items: tuple[Any, ...], where: str, at_least: int = 1) -> None:
    """``items`` (anything with an ``id``) have different ids, and at least ``at_least`` of them."""
    ids = [item.id for item in items]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes:
        raise PlaybookError(f"{where}: duplicate {noun(len(dupes), 'id')} {', '.join(dupes)}")
    if len(ids) < at_least:
        raise PlaybookError(f"{where}: needs at least {plural(at_least, 'item')}, has {len(ids)}")


def _all_items(pb: Playbook) -> list[tuple[str, Item | InterviewQuestion]]:
    """Every checklist item and question with where it sits; their ids are keys in the database."""
    found: list[tuple[str, Item | InterviewQuestion]] = [("environment", i) for i in pb.environment]
    found += [("signals", i) for i in pb.signals]
    for s in pb.skills:
        found += [(f"skills.{s.slug}.steps", i) for i in s.steps]
    for st in pb.stages:
        found += [(f"stages.{st.slug}.targets", i) for i in st.targets]
        found += [(f"stages.{st.slug}.questions", i) for i in st.questions]
    for ic in pb.interview:
        found += [(f"interview.{ic.slug}.questions", i) for i in ic.questions]
    for h in pb.plan:
        found += [(f"plan.{h.slug}.items", i) for i in h.items]
    return found


def _check_count(values: tuple[Any, ...], bounds: tuple[int, int], where: str) -> None:
    low, high = bounds
    if not low <= len(values) <= high:
        raise PlaybookError(f"{where}: expected {low} to {high}, got {len(values)}")
    if len(set(values)) != len(values):
        raise PlaybookError(f"{where}: the same entry twice")


def _check_question(q: InterviewQuestion, where: str) -> None:
    _check_count(q.follow_ups, FOLLOW_UPS, f"{where}.follow_ups")
    _check_count(q.outline, OUTLINE_POINTS, f"{where}.outline")
    bad = sorted(set(q.paths) - set(PATHS))
    if bad:
        raise PlaybookError(
            f"{where}.paths: unknown {noun(len(bad), 'path')} {', '.join(bad)} (valid: {', '.join(PATHS)})"
        )
    if len(set(q.paths)) != len(q.paths):
        raise PlaybookError(f"{where}.paths: the same path twice")


def _check_interview(pb: Playbook) -> None:
    """The interview bank: counts per category and question, paths, criteria and scenarios."""
    criteria: dict[str, str] = {}
    _check_terms(pb.shared_criteria, SHARED_CRITERIA, "shared_criteria", key="id")
    for where, group in [(f"interview.{ic.slug}.criteria", ic.criteria) for ic in pb.interview] + [
        ("shared_criteria", pb.shared_criteria)
    ]:
        for c in group:
            if not ID_PATTERN.match(c.id):
                raise PlaybookError(f"{where}: id {c.id!r} must be lowercase-kebab-case")
            if c.id in criteria or c.id in RUBRIC:
                raise PlaybookError(f"{where}: id {c.id!r} is also used in {criteria.get(c.id, 'rubric')}")
            criteria[c.id] = where
    for ic in pb.interview:
        where = f"interview.{ic.slug}"
        _check_unique(ic.questions, f"{where}.questions", at_least=MIN_QUESTIONS_PER_CATEGORY)
        low, high = CRITERIA_PER_CATEGORY
        if not low <= len(ic.criteria) <= high:
            raise PlaybookError(f"{where}.criteria: expected {low} to {high}, got {len(ic.criteria)}")
        if ic.timer_seconds <= 0:
            raise PlaybookError(f"{where}.timer_seconds: must be positive")
        for q in ic.questions:
            _check_question(q, f"{where}.questions.{q.id}")
    _check_unique(pb.scenarios, "scenarios", at_least=MIN_SCENARIOS)
    for s in pb.scenarios:
        if not ID_PATTERN.match(s.id):
            raise PlaybookError(f"scenarios: id {s.id!r} must be lowercase-kebab-case")


def validate(pb: Playbook) -> Playbook:
    """Check the content against the project's terms; raise PlaybookError if off."""
    _check_terms(pb.responsibilities, RESPONSIBILITIES, "responsibilities")
    _check_terms(pb.paths, PATHS, "paths")
    _check_terms(pb.skills, SKILLS, "skills")
    _check_terms(pb.stages, STAGES, "stages")
    _check_terms(pb.categories, CATEGORIES, "categories")
    _check_terms(pb.interview, INTERVIEW_CATEGORIES, "interview")
    _check_terms(pb.rubric, RUBRIC, "rubric", key="id")
    _check_terms(pb.plan, HORIZONS, "plan")
    _check_terms(pb.relations, RELATIONS, "relations")
    for talk in pb.conversations:
        bad = sorted(set(talk.with_) - set(RELATIONS))
        if bad or not talk.with_:
            raise PlaybookError(f"conversations.{talk.id}.with: unknown or empty {bad}")
        if not ID_PATTERN.match(talk.id):
            raise PlaybookError(f"conversations: id {talk.id!r} must be lowercase-kebab-case")
    for r in pb.responsibilities:
        bad = sorted(set(r.skills) - set(SKILLS))
        if bad or not r.skills:
            raise PlaybookError(f"responsibilities.{r.slug}.skills: unknown or empty {bad}")
    for p in pb.paths:
        if not (p.pros and p.cons and p.rewards):
            raise PlaybookError(f"paths.{p.slug}: pros, cons and rewards must not be empty")
    for s in pb.skills:
        if len(s.levels) != 5:
            raise PlaybookError(f"skills.{s.slug}.levels: expected 5 levels, got {len(s.levels)}")
        _check_unique(s.steps, f"skills.{s.slug}.steps", at_least=5)
    for where, prompts in [(f"skills.{s.slug}", s.prompts) for s in pb.skills] + [
        (f"categories.{c.slug}", c.prompts) for c in pb.categories
    ]:
        if len(prompts) < MIN_PROMPTS or len(set(prompts)) != len(prompts):
            raise PlaybookError(f"{where}.prompts: expected at least {MIN_PROMPTS} different prompts")
    previous_end = 0
    for st in pb.stages:
        if st.years_from != previous_end or st.years_to <= st.years_from:
            raise PlaybookError(f"stages.{st.slug}: years must follow on from {previous_end}")
        previous_end = st.years_to
        _check_unique(st.targets, f"stages.{st.slug}.targets", at_least=4)
        for t in st.targets:
            if not 1 <= t.evidence_needed <= MAX_EVIDENCE_NEEDED:
                raise PlaybookError(
                    f"stages.{st.slug}.targets.{t.id}.evidence_needed: expected 1 to {MAX_EVIDENCE_NEEDED}"
                )
        _check_unique(st.questions, f"stages.{st.slug}.questions", at_least=2)
    _check_interview(pb)
    for c in pb.rubric:
        if len(c.scores) != 3:
            raise PlaybookError(f"rubric.{c.id}.scores: expected 3 descriptions (0, 1, 2)")
    _check_unique(pb.environment, "environment", at_least=5)
    _check_unique(pb.signals, "signals", at_least=5)
    for h in pb.plan:
        _check_unique(h.items, f"plan.{h.slug}.items", at_least=1)
    months = [h.months for h in pb.plan]
    if months != sorted(set(months)) or months[0] <= 0:
        raise PlaybookError(f"plan: horizon months must be positive and rising, got {months}")
    if pb.stages[-1].years_to != 12:
        raise PlaybookError("stages: the last stage must end at year 12")
    seen: dict[str, str] = {}
    for where, item in _all_items(pb):
        if not ID_PATTERN.match(item.id):
            raise PlaybookError(f"{where}: id {item.id!r} must be lowercase-kebab-case")
        if item.id in seen:
            raise PlaybookError(f"{where}: id {item.id!r} is also used in {seen[item.id]}")
        seen[item.id] = where
    return pb


def parse(text: str, source: str = "playbook.toml", interview: str | None = None) -> Playbook:
    """Parse and validate playbook TOML text (and interview.toml's text, if given)."""
    data = read_toml(text, source)
    if interview is not None:
        data = merge(data, read_toml(interview, "interview.toml"))
    return from_data(data, source)


def from_data(data: dict[str, Any], source: str = "playbook") -> Playbook:
    """Build and validate a playbook from parsed TOML (both files' data, see ``merge``)."""
    return validate(convert(Playbook, data, source))


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise PlaybookError(f"{path}: cannot read the playbook ({exc})") from None


def load_file(path: Path, interview: Path | None = None) -> Playbook:
    """A playbook from files: ``path`` and ``interview`` (default: interview.toml beside it)."""
    interview = interview or path.with_name("interview.toml")
    return parse(_read(path), str(path), _read(interview))


@functools.cache
def load() -> Playbook:
    """The playbook shipped in the package (parsed once per process)."""
    return from_data(shipped_data(), "ctotui/content")
