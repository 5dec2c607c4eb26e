"""Keeping text being typed as a draft in the database.

A ``DraftKeeper`` saves at most ``delay`` seconds after the first unsaved
change and keeps saving while the user types, so a crash or a killed
terminal loses at most ``delay`` seconds of typing. ``flush()`` saves at
once (on leaving a form); ``discard()`` drops the draft once the text is
saved for real.

When the database refuses the write (locked past the busy timeout, a full
disk, a read-only file), the draft is held in memory by the app's
``DraftOutbox``, which tries again every ``RETRY_EVERY`` seconds and writes
it as soon as the database accepts writes; the timer runs only while a draft
is held. The outbox outlives the form: a draft kept on leaving still lands.
While it holds anything, new drafts join it without touching the database,
and it does not try while an import runs (see core.db): a locked database
would otherwise hold the screen for the busy timeout at every keystroke.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.app import App
from textual.message_pump import MessagePump
from textual.timer import Timer

from ctotui.core import clock
from ctotui.core.dbfile import db_path, import_running
from ctotui.core.drafts import Draft, discard_draft, draft_text, load_draft, save_draft, spill
from ctotui.core.errors import StorageError

if TYPE_CHECKING:
    from sqlite_utils import Database

DRAFT_DELAY = 0.5
RETRY_EVERY = 2.0


class DraftOutbox:
    """Drafts the database refused, held in memory until it takes them.

    ``held[key]`` is the payload to save, or None for a draft to delete; ``retry_every``
    is the seconds between tries (read when the first draft is held)."""

    def __init__(self, app: App, db: Database, retry_every: float = RETRY_EVERY) -> None:
        # the app by a weak reference: the outbox is the app's value in a WeakKeyDictionary, and a
        # value that refers to its key keeps the entry, so the app, its screens and all they drew,
        # alive for as long as the process runs (a test process runs hundreds of apps)
        self._app = weakref.ref(app)
        self.db = db
        self.retry_every = retry_every
        self.held: dict[str, dict[str, Any] | None] = {}
        self.held_at: dict[str, str] = {}
        self._timer: Timer | None = None

    @property
    def app(self) -> App:
        app = self._app()
        if app is None:  # the outbox goes with its app: nothing can ask for it after that
            raise RuntimeError("the app is gone")
        return app

    def hold(self, key: str, payload: dict[str, Any] | None) -> None:
        self.held[key] = payload
        self.held_at[key] = clock.utc_iso()
        if self._timer is None:
            self._timer = self.app.set_interval(self.retry_every, self.retry, name="draft outbox")

    def forget(self, key: str) -> None:
        self.held.pop(key, None)
        self.held_at.pop(key, None)
        self._stop_if_empty()

    def draft(self, key: str) -> Draft | None:
        """A held draft (newer than anything in the database), if any."""
        payload = self.held.get(key)
        return None if payload is None else Draft(key, payload, self.held_at[key])

    def retry(self) -> None:
        """Write every held draft; stop at the first refusal (the rest waits too)."""
        if import_running(db_path(self.db)):
            return  # waiting would only freeze the screen: try again on the next tick
        landed = 0
        for key, payload in list(self.held.items()):
            try:
                if payload is None:
                    discard_draft(self.db, key)
                else:
                    save_draft(self.db, key, payload)
            except StorageError:
                break
            if self.held.get(key, ...) is payload:  # not replaced while writing
                self.forget(key)
            landed += 1
        self._stop_if_empty()
        if landed and not self.held:
            self.app.notify("The database takes writes again: the drafts held in memory are saved.", title="Drafts")

    def _stop_if_empty(self) -> None:
        if not self.held and self._timer is not None:
            self._timer.stop()
            self._timer = None


_OUTBOXES: weakref.WeakKeyDictionary[App, DraftOutbox] = weakref.WeakKeyDictionary()


def outbox(app: App, db: Database) -> DraftOutbox:
    """The app's outbox (one per app)."""
    box = _OUTBOXES.get(app)
    if box is None:
        box = _OUTBOXES[app] = DraftOutbox(app, db)
    return box


@dataclass(frozen=True)
class Spilled:
    """Drafts the database still refused as the app closed: kept in ``path``, or, when that file
    could not be written either (``error``), their ``texts`` for the CLI to print (cli/tui.py)."""

    count: int
    path: Path | None
    error: str = ""
    texts: tuple[str, ...] = ()


def spill_held(app: App) -> Spilled | None:
    """The app is closing: a last try, then drafts still refused go to a file beside the database;
    when that fails too (a full disk, a folder made read-only), their text, which the app then
    prints as it exits (it returned nothing, and the text typed was lost without a word)."""
    box = _OUTBOXES.get(app)
    if box is None or not box.held:
        return None
    box.retry()
    if not box.held:
        return None
    try:
        return Spilled(len(box.held), spill(box.db, box.held))
    except OSError as exc:
        texts = tuple(text for payload in box.held.values() if (text := draft_text(payload)))
        return Spilled(len(box.held), None, exc.strerror or str(exc), texts)


class DraftKeeper:
    def __init__(
        self,
        owner: MessagePump,
        db: Database,
        key: str,
        collect: Callable[[], dict[str, Any] | None],
        delay: float = DRAFT_DELAY,
    ) -> None:
        self.owner = owner
        self.db = db
        self.key = key
        self.collect = collect  # returns None when there is nothing worth keeping
        self.delay = delay
        self._timer: Timer | None = None
        self.outbox = outbox(owner.app, db)

    def load(self) -> Draft | None:
        """The draft held in memory, else the one in the database (None if it cannot be read)."""
        held = self.outbox.draft(self.key)
        if held is not None:
            return held
        return self.read(self.db, self.key)

    @staticmethod
    def read(db: Database, key: str) -> Draft | None:
        """The draft in the database ``db`` (a worker's connection), None if it cannot be read."""
        try:
            return load_draft(db, key)
        except StorageError:
            return None

    def held_draft(self) -> Draft | None:
        """The draft memory holds (the database refused it), if any: the UI thread asks this first."""
        return self.outbox.draft(self.key)

    def changed(self) -> None:
        """Call on every edit; the save happens within ``delay`` seconds."""
        if self._timer is None:
            self._timer = self.owner.set_timer(self.delay, self.flush, name=f"draft {self.key}")

    @property
    def pending(self) -> bool:
        return self._timer is not None

    @property
    def held(self) -> bool:
        """Whether the database refused this draft and memory holds it."""
        return self.key in self.outbox.held

    def flush(self) -> None:
        """Save now (or drop the draft if nothing is typed); held in memory if refused."""
        self._stop()
        self._write(self.collect())

    def discard(self) -> None:
        self._stop()
        self._write(None)

    def _stop(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None

    def _write(self, payload: dict[str, Any] | None) -> None:
        if self.outbox.held or import_running(db_path(self.db)):
            # the database refused a moment ago, or an import holds it: the retry timer writes this too
            self.outbox.hold(self.key, payload or None)
            return
        try:
            if payload:
                save_draft(self.db, self.key, payload)
            else:
                discard_draft(self.db, self.key)
        except StorageError:
            self.outbox.hold(self.key, payload or None)
            return
        self.outbox.forget(self.key)
