"""Self-checks: the on-track signals, the common mistakes, the environment checklist.

Each item is answered yes / partly / no with an optional note; every answer is
kept, the newest is the item's state, with when it was last assessed. For the
signals and the environment a "yes" is good news; for a mistake the question
is "do you see its warning signs in yourself?", so there a "no" is good news.
The weekly review reuses ``self_checks`` and ``answer_self_check``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from ctotui.core import clock, playbook
from ctotui.core.errors import CtoError, NotFound
from ctotui.core.latest import latest_rows
from ctotui.core.terms import SELF_CHECK_ANSWERS, SELF_CHECK_KINDS
from ctotui.core.text import clean_block

if TYPE_CHECKING:
    from sqlite_utils import Database

KINDS = SELF_CHECK_KINDS  # signal, mistake, environment
ANSWERS = SELF_CHECK_ANSWERS
KIND_TITLES = {
    "signal": "On-track signals",
    "mistake": "Mistakes to watch for",
    "environment": "Is this a place that grows CTOs?",
}
KIND_PROMPTS = {
    "signal": "Is this true of you today?",
    "mistake": "Do you see these warning signs in yourself?",
    "environment": "Is this true where you work?",
}
# How often each kind deserves a fresh look; older answers count as stale.
REVISIT_DAYS = {"signal": 90, "mistake": 90, "environment": 182}
MAX_NOTE = 2_000


@dataclass(frozen=True)
class SelfCheck:
    kind: str
    item_id: str
    text: str  # the statement or question (a mistake's name)
    details: tuple[str, ...]  # a mistake's warning signs; empty otherwise
    answer: str | None  # latest: yes / partly / no, None if never answered
    note: str
    answered_at: str | None  # UTC ISO of the latest answer
    answers: int  # how many times it was answered
    stale: bool  # never answered, or answered longer ago than REVISIT_DAYS

    @property
    def score(self) -> float | None:
        """1.0 good, 0.5 partly, 0.0 a concern, None unanswered (a mistake's 'no' is good)."""
        if self.answer is None:
            return None
        value = {"yes": 1.0, "partly": 0.5, "no": 0.0}[self.answer]
        return 1.0 - value if self.kind == "mistake" else value

    @property
    def concern(self) -> bool:
        return self.score is not None and self.score < 0.5


@dataclass(frozen=True)
class CheckAnswer:
    answer: str
    note: str
    answered_at: str


def _items(kind: str) -> list[tuple[str, str, tuple[str, ...]]]:
    pb = playbook.load()
    if kind == "signal":
        return [(i.id, i.text, ()) for i in pb.signals]
    if kind == "environment":
        return [(i.id, i.text, ()) for i in pb.environment]
    return [(m.slug, m.name, m.warning_signs) for m in pb.mistakes]


def parse_kind(kind: str) -> str:
    if kind not in KINDS:
        raise CtoError(f"unknown self-check kind {kind!r} (valid: {', '.join(KINDS)})")
    return kind


def parse_answer(answer: str) -> str:
    value = str(answer).strip().lower()
    value = {"y": "yes", "p": "partly", "n": "no"}.get(value, value)
    if value not in ANSWERS:
        raise CtoError(f"an answer is one of {', '.join(ANSWERS)} (got {answer!r})")
    return value


def _check_item(kind: str, item_id: str) -> None:
    if item_id not in {i for i, _, _ in _items(parse_kind(kind))}:
        valid = ", ".join(i for i, _, _ in _items(kind))
        raise NotFound(f"no {kind} check {item_id!r} (valid: {valid})")


def answer_self_check(
    db: Database, kind: str, item_id: str, answer: str, note: str = "", *, at: datetime | None = None
) -> SelfCheck:
    """Record an answer (yes / partly / no, with a note); earlier answers are kept."""
    _check_item(kind, item_id)
    answer = parse_answer(answer)
    note = clean_block(note).strip()
    if len(note) > MAX_NOTE:
        raise CtoError(f"a note must be at most {MAX_NOTE:,} characters (got {len(note):,})")
    db.execute(
        "insert into self_check_answers (kind, item_id, answer, note, answered_at) values (?, ?, ?, ?, ?)",
        [kind, item_id, answer, note, clock.utc_iso(at)],
    )
    return self_check(db, kind, item_id)


def self_check_history(db: Database, kind: str, item_id: str) -> list[CheckAnswer]:
    """Every answer to the item, newest first."""
    _check_item(kind, item_id)
    rows = db.execute(
        "select answer, note, answered_at from self_check_answers where kind = ? and item_id = ? "
        "order by answered_at desc, id desc",
        [kind, item_id],
    ).fetchall()
    return [CheckAnswer(answer, clean_block(note), at) for answer, note, at in rows]


def age_days(answered_at: str | None, today: date) -> int | None:
    """How many days old an answer given at ``answered_at`` (UTC ISO) is on ``today``; None if never."""
    return None if answered_at is None else (today - clock.local(answered_at).date()).days


def _is_stale(kind: str, answered_at: str | None, today: date) -> bool:
    age = age_days(answered_at, today)
    return age is None or age > REVISIT_DAYS[kind]


def self_checks(db: Database, kind: str | None = None) -> list[SelfCheck]:
    """Every self-check item (of one kind, or all in KINDS order) with its latest answer."""
    kinds = (parse_kind(kind),) if kind else KINDS
    rows = db.execute(
        "select a.kind, a.item_id, a.answer, a.note, a.answered_at, c.n from self_check_answers a "
        f"join ({latest_rows('self_check_answers', ('kind', 'item_id'), 'answered_at')}) c on a.id = c.last"
    ).fetchall()
    latest = {(k, i): (answer, clean_block(note), at, n) for k, i, answer, note, at, n in rows}
    today = clock.today()
    out = []
    for k in kinds:
        for item_id, text, details in _items(k):
            answer, note, at, n = latest.get((k, item_id), (None, "", None, 0))
            out.append(SelfCheck(k, item_id, text, details, answer, note, at, n, _is_stale(k, at, today)))
    return out


def self_check(db: Database, kind: str, item_id: str) -> SelfCheck:
    _check_item(kind, item_id)
    return next(c for c in self_checks(db, kind) if c.item_id == item_id)


@dataclass(frozen=True)
class KindSummary:
    kind: str
    title: str
    answered: int
    total: int
    good: int  # answers that are good news
    concerns: int
    last_assessed: str | None  # UTC ISO of the newest answer of this kind
    stale: int


def summary(checks: list[SelfCheck]) -> list[KindSummary]:
    """Per kind: how many answered, how many good, how many concerns, when last assessed."""
    out = []
    for k in KINDS:
        mine = [c for c in checks if c.kind == k]
        if not mine:
            continue
        dates = [c.answered_at for c in mine if c.answered_at]
        out.append(
            KindSummary(
                kind=k,
                title=KIND_TITLES[k],
                answered=len(dates),
                total=len(mine),
                good=sum(1 for c in mine if c.score == 1.0),
                concerns=sum(1 for c in mine if c.concern),
                last_assessed=max(dates) if dates else None,
                stale=sum(1 for c in mine if c.stale),
            )
        )
    return out
