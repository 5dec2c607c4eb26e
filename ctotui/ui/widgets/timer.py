"""A practice timer: a visible countdown that turns into overtime and keeps counting.

It never cuts the user off: past the limit it shows "+0:12" in the error
colour and goes on. Time comes from ``clock`` (``time.monotonic`` unless one is
injected), read on each ``tick()``; ``freeze(elapsed)`` stops it at a given
value for snapshots and tests, which drive it by ``tick()`` or ``elapsed``
and never by sleeping.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.reactive import reactive, var
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Digits, Static

from ctotui.ui.widgets.hanging import Kept, kept

TICK = 0.25
ENDING = 20  # seconds left when the countdown turns to a warning


def clock_text(seconds: int) -> str:
    minutes, secs = divmod(max(0, seconds), 60)
    return f"{minutes}:{secs:02d}"


class PracticeTimer(Widget):
    DEFAULT_CSS = """
    PracticeTimer { width: auto; height: auto; padding: 0 1; }
    PracticeTimer Digits { width: 100%; text-align: center; color: $text-success; }
    PracticeTimer #caption { width: 100%; color: $text-muted; text-align: center; }
    PracticeTimer.-ending Digits { color: $text-warning; }
    PracticeTimer.-overtime Digits { color: $text-error; }
    PracticeTimer.-overtime #caption { color: $text-error; }
    PracticeTimer.-paused Digits { color: $text-muted; }
    """

    elapsed: reactive[float] = reactive(0.0)
    limit: reactive[int] = reactive(120)
    running: var[bool] = var(False)
    frozen: var[bool] = var(False)

    def __init__(
        self, limit: int = 120, *, elapsed: float = 0.0, clock: Callable[[], float] = time.monotonic, **kwargs
    ) -> None:
        super().__init__(**kwargs)
        self.clock = clock
        self._anchor = 0.0
        self._interval: Timer | None = None
        self.set_reactive(PracticeTimer.limit, limit)
        self.set_reactive(PracticeTimer.elapsed, elapsed)

    def compose(self) -> ComposeResult:
        yield Digits(id="digits")
        yield Static(id="caption")

    def on_mount(self) -> None:
        self._show()

    # --- control -------------------------------------------------------------------

    @property
    def seconds(self) -> int:
        """Whole seconds spent (what is saved as the attempt's time)."""
        return int(self.elapsed)

    @property
    def overtime(self) -> bool:
        return self.elapsed > self.limit

    def reset(self, limit: int, elapsed: float = 0.0) -> None:
        """Ready for the next question (stopped, and no longer frozen)."""
        self.pause()
        self.frozen = False
        self.limit = limit
        self.elapsed = elapsed

    def start(self) -> None:
        if self.running or self.frozen:
            return
        self._anchor = self.clock() - self.elapsed
        self.running = True
        if self._interval is None:
            self._interval = self.set_interval(TICK, self.tick, name="practice timer")
        else:
            self._interval.resume()
        self._show()

    def pause(self) -> None:
        """Stop at the time it is now. ``running`` is False before ``elapsed`` takes its last
        value: a watcher of ``elapsed`` that pauses at the limit (the drill's follow-up) was called
        again by its own pause's reading, and again, until Python's recursion limit closed the app."""
        if not self.running:
            return
        now = self.clock() - self._anchor
        self.running = False
        if self._interval is not None:
            self._interval.pause()
        if not self.frozen:
            self.elapsed = now
        self._show()

    def toggle(self) -> None:
        self.pause() if self.running else self.start()

    def tick(self) -> None:
        if self.running and not self.frozen:
            self.elapsed = self.clock() - self._anchor

    def freeze(self, elapsed: float) -> None:
        """Stop for good at ``elapsed`` seconds (snapshots, tests)."""
        self.pause()
        self.frozen = True
        self.elapsed = elapsed

    # --- display -------------------------------------------------------------------

    def watch_elapsed(self) -> None:
        self._show()

    def watch_limit(self) -> None:
        self._show()

    def _show(self) -> None:
        if not self.is_mounted:
            return
        left = self.limit - self.elapsed
        over = left < 0
        if over:
            text = "+" + clock_text(math.floor(-left))
            caption = kept(f"over {clock_text(self.limit)}:") + " wrap up"
        else:
            text = clock_text(math.ceil(left))
            caption = kept(f"left of {clock_text(self.limit)}")
        if not self.running and not self.frozen:
            caption = "paused · " + caption
        self.query_one("#digits", Digits).update(text)
        self.query_one("#caption", Static).update(Kept(Text(caption, justify="center")))  # not "left of" then "2:00"
        self.set_class(over, "-overtime")
        self.set_class(not over and left <= ENDING, "-ending")
        self.set_class(not self.running and not self.frozen, "-paused")
