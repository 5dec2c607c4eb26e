"""Pictures of the export dialog (the clock frozen, HOME a temporary folder)."""

from __future__ import annotations

from pilot_tools import at_rest, db_ready, press, wait_for

from ctotui.ui.data.export import ExportDialog

SIZE = (120, 40)


async def _brag_dialog(pilot) -> None:
    await db_ready(pilot)
    await press(pilot, "ctrl+p", *"Export: brag document")
    await at_rest(pilot)
    await press(pilot, "enter")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, ExportDialog))
    pilot.app.screen.query_one("#export-path").cursor_blink = False
    await at_rest(pilot)


def test_transfer_brag_dialog(snap_compare, demo_app):
    """The dated file name in the home folder, the optional period."""
    assert snap_compare(demo_app, terminal_size=SIZE, run_before=_brag_dialog)
