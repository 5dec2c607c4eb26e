"""`ctotui import` of a complete export: wall time, CPU time and peak memory.

    .venv/bin/python bench/import.py                          # 100,000 achievements, this tree
    .venv/bin/python bench/import.py --old /tmp/ctotui-main   # and the code in another tree, side by side
    .venv/bin/python bench/import.py --rows 20000 --runs 3

It builds a demo database with --rows achievements (once, kept in /tmp) and
exports it (once); then each run imports that export into a fresh database in
a fresh process, `python -m ctotui --db NEW import FILE`, as a user would, and
reads that process's own resource usage (os.wait4): wall time, user + system
CPU time and peak RSS. With --old, a tree holding another version of the code
(e.g. `git archive main | tar -x -C /tmp/ctotui-main`) runs the same import
through PYTHONPATH, alternating with this tree's run by run.

The goal (issue 18): ≤ 6 s and ≤ 200 MB at 100,000 achievements. On a shared
machine wall time wanders with the load (printed); CPU time is steadier. A
number here is a measurement, never a test: nothing fails if it is slow.
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

HERE = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(HERE))

from ctotui.core.data.export_json import write_json  # noqa: E402
from ctotui.core.db import open_db  # noqa: E402
from ctotui.core.demo import build as demo  # noqa: E402

GOAL_S, GOAL_MB = 6.0, 200.0


def build(rows: int) -> Path:
    """The export of a demo database of ``rows`` achievements (made once, then reused)."""
    source = Path(tempfile.gettempdir()) / f"ctotui-bench-import-{rows}.db"
    export = source.with_suffix(".json")
    if export.exists():
        return export
    print(f"building {source} with {rows:,} achievements ...", flush=True)
    started = time.perf_counter()
    source.unlink(missing_ok=True)
    db = open_db(source)
    demo.fill(db, achievements=rows)
    with open(export.with_suffix(".part"), "w", encoding="utf-8") as out:
        write_json(db, out)
    db.close()
    export.with_suffix(".part").replace(export)
    print(f"  built in {time.perf_counter() - started:.1f} s: {export} ({export.stat().st_size / 1e6:.0f} MB)")
    return export


def run_once(export: Path, tree: Path) -> tuple[float, float, float]:
    """(wall s, cpu s, peak RSS MB) of one import into a fresh database, in its own process."""
    with tempfile.TemporaryDirectory(prefix="ctotui-bench-import-") as folder:
        env = {**os.environ, "PYTHONPATH": str(tree)}  # run from the folder: the current one would come first
        cmd = [sys.executable, "-m", "ctotui", "--db", str(Path(folder) / "new.db"), "import", str(export)]
        started = time.perf_counter()
        errors = Path(folder) / "stderr"
        with open(errors, "wb") as err:
            proc = subprocess.Popen(cmd, cwd=folder, env=env, stdout=subprocess.DEVNULL, stderr=err)
            _pid, status, usage = os.wait4(proc.pid, 0)  # this child's own usage, not every child's
        wall = time.perf_counter() - started
        proc.returncode = code = os.waitstatus_to_exitcode(status)  # reaped here: tell Popen
        if code != 0:
            raise SystemExit(f"import failed ({code}) in {tree}: {errors.read_text().strip()}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024  # Linux: kB


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000, help="achievements in the export (default 100,000)")
    parser.add_argument("--runs", type=int, default=3, help="imports per tree (default 3)")
    parser.add_argument("--old", type=Path, help="another tree of ctotui to time side by side")
    args = parser.parse_args()
    exported = Path(tempfile.gettempdir()) / f"ctotui-bench-import-{args.rows}.json"
    if not exported.exists():
        build(args.rows)
        # Start again as a fresh process: a child's peak RSS (ru_maxrss) starts from its parent's
        # resident size at the fork, and building the export left this one at ~290 MB.
        os.execv(sys.executable, [sys.executable, *sys.argv])
    export = build(args.rows)
    trees = {"this tree": HERE} | ({"old": args.old.resolve()} if args.old else {})
    results: dict[str, list[tuple[float, float, float]]] = {name: [] for name in trees}
    for run in range(args.runs):
        for name, tree in trees.items():
            wall, cpu, rss = run_once(export, tree)
            results[name].append((wall, cpu, rss))
            load = os.getloadavg()[0]
            print(
                f"run {run + 1} {name:<9}  wall {wall:6.2f} s  cpu {cpu:6.2f} s  peak RSS {rss:6.0f} MB  (load {load:.1f})"
            )
    print(f"\nimport of {args.rows:,} achievements ({export.stat().st_size / 1e6:.0f} MB), median of {args.runs}:")
    for name, samples in results.items():
        wall, cpu, rss = (statistics.median(s[i] for s in samples) for i in range(3))
        verdict = "ok" if wall <= GOAL_S and rss <= GOAL_MB else "OVER"
        print(
            f"  {name:<9}  wall {wall:6.2f} s  cpu {cpu:6.2f} s  peak RSS {rss:6.0f} MB  ({verdict}: ≤ {GOAL_S:g} s, ≤ {GOAL_MB:g} MB)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
