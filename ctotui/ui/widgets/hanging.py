"""List items whose wrapped lines stay indented under their first line (a hanging indent):

1. We need to cut the engineering
   budget by 20%. How would you…
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.containers import Lines
from rich.measure import Measurement
from rich.segment import Segment
from rich.text import DEFAULT_JUSTIFY, DEFAULT_OVERFLOW, Text
from textual.visual import RichVisual

if TYPE_CHECKING:
    from textual.css.styles import RulesMap
    from textual.widget import Widget


KEEP = "\xa0"  # a no-break space: the words on either side of it stay on one line as the text wraps
KEPT_RUN = re.compile(r"[^\s]*(?:\xa0[^\s]*)+")  # words joined by no-break spaces (\s matches \xa0 too)


def kept(words: str) -> str:
    """``words`` (a date, "6 days ago") kept on one line when the text they end wraps."""
    return words.replace(" ", KEEP)


def keep_runs(body: Text, wrap: Callable[[Text], Lines]) -> Text:
    """``body`` with a line break before each run of ``kept`` words that ``wrap`` would split.

    Rich breaks lines at any whitespace, the no-break space too ("6" at the end of a line, "days
    ago" under it): where a run is split, it starts the next line whole. A run longer than a
    line is left to fold."""
    return kept_lines(body, wrap)[0]


def kept_lines(body: Text, wrap: Callable[[Text], Lines]) -> tuple[Text, Lines]:
    """``keep_runs``, and the lines ``wrap`` makes of what it returns: a list measuring its items'
    heights wraps each once (twice when a run was split), not once more to count them."""
    folded: set[int] = set()  # where runs longer than a line start (left to fold)
    wrapped = wrap(body)
    for _ in range(body.plain.count(KEEP)):
        lines = [line.plain for line in wrapped]
        runs = KEPT_RUN.finditer(body.plain)
        split = next((m for m in runs if m.start() not in folded and not any(m.group() in ln for ln in lines)), None)
        if split is None:
            break
        before = body.plain[: split.start()].rstrip(" ")
        if not before or before.endswith("\n"):
            folded.add(split.start())  # it starts a line already: longer than one
            continue
        head = body[: len(before)]  # the spaces before the run go: the line ends at the word before it
        body = Text.assemble(
            head, "\n", body[split.start() :], style=body.style, justify=body.justify, overflow=body.overflow,
            no_wrap=body.no_wrap, end=body.end,
        )  # fmt: skip
        wrapped = wrap(body)
    return body, wrapped


def wrapper(console: Console, options: ConsoleOptions, width: int, text: Text) -> Callable[[Text], Lines]:
    """``text.wrap`` as ``Text`` wraps itself when drawn at ``width`` with ``options``."""

    def wrap(body: Text) -> Lines:
        return body.wrap(
            console,
            width,
            justify=text.justify or options.justify or DEFAULT_JUSTIFY,
            overflow=text.overflow or options.overflow or DEFAULT_OVERFLOW,
            tab_size=(console.tab_size if text.tab_size is None else text.tab_size) or 8,
            no_wrap=bool(text.no_wrap if text.no_wrap is not None else options.no_wrap),
        )

    return wrap


class Kept:
    """``text`` drawn with its ``kept`` words on one line (``keep_runs``): for text that is not a
    list item (a ``Hanging`` does this itself)."""

    def __init__(self, text: Text) -> None:
        self.text = text

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield keep_runs(self.text, wrapper(console, options, options.max_width, self.text))

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement.get(console, options, self.text)


class Hanging:
    """``mark`` then ``body``, the body's wrapped lines under its own first column.

    What a two-column ``Table.grid(expand=True)`` draws (the mark's column as wide as the mark,
    the body's the rest), without a table: lists of a few hundred items measure every item's
    height as they fill (OptionList), and a table per item made that most of a first visit.
    Words the body joins with ``kept`` stay on one line (``keep_runs``)."""

    def __init__(self, mark: Text, body: RenderableType) -> None:
        self.mark = mark
        self.body = body

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        mark_width = min(self.mark.cell_len, width)
        body_width = max(1, width - mark_width)
        marks = console.render_lines(self.mark, options.update(width=mark_width, no_wrap=True, height=None), pad=True)
        text = self.body
        if isinstance(text, Text) and KEEP in text.plain:
            text = keep_runs(text, wrapper(console, options, body_width, text))
        body = console.render_lines(text, options.update(width=body_width, height=None), pad=True)
        blank = [Segment(" " * mark_width)] if mark_width else []
        new_line = Segment.line()
        for y in range(max(len(marks), len(body))):
            yield from marks[y] if y < len(marks) else blank
            yield from body[y] if y < len(body) else [Segment(" " * body_width)]
            yield new_line

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement(options.max_width, options.max_width)  # as an expanded grid: all the width


class HangingPrompt(RichVisual):
    """A ``Hanging`` as an option list's prompt, measured without drawing it.

    OptionList asks every option's height as it fills and again at each new width (a resize, the
    scrollbar coming), and Textual's ``RichVisual`` learns a renderable's height by rendering it
    whole: for a list of 200 this week's wins, most of the review's first visit. A mark and a body
    that are plain ``Text`` have the height the body wraps to beside the mark: one line when it
    fits (no newline, no tab, not wider than the room left), else the lines ``Text.wrap`` makes,
    as ``Text`` itself renders (tests/unit/test_hanging.py compares both). Anything else is
    measured as before. Drawn as before, by ``RichVisual``."""

    def __init__(self, widget: Widget, hanging: Hanging) -> None:
        super().__init__(widget, hanging)
        self.hanging = hanging
        self.widget = widget
        self.heights: dict[int, int] = {}  # width → height: OptionList asks again at a width it asked before

    def get_height(self, rules: RulesMap, width: int) -> int:
        mark, body = self.hanging.mark, self.hanging.body
        if not isinstance(body, Text) or "\n" in mark.plain:
            return super().get_height(rules, width)
        height = self.heights.get(width)
        if height is None:
            height = self.heights[width] = self.wrapped_height(body, mark, width)
        return height

    def wrapped_height(self, body: Text, mark: Text, width: int) -> int:
        """The height of ``body`` beside ``mark`` at ``width``."""
        body_width = max(1, width - min(mark.cell_len, width))
        plain = body.plain
        if "\n" not in plain and "\t" not in plain and body.cell_len <= body_width:
            return 1
        app = self.widget.app
        wrap = wrapper(app.console, app.console_options, body_width, body)
        return max(1, len(kept_lines(body, wrap)[1] if KEEP in plain else wrap(body)))


def hang(mark: Text | str, body: RenderableType) -> Hanging:
    """``mark`` (a number, a bullet, a box) then ``body``, wrapped under its own first column."""
    return Hanging(Text(mark) if isinstance(mark, str) else mark, Text(body) if isinstance(body, str) else body)


def numbered(items: Iterable[Text | str], indent: int = 2) -> Group:
    """``1. …``, ``2. …``: each item's wrapped lines start under its text, not under the number."""
    items = list(items)
    width = len(str(len(items))) + 2
    return Group(*(hang(Text(" " * indent + f"{i}.".rjust(width - 1) + " "), item) for i, item in enumerate(items, 1)))


def bullets(items: Iterable[Text | str], mark: str = "• ") -> Group:
    """One ``•`` item a line, each wrapped under its own text."""
    return Group(*(hang(mark, item) for item in items))
