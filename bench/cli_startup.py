"""What a command's start-up costs, in CPU instructions (valgrind's callgrind: the same count
every run, so it shows what a change does on a machine shared with other work).

Each command runs as a fresh `python -m ctotui` process (this tree, or `--old`, first on
`PYTHONPATH`; `PYTHONHASHSEED=0`), its bytecode compiled beforehand.
With `--old DIR` (a tree of the code before a change, e.g. `git archive main | tar -x -C DIR`)
the same commands run on that tree too, and the difference is printed.

    .venv/bin/python bench/cli_startup.py --db demo.db --old /tmp/ctotui-main

Besides `--version` and `list`, it counts what a fish TAB costs (ctotui asked for the
completions of `ctotui plan add --horizon ` and of `ctotui pl`, as fish's completion function
asks it) and
`ctotui completion bash` (printing the script). Run it with the venv's own interpreter.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

FISH_LINE = "ctotui plan add --horizon "


def fish_env(out: str, line: str) -> dict[str, str]:
    return {
        "_ARGCOMPLETE": "1",
        "_ARGCOMPLETE_SHELL": "fish",
        "_ARGCOMPLETE_DFS": "\t",
        "_ARGCOMPLETE_IFS": "\n",
        "COMP_LINE": line,
        "COMP_POINT": str(len(line)),
        "_ARGCOMPLETE_STDOUT_FILENAME": out,
    }


ROOT = Path(__file__).resolve().parents[1]


def count(tree: Path, args: list[str], extra_env: dict[str, str]) -> int:
    # Both trees come first on sys.path the same way, and hashing is fixed: the counts differ
    # only by what the code does.
    # Run from the tree itself: `python -m` puts the working folder first on sys.path, ahead of
    # PYTHONPATH, so run from this repository both counts measured this tree's code.
    env = {**os.environ, **extra_env, "PYTHONPATH": str(tree), "PYTHONHASHSEED": "0"}
    command = [sys.executable, "-m", "ctotui", *args]
    subprocess.run(command, env=env, cwd=tree, capture_output=True, check=False)  # compile the bytecode first
    done = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *command],
        env=env,
        cwd=tree,
        capture_output=True,
        text=True,
        check=False,
    )
    found = re.search(r"Collected : (\d+)", done.stderr)
    if not found:
        raise SystemExit(f"no count for {args}: {done.stderr[-400:]}")
    return int(found.group(1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", required=True, help="the database `list` reads")
    parser.add_argument("--old", type=Path, help="a tree of the code before the change")
    opts = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        out = str(Path(tmp) / "answer")
        cases = [
            ("ctotui --version", ["--version"], {}, True),
            ("ctotui list", ["--db", str(Path(opts.db).resolve()), "list"], {}, True),
            ("fish TAB: " + FISH_LINE.strip(), [], fish_env(out, FISH_LINE), False),
            ("fish TAB: ctotui pl", [], fish_env(out, "ctotui pl"), False),
            ("ctotui completion bash", ["completion", "bash"], {}, False),
        ]
        print(f"{'command':<44} {'old':>14} {'new':>14} {'change':>9}")
        for name, args, env, both in cases:
            new = count(ROOT, args, env)
            old = count(opts.old, args, env) if opts.old and both else None
            change = f"{(new - old) / old:+.2%}" if old else ""
            print(f"{name:<44} {old or '':>14,} {new:>14,} {change:>9}" if old else f"{name:<44} {'':>14} {new:>14,}")


if __name__ == "__main__":
    main()
