"""A modal form: a framed box with fields, an inline error line, Save and Cancel.

Subclasses yield their fields from ``compose_fields`` and turn them into a
value in ``collect`` (raising CtoError with one plain line when something is
off: it is shown under the fields and nothing is returned). Ctrl+S or the Save
button dismisses with the value; Escape or Cancel dismisses with None.
"""

from __future__ import annotations

from typing import ClassVar, Generic, TypeVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from ctotui.core.errors import CtoError

T = TypeVar("T")


class FormBox(VerticalScroll, can_focus=False):
    """The form's frame: scrolls when the terminal is short, never takes a tab stop."""


class FormDialog(ModalScreen[T], Generic[T]):
    DEFAULT_CSS = """
    FormDialog { align: center middle; }
    FormDialog > #form { width: 88; max-width: 96%; height: auto; max-height: 96%;
        border: round $primary; background: $surface; padding: 0 1; }
    FormDialog .intro { color: $text-muted; margin-bottom: 1; }
    FormDialog .label { color: $text-muted; margin-top: 1; }
    FormDialog .form-row { height: 1; margin-top: 1; }
    FormDialog .form-row > .row-label { width: 16; color: $text-muted; }
    FormDialog .form-row > Input, FormDialog .form-row > Select { width: 1fr; }
    FormDialog #form-error { color: $error; height: auto; margin-top: 1; display: none; }
    FormDialog #form-buttons { height: auto; align-horizontal: right; margin-top: 1; }
    FormDialog #form-buttons > Button { margin-left: 1; min-width: 12; }
    """
    BINDINGS: ClassVar = [
        Binding("ctrl+s", "save", "Save", tooltip="Save and close"),
        Binding("escape", "cancel", "Cancel", tooltip="Close without saving"),
    ]
    AUTO_FOCUS = "Input, TextArea, RadioSet"
    TITLE_TEXT: ClassVar[str] = ""
    SAVE_LABEL: ClassVar[str] = "Save"
    CANCEL_LABEL: ClassVar[str] = "Cancel"

    def compose(self) -> ComposeResult:
        with FormBox(id="form") as box:
            box.border_title = self.title_text()
            box.border_subtitle = "ctrl+s save · esc cancel"
            yield from self.compose_fields()
            yield Static("", id="form-error")
            with Horizontal(id="form-buttons"):
                yield Button(self.CANCEL_LABEL, id="cancel")
                yield Button(self.SAVE_LABEL, id="save", variant="primary")

    def title_text(self) -> str:
        return self.TITLE_TEXT

    def compose_fields(self) -> ComposeResult:  # pragma: no cover - overridden
        yield from ()

    def collect(self) -> T:  # pragma: no cover - overridden
        raise NotImplementedError

    def show_error(self, message: str) -> None:
        error = self.query_one("#form-error", Static)
        error.update(Content(message))
        error.display = bool(message)

    def action_save(self) -> None:
        try:
            value = self.collect()
        except CtoError as exc:
            self.show_error(str(exc))
            return
        self.dismiss(value)

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_save()


def row(label: str, widget) -> Horizontal:
    """One line of a form: a label on the left, the field on the right."""
    return Horizontal(Static(label, classes="row-label"), widget, classes="form-row")
