"""New / edit achievement: a modal form that never loses what was typed.

Text typed is kept as a draft in the database (DraftKeeper, within half a
second); leaving a form that holds text asks whether to keep the draft;
opening the same form again offers the draft back. The metric field follows
the title and body ("from 45 to 7 min" fills it) until the user types in it;
then it is read as ``ctotui add --metric`` reads its text, and the hint under
it says how it was read (or why it cannot be).
Dismisses with the id of the saved achievement, or None.
"""

from __future__ import annotations

import sqlite3
from typing import Any, ClassVar, Literal

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container, Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, SelectionList, Static, TextArea

from ctotui.core import clock, playbook
from ctotui.core.db import check_not_importing
from ctotui.core.errors import Conflict, CtoError, StorageError
from ctotui.core.journal import TITLE_MAX, Achievement, add_achievement, clean_title, update_achievement
from ctotui.core.metrics import Metric, describe, metric_problem, metric_text, parse_metric, read_metric
from ctotui.core.text import clean_line
from ctotui.ui.dialogs.choice import ChoiceDialog
from ctotui.ui.guard import not_saved
from ctotui.ui.readers import read_then_show
from ctotui.ui.widgets.drafts import DraftKeeper
from ctotui.ui.widgets.tag_suggester import TagSuggester
from ctotui.ui.widgets.ticks import TickList

TEXT_FIELDS = ("title", "date", "tags", "metric", "links")


def _clip(text: str, width: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


class AchievementForm(ModalScreen[int | None]):
    CSS_PATH = "achievement_form.tcss"
    HORIZONTAL_BREAKPOINTS: ClassVar = [(0, "-narrow"), (100, "-wide")]
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", tooltip="Save the achievement"),
        Binding("escape", "cancel", "Close", tooltip="Close (asks whether to keep what you typed)"),
    ]

    def __init__(self, achievement: Achievement | None = None) -> None:
        super().__init__()
        self._found_draft = None  # the draft read when the form opened
        self.achievement = achievement
        self.draft_key = f"journal:edit:{achievement.id}" if achievement else "journal:new"
        self._metric_touched = False
        self._finished = False
        self._initial: dict[str, Any] = {}
        self._snapshot: dict[str, Any] = {}  # the fields as last typed (read when the widgets are gone)

    @property
    def db(self):
        return self.app.db  # type: ignore[attr-defined]

    # --- layout --------------------------------------------------------------

    def compose(self) -> ComposeResult:
        pb = playbook.load()
        with VerticalScroll(id="form") as form:  # scrolls where a short terminal cannot show every field
            form.border_title = f"Edit achievement #{self.achievement.id}" if self.achievement else "New achievement"
            form.border_subtitle = "ctrl+s save · esc close · tab next field"
            yield Input(
                placeholder="What did you achieve? e.g. Cut deploy time from 45 to 7 minutes",
                id="title",
            )
            with Container(id="when"):  # a grid: Tags go to a line of their own on a narrow terminal
                yield Label("Date", classes="label")
                yield Input(id="date", placeholder="fri, 3 days ago")
                yield Label("Category", classes="label")
                yield Select([(c.name, c.slug) for c in pb.categories], prompt="(none)", id="category")
                yield Label("Tags", classes="label")
                yield Input(id="tags", placeholder="ci perf", suggester=TagSuggester(self.app.readers))
            with Horizontal(classes="row"):
                yield Label("Number", classes="label")
                yield Input(id="metric", placeholder="45 -> 7 min · $12k/month · 3 teams · by 30%")
            yield Static(id="metric-hint")
            with Horizontal(classes="row"):
                yield Label("Links", classes="label")
                yield Input(
                    id="links", placeholder="evidence: https://… a PR, a doc, a dashboard (spaces between links)"
                )
            with Horizontal(id="main"):
                yield TickList(*((s.name, s.slug) for s in pb.skills), id="skills")
                yield TextArea(
                    id="body",
                    soft_wrap=True,
                    tab_behavior="focus",
                    placeholder="The story, in Markdown: the context, what you did, the result.",
                )
            with Horizontal(id="buttons"):
                yield Static(id="error")
                yield Static(id="draft-status")
                yield Button("Save", variant="primary", id="save")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#skills", SelectionList).border_title = "Skills"
        self.query_one("#body", TextArea).border_title = "Body (Markdown)"
        self.keeper = DraftKeeper(self, self.db, self.draft_key, self._collect)
        self._fill(self._values_of(self.achievement))
        self._initial = self._snapshot = self._payload()
        a = self.achievement
        self._metric_touched = bool(a and (a.metric_origin == "user" or a.metric and self._parsed() != a.metric))
        self._show_metric_hint()
        self.query_one("#title", Input).focus()
        held, key = self.keeper.held_draft(), self.draft_key
        read_then_show(self, lambda db: held or DraftKeeper.read(db, key), self._draft_read, group="draft")

    def _draft_read(self, draft) -> None:
        """A draft left here earlier (read in a worker): offer to restore it."""
        self._found_draft = draft
        if draft is not None and draft.payload != self._initial:
            when = clock.local(draft.updated_at).strftime("%Y-%m-%d %H:%M")
            title = clean_line(draft.payload.get("title")) or "(no title yet)"
            self.app.push_screen(
                ChoiceDialog(
                    "You left a draft here. Restore it?",
                    [("restore", "Restore"), ("discard", "Discard it")],
                    detail=f"“{title}”, kept {when}",
                    title="Unsaved draft",
                ),
                self._restore_answer,
            )

    def _restore_answer(self, answer: str | None) -> None:
        draft = self.keeper.held_draft() or self._found_draft
        if answer == "restore" and draft is not None:
            self._fill(draft.payload)
            self._snapshot = self._payload()
            self._metric_touched = bool(draft.payload.get("metric_touched"))
            self._show_metric_hint()
            self.query_one("#draft-status", Static).update("draft restored")
        else:
            self.keeper.discard()

    # --- values --------------------------------------------------------------

    def _values_of(self, a: Achievement | None) -> dict[str, Any]:
        if a is None:
            return {"date": clock.today().isoformat(), "skills": []}
        return {
            "title": a.title,
            "date": a.occurred_on.isoformat(),
            "category": a.category,
            "tags": " ".join(a.tags),
            "metric": metric_text(a.metric),
            "skills": list(a.skills),
            "body": a.body,
            "links": " ".join(a.links),
        }

    def _fill(self, values: dict[str, Any]) -> None:
        with self.prevent(Input.Changed, TextArea.Changed, Select.Changed, SelectionList.SelectedChanged):
            for name in TEXT_FIELDS:
                self.query_one(f"#{name}", Input).value = str(values.get(name) or "")
            category = values.get("category")
            select = self.query_one("#category", Select)
            select.value = category if category else Select.NULL
            skills = self.query_one("#skills", SelectionList)
            skills.deselect_all()
            for slug in values.get("skills") or []:
                skills.select(slug)
            self.query_one("#body", TextArea).text = values.get("body") or ""

    def _payload(self) -> dict[str, Any]:
        category = self.query_one("#category", Select).value
        return {
            **{name: self.query_one(f"#{name}", Input).value for name in TEXT_FIELDS},
            "category": None if category is Select.NULL else category,
            "skills": sorted(self.query_one("#skills", SelectionList).selected),
            "body": self.query_one("#body", TextArea).text,
        }

    def _collect(self) -> dict[str, Any] | None:
        """The draft to keep, or None when nothing differs from how the form opened."""
        if self._snapshot == self._initial:
            return None
        return {**self._snapshot, "metric_touched": self._metric_touched}

    # --- typing --------------------------------------------------------------

    @on(Input.Changed)
    @on(TextArea.Changed)
    @on(Select.Changed)
    @on(SelectionList.SelectedChanged)
    def _changed(self, event) -> None:
        control_id = getattr(event.control, "id", None)
        if control_id == "metric":
            self._metric_touched = True
            self._show_metric_hint()
        elif control_id in ("title", "body") and not self._metric_touched:
            self._follow_text()
        self.query_one("#error", Static).update(self._title_problem() if control_id == "title" else "")
        self._snapshot = self._payload()
        self.keeper.changed()
        self.query_one("#draft-status", Static).update("")

    def _title_problem(self) -> Content:
        """The CLI's message for a title over the limit, shown as it is typed (nothing is cut)."""
        if len(self.query_one("#title", Input).value.strip()) <= TITLE_MAX:
            return Content("")
        try:
            clean_title(self.query_one("#title", Input).value)
        except CtoError as exc:
            return Content.styled(str(exc), "bold $error")
        return Content("")

    def _parsed(self) -> Metric | None:
        title = self.query_one("#title", Input).value
        return parse_metric(title) or parse_metric(self.query_one("#body", TextArea).text)

    def _follow_text(self) -> None:
        m = self._parsed()
        with self.prevent(Input.Changed):
            self.query_one("#metric", Input).value = metric_text(m)
        self._show_metric_hint(m)

    def _show_metric_hint(self, parsed: Metric | None = None) -> None:
        hint = self.query_one("#metric-hint", Static)
        try:
            m = self._metric()
        except CtoError as exc:
            hint.update(Content.styled(str(exc), "b $error"))
            return
        if self._metric_touched:
            if not isinstance(m, Metric) or m.empty:
                hint.update(Content.from_markup("[$warning]no number (you cleared it)[/]"))
            else:
                hint.update(Content.from_markup("[b]$how[/]  [dim]set by you[/]", how=describe(m)))
            return
        m = parsed or self._parsed()
        if m is None:
            title = self.query_one("#title", Input).value
            reason = metric_problem(title) or metric_problem(self.query_one("#body", TextArea).text)
            if reason:
                hint.update(Content.from_markup("[$warning]$reason[/]", reason=reason))
            else:
                hint.update(Content.from_markup("[$warning]no number yet: add one?[/]"))
            return
        hint.update(Content.from_markup("[b]$how[/]  [dim]read from “$source”[/]", how=describe(m), source=m.source))

    def _metric(self) -> Metric | Literal["parse"] | None:
        """What to save: the field read strictly when the user typed in it, else "parse".

        A field the user emptied is "no number" (an empty Metric, kept as the user's choice)."""
        if not self._metric_touched:
            return "parse"
        text = self.query_one("#metric", Input).value
        return read_metric(text) if text.strip() else Metric()

    # --- leaving -------------------------------------------------------------

    def action_save(self) -> None:
        values = self._payload()
        try:
            metric = self._metric()
            fields = dict(
                title=values["title"],
                body=values["body"],
                occurred_on=values["date"] or None,
                category=values["category"],
                skills=values["skills"],
                tags=values["tags"].replace(",", " ").split(),
                metric=metric,
                links=values["links"].split(),
            )
            check_not_importing(self.db)
            if self.achievement is None:
                saved = add_achievement(self.db, **fields)
            else:
                saved = update_achievement(self.db, self.achievement.id, expected=self.achievement, **fields)
        except Conflict as exc:
            self._ask_conflict(exc.theirs, values)
            return
        except StorageError as exc:
            # The form stays open with its text; the draft is held in memory if need be.
            self.query_one("#error", Static).update(Content.styled(not_saved(self, exc), "b $error"))
            self.keeper.flush()
            return
        except CtoError as exc:
            self.query_one("#error", Static).update(Content.styled(str(exc), "b $error"))
            self._focus_field(str(exc))
            return
        self._finished = True
        self.keeper.discard()
        self.dismiss(saved.id)

    def _ask_conflict(self, theirs: Achievement | None, mine: dict[str, Any]) -> None:
        """The entry changed (or went) since the form opened: show both, ask which to keep."""
        if theirs is None:
            detail = f"It was deleted meanwhile.\n\nYours: “{mine['title']}”"
            choices = [("mine", "Keep mine (as a new entry)"), ("back", "Go back")]
        else:
            detail = (
                f"Theirs: “{theirs.title}” · {theirs.occurred_on}\n{_clip(theirs.body)}\n\n"
                f"Yours: “{mine['title']}” · {mine['date']}\n{_clip(mine['body'])}"
            )
            choices = [("mine", "Keep mine"), ("theirs", "Take theirs"), ("back", "Go back")]
        question = "This entry was changed elsewhere since you opened it."
        self.app.push_screen(
            ChoiceDialog(question, choices, detail=detail, title="Changed meanwhile"),
            lambda answer: self._conflict_answer(answer, theirs),
        )

    def _conflict_answer(self, answer: str | None, theirs: Achievement | None) -> None:
        if answer == "mine":
            if theirs is None:
                self.achievement = None  # saved as a new entry
            else:
                self.achievement = theirs  # save over the version now seen
            self.action_save()
        elif answer == "theirs" and theirs is not None:
            self._finished = True
            self.keeper.discard()
            self.dismiss(theirs.id)

    def _focus_field(self, message: str) -> None:
        for word, field in (
            ("link", "#links"),
            ("title", "#title"),
            ("date", "#date"),
            ("metric", "#metric"),
            ("tag", "#tags"),
            ("body", "#body"),
        ):
            if word in message:
                self.query_one(field).focus()
                return

    def action_cancel(self) -> None:
        if self._collect() is None:
            self._finished = True
            self.keeper.discard()
            self.dismiss(None)
            return
        self.app.push_screen(
            ChoiceDialog(
                "Keep what you typed as a draft?",
                [("keep", "Keep draft"), ("discard", "Discard"), ("back", "Back to the form")],
                detail="A kept draft is offered back the next time you open this form.",
                title="Leaving the form",
            ),
            self._leave_answer,
        )

    def _leave_answer(self, answer: str | None) -> None:
        if answer == "keep":
            self._finished = True
            self.keeper.flush()
            self.app.notify("Draft kept: it comes back when you open the form again.", title="Journal")
            self.dismiss(None)
        elif answer == "discard":
            self._finished = True
            self.keeper.discard()
            self.dismiss(None)

    @on(Button.Pressed, "#save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()

    def on_unmount(self) -> None:
        # The app is closing with the form open: keep everything typed.
        if not self._finished and hasattr(self, "keeper"):
            try:
                self.keeper.flush()
            except sqlite3.ProgrammingError:  # pragma: no cover - the database closed first
                pass
