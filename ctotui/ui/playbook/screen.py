"""The playbook reader: the coaching content, a section at a time."""

from __future__ import annotations

import re

from textual import on
from textual.app import ComposeResult
from textual.await_complete import AwaitComplete
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Markdown, OptionList
from textual.widgets.markdown import MarkdownBlock
from textual.widgets.option_list import Option

from ctotui.core import playbook, reader
from ctotui.ui.base import AreaScreen
from ctotui.ui.playbook.find import PlaybookFind

_TASK_BOX = re.compile(r"^(\s*[-*]\s+)\[ \]\s", re.MULTILINE)


def with_boxes(markdown: str) -> str:
    """A task list's "- [ ] text" as "- ☐ text": Textual's Markdown has no task lists and would show
    the brackets. The reader only: `ctotui playbook` prints the Markdown, where task lists render."""
    return _TASK_BOX.sub("\\1☐ ", markdown)


class PlaybookScreen(AreaScreen):
    CSS_PATH = "playbook.tcss"
    # opens the find dialog: run as the key arrives, the keys typed right after it in one read go into
    # its words (ui/widgets/format_keys.py)
    FOCUS_ACTIONS = frozenset({"find"})
    BINDINGS = [
        Binding("slash", "find", "Find", tooltip="Find words in every section"),
        # After a find, n and N go from line to line found (as in less and vim); escape ends the
        # find and n goes from section to section again (check_action hides the binding not in use).
        Binding("n", "next_match", "Next found", tooltip="The next line found (after the last: the first)"),
        Binding("N", "previous_match", "Prev found", tooltip="The line found before (before the first: the last)"),
        Binding("escape", "end_find", "End find", tooltip="Stop going from line to line found: n is the next section"),
        Binding("n", "next_section", "Next", tooltip="The next section (after the last: the first)"),
        Binding("b", "previous_section", "Prev", tooltip="The previous section (before the first: the last)"),
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

    _shown: AwaitComplete = AwaitComplete.nothing()  # the section's Markdown being mounted

    def on_mount(self) -> None:
        self.query_one("#sections", OptionList).border_title = "Playbook"
        self.action_show(reader.section_titles()[0][0])

    @on(OptionList.OptionHighlighted, "#sections")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        # a highlight already moved on is stale: showing it would undo a section (and its scroll) set since
        if event.option.id and event.option_index == event.option_list.highlighted:
            self._show_section(event.option.id)

    def _show_section(self, slug: str) -> None:
        if getattr(self, "_current", None) == slug:
            return
        self._current = slug
        self._shown = self.query_one("#text", Markdown).update(
            with_boxes(reader.section(playbook.load(), slug).markdown)
        )
        self.query_one("#page", VerticalScroll).scroll_home(animate=False)

    def focus_item(self, item: str) -> bool:
        """A "this week" action's item: ``mistakes:SLUG`` opens the mistakes at that one's heading."""
        section, _, slug = item.partition(":")
        if section not in dict(reader.section_titles()):
            return True
        self.action_show(section)
        name = next((m.name for m in playbook.load().mistakes if m.slug == slug), "")
        if section == "mistakes" and name:
            self.run_worker(self._to_heading(name), group="heading", exclusive=True)
        return True

    async def _to_heading(self, name: str) -> None:
        """Scroll the page to the heading ``## name`` once the section's Markdown is mounted (found by
        its source: the Markdown's table of contents can still hold the section shown before)."""
        await self._to_line(f"## {name}")

    async def _to_line(self, line: str) -> None:
        """Scroll the page to the block whose Markdown holds ``line`` (the innermost: a list's item,
        not the whole list) once the section is mounted."""
        await self._shown
        text = self.query_one("#text", Markdown)
        shown = with_boxes(line)  # the section's line as the page holds it
        blocks = [b for b in text.query(MarkdownBlock) if shown in (b.source or "")]
        if blocks:
            text.query(".-found").remove_class("-found")
            blocks[-1].add_class("-found")  # marked: the eye finds the line on the page
            blocks[-1].scroll_visible(top=True, animate=False)
            self.last_found = line

    last_found = ""  # the line the page was last scrolled to by a find (for tests)

    last_find: tuple[str, int | None] = ("", None)  # the words last looked for, the index of the line opened

    def action_find(self) -> None:
        dialog = PlaybookFind(*self.last_find)

        def opened(hit: reader.Found | None) -> None:
            if hit is not None:
                self._open_found(dialog.words, dialog.found, dialog.found.index(hit))

        self.app.push_screen(dialog, opened)

    def _open_found(self, words: str, found: list[reader.Found], index: int) -> None:
        """Open the line ``found[index]`` at the top of the page; the sections' box says which of how many."""
        hit = found[index]
        self.last_find = (words, index)
        self.query_one("#sections", OptionList).border_subtitle = f"found {index + 1} of {len(found)}"
        self.action_show(hit.slug)
        self.run_worker(self._to_line(hit.line), group="heading", exclusive=True)
        self.refresh_bindings()

    def _step_found(self, step: int) -> None:
        words, index = self.last_find
        found = reader.find(playbook.load(), words)
        if not found:
            return
        self._open_found(words, found, ((index or 0) + step) % len(found))

    def action_next_match(self) -> None:
        self._step_found(1)

    def action_previous_match(self) -> None:
        self._step_found(-1)

    def action_end_find(self) -> None:
        self.last_find = ("", None)
        self.query_one("#sections", OptionList).border_subtitle = ""
        self.query_one("#text", Markdown).query(".-found").remove_class("-found")
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("next_match", "previous_match", "end_find"):
            return self.last_find[1] is not None  # a line found was opened
        return super().check_action(action, parameters)

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
