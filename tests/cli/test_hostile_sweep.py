"""Every subcommand against a table of hostile arguments and hostile databases.

Each run must end with exit 0 or 2 (1 only for `check`, which reports a problem
that way), at most one line on stderr and never a traceback. The subcommands
are enumerated from the modules that register them, so a new command is swept
without touching this file. Runs are in-process (ctotui.cli.main with pytest's
capsys) except the few that need another process (a lock, stdout on /dev/full).
"""

from __future__ import annotations

import argparse
import importlib
import os
import sqlite3
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from ctotui import cli
from ctotui.core.db import open_db
from ctotui.core.journal.entries import add_achievement

CTOTUI = Path(sys.executable).with_name("ctotui")

# Values for every positional argument and every option that takes a value.
HOSTILE = [
    "99999999999999999999",
    "9223372036854775807",
    "-9223372036854775809",
    "-1",
    "0",
    "",
    "9999-12-31",
    "0001-01-01",
    "\x1b]0;owned\x07\x1b[2J\x00",
    "nan",
]


@dataclass
class Command:
    words: tuple[str, ...]
    positionals: int = 0
    options: list[str] = field(default_factory=list)  # options that take a value


class _Node:
    """Stands in for one command's parser: notes its arguments."""

    def __init__(self, command: Command, found: list[Command]) -> None:
        self.command, self.found = command, found

    def add_argument(self, *names: str, **kwargs) -> None:
        if not names[0].startswith("-"):
            self.command.positionals += 1
        elif kwargs.get("action") not in ("store_true", "store_false", "count", "help", "version"):
            self.command.options.append(names[-1] if names[-1].startswith("--") else names[0])

    def add_subparsers(self, **kwargs) -> _Recorder:
        self.found.remove(self.command)  # a group of verbs: the verbs are the commands
        return _Recorder(self.found, self.command.words)

    def __getattr__(self, name: str):
        return lambda *args, **kwargs: self


class _Recorder:
    """Stands in for a subparsers action: records every command registered."""

    def __init__(self, found: list[Command], prefix: tuple[str, ...] = ()) -> None:
        self.found, self.prefix = found, prefix

    def add_parser(self, name: str, **kwargs) -> _Node:
        command = Command((*self.prefix, name))
        self.found.append(command)
        return _Node(command, self.found)


def all_commands() -> list[Command]:
    found: list[Command] = []
    common = argparse.ArgumentParser(add_help=False)
    for name, (module, summary) in cli.COMMANDS.items():
        importlib.import_module(module).register(_Recorder(found), name, summary, common)
    return found


COMMANDS = all_commands()


def test_the_sweep_finds_every_command() -> None:
    names = {" ".join(c.words) for c in COMMANDS}
    assert {"add", "list", "show", "export", "import", "backup", "check", "review"} <= names
    assert len(COMMANDS) >= 30


def argvs(command: Command) -> list[list[str]]:
    """The command with each hostile value in each positional slot, and in each option."""
    words = list(command.words)
    runs = [words + [value] * command.positionals for value in HOSTILE]
    plain = words + ["1"] * command.positionals
    for option in command.options:
        runs += [plain + [option, value] for value in HOSTILE]
    return runs


def run_in_process(argv: list[str], capsys) -> tuple[int, str, str]:
    capsys.readouterr()
    try:
        code = cli.main(argv)
    except SystemExit as exc:  # argparse: --help, or a usage mistake
        code = exc.code if isinstance(exc.code, int) else 2
    out, err = capsys.readouterr()
    return code, out, err


def assert_one_line(argv: list[str], code: int, err: str) -> None:
    # 1 is no error: `check` found a problem, `search` (or `list` with a filter) found nothing (as grep)
    found_nothing = "search" in argv or argv[2:3] == ["list"]
    allowed = {0, 2, 1} if "check" in argv or found_nothing else {0, 2}
    assert code in allowed, (argv, code, err)
    assert "Traceback" not in err, (argv, err)
    assert err.count("\n") <= 1 and "\n" not in err.rstrip("\n"), (argv, err)


@pytest.fixture
def seeded(tmp_path: Path) -> Path:
    path = tmp_path / "sweep.db"
    db = open_db(path)
    add_achievement(db, title="Shipped the billing migration")  # demo then refuses without --force
    db.close()
    return path


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c.words))
def test_hostile_arguments(command: Command, seeded: Path, capsys, monkeypatch) -> None:
    monkeypatch.chdir(seeded.parent)  # export -o, backup DIR and the like land in tmp_path
    for argv in argvs(command):
        full = ["--db", str(seeded), *argv]
        code, _out, err = run_in_process(full, capsys)
        assert_one_line(full, code, err)


def corrupt(path: Path) -> None:
    """Scribble over the last pages (the journal's rows and indexes); the schema stays readable."""
    db = open_db(path)
    for n in range(40):
        add_achievement(db, title=f"Entry {n} " + "x" * 100, body="y" * 2000)
    db.execute("pragma wal_checkpoint(truncate)")
    db.close()
    data = bytearray(path.read_bytes())
    page = 4096
    pages = len(data) // page
    for n in range(pages - 30, pages):
        data[n * page + 8 : n * page + 200] = os.urandom(192)
    path.write_bytes(bytes(data))


def test_every_command_on_a_corrupt_database(tmp_path: Path, capsys, monkeypatch) -> None:
    path = tmp_path / "corrupt.db"
    corrupt(path)
    monkeypatch.chdir(tmp_path)
    for command in COMMANDS:
        argv = ["--db", str(path), *command.words, *["1"] * command.positionals]
        code, _out, err = run_in_process(argv, capsys)
        assert_one_line(argv, code, err)
    for argv in (["search", "Entry"], ["export"], ["export", "--format", "md"], ["list", "--limit", "100"]):
        code, _out, err = run_in_process(["--db", str(path), *argv], capsys)
        assert_one_line(argv, code, err)


def test_every_command_writing_to_dev_full(seeded: Path, tmp_path: Path) -> None:
    """stdout on a full disk: a few commands that print, as separate processes (the
    interpreter's own last flush is part of what is tested)."""
    if not Path("/dev/full").is_char_device():
        pytest.skip("no /dev/full here")
    runs = [["export"], ["export", "--format", "md"], ["list"], ["show", "1"], ["playbook"], ["info", "--json"]]
    procs = []
    for argv in runs:
        with open("/dev/full", "w") as full:
            procs.append(
                (
                    argv,
                    subprocess.Popen(
                        [str(CTOTUI), "--db", str(seeded), *argv], stdout=full, stderr=subprocess.PIPE, text=True
                    ),
                )
            )
    for argv, proc in procs:
        err = proc.communicate(timeout=60)[1]
        assert proc.returncode == 2, (argv, err)
        assert_one_line(argv, proc.returncode, err)
        assert "no space left" in err
    done = subprocess.run(
        [str(CTOTUI), "--db", str(seeded), "export", "-o", "/dev/full"], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 2 and "not a regular file" in done.stderr
    assert_one_line(["export", "-o"], done.returncode, done.stderr)
    assert Path("/dev/full").is_char_device()  # written to, never renamed over


def test_writes_on_a_locked_database_are_one_line(seeded: Path, tmp_path: Path) -> None:
    """Another process holds the write lock past the busy timeout: each writer says so in one line.
    The timeout is cut to 0.5 s ($CTOTUI_BUSY_TIMEOUT_MS): the default 10 s changes no output, and
    the test waited it out (tests/unit/test_storage_faults.py checks the variable is honoured)."""
    env = {**os.environ, "CTOTUI_BUSY_TIMEOUT_MS": "500"}
    export = tmp_path / "e.json"
    subprocess.run([str(CTOTUI), "--db", str(seeded), "export", "-o", str(export)], check=True, timeout=60)
    holder = sqlite3.connect(seeded, isolation_level=None)
    holder.execute("begin immediate")
    try:
        runs = [["add", "Locked out"], ["import", str(export)], ["demo", "--force", "--achievements", "1"]]
        procs = [
            (
                argv,
                subprocess.Popen([str(CTOTUI), "--db", str(seeded), *argv], stderr=subprocess.PIPE, text=True, env=env),
            )
            for argv in runs
        ]
        for argv, proc in procs:
            err = proc.communicate(timeout=120)[1]
            assert proc.returncode == 2, (argv, err)
            assert_one_line(argv, proc.returncode, err)
            # the import among them holds the import marker: the others wait for it, not for a lock
            assert "busy" in err or "locked" in err or "waiting for the import" in err, err
    finally:
        holder.execute("rollback")
        holder.close()


def test_commands_that_only_read_work_while_another_process_holds_the_write_lock(seeded: Path, tmp_path: Path) -> None:
    """As `list` and `export` do, `drill`, `drill --progress`, `sync --status` and `import --dry-run`
    read past another writer's lock (WAL). Were one of them to wait for the lock it would fail
    after 0.5 s ($CTOTUI_BUSY_TIMEOUT_MS) instead of the default 10 s."""
    env = {**os.environ, "CTOTUI_BUSY_TIMEOUT_MS": "500"}
    export = tmp_path / "e.json"
    subprocess.run([str(CTOTUI), "--db", str(seeded), "export", "-o", str(export)], check=True, timeout=60)
    # the drill's first use seeds its question bank (a write, as `questions` does): done before the lock
    subprocess.run([str(CTOTUI), "--db", str(seeded), "questions"], check=True, capture_output=True, timeout=60)
    holder = sqlite3.connect(seeded, isolation_level=None)
    holder.execute("begin exclusive")
    try:
        runs = [
            ["list"],
            ["export", "-o", str(tmp_path / "again.json")],
            ["drill"],
            ["drill", "--progress"],
            ["sync", "--status"],
            ["import", str(export), "--dry-run"],
        ]
        for argv in runs:
            done = subprocess.run(
                [str(CTOTUI), "--db", str(seeded), *argv], capture_output=True, text=True, env=env, timeout=60
            )
            assert done.returncode == 0 and done.stderr == "", (argv, done.stderr)
            assert done.stdout.strip(), argv
            if argv == ["sync", "--status"]:  # never synced: its id is made by its first sync, not here
                assert "this device (no id until its first sync): 0 records sent" in done.stdout
        assert "dry run: nothing was written" in done.stdout
        holder.execute("rollback")
        assert holder.execute("select count(*) from _sync_state where key = 'device'").fetchone() == (0,)
    finally:
        if holder.in_transaction:
            holder.execute("rollback")
        holder.close()


def test_writes_on_a_read_only_database_are_one_line(seeded: Path, capsys) -> None:
    if os.geteuid() == 0:
        pytest.skip("root writes read-only files")
    seeded.chmod(0o400)
    seeded.parent.chmod(0o500)
    try:
        for argv in (["add", "Read only"], ["import", "/dev/null"], ["check", "--repair"], ["backup"]):
            full = ["--db", str(seeded), *argv]
            code, _out, err = run_in_process(full, capsys)
            assert code == 2
            assert_one_line(full, code, err)
    finally:
        seeded.parent.chmod(0o700)
