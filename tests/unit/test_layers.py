"""The model never imports Textual, and neither do the non-TUI commands (they start fast):
only ctotui.cli.APP_MODULE, which opens the app, does."""

from __future__ import annotations

import ast
import subprocess
import sys
import textwrap

PROBE = textwrap.dedent(
    """
    import contextlib, io, pkgutil, importlib, sys
    import ctotui.core, ctotui.cli
    for pkg in (ctotui.core, ctotui.cli):
        for mod in pkgutil.iter_modules(pkg.__path__):
            name = f"{pkg.__name__}.{mod.name}"
            if name != ctotui.cli.APP_MODULE:  # the one CLI module that opens the app
                importlib.import_module(name)
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
    """Guard against a probe that cannot fail: the module that opens the app does pull Textual in."""
    code = "import sys, importlib, ctotui.cli; importlib.import_module(ctotui.cli.APP_MODULE); print('textual' in sys.modules)"
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.stdout.strip() == "True", proc.stderr


def loaded(imports: str, heavy: tuple[str, ...]) -> list[str]:
    """The modules of ``heavy`` (a package and what is under it) that importing ``imports`` loads,
    in a fresh interpreter."""
    code = (
        f"import sys, {imports}; heavy = {heavy!r}; "
        "print(sorted(m for m in sys.modules if any(m == h or m.startswith(h + '.') for h in heavy)))"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    return ast.literal_eval(proc.stdout.strip())


def test_first_screen_imports_stay_light() -> None:
    """What the app imports before its first paint: no sqlite_utils (~90 ms) and no area
    models (journal, skills, playbook: ~60 ms); they load once the first paint is done."""
    heavy = ("sqlite_utils", "ctotui.core.journal", "ctotui.core.skills", "ctotui.core.playbook")
    assert loaded("ctotui.ui.app, ctotui.ui.home.screen", (*heavy, "ctotui.ui.data_layer", "ctotui.ui.home_data")) == []


def test_what_home_reads_comes_without_sqlite_utils() -> None:
    """ui/home_data.py, what the app imports to read Home before its opener: the area models,
    not sqlite_utils (with click, pluggy and dateutil) nor the rest of the data layer."""
    heavy = (
        "sqlite_utils",
        "click",
        "pluggy",
        "dateutil",
        "ctotui.core.db",
        "ctotui.core.migrations",
        "ctotui.ui.data_layer",
    )
    assert loaded("ctotui.ui.app, ctotui.ui.home.screen, ctotui.ui.home_data", heavy) == []
    assert loaded("ctotui.ui.home_data", ("ctotui.core.coach.actions",)) == ["ctotui.core.coach.actions"]


def test_a_command_loads_only_what_it_runs(tmp_path) -> None:
    """`ctotui add` imports its command module (lazy point 1) and the journal, not the
    other areas' models nor the demo."""
    code = (
        "import sys, contextlib, io; from ctotui.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    assert main(['--db', {str(tmp_path / 'a.db')!r}, 'add', 'Cut deploys from 45 to 7 min']) == 0\n"
        "heavy = ('ctotui.core.skills.stack', 'ctotui.core.drill.bank', 'ctotui.core.timeline.stages', 'ctotui.core.playbook', "
        "'ctotui.core.demo.build', 'ctotui.cli.drill', 'ctotui.cli.general', 'textual')\n"
        "print('ctotui.core.journal.entries' in sys.modules, sorted(m for m in sys.modules if m.startswith(heavy)))"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "True []"
