"""List items whose wrapped lines stay indented under their first line (a hanging indent):

1. We need to cut the engineering
   budget by 20%. How would you…
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text


def hang(mark: Text | str, body: RenderableType) -> Table:
    """``mark`` (a number, a bullet, a box) then ``body``, wrapped under its own first column."""
    mark = Text(mark) if isinstance(mark, str) else mark
    body = Text(body) if isinstance(body, str) else body
    grid = Table.grid(expand=True)
    grid.add_column(width=mark.cell_len, no_wrap=True)
    grid.add_column(ratio=1)
    grid.add_row(mark, body)
    return grid


def numbered(items: Iterable[Text | str], indent: int = 2) -> Table:
    """``1. …``, ``2. …``: each item's wrapped lines start under its text, not under the number."""
    items = list(items)
    width = len(str(len(items))) + 2
    grid = Table.grid(expand=True)
    grid.add_column(width=indent + width, no_wrap=True)
    grid.add_column(ratio=1)
    for i, item in enumerate(items, 1):
        grid.add_row(Text(" " * indent + f"{i}.".rjust(width - 1) + " "), Text(item) if isinstance(item, str) else item)
    return grid


def bullets(items: Iterable[Text | str], mark: str = "• ") -> Table:
    """One ``•`` item a line, each wrapped under its own text."""
    grid = Table.grid(expand=True)
    grid.add_column(width=len(mark), no_wrap=True)
    grid.add_column(ratio=1)
    for item in items:
        grid.add_row(Text(mark), Text(item) if isinstance(item, str) else item)
    return grid
