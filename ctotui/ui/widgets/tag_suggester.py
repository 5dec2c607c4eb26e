"""Tag completion for inputs that hold tags."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.suggester import Suggester

from ctotui.core.journal import tag_counts

if TYPE_CHECKING:
    from sqlite_utils import Database


class TagSuggester(Suggester):
    """Completes the last tag being typed with the most used tag that starts with it."""

    def __init__(self, db: Database) -> None:
        super().__init__(use_cache=False, case_sensitive=False)
        self.db = db

    async def get_suggestion(self, value: str) -> str | None:
        head, _, last = value.rpartition(" ")
        if not last.strip("#"):
            return None
        found = tag_counts(self.db, prefix=last, limit=1)
        if not found:
            return None
        mark = "#" if last.startswith("#") else ""
        return f"{head} {mark}{found[0][0]}".lstrip()
