"""Tag completion for inputs that hold tags."""

from __future__ import annotations

import asyncio

from textual.suggester import Suggester

from ctotui.core.journal import tag_counts
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
        found = await asyncio.to_thread(lambda: tag_counts(self.readers.here(), prefix=last, limit=1))
        if not found:
            return None
        mark = "#" if last.startswith("#") else ""
        return f"{head} {mark}{found[0][0]}".lstrip()
