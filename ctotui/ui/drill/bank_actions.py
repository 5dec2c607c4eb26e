"""The Questions tab's actions, a part of the drill's screen (ui/drill/screen.py's DrillScreen):
add a question, change or retire the highlighted one, and show its past attempts.

Each reads the highlighted question afresh in a worker, then opens its form or view; a change
is one short core write, then the screen reads its tabs again (``load``).
"""

from __future__ import annotations

from textual.widgets import DataTable, OptionList

from ctotui.core import playbook
from ctotui.core.drill import bank as drill
from ctotui.core.errors import CtoError
from ctotui.ui.base import AreaScreen
from ctotui.ui.drill.attempt import AttemptView
from ctotui.ui.drill.forms import QuestionForm
from ctotui.ui.readers import read_then_show


class BankActions(AreaScreen):
    """The bank's keys (a, e, x, v): DrillScreen is built on it, and binds them."""

    def _with_highlighted(self, then, *, tries: bool = False) -> None:
        """Read the bank's highlighted question (and its attempts with ``tries``) in a worker, then ``then(...)``."""
        table = self.query_one("#bank-table", DataTable)
        if not table.row_count:
            return
        question_id = int(str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value))

        def read(db):
            q = drill.get_question(db, question_id)
            return (q, drill.attempts(db, question_id=q.id, limit=200)) if tries else (q,)

        read_then_show(self, read, lambda got: then(*got), group="highlighted")

    def action_add_question(self) -> None:
        choices = self.query_one("#choices", OptionList)
        highlighted = choices.get_option_at_index(choices.highlighted).id if choices.highlighted is not None else None
        category = highlighted if highlighted in playbook.INTERVIEW_CATEGORIES else None

        def added(q: drill.Question | None) -> None:
            if q is not None:
                name = playbook.load().interview_category(q.category).name  # the name, not the slug
                self.notify(f"Added question {q.ref} to {name}", markup=False)
                self.load()

        self.app.push_screen(QuestionForm(category=category), added)

    def action_edit_question(self) -> None:
        self._with_highlighted(self._edit_question)

    def _edit_question(self, q: drill.Question) -> None:
        def edited(changed: drill.Question | None) -> None:
            if changed is not None:
                self.notify("Question changed; its schedule and history stay.")
                self.load()

        self.app.push_screen(QuestionForm(q), edited)

    def action_retire_question(self) -> None:
        self._with_highlighted(self._retire_question)

    def _retire_question(self, q: drill.Question) -> None:
        try:
            if q.retired:
                drill.restore_question(self.db, q.id)
                self.notify("Question back in practice")
            else:
                drill.retire_question(self.db, q.id)
                self.notify("Question retired: it is no longer asked (x again brings it back)")
        except CtoError as exc:
            self.notify(str(exc), severity="error", markup=False)
        self.load()

    def action_history(self) -> None:
        self._with_highlighted(self._history, tries=True)

    def _history(self, q: drill.Question, tries: list) -> None:
        if not tries:
            self.notify("No attempt at this question yet: enter practises it.")
            return
        self.app.push_screen(AttemptView(q, tries))
