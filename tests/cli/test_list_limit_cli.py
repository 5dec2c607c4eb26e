"""`list` and `search` print at most --limit entries (20 unless told); when more match, one line on
stderr says how many (stdout stays one entry a line, or valid JSON), and `--all` prints every one.

A tester's `ctotui list --json | jq length` gave 20 on a journal of 124 entries, with no word anywhere
that there were more."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ctotui.core.db import open_db
from ctotui.core.journal.entries import add_achievement, delete_achievement

MORE = "(--limit N, or --all for every one)"


@pytest.fixture
def journal(db_path):
    """25 entries: the odd ones (13) say "ledger" and carry the tag #odd; the last 4 added are deleted."""
    db = open_db(db_path)
    start = date(2026, 1, 1)
    for n in range(1, 30):
        odd = n % 2 == 1
        add_achievement(
            db,
            title=f"Entry {n}" + (" moved the ledger" if odd else ""),
            occurred_on=start + timedelta(days=n),
            tags=["odd"] if odd else [],
        )
    for gone in range(26, 30):
        delete_achievement(db, gone)
    db.close()


def _ids(stdout: str) -> list[int]:
    return [int(line.split()[0]) for line in stdout.splitlines()]


def test_a_list_cut_at_the_default_limit_says_so_on_stderr(run_cli, journal):
    proc = run_cli("list", check_rc=0, process=True)
    assert _ids(proc.stdout) == list(range(25, 5, -1))
    assert proc.stderr == f"20 of 25 shown {MORE}\n"
    as_json = run_cli("list", "--json", check_rc=0, process=True)
    assert [d["id"] for d in json.loads(as_json.stdout)] == list(range(25, 5, -1))  # stdout stays JSON
    assert as_json.stderr == f"20 of 25 shown {MORE}\n"


def test_all_prints_every_entry_and_nothing_on_stderr(run_cli, journal):
    for args in (["--all"], ["--limit", "25"], ["--limit", "2147483647"]):
        proc = run_cli("list", *args, check_rc=0)
        assert (_ids(proc.stdout), proc.stderr) == (list(range(25, 0, -1)), ""), args
    data = json.loads(run_cli("list", "--all", "--json", check_rc=0).stdout)
    assert len(data) == 25


def test_the_count_is_of_what_the_filters_find(run_cli, journal):
    proc = run_cli("list", "--tag", "odd", "--limit", "5", check_rc=0)
    assert _ids(proc.stdout) == [25, 23, 21, 19, 17] and proc.stderr == f"5 of 13 shown {MORE}\n"
    assert run_cli("list", "--tag", "odd", "--all", check_rc=0).stderr == ""


def test_search_says_how_many_it_found_past_the_limit(run_cli, journal):
    proc = run_cli("search", "ledger", "--limit", "3", check_rc=0)
    assert _ids(proc.stdout) == [25, 23, 21] and proc.stderr == f"3 of 13 shown {MORE}\n"
    as_json = run_cli("search", "ledger", "--limit", "3", "--json", check_rc=0, process=True)
    assert len(json.loads(as_json.stdout)) == 3 and as_json.stderr == f"3 of 13 shown {MORE}\n"
    every = run_cli("search", "ledger", "--all", check_rc=0)
    assert (len(_ids(every.stdout)), every.stderr) == (13, "")
    assert run_cli("search", "ledger", check_rc=0).stderr == ""  # 13 fit in the default 20


def test_the_trash_says_how_many_it_holds_past_the_limit(run_cli, journal):
    proc = run_cli("list", "--trash", "--limit", "2", check_rc=0)
    assert _ids(proc.stdout) == [29, 28]
    assert proc.stderr.splitlines()[0] == f"2 of 4 shown {MORE}"
    as_json = run_cli("list", "--trash", "--limit", "2", "--json", check_rc=0)
    assert len(json.loads(as_json.stdout)) == 2 and as_json.stderr == f"2 of 4 shown {MORE}\n"
    every = run_cli("list", "--trash", "--all", check_rc=0)
    assert _ids(every.stdout) == [29, 28, 27, 26] and MORE not in every.stderr


@pytest.mark.parametrize("command", [["list"], ["search", "ledger"], ["list", "--trash"]], ids=" ".join)
def test_limit_and_all_together_are_refused_in_one_line(run_cli, journal, command):
    proc = run_cli(*command, "--all", "--limit", "3")
    assert (proc.returncode, proc.stdout, proc.stderr.count("\n")) == (2, "", 1), proc.stderr
    assert "not allowed with argument" in proc.stderr


def test_a_bad_limit_names_all(run_cli, journal):
    proc = run_cli("list", "--limit", "0")
    assert (proc.returncode, proc.stdout, proc.stderr.count("\n")) == (2, "", 1)
    assert "bad limit '0'" in proc.stderr and "--all" in proc.stderr


def test_a_new_users_list_with_all_is_still_empty_with_the_hint(run_cli, db_path):
    default = {"CTOTUI_DB": ""}  # the default path, where there is no journal yet
    proc = run_cli("list", "--all", env=default, check_rc=0)
    assert proc.stdout == "" and proc.stderr.startswith("ctotui: no journal yet at ") and proc.stderr.count("\n") == 1
    assert run_cli("search", "x", "--all", "--json", env=default, check_rc=1).stdout == "[]\n"


@settings(max_examples=20)
@given(limit=st.integers(1, 30), tag=st.sampled_from([None, "odd"]))
def test_what_is_printed_and_the_line_on_stderr_add_up_to_what_matches(run_cli, journal, limit, tag):
    args = ["--tag", tag] if tag else []
    total = len(_ids(run_cli("list", "--all", *args, check_rc=0).stdout))
    proc = run_cli("list", "--limit", str(limit), *args, check_rc=0)
    shown = len(_ids(proc.stdout))
    assert shown == min(limit, total)
    assert proc.stderr == (f"{shown} of {total} shown {MORE}\n" if total > limit else "")


def test_a_dashed_word_after_all_is_still_named_as_the_stray_one(run_cli, journal):
    proc = run_cli("search", "--all", "-draft")
    assert proc.returncode == 2 and "-draft is not an option" in proc.stderr, proc.stderr
