"""A mock interview in the app: a session over the mock's plan (core/drill/mock.py) with an
overall clock, then its report.

It is a drill session (ui/drill/session.py) with four differences: the questions are the mock's
plan, in its order; a line above the question shows the interview's clock (the time used so far
against the minutes) and where the interview is; there is no reveal between questions (an
interviewer does not show the strong answer; the outlines stay for practice sessions), and each
answer's attempt and time (answer plus follow-up) are linked to its place as it is saved; at the
end the mock is finished and its report shown: per question the answer, scores, follow-up and
time, totals by category and criterion, and the weakest criterion with the practice that helps.
`ctotui drill report` prints the same report.

Escape in a mock with an answer saved asks first: end it now and see the report, leave it to go
on later, or keep going. m offers a mock left before its end again: go on from where it was left
(its clock goes on from the time used), or end it and see its report.
"""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import ContentSwitcher, Static

from ctotui.core import playbook
from ctotui.core.drill import bank as drill
from ctotui.core.drill.mock import (
    MINUTES,
    Mock,
    finish_mock,
    mock_questions,
    record_item,
    start_mock,
    unfinished_mock,
)
from ctotui.core.drill.mock_report import MockReport, report
from ctotui.core.errors import CtoError
from ctotui.ui.base import AreaScreen
from ctotui.ui.dialogs.choice import ChoiceDialog
from ctotui.ui.drill.session import ANSWER, BRIEF, FOLLOW_UP, SessionScreen
from ctotui.ui.guard import guarded
from ctotui.ui.readers import read_then_show
from ctotui.ui.widgets import colors
from ctotui.ui.widgets.colors import Tone
from ctotui.ui.widgets.timer import clock_text

CLOCK_TICK = 1.0  # seconds between refreshes of the interview's clock
LENGTHS = {str(m): m for m in MINUTES}


def report_view(tone: Tone, rep: MockReport) -> RenderableType:
    """The mock's report on screen (the same facts as `ctotui drill report`)."""
    m = rep.mock
    head = Text.assemble(
        (f"Mock interview, {m.minutes} minutes: done", "bold"),
        f"\n{rep.answered} of {len(rep.items)} questions answered in {clock_text(m.seconds_used)}"
        f" of {clock_text(m.minutes * 60)}",
    )
    if m.seconds_used > m.minutes * 60:
        head.append(" (over time)", style=tone("bad"))
    pb = playbook.load()
    table = Table(expand=True, box=None, padding=(0, 1), header_style="bold")
    table.add_column("#", justify="right", style="dim")
    table.add_column("Question and answer", ratio=1)
    table.add_column("Score", justify="right", no_wrap=True)
    table.add_column("Time", justify="right", no_wrap=True)
    for i in rep.items:
        cell = Text.assemble((pb.interview_category(i.category).name, "dim"), "\n", i.question)
        a = i.attempt
        if a is None:
            table.add_row(str(i.position + 1), cell, "skipped", clock_text(i.seconds_used))
            continue
        cell.append("\n")
        if a.ask_first.strip():  # typed in "what I would ask first" (where the cursor starts)
            cell.append("asked first: ", style="dim")
            cell.append(a.ask_first.strip(), style="italic")
            cell.append("\n")
        cell.append(a.answer.strip() or "(answered aloud)", style="italic")
        if a.follow_up:
            cell.append("\n↳ ", style="dim")
            cell.append(a.follow_up)
            cell.append("\n  ")
            cell.append(a.follow_up_answer.strip() or "(answered aloud)", style="italic")
        score = a.score_text.replace(" · ", "\n")  # "9/12", "signals 10/10" under it, as the CLI says it
        if i.partner is not None:
            score += "\npartner " + i.partner.score_text.replace(" · ", "\n")
        table.add_row(str(i.position + 1), cell, score, clock_text(i.seconds_used))
    totals = Table(box=None, padding=(0, 1), header_style="bold")
    totals.add_column("Category")
    totals.add_column("Answered", justify="right")
    totals.add_column("Score", justify="right")
    for c in rep.categories:
        totals.add_row(c.name, str(c.answered), c.score_text)
    criteria = Table(box=None, padding=(0, 1), header_style="bold")
    criteria.add_column("Criterion")
    criteria.add_column("Mean (0-2)", justify="right")
    for t in rep.criteria:
        style = tone("bad") if rep.weakest is not None and t.id == rep.weakest.id else ""
        criteria.add_row(Text(t.name, style=style), Text(f"{t.mean:.1f}", style=style))
    means: RenderableType = criteria
    if not rep.criteria:  # an empty table of means, with its headings, said nothing
        means = Text("No answer was scored, so there are no criteria to average.", style=tone("muted"))
    parts: list[RenderableType] = [head, Text(""), table, Text(""), totals, Text(""), means, Text("")]
    if rep.weakest is not None:
        parts.append(Text.assemble(("Weakest: ", "bold"), rep.weakest.name, f" ({rep.weakest.mean:.1f} of 2)"))
        parts.append(Text.assemble(("Practice that helps: ", "bold"), rep.practice))
    parts.append(Text("\nescape returns to the drill · on the command line: ctotui drill report", style="dim"))
    return Group(*parts)


class MockSessionScreen(SessionScreen):
    """The mock interview (see the module docstring)."""

    def __init__(self, mock: Mock, questions: list[drill.Question], *, partner: bool = False, start: int = 0) -> None:
        """``start``: the place to ask first (a mock gone on with); past the last, the report at once."""
        super().__init__(questions, f"Mock interview, {mock.minutes} minutes", partner=partner)
        self.mock = mock
        self.index = start - 1  # next_question moves on to it
        self.used = sum(i.seconds_used for i in mock.items[:start])  # seconds of the places already done
        self.counted: int | None = None  # the last place whose seconds are in ``used``
        self.report: MockReport | None = None
        self.sub_title = f"Interview drill · mock interview, {mock.minutes} minutes"

    def compose_body(self) -> ComposeResult:
        yield Static(id="mock-clock")
        yield from super().compose_body()

    def on_mount(self) -> None:  # besides SessionScreen's own (Textual calls each class's handler)
        self.set_interval(CLOCK_TICK, self.show_clock, name="mock clock")
        self.show_clock()

    def next_question(self) -> None:
        super().next_question()
        self.show_clock()  # "question 2 of 8" as it comes, not at the next tick

    # --- the interview's clock -------------------------------------------------------------

    def current_seconds(self) -> int:
        """The seconds the question on view has used (its answer, then its follow-up); none once they
        are recorded in ``used`` (a partner's comparison on view: its stopped countdowns counted once)."""
        if self.done or self.counted == self.index:
            return 0
        return self.timer.seconds + (self.follow_timer.seconds if self.followed else 0)

    @property
    def elapsed(self) -> int:
        return self.used + self.current_seconds()

    def show_clock(self) -> None:
        total = self.mock.minutes * 60
        elapsed = self.elapsed
        where = "done" if self.done else f"question {max(self.index, 0) + 1} of {len(self.questions)}"
        line = Content.assemble(
            ("Mock interview ", "bold"),
            f"{clock_text(elapsed)} of {clock_text(total)} · {where}",
        )
        if elapsed > total:
            line = Content.assemble(line, (" · over time: finish this one", "$text-error"))
        self.query_one("#mock-clock", Static).update(line)

    # --- the hooks into the session's steps -------------------------------------------------

    def _record(self, attempt_id: int | None, seconds: int) -> None:
        position = self.index
        self.used += seconds
        self.counted = position
        guarded(self, record_item, self.db, self.mock.id, position, attempt_id, seconds)
        self.show_clock()

    def save_attempt(self, scores: dict[str, int], criteria: dict[str, int]) -> drill.Attempt | None:
        seconds = self.current_seconds()
        attempt = super().save_attempt(scores, criteria)
        if attempt is not None:
            self._record(attempt.id, seconds)
        return attempt

    def show_reveal(self, attempt: drill.Attempt) -> None:
        """No reveal in an interview: the partner's comparison, if any, then straight on."""
        if self.partner_saved is not None:
            super().show_reveal(attempt)  # the side by side of the two scores is worth the stop
            return
        self.next_question()

    def action_skip(self) -> None:
        if self.done or self.step not in (BRIEF, ANSWER, FOLLOW_UP):
            return
        self._record(None, self.current_seconds())
        super().action_skip()

    def action_end(self) -> None:
        """Escape: with an answer saved, ask: end it now and see the report, leave it for later, keep going."""
        saved = self.mock.answered or any(a is not None for _, a in self.results)
        if self.done or not saved:
            super().action_end()
            return
        self._keep_draft()
        timer = self.step_timer
        was_running = timer.running
        timer.pause()  # deciding is not interview time

        def chosen(choice: str | None) -> None:
            if choice == "report":
                self.end_now()
            elif choice == "later":
                self.notify("The mock interview is kept: m goes on with it.", markup=False)
                self._end()
            else:
                if was_running:
                    timer.start()
                if self.step in (ANSWER, FOLLOW_UP):
                    (self.follow_answer if self.step == FOLLOW_UP else self.answer).focus()

        self.app.push_screen(
            ChoiceDialog(
                "End the mock interview now?",
                [("report", "End: see report"), ("later", "Go on later"), ("stay", "Keep going")],
                detail="The report shows the answers saved so far; the questions left count as skipped. "
                "Go on later keeps it as it is: m offers it again.",
                title="Leave the mock interview",
            ),
            chosen,
        )

    def end_now(self) -> None:
        """End the interview before its last question: the time of the one on view counts, then the report."""
        if self.step in (BRIEF, ANSWER, FOLLOW_UP) and self.current_seconds():
            self._record(None, self.current_seconds())
        self.index = len(self.questions)
        self.show_summary()

    def show_summary(self) -> None:
        super().show_summary()
        try:
            self.mock = finish_mock(self.db, self.mock.id)
        except CtoError as exc:
            self.notify(str(exc), severity="warning", markup=False)
        mock_id = self.mock.id
        read_then_show(self, lambda db: report(db, mock_id), self._show_report, group="mock-report")

    def _show_report(self, rep: MockReport) -> None:
        self.report = rep
        shown = self.query_one("#summary-text", Static)
        shown.update(report_view(colors.tones(shown), rep))
        self.query_one(ContentSwitcher).current = "summary"
        self.show_clock()


# --- starting one ------------------------------------------------------------------------


def start(screen: AreaScreen, minutes: int, *, partner: bool = False) -> None:
    """Plan and store a mock interview (a write, one core call), read its questions in a worker, open it."""
    mock = guarded(screen, start_mock, screen.db, minutes)
    if mock is None:
        return
    read_then_show(
        screen,
        lambda db: mock_questions(db, mock),
        lambda questions: screen.app.push_screen(MockSessionScreen(mock, questions, partner=partner)),
        group="session",
    )


def go_on(screen: AreaScreen, mock: Mock, *, partner: bool = False, report_only: bool = False) -> None:
    """Open a mock left before its end where it was left (``report_only``: ended at once, its report)."""
    read_then_show(
        screen,
        lambda db: mock_questions(db, mock),
        lambda questions: screen.app.push_screen(
            MockSessionScreen(
                mock, questions, partner=partner, start=len(mock.items) if report_only else mock.resume_at
            )
        ),
        group="session",
    )


def choose_and_start(screen: AreaScreen, *, partner: bool = False) -> None:
    """A mock left before its end first: go on with it, or end it and see its report, or a new one;
    then ask 30 or 45 minutes, then start."""

    def offer(left: Mock | None) -> None:
        if left is None:
            choose_length(screen, partner=partner)
            return

        def chosen(choice: str | None) -> None:
            if choice in ("resume", "report"):
                go_on(screen, left, partner=partner, report_only=choice == "report")
            elif choice == "new":
                choose_length(screen, partner=partner)

        more = left.resume_at < len(left.items)
        where = f"It goes on at question {left.resume_at + 1}, its clock at " if more else "Its clock stopped at "
        screen.app.push_screen(
            ChoiceDialog(
                f"Your {left.minutes}-minute mock interview was left before its end: "
                f"{left.answered} of {len(left.items)} questions answered.",
                [
                    *([("resume", "Go on")] if more else []),
                    ("report", "See report"),
                    ("new", "New one"),
                    ("cancel", "Not now"),
                ],
                detail=f"{where}{clock_text(left.seconds_used)}. See report ends it.",
                title="Mock interview",
            ),
            chosen,
        )

    read_then_show(screen, unfinished_mock, offer, group="mock-left")


def choose_length(screen: AreaScreen, *, partner: bool = False) -> None:
    """Ask 30 or 45 minutes, then start."""

    def chosen(choice: str | None) -> None:
        if choice in LENGTHS:
            start(screen, LENGTHS[choice], partner=partner)

    screen.app.push_screen(
        ChoiceDialog(
            "A timed interview that mixes the three categories, with follow-ups, then a report.",
            [("30", "30 minutes"), ("45", "45 minutes"), ("cancel", "Not now")],
            detail="Warm-up and the stack first, then the team, then the non-technical leaders.",
            title="Mock interview",
        ),
        chosen,
    )
