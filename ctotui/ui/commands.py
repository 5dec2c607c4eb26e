"""Command palette providers: every area and every action, by name.

Each area screen lists its actions in ``PALETTE`` as (label, help, action);
the palette offers them from anywhere as "<Area>: <label>", switching to the
area first. Nothing here knows an area's actions by hand.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from ctotui.ui.appdb import app_of
from ctotui.ui.areas import AREAS, Area
from ctotui.ui.data.export import start_backup, start_export
from ctotui.ui.data.sync import start_sync

Command = tuple[str, str, Callable[[], object]]  # title, help, callback
OPEN_FIRST = 1_000_000.0  # added to an area's "open" when the query names the area


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
        await self.app.switch_mode(area.mode)
        screen = self.app.screen
        loaded = getattr(screen, "loaded", None)
        if loaded is not None:  # an area screen reads in a worker: act on what it shows once it is there
            await loaded()
        await screen.run_action(action)


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
