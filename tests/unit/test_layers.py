"""The model never imports Textual, and neither do the non-TUI commands (they start fast)."""

from __future__ import annotations

import subprocess
import sys
import textwrap

PROBE = textwrap.dedent(
    """
    import contextlib, io, pkgutil, importlib, sys
    import ctotui.core, ctotui.cli
    for pkg in (ctotui.core, ctotui.cli):
        for mod in pkgutil.iter_modules(pkg.__path__):
            importlib.import_module(f"{pkg.__name__}.{mod.name}")
    from ctotui.cli import main
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        try:
            main(["--version"])
        except SystemExit:
            pass
        for argv in (["info"], ["playbook", "--list"], ["demo"], ["info", "--json"]):
            assert main(argv) == 0, argv
    assert "ctotui" in out.getvalue()
    leaked = sorted(m for m in sys.modules if m == "textual" or m.startswith("textual."))
    print("LEAKED", leaked)
    """
)


def test_core_and_cli_do_not_import_textual() -> None:
    proc = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert "LEAKED []" in proc.stdout, proc.stdout


def test_the_probe_would_notice_textual() -> None:
    """Guard against a probe that cannot fail: importing the UI does pull Textual in."""
    code = "import sys, ctotui.ui.app; print('textual' in sys.modules)"
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.stdout.strip() == "True", proc.stderr


def test_first_screen_imports_stay_light() -> None:
    """What the app imports before its first paint: no sqlite_utils (~90 ms) and no area
    models (journal, skills, playbook: ~60 ms); they load once the database is open."""
    code = (
        "import sys, ctotui.ui.app, ctotui.ui.screens.dashboard; "
        "heavy = ('sqlite_utils', 'ctotui.core.journal', 'ctotui.core.skills', 'ctotui.core.playbook'); "
        "print(sorted(m for m in sys.modules if m.startswith(heavy)))"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[]"


def test_a_command_loads_only_what_it_runs() -> None:
    """Building the parser imports every command module, but not their area models."""
    code = (
        "import sys, ctotui.cli; ctotui.cli.build_parser(); "
        "heavy = ('sqlite_utils', 'ctotui.core.journal', 'ctotui.core.skills', 'ctotui.core.drill', "
        "'ctotui.core.timeline', 'ctotui.core.playbook', 'ctotui.core.demo'); "
        "print(sorted(m for m in sys.modules if m.startswith(heavy) and not "
        "type(sys.modules[m]).__name__ == '_LazyModule'))"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[]"
