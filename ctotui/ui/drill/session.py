"""A drill session: one question at a time, a visible timer, the answer, the stories.

The answer is kept as a draft (DraftKeeper) while it is typed, with the
seconds on the timer, so closing the app or killing the terminal loses at
most half a second of typing; the same question opened again gets it back.
ctrl+s stops the timer and opens the rubric; the saved score schedules the
question with fsrs and the next one comes up. A summary ends the session.
"""

from __future__ import annotations

from datetime import datetime

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import ContentSwitcher, Static, TextArea

from ctotui.core import clock, playbook
from ctotui.core.dbfile import check_not_importing
from ctotui.core.drill import bank as drill
from ctotui.core.drill.stories import journal_available, stories_for
from ctotui.core.errors import CtoError, StorageError
from ctotui.core.rubric import Rating
from ctotui.ui.base import AreaScreen
from ctotui.ui.dates import until
from ctotui.ui.dialogs.choice import ChoiceDialog
from ctotui.ui.drafts import DRAFT_DELAY, DraftKeeper
from ctotui.ui.drill.score import RATING_WORDS, ScoreAnswer
from ctotui.ui.drill.stories import StoriesPanel, picker_class
from ctotui.ui.guard import not_saved
from ctotui.ui.readers import read_then_show
from ctotui.ui.widgets import colors
from ctotui.ui.widgets.timer import PracticeTimer, clock_text

ELAPSED_SAVE = 5.0  # seconds between refreshes of the draft's timer value


class SessionScreen(AreaScreen):
    CSS_PATH = "drill.tcss"
    BINDINGS = [
        Binding("ctrl+s", "score", "Done: score it", tooltip="Stop the timer and score the answer on the rubric"),
        Binding("ctrl+t", "toggle_timer", "Pause", tooltip="Pause or resume the timer"),
        Binding("ctrl+l", "link_story", "Link story", tooltip="Link an achievement from the journal as a story"),
        Binding("ctrl+n", "skip", "Skip", tooltip="Skip this question (it stays due; typed text is kept)"),
        Binding("escape", "end", "End session", tooltip="End the session (asks first if an answer is typed)"),
        # the summary's one key (the keys above are gone from the footer once the session is done)
        Binding("escape", "close", "Back to the drill", tooltip="Back to the drill's tabs"),
    ]
    ASKING = frozenset({"score", "toggle_timer", "link_story", "skip", "end"})

    DRAFT_DELAY = DRAFT_DELAY  # seconds between a keystroke and its draft being saved

    def __init__(self, questions: list[drill.Question], title: str) -> None:
        super().__init__()
        self.questions = questions
        self.title_text = title
        self.index = -1
        self.results: list[tuple[drill.Question, drill.Attempt | None]] = []
        self.keeper: DraftKeeper | None = None
        self.sub_title = "Interview drill · practice"

    # --- layout ------------------------------------------------------------------------

    def compose_body(self) -> ComposeResult:
        with ContentSwitcher(initial="asking", id="session"):
            with Vertical(id="asking"):
                with Horizontal(id="top"):
                    with Vertical(id="question-box"):
                        yield Static(id="where")
                        yield Static(id="question")
                    yield PracticeTimer(id="timer")
                with Horizontal(id="middle"):
                    yield TextArea(id="answer", soft_wrap=True, show_line_numbers=False)
                    yield StoriesPanel(id="stories")
            with VerticalScroll(id="summary"):
                yield Static(id="summary-text")

    def on_mount(self) -> None:
        self.query_one("#answer").border_title = "Your answer (say it aloud as you type; ctrl+s when done)"
        self.query_one("#stories").border_title = "Stories"
        self._timer = self.timer
        self._typed_text = ""
        self.set_interval(ELAPSED_SAVE, self._save_elapsed, name="draft elapsed")
        self.next_question()

    @property
    def current(self) -> drill.Question:
        return self.questions[self.index]

    @property
    def timer(self) -> PracticeTimer:
        return self.query_one("#timer", PracticeTimer)

    @property
    def answer(self) -> TextArea:
        return self.query_one("#answer", TextArea)

    # --- moving through the questions --------------------------------------------------

    def next_question(self) -> None:
        self.index += 1
        if self.index >= len(self.questions):
            self.show_summary()
            return
        q = self.current
        ic = playbook.load().interview_category(q.category)
        status = "new question" if q.is_new else f"practised {q.reps}×"
        self.query_one("#where", Static).update(
            Content.assemble(
                (ic.name, "b"), f" · question {self.index + 1} of {len(self.questions)} · {status} · ", (ic.asks, "dim")
            )
        )
        self.query_one("#question", Static).update(Content(q.text))
        key = drill.answer_draft_key(q.id)
        self.keeper = DraftKeeper(self, self.db, key, self._collect, self.DRAFT_DELAY)
        held = self.keeper.held_draft()
        with self.answer.prevent(TextArea.Changed):  # loading is not typing: no draft to write
            self.answer.load_text("")
        self.query_one(StoriesPanel).show(q.id)
        self.answer.focus()

        def read(db) -> tuple[object, int]:
            return held or DraftKeeper.read(db, key), drill.timer_seconds(db, q.category)

        read_then_show(self, read, lambda data: self._question_read(q, *data), group="question")

    def _question_read(self, q: drill.Question, draft, seconds: int) -> None:
        """The question's draft answer (if any) and its time limit, read in the worker."""
        if self.index >= len(self.questions) or q is not self.current:
            return  # moved on while it was read
        text = draft.payload.get("text", "") if draft else ""
        elapsed = float(draft.payload.get("elapsed", 0)) if draft else 0.0
        if self.answer.text:  # typed while the draft was read: what was typed stays
            text = self.answer.text
        self._typed_text = text
        with self.answer.prevent(TextArea.Changed):
            self.answer.load_text(text)
        self.answer.move_cursor(self.answer.document.end)
        if draft and text.strip():
            saved = clock.local(draft.updated_at).strftime("%H:%M")
            self.notify(
                f"Your unsaved answer from {saved} is back; the timer goes on from {clock_text(int(elapsed))}.",
                markup=False,
            )
        self.timer.reset(seconds, elapsed)
        self.timer.start()

    def _collect(self) -> dict[str, object] | None:
        # From attributes, not widgets: on_unmount runs after the widgets are gone.
        text = self._typed_text
        return {"text": text, "elapsed": self._timer.seconds} if text.strip() else None

    def _save_elapsed(self) -> None:
        """Keep the draft's seconds current while the user thinks without typing."""
        if self.keeper is not None and self._timer.running and self._typed_text.strip():
            self.keeper.changed()

    @on(TextArea.Changed, "#answer")
    def _typed(self, event: TextArea.Changed) -> None:
        self._typed_text = event.text_area.text
        if self.keeper is not None and self.index < len(self.questions):
            self.keeper.changed()

    def _keep_draft(self) -> None:
        if self.keeper is not None and self.index < len(self.questions):
            self.keeper.flush()

    # --- actions --------------------------------------------------------------------------

    def action_score(self) -> None:
        if self.done:
            return
        self.timer.pause()
        self._keep_draft()
        q, seconds, limit = self.current, self.timer.seconds, self.timer.limit

        def read(db) -> dict[Rating, datetime]:  # when it comes back after each rating, read before the dialog opens
            return {rating: drill.preview_due(db, q.id, rating) for rating in Rating}

        def opened(due: dict[Rating, datetime]) -> None:
            self.app.push_screen(ScoreAnswer(q.text, seconds, limit, due.__getitem__), self._scored)

        read_then_show(self, read, opened, group="score")

    def _scored(self, scores: dict[str, int] | None) -> None:
        if scores is None:  # back to the answer
            self.timer.start()
            self.answer.focus()
            return
        q = self.current
        try:
            check_not_importing(self.db)
            attempt = drill.record_attempt(self.db, q.id, self.answer.text, scores, self.timer.seconds)
        except StorageError as exc:  # the answer stays on screen and in its draft; ctrl+s scores again
            self.answer.border_subtitle = f"not saved: {exc} (ctrl+s tries again)"
            not_saved(self, exc)
            self._keep_draft()
            self.answer.focus()
            return
        except CtoError as exc:
            self.notify(str(exc), severity="error", markup=False)
            self.timer.start()
            return
        self.keeper = None  # the draft went with the attempt
        self.answer.border_subtitle = ""
        self.results.append((q, attempt))
        self.notify(
            f"{attempt.total}/12 · {RATING_WORDS[attempt.rating]} · back {until(attempt.due_after)}", markup=False
        )
        self.next_question()

    def action_skip(self) -> None:
        if self.done:
            return
        self._keep_draft()
        self.results.append((self.current, None))
        self.next_question()

    def action_toggle_timer(self) -> None:
        self.timer.toggle()

    def action_link_story(self) -> None:
        """ctrl+l: pick an achievement to link as a story (what is linked already is read in a worker)."""
        picker = picker_class()
        question_id = self.current.id

        def read(db) -> frozenset[int] | None:
            if not journal_available(db):
                return None
            return frozenset(s.achievement_id for s in stories_for(db, question_id))

        if picker is not None:
            read_then_show(self, read, lambda linked: self._pick_story(picker, linked), group="link")
        else:
            self._pick_story(picker, None)

    def _pick_story(self, picker, linked: frozenset[int] | None) -> None:
        panel = self.query_one(StoriesPanel)
        if picker is None or linked is None:
            self.notify("The journal is not available yet: stories are achievements from it.", severity="warning")
            return

        def picked(achievement_id: int | None) -> None:
            if achievement_id is not None:
                panel.link(achievement_id)
            if was_running:
                self.timer.start()
            self.answer.focus()

        was_running = self.timer.running
        self.timer.pause()  # picking a story is bookkeeping, not answer time
        self.app.push_screen(picker(title="Link a story to this question", exclude=linked), picked)

    @property
    def done(self) -> bool:
        """Every question asked: the summary is on view."""
        return self.index >= len(self.questions)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in self.ASKING:
            return not self.done
        if action == "close":
            return self.done
        return True

    def action_end(self) -> None:
        """Escape while answering: with an answer typed, ask first; the draft is kept either way."""
        if self.done:
            self.action_close()
            return
        self._keep_draft()
        if not self.answer.text.strip():
            self._end()
            return

        was_running = self.timer.running
        self.timer.pause()  # deciding is not answer time

        def chosen(choice: str | None) -> None:
            if choice == "end":
                self.notify("Session ended. Your answer is kept as a draft and offered back next time.")
                self._end()
                return
            if was_running:
                self.timer.start()
            self.answer.focus()

        self.app.push_screen(
            ChoiceDialog(
                "End the session now?",
                [("end", "End session"), ("stay", "Keep answering")],
                detail="Your answer is kept as a draft either way; the drill offers it back (r).",
                title="Leave the drill session",
            ),
            chosen,
        )

    def _end(self) -> None:
        self.timer.pause()
        self.dismiss()

    def action_close(self) -> None:
        self.dismiss()

    def on_unmount(self) -> None:
        self._keep_draft()  # the app is closing with an answer open: keep the last keystrokes

    # --- the end -------------------------------------------------------------------------

    def show_summary(self) -> None:
        self.timer.pause()
        table = Table(expand=True, box=None, padding=(0, 1))
        table.add_column("#", justify="right", style="dim")
        table.add_column("Question", ratio=1)
        table.add_column("Score", justify="right")
        table.add_column("Time", justify="right")
        table.add_column("Rating")
        table.add_column("Back")
        for i, (q, a) in enumerate(self.results, 1):
            if a is None:
                table.add_row(str(i), Text(q.text), "-", "-", "skipped", "still due")
            else:
                time_text = Text(clock_text(a.seconds))
                if a.overtime:
                    time_text.append(" over", style=colors.text(self, "error"))
                table.add_row(str(i), Text(q.text), f"{a.total}/12", time_text, a.rating.name, until(a.due_after))
        scored = [a for _, a in self.results if a is not None]
        mean = sum(a.total for a in scored) / len(scored) if scored else 0
        head = Text.assemble((f"Session done: {self.title_text}", "bold"), f"\n{len(scored)} answered")
        head.append(f", average {mean:.1f}/12" if scored else "")
        foot = Text("\nescape returns to the drill; your progress is on its Progress tab (3).", style="dim")
        self.query_one("#summary-text", Static).update(Group(head, Text(""), table, foot))
        self.query_one(ContentSwitcher).current = "summary"
        self.query_one("#summary").focus()
        self.refresh_bindings()  # the session's keys leave the footer: only "back to the drill" is left
