"""Pictures of the export dialog (the clock frozen, HOME a temporary folder)."""

from __future__ import annotations

from pilot_tools import db_ready, wait_for

from ctotui.ui.data.export import ExportDialog

SIZE = (120, 40)


async def _brag_dialog(pilot) -> None:
    await db_ready(pilot)
    await pilot.press("ctrl+p", *"Export: brag document")
    await pilot.pause()
    await pilot.press("enter")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, ExportDialog))
    pilot.app.screen.query_one("#export-path").cursor_blink = False
    await pilot.pause()


def test_transfer_brag_dialog(snap_compare, demo_app):
    """The dated file name in the home folder, the optional period."""
    assert snap_compare(demo_app, terminal_size=SIZE, run_before=_brag_dialog)
