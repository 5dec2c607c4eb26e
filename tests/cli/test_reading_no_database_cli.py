"""A command that only reads creates no database: at a mistyped --db or $CTOTUI_DB path it says
there is none (one line, exit 2) instead of making an empty one and answering "nothing found";
an empty (0-byte) file is no database either, and gets no schema written into it. At the default
path (a new user who has not added anything yet) `list` and `search` answer with nothing and a
line on stderr saying how to start, as `show`, `export` and `backup` do (exit 2); the readers that
have something to tell a new user (`next`, `skills`, `timeline`, …) start the journal there, as
the app and `add` do."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

READERS = [
    ("list",),
    ("list", "--trash"),
    ("search", "foo"),
    ("show", "1"),
    ("skills",),
    ("ratings",),
    ("export",),
    ("backup", "copies"),
    ("review",),
    ("review", "--list"),
    ("timeline",),
    ("plan",),
    ("profile",),
    ("people",),
    ("bar",),
    ("next",),
    ("questions",),
    ("sync", "--status"),
]


@pytest.mark.parametrize("command", READERS, ids=" ".join)
def test_a_reader_at_a_missing_path_says_so_and_creates_nothing(run_cli, tmp_path: Path, command) -> None:
    missing = tmp_path / "typo" / "z2.db"
    proc = run_cli("--db", str(missing), *command, check_rc=2)
    assert proc.stderr == f"ctotui: {missing}: no database there (ctotui info shows which file is in use)\n"
    assert proc.stdout == ""
    assert not missing.parent.exists()


def test_a_missing_database_named_by_the_environment_is_refused_too(run_cli, db_path: Path) -> None:
    proc = run_cli("list", check_rc=2, process=True)
    assert "no database there" in proc.stderr and proc.stdout == ""
    assert not db_path.exists()


@pytest.mark.parametrize(
    "command", [("list",), ("search", "foo"), ("show", "1"), ("export",), ("skills",)], ids=" ".join
)
def test_an_empty_file_is_no_database_for_a_reader(run_cli, tmp_path: Path, command) -> None:
    empty = tmp_path / "z.db"
    empty.touch()
    proc = run_cli("--db", str(empty), *command, check_rc=2)
    assert (
        proc.stderr
        == f"ctotui: {empty}: the file is empty, no database in it yet (ctotui info shows which file is in use)\n"
    )
    assert empty.stat().st_size == 0


def test_info_on_an_empty_file_reports_it_and_writes_nothing(run_cli, tmp_path: Path) -> None:
    empty = tmp_path / "z.db"
    empty.touch()
    proc = run_cli("--db", str(empty), "info", check_rc=0)
    assert proc.stdout.startswith(f"no database yet at {empty} (the file is empty): ")
    info = json.loads(run_cli("--db", str(empty), "info", "--json", check_rc=0).stdout)
    assert info == {"path": str(empty), "exists": False, "size_bytes": 0}
    assert empty.stat().st_size == 0


def test_a_new_users_first_list_is_empty_with_a_hint_and_creates_nothing(run_cli, db_path: Path) -> None:
    default = {"CTOTUI_DB": ""}  # set but empty counts as unset: the default path (in the test's home)
    where = run_cli("info", "--json", env=default, check_rc=0)
    path = Path(json.loads(where.stdout)["path"])
    assert path != db_path
    hint = "ctotui: no journal yet at "
    proc = run_cli("list", env=default, check_rc=0, process=True)
    assert proc.stdout == "" and proc.stderr.startswith(hint) and "ctotui add TITLE" in proc.stderr
    assert proc.stderr.count("\n") == 1
    assert run_cli("list", "--json", env=default, check_rc=0).stdout == "[]\n"
    found = run_cli("search", "foo", env=default, check_rc=1)  # nothing matches: exit 1, as always
    assert found.stdout == "" and found.stderr.startswith(hint) and "no achievement matches" not in found.stderr
    assert run_cli("show", "1", env=default, check_rc=2).stderr.startswith(hint)
    for nothing_to_hand in (("export",), ("backup", "copies")):  # a file of nothing: say how to start
        assert run_cli(*nothing_to_hand, env=default, check_rc=2).stderr.startswith(hint)
    assert not path.exists() and not path.parent.exists()
    run_cli("add", "Shipped the first thing", env=default, check_rc=0)  # a command that writes creates it
    assert path.is_file()
    assert "Shipped the first thing" in run_cli("list", env=default, check_rc=0).stdout


@pytest.mark.parametrize("command", [("next",), ("skills",), ("timeline",), ("questions",)], ids=" ".join)
def test_a_new_users_first_look_at_the_coach_and_the_areas_starts_the_journal(run_cli, command) -> None:
    """At the default path, `next` had only "no journal yet" (exit 2) for a new user: the first steps,
    the skill areas, the stages and the question bank are what a new user asks them for."""
    default = {"CTOTUI_DB": ""}
    path = Path(json.loads(run_cli("info", "--json", env=default, check_rc=0).stdout)["path"])
    proc = run_cli(*command, env=default, check_rc=0)
    assert proc.stdout.strip() and "no journal yet" not in proc.stderr
    assert path.is_file()  # started there, as the app and `add` start it
