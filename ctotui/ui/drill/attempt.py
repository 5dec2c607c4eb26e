"""A past attempt: the question (and the brief it was asked with) on the left; the answer, the
follow-up and its reply, and the scores (general and the category's signals) on the right."""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from ctotui.core import clock, playbook
from ctotui.core.drill.bank import Attempt, Question
from ctotui.core.drill.realism import BRIEF_LABELS, criteria_for
from ctotui.ui.drill.steps import your_answer
from ctotui.ui.widgets.timer import clock_text


class AttemptView(ModalScreen[None]):
    DEFAULT_CSS = """
    AttemptView { align: center middle; }
    AttemptView > Vertical { width: 116; max-width: 98%; height: 90%; border: round $primary; background: $surface; }
    AttemptView Horizontal { height: 1fr; }
    AttemptView #left { width: 2fr; padding: 0 1; border-right: solid $primary; }
    AttemptView #right { width: 3fr; padding: 0 1; }
    """
    BINDINGS = [
        Binding("escape,enter", "dismiss", "Close", tooltip="Back to the list"),
        Binding("left,comma", "older", "Older", tooltip="The attempt before this one"),
        Binding("right,full_stop", "newer", "Newer", tooltip="The attempt after this one"),
    ]

    def __init__(self, question: Question, attempts: list[Attempt], index: int = 0) -> None:
        super().__init__()
        self.question = question
        self.attempts = attempts  # newest first
        self.index = index

    def compose(self) -> ComposeResult:
        with Vertical(id="box"):
            with Horizontal():
                yield VerticalScroll(Static(id="question"), id="left")
                yield VerticalScroll(Static(id="answer"), id="right")

    def on_mount(self) -> None:
        self._show()

    def _show(self) -> None:
        a = self.attempts[self.index]
        box = self.query_one("#box")
        when = clock.local(a.created_at).strftime("%Y-%m-%d %H:%M")
        box.border_title = f"Attempt {len(self.attempts) - self.index} of {len(self.attempts)} · {when}"
        box.border_subtitle = "← older · → newer · esc closes"
        ic = playbook.load().interview_category(self.question.category)
        text = Text.assemble((ic.name, "bold"), "\n\n", a.question_text)
        if a.question_text != self.question.text:
            text.append(f"\n\nNow worded: {self.question.text}", style="dim")
        scenario = a.scenario()
        if scenario:
            text.append(f"\n\nBrief: {scenario.get('name', '')}", style="bold")
            for key, label in BRIEF_LABELS.items():
                if scenario.get(key):
                    text.append(f"\n{label}: ", style="dim")
                    text.append(scenario[key])
        self.query_one("#question", Static).update(text)
        table = Table.grid(padding=(0, 1))
        for c in playbook.load().rubric:
            score = a.scores.as_dict()[c.id]
            table.add_row(Text(str(score), style="bold"), Text(c.name), Text(c.scores[score], style="dim"))
        time_text = f"{clock_text(a.seconds)} of {clock_text(a.limit_seconds)}"
        head = Text.assemble((f"{a.score_text} · {a.rating.name}", "bold"), f" · {time_text}")  # never the rubric alone
        if a.overtime:
            head.append(" · over time")
        parts = [head, Text(""), your_answer(a), Text(""), table]
        if a.criteria_scores:
            names = {c.id: c.name for c in criteria_for(self.question.category)}
            signals = Table.grid(padding=(0, 1))
            for cid, score in a.criteria_scores.items():
                signals.add_row(Text(str(score), style="bold"), Text(names.get(cid, cid)))
            heading = f"\nThe category's signals: {a.criteria_total}/{a.criteria_max}"
            parts += [Text(heading, style="bold"), signals]
        self.query_one("#answer", Static).update(Group(*parts))

    def action_older(self) -> None:
        if self.index + 1 < len(self.attempts):
            self.index += 1
            self._show()

    def action_newer(self) -> None:
        if self.index > 0:
            self.index -= 1
            self._show()
