"""`ctotui people / person / talk / bar` run as a user runs them: output, exit codes, the
database after; every error one line on stderr, exit 2, nothing written."""

from __future__ import annotations

import json

import pytest

from ctotui.core.db import open_db

NOW = {"CTOTUI_NOW": "2026-06-15T10:00:00+00:00"}


def count(db_path, table: str) -> int:
    db = open_db(db_path)
    try:
        return db.execute(f"select count(*) from {table}").fetchone()[0]
    finally:
        db.close()


def fails(proc, *words: str) -> None:
    assert proc.returncode == 2, (proc.stdout, proc.stderr)
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in proc.stderr, proc.stderr
    for word in words:
        assert word in lines[0], lines[0]


def test_people_talk_and_the_bar_end_to_end(run_cli, db_path):
    run_cli("person", "add", "Dana", "Okafor", "--relation", "manager", "--where", "Lumen", check_rc=0, env=NOW)
    run_cli("person", "add", "Jun Watanabe", "--relation", "reference", check_rc=0, env=NOW)
    out = run_cli("talk", "dana", "--asked", "What would it take in 12-18 months?", "--heard", "Five things",
                  "--follow-up", "in 2 weeks", "--json", check_rc=0, env=NOW).stdout  # fmt: skip
    talk = json.loads(out)
    assert (talk["person"], talk["on"], talk["follow_up"]) == ("Dana Okafor", "2026-06-15", "2026-06-29")
    listed = json.loads(run_cli("people", "--json", check_rc=0, env=NOW).stdout)
    assert [(p["name"], p["relation"], p["follow_up"]) for p in listed] == [
        ("Dana Okafor", "manager", "2026-06-29"),
        ("Jun Watanabe", "reference", None),
    ]
    shown = run_cli("bar", "set", "--with", "Dana", "--role", "VP Engineering", "Lead a cross-team project",
                    "Own a budget", "Hire two engineers", check_rc=0, env=NOW).stdout  # fmt: skip
    assert "deadline 2027-12-15" in shown and "0 of 3 criteria met" in shown
    run_cli("add", "Shipped the billing migration", check_rc=0, env=NOW)
    run_cli("bar", "tick", "1", check_rc=0, env=NOW)
    run_cli("bar", "link", "1", "1", check_rc=0, env=NOW)
    run_cli("person", "vouch", "jun", "1", check_rc=0, env=NOW)
    state = json.loads(run_cli("bar", "--json", check_rc=0, env=NOW).stdout)
    assert state["set_by"] == "Dana Okafor" and state["met"] == 1 and state["state"] == "on-track"
    assert state["criteria"][0] == {"number": 1, "text": "Lead a cross-team project", "met": True, "evidence": [1]}
    refs = json.loads(run_cli("people", "--references", "--json", check_rc=0, env=NOW).stdout)
    assert [(r["name"], r["vouches_for"]) for r in refs] == [("Jun Watanabe", [1])]
    history = json.loads(run_cli("person", "show", "Dana Okafor", "--json", check_rc=0, env=NOW).stdout)
    assert history["history"][0]["heard"] == "Five things"
    run_cli("bar", "untick", "1", check_rc=0, env=NOW)
    assert json.loads(run_cli("bar", "--json", env=NOW).stdout)["met"] == 0
    run_cli("person", "archive", "Dana", check_rc=0, env=NOW)
    assert [p["name"] for p in json.loads(run_cli("people", "--json", env=NOW).stdout)] == ["Jun Watanabe"]


def test_person_show_lists_what_a_reference_can_vouch_for_as_the_app_does(run_cli):
    """`person show` left out what a reference can vouch for (the app's People shows it)."""
    run_cli("person", "add", "Jun Watanabe", "--relation", "reference", check_rc=0, env=NOW)
    run_cli("person", "add", "Dana", "--relation", "manager", check_rc=0, env=NOW)
    shown = run_cli("person", "show", "Jun", check_rc=0, env=NOW, process=True).stdout.splitlines()
    assert shown[1:] == [
        "       can vouch for: nothing linked yet (ctotui person vouch 1 ACHIEVEMENT links one)",
        "       (never spoken to: get in touch before you need them)",
    ]
    run_cli("add", "Shipped the billing migration", check_rc=0, env=NOW)
    run_cli("add", "Hired two engineers", check_rc=0, env=NOW)
    run_cli("person", "vouch", "Jun", "2", check_rc=0, env=NOW)
    run_cli("person", "vouch", "Jun", "1", check_rc=0, env=NOW)
    run_cli("talk", "Jun", "--asked", "Would you speak to the migration?", check_rc=0, env=NOW)
    shown = run_cli("person", "show", "Jun", check_rc=0, env=NOW).stdout.splitlines()
    assert shown[1:4] == [
        "       can vouch for:",
        "         #1  Shipped the billing migration",
        "         #2  Hired two engineers",
    ]
    assert "get in touch" not in "\n".join(shown)
    data = json.loads(run_cli("person", "show", "Jun", "--json", check_rc=0, env=NOW).stdout)
    assert (data["vouches_for"], data["stale"]) == ([1, 2], False)
    data = json.loads(run_cli("person", "show", "Dana", "--json", check_rc=0, env=NOW).stdout)
    assert (data["vouches_for"], data["stale"]) == ([], None)
    assert "can vouch for" not in run_cli("person", "show", "Dana", check_rc=0, env=NOW).stdout


def test_a_new_reference_was_never_spoken_to_and_a_follow_up_says_when(run_cli):
    run_cli("person", "add", "Jun", "--relation", "reference", check_rc=0, env=NOW)
    out = run_cli("people", "--references", check_rc=0, env=NOW).stdout
    assert "(never spoken to: get in touch)" in out and "90 days" not in out
    run_cli("talk", "Jun", "--asked", "x", "--follow-up", "in 10 days", check_rc=0, env=NOW)
    assert "follow up: 2026-06-25 (in 10 days)" in run_cli("person", "show", "Jun", check_rc=0, env=NOW).stdout


def test_person_followed_up_closes_the_follow_up_and_undo_opens_it_again(run_cli):
    run_cli("person", "add", "Priya", "--relation", "mentor", check_rc=0, env=NOW)
    run_cli("talk", "Priya", "--asked", "x", "--on", "2026-06-01", "--follow-up", "2026-06-10", check_rc=0, env=NOW)
    out = run_cli("person", "followed-up", "Priya", check_rc=0, env=NOW).stdout
    assert out == "followed up with Priya (2026-06-10); `ctotui person followed-up 1 --undo` opens it again\n"
    assert json.loads(run_cli("people", "--json", check_rc=0, env=NOW).stdout)[0]["follow_up"] is None
    again = run_cli("person", "followed-up", "Priya", check_rc=0, env=NOW).stdout
    assert again == "no open follow-up with #1 Priya\n"
    assert run_cli("person", "followed-up", "Priya", "--undo", check_rc=0, env=NOW).stdout == (
        "open again: follow up with Priya 2026-06-10\n"
    )
    assert json.loads(run_cli("people", "--json", check_rc=0, env=NOW).stdout)[0]["follow_up"] == "2026-06-10"
    assert run_cli("person", "followed-up", "Priya", "--undo", check_rc=0, env=NOW).stdout == (
        "nothing to undo: the last follow-up with #1 Priya that was closed is open again, or none was\n"
    )  # undone once (each undo reopened the close before it, until all were open at once)
    fails(run_cli("person", "followed-up", "Nobody", env=NOW), "no person named 'Nobody'")


@pytest.mark.parametrize(
    ("follow_up", "tag"),
    [("2026-06-14", " (overdue)"), ("2026-06-15", " (due today)"), ("2026-06-16", "")],
)
def test_people_marks_a_follow_up_due_today_as_it_marks_an_overdue_one(run_cli, follow_up, tag):
    run_cli("person", "add", "Priya", "--relation", "mentor", check_rc=0, env=NOW)
    run_cli("talk", "Priya", "--asked", "x", "--on", "2026-06-01", "--follow-up", follow_up, check_rc=0, env=NOW)
    line = run_cli("people", check_rc=0, env=NOW).stdout.splitlines()[0]
    assert line.endswith(f"follow up {follow_up}{tag}"), line


def test_references_lists_who_can_vouch_and_says_why_each_is_listed(run_cli):
    """Someone who is not a reference but can vouch for an achievement is listed (they can back
    a story); the help says so, and the JSON says why each person is there."""
    run_cli("add", "Cut the nightly batch", "--category", "scale", check_rc=0, env=NOW)
    run_cli("person", "add", "Jun", "--relation", "reference", check_rc=0, env=NOW)
    run_cli("person", "add", "Priya", "--relation", "founder", check_rc=0, env=NOW)
    run_cli("person", "add", "Sam", "--relation", "peer", check_rc=0, env=NOW)
    run_cli("person", "vouch", "Priya", "1", check_rc=0, env=NOW)
    listed = json.loads(run_cli("people", "--references", "--json", check_rc=0, env=NOW).stdout)
    why = {p["name"]: (p["reference"], p["vouches_for"], p["listed_because"]) for p in listed}
    assert why == {"Jun": (True, [], ["reference"]), "Priya": (False, [1], ["vouches_for"])}
    helped = " ".join(run_cli("people", "--help", check_rc=0).stdout.split())
    assert "only references and anyone who can vouch for an achievement" in helped


def test_bar_edit_rewords_adds_and_removes_keeping_ticks_and_evidence(run_cli, db_path):
    """To fix one word the user re-set the bar: "0 of 5 met", the old ticks and evidence nowhere."""
    run_cli("person", "add", "Dana", "--relation", "manager", check_rc=0, env=NOW)
    run_cli("person", "add", "Marcus", "--relation", "mentor", check_rc=0, env=NOW)
    run_cli("add", "Shipped the billing migration", check_rc=0, env=NOW)
    run_cli("bar", "set", "--with", "Dana", "--role", "VP", "--agreed", "2026-01-01", "--by", "2027-01-01",
            "Lead a projct", "Own a budget", "Hire two", check_rc=0, env=NOW)  # fmt: skip
    run_cli("bar", "tick", "1", check_rc=0, env=NOW)
    run_cli("bar", "link", "1", "1", check_rc=0, env=NOW)
    run_cli("bar", "tick", "3", check_rc=0, env=NOW)
    out = run_cli("bar", "edit", "--criterion", "1", "Lead a project", "--remove", "2", "--add", "Present to the board",
                  "--role", "VP of Engineering", "--with", "Marcus", "--by", "2027-06-01", check_rc=0, env=NOW).stdout  # fmt: skip
    assert "The bar for VP of Engineering (set by Marcus), agreed 2026-01-01, deadline 2027-06-01" in out
    assert "2 of 3 criteria met" in out
    state = json.loads(run_cli("bar", "--json", check_rc=0, env=NOW).stdout)
    assert [(c["text"], c["met"], c["evidence"]) for c in state["criteria"]] == [
        ("Lead a project", True, [1]),
        ("Hire two", True, []),
        ("Present to the board", False, []),
    ]
    assert count(db_path, "bars") == 1  # in place: no second bar
    run_cli("bar", "edit", "--nobody", check_rc=0, env=NOW)
    assert "(set by" not in run_cli("bar", check_rc=0, env=NOW).stdout
    before = {t: count(db_path, t) for t in ("bars", "bar_criteria", "bar_evidence")}
    for argv, words in [
        (["--criterion", "9", "x"], ["a criterion is a number from 1 to 3"]),
        (["--criterion", "1", "x", "--remove", "1"], ["both reworded", "and removed"]),
        (["--agreed", "in 2 weeks"], ["agreed date 2026-06-29 is in the future"]),
        (["--remove", "1", "--remove", "2", "--remove", "3"], ["at least one criterion"]),
        (["--with", "Nobody"], ["no person named"]),
    ]:
        fails(run_cli("bar", "edit", *argv, env=NOW), *words)
    assert {t: count(db_path, t) for t in before} == before


def test_bar_all_shows_the_closed_bars_with_their_ticks(run_cli):
    run_cli("bar", "set", "--role", "VP", "--agreed", "2026-01-01", "Lead a project", "Own a budget",
            check_rc=0, env=NOW)  # fmt: skip
    run_cli("bar", "tick", "2", check_rc=0, env=NOW)
    run_cli("bar", "set", "--role", "CTO", "Raise a seed round", check_rc=0, env=NOW)
    out = run_cli("bar", "--all", check_rc=0, env=NOW).stdout
    assert out.index("The bar for CTO") < out.index("The bar for VP")
    assert "deadline 2027-07-01, closed 2026-06-15\n  1. [ ] Lead a project\n  2. [x] Own a budget\n1 of 2 met" in out
    listed = json.loads(run_cli("bar", "--all", "--json", check_rc=0, env=NOW).stdout)
    assert [(b["role"], b["closed_at"] is None, b["met"]) for b in listed] == [("CTO", True, 0), ("VP", False, 1)]
    assert "VP" not in run_cli("bar", check_rc=0, env=NOW).stdout  # the open one only, as before


def test_after_closing_the_bar_says_there_is_no_open_bar_and_points_to_the_closed_ones(run_cli):
    """`bar` said "no bar yet. Ask your manager…" after `bar close`, as if the closed bar were gone."""
    run_cli("bar", "set", "--role", "VP", "Lead a project", check_rc=0, env=NOW)
    assert run_cli("bar", "close", check_rc=0, env=NOW).stdout == "closed the bar for VP\n"
    out = run_cli("bar", check_rc=0, env=NOW, process=True).stdout
    assert out.startswith(
        "no open bar: the bar for VP was closed on 2026-06-15; ctotui bar --all lists the closed ones.\n"
    )
    assert "no bar yet" not in out and "ctotui bar set" in out
    assert run_cli("bar", "--json", check_rc=0, env=NOW).stdout.strip() == "null"


def test_the_deadline_passing_says_so_plainly(run_cli):
    run_cli("bar", "set", "--role", "CTO", "--agreed", "2024-01-01", "--by", "2026-06-01", "Raise a seed round",
            check_rc=0, env=NOW)  # fmt: skip
    out = run_cli("bar", check_rc=0, env=NOW).stdout
    assert "passed 14 days ago" in out and "agree how long" in out


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["talk", "Da", "--asked", "x"], ["matches 2 people", "Dana Okafor", "Dan Brown", "give the id"]),
        (["talk", "Dana Okafr", "--asked", "x"], ["no person named", "did you mean 'Dana Okafor'"]),
        (["talk", "Dana Okafor"], ["write down something"]),
        (["talk", "Dana Okafor", "--asked", "x", "--follow-up", "someday"], ["bad follow-up date"]),
        (["talk", "99", "--asked", "x"], ["no person with id 99"]),
        (["person", "add", "Sam", "--relation", "boss"], ["unknown relation 'boss'"]),
        (["person", "add", "", "--relation", "peer"], ["needs a name"]),
        (["person", "edit", "Zed", "--name", "x"], ["no person named 'Zed'"]),
        (["bar", "set", "--role", "VP", "--with", "Nobody", "a"], ["no person named"]),
        (["bar", "set", "--role", "VP", "--by", "2020-01-01", "a"], ["must come after"]),
        (["bar", "set", "--role", "VP", "--agreed", "in 2 weeks", "a"], ["agreed date 2026-06-29 is in the future"]),
        (["bar", "tick", "1"], ["no bar is set"]),
        (["bar", "link", "1", "99999999999"], ["not an achievement id"]),
        (["person", "vouch", "Dan Brown", "7"], ["no achievement with id 7"]),
    ],
)
def test_bad_input_is_one_line_exit_2_and_nothing_written(run_cli, db_path, argv, words):
    run_cli("person", "add", "Dana Okafor", "--relation", "manager", check_rc=0, env=NOW)
    run_cli("person", "add", "Dan Brown", "--relation", "peer", check_rc=0, env=NOW)
    before = {t: count(db_path, t) for t in ("people", "conversations", "bars", "bar_criteria", "reference_vouches")}
    fails(run_cli(*argv, env=NOW), *words)
    assert {t: count(db_path, t) for t in before} == before


def test_export_round_trip_with_people_and_without(run_cli, db_path, tmp_path):
    run_cli("demo", check_rc=0, env=NOW)
    assert count(db_path, "people") == 5 and count(db_path, "bar_criteria") == 5
    full, bare = tmp_path / "full.json", tmp_path / "bare.json"
    run_cli("export", "-o", str(full), check_rc=0, env=NOW)
    run_cli("export", "--no-people", "-o", str(bare), check_rc=0, env=NOW)
    tables = json.loads(full.read_text())["tables"]
    assert {"people", "conversations", "bars", "bar_criteria", "bar_evidence", "reference_vouches"} <= set(tables)
    assert "people" not in json.loads(bare.read_text())["tables"]
    assert "Dana" not in bare.read_text()
    other = tmp_path / "other.db"
    for _ in range(2):  # importing twice adds nothing the second time
        run_cli("--db", str(other), "import", str(full), check_rc=0, env=NOW)
    again = tmp_path / "again.json"
    run_cli("--db", str(other), "export", "-o", str(again), check_rc=0, env=NOW)
    assert again.read_bytes() == full.read_bytes()


def test_import_refuses_an_unknown_relation(run_cli, db_path, tmp_path):
    run_cli("person", "add", "Dana", "--relation", "manager", check_rc=0, env=NOW)
    data = tmp_path / "x.json"
    run_cli("export", "-o", str(data), check_rc=0, env=NOW)
    doc = json.loads(data.read_text())
    doc["tables"]["people"][0]["relation"] = "overlord"
    data.write_text(json.dumps(doc))
    other = tmp_path / "other.db"
    fails(run_cli("--db", str(other), "import", str(data), env=NOW), "people", "relation")


def test_the_demo_bar_has_five_criteria_three_met_four_months_left(run_cli):
    run_cli("demo", check_rc=0, env=NOW)
    state = json.loads(run_cli("bar", "--json", check_rc=0, env=NOW).stdout)
    assert (len(state["criteria"]), state["met"], state["days_left"]) == (5, 3, 120)
    assert {p["relation"] for p in json.loads(run_cli("people", "--json", env=NOW).stdout)} == {
        "manager",
        "founder",
        "mentor",
        "reference",
    }
    brag = run_cli("export", "--format", "md", "--sections", "bar", check_rc=0, env=NOW).stdout
    assert "## Progress against the bar" in brag and "- [x] Lead a project" in brag


def test_the_timeline_the_checks_and_the_review_show_people_and_the_bar(run_cli):
    run_cli("demo", check_rc=0, env=NOW)
    says = "The bar: 3 of 5 criteria met for VP of Engineering; the deadline is 2026-10-13 (120 days left)."
    assert says in run_cli("timeline", check_rc=0, env=NOW).stdout
    assert says in run_cli("checks", "--kind", "environment", check_rc=0, env=NOW).stdout
    assert json.loads(run_cli("timeline", "--json", check_rc=0, env=NOW).stdout)["bar"]["state"] == "on-track"
    run_cli("talk", "Dana", "--heard", "The board date is set", check_rc=0, env=NOW)
    week = run_cli("review", "--format", "md", check_rc=0, env=NOW).stdout
    people_part = week.split("## People", 1)[1]
    assert "2026-06-15 with **Dana Okafor**: The board date is set" in people_part
    assert "Follow-ups due:\n- Priya Natarajan" in people_part
    data = json.loads(run_cli("review", "--format", "json", check_rc=0, env=NOW).stdout)
    assert [t["person"] for t in data["people"]["talked_to"]] == ["Dana Okafor"]


def test_adding_a_person_of_a_name_already_here_asks_for_again(run_cli, db_path):
    """ "person add 'Dana Lee'" twice made two Danas: her conversations and follow-ups split between
    them, and "talk Dana" matched both from then on. The second add is refused (case and spaces set
    aside), naming who is here; --again adds another person of that name."""
    run_cli("person", "add", "Dana Lee", "--relation", "manager", check_rc=0, env=NOW)
    fails(run_cli("person", "add", " dana  LEE", "--relation", "mentor", env=NOW),
          "dana LEE is here already (#1 Dana Lee, Manager)", "ctotui talk 1", "--again")  # fmt: skip
    assert count(db_path, "people") == 1
    run_cli("talk", "Dana", "--asked", "the board", check_rc=0, env=NOW)  # still one Dana
    run_cli("person", "archive", "1", check_rc=0, env=NOW)
    fails(run_cli("person", "add", "Dana Lee", "--relation", "peer", env=NOW), "archived", "person unarchive 1")
    out = run_cli("person", "add", "Dana Lee", "--relation", "peer", "--again", check_rc=0, env=NOW).stdout
    assert out.strip() == "added #2 Dana Lee (Peer)" and count(db_path, "people") == 2
    run_cli("person", "add", "Marcus", "--relation", "mentor", check_rc=0, env=NOW)
    fails(run_cli("person", "edit", "Marcus", "--name", "dana lee", env=NOW), "is here already", "--again")
    run_cli("person", "edit", "2", "--name", "DANA LEE", "--note", "re-cased", check_rc=0, env=NOW)  # its own name
    run_cli("person", "edit", "Marcus", "--name", "Dana Lee", "--again", check_rc=0, env=NOW)


def test_a_reference_by_relation_and_an_archived_one_are_found_as_such(run_cli, db_path):
    """A peer made a reference by `person edit --relation reference` read "(Reference)" and was in
    no list of references; an archived person who can vouch was left out of `--references --all`
    and of their own page's "can vouch for", and `talk NAME` said nobody had that name (and `person
    add NAME` then refused it as taken)."""
    run_cli("person", "add", "Zed Ray", "--relation", "peer", check_rc=0, env=NOW)
    run_cli("person", "edit", "Zed", "--relation", "reference", check_rc=0, env=NOW)
    refs = json.loads(run_cli("people", "--references", "--json", check_rc=0, env=NOW).stdout)
    assert [r["name"] for r in refs] == ["Zed Ray"]
    run_cli("person", "edit", "Zed", "--no-reference", check_rc=0, env=NOW)  # the relation still says reference
    assert [r["name"] for r in json.loads(run_cli("people", "--references", "--json", env=NOW).stdout)] == ["Zed Ray"]
    run_cli("person", "add", "Ann Lee", "--relation", "mentor", check_rc=0, env=NOW)
    run_cli("add", "Shipped the billing migration to 3 teams", check_rc=0, env=NOW)
    run_cli("person", "vouch", "Ann Lee", "1", check_rc=0, env=NOW)
    run_cli("person", "archive", "Ann Lee", check_rc=0, env=NOW)
    assert [r["name"] for r in json.loads(run_cli("people", "--references", "--json", env=NOW).stdout)] == ["Zed Ray"]
    every = json.loads(run_cli("people", "--references", "--all", "--json", check_rc=0, env=NOW).stdout)
    assert [(r["name"], r["vouches_for"]) for r in every] == [("Ann Lee", [1]), ("Zed Ray", [])]
    assert "#1  Shipped the billing migration" in run_cli("person", "show", "Ann Lee", check_rc=0, env=NOW).stdout
    talk = run_cli("talk", "Ann Lee", "--asked", "hi", check_rc=2, env=NOW)
    assert talk.stderr == "ctotui: #2 Ann Lee is archived: `ctotui person unarchive 2` brings them back\n"
    assert run_cli("talk", "Nobody", "--asked", "hi", check_rc=2, env=NOW).stderr.startswith("ctotui: no person named")


def test_people_of_a_relation_nobody_has_says_so_and_exits_1(run_cli, db_path):
    """`people --relation recruiter` said "no people yet", exit 0, with eight people here."""
    run_cli("person", "add", "Dana Okafor", "--relation", "manager", check_rc=0, env=NOW)
    nobody = run_cli("people", "--relation", "recruiter", check_rc=1, env=NOW)
    assert (nobody.stdout, nobody.stderr) == ("", "ctotui: nobody with the relation recruiter (not archived)\n")
    assert "Dana Okafor" in run_cli("people", "--relation", "manager", check_rc=0, env=NOW).stdout


def test_bar_edit_with_nothing_to_change_says_so(run_cli, db_path):
    """`bar edit` alone printed the bar unchanged, exit 0, as if something had been edited."""
    run_cli("bar", "set", "--role", "VP Engineering", "Lead a cross-team project", check_rc=0, env=NOW)
    refused = run_cli("bar", "edit", check_rc=2, env=NOW)
    assert refused.stderr.startswith("ctotui: nothing to change: give --role")
    assert "VP Eng" in run_cli("bar", "edit", "--role", "VP Eng", check_rc=0, env=NOW).stdout


def test_a_name_of_digits_is_refused_as_it_would_be_read_as_an_id(run_cli, db_path):
    """`person add 7` made #1 named "7", and `person show 7` then showed #7 (or nobody): digits are an id."""
    refused = run_cli("person", "add", "7", "--relation", "peer", check_rc=2, env=NOW)
    assert refused.stderr == "ctotui: '7' would be read as a person's id: give a name with a letter in it\n"
    run_cli("person", "add", "Agent 7", "--relation", "peer", check_rc=0, env=NOW)
    fails(run_cli("person", "edit", "Agent 7", "--name", "#12", env=NOW), "would be read as a person's id")
