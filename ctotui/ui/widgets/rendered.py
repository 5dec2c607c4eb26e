"""A long renderable drawn once per width, not once to be measured and again to be drawn.

A ``Static`` whose height follows its content (``height: auto``) is measured by rendering its
content whole (Textual's ``RichVisual.get_height``), then rendered whole again to be drawn: for
the review's report of a week with 200 wins, a Markdown of 200 bullets, that was most of the time
the History took to show. ``RenderedOnce`` keeps the lines it rendered for each width and set of
console options, and gives them again."""

from __future__ import annotations

from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.measure import Measurement
from rich.segment import Segment

KEPT = 4  # widths kept (a resize, the scrollbar coming and going)


class RenderedOnce:
    def __init__(self, renderable: RenderableType) -> None:
        self.renderable = renderable
        self.lines: dict[tuple[object, ...], list[list[Segment]]] = {}

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        key = (
            options.max_width,
            options.min_width,
            options.justify,
            options.overflow,
            options.no_wrap,
            options.highlight,
            options.markup,
            options.legacy_windows,
            options.ascii_only,
        )
        lines = self.lines.get(key)
        if lines is None:
            if len(self.lines) >= KEPT:
                self.lines.clear()
            lines = self.lines[key] = console.render_lines(
                self.renderable, options.update(height=None), pad=False, new_lines=True
            )
        for line in lines:
            yield from line

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement.get(console, options, self.renderable)
