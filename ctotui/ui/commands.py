"""Command palette providers: every area and every action, by name.

Each area screen lists its actions in ``PALETTE`` as (label, help, action);
the palette offers them from anywhere as "<Area>: <label>", switching to the
area first. Nothing here knows an area's actions by hand.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.screen import Screen

from ctotui.ui.appdb import app_of
from ctotui.ui.areas import AREAS, Area
from ctotui.ui.data.export import start_backup, start_export
from ctotui.ui.data.sync import start_sync

Command = tuple[str, str, Callable[[], object]]  # title, help, callback
OPEN_FIRST = 1_000_000.0  # added to an area's "open" when the query names the area
READ_ROUNDS = 5  # reads started by reads shown, waited for before a command acts (the journal: list, count)


class ActionProvider(Provider):
    """A provider built from a list of (title, help, callback)."""

    def commands(self) -> Iterator[Command]:  # pragma: no cover - overridden
        yield from ()

    async def discover(self) -> Hits:
        for title, help_text, callback in self.commands():
            yield DiscoveryHit(title, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, callback in self.commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), callback, help=help_text)


class AreaCommands(ActionProvider):
    """Open any area, or run any area's action from wherever you are.

    When the query is an area's name or the start of it ("Interview", "jour"),
    that area's "open" comes first: its score is raised above any fuzzy match's
    (Textual's matcher scores are not bounded by 1: every "Journal: …" scores the
    same for "jour", and "Interview" scores "Journal: link to an interview
    question" as high as "Interview drill: open")."""

    async def search(self, query: str) -> Hits:
        wanted = " ".join(query.lower().split())
        opens = {f"{a.name}: open": a for a in AREAS}
        matcher = self.matcher(query)
        for title, help_text, callback in self.commands():
            score = matcher.match(title)
            if score <= 0:
                continue
            a = opens.get(title)
            named = a is not None and any(
                name.startswith(wanted) for name in (a.name.lower(), a.short.lower(), title.lower())
            )
            yield Hit(score + OPEN_FIRST if named else score, matcher.highlight(title), callback, help=help_text)

    def commands(self) -> Iterator[Command]:
        app = self.app
        for a in AREAS:
            yield (f"{a.name}: open", a.about, partial(app.switch_mode, a.mode))
            for label, help_text, action in getattr(a.screen_class(), "PALETTE", ()):
                yield (f"{a.name}: {label}", help_text, partial(self._run, a, action))
        yield ("Help: every key", "The keys of every area on one screen", app_of(app).action_help)

    async def _run(self, area: Area, action: str) -> None:
        app = self.app
        await app.switch_mode(area.mode)
        screen = app.screen
        await screen_ready(screen)
        # Not here and now: this runs in a callback on the app's queue, behind which waits what the
        # screen asked for as it mounted and showed its read (``Widget.focus`` queues its focus on
        # the app). Acting first, the action's focus was taken back a moment later.
        app.call_later(screen.run_action, action)


async def screen_ready(screen: Screen) -> None:
    """Wait until ``screen`` shows what its visit read: an area screen's read (``loaded``) and
    every read its widgets started meanwhile (the journal's list reads itself), each one's result
    put on screen, and the reads those results started too."""
    loaded = getattr(screen, "loaded", None)
    if loaded is not None:
        await loaded()
    for _ in range(READ_ROUNDS):
        reading = [
            worker
            for worker in screen.app.workers
            if not worker.is_finished and (worker.node is screen or screen in worker.node.ancestors)
        ]
        if not reading:
            return
        # a read that failed told the user itself (ui/readers.py): here it is only over
        await asyncio.gather(*(worker.wait() for worker in reading), return_exceptions=True)


class ExportCommands(ActionProvider):
    """Take the data out: the brag document, the complete JSON, a backup copy."""

    def commands(self) -> Iterator[Command]:
        app = self.app
        yield (
            "Export: brag document…",
            "Your achievements as Markdown, by category and skill, with levels and readiness",
            partial(start_export, app, "md"),
        )
        yield (
            "Export: all data (JSON)…",
            "Every table in one JSON file, for ctotui import here or on another machine",
            partial(start_export, app, "json"),
        )
        yield (
            "Export: back up the database now",
            "A safe copy of the database file in backups/ beside it",
            partial(start_backup, app),
        )


class SyncCommands(ActionProvider):
    """Keep this journal in step with your other machines (docs/sync.md)."""

    def commands(self) -> Iterator[Command]:
        yield (
            "Sync now",
            "Send this machine's changes to the sync folder and apply the other machines' (ctotui sync)",
            partial(start_sync, self.app),
        )
