"""Sparklines: one block mark per value, as plain text.

The one place a row of values becomes marks: the CLI prints the text as it
is, the screens colour it (``skills_views.spark``). An area fixes its own
scale and marks: the drill's weekly scores run 0 to 12 over eight blocks,
a skill's levels 1 to 5 over five.
"""

from __future__ import annotations

from collections.abc import Iterable

BLOCKS = " ▁▂▃▄▅▆▇█"  # index 0: nothing (a zero, or no value at that point)


def sparkline(values: Iterable[float | None], top: float, marks: str = BLOCKS) -> str:
    """One mark per value: 0 or None → ``marks[0]``, ``top`` → the last mark, in between by rounding."""
    steps = len(marks) - 1
    return "".join(marks[round(max(0.0, min(value or 0.0, top)) / top * steps)] for value in values)
