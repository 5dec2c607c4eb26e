"""Keeping text being typed as a draft in the database.

A ``DraftKeeper`` saves at most ``delay`` seconds after the first unsaved
change and keeps saving while the user types, so a crash or a killed
terminal loses at most ``delay`` seconds of typing. ``flush()`` saves at
once (on leaving a form); ``discard()`` drops the draft once the text is
saved for real.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual.message_pump import MessagePump
from textual.timer import Timer

from ctotui.core.drafts import Draft, discard_draft, load_draft, save_draft

if TYPE_CHECKING:
    from sqlite_utils import Database

DRAFT_DELAY = 0.5


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

    def load(self) -> Draft | None:
        return load_draft(self.db, self.key)

    def changed(self) -> None:
        """Call on every edit; the save happens within ``delay`` seconds."""
        if self._timer is None:
            self._timer = self.owner.set_timer(self.delay, self.flush, name=f"draft {self.key}")

    @property
    def pending(self) -> bool:
        return self._timer is not None

    def flush(self) -> None:
        """Save now (or drop the draft if nothing is typed)."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        payload = self.collect()
        if payload:
            save_draft(self.db, self.key, payload)
        else:
            discard_draft(self.db, self.key)

    def discard(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        discard_draft(self.db, self.key)
