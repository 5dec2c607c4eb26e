"""The timeline's forms: answer a stage question, add or edit a plan item, answer a self-check."""

from __future__ import annotations

from datetime import date
from typing import Any

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Input, RadioSet, Select, Static, TextArea

from ctotui.core import playbook
from ctotui.core.dates import parse_day
from ctotui.core.errors import CtoError
from ctotui.core.plural import plural
from ctotui.core.timeline import plan as plan_core
from ctotui.core.timeline import selfcheck
from ctotui.core.timeline.stages import Answer, QuestionState
from ctotui.ui.appdb import db_of
from ctotui.ui.dates import ago, short_date
from ctotui.ui.dialogs.form import DateRow, FormDialog, row
from ctotui.ui.drafts import DraftKeeper
from ctotui.ui.readers import read_then_show
from ctotui.ui.widgets.long_text import LongText
from ctotui.ui.widgets.ticks import Radio

HISTORY_SHOWN = 5


def _history(lines: list[str]) -> Static:
    return Static(Content("\n".join(lines)), classes="history")  # user text: never markup


class AnswerDialog(FormDialog[str]):
    """Write a new dated answer to a stage question; earlier answers are shown and kept."""

    DEFAULT_CSS = """
    AnswerDialog #answer { height: 8; margin-top: 1; }
    AnswerDialog .question { text-style: bold; }
    AnswerDialog .history { color: $text-muted; margin-top: 1; height: auto; }
    """

    def __init__(self, question: QuestionState, earlier: list[Answer]) -> None:
        super().__init__()
        self.question = question
        self.earlier = earlier
        self.keeper: DraftKeeper | None = None

    def title_text(self) -> str:
        return "Ask yourself"

    def compose_fields(self) -> ComposeResult:
        yield Static(Content(self.question.text), classes="question")
        note = Static("", id="draft-note", classes="intro")
        note.display = False
        yield note
        yield LongText(self.latest, id="answer", soft_wrap=True)
        if self.earlier:
            lines = ["Earlier answers (kept; saving adds a new dated one):"]
            for a in self.earlier[:HISTORY_SHOWN]:
                lines.append(f"  {short_date(a.answered_at)}: {a.text}")
            if len(self.earlier) > HISTORY_SHOWN:
                lines.append(f"  … and {len(self.earlier) - HISTORY_SHOWN} more")
            yield _history(lines)

    def on_mount(self) -> None:
        area = self.query_one("#answer", TextArea)
        key = f"timeline:answer:{self.question.id}"
        self.keeper = DraftKeeper(self, db_of(self), key, self._draft)
        held = self.keeper.held_draft()
        area.focus()
        read_then_show(self, lambda db: held or DraftKeeper.read(db, key), self._draft_read, group="draft")

    def _draft_read(self, draft) -> None:
        """What was being typed here earlier (read in a worker), unless something is typed already
        (the latest answer the box opens with is not: a draft that added to it was lost)."""
        area = self.query_one("#answer", TextArea)
        if draft and draft.payload.get("text") and area.text in ("", self.latest):
            area.text = draft.payload["text"]
            note = self.query_one("#draft-note", Static)
            note.update(f"Restored what you were typing {ago(draft.updated_at)}.")
            note.display = True
            area.move_cursor(area.document.end)

    @property
    def latest(self) -> str:
        """The latest answer, which the box opens with ("" for a question not answered yet)."""
        return self.earlier[0].text if self.earlier else ""

    def _draft(self) -> dict[str, Any] | None:
        text = self.query_one("#answer", TextArea).text
        return {"text": text} if text.strip() and text.strip() != self.latest else None

    def on_text_area_changed(self) -> None:
        if self.keeper:
            self.keeper.changed()

    def collect(self) -> str:
        text = self.query_one("#answer", TextArea).text.strip()
        if not text:
            raise CtoError("write an answer first (esc leaves without saving)")
        return text  # the draft goes once the answer is saved (FormDialog.action_save)

    def action_cancel(self) -> None:
        if self.keeper:
            self.keeper.flush()
        super().action_cancel()


class PlanItemDialog(FormDialog[dict[str, Any]]):
    """Add an item of your own, or edit one. Dismisses {text, horizon, due}."""

    FIRST_FIELD = "#text"

    def __init__(
        self,
        item: plan_core.PlanItem | None = None,
        *,
        horizon: str | None = None,
        due_hints: dict[str, str] | None = None,
    ) -> None:
        super().__init__()
        self.item = item
        self.horizon = item.horizon if item else (horizon or playbook.HORIZONS[0])
        self.due_hints = due_hints or {}  # per horizon: what a blank due date means (due_hint)

    def title_text(self) -> str:
        return "Edit plan item" if self.item else "Add to your plan"

    def compose_fields(self) -> ComposeResult:
        item = self.item
        yield row("What", Input(item.text if item else "", placeholder="what you will do", id="text", compact=True))
        yield row(
            "Horizon",
            Select(
                [(h.name, h.slug) for h in playbook.load().plan],
                value=self.horizon,
                allow_blank=False,
                id="horizon",
                compact=True,
            ),
        )
        due = item.due.isoformat() if item and item.due_set and item.due else ""
        yield DateRow("Due", Input(due, placeholder="", id="due", compact=True), ahead=True)
        if item and item.source_id:
            yield Static("From the playbook's plan; your edits are kept.", classes="intro")

    def on_mount(self) -> None:
        self._placeholder()

    def on_select_changed(self) -> None:
        self._placeholder()

    def _placeholder(self) -> None:
        horizon = self.query_one("#horizon", Select).value
        hint = self.due_hints.get(horizon) if isinstance(horizon, str) else None
        self.query_one("#due", Input).placeholder = hint or "YYYY-MM-DD, or blank"

    def collect(self) -> dict[str, Any]:
        text = plan_core.parse_text(self.query_one("#text", Input).value)
        horizon = plan_core.parse_horizon(str(self.query_one("#horizon", Select).value))
        due_text = self.query_one("#due", Input).value.strip()
        due = parse_day(due_text, "due date", ahead=True) if due_text else None
        return {"text": text, "horizon": horizon, "due": due}

    def describe(self, value: dict[str, Any]) -> str:
        return describe_item(value["text"], value["horizon"], value["due"])


def due_hint(started: date, horizon: str, added: date | None, today: date, *, moved: bool = False) -> str:
    """What a blank due date means for an item counted from ``added`` (``plan.counts_from``: today
    for a new item or one moved to this horizon, the day of its move for an item moved there
    before (``moved``), None for a playbook item in its own), in words short enough for the field
    at 80 columns: the horizon's due date, which its heading in the plan shows, or, when that had
    passed on the day it counts from, the horizon's months from then (``plan.default_due``)."""
    due = plan_core.default_due(started, horizon, added)
    if due == plan_core.due_date(started, horizon):
        why = "the horizon's due date"
    else:
        months = plural(playbook.load().horizon(horizon).months, "month")
        since = "from today" if added == today else ("after the move" if moved else "after it was added")
        why = f"{months} {since}"
    return f"blank: {due.day} {due:%b %Y}, {why}"


def describe_item(text: str, horizon: str, due: date | None) -> str:
    """A plan item in words, for the two sides of an edit conflict."""
    return f"“{text}” · {playbook.load().horizon(horizon).name}" + (f" · due {due.isoformat()}" if due else "")


class CheckDialog(FormDialog[tuple[str, str]]):
    """Answer one self-check: yes / partly / no and a note. Dismisses (answer, note)."""

    FIRST_FIELD = "#answer"

    DEFAULT_CSS = """
    CheckDialog .question { text-style: bold; }
    CheckDialog .signs { height: auto; margin-top: 1; }
    CheckDialog RadioSet { layout: horizontal; height: auto; width: auto; margin-top: 1; border: none; }
    CheckDialog RadioButton { width: auto; margin-right: 2; }
    CheckDialog .history { color: $text-muted; margin-top: 1; height: auto; }
    """

    def __init__(self, check: selfcheck.SelfCheck, history: list[selfcheck.CheckAnswer]) -> None:
        super().__init__()
        self.check = check
        self.history = history

    def title_text(self) -> str:
        return selfcheck.KIND_TITLES[self.check.kind]

    def compose_fields(self) -> ComposeResult:
        c = self.check
        yield Static(Content(c.text), classes="question")
        if c.details:
            yield Static(Content("\n".join(f"• {d}" for d in c.details)), classes="signs")
        yield Static(selfcheck.KIND_PROMPTS[c.kind], classes="label")
        with RadioSet(id="answer"):
            for answer in selfcheck.ANSWERS:
                yield Radio(answer.capitalize(), value=answer == c.answer, id=f"answer-{answer}")
        yield row("Note", Input(c.note, placeholder="optional: what makes you say so", id="note", compact=True))
        if self.history:
            lines = ["Earlier:"] + [
                f"  {short_date(h.answered_at)}: {h.answer}" + (f" · {h.note}" if h.note else "")
                for h in self.history[:HISTORY_SHOWN]
            ]
            yield _history(lines)

    def collect(self) -> tuple[str, str]:
        pressed = self.query_one("#answer", RadioSet).pressed_button
        if pressed is None or not pressed.id:
            raise CtoError("choose yes, partly or no")
        return pressed.id.removeprefix("answer-"), self.query_one("#note", Input).value.strip()
