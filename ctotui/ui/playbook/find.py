"""Find in the playbook: type words, see every line that holds them with its section (the words
marked); enter opens the section at that line. Dismisses with the line found or None. Opened again
with the words last looked for and the line last opened, it highlights the line after it: ``/`` then
enter goes from match to match, as ``n`` does in less."""

from __future__ import annotations

from typing import ClassVar

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
from ctotui.ui.widgets.format_keys import ready_for_typed_ahead
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
    TAKES_TYPED_AHEAD: ClassVar[bool] = True  # the keys typed after the one that opened it wait for its field
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", tooltip="Close without opening a section"),
        Binding("down", "to_list", "To the list", show=False),
    ]

    def __init__(self, words: str = "", after: int | None = None) -> None:
        super().__init__()
        self.words = words  # as typed now
        self.after = after  # the index of the line last opened with these words
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
        ready_for_typed_ahead(self)

    def _fill(self, words: str) -> None:
        self.found = reader.find(playbook.load(), words)
        terms = words.split()
        options = self.query_one("#find-list", OptionList)
        options.clear_options()
        options.add_options(
            Option(hang(Text(f"{hit.title}  ", style="dim"), self.marked(hit.text, terms)), id=str(n))
            for n, hit in enumerate(self.found[:SHOWN])
        )
        shown = min(len(self.found), SHOWN)
        again = self.after is not None and shown > 0  # the same words: the line after the one opened
        options.highlighted = ((self.after or 0) + 1) % shown if again else 0 if shown else None
        status = self.query_one("#find-status", Static)
        if not words.split():
            status.update("")
        elif not self.found:
            status.update("Nothing in the playbook holds all these words.")
        else:
            more = f" (the first {SHOWN} shown)" if len(self.found) > SHOWN else ""
            nxt = " · enter opens the next" if again else ""
            status.update(f"{plural(len(self.found), 'line')}{more}{nxt}")

    @staticmethod
    def marked(text: str, terms: list[str]) -> Text:
        """The line as typed (Text: never markup), the words looked for in bold and underlined."""
        line = Text(text)
        line.highlight_words(terms, style="bold underline", case_sensitive=False)
        return line

    @on(Input.Changed, "#find-words")
    def _typed(self, event: Input.Changed) -> None:
        if event.value != self.words:
            self.words, self.after = event.value, None
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
