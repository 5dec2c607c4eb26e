"""README's two commands exist, and CI runs the test command word for word."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def commands() -> list[str]:
    return re.findall(r"```sh\n(.+?)\n```", (ROOT / "README.md").read_text(), flags=re.S)


def test_readme_has_the_open_and_the_test_command() -> None:
    found = commands()
    assert any(c.startswith("python3 -m venv .venv") and c.endswith(".venv/bin/ctotui") for c in found)
    assert any(c.endswith(".venv/bin/pytest") for c in found)


def test_ci_runs_the_readme_test_command_exactly() -> None:
    test_command = next(c for c in commands() if c.endswith(".venv/bin/pytest"))
    ci_lines = (ROOT / ".ci" / "run").read_text().splitlines()
    assert test_command in ci_lines
