"""The road to CTO: where the user sits on the three stages, and what moves them.

``place()`` is a pure function (the rule is in its docstring). The rest reads
and writes the user's progress on the stages: targets ticked (history kept),
achievements linked to targets as evidence, and dated answers to the stage
questions (history kept). ``timeline(db)`` gathers it all for a screen.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from ctotui.core import clock, playbook
from ctotui.core.errors import CtoError, NotFound
from ctotui.core.profile import Profile
from ctotui.core.profile import load as load_profile
from ctotui.core.text import clean_block

if TYPE_CHECKING:
    from sqlite_utils import Database

TIME_WEIGHT = 0.5  # the rest of the position comes from the stage's targets
PACE_MARGIN = 0.25  # how far targets may run ahead of / behind the years before we say so
MAX_ANSWER = 10_000


@dataclass(frozen=True)
class Placement:
    years: float
    stage: str
    stage_index: int
    position: float  # 0..1 inside the stage
    next_stage: str | None
    time_share: float  # 0..1: how far the years are through the stage's span
    target_share: float | None  # met / total, None when the stage has no targets
    met: int
    total: int
    years_left: float  # until the stage's usual end (0 once past it)

    @property
    def road(self) -> float:
        """Progress along the whole road: stage index + position (0..number of stages)."""
        return self.stage_index + self.position

    @property
    def pace(self) -> str:
        """'ahead' / 'behind' when the targets met run well ahead of / behind the years, else 'on pace'."""
        if self.target_share is None:
            return "on pace"
        if self.target_share - self.time_share >= PACE_MARGIN:
            return "ahead"
        if self.time_share - self.target_share >= PACE_MARGIN:
            return "behind"
        return "on pace"


def place(
    years: float,
    targets_met: dict[str, tuple[int, int]],
    stages: tuple[playbook.Stage, ...] | None = None,
) -> Placement:
    """Where someone with ``years`` of experience and these targets met sits on the road.

    The rule:

    1. **Years pick the stage.** The stage is the one whose span holds the years
       (``years_from <= years < years_to``); years at or past the last stage's end
       stay in the last stage. Targets never move someone into another stage:
       scope and titles follow years in practice, and a stage's targets are what
       to work on while in it (the next stage's targets can be ticked early and
       count once that stage is reached).
    2. **Years and targets share the position inside it.** ``position = ½·time +
       ½·targets``, where ``time = (years - years_from) / (years_to - years_from)``
       (clamped to 0..1) and ``targets = met / total`` for that stage. A stage with
       no targets (total 0) uses time alone. So at 5 years (half-way through the
       tech-leader years) with 4 of 5 tech-leader targets met the position is
       0.65, late in the stage; at 8 years with 1 of 6 executive targets met it
       is 0.18, early in it.
    3. **It never goes back as the years grow.** With the targets fixed,
       ``stage_index + position`` rises with the years: inside a stage only the
       time share moves, and at a boundary the position is at most 1 before and
       the index goes up by one.

    ``targets_met`` maps a stage slug to (met, total); a missing stage counts as
    (0, 0). Raises ValueError for negative or non-finite years or bad counts.
    """
    stages = stages if stages is not None else playbook.load().stages
    if not stages:
        raise ValueError("no stages")
    if not (years >= 0 and years != float("inf")):
        raise ValueError(f"years must be finite and 0 or more, got {years!r}")
    index = len(stages) - 1
    for i, st in enumerate(stages):
        if years < st.years_to:
            index = i
            break
    st = stages[index]
    time_share = min(1.0, max(0.0, (years - st.years_from) / (st.years_to - st.years_from)))
    met, total = targets_met.get(st.slug, (0, 0))
    if total < 0 or not 0 <= met <= total:
        raise ValueError(f"bad target counts for {st.slug}: {met}/{total}")
    target_share = met / total if total else None
    if target_share is None:
        position = time_share
    else:
        position = TIME_WEIGHT * time_share + (1 - TIME_WEIGHT) * target_share
    return Placement(
        years=years,
        stage=st.slug,
        stage_index=index,
        position=min(1.0, max(0.0, position)),
        next_stage=stages[index + 1].slug if index + 1 < len(stages) else None,
        time_share=time_share,
        target_share=target_share,
        met=met,
        total=total,
        years_left=max(0.0, st.years_to - years),
    )


# --- targets ----------------------------------------------------------------


@dataclass(frozen=True)
class TargetState:
    id: str
    stage: str
    text: str
    ticked: bool
    ticked_at: str | None  # UTC ISO of the latest tick (or untick)
    evidence: int  # achievements linked as evidence


def _targets() -> dict[str, tuple[str, playbook.Item]]:
    return {t.id: (st.slug, t) for st in playbook.load().stages for t in st.targets}


def _questions() -> dict[str, tuple[str, playbook.Item]]:
    return {q.id: (st.slug, q) for st in playbook.load().stages for q in st.questions}


def _known(table: dict[str, tuple[str, playbook.Item]], item_id: str, what: str) -> str:
    if item_id not in table:
        raise NotFound(f"no stage {what} {item_id!r} (see `ctotui timeline --json` for the ids)")
    return table[item_id][0]


def _stamp(at: datetime | None) -> str:
    return clock.utc_iso(at)


def _latest_ticks(db: Database) -> dict[str, tuple[bool, str | None]]:
    rows = db.execute(
        "select target_id, ticked, at from target_ticks "
        "where id in (select max(id) from target_ticks group by target_id)"
    ).fetchall()
    return {tid: (bool(ticked), at) for tid, ticked, at in rows}


def set_target(db: Database, target_id: str, ticked: bool, *, at: datetime | None = None) -> TargetState:
    """Tick or untick a stage target; a change is appended to its history."""
    stage = _known(_targets(), target_id, "target")
    with db.atomic():
        current = _latest_ticks(db).get(target_id)
        if (current[0] if current else False) != ticked:
            db.execute(
                "insert into target_ticks (target_id, ticked, at) values (?, ?, ?)",
                [target_id, int(ticked), _stamp(at)],
            )
    return target_state(db, target_id, stage)


def toggle_target(db: Database, target_id: str) -> TargetState:
    _known(_targets(), target_id, "target")
    current = _latest_ticks(db).get(target_id)
    return set_target(db, target_id, not (current[0] if current else False))


def target_history(db: Database, target_id: str) -> list[tuple[bool, str]]:
    """Every tick and untick of the target, oldest first, with when (UTC ISO)."""
    _known(_targets(), target_id, "target")
    rows = db.execute("select ticked, at from target_ticks where target_id = ? order by id", [target_id]).fetchall()
    return [(bool(t), at) for t, at in rows]


def target_state(db: Database, target_id: str, stage: str | None = None) -> TargetState:
    stage = stage or _known(_targets(), target_id, "target")
    ticked, at = _latest_ticks(db).get(target_id, (False, None))
    text = _targets()[target_id][1].text
    return TargetState(target_id, stage, text, ticked, at, len(evidence(db, target_id)))


def targets_met(db: Database) -> dict[str, tuple[int, int]]:
    """(met, total) for every stage."""
    ticks = _latest_ticks(db)
    return {
        st.slug: (sum(1 for t in st.targets if ticks.get(t.id, (False,))[0]), len(st.targets))
        for st in playbook.load().stages
    }


# --- evidence: achievements linked to targets --------------------------------


def _check_achievement(db: Database, achievement_id: int) -> int:
    if isinstance(achievement_id, bool) or not isinstance(achievement_id, int) or achievement_id <= 0:
        raise CtoError(f"achievement id must be a positive whole number (got {achievement_id!r})")
    found = db.execute("select 1 from achievements where id = ? and deleted_at is null", [achievement_id]).fetchone()
    if not found:
        raise NotFound(f"no achievement with id {achievement_id}")
    return achievement_id


def link_evidence(db: Database, target_id: str, achievement_id: int) -> bool:
    """Link an achievement to a target as evidence; False if it already was."""
    _known(_targets(), target_id, "target")
    _check_achievement(db, achievement_id)
    cur = db.execute(
        "insert into target_evidence (target_id, achievement_id, linked_at) values (?, ?, ?) on conflict do nothing",
        [target_id, achievement_id, clock.utc_iso()],
    )
    return cur.rowcount == 1


def unlink_evidence(db: Database, target_id: str, achievement_id: int) -> bool:
    """Remove a link; False if there was none."""
    _known(_targets(), target_id, "target")
    cur = db.execute(
        "delete from target_evidence where target_id = ? and achievement_id = ?", [target_id, achievement_id]
    )
    return cur.rowcount == 1


def _alive(db: Database) -> str:
    """SQL condition dropping links to achievements deleted from the journal (undo brings them back)."""
    return "and achievement_id in (select id from achievements where deleted_at is null)"


def evidence(db: Database, target_id: str) -> list[int]:
    """The achievement ids linked to the target, oldest link first."""
    rows = db.execute(
        f"select achievement_id from target_evidence where target_id = ? {_alive(db)} "
        "order by linked_at, achievement_id",
        [target_id],
    ).fetchall()
    return [r[0] for r in rows]


def evidence_counts(db: Database) -> dict[str, int]:
    rows = db.execute(
        f"select target_id, count(*) from target_evidence where 1 {_alive(db)} group by target_id"
    ).fetchall()
    return dict(rows)


def targets_for_achievement(db: Database, achievement_id: int) -> list[str]:
    """The targets an achievement is evidence for (for the journal's detail view)."""
    rows = db.execute(
        "select target_id from target_evidence where achievement_id = ? order by target_id", [achievement_id]
    ).fetchall()
    return [r[0] for r in rows]


# --- the questions to ask yourself --------------------------------------------


@dataclass(frozen=True)
class Answer:
    id: int
    question_id: str
    text: str
    answered_at: str  # UTC ISO


@dataclass(frozen=True)
class QuestionState:
    id: str
    stage: str
    text: str
    latest: Answer | None
    count: int  # how many answers were written over time


def answer_question(db: Database, question_id: str, text: str, *, at: datetime | None = None) -> Answer:
    """Record a dated answer (earlier answers are kept). Unchanged text adds nothing."""
    _known(_questions(), question_id, "question")
    text = clean_block(text).strip()
    if not text:
        raise CtoError("an answer must not be empty")
    if len(text) > MAX_ANSWER:
        raise CtoError(f"an answer must be at most {MAX_ANSWER:,} characters (got {len(text):,})")
    with db.atomic():
        previous = answers(db, question_id)
        if previous and previous[0].text == text:
            return previous[0]
        stamp = _stamp(at)
        cur = db.execute(
            "insert into stage_answers (question_id, answer, answered_at) values (?, ?, ?)",
            [question_id, text, stamp],
        )
        assert cur.lastrowid is not None  # an INSERT sets it (sqlite3 types it int | None)
        return Answer(cur.lastrowid, question_id, text, stamp)


def answers(db: Database, question_id: str) -> list[Answer]:
    """Every answer to the question, newest first."""
    _known(_questions(), question_id, "question")
    rows = db.execute(
        "select id, answer, answered_at from stage_answers where question_id = ? order by id desc", [question_id]
    ).fetchall()
    return [Answer(i, question_id, clean_block(text), at) for i, text, at in rows]


def _latest_answers(db: Database) -> dict[str, tuple[Answer, int]]:
    rows = db.execute(
        "select a.id, a.question_id, a.answer, a.answered_at, c.n from stage_answers a "
        "join (select question_id, max(id) as last, count(*) as n from stage_answers group by question_id) c "
        "on a.id = c.last"
    ).fetchall()
    return {qid: (Answer(i, qid, clean_block(text), at), n) for i, qid, text, at, n in rows}


# --- everything a screen needs --------------------------------------------------


@dataclass(frozen=True)
class StageView:
    stage: playbook.Stage
    targets: tuple[TargetState, ...]
    questions: tuple[QuestionState, ...]

    @property
    def met(self) -> int:
        return sum(1 for t in self.targets if t.ticked)

    @property
    def total(self) -> int:
        return len(self.targets)


@dataclass(frozen=True)
class Timeline:
    profile: Profile
    placement: Placement | None  # None until the profile has years
    stages: tuple[StageView, ...]

    def view(self, slug: str) -> StageView:
        for sv in self.stages:
            if sv.stage.slug == slug:
                return sv
        raise KeyError(slug)

    @property
    def current(self) -> StageView | None:
        return self.view(self.placement.stage) if self.placement else None

    @property
    def next(self) -> StageView | None:
        return self.view(self.placement.next_stage) if self.placement and self.placement.next_stage else None


def timeline(db: Database) -> Timeline:
    """The profile, the placement and every stage with the user's progress on it."""
    profile = load_profile(db)
    ticks = _latest_ticks(db)
    counts = evidence_counts(db)
    latest = _latest_answers(db)
    views = []
    for st in playbook.load().stages:
        targets = tuple(
            TargetState(t.id, st.slug, t.text, *ticks.get(t.id, (False, None)), counts.get(t.id, 0)) for t in st.targets
        )
        questions = tuple(QuestionState(q.id, st.slug, q.text, *latest.get(q.id, (None, 0))) for q in st.questions)
        views.append(StageView(st, targets, questions))
    met = {v.stage.slug: (v.met, v.total) for v in views}
    placement = place(profile.years, met) if profile.years is not None else None
    return Timeline(profile, placement, tuple(views))


# --- the road as columns, for any drawing of it (TUI widget, CLI) -------------


def road_widths(width: int, stages: tuple[playbook.Stage, ...] | None = None) -> list[int]:
    """Split ``width`` columns between the stages in proportion to their years (each at least 3)."""
    stages = stages if stages is not None else playbook.load().stages
    span = stages[-1].years_to - stages[0].years_from
    widths = [max(3, round(width * (st.years_to - st.years_from) / span)) for st in stages]
    widths[-1] += width - sum(widths)
    return widths


def marker_column(placement: Placement, widths: list[int], gap: int = 0) -> int:
    """The column (0-based, across all segments) where "you are here" goes.

    ``gap`` columns at the end of every segment but the last are kept free (a drawing
    that separates the stages with a space passes 1).
    """
    start = sum(widths[: placement.stage_index])
    last = placement.stage_index == len(widths) - 1
    cells = widths[placement.stage_index] - (0 if last else gap)
    return start + round(placement.position * (cells - 1))
