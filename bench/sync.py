"""`ctotui sync` at scale: one device sends N achievements, another applies them.

    .venv/bin/python bench/sync.py               # 10,000 demo achievements
    .venv/bin/python bench/sync.py --rows 2000

Each step runs as a user would, `python -m ctotui --db DB sync DIR`, in a fresh
process; its wall and CPU time (os.wait4) and the log's size are printed. A
number here is a measurement, never a test.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(HERE))

from ctotui.core.db import open_db  # noqa: E402
from ctotui.core.demo import build as demo  # noqa: E402


def timed(*args: str) -> tuple[float, float]:
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "ctotui", *args], stdout=subprocess.DEVNULL, cwd=HERE)
    _pid, status, usage = os.wait4(proc.pid, 0)
    if status:
        raise SystemExit(f"failed: {args}")
    return time.perf_counter() - start, usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=10_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as root:
        folder = Path(root, "shared")
        folder.mkdir()
        a, b = Path(root, "a.db"), Path(root, "b.db")
        db = open_db(a)
        demo.fill(db, achievements=args.rows, seed=7)
        db.close()
        wall, cpu = timed("--db", str(a), "sync", str(folder))
        size = sum(p.stat().st_size for p in folder.iterdir())
        print(
            f"send  {args.rows:,} achievements (+ the demo's other rows): {wall:.2f} s wall, {cpu:.2f} s CPU, log {size / 1e6:.1f} MB"
        )
        wall, cpu = timed("--db", str(b), "sync", str(folder))
        print(f"apply into an empty database: {wall:.2f} s wall, {cpu:.2f} s CPU")
        wall, cpu = timed("--db", str(b), "sync", str(folder))
        print(f"sync again, nothing new: {wall:.2f} s wall, {cpu:.2f} s CPU")


if __name__ == "__main__":
    main()
