"""The journal subcommands as a user runs them: stdout, stderr, exit code, and the DB after."""

from __future__ import annotations

import json
import subprocess

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from process_tools import CTOTUI

from ctotui.core.db import open_db
from ctotui.core.journal.entries import (
    JSON_KEYS,
    add_achievement,
    get_achievement,
    journal_counts,
    page_achievements,
)
from ctotui.paths import display_path


def _all(db_path):
    db = open_db(db_path)
    try:
        return page_achievements(db, limit=1000).items
    finally:
        db.close()


def test_add_prints_the_id_alone_and_writes(run_cli, db_path):
    proc = run_cli(
        "add",
        "Cut deploy time from 45 minutes to 7 minutes",
        "--body",
        "Cached **builds**",
        "--date",
        "2026-03-02",
        "--category",
        "savings",
        "--skill",
        "technical-depth",
        "--skill",
        "leadership",
        "--tag",
        "ci",
        "--tag",
        "#Perf",
        check_rc=0,
    )
    # the id alone on stdout; the journal this first entry started, on stderr
    assert proc.stdout == "1\n" and proc.stderr == f"ctotui: started a new journal at {display_path(db_path)}\n"
    db = open_db(db_path)
    a = get_achievement(db, 1)
    db.close()
    assert (a.title, a.body, a.occurred_on.isoformat(), a.category) == (
        "Cut deploy time from 45 minutes to 7 minutes",
        "Cached **builds**",
        "2026-03-02",
        "savings",
    )
    assert a.skills == ("technical-depth", "leadership") and a.tags == ("ci", "perf")
    assert a.badge == "45→7 min −84%"
    second = run_cli("add", "Second", "--db", str(db_path), check_rc=0)
    assert (second.stdout, second.stderr) == ("2\n", "")  # said once: the journal is there now


def test_add_from_stdin(run_cli, db_path):
    proc = run_cli(
        "add",
        "-",
        "--date",
        "yesterday",
        input="Won the Globex deal\n\n$120k ARR, after three calls.\nMore.\n",
        check_rc=0,
    )
    assert proc.stdout.strip().isdigit()
    (a,) = _all(db_path)
    assert a.title == "Won the Globex deal"
    assert a.body == "$120k ARR, after three calls.\nMore."
    assert a.badge == "$120k ARR"


@pytest.mark.parametrize(
    "stdin",
    ["\n\nTitle after blanks\nbody", " \t\r\n\r\nTitle after blanks\r\nbody\r\n", "Title after blanks\nbody"],
)
def test_add_from_stdin_skips_blank_lines_before_the_title(run_cli, db_path, stdin):
    run_cli("add", "-", input=stdin, check_rc=0)
    (a,) = _all(db_path)
    assert (a.title, a.body) == ("Title after blanks", "body")


@settings(max_examples=15)
@given(
    blanks=st.lists(st.text(" \t\r", max_size=3), max_size=3),
    title=st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1, max_size=40).filter(
        lambda t: t.strip() and t.strip() != "-" and not t.startswith("-")
    ),
)
def test_a_title_on_stdin_is_saved_as_the_same_title_given_as_an_argument(run_cli, db_path, db, blanks, title):
    """Whatever blank lines come first, `add -` saves the title `add TITLE` saves (or refuses it alike)."""
    piped = run_cli("add", "-", input="\n".join([*blanks, title, "the body"]))
    argued = run_cli("add", title)
    assert piped.returncode == argued.returncode, (piped.stderr, argued.stderr)
    assert piped.stderr == argued.stderr
    if argued.returncode == 0:
        db = open_db(db_path)
        try:
            assert get_achievement(db, int(piped.stdout)).title == get_achievement(db, int(argued.stdout)).title
        finally:
            db.close()


def test_add_from_stdin_refuses_what_is_not_utf8_as_an_argument_is(db_path):
    """The bytes a terminal not set to UTF-8 sends are refused on stdin in the same words, never replaced."""
    argument = subprocess.run([str(CTOTUI), "add", b"\xff\xfe bad utf8"], capture_output=True, timeout=60)
    assert argument.returncode == 2 and argument.stderr.endswith(
        b": not valid UTF-8 text (is the terminal set to UTF-8?)\n"
    )
    piped = subprocess.run([str(CTOTUI), "add", "-"], input=b"\xff\xfe bad utf8\n", capture_output=True, timeout=60)
    assert (piped.returncode, piped.stdout) == (2, b"")
    assert piped.stderr == b"ctotui: stdin: not valid UTF-8 text (is the terminal set to UTF-8?)\n"
    assert not db_path.exists()  # refused before the database was opened


@pytest.mark.parametrize(
    ("args", "stdin", "message"),
    [
        (["add", ""], None, "title is empty"),
        (["add", "-"], "\n \n\t\n", "no title"),  # blank lines only (before a title they are skipped)
        (["add", "x", "--date", "2026-02-30"], None, "bad date"),
        (["add", "x", "--date", "someday"], None, "YYYY-MM-DD, today, yesterday, a weekday"),
        (["add", "x", "--category", "heroics"], None, "valid: scale, savings, unblocking, customers"),
        (["add", "x", "--skill", "cooking"], None, "valid: technical-depth, product-thinking, leadership"),
        (["add", "t" * 201], None, "keep it to 200"),
        (["add", "-", "--body", "b"], "title\n", "not both"),
    ],
)
def test_add_errors_write_nothing(run_cli, db_path, args, stdin, message):
    proc = run_cli(*args, input=stdin)
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert proc.stderr.count("\n") == 1 and proc.stderr.startswith("ctotui: ") and message in proc.stderr
    assert _all(db_path) == ()


def test_an_empty_date_is_refused_not_taken_for_today(run_cli, db_path):
    """`--date "$DAY"` with DAY unset dated an entry today, and moved an edited one to today."""
    run_cli("add", "Shipped the importer", "--date", "2026-01-05", env={"CTOTUI_NOW": "2026-03-15T10:00:00+00:00"})
    for args in (["add", "x", "--date", ""], ["edit", "1", "--date", " "]):
        proc = run_cli(*args)
        assert proc.returncode == 2 and proc.stdout == ""
        assert proc.stderr.count("\n") == 1 and proc.stderr.startswith("ctotui: --date is empty")
    assert [(a.title, a.occurred_on.isoformat()) for a in _all(db_path)] == [("Shipped the importer", "2026-01-05")]


@pytest.fixture
def three(db_path):
    """Three entries, written through the core (adding through the CLI is tested above)."""
    db = open_db(db_path)
    add_achievement(
        db,
        title="Sharded Postgres: p95 from 900ms to 120ms",
        occurred_on="2026-01-05",
        category="scale",
        skills=["technical-depth"],
        tags=["db"],
        metric="parse",
    )
    add_achievement(db, title="Mentored two engineers into on-call", occurred_on="2026-02-01", skills=["leadership"])
    add_achievement(
        db,
        title="Cut cloud costs by 30%",
        occurred_on="2026-03-01",
        category="savings",
        tags=["db", "cost"],
        metric="parse",
    )
    db.close()


def test_list_text_and_json(run_cli, three):
    text = run_cli("list", check_rc=0).stdout.splitlines()
    assert [line.split()[0] for line in text] == ["3", "2", "1"]
    assert "(add a number?)" in text[1] and "900→120 ms −87%" in text[2] and "[savings]" in text[0]
    data = json.loads(run_cli("list", "--json", check_rc=0).stdout)
    assert [d["id"] for d in data] == [3, 2, 1]
    assert all(tuple(d) == JSON_KEYS for d in data)
    assert (
        data[2]["metric_before"] == 900
        and data[2]["skills"] == ["technical-depth"]
        and data[0]["tags"] == ["cost", "db"]
    )


@pytest.mark.parametrize(
    ("args", "ids"),
    [
        (["--limit", "2"], [3, 2]),
        (["--since", "2026-02-01"], [3, 2]),
        (["--until", "2026-02-01"], [2, 1]),
        (["--since", "2026-01-06", "--until", "2026-02-28"], [2]),
        (["--category", "scale"], [1]),
        (["--skill", "leadership"], [2]),
        (["--tag", "db"], [3, 1]),
        (["--tag", "db", "--category", "savings"], [3]),
        (["--tag", "nothing"], []),
    ],
)
def test_list_filters(run_cli, three, args, ids):
    data = json.loads(run_cli("list", "--json", *args, check_rc=0 if ids else 1).stdout)
    assert [d["id"] for d in data] == ids


def test_a_list_whose_filters_match_nothing_says_so_and_exits_1_as_search(run_cli, three):
    """`list --tag nosuchtag` printed nothing and exited 0, where `search nosuch` says so and exits 1."""
    proc = run_cli("list", "--tag", "nosuchtag", check_rc=1, process=True)
    assert (proc.stdout, proc.stderr) == ("", "no achievement matches tag #nosuchtag\n")
    proc = run_cli("list", "--tag", "nosuchtag", "--json", check_rc=1, process=True)
    assert (proc.stdout, proc.stderr) == ("[]\n", "")
    proc = run_cli("list", "--category", "savings", "--since", "2026-03-01", "--no-number", check_rc=1)
    assert proc.stderr == "no achievement matches category savings · since 2026-03-01 · without a number\n"
    assert run_cli("list", "--tag", "db", check_rc=0).stderr == ""


def test_an_empty_journal_says_how_to_add_the_first_entry_and_exits_0(run_cli, db_path):
    open_db(db_path).close()  # a journal with nothing in it yet
    proc = run_cli("list", check_rc=0, process=True)
    assert (proc.stdout, proc.stderr) == ("", "the journal is empty: `ctotui add TITLE` adds an achievement\n")
    assert (run_cli("list", "--json", check_rc=0).stdout, run_cli("list", "--json").stderr) == ("[]\n", "")
    run_cli("add", "Shipped it", check_rc=0)
    run_cli("delete", "1", check_rc=0)
    proc = run_cli("list", check_rc=0)
    assert proc.stderr == (
        "the journal is empty: `ctotui add TITLE` adds an achievement; 1 in the trash (ctotui list --trash)\n"
    )
    assert run_cli("list", "--skill", "leadership", check_rc=1).stderr == "no achievement matches skill leadership\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["list", "--limit", "0"], "bad limit"),
        (["list", "--limit", "ten"], "bad limit"),
        (["list", "--since", "2026-99-01"], "bad since date"),
        (["list", "--category", "nope"], "valid: scale"),
        (["list", "--skill", "nope"], "valid: technical-depth"),
        (["search", "  "], "no word to look for"),
        (["search", "*"], "no word to look for"),
        (["show", "99"], "no achievement with id 99 (the highest id is 3)"),
        (["show", "abc"], "bad id"),
        (["edit", "99", "--tag", "x"], "no achievement with id 99"),
        (["edit", "1"], "nothing to change"),
        (["edit", "1", "--category", "nope"], "valid: scale"),
        (["edit", "1", ""], "title is empty"),
        (["delete", "99"], "no achievement with id 99"),
        (["undelete", "1"], "is not deleted"),
        (["delete", "x"], "bad id"),
    ],
)
def test_errors_are_one_line_and_change_nothing(run_cli, three, db_path, args, message):
    before = _all(db_path)
    proc = run_cli(*args)
    assert (proc.returncode, proc.stdout) == (2, "")
    assert proc.stderr.count("\n") == 1 and message in proc.stderr, proc.stderr
    assert _all(db_path) == before


def test_search(run_cli, three):
    data = json.loads(run_cli("search", "postgres", "--json", check_rc=0).stdout)
    assert [d["id"] for d in data] == [1]
    assert [d["id"] for d in json.loads(run_cli("search", "postg*", "--json", check_rc=0).stdout)] == [1]
    assert run_cli("search", "postg", "--json", check_rc=1).stdout == "[]\n"  # whole words unless *
    nothing = run_cli("search", "zzz", check_rc=1)
    assert (nothing.stdout, nothing.stderr) == ("", "no achievement matches 'zzz'\n")
    both = run_cli("search", "on", "--limit", "1", check_rc=0).stdout.splitlines()
    assert len(both) == 1 and both[0].startswith("2 ")


def test_entries_without_a_number_are_listed_and_searched(run_cli, three, db_path):
    """Home's "without a number: add one?" count: `list --no-number` and `search no:number` give those entries."""
    db = open_db(db_path)
    bare = journal_counts(db).without_number
    db.close()
    ids = [d["id"] for d in json.loads(run_cli("list", "--no-number", "--json", check_rc=0).stdout)]
    assert ids == [a.id for a in _all(db_path) if not a.has_number] == [2] and len(ids) == bare
    assert [d["id"] for d in json.loads(run_cli("search", "no:number", "--json", check_rc=0).stdout)] == ids
    assert [d["id"] for d in json.loads(run_cli("list", "--has-number", "--json", check_rc=0).stdout)] == [3, 1]
    assert [d["id"] for d in json.loads(run_cli("search", "db", "has:number", "--json", check_rc=0).stdout)] == [3, 1]
    assert run_cli("search", "--", "-has:number", check_rc=0).stdout.startswith("2 ")
    for args in (["list", "--no-number", "--has-number"], ["search", "no:way"]):
        proc = run_cli(*args)
        assert (proc.returncode, proc.stdout, proc.stderr.count("\n")) == (2, "", 1), proc.stderr


def test_show(run_cli, three):
    text = run_cli("show", "1", check_rc=0).stdout
    assert text.startswith("#1  Sharded Postgres") and "900→120 ms −87%" in text and "#db" in text
    data = json.loads(run_cli("show", "1", "--json", check_rc=0).stdout)
    assert isinstance(data, dict) and tuple(data) == (*JSON_KEYS, "evidence_for") and data["id"] == 1
    assert data["evidence_for"] == []  # the stage targets it backs (`ctotui timeline link`)


def test_edit_keeps_the_id(run_cli, three, db_path):
    assert (
        run_cli(
            "edit",
            "2",
            "Mentored three engineers from 0 to 3 on-call shifts",
            "--tag",
            "people",
            "--skill",
            "leadership,communication",
            "--date",
            "2026-02-02",
            check_rc=0,
        ).stdout
        == "2\n"
    )
    data = json.loads(run_cli("show", "2", "--json", check_rc=0).stdout)
    assert data["title"].startswith("Mentored three") and data["tags"] == ["people"]
    assert data["skills"] == ["leadership", "communication"] and data["occurred_on"] == "2026-02-02"
    assert (data["metric_before"], data["metric_after"]) == (0, 3)
    run_cli("edit", "2", "--category", "unblocking", "--tag", "", check_rc=0)
    data = json.loads(run_cli("show", "2", "--json", check_rc=0).stdout)
    assert data["category"] == "unblocking" and data["tags"] == [] and data["title"].startswith("Mentored three")
    run_cli("edit", "2", "-", input="New title\nNew body\n", check_rc=0)
    data = json.loads(run_cli("show", "2", "--json", check_rc=0).stdout)
    # the 0→3 was read from the old title: words with no number take it away (as the app's form does)
    assert (data["title"], data["body"], data["metric_after"]) == ("New title", "New body", None)
    assert len(_all(db_path)) == 3


def test_delete_and_undelete(run_cli, three):
    proc = run_cli("delete", "3", check_rc=0)
    assert "undelete 3" in proc.stdout
    assert [d["id"] for d in json.loads(run_cli("list", "--json", check_rc=0).stdout)] == [2, 1]
    assert json.loads(run_cli("search", "costs", "--json", check_rc=1).stdout) == []
    assert "is deleted" in run_cli("show", "3").stderr
    assert "already deleted" in run_cli("delete", "3").stderr
    assert run_cli("undelete", "3", check_rc=0).stdout.startswith("restored 3")
    assert [d["id"] for d in json.loads(run_cli("search", "costs", "--json", check_rc=0).stdout)] == [3]


def test_list_trash_shows_what_delete_put_there(run_cli, three):
    """The trash could not be seen: undelete needed an id only the delete's own line had said."""
    proc = run_cli("list", "--trash", check_rc=0)
    assert proc.stdout == "" and proc.stderr == "the trash is empty\n"
    run_cli("delete", "1", check_rc=0)
    run_cli("delete", "3", check_rc=0)
    proc = run_cli("list", "--trash", check_rc=0)
    assert [line.split()[0] for line in proc.stdout.splitlines()] == ["3", "1"]  # the latest deleted first
    assert "undelete ID" in proc.stderr
    gone = json.loads(run_cli("list", "--trash", "--json", check_rc=0).stdout)
    assert [d["id"] for d in gone] == [3, 1] and all(d["deleted_at"] for d in gone)
    assert [d["id"] for d in json.loads(run_cli("list", "--json", check_rc=0).stdout)] == [2]
    run_cli("undelete", "3", check_rc=0)
    assert [d["id"] for d in json.loads(run_cli("list", "--trash", "--json", check_rc=0).stdout)] == [1]
    bad = run_cli("list", "--trash", "--tag", "db")
    assert bad.returncode == 2 and "leave out the filters" in bad.stderr


def test_journal_commands_do_not_import_textual(run_cli):
    proc = run_cli("add", "x", env={"PYTHONVERBOSE": "1"}, check_rc=0)
    assert "textual" not in proc.stderr
