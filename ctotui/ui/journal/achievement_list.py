"""A paged list of achievements: a keyset page at a time, more as you scroll.

The widget never holds the whole journal. It is given a ``fetch(db, after)``
function that returns one ``Page`` (newest first) and asks for the next page
when the cursor or the view comes near the end of what it has. Pages are read
in thread workers, each on its thread's read connection (ui/readers.py); the
rows are added on the UI thread. Rows are drawn
with the line API, two lines each: the date and title, then the metric badge
(or "add a number?"), the category, skill chips and tags.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ctotui.core.journal.entries import Achievement, Cursor, Page
from ctotui.core.journal.words import matched_spans
from ctotui.ui.readers import read_then_show
from ctotui.ui.widgets import colors

if TYPE_CHECKING:
    from sqlite_utils import Database

Fetch = Callable[["Database", Cursor | None], Page]
ROW = 2  # lines per achievement
AHEAD = 15  # fetch the next page when the cursor or the view is this close to the end
SKILL_CHIPS = {
    "technical-depth": "tech",
    "product-thinking": "product",
    "leadership": "lead",
    "communication": "comms",
    "business": "biz",
    "systems-thinking": "systems",
}
CHIP_COLOURS = {
    "technical-depth": "primary",
    "product-thinking": "secondary",
    "leadership": "accent",
    "communication": "success",
    "business": "warning",
    "systems-thinking": "error",
}


class AchievementList(ScrollView, can_focus=True):
    """Achievements, newest first, loaded a page at a time."""

    COMPONENT_CLASSES = {
        "achievement-list--date",
        "achievement-list--title",
        "achievement-list--meta",
        "achievement-list--badge",
        "achievement-list--flag",
        "achievement-list--cursor",
        "achievement-list--match",
        "achievement-list--empty",
    }
    DEFAULT_CSS = """
    AchievementList { background: $surface; color: $foreground; overflow-x: hidden; }
    AchievementList > .achievement-list--date { color: $text-muted; }
    AchievementList > .achievement-list--title { color: $text; text-style: bold; }
    AchievementList > .achievement-list--meta { color: $text-muted; }
    AchievementList > .achievement-list--badge { color: $text-success; text-style: bold; }
    AchievementList > .achievement-list--flag { color: $text-warning; text-style: italic; }
    AchievementList > .achievement-list--cursor { background: $primary 15%; }
    AchievementList:focus > .achievement-list--cursor { background: $primary 30%; }
    AchievementList > .achievement-list--match { color: $text-accent; text-style: bold underline; }
    AchievementList > .achievement-list--empty { color: $text-muted; text-style: italic; }
    """
    BINDINGS = [
        Binding("up", "move(-1)", "Up", show=False),
        Binding("down", "move(1)", "Down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("home", "first", "First", show=False),
        Binding("end", "last", "Last loaded", show=False),
        Binding("enter", "select", "Open", show=False),
    ]

    cursor: reactive[int] = reactive(0, always_update=True, init=False)

    class Highlighted(Message):
        def __init__(self, sender: AchievementList, achievement: Achievement | None) -> None:
            super().__init__()
            self.list = sender
            self.achievement = achievement

        @property
        def control(self) -> AchievementList:
            return self.list

    class Selected(Highlighted):
        """Enter or a double click on a row."""

    def __init__(
        self,
        *,
        empty_text: str = "Nothing here yet.",
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.empty_text = empty_text
        self._items: list[Achievement] = []
        self._fetch: Fetch | None = None
        self._next: Cursor | None = None
        self._terms: tuple[str, ...] = ()
        self._cache: dict[tuple[int, int, int, bool], Strip] = {}
        self._empty_cache: dict[tuple[str, int], list[Text]] = {}  # the empty text wrapped, for one width
        self._announced: int | None = -1
        self._generation = 0  # bumped by each reset: a page read for an older list is dropped
        self._reading_more = False
        self.loads_shown = 0  # lists put on screen by reset (tests wait on it)

    # --- data ----------------------------------------------------------------

    @property
    def items(self) -> tuple[Achievement, ...]:
        """What is loaded so far (a few pages, never the whole journal)."""
        return tuple(self._items)

    @property
    def more(self) -> bool:
        """True while there are rows after the loaded ones."""
        return self._next is not None

    @property
    def highlighted(self) -> Achievement | None:
        return self._items[self.cursor] if 0 <= self.cursor < len(self._items) else None

    def reset(
        self,
        fetch: Fetch,
        *,
        terms: Iterable[str] | Callable[[Database], Iterable[str]] = (),
        keep_id: int | None = None,
        keep_rows: int = 0,
        then: Callable[[], object] | None = None,
    ) -> None:
        """Show a new list: read its first page (and more, up to ``keep_rows``) in a worker,
        then show it with ``keep_id`` highlighted and call ``then()`` (on the UI thread). ``terms``:
        the words lit in the titles, or what reads them in the worker (a search's spellings found
        in the index)."""
        self._generation += 1
        generation = self._generation
        self._fetch = fetch
        self._reading_more = False

        def read(db: Database) -> tuple[list[Achievement], Cursor | None, tuple[str, ...]]:
            page = fetch(db, None)
            items, after = list(page.items), page.next
            while after is not None and len(items) < keep_rows:
                page = fetch(db, after)
                items.extend(page.items)
                after = page.next
                if not page.items:
                    break
            return items, after, tuple(terms(db) if callable(terms) else terms)

        def show(data: tuple[list[Achievement], Cursor | None, tuple[str, ...]]) -> None:
            if generation != self._generation:
                return
            self._items, self._next, self._terms = data
            index = 0
            if keep_id is not None:
                index = next(
                    (i for i, a in enumerate(self._items) if a.id == keep_id), min(self.cursor, len(self._items) - 1)
                )
            self._changed()
            if index == 0:
                self.scroll_to(y=0, animate=False, immediate=True)
            self._announced = -1
            self.cursor = max(0, index)
            self.loads_shown += 1
            if then is not None:
                then()

        read_then_show(self, read, show, group="list")

    def _read_next(self, then: Callable[[], object] | None = None) -> None:
        """Read the page after the loaded rows in a worker, add it, then ``then()``."""
        if self._fetch is None or self._next is None or self._reading_more:
            return
        self._reading_more = True
        generation, fetch, after = self._generation, self._fetch, self._next

        def show(page: Page) -> None:
            if generation != self._generation:
                return
            self._reading_more = False
            self._items.extend(page.items)
            self._next = page.next
            self._changed()
            if then is not None:
                then()
            else:
                self._maybe_load_more()

        read_then_show(self, lambda db: fetch(db, after), show, group="more")

    def _changed(self) -> None:
        self._cache.clear()
        self.virtual_size = Size(0, max(1, len(self._items)) * ROW)
        self.refresh()

    def _maybe_load_more(self) -> None:
        last_visible = (int(self.scroll_y) + self.size.height) // ROW
        if self._next is not None and max(self.cursor, last_visible) + AHEAD >= len(self._items):
            self._read_next()

    # --- cursor --------------------------------------------------------------

    def watch_cursor(self, value: int) -> None:
        if self._items:
            clamped = max(0, min(value, len(self._items) - 1))
            if clamped != value:
                self.cursor = clamped
                return
            self.scroll_to_region(Region(0, value * ROW, 1, ROW), animate=False, immediate=True)
        self._cache.clear()
        self.refresh()
        self._maybe_load_more()
        current = self.highlighted
        key = current.id if current else None
        if key != self._announced:
            self._announced = key
            self.post_message(self.Highlighted(self, current))

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        self._maybe_load_more()

    def on_resize(self, event: events.Resize) -> None:
        self._changed()
        self._maybe_load_more()

    def action_move(self, step: int) -> None:
        self.cursor = self.cursor + step

    def action_page(self, step: int) -> None:
        self.cursor = self.cursor + step * max(1, self.size.height // ROW - 1)

    def action_first(self) -> None:
        self.cursor = 0

    def action_last(self) -> None:
        def to_last() -> None:
            self.cursor = len(self._items) - 1

        if self._next is None:
            to_last()
        else:
            self._read_next(then=to_last)

    def action_select(self) -> None:
        if self.highlighted is not None:
            self.post_message(self.Selected(self, self.highlighted))

    def on_click(self, event: events.Click) -> None:
        index = (int(self.scroll_y) + event.y) // ROW
        if 0 <= index < len(self._items):
            self.cursor = index
            if event.chain >= 2:
                self.action_select()

    # --- drawing -------------------------------------------------------------

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._cache.clear()

    def render_line(self, y: int) -> Strip:
        line = self.scroll_offset.y + y
        index, part = divmod(line, ROW)
        width = self.scrollable_content_region.width
        base = colors.base(self)
        if not self._items:
            lines = self._empty_lines(width)  # from the second row
            if 1 <= line <= len(lines):
                text = Text("  ").append_text(lines[line - 1])
                text.stylize(base + self._style("empty"))
                return Strip(text.render(self.app.console)).crop_extend(0, width, base)
            return Strip.blank(width, base)
        if index >= len(self._items):
            return Strip.blank(width, base)
        selected = index == self.cursor
        key = (index, part, width, selected)
        strip = self._cache.get(key)
        if strip is None:
            text = self._title_line(self._items[index]) if part == 0 else self._meta_line(self._items[index])
            text.truncate(width, overflow="ellipsis", pad=True)
            # every cell gets the list's colours under its own; the cursor's background over all
            text.style = base + (self._cursor() if selected else Style())
            strip = Strip(text.render(self.app.console), width).crop_extend(0, width, base)
            self._cache[key] = strip
        return strip

    def _empty_lines(self, width: int) -> list[Text]:
        """The empty text's lines at ``width`` (its own line breaks kept, each paragraph wrapped to
        the width after a 2-cell indent: a narrow list cut "Press n to write down" short)."""
        key = (self.empty_text, width)
        lines = self._empty_cache.get(key)
        if lines is None:
            lines = [
                row
                for paragraph in self.empty_text.split("\n")
                for row in Text(paragraph).wrap(self.app.console, max(1, width - 2))
            ]
            self._empty_cache = {key: lines}
        return lines

    def _style(self, name: str) -> Style:
        return colors.tone(self, f"achievement-list--{name}")

    def _cursor(self) -> Style:
        return colors.fill(self, "achievement-list--cursor")

    def _chip(self, slug: str) -> Style:
        """A skill's chip: one theme colour per skill, faded into the background."""
        return colors.chip(self, CHIP_COLOURS[slug])

    def _title_line(self, a: Achievement) -> Text:
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append(f" {a.occurred_on.isoformat()}  ", self._style("date"))
        start = len(text)
        text.append(a.title, self._style("title"))
        if self._terms:
            match = self._style("match")
            for begin, end in matched_spans(a.title, self._terms):  # folded as the search folds: "cafe" lights "Café"
                text.stylize(match, start + begin, start + end)
        return text

    def _meta_line(self, a: Achievement) -> Text:
        text = Text(" " * 13, no_wrap=True, overflow="ellipsis")
        if a.has_number:
            text.append(a.badge, self._style("badge"))
        else:
            text.append("add a number?", self._style("flag"))
        if a.category:
            text.append(f"  {a.category}", self._style("meta"))
        for slug in a.skills:
            text.append("  ")
            text.append(f" {SKILL_CHIPS[slug]} ", self._chip(slug))
        if a.tags:
            text.append("  " + " ".join(f"#{t}" for t in a.tags), self._style("meta"))
        return text
