"""The people area's forms: a person (add or edit), a conversation, the bar."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Checkbox, Input, Select, Static, TextArea

from ctotui.core import playbook
from ctotui.core.dates import optional_day
from ctotui.core.errors import CtoError
from ctotui.core.people import bar as bar_core
from ctotui.core.people import conversations
from ctotui.core.people import persons as people_core
from ctotui.ui.appdb import db_of
from ctotui.ui.dates import ago
from ctotui.ui.dialogs.form import DateRow, FormDialog, row
from ctotui.ui.drafts import DraftKeeper
from ctotui.ui.widgets.long_text import LongText
from ctotui.ui.widgets.ticks import Tick


class PersonDialog(FormDialog[dict[str, Any]]):
    """Add a person, or edit one. Dismisses with what the write returned."""

    FIRST_FIELD = "#name"

    DEFAULT_CSS = """
    PersonDialog #note { height: 4; }
    PersonDialog Checkbox { border: none; padding: 0; margin-top: 1; }
    """

    def __init__(self, person: people_core.Person | None = None) -> None:
        super().__init__()
        self.person = person

    def title_text(self) -> str:
        return "Edit person" if self.person else "Add a person"

    def compose_fields(self) -> ComposeResult:
        p = self.person
        yield row("Name", Input(p.name if p else "", placeholder="their name", id="name", compact=True))
        relations = playbook.load().relations
        yield row(
            "Relation",
            Select(
                [(r.name, r.slug) for r in relations],
                value=p.relation if p else "mentor",
                allow_blank=False,
                id="relation",
                compact=True,
            ),
        )
        yield Static("", id="why", classes="intro")
        yield row("Where", Input(p.context if p else "", placeholder="company or context", id="where", compact=True))
        yield Static("Note", classes="label")
        yield LongText(p.note if p else "", id="note", soft_wrap=True)
        yield Tick("Can be a reference for me", p.is_reference if p else False, id="reference")

    def on_mount(self) -> None:
        self._why()

    def on_select_changed(self) -> None:
        self._why()

    def _why(self) -> None:
        slug = self.query_one("#relation", Select).value
        if isinstance(slug, str):
            self.query_one("#why", Static).update(Content(playbook.load().relation(slug).why))

    def collect(self) -> dict[str, Any]:
        return {
            "name": people_core.parse_name(self.query_one("#name", Input).value),
            "relation": people_core.parse_relation(str(self.query_one("#relation", Select).value)),
            "where": people_core.parse_context(self.query_one("#where", Input).value),
            "note": people_core.parse_note(self.query_one("#note", TextArea).text),
            "reference": self.query_one("#reference", Checkbox).value,
        }


def starters_for(relation: str) -> list[playbook.ConversationStarter]:
    """The playbook's key conversations that suit a relation (all of them if none does)."""
    every = list(playbook.load().conversations)
    return [c for c in every if relation in c.with_] or every


class TalkDialog(FormDialog[dict[str, Any]]):
    """Write down a conversation with one person: a starter from the playbook to lean on,
    what you asked and heard, commitments, a follow-up date. Kept as a draft while typed."""

    FIRST_FIELD = "#asked"

    DEFAULT_CSS = """
    TalkDialog #asked, TalkDialog #heard { height: 4; }
    TalkDialog .starter { color: $text-muted; height: auto; }
    """
    SAVE_LABEL = "Write it down"

    def __init__(self, person: people_core.Person) -> None:
        super().__init__()
        self.person = person
        self.starters = starters_for(person.relation)
        self.starter = 0
        self.keeper: DraftKeeper | None = None

    def title_text(self) -> str:
        return f"A conversation with {self.person.name}"

    def compose_fields(self) -> ComposeResult:
        note = Static("", id="draft-note", classes="intro")
        note.display = False
        yield note
        yield Static("", id="starter", classes="starter")
        yield row("On", Input("", placeholder="today (or YYYY-MM-DD, yesterday, 3 days ago)", id="on", compact=True))
        yield Static("What I asked or said", classes="label")
        yield LongText("", id="asked", soft_wrap=True)
        yield Static("What I heard", classes="label")
        yield LongText("", id="heard", soft_wrap=True)
        yield row("I will", Input("", placeholder="what you committed to", id="mine", compact=True))
        yield row("They will", Input("", placeholder="what they committed to", id="theirs", compact=True))
        yield DateRow(
            "Follow up",
            Input("", placeholder="in 2 weeks, next monday, YYYY-MM-DD…", id="follow", compact=True),
            ahead=True,
        )

    def on_mount(self) -> None:
        self._show_starter()
        self.keeper = DraftKeeper(self, db_of(self), f"people:talk:{self.person.id}", self._draft)
        draft = self.keeper.load()
        if draft:
            for key, value in draft.payload.items():
                widget = self.query_one(f"#{key}")
                if isinstance(widget, TextArea):
                    widget.text = str(value)
                elif isinstance(widget, Input):
                    widget.value = str(value)
            note = self.query_one("#draft-note", Static)
            note.update(f"Restored what you were typing {ago(draft.updated_at)}.")
            note.display = True

    def _show_starter(self) -> None:
        s = self.starters[self.starter]
        more = f"  (ctrl+n: another of {len(self.starters)})" if len(self.starters) > 1 else ""
        text = f"{s.title}{more}\nSay: {s.say}\nAsk: {s.ask}\nListen for: {s.listen_for}"
        self.query_one("#starter", Static).update(Content(text))

    def key_ctrl_n(self) -> None:
        self.starter = (self.starter + 1) % len(self.starters)
        self._show_starter()

    def _values(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for key in ("asked", "heard"):
            out[key] = self.query_one(f"#{key}", TextArea).text
        for key in ("on", "mine", "theirs", "follow"):
            out[key] = self.query_one(f"#{key}", Input).value
        return out

    def _draft(self) -> dict[str, Any] | None:
        values = self._values()
        return values if any(v.strip() for v in values.values()) else None

    def on_text_area_changed(self) -> None:
        if self.keeper:
            self.keeper.changed()

    def on_input_changed(self) -> None:
        if self.keeper:
            self.keeper.changed()

    def collect(self) -> dict[str, Any]:
        v = self._values()
        if not (v["asked"].strip() or v["heard"].strip()):
            raise CtoError("write down what you asked or said, or what you heard (esc leaves; the draft is kept)")
        optional_day(v["follow"], "follow-up date", ahead=True)  # a bad date is shown here, before any write
        return {
            "on": v["on"].strip() or None,
            "asked": v["asked"],
            "heard": v["heard"],
            "mine": v["mine"],
            "theirs": v["theirs"],
            "follow_up": v["follow"].strip() or None,
        }

    def action_cancel(self) -> None:
        if self.keeper:
            self.keeper.flush()
        super().action_cancel()


LIST_MARKER = re.compile(r"^\s*[-*•]\s+")  # a list's marker at a line's start, with its space


def list_item(line: str) -> str:
    """A criterion typed as a list's line: a marker ("- ", "* ", "• ") and the spaces around it go,
    nothing else ("-20% cloud cost" keeps its minus: stripping every "-" turned a cut into a rise)."""
    return LIST_MARKER.sub("", line).strip()


class BarDialog(FormDialog[dict[str, Any]]):
    """The bar: a new one (the role, the criteria one a line, who set it, the days), or the open
    one changed in place (``bar``): each criterion its own line, kept with its tick and evidence
    however it is reworded, removed when its line is cleared; new ones one a line under them.
    Dismisses with what the write returned."""

    FIRST_FIELD = "#role"

    DEFAULT_CSS = """
    BarDialog #criteria { height: 5; }
    BarDialog .criterion-row { margin-top: 0; }
    BarDialog .criterion-row > .criterion-mark { width: 2; }
    """

    def __init__(self, bar: bar_core.Bar | None, people: Sequence[people_core.Person], person_id: int | None) -> None:
        super().__init__()
        self.bar = bar
        self.people = [(Text(p.name), p.id) for p in people]  # a name is shown as typed, never markup
        if bar is not None and bar.person_id is not None and bar.person_id not in {p.id for p in people}:
            self.people.append((Text(bar.person or f"#{bar.person_id}"), bar.person_id))  # archived since
        self.person_id = bar.person_id if bar is not None else person_id

    def title_text(self) -> str:
        return f"The bar for {self.bar.role}" if self.bar else "A new bar"

    def compose_fields(self) -> ComposeResult:
        b = self.bar
        if b is None:
            intro = (
                "What would you need to show over the next 12 to 18 months? One criterion a line. "
                "Saving closes the open bar, if any: it stays, ticks and evidence too, under Earlier bars."
            )
        else:
            intro = (
                "Reword a criterion on its line: it keeps its tick and evidence. Clear a line to remove "
                "the criterion (its tick and evidence go with it). A new bar instead: n on the People screen."
            )
        yield Static(intro, classes="intro")
        yield row("Role", Input(b.role if b else "", placeholder="e.g. VP of Engineering", id="role", compact=True))
        known = self.person_id is not None and any(value == self.person_id for _, value in self.people)
        yield row(
            "Set by",
            Select(self.people, prompt="nobody in my list", value=self.person_id if known else Select.NULL,
                   id="set-by", compact=True),
        )  # fmt: skip
        yield DateRow(
            "Agreed",
            Input(b.agreed_on.isoformat() if b else "", placeholder="blank: today; or YYYY-MM-DD, 2 weeks ago",
                  id="agreed", compact=True),
        )  # fmt: skip
        yield DateRow(
            "Deadline",
            Input(b.deadline.isoformat() if b else "", placeholder="blank: 18 months after it was agreed; or in 12 months",
                  id="by", compact=True),
            ahead=True,
        )  # fmt: skip
        if b is not None:
            yield Static("Criteria", classes="label")
            for c in b.criteria:
                mark = "☑" if c.met else "☐"
                field = Input(c.text, placeholder="(cleared: removed on save)", id=f"criterion-{c.id}", compact=True)
                yield Horizontal(Static(mark, classes="criterion-mark"), field, classes="form-row criterion-row")
        yield Static("New criteria, one a line" if b else "Criteria", classes="label")
        yield LongText("", id="criteria", soft_wrap=True)

    def collect(self) -> dict[str, Any]:
        added = [list_item(line) for line in self.query_one("#criteria", TextArea).text.splitlines()]
        kept: list[tuple[int | None, str]] = []
        for c in self.bar.criteria if self.bar else ():
            text = self.query_one(f"#criterion-{c.id}", Input).value.strip()
            if text:
                kept.append((c.id, text))
        criteria = kept + [(None, text) for text in added if text]
        if not criteria:
            raise CtoError("write at least one criterion, one a line")
        agreed = self.query_one("#agreed", Input).value.strip() or None
        conversations.happened(agreed, "agreed date")  # a bad or future day is shown here, before any write
        by = self.query_one("#by", Input).value.strip() or None
        optional_day(by, "deadline", ahead=True)
        person = self.query_one("#set-by", Select).value
        return {
            "role": self.query_one("#role", Input).value,
            "criteria": criteria if self.bar else [text for _, text in criteria],
            "person_id": person if isinstance(person, int) else None,
            "agreed_on": agreed,
            "deadline": by,
        }
