"""Find in the playbook: type words, see every line that holds them with its section; enter opens
the section at that line. Dismisses with the line found or None."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from ctotui.core import playbook, reader
from ctotui.core.plural import plural
from ctotui.ui.widgets.hanging import hang

SHOWN = 200  # lines listed at most ("the" is in most of them)


class PlaybookFind(ModalScreen[reader.Found | None]):
    DEFAULT_CSS = """
    PlaybookFind { align: center middle; }
    PlaybookFind > Vertical { width: 100; max-width: 98%; height: 30; max-height: 98%;
        border: round $primary; background: $surface; padding: 0 1; }
    PlaybookFind #find-words { margin-top: 1; }
    PlaybookFind #find-status { color: $text-muted; height: 1; padding-left: 1; }
    PlaybookFind OptionList { height: 1fr; border: none; scrollbar-gutter: stable; }  /* measured at the width drawn */
    """
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", tooltip="Close without opening a section"),
        Binding("down", "to_list", "To the list", show=False),
    ]

    def __init__(self, words: str = "") -> None:
        super().__init__()
        self.words = words
        self.found: list[reader.Found] = []

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = "Find in the playbook"
            box.border_subtitle = "type words · ↓ list · enter open · esc cancel"
            yield Input(self.words, placeholder="Words to find, e.g. due diligence", id="find-words")
            yield Static("", id="find-status")
            yield OptionList(id="find-list")

    def on_mount(self) -> None:
        self._fill(self.words)
        self.query_one("#find-words", Input).focus()

    def _fill(self, words: str) -> None:
        self.found = reader.find(playbook.load(), words)
        options = self.query_one("#find-list", OptionList)
        options.clear_options()
        options.add_options(
            Option(hang(Text(f"{hit.title}  ", style="dim"), Text(hit.text)), id=str(n))  # Text: never markup
            for n, hit in enumerate(self.found[:SHOWN])
        )
        options.highlighted = 0 if self.found else None
        status = self.query_one("#find-status", Static)
        if not words.split():
            status.update("")
        elif not self.found:
            status.update("Nothing in the playbook holds all these words.")
        else:
            more = f" (the first {SHOWN} shown)" if len(self.found) > SHOWN else ""
            status.update(f"{plural(len(self.found), 'line')}{more}")

    @on(Input.Changed, "#find-words")
    def _typed(self, event: Input.Changed) -> None:
        self._fill(event.value)

    @on(Input.Submitted, "#find-words")
    def _submitted(self) -> None:
        options = self.query_one("#find-list", OptionList)
        if options.highlighted is not None:
            self.dismiss(self.found[options.highlighted])

    @on(OptionList.OptionSelected, "#find-list")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.found[event.option_index])

    def action_to_list(self) -> None:
        self.query_one("#find-list", OptionList).focus()

    def action_cancel(self) -> None:
        self.dismiss(None)
