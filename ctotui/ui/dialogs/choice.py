"""A question with a few answers, one button each: ``ChoiceDialog[str]`` dismisses with the answer's key.

Each answer can be chosen with its button, with tab (or the arrows) and enter, or
with the first letter of its label; escape gives the last answer (the safe one).
"""

from __future__ import annotations

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static


class ChoiceDialog(ModalScreen[str]):
    DEFAULT_CSS = """
    ChoiceDialog { align: center middle; }
    ChoiceDialog > Vertical {
        width: 64; max-width: 95%; height: auto; padding: 1 2;
        border: round $warning; background: $surface;
    }
    ChoiceDialog .question { margin-bottom: 1; }
    ChoiceDialog .detail { color: $text-muted; margin-bottom: 1; }
    ChoiceDialog Horizontal { height: auto; align-horizontal: right; }
    ChoiceDialog Button { margin-left: 1; min-width: 10; }
    """
    BINDINGS = [
        Binding("escape", "choose_last", "Cancel", show=False),
        Binding("left", "app.focus_previous", "The answer before", show=False),
        Binding("right", "app.focus_next", "The answer after", show=False),
    ]

    def __init__(
        self,
        question: str,
        choices: list[tuple[str, str]],
        *,
        detail: str = "",
        title: str = "",
        safe: str | None = None,
    ) -> None:
        """``choices``: (key, label) in order. Enter gives the first and escape the last, unless
        ``safe`` names the answer both give: a question whose other answer drops typed text names
        its safe one, so that neither enter nor escape drops it unasked."""
        super().__init__()
        self.question = question
        self.choices = choices
        self.detail = detail
        self.dialog_title = title
        self.default = safe if safe is not None else choices[0][0]  # focused: enter gives it
        self.escape = safe if safe is not None else choices[-1][0]

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = Content(self.dialog_title)  # plain text, never markup
            yield Static(Content(self.question), classes="question")
            if self.detail:
                yield Static(Content(self.detail), classes="detail")
            with Horizontal():
                for key, label in self.choices:
                    yield Button(
                        Content(label),
                        id=f"choice-{key}",
                        variant="primary" if key == self.default else "default",
                        compact=False,
                    )

    def on_mount(self) -> None:
        self.query_one(f"#choice-{self.default}", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss((event.button.id or "").removeprefix("choice-"))

    def on_key(self, event: events.Key) -> None:
        if event.character and event.character.isalpha():
            for key, label in self.choices:
                if label[:1].lower() == event.character.lower():
                    event.stop()
                    self.dismiss(key)
                    return

    def action_choose_last(self) -> None:
        self.dismiss(self.escape)
