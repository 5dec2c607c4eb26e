"""The brag document made from demo data with a frozen clock, compared with tests/data/brag_golden.md.

A deliberate change to the document (or to the demo data) changes the file: regenerate it with

    CTOTUI_UPDATE_GOLDEN=1 .venv/bin/pytest -n 0 tests/cli/test_brag_golden.py

then read `git diff tests/data/brag_golden.md` before committing it.
"""

from __future__ import annotations

import os
from pathlib import Path

GOLDEN = Path(__file__).parent.parent / "data" / "brag_golden.md"
NOW = {"CTOTUI_NOW": "2026-11-27T12:00:00+00:00", "TZ": "UTC"}


def test_the_brag_document_of_the_demo_matches_the_golden_file(run_cli):
    run_cli("demo", "--achievements", "40", env=NOW, check_rc=0)
    run_cli("profile", "--name", "Alex Rivera", env=NOW, check_rc=0)
    made = run_cli("export", "--format", "md", env=NOW, check_rc=0).stdout
    if os.environ.get("CTOTUI_UPDATE_GOLDEN"):
        GOLDEN.write_text(made, encoding="utf-8", newline="\n")
    assert made == GOLDEN.read_text(encoding="utf-8"), "regenerate: see this module's docstring"
    assert made.startswith("# Brag document: Alex Rivera · Senior Engineer\n")
    headings = [line for line in made.splitlines() if line.startswith("## ")]
    assert headings == ["## Summary", "## Strongest numbers", "## Achievements by category"]
    assert "  Evidence: <https://git.example.com/platform/pull/1063>" in made  # entry 9's link
