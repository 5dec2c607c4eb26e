"""Helpers for Pilot tests: wait on conditions (never on the clock), read the screen."""

from __future__ import annotations

from collections.abc import Callable

from rich.style import Style
from textual.worker import WorkerCancelled, WorkerState


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


async def settle(pilot, rounds: int = 20) -> None:
    """Wait until the app's thread workers (screens and dialogs read in them) have all
    finished and put what they read on screen, including reads those results started."""
    for _ in range(rounds):
        try:
            await pilot.app.workers.wait_for_complete()
        except WorkerCancelled:  # a dialog closed (or a screen went) before its read was done
            pass
        await pilot.pause()
        if not any(worker.is_running or worker.state == WorkerState.PENDING for worker in pilot.app.workers):
            return
    raise AssertionError(f"workers still running after {rounds} rounds")


async def db_ready(pilot) -> None:
    """Wait until the app has opened its database and the screen has loaded from it
    (screens read in thread workers: wait for those started once the database opened)."""
    await settle(pilot)
    await wait_for(pilot, lambda: pilot.app.db_ready)
    await settle(pilot)


def screen_cells(screen):
    """Every cell of ``screen`` as ``(x, y, character, rich Style, widget)``, read through public API:
    the widget under each point (``Screen.get_widget_at``) and its rendered line (``Widget.render_lines``)."""
    from textual.errors import NoWidget
    from textual.geometry import Region

    width, height = screen.size
    for y in range(height):
        x = 0
        while x < width:
            try:
                widget, region = screen.get_widget_at(x, y)
            except NoWidget:
                x += 1
                continue
            strips = widget.render_lines(Region(0, y - region.y, region.width, 1))
            cx = region.x
            for segment in strips[0] if strips else ():
                style = segment.style or Style()
                for char in segment.text:
                    if x <= cx < region.right:
                        yield cx, y, char, style, widget
                    cx += 1
            x = max(region.right, x + 1)
