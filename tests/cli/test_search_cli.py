"""`ctotui search` as a user runs it: engineers' words, tags, fields, and nothing found."""

from __future__ import annotations

import json

import pytest

from ctotui.core.db import open_db
from ctotui.core.journal.entries import add_achievement


@pytest.fixture
def entries(db_path):
    db = open_db(db_path)
    add_achievement(db, title="Took the on-call pager", occurred_on="2026-01-05", tags=["ops"], skills=["leadership"])
    add_achievement(db, title="Turned on the call recorder", occurred_on="2026-01-06", category="customers")
    add_achievement(db, title="Halved time-to-hire for SREs", occurred_on="2026-01-07", skills=["leadership"])
    add_achievement(db, title="Made search faster", occurred_on="2026-01-08", tags=["perf"], category="savings")
    db.close()


def ids(run_cli, *query: str) -> list[int]:
    return [a["id"] for a in json.loads(run_cli("search", "--json", *query, check_rc=0).stdout)]


def test_engineers_words(run_cli, entries):
    assert ids(run_cli, "on-call") == [1]
    assert ids(run_cli, "time-to-hire") == [3]
    assert ids(run_cli, "#perf") == ids(run_cli, "perf") == [4]
    assert ids(run_cli, "skill:leadership") == [3, 1]
    assert ids(run_cli, "skill:lead", "pager") == [1]  # several words are one query
    assert ids(run_cli, "category:savings") == [4]
    assert ids(run_cli, "--", "-pager", "on") == [2]  # after --, a query may start with -
    assert ids(run_cli, "on -pager") == [2]
    text = run_cli("search", "on-call", check_rc=0).stdout
    assert text.startswith("1  2026-01-05  Took the on-call pager") and text.count("\n") == 1


def test_a_tag_folded_and_a_word_in_a_script_without_spaces(run_cli, db_path):
    db = open_db(db_path)
    add_achievement(db, title="Opened the team café", occurred_on="2026-01-05", tags=["café"])
    add_achievement(db, title="漢字テスト", occurred_on="2026-01-06")
    db.close()
    assert ids(run_cli, "#cafe") == ids(run_cli, "#Café") == [1]
    assert ids(run_cli, "漢字") == [2]


def test_sharp_s_is_found_as_ss_in_the_search_and_the_tag_filter(run_cli):
    """`add "Straße fixed"` then `search strasse` (or STRASSE) said "no achievement matches"."""
    run_cli("add", "Straße fixed", "--tag", "Straße", "--date", "2026-01-05", check_rc=0, process=True)
    for query in ("strasse", "STRASSE", "straße", "#strasse"):
        proc = run_cli("search", query, check_rc=0, process=True)
        assert proc.stdout.startswith("1  2026-01-05  Straße fixed"), query
    assert run_cli("list", "--tag", "STRASSE", check_rc=0).stdout.startswith("1  2026-01-05  Straße fixed")
    assert "search index achievements_fts  ok" in run_cli("check", check_rc=0).stdout


def test_nothing_found_is_a_line_on_stderr_and_exit_1(run_cli, entries):
    proc = run_cli("search", "kubernetes", check_rc=1)
    assert (proc.stdout, proc.stderr) == ("", "no achievement matches 'kubernetes'\n")
    proc = run_cli("search", "--json", "kubernetes", check_rc=1)
    assert (proc.stdout, proc.stderr) == ("[]\n", "")


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("skill:charisma", "unknown skill 'charisma' in the search (valid: technical-depth, product-thinking"),
        ("category:fun", "unknown category 'fun' in the search (valid: scale, savings"),
        ("category:s", "category:s could be scale or savings"),
        ("skill:", "no word to look for in 'skill:'"),
        ("- #", "no word to look for"),
    ],
)
def test_unknown_fields_are_one_line_and_exit_2(run_cli, entries, query, message):
    proc = run_cli("search", query)
    assert (proc.returncode, proc.stdout) == (2, "")
    assert proc.stderr.count("\n") == 1 and message in proc.stderr, proc.stderr


@pytest.mark.parametrize(
    ("args", "stray"),
    [
        (["-draft"], "-draft"),
        (["pager", "-x"], "-x"),
        (["--json", "-draft"], "-draft"),
        (["--limit", "5", "-draft"], "-draft"),
    ],
)
def test_a_query_starting_with_a_dash_says_it_goes_after_dashes(run_cli, entries, args, stray):
    proc = run_cli("search", *args, process=args == ["-draft"])
    assert (proc.returncode, proc.stdout) == (2, "")
    assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr, proc.stderr
    assert f"{stray} is not an option" in proc.stderr and f"ctotui search -- {stray}" in proc.stderr, proc.stderr


def test_no_query_and_known_options_keep_their_own_words(run_cli, entries):
    assert "the following arguments are required: QUERY" in run_cli("search", "--json", check_rc=2).stderr
    assert ids(run_cli, "--lim", "1", "on") == [2]  # an option's start is that option, not a stray word
    assert ids(run_cli, "-3") == [4, 3, 2, 1]  # a negative number is a word: it leaves out "3"


def test_list_by_tag_folds_case_and_accents_as_the_search_does(run_cli, db_path):
    """`list --tag cafe` found nothing where `search #cafe` found the entry tagged café."""
    db = open_db(db_path)
    add_achievement(db, title="Opened the team café", occurred_on="2026-01-05", tags=["café"])
    add_achievement(db, title="Ran the cafe crawl", occurred_on="2026-01-06", tags=["cafe-crawl"])
    add_achievement(db, title="Moved to Zurich", occurred_on="2026-01-07", tags=["Zürich"])
    db.close()

    def listed(*args: str) -> list[int]:
        return [a["id"] for a in json.loads(run_cli("list", "--json", *args, check_rc=0).stdout)]

    for spelled in ("cafe", "CAFE", "café", "#Café"):
        assert listed("--tag", spelled) == ids(run_cli, "#cafe") == [1], spelled  # the whole tag: not cafe-crawl
    assert listed("--tag", "zurich") == [3]
