"""The road to CTO: where the evidence puts the user on the three stages, and their pace.

``place()`` is a pure function (the rule is in its docstring). The rest reads
and writes the user's progress on the stages: targets ticked (history kept),
achievements linked to targets as evidence, and dated answers to the stage
questions (history kept). ``timeline(db)`` gathers it all for a screen.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from ctotui.core import clock, playbook
from ctotui.core.errors import CtoError, NotFound
from ctotui.core.latest import latest_rows
from ctotui.core.plural import noun, year_count
from ctotui.core.text import clean_block
from ctotui.core.timeline.profile import Profile
from ctotui.core.timeline.profile import load as load_profile

if TYPE_CHECKING:
    from sqlite_utils import Database

    from ctotui.core.dbfile import Reads

MAX_ANSWER = 10_000
MOSTLY_MET = 0.6  # a stage's targets are "mostly met" from this share on (3 of 5, 4 of 6)


@dataclass(frozen=True)
class Placement:
    years: float | None
    stage: str  # where the evidence puts you
    stage_index: int
    position: float  # 0..1 inside the evidence stage: its targets met over those needed to move on
    next_stage: str | None
    met: int  # targets met in the evidence stage
    total: int
    stage_by_years: str | None  # the usual stage for the years (None until the profile has years)
    years_index: int | None
    recorded: bool = True  # some target is met, or has an achievement linked: with none, the evidence says nothing yet

    @property
    def needed(self) -> int:
        """The evidence stage's targets met from which the evidence moves on (3 of 5): ``position``
        is ``met`` of these (2 of 3: 67 %)."""
        return to_move_on(self.total)

    @property
    def targets(self) -> str:
        """The evidence stage's targets in the words every screen and the CLI use (``targets_words``)."""
        return targets_words(self.met, self.total)

    @property
    def road(self) -> float:
        """Progress along the whole road: stage index + position (0..number of stages)."""
        return self.stage_index + self.position

    @property
    def pace(self) -> str | None:
        """The evidence stage against the years' stage: 'ahead', 'on pace' or 'behind' (None without
        years, and before any target is met: an empty record is not "behind")."""
        if self.years_index is None or not self.recorded:
            return None
        if self.stage_index > self.years_index:
            return "ahead"
        if self.stage_index < self.years_index:
            return "behind"
        return "on pace"


def to_move_on(total: int) -> int:
    """How many of a stage's ``total`` targets mostly meet it (``MOSTLY_MET``: 3 of 5, 4 of 6)."""
    return math.ceil(MOSTLY_MET * total - 1e-9)


def toward_next(met: int, total: int) -> float:
    """How far ``met`` of a stage's ``total`` targets go toward moving on: ``met`` of
    ``to_move_on(total)``, at most 1 (2 of 5 met, 3 needed: 2/3). A stage without targets is all
    the way. The bar under the road, the stage list's meter and the CLI's percentage all show this."""
    needed = to_move_on(total)
    return min(1.0, met / needed) if needed else 1.0


def move_on_words(met: int, total: int) -> str:
    """What is left before the stage is mostly met: "1 more to move on", or "enough to move on"."""
    more = to_move_on(total) - met
    return f"{more} more to move on" if more > 0 else "enough to move on"


def targets_words(met: int, total: int, *, passed: bool = False) -> str:
    """A stage's targets in the one wording every screen and the CLI use: "2 of 5 targets met ·
    1 more to move on" (3 of 5 are needed, so 1 more, not 3). A stage the evidence has
    ``passed`` says only what is met when it was not mostly met: the user has moved on already."""
    done = f"{met} of {total} {noun(total, 'target')} met"
    if passed and met < to_move_on(total):
        return done
    return f"{done} · {move_on_words(met, total)}"


def stage_by_years(years: float, stages: tuple[playbook.Stage, ...]) -> int:
    """The index of the stage whose band holds the years (0–3, 3–7, 7–12; past the end: the last)."""
    for i, st in enumerate(stages):
        if years < st.years_to:
            return i
    return len(stages) - 1


def place(
    years: float | None,
    targets_met: dict[str, tuple[int, int]],
    stages: tuple[playbook.Stage, ...] | None = None,
    *,
    linked: bool = False,
) -> Placement:
    """Where the evidence puts the user on the road, and how that compares with their years.

    The rule:

    1. **Evidence picks the stage.** A stage is *mostly met* when at least
       ``MOSTLY_MET`` (60 %) of its targets are met (a target is met when it is
       ticked or has as many achievements linked to it as evidence as it asks
       for, ``TargetState.met``; a stage without targets counts as met). The
       evidence stage is the one after the furthest mostly-met stage; with none
       mostly met it is the first stage, and when the last stage is mostly met
       it is the last.
       This differs from "the first stage not mostly met" on purpose: someone who
       manages managers and owns a budget is not sent back to the first stage
       because they never ticked its targets. Titles follow scope, not the other
       way round, and scope is what the targets record. The unticked earlier
       targets stay on the timeline screen as gaps.
    2. **Years give the pace, never the stage.** The years' stage is the band
       that holds them (0–3, 3–7, 7–12 years; past 12, the last). ``pace``
       compares the two: evidence further along → "ahead", the same → "on pace",
       behind → "behind". The stages are a rough pattern and people move at
       different speeds; nobody reaches the next stage by waiting.
    3. **Position inside the stage** is ``toward_next``: the evidence stage's
       targets met over those needed to move on (``to_move_on``: 2 of 3 when 2
       of 5 are met), at most 1. It reaches 1 exactly when the stage becomes
       mostly met and the next one begins. So ticking a target
       never moves the placement back (``stage_index + position`` only grows),
       and changing the years never moves it at all.

    ``targets_met`` maps a stage slug to (met, total); a missing stage counts as
    (0, 0). ``years`` may be None (not given yet): no pace then. Raises ValueError
    for negative or non-finite years or bad counts. ``linked``: some achievement is linked to a
    target, met or not: the record has begun (``Placement.recorded``), so nobody who just linked
    one is told to tick or link what they have.
    """
    stages = stages if stages is not None else playbook.load().stages
    if not stages:
        raise ValueError("no stages")
    if years is not None and not (years >= 0 and years != float("inf")):
        raise ValueError(f"years must be finite and 0 or more, got {years!r}")
    counts = []
    for st in stages:
        met, total = targets_met.get(st.slug, (0, 0))
        if total < 0 or not 0 <= met <= total:
            raise ValueError(f"bad target counts for {st.slug}: {met}/{total}")
        counts.append((met, total))
    furthest = max((i for i, (m, t) in enumerate(counts) if m >= to_move_on(t)), default=-1)
    index = min(furthest + 1, len(stages) - 1)
    met, total = counts[index]
    years_index = stage_by_years(years, stages) if years is not None else None
    return Placement(
        years=years,
        stage=stages[index].slug,
        stage_index=index,
        position=toward_next(met, total),
        next_stage=stages[index + 1].slug if index + 1 < len(stages) else None,
        met=met,
        total=total,
        stage_by_years=stages[years_index].slug if years_index is not None else None,
        years_index=years_index,
        recorded=linked or any(m for m, _t in counts),  # an achievement linked, short of its count, is a record too
    )


CAVEAT = (
    "The stages are a rough pattern, not a schedule: people move at different speeds, "
    "titles follow scope, and nobody reaches the next stage by waiting."
)


def placement_sentence(pl: Placement) -> str:
    """The placement in plain words: where the evidence puts you, and what the years usually mean.
    The targets are not counted here: every place that shows it says them beside it (``targets``)."""
    names = {st.slug: st.name for st in playbook.load().stages}
    here = f"Your evidence puts you at {names[pl.stage]}"
    if pl.years is None or pl.stage_by_years is None:
        return here + "; give your years of experience to see your pace."
    if not pl.recorded:
        return f"{here}, the first stage: nothing is recorded yet. Tick the targets you have met, or link achievements to them, and your pace shows."
    usual = f"at {year_count(pl.years)} the usual pattern is {names[pl.stage_by_years]}"
    if pl.pace == "on pace":
        return f"{here}; {usual} too."
    if pl.pace == "behind":
        return f"{here}; {usual}: tick what you have done, or work on these targets."
    return f"{here}; {usual}: you are ahead of it."


# --- targets ----------------------------------------------------------------


@dataclass(frozen=True)
class TargetState:
    id: str
    stage: str
    text: str
    ticked: bool
    ticked_at: str | None  # UTC ISO of the tick in force; None when not ticked (an untick clears it)
    evidence: int  # different achievements linked as evidence
    needed: int = 1  # how many of them meet it (the content's evidence_needed: "at least two" deals is 2)

    @property
    def met(self) -> bool:
        """Met when ticked (the user's word, whatever is linked) or backed by ``needed`` linked
        achievements: one deal does not meet "at least two major customer deals"."""
        return self.ticked or self.evidence >= self.needed

    @property
    def evidence_words(self) -> str:
        """What is linked, in the words the timeline (app and CLI) uses: "1 of 2 linked" while a
        target asking for several is short of them, else "2 linked"; "" with nothing linked (the
        side pane says how many it asks for)."""
        if 0 < self.evidence < self.needed:
            return f"{self.evidence} of {self.needed} linked"
        return f"{self.evidence} linked" if self.evidence else ""


def _targets() -> dict[str, tuple[str, playbook.Target]]:
    return {t.id: (st.slug, t) for st in playbook.load().stages for t in st.targets}


def _questions() -> dict[str, tuple[str, playbook.Item]]:
    return {q.id: (st.slug, q) for st in playbook.load().stages for q in st.questions}


def _known(table: Mapping[str, tuple[str, playbook.Item]], item_id: str, what: str) -> str:
    if item_id not in table:
        raise NotFound(f"no stage {what} {item_id!r} (see `ctotui timeline --json` for the ids)")
    return table[item_id][0]


def _stamp(at: datetime | None) -> str:
    return clock.utc_iso(at)


def _latest_ticks(db: Database) -> dict[str, tuple[bool, str | None]]:
    latest = latest_rows("target_ticks", ("target_id",), "at")
    rows = db.execute(
        f"select t.target_id, t.ticked, t.at from target_ticks t join ({latest}) c on t.id = c.last"
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
    rows = db.execute("select ticked, at from target_ticks where target_id = ? order by at, id", [target_id]).fetchall()
    return [(bool(t), at) for t, at in rows]


def target_state(db: Database, target_id: str, stage: str | None = None) -> TargetState:
    stage = stage or _known(_targets(), target_id, "target")
    target = _targets()[target_id][1]
    return _state(stage, target, _latest_ticks(db), {target_id: len(evidence(db, target_id))})


def _state(
    stage: str, target: playbook.Target, ticks: dict[str, tuple[bool, str | None]], counts: dict[str, int]
) -> TargetState:
    """A target's state from the latest ticks and the evidence counts (``evidence_counts``)."""
    ticked, at = ticks.get(target.id, (False, None))
    when = at if ticked else None  # the latest row is an untick: no tick is in force
    return TargetState(target.id, stage, target.text, ticked, when, counts.get(target.id, 0), target.evidence_needed)


def targets_met(db: Database) -> dict[str, tuple[int, int]]:
    """(met, total) for every stage; a target is met as ``TargetState.met`` says."""
    ticks = _latest_ticks(db)
    counts = evidence_counts(db)
    return {
        st.slug: (sum(1 for t in st.targets if _state(st.slug, t, ticks, counts).met), len(st.targets))
        for st in playbook.load().stages
    }


# --- evidence: achievements linked to targets --------------------------------


def _check_achievement(db: Database, achievement_id: int) -> int:
    if isinstance(achievement_id, bool) or not isinstance(achievement_id, int) or achievement_id <= 0:
        raise CtoError(f"achievement id must be a positive whole number (got {achievement_id!r})")
    found = db.execute("select deleted_at from achievements where id = ?", [achievement_id]).fetchone()
    if not found:
        raise NotFound(f"no achievement with id {achievement_id}")
    if found[0] is not None:  # in the trash: said as `show` says it
        raise NotFound(f"achievement {achievement_id} is deleted (ctotui undelete {achievement_id} brings it back)")
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
    """SQL condition dropping links to achievements deleted from the journal (undo brings them back).

    Asked per link (a lookup by id): ``achievement_id in (select id ... where deleted_at is null)``
    listed every live achievement first, ~30 ms at 100,000 even with no evidence at all."""
    return (
        "and exists (select 1 from achievements live where live.id = target_evidence.achievement_id"
        " and live.deleted_at is null)"
    )


def evidence(db: Database, target_id: str) -> list[int]:
    """The achievement ids linked to the target, oldest link first."""
    rows = db.execute(
        f"select achievement_id from target_evidence where target_id = ? {_alive(db)} "
        "order by linked_at, achievement_id",
        [target_id],
    ).fetchall()
    return [r[0] for r in rows]


def evidence_counts(db: Database) -> dict[str, int]:
    """How many different live achievements are linked to each target that has any."""
    rows = db.execute(
        f"select target_id, count(distinct achievement_id) from target_evidence where 1 {_alive(db)} group by target_id"
    ).fetchall()
    return dict(rows)


def targets_for_achievement(db: Reads, achievement_id: int) -> list[str]:
    """The targets an achievement is evidence for (the journal's detail view, `ctotui show`)."""
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
        "select id, answer, answered_at from stage_answers where question_id = ? order by answered_at desc, id desc",
        [question_id],
    ).fetchall()
    return [Answer(i, question_id, clean_block(text), at) for i, text, at in rows]


def _latest_answers(db: Database) -> dict[str, tuple[Answer, int]]:
    latest = latest_rows("stage_answers", ("question_id",), "answered_at")
    rows = db.execute(
        f"select a.id, a.question_id, a.answer, a.answered_at, c.n from stage_answers a join ({latest}) c on a.id = c.last"
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
        return sum(1 for t in self.targets if t.met)

    @property
    def total(self) -> int:
        return len(self.targets)


@dataclass(frozen=True)
class Timeline:
    profile: Profile
    placement: Placement  # by evidence; years (when the profile has them) give the pace
    stages: tuple[StageView, ...]

    def view(self, slug: str) -> StageView:
        for sv in self.stages:
            if sv.stage.slug == slug:
                return sv
        raise KeyError(slug)

    @property
    def current(self) -> StageView:
        return self.view(self.placement.stage)

    @property
    def next(self) -> StageView | None:
        return self.view(self.placement.next_stage) if self.placement.next_stage else None


def timeline(db: Database) -> Timeline:
    """The profile, the placement and every stage with the user's progress on it."""
    profile = load_profile(db)
    ticks = _latest_ticks(db)
    counts = evidence_counts(db)
    latest = _latest_answers(db)
    views = []
    for st in playbook.load().stages:
        targets = tuple(_state(st.slug, t, ticks, counts) for t in st.targets)
        questions = tuple(QuestionState(q.id, st.slug, q.text, *latest.get(q.id, (None, 0))) for q in st.questions)
        views.append(StageView(st, targets, questions))
    met = {v.stage.slug: (v.met, v.total) for v in views}
    placement = place(profile.years, met, linked=bool(counts))
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
