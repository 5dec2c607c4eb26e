"""LineGrid draws what rich's Table.grid draws for the same text cells, in a tenth of the time."""

from __future__ import annotations

import io

from hypothesis import assume, example, given
from hypothesis import strategies as st
from rich.console import Console
from rich.measure import Measurement
from rich.style import Style
from rich.table import Table
from rich.text import Text

from ctotui.ui.widgets.line_grid import Column, LineGrid

WORDS = st.text(alphabet="abcdé漢 -·✓", min_size=0, max_size=30)
LINES = st.lists(WORDS, min_size=1, max_size=3).map("\n".join)


def drawn(renderable, width: int) -> list[list[tuple[str, object]]]:
    """Each line as (character, style) pairs: what the terminal shows."""
    console = Console(width=width, file=io.StringIO(), color_system="truecolor", legacy_windows=False)
    lines = console.render_lines(renderable, console.options.update_width(width), pad=False)
    out = []
    for line in lines:
        cells = [(ch, shown(ch, seg.style)) for seg in line for ch in seg.text]
        while cells and cells[-1] == (" ", None):
            cells.pop()  # the table pads its last column: trailing plain spaces are nothing on screen
        out.append(cells)
    return out


def shown(ch: str, style: Style | None) -> Style | None:
    """What of ``style`` shows on ``ch``: on a space, only what draws on an empty cell."""
    if style and ch == " ":
        style = Style(bgcolor=style.bgcolor, reverse=style.reverse, underline=style.underline, strike=style.strike)
    return style or None  # Style() is no style


def table_of(columns: list[Column], rows: list[list[Text]], gap: int) -> Table:
    table = Table.grid(padding=(0, gap), expand=any(c.flex for c in columns))
    for c in columns:
        table.add_column(
            style=c.style,
            justify=c.justify,
            min_width=c.min_width or None,
            width=c.width,
            ratio=1 if c.flex else None,
            no_wrap=not c.wrap,
            overflow=c.overflow,
        )
    for row in rows:
        table.add_row(*row)
    return table


COLUMN = st.builds(
    Column,
    style=st.sampled_from(["", "bold", "dim", "red"]),
    justify=st.sampled_from(["left", "right"]),
    min_width=st.integers(0, 6),
    width=st.none() | st.integers(1, 8),
    flex=st.booleans(),
    wrap=st.booleans(),
    overflow=st.sampled_from(["ellipsis", "fold"]),
)


@example(  # two flex columns and an odd width left: the first takes the larger half, as in a Table
    columns=[Column(flex=True, wrap=True), Column(flex=True, justify="right")],
    cells=[
        [("Evidence: senior engineer, a long line that wraps", "bold", None), ("2 overdue", "", None)]
        + [("", "", None)] * 2
    ],
    gap=3,
    width=46,
)
@given(
    columns=st.lists(COLUMN, min_size=1, max_size=4),
    cells=st.lists(
        st.lists(
            st.tuples(LINES, st.sampled_from(["", "bold", "italic"]), st.sampled_from([None, None, True, False])),
            min_size=4,
            max_size=4,
        ),
        max_size=5,
    ),
    gap=st.integers(0, 3),
    width=st.integers(20, 120),
)
def test_the_grid_draws_what_a_table_grid_draws(columns, cells, gap, width) -> None:
    columns = [  # only flex columns wrap; a flex column has no width of its own
        Column(c.style, c.justify, c.min_width, flex=True, wrap=c.wrap, overflow=c.overflow)
        if c.flex
        else Column(c.style, c.justify, c.min_width, c.width, overflow=c.overflow)
        for c in columns
    ]
    rows = [[Text(text, style=style, no_wrap=no_wrap) for text, style, no_wrap in row[: len(columns)]] for row in cells]
    grid = LineGrid(*columns, gap=gap)
    for row in rows:
        grid.add_row(*row)
    natural = grid.widths(10_000)
    fixed = sum(w for w, c in zip(natural, columns, strict=True) if not c.flex) + gap * (len(columns) - 1)
    # Not compared: a table that must squeeze its columns into the width (no card asks that of the
    # grid: its fixed columns are short), and a flex grid with a fixed column that is empty in
    # every row and has no space after it: the table then counts it as 0 cells wide for the flex
    # columns' share but draws it 1 wide, runs one cell over and cuts a column somewhere.
    assume(fixed + 2 * len(columns) <= width)
    empty = [
        not c.flex and not c.min_width and not any(row[i].plain.strip("\n") for row in rows)
        for i, c in enumerate(columns)
    ]
    after = [gap] * (len(columns) - 1) + [0]
    assume(not any(c.flex for c in columns) or not any(e and not a for e, a in zip(empty, after, strict=True)))
    assert drawn(grid, width) == drawn(table_of(columns, rows, gap), width)
    console = Console(width=width, file=io.StringIO())
    measured = Measurement.get(console, console.options, grid)
    assert measured.minimum <= measured.maximum <= width
    if not any(c.flex for c in columns) and rows:  # as wide as it asks for, it shows everything
        assert drawn(grid, measured.maximum) == drawn(grid, 1_000)


def test_a_card_of_columns() -> None:
    """Numbers to the right in bold, a title that takes the room left and ends with "…", a badge
    three spaces after it; a string is text, never markup."""
    grid = LineGrid(Column(style="bold", justify="right"), Column(), Column(flex=True), Column(space=3), gap=1)
    grid.add_row("3", "this week", Text("Cut p95 latency of the checkout service by 40%"), "−40%")
    grid.add_row("120", "[b]in all", Text("Short"), "")
    lines = drawn(grid, 40)
    assert ["".join(ch for ch, _ in line) for line in lines] == [
        "  3 this week Cut p95 latency of…   −40%",
        "120 [b]in all Short",
    ]
    assert lines[0][2] == ("3", Style(bold=True))
    assert lines[1][4] == ("[", None)
