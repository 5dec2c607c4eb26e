"""A hybrid logical clock: wall time in milliseconds and a counter.

A clock time is text that sorts in time order, ``"<ms, 15 digits>.<counter, 6 digits>"``;
with the device id it names one moment of one device, and ``(hlc, device)``
orders any two records. ``tick`` never goes backwards (a wall clock set back
only moves the counter) and ``seen`` moves the clock past every time received,
so a change made after seeing another device's change is always later than it.

A clock time more than ``MAX_AHEAD_MS`` (a day) ahead of this machine's wall clock
is not believed (as CockroachDB's max-offset): a record carrying one is refused
(admit.py), so it never moves this clock, and a clock stored that far ahead (by
a version without this check) is brought back to the bound when it is loaded.
The clock then stays within a day of the wall clock and never outgrows the
15 digits of the format.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ctotui.core import clock

PATTERN = re.compile(r"^\d{15}\.\d{6}$")
MAX_COUNTER = 999_999
MAX_AHEAD_MS = 24 * 60 * 60 * 1000  # a day: time zones and a badly set clock, not a clock years ahead


@dataclass(frozen=True, order=True)
class Hlc:
    millis: int
    counter: int

    def __str__(self) -> str:
        return f"{self.millis:015d}.{self.counter:06d}"

    @classmethod
    def parse(cls, text: str) -> Hlc:
        if not isinstance(text, str) or not PATTERN.match(text):
            raise ValueError(f"not a clock time: {text!r}")
        millis, counter = text.split(".")
        return cls(int(millis), int(counter))


ZERO = Hlc(0, 0)


def wall_millis() -> int:
    return int(clock.now().timestamp() * 1000)


def ahead_limit() -> Hlc:
    """The latest clock time believed now: the wall clock plus ``MAX_AHEAD_MS``."""
    return Hlc(wall_millis() + MAX_AHEAD_MS, MAX_COUNTER)


def too_far_ahead(time: Hlc) -> bool:
    return time > ahead_limit()


def restrained(time: Hlc) -> Hlc:
    """``time``, or the bound when it is too far ahead (see the module's note)."""
    return min(time, ahead_limit())


def tick(last: Hlc, made: int | None = None) -> Hlc:
    """The next time of this device's clock after ``last``, for a change made now (or at
    ``made``, in milliseconds: a change noted earlier and sent now keeps its own time)."""
    wall = wall_millis() if made is None else made
    if wall > last.millis:
        return Hlc(wall, 0)
    if last.counter >= MAX_COUNTER:
        return Hlc(last.millis + 1, 0)
    return Hlc(last.millis, last.counter + 1)


def seen(last: Hlc, remote: Hlc) -> Hlc:
    """The clock after receiving ``remote``: never behind it."""
    return max(last, remote)
