"""What every area screen shares: the header, the footer, its palette actions."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer, Header

if TYPE_CHECKING:
    from sqlite_utils import Database


class AreaScreen(Screen):
    # (label, help, action) offered in the command palette as "<Area>: <label>"
    PALETTE: ClassVar[list[tuple[str, str, str]]] = []

    @property
    def db(self) -> Database:
        return self.app.db  # type: ignore[attr-defined]

    def compose(self) -> ComposeResult:
        yield Header()
        yield from self.compose_body()
        yield Footer()

    def compose_body(self) -> ComposeResult:  # pragma: no cover - overridden
        yield from ()
