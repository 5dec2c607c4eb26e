"""A notice (a toast) shows its words as they are: Textual reads a notice's text as markup unless
it is told ``markup=False``, so a message built from anything but a literal (an error that quotes
what the user typed, a file path, a title) would lose its "[b]" or crash the app on a "[/x]"
(tests/app/test_journal_search.py shows both). The scan below fails on any ``notify(...)`` in the
package whose message is not a string literal and which does not say ``markup=False``; the app's
own ``notify`` (ui/app.py), which passes its caller's choice on, is the one exception."""

from __future__ import annotations

import ast
from pathlib import Path

import ctotui

PACKAGE = Path(ctotui.__file__).parent


def _notices_read_as_markup(tree: ast.AST) -> list[tuple[int, str]]:
    passing_on = {  # the lines of a ``def notify`` body: it hands its own ``markup`` argument on
        line
        for fn in ast.walk(tree)
        if isinstance(fn, ast.FunctionDef) and fn.name == "notify"
        for line in range(fn.lineno, (fn.end_lineno or fn.lineno) + 1)
    }
    found = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "notify"):
            continue
        if not node.args or isinstance(node.args[0], ast.Constant) or node.lineno in passing_on:
            continue
        markup = {k.arg: k.value for k in node.keywords}.get("markup")
        if not (isinstance(markup, ast.Constant) and markup.value is False):
            found.append((node.lineno, ast.unparse(node.args[0])))
    return found


def test_every_notice_built_from_values_is_shown_as_plain_text():
    found = [
        f"{path.relative_to(PACKAGE)}:{line}: notify({text}) reads its text as markup"
        for path in sorted(PACKAGE.rglob("*.py"))
        for line, text in _notices_read_as_markup(ast.parse(path.read_text(encoding="utf-8")))
    ]
    assert found == []


def test_the_scan_finds_a_notice_built_from_an_error():
    tree = ast.parse(
        "def act(self, exc):\n"
        "    self.notify(str(exc))\n"
        "    self.notify(f'Saved {title}', title='Journal')\n"
        "    self.notify('Saved', markup=True)\n"
        "    self.notify(str(exc), markup=False)\n"
    )
    assert [line for line, _ in _notices_read_as_markup(tree)] == [2, 3]
