"""Rate a skill area: the five level descriptions to choose from, and an optional note.

Opened by a key 1–5 with that level chosen, so rating is two keys (the digit,
then enter); the note is typed straight away if wanted. The description of the
chosen level is in front of you as you confirm, which is the point: a rating
is checked against words, not a feeling. Escape cancels without writing:
ratings are never deleted afterwards, so a mistyped digit must be stoppable here.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from ctotui.core import playbook
from ctotui.core.skills import stack as skills
from ctotui.core.skills.stack import AreaStatus
from ctotui.ui.dates import ago, short_date
from ctotui.ui.dialogs.form import FormDialog, row
from ctotui.ui.widgets.hanging import hang


class LevelPicker(OptionList):
    DEFAULT_CSS = """
    LevelPicker { height: auto; max-height: 20; border: round $border-blurred; padding: 0 1; margin-top: 1; }
    LevelPicker:focus { border: round $border; }
    """


class RateDialog(FormDialog[tuple[int, str]]):
    """Dismisses with (level, note), or None when cancelled."""

    # The levels and the note fit a 24-line terminal without scrolling: the note is one line, and
    # under 32 lines the levels list scrolls within itself (it keeps the chosen level in view).
    # Scrolled, the form would show the note and cut the intro and level 1 (tests/app/test_themes.py).
    DEFAULT_CSS = """
    RateDialog.-short LevelPicker { max-height: 12; }
    """
    VERTICAL_BREAKPOINTS = [(0, "-short"), (32, "-tall")]
    # priority: where the form is taller than the terminal (80×24), its scrolling container would
    # otherwise take ↑↓ and scroll instead of choosing the level the subtitle promises
    BINDINGS: ClassVar = [
        Binding(
            "up", "level(-1)", "Level down", show=False, priority=True, tooltip="Choose the level above in the list"
        ),
        Binding(
            "down", "level(1)", "Level up", show=False, priority=True, tooltip="Choose the level below in the list"
        ),
    ]
    FIRST_FIELD = "#note"

    def __init__(self, area: AreaStatus, level: int) -> None:
        super().__init__()
        self.area = area
        self.level = level if level in skills.LEVELS else 3

    def title_text(self) -> str:
        return f"Rate {self.area.name}"

    def compose_fields(self) -> ComposeResult:
        a = self.area
        if a.level is not None and a.rated_at:
            now = f"Now {a.level}, rated {short_date(a.rated_at)} ({ago(a.rated_at)})."
        else:
            now = "Not rated yet."
        yield Static(
            Content(f"{now} Choose the level that describes what you do today, not what you could do."),
            classes="intro",
        )
        options = []
        for n, text in enumerate(playbook.load().skill(a.skill).levels, start=1):
            mark = Text(f"{n} ", style="bold")
            body = Text(text)
            if n == a.level:
                body.append("  (now)", style="dim")
            options.append(Option(hang(mark, body), id=f"level:{n}"))
        yield LevelPicker(*options, id="levels")
        yield row("Note", Input(placeholder="optional: what shows this level, e.g. a win", id="note", compact=True))

    def on_mount(self) -> None:
        self.query_one("#form").border_subtitle = "enter save · ↑↓ level · esc cancel"
        self.query_one(LevelPicker).highlighted = self.level - 1

    def action_level(self, step: int) -> None:
        picker = self.query_one(LevelPicker)
        picker.highlighted = max(0, min(4, (picker.highlighted or 0) + step))

    @on(OptionList.OptionHighlighted, "#levels")
    def _chosen(self, event: OptionList.OptionHighlighted) -> None:
        self.level = event.option_index + 1

    @on(OptionList.OptionSelected, "#levels")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self.level = event.option_index + 1
        self.action_save()

    def collect(self) -> tuple[int, str]:
        return self.level, skills.clean_note(self.query_one("#note", Input).value)
