"""The one place that asks what time it is.

Times are stored in UTC and shown in local time. ``CTOTUI_NOW`` (an ISO
timestamp) freezes the clock for tests and screenshots; users never set it.
"""

from __future__ import annotations

import os
from datetime import UTC, date, datetime


def now() -> datetime:
    """The current time, timezone-aware, in UTC."""
    frozen = os.environ.get("CTOTUI_NOW")
    if frozen:
        value = datetime.fromisoformat(frozen)
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value.astimezone(UTC)
    return datetime.now(UTC)


def today() -> date:
    """Today's date where the user is."""
    return now().astimezone().date()


def utc_iso(moment: datetime | None = None) -> str:
    """A UTC timestamp as stored in the database (sortable text)."""
    moment = moment or now()
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def local(stored: str) -> datetime:
    """A stored UTC timestamp in local time, for display."""
    return datetime.fromisoformat(stored).astimezone()
