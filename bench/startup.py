"""Start-up of ctotui against a minimal Textual app (the floor).

Each run is a fresh process (imports included, as a user pays them) that
starts the app headless on the given database, waits until the first screen
has been laid out and painted (Textual's Ready event) and exits. The two apps
alternate, at least 7 runs each; the script prints the medians and the
ratios ctotui / floor for wall time and peak memory (max RSS).

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
import sys
from ctotui.ui.app import CtoApp

class Bench(CtoApp):
    def on_ready(self) -> None:
        self.exit()

Bench(db_path=sys.argv[1]).run(headless=True, size=(120, 40))
"""

FLOOR = """
import sys
from textual.app import App
from textual.widgets import Static

class Bench(App):
    def compose(self):
        yield Static("hello")

    def on_ready(self) -> None:
        self.exit()

Bench().run(headless=True, size=(120, 40))
"""


def run_once(code: str, db: Path) -> tuple[float, int]:
    """Wall seconds and peak RSS (KiB) of one process."""
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", code, str(db)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"benchmark process failed: {proc.stderr.read().decode()}")
    proc.stderr.close()
    return elapsed, usage.ru_maxrss


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="database to open (default: a fresh one)")
    parser.add_argument("--runs", type=int, default=9, help="runs of each app (at least 7)")
    args = parser.parse_args()
    runs = max(7, args.runs)
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "bench.db"
        run_once(CTOTUI, db)  # warm the file cache and migrate once, unmeasured
        run_once(FLOOR, db)
        ours, floor = [], []
        for _ in range(runs):
            ours.append(run_once(CTOTUI, db))
            floor.append(run_once(FLOOR, db))
    t_ours = statistics.median(t for t, _ in ours)
    t_floor = statistics.median(t for t, _ in floor)
    m_ours = statistics.median(m for _, m in ours)
    m_floor = statistics.median(m for _, m in floor)
    print(f"database       {db if args.db else '(fresh, empty)'}")
    print(f"runs           {runs} each, alternating")
    print(f"ctotui         {t_ours * 1000:7.0f} ms  {m_ours / 1024:6.1f} MiB peak")
    print(f"minimal app    {t_floor * 1000:7.0f} ms  {m_floor / 1024:6.1f} MiB peak")
    print(f"time ratio     {t_ours / t_floor:.2f}x")
    print(f"memory ratio   {m_ours / m_floor:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
