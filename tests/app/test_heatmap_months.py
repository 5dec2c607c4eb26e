"""The heatmap's month row names every month whose first Monday is shown, the last column's too:
on Monday 4 January 2027 the History's header ended at "Dec" (three letters did not fit in the
last week's two cells)."""

from __future__ import annotations

from datetime import date, timedelta

from pilot_tools import wait_for
from textual.app import App

from ctotui.ui.widgets.heatmap import LABEL, Heatmap


class OneHeatmap(App[None]):
    def compose(self):
        yield Heatmap(id="heat")


def months_named(heat: Heatmap) -> list[str]:
    return heat.render().plain.splitlines()[0].split()


def first_mondays(end: date, weeks: int) -> list[str]:
    """The months whose first Monday is among the ``weeks`` Mondays shown up to ``end``'s week."""
    last = end - timedelta(days=end.weekday())
    mondays = [last - timedelta(weeks=weeks - 1 - i) for i in range(weeks)]
    return [f"{m:%b}" for m in mondays if m.day <= 7]


async def test_a_month_that_starts_in_the_last_column_is_named() -> None:
    app = OneHeatmap()
    async with app.run_test(size=(80, 12)):
        heat = app.query_one(Heatmap)
        heat.show({date(2026, 12, 31): 1}, date(2026, 1, 5), date(2027, 1, 4))
        header = heat.render().plain.splitlines()[0]
        weeks = (80 - LABEL) // 2
        assert months_named(heat) == first_mondays(date(2027, 1, 4), weeks)
        assert months_named(heat)[-2:] == ["Dec", "Jan"]
        assert len(header) <= LABEL + 2 * weeks  # within the grid, ending at its edge
        grid = heat.render().plain.splitlines()[1]  # Monday's row: its last square is the 4th of January
        assert header.endswith("Jan") and len(header) == len(grid.rstrip()) + 1


async def test_every_first_monday_shown_is_named_at_any_width() -> None:
    """Each week of a year as the last column (the row depends only on its Monday), the grid an odd
    and an even number of cells wide, narrow and at its 53 weeks."""
    app = OneHeatmap()
    async with app.run_test(size=(80, 12)) as pilot:
        heat = app.query_one(Heatmap)
        for width in (21, 22, 57, 80, 113, 114):
            await pilot.resize_terminal(width, 12)
            await wait_for(pilot, lambda width=width: app.size.width == width and heat.content_region.width)
            weeks = min(53, (heat.content_region.width - LABEL) // 2)
            for end in (date(2026, 6, 1) + timedelta(weeks=n) for n in range(53)):
                heat.show({}, end - timedelta(weeks=52), end)
                header = heat.render().plain.splitlines()[0]
                assert header.split() == first_mondays(end, weeks), (width, end)
                assert len(header) <= LABEL + 2 * weeks
