"""Keeps the open app current when someone else writes to the database.

A daemon thread polls ``pragma data_version`` on a connection of its own
(core/watch.py) every ``POLL`` seconds: nothing else happens while nothing
changes. On a change it posts ``DataChanged`` to the app, which asks its own
connection whether the change came from elsewhere (the app's own writes are
already on screen) and then has the visible area screen read its data again,
keeping the cursor on the same item. Screens not on view read theirs again
when they are next shown (every area screen loads on each visit).

Each poll also checks (one ``stat``) that the path still names the file the app
opened; once it does not (removed, or replaced by another file) it posts
``DatabaseGone`` (ui/readers.py), once, and stops: the app then refuses every write.
"""

from __future__ import annotations

import threading
from pathlib import Path

from textual.app import App, ScreenStackError
from textual.message import Message

from ctotui.core.watch import Identity, open_watcher
from ctotui.ui.readers import DatabaseGone

POLL = 0.3  # seconds between two looks at the file: a change shows within about a third of a second


def read_again(app: App) -> None:
    """Have the screen on view read its data again (an area screen; a dialog on top waits, and
    so does every screen not on view: each reads on its next visit).

    Not once the app is shutting down: Textual then takes the screens apart, children first,
    while a screen still counts as mounted, and a change seen in that moment found a journal
    with no list (a CI run, 2 December 2026). ``App.is_running`` is False from the start of it."""
    if not app.is_running:
        return
    try:
        screen = app.screen
    except ScreenStackError:  # closing: the screens are gone (a change seen as it quits)
        return
    refresh = getattr(screen, "data_changed", None)
    if refresh is not None and screen.is_mounted:
        refresh()


class DataChanged(Message):
    """Another connection committed to the database (or the app itself did: the app tells which)."""


class DataWatcher:
    """The polling thread. ``start`` once the database is open; ``stop`` when the app closes."""

    def __init__(self, app: App, path: Path, poll: float = POLL, identity: Identity | None = None) -> None:
        self.app = app
        self.path = path
        self.identity = identity  # the file the app opened: (device, inode)
        self.poll = poll
        self._stop = threading.Event()
        self.version: int | None = None  # the app connection's data_version when it last looked

    def seen(self, version: int) -> bool:
        """Note the app connection's ``data_version``: True when it moved since the last look
        (another connection committed), False on the first look and for the app's own writes."""
        previous, self.version = self.version, version
        return previous is not None and version != previous

    def start(self) -> None:
        threading.Thread(target=self._run, name="ctotui-watch", daemon=True).start()

    def stop(self) -> None:
        self._stop.set()

    def _run(self) -> None:
        watcher = open_watcher(self.path, self.identity)
        if watcher is None:
            return
        try:
            while not self._stop.wait(self.poll):
                gone = watcher.replaced()
                if (gone or watcher.changed()) and not self._stop.is_set():
                    try:
                        self.app.post_message(DatabaseGone() if gone else DataChanged())
                    except RuntimeError:  # the app's loop closed under us: it is going away
                        return
                if gone:
                    return
        finally:
            watcher.close()
