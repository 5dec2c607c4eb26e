"""This week: what to do next, computed from the user's own data by rules.

``this_week(db)`` runs every rule in ``RULES`` (the order there *is* the
priority order, most urgent first; each rule lists its items, the most useful
first), takes each rule's first item that is not snoozed (a snoozed item gives
way to the next one of its rule), keeps at most one action per rule and per
item, and returns the first ``MAX_ACTIONS`` (5).

The rules and their priority order live in core/coach/rules.py.

Snoozing (``snooze(db, "rule:item")``) hides one action for ``SNOOZE_DAYS`` (7)
days, counted from the day it was snoozed: hidden on days 0–6, back on day 7.
Only an action the list would show today (the cap aside) can be snoozed;
``unsnooze`` brings one back, or all. Snoozes live in the settings table under
``SNOOZE_KEY`` (core/coach/snoozes.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from ctotui.core import clock
from ctotui.core.coach import snoozes
from ctotui.core.coach.rules import CHECK_KINDS, LATEST_ACHIEVEMENTS, NEW_WITH_SKILL, RULE_NAMES, RULES
from ctotui.core.coach.snoozes import SNOOZE_DAYS, SNOOZE_KEY
from ctotui.core.errors import CtoError
from ctotui.core.text import clean_line

if TYPE_CHECKING:
    from sqlite_utils import Database

MAX_ACTIONS = 5
ITEM_MAX = 100

# area: the app mode whose screen does the action; key: the key that opens it
AREA_KEYS = {
    "journal": "j",
    "skills": "s",
    "drill": "i",
    "timeline": "t",
    "review": "w",
    "people": "g",
    "playbook": "p",
}
__all__ = [  # kept here for the callers that name them through this module
    "CHECK_KINDS",
    "LATEST_ACHIEVEMENTS",
    "NEW_WITH_SKILL",
    "RULES",
    "RULE_NAMES",
    "SNOOZE_DAYS",
    "SNOOZE_KEY",
]


@dataclass(frozen=True)
class Action:
    rule: str
    text: str  # what to do, one line
    reason: str  # why, one line
    area: str  # the mode whose screen does it
    item: str  # what it is about (a skill slug, an achievement id, a target id...)
    priority: int  # the rule's place in RULES (1 = most urgent)
    opens: str = ""  # what the area's screen opens on, when that is not ``item`` (see ``target``)

    @property
    def ref(self) -> str:
        """How ``--snooze`` names it: ``rule:item``."""
        return f"{self.rule}:{self.item}"

    @property
    def target(self) -> str:
        """The item the area's screen opens on (AreaScreen.open_item): ``opens`` or else ``item``."""
        return self.opens or self.item

    @property
    def key(self) -> str:
        return AREA_KEYS.get(self.area, "h")

    @property
    def opens_a_form(self) -> bool:
        """Whether the area's screen opens a form on ``target``: the journal's new-entry form
        ("new", "new:SKILL"), the timeline's profile. Home holds the keys typed after its key for
        this action until the form is ready (ui/widgets/format_keys.py, ``FORM_COMES_LATER``)."""
        target = self.target
        if self.area == "journal":
            return target == "new" or target.startswith(NEW_WITH_SKILL)
        return self.area == "timeline" and target == "profile"

    def to_json(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "text": self.text,
            "reason": self.reason,
            "area": self.area,
            "item": self.item,
            "priority": self.priority,
        }


@dataclass(frozen=True)
class Coach:
    actions: tuple[Action, ...]
    snoozed: int  # actions hidden by a snooze today


# --- snoozing ----------------------------------------------------------------------


def parse_ref(ref: str) -> tuple[str, str]:
    """``rule:item`` → (rule, item); the item may hold colons itself."""
    rule, sep, item = clean_line(str(ref)).partition(":")
    if rule not in RULE_NAMES:
        raise CtoError(f"unknown rule {rule!r} (valid: {', '.join(RULE_NAMES)})")
    if not sep or not item or len(item) > ITEM_MAX:
        raise CtoError(f"name the action as RULE:ITEM, e.g. {RULE_NAMES[0]}:profile (see `ctotui next --json`)")
    return rule, item


def snooze(db: Database, ref: str, today: date | None = None) -> str:
    """Hide the action ``rule:item`` for a week; returns its canonical ref. Only an action the list
    would show today (the 5-action cap aside) may be snoozed: anything else is refused, nothing written."""
    rule, item = parse_ref(ref)
    today = today or clock.today()
    ref = f"{rule}:{item}"
    if ref not in {a.ref for a in uncapped(db, today)}:
        held = next((s for s in snoozes.live(db, today) if s.ref == ref), None)
        if held is not None:
            raise CtoError(f"{ref} is already snoozed: back on {held.back.isoformat()}")
        raise CtoError(f"{ref} is not among this week's actions now (see `ctotui next --json`)")
    snoozes.add(db, ref, today)
    return ref


def unsnooze(db: Database, ref: str, today: date | None = None) -> list[str]:
    """Bring back the snoozed action ``ref``, or every one (``"all"``); returns the refs brought back."""
    return snoozes.remove(db, ref, today or clock.today())


def unsnooze_last(db: Database, today: date | None = None) -> str:
    """Bring back the action snoozed last (the undo of a snooze); returns its ref."""
    return snoozes.remove_last(db, today or clock.today())


def snoozed_actions(db: Database, today: date | None = None) -> list[tuple[snoozes.Snooze, str]]:
    """The snoozes hiding an action today, in the order they were snoozed, each with the action's
    text ("" when its item is no longer an action: a plan item done, a follow-up logged)."""
    today = today or clock.today()
    held = snoozes.live(db, today)
    refs = {s.ref for s in held}
    texts: dict[str, str] = {}
    if refs:
        for rule, fn in RULES:
            texts |= {f"{rule}:{f.item}": f.text for f in fn(db, today) if f"{rule}:{f.item}" in refs}
    return [(s, texts.get(s.ref, "")) for s in held]


# --- the list ------------------------------------------------------------------------


def next_target(db: Database, targets: Any, today: date | None = None) -> Any:
    """Of ``targets`` (the current stage's TargetStates), the one Home's timeline card names: the
    first unmet one that is not snoozed, as "Work toward" in the list picks it, else the first
    unmet one (all of them snoozed); None when every target is met."""
    hidden = {s.ref for s in snoozes.live(db, today or clock.today())}
    unmet = [x for x in targets if not x.met]
    return next((x for x in unmet if f"next-target:target:{x.id}" not in hidden), unmet[0] if unmet else None)


def _pick(db: Database, today: date, limit: int | None) -> tuple[list[Action], int]:
    """Each rule's first item that is not snoozed and not already opened by an earlier action,
    in priority order, until ``limit`` actions; and how many snoozed items were passed over."""
    hidden = {s.ref for s in snoozes.live(db, today)}
    actions: list[Action] = []
    opened: set[tuple[str, str]] = set()
    passed = 0
    for priority, (rule, fn) in enumerate(RULES, start=1):
        if limit is not None and len(actions) >= limit:
            break
        for found in fn(db, today):
            if f"{rule}:{found.item}" in hidden:
                passed += 1
                continue
            action = Action(rule, found.text, found.reason, found.area, found.item, priority, found.opens)
            if (action.area, action.target) in opened:
                continue
            opened.add((action.area, action.target))
            actions.append(action)
            break
    return actions, passed


def uncapped(db: Database, today: date | None = None) -> list[Action]:
    """The list without its MAX_ACTIONS cap: every action the user could snooze today."""
    return _pick(db, today or clock.today(), limit=None)[0]


def this_week(db: Database, today: date | None = None) -> Coach:
    """At most MAX_ACTIONS actions, most urgent first, one per rule and per item, snoozed ones left out:
    a rule whose first item is snoozed shows its next one."""
    actions, passed = _pick(db, today or clock.today(), MAX_ACTIONS)
    return Coach(tuple(actions), passed)
