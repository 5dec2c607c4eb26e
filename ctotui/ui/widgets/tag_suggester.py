"""Tag completion for inputs that hold tags."""

from __future__ import annotations

import asyncio

from textual.suggester import Suggester

from ctotui.core.errors import CtoError
from ctotui.core.journal.entries import tag_counts
from ctotui.ui.readers import Readers


class TagSuggester(Suggester):
    """Completes the last tag being typed with the most used tag that starts with it
    (looked up in a worker thread, on that thread's connection: typing never waits on SQL)."""

    def __init__(self, readers: Readers) -> None:
        super().__init__(use_cache=False, case_sensitive=False)
        self.readers = readers

    async def get_suggestion(self, value: str) -> str | None:
        head, _, last = value.rpartition(" ")
        if not last.strip("#"):
            return None
        found = await asyncio.to_thread(self._lookup, last)
        if not found:
            return None
        mark = "#" if last.startswith("#") else ""
        return f"{head} {mark}{found[0][0]}".lstrip()

    def _lookup(self, prefix: str) -> list[tuple[str, int]]:
        """The most used tag starting with ``prefix`` (in a worker thread; none once the app closes)."""
        try:
            with self.readers.reading() as db:
                return tag_counts(db, prefix=prefix, limit=1)
        except CtoError:
            return []
