"""What the people screen shows, built from core dataclasses (no database here).

User text (names, notes, what was said) goes into ``Text`` objects, never markup.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from rich.console import Group, RenderableType
from rich.text import Text
from textual.widgets.option_list import Option

from ctotui.core import clock
from ctotui.core.people import bar as bar_core
from ctotui.core.people.conversations import Conversation
from ctotui.core.people.persons import Person, Reference
from ctotui.core.plural import plural
from ctotui.ui.dates import short_date
from ctotui.ui.widgets.action_list import ActionList
from ctotui.ui.widgets.hanging import Kept, hang, kept


@dataclass(frozen=True)
class PeopleData:
    """Everything the screen shows, read in one go (in a worker)."""

    people: tuple[Person, ...]
    histories: dict[int, tuple[Conversation, ...]]
    bar: bar_core.Bar | None
    references: dict[int, Reference]
    titles: dict[int, str]  # achievement id -> title, for the bar's evidence and what references vouch for
    today: date
    archived_shown: bool
    earlier: tuple[bar_core.Bar, ...] = ()  # the closed bars, newest first: shown under the open one, read-only


def person_options(lst: ActionList, data: PeopleData) -> list[Option | None]:
    if not data.people:
        return [
            lst.line(
                Text(
                    "No people yet. Press a to add your manager, a mentor or a reference: "
                    "who knows what you want is half of getting it.",
                    style=lst.tone("muted"),
                ),
                "empty",
            )
        ]
    options: list[Option | None] = []
    for p in data.people:
        line = Text(p.name, style="bold")
        line.append(f"  {p.relation_name}", style=lst.tone("muted"))
        if p.is_reference and p.relation != "reference":
            line.append(" · reference", style=lst.tone("muted"))
        if p.archived:
            line.append(" · archived", style=lst.tone("muted"))
        last = kept(f"last {short_date(p.last_spoke)}") if p.last_spoke else "never spoken"
        status = Text(last, style=lst.tone("muted"))
        if p.follow_up:
            mark = p.follow_up_mark(data.today)  # "overdue", "due today" or "", the CLI's words too
            overdue = mark == "overdue"
            tone = "bad" if overdue else ("warn" if (p.follow_up - data.today).days <= 7 else "muted")
            word = "overdue: follow up " if overdue else "follow up "
            when = kept(short_date(p.follow_up)) + (f" {kept(f'({mark})')}" if mark and not overdue else "")
            status.append(f" · {word}{when}", style=lst.tone(tone))
        # the status under the name, its wrapped lines under its own first column
        options.append(Option(Group(line, hang("  ", status)), id=f"person:{p.id}"))
    return options


def bar_options(lst: ActionList, data: PeopleData) -> list[Option | None]:
    b = data.bar
    if b is None:
        return [
            lst.line(
                Text(
                    "No bar yet. Ask your manager or a founder what you would need to show in the next "
                    "12 to 18 months, then press b to write it down.",
                    style=lst.tone("muted"),
                ),
                "no-bar",
            )
        ]
    state = b.state(data.today)
    tone = {"met": "good", "passed": "bad", "near": "warn"}.get(state, "accent")
    left = b.days_left(data.today)
    when = f"{plural(left, 'day')} left" if left >= 0 else f"{plural(-left, 'day')} past the deadline"
    head = Text(f"{b.role}: {b.met} of {len(b.criteria)} met · ", style=lst.tone("heading"))
    head.append(kept(when), style=lst.tone(tone))
    options: list[Option | None] = [lst.line(Kept(head), "bar")]  # a heading, "549 days left" on one line
    for c in b.criteria:
        style = lst.tone("good" if c.met else "muted")
        body = Text(c.text, style=style)
        if c.evidence:
            body.append("  " + kept(f"· {len(c.evidence)} linked"), style=lst.tone("muted"))
        # wrapped under the criterion's text, not under its box
        options.append(Option(hang(Text("☑ " if c.met else "☐ ", style=style), body), id=f"criterion:{c.number}"))
    return options


def person_detail(data: PeopleData, person_id: int | None) -> RenderableType:
    person = next((p for p in data.people if p.id == person_id), None)
    if person is None:
        return bar_detail(data)
    out = Text(person.name, style="bold")
    out.append(f"\n{person.relation_name}" + (f", {person.context}" if person.context else ""))
    if person.note:
        out.append(f"\n\n{person.note}")
    ref = data.references.get(person.id)
    parts: list[RenderableType] = [out]
    if ref is not None:  # each line wrapped under its own text
        parts += [Text(""), Text("Can vouch for:", style="bold")]
        parts += [hang("  · ", Text(data.titles.get(a, f"#{a}"))) for a in ref.vouches_for]
        if not ref.vouches_for:
            parts.append(hang("  ", Text("nothing linked yet (l links an achievement)")))
        silence = ref.silence(data.today)
        if silence:
            words = f"{silence[0].upper()}{silence[1:]}: get in touch before you need them."
            parts.append(hang("  ", Text(words, style="italic")))
    talked = Text()
    parts.append(talked)
    talks = data.histories.get(person.id, ())
    talked.append(
        f"\n{plural(len(talks), 'conversation')}" + (" (c writes one down)" if not talks else ""), style="bold"
    )
    for t in talks:
        talked.append(f"\n\n{short_date(t.held_on)}", style="bold")
        for label, text in (("Asked", t.asked), ("Heard", t.heard), ("I will", t.mine), ("They will", t.theirs)):
            if text:
                talked.append(f"\n{label}: ", style="italic")
                talked.append(text)
        words = t.follow_up_words(data.today)
        if words and t.follow_up:
            talked.append(f"\nFollow up {short_date(t.follow_up)} ({words})", style="italic")
    return Group(*parts)


def bar_detail(data: PeopleData) -> RenderableType:
    b = data.bar
    if b is None:
        intro = Text(
            "The bar is what someone with a say told you it would take: write it down with a deadline, "
            "link your achievements as evidence, and move when the time you agreed has passed."
        )
        return Group(intro, *_earlier(data))
    out = Text(f"The bar for {b.role}", style="bold")
    if b.person:
        out.append(f"\nset by {b.person}")
    out.append(f"\n{kept(f'agreed {short_date(b.agreed_on)}')} · {kept(f'deadline {short_date(b.deadline)}')}")
    out.append(f"\n\n{b.says(data.today)}")
    out.append("\nb changes it (ticks and evidence stay); n writes down a new bar.", style="italic")
    return Group(Kept(out), *_criteria(data, b), *_earlier(data))


def _criteria(data: PeopleData, b: bar_core.Bar) -> list[RenderableType]:
    """Each criterion and its evidence, wrapped under its own text."""
    parts: list[RenderableType] = []
    for c in b.criteria:
        style = "" if c.met or b.closed else "bold"
        parts += [Text(""), hang(Text("☑ " if c.met else "☐ ", style=style), Text(c.text, style=style))]
        parts += [hang("  · ", Text(data.titles.get(a, f"#{a}"))) for a in c.evidence]
    return parts


def _earlier(data: PeopleData) -> list[RenderableType]:
    """The closed bars, newest first, as they stood when they closed (read-only)."""
    parts: list[RenderableType] = []
    if data.earlier:
        parts += [Text(""), Text("Earlier bars", style="bold underline")]
    for b in data.earlier:
        head = Text(f"\nThe bar for {b.role}", style="bold")
        if b.person:
            head.append(f"\nset by {b.person}")
        closed = f"closed {short_date(b.closed_at)}" if b.closed_at else "closed"
        head.append(f"\n{kept(f'agreed {short_date(b.agreed_on)}')} · {kept(closed)} · ")
        head.append(kept(f"{b.met} of {len(b.criteria)} met"))
        parts += [Kept(head), *_criteria(data, b)]
    return parts


def today() -> date:
    return clock.today()
