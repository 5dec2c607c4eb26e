"""Pictures of the journal with demo data, the clock frozen so dates never move."""

from __future__ import annotations

from pilot_tools import at_rest, db_ready, press, settle, wait_for
from textual.widgets import Input

SIZE = (120, 40)


async def _settle(pilot) -> None:
    """Wait until the list has loaded, the detail pane shows the highlighted entry and the
    count line has counted (it waits for typing to rest: a timer, not a worker)."""
    await db_ready(pilot)
    screen = pilot.app.screen
    await wait_for(
        pilot,
        lambda: (
            not screen.detail_pending and not screen.count_pending and str(screen.query_one("#detail-head").render())
        ),
    )
    await settle(pilot)
    await at_rest(pilot)


def test_journal_search_and_filter(snap_compare, demo_app):
    async def before(pilot):
        await press(pilot, "j", "c", "slash", *"p95")
        await _settle(pilot)

    assert snap_compare(demo_app, terminal_size=SIZE, run_before=before)


def test_new_achievement_form_reads_the_metric(snap_compare, demo_app):
    async def before(pilot):
        await press(pilot, "j", "n")
        await at_rest(pilot)
        form = pilot.app.screen
        await wait_for(pilot, lambda: form.query("#title"))
        form.query_one("#title", Input).value = "Cut p95 latency from 1.2s to 300ms"  # as typed, without the keys
        await wait_for(pilot, lambda: form.query_one("#metric").value == "1,200 -> 300 ms" and not form.keeper.pending)
        for field in form.walk_children(Input):  # a blinking cursor's phase made this picture racy
            field.cursor_blink = False
        await at_rest(pilot)

    assert snap_compare(demo_app, terminal_size=SIZE, run_before=before)
