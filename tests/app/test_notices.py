"""The app's own record of the notices it showed (Textual keeps no public list of them)."""

from __future__ import annotations

from pilot_tools import db_ready, wait_for

from ctotui.ui.app import NOTICES_KEPT, CtoApp, Notice


async def test_every_notice_is_kept_as_shown_and_the_record_stays_bounded(db_path) -> None:
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await db_ready(pilot)
        app.screen.notify("[b]not markup[/b] 50%", title="Saved", severity="warning", markup=False)
        assert app.notices[-1] == Notice("[b]not markup[/b] 50%", "Saved", "warning")
        await wait_for(pilot, lambda: app.screen.query("Toast"))  # and shown as a toast, as before
        for n in range(NOTICES_KEPT + 5):
            app.notify(f"notice {n}", markup=False)
        assert len(app.notices) == NOTICES_KEPT
        assert app.notices[-1].message == f"notice {NOTICES_KEPT + 4}"
        assert app.notices[0].message == "notice 5"
