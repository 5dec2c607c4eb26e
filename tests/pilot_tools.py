"""Helpers for Pilot tests: wait on conditions (never on the clock), read the screen."""

from __future__ import annotations

from collections.abc import Callable


async def wait_for(pilot, condition: Callable[[], object], tries: int = 250) -> None:
    """Let the app run until ``condition()`` holds.

    The first checks only let pending messages through; later ones give timers
    (debounces) a few milliseconds each. It returns as soon as the condition
    holds and fails after ``tries`` checks (about 5 s), so it never waits for
    a fixed time and never hangs.
    """
    for attempt in range(tries):
        if condition():
            return
        await pilot.pause(None if attempt < 10 else 0.02)
    raise AssertionError(f"condition not met after {tries} checks: {getattr(condition, '__name__', condition)}")


def screen_text(app) -> str:
    """Everything on the screen as plain text, one line per terminal row."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


async def db_ready(pilot) -> None:
    """Wait until the app has opened its database and the screen has loaded from it."""
    await pilot.app.workers.wait_for_complete()
    await wait_for(pilot, lambda: pilot.app.db_ready)
    await pilot.pause()
