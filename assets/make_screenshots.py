"""Regenerate the README screenshots: SVGs saved by the app itself.

    .venv/bin/python assets/make_screenshots.py

Uses a fresh demo database, a frozen clock and a fixed terminal size, so the
pictures only change when the screens do.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHOTS = {  # file name -> keys pressed after start
    "dashboard.svg": [],
    "journal.svg": ["j"],
    "skills.svg": ["s"],
    "drill.svg": ["i", "3"],
    "timeline.svg": ["t"],
    "review.svg": ["w", "v"],
    "playbook.svg": ["p", "n", "n"],
}


def main() -> int:
    os.environ.setdefault("CTOTUI_NOW", "2026-11-27T10:00:00+00:00")
    os.environ.setdefault("TZ", "UTC")
    from ctotui.core import demo
    from ctotui.core.db import open_db
    from ctotui.ui.app import CtoApp

    with tempfile.TemporaryDirectory() as tmp:
        os.environ["HOME"] = tmp  # the dashboard shows ~/… rather than a temp path
        path = Path(tmp) / ".local" / "share" / "ctotui" / "ctotui.db"
        db = open_db(path)
        demo.fill(db)
        db.close()
        for name, keys in SHOTS.items():

            async def shoot(pilot, keys=keys, name=name) -> None:
                app = pilot.app
                while not app.db_ready:  # the database opens in a thread after the first paint
                    await pilot.pause(0.02)
                await pilot.press(*keys)
                for _ in range(3):  # let debounced panes (the journal's detail) settle
                    await app.workers.wait_for_complete()
                    await pilot.pause(0.2)
                app.save_screenshot(filename=name, path=str(HERE))
                app.exit()

            CtoApp(db_path=path).run(headless=True, size=(120, 36), auto_pilot=shoot)
            print(f"wrote {HERE / name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
