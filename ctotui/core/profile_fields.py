"""A profile field's value, from a form or the shell, checked and made clean.

Apart from core/timeline/profile.py, which reads and writes the profile, so that the
rules a stored row must meet (core/row_rules.py, read by core/settings.py)
can use these parsers without importing the profile that reads settings.
"""

from __future__ import annotations

import math
from datetime import date
from typing import Any

from ctotui.core import clock
from ctotui.core.dates import parse_day
from ctotui.core.errors import CtoError
from ctotui.core.terms import PATHS, STAGES
from ctotui.core.text import squeeze

MAX_YEARS = 60.0
MAX_ROLE = 80
MAX_NAME = 80


def parse_years(value: Any) -> float:
    try:
        years = float(str(value).strip().replace(",", "."))
    except ValueError:
        raise CtoError(f"years must be a number from 0 to {MAX_YEARS:g} (got {value!r})") from None
    if not math.isfinite(years) or years < 0 or years > MAX_YEARS:
        raise CtoError(f"years must be a number from 0 to {MAX_YEARS:g} (got {value})")
    return round(years, 2)


def one_line(value: Any, limit: int, *, what: str, empty: str) -> str:
    """Text squeezed onto one line (runs of spaces and newlines become one space), not empty, not too long."""
    text = squeeze(str(value))
    if not text:
        raise CtoError(empty)
    if len(text) > limit:
        raise CtoError(f"{what} must be at most {limit} characters (got {len(text)})")
    return text


def parse_role(value: Any) -> str:
    return one_line(value, MAX_ROLE, what="role", empty="role must not be empty")


def parse_name(value: Any) -> str:
    """Your name as the brag document is titled with it: one line, no control characters."""
    name = one_line(value, MAX_NAME, what="name", empty="name must not be empty")
    if any(ord(ch) < 32 or 0x7F <= ord(ch) <= 0x9F for ch in name):
        raise CtoError("name must not hold control characters")
    return name


def _slug(value: Any, valid: tuple[str, ...], what: str) -> str:
    slug = str(value).strip().lower()
    if slug not in valid:
        raise CtoError(f"unknown {what} {value!r} (valid: {', '.join(valid)})")
    return slug


def parse_path(value: Any) -> str:
    return _slug(value, PATHS, "path")


def parse_stage(value: Any) -> str:
    return _slug(value, STAGES, "stage")


def parse_plan_started(value: Any) -> date:
    started = parse_day(value, "plan start")
    if started.year < 1970 or (started - clock.today()).days > 366:
        raise CtoError(f"plan start must be between 1970 and a year from now (got {started.isoformat()})")
    return started
