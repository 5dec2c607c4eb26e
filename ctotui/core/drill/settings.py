"""The interview drill's settings: questions a session asks, each category's timer, the follow-up's countdown."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ctotui.core import playbook
from ctotui.core.errors import CtoError
from ctotui.core.settings import get_setting, set_setting
from ctotui.core.terms import INTERVIEW_CATEGORIES

if TYPE_CHECKING:
    from sqlite_utils import Database

SESSION_SIZE_DEFAULT = 5
SESSION_SIZE_RANGE = (1, 20)
TIMER_RANGE = (15, 1800)
SIZE_KEY = "drill.session_size"
TIMER_KEY = "drill.timer_seconds"  # {category: seconds}
FOLLOW_UP_KEY = "drill.follow_up_seconds"
FOLLOW_UP_DEFAULT = 60  # the follow-up challenge's countdown
FOLLOW_UP_RANGE = (15, 600)


@dataclass(frozen=True)
class DrillSettings:
    session_size: int
    timer_seconds: dict[str, int]
    follow_up_seconds: int = FOLLOW_UP_DEFAULT


def check_category(category: str) -> str:
    if category not in INTERVIEW_CATEGORIES:
        raise CtoError(f"unknown category {category!r} (valid: {', '.join(INTERVIEW_CATEGORIES)})")
    return category


def drill_settings(db: Database) -> DrillSettings:
    size = get_setting(db, SIZE_KEY, SESSION_SIZE_DEFAULT)
    saved = get_setting(db, TIMER_KEY, {}) or {}
    pb = playbook.load()
    timers = {ic.slug: int(saved.get(ic.slug, ic.timer_seconds)) for ic in pb.interview}
    follow_up = get_setting(db, FOLLOW_UP_KEY, FOLLOW_UP_DEFAULT)
    return DrillSettings(int(size), timers, int(follow_up))


def timer_seconds(db: Database, category: str) -> int:
    return drill_settings(db).timer_seconds[check_category(category)]


def _in_range(value: object, bounds: tuple[int, int], what: str) -> int:
    low, high = bounds
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise CtoError(f"{what} must be a whole number from {low} to {high}, not {value!r}")
    return value


def set_session_size(db: Database, size: int) -> None:
    set_setting(db, SIZE_KEY, _in_range(size, SESSION_SIZE_RANGE, "the session size"))


def set_timer_seconds(db: Database, category: str, seconds: int) -> None:
    check_category(category)
    seconds = _in_range(seconds, TIMER_RANGE, "the timer (seconds)")
    with db.atomic():
        saved = dict(get_setting(db, TIMER_KEY, {}) or {})
        saved[category] = seconds
        set_setting(db, TIMER_KEY, saved)


def set_follow_up_seconds(db: Database, seconds: int) -> None:
    set_setting(db, FOLLOW_UP_KEY, _in_range(seconds, FOLLOW_UP_RANGE, "the follow-up timer (seconds)"))
