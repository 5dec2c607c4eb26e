"""The help screen: every key of every area, read from the bindings themselves."""

from __future__ import annotations

from collections.abc import Iterable

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from ctotui.core.summary import Summary, summarize
from ctotui.ui.appdb import app_of
from ctotui.ui.areas import AREAS
from ctotui.ui.readers import read_then_show
from ctotui.ui.widgets.long_text import LongText


def _rows(table: Table, bindings: Iterable[BindingType], app) -> None:
    """One row per action, its keys joined ("? / f1")."""
    grouped: dict[tuple[str, str], tuple[list[str], Binding]] = {}
    for b in Binding.make_bindings(bindings):
        if b.system and not b.description:
            continue
        keys, _ = grouped.setdefault((b.action, b.description), ([], b))
        shown = app.get_key_display(b)
        if shown not in keys:  # the same key bound again (a class and its base): said once, not "⏎ / ⏎"
            keys.append(shown)
    for keys, b in grouped.values():
        table.add_row(Text(" / ".join(keys)), Text(b.description or b.action), Text(b.tooltip or ""))


def _own_bindings(cls: type) -> list[BindingType]:
    """The keys ``cls`` binds, and those of its base classes in the areas (the review's steps come
    from ReviewPanes: ``cls.BINDINGS`` alone left ctrl+n and ctrl+b out); not the shared widgets'
    own (ActionList's enter, said by each list's primary action)."""
    found: list[BindingType] = []
    for base in reversed(cls.__mro__):
        area = base.__module__.startswith("ctotui.ui.") and not base.__module__.startswith("ctotui.ui.widgets.")
        if (base is cls or area) and "BINDINGS" in vars(base):
            found += vars(base)["BINDINGS"]
    return found


# What the help counts, in the areas' words (every table, by its name: `ctotui info`). The rest is
# bookkeeping a user does not count in (a profile's history of values, settings, drafts, links).
COUNTED = {
    "achievements": "Achievements",
    "skill_ratings": "Skill ratings",
    "questions": "Interview questions",
    "attempts": "Drill answers",
    "question_stories": "Stories linked to questions",
    "mocks": "Mock interviews",
    "plan_items": "Plan items",
    "stage_answers": "Answers to the stages' questions",
    "self_check_answers": "Self-check answers",
    "reviews": "Weekly reviews",
    "people": "People",
    "conversations": "Conversations",
    "bars": "Bars",
}


def _contents(s: Summary) -> Table:
    """How many of each thing the database holds, in the areas' words."""
    table = Table.grid(padding=(0, 2))
    table.add_column(justify="right")
    table.add_column()
    for name, label in COUNTED.items():
        if name in s.counts:
            table.add_row(f"{s.counts[name]:,}", Text(label))
    if s.trash:
        table.add_row(f"{s.trash:,}", Text("In the trash (ctotui purge empties it)"), style="dim")
    return table


class HelpScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll { width: 96; max-width: 95%; height: 85%; border: round $primary; background: $surface; padding: 0 1; }
    HelpScreen .section { text-style: bold; color: $text-accent; margin-top: 1; }
    """
    BINDINGS = [Binding("escape,q,question_mark,f1", "dismiss", "Close", tooltip="Close the help")]

    def compose(self) -> ComposeResult:
        app = self.app
        with VerticalScroll() as scroll:
            scroll.border_title = "Keys"
            scroll.border_subtitle = "esc closes"
            yield Static("Everywhere", classes="section")
            table = Table.grid(padding=(0, 2))
            table.add_row("ctrl+p", "Command palette", "Every area and every action, by name")
            _rows(table, type(app).BINDINGS, app)
            table.add_row("ctrl+q", "Quit", "Quit (asks first if a form holds typed text not saved)")
            table.add_row("tab / shift+tab", "Focus", "Move between the parts of a screen")
            yield Static(table)
            yield Static("In a long text field (a body, an answer, a reflection, notes)", classes="section")
            table = Table.grid(padding=(0, 2))
            _rows(table, LongText.BINDINGS, app)
            yield Static(table)
            for area in AREAS:
                screen_cls = area.screen_class()
                table = Table.grid(padding=(0, 2))
                for cls in (screen_cls, *getattr(screen_cls, "HELP_EXTRA", ())):
                    _rows(table, _own_bindings(cls), app)
                if table.row_count:
                    yield Static(f"{area.name} ({area.key})", classes="section")
                    yield Static(table)
            self.with_contents = app_of(app).db_ready  # decided once: the counts' place is made or not
            if self.with_contents:
                yield Static("In the database (every table: ctotui info)", classes="section")
                yield Static("…", id="contents")  # read in a worker once the help is up

    with_contents = False

    def on_mount(self) -> None:
        if self.with_contents:
            read_then_show(self, summarize, self._counted, group="contents")

    def _counted(self, s: Summary) -> None:
        self.query_one("#contents", Static).update(_contents(s))
