"""A contribution graph: one column per week, one row per weekday, each day shaded by its count.

``Heatmap.show(counts, start, end)`` draws the weeks from ``start`` (a Monday)
to ``end`` (the last day with data, usually today), as many of the newest
weeks as the width holds (two cells per day, so days look square). Months are
named above their first week; weeks given in ``marked`` get a ✓ in an extra
row (the review screen marks reviewed weeks). Shades are 0 (nothing) and 1–4
by the day's share of the busiest day (core/review_history.shade).

Focused, the arrows move a cursor over the days (left/right a week, up/down a
day), the bottom line says what the day holds, and enter posts
``Heatmap.Selected``; a click does the same, and hovering shows a tooltip.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from ctotui.core.plural import noun, plural
from ctotui.core.review.history import LEVELS, shade
from ctotui.ui.widgets import colors

LABEL = 4  # "Mon "
CELL = 2  # a day is two columns wide
DAY_LABELS = ("Mon", "", "Wed", "", "Fri", "", "Sun")
MARK = "✓"


class Heatmap(Widget, can_focus=True):
    DEFAULT_CSS = """
    Heatmap { height: auto; width: 1fr; padding: 0 1; }
    Heatmap > .heatmap--label { color: $text-muted; }
    Heatmap > .heatmap--mark { color: $text-accent; }
    """
    COMPONENT_CLASSES: ClassVar[set[str]] = {"heatmap--label", "heatmap--mark"}
    BINDINGS: ClassVar = [
        Binding("left", "move(-7)", "Week before", show=False, tooltip="The same weekday a week earlier"),
        Binding("right", "move(7)", "Week after", show=False, tooltip="The same weekday a week later"),
        Binding("up", "move(-1)", "Day before", show=False, tooltip="The day before"),
        Binding("down", "move(1)", "Day after", show=False, tooltip="The day after"),
        Binding("home", "jump(-1)", "First day", show=False, tooltip="The first day shown"),
        Binding("end", "jump(1)", "Today", show=False, tooltip="Back to today"),
        Binding("enter", "select", "Open day", tooltip="List the highlighted day's entries"),
    ]

    cursor: reactive[date | None] = reactive(None)

    class Selected(Message):
        """Enter or a click on a day."""

        def __init__(self, heatmap: Heatmap, day: date, count: int) -> None:
            super().__init__()
            self.heatmap = heatmap
            self.day = day
            self.count = count

        @property
        def control(self) -> Heatmap:
            return self.heatmap

    def __init__(self, *, noun: str = "achievement", **kwargs) -> None:
        super().__init__(**kwargs)
        self.noun = noun
        self.counts: dict[date, int] = {}
        self.start: date | None = None
        self.end: date | None = None
        self.marked: frozenset[date] = frozenset()

    def show(self, counts: Mapping[date, int], start: date, end: date, *, marked: Iterable[date] = ()) -> None:
        """Draw ``counts`` (day -> count) from ``start`` (a Monday) to ``end``; ``marked``: Mondays to tick."""
        self.counts = dict(counts)
        self.start = start - timedelta(days=start.weekday())
        self.end = end
        self.marked = frozenset(d - timedelta(days=d.weekday()) for d in marked)
        if self.cursor is None or not self.start <= self.cursor <= end:
            self.cursor = end
        self.refresh(layout=True)

    # --- geometry ------------------------------------------------------------------------

    def _weeks_shown(self) -> int:
        if self.start is None or self.end is None:
            return 0
        total = (self.end - self.start).days // 7 + 1
        room = max(1, (self.content_region.width - LABEL) // CELL) if self.content_region.width else total
        return min(total, room)

    def _first_monday(self) -> date:
        assert self.end is not None
        return self.end - timedelta(days=self.end.weekday()) - timedelta(weeks=self._weeks_shown() - 1)

    def get_content_height(self, container, viewport, width: int) -> int:
        return 1 + 7 + (1 if self.marked else 0) + 1

    def day_at(self, x: int, y: int) -> date | None:
        """The day under a point of the content (None off the grid or in the future)."""
        if self.end is None or not 1 <= y <= 7 or x < LABEL:
            return None
        week = (x - LABEL) // CELL
        if week >= self._weeks_shown():
            return None
        day = self._first_monday() + timedelta(weeks=week, days=y - 1)
        return day if day <= self.end else None

    # --- drawing ----------------------------------------------------------------------------

    def _shades(self) -> list[Style]:
        """An empty day, then the levels, each further from the background than the one before. On
        a dark background the success colour fades in; on a light one it darkens toward the text:
        faded in, textual-light's four greens were 1.04–1.25 against an empty day, one blur."""
        if colors.on_dark(self):
            empty = colors.blend(self, "foreground", 0.14)
            steps = [colors.blend(self, "success", 0.25 + 0.75 * n / LEVELS) for n in range(1, LEVELS + 1)]
        else:
            empty = colors.blend(self, "foreground", 0.08)
            success, text = colors.theme_colour(self, "success"), colors.theme_colour(self, "foreground")
            steps = [colors.blend(self, "success", 0.7)] + [
                success.blend(text, 0.6 * n / (LEVELS - 1)) for n in range(1, LEVELS)
            ]
        return [Style(color=c.rich_color) for c in (empty, *steps)]

    def describe(self, day: date) -> str:
        n = self.counts.get(day, 0)
        what = plural(n, self.noun) if n else f"no {noun(n, self.noun)}"
        return f"{day:%a} {day.day} {day:%b %Y}: {what}"

    def render(self) -> Text:
        if self.end is None:
            return Text("")
        label = colors.tone(self, "heatmap--label")
        mark = colors.tone(self, "heatmap--mark")
        shades = self._shades()
        weeks = self._weeks_shown()
        first = self._first_monday()
        peak = max((n for d, n in self.counts.items() if first <= d <= self.end), default=0)
        mondays = [first + timedelta(weeks=i) for i in range(weeks)]
        out = Text(no_wrap=True, overflow="crop")
        out.append(self._month_row(mondays), style=label)
        for row in range(7):
            out.append("\n")
            out.append(f"{DAY_LABELS[row]:<{LABEL}}", style=label)
            for monday in mondays:
                day = monday + timedelta(days=row)
                if day > self.end:
                    out.append(" " * CELL)
                    continue
                style = shades[shade(self.counts.get(day, 0), peak)]
                if day == self.cursor and self.has_focus:
                    style = style + Style(reverse=True)
                out.append("■", style=style)
                out.append(" " * (CELL - 1))
        if self.marked:
            out.append("\n")
            out.append(f"{'Rev':<{LABEL}}", style=label)
            for monday in mondays:
                out.append(f"{MARK if monday in self.marked else ' ':<{CELL}}", style=mark)
        out.append("\n")
        out.append_text(self._legend(shades, weeks * CELL + LABEL, label))
        return out

    def _month_row(self, mondays: list[date]) -> str:
        """Each month named above its first Monday; in the last column, a week two cells wide, the
        name ends at the grid's edge (one cell to the left), so that January 4th's week still says Jan."""
        row = [" "] * (LABEL + len(mondays) * CELL)
        previous = None
        for i, monday in enumerate(mondays):
            if monday.month != previous and (previous is not None or monday.day <= 7):
                at = min(LABEL + i * CELL, len(row) - 3)
                if at >= 0 and all(c == " " for c in row[max(0, at - 1) : at + 3]):
                    row[at : at + 3] = list(f"{monday:%b}")
            previous = monday.month
        return "".join(row).rstrip()

    def _legend(self, shades: list[Style], width: int, label: Style) -> Text:
        if self.has_focus and self.cursor is not None:
            more = " · enter lists them" if self.counts.get(self.cursor) else ""
            left = Text(self.describe(self.cursor) + more)
        else:
            first = self._first_monday()
            shown = {d: n for d, n in self.counts.items() if first <= d <= (self.end or d)}
            total, days = sum(shown.values()), sum(1 for n in shown.values() if n)
            # the weeks the width holds (a 52-week year needs ~110 columns): say which
            left = Text(
                f"{plural(total, self.noun)} on {plural(days, 'day')} · the last {plural(self._weeks_shown(), 'week')}"
            )
        left.stylize(label)
        right = Text("less ", style=label)
        for style in shades:
            right.append("■ ", style=style)
        right.append("more", style=label)
        gap = max(1, width - left.cell_len - right.cell_len)
        return Text.assemble(left, " " * gap, right)

    # --- moving ------------------------------------------------------------------------------

    def watch_cursor(self) -> None:
        self.refresh()

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def action_move(self, days: int) -> None:
        if self.cursor is None or self.end is None:
            return
        target = self.cursor + timedelta(days=days)
        if self._first_monday() <= target <= self.end:
            self.cursor = target

    def action_jump(self, direction: int) -> None:
        if self.end is not None:
            self.cursor = self.end if direction > 0 else self._first_monday()

    def action_select(self) -> None:
        if self.cursor is not None:
            self.post_message(self.Selected(self, self.cursor, self.counts.get(self.cursor, 0)))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        day = self.day_at(offset.x, offset.y) if offset else None
        if day is not None:
            self.cursor = day
            self.post_message(self.Selected(self, day, self.counts.get(day, 0)))

    def on_mouse_move(self, event: events.MouseMove) -> None:
        offset = event.get_content_offset(self)
        day = self.day_at(offset.x, offset.y) if offset else None
        self.tooltip = self.describe(day) if day is not None else None
