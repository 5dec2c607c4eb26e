"""A read whose owner is being removed is not shown (ui/readers.py, ``read_then_show``).

Textual removes a screen or widget children first: for a while the owner is still attached
while its widgets are gone. A read that came back then was shown, and its ``show`` met
``NoMatches`` (the journal's detail pane, its screen removed by a test's ``remove_mode`` in a
full run under load: the app stopped with a traceback). Here the owner's removal is held
half-way by a child that waits as it unmounts, and the read comes back in that time.
"""

from __future__ import annotations

import asyncio
import threading

from pilot_tools import at_rest, db_ready, wait_for
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widget import Widget

from ctotui.ui.app import CtoApp
from ctotui.ui.readers import read_then_show


class Holding(Widget):
    """A child whose unmounting waits for ``release``: it holds its parent's removal half-way."""

    def __init__(self, release: asyncio.Event) -> None:
        super().__init__()
        self.release = release

    async def on_unmount(self) -> None:
        await self.release.wait()


class Owner(Vertical):
    def __init__(self, release: asyncio.Event) -> None:
        super().__init__()
        self.release = release

    def compose(self) -> ComposeResult:
        yield Holding(self.release)


async def test_a_read_that_comes_back_while_its_owner_is_removed_is_not_shown(db_path) -> None:
    app = CtoApp(db_path=db_path)
    async with app.run_test() as pilot:
        await db_ready(pilot)
        release = asyncio.Event()
        owner = Owner(release)
        await app.screen.mount(owner)
        answer = threading.Event()
        shown: list[object] = []
        worker = read_then_show(owner, lambda db: answer.wait(10) and 1, shown.append)
        removing = owner.remove()  # held half-way by Holding's unmount
        await wait_for(pilot, lambda: not owner.display)  # the removal has begun: the owner is pruned
        assert owner.is_attached  # still attached: the old guard let the show through
        answer.set()
        await worker.wait()  # done once its show has run on the loop (call_from_thread waits for it)
        release.set()
        await removing
        await at_rest(pilot)
        assert shown == []
        assert app.is_running
