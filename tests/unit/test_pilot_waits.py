"""The tests wait on conditions, never on the clock or on the CPU resting in 20 ms steps.

``pilot.press`` waits twice after each key for the process's CPU to rest, and ``pilot.pause()``
with no delay once, in steps of 20 ms: that was over a third of the app tests' time. The
tests press keys with ``pilot_tools.press`` and wait with ``pilot_tools.at_rest`` (the same
rest, looked for in 2 ms steps, then the screen drawn) or ``wait_for`` (a condition).
Nothing sleeps for a fixed time: ``time.sleep`` and ``asyncio.sleep`` belong to
``pilot_tools.py`` alone, where they are the polling steps of those waits.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parents[1]
WAITS = TESTS / "pilot_tools.py"


def slow_waits(source: str) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
            continue
        func, owner = node.func, ast.unparse(node.func.value)
        if func.attr == "press" and owner.endswith("pilot"):
            found.append(f"line {node.lineno}: {owner}.press (use pilot_tools.press)")
        elif func.attr == "pause" and owner.endswith("pilot") and not node.args and not node.keywords:
            found.append(f"line {node.lineno}: {owner}.pause() (use pilot_tools.at_rest or wait_for)")
        elif func.attr == "sleep" and owner in {"time", "asyncio"}:
            found.append(f"line {node.lineno}: {owner}.sleep (wait on a condition)")
    return found


def test_the_tests_wait_on_conditions() -> None:
    found = [
        f"{path.relative_to(TESTS)}: {finding}"
        for path in sorted(TESTS.rglob("*.py"))
        if path != WAITS
        for finding in slow_waits(path.read_text(encoding="utf-8"))
    ]
    assert not found, "\n".join(found)


@pytest.mark.parametrize(
    "source",
    [
        "async def t(pilot):\n    await pilot.press('j')\n",
        "async def t(self):\n    await self.pilot.press('j')\n",
        "async def t(pilot):\n    await pilot.pause()\n",
        "import time\ntime.sleep(0.1)\n",
        "import asyncio\nasync def t():\n    await asyncio.sleep(0.1)\n",
    ],
)
def test_a_slow_wait_is_found(source: str) -> None:
    assert slow_waits(source)


def test_what_waits_on_a_condition_is_not() -> None:
    source = "async def t(pilot):\n    await press(pilot, 'j')\n    await pilot.pause(0)\n    await at_rest(pilot)\n"
    assert slow_waits(source) == []
