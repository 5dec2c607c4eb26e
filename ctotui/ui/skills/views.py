"""What the skills screen shows, built from core dataclasses (no database here).

``tone(name)`` is an ActionList's style lookup (heading, muted, good, warn, bad,
accent), so every pane follows the theme. Option ids: ``area:<slug>``,
``step:<id>``, ``path:<slug>``; headings start with ``heading:``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from rich.console import Group, RenderableType
from rich.style import Style
from rich.text import Text
from textual.widgets.option_list import Option

from ctotui.core import clock, playbook
from ctotui.core.skills import stack as skills
from ctotui.core.skills.stack import AreaStatus, Rating, StepState
from ctotui.ui.dates import ago, short_date
from ctotui.ui.skills.hints import HINT_TONE, short_hints
from ctotui.ui.widgets.action_list import ActionList
from ctotui.ui.widgets.colors import Tone
from ctotui.ui.widgets.hanging import Hanging, hang, kept
from ctotui.ui.widgets.line_grid import Column, LineGrid
from ctotui.ui.widgets.skill_marks import bar, change

NAME_WIDTH = 23
CHART_WEEKS = 52


def spark(tone: Tone, line: str) -> Text:
    """The sparkline in the accent colour, a faint dot where the area was not rated yet."""
    text = Text(no_wrap=True)
    for mark in line:
        text.append("·" if mark == " " else mark, style=tone("muted") if mark == " " else tone("accent"))
    return text


def hint_text(tone: Tone, a: AreaStatus) -> Text:
    text = Text(no_wrap=True, overflow="ellipsis")
    for i, (kind, words) in enumerate(short_hints(a)):
        if i:
            text.append(" · ", style=tone("muted"))
        text.append(words, style=tone(HINT_TONE.get(kind, "warn")))
    return text


def count(n: int) -> str:
    """A count in at most four characters: 9999, then 10k, 43k, 120k."""
    return str(n) if n < 10_000 else f"{n // 1000}k"


def _grid(narrow: bool) -> LineGrid:
    return LineGrid(
        Column(width=NAME_WIDTH),
        Column(width=7),  # ■■■□□ 3
        Column(width=3, justify="right"),  # ▲1
        *([] if narrow else [Column(width=skills.SPARK_POINTS)]),
        Column(width=11, justify="right"),  # 15 · 63, 9999 · 43k
        Column(width=5, justify="right"),  # 3/7
        Column(flex=True),
    )


def area_header(tone: Tone, narrow: bool) -> LineGrid:
    grid = _grid(narrow)
    cells = ["Area", "Level", "90d", "Last 12 months", "Evidence", "Steps", "Gap hint"]
    if narrow:
        cells.remove("Last 12 months")
    grid.add_row(*(Text(c, style=tone("heading")) for c in cells))
    return grid


def area_row(tone: Tone, a: AreaStatus, narrow: bool) -> LineGrid:
    grid = _grid(narrow)
    cells: list[Text] = [
        Text(a.name, style=Style(bold=True)),
        bar(tone, a.level),
        change(tone, a.change_90d),
        spark(tone, a.sparkline),
        Text(
            f"{count(a.evidence_90d)} · {count(a.evidence_total)}",
            style=tone("muted") if not a.evidence_total else Style(),
        ),
        Text(f"{a.steps_done}/{len(a.steps)}", style=tone("muted")),
        hint_text(tone, a),
    ]
    if narrow:
        del cells[3]
    grid.add_row(*cells)
    return grid


def area_options(lst: ActionList, stack: Sequence[AreaStatus], narrow: bool) -> list[Option | None]:
    out: list[Option | None] = [lst.line(area_header(lst.tone, narrow), "header")]
    out += [Option(area_row(lst.tone, a, narrow), id=f"area:{a.skill}") for a in stack]
    return out


# --- the focused area: what it means, the levels, the hints -----------------------------


def about(tone: Tone, a: AreaStatus) -> Group:
    s = playbook.load().skill(a.skill)
    parts: list[RenderableType] = [Text(s.name, style=tone("heading")), Text(s.summary)]
    parts.append(Text.assemble(("Where it leads: ", tone("muted")), s.goal))
    parts += [Text(""), Text("Levels · 1–5 rates", style=tone("heading"))]
    since = f"you, since {short_date(a.rated_at)}" if a.rated_at else ""
    for n, description in enumerate(s.levels, start=1):
        current = n == a.level
        mark = Text(f"{'▶' if current else ' '} {n} ", style=tone("accent") if current else tone("muted"))
        body = Text(description, style=Style(bold=True) if current else Style())
        if current:
            body.append(f"  ← {since}", style=tone("accent"))
        parts.append(hang(mark, body))
    if a.hints:
        parts += [Text(""), Text("Gap hints", style=tone("heading"))]
        for h in a.hints:
            parts.append(hang(Text("! ", style=tone(HINT_TONE.get(h.kind, "warn"))), Text(h.advice)))
    parts += [Text(""), evidence_line(tone, a)]
    latest = a.ratings[-1] if a.ratings else None
    if latest and latest.note:
        parts.append(Text.assemble(("Your last note: ", tone("muted")), f"“{latest.note}”"))
    return Group(*parts)


def evidence_line(tone: Tone, a: AreaStatus) -> Text:
    return Text.assemble(
        ("Evidence: ", tone("muted")),
        (f"{a.evidence_90d}", Style(bold=True)),
        (f" in the last {skills.EVIDENCE_DAYS} days · ", tone("muted")),
        (f"{a.evidence_total}", Style(bold=True)),
        (" in all (achievements linked to this area in the journal) · e lists them", tone("muted")),
    )


def step_options(lst: ActionList, a: AreaStatus) -> list[Option | None]:
    out: list[Option | None] = [
        lst.heading(f"Practical steps · {a.steps_done}/{len(a.steps)} done · space ticks", "steps", gap=False)
    ]
    out += [Option(step_line(lst.tone, st), id=f"step:{st.id}") for st in a.steps]
    return out


def step_line(tone: Tone, st: StepState) -> Hanging:
    mark = Text("☑ " if st.ticked else "☐ ", style=tone("good") if st.ticked else tone("muted"))
    body = Text(st.text)
    if st.ticked and st.at:
        body.append("  " + kept(f"done {short_date(st.at)}"), style=tone("muted"))
    return hang(mark, body)


# --- the rating history ---------------------------------------------------------------


def chart(tone: Tone, a: AreaStatus, width: int, today: date | None = None) -> Text:
    """The level week by week over the last year: five rows, a column a week, month initials below."""
    today = today or clock.today()
    weeks = max(8, min(CHART_WEEKS, width - 4))
    cell = max(1, (width - 4) // weeks)  # columns per week, to fill a wide pane
    series = skills.history_series(a.ratings, today, points=weeks, step_days=7)
    text = Text()
    for level in range(5, 0, -1):
        text.append(f"{level} │", style=tone("muted"))
        for value in series:
            text.append(("█" if value is not None and value >= level else " ") * cell, style=tone("accent"))
        text.append("\n")
    text.append("  └" + "─" * (weeks * cell) + "\n", style=tone("muted"))
    text.append("   " + month_labels(today, weeks, cell, room=width - 3), style=tone("muted"))
    return text


def month_labels(today: date, weeks: int, cell: int, room: int = 0) -> str:
    """Each month's name under its first week, the current month's too (it may run up to two
    columns past the bars when ``room`` allows, else it moves left); the first, partial month
    only when its name does not run into the next one."""
    labels = [" "] * max(weeks * cell, min(weeks * cell + 2, room))
    starts: list[tuple[int, str]] = []
    previous = None
    for i in range(weeks):
        day = today - timedelta(days=7 * (weeks - 1 - i))
        if day.month != previous:
            starts.append((i * cell, f"{day:%b}"))
        previous = day.month
    if len(starts) > 1 and starts[1][0] < 4:
        starts = starts[1:]  # the first month shows too little of itself to name
    for col, name in starts:
        col = max(0, min(col, len(labels) - 3))
        if all(c == " " for c in labels[max(0, col - 1) : col + 3]):
            labels[col : col + 3] = list(name)
    return "".join(labels).rstrip()


def rating_lines(tone: Tone, ratings: Sequence[Rating]) -> Group:
    if not ratings:
        return Group(Text("No ratings yet. Press 1–5 to rate this area; every rating is kept.", style=tone("muted")))
    lines: list[RenderableType] = [Text(f"Ratings, newest first ({len(ratings)})", style=tone("heading"))]
    previous = {r.id: p.level for p, r in zip(ratings, ratings[1:], strict=False)}
    for r in reversed(ratings):
        mark = Text(f"{short_date(r.rated_at):>11}  ", style=tone("muted"))
        body = Text.assemble(bar(tone, r.level), "  ")
        if r.id in previous and previous[r.id] != r.level:
            body.append_text(change(tone, r.level - previous[r.id]))
            body.append("  ")
        body.append(r.note or "no note", style=Style() if r.note else tone("muted"))
        lines.append(hang(mark, body))
    return Group(*lines)


# --- paths and the CTO's job ------------------------------------------------------------


def path_options(lst: ActionList, current: str | None, since: str | None) -> list[Option | None]:
    out: list[Option | None] = [lst.heading("Three routes · enter marks yours", "paths", gap=False)]
    for p in playbook.load().paths:
        here = p.slug == current
        mark = Text("● " if here else "○ ", style=lst.tone("accent") if here else lst.tone("muted"))
        body = Text(p.name, style=Style(bold=True))
        if here:
            body.append(
                f"\nyour path{' ' + kept(f'since {short_date(since)}') if since else ''}", style=lst.tone("accent")
            )
        out.append(Option(hang(mark, body), id=f"path:{p.slug}"))
    return out


def path_detail(tone: Tone, slug: str, history: Sequence[tuple[str | None, str]]) -> Group:
    p = playbook.load().path(slug)
    parts: list[RenderableType] = [Text(p.name, style=tone("heading")), Text(p.summary)]
    for title, items, mark in (("For", p.pros, "+ "), ("Against", p.cons, "− "), ("What it rewards", p.rewards, "• ")):
        parts += [Text(""), Text(title, style=tone("heading"))]
        parts += [hang(Text(mark, style=tone("muted")), Text(item)) for item in items]
    parts += [Text(""), Text("Who it suits", style=tone("heading")), Text(p.suits)]
    if history:
        parts += [Text(""), Text("Your path over time", style=tone("heading"))]
        for value, at in reversed(history):
            name = playbook.load().path(value).name if value in playbook.PATHS else (value or "no path")
            parts.append(Text(f"{short_date(at):>11}  {name} ({ago(at)})"))
    return Group(*parts)


def responsibilities(tone: Tone, stack: Sequence[AreaStatus]) -> Group:
    """The five responsibilities, each with the areas that serve it and your levels in them."""
    levels = {a.skill: a for a in stack}
    parts: list[RenderableType] = [
        Text(
            "What a CTO answers for, and the skill areas each part of the job draws on. "
            "Your weakest area under a responsibility is where it would strain first.",
            style=tone("muted"),
        )
    ]
    for r in playbook.load().responsibilities:
        parts += [Text(""), Text(r.name, style=tone("heading")), Text(r.summary)]
        served = [levels[s] for s in r.skills]
        levels_here = {a.level for a in served}
        weakest = min(levels_here) if None not in levels_here and len(levels_here) > 1 else None  # type: ignore[type-var]  # None is not among them (checked first)
        line = Text("Draws on: ", style=tone("muted"))
        for i, a in enumerate(served):
            if i:
                line.append(" · ", style=tone("muted"))
            line.append(a.name + " ")
            line.append_text(bar(tone, a.level))
            if weakest is not None and a.level == weakest:
                line.append(" weakest", style=tone("warn"))
        parts.append(line)
    return Group(*parts)
