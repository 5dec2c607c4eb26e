"""What moved on the road to CTO during a week: the stage targets met and the placement, as they
stood when the week began and when it ended (now, while it runs).

Both are read from the stored times, never from today's state, so a past week reads the same
whatever day it is read: a target was met at a moment when its latest tick before that moment
ticked it (every tick and untick is kept, core/timeline/stages.py), or when an achievement was
linked to it before that moment and was not in the journal's trash then. The placement is
stages.place over those counts (the years give the pace, never the stage, and are left out).

What the stored history cannot tell, and the rule used instead:

- removing a link deletes its row and leaves no trace: a link removed later no longer counts in
  the weeks before it either;
- an achievement keeps only its latest deletion (``deleted_at``, cleared by undelete): one in the
  trash counts as alive until the moment it was deleted, one brought back counts alive all along.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ctotui.core import clock, playbook
from ctotui.core.plural import plural
from ctotui.core.timeline.stages import Placement, place

if TYPE_CHECKING:
    from sqlite_utils import Database

    from ctotui.core.review.weekly import Week


@dataclass(frozen=True)
class MetTarget:
    id: str
    stage: str  # the stage's name
    text: str
    ticked: bool  # ticked at the week's end (else met by its evidence alone)
    evidence: tuple[str, ...]  # titles of the achievements linked to it by the week's end, oldest link first


@dataclass(frozen=True)
class StageWeek:
    before: Placement  # as the week began
    after: Placement  # as it ended
    met: tuple[MetTarget, ...]  # met by the week's end and not at its start, in the playbook's order
    next_target: str | None  # the first unmet target of the stage at the week's end (None: all met)

    @property
    def stage_name(self) -> str:
        return _names()[self.after.stage]

    @property
    def moved(self) -> bool:
        return self.after.stage_index != self.before.stage_index

    def sentence(self) -> str:
        """The week on the road in one sentence (the paragraph and the report's Stage section)."""
        if not self.after.recorded:
            return "No stage target is ticked or linked yet: tick the ones you have met."
        if self.after.stage_index > self.before.stage_index:
            return f"Your evidence moved you to {self.stage_name} this week ({self.after.targets})."
        if self.moved:
            back = _names()[self.before.stage]
            return f"Your evidence now puts you at {self.stage_name}, back from {back} ({self.after.targets})."
        met = f"{plural(len(self.met), 'stage target')} met this week" if self.met else "No stage target met this week"
        return f"{met}; you stand at {self.stage_name} ({self.after.targets})."

    def to_json(self) -> dict[str, Any]:
        def where(p: Placement) -> dict[str, Any]:
            return {"stage": p.stage, "met": p.met, "total": p.total, "recorded": p.recorded}

        return {
            "before": where(self.before),
            "after": where(self.after),
            "moved": self.moved,
            "targets_met": [
                {"id": t.id, "text": t.text, "ticked": t.ticked, "evidence": list(t.evidence)} for t in self.met
            ],
            "next_target": self.next_target,
            "sentence": self.sentence(),
        }


def _names() -> dict[str, str]:
    return {st.slug: st.name for st in playbook.load().stages}


def _met_at(db: Database, stamp: str) -> dict[str, tuple[bool, tuple[str, ...]]]:
    """Each target met before ``stamp`` (UTC ISO): whether it was ticked, and the titles of the
    achievements linked to it (the rules in the module's docstring)."""
    ticked: dict[str, bool] = {}
    for target_id, tick in db.execute(
        "select target_id, ticked from target_ticks where at < ? order by at, id", [stamp]
    ).fetchall():
        ticked[target_id] = bool(tick)  # the latest before the moment wins (core/latest.py's order)
    linked: dict[str, list[str]] = {}
    for target_id, title in db.execute(
        "select e.target_id, a.title from target_evidence e join achievements a on a.id = e.achievement_id "
        "where e.linked_at < ? and (a.deleted_at is null or a.deleted_at >= ?) order by e.linked_at, e.achievement_id",
        [stamp, stamp],
    ).fetchall():
        linked.setdefault(target_id, []).append(title)
    needed = {t.id: t.evidence_needed for st in playbook.load().stages for t in st.targets}
    # as stages.TargetState.met: ticked, or backed by as many achievements as it asks for ("at least two")
    met = {t for t, on in ticked.items() if on} | {t for t, titles in linked.items() if len(titles) >= needed.get(t, 1)}
    return {t: (ticked.get(t, False), tuple(linked.get(t, ()))) for t in met}


def _placement(met: dict[str, Any]) -> Placement:
    stages = playbook.load().stages
    return place(None, {st.slug: (sum(1 for t in st.targets if t.id in met), len(st.targets)) for st in stages})


def stage_week(db: Database, week: Week) -> StageWeek:
    """The targets met during ``week`` and the placement at its start and end (now, while it runs)."""
    low, high = week.utc_bounds()
    start, end = _met_at(db, low), _met_at(db, min(high, clock.utc_iso()))
    after = _placement(end)
    names = _names()
    met = tuple(
        MetTarget(t.id, names[st.slug], t.text, *end[t.id])
        for st in playbook.load().stages
        for t in st.targets
        if t.id in end and t.id not in start
    )
    current = next(st for st in playbook.load().stages if st.slug == after.stage)
    return StageWeek(
        before=_placement(start),
        after=after,
        met=met,
        next_target=next((t.text for t in current.targets if t.id not in end), None),
    )
