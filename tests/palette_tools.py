"""Running a command from the command palette without typing its name key by key (~80 ms a key).

Typing into the palette is tested once, in test_shell (an area's name brings its "open" first);
elsewhere the search text goes into the palette's field directly, as if typed, and enter runs the
top hit once it is the command wanted."""

from __future__ import annotations

from pilot_tools import press, wait_for
from textual.command import CommandInput, CommandPalette
from textual.widgets import OptionList


def top_hit(app) -> str:
    """The first command the palette offers, as plain text ("" while there is none)."""
    hits = app.screen.query_one("CommandList", OptionList)
    return str(hits.get_option_at_index(0).prompt) if hits.option_count else ""


async def palette_fill(pilot, text: str) -> None:
    """``text`` in the open palette's field; returns once the top hit contains it."""
    app = pilot.app
    await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette) and app.screen.query(CommandInput))
    app.screen.query_one(CommandInput).value = text
    await wait_for(pilot, lambda: text.casefold() in top_hit(app).casefold())


async def palette_search(pilot, text: str) -> None:
    """ctrl+p, then ``text`` in the palette's field; returns once the top hit contains it."""
    await press(pilot, "ctrl+p")
    await palette_fill(pilot, text)


async def palette_run(pilot, text: str) -> None:
    """Run the palette's top hit for ``text`` (enter), as a person typing it would."""
    await palette_search(pilot, text)
    await press(pilot, "enter")
