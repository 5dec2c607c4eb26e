"""Plain imports: a module's project imports are at its top, where a reader sees them.

ctotui defers loading a module in exactly two documented places, both through
importlib rather than an import statement in a function:
1. the CLI's dispatch table (ctotui/cli/__init__.py, `# Lazy point 1:`);
2. the UI's area registry (ctotui/ui/areas.py, `# Lazy point 2:`).
The AST scan below fails on any `import ctotui...` / `from ctotui... import`
inside a function (TYPE_CHECKING blocks are fine: they never run).
"""

from __future__ import annotations

import ast
from pathlib import Path

import ctotui

PACKAGE = Path(ctotui.__file__).parent

# Function-level imports still to remove, as (file, function); the set may only shrink.
# (core/db.py's opener imported the schema steps inside its functions; the opener now
# lives alone in core/db.py with them at its top, and what needs only the file's rules
# imports core/dbfile.py: nothing is left here.)
NOT_YET: set[tuple[str, str]] = set()


def _type_checking(node: ast.AST) -> bool:
    test = getattr(node, "test", None)
    return isinstance(node, ast.If) and (
        (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING")
        or (isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")
    )


def _is_project(node: ast.Import | ast.ImportFrom) -> bool:
    if isinstance(node, ast.ImportFrom):
        return node.level > 0 or (node.module or "").split(".")[0] == "ctotui"
    return any(alias.name.split(".")[0] == "ctotui" for alias in node.names)


def function_imports(source: str) -> list[tuple[str, int]]:
    """(enclosing function, line) of each project import inside a function."""
    found: list[tuple[str, int]] = []

    def walk(node: ast.AST, function: str | None) -> None:
        for child in ast.iter_child_nodes(node):
            if _type_checking(child):
                continue
            if isinstance(child, (ast.Import, ast.ImportFrom)) and function and _is_project(child):
                found.append((function, child.lineno))
            inner = child.name if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)) else function
            walk(child, inner)

    walk(ast.parse(source), None)
    return found


def test_project_imports_are_at_the_top_of_each_module() -> None:
    offending, seen = [], set()
    for path in sorted(PACKAGE.rglob("*.py")):
        name = path.relative_to(PACKAGE).as_posix()
        for function, line in function_imports(path.read_text(encoding="utf-8")):
            if (name, function) in NOT_YET:
                seen.add((name, function))
            else:
                offending.append(f"ctotui/{name}:{line} in {function}()")
    assert not offending, "import at the top of the module (or through a lazy point):\n" + "\n".join(offending)
    assert seen == NOT_YET, f"done: remove from NOT_YET: {sorted(NOT_YET - seen)}"


def test_the_scan_finds_a_function_level_import_and_skips_type_checking() -> None:
    source = (
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n"
        "    from ctotui.core.journal.entries import Achievement\n"
        "def f():\n"
        "    import json\n"
        "    from ctotui.core import drill\n"
        "class C:\n"
        "    def m(self):\n"
        "        if True:\n"
        "            import ctotui.core.review.weekly\n"
        "    def n(self):\n"
        "        from . import sibling\n"
    )
    assert function_imports(source) == [("f", 6), ("m", 10), ("n", 12)]


def test_the_two_lazy_points_are_documented_where_they_are() -> None:
    cli = (PACKAGE / "cli" / "__init__.py").read_text(encoding="utf-8")
    areas = (PACKAGE / "ui" / "areas.py").read_text(encoding="utf-8")
    assert "# Lazy point 1:" in cli and "importlib.import_module" in cli
    assert "# Lazy point 2:" in areas and "importlib.import_module" in areas
    elsewhere = [
        path.relative_to(PACKAGE).as_posix()
        for path in PACKAGE.rglob("*.py")
        if "import_module(" in path.read_text(encoding="utf-8") or "LazyLoader" in path.read_text(encoding="utf-8")
    ]
    assert sorted(elsewhere) == ["cli/__init__.py", "ui/areas.py"]
