"""New / edit achievement: a modal form that never loses what was typed.

Text typed is kept as a draft in the database (DraftKeeper, within half a
second); leaving a form that holds text asks whether to keep the draft;
opening the same form again offers the draft back. An edit's draft keeps the
entry's fields as the form opened on it: restored after the entry changed
elsewhere, its save asks keep mine / take theirs, as an edit meanwhile does. The metric field follows
the title and body ("from 45 to 7 min" fills it) until the user types in it;
then it is read as ``ctotui add --metric`` reads its text, and the hint under
it says how it was read (or why it cannot be).
Dismisses with the id of the saved achievement, or None.

Built on the shared ``FormDialog``: its save (``writes_with``: a refused
write keeps the form open with its draft; an edit is a compare-and-set whose
conflict asks keep mine / take theirs / go back) and its frame; this form
adds its own fields, the error line beside the buttons, and leaving with a
question when something was typed.
"""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import date
from typing import Any, Literal

from textual import on
from textual.app import ComposeResult
from textual.await_complete import AwaitComplete
from textual.binding import Binding
from textual.containers import Container, Horizontal
from textual.content import Content
from textual.widgets import Button, Input, Label, Select, SelectionList, Static, TextArea

from ctotui.core import clock, playbook
from ctotui.core.coach.prompts import GapPrompts, gap_prompts
from ctotui.core.dates import date_read
from ctotui.core.errors import Conflict, CtoError, StorageError
from ctotui.core.journal.entries import TITLE_MAX, Achievement, add_achievement, clean_title, update_achievement
from ctotui.core.journal.metric_store import follows_words
from ctotui.core.journal.metrics import Metric, describe, metric_problem, metric_text, parse_metric, read_metric
from ctotui.core.text import clean_line
from ctotui.ui.appdb import app_of, db_of
from ctotui.ui.dialogs.choice import ChoiceDialog
from ctotui.ui.dialogs.form import FormDialog
from ctotui.ui.drafts import DraftKeeper
from ctotui.ui.guard import notify_error
from ctotui.ui.readers import read_then_show
from ctotui.ui.widgets.format_keys import drop_typed_ahead, ready_for_typed_ahead
from ctotui.ui.widgets.long_text import LongText
from ctotui.ui.widgets.tag_suggester import TagSuggester
from ctotui.ui.widgets.ticks import TickList

TEXT_FIELDS = ("title", "date", "tags", "metric", "links")


def _clip(text: str, width: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _version(title: str, day: object, body: str) -> str:
    """One version of the entry, as the conflict dialog shows it beside the other."""
    return f"“{title}” · {day}\n{_clip(body)}"


class AchievementForm(FormDialog[Any]):  # collects the fields (a dict); dismisses with the saved id
    FIRST_FIELD = "#title"
    CSS_PATH = "achievement_form.tcss"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", tooltip="Save the achievement"),
        Binding("escape", "cancel", "Close", tooltip="Close (asks whether to keep what you typed)"),
        Binding("ctrl+t", "take_prompt", "Take prompt", tooltip="Start the body with the prompt shown"),
        Binding("ctrl+n", "next_prompt", "Next prompt", tooltip="Show another prompt aimed at your gaps"),
    ]
    ENTER_SAVES = False  # enter in a field does not save half an entry
    CONFLICT_QUESTION = "This entry was changed elsewhere since you opened it."
    SAVE_AS_NEW = "Keep mine (as a new entry)"
    keeper: DraftKeeper

    def __init__(
        self,
        achievement: Achievement | None = None,
        *,
        focus: Literal["title", "metric"] | None = None,
        skills: tuple[str, ...] = (),
        day: date | None = None,
    ) -> None:
        """``focus``: the field the cursor starts in; by default the Number field for an entry
        without a number (the edit was opened to add one: "e adds one"), else the title.
        No field selects its text as it is focused (one key would replace the whole title) but
        one that holds only the app's text (``selects_on_focus``).
        ``skills``: a new entry's skills ticked from the start (the coach's "an achievement that
        shows your leadership"). ``day``: a new entry's date (the week under review's); today by default."""
        super().__init__()
        self.preset_skills, self.preset_day = skills, day
        self.focus_on = focus or ("metric" if achievement is not None and not achievement.has_number else "title")
        self._found_draft = None  # the draft read when the form opened
        self.achievement = achievement
        self.draft_key = f"journal:edit:{achievement.id}" if achievement else "journal:new"
        self._metric_touched = False
        self._finished = False
        self._initial: dict[str, Any] = {}
        # the entry's fields as a form opened on it, the one whose text is being typed or was
        # restored from a draft: a draft made before the entry changed elsewhere keeps the old ones
        self._base: dict[str, Any] = {}
        self._snapshot: dict[str, Any] = {}  # the fields as last typed (read when the widgets are gone)
        self.writes_with(
            self._save_fields, expected=achievement, show=lambda a: _version(a.title, a.occurred_on, a.body)
        )
        self.prompts: GapPrompts | None = None  # a new entry's prompts aimed at the gaps (core/coach/prompts.py)
        self.prompt_index = 0

    @property
    def db(self):
        return db_of(self)

    # --- layout --------------------------------------------------------------

    def title_text(self) -> str:
        return f"Edit achievement #{self.achievement.id}" if self.achievement else "New achievement"

    def compose_fields(self) -> ComposeResult:  # the frame scrolls where a short terminal cannot show every field
        pb = playbook.load()
        yield Input(
            select_on_focus=False,
            placeholder="What did you achieve? e.g. Cut deploy time from 45 to 7 minutes",
            id="title",
        )
        yield Static(id="prompt")
        with Container(id="when"):  # a grid: Tags go to a line of their own on a narrow terminal
            yield Label("Date", classes="label")
            yield Input(id="date", select_on_focus=False, placeholder="fri, 3 days ago")
            yield Label("Category", classes="label")
            yield Select([(c.name, c.slug) for c in pb.categories], prompt="(none)", id="category")
            yield Label("Tags", classes="label")
            yield Input(
                id="tags", select_on_focus=False, placeholder="ci perf", suggester=TagSuggester(app_of(self).readers)
            )
        with Horizontal(classes="row"):
            yield Label("Number", classes="label")
            yield Input(id="metric", select_on_focus=False, placeholder="45 -> 7 min · $12k/month · 3 teams · by 30%")
        yield Static(id="metric-hint")
        with Horizontal(classes="row"):
            yield Label("Links", classes="label")
            yield Input(
                id="links", select_on_focus=False, placeholder="https://… a PR, a doc, a dashboard; space between links"
            )  # whole at 80 columns
        with Horizontal(id="main"):
            yield TickList(*((s.name, s.slug) for s in pb.skills), id="skills")
            yield LongText(
                id="body",
                soft_wrap=True,
                tab_behavior="focus",
                placeholder="The story, in Markdown: the context, what you did, the result.",
            )

    def compose_buttons(self) -> ComposeResult:
        with Horizontal(id="buttons"):  # the error line beside the buttons, so every field keeps its rows
            yield Static(id="error")
            yield Static(id="draft-status")
            yield Button("Save", variant="primary", id="save")
            yield Button("Cancel", id="cancel")

    def first_field(self) -> str:
        # focused by FormDialog's on_mount at once: focused a refresh later instead, keys typed ahead
        # that a loaded machine let in first (the hold's second run out) went into the title (CI)
        return f"#{self.focus_on}"

    def on_mount(self) -> None:
        self.query_one("#form").border_subtitle = "ctrl+s save · esc close · tab next field"
        self.query_one("#skills", SelectionList).border_title = "Skills"
        self.query_one("#body", TextArea).border_title = "Body (Markdown)"
        self.keeper = DraftKeeper(self, self.db, self.draft_key, self._collect)
        self._fill(self._values_of(self.achievement))
        self._initial = self._snapshot = self._base = self._payload()
        a = self.achievement
        self._metric_touched = bool(a and not follows_words(a.metric, a.metric_origin, a.title, a.body))
        self._show_metric_hint()
        held, key, new = self.keeper.held_draft(), self.draft_key, self.achievement is None
        self.asks_first = True  # the keys typed ahead wait until the draft is read, and any question answered
        read_then_show(
            self,
            lambda db: (held or DraftKeeper.read(db, key), gap_prompts(db) if new else None),
            self._draft_and_prompts_read,
            group="draft",
            failed=self._draft_not_read,
        )

    def _draft_not_read(self, exc: CtoError) -> None:
        """The draft could not be read (the file gone or locked): nothing to ask, so the keys typed
        ahead go in now; the fault is said as any read's is (a file gone: once, by the app)."""
        if not (isinstance(exc, StorageError) and exc.kind == "gone"):
            notify_error(self, exc)
        self._ready_for_keys()

    def _draft_and_prompts_read(self, data: tuple[Any, GapPrompts | None]) -> None:
        """The draft left here earlier and, for a new entry, the prompts aimed at the gaps
        (both read in a worker)."""
        draft, self.prompts = data
        self._show_prompt()
        self._draft_read(draft)

    def _draft_read(self, draft: Any) -> None:
        """A draft left here earlier: offer to restore it. The keys typed ahead (a burst after "n")
        wait for the answer, then go into the form (restored or fresh); "Not now" drops them."""
        self._found_draft = draft
        if draft is None or draft.payload == self._initial:
            self.call_after_refresh(self._ready_for_keys)  # after the focus the form opens with
            return
        when = clock.local(draft.updated_at).strftime("%Y-%m-%d %H:%M")
        title = clean_line(draft.payload.get("title")) or "(no title yet)"
        # asked from the app's queue, behind the keys already in it: a burst typed as the form opened
        # is held for the form first, never taken as the answer (its "d" discarded the draft)
        self.app.call_later(
            self._ask,
            ChoiceDialog(
                "You left a draft here. Restore it?",
                [("restore", "Restore"), ("discard", "Discard it"), ("later", "Not now")],
                detail=f"“{title}”, kept {when}. Not now (esc) keeps it for next time and closes the form.",
                title="Unsaved draft",
            ),
        )

    def _ask(self, question: ChoiceDialog) -> None:
        if self.is_attached and self.app.screen is self:  # (closed meanwhile: nothing to ask)
            self.app.push_screen(question, self._restore_answer)

    def _restore_answer(self, answer: str | None) -> None:
        """Restore, discard, or (esc, "Not now") leave the draft as it is for next time. Not now
        closes the form: text typed in it would be kept in the same draft's place, over the old one."""
        draft = self.keeper.held_draft() or self._found_draft
        if answer in ("discard", "restore"):
            self.call_after_refresh(self._ready_for_keys)  # the keys typed ahead go in now
        if answer == "discard":
            self.keeper.discard()
        elif answer == "restore" and draft is not None:
            self._fill(draft.payload)
            self.query_one("#date", Input).select_on_focus = False  # the draft's date: the user's
            self._snapshot = self._payload()
            self._metric_touched = bool(draft.payload.get("metric_touched"))
            self._base = draft.payload.get("base") or self._initial  # (a draft kept before drafts named it)
            self._show_metric_hint()
            changed = " (the entry changed since: saving asks)" if self._draft_outdated() else ""
            self.query_one("#draft-status", Static).update(f"draft restored{changed}")
        else:
            drop_typed_ahead(self)  # closed before typed into: not run as the journal's keys
            self.dismiss(None)  # nothing typed here yet: the draft stays, untouched

    def _ready_for_keys(self) -> None:
        self.asks_first = False
        ready_for_typed_ahead(self)

    # --- prompts aimed at the gaps (a new entry only) --------------------------

    def _show_prompt(self) -> None:
        line = self.query_one("#prompt", Static)
        line.display = self.prompts is not None
        if self.prompts is None:
            return
        p = self.prompts.at(self.prompt_index)
        line.update(
            Content.assemble(
                (f"Prompt · {p.aim}: ", "bold"),
                p.text,
                ("  ctrl+t take · ctrl+n next", "italic"),
            )
        )

    def action_next_prompt(self) -> None:
        if self.prompts is not None:
            self.prompt_index += 1
            self._show_prompt()

    def action_take_prompt(self) -> None:
        """The body starts with the prompt; its skill area or category is chosen if none is yet."""
        if self.prompts is None:
            return
        p = self.prompts.at(self.prompt_index)
        body = self.query_one("#body", TextArea)
        body.text = f"{p.text}\n\n{body.text}" if body.text.strip() else f"{p.text}\n\n"
        if p.skill:
            self.query_one("#skills", SelectionList).select(p.skill)
        select = self.query_one("#category", Select)
        if p.category and select.value is Select.NULL:
            select.value = p.category
        body.focus()
        body.move_cursor(body.document.end)
        self.prompts = None
        self._show_prompt()

    # --- values --------------------------------------------------------------

    def _values_of(self, a: Achievement | None) -> dict[str, Any]:
        if a is None:
            return {"date": (self.preset_day or clock.today()).isoformat(), "skills": list(self.preset_skills)}
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
        kept = {**self._snapshot, "metric_touched": self._metric_touched}
        return {**kept, "base": self._base} if self.achievement is not None else kept

    def _draft_outdated(self) -> bool:
        """Whether the text restored was typed over an older version of the entry than the one now open."""
        return self.achievement is not None and self._base != self._initial

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
        elif control_id == "date":  # how a phrase was read, under the field ("fri" → Fri 27 Nov 2026)
            self.query_one("#date", Input).border_subtitle = date_read(self.query_one("#date", Input).value)
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
            return Content.styled(str(exc), "bold $text-error")
        return Content("")

    def _parsed(self) -> Metric | None:
        title = self.query_one("#title", Input).value
        return parse_metric(title) or parse_metric(self.query_one("#body", TextArea).text)

    def _follow_text(self) -> None:
        m = self._parsed()
        with self.prevent(Input.Changed):
            self.query_one("#metric", Input).value = metric_text(m)
        self._show_metric_hint(m)

    def selects_on_focus(self, line: Input) -> bool:
        """Entering the Number field while it only follows the title, or a new entry's date not
        typed in, selects that text: what is typed replaces it (appended, "40 -> 9" became "40 ->
        940 -> 9 pages/week", +2250%, and "yesterday" "2026-12-05yesterday"); End or an arrow key
        keeps it to edit. Once typed in, a field is the user's own text, as every other field."""
        if line.id == "metric":
            return not self._metric_touched
        if line.id == "date":  # a new entry's: today, or the day the form was opened for
            return self.achievement is None
        return False

    def _show_metric_hint(self, parsed: Metric | None = None) -> None:
        metric = self.query_one("#metric", Input)
        metric.select_on_focus = self.selects_on_focus(metric)  # whether it still follows the title
        hint = self.query_one("#metric-hint", Static)
        try:
            m = self._metric()
        except CtoError as exc:
            hint.update(Content.styled(str(exc), "b $text-error"))
            return
        if self._metric_touched:
            if not isinstance(m, Metric) or m.empty:
                hint.update(Content.from_markup("[$text-warning]no number (you cleared it)[/]"))
            else:
                hint.update(Content.from_markup("[b]$how[/]  [dim]set by you[/]", how=describe(m)))
            return
        m = parsed or self._parsed()
        if m is None:
            title = self.query_one("#title", Input).value
            reason = metric_problem(title) or metric_problem(self.query_one("#body", TextArea).text)
            if reason:
                hint.update(Content.from_markup("[$text-warning]$reason[/]", reason=reason))
            else:
                hint.update(Content.from_markup("[$text-warning]no number yet: add one?[/]"))
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

    def collect(self) -> dict[str, Any]:
        values = self._payload()
        return dict(
            title=values["title"],
            body=values["body"],
            occurred_on=values["date"] or None,
            category=values["category"],
            skills=values["skills"],
            tags=values["tags"].replace(",", " ").split(),
            metric=self._metric(),
            links=values["links"].split(),
        )

    def _save_fields(self, fields: dict[str, Any], expected: Achievement | None = None) -> int:
        """Add the entry, or update it unless it changed since ``expected`` (None: it went, save as new)."""
        if expected is None:
            return add_achievement(self.db, **fields).id
        if expected is self.achievement and self._draft_outdated():
            # The draft restored was typed over an older version: the one this form opened on is
            # "theirs", as if it had changed while the form was open (keep mine / take theirs).
            # A copy: "keep mine" saves over it, compared as any edit is (core's compare-and-set).
            raise Conflict(f"achievement {expected.id} changed since the draft was kept", replace(expected))
        return update_achievement(self.db, expected.id, expected=expected, **fields).id

    def describe(self, value: dict[str, Any]) -> str:
        return _version(value["title"], value["occurred_on"] or "", value["body"])

    def show_error(self, message: str) -> None:
        self.query_one("#error", Static).update(Content.styled(message, "b $text-error"))
        if message:
            self.said_in_view(message)

    def show_problem(self, exc: CtoError) -> None:
        self.show_error(str(exc))
        self._focus_field(str(exc))

    def kept_theirs(self, theirs: Achievement) -> int:
        return theirs.id

    def dismiss(self, result: Any = None) -> AwaitComplete:
        self._finished = True  # saved, taken from elsewhere, kept as a draft or dropped: nothing to flush
        return super().dismiss(result)

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
            self.keeper.flush()
            self.app.notify("Draft kept: it comes back when you open the form again.", title="Journal")
            self.dismiss(None)
        elif answer == "discard":
            self.keeper.discard()
            self.dismiss(None)

    def on_unmount(self) -> None:
        # The app is closing with the form open: keep everything typed.
        if not self._finished and self.keeper is not None:  # None: the form never mounted
            try:
                self.keeper.flush()
            except sqlite3.ProgrammingError:  # pragma: no cover - the database closed first
                pass
