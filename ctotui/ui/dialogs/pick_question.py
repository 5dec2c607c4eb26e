"""Pick an interview question: type to narrow, enter picks. Dismisses with its id or None.

The journal uses it to link an achievement to a question as a story:
``push_screen(QuestionPicker(exclude=...), callback)``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

from ctotui.core import playbook
from ctotui.core.drill import bank as drill
from ctotui.core.drill.stories import link_story, questions_for_story
from ctotui.core.errors import CtoError
from ctotui.core.plural import plural
from ctotui.ui.appdb import db_of
from ctotui.ui.readers import read_then_show
from ctotui.ui.widgets.format_keys import ready_for_typed_ahead
from ctotui.ui.widgets.hanging import hang


class QuestionPicker(ModalScreen[int | None]):
    DEFAULT_CSS = """
    QuestionPicker { align: center middle; }
    QuestionPicker > Vertical { width: 100; max-width: 98%; height: 34; max-height: 98%;
        border: round $primary; background: $surface; padding: 0 1; }
    QuestionPicker #pick-q-search { margin-top: 1; }
    QuestionPicker OptionList { height: 1fr; border: none; scrollbar-gutter: stable; }  /* measured at the width drawn */
    """
    TAKES_TYPED_AHEAD: ClassVar[bool] = True  # the keys typed after the one that opened it wait for its field
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", tooltip="Close without picking"),
        Binding("down", "to_list", "To the list", show=False),
    ]

    def __init__(self, *, title: str = "Pick an interview question", exclude: frozenset[int] = frozenset()) -> None:
        super().__init__()
        self.picker_title = title
        self.exclude = exclude
        self.questions: list[drill.Question] = []  # read in a worker once the dialog is up

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = Content(self.picker_title)  # plain text, never markup
            box.border_subtitle = "type to narrow · ↓ list · enter pick · esc cancel"
            yield Input(placeholder="Words of the question", id="pick-q-search")
            yield OptionList(id="pick-q-list")

    def on_mount(self) -> None:
        read_then_show(self, drill.list_questions, self._listed, group="questions")
        self.query_one("#pick-q-search", Input).focus()
        ready_for_typed_ahead(self)

    def _listed(self, questions: list[drill.Question]) -> None:
        self.questions = [q for q in questions if q.id not in self.exclude]
        self._fill(self.query_one("#pick-q-search", Input).value)

    def _fill(self, text: str) -> None:
        words = text.lower().split()
        options = self.query_one("#pick-q-list", OptionList)
        options.clear_options()
        for ic in playbook.load().interview:
            found = [q for q in self.questions if q.category == ic.slug and all(w in q.text.lower() for w in words)]
            if found:
                options.add_option(Option(Text(ic.name, style="bold"), disabled=True))
                options.add_options(
                    [Option(hang("  ", Text(q.text)), id=str(q.id)) for q in found]
                )  # wrapped under itself
        first = next((i for i in range(options.option_count) if not options.get_option_at_index(i).disabled), None)
        options.highlighted = first

    @on(Input.Changed, "#pick-q-search")
    def _typed(self, event: Input.Changed) -> None:
        self._fill(event.value)

    @on(Input.Submitted, "#pick-q-search")
    def _submitted(self) -> None:
        options = self.query_one("#pick-q-list", OptionList)
        if options.highlighted is not None:
            self.dismiss(int(options.get_option_at_index(options.highlighted).id or 0) or None)

    @on(OptionList.OptionSelected, "#pick-q-list")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(int(event.option.id) if event.option.id else None)

    def action_to_list(self) -> None:
        self.query_one("#pick-q-list", OptionList).focus()

    def action_cancel(self) -> None:
        self.dismiss(None)


def story_line(count: int) -> Text:
    """One line for the journal's detail pane: how many interview questions tell this achievement
    (``len(questions_for_story(db, id))``, read by the screen's worker)."""
    if not count:
        return Text("Not a story in the drill yet: l links it to an interview question", style="dim")
    return Text.assemble(f"Story for {plural(count, 'interview question')} ", ("(l links another)", "dim"))


def link_from_journal(screen, achievement_id: int, after: Callable[[], None]) -> None:
    """Pick a question and link the achievement to it as a story; ``after`` runs once linked."""
    db = db_of(screen)

    def picked(question_id: int | None) -> None:
        if question_id is None:
            return
        try:
            link_story(db, question_id, achievement_id)
        except CtoError as exc:
            screen.notify(str(exc), severity="error", markup=False)
            return
        after()

        def told(q: drill.Question) -> None:
            screen.notify(f"Linked as a story to: {q.text}", title="Drill", markup=False)

        read_then_show(screen, lambda rdb: drill.get_question(rdb, question_id), told, group="linked")

    def pick(exclude: frozenset[int]) -> None:
        screen.app.push_screen(QuestionPicker(title="Tell it as a story for…", exclude=exclude), picked)

    read_then_show(screen, lambda rdb: frozenset(questions_for_story(rdb, achievement_id)), pick, group="link")
