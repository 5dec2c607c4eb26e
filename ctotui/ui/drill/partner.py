"""A partner's score in the same terminal: the partner scores the answer on the same rubric,
before the candidate does and without seeing the candidate's score; the candidate then scores
without seeing the partner's. The partner's scores stay in memory until both are in; they are
saved with the attempt (core/drill/partner.py) and shown side by side on the reveal.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Protocol, cast

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import App
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Button, Static, TextArea

from ctotui.core.drill.bank import Attempt, Question
from ctotui.core.drill.partner import Gap, PartnerScore, criterion_names
from ctotui.core.drill.realism import QuestionPlan
from ctotui.core.rubric import MAX_TOTAL
from ctotui.ui.dialogs.choice import ChoiceDialog
from ctotui.ui.drill.score import ScoreAnswer, Scored
from ctotui.ui.widgets.colors import Tone

OVER_RATED = 0.5  # a mean self-score this much above the partner's is marked (the CLI marks the same)
PARTNER_ON = "Partner scores on: after each answer, your partner scores it first; b turns it off."
PARTNER_OFF = "Partner scores off: you score your answers alone."
PARTNER_HINT = {True: "partner scores: on (b)", False: "b: partner scores"}  # under the session choices
HANDOVER = "Hand the keyboard to your partner"
HANDOVER_DETAIL = (
    "Your partner scores this answer first, on the same rubric. Neither of you sees the other's "
    "scores until both are in; then the reveal shows them side by side."
)


def shown_answer(answer: str, follow_up: str = "", follow_up_answer: str = "") -> RenderableType:
    """The candidate's answer (and follow-up reply) as the partner reads it: user text, never markup."""
    parts: list[RenderableType] = [
        Text("The answer", style="bold"),
        Text(answer.strip()) if answer.strip() else Text("(answered aloud: no text was typed)", style="dim"),
    ]
    if follow_up:
        parts += [Text(""), Text.assemble(("Follow-up: ", "bold"), follow_up)]
        parts.append(Text(follow_up_answer.strip()) if follow_up_answer.strip() else Text("(aloud)", style="dim"))
    return Group(*parts)


class PartnerScoreAnswer(ScoreAnswer):
    """The rubric for the partner: the answer above it, and no self-score anywhere (it is not given yet)."""

    DEFAULT_CSS = """
    PartnerScoreAnswer .partner-answer { margin-top: 1; padding: 0 1; border-left: thick $secondary; }
    """

    def __init__(
        self,
        question: str,
        answer: str,
        seconds: int,
        limit: int,
        *,
        category: str | None,
        follow_up: str = "",
        follow_up_answer: str = "",
    ) -> None:
        super().__init__(question, seconds, limit, None, category=category)
        self.answer_view = shown_answer(answer, follow_up, follow_up_answer)

    def on_mount(self) -> None:  # after ScoreAnswer's own (Textual calls each class's handler)
        box = self.query_one(Vertical)
        box.border_title = "Partner: score this answer"
        box.border_subtitle = "ctrl+s saves it, hidden, and hands the keyboard back · escape: no partner score"
        self.query_one("#cancel", Button).label = "No partner score"
        rubric = self.query_one("#rubric")
        rubric.mount(Static(self.answer_view, classes="partner-answer"), after=rubric.children[0])


def agreement(tone: Tone, label: str, over: int) -> Text:
    """How far apart the two scores of one measure are ("Rubric: you scored yourself 2 higher...")."""
    if over > 0:
        return Text(f"{label}: you scored yourself {over} higher than your partner did.", style=tone("warn"))
    if over < 0:
        return Text(f"{label}: your partner scored you {-over} higher than you did.", style=tone("good"))
    return Text(f"{label}: you and your partner agree.", style="dim")


def side_by_side(tone: Tone, attempt: Attempt, partner: PartnerScore) -> RenderableType:
    """The reveal's comparison: each criterion's self and partner score, the gaps marked."""
    mine: Mapping[str, int] = {**attempt.scores.as_dict(), **attempt.criteria_scores}
    theirs = partner.as_dict()
    every = criterion_names()
    names = {c: every.get(c, c) for c in {**mine, **theirs}}
    table = Table(box=None, padding=(0, 1), header_style="bold", expand=True)
    table.add_column("Criterion", ratio=1)
    table.add_column("You", justify="right", no_wrap=True)
    table.add_column("Partner", justify="right", no_wrap=True)
    for criterion, name in names.items():
        own, other = mine.get(criterion), theirs.get(criterion)
        cell = Text("-" if other is None else str(other))
        if own is not None and other is not None and own != other:
            cell.stylize(tone("warn" if own > other else "good"))
        table.add_row(name, "-" if own is None else str(own), cell)
    measures = [("Rubric", (attempt.total, MAX_TOTAL), (partner.total, MAX_TOTAL))]
    if attempt.criteria_max or partner.criteria_max:
        signals = ((attempt.criteria_total, attempt.criteria_max), (partner.criteria_total, partner.criteria_max))
        measures.append(("Signals", *signals))
    notes = []
    for label, (own_total, own_max), (their_total, their_max) in measures:  # apart, as Attempt.score_text
        table.add_row(Text(label, style="bold"), f"{own_total}/{own_max}", f"{their_total}/{their_max}")
        notes.append(agreement(tone, label, own_total - their_total))
    note = Text("\n").join(notes)
    return Group(Text("You and your partner", style="bold"), table, note)


def ask_partner(app: App[object], dialog: PartnerScoreAnswer, then: Callable[[Scored | None], None]) -> None:
    """The handover: a word to pass the keyboard, then the partner's rubric; ``then`` gets the
    partner's scores (None: no partner score for this answer)."""

    def handed(choice: str | None) -> None:
        if choice == "ready":
            app.push_screen(dialog, then)
        else:
            then(None)

    app.push_screen(
        ChoiceDialog(
            HANDOVER,
            [("ready", "Partner is ready"), ("skip", "No partner for this one")],
            detail=HANDOVER_DETAIL,
            title="Partner scores",
        ),
        handed,
    )


def partner_view(tone: Tone, gaps: Sequence[Gap]) -> RenderableType:
    """The Progress tab's self-against-partner table (nothing until a partner has scored)."""
    if not gaps:
        return Text("")
    table = Table(box=None, padding=(0, 1), header_style="bold", expand=True)
    table.add_column("Criterion", ratio=1)
    table.add_column("You", justify="right", no_wrap=True)
    table.add_column("Partner", justify="right", no_wrap=True)
    table.add_column("Gap", justify="right", no_wrap=True)
    table.add_column("Answers", justify="right", no_wrap=True)
    for g in gaps:
        gap = Text(f"{g.gap:+.1f}")
        if g.gap >= OVER_RATED:
            gap.append(" over", style=tone("warn"))
        elif g.gap <= -OVER_RATED:
            gap.append(" under", style=tone("good"))
        table.add_row(g.name, f"{g.self_mean:.1f}", f"{g.partner_mean:.1f}", gap, str(g.pairs))
    heading = Text.assemble(
        ("\nYou against your partner", "bold"), (" (mean of 0-2 over the answers both scored)", "dim")
    )
    return Group(heading, table)


class Answering(Protocol):
    """What the partner's step reads of the session (SessionScreen offers it)."""

    plan: QuestionPlan | None
    followed: bool

    @property
    def app(self) -> App[object]: ...

    @property
    def answer(self) -> TextArea: ...

    @property
    def follow_answer(self) -> TextArea: ...


class PartnerSteps:
    """A partner's part of a drill session, mixed into SessionScreen: whether a partner scores the
    answer on view (the session's choice, ctrl+o for one answer), the partner's scores held until
    the self-score is in, and what was saved, for the reveal."""

    partner: bool  # a partner scores every answer of the session
    partner_now: bool  # ... the answer on view
    partner_scored: Scored | None  # the partner's scores, held (unseen) until the self-score is in
    partner_saved: PartnerScore | None  # saved with the attempt: the reveal shows both

    def init_partner(self, partner: bool) -> None:
        """The session's choice (and, for each new question, the reset to it)."""
        self.partner = self.partner_now = partner
        self.partner_scored = None
        self.partner_saved = None

    def partner_first(
        self, screen: Answering, question: Question, dialog: ScoreAnswer, then: Callable[[Scored | None], None]
    ) -> None:
        """Push the self-score ``dialog`` (its result to ``then``), after the handover and the partner's
        rubric when a partner scores this answer and has not yet."""
        if not self.partner_now or self.partner_scored is not None:
            screen.app.push_screen(dialog, then)
            return

        def scored(partner: Scored | None) -> None:
            self.partner_scored, self.partner_now = partner, partner is not None
            screen.app.push_screen(dialog, then)

        follow_up = screen.plan.follow_up if screen.plan is not None and screen.followed else ""
        theirs = PartnerScoreAnswer(
            question.text,
            screen.answer.text,
            dialog.seconds,
            dialog.limit,
            category=question.category,
            follow_up=follow_up,
            follow_up_answer=screen.follow_answer.text if follow_up else "",
        )
        ask_partner(screen.app, theirs, scored)

    def action_toggle_partner(self) -> None:
        """ctrl+o: a partner scores this answer too, or not (the next answer goes back to the session's
        choice). The session offers it while a question is open (its check_action)."""
        self.partner_now, self.partner_scored = not self.partner_now, None
        if self.partner_now:
            cast(Screen, self).notify("A partner scores this answer: when you are done, hand over the keyboard.")
        else:
            cast(Screen, self).notify("No partner score for this answer: you score it alone.")

    def with_partner(self, tone: Tone, attempt: Attempt, mine: RenderableType) -> RenderableType:
        """The reveal's side of the user: both scores side by side above ``mine`` once a partner's are saved."""
        if self.partner_saved is None:
            return mine
        return Group(side_by_side(tone, attempt, self.partner_saved), Text(""), mine)
