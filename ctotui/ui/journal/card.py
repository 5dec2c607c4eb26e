"""The journal's card on the dashboard: entries this week, this month, in all, and the latest ones.

The counts stand beside the latest entries while the titles keep ``TITLE_ROOM`` cells there; on a
narrower card (80 columns) they go on a line above them, so the titles get the width. When some
entries have no number, the card takes the focus (tab) and enter lists them in the journal.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.console import Group
from rich.measure import Measurement
from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import Static

from ctotui.ui.areas import home_data
from ctotui.ui.dates import short_date
from ctotui.ui.widgets import colors
from ctotui.ui.widgets.line_grid import Column, LineGrid

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderResult

    from ctotui.core.dbfile import Reads

LATEST = 5
TITLE_ROOM = 32  # the latest titles' least width beside the counts; with less, the counts go above
BARE_ITEM = "no-number"  # the journal's item (AreaScreen.open_item) for the entries without a number
SUBTITLE = "j opens it · n there adds"


class Fitted:
    """The card's lines at the width it is drawn: ``beside`` while its column ``titles`` keeps
    ``TITLE_ROOM`` cells, else ``stacked``."""

    def __init__(self, beside: LineGrid, titles: int, stacked: Group) -> None:
        self.beside, self.titles, self.stacked = beside, titles, stacked

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        roomy = self.beside.widths(options.max_width)[self.titles] >= TITLE_ROOM
        yield self.beside if roomy else self.stacked

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement.get(console, options, self.beside)


class JournalCard(Static):
    """Filled by its screen's ``load()`` (once the database is open, on every return)."""

    BINDINGS = [
        Binding("enter", "open_bare", "Without a number", tooltip="List the entries without a number in the journal")
    ]

    can_focus = False  # until some entry has no number (show)
    data: tuple[Any, list[Any]] | None = None  # the last read

    class OpenBare(Message):
        """Enter on the card: open the journal on the entries without a number."""

    def on_mount(self) -> None:
        self.border_title = "Journal"
        self.border_subtitle = SUBTITLE

    @staticmethod
    def read(db: Reads) -> tuple[Any, list[Any]]:
        """The counts and the latest entries (in Home's read worker)."""
        data = home_data()
        return data.journal_counts(db), data.page_achievements(db, limit=LATEST).items

    def show(self, read: tuple[Any, list[Any]]) -> None:
        self.data = read
        bare = read[0].without_number
        self.can_focus = bool(bare)
        if self.has_focus and not bare:
            self.screen.focus_next()
        self.draw()

    def watch_has_focus(self, has_focus: bool) -> None:
        """Focused, the line without a number is drawn as the cursor and the subtitle says what enter does
        (on_focus comes before has_focus is set)."""
        super().watch_has_focus(has_focus)
        self.draw()

    def action_open_bare(self) -> None:
        self.post_message(self.OpenBare())

    def draw(self) -> None:
        if self.data is None:
            return
        counts, recent = self.data
        focused = self.has_focus
        self.border_subtitle = f"enter lists the {counts.without_number:,} · {SUBTITLE}" if focused else SUBTITLE
        counts_rows = [
            (f"{counts.week:,}", "this week"),
            # the month by its name: in a week that began last month, "6 this week · 5 this month" read as a mistake
            (f"{counts.month:,}", f"in {counts.month_start:%B}"),
            (f"{counts.total:,}", "in all"),
        ]
        numbers, labels = [Text(n) for n, _ in counts_rows], [Text(label) for _, label in counts_rows]
        bare: Text | None = None
        if counts.without_number:
            warn = colors.text(self, "warning") + Style(reverse=focused)  # focused: the line is the cursor
            numbers.append(Text(f"{counts.without_number:,}", style=warn))
            labels.append(Text("without a number: add one?", style=warn))  # the same focused: the titles stay put
            bare = Text.assemble(numbers[-1], " ", labels[-1])
        lines = Text("\n").join
        # the counts, then the latest entries beside them: each column one cell of lines
        count_columns = (Column(style="bold", justify="right"), Column(space=2))
        if not counts.total:
            outer = LineGrid(*count_columns, Column(flex=True, wrap=True, space=3))
            nothing = Text("Nothing written yet. Press j, then n, and note one outcome with its number.", style="dim")
            outer.add_row(lines(numbers), lines(labels), nothing)
            self.update(outer)
            return
        latest_columns = (
            Column(style="dim", min_width=6, space=3),
            Column(flex=True),
            Column(
                style=colors.text(self, "success") + Style(bold=True),
                min_width=max((len(a.badge) for a in recent), default=0),
            ),
        )
        latest = (
            lines(Text(short_date(a.occurred_on)) for a in recent),
            lines(Text(a.title) for a in recent),
            lines(Text(a.badge) for a in recent),
        )
        beside = LineGrid(*count_columns, *latest_columns).add_row(lines(numbers), lines(labels), *latest)
        # narrow: "7 this week · 9 in March · 120 in all", the line without a number, then the entries
        summary = Text(" · ").join(Text.assemble((n, "bold"), " ", label) for (n, label) in counts_rows)
        below = LineGrid(*latest_columns).add_row(*latest)  # the first column's space is not drawn
        self.update(Fitted(beside, 3, Group(summary, *([bare] if bare else []), below)))
