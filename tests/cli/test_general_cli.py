"""The command line as a user runs it: version, help, info, demo, playbook, bad databases (run_cli runs
most in the test's process, tests/conftest.py says why; the exit status tests run the console script)."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from ctotui import __version__
from ctotui.cli import COMMANDS, command_word
from ctotui.core.db import open_db


def test_version(run_cli) -> None:
    proc = run_cli("--version", check_rc=0, process=True)
    assert proc.stdout.strip() == f"ctotui {__version__}"


def test_python_dash_m(tmp_path) -> None:
    proc = subprocess.run([sys.executable, "-m", "ctotui", "--version"], capture_output=True, text=True, cwd=tmp_path)
    assert proc.returncode == 0 and proc.stdout.startswith("ctotui ")


def test_help_lists_every_subcommand(run_cli) -> None:
    proc = run_cli("--help", check_rc=0)
    assert {"info", "demo", "playbook"} <= set(COMMANDS)
    for name in COMMANDS:
        assert f"\n    {name} " in proc.stdout or f"\n    {name}\n" in proc.stdout, name


def test_info_reports_the_database_from_the_environment(run_cli, db_path: Path) -> None:
    run_cli("demo", check_rc=0)
    proc = run_cli("info", "--json", check_rc=0)
    info = json.loads(proc.stdout)
    assert info["path"] == str(db_path)
    assert info["exists"] is True
    assert info["schema"][0] == "m001_initial"


def test_info_on_a_missing_database_says_so_and_creates_nothing(run_cli, db_path: Path) -> None:
    assert not db_path.parent.exists()
    proc = run_cli("info", check_rc=0)
    assert proc.stdout.startswith("no database yet at ")
    assert str(db_path.name) in proc.stdout
    assert json.loads(run_cli("info", "--json", check_rc=0).stdout) == {"path": str(db_path), "exists": False}
    assert not db_path.exists()
    assert not db_path.parent.exists()  # not even its folder


def test_info_json_gives_the_absolute_path_whether_the_file_exists_or_not(run_cli, tmp_path: Path, monkeypatch) -> None:
    """As the plain output does: a relative --db is not printed as typed."""
    monkeypatch.chdir(tmp_path)
    missing = json.loads(run_cli("--db", "missing1.db", "info", "--json", check_rc=0).stdout)
    assert missing == {"path": str(tmp_path / "missing1.db"), "exists": False}
    run_cli("--db", "there.db", "add", "x", check_rc=0)
    assert json.loads(run_cli("--db", "there.db", "info", "--json", check_rc=0).stdout)["path"] == str(
        tmp_path / "there.db"
    )
    assert not (tmp_path / "missing1.db").exists()


def test_db_option_beats_the_environment(run_cli, tmp_path: Path, db_path: Path) -> None:
    other = tmp_path / "elsewhere.db"
    run_cli("--db", str(other), "demo", check_rc=0)
    proc = run_cli("--db", str(other), "info", "--json", check_rc=0)
    assert json.loads(proc.stdout)["path"] == str(other)
    proc = run_cli("info", "--json", "--db", str(other), check_rc=0)  # after the command too
    assert json.loads(proc.stdout)["path"] == str(other)
    assert not db_path.exists()


@pytest.mark.parametrize(
    "argv", [["--db", "", "add", "x"], ["add", "x", "--db", ""], ["--db", ""], ["--db", "", "list"]]
)
def test_an_empty_db_option_is_refused_and_nothing_is_written(run_cli, tmp_path: Path, db_path: Path, argv) -> None:
    """A script's `--db "$JOURNAL"` with the variable unset: an error, not $CTOTUI_DB or the default journal."""
    home = tmp_path / "home"
    for env in ({}, {"CTOTUI_DB": ""}):  # with $CTOTUI_DB set, and with it empty (the default journal then)
        proc = as_a_shell_runs(run_cli, *argv, env=env)
        assert proc.returncode == 2 and not proc.stdout, (env, proc)
        assert proc.stderr == (
            "ctotui: --db '': give the database file's name, or leave out --db ($CTOTUI_DB or the default)\n"
        )
    assert not db_path.parent.exists()
    assert not (home / ".local").exists()


def test_an_empty_environment_variable_counts_as_unset(run_cli, tmp_path: Path, db_path: Path) -> None:
    default = tmp_path / "home" / ".local" / "share" / "ctotui" / "ctotui.db"
    run_cli("add", "Into the default journal", env={"CTOTUI_DB": ""}, check_rc=0)
    assert default.is_file() and not db_path.exists()
    assert json.loads(run_cli("info", "--json", env={"CTOTUI_DB": ""}, check_rc=0).stdout)["path"] == str(default)


def at_a_terminal(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """The console script with a pseudo-terminal as stdin and stdout (the app needs one), stderr read."""
    pty = pytest.importorskip("pty")
    master, slave = pty.openpty()
    try:
        return subprocess.run(
            [sys.executable, "-m", "ctotui", *args],
            stdin=slave,
            stdout=slave,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, **(env or {})},
            timeout=60,
            check=False,
        )
    finally:
        os.close(slave)
        os.close(master)


def as_a_shell_runs(run_cli, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """The exit status and the lines a shell sees; the app (no command) at a terminal, as it needs one
    (its stdout is the terminal: not read, None)."""
    if command_word(list(args)) == "":
        return at_a_terminal(*args, env=env)
    return run_cli(*args, env=env, process=True)


def test_the_app_without_a_terminal_is_one_line_and_exit_2(run_cli, db_path: Path) -> None:
    """`ctotui </dev/null` (or `drill --mock 30`) started the app anyway: it waited for keys that never
    came and wrote escape codes into the output."""
    for args in ([], ["drill", "--mock", "30"]):
        proc = subprocess.run(
            [sys.executable, "-m", "ctotui", *args],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert (proc.returncode, proc.stdout) == (2, "")
        assert (
            proc.stderr == "ctotui: the app needs a terminal (stdin and stdout); run a command instead: ctotui --help\n"
        )
    assert not db_path.exists()  # refused before anything opened


def test_not_a_database_one_line_exit_2_unchanged(run_cli, tmp_path: Path) -> None:
    bad = tmp_path / "notes.txt"
    bad.write_text("my precious notes\n" * 50)
    before = hashlib.sha256(bad.read_bytes()).hexdigest()
    for args in (["--db", str(bad), "info"], ["--db", str(bad)]):  # a subcommand, and opening the app
        proc = as_a_shell_runs(run_cli, *args)
        assert proc.returncode == 2
        assert not proc.stdout  # None at a terminal: what it showed is not read
        lines = proc.stderr.strip().splitlines()
        assert len(lines) == 1 and str(bad) in lines[0] and "not a SQLite database" in lines[0]
        assert "Traceback" not in proc.stderr
    assert hashlib.sha256(bad.read_bytes()).hexdigest() == before


def test_newer_database_refused(run_cli, db_path: Path) -> None:
    open_db(db_path).close()
    conn = sqlite3.connect(db_path)
    conn.execute("insert into _sqlite_migrations (migration_set, name, applied_at) values ('ctotui', 'm777_x', 'x')")
    conn.commit()
    conn.close()
    proc = run_cli("info")
    assert proc.returncode == 2 and "newer ctotui" in proc.stderr and "Traceback" not in proc.stderr


def test_unwritable_location(run_cli, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    proc = run_cli("--db", str(blocker / "x" / "ctotui.db"), "demo")  # a command that writes
    assert proc.returncode == 2 and "cannot create the data folder" in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1


def test_demo_fills_then_refuses_then_forces(run_cli) -> None:
    first = run_cli("demo", check_rc=0)
    assert "demo data written" in first.stdout
    assert first.stderr == ""  # a new journal: its line says where once, not twice ("started a new journal")
    refused = run_cli("demo")
    assert refused.returncode == 2 and "--force" in refused.stderr
    run_cli("demo", "--force", check_rc=0)
    counts = json.loads(run_cli("info", "--json", check_rc=0).stdout)["counts"]
    assert counts["profile"] > 0


def test_demo_fills_a_database_the_app_has_only_seeded_but_not_one_the_user_wrote_in(run_cli, db_path: Path) -> None:
    open_db(db_path).close()  # as the app's first start leaves it
    # Reading the plan and the questions seeds them from the playbook: not the user's data.
    run_cli("plan", check_rc=0)
    run_cli("questions", check_rc=0)
    seeded = json.loads(run_cli("profile", "--json", check_rc=0).stdout)["plan_started"]
    assert "demo data written" in run_cli("demo", check_rc=0).stdout
    assert json.loads(run_cli("profile", "--json", check_rc=0).stdout)["plan_started"] < seeded  # the demo's stands


@pytest.mark.parametrize(
    "write",
    [
        ("plan", "add", "--horizon", "3-months", "Own the billing service"),
        ("question", "add", "--category", "own-the-stack", "How do you pick a database?"),
        ("profile", "--years", "4"),
    ],
    ids=["plan item", "own question", "profile"],
)
def test_demo_refuses_once_the_user_wrote_anything(run_cli, write) -> None:
    run_cli(*write, check_rc=0)
    refused = run_cli("demo")
    assert refused.returncode == 2 and "--force" in refused.stderr


def test_demo_rejects_negative_count(run_cli) -> None:
    proc = run_cli("demo", "--achievements", "-5")
    assert proc.returncode == 2 and "from 0 to 100,000" in proc.stderr


def test_playbook_sections(run_cli) -> None:
    listing = run_cli("playbook", "--list", check_rc=0).stdout.split()
    assert "role" in listing and "plan" in listing
    text = run_cli("playbook", "mistakes", check_rc=0).stdout
    assert text.startswith("# Mistakes")
    bad = run_cli("playbook", "nope")
    assert bad.returncode == 2 and "valid: role" in bad.stderr
    paths = run_cli("playbook", "paths", check_rc=0).stdout  # each path in one line, as the timeline says it
    assert paths.count("**In short:** it rewards ") == 3 and "its main risk: staying a senior engineer" in paths


def test_playbook_find_lists_the_lines_that_hold_every_word(run_cli) -> None:
    out = run_cli("playbook", "--find", "Due Diligence", check_rc=0).stdout.splitlines()
    assert out and all(
        line.startswith("interview ") and {"due", "diligence"} <= set(line.lower().replace("-", " ").split())
        for line in out
    )
    none = run_cli("playbook", "--find", "zebra crossing")
    assert (
        none.returncode == 1 and none.stdout == "" and none.stderr == "nothing in the playbook holds 'zebra crossing'\n"
    )
    both = run_cli("playbook", "mistakes", "--find", "hero")
    assert both.returncode == 2 and "leave out SECTION and --list" in both.stderr


def test_unknown_command_is_a_usage_error(run_cli) -> None:
    proc = run_cli("frobnicate", process=True)
    assert proc.returncode == 2 and "invalid choice" in proc.stderr


def test_every_command_runs_as_a_process(tmp_path: Path) -> None:
    """The other CLI tests run most commands in the test's process (tests/conftest.py run_cli): here
    each command runs once as the installed console script, all at once: exit 0, its help on stdout,
    nothing on stderr."""
    ctotui = str(Path(sys.executable).with_name("ctotui"))
    procs = {
        name: subprocess.Popen([ctotui, name, "--help"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for name in COMMANDS
    }
    for name, proc in procs.items():
        out, err = proc.communicate(timeout=120)
        assert (proc.returncode, err) == (0, ""), name
        assert out.startswith(f"usage: ctotui {name}"), (name, out[:200])
        # argparse expands "%%" in an option's help, not in a command's description: "by 30%%" was shown
        assert "%%" not in out, (name, out[out.index("%%") - 40 :][:80])


@pytest.mark.parametrize("args", [["playbook"], ["playbook", "--list"], ["export"]], ids=["large", "small", "export"])
def test_broken_pipe_is_quiet(args, db_path: Path) -> None:
    """`ctotui playbook | head -1`: the reader is gone before we write; no traceback.

    Large output fails while writing; small output only when flushed at exit."""
    open_db(db_path).close()  # export reads a database that is there
    proc = subprocess.Popen(
        [str(Path(sys.executable).with_name("ctotui")), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    proc.stdout.close()  # the reader goes away at once: every write hits a closed pipe
    _, err = proc.communicate(timeout=60)
    assert (proc.returncode, err) == (0, b"")  # the README: no message, exit 0


@pytest.mark.parametrize("name", ["notes/", "notes/.", "notes/..", "deep/er/"])
def test_a_db_value_that_names_a_folder_is_refused_and_nothing_is_made(run_cli, tmp_path: Path, name) -> None:
    """`--db notes/` used to make a file called `notes` (Path drops the separator); so did $CTOTUI_DB."""
    value = f"{tmp_path}/{name}"
    for argv, env in ((["--db", value, "list"], {}), (["list"], {"CTOTUI_DB": value})):
        proc = run_cli(*argv, env=env, process=True)
        given = "--db" if argv[0] == "--db" else "$CTOTUI_DB"
        assert proc.returncode == 2 and proc.stdout == "", proc
        assert proc.stderr.startswith(
            f"ctotui: {given} {value}: names a folder; give the database file's name (say "
        ), proc
        assert proc.stderr.count("\n") == 1
    assert not (tmp_path / "notes").exists() and not (tmp_path / "deep").exists()


def test_a_link_to_a_missing_file_is_named_as_such(run_cli, tmp_path: Path) -> None:
    """A link whose target is gone was "the file is read-only"."""
    link = tmp_path / "journal.db"
    link.symlink_to(tmp_path / "gone" / "ctotui.db")
    for argv in (["list"], ["add", "Shipped it"], [], ["info"], ["info", "--json"]):  # info said "no database yet"
        proc = as_a_shell_runs(run_cli, "--db", str(link), *argv)
        assert proc.returncode == 2, proc
        assert (
            proc.stderr
            == f"ctotui: {link}: a link to {tmp_path / 'gone' / 'ctotui.db'}, which does not exist; give the file itself\n"
        )
    assert not (tmp_path / "gone").exists()


@pytest.mark.parametrize(
    ("argv", "env", "path"),
    [
        (["--db", "~nosuchuser-ctotui/x.db", "list"], {}, "~nosuchuser-ctotui/x.db"),
        (["list"], {"CTOTUI_DB": "~nosuchuser-ctotui/x.db"}, "~nosuchuser-ctotui/x.db"),
        (["backup", "~nosuchuser-ctotui/bk"], {}, "~nosuchuser-ctotui/bk"),
        (["sync", "~nosuchuser-ctotui/s"], {}, "~nosuchuser-ctotui/s"),
    ],
)
def test_a_tilde_that_names_no_user_is_one_line(run_cli, argv, env, path) -> None:
    """The shell leaves ~nosuchuser/x.db as typed; Path.expanduser's RuntimeError reached the user as
    "unexpected failure (RuntimeError: Could not determine home directory.); please report it"."""
    run_cli("add", "Shipped it", check_rc=0)  # backup and sync read a journal that is there
    proc = run_cli(*argv, env=env, process=True)
    assert proc.returncode == 2 and proc.stdout == "", proc
    assert proc.stderr == f"ctotui: {path}: ~nosuchuser-ctotui names no home folder here (no such user?)\n", proc
