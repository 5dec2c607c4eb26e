"""A small modal form: fields, a Save and a Cancel, and an inline error line.

Subclasses yield their fields in ``compose_fields`` and implement
``submit()``, which calls core and returns the value to dismiss with; a
``CtoError`` it raises is shown under the fields and the form stays open, so
nothing typed is lost.
"""

from __future__ import annotations

from typing import Generic, TypeVar

from rich.markup import escape
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from ctotui.core.errors import CtoError

T = TypeVar("T")


class FormDialog(ModalScreen[T | None], Generic[T]):
    DEFAULT_CSS = """
    FormDialog { align: center middle; }
    FormDialog > Vertical { width: 90; max-width: 95%; height: auto; border: round $primary; background: $surface;
                            padding: 0 1; }
    FormDialog .label { margin-top: 1; color: $text-muted; }
    FormDialog #error { color: $error; height: auto; margin-top: 1; }
    FormDialog #buttons { height: auto; align-horizontal: right; margin-top: 1; }
    FormDialog #buttons Button { margin-left: 2; }
    """
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", tooltip="Save and close"),
        Binding("escape", "cancel", "Cancel", tooltip="Close without saving"),
    ]
    FORM_TITLE = "Form"

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = self.FORM_TITLE
            box.border_subtitle = "ctrl+s saves · esc cancels"
            yield from self.compose_fields()
            yield Static(id="error")
            with Horizontal(id="buttons"):
                yield Button("Cancel", id="cancel")
                yield Button("Save", id="save", variant="primary")

    def compose_fields(self) -> ComposeResult:  # pragma: no cover - overridden
        yield from ()

    def submit(self) -> T:  # pragma: no cover - overridden
        raise NotImplementedError

    def action_save(self) -> None:
        try:
            value = self.submit()
        except CtoError as exc:
            self.query_one("#error", Static).update(escape(str(exc)))
            return
        self.dismiss(value)

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Input.Submitted)
    @on(Button.Pressed, "#save")
    def _save(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.action_cancel()
