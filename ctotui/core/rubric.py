"""The rubric an answer is scored on, what a score means to the scheduler,
and how ready a category is.

Three small pure functions hold the drill's judgement; each is documented
here and tested at every boundary (tests/unit/test_drill_rubric.py).

Scores → fsrs Rating (``rating_for``)
    Each of the six criteria of ``pb.rubric`` is scored 0, 1 or 2, so the
    total runs 0–12. The total gives the rating first:

    ======  =======  ==============================================
    total   rating   meaning
    ======  =======  ==============================================
    0–4     Again    not yet an answer to give; bring it back soon
    5–7     Hard     the bones are there, the case or the trade-offs are not
    8–10    Good     an answer to give tomorrow
    11–12   Easy     a strong answer; space it out
    ======  =======  ==============================================

    Each category also has its own criteria (``Playbook.criteria_for``: the
    category's signals plus the shared "improvement plan"), scored 0, 1 or 2
    too. Their sum, out of ``2 × n``, gives a second rating on the same scale
    as the general total: a share of the maximum reaching ``lowest / 12``
    earns the rating (Easy from 11/12, Good from 8/12, Hard from 5/12), in
    whole numbers ``12 × category >= lowest × category_max``. With four or
    five category criteria:

    ===============  ================  =======
    of 8 (4 crit.)   of 10 (5 crit.)   rating
    ===============  ================  =======
    0–3              0–4               Again
    4–5              5–6               Hard
    6–7              7–9               Good
    8                10                Easy
    ===============  ================  =======

    The answer gets the LOWER of the two ratings: the general criteria judge
    how it is told, the category's criteria what this interviewer listens
    for, and an answer is only ready when both are (a polished story that
    never asks about the system is not a good own-the-stack answer). An
    attempt with no category criteria (``category_max`` 0, as before issue
    17) is rated on the general total alone.

    Then the timer caps it, because an answer that needed extra time was not
    easy to give: over the limit (``seconds > limit``) the rating is at most
    Good; at twice the limit or more (``seconds >= 2 * limit``) at most Hard.
    The timer never raises a rating. (Overtime is also judged by the
    "concision" criterion; the cap makes sure a long answer is not scheduled
    as if it came easily.) The seconds themselves become the review's
    ``review_duration`` (in milliseconds, as fsrs counts it).

Readiness (``readiness``), 0–100, per interview category
    ``100 × C × (0.6·S + 0.4·R)``, rounded, where

    * C, coverage: the questions practised at least once, divided by
      ``COVERAGE_TARGET`` (6), capped at 1. It multiplies the rest because
      one polished answer is not readiness for a whole category;
    * S, recent scores: the mean of the last ``RECENT_ATTEMPTS`` (5) totals in
      the category, divided by 12 (0 with no attempt);
    * R, memory: the mean fsrs retrievability, now, of the category's
      questions practised at least once (0 with none): how likely each
      answer still comes back today. It falls as questions become overdue.

    No practice gives 0; one perfect answer just given gives 17; six or more
    questions practised, the last five answers 12/12 and just reviewed,
    give 100.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import IntEnum

from ctotui.core.errors import CtoError
from ctotui.core.terms import RUBRIC

MAX_SCORE = 2
MAX_TOTAL = MAX_SCORE * len(RUBRIC)  # 12
RECENT_ATTEMPTS = 5
COVERAGE_TARGET = 6
WEIGHTS = (0.6, 0.4)  # recent scores, retrievability (coverage multiplies both)
LEECH_LAPSES = 3  # a question forgotten this often is a weak spot (Anki's "leech")


class Rating(IntEnum):
    """The four fsrs ratings (same values as ``fsrs.Rating``, without importing fsrs)."""

    Again = 1
    Hard = 2
    Good = 3
    Easy = 4


# The lowest total that earns each rating, best first.
THRESHOLDS: tuple[tuple[int, Rating], ...] = ((11, Rating.Easy), (8, Rating.Good), (5, Rating.Hard), (0, Rating.Again))


@dataclass(frozen=True)
class Scores:
    """One answer's rubric scores, criterion id → 0, 1 or 2 (all six present)."""

    values: tuple[tuple[str, int], ...]

    @classmethod
    def of(cls, scores: Mapping[str, int]) -> Scores:
        return cls(tuple((c, check_scores(scores)[c]) for c in RUBRIC))

    @property
    def total(self) -> int:
        return sum(v for _, v in self.values)

    def as_dict(self) -> dict[str, int]:
        return dict(self.values)


def check_scores(scores: Mapping[str, int]) -> dict[str, int]:
    """Every criterion once, each 0, 1 or 2; otherwise a CtoError naming what is off."""
    missing = [c for c in RUBRIC if c not in scores]
    unknown = sorted(set(scores) - set(RUBRIC))
    if unknown:
        raise CtoError(f"unknown rubric criterion {unknown[0]!r} (valid: {', '.join(RUBRIC)})")
    if missing:
        raise CtoError(f"score every criterion: {', '.join(missing)} not scored yet")
    for c in RUBRIC:
        value = scores[c]
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_SCORE:
            raise CtoError(f"the score for {c} must be 0, 1 or 2, not {value!r}")
    return {c: scores[c] for c in RUBRIC}


def rating_from_total(total: int) -> Rating:
    if not 0 <= total <= MAX_TOTAL:
        raise CtoError(f"a rubric total runs from 0 to {MAX_TOTAL}, not {total}")
    for lowest, rating in THRESHOLDS:
        if total >= lowest:
            return rating
    raise AssertionError("unreachable")  # pragma: no cover


def overtime_cap(seconds: int, limit: int) -> Rating:
    """The best rating an answer of ``seconds`` may get with a limit of ``limit``."""
    if limit <= 0:
        raise CtoError("the time limit must be positive")
    if seconds >= 2 * limit:
        return Rating.Hard
    if seconds > limit:
        return Rating.Good
    return Rating.Easy


def category_rating(total: int, maximum: int) -> Rating:
    """The rating of the category criteria's ``total`` out of ``maximum`` (see the module's docstring)."""
    if maximum <= 0 or maximum % MAX_SCORE:
        raise CtoError(f"the category criteria's maximum must be a positive even number, not {maximum}")
    if not 0 <= total <= maximum:
        raise CtoError(f"a category criteria total runs from 0 to {maximum}, not {total}")
    for lowest, rating in THRESHOLDS:
        if MAX_TOTAL * total >= lowest * maximum:
            return rating
    raise AssertionError("unreachable")  # pragma: no cover


def rating_for(total: int, seconds: int, limit: int, category_total: int = 0, category_max: int = 0) -> Rating:
    """The fsrs rating for a rubric total (and the category criteria's total out of
    ``category_max``; 0 = none scored) answered in ``seconds`` against ``limit``."""
    if seconds < 0:
        raise CtoError("the seconds spent cannot be negative")
    rating = rating_from_total(total)
    if category_max:
        rating = min(rating, category_rating(category_total, category_max))
    return Rating(min(rating, overtime_cap(seconds, limit)))


def check_criteria_scores(scores: Mapping[str, int], ids: Sequence[str]) -> dict[str, int]:
    """The category criteria's scores: every id of ``ids`` once, each 0, 1 or 2, in ``ids``' order.

    An empty ``scores`` with ``ids`` is an error; with no ``ids`` (a category without its own
    criteria) only an empty ``scores`` is valid.
    """
    unknown = sorted(set(scores) - set(ids))
    if unknown:
        raise CtoError(f"unknown criterion {unknown[0]!r} (valid: {', '.join(ids) or 'none'})")
    missing = [c for c in ids if c not in scores]
    if missing:
        raise CtoError(f"score every criterion: {', '.join(missing)} not scored yet")
    for c in ids:
        value = scores[c]
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_SCORE:
            raise CtoError(f"the score for {c} must be 0, 1 or 2, not {value!r}")
    return {c: scores[c] for c in ids}


def readiness(recent_totals: Sequence[int], retrievabilities: Sequence[float], practised: int) -> int:
    """Readiness 0–100 of one category (see the module's docstring)."""
    recent = list(recent_totals)[:RECENT_ATTEMPTS]
    s = sum(recent) / (len(recent) * MAX_TOTAL) if recent else 0.0
    r = sum(retrievabilities) / len(retrievabilities) if retrievabilities else 0.0
    c = min(1.0, practised / COVERAGE_TARGET)
    ws, wr = WEIGHTS
    return round(100 * c * (ws * s + wr * r))
