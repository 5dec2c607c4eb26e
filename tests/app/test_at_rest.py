"""The tests' wait for a resting app (tests/pilot_tools.py ``at_rest``) against a worker that
starts during the rest and whose thread gets no CPU for a while (a loaded machine)."""

from __future__ import annotations

import threading

from pilot_tools import at_rest
from textual.app import App


class Late(App):
    """Starts, a few ms after it is asked, a thread worker that waits (no CPU) and then shows a result."""

    def __init__(self) -> None:
        super().__init__()
        self.release = threading.Event()
        self.shown = False

    def later(self) -> None:
        self.set_timer(0.003, lambda: self.run_worker(self.read, thread=True))

    def read(self) -> None:
        self.release.wait(5)  # a thread the machine runs only later: no CPU spent meanwhile
        self.call_from_thread(self.show)

    def show(self) -> None:
        self.shown = True


async def test_the_rest_waits_for_a_worker_that_started_during_it() -> None:
    app = Late()
    async with app.run_test() as pilot:
        await at_rest(pilot)
        threading.Timer(0.15, app.release.set).start()
        app.later()
        await at_rest(pilot)
        assert app.release.is_set() and app.shown
