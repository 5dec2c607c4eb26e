"""The mock interview: a timed interview of 30 or 45 minutes mixing the three categories.

``plan`` is pure: from the live questions, the minutes, each category's timer and the follow-up's
countdown it picks the questions and their order, the same for the same ``seed``. The order is
the one a real CTO interview tends to take: a warm-up ("why CTO, why us") when the bank has one,
then own-the-stack (the system and its trade-offs), then building the team, then talking with
non-technical leaders, and last "your questions for us" when the bank has one. Each category gets
its share of the time in turn (one question each, round after round) while the next question
still fits: its cost is its category's timer, plus the follow-up's countdown when it has
follow-ups, plus ``READING_SECONDS`` to read the question (and its brief). So 30 minutes with
the default timers (2:00 + 1:00 + 0:30) holds 8 questions, 45 minutes 12.

``start_mock`` stores the plan (``mocks`` + ``mock_items``); the app asks the questions in order
and ``record_item`` links each answer's attempt and the seconds it used; ``finish_mock`` closes it.
A mock left before its end (``unfinished_mock``) goes on from ``Mock.resume_at``, or is closed.
The report is core/drill/mock_report.py.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ctotui.core import clock, playbook
from ctotui.core.drill import bank as drill
from ctotui.core.drill.settings import drill_settings
from ctotui.core.errors import CtoError, NotFound
from ctotui.core.terms import INTERVIEW_CATEGORIES

if TYPE_CHECKING:
    from sqlite_utils import Database

MINUTES = (30, 45)
READING_SECONDS = 30  # to read a question (and its scenario brief) before the countdown
# The realistic order of an interview's middle part (the warm-up comes before, the closing after).
ORDER = ("own-the-stack", "build-the-team", "non-technical-leaders")
# Playbook questions that open or close an interview when the bank has them.
WARM_UP = ("ntl-why-cto", "ntl-why-us")  # one of them opens
CLOSING = ("ntl-your-questions",)
WARM_UP_PHASE, CLOSING_PHASE = "warm-up", "closing"

assert sorted(ORDER) == sorted(INTERVIEW_CATEGORIES)  # every category has its place


@dataclass(frozen=True)
class Candidate:
    """What the plan needs to know of a question."""

    id: int
    ref: str  # the playbook id, or the number of a user question
    category: str
    follow_ups: int  # how many follow-up challenges it has (0: none)


@dataclass(frozen=True)
class Planned:
    """One place of a mock interview."""

    question_id: int
    category: str
    phase: str  # WARM_UP_PHASE, a category slug, or CLOSING_PHASE
    seconds: int  # the time it is given: timer, follow-up and reading


@dataclass(frozen=True)
class MockItem:
    position: int
    question_id: int
    attempt_id: int | None
    seconds_used: int

    @property
    def answered(self) -> bool:
        return self.attempt_id is not None


@dataclass(frozen=True)
class Mock:
    id: int
    minutes: int
    started_at: str
    finished_at: str | None
    items: tuple[MockItem, ...]

    @property
    def finished(self) -> bool:
        return self.finished_at is not None

    @property
    def seconds_used(self) -> int:
        return sum(i.seconds_used for i in self.items)

    @property
    def answered(self) -> int:
        return sum(i.answered for i in self.items)

    @property
    def resume_at(self) -> int:
        """The place an unfinished mock goes on from: the one after the last answered or timed (a place
        skipped at once reads as not reached yet, and is asked again)."""
        reached = [i.position for i in self.items if i.answered or i.seconds_used]
        return reached[-1] + 1 if reached else 0


def check_minutes(minutes: object) -> int:
    if isinstance(minutes, bool) or minutes not in MINUTES:
        raise CtoError(f"a mock interview runs 30 or 45 minutes, not {minutes!r}")
    assert isinstance(minutes, int)
    return minutes


def cost(category: str, follow_ups: int, timers: Mapping[str, int], follow_up_seconds: int) -> int:
    """The seconds a question takes in a mock: its timer, its follow-up (if any) and reading it."""
    return timers[category] + (follow_up_seconds if follow_ups else 0) + READING_SECONDS


def plan(
    candidates: Iterable[Candidate],
    minutes: int,
    timers: Mapping[str, int],
    *,
    follow_up_seconds: int,
    seed: int = 0,
    warm_up: Sequence[str] = WARM_UP,
    closing: Sequence[str] = CLOSING,
) -> tuple[Planned, ...]:
    """The questions of a mock interview, in the order they are asked (see the module docstring).

    Deterministic: the same candidates, minutes, timers and seed give the same plan."""
    check_minutes(minutes)
    pool = sorted(candidates, key=lambda c: c.id)
    if not pool:
        raise CtoError("the question bank is empty: nothing to ask in a mock interview")
    rng = random.Random(f"ctotui-mock:{seed}:{minutes}")
    budget = minutes * 60

    def planned(c: Candidate, phase: str) -> Planned:
        return Planned(c.id, c.category, phase, cost(c.category, c.follow_ups, timers, follow_up_seconds))

    def pick(refs: Sequence[str], phase: str) -> Planned | None:
        found = [c for c in pool if c.ref in refs]
        return planned(rng.choice(found), phase) if found else None

    opening, ending = pick(warm_up, WARM_UP_PHASE), pick(closing, CLOSING_PHASE)
    ends = [p for p in (opening, ending) if p is not None]
    if sum(p.seconds for p in ends) > budget:  # timers set so long that the ends alone do not fit
        opening = ending = None
        ends = []
    left = budget - sum(p.seconds for p in ends)
    taken = {p.question_id for p in ends}
    queues = {}
    for slug in ORDER:
        mine = [c for c in pool if c.category == slug and c.id not in taken and c.ref not in (*warm_up, *closing)]
        rng.shuffle(mine)
        queues[slug] = mine
    chosen: dict[str, list[Planned]] = {slug: [] for slug in ORDER}
    added = True
    while added:
        added = False
        for slug in ORDER:
            if queues[slug]:
                item = planned(queues[slug][0], slug)
                if item.seconds <= left:
                    queues[slug].pop(0)
                    chosen[slug].append(item)
                    left -= item.seconds
                    added = True
    middle = [p for slug in ORDER for p in chosen[slug]]
    if not middle and not ends:
        raise CtoError(f"no question fits in {minutes} minutes with the timers set (`ctotui drill --timer`)")
    return tuple([*([opening] if opening else []), *middle, *([ending] if ending else [])])


def content_of(question: drill.Question) -> playbook.InterviewQuestion | None:
    """The playbook's entry of a question (follow-ups, outline, scenario), None for a user's own."""
    if question.source_id is None:
        return None
    for ic in playbook.load().interview:
        for q in ic.questions:
            if q.id == question.source_id:
                return q
    return None


def candidates(questions: Iterable[drill.Question]) -> list[Candidate]:
    found = []
    for q in questions:
        entry = content_of(q)
        found.append(Candidate(q.id, q.ref, q.category, len(entry.follow_ups) if entry else 0))
    return found


def plan_for(db: Database, minutes: int, *, seed: int = 0) -> tuple[Planned, ...]:
    """The plan for this bank and these settings (nothing written)."""
    settings = drill_settings(db)
    return plan(
        candidates(drill.list_questions(db)),
        minutes,
        settings.timer_seconds,
        follow_up_seconds=settings.follow_up_seconds,
        seed=seed,
    )


# --- storage -----------------------------------------------------------------------


def start_mock(db: Database, minutes: int, *, seed: int | None = None) -> Mock:
    """Plan a mock interview and store it; its questions are then asked in order."""
    check_minutes(minutes)
    started = clock.now()
    chosen = plan_for(db, minutes, seed=int(started.timestamp()) if seed is None else seed)
    with db.atomic():
        cursor = db.execute("insert into mocks (minutes, started_at) values (?, ?)", [minutes, clock.utc_iso(started)])
        mock_id = cursor.lastrowid
        assert mock_id is not None  # an INSERT sets it (sqlite3 types it int | None)
        db.conn.executemany(
            "insert into mock_items (mock_id, position, question_id) values (?, ?, ?)",
            [(mock_id, i, p.question_id) for i, p in enumerate(chosen)],
        )
    return get_mock(db, mock_id)


def _check_open(db: Database, mock_id: int) -> Mock:
    mock = get_mock(db, mock_id)
    if mock.finished:
        raise CtoError(f"mock interview {mock_id} is already finished")
    return mock


def record_item(db: Database, mock_id: int, position: int, attempt_id: int | None, seconds_used: int) -> Mock:
    """Link a place of the mock to its answer (None: skipped) and the seconds it took."""
    if seconds_used < 0:
        raise CtoError("the seconds used cannot be negative")
    with db.atomic():
        mock = _check_open(db, mock_id)
        if not 0 <= position < len(mock.items):
            raise NotFound(f"mock interview {mock_id} has no question {position + 1}")
        if attempt_id is not None:
            attempt = drill.get_attempt(db, attempt_id)
            if attempt.question_id != mock.items[position].question_id:
                raise CtoError(f"attempt {attempt_id} answers another question than place {position + 1}")
        db.execute(
            "update mock_items set attempt_id = ?, seconds_used = ? where mock_id = ? and position = ?",
            [attempt_id, int(seconds_used), mock_id, position],
        )
    return get_mock(db, mock_id)


def finish_mock(db: Database, mock_id: int) -> Mock:
    with db.atomic():
        _check_open(db, mock_id)
        db.execute("update mocks set finished_at = ? where id = ?", [clock.utc_iso(), mock_id])
    return get_mock(db, mock_id)


def get_mock(db: Database, mock_id: int) -> Mock:
    row = db.execute("select id, minutes, started_at, finished_at from mocks where id = ?", [mock_id]).fetchone()
    if row is None:
        raise NotFound(f"no mock interview {mock_id}")
    items = db.execute(
        "select position, question_id, attempt_id, seconds_used from mock_items where mock_id = ? order by position",
        [mock_id],
    ).fetchall()
    mock_id_, minutes, started, finished = row
    return Mock(mock_id_, minutes, started, finished, tuple(MockItem(*item) for item in items))


def last_mock(db: Database) -> Mock:
    """The mock interview started last."""
    row = db.execute("select id from mocks order by started_at desc, id desc limit 1").fetchone()
    if row is None:
        raise NotFound("no mock interview yet (`ctotui drill --mock 30` starts one)")
    return get_mock(db, row[0])


def unfinished_mock(db: Database) -> Mock | None:
    """The last mock interview when it was left before its end with an answer saved (None: none such)."""
    try:
        mock = last_mock(db)
    except NotFound:
        return None
    return mock if not mock.finished and mock.answered else None


def mock_questions(db: Database, mock: Mock) -> list[drill.Question]:
    """The mock's questions in their order."""
    return [drill.get_question(db, item.question_id) for item in mock.items]
