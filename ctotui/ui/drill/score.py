"""Scoring an answer on the playbook's rubric: six general criteria, then the
category's own signals (``Playbook.criteria_for``), 0, 1 or 2 each.

Each score's one-line description is shown. Keys 0/1/2 score the focused
criterion and move to the next; arrows and enter work as in any radio list.
The totals, the rating they map to (core/rubric.py: the lower of the two) and
when the question would come back are shown as the scores are given. ctrl+s
saves; the dialog returns (general scores, category scores). Scores given before (a save that
failed) come back ticked. It opens at its top: the question (and the answer a partner scores) first.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, RadioButton, RadioSet, Static

from ctotui.core import playbook
from ctotui.core.dates import until
from ctotui.core.drill.realism import criteria_for
from ctotui.core.rubric import MAX_SCORE, MAX_TOTAL, Rating, overtime_cap, rating_for
from ctotui.ui.widgets.ticks import Radio
from ctotui.ui.widgets.timer import clock_text

RATING_WORDS = {
    Rating.Again: "Again: not there yet",
    Rating.Hard: "Hard: the bones are there",
    Rating.Good: "Good: ready to give",
    Rating.Easy: "Easy: a strong answer",
}
SIGNAL_SCORES = ("not there", "partly")  # a category criterion's 0 and 1; its 2 is its own summary

Scored = tuple[dict[str, int], dict[str, int]]  # (general rubric scores, the category criteria's scores)


class ScoreAnswer(ModalScreen[Scored | None]):
    DEFAULT_CSS = """
    ScoreAnswer { align: center middle; }
    ScoreAnswer > Vertical { width: 110; max-width: 98%; height: 95%; border: round $primary; background: $surface; }
    ScoreAnswer #rubric { height: 1fr; padding: 0 1; }
    ScoreAnswer .question { color: $text-muted; }
    ScoreAnswer .criterion { margin-top: 1; }
    ScoreAnswer .signals { margin-top: 1; text-style: bold; color: $text-accent; }
    ScoreAnswer RadioSet { border: none; border-left: blank; width: 100%; padding: 0; background: $surface; }
    ScoreAnswer RadioSet:focus { border: none; border-left: thick $accent; background: $boost; }
    ScoreAnswer RadioButton { width: 100%; height: auto; text-wrap: wrap; }
    ScoreAnswer #outcome { height: auto; padding: 0 1; border-top: solid $primary; }
    ScoreAnswer #buttons { height: auto; align-horizontal: right; padding: 0 1; }
    ScoreAnswer #buttons Button { margin-left: 2; }
    """
    # Not Textual's AUTO_FOCUS, nor focus(): both scroll to the radio set focused, and the partner's
    # rubric, with the answer above its first criterion, opened scrolled past the question and the
    # answer being scored. It opens at its top; a criterion further down scrolls in as it is reached.
    AUTO_FOCUS = ""
    BINDINGS = [
        Binding("0", "score(0)", "Score 0", tooltip="Score the focused criterion 0 and go to the next"),
        Binding("1", "score(1)", "Score 1", tooltip="Score the focused criterion 1 and go to the next"),
        Binding("2", "score(2)", "Score 2", tooltip="Score the focused criterion 2 and go to the next"),
        Binding("ctrl+s", "save", "Save score", tooltip="Save the attempt and schedule the question"),
        Binding("escape", "cancel", "Back to the answer", tooltip="Go back to the answer; the timer runs on"),
    ]

    def __init__(
        self,
        question: str,
        seconds: int,
        limit: int,
        preview: Callable[[Rating], datetime] | None = None,
        *,
        category: str | None = None,
        given: Scored | None = None,
    ) -> None:
        super().__init__()
        self.question = question
        self.given = {**given[0], **given[1]} if given else {}  # scores to show ticked as it opens
        self.seconds = seconds
        self.limit = limit
        self.preview = preview
        self.criteria = playbook.load().rubric
        self.category = category
        self.signals = criteria_for(category) if category else ()  # the category's own, then the shared
        self.ids = [c.id for c in self.criteria] + [c.id for c in self.signals]

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            over = self.seconds - self.limit
            timing = f"{clock_text(self.seconds)} of {clock_text(self.limit)}"
            box.border_title = "Score your answer"
            box.border_subtitle = timing + (f" · {clock_text(over)} over" if over > 0 else " · in time")
            with VerticalScroll(id="rubric"):
                yield Static(Content(self.question), classes="question")
                for c in self.criteria:
                    yield Static(Content.assemble(c.name, " ", (f"· {c.summary}", "dim")), classes="criterion")
                    with RadioSet(id=f"c-{c.id}", name=c.id):
                        for score, text in enumerate(c.scores):
                            yield Radio(Content(f"{score}  {text}"))
                if self.signals and self.category:
                    name = playbook.load().interview_category(self.category).name
                    yield Static(Content(f"What {name} listens for"), classes="signals")
                for signal in self.signals:
                    yield Static(Content(signal.name), classes="criterion")
                    with RadioSet(id=f"c-{signal.id}", name=signal.id):
                        for score, text in enumerate((*SIGNAL_SCORES, signal.summary)):
                            yield Radio(Content(f"{score}  {text}"))
            yield Static(id="outcome")
            with Horizontal(id="buttons"):
                yield Button("Back to the answer", id="cancel", action="screen.cancel")
                yield Button("Save (ctrl+s)", id="save", variant="primary", action="screen.save")

    def on_mount(self) -> None:
        for radio in self._sets():
            if radio.name in self.given:
                radio.query_children(RadioButton)[self.given[radio.name]].value = True
        first = next((r for r in self._sets() if r.name not in self.given), None)
        # every criterion scored already (a save that failed): the save button, ctrl+s or enter saves
        self.set_focus(first or self.query_one("#save", Button), scroll_visible=False)
        self._show_outcome()

    def _sets(self) -> list[RadioSet]:
        """The criteria's radio sets, in order: the general rubric's, then the category's."""
        return [self.query_one(f"#c-{i}", RadioSet) for i in self.ids]

    def scores(self) -> dict[str, int]:
        """The scores given so far (criteria not scored yet are left out)."""
        found = {}
        for radio in self._sets():
            if radio.pressed_index >= 0 and radio.name:
                found[radio.name] = radio.pressed_index
        return found

    @on(RadioSet.Changed)
    def _changed(self) -> None:
        self._show_outcome()

    def split(self, scores: dict[str, int]) -> Scored:
        general = {c.id: scores[c.id] for c in self.criteria if c.id in scores}
        return general, {c.id: scores[c.id] for c in self.signals if c.id in scores}

    def _show_outcome(self) -> None:
        scores = self.scores()
        missing = len(self.ids) - len(scores)
        general, signals = self.split(scores)
        total, signal_total, signal_max = sum(general.values()), sum(signals.values()), MAX_SCORE * len(self.signals)
        parts: list[str | tuple[str, str]] = [(f"Total {total}/{MAX_TOTAL}", "b")]
        if signal_max:
            parts += [" · signals ", (f"{signal_total}/{signal_max}", "b")]
        if missing:
            cap = overtime_cap(self.seconds, self.limit)
            note = "" if cap is Rating.Easy else f" · over time: at most {cap.name}"
            parts.append(f" · {missing} to score{note} · keys 0 1 2 score the focused criterion")
        else:
            rating = rating_for(total, self.seconds, self.limit, signal_total, signal_max)
            parts += [" → ", (RATING_WORDS[rating], "b")]
            if self.preview is not None:
                parts.append(f" · comes back {until(self.preview(rating))}")
        line = Content.assemble(*parts)
        self.query_one("#outcome", Static).update(line)

    def action_score(self, value: int) -> None:
        focused = self.focused
        radio = focused if isinstance(focused, RadioSet) else None
        if radio is None:
            radio = next((r for r in self._sets() if r.pressed_index < 0), None)
        if radio is None:
            return
        radio.query_children(RadioButton)[value].value = True
        sets = self._sets()
        index = sets.index(radio)
        if index + 1 < len(sets):
            sets[index + 1].focus()
        else:
            self.query_one("#save", Button).focus()

    def action_save(self) -> None:
        scores = self.scores()
        names = [c.name for c in self.criteria] + [c.name for c in self.signals]
        missing = [(i, name) for i, name in zip(self.ids, names, strict=True) if i not in scores]
        if missing:
            shown = ", ".join(name for _, name in missing)
            self.notify(f"Score every criterion first: {shown}", severity="warning", markup=False)
            self.query_one(f"#c-{missing[0][0]}", RadioSet).focus()
            return
        self.dismiss(self.split(scores))

    def action_cancel(self) -> None:
        self.dismiss(None)
