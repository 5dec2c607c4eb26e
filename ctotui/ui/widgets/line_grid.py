"""A grid of text cells for the dashboard's cards: rich's ``Table.grid`` for cells that are text.

Each cell is a ``Text`` (a ``str`` is taken as plain text, never markup), one line or several.
A column is as wide as its widest line (or its ``min_width``); a ``flex`` column shares what is
left of the width with the other flex columns, as a ``Table`` column with ``ratio=1`` does, and
either wraps its lines there or ends them with "…". Widths are worked out as ``Table.grid(...,
expand=True)`` does for such columns, so a card drawn with either looks the same.

Why not ``Table.grid``: it measures every cell through rich's general renderable protocol and
renders each one as a renderable of its own, nested tables inside tables. The dashboard's seven
cards took ~28 ms to draw once at 80×24 that way, and Home draws them about four times as it
opens (a height, the lines, again when its scrollbar comes); this grid takes a tenth of that
(docs/performance.md, "Home's cards").
"""

from __future__ import annotations

from dataclasses import dataclass
from math import ceil
from typing import TYPE_CHECKING, Literal

from rich.cells import cell_len
from rich.measure import Measurement
from rich.segment import Segment
from rich.style import StyleType
from rich.text import Text

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderResult


@dataclass(frozen=True)
class Column:
    """How one column of a ``LineGrid`` lays out its cells."""

    style: StyleType = ""  # under each cell's own styles
    justify: Literal["left", "right"] = "left"
    min_width: int = 0
    width: int | None = None  # exactly this wide, whatever the cells hold (not for a flex column)
    flex: bool = False  # takes a share of the width left over (Table's ratio=1)
    wrap: bool = False  # a flex column's long lines wrap (else they end with "…")
    overflow: Literal["ellipsis", "fold"] = "ellipsis"  # a word longer than the column: cut with "…", or folded
    space: int | None = None  # spaces before this column (the grid's gap when None)


class LineGrid:
    """Rows of text cells laid out in columns, drawn at whatever width it is given."""

    def __init__(self, *columns: Column, gap: int = 1) -> None:
        self.columns = columns
        self.gap = gap
        self.rows: list[list[Text]] = []

    def add_row(self, *cells: Text | str) -> LineGrid:
        """Add a row: one cell a column (missing cells are empty)."""
        if len(cells) > len(self.columns):
            raise ValueError(f"{len(cells)} cells for {len(self.columns)} columns")
        row = [cell if isinstance(cell, Text) else Text(cell) for cell in cells]
        row += [Text()] * (len(self.columns) - len(row))
        self.rows.append(row)
        return self

    def _spaces(self) -> list[int]:
        return [0] + [self.gap if c.space is None else c.space for c in self.columns[1:]]

    def _natural(self) -> list[int]:
        """Each column's width when nothing has to give: its widest line, at least its minimum.
        As in a ``Table``, an empty column of a grid without flex columns still takes one cell
        (with the spaces after it counted in)."""
        widths = [c.min_width for c in self.columns]
        for row in self.rows:
            for i, cell in enumerate(row):
                widths[i] = max(widths[i], *(cell_len(line) for line in cell.plain.split("\n")))
        widths = [w if c.width is None or c.flex else c.width for w, c in zip(widths, self.columns, strict=True)]
        if any(c.flex for c in self.columns):
            return widths
        after = [*self._spaces()[1:], 0]
        return [w or (0 if a else 1) for w, a in zip(widths, after, strict=True)]

    def widths(self, max_width: int) -> list[int]:
        """The columns' widths at ``max_width``: the fixed ones as wide as their content, the flex
        ones sharing the rest as rich's ``Table`` shares it among ``ratio=1`` columns (a column's
        share includes the spaces after it; the first shares rounded up)."""
        widths = self._natural()
        after = [*self._spaces()[1:], 0]
        flex = [i for i, c in enumerate(self.columns) if c.flex]
        left = max_width - sum(w + a for i, (w, a) in enumerate(zip(widths, after, strict=True)) if i not in flex)
        for n, i in enumerate(flex):
            share = max(1 + after[i], ceil(left / (len(flex) - n)))
            widths[i] = share - after[i]
            left -= share
        return widths

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        natural = self._natural()
        spaces = sum(self._spaces())
        fixed = sum(w for w, c in zip(natural, self.columns, strict=True) if not c.flex)
        flex = sum(1 for c in self.columns if c.flex)
        most = options.max_width if flex else sum(natural) + spaces
        return Measurement(min(fixed + flex + spaces, most), most).clamp(max_width=options.max_width)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        widths = self.widths(options.max_width)
        spaces = self._spaces()
        for row in self.rows:
            cells = [
                self._lines(console, cell, column, width)
                for cell, column, width in zip(row, self.columns, widths, strict=True)
            ]
            for n in range(max(len(lines) for lines in cells)):
                line = Text(end="", no_wrap=True)
                for lines, width, space in zip(cells, widths, spaces, strict=True):
                    line.append(" " * space)
                    line.append_text(lines[n] if n < len(lines) else Text(" " * width))
                line.truncate(options.max_width)
                yield from line.render(console)
                yield Segment.line()

    @staticmethod
    def _lines(console: Console, cell: Text, column: Column, width: int) -> list[Text]:
        """The cell's lines, each exactly ``width`` cells wide, in the column's style (what rich's
        ``Text`` does in a table's cell: wrapped or cut with "…", justified)."""
        justify, overflow = cell.justify or column.justify, cell.overflow or column.overflow  # the cell's own first,
        no_wrap = not column.wrap if cell.no_wrap is None else cell.no_wrap  # as in a table
        if column.style:
            cell = Text.assemble(cell, style=column.style)
        lines = cell.wrap(console, width, justify=justify, overflow=overflow, no_wrap=no_wrap)
        for line in lines:
            line.pad_right(width - line.cell_len)  # a left-justified line is not padded to the width
        return list(lines) if width else [Text()]
