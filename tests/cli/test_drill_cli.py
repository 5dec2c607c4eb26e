"""`ctotui questions`, `ctotui question ...` and `ctotui drill` as a user runs them."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from drill_helpers import fresh, practised_and_due_at

from ctotui.core import playbook
from ctotui.core.db import open_db
from ctotui.core.drill import bank as drill
from ctotui.core.drill import settings as drill_settings
from ctotui.core.playbook import RUBRIC

VALID = "valid: own-the-stack, non-technical-leaders, build-the-team"


@pytest.fixture(autouse=True)
def database_made(db_path):
    """The database as the app's first start leaves it: a command that only reads creates none."""
    open_db(db_path).close()


def test_questions_lists_the_bank_and_filters_by_category(run_cli) -> None:
    everything = json.loads(run_cli("questions", "--json", check_rc=0).stdout)
    shipped = [q.id for ic in playbook.load().interview for q in ic.questions]
    assert [q["ref"] for q in everything] == shipped and everything[0]["ref"] == "ots-10x-traffic"
    assert len(everything) >= 60
    assert {q["category"] for q in everything} == {"own-the-stack", "non-technical-leaders", "build-the-team"}
    team = run_cli("questions", "--category", "build-the-team", check_rc=0).stdout.splitlines()
    assert len(team) == len(playbook.load().interview_category("build-the-team").questions) >= 20
    assert all(" build-the-team " in line and " new " in line for line in team)
    assert team[0].startswith("btt-tough-hire ")


def test_a_wrong_category_is_one_line_naming_the_valid_ones(run_cli, db_path) -> None:
    for argv in (
        ("questions", "--category", "sales"),
        ("question", "add", "--category", "sales", "Why?"),
        ("drill", "--timer", "sales=60"),
    ):
        proc = run_cli(*argv, check_rc=2)
        assert proc.stderr == f"ctotui: unknown category 'sales' ({VALID})\n", argv
        assert proc.stdout == ""
    assert all(q.source == "playbook" for q in fresh(db_path, drill.list_questions))


def test_add_edit_retire_restore(run_cli, db_path) -> None:
    proc = run_cli("question", "add", "--category", "build-the-team", "How", "do", "you", "onboard?", check_rc=0)
    n = sum(len(ic.questions) for ic in playbook.load().interview) + 1  # numbered after the playbook's
    assert proc.stdout == f"added question {n} to build-the-team: How do you onboard?\n"
    q = fresh(db_path, drill.get_question, n)
    assert (q.source, q.category, q.text) == ("user", "build-the-team", "How do you onboard?")
    run_cli("question", "edit", str(n), "How do you onboard a senior hire?", check_rc=0)
    edited = fresh(db_path, drill.get_question, n)
    assert edited.text == "How do you onboard a senior hire?" and edited.card_json == q.card_json
    run_cli("question", "edit", "ots-10x-traffic", "--category", "build-the-team", check_rc=0)  # not answered yet
    assert fresh(db_path, drill.get_question, "ots-10x-traffic").category == "build-the-team"
    run_cli("question", "retire", str(n), check_rc=0)
    assert fresh(db_path, drill.get_question, n).retired
    proc = run_cli("question", "retire", str(n), check_rc=2)
    assert proc.stderr == f"ctotui: question {n} is already retired\n"
    assert str(n) not in [q["ref"] for q in json.loads(run_cli("questions", "--json", check_rc=0).stdout)]
    assert str(n) in [q["ref"] for q in json.loads(run_cli("questions", "--all", "--json", check_rc=0).stdout)]
    run_cli("question", "restore", str(n), check_rc=0)
    assert not fresh(db_path, drill.get_question, n).retired


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("question", "add", "--category", "own-the-stack", "   "), "the question is empty"),
        (("question", "edit", "nope", "x"), "no question 'nope'"),
        (("question", "edit", "12"), "give the new wording, --category, or both"),
        (("drill", "--size", "0"), "the session size must be a whole number from 1 to 20, not 0"),
        (("drill", "--timer", "own-the-stack"), "--timer takes CATEGORY=SECONDS"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(run_cli, argv, message) -> None:
    proc = run_cli(*argv, check_rc=2)
    assert proc.stderr.startswith(f"ctotui: {message}") and proc.stderr.count("\n") == 1


def test_settings_are_all_or_nothing(run_cli, db_path) -> None:
    run_cli("drill", "--size", "3", "--timer", "own-the-stack=90", "--timer", "build-the-team=5", check_rc=2)
    s = fresh(db_path, drill_settings.drill_settings)
    assert s.session_size == 5 and s.timer_seconds["own-the-stack"] == 120
    run_cli("drill", "--size", "3", "--timer", "own-the-stack=90", check_rc=0)
    s = fresh(db_path, drill_settings.drill_settings)
    assert s.session_size == 3 and s.timer_seconds["own-the-stack"] == 90


def test_drill_due_shows_what_is_due_without_starting_anything(run_cli, db_path) -> None:
    env = {"CTOTUI_NOW": "2026-11-27T10:00:00+00:00"}
    data = json.loads(run_cli("drill", "--due", "--json", env=env, check_rc=0).stdout)
    shipped = sum(len(ic.questions) for ic in playbook.load().interview)
    assert (data["due"], data["new"], data["session_size"]) == (0, shipped, 5)
    assert [q["ref"] for q in data["session"]] == [
        "ots-10x-traffic",
        "ntl-disagree-ceo",
        "btt-tough-hire",
        "ots-top-risks",
        "ntl-explain-debt",
    ]
    db = open_db(db_path)
    q = drill.get_question(db, "ntl-too-slow")
    drill.record_attempt(
        db, q.id, "an answer", {c: 0 for c in RUBRIC}, 60, now=datetime(2026, 11, 27, 10, tzinfo=UTC)
    )  # Again: due the next day
    db.close()
    later = {"CTOTUI_NOW": "2026-11-29T10:00:00+00:00"}
    data = json.loads(run_cli("drill", "--due", "--json", env=later, check_rc=0).stdout)
    assert data["due"] == 1 and data["session"][0]["ref"] == "ntl-too-slow"
    text = run_cli("drill", "--due", env=later, check_rc=0).stdout
    assert text.startswith(f"due now: 1 practised, {shipped - 1} new\n") and "ntl-too-slow" in text
    assert fresh(db_path, drill.attempts) and len(fresh(db_path, drill.attempts)) == 1  # nothing was started


def test_the_next_ones_time_is_said_as_the_app_says_it(run_cli, db_path) -> None:
    """10:00 in Berlin: a question due at 23:00 two days on was "in 3d" (61 hours rounded) where the
    app said "in 2 days"; at 20:00 one due the next evening "in 23h" (the app: "tomorrow"). The CLI now
    says core.dates.until's words, the app's. One due at 19:16 the same day is due now: its day has come."""
    berlin = {"CTOTUI_NOW": "2026-03-15T09:00:00+00:00", "TZ": "Europe/Berlin"}
    practised_and_due_at(db_path, "ntl-too-slow", "2026-03-17T22:00:00+00:00")
    text = run_cli("drill", "--due", env=berlin, process=True, check_rc=0).stdout
    assert text.startswith("due now: 0 practised, ") and "; next one in 2 days\n" in text.splitlines(keepends=True)[0]
    practised_and_due_at(db_path, "btt-tough-hire", "2026-03-15T18:16:00+00:00")
    text = run_cli("drill", "--due", env=berlin, process=True, check_rc=0).stdout
    assert text.startswith("due now: 1 practised, ") and "btt-tough-hire" in text
    evening = {**berlin, "CTOTUI_NOW": "2026-03-15T19:00:00+00:00"}  # 20:00: the 19:16 one is due now
    practised_and_due_at(db_path, "btt-tough-hire", "2026-03-16T18:00:00+00:00")
    text = run_cli("drill", "--due", env=evening, process=True, check_rc=0).stdout
    assert text.splitlines()[0].endswith("; next one tomorrow")


def test_progress_and_show(run_cli, db_path) -> None:
    db = open_db(db_path)
    q = drill.get_question(db, "btt-culture")
    drill.record_attempt(db, q.id, "We pair on every incident.", {c: 2 for c in RUBRIC}, 100)
    db.close()
    data = json.loads(run_cli("drill", "--progress", "--json", check_rc=0).stdout)
    btt = {r["category"]: r for r in data["categories"]}["build-the-team"]
    assert (btt["practised"], btt["attempts"], btt["recent_average"]) == (1, 1, 12.0)
    assert data["weak_spots"] == []
    table = run_cli("drill", "--progress", check_rc=0).stdout
    assert "build-the-team" in table and "17%" in table
    shown = run_cli("question", "show", "btt-culture", check_rc=0).stdout
    assert "12/12" in shown and "We pair on every incident." in shown and "stories:" in shown
    detail = json.loads(run_cli("question", "show", "btt-culture", "--json", check_rc=0).stdout)
    assert detail["attempts"][0]["rating"] == "Easy" and detail["stories"] == []


def test_link_and_unlink_a_story(run_cli, db_path) -> None:
    from ctotui.core.drill import stories
    from ctotui.core.journal.entries import add_achievement

    a = fresh(db_path, lambda db: add_achievement(db, title="Ran the SRE hiring loop, 7 hired"))
    proc = run_cli("question", "link", "btt-first-ten", str(a.id), check_rc=0)
    assert proc.stdout == f"linked #{a.id} (Ran the SRE hiring loop, 7 hired) to question btt-first-ten\n"
    assert [s.title for s in fresh(db_path, stories.stories_for, "btt-first-ten")] == [a.title]
    assert "stories: Ran the SRE hiring loop" in run_cli("question", "show", "btt-first-ten", check_rc=0).stdout
    proc = run_cli("question", "link", "btt-first-ten", "999", check_rc=2)
    assert proc.stderr == "ctotui: no achievement with id 999 in the journal\n"
    run_cli("question", "unlink", "btt-first-ten", str(a.id), check_rc=0)
    assert fresh(db_path, stories.stories_for, "btt-first-ten") == []
    proc = run_cli("question", "unlink", "btt-first-ten", str(a.id), check_rc=2)
    assert "is not a story of question btt-first-ten" in proc.stderr


def test_a_bank_of_retired_questions_says_so_everywhere(run_cli, db_path) -> None:
    """Every question retired: `questions` printed nothing at all, `drill` "next session (0 of at
    most 5):" and "start it in the app", `drill --sheet` "0 questions. For each one: ...", exit 0."""
    db = open_db(db_path)
    for q in drill.list_questions(db):
        drill.retire_question(db, q.id)
    db.close()
    hint = "`ctotui questions --all` lists them, `ctotui question restore REF` brings one back"
    listed = run_cli("questions", check_rc=0)
    assert (listed.stdout, listed.stderr) == ("", f"ctotui: no question to ask: every one is retired ({hint})\n")
    due = run_cli("drill", check_rc=0).stdout
    assert due == f"due now: 0 practised, 0 new\nno question to ask: every one is retired ({hint})\n"
    sheet = run_cli("drill", "--sheet", check_rc=2)
    assert sheet.stderr == "ctotui: the question bank is empty: nothing to put on a score sheet\n"
    assert run_cli("questions", "--all", check_rc=0).stdout.count("retired") > 60
