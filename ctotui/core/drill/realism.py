"""What makes a drill question feel like the interview (issue 17): its follow-up challenge,
the scenario brief it is asked about, the category's own criteria and its outline.

Both the follow-up and the scenario ROTATE, so the same one is not always shown: the one
never shown yet comes first (in the playbook's order), otherwise the one shown longest ago.
What was shown is read back from the attempts (``attempts.follow_up`` per question,
``attempts.brief``'s scenario id across all questions), so the rotation survives a restart
and needs no state of its own; it is deterministic, which keeps tests and snapshots stable.
A question of the user's own has no follow-ups, outline or scenario: the session skips
those steps.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from ctotui.core import playbook
from ctotui.core.drill.settings import drill_settings
from ctotui.core.playbook import Criterion, InterviewQuestion, Scenario
from ctotui.core.rubric import MAX_SCORE
from ctotui.core.text import clean_line

if TYPE_CHECKING:
    from sqlite_utils import Database

BRIEF_FIELDS = ("id", "name", "stage", "team", "stack", "revenue", "constraint")
BRIEF_LABELS = {"stage": "Stage", "team": "Team", "stack": "Stack", "revenue": "Revenue", "constraint": "Constraint"}


@dataclass(frozen=True)
class QuestionPlan:
    """What one question of a session shows besides its text (read in a worker before it is asked)."""

    brief: str  # JSON of the scenario drawn ('' = not a scenario question)
    follow_up: str  # the challenge that comes after the answer ('' = none)
    follow_up_seconds: int
    timer_seconds: int

    def scenario(self) -> dict[str, str]:
        return brief_fields(self.brief)

    def draft(self, text: str, elapsed: float, ask_first: str, reply: str) -> dict[str, object] | None:
        """What a session keeps as the question's draft while it is answered (None: nothing typed
        yet): the answer and its seconds, "what I would ask first", the follow-up's reply, and
        the brief and challenge they answer, so that a draft comes back to the same ones. Any of
        them typed is a draft: "what I would ask first" alone was lost on a skip or an escape."""
        if not (text.strip() or ask_first.strip() or reply.strip()):
            return None
        payload: dict[str, object] = {"text": text, "elapsed": elapsed}
        if ask_first.strip():
            payload["ask_first"] = ask_first
        if reply.strip():
            payload |= {"follow_up_answer": reply, "follow_up": self.follow_up}
        return payload | ({"brief": self.brief} if self.brief else {})

    def as_drafted(self, payload: dict[str, object]) -> QuestionPlan:
        """This plan with the brief and challenge a draft was typed against (when it names them)."""
        brief, follow_up = payload.get("brief"), payload.get("follow_up")
        return replace(
            self,
            brief=brief if isinstance(brief, str) and brief else self.brief,
            follow_up=follow_up if isinstance(follow_up, str) and follow_up else self.follow_up,
        )


# --- the playbook's side --------------------------------------------------------------


def playbook_question(source_id: str | None) -> InterviewQuestion | None:
    """The playbook's InterviewQuestion of that id (None for a question of the user's own)."""
    if source_id is None:
        return None
    for ic in playbook.load().interview:
        for q in ic.questions:
            if q.id == source_id:
                return q
    return None


def follow_ups(source_id: str | None) -> tuple[str, ...]:
    q = playbook_question(source_id)
    return q.follow_ups if q is not None else ()


def outline(source_id: str | None) -> tuple[str, ...]:
    """The points a strong answer covers (shown only after scoring)."""
    q = playbook_question(source_id)
    return q.outline if q is not None else ()


def is_scenario(source_id: str | None) -> bool:
    q = playbook_question(source_id)
    return q is not None and q.scenario


def criteria_for(category: str) -> tuple[Criterion, ...]:
    """The category's own criteria, then the shared ones (``Playbook.criteria_for``)."""
    return playbook.load().criteria_for(category)


def scenarios() -> tuple[Scenario, ...]:
    return playbook.load().scenarios


# --- briefs and scores as stored -------------------------------------------------------


def brief_json(scenario: Scenario) -> str:
    """The JSON an attempt keeps of the scenario shown (its fields, so an edit of the content later
    does not change what was answered)."""
    return json.dumps({f: getattr(scenario, f) for f in BRIEF_FIELDS}, ensure_ascii=False)


def brief_fields(brief: str) -> dict[str, str]:
    """A stored brief's fields ({} for '' or anything unreadable: an old or damaged row still shows)."""
    try:
        parsed = json.loads(brief) if brief else {}
    except ValueError:
        return {}
    if not isinstance(parsed, dict):
        return {}
    return {str(k): clean_line(v) for k, v in parsed.items() if isinstance(v, str)}


def criteria_json(value: str) -> dict[str, int]:
    """Stored criteria scores ({} when unreadable; a value out of 0..2 is left out)."""
    try:
        parsed = json.loads(value) if value else {}
    except ValueError:
        return {}
    if not isinstance(parsed, dict):
        return {}
    return {str(k): v for k, v in parsed.items() if type(v) is int and 0 <= v <= MAX_SCORE}


# --- rotation -------------------------------------------------------------------------


def _least_recent(options: Sequence[str], shown: list[tuple[Any, str, int]]) -> str:
    """The option never shown (first in order), else the one whose last showing is oldest. ``shown``:
    (option, the attempt's time, its id) rows; by time, the id breaking a tie (a sync adds attempts
    in the order they arrive, so the id alone does not tell)."""
    last: dict[str, tuple[str, int]] = {}
    for option, at, ident in shown:
        if isinstance(option, str):
            last[option] = max(last.get(option, ("", 0)), (at, ident))
    return min(options, key=lambda o: (o in last, last.get(o, ("", 0)), options.index(o)))


def pick_follow_up(db: Database, question_id: int, source_id: str | None) -> str:
    """The follow-up challenge to show after this answer ('' when the question has none)."""
    options = follow_ups(source_id)
    if not options:
        return ""
    rows = db.execute(
        "select follow_up, created_at, id from attempts where question_id = ? and follow_up != ''", [question_id]
    ).fetchall()
    return _least_recent(options, rows)


def pick_scenario(db: Database, source_id: str | None) -> Scenario | None:
    """The scenario brief a scenario question is asked about (None for other questions)."""
    pool = scenarios()
    if not pool or not is_scenario(source_id):
        return None
    rows = db.execute(
        "select json_extract(brief, '$.id'), created_at, id from attempts where brief != '' and json_valid(brief)"
    ).fetchall()
    ids = [s.id for s in pool]
    chosen = _least_recent(ids, rows)
    return pool[ids.index(chosen)]


def plan_question(db: Database, question_id: int, source_id: str | None, category: str) -> QuestionPlan:
    """The brief, follow-up and timers of one question about to be asked."""
    settings = drill_settings(db)
    scenario = pick_scenario(db, source_id)
    return QuestionPlan(
        brief=brief_json(scenario) if scenario is not None else "",
        follow_up=pick_follow_up(db, question_id, source_id),
        follow_up_seconds=settings.follow_up_seconds,
        timer_seconds=settings.timer_seconds[category],
    )
