"""The coaching content: content/playbook.toml loaded into frozen dataclasses.

The TOML is validated as it loads: every key is checked against the
dataclass that holds it (unknown keys, missing keys and wrong types fail),
and then against the terms the whole project uses (DESIGN.md), so a broken
content file fails a test, never a user.
"""

from __future__ import annotations

import dataclasses
import functools
import re
import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, get_args, get_origin, get_type_hints

from ctotui.core.errors import CtoError, NotFound
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

MIN_QUESTIONS_PER_CATEGORY = 12
MIN_PROMPTS = 5  # journal prompts per skill area and per achievement category
ID_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


class PlaybookError(CtoError):
    """The content file is broken; the message names the key at fault."""


@dataclass(frozen=True)
class Item:
    """One line of a checklist or question list, with an id that never changes."""

    id: str
    text: str


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
    targets: tuple[Item, ...]
    questions: tuple[Item, ...]


@dataclass(frozen=True)
class Category:
    slug: str
    name: str
    summary: str
    examples: tuple[str, ...]
    prompts: tuple[str, ...]  # journal prompts aimed at this kind of achievement (core/coach/prompts.py)


@dataclass(frozen=True)
class InterviewCategory:
    slug: str
    name: str
    asks: str
    summary: str
    how_tested: tuple[str, ...]
    strong_answer: tuple[str, ...]
    questions: tuple[Item, ...]
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


def _convert(tp: Any, value: Any, where: str) -> Any:
    """Turn parsed TOML into an instance of ``tp``, checking every key and type."""
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        if not isinstance(value, dict):
            raise PlaybookError(f"{where}: expected a table, got {type(value).__name__}")
        hints = get_type_hints(tp)
        fields = {f.name.rstrip("_"): f for f in dataclasses.fields(tp)}  # with_ is "with" in TOML
        unknown = sorted(set(value) - set(fields))
        if unknown:
            raise PlaybookError(f"{where}: unknown {noun(len(unknown), 'key')} {', '.join(unknown)}")
        kwargs = {}
        for name, field in fields.items():
            if name in value:
                kwargs[field.name] = _convert(hints[field.name], value[name], f"{where}.{name}")
            elif field.default is dataclasses.MISSING:
                raise PlaybookError(f"{where}.{name}: missing")
        return tp(**kwargs)
    origin = get_origin(tp)
    if origin is tuple:
        inner = get_args(tp)[0]
        if not isinstance(value, list):
            raise PlaybookError(f"{where}: expected a list, got {type(value).__name__}")
        if not value:
            raise PlaybookError(f"{where}: must not be empty")
        return tuple(_convert(inner, v, f"{where}[{i}]") for i, v in enumerate(value))
    if tp is str:
        if not isinstance(value, str) or not value.strip():
            raise PlaybookError(f"{where}: expected non-empty text")
        return value.strip()
    if tp is int:
        if not isinstance(value, int) or isinstance(value, bool):
            raise PlaybookError(f"{where}: expected a whole number")
        return value
    raise PlaybookError(f"{where}: unsupported type {tp!r}")  # pragma: no cover


def _check_terms(items: tuple[Any, ...], expected: tuple[str, ...], where: str, key: str = "slug") -> None:
    got = tuple(getattr(item, key) for item in items)
    if got != expected:
        raise PlaybookError(f"{where}: expected {key}s {list(expected)} in this order, got {list(got)}")


def _check_unique(items: tuple[Item, ...], where: str, at_least: int = 1) -> None:
    ids = [item.id for item in items]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes:
        raise PlaybookError(f"{where}: duplicate {noun(len(dupes), 'id')} {', '.join(dupes)}")
    if len(ids) < at_least:
        raise PlaybookError(f"{where}: needs at least {plural(at_least, 'item')}, has {len(ids)}")


def _all_items(pb: Playbook) -> list[tuple[str, Item]]:
    """Every checklist item with where it sits; their ids are keys in the database."""
    found: list[tuple[str, Item]] = [("environment", i) for i in pb.environment]
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
        _check_unique(st.questions, f"stages.{st.slug}.questions", at_least=2)
    for ic in pb.interview:
        _check_unique(ic.questions, f"interview.{ic.slug}.questions", at_least=MIN_QUESTIONS_PER_CATEGORY)
        if ic.timer_seconds <= 0:
            raise PlaybookError(f"interview.{ic.slug}.timer_seconds: must be positive")
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


def parse(text: str, source: str = "playbook.toml") -> Playbook:
    """Parse and validate playbook TOML text."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise PlaybookError(f"{source}: not valid TOML ({exc})") from None
    return from_data(data, source)


def from_data(data: dict[str, Any], source: str = "playbook") -> Playbook:
    """Build and validate a playbook from parsed TOML."""
    return validate(_convert(Playbook, data, source))


def load_file(path: Path) -> Playbook:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise PlaybookError(f"{path}: cannot read the playbook ({exc})") from None
    return parse(text, str(path))


@functools.cache
def load() -> Playbook:
    """The playbook shipped in the package (parsed once per process)."""
    text = resources.files("ctotui.content").joinpath("playbook.toml").read_text(encoding="utf-8")
    return parse(text, "ctotui/content/playbook.toml")
