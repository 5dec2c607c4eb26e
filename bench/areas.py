"""First visit of every area: from its key to the screen shown with its data.

    .venv/bin/python bench/areas.py --db /tmp/ctotui-bench-100k.db --runs 5

Each run is a fresh process (so every area's first visit pays its imports, as a
person's does): the app starts headless on the database, waits until the
dashboard shows its data and the app's background work is done (a person looks at
the dashboard for a moment before pressing a key), then presses each area's key in turn and times until
the screen is current, its thread workers have read the data and put it on screen,
and it has drawn (wall time, and the CPU time of the whole process, every thread).
Then it visits every area a second time (a repeat visit: the screen exists; it
reads again only if something was written since, ui/base.py). Prints the median
per area. A number here is a measurement, never a test.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

from ctotui.ui.areas import AREAS

ONE_RUN = """
import asyncio, json, sys, time
from ctotui.ui.app import CtoApp
from ctotui.ui.areas import AREAS
from textual import events
from textual.worker import WorkerCancelled, WorkerState

PILOT = sys.argv[2] == "pilot"
ONLY = sys.argv[3]  # one area's mode, visited first after start-up; "" for all in turn

async def main(db):
    app = CtoApp(db_path=db, welcome=False)
    out = {}

    def busy():
        return any(w.is_running or w.state == WorkerState.PENDING for w in app.workers)

    async def settle(pause):
        while busy():
            try:
                await app.workers.wait_for_complete()
            except WorkerCancelled:
                pass
            await pause()

    async def drawn(pilot):
        # the reads the visit started done, their results handled, then the screen drawn
        # (Screen.wait_for_refresh: after every queued message and the refresh they caused).
        # App.switch_mode holds every screen update back for 50 ms (delay_update) to mask the
        # change, on a first visit (the app notes the hold's end as held_until): until then
        # nothing new is on the terminal, and wait_for_refresh returns at once.
        while True:
            await settle(lambda: pilot.pause(0))
            held = getattr(app, "held_until", 0.0) - time.monotonic()
            if held > 0:
                await asyncio.sleep(held)
                continue
            await app.screen.wait_for_refresh()
            if not busy():
                return

    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot.pause)
        while not app.db_ready:
            await pilot.pause()
        await pilot.pause()
        await settle(pilot.pause)  # a person reads the dashboard for a moment
        for visit in ("first", "repeat") if not ONLY else ("first",):
            for area in [a for a in (*AREAS[1:], AREAS[0]) if ONLY in ("", a.mode)]:
                await settle(pilot.pause)
                await pilot.pause()  # the app at rest before the key, as a person finds it
                start, cpu = time.perf_counter(), time.process_time()
                if PILOT:  # as measured before 2 December 2026: Pilot's waits for the CPU to rest
                    await pilot.press(area.key)
                    while app.current_mode != area.mode:
                        await pilot.pause()
                    await pilot.pause()
                    await settle(pilot.pause)
                    await pilot.pause()
                else:
                    app.post_message(events.Key(area.key, area.key))
                    while app.current_mode != area.mode:
                        await pilot.pause(0)
                    await drawn(pilot)
                out[f"{visit} {area.mode}"] = (time.perf_counter() - start) * 1000
                out[f"cpu {visit} {area.mode}"] = (time.process_time() - cpu) * 1000
    print(json.dumps(out))

asyncio.run(main(sys.argv[1]))
"""

CHILD_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True, help="database to open (e.g. after `ctotui demo`)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--pilot",
        action="store_true",
        help="time as before 2 December 2026: Pilot's press and pause, which wait for the CPU to rest in 20 ms steps",
    )
    parser.add_argument(
        "--each-first",
        action="store_true",
        help="visit each area alone, as the first after start-up, in a process of its own (it then pays "
        "the imports and widget styles the areas before it paid in the usual order)",
    )
    args = parser.parse_args()
    runs = []
    for _ in range(args.runs):
        run: dict[str, float] = {}
        for only in [a.mode for a in AREAS[1:]] if args.each_first else [""]:
            done = subprocess.run(
                [sys.executable, "-c", ONE_RUN, str(args.db), "pilot" if args.pilot else "drawn", only],
                capture_output=True,
                text=True,
                env=CHILD_ENV,
                check=True,
            )
            run |= json.loads(done.stdout.strip().splitlines()[-1])
        runs.append(run)
    order = "each area alone, first after start-up" if args.each_first else "every area in turn"
    print(f"each area's first and repeat visit ({order}), median of {args.runs} fresh processes, {args.db.name}")
    print("  (wall time; then the process's CPU time, every thread: on a shared machine the steadier figure)")
    for area in (name for name in runs[0] if not name.startswith("cpu ")):
        times = [r[area] for r in runs]
        cpu = [r[f"cpu {area}"] for r in runs]
        print(
            f"  {area:<18} {statistics.median(times):6.0f} ms   (min {min(times):.0f}, max {max(times):.0f})"
            f"   CPU {statistics.median(cpu):6.0f} ms"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
