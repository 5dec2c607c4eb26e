"""Filter the journal by category, number, skill, tag and date range. Dismisses with the new filter or None."""

from __future__ import annotations

from datetime import date, timedelta

from rich.columns import Columns
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from ctotui.core import clock, playbook
from ctotui.core.dates import date_read, period
from ctotui.core.errors import CtoError
from ctotui.core.journal.entries import JournalFilter, clean_tag, tag_counts
from ctotui.ui.appdb import app_of
from ctotui.ui.readers import read_then_show
from ctotui.ui.widgets.tag_suggester import TagSuggester


def presets(today: date) -> list[tuple[str, str, date | None]]:
    """(key, label, since) for the quick date ranges."""
    return [
        ("week", "This week", today - timedelta(days=today.weekday())),
        ("month", "This month", today.replace(day=1)),
        ("90d", "Last 90 days", today - timedelta(days=89)),
        ("year", "Last 12 months", today - timedelta(days=364)),
        ("all", "Any time", None),
    ]


NUMBER_CHOICES = [("without one", False), ("with one", True)]  # as the search's no:number and has:number


class JournalFilterDialog(ModalScreen[JournalFilter | None]):
    DEFAULT_CSS = """
    JournalFilterDialog { align: center middle; }
    JournalFilterDialog > Vertical {
        width: 76; max-width: 98%; height: auto; border: round $primary; background: $surface; padding: 0 1;
    }
    JournalFilterDialog .row { height: 3; }
    JournalFilterDialog .label { width: 10; padding: 1 1 0 0; color: $text-muted; }
    JournalFilterDialog #category, JournalFilterDialog #skill, JournalFilterDialog #tag { width: 1fr; }
    JournalFilterDialog #number { width: 22; }  /* beside the category: the dialog fits 24 lines */
    JournalFilterDialog #since, JournalFilterDialog #until { width: 17; }  /* "2 weeks ago" whole, with the cursor cell */
    JournalFilterDialog .presets { height: 3; }
    JournalFilterDialog .presets Button { min-width: 8; margin-right: 1; }
    JournalFilterDialog #tags-hint { color: $text-muted; height: auto; padding-left: 10; }
    JournalFilterDialog #filter-error { height: auto; }
    JournalFilterDialog #filter-buttons { height: 3; align-horizontal: right; }
    JournalFilterDialog #filter-buttons Button { margin-left: 1; }
    """
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", tooltip="Close without changing the filter"),
        Binding("ctrl+s", "apply", "Apply", tooltip="Show what matches"),
    ]

    def __init__(self, current: JournalFilter) -> None:
        super().__init__()
        self.current = current

    def compose(self) -> ComposeResult:
        pb = playbook.load()
        f = self.current
        with Vertical() as box:
            box.border_title = "Filter the journal"
            box.border_subtitle = "enter apply · esc cancel"
            with Horizontal(classes="row"):
                yield Label("Category", classes="label")
                yield Select(
                    [(c.name, c.slug) for c in pb.categories],
                    prompt="(any)",
                    value=f.category or Select.NULL,
                    id="category",
                )
                yield Label("  Number", classes="label")
                yield Select(
                    NUMBER_CHOICES, prompt="(any)", value=Select.NULL if f.number is None else f.number, id="number"
                )
            with Horizontal(classes="row"):
                yield Label("Skill", classes="label")
                yield Select(
                    [(s.name, s.slug) for s in pb.skills], prompt="(any)", value=f.skill or Select.NULL, id="skill"
                )
            with Horizontal(classes="row"):
                yield Label("Tag", classes="label")
                yield Input(
                    f.tag or "", placeholder="a tag, e.g. perf", id="tag", suggester=TagSuggester(app_of(self).readers)
                )
            yield Static(id="tags-hint")
            with Horizontal(classes="row"):
                yield Label("From", classes="label")
                yield Input(f.since.isoformat() if f.since else "", placeholder="2 weeks ago", id="since")
                yield Label("  To", classes="label")
                yield Input(f.until.isoformat() if f.until else "", placeholder="today", id="until")
            with Horizontal(classes="presets"):
                yield Label("", classes="label")
                for key, label, _ in presets(clock.today()):
                    yield Button(label, id=f"preset-{key}", compact=True)
            yield Static(id="filter-error")
            with Horizontal(id="filter-buttons"):
                yield Button("Clear all", id="clear")
                yield Button("Cancel", id="cancel")
                yield Button("Apply", variant="primary", id="apply")

    def on_mount(self) -> None:
        read_then_show(self, lambda db: tag_counts(db, limit=6), self._show_tags, group="tags")

    def _show_tags(self, top: list[tuple[str, int]]) -> None:
        # each chip its own unbreakable item: a line ends between chips, never inside one ("#cost" / "(1)")
        chips = [Text(f"#{t} ({n})", no_wrap=True) for t, n in top]
        hint = Columns([Text("most used:"), *chips], padding=(0, 1)) if top else Text("no tags yet")
        self.query_one("#tags-hint", Static).update(hint)

    def _read(self) -> JournalFilter:
        category = self.query_one("#category", Select).value
        skill = self.query_one("#skill", Select).value
        number = self.query_one("#number", Select).value
        tag = clean_tag(self.query_one("#tag", Input).value)
        since_text = self.query_one("#since", Input).value.strip()
        until_text = self.query_one("#until", Input).value.strip()
        since, until = period(since_text, until_text, names=("From", "To"))  # as the fields are labelled
        return JournalFilter(
            category=None if category is Select.NULL else str(category),
            skill=None if skill is Select.NULL else str(skill),
            tag=tag or None,
            number=number if isinstance(number, bool) else None,
            since=since,
            until=until,
            text=self.current.text,
            typing=self.current.typing,  # the search reads the same with the new filters
        )

    def action_apply(self) -> None:
        try:
            chosen = self._read()
        except CtoError as exc:
            self.query_one("#filter-error", Static).update(Content.styled(str(exc), "b $text-error"))
            return
        self.dismiss(chosen)

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Input.Changed, "#since, #until")
    def _date_typed(self, event: Input.Changed) -> None:
        """How a phrase was read, under its field ("2 weeks ago" → Wed 18 Nov 2026), as in the entry form."""
        event.input.border_subtitle = date_read(event.value)

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_apply()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        button = event.button.id or ""
        if button == "apply":
            self.action_apply()
        elif button == "cancel":
            self.action_cancel()
        elif button == "clear":
            self.dismiss(JournalFilter(text=self.current.text, typing=self.current.typing))
        elif button.startswith("preset-"):
            key = button.removeprefix("preset-")
            since = next(s for k, _, s in presets(clock.today()) if k == key)
            self.query_one("#since", Input).value = since.isoformat() if since else ""
            self.query_one("#until", Input).value = ""
