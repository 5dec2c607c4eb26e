"""The playbook reader: the coaching content, a section at a time."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Markdown, OptionList
from textual.widgets.option_list import Option

from ctotui.core import playbook, reader
from ctotui.ui.base import AreaScreen


class PlaybookScreen(AreaScreen):
    CSS_PATH = "playbook.tcss"
    BINDINGS = [
        Binding("n", "next_section", "Next", tooltip="The next section"),
        Binding("b", "previous_section", "Back", tooltip="The previous section"),
        Binding("tab", "app.focus_next", "Switch pane", show=False),
    ]
    PALETTE = [
        (f"read {title}", f"Open the section '{title}'", f"show('{slug}')") for slug, title in reader.section_titles()
    ]

    def compose_body(self) -> ComposeResult:
        with Horizontal():
            yield OptionList(*(Option(title, id=slug) for slug, title in reader.section_titles()), id="sections")
            with VerticalScroll(id="page"):
                yield Markdown(id="text", open_links=False)

    def on_mount(self) -> None:
        self.query_one("#sections", OptionList).border_title = "Playbook"
        self.action_show(reader.section_titles()[0][0])

    @on(OptionList.OptionHighlighted, "#sections")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id:
            self._show_section(event.option.id)

    def _show_section(self, slug: str) -> None:
        if getattr(self, "_current", None) == slug:
            return
        self._current = slug
        self.query_one("#text", Markdown).update(reader.section(playbook.load(), slug).markdown)
        self.query_one("#page", VerticalScroll).scroll_home(animate=False)

    def action_show(self, slug: str) -> None:
        options = self.query_one("#sections", OptionList)
        options.highlighted = options.get_option_index(slug)
        self._show_section(slug)

    def _move(self, step: int) -> None:
        options = self.query_one("#sections", OptionList)
        index = ((options.highlighted or 0) + step) % options.option_count
        options.highlighted = index

    def action_next_section(self) -> None:
        self._move(1)

    def action_previous_section(self) -> None:
        self._move(-1)
