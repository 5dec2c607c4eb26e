"""The CLI's dispatch table (lazy point 1): --help lists every command without
importing a command module; a command imports only its own module, whose parser
gives that command's full help."""

from __future__ import annotations

import argparse
import importlib
import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from ctotui import cli
from ctotui.cli import COMMANDS, build_parser, command_word, main, parser_for
from ctotui.core.db import open_db
from ctotui.core.dbread import SCHEMA_STEPS
from ctotui.core.journal.entries import add_achievement

COMMAND_MODULES = sorted({module for module, _ in COMMANDS.values()})


def _modules_after(argv: list[str]) -> set[str]:
    """The ctotui.cli modules loaded after main(argv) ran in a fresh interpreter."""
    code = textwrap.dedent(
        f"""
        import contextlib, io, json, sys
        from ctotui.cli import main
        with contextlib.redirect_stdout(io.StringIO()):
            try:
                main({argv!r})
            except SystemExit:
                pass
        print(json.dumps(sorted(m for m in sys.modules if m.startswith("ctotui.cli."))))
        """
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    return set(json.loads(proc.stdout.strip().splitlines()[-1]))


def test_help_lists_every_command_with_its_summary(capsys) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["--help"])
    assert stop.value.code == 0
    out = " ".join(capsys.readouterr().out.split())  # argparse wraps long summaries
    for name, (_, summary) in COMMANDS.items():
        assert f" {name} {summary}" in out, name


def test_help_imports_no_command_module() -> None:
    loaded = _modules_after(["--help"])
    assert not loaded & {*COMMAND_MODULES, cli.APP_MODULE}, loaded


def test_a_command_imports_its_own_module_only(tmp_path: Path) -> None:
    loaded = _modules_after(["--db", str(tmp_path / "a.db"), "add", "Cut the deploy time from 45 to 7 min"])
    assert "ctotui.cli.journal" in loaded
    assert not loaded & (set(COMMAND_MODULES) - {"ctotui.cli.journal"}), loaded
    assert cli.APP_MODULE not in loaded  # nor Textual's door


def test_no_command_builds_no_command_parser_and_opens_the_app() -> None:
    args = parser_for(["--db", "x.db"]).parse_args(["--db", "x.db"])
    assert args.command is None and args.db == "x.db"


@pytest.mark.parametrize("name", list(COMMANDS))
def test_each_command_shows_its_full_help(name: str, capsys) -> None:
    with pytest.raises(SystemExit) as stop:
        main([name, "--help"])
    assert stop.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith(f"usage: ctotui {name} ")
    assert "--db PATH" in out  # the common options are there: the command's own parser, not the listing's


@pytest.mark.parametrize("name", list(COMMANDS))
def test_every_command_parses_with_the_full_parser_too(name: str) -> None:
    """build_parser() (tests, shell completion) holds every command's real parser."""
    with pytest.raises(SystemExit) as stop:
        build_parser().parse_args([name, "--db", "x.db", "--help"])
    assert stop.value.code == 0


def test_each_module_knows_only_its_own_commands() -> None:
    for module in COMMAND_MODULES:
        parser = argparse.ArgumentParser()
        with pytest.raises(ValueError, match="not a command"):
            importlib.import_module(module).register(parser.add_subparsers(), "nonsense", "", parser)


@pytest.mark.parametrize(
    ("argv", "command"),
    [
        ([], ""),
        (["--db", "x.db"], ""),
        (["--db=x.db"], ""),
        (["--version"], ""),
        (["search", "kafka"], "search"),
        (["--db", "search", "list"], "list"),  # the value of --db is not the command
        (["--db=x.db", "add", "-"], "add"),
        (["question", "show", "3"], "question"),
        (["--help"], None),  # help lists every command
        (["-h", "search"], None),
        (["search", "--help"], "search"),
        (["nonsense"], "nonsense"),
    ],
)
def test_the_command_is_found_in_argv(argv: list[str], command: str | None) -> None:
    assert command_word(argv) == command


def test_an_unknown_command_is_one_line_listing_every_command(capsys) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["nonsense"])
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "invalid choice: 'nonsense'" in err
    assert all(f"'{name}'" in err for name in COMMANDS)


def test_a_known_command_given_wrong_arguments_is_its_own_error(capsys) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["search"])
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("ctotui search: ") and "QUERY" in err


def _reading_run(path: Path, *argv: str) -> tuple[int, str, bool]:
    """(exit code, stdout, whether sqlite_utils was imported) of ``ctotui --db path argv`` in a fresh interpreter."""
    code = textwrap.dedent(
        f"""
        import contextlib, io, json, sys
        from ctotui.cli import main
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            rc = main(["--db", {str(path)!r}, *{list(argv)!r}])
        print(json.dumps([rc, out.getvalue(), "sqlite_utils" in sys.modules]))
        """
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    rc, out, loaded = json.loads(proc.stdout.splitlines()[-1])
    return rc, out, loaded


def test_a_reading_command_on_a_current_file_skips_sqlite_utils_and_one_behind_is_migrated(tmp_path: Path) -> None:
    path = tmp_path / "j.db"
    db = open_db(path)
    add_achievement(db, title="Took the on-call pager", occurred_on="2026-01-05")
    db.close()
    assert _reading_run(path, "search", "on-call") == (
        0,
        "1  2026-01-05  Took the on-call pager  (add a number?)\n",
        False,
    )
    assert _reading_run(path, "show", "1")[::2] == (0, False)
    # one step behind (as after an upgrade): the full opener migrates it, then the same answer
    db = open_db(path)
    db.execute("delete from _sqlite_migrations where name = ?", [SCHEMA_STEPS[-1]])
    db.close()
    rc, out, loaded = _reading_run(path, "list")
    assert (rc, loaded) == (0, True) and "Took the on-call pager" in out
    assert _reading_run(path, "list")[::2] == (0, False)  # current again
    # no file yet: refused before either opener runs, and none is made (a command that only reads creates nothing)
    assert _reading_run(tmp_path / "new.db", "list") == (2, "", False)
    assert not (tmp_path / "new.db").exists()
