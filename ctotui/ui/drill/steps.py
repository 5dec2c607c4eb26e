"""A session's steps, the keys each one offers, and what they show besides the answer: the
scenario brief, the follow-up, the reveal (a strong answer's outline next to the user's answer)
and the summary.

The panes are laid out here (SessionScreen switches between them); the functions take core's
values and give a Rich renderable; user text is always a Text (never markup).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Static

from ctotui.core.dates import until
from ctotui.core.drill.bank import Attempt, Question
from ctotui.core.drill.realism import BRIEF_LABELS
from ctotui.ui.dialogs.choice import ChoiceDialog
from ctotui.ui.widgets.colors import Tone
from ctotui.ui.widgets.hanging import bullets
from ctotui.ui.widgets.long_text import LongText
from ctotui.ui.widgets.timer import PracticeTimer, clock_text

NO_TEXT = "(answered aloud: no text was typed)"

BRIEF, ANSWER, FOLLOW_UP, SCORING, REVEAL, DONE = "brief", "answer", "follow-up", "scoring", "reveal", "done"
SESSION_KEYS: list[BindingType] = [  # SessionScreen's; check_action offers each where STEP_ACTIONS says
    Binding("ctrl+s", "follow_up", "Done: follow-up", tooltip="Stop the timer; the interviewer pushes back"),
    Binding("ctrl+s", "score", "Done: score it", tooltip="Stop the timer and score the answer on the rubric"),
    Binding("ctrl+t", "toggle_timer", "Pause", tooltip="Pause or resume the timer"),
    Binding("ctrl+l", "link_story", "Link story", tooltip="Link an achievement from the journal as a story"),
    Binding("ctrl+n", "skip", "Skip", tooltip="Skip this question (it stays due; typed text is kept)"),
    Binding("ctrl+o", "toggle_partner", "Partner", tooltip="A partner scores this answer too (or not)"),
    Binding("escape", "end", "End session", tooltip="End the session (asks first if an answer is typed)"),
    # the summary's one key (the keys above are gone from the footer once the session is done)
    Binding("escape", "close", "Back to the drill", tooltip="Back to the drill's tabs"),
]
ASKING = frozenset({"score", "toggle_timer", "link_story", "skip", "end", "toggle_partner"})
STEP_ACTIONS = {  # the actions each step offers (SessionScreen.check_action)
    BRIEF: frozenset({"skip", "end", "toggle_partner"}),
    ANSWER: frozenset({"follow_up", "score", "toggle_timer", "link_story", "skip", "end", "toggle_partner"}),
    FOLLOW_UP: frozenset({"score", "toggle_timer", "link_story", "skip", "end", "toggle_partner"}),
    SCORING: frozenset({"end"}),
    REVEAL: frozenset({"end"}),
    DONE: frozenset({"close"}),
}


class BriefPane(Vertical):
    """Step 1: the scenario brief, and the button that starts the countdown."""

    def compose(self) -> ComposeResult:
        yield VerticalScroll(Static(id="brief-text"), id="brief-box")
        with Horizontal(classes="step-buttons"):
            yield Button("Start the timer (enter)", id="go", variant="primary", action="screen.go")


class FollowUpPane(Vertical):
    """Step 3: the follow-up challenge, its countdown and the reply."""

    def compose(self) -> ComposeResult:
        with Horizontal(id="follow-top"):
            with Vertical(id="follow-box"):
                yield Static(id="follow-where")
                yield Static(id="follow-text")
            yield PracticeTimer(id="follow-timer")
        area = LongText(id="follow-answer", soft_wrap=True, show_line_numbers=False)
        area.border_title = "Your reply (ctrl+s when done)"
        yield area


class RevealPane(Vertical):
    """Step 6: a strong answer's outline next to the user's answer, after scoring."""

    def compose(self) -> ComposeResult:
        with Horizontal(id="reveal-sides"):
            outline = VerticalScroll(Static(id="outline"), id="outline-box")
            outline.border_title = "Revealed after scoring"
            mine = VerticalScroll(Static(id="mine"), id="mine-box")
            mine.border_title = "Your answer"
            yield outline
            yield mine
        with Horizontal(classes="step-buttons"):
            yield Button("Next (enter)", id="next", variant="primary", action="screen.next")


def end_dialog() -> ChoiceDialog:
    """Escape with an answer typed: end the session, or keep answering (the draft stays either way)."""
    return ChoiceDialog(
        "End the session now?",
        [("end", "End session"), ("stay", "Keep answering")],
        detail="Your answer is kept as a draft either way; the drill offers it back (r).",
        title="Leave the drill session",
    )


def brief_view(question: str, scenario: Mapping[str, str]) -> RenderableType:
    """The company the question is asked about, shown before the countdown starts."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(ratio=1)
    for key, label in BRIEF_LABELS.items():
        if scenario.get(key):
            grid.add_row(label, Text(scenario[key]))
    return Group(
        Text.assemble(("The company: ", "bold"), scenario.get("name", "")),
        Text(""),
        grid,
        Text(""),
        Text.assemble(("The question: ", "bold"), question),
        Text(""),
        Text(
            "Read the brief; the countdown starts when you say go. A strong answer starts with what you would "
            "ask first: there is a field for it.",
            style="dim",
        ),
    )


def brief_line(scenario: Mapping[str, str]) -> Text:
    """The brief in one line, above the answer while it is given."""
    return Text.assemble((scenario.get("name", ""), "bold"), " · ", scenario.get("constraint", ""))


def answer_text(text: str) -> Text:
    return Text(text.strip()) if text.strip() else Text(NO_TEXT, style="dim")


def your_answer(attempt: Attempt) -> RenderableType:
    """The user's side of the reveal (and of a past attempt): ask-first, the answer, the follow-up."""
    parts: list[RenderableType] = []
    if attempt.ask_first.strip():
        parts += [Text("What I would ask first", style="bold"), Text(attempt.ask_first.strip()), Text("")]
    parts += [Text("My answer", style="bold"), answer_text(attempt.answer)]
    if attempt.follow_up:
        parts += [
            Text(""),
            Text.assemble(("Follow-up: ", "bold"), attempt.follow_up),
            Text(f"answered in {clock_text(attempt.follow_up_seconds)}", style="dim"),
            answer_text(attempt.follow_up_answer),
        ]
    return Group(*parts)


def outline_view(points: Sequence[str], attempt: Attempt) -> RenderableType:
    """The reveal's left side: what a strong answer covers, and the score just given."""
    score = attempt.score_text
    return Group(
        Text("What a strong answer covers", style="bold"),
        Text("points to compare with, not a script to learn", style="dim"),
        Text(""),
        bullets(points),
        Text(""),
        Text.assemble(("Your score: ", "dim"), score, " · ", attempt.rating.name),
    )


def summary_view(
    tone: Tone, title: str, results: Sequence[tuple[Question, Attempt | None]]
) -> tuple[Text, Table, Text]:
    """The session's end: a row per question, with the follow-up under its question."""
    table = Table(expand=True, box=None, padding=(0, 1))
    table.add_column("#", justify="right", style="dim")
    table.add_column("Question", ratio=1)
    table.add_column("Score", justify="right", no_wrap=True)
    table.add_column("Time", justify="right", no_wrap=True)
    table.add_column("Rating")
    table.add_column("Back")
    for i, (q, a) in enumerate(results, 1):
        if a is None:
            table.add_row(str(i), Text(q.text), "-", "-", "skipped", "still due")
            continue
        time_text = Text(clock_text(a.seconds))
        if a.overtime:
            time_text.append(" over", style=tone("bad"))
        cell = Text(q.text)
        if a.follow_up:
            cell.append("\n↳ ", style="dim")
            cell.append(a.follow_up, style="italic")
            cell.append(f" ({clock_text(a.follow_up_seconds)})", style="dim")
        score = f"{a.total}/12" + (f"\n{a.criteria_total}/{a.criteria_max}" if a.criteria_max else "")
        table.add_row(str(i), cell, score, time_text, a.rating.name, until(a.due_after))
    scored = [a for _, a in results if a is not None]
    mean = sum(a.total for a in scored) / len(scored) if scored else 0
    head = Text.assemble((f"Session done: {title}", "bold"), f"\n{len(scored)} answered")
    head.append(f", average {mean:.1f}/12" if scored else "")
    foot = Text(
        "\nScore: the general rubric out of 12, the category's signals below it. ↳ the follow-up challenge."
        "\nescape returns to the drill; your progress is on its Progress tab (3).",
        style="dim",
    )
    return head, table, foot
