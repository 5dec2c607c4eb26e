"""The user's profile as the timeline reads it: years, role, path, aim, plan start.

Values live in the foundation's append-only ``profile`` table (core/settings.py);
this module validates them before anything is written (with the parsers of
core/profile_fields.py) and reads them back as a frozen ``Profile``. Years of
experience count on from the day they were set: a profile saying 5.5 years set
a year ago reads as 6.5 years today.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from ctotui.core import clock
from ctotui.core.errors import CtoError, check_unchanged
from ctotui.core.plural import noun
from ctotui.core.profile_fields import (
    parse_name,
    parse_path,
    parse_plan_started,
    parse_role,
    parse_stage,
    parse_years,
)
from ctotui.core.settings import get_profile, get_setting, profile_history, set_profile, set_setting
from ctotui.core.text import squeeze

if TYPE_CHECKING:
    from sqlite_utils import Database

FIELDS = ("name", "years", "role", "path", "aim", "plan_started")
CTO_TITLE = re.compile(r"(?<![\w-])(?:cto|chief technology officer)(?![\w-])", re.IGNORECASE)
NOT_HELD = re.compile(
    r"\b(?:aspiring|future|would-be|deputy|vice|assistant|associate|former|previous|ex|office of|"
    r"aim\w*|want\w*|toward\w*|to become|way to|path to|growing into|next)\b",
    re.IGNORECASE,
)
DAYS_PER_YEAR = 365.25
WELCOME_SKIPPED = "welcome.skipped"  # setting: the user skipped or answered the first-run welcome


@dataclass(frozen=True)
class Profile:
    years_set: float | None  # as the user gave it, on years_set_at
    years_set_at: str | None  # UTC ISO
    role: str | None
    path: str | None
    aim: str | None
    plan_started: date | None
    name: str | None = None
    years: float | None = None  # years_set plus the time since it was set

    @property
    def holds_cto_title(self) -> bool:
        """The role names the CTO title as held ("CTO", "Co-founder & CTO", "Chief Technology Officer
        at Acme"), not aimed at or left ("aspiring CTO", "Deputy CTO", "ex-CTO", "on the way to CTO")."""
        role = self.role or ""
        return bool(CTO_TITLE.search(role)) and not NOT_HELD.search(role)

    @property
    def beyond_the_stages(self) -> str:
        """What follows the playbook's last stage: the CTO seat, or, in it already, growing there."""
        return "growing in the CTO seat you hold" if self.holds_cto_title else "the CTO seat itself"

    @property
    def empty(self) -> bool:
        """No years of experience yet (they are optional: they give the pace, not the stage)."""
        return self.years_set is None


_PARSERS = {
    "name": parse_name,
    "years": parse_years,
    "role": parse_role,
    "path": parse_path,
    "aim": parse_stage,
    "plan_started": lambda v: parse_plan_started(v).isoformat(),
}


# --- reading and writing ----------------------------------------------------


def years_now(years: float, set_at: str, today: date | None = None) -> float:
    """``years`` as given on ``set_at`` (UTC ISO), counted on to ``today``."""
    today = today or clock.today()
    since = datetime.fromisoformat(set_at).astimezone().date()
    return round(years + max(0, (today - since).days) / DAYS_PER_YEAR, 2)


def _shown(value: Any) -> Any:
    """A stored text value without control characters (rows stored before the cleaning rule too)."""
    return squeeze(value) if isinstance(value, str) else value


def load(db: Database) -> Profile:
    raw = get_profile(db)
    years = raw.get("years")
    years_at = profile_history(db, "years")[-1][1] if years is not None else None
    started = raw.get("plan_started")
    return Profile(
        years_set=float(years) if years is not None else None,
        years_set_at=years_at,
        role=_shown(raw.get("role")),
        path=raw.get("path"),
        aim=raw.get("aim"),
        plan_started=date.fromisoformat(started) if started else None,
        name=_shown(raw.get("name")),
        years=years_now(float(years), years_at) if years is not None and years_at else None,
    )


def update(db: Database, *, expected: Profile | None = None, clear: Collection[str] = (), **fields: Any) -> Profile:
    """Validate every given field (None = leave as is), then write them together; the fields
    named in ``clear`` are emptied (their history keeps what they held).

    ``expected`` (the profile as the editor read it) makes it a compare-and-set:
    Conflict, with the profile as it is now, if it changed since."""
    unknown = sorted((set(fields) | set(clear)) - set(FIELDS))
    if unknown:
        raise CtoError(
            f"unknown profile {noun(len(unknown), 'field')} {', '.join(unknown)} (valid: {', '.join(FIELDS)})"
        )
    clean = {name: _PARSERS[name](value) for name, value in fields.items() if value is not None}
    clean.update(dict.fromkeys(clear))  # stored as null: the field is empty again
    with db.atomic():
        check_unchanged("your profile", expected, load(db))
        if clean:
            set_profile(db, **clean)
    return load(db)


def set_path(db: Database, slug: str) -> str:
    """Record the path the user is on (its history is kept); return the slug."""
    slug = parse_path(slug)
    set_profile(db, path=slug)
    return slug


def path_history(db: Database) -> list[tuple[str | None, str]]:
    """Every path the user has been on, oldest first, with when it was set (UTC ISO)."""
    return [(value, at) for value, at in profile_history(db, "path")]


def history(db: Database, field: str) -> list[tuple[Any, str]]:
    if field not in FIELDS:
        raise CtoError(f"unknown profile field {field!r} (valid: {', '.join(FIELDS)})")
    return profile_history(db, field)


# --- the first-run welcome ----------------------------------------------------


def needs_welcome(db: Database) -> bool:
    """Ask for the profile on start: it has no years yet and the user has not skipped or answered
    the welcome."""
    return load(db).empty and not get_setting(db, WELCOME_SKIPPED, False)


def end_welcome(db: Database) -> None:
    """Remember that the user skipped or answered the welcome, so it does not ask again on every
    start (answered without years, the profile still has none: they are optional)."""
    set_setting(db, WELCOME_SKIPPED, True)
