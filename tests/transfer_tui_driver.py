"""The app, headless, writing as a user does, for the concurrency tests.

    python transfer_tui_driver.py DB TAG [--rounds N] [--until STOPFILE] [--in-step]

Opens the journal, prints "ready", then each round: keeps a draft (as the
form does while one types), adds an achievement, changes the profile (a read
then a write in one transaction), and reloads the journal screen, all on the
app's own connection in its event loop. It stops after N rounds or once
STOPFILE exists, prints "rounds N" and every notification, and exits. Any
error (such as "database is locked") ends it with a traceback and exit 1.

--in-step: each round, once its draft and entry are written, prints "at N" and
waits for a line on stdin before it changes the profile, so that a test can let
two apps change it at the same moment (stdin closed: no more rounds).
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path

from pilot_tools import at_rest, db_ready, press, wait_for

from ctotui.core.drafts import save_draft
from ctotui.core.journal.entries import add_achievement
from ctotui.core.settings import set_profile
from ctotui.ui.app import CtoApp

MAX_ROUNDS = 5000  # never run forever, whatever happens to the stop file


def run(db: Path, tag: str, rounds: int, until: Path | None, in_step: bool) -> int:
    app = CtoApp(db_path=db, welcome=False)
    done = 0

    async def drive(pilot) -> None:
        nonlocal done
        await db_ready(pilot)
        await press(pilot, "j")
        await wait_for(pilot, lambda: app.current_mode == "journal")
        print("ready", flush=True)
        while done < rounds and not (until and until.exists()):
            save_draft(app.db, f"journal:new:{tag}", {"title": f"{tag} typing {done}"})
            add_achievement(app.db, title=f"{tag} from the app {done}", tags=[tag])
            if in_step:
                print(f"at {done + 1}", flush=True)
                if not await asyncio.to_thread(sys.stdin.readline):
                    break
            set_profile(app.db, role=f"{tag} role {done}")
            app.screen.load()
            await at_rest(pilot)
            done += 1
        app.exit()

    app.run(headless=True, auto_pilot=drive, size=(120, 40))
    print(f"rounds {done}", flush=True)
    for note in app.notices:
        print(f"notification: {note.severity}: {note.message}", flush=True)
    return app.return_code or 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("db", type=Path)
    parser.add_argument("tag")
    parser.add_argument("--rounds", type=int, default=MAX_ROUNDS)
    parser.add_argument("--until", type=Path)
    parser.add_argument("--in-step", action="store_true")
    args = parser.parse_args()
    sys.exit(run(args.db, args.tag, min(args.rounds, MAX_ROUNDS), args.until, args.in_step))
