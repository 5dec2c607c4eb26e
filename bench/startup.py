"""Start-up of ctotui against a minimal Textual app (the floor).

Each run is a fresh process (imports included, as a user pays them) that
starts the app headless on the given database. Three moments are timed from
the moment the process is started:
- first paint: the first screen has been laid out and painted (Textual's
  Ready event) — the figure compared with the floor;
- data shown (ctotui only): the database is open and the dashboard has been
  filled from it: its read worker's data has been put on screen and the frame that
  draws it rendered (the end of the refresh after the app's ``first_data_shown``);
- exit: the process has ended, once start-up's background work after that frame (the
  areas' style sheets, the warm-up import) was done too, so that the peak RSS is the
  app's at rest after start-up;
and the CPU time the process had used when it painted and when the data was
shown (all its threads; steadier than wall time when other work shares the machine).
The two apps alternate, at least 7 runs each; the script prints the medians
and the ratios ctotui / floor for first paint and peak memory (max RSS).

On a shared machine wall time wanders (the same build has measured 1.22x
and 1.42x an hour apart). `--instructions` counts the CPU instructions each
app executes up to its first paint with valgrind's callgrind instead, and ctotui's
up to its data on Home (then its exit): slow (~15 s a run) but nearly the same
count every time, so it shows what a change does.

    .venv/bin/python bench/startup.py                  # a fresh, empty database
    .venv/bin/python bench/startup.py --db big.db      # e.g. after `ctotui --db big.db demo --achievements 100000`

Run it with the venv's own interpreter: `python3` may be a slow shim.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CTOTUI = """
import sys, time
from ctotui import collector
collector.pause()  # as `ctotui` does before it imports the app (cli/__init__.py: ctotui/collector.py)
from ctotui.ui.app import CtoApp

class Bench(CtoApp):
    marked = False

    def on_ready(self) -> None:
        print("PAINT", time.monotonic(), flush=True)
        print("CPU", time.process_time(), flush=True)

    def first_data_shown(self, first_of_screen: bool = False) -> None:
        # Home has put its first read on screen: the moment is the end of the next refresh, which
        # draws it. Asked before the app's own after-refresh work (the other areas' style sheets,
        # ui/restyle.py), which runs after that frame and is not part of it.
        if first_of_screen and not self.marked:
            self.marked = True
            self.call_after_refresh(self._shown)
        super().first_data_shown(first_of_screen)

    def _shown(self) -> None:
        print("DATA", time.monotonic(), flush=True)
        print("DCPU", time.process_time(), flush=True)
        # exit once start-up's background work is done too (the area sheets, the warm-up), so
        # that the peak RSS is the app's at rest after start-up
        self._rest = self.set_interval(0.005, self._exit_at_rest)

    def _exit_at_rest(self) -> None:
        if self.area_sheets_read and self.warmed.is_set():
            self._rest.stop()
            self.exit()

Bench(db_path=sys.argv[1]).run(headless=True, size=(120, 40))
"""

FLOOR = """
import sys, time
from textual.app import App
from textual.widgets import Static

class Bench(App):
    def compose(self):
        yield Static("hello")

    def on_ready(self) -> None:
        print("PAINT", time.monotonic(), flush=True)
        print("CPU", time.process_time(), flush=True)
        self.exit()

Bench().run(headless=True, size=(120, 40))
"""


# As a user runs it: bytecode cached (an environment that sets PYTHONDONTWRITEBYTECODE
# would make every run compile every module, ours and Textual's).
CHILD_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def run_once(code: str, db: Path) -> dict[str, float]:
    """Seconds from start to each moment the process reports, to its exit, and its peak RSS (KiB)."""
    start = time.monotonic()  # CLOCK_MONOTONIC: the same clock in the child
    proc = subprocess.Popen(
        [sys.executable, "-c", code, str(db)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=CHILD_ENV
    )
    out = proc.stdout.read().decode()
    _, status, usage = os.wait4(proc.pid, 0)
    result = {"exit": time.monotonic() - start, "rss": usage.ru_maxrss}
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"benchmark process failed: {proc.stderr.read().decode()}")
    proc.stdout.close()
    proc.stderr.close()
    for line in out.splitlines():
        name, _, stamp = line.partition(" ")
        result[name.lower()] = float(stamp) - (0 if name in ("CPU", "DCPU") else start)
    return result


CTOTUI_PAINT_ONLY = """
import sys
from ctotui import collector
collector.pause()  # as `ctotui` does (see CTOTUI)
from ctotui.ui.app import CtoApp

class Bench(CtoApp):
    def _open_database(self) -> None:  # the database opens after the first paint: not counted here
        pass

    def on_ready(self) -> None:
        self.exit()

Bench(db_path=sys.argv[1]).run(headless=True, size=(120, 40))
"""

FLOOR_PAINT_ONLY = FLOOR.replace('print("PAINT", time.monotonic(), flush=True)', "pass").replace(
    'print("CPU", time.process_time(), flush=True)', "pass"
)
PAINT_ONLY = {"ctotui": CTOTUI_PAINT_ONLY, "minimal app": FLOOR_PAINT_ONLY}


def instructions(code: str, db: Path) -> int:
    """Instructions executed by one process (valgrind --tool=callgrind), bytecode cached."""
    run_once(code, db)  # write bytecode first
    out = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable, "-c", code, str(db)],
        capture_output=True,
        text=True,
        env=CHILD_ENV,
        check=True,
    ).stderr
    return int(out.split("Collected :")[1].split()[0])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="database to open (default: a fresh one)")
    parser.add_argument("--runs", type=int, default=9, help="runs of each app (at least 7)")
    parser.add_argument("--instructions", action="store_true", help="count instructions to first paint (callgrind)")
    args = parser.parse_args()
    if args.instructions:
        with tempfile.TemporaryDirectory() as tmp:
            db = args.db or Path(tmp) / "bench.db"
            counts = {name: instructions(code, db) for name, code in PAINT_ONLY.items()}
            data = instructions(CTOTUI, db)  # the full run: it exits once Home's data is on screen
        for name, n in counts.items():
            print(f"{name:<12} {n / 1e6:8.0f} M instructions to first paint")
        print(f"ratio        {counts['ctotui'] / counts['minimal app']:.2f}x")
        print(f"ctotui       {data / 1e6:8.0f} M instructions to its data on Home (all threads; and its exit)")
        print(f"data shown / floor's first paint {data / counts['minimal app']:.2f}x (instructions)")
        return 0
    runs = max(7, args.runs)
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "bench.db"
        run_once(CTOTUI, db)  # warm the file cache, write bytecode and migrate once, unmeasured
        run_once(FLOOR, db)
        ours, floor = [], []
        for _ in range(runs):
            ours.append(run_once(CTOTUI, db))
            floor.append(run_once(FLOOR, db))

    def med(runs: list[dict[str, float]], key: str) -> float:
        return statistics.median(r[key] for r in runs)

    print(f"database         {db if args.db else '(fresh, empty)'}")
    print(f"runs             {runs} each, alternating; medians")
    print("                 first paint   data shown        exit    peak RSS")
    print(
        f"ctotui           {med(ours, 'paint') * 1000:8.0f} ms  {med(ours, 'data') * 1000:8.0f} ms"
        f"  {med(ours, 'exit') * 1000:8.0f} ms  {med(ours, 'rss') / 1024:6.1f} MiB"
    )
    print(
        f"minimal app      {med(floor, 'paint') * 1000:8.0f} ms  {'-':>11}"
        f"  {med(floor, 'exit') * 1000:8.0f} ms  {med(floor, 'rss') / 1024:6.1f} MiB"
    )
    print(
        f"CPU to first paint  ctotui {med(ours, 'cpu') * 1000:.0f} ms, minimal app {med(floor, 'cpu') * 1000:.0f} ms"
        " (CPU time is steadier than wall time on a shared machine)"
    )
    print(
        f"first paint ratio  {med(ours, 'paint') / med(floor, 'paint'):.2f}x (CPU: {med(ours, 'cpu') / med(floor, 'cpu'):.2f}x)"
    )
    print(
        f"data shown / floor {med(ours, 'data') / med(floor, 'paint'):.2f}x"
        f" (CPU: {med(ours, 'dcpu') * 1000:.0f} ms, all threads, against the floor's {med(floor, 'cpu') * 1000:.0f} ms:"
        f" {med(ours, 'dcpu') / med(floor, 'cpu'):.2f}x)"
    )
    print(f"memory ratio       {med(ours, 'rss') / med(floor, 'rss'):.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
