"""Where the coach's snoozes are kept: the settings table, under ``SNOOZE_KEY``, as
``{"rule:item": "YYYY-MM-DD snoozed on"}`` in the order they were snoozed.

A snooze hides its action for ``SNOOZE_DAYS`` (7) days counted from the day it was
snoozed: hidden on days 0–6, back on day 7. Which refs may be snoozed is the list's
business (core/coach/actions.py's ``snooze``); this module only stores, reads and removes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from ctotui.core.errors import CtoError
from ctotui.core.settings import get_setting, set_setting
from ctotui.core.text import clean_line

if TYPE_CHECKING:
    from sqlite_utils import Database

SNOOZE_DAYS = 7
SNOOZE_KEY = "coach.snoozed"
ALL = "all"  # ``unsnooze(db, "all")`` brings every snoozed action back


@dataclass(frozen=True)
class Snooze:
    ref: str  # rule:item
    on: date  # the day it was snoozed

    @property
    def back(self) -> date:
        """The first day the action shows again."""
        return self.on + timedelta(days=SNOOZE_DAYS)


def _stored(db: Database) -> dict[str, str]:
    value = get_setting(db, SNOOZE_KEY, {})
    if not isinstance(value, dict):  # written around ctotui: no snoozes rather than a fault
        return {}
    return {k: v for k, v in value.items() if isinstance(k, str) and isinstance(v, str)}


def snoozed(on: str, today: date) -> bool:
    """Still hidden: fewer than SNOOZE_DAYS days since it was snoozed."""
    try:
        day = date.fromisoformat(on)
    except ValueError:
        return False
    return 0 <= (today - day).days < SNOOZE_DAYS


def live(db: Database, today: date) -> list[Snooze]:
    """The snoozes still hiding their action today, in the order they were snoozed (the last one last)."""
    return [Snooze(ref, date.fromisoformat(on)) for ref, on in _stored(db).items() if snoozed(on, today)]


def add(db: Database, ref: str, today: date) -> None:
    """Store ``ref`` as snoozed today, after the ones still live (the expired ones are dropped)."""
    kept = {s.ref: s.on.isoformat() for s in live(db, today) if s.ref != ref}
    kept[ref] = today.isoformat()
    set_setting(db, SNOOZE_KEY, kept)


def remove_last(db: Database, today: date) -> str:
    """Bring back the action snoozed last (Home's u: the undo of z); returns its ref."""
    now = live(db, today)
    if not now:
        raise CtoError("nothing is snoozed")
    return remove(db, now[-1].ref, today)[0]


def remove(db: Database, ref: str, today: date) -> list[str]:
    """Bring back the snoozed action ``ref`` (or every one: ``ALL``); returns the refs brought back.
    A ref that is not snoozed now is refused and nothing is written."""
    ref = clean_line(str(ref))
    now = live(db, today)
    gone = [s.ref for s in now] if ref == ALL else [s.ref for s in now if s.ref == ref]
    if not gone:
        raise CtoError("nothing is snoozed" if ref == ALL or not now else f"{ref!r} is not snoozed")
    set_setting(db, SNOOZE_KEY, {s.ref: s.on.isoformat() for s in now if s.ref not in gone})
    return gone
