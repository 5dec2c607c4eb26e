"""ctotui against jrnl 4.6 on the same journal: add, search, list the last 10, export.

jrnl is not a dependency of ctotui and this script installs nothing. Put it in
the same environment first, then run the script with that interpreter:

    .venv/bin/pip install jrnl==4.6
    .venv/bin/python bench/vs_jrnl.py                  # 1,000 and 10,000 entries
    .venv/bin/python bench/vs_jrnl.py --sizes 1000 --runs 3

For each size it writes the same entries (titles, Markdown bodies, tags, dates
over three years, made by the demo generator) into a jrnl journal (jrnl's own
plain-text format, in a temporary folder with its own config file) and into a
ctotui database, then times each operation two ways and prints ours/jrnl
(below 1 means ctotui is faster):

- cli: the command a person types, as a subprocess (median of --runs, the two tools
  alternating run by run):
    add     jrnl "Title. body"                 ctotui add "Title" --body "body"
    search  jrnl -contains WORD -n 20          ctotui search WORD --limit 20
    last10  jrnl -n 10                          ctotui list --limit 10
    export  jrnl --export json                 ctotui export (every table, complete)
- lib: the same work in-process, opening the journal each time as each tool's
  command does (jrnl parses its file; ctotui opens the database).

A ratio is a measurement, never a test. The issue's goals: add at 10k <= 0.06x,
search at 10k <= 0.3x.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ctotui.core.data.export_json import export_text  # noqa: E402
from ctotui.core.db import open_db  # noqa: E402
from ctotui.core.demo.journal import _names, _one  # noqa: E402
from ctotui.core.journal.entries import (  # noqa: E402
    add_achievement,
    page_achievements,
    search_achievements,
)

BIN = Path(sys.executable).parent
WORD = "kafka"  # found in a few percent of the demo entries
CONFIG = """\
colors: {body: none, date: none, tags: none, title: none}
default_hour: 9
default_minute: 0
editor: ''
encrypt: false
highlight: false
indent_character: '|'
journals:
  default:
    journal: %s
linewrap: 79
tagsymbols: '@'
template: false
timeformat: '%%Y-%%m-%%d %%H:%%M'
version: v4.6
"""


def entries(n: int, seed: int = 11) -> list[tuple[datetime, str, str, list[str]]]:
    rng = random.Random(seed)
    customers, codes, people = _names(rng)
    today = date(2026, 11, 26)
    out = []
    for i in range(n):
        day = today - timedelta(days=int((n - i) * 1095 / n))
        title, body, _metric, _skills, tags = _one(
            rng, rng.choice(["scale", "savings", "unblocking", None]), customers, codes, people
        )
        if rng.random() < 0.04:
            body += "\n\nThe events now go through Kafka."
        out.append((datetime.combine(day, datetime.min.time()).replace(hour=9 + i % 9), title, body, tags))
    return out


def write_jrnl(folder: Path, items) -> Path:
    journal = folder / "journal.txt"
    with journal.open("w", encoding="utf-8") as fh:
        for when, title, body, tags in items:
            tag_text = " ".join(f"@{t}" for t in tags)
            fh.write(f"[{when:%Y-%m-%d %H:%M}] {title.rstrip('.')}.\n{body}\n{tag_text}\n\n")
    config = folder / "jrnl.yaml"
    config.write_text(CONFIG % journal, encoding="utf-8")
    return config


def write_ctotui(path: Path, items) -> None:
    db = open_db(path)
    with db.atomic():
        for when, title, body, tags in items:
            add_achievement(db, title=title, body=body, occurred_on=when.date(), tags=tags, metric="parse")
    db.close()


def timed(ours: list[str], theirs: list[str], runs: int, env: dict[str, str]) -> tuple[float, float]:
    """Median seconds of each command, the two alternating run by run (a shared machine's
    load then weighs on both alike)."""
    samples: dict[int, list[float]] = {0: [], 1: []}
    for _ in range(runs):
        for side, cmd in enumerate((ours, theirs)):
            started = time.perf_counter()
            subprocess.run(
                cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL, env=env, check=True
            )
            samples[side].append(time.perf_counter() - started)
    return statistics.median(samples[0]), statistics.median(samples[1])


def cli(config: Path, db: Path, n: int, runs: int) -> dict[str, tuple[float, float]]:
    jrnl = [str(BIN / "jrnl"), "--config-file", str(config)]
    ours = [str(BIN / "ctotui"), "--db", str(db)]
    env = {**os.environ, "NO_COLOR": "1", "HOME": str(config.parent)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # both tools as users run them: bytecode cached
    ops = {
        "add": (
            jrnl + ["Tried one more thing. It worked."],
            ours + ["add", "Tried one more thing", "--body", "It worked."],
        ),
        "search": (jrnl + ["-contains", WORD, "-n", "20"], ours + ["search", WORD, "--limit", "20"]),
        "last10": (jrnl + ["-n", "10"], ours + ["list", "--limit", "10"]),
        "export": (jrnl + ["--export", "json"], ours + ["export"]),
    }
    return {name: timed(o, j, runs, env) for name, (j, o) in ops.items()}


def lib(config: Path, db_path: Path, n: int, runs: int) -> dict[str, tuple[float, float]]:
    from jrnl.config import load_config, scope_config
    from jrnl.journals import open_journal
    from jrnl.plugins.json_exporter import JSONExporter

    def journal():
        return open_journal("default", scope_config(load_config(str(config)), "default"))

    def j_add():
        j = journal()
        j.new_entry("Tried one more thing. It worked.")
        j.write()

    def j_search():
        j = journal()
        j.filter(contains=[WORD])
        j.limit(20)

    def j_last10():
        journal().limit(10)

    def j_export():
        JSONExporter.export_journal(journal())

    def with_db(fn):
        def run():
            db = open_db(db_path)
            try:
                fn(db)
            finally:
                db.close()

        return run

    ours = {
        "add": with_db(lambda db: add_achievement(db, title="Tried one more thing", body="It worked.")),
        "search": with_db(lambda db: search_achievements(db, WORD, limit=20)),
        "last10": with_db(lambda db: page_achievements(db, limit=10)),
        "export": with_db(export_text),
    }
    theirs = {"add": j_add, "search": j_search, "last10": j_last10, "export": j_export}

    def median(fn) -> float:
        samples = []
        for _ in range(runs):
            started = time.perf_counter()
            fn()
            samples.append(time.perf_counter() - started)
        return statistics.median(samples)

    return {name: (median(ours[name]), median(theirs[name])) for name in ours}


def report(size: int, mode: str, results: dict[str, tuple[float, float]]) -> None:
    for name, (ours, theirs) in results.items():
        print(
            f"{size:>7,}  {mode:<4} {name:<7} ctotui {ours * 1000:8.1f} ms   jrnl {theirs * 1000:8.1f} ms   "
            f"ratio {ours / theirs:6.3f}x"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", action="store_true", help="keep the temporary folders")
    args = parser.parse_args()
    if shutil.which("jrnl", path=str(BIN)) is None:
        print(f"jrnl is not installed in {BIN.parent}: run {BIN / 'pip'} install jrnl==4.6", file=sys.stderr)
        return 2
    version = subprocess.run([str(BIN / "jrnl"), "--version"], capture_output=True, text=True).stdout.split()[1]
    print(f"jrnl {version}, python {sys.version.split()[0]}, {args.runs} runs each (median)")
    print(f"{'entries':>7}  mode op       times and ours/jrnl")
    for size in args.sizes:
        folder = Path(tempfile.mkdtemp(prefix=f"vs-jrnl-{size}-"))
        items = entries(size)
        config = write_jrnl(folder, items)
        db = folder / "ctotui.db"
        write_ctotui(db, items)
        report(size, "cli", cli(config, db, size, args.runs))
        report(size, "lib", lib(config, db, size, args.runs))
        if args.keep:
            print(f"  kept {folder}")
        else:
            shutil.rmtree(folder)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
