"""A drill session: one question at a time, a visible timer, the answer, the stories.

Each question goes through these steps, one method each (the mock interview,
ui/drill/mock.py, and a partner's score, ui/drill/partner.py, hook into them):

1. ``show_brief``: a question about "our" company first shows a scenario brief (enter: go).
2. ``start_answer``: the countdown; the answer (with a brief, also "what I would ask first").
3. ``start_follow_up``: a follow-up challenge (rotated: core/drill/realism.py) with its own
   countdown (60 s by default); ctrl+s ends it. A question with none skips this step.
4. ``open_score``: the rubric: the general criteria and the category's (a partner's first).
5. ``save_attempt``: everything is saved at once (a partner's scores with it).
6. ``show_reveal``: only now, the outline of a strong answer, next to the
   user's answer and follow-up answer; enter goes on (``next_question``).

The answer, "what I would ask first" and the follow-up's reply are kept as a draft (DraftKeeper)
with the timer's seconds while typed (a kill loses at most half a second); the same question
opened again gets them back, with the brief and challenge they answered. A summary ends it.
"""

from __future__ import annotations

from datetime import datetime

from rich.console import Group
from textual import events, on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Button, ContentSwitcher, Input, Static, TextArea

from ctotui.core import playbook
from ctotui.core.dates import until
from ctotui.core.dbfile import check_not_importing
from ctotui.core.drill import bank as drill
from ctotui.core.drill import realism
from ctotui.core.drill.partner import record_with_partner
from ctotui.core.drill.realism import QuestionPlan
from ctotui.core.errors import CtoError, StorageError
from ctotui.core.rubric import Rating
from ctotui.ui.base import AreaScreen
from ctotui.ui.dates import moment
from ctotui.ui.drafts import DRAFT_DELAY, DraftKeeper
from ctotui.ui.drill.partner import PartnerSteps
from ctotui.ui.drill.score import RATING_WORDS, ScoreAnswer, Scored
from ctotui.ui.drill.steps import (
    ANSWER,
    ASKING,
    BRIEF,
    DONE,
    FOLLOW_UP,
    REVEAL,
    SCORING,
    SESSION_KEYS,
    STEP_ACTIONS,
    BriefPane,
    FollowUpPane,
    RevealPane,
    brief_line,
    brief_view,
    end_dialog,
    outline_view,
    summary_view,
    your_answer,
)
from ctotui.ui.drill.stories import StoriesPanel
from ctotui.ui.guard import not_saved
from ctotui.ui.readers import read_then_show
from ctotui.ui.widgets import colors
from ctotui.ui.widgets.long_text import LongText
from ctotui.ui.widgets.timer import PracticeTimer, clock_text

ELAPSED_SAVE = 5.0  # seconds between refreshes of the draft's timer value


class SessionScreen(PartnerSteps, AreaScreen):
    CSS_PATH = "drill.tcss"
    BINDINGS = SESSION_KEYS  # ui/drill/steps.py: beside the actions each step offers
    DRAFT_DELAY = DRAFT_DELAY  # seconds between a keystroke and its draft being saved

    def __init__(self, questions: list[drill.Question], title: str, *, partner: bool = False) -> None:
        super().__init__()
        self.init_partner(partner)
        self.questions = questions
        self.title_text = title
        self.index = -1
        self.results: list[tuple[drill.Question, drill.Attempt | None]] = []
        self.keeper: DraftKeeper | None = None
        self.sub_title = "Interview drill · practice"
        self.step = BRIEF  # until the first question is read, nothing runs
        self.plan: QuestionPlan | None = None  # the current question's brief, follow-up and timers
        self.answer_seconds = 0  # the answer's time, kept when the follow-up's countdown starts
        self.promised: dict[Rating, datetime] | None = None  # when it comes back, as the score dialog says
        self.followed = False  # the follow-up step ran for the current question
        self.scored: Scored | None = None  # the self-score a failed save left: the rubric opens with it

    # --- layout ------------------------------------------------------------------------

    def compose_body(self) -> ComposeResult:
        with ContentSwitcher(initial="asking", id="session"):
            yield BriefPane(id="brief")
            with Vertical(id="asking"):
                with Horizontal(id="top"):
                    with Vertical(id="question-box"):
                        yield Static(id="where")
                        yield Static(id="question")
                    yield PracticeTimer(id="timer")
                yield Static(id="brief-line")
                # not selected on focus: a key typed on the brief is in it already (on_key), and a return to it adds
                yield Input(
                    id="ask-first",
                    placeholder="What I would ask first (the questions about their system)",
                    select_on_focus=False,
                )
                with Horizontal(id="middle"):
                    yield LongText(id="answer", soft_wrap=True, show_line_numbers=False)
                    yield StoriesPanel(id="stories")
            yield FollowUpPane(id="follow")
            yield RevealPane(id="reveal")
            with VerticalScroll(id="summary"):
                yield Static(id="summary-text")

    def on_mount(self) -> None:
        # what ctrl+s does at each step is in the footer
        self.query_one("#answer").border_title = "Your answer: say it aloud as you type"
        self.query_one("#stories").border_title = "Stories"
        self.query_one("#ask-first").border_title = "What I would ask first"
        self.watch(self.timer, "elapsed", self._answer_ticked, init=False)
        self._timer = self.timer
        self._typed_text = self._ask_first_text = self._reply_text = ""  # what is typed, as last seen
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

    @property
    def follow_timer(self) -> PracticeTimer:
        return self.query_one("#follow-timer", PracticeTimer)

    @property
    def step_timer(self) -> PracticeTimer:
        """The countdown of the step on view (the answer's or the follow-up's)."""
        return self.follow_timer if self.step == FOLLOW_UP else self.timer

    def _show_pane(self, pane: str) -> None:
        self.query_one(ContentSwitcher).current = pane
        self.refresh_bindings()

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
                (ic.name, "b"),
                f" · question {self.index + 1} of {len(self.questions)} · {status} · ",
                (ic.asks, "italic"),
            )
        )
        self.query_one("#question", Static).update(Content(q.text))
        key = drill.answer_draft_key(q.id)
        self.keeper = DraftKeeper(self, self.db, key, self._collect, self.DRAFT_DELAY)
        held = self.keeper.held_draft()
        self.plan = None
        self.followed = False
        self.promised = None
        self.scored = None
        self.init_partner(self.partner)
        self.step = ANSWER  # the answer pane, still: the plan decides whether a brief comes first
        self._show_pane("asking")
        with self.answer.prevent(TextArea.Changed):  # loading is not typing: no draft to write
            self.answer.load_text("")
        with self.follow_answer.prevent(TextArea.Changed):
            self.follow_answer.load_text("")
        self.ask_first.value = ""
        self.query_one(StoriesPanel).show(q.id)
        self.answer.focus()

        def read(db) -> tuple[object, QuestionPlan]:
            return held or DraftKeeper.read(db, key), realism.plan_question(db, q.id, q.source_id, q.category)

        read_then_show(self, read, lambda data: self._question_read(q, *data), group="question")

    @property
    def follow_answer(self) -> TextArea:
        return self.query_one("#follow-answer", TextArea)

    @property
    def ask_first(self) -> Input:
        return self.query_one("#ask-first", Input)

    def _question_read(self, q: drill.Question, draft, plan: QuestionPlan) -> None:
        """The question's draft answer (if any), its brief, follow-up and time limits, read in the worker."""
        if self.index >= len(self.questions) or q is not self.current:
            return  # moved on while it was read
        self.plan = plan = plan.as_drafted(draft.payload) if draft else plan
        scenario = plan.scenario()
        self.query_one("#brief-line", Static).update(brief_line(scenario))
        self.query_one("#brief-line").display = bool(scenario)
        self.ask_first.display = bool(scenario)
        self.ask_first.value = str(draft.payload.get("ask_first", "")) if draft else ""
        self._reply_text = str(draft.payload.get("follow_up_answer", "")) if draft else ""
        with self.follow_answer.prevent(TextArea.Changed):
            self.follow_answer.load_text(self._reply_text)
        text = draft.payload.get("text", "") if draft else ""
        elapsed = float(draft.payload.get("elapsed", 0)) if draft else 0.0
        if self.answer.text:  # typed while the draft was read: what was typed stays
            text = self.answer.text
        self._typed_text = text
        with self.answer.prevent(TextArea.Changed):
            self.answer.load_text(text)
        self.answer.move_cursor(self.answer.document.end)
        if draft and (text.strip() or self.ask_first.value.strip() or self._reply_text.strip()):
            self.notify(
                f"What you typed ({moment(draft.updated_at)}) is back; the timer goes on from {clock_text(int(elapsed))}.",
                markup=False,
            )
        self.timer.reset(plan.timer_seconds, elapsed)
        if scenario:
            self.show_brief(q, scenario)
        else:
            self.start_answer()

    # --- the steps of one question ---------------------------------------------------------

    def show_brief(self, q: drill.Question, scenario: dict[str, str]) -> None:
        """Step 1: the scenario brief, before the countdown (enter starts it)."""
        self.step = BRIEF
        self.query_one("#brief-text", Static).update(brief_view(q.text, scenario))
        self._show_pane("brief")
        self.query_one("#go", Button).focus()

    def action_go(self) -> None:
        if self.step == BRIEF:
            self.start_answer()

    def on_key(self, event: events.Key) -> None:
        """A character typed on the brief starts the answer and goes into it: on the brief nothing
        took letters, so they ran as the app's keys ("t" opened the Timeline, "h" Home) and what was
        typed was lost. Space and enter press the brief's button, as before."""
        char = event.character
        if self.step != BRIEF or self.plan is None or not event.is_printable or not char or char == " ":
            return
        event.stop()
        event.prevent_default()
        field = self.start_answer()
        if isinstance(field, Input):
            field.insert_text_at_cursor(char)
        else:
            field.insert(char)

    def start_answer(self) -> Input | TextArea:
        """Step 2: the countdown runs while the answer is given. The field it focuses."""
        self.step = ANSWER
        self._show_pane("asking")
        field: Input | TextArea = self.ask_first if self.ask_first.display and not self.ask_first.value else self.answer
        field.focus()
        self.timer.start()
        return field

    def _answer_ticked(self) -> None:
        """The answer's time ran out: the interviewer pushes back (a question with a follow-up)."""
        t = self.timer
        if self.step == ANSWER and self.plan and self.plan.follow_up and t.running and t.elapsed >= t.limit:
            self.notify("Time: the interviewer pushes back.", markup=False)
            self.start_follow_up()

    def action_follow_up(self) -> None:
        if self.step == ANSWER:
            self.start_follow_up()

    def start_follow_up(self) -> None:
        """Step 3: the follow-up challenge with its own countdown."""
        assert self.plan is not None and self.plan.follow_up
        self.timer.pause()
        self.answer_seconds = self.timer.seconds
        self._keep_draft()
        self.step = FOLLOW_UP
        self.followed = True
        self.query_one("#follow-where", Static).update(
            Content.assemble(("Follow-up", "b"), (" · the interviewer pushes back: reply in a few sentences", "italic"))
        )
        self.query_one("#follow-text", Static).update(Content(self.plan.follow_up))
        self._show_pane("follow")
        self.follow_answer.focus()
        self.follow_timer.reset(self.plan.follow_up_seconds)
        self.follow_timer.start()

    def _collect(self) -> dict[str, object] | None:
        # From attributes, not widgets: on_unmount runs after the widgets are gone.
        if self.plan is None:
            return None
        return self.plan.draft(self._typed_text, self._timer.seconds, self._ask_first_text, self._reply_text)

    def _save_elapsed(self) -> None:
        """Keep the draft's seconds current while the user thinks without typing."""
        if self.keeper is not None and self._timer.running and self._typed_text.strip():
            self.keeper.changed()

    @on(TextArea.Changed, "#answer, #follow-answer")
    def _typed(self, event: TextArea.Changed) -> None:
        if event.text_area.id == "follow-answer":  # the follow-up's reply is kept with the answer
            self._reply_text = event.text_area.text
        else:
            self._typed_text = event.text_area.text
        if self.keeper is not None and self.index < len(self.questions):
            self.keeper.changed()

    @on(Input.Changed, "#ask-first")
    def _asked(self, event: Input.Changed) -> None:
        self._ask_first_text = event.value
        if self.keeper is not None and self.index < len(self.questions):
            self.keeper.changed()

    @on(Input.Submitted, "#ask-first")
    def _ask_first_done(self) -> None:
        self.answer.focus()

    def _keep_draft(self) -> None:
        if self.keeper is not None and self.index < len(self.questions):
            self.keeper.flush()

    # --- actions --------------------------------------------------------------------------

    def action_score(self) -> None:
        if self.step in (ANSWER, FOLLOW_UP):
            self.open_score()

    def open_score(self) -> None:
        """Step 4: the rubric (general and category criteria) over the answer."""
        came_from = self.step
        self.step_timer.pause()
        if came_from == ANSWER:
            self.answer_seconds = self.timer.seconds
        self._keep_draft()
        self.step = SCORING
        self.refresh_bindings()
        q, seconds, limit = self.current, self.answer_seconds, self.timer.limit

        def read(db) -> dict[Rating, datetime]:  # when it comes back after each rating, read before the dialog opens
            return {rating: drill.preview_due(db, q.id, rating, fuzz=True) for rating in Rating}

        def opened(due: dict[Rating, datetime]) -> None:
            self.promised = due  # the save keeps the day the dialog shows
            dialog = ScoreAnswer(q.text, seconds, limit, due.__getitem__, category=q.category, given=self.scored)
            self.partner_first(self, q, dialog, lambda scored: self._scored(scored, came_from))  # a partner's first

        read_then_show(self, read, opened, group="score")

    def _back_to(self, step: str, *, timer: bool = True) -> None:
        """Back to the step the score dialog came from (its timer on, unless a save failed: scoring is done)."""
        self.step = step
        self.refresh_bindings()
        if timer:
            self.step_timer.start()
        (self.follow_answer if step == FOLLOW_UP else self.answer).focus()

    def _scored(self, scored: Scored | None, came_from: str) -> None:
        if scored is None:
            self._back_to(came_from)
            return
        attempt = self.save_attempt(*scored)
        if attempt is None:  # the scores wait with the answer for ctrl+s to try again (a partner's too)
            self.scored = scored
            self._back_to(came_from, timer=False)
            return
        self.show_reveal(attempt)

    def save_attempt(self, scores: dict[str, int], criteria: dict[str, int]) -> drill.Attempt | None:
        """Step 5: the answer, the follow-up, the brief and the scores saved at once (None: not saved)."""
        q, plan = self.current, self.plan
        follow_up = plan.follow_up if plan is not None and self.followed else ""
        try:
            check_not_importing(self.db)
            attempt, self.partner_saved = record_with_partner(  # the partner's scores (if any) saved with it
                self.db,
                q.id,
                self.answer.text,
                scores,
                self.answer_seconds,
                self.partner_scored,
                criteria_scores=criteria,
                follow_up=follow_up,
                follow_up_answer=self.follow_answer.text if follow_up else "",
                follow_up_seconds=self.follow_timer.seconds if follow_up else 0,
                brief=plan.brief if plan is not None else "",
                ask_first=self.ask_first.value if plan is not None and plan.brief else "",
                promised=self.promised,
            )
        except StorageError as exc:  # the answer stays on screen and in its draft; ctrl+s scores again
            said = Content(f"not saved: {exc} (ctrl+s tries again)")  # a path in it may hold "[": not markup
            self.answer.border_subtitle = self.follow_answer.border_subtitle = said
            not_saved(self, exc)
            self._keep_draft()
            return None
        except CtoError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return None
        self.keeper = None  # the draft went with the attempt
        self.answer.border_subtitle = self.follow_answer.border_subtitle = ""
        self.results.append((q, attempt))
        saved = f"{attempt.score_text} · {RATING_WORDS[attempt.rating]} · back {until(attempt.due_after)}"
        self.notify(saved, markup=False)  # the rubric and the signals apart, as the reveal says them
        return attempt

    def show_reveal(self, attempt: drill.Attempt) -> None:
        """Step 6, after scoring only: a strong answer's outline next to the user's answer
        (a question of the user's own has no outline: straight on to the next)."""
        points = realism.outline(self.current.source_id)
        if not points and self.partner_saved is None:
            self.next_question()
            return
        self.step = REVEAL
        self.query_one("#outline", Static).update(outline_view(points, attempt))
        self.query_one("#mine", Static).update(self.with_partner(colors.tones(self), attempt, your_answer(attempt)))
        self._show_pane("reveal")
        self.query_one("#next", Button).focus()

    def action_next(self) -> None:
        if self.step == REVEAL:
            self.next_question()

    def action_skip(self) -> None:
        if self.step not in (BRIEF, ANSWER, FOLLOW_UP):
            return
        self.timer.pause()
        self.follow_timer.pause()
        self._keep_draft()
        self.results.append((self.current, None))
        self.next_question()

    def action_toggle_timer(self) -> None:
        self.step_timer.toggle()

    def action_link_story(self) -> None:
        """ctrl+l: pick an achievement to link as a story (the running countdown pauses meanwhile)."""
        back = (self.follow_answer if self.step == FOLLOW_UP else self.answer).focus  # the reply, or the answer
        self.query_one(StoriesPanel).pick_story(self.current.id, self.step_timer, back)

    @property
    def done(self) -> bool:
        """Every question asked: the summary is on view."""
        return self.index >= len(self.questions)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ASKING or action in ("follow_up", "close"):
            step = DONE if self.done else self.step
            if action not in STEP_ACTIONS[step]:
                return False
            has_follow_up = self.plan is not None and bool(self.plan.follow_up)
            if step == ANSWER and action in ("follow_up", "score"):
                return has_follow_up == (action == "follow_up")  # ctrl+s: the follow-up first, if there is one
        return True

    def action_end(self) -> None:
        """Escape while answering: with an answer typed, ask first; the draft is kept either way."""
        if self.done:
            self.action_close()
            return
        self._keep_draft()
        typed = (self.answer.text, self.ask_first.value, self.follow_answer.text)
        if not any(t.strip() for t in typed) or self.step == REVEAL:  # nothing typed, or all saved already
            self._end()
            return

        timer = self.step_timer
        was_running = timer.running
        timer.pause()  # deciding is not answer time
        was_in = self.focused  # back to the field the user left ("what I would ask first", say)

        def chosen(choice: str | None) -> None:
            if choice == "end":
                self.notify("Session ended. Your answer is kept as a draft and offered back next time.")
                self._end()
                return
            if was_running:
                timer.start()
            if was_in is not None and was_in.is_attached and was_in.display:
                was_in.focus()
            else:
                (self.follow_answer if self.step == FOLLOW_UP else self.answer).focus()

        self.app.push_screen(end_dialog(), chosen)

    def _end(self) -> None:
        self.timer.pause()
        self.follow_timer.pause()
        self.dismiss()

    def action_close(self) -> None:
        self.dismiss()

    def on_unmount(self) -> None:
        self._keep_draft()  # the app is closing with an answer open: keep the last keystrokes

    # --- the end -------------------------------------------------------------------------

    def show_summary(self) -> None:
        self.timer.pause()
        self.follow_timer.pause()
        self.step = DONE
        summary = self.query_one("#summary-text", Static)
        summary.update(Group(*summary_view(colors.tones(summary), self.title_text, self.results)))
        self.query_one(ContentSwitcher).current = "summary"
        self.query_one("#summary").focus()
        self.refresh_bindings()  # the session's keys leave the footer: only "back to the drill" is left
