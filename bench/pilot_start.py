"""What one app test pays before it does anything: an app's start under Pilot until `db_ready`.

    .venv/bin/python bench/pilot_start.py --runs 8            # 80x24, the app tests' size
    .venv/bin/python bench/pilot_start.py --size 120x40

Starts `CtoApp` with `run_test` on a fresh copy of the demo database (120 entries, as the app
tests' `demo_db`), waits as the tests do (`tests/pilot_tools.db_ready`), and closes it, `--runs`
times in one process after one start that is not counted (imports, bytecode). Prints the median
CPU time of a start (`time.process_time`, every thread): the suite runs ~250 of them, so this,
times 250, is what the app tests spend on starting. CPU, not wall: steadier on a shared machine.
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from pilot_tools import db_ready  # noqa: E402

from ctotui.core.db import open_db  # noqa: E402
from ctotui.core.demo import build as demo  # noqa: E402
from ctotui.ui.app import CtoApp  # noqa: E402


async def start(path: Path, size: tuple[int, int]) -> None:
    app = CtoApp(db_path=path)
    async with app.run_test(size=size) as pilot:
        await db_ready(pilot)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=8)
    parser.add_argument("--size", default="80x24")
    args = parser.parse_args()
    width, height = (int(n) for n in args.size.split("x"))
    with tempfile.TemporaryDirectory() as tmp:
        template = Path(tmp) / "demo.db"
        db = open_db(template)
        demo.fill(db, achievements=120, seed=7)
        db.close()
        times = []
        for run in range(args.runs + 1):
            path = Path(tmp) / f"run{run}.db"
            shutil.copy(template, path)
            before = time.process_time()
            asyncio.run(start(path, (width, height)))
            if run:
                times.append(time.process_time() - before)
    print(f"an app's start under Pilot at {args.size}, until db_ready: {1000 * statistics.median(times):.0f} ms of CPU")
    print("  (median of", args.runs, "runs:", ", ".join(f"{1000 * t:.0f}" for t in sorted(times)), "ms)")


if __name__ == "__main__":
    main()
