"""The drill's forms: a question of one's own (add or edit), and the settings."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Input, Select, Static

from ctotui.core import playbook
from ctotui.core.drill import bank as drill
from ctotui.core.drill import settings as drill_settings
from ctotui.core.errors import CtoError
from ctotui.ui.appdb import db_of
from ctotui.ui.dialogs.form import FormDialog


class QuestionForm(FormDialog[drill.Question]):
    """Add a question (``question`` None) or change one's wording or category."""

    FIRST_FIELD = "#text"

    def __init__(self, question: drill.Question | None = None, category: str | None = None) -> None:
        super().__init__()
        self.question = question
        self.category = question.category if question else category
        if question is None:
            self.writes_with(lambda got: drill.add_question(db_of(self), *got))
        else:  # a compare-and-set: an edit made elsewhere meanwhile is shown, never overwritten unseen
            self.writes_with(self._edit, expected=question, show=lambda q: self.describe((q.category, q.text)))

    def _edit(self, got: tuple[str, str], expected: drill.Question) -> drill.Question:
        category, text = got
        return drill.edit_question(db_of(self), expected.id, text=text, category=category, expected=expected)

    def describe(self, value: tuple[str, str]) -> str:  # type: ignore[override]  # what collect gives (see there)
        category, text = value
        return f"“{text}” ({playbook.load().interview_category(category).name})"

    def title_text(self) -> str:
        return "Edit the question (its schedule stays)" if self.question else "Add a question of your own"

    def compose_fields(self) -> ComposeResult:
        options = [(ic.name, ic.slug) for ic in playbook.load().interview]
        yield Static("Category", classes="label")
        yield Select(options, value=self.category or Select.NULL, allow_blank=self.category is None, id="category")
        yield Static("Question", classes="label")
        yield Input(
            self.question.text if self.question else "",
            placeholder="How would you…?",
            id="text",
        )

    def collect(self) -> tuple[str, str]:  # type: ignore[override]  # saved by writes_with: a Question
        category = self.query_one("#category", Select).value
        if category is Select.NULL:
            raise CtoError("choose a category")
        return str(category), self.query_one("#text", Input).value


class DrillSettingsForm(FormDialog[drill_settings.DrillSettings]):
    """The drill's settings, filled from ``current`` (read by the opener in a worker)."""

    TITLE_TEXT = "Drill settings"

    def __init__(self, current: drill_settings.DrillSettings) -> None:
        super().__init__()
        self.current = current

    def selects_on_focus(self, line: Input) -> bool:
        """Every field is a number: entering one selects it, so "10" typed over "7" is 10, not 710."""
        return True

    def compose_fields(self) -> ComposeResult:
        current = self.current
        low, high = drill_settings.SESSION_SIZE_RANGE
        yield Static(f"Questions per session ({low}–{high}): a backlog waits for the next session", classes="label")
        # plain text, checked on save: an integer field dropped the "." of "15.5" as it was typed (155)
        yield Input(str(current.session_size), id="size")
        low, high = drill_settings.TIMER_RANGE
        for ic in playbook.load().interview:
            yield Static(f"Timer for “{ic.name}”, in seconds ({low}–{high})", classes="label")
            yield Input(str(current.timer_seconds[ic.slug]), id=f"timer-{ic.slug}")
        low, high = drill_settings.FOLLOW_UP_RANGE
        yield Static(f"Timer for the follow-up challenge after each answer, in seconds ({low}–{high})", classes="label")
        yield Input(str(current.follow_up_seconds), id="follow-up")

    def collect(self) -> drill_settings.DrillSettings:
        db = db_of(self)

        def number(widget_id: str, what: str) -> int:
            value = self.query_one(f"#{widget_id}", Input).value.strip()
            if not value.lstrip("-").isdigit():
                raise CtoError(f"{what} must be a whole number, not {value!r}" if value else f"{what} is empty")
            return int(value)

        size = number("size", "the session size")
        timers = {ic.slug: number(f"timer-{ic.slug}", f"the timer for {ic.name}") for ic in playbook.load().interview}
        follow_up = number("follow-up", "the follow-up timer")
        with db.atomic():
            drill_settings.set_session_size(db, size)
            for slug, seconds in timers.items():
                drill_settings.set_timer_seconds(db, slug, seconds)
            drill_settings.set_follow_up_seconds(db, follow_up)
        return drill_settings.drill_settings(db)
