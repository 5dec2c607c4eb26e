"""An area that is not built yet: says plainly what will be there."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from ctotui.ui.areas import Area
from ctotui.ui.screens.base import AreaScreen


class PlaceholderScreen(AreaScreen):
    DEFAULT_CSS = """
    PlaceholderScreen #placeholder { width: 80; max-width: 100%; height: auto; margin: 2 4; padding: 1 2; border: round $primary; }
    PlaceholderScreen .title { text-style: bold; color: $primary; }
    PlaceholderScreen .status { color: $warning; margin-bottom: 1; }
    PlaceholderScreen .about { margin-bottom: 1; }
    """

    def __init__(self, area: Area) -> None:
        super().__init__(name=area.mode)
        self.area = area
        self.sub_title = area.name

    def compose_body(self) -> ComposeResult:
        with Vertical(id="placeholder"):
            yield Static(self.area.name, classes="title")
            yield Static("Not built yet. This is what will be here:", classes="status")
            yield Static(Content(self.area.about), classes="about")
            yield Static(Content("\n".join(f"• {line}" for line in self.area.coming)), classes="coming")
