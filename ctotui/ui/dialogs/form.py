"""A modal form: a framed box with fields, an inline error line, Save and Cancel.

Subclasses yield their fields from ``compose_fields`` and turn them into a
value in ``collect`` (raising CtoError with one plain line when something is
off: it is shown under the fields and nothing is returned). Ctrl+S or the Save
button dismisses with the value; Escape or Cancel dismisses with None.

A form that writes saves inside itself: ``Form(...).writes_with(write)`` runs
``write(value)`` on ctrl+s and dismisses with its result only when it
worked. When the database refuses (StorageError) the form stays open with
its text, says so, and keeps its draft (``keeper``, held in memory if need
be); ctrl+s tries again, esc leaves. So no screen saves after the form has
gone, where a refusal would lose what was typed. An edit form passes the
row it shows as ``expected``: a row changed meanwhile is never overwritten
unseen (see ``writes_with``).

Escape never drops typed text unseen: a form that keeps a draft keeps it on
leaving (its ``action_cancel`` flushes it, or asks, as the achievement form);
a form without one asks before it drops what was typed or chosen since it
opened (``typed_since_open``: its fields' text and choices against what they
held once the form was first drawn). No field selects its text on focus: one
key must not replace a name or a title.

A form with its own look or flow overrides the hooks: ``compose_buttons``
(what stands under the fields), ``show_error`` (where a problem is said),
``show_problem`` (a user's error: say it, maybe focus the field at fault),
``kept_theirs`` (what to dismiss with when the user takes the other
version); ``ENTER_SAVES`` False when enter in a field must not save, and
``SAVE_AS_NEW`` to offer saving as a new row when the row went meanwhile.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar, Generic, TypeVar, cast

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, RadioSet, Select, Static, Switch, TextArea

from ctotui.core.dates import date_read
from ctotui.core.dbfile import check_not_importing
from ctotui.core.errors import Conflict, CtoError, StorageError
from ctotui.ui.appdb import db_of
from ctotui.ui.dialogs.choice import ChoiceDialog
from ctotui.ui.guard import NOT_SAVED, not_saved
from ctotui.ui.restyle import breakpoints_now
from ctotui.ui.widgets.format_keys import ready_for_typed_ahead

if TYPE_CHECKING:
    from ctotui.ui.drafts import DraftKeeper

T = TypeVar("T")
R = TypeVar("R")


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
    FormDialog .form-row > .date-read { width: auto; margin-left: 1; color: $text-muted; }
    FormDialog #form-error { color: $text-error; height: auto; margin-top: 1; display: none; }
    FormDialog #form-buttons { height: auto; align-horizontal: right; margin-top: 1; }
    FormDialog #form-buttons > Button { margin-left: 1; min-width: 12; }
    """
    BINDINGS: ClassVar = [
        Binding("ctrl+s", "save", "Save", tooltip="Save and close"),
        Binding("escape", "cancel", "Cancel", tooltip="Close without saving"),
    ]
    # The field focused as the form opens: the first that FIRST_FIELD matches, focused in on_mount.
    # Not Textual's AUTO_FOCUS: it scrolls to the field it focuses, measured in the first layout,
    # where the fields were wider than they are once the scrollbar shows; a form taller than the
    # terminal opened scrolled down to the field's top, the label above it out of sight (the drill
    # settings at 80×24). A form opens at its top; a field further down scrolls into view as it is reached.
    AUTO_FOCUS = ""
    FIRST_FIELD: ClassVar[str] = "Input, TextArea, RadioSet"
    TAKES_TYPED_AHEAD: ClassVar[bool] = True  # keys typed as it opens wait for it (``mark_as_opened``)
    TITLE_TEXT: ClassVar[str] = ""
    SAVE_LABEL = "Save"  # a dialog may set its own, per instance (the welcome)
    CANCEL_LABEL = "Cancel"
    ENTER_SAVES: ClassVar[bool] = True  # enter in an Input saves the form
    CONFLICT_QUESTION: ClassVar[str] = "This was changed elsewhere since you opened it."
    SAVE_AS_NEW: ClassVar[str] = ""  # a label: offer write(value, None) when the row was deleted meanwhile
    keeper: DraftKeeper | None = None  # a form that keeps a draft sets it
    # True while the form may still ask something before it is typed into (the achievement form: a
    # draft left here, restore it?); it then calls ready_for_typed_ahead itself once answered
    asks_first = False
    _write: Callable[..., Any] | None = None
    expected: Any = None  # the row the form edits, as last seen (compare-and-set)
    _show: Callable[[Any], str] = str
    _compares = False
    _opened_with: tuple[object, ...] | None = None  # the fields' text once first drawn (typed_since_open)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        breakpoints_now(self)  # a form with breakpoints (the achievement form) starts with its class

    def writes_with(
        self, write: Callable[..., R], *, expected: Any = None, show: Callable[[Any], str] = str
    ) -> FormDialog[R]:
        """Save with ``write(value)`` before closing; dismiss with what it returns.

        With ``expected`` (the row as the form opened it) the save is a
        compare-and-set, ``write(value, expected)``: when the row changed
        meanwhile (Conflict) the form shows both versions (``show(row)`` and
        ``describe(value)``) and asks: keep mine, take theirs, or go back."""
        self._write = write
        if expected is not None:
            self.expected, self._show, self._compares = expected, show, True
        return cast("FormDialog[R]", self)  # it now dismisses with what write returns, not what it collects

    def describe(self, value: T) -> str:
        """The collected value in words, next to the other version on a conflict."""
        return str(value)

    def selects_on_focus(self, line: Input) -> bool:
        """Whether entering ``line`` selects its text, so that what is typed replaces it. Never by
        default: one key must not replace what a field holds (a name, a title). A form says yes
        for a field that holds only what the app put there (a suggestion, a default); once its
        text is another, the field is the user's own (``_typed_in``)."""
        return False

    @on(Input.Changed)
    def _typed_in(self, event: Input.Changed) -> None:
        # an Input made with a value says so once mounted: that is still the app's text
        if event.input.select_on_focus and event.value != self._app_texts.get(event.input):
            event.input.select_on_focus = False

    def on_mount(self) -> None:
        self._app_texts: dict[Input, str] = {}  # what a field that selects on entering held as the form opened
        for line in self.query(Input):
            line.select_on_focus = self.selects_on_focus(line)
            if line.select_on_focus:
                self._app_texts[line] = line.value
        for field in self.query(self.first_field()):
            if field.focusable:
                self.set_focus(field, scroll_visible=False)
                break
        # after the subclasses' own on_mount (Textual runs the subclass's first), which may fill fields
        self.call_after_refresh(self.mark_as_opened)

    def first_field(self) -> str:
        """The selector of the field focused as the form opens (FIRST_FIELD unless a form chooses
        per instance: the achievement form's Number field for an entry without a number)."""
        return self.FIRST_FIELD

    def field_texts(self) -> tuple[object, ...]:
        """What every field holds, in order: the text of each Input and TextArea, the choice of each
        Select, check box, switch and radio set. What ``typed_since_open`` compares."""
        values: list[object] = []
        for field in self.query("Input, TextArea, Select, Checkbox, Switch, RadioSet"):
            if isinstance(field, TextArea):
                values.append(field.text)
            elif isinstance(field, RadioSet):
                values.append(field.pressed_index)
            elif isinstance(field, Input | Select | Checkbox | Switch):
                values.append(field.value)
        return tuple(values)

    def mark_as_opened(self) -> None:
        """Take the fields' text as what the form opened with (a form that fills its fields later,
        from a read, calls it again once they are filled). The keys typed after the one that opened
        the form, in the same burst, come now (ui/widgets/format_keys.py, ``TypeAhead``)."""
        self._opened_with = self.field_texts()
        if not self.asks_first:
            ready_for_typed_ahead(self)

    def typed_since_open(self) -> bool:
        """Whether any field holds other text, or another choice, than when the form was first drawn."""
        return self._opened_with is not None and self.field_texts() != self._opened_with

    def unsaved_text(self) -> str:
        """What quitting now would lose (the app asks first, ui/app.py): the form's title when it
        holds typed text and keeps no draft of it, else ''."""
        return self.title_text() if self.keeper is None and self.typed_since_open() else ""

    def compose(self) -> ComposeResult:
        with FormBox(id="form") as box:
            box.border_title = Content(self.title_text())  # it may name a person: plain text, never markup
            box.border_subtitle = "ctrl+s save · esc cancel"
            yield from self.compose_fields()
            yield from self.compose_buttons()

    def compose_buttons(self) -> ComposeResult:
        """The error line and the buttons (ids ``save`` and ``cancel``) under the fields."""
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
        if message:
            self.said_in_view(message)

    def said_in_view(self, message: str) -> None:
        """A form taller than the terminal (80×24) has its error line at its foot, under the fold
        unless scrolled there, and ctrl+s seemed to do nothing: the message is a notice then too.
        Decided from the scroll the box has now (its layout is done; the line's own place is not yet)."""
        if message.startswith(NOT_SAVED):
            return  # a refused save: not_saved (ui/guard.py) has said it as a notice already
        box = self.query_one(FormBox)
        if box.max_scroll_y > 0 and box.scroll_y < box.max_scroll_y:
            self.notify(message, title="Not saved", severity="error", markup=False)

    def show_problem(self, exc: CtoError) -> None:
        """A user's error on save (a bad field): said under the fields, the form stays open."""
        self.show_error(str(exc))

    def kept_theirs(self, theirs: Any) -> Any:
        """What the form dismisses with when the user takes the version saved elsewhere."""
        return theirs

    def action_save(self) -> None:
        mine = None
        try:
            value = mine = self.collect()
            if self._write is not None:
                check_not_importing(db_of(self))
                value = self._write(value, self.expected) if self._compares else self._write(value)
        except Conflict as exc:
            self._ask_conflict(exc, mine)
            return
        except StorageError as exc:
            self.show_error(not_saved(self, exc, draft=self.keeper is not None))
            if self.keeper is not None:
                self.keeper.flush()
            return
        except CtoError as exc:
            self.show_problem(exc)
            return
        if self.keeper is not None:
            self.keeper.discard()
        self.dismiss(value)

    def _ask_conflict(self, exc: Conflict, mine: Any) -> None:
        theirs = exc.theirs
        if theirs is None:
            detail = f"It was deleted meanwhile.\n\nYours: {self.describe(mine)}"
            choices = [("mine", self.SAVE_AS_NEW)] if self.SAVE_AS_NEW else []
            choices.append(("back", "Go back"))
        else:
            detail = f"Theirs: {self._show(theirs)}\n\nYours: {self.describe(mine)}"
            choices = [("mine", "Keep mine"), ("theirs", "Take theirs"), ("back", "Go back")]
        dialog = ChoiceDialog(self.CONFLICT_QUESTION, choices, detail=detail, title="Changed meanwhile")
        self.app.push_screen(dialog, lambda answer: self._conflict_answer(answer, theirs))

    def _conflict_answer(self, answer: str | None, theirs: Any) -> None:
        if answer == "mine":
            self.expected = theirs  # save over the version now seen (None: it went, SAVE_AS_NEW)
            self.action_save()
        elif answer == "theirs" and theirs is not None:
            if self.keeper is not None:
                self.keeper.discard()
            self.dismiss(self.kept_theirs(theirs))

    def action_cancel(self) -> None:
        """Escape or Cancel: leave; with text typed and no draft to keep it, ask first."""
        if self.keeper is not None or not self.typed_since_open():
            self.dismiss(None)
            return
        self.app.push_screen(
            ChoiceDialog(
                "Leave without saving what you typed?",
                [("back", "Back to the form"), ("leave", "Leave")],
                safe="back",  # enter and escape: back to the form
                detail="Nothing of it is kept: ctrl+s in the form saves it.",
                title="Leaving the form",
            ),
            self._leave_or_stay,
        )

    def _leave_or_stay(self, answer: str | None) -> None:
        if answer == "leave":
            self.dismiss(None)

    @on(Button.Pressed, "#save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()

    @on(Input.Submitted)
    def _submitted(self) -> None:
        if self.ENTER_SAVES:
            self.action_save()


def row(label: str, widget) -> Horizontal:
    """One line of a form: a label on the left, the field on the right."""
    return Horizontal(Static(label, classes="row-label"), widget, classes="form-row")


class DateRow(Horizontal):
    """A form's line for a date: the label, the field, then the day a phrase names as it is typed
    ("next fri" → Fri 4 Dec 2026; nothing for YYYY-MM-DD or text that is not a date yet), as the
    achievement form shows under its date field. Saving still reads the field with the same parser."""

    def __init__(self, label: str, field: Input, *, ahead: bool = False) -> None:
        self.ahead = ahead  # a date that looks forward (a due date): as dates.parse_day reads it
        super().__init__(
            Static(label, classes="row-label"),
            field,
            Static("", classes="date-read", markup=False),
            classes="form-row",
        )

    def on_mount(self) -> None:
        self._show(self.query_one(Input).value)

    @on(Input.Changed)
    def _read(self, event: Input.Changed) -> None:
        self._show(event.value)

    def _show(self, value: str) -> None:
        read = self.query_one(".date-read", Static)
        text = date_read(value, ahead=self.ahead)
        read.update(text)
        read.display = bool(text)  # nothing to say: the field keeps the whole width
