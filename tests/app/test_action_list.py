"""ActionList, the list under the timeline, skills and review areas, on its own: headings come
into view with the item under them, a click acts like enter, a resize keeps the cursor in view."""

from __future__ import annotations

from typing import ClassVar

from pilot_tools import at_rest, press, screen_text, wait_for
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets.option_list import Option

from ctotui.ui.widgets.action_list import ActionList

LONG = "an item whose text wraps onto a second line at this width"


class Items(ActionList):
    BINDINGS: ClassVar = [Binding("space", "act('tick')", "Tick")]
    PRIMARY = "open"


class Host(App[None]):
    CSS = "Items { height: 9; width: 40; }"

    def __init__(self) -> None:
        super().__init__()
        self.acts: list[tuple[str, str]] = []

    def compose(self) -> ComposeResult:
        yield Items()

    def on_mount(self) -> None:
        lst = self.query_one(Items)
        options = [lst.heading("First section", "first", gap=False)]
        options += [Option(f"item {n}" if n % 3 else f"{n} {LONG}", id=f"a{n}") for n in range(12)]
        options.append(lst.heading("Second section", "second"))
        options += [Option(f"later {n}", id=f"b{n}") for n in range(12)]
        lst.refill(options)
        lst.focus()

    def on_action_list_act(self, event: ActionList.Act) -> None:
        self.acts.append((event.action, event.item_id))


def _rows(app: Host) -> list[str]:
    return screen_text(app).splitlines()


async def test_the_heading_above_an_item_comes_into_view_with_it():
    app = Host()
    async with app.run_test(size=(60, 12)) as pilot:
        lst = app.query_one(Items)
        await wait_for(pilot, lambda: lst.current_id == "a0")
        lst.highlighted = lst.option_count - 1  # the last item: the list scrolls down
        await wait_for(pilot, lambda: lst.scroll_y > 0)
        assert not any("Second section" in row for row in _rows(app))
        lst.highlighted = lst.get_option_index("b0")  # back up to the first item under the heading
        await at_rest(pilot)
        rows = _rows(app)
        # the blank line before the heading, then the heading, then the item: all on view
        top = next(i for i, row in enumerate(rows) if "Second section" in row)
        assert "later 0" in rows[top + 1]
        assert rows[top - 1].strip("│╭─╮ ") == ""  # the heading's gap line, inside the border
        assert top - 1 == 1  # the gap line is the list's first row: scrolled exactly to the heading
        assert lst.current_id == "b0"


async def test_a_click_acts_like_enter_and_keys_name_their_action():
    app = Host()
    async with app.run_test(size=(60, 12)) as pilot:
        lst = app.query_one(Items)
        await wait_for(pilot, lambda: lst.current_id == "a0")
        await press(pilot, "down", "space")
        await wait_for(pilot, lambda: app.acts == [("tick", "a1")])
        await press(pilot, "enter")
        await wait_for(pilot, lambda: app.acts[-1] == ("open", "a1"))
        row = next(i for i, text in enumerate(_rows(app)) if "item 2" in text)
        await pilot.click(Items, offset=(5, row))
        await wait_for(pilot, lambda: app.acts[-1] == ("open", "a2"))
        await pilot.click(Items, offset=(5, 1))  # the heading: nothing to act on
        await at_rest(pilot)
        assert app.acts[-1] == ("open", "a2")


async def test_after_a_resize_the_cursor_is_still_on_view():
    app = Host()
    async with app.run_test(size=(60, 12)) as pilot:
        lst = app.query_one(Items)
        await wait_for(pilot, lambda: lst.current_id == "a0")
        lst.highlighted = lst.get_option_index("b5")
        await wait_for(pilot, lambda: "later 5" in screen_text(app))
        app.query_one(Items).styles.width = 20  # narrower: the long items wrap onto more lines
        await wait_for(pilot, lambda: lst.outer_size.width == 20)
        await wait_for(pilot, lambda: "later 5" in screen_text(app))
        lst.highlighted = lst.get_option_index("b0")
        await at_rest(pilot)
        rows = _rows(app)
        assert any("Second section" in row for row in rows)  # measured again at the new width
