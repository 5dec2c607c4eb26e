"""No private names of other projects, and no process-wide patching, in the package or the tests.

Textual, Rich, sqlite-utils, argparse and the standard library keep the right to change anything
whose name starts with an underscore in any release: code that reads or overrides such a name
breaks silently on an upgrade. So the sources (read as Python syntax trees: comments and strings
do not count) must not

- import an underscore module or name from another project (``from textual._context import ...``);
- read an underscore attribute through a name imported from another project
  (``argparse._SubParsersAction``, ``Migrations._Migration``);
- read or call an underscore attribute that another project defines and this one does not
  (``app._notifications``, ``screen._compositor``, ``super()._on_resize()``, ``MIGRATIONS._migrations``),
  also through ``getattr(x, "_name")``;
- override Textual's private handlers (a method named ``_on_...`` that Textual defines);
- assign to an attribute of another project's module or object (``re.compile = ...``), or set one
  with ``setattr``/``monkeypatch.setattr``;
- monkeypatch anything, the project's own code included (``monkeypatch.setattr``, ``delattr``,
  ``setitem``, ``delitem``): a test sets a public knob (a parameter, an attribute of the object
  under test) or the environment (``monkeypatch.setenv``) instead.

The names other projects define privately are read from their installed sources, so a new one
is caught without listing it here; a few are listed by hand as well, in case a release renames
them. Names the project defines itself (``self._db``) are its own business.
"""

from __future__ import annotations

import argparse
import ast
import importlib.util
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCANNED = ("ctotui", "tests")
OTHERS = ("textual", "rich", "sqlite_utils")  # their sources tell which private names they define
KNOWN = {
    "_css_update_count",
    "_notifications",
    "_compositor",
    "_index_to_line",
    "_heights",
    "_migrations",
    "_Migration",
    "_SubParsersAction",
    "_actions",
    "_on_resize",
    "_on_focus",
}
# Public despite the underscore: namedtuple's documented API (the underscore keeps it apart from fields).
PUBLIC = {"_replace", "_asdict", "_fields", "_field_defaults", "_make"}
# Nothing is left out of the scan (the CLI's argparse privates went with the dispatch table).
EXCLUDED: tuple[str, ...] = ()

_DEFINED = (
    re.compile(r"^\s*(?:async\s+)?def\s+(_[A-Za-z]\w*)", re.MULTILINE),  # methods and functions
    re.compile(r"\.(_[A-Za-z]\w*)\s*(?::[^=\n]*)?=(?!=)"),  # self._x = ... / self._x: T = ...
    re.compile(r"^\s*(_[A-Za-z]\w*)\s*(?::[^=\n]*)?=(?!=)", re.MULTILINE),  # class and module names
    re.compile(r"^\s*class\s+(_[A-Za-z]\w*)", re.MULTILINE),
)


def _private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def defined_names(text: str) -> set[str]:
    """Underscore names that source text defines (functions, methods, attributes, classes)."""
    return {m for pattern in _DEFINED for m in pattern.findall(text)}


@cache
def others_private_names() -> frozenset[str]:
    """Underscore names defined in the installed sources of Textual, Rich, sqlite-utils and argparse."""
    names = set(KNOWN)
    files = [Path(argparse.__file__)]
    for package in OTHERS:
        spec = importlib.util.find_spec(package)
        assert spec is not None and spec.submodule_search_locations, package
        for folder in spec.submodule_search_locations:
            files += Path(folder).rglob("*.py")
    for file in files:
        names |= defined_names(file.read_text(encoding="utf-8"))
    return frozenset(names - PUBLIC)


def source_files() -> list[Path]:
    return sorted(p for top in SCANNED for p in (ROOT / top).rglob("*.py") if not _excluded(p))


def _excluded(path: Path) -> bool:
    rel = path.relative_to(ROOT).as_posix()
    return rel.startswith(EXCLUDED)


@cache
def project_modules() -> frozenset[str]:
    """Top-level names of the project's own modules: the package, and the tests' helper modules."""
    return frozenset({"ctotui", *(p.stem for p in (ROOT / "tests").rglob("*.py"))})


def project_private_names(trees: Iterable[ast.AST]) -> frozenset[str]:
    """Underscore names the project defines (read from syntax trees: names in strings do not count)."""
    return frozenset(set().union(*(defined_in(tree) for tree in trees)))


def parsed(path: Path) -> ast.Module:
    """Not cached: the trees of every source file are ~700,000 objects, which a cache kept alive
    for the rest of the worker's run, walked again by each full collection of the cyclic collector."""
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def defined_in(tree: ast.AST) -> set[str]:
    """Underscore names a syntax tree defines: functions, classes, assigned attributes and names."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.add(node.name)
        elif isinstance(node, ast.Attribute | ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.attr if isinstance(node, ast.Attribute) else node.id)
    return {n for n in names if _private(n)}


@dataclass(frozen=True)
class Finding:
    where: str
    line: int
    what: str

    def __str__(self) -> str:
        return f"{self.where}:{self.line}: {self.what}"


def scan(
    source: str | ast.Module, where: str = "<string>", own: frozenset[str] | set[str] = frozenset()
) -> list[Finding]:
    """The uses of other projects' private names and the process-wide patches in ``source``
    (text, or its syntax tree).

    ``own``: underscore names the project defines itself (not reported when read through
    an object of unknown origin)."""
    tree = ast.parse(source, filename=where) if isinstance(source, str) else source
    foreign: set[str] = set()  # local names bound to another project's module or object
    found: list[Finding] = []

    def report(node: ast.AST, what: str) -> None:
        found.append(Finding(where, getattr(node, "lineno", 0), what))

    def is_other(module: str | None) -> bool:
        return bool(module) and module.split(".")[0] not in project_modules()

    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if is_other(alias.name):
                    foreign.add(alias.asname or alias.name.split(".")[0])
                    if any(_private(part) for part in alias.name.split(".")):
                        report(node, f"imports the private module {alias.name}")
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and is_other(node.module):
            if any(_private(part) for part in (node.module or "").split(".")):
                report(node, f"imports from the private module {node.module}")
            for alias in node.names:
                foreign.add(alias.asname or alias.name)
                if _private(alias.name):
                    report(node, f"imports the private name {alias.name} from {node.module}")

    private_elsewhere = others_private_names() - set(own)

    def root_name(node: ast.AST) -> str | None:
        while isinstance(node, ast.Attribute):
            node = node.value
        return node.id if isinstance(node, ast.Name) else None

    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and _private(node.attr) and node.attr not in PUBLIC:
            if root_name(node.value) in foreign:
                report(node, f"reads {node.attr} of {root_name(node.value)}, another project's")
            elif node.attr in private_elsewhere:
                report(node, f"reads {node.attr}, a private name of another project")
        if isinstance(node, ast.Call) and _is_getattr(node) and len(node.args) >= 2:
            name = node.args[1]
            if isinstance(name, ast.Constant) and isinstance(name.value, str) and name.value in private_elsewhere:
                report(node, f"reads {name.value} through getattr, a private name of another project")
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name.startswith("_on_"):
            if node.name in others_private_names():
                report(node, f"overrides {node.name}, a private handler of Textual")
        if isinstance(node, ast.Assign | ast.AugAssign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                if isinstance(target, ast.Attribute) and root_name(target) in foreign:
                    report(node, f"assigns to {ast.unparse(target)}, another project's (a process-wide patch)")
        if isinstance(node, ast.Call) and _is_setattr(node) and node.args:
            if root_name(node.args[0]) in foreign:
                report(node, f"patches {ast.unparse(node.args[0])}, another project's (a process-wide patch)")
        if isinstance(node, ast.Call) and _is_monkeypatch(node):
            report(node, f"monkeypatches with {ast.unparse(node.func)} (set a public knob instead)")
    return found


MONKEYPATCHING = {"setattr", "delattr", "setitem", "delitem"}


def _is_monkeypatch(call: ast.Call) -> bool:
    """``monkeypatch.setattr(...)``, and the same through any other name (``with
    monkeypatch.context() as patch: patch.setattr(...)``, ``MonkeyPatch().setattr``): a
    method of that name on anything. (The builtin ``setattr(obj, ...)`` is a plain call.)"""
    func = call.func
    return isinstance(func, ast.Attribute) and func.attr in MONKEYPATCHING


def _is_getattr(call: ast.Call) -> bool:
    return isinstance(call.func, ast.Name) and call.func.id in {"getattr", "hasattr"}


def _is_setattr(call: ast.Call) -> bool:
    func = call.func
    return (isinstance(func, ast.Name) and func.id == "setattr") or (
        isinstance(func, ast.Attribute) and func.attr == "setattr"
    )


def test_the_package_and_the_tests_use_no_private_names_of_other_projects() -> None:
    trees = {path: parsed(path) for path in source_files()}
    own = project_private_names(trees.values())
    found = [finding for path, tree in trees.items() for finding in scan(tree, path.relative_to(ROOT).as_posix(), own)]
    assert not found, "\n".join(map(str, found))


def test_the_scan_reads_every_source_file() -> None:
    files = {p.relative_to(ROOT).as_posix() for p in source_files()}
    assert "ctotui/ui/app.py" in files and "tests/pilot_tools.py" in files
    assert Path(__file__).resolve().relative_to(ROOT).as_posix() in files
    assert len(files) > 100
    assert sys.stdlib_module_names  # stdlib modules count as another project's (not in project_modules)
    assert "re" not in project_modules() and "textual" not in project_modules()


PLANTED = {
    "private module": "from textual._context import active_app\n",
    "private module, plain import": "import textual._context\n",
    "private name": "from argparse import _SubParsersAction\n",
    "attribute of an imported module": "import argparse\ndef f(sub: argparse._SubParsersAction): ...\n",
    "attribute of an imported class": "from sqlite_utils.migrations import Migrations\nM = Migrations._Migration\n",
    "framework state on an object": "def f(app):\n    return app._notifications\n",
    "the compositor": "def f(screen):\n    return screen._compositor.render_strips()\n",
    "the app's css count": "def f(self, app):\n    self._css_update_count = app._css_update_count\n",
    "the migrations list": "def f(m):\n    m.MIGRATIONS._migrations.pop()\n",
    "getattr": "def f(w):\n    return getattr(w, '_index_to_line')\n",
    "a private handler override": (
        "from textual.widgets import OptionList\n"
        "class L(OptionList):\n    def _on_resize(self):\n        super()._on_resize()\n"
    ),
    "re.compile replaced": "import re\nre.compile = lambda *a: None\n",
    "a stdlib function replaced": "import os.path\nos.path.exists = lambda p: True\n",
    "setattr on a module": "import re\nsetattr(re, 'compile', None)\n",
    "monkeypatch on a module": "import time\ndef test(monkeypatch):\n    monkeypatch.setattr(time, 'time', lambda: 0)\n",
    "monkeypatch on the project's own code": (
        "from ctotui.ui import drafts\ndef test(monkeypatch):\n    monkeypatch.setattr(drafts, 'RETRY_EVERY', 0.2)\n"
    ),
    "monkeypatch on a dict": "import os\ndef test(monkeypatch):\n    monkeypatch.setitem(os.environ, 'A', '1')\n",
    "monkeypatch through its context": (
        "from ctotui.core.data import import_merge\n"
        "def test(monkeypatch):\n"
        "    with monkeypatch.context() as patch:\n"
        "        patch.setattr(import_merge, 'merge', None)\n"
    ),
}


@pytest.mark.parametrize("source", PLANTED.values(), ids=PLANTED.keys())
def test_a_planted_use_is_found(source: str) -> None:
    assert scan(source), source


CLEAN = """
from __future__ import annotations
import re
from textual.widgets import OptionList
from ctotui.core import migrations

class L(OptionList):
    def __init__(self):
        super().__init__()
        self._mine = 1                      # the project's own private state
    def on_resize(self) -> None:            # a public handler
        self.scroll_to_highlight()
    def _on_something_of_ours(self): ...    # a handler name Textual does not define

PATTERN = re.compile("x")                   # calling re.compile is fine; replacing it is not
TEXT = "app._notifications, textual._context"  # strings are not code
migrations._in_use                          # the project's own private names

def test(monkeypatch):
    monkeypatch.setenv("CTOTUI_BUSY_TIMEOUT_MS", "50")  # the environment, not the code
"""


def test_clean_code_passes() -> None:
    assert scan(CLEAN, own={"_mine", "_in_use"}) == []
