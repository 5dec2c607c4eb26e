"""How the drill's numbers look: readiness bars, score sparklines, the coverage grid.

Pure rendering: each function takes the frozen dataclasses core returns and
gives a Rich renderable for a Static.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from ctotui.core import clock, playbook
from ctotui.core.dates import until
from ctotui.core.drill.bank import Attempt, Question
from ctotui.core.drill.criteria import GENERAL, SHARED, CriterionProgress, weakest
from ctotui.core.drill.progress import CategoryProgress, DueSummary
from ctotui.core.drill.stories import NOT_AVAILABLE, OVERUSED, Coverage, Story
from ctotui.core.plural import plural
from ctotui.core.rubric import LEECH_LAPSES, MAX_TOTAL
from ctotui.core.spark import sparkline
from ctotui.ui.dates import short_date
from ctotui.ui.widgets.colors import Tone
from ctotui.ui.widgets.hanging import Kept, bullets, hang, kept, numbered

KEYS_HINT = "\n[dim]enter starts · o session size and timers · a adds a question of your own · 2 3 4 other tabs[/]"


def bar(tone: Tone, percent: int, width: int = 20) -> Text:
    """A readiness bar: good from 70%, warn from 40%, bad below."""
    filled = round(percent / 100 * width)
    text = Text("█" * filled, style=tone("good" if percent >= 70 else "warn" if percent >= 40 else "bad"))
    text.append("░" * (width - filled), style="dim")
    text.append(f" {percent:>3}%")
    return text


# said where a session would ask nothing because no question is live (the Practise pane, d, a category)
ALL_RETIRED = "No question to ask{where}: every one is retired. The Questions tab (2) lists them; x brings one back."


def practise_about(
    tone: Tone, slug: str | None, summary: DueSummary, rows: Sequence[CategoryProgress]
) -> RenderableType:
    """What the highlighted choice on the Practise tab would start (lists keep their indent when they wrap)."""
    if slug is None:
        parts: list[RenderableType] = [
            Text.from_markup(
                "[b]Due now[/b]: the questions you are likely to forget soon, the weakest category first, categories "
                "mixed."
            ),
            Text(f"\n{plural(summary.due, 'practised question')} due, {summary.new} never practised."),
        ]
        if summary.next_due and not summary.due:
            parts.append(Text(f"Nothing practised is due; the next one comes back {_when(summary)}."))
        if summary.queue:
            parts.append(Text.from_markup("\n[b]This session would ask:[/b]"))
            names = {c.slug: c.name for c in playbook.load().interview}
            parts.append(
                numbered(
                    Text.assemble(q.text, (" " + kept(f"({names.get(q.category, q.category)})"), "dim"))
                    for q in summary.queue
                )
            )
        elif summary.next_due is None:  # nothing practised ahead and nothing new: every question retired
            parts.append(Text("\n" + ALL_RETIRED.format(where="")))
        parts.append(Text.from_markup(KEYS_HINT))
        return Group(*parts)
    ic = playbook.load().interview_category(slug)
    row = next(r for r in rows if r.slug == slug)
    grid = Table.grid(padding=(0, 1))
    grid.add_row(Text.assemble((ic.name, "bold"), ": ", ic.asks))
    grid.add_row(Text(ic.summary, style="dim"))
    grid.add_row(
        Text.assemble(
            "Readiness ", bar(tone, row.readiness), f"   {row.due} due · {row.new} new · {row.practised} practised"
        )
    )
    grid.add_row(Group(Text.from_markup("\n[b]How it is tested[/b]"), bullets(ic.how_tested)))
    grid.add_row(Group(Text.from_markup("\n[b]What a strong answer does[/b]"), bullets(ic.strong_answer)))
    grid.add_row(Text.from_markup(KEYS_HINT))
    return grid


def _when(summary: DueSummary) -> str:
    return until(summary.next_due) if summary.next_due else "later"


def progress_view(
    tone: Tone, rows: Sequence[CategoryProgress], weak: Sequence[Question], *, narrow: bool = False
) -> RenderableType:
    """The categories' table (``narrow``: shorter bars and headings, so the names keep their room;
    a name too long is cut with "…", never wrapped a word per line)."""
    table = Table(expand=True, box=None, padding=(0, 1), header_style="bold")
    table.add_column("Category", ratio=2, no_wrap=True, overflow="ellipsis", min_width=14)
    table.add_column("Readiness", no_wrap=True)
    table.add_column("Weekly" if narrow else "Score by week", no_wrap=True)
    table.add_column("Recent", justify="right", no_wrap=True)
    table.add_column("Due", justify="right", no_wrap=True)
    table.add_column("New", justify="right", no_wrap=True)
    table.add_column("Tries" if narrow else "Attempts", justify="right", no_wrap=True)
    for r in rows:
        trend = sparkline([avg for _, avg in r.weekly], top=MAX_TOTAL) or "-"
        recent = "-" if r.recent_average is None else f"{r.recent_average:g}/12"
        readiness = bar(tone, r.readiness, width=8 if narrow else 20)
        table.add_row(Text(r.name), readiness, trend, recent, str(r.due), str(r.new), str(r.attempts))
    parts: list[RenderableType] = [
        table,
        Text(
            "Readiness = coverage × (0.6 × recent scores + 0.4 × the chance you recall them now); coverage reaches 1 "
            "at six questions "
            "practised. Score by week: one bar per week with attempts, the average total out of 12.",
            style="dim",
        ),
        Text.from_markup(
            f"\n[b]Weak spots[/b] [dim](forgotten {LEECH_LAPSES} times or more: rework the story, not the wording)[/]"
        ),
    ]
    if weak:
        parts += [hang(f"  {q.lapses}× ", Text(q.text)) for q in weak]  # wrapped under the question
    else:
        parts.append(Text("  none", style="dim"))
    return Group(*parts)


def question_detail(q: Question, told: Sequence[Story], journal: bool) -> RenderableType:
    """The highlighted question of the bank, in full, under the table."""
    name = playbook.load().interview_category(q.category).name
    where = "your own question" if q.source == "user" else "from the playbook"
    if q.retired:
        when = "retired (x brings it back)"
    elif q.is_new:
        when = "never practised"
    else:
        when = f"{plural(q.reps, 'attempt')}, {plural(q.lapses, 'lapse')}, " + kept(
            f"next {clock.local(clock.utc_iso(q.due)):%a %d %b}"
        )
    stories_line = "; ".join(s.title for s in told) or ("none linked" if journal else NOT_AVAILABLE)
    return Kept(  # "next Tue 14 Jul" on one line
        Text.assemble(
            (q.text, "bold"),
            (f"\n{name} · {where} · {when}", "dim"),
            f"\nStories: {stories_line}",
            ("\nenter practises it · e edits · x retires · v shows past answers", "dim"),
        )
    )


def attempt_row(a: Attempt, area: str) -> tuple[str | Text, ...]:
    """One row of the recent attempts: "11 Mar 19:12", the area as the question bank names it
    ("leaders", not the slug "non-technical-leaders": the question stays in view at 80 columns),
    the score (the rubric's, then the signals), the time, the rating and the question."""
    when = f"{short_date(a.created_at)} {clock.local(a.created_at):%H:%M}"
    time_text = f"{a.seconds // 60}:{a.seconds % 60:02d}" + (" over" if a.overtime else "")
    score = a.short_score_text  # "12/12 · 9/10": a rating of Good beside 12/12 reads right
    return (when, Text(area), score, time_text, a.rating.name, Text(a.question_text))  # a str cell is markup


def coverage_view(tone: Tone, cov: Coverage) -> RenderableType:
    if not cov.available:
        return Text.assemble(
            (f"{NOT_AVAILABLE.capitalize()}.", "bold"),
            "\n\nStories are achievements from the journal (j) linked to questions. Once the journal is in "
            "this build, this tab shows, for each category, which questions have a story, the categories with "
            "none, and the stories told for too many questions.",
        )
    parts: list[RenderableType] = [
        Text(
            "Stories are achievements from your journal told as answers. Link them while answering (the "
            "suggestions, or ctrl+l) or from the journal (l).\n",
            style="dim",
        )
    ]
    for c in cov.categories:
        head = Text.assemble((c.name, "bold"), f" · {c.covered} of {c.questions} questions have a story")
        parts.append(head)
        if c.gap:
            parts.append(Text("  no story yet: a gap to fill before an interview", style=tone("bad")))
        parts += [  # each wrapped under its own title
            hang("  • ", Text.assemble(s.title, ("  " + kept(s.badge) if s.badge else "", tone("good"))))
            for s in c.stories
        ]
        parts.append(Text(""))
    if cov.overused:
        parts.append(
            Text.assemble(
                ("Told too often", "bold"),
                " ",
                (f"(linked to more than {OVERUSED} questions: an interviewer may hear it twice)", "dim"),
            )
        )
        parts += [hang(f"  {n} questions · ", Text(s.title)) for s, n in cov.overused]
    return Group(*parts)


def criteria_view(rows: Sequence[CriterionProgress], *, narrow: bool = False) -> RenderableType:
    """Scores per criterion over time: the general rubric, each category's signals, the shared one."""
    names = {ic.slug: ic.name for ic in playbook.load().interview} | {GENERAL: "every answer", SHARED: "every category"}
    table = Table(expand=True, box=None, padding=(0, 1), header_style="bold")
    table.add_column("Criterion", ratio=3, no_wrap=True, overflow="ellipsis", min_width=16)
    table.add_column("For", ratio=2, no_wrap=True, overflow="ellipsis")
    table.add_column("Weekly" if narrow else "Score by week", no_wrap=True)
    table.add_column("Recent", justify="right", no_wrap=True)
    table.add_column("Scored", justify="right", no_wrap=True)
    for r in rows:
        trend = sparkline([avg for _, avg in r.weekly], top=r.max_score) or "-"
        recent = "-" if r.recent_average is None else f"{r.recent_average:g}/{r.max_score}"
        table.add_row(Text(r.name), Text(names.get(r.scope, r.scope), style="dim"), trend, recent, str(r.scored))
    weak = weakest(list(rows))
    parts: list[RenderableType] = [table]
    if weak is not None:
        parts.append(Text.assemble("\nWeakest lately: ", (weak.name, "bold"), f" ({weak.recent_average:g}/2)"))
    parts.append(
        Text(
            "Recent: the mean of the last five scores (0-2). A category's signals are scored on answers since they "
            "came in; the general criteria on every answer.",
            style="dim",
        )
    )
    return Group(*parts)
