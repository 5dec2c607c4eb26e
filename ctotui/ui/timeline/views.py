"""What the timeline screen's lists and side panes show, built from core dataclasses.

Option ids say what an option is: ``target:<id>``, ``question:<id>``,
``plan:<id>``, ``check:<kind>:<id>``; headings start with ``heading:``.
"""

from __future__ import annotations

from rich.console import Group
from rich.style import Style
from rich.text import Text
from textual.content import Content
from textual.widget import Widget
from textual.widgets.option_list import Option

from ctotui.core import clock, playbook
from ctotui.core.plural import plural, year_count
from ctotui.core.timeline import plan as plan_core
from ctotui.core.timeline import selfcheck
from ctotui.core.timeline import stages as tl
from ctotui.ui.dates import ago, short_date
from ctotui.ui.widgets.action_list import ActionList
from ctotui.ui.widgets.hanging import Hanging, hang, kept  # noqa: F401 - other screens take it from here

BAR_CELLS = 10
BADGE = {"yes": "yes   ", "partly": "partly", "no": "no    ", None: "–     "}


def meter(fraction: float, cells: int = BAR_CELLS) -> str:
    """A small text bar: ▰▰▰▱▱▱."""
    full = round(max(0.0, min(1.0, fraction)) * cells)
    return "▰" * full + "▱" * (cells - full)


# --- the stage tab ------------------------------------------------------------


def target_line(lst: ActionList, t: tl.TargetState) -> Hanging:
    mark = Text("☑ " if t.met else "☐ ", style=lst.tone("good") if t.met else lst.tone("muted"))
    line = Text(t.text)
    extras = []
    if t.ticked and t.ticked_at:
        extras.append(kept(f"ticked {short_date(t.ticked_at)}"))
    if t.evidence_words:  # "1 of 2 linked" while a target asking for two is short of them
        extras.append(kept(t.evidence_words))
    if extras:
        line.append("  " + " · ".join(extras), style=lst.tone("muted"))
    return hang(mark, line)


def question_line(lst: ActionList, q: tl.QuestionState) -> Hanging:
    line = Text(q.text)
    if q.latest:
        line.append(f"\n“{_clip(q.latest.text, 140)}”", style=lst.tone("muted"))
        line.append(f" — {short_date(q.latest.answered_at)}", style=lst.tone("muted"))
        if q.count > 1:
            line.append(f" ({q.count} answers)", style=lst.tone("muted"))
    else:
        line.append("\nnot answered yet: enter to write", style=lst.tone("muted"))
    return hang(Text("? ", style=lst.tone("accent")), line)


def _clip(text: str, width: int) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def stage_options(lst: ActionList, t: tl.Timeline, viewed: str) -> list[Option | None]:
    sv = t.view(viewed)
    st = sv.stage
    here = t.placement.stage == viewed
    where = _where(viewed, t.placement)
    out: list[Option | None] = [
        lst.heading(f"{st.name} · years {st.years_from}–{st.years_to} · {where}", "stage", gap=False)
    ]
    if here:
        out.append(lst.line(Text(tl.placement_sentence(t.placement)), "placement"))
        if t.profile.path:  # what the path rewards and its main risk, as `ctotui timeline` says it
            out.append(lst.line(Text(playbook.load().path(t.profile.path).in_one_line), "path"))
        out.append(lst.line(Text(tl.CAVEAT, style=lst.tone("muted")), "caveat"))
    out += [lst.line(hang(Text("• "), Text(f)), f"focus:{i}") for i, f in enumerate(st.focus)]
    passed = _index(viewed) < t.placement.stage_index
    words = tl.targets_words(sv.met, sv.total, passed=passed)  # the line under the road says the same
    out.append(lst.heading(f"{words}  {meter(tl.toward_next(sv.met, sv.total))}", "targets"))
    out += [Option(target_line(lst, x), id=f"target:{x.id}") for x in sv.targets]
    out.append(lst.heading("Ask yourself", "questions"))
    out += [Option(question_line(lst, q), id=f"question:{q.id}") for q in sv.questions]
    nxt = _next(viewed)
    if nxt is not None:
        nv = t.view(nxt.slug)
        out.append(lst.heading(f"What {nxt.name} asks · {nv.met} of {nv.total} already met", "next"))
        muted = lst.tone("muted")
        out += [lst.line(hang(Text("• ", muted), Text(f, muted)), f"next-focus:{i}") for i, f in enumerate(nxt.focus)]
        out += [Option(target_line(lst, x), id=f"target:{x.id}") for x in nv.targets]
    else:
        out.append(lst.heading("What comes next", "next"))
        out.append(
            lst.line(
                Text(
                    f"{t.profile.beyond_the_stages[0].upper()}{t.profile.beyond_the_stages[1:]}: "
                    "see the Interview drill (i) and the Playbook (p).",
                    style=lst.tone("muted"),
                ),
                "next-cto",
            )
        )
    return out


def _index(slug: str) -> int:
    return playbook.STAGES.index(slug)


def _where(viewed: str, pl: tl.Placement) -> str:
    """The viewed stage against the evidence's: "your stage", "next stage", "a later stage" or "an
    earlier stage"; not "ahead" or "behind", which the pace says of the user against the years."""
    step = _index(viewed) - pl.stage_index
    return {0: "your stage", 1: "next stage"}.get(step, "a later stage" if step > 0 else "an earlier stage")


def _next(slug: str) -> playbook.Stage | None:
    i = _index(slug)
    return playbook.load().stages[i + 1] if i + 1 < len(playbook.STAGES) else None


def where_text(pl: tl.Placement, room: int = 200) -> Content:
    """One line: the evidence stage, its targets (in ``targets_words``: what the bar beside it
    shows), the pace at the user's years and the years' usual stage; the most of it that fits
    ``room`` cells, least needed left out first ("Evidence:", then the targets met, keeping what is
    left to move on, then the years in full, then what is left to move on, then the usual stage:
    off pace it says what the pace is measured by). On pace the usual stage is the evidence's, and
    is not said twice."""
    pb = playbook.load()
    stage = (pb.stage(pl.stage).name, "b")
    full = f" · {pl.targets}"
    short = f" · {tl.move_on_words(pl.met, pl.total)}"
    if pl.stage_by_years is None:
        lines = [
            ("Evidence: ", stage, full, " · P gives your years, for the pace"),
            (stage, full, " · P gives your years, for the pace"),
            (stage, short, " · P gives your years, for the pace"),
            (stage, short, " · P: your years, for the pace"),
            (stage, short, " · P: your years"),
            (stage, " · P: your years"),
        ]
    else:
        pace = (" · ", (pl.pace or "", "b"), f" at {year_count(pl.years or 0)}")
        if pl.pace is None:  # nothing recorded yet: no judgement on the pace
            pace = (" · ", ("space ticks what you have done", "b"), "")
        name = pb.stage(pl.stage_by_years).name
        usual = "" if pl.pace in ("on pace", None) else f" (usual: {name})"
        brief = [(" · ", pace[1], f" (usual at {pl.years:g}y: {name})")] if usual else []
        lines = [
            ("Evidence: ", stage, full, *pace, usual),
            (stage, full, *pace, usual),
            (stage, short, *pace, usual),
            *[(stage, short, *line) for line in brief],
            *[(stage, *line) for line in brief],
            (stage, short, *pace),
            (stage, *pace),
        ]
    built = [Content.assemble(*line) for line in lines]
    return next((line for line in built if line.cell_length <= room), built[-1])


class WhereLine(Widget):
    """The line under the road: ``where_text`` for its own width, drawn again as that changes."""

    DEFAULT_CSS = "WhereLine { height: 1; }"
    placement: tl.Placement | None = None

    def show(self, placement: tl.Placement) -> None:
        self.placement = placement
        self.refresh()

    def render(self) -> Content:
        return Content("") if self.placement is None else where_text(self.placement, self.size.width)


def stage_side(t: tl.Timeline, viewed: str, item_id: str | None, evidence_note: str) -> Group:
    st = playbook.load().stage(viewed)
    parts: list = [
        Text(st.name, style="bold"),
        Text(st.summary),
        Text(f"Typical roles: {', '.join(st.roles)}", style="dim"),
    ]
    p = t.profile
    facts = [
        year_count(p.years) if p.years is not None else None,
        p.role,
        _path_name(p.path),
        f"aiming for {playbook.load().stage(p.aim).name}" if p.aim else None,
    ]
    line = " · ".join(x for x in facts if x)
    if line:
        parts += [Text(""), Text("You: " + line, style="dim")]
    kind, _, ident = (item_id or "").partition(":")
    if kind == "target":
        x = next(x for sv in t.stages for x in sv.targets if x.id == ident)
        parts += [Text(""), Text("Target", style="bold"), Text(x.text)]
        parts.append(
            Text(
                f"Ticked {short_date(x.ticked_at)} ({ago(x.ticked_at)})"
                if x.ticked and x.ticked_at
                else "Not ticked yet: space ticks it.",
                style="dim",
            )
        )
        asks = f" of the {x.needed} it asks for" if x.needed > 1 else ""
        parts.append(Text(f"Evidence: {plural(x.evidence, 'linked achievement')}{asks}. {evidence_note}", style="dim"))
    elif kind == "question":
        q = next(q for sv in t.stages for q in sv.questions if q.id == ident)
        parts += [Text(""), Text("Ask yourself", style="bold"), Text(q.text)]
        if q.latest:
            parts += [Text(f"Your answer, {short_date(q.latest.answered_at)}:", style="dim"), Text(q.latest.text)]
        parts.append(Text("enter writes a new dated answer; earlier ones are kept.", style="dim"))
    return Group(*parts)


def _path_name(slug: str | None) -> str | None:
    return playbook.load().path(slug).name if slug else None


# --- the plan tab --------------------------------------------------------------


def plan_heading(h: plan_core.HorizonPlan) -> str:
    """The horizon, when its items are due (passed: "was due", and an item added now is due later),
    its items done and overdue."""
    late = f" · {h.overdue} overdue" if h.overdue else ""
    due = f" · {'was due' if h.due < clock.today() else 'due'} {short_date(h.due)}" if h.due else ""
    return f"{h.name}{due} · {h.done}/{h.total} done {meter(h.progress)}{late}"


def plan_line(lst: ActionList, i: plan_core.PlanItem) -> Hanging:
    if i.status == "done":
        line = Text(i.text, style=lst.tone("muted") + Style(strike=True))
        if i.done_at:
            line.append("  " + kept(f"done {short_date(i.done_at)}"), style=lst.tone("muted"))
        return hang(Text("☑ ", style=lst.tone("good")), line)
    if i.status == "dropped":
        line = Text(i.text + "  dropped", style=lst.tone("muted") + Style(italic=True))
        return hang(Text("✗ ", style=lst.tone("muted")), line)
    tone = lst.tone("bad") if i.overdue else Style()
    line = Text(i.text, style=tone)
    mine = " · yours" if i.own else ""
    if i.overdue and i.due:
        line.append("  " + kept(f"⚠ overdue since {short_date(i.due)}") + mine, style=tone)
    elif i.due:
        line.append("  " + kept(f"due {short_date(i.due)}") + mine, style=lst.tone("muted"))
    return hang(Text("☐ ", style=tone if i.overdue else lst.tone("muted")), line)


def plan_options(lst: ActionList, horizons: list[plan_core.HorizonPlan]) -> list[Option | None]:
    out: list[Option | None] = []
    for h in horizons:
        out.append(lst.heading(plan_heading(h), h.slug, gap=bool(out)))
        out += [Option(plan_line(lst, i), id=f"plan:{i.id}") for i in h.items]
        if not h.items:
            out.append(lst.line(Text("nothing here: a adds an item", style=lst.tone("muted")), f"empty:{h.slug}"))
    return out


def plan_side(horizons: list[plan_core.HorizonPlan], started: str, item: plan_core.PlanItem | None) -> Group:
    parts: list = [Text("Progress", style="bold")]
    for h in horizons:
        parts.append(Text(f"{meter(h.progress, 12)} {h.done}/{h.total}  {h.name}"))
        if h.overdue:
            parts.append(Text(f"  ⚠ {h.overdue} overdue", style="bold"))
    parts += [Text(""), Text(f"Plan started {started}; each horizon is due that many months later.", style="dim")]
    if item is not None:
        parts += [Text(""), Text("Item", style="bold"), Text(item.text)]
        facts = [
            "your own" if item.own else "from the playbook",
            f"due {short_date(item.due)}" + (" (set by hand)" if item.due_set else "") if item.due else None,
            f"added {short_date(item.created_at)}",
            f"done {short_date(item.done_at)}" if item.done_at and item.status == "done" else None,
        ]
        parts.append(Text(" · ".join(f for f in facts if f), style="dim"))
    return Group(*parts)


# --- the self-checks tab ---------------------------------------------------------


def check_line(lst: ActionList, c: selfcheck.SelfCheck) -> Hanging:
    tone = "muted" if c.score is None else ("good" if c.score == 1.0 else "warn" if c.score == 0.5 else "bad")
    line = Text(c.text)
    if c.answered_at:
        line.append("  " + kept(ago(c.answered_at)), style=lst.tone("muted"))
    if c.stale and c.answered_at:
        line.append("  ↻ time for a fresh look", style=lst.tone("warn"))
    if c.note:
        line.append(f"\n{_clip(c.note, 160)}", style=lst.tone("muted"))
    return hang(Text(f"{BADGE[c.answer]} ", style=lst.tone(tone)), line)


def check_options(lst: ActionList, checks: list[selfcheck.SelfCheck]) -> list[Option | None]:
    out: list[Option | None] = []
    for s in selfcheck.summary(checks):
        when = f"last assessed {ago(s.last_assessed)}" if s.last_assessed else "never assessed"
        concern = f" · {s.concerns} to work on" if s.concerns else ""
        out.append(lst.heading(f"{s.title} · {s.answered}/{s.total} answered{concern} · {when}", s.kind, gap=bool(out)))
        if s.kind == "mistake":
            out.append(
                lst.line(
                    Text("Answer: do you see its warning signs in yourself?", style=lst.tone("muted")), "mistake-help"
                )
            )
        out += [Option(check_line(lst, c), id=f"check:{c.kind}:{c.item_id}") for c in checks if c.kind == s.kind]
    return out


def check_side(
    checks: list[selfcheck.SelfCheck], current: selfcheck.SelfCheck | None, history: list[selfcheck.CheckAnswer]
) -> Group:
    parts: list = []
    for s in selfcheck.summary(checks):
        parts.append(Text(f"{s.title}: {s.good}/{s.total} good, {plural(s.concerns, 'concern')}"))
    if current is not None:
        parts += [Text(""), Text(current.text, style="bold"), Text(selfcheck.KIND_PROMPTS[current.kind], style="dim")]
        parts += [Text(f"• {d}") for d in current.details]
        for h in history[:5]:
            parts.append(
                Text(f"{short_date(h.answered_at)}: {h.answer}" + (f" · {h.note}" if h.note else ""), style="dim")
            )
        if not history:
            parts.append(Text("Not answered yet: y / m / n, or enter to add a note.", style="dim"))
    return Group(*parts)
