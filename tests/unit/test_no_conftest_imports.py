"""No test imports from a conftest module: Python keeps one module named ``conftest``, so
``from conftest import CTOTUI`` got tests/snapshots/conftest.py in a run of tests/cli with
tests/snapshots, and four files were not collected. Shared helpers live in modules of their own
(tests/process_tools.py, tests/pilot_tools.py ...)."""

from __future__ import annotations

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]


def test_no_test_imports_from_a_conftest() -> None:
    found = []
    for path in sorted(TESTS.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [node.module] if isinstance(node, ast.ImportFrom) else []
            names += [a.name for a in node.names] if isinstance(node, ast.Import) else []
            if any(name and "conftest" in name.split(".") for name in names):  # tests.conftest too
                found.append(f"{path.relative_to(TESTS)}:{node.lineno}")
    assert not found, found
