"""Helpers for Pilot tests: wait on conditions (never on the clock), read the screen."""

from __future__ import annotations

import asyncio
import time
import unicodedata
from collections.abc import Callable

from rich.cells import cell_len
from rich.style import Style
from textual import events
from textual.errors import NoWidget
from textual.geometry import Region
from textual.keys import KEY_NAME_REPLACEMENTS, key_to_character
from textual.worker import WorkerCancelled, WorkerState


async def wait_for(
    pilot, condition: Callable[[], object], timeout: float = 10.0, state: Callable[[], object] | None = None
) -> None:
    """Let the app run until ``condition()`` holds.

    Each check first lets every message already queued on the screen through
    (``pilot.pause(delay)`` does that before it sleeps), then gives timers and the
    read workers' threads ``delay`` seconds: none at first, 2 ms after a few checks,
    10 ms after many. It returns as soon as the condition holds and fails once
    ``timeout`` seconds have passed (measured, not slept), so it never waits for a
    fixed time and never hangs. The failure says ``state()``, when given: what the app
    was in instead (a race seen once in CI is then named by its output).

    Not ``pilot.pause()`` with no delay: that waits until the process's CPU rests, at
    least 20 ms a call, which came to a third of a long walk's time.
    """
    deadline = time.monotonic() + timeout
    attempt = 0
    while not condition():
        if time.monotonic() > deadline:
            instead = "" if state is None else f"; instead: {state()}"
            raise AssertionError(
                f"condition not met in {timeout} s: {getattr(condition, '__name__', condition)}{instead}"
            )
        await pilot.pause(0 if attempt < 3 else 0.002 if attempt < 200 else 0.01)
        attempt += 1


def key_event(key: str) -> events.Key:
    """The Key event a terminal sends for ``key`` (a key's name, "ctrl+s", or one character,
    "?" as well as "question_mark"), with the character it types, as Pilot's ``press`` builds it."""
    if len(key) == 1:
        char: str | None = key
        if not key.isalnum():
            try:
                key = unicodedata.name(key).lower().replace("-", "_").replace(" ", "_")
            except ValueError:
                key = {"\t": "tab"}.get(key, key)
            key = KEY_NAME_REPLACEMENTS.get(key, key)
    else:  # "minus" types "-" (the Unicode name is hyphen-minus), not "−" (minus sign)
        char = key_to_character(UNICODE_NAMES.get(key, key))
    return events.Key(key, char)


UNICODE_NAMES = {short: name for name, short in KEY_NAME_REPLACEMENTS.items()}


async def press(pilot, *keys: str) -> None:
    """Press ``keys`` one after the other, each handled before the next is sent.

    Each key is posted to the app as the terminal driver posts it, then waited for with
    ``at_rest``: what it started done and drawn. Pilot's ``press`` waits for the process's
    CPU to rest twice after each key, in 20 ms steps (at least 40 ms a key); ``at_rest``
    looks in 2 ms steps."""
    for key in keys:
        pilot.app.post_message(key_event(key))
        await at_rest(pilot)


async def click(pilot, selector: str) -> None:
    """``pilot.click(selector)`` once the widget is laid out and is what the screen has at its
    top-left cell: a dialog's button can be found by ``query`` before it has a place on screen,
    and a click then lands on whatever is at (0, 0)."""

    def clickable() -> bool:
        screen = pilot.app.screen
        found = screen.query(selector)
        if not found:
            return False
        widget = found.first()
        region = widget.region
        if not region:
            return False
        try:
            hit, _ = screen.get_widget_at(region.x, region.y)
        except NoWidget:
            return False
        return hit is widget or widget in hit.ancestors

    await wait_for(pilot, clickable)
    await pilot.click(selector)


def screen_text(app) -> str:
    """Everything on the screen as plain text, one line per terminal row (trailing blanks kept to
    the screen's width). Read through public API: every widget the screen shows, in the order the
    screen paints them (``Screen.find_widget``), each one's rendered lines (``Widget.render_lines``)
    over its visible part. A no-break space reads as the space a terminal shows for it (the app
    joins the words of a date or a number with them to keep them on one line, ui/widgets/hanging.py)."""
    screen = app.screen
    width, height = screen.size
    grid = [[" "] * width for _ in range(height)]
    for geometry, widget in sorted(_painted(screen), key=lambda pair: pair[0].order):
        seen = geometry.visible_region.intersection(Region(0, 0, width, height))
        if not seen:
            continue
        region = geometry.region
        strips = widget.render_lines(Region(seen.x - region.x, seen.y - region.y, seen.width, seen.height))
        for y, strip in enumerate(strips, seen.y):
            cells = _cells(strip.text)[: seen.width]
            grid[y][seen.x : seen.x + len(cells)] = cells
    return "\n".join("".join(row) for row in grid).replace("\xa0", " ")


async def text_showing(pilot, words: str, timeout: float = 10.0) -> str:
    """The screen's text (``screen_text``) once it shows ``words``. A screen just pushed is not laid
    out yet: read at once, its text is blank (seen under load for a dialog and the help)."""
    await wait_for(pilot, lambda: words in screen_text(pilot.app), timeout)
    return screen_text(pilot.app)


def _painted(screen) -> list:
    """(geometry, widget) for the screen and each widget on it that is visible, scrollbars included."""
    out = []
    for widget in screen.walk_children(with_self=True):
        parts = [widget]
        if widget.show_vertical_scrollbar:
            parts.append(widget.vertical_scrollbar)
        if widget.show_horizontal_scrollbar:
            parts.append(widget.horizontal_scrollbar)
        if widget.show_vertical_scrollbar and widget.show_horizontal_scrollbar:
            parts.append(widget.scrollbar_corner)
        for part in parts:
            if not part.visible:
                continue
            try:
                out.append((screen.find_widget(part), part))
            except NoWidget:  # not laid out on the screen (hidden, or off it)
                continue
    return out


def _cells(text: str) -> list[str]:
    """One string per terminal cell: a wide character fills its first cell, the second is empty."""
    if text.isascii():
        return list(text)
    out: list[str] = []
    for char in text:
        out.append(char)
        out.extend([""] * (cell_len(char) - 1))
    return out


async def settle(pilot, rounds: int = 20) -> None:
    """Wait until the app's thread workers (screens and dialogs read in them) have all
    finished and put what they read on screen, including reads those results started."""
    for _ in range(rounds):
        try:
            await pilot.app.workers.wait_for_complete()
        except WorkerCancelled:  # a dialog closed (or a screen went) before its read was done
            pass
        await pilot.pause(0)  # what the workers' results queued on the screen (never the 20 ms CPU-rest wait)
        if not workers_busy(pilot.app):
            return
    raise AssertionError(f"workers still running after {rounds} rounds")


def workers_busy(app) -> bool:
    """Whether a thread worker of the app is waiting to run or running (its result not yet shown:
    a read hands its result to the UI thread before it ends)."""
    return any(worker.is_running or worker.state == WorkerState.PENDING for worker in app.workers)


def messages_queued(app) -> bool:
    """Whether a message waits in the queue of the app, of a screen on its stack or of a widget
    on one (``MessagePump.message_queue_size``)."""
    return bool(app.message_queue_size) or any(
        node.message_queue_size for screen in app.screen_stack for node in screen.walk_children(with_self=True)
    )


async def at_rest(pilot, timeout: float = 10.0) -> None:
    """Wait until the app rests: its thread workers done, their results and every queued
    message handled, the process's CPU idle for three 2 ms steps in a row (``time.process_time``, all
    threads), no message left in a queue then, and the screen on view drawn after that
    (``Screen.wait_for_refresh``).

    The queues are looked at too: under load each 2 ms step may let only one message through,
    and a focus travelling up to its tab (one cheap message per widget on the way) looked like
    rest. A key pressed next could then meet the tab's late activation: the likely cause of one
    CI failure (the review's v, from "This week" to the History, undone; not seen here in 200
    runs under load).

    So are the workers, once more after the rest: a key whose action starts a read can reach its
    widget only during the rest (the app passes the key on in a message of its own), and a worker
    thread waiting for a core uses no CPU. Three quiet steps then ended the wait before the read was
    shown (a CI run, 5 December 2026: the journal's d, the deleted entry still listed).

    What ``pilot.pause()`` waits for, in steps of 2 ms instead of 20 (at least 20 ms a call
    there). A screen that leaves the view meanwhile (a dialog closing itself) is never drawn
    again: the wait then starts over on the screen that took its place.

    A first visit of an area also waits out ``App.switch_mode``'s hold on screen updates
    (``delay_update``, 50 ms, to mask the change; the app notes its end as ``held_until``):
    during it the wait for a refresh returns at once with nothing laid out, and a first visit
    that read and showed its data within that time (the people screen at 120 achievements) was
    seen half laid out."""
    app = pilot.app
    deadline = time.monotonic() + timeout
    while True:
        await settle(pilot)
        quiet = 0
        while quiet < REST_STEPS:  # the CPU at rest: nothing left that a message, a timer or a thread does now
            cpu = time.process_time()
            await asyncio.sleep(REST_STEP)
            quiet = quiet + 1 if time.process_time() - cpu < REST_STEP / 8 else 0
            if time.monotonic() > deadline:
                raise AssertionError(f"the app did not rest in {timeout} s")
        if messages_queued(app):  # a message hop is too cheap to show as CPU: a chain of them can outlast the rest
            continue
        if workers_busy(app):  # started during the rest, its thread not yet given a core: no CPU shows it
            continue
        held = getattr(app, "held_until", 0.0) - time.monotonic()
        if held > 0:  # Textual's own timer ends the hold: wait for it, then rest again
            await asyncio.sleep(held + REST_STEP)
            continue
        screen = app.screen
        refreshed = asyncio.ensure_future(screen.wait_for_refresh())
        while not refreshed.done() and app.screen is screen:
            if time.monotonic() > deadline:
                refreshed.cancel()
                raise AssertionError(f"{screen!r} not drawn in {timeout} s")
            await asyncio.wait([refreshed], timeout=0.01)
        if refreshed.done():
            return
        refreshed.cancel()


REST_STEP = 0.002
REST_STEPS = 3  # in a row: one quiet step can fall between a worker's result and what it starts


async def db_ready(pilot) -> None:
    """Wait until the app has opened its database and the screen has loaded from it
    (screens read in thread workers: wait for those started once the database opened),
    and the app has read the areas' style sheets, which it does after that."""
    await settle(pilot)
    await wait_for(pilot, lambda: pilot.app.db_ready)
    await settle(pilot)
    await wait_for(pilot, lambda: pilot.app.area_sheets_read)  # read once the first screen's data is shown


def ready_then(*keys: str):
    """A snapshot's ``run_before``: the app ready (``db_ready``), then ``keys`` pressed and rested
    (``press``). Not snap_compare's own ``press=``: Pilot's press can leave the screenshot to be
    taken while a change of area still holds the screen's layout back (``at_rest``)."""

    async def before(pilot) -> None:
        await db_ready(pilot)
        await press(pilot, *keys)

    return before


def screen_cells(screen):
    """Every cell of ``screen`` as ``(x, y, character, rich Style, widget)``, read through public API:
    the widget on top at each point (``Screen.get_widget_at``: a dialog's field, not the dialog
    around it) and that widget's rendered line (``Widget.render_lines``). The second cell of a wide
    character comes as ``""``."""
    width, height = screen.size
    rendered: dict[tuple[int, int], list[tuple[str, Style]]] = {}
    for y in range(height):
        for x in range(width):
            try:
                widget, region = screen.get_widget_at(x, y)
            except NoWidget:
                continue
            line = rendered.get((id(widget), y))
            if line is None:
                strips = widget.render_lines(Region(0, y - region.y, region.width, 1))
                line = rendered[(id(widget), y)] = _styled_cells(strips[0]) if strips else []
            index = x - region.x
            if 0 <= index < len(line):
                char, style = line[index]
                yield x, y, char, style, widget


def _styled_cells(strip) -> list[tuple[str, Style]]:
    out: list[tuple[str, Style]] = []
    for segment in strip:
        style = segment.style or Style()
        for char in segment.text:
            out.append((char, style))
            out.extend([("", style)] * (cell_len(char) - 1))
    return out
