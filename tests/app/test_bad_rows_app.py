"""Rows the app cannot read (written around ctotui) never crash a screen: the
drill, the session and the review open and show the readable rows."""

from __future__ import annotations

import sqlite3

from pilot_tools import at_rest, db_ready, press, screen_text, wait_for
from transfer_helpers import demo_db

from ctotui.ui.app import CtoApp
from ctotui.ui.drill.screen import DrillScreen
from ctotui.ui.drill.session import SessionScreen
from ctotui.ui.review.screen import ReviewScreen

SIZE = (80, 24)
BAD = [
    "update questions set card = '{\"broken\": 1}' where id in (select id from questions order by id limit 3)",
    "update attempts set scores = '[1]' where id = (select max(id) from attempts)",
    "insert into profile (field, value, set_at) values ('years', '\"many\"', '2026-01-01T00:00:00+00:00')",
]


def bad_database(path):
    demo_db(path, achievements=12).close()
    conn = sqlite3.connect(path)
    for sql in BAD:
        conn.execute(sql)
    conn.commit()
    conn.close()


async def test_drill_session_and_review_open_over_bad_rows(db_path) -> None:
    bad_database(db_path)
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        await db_ready(pilot)
        await press(pilot, "i")
        await wait_for(pilot, lambda: isinstance(app.screen, DrillScreen))
        await at_rest(pilot)
        await press(pilot, "d")
        await wait_for(pilot, lambda: isinstance(app.screen, SessionScreen))
        assert app.screen.current.id > 3  # the unreadable questions are left out
        await press(pilot, "escape")
        await wait_for(pilot, lambda: isinstance(app.screen, DrillScreen))
        await press(pilot, "w")
        await wait_for(pilot, lambda: isinstance(app.screen, ReviewScreen) and app.screen.is_mounted)
        await at_rest(pilot)
        assert "Traceback" not in screen_text(app)
    assert app.return_code in (None, 0)
