"""`ctotui profile / timeline / plan / checks` as a user runs them: output, exit codes, the DB after."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ctotui.core import playbook
from ctotui.core.db import open_db
from ctotui.core.text import has_controls
from ctotui.core.timeline import plan, profile
from ctotui.core.timeline import stages as tl

NOW = {"CTOTUI_NOW": "2026-06-15T10:00:00+00:00"}


@pytest.fixture(autouse=True)
def database_made(db_path):
    """The database as the app's first start leaves it: a command that only reads creates none."""
    open_db(db_path).close()


def rows(db_path, table: str) -> list[tuple]:
    db = open_db(db_path)
    try:
        return db.execute(f"select * from {table} order by 1").fetchall()
    finally:
        db.close()


def test_profile_set_and_show(run_cli, db_path):
    run_cli(
        "profile",
        "--years",
        "5.5",
        "--role",
        "Tech lead",
        "--path",
        "early-employee",
        "--aim",
        "exec-in-training",
        "--plan-started",
        "2026-01-01",
        check_rc=0,
        env=NOW,
    )
    out = json.loads(run_cli("profile", "--json", check_rc=0, env=NOW).stdout)
    assert out["years"] == 5.5 and out["role"] == "Tech lead" and out["path"] == "early-employee"
    assert out["aim"] == "exec-in-training" and out["plan_started"] == "2026-01-01"
    text = run_cli("profile", check_rc=0, env=NOW).stdout
    assert "years         5.5" in text and "plan started  2026-01-01" in text


def test_timeline_json(run_cli, db_path):
    run_cli("profile", "--years", "9", check_rc=0, env=NOW)
    for target in ("eng-tricky-bugs", "eng-visible-work", "eng-how-it-connects", "eng-monthly-ship", "tl-partners"):
        run_cli("timeline", "tick", target, check_rc=0, env=NOW)
    out = json.loads(run_cli("timeline", "--json", check_rc=0, env=NOW).stdout)
    assert {"stage", "stage_by_years", "position", "pace", "targets_met", "targets_total", "next_stage"} <= set(out)
    assert (out["stage"], out["stage_by_years"], out["pace"]) == ("tech-leader", "exec-in-training", "behind")
    assert out["next_stage"] == "exec-in-training"
    assert out["position"] == pytest.approx(1 / 3, abs=1e-4)  # 1 of the 3 targets that move on
    assert (out["targets_met"], out["targets_total"], out["years"]) == (1, 5, 9.0)
    assert [s["slug"] for s in out["stages"]] == ["engineer", "tech-leader", "exec-in-training"]
    text = run_cli("timeline", check_rc=0, env=NOW).stdout
    assert text.startswith("Technical leader, by your evidence: 1 of 5 targets met · 2 more to move on (33% of")
    assert "Your evidence puts you at Technical leader; at 9 years" in text
    assert "is Executive in training: tick what you have done, or work on these targets." in text
    assert "rough pattern" in text and "[x] tl-partners" in text and "●" in text


def test_the_percentage_and_the_words_count_the_same_targets(run_cli):
    """2 of 6 met and 4 needed: "56% of the way" (the share over 60 %) beside words that counted 2 of 4."""
    for target in ("eng-tricky-bugs", "eng-visible-work"):
        run_cli("timeline", "tick", target, check_rc=0, env=NOW)
    first = run_cli("timeline", check_rc=0, env=NOW).stdout.splitlines()[0]
    assert first == "Strong engineer, by your evidence: 2 of 6 targets met · 2 more to move on (50% of the way)"
    assert json.loads(run_cli("timeline", "--json", check_rc=0, env=NOW).stdout)["position"] == 0.5


def test_timeline_without_years_places_by_evidence_alone(run_cli):
    proc = run_cli("timeline", check_rc=0)
    assert "ctotui profile --years N" in proc.stdout and "Strong engineer" in proc.stdout
    out = json.loads(run_cli("timeline", "--json", check_rc=0).stdout)
    assert (out["stage"], out["stage_by_years"], out["pace"], out["position"]) == ("engineer", None, None, 0)


def test_plan_add_list_and_done(run_cli, db_path):
    run_cli("profile", "--plan-started", "2026-06-01", check_rc=0, env=NOW)
    added = run_cli("plan", "add", "--horizon", "6-12-months", "Give", "a", "talk", check_rc=0, env=NOW)
    assert "to 6-12-months, due 2027-06-01: Give a talk" in added.stdout
    listed = json.loads(run_cli("plan", "--horizon", "6-12-months", "--json", check_rc=0, env=NOW).stdout)
    assert [h["horizon"] for h in listed] == ["6-12-months"]
    mine = [i for i in listed[0]["items"] if i["own"]]
    assert [(i["text"], i["due"], i["status"]) for i in mine] == [("Give a talk", "2027-06-01", "open")]
    run_cli("plan", "done", str(mine[0]["id"]), check_rc=0, env=NOW)
    db = open_db(db_path)
    assert plan.get_item(db, mine[0]["id"]).status == "done"
    db.close()
    text = run_cli("plan", check_rc=0, env=NOW).stdout
    assert f"#{mine[0]['id']}" in text and "[x] Give a talk" in text


def test_plan_add_of_words_open_in_the_horizon_already_is_refused(run_cli, db_path):
    """`ctotui plan add` run twice (the shell's history) made two items, counted and asked about apart.
    The same words open in the same horizon are refused, naming the item; done, or elsewhere, they add."""
    first = run_cli("plan", "add", "--horizon", "3-months", "Own the billing system", check_rc=0, env=NOW)
    refused = run_cli("plan", "add", "--horizon", "3-months", "own the BILLING system", check_rc=2, env=NOW)
    number = first.stdout.split()[1].lstrip("#")
    assert refused.stderr == f"ctotui: that item is open in the plan already (#{number})\n"
    run_cli("plan", "add", "--horizon", "2-3-years", "Own the billing system", check_rc=0, env=NOW)
    run_cli("plan", "done", number, check_rc=0, env=NOW)
    run_cli("plan", "add", "--horizon", "3-months", "Own the billing system", check_rc=0, env=NOW)  # again, done once
    # an edit to the words, or a reopen beside them, is refused the same way
    other = run_cli("plan", "add", "--horizon", "3-months", "Draft the budget", check_rc=0, env=NOW).stdout.split()[1]
    edited = run_cli("plan", "edit", other.lstrip("#"), "--text", "Own the billing system", check_rc=2, env=NOW)
    assert edited.stderr.startswith("ctotui: that item is open in the plan already (#")
    assert run_cli("plan", "reopen", number, check_rc=2, env=NOW).stderr == edited.stderr


def test_plan_edit_with_nothing_to_change_says_so(run_cli):
    """`ctotui plan edit 3` printed the item unchanged and exit 0, as if something had been edited."""
    run_cli("plan", "add", "--horizon", "3-months", "Draft", "--due", "2026-09-01", check_rc=0, env=NOW)
    refused = run_cli("plan", "edit", "1", check_rc=2, env=NOW)
    assert refused.stderr == "ctotui: nothing to change: give --text, --horizon or --due\n"
    assert "due 2026-09-01" in run_cli("plan", "edit", "1", "--text", "Draft it", check_rc=0, env=NOW).stdout
    assert "due 2026-09-01" not in run_cli("plan", "edit", "1", "--due", "", check_rc=0, env=NOW).stdout  # as auto


def test_plan_drop_reopen_and_edit(run_cli, db_path):
    run_cli("plan", check_rc=0, env=NOW)
    run_cli("plan", "drop", "1", check_rc=0, env=NOW)
    assert "#1 " not in run_cli("plan", check_rc=0, env=NOW).stdout
    assert "[-]" in run_cli("plan", "--all", check_rc=0, env=NOW).stdout
    run_cli("plan", "reopen", "1", check_rc=0, env=NOW)
    run_cli("plan", "edit", "1", "--text", "Own the billing service", "--due", "2026-07-01", check_rc=0, env=NOW)
    db = open_db(db_path)
    item = plan.get_item(db, 1)
    db.close()
    assert (item.status, item.text, item.due.isoformat(), item.due_set) == (
        "open",
        "Own the billing service",
        "2026-07-01",
        True,
    )


def test_plan_lists_overdue(run_cli):
    run_cli("profile", "--plan-started", "2026-01-01", check_rc=0, env=NOW)
    out = run_cli("plan", "--horizon", "3-months", check_rc=0, env=NOW).stdout
    assert "overdue" in out and "OVERDUE" in out


def test_checks_answer_and_list(run_cli, db_path):
    run_cli("checks", "answer", "mistake", "hero-coder", "yes", "--note", "paged every night", check_rc=0, env=NOW)
    out = json.loads(run_cli("checks", "--kind", "mistake", "--json", check_rc=0, env=NOW).stdout)
    hero = next(c for c in out if c["id"] == "hero-coder")
    assert (hero["answer"], hero["note"], hero["score"]) == ("yes", "paged every night", 0.0)


def test_checks_text_shows_the_note_under_its_item_and_marks_a_stale_answer(run_cli):
    """The text output left out the note (only --json and the app showed it) and never marked an answer
    old enough that JSON says "stale": true and the coach asks to re-answer it."""
    early = {"CTOTUI_NOW": "2026-01-01T10:00:00+00:00"}
    run_cli(
        "checks", "answer", "mistake", "hero-coder", "yes", "--note", "I do\n  at night\x1b[31m", check_rc=0, env=NOW
    )
    run_cli("checks", "answer", "signal", "sig-early", "no", check_rc=0, env=early)
    run_cli("checks", "answer", "signal", "sig-metrics", "yes", check_rc=0, env=NOW)
    lines = run_cli("checks", check_rc=0, env=NOW).stdout.splitlines()
    hero = next(n for n, line in enumerate(lines) if " hero-coder " in line)
    assert lines[hero + 1 : hero + 3] == [" " * 32 + "I do", " " * 32 + "  at night"]
    assert not lines[hero].endswith(")")  # answered today: not stale
    early_line = next(line for line in lines if " sig-early " in line)
    assert early_line.endswith("  (stale: answered 165 days ago)")
    assert not next(line for line in lines if " sig-metrics " in line).endswith(")")


@settings(max_examples=15, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(note=st.text(min_size=1, max_size=40))
def test_checks_text_prints_any_note_without_control_characters(run_cli, note):
    run_cli("checks", "answer", "mistake", "hero-coder", "partly", f"--note={note}", check_rc=0, env=NOW)
    out = run_cli("checks", "--kind", "mistake", check_rc=0, env=NOW).stdout
    assert not has_controls(out.replace("\n", "").replace("\t", ""))
    shown = json.loads(run_cli("checks", "--kind", "mistake", "--json", check_rc=0, env=NOW).stdout)
    note_now = next(c["note"] for c in shown if c["id"] == "hero-coder")
    for line in note_now.splitlines():
        assert " " * 32 + line + "\n" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("plan", "add", "--horizon", "3m", "x"), "unknown horizon '3m' (valid: 3-months, 6-12-months, 2-3-years)"),
        (("plan", "--horizon", "soon"), "unknown horizon 'soon' (valid: 3-months, 6-12-months, 2-3-years)"),
        (("plan", "done", "abc"), "a plan item id is a positive whole number (got 'abc')"),
        (("plan", "done", "999"), "no plan item with id 999"),
        (("plan", "edit", "999", "--text", "x"), "no plan item with id 999"),
        (("profile", "--years", "-3"), "years must be a number from 0 to 60 (got -3)"),
        (
            ("profile", "--years", "5", "--path", "ceo"),
            "unknown path 'ceo' (valid: founding-engineer, early-employee, corporate-ladder)",
        ),
        (("profile", "--aim", "cto"), "unknown stage 'cto' (valid: engineer, tech-leader, exec-in-training)"),
        (("profile", "--plan-started", "someday"), "bad plan start 'someday': use YYYY-MM-DD, today"),
        (("timeline", "tick", "nope"), "no stage target 'nope'"),
        (("checks", "answer", "signal", "sig-early", "maybe"), "an answer is one of yes, partly, no"),
        (("checks", "--kind", "vibes"), "unknown self-check kind 'vibes'"),
    ],
)
def test_errors_are_one_line_exit_2_and_write_nothing(run_cli, db_path, args, message):
    run_cli("plan", check_rc=0, env=NOW)  # a seeded plan to compare against
    before = {t: rows(db_path, t) for t in ("plan_items", "profile", "target_ticks", "self_check_answers")}
    proc = run_cli(*args, env=NOW)
    assert proc.returncode == 2
    assert proc.stderr.startswith("ctotui: ") and proc.stderr.count("\n") == 1
    assert message in proc.stderr
    assert proc.stdout == ""
    assert {t: rows(db_path, t) for t in before} == before


def test_a_profile_without_years_is_not_told_years_place_it(run_cli):
    """It said "set your years of experience to be placed on the timeline": the evidence places you."""
    text = run_cli("profile", "--role", "Tech lead", check_rc=0, env=NOW).stdout
    assert "years         -" in text
    assert text.rstrip().endswith(
        "your evidence places you on the timeline; your years give the pace: ctotui profile --years N"
    )


def test_profile_fields_are_cleared_with_an_empty_value(run_cli, db_path):
    """`profile --name ''` said "name must not be empty" (exit 2): the CLI had no way to empty a field the
    app's form empties. '' (or blanks) clears it, as `edit --category ''` does; the others stay."""
    run_cli("profile", "--name", "Ann", "--years", "4", "--role", "EM", "--path", "early-employee", check_rc=0, env=NOW)
    run_cli("profile", "--aim", "tech-leader", "--plan-started", "2026-01-01", check_rc=0, env=NOW)
    run_cli("profile", "--name", "", "--role", " ", "--path", "", check_rc=0, env=NOW)
    out = json.loads(run_cli("profile", "--json", check_rc=0, env=NOW).stdout)
    assert (out["name"], out["role"], out["path"]) == (None, None, None)
    assert (out["years"], out["aim"], out["plan_started"]) == (4.0, "tech-leader", "2026-01-01")
    proc = run_cli("profile", "--years", "", "--aim", "", check_rc=0, env=NOW, process=True)
    assert "years         -" in proc.stdout and "aim           -" in proc.stdout
    with open_db(db_path) as db:
        assert profile.history(db, "name")[-1][0] is None and profile.history(db, "name")[0][0] == "Ann"


@pytest.mark.parametrize(("given", "words"), [("1", "1 year"), ("1.5", "1.5 years"), ("0.5", "0.5 years")])
def test_timeline_says_one_year_not_one_years(run_cli, given, words):
    """`profile --years 1` then `timeline` printed "1 years · on pace" and "at 1 years the usual pattern"."""
    run_cli("profile", "--years", given, check_rc=0, env=NOW)
    assert f"  {words} · pace once a target is met" in run_cli("timeline", check_rc=0, env=NOW).stdout
    run_cli("timeline", "tick", "eng-tricky-bugs", check_rc=0, env=NOW)
    text = run_cli("timeline", check_rc=0, env=NOW).stdout
    assert f"  {words} · on pace · " in text and f"at {words} the usual pattern" in text


def test_profile_from_the_shell_clears_the_welcome(run_cli, db_path):
    run_cli("profile", "--years", "2", check_rc=0)
    db = open_db(db_path)
    assert not profile.needs_welcome(db)
    db.close()


def test_untick_says_a_target_linked_evidence_still_meets(run_cli, db_path):
    """`timeline untick` printed `[ ]` for a target an achievement still backs, which `timeline` counts as met."""
    run_cli("add", "Gave the company-level number to the board", check_rc=0, env=NOW)
    run_cli("timeline", "tick", "ex-company-metric", check_rc=0, env=NOW)
    with open_db(db_path) as db:
        tl.link_evidence(db, "ex-company-metric", 1)
    proc = run_cli("timeline", "untick", "ex-company-metric", check_rc=0, env=NOW)
    assert proc.stdout.startswith("[x] ex-company-metric: ")
    assert proc.stderr == "unticked; still met by 1 linked achievement\n"
    with open_db(db_path) as db:
        assert tl.targets_met(db)["exec-in-training"][0] == 1  # what the timeline counts
    proc = run_cli("timeline", "untick", "eng-tricky-bugs", check_rc=0, env=NOW)
    assert proc.stdout.startswith("[ ] eng-tricky-bugs: ") and proc.stderr == ""


def test_evidence_and_questions_from_the_cli(run_cli, db_path):
    """Linking evidence and answering a stage's questions could only be done in the app; `timeline`
    did not list the questions, `--json` gave only a count of evidence, `show` did not say what an
    entry backs."""
    run_cli("add", "Owned the incident rate as a company number", check_rc=0, env=NOW)
    proc = run_cli("timeline", "link", "ex-company-metric", "1", check_rc=0, env=NOW)
    assert proc.stdout.startswith("[x] ex-company-metric: ") and proc.stdout.endswith("(1 linked achievement)\n")
    again = run_cli("timeline", "link", "ex-company-metric", "1", check_rc=0, env=NOW)
    assert again.stderr == "#1 was linked already\n"
    out = json.loads(run_cli("timeline", "--json", check_rc=0, env=NOW).stdout)
    (target,) = [t for s in out["stages"] for t in s["targets"] if t["id"] == "ex-company-metric"]
    assert (target["evidence"], target["evidence_ids"], target["met"]) == (1, [1], True)
    assert "evidence  for ex-company-metric" in run_cli("show", "1", check_rc=0, env=NOW).stdout
    assert json.loads(run_cli("show", "1", "--json", check_rc=0, env=NOW).stdout)["evidence_for"] == [
        "ex-company-metric"
    ]
    text = run_cli("timeline", check_rc=0, env=NOW).stdout
    assert "Ask yourself (Strong engineer; ctotui timeline answer ID TEXT)" in text
    question = playbook.load().stage("engineer").questions[0].id
    assert f"  {question} " in text and "(not answered yet)" in text
    proc = run_cli("timeline", "answer", question, "Mostly", "yes", check_rc=0, env=NOW)
    assert proc.stdout == f"{question}: answered 2026-06-15 (1 answer in all)\n"
    assert run_cli("timeline", "answer", question, "Mostly yes", check_rc=0, env=NOW).stderr.startswith("unchanged")
    assert "(answered 2026-06-15)" in run_cli("timeline", check_rc=0, env=NOW).stdout
    proc = run_cli("timeline", "unlink", "ex-company-metric", "1", check_rc=0, env=NOW)
    assert proc.stdout.startswith("[ ] ex-company-metric: ") and proc.stdout.endswith("(0 linked achievements)\n")
    run_cli("delete", "1", check_rc=0, env=NOW)
    trashed = run_cli("timeline", "link", "ex-company-metric", "1", env=NOW)
    assert trashed.returncode == 2 and trashed.stderr == (
        "ctotui: achievement 1 is deleted (ctotui undelete 1 brings it back)\n"
    ), trashed
    huge = run_cli("timeline", "link", "ex-company-metric", "99999999999999999999", env=NOW)
    assert huge.returncode == 2 and huge.stderr.startswith("ctotui: bad id '99999999999999999999'"), huge
    for args in (("link", "nope", "1"), ("link", "ex-company-metric", "99"), ("answer", "nope", "x")):
        bad = run_cli("timeline", *args, env=NOW)
        assert bad.returncode == 2 and len(bad.stderr.splitlines()) == 1, bad


def test_plan_edit_moving_an_item_into_a_horizon_dates_it_from_the_move(run_cli):
    """In month 4 of the plan `plan edit 9 --horizon 3-months` printed "due 2026-02-05 OVERDUE" and
    `next` put "Finish or re-date: Step into a role ..." first; `plan add` there said "due 2026-06-15"."""
    now = {"CTOTUI_NOW": "2026-03-15T10:00:00+00:00"}
    run_cli("profile", "--plan-started", "2025-11-05", check_rc=0, env=now)
    run_cli("plan", check_rc=0, env=now)  # the playbook's items are added at the first look
    moved = run_cli("plan", "edit", "9", "--horizon", "3-months", check_rc=0, env=now).stdout
    assert "due 2026-06-15" in moved and "OVERDUE" not in moved
    added = run_cli("plan", "add", "--horizon", "3-months", "my", "own", "new", "item", check_rc=0, env=now).stdout
    assert "due 2026-06-15" in added
    listed = json.loads(run_cli("plan", "--horizon", "3-months", "--json", check_rc=0, env=now).stdout)
    item = next(i for h in listed for i in h["items"] if i["id"] == 9)
    assert (item["due"], item["overdue"]) == ("2026-06-15", False)
    assert "Step into a role" not in run_cli("next", check_rc=0, env=now).stdout
    later = {"CTOTUI_NOW": "2026-05-01T10:00:00+00:00"}
    assert "due 2026-06-15" in run_cli("plan", "edit", "9", "--text", "Lead a team", check_rc=0, env=later).stdout


def test_plan_add_help_says_what_a_missing_due_date_means(run_cli):
    """`plan add --help` said "(default: plan start + horizon)", but once that date has passed an
    item added is due the horizon's months from today (as the app's form says)."""
    text = " ".join(run_cli("plan", "add", "--help", check_rc=0).stdout.split())
    assert "(default: plan start + horizon, or the horizon's months from today once that date has passed)" in text


def test_plan_edit_due_auto_after_a_move_keeps_the_date_the_move_gave(run_cli):
    """After `plan edit 9 --horizon 3-months` ("due 2026-06-15"), `plan edit 9 --due auto` printed
    "due 2026-02-05 OVERDUE" and `next` ranked it overdue: "auto" counted from the day it was added."""
    now = {"CTOTUI_NOW": "2026-03-15T10:00:00+00:00"}
    run_cli("demo", check_rc=0, env=now)
    assert "due 2026-06-15" in run_cli("plan", "edit", "9", "--horizon", "3-months", check_rc=0, env=now).stdout
    auto = run_cli("plan", "edit", "9", "--due", "auto", check_rc=0, env=now).stdout
    assert "due 2026-06-15" in auto and "OVERDUE" not in auto
    later = {"CTOTUI_NOW": "2026-05-01T10:00:00+00:00"}
    run_cli("plan", "edit", "9", "--due", "2026-05-20", check_rc=0, env=later)
    assert "due 2026-06-15" in run_cli("plan", "edit", "9", "--due", "auto", check_rc=0, env=later).stdout
    listed = json.loads(run_cli("plan", "--horizon", "3-months", "--json", check_rc=0, env=later).stdout)
    item = next(i for h in listed for i in h["items"] if i["id"] == 9)
    assert (item["due"], item["overdue"], item["moved_on"]) == ("2026-06-15", False, "2026-03-15")
    assert "Step into a role" not in run_cli("next", check_rc=0, env=later).stdout


def test_one_deal_is_not_at_least_two_deals(run_cli, db_path):
    """`timeline link ex-customer-deals 1` (one $250k deal) printed "[x] Act as the technical lead
    in at least two major customer deals or renewals. [evidence: #1]", counted in "1 of 6"."""
    run_cli("add", "Technical lead on the $250k Acme deal", check_rc=0, env=NOW)
    run_cli("add", "Technical lead on the Globex renewal", check_rc=0, env=NOW)
    for target in ("eng-tricky-bugs", "eng-visible-work", "eng-how-it-connects", "eng-monthly-ship"):
        run_cli("timeline", "tick", target, check_rc=0, env=NOW)  # Technical leader: the exec stage shows next
    proc = run_cli("timeline", "link", "ex-customer-deals", "1", check_rc=0, env=NOW)
    assert proc.stdout.startswith("[ ] ex-customer-deals: ") and proc.stdout.endswith(" (1 of 2 linked)\n")
    text = run_cli("timeline", check_rc=0, env=NOW).stdout
    assert "Executive in training targets (0 of 6 targets met" in text
    (line,) = [x for x in text.splitlines() if " ex-customer-deals " in x]
    assert line.startswith("  [ ] ") and line.endswith("  [evidence: #1 · 1 of 2 linked]")
    out = json.loads(run_cli("timeline", "--json", check_rc=0, env=NOW).stdout)
    (target,) = [t for s in out["stages"] for t in s["targets"] if t["id"] == "ex-customer-deals"]
    assert (target["evidence"], target["evidence_needed"], target["met"]) == (1, 2, False)
    proc = run_cli("timeline", "link", "ex-customer-deals", "2", check_rc=0, env=NOW)
    assert proc.stdout.startswith("[x] ex-customer-deals: ") and proc.stdout.endswith(" (2 linked achievements)\n")
    text = run_cli("timeline", check_rc=0, env=NOW).stdout
    assert "Executive in training targets (1 of 6 targets met" in text
    assert "  [x] ex-customer-deals " in text and text.count("[evidence: #1, #2]") == 1


def test_an_unticked_target_has_no_tick_time_in_json(run_cli):
    """`timeline --json` kept "ticked_at" (the untick's time) beside "ticked": false."""
    run_cli("timeline", "tick", "tl-partners", check_rc=0, env=NOW)
    later = {"CTOTUI_NOW": "2026-06-20T10:00:00+00:00"}
    run_cli("timeline", "untick", "tl-partners", check_rc=0, env=later)

    def partners() -> dict:
        out = json.loads(run_cli("timeline", "--json", check_rc=0, env=later).stdout)
        return next(x for s in out["stages"] for x in s["targets"] if x["id"] == "tl-partners")

    assert (partners()["ticked"], partners()["ticked_at"]) == (False, None)
    run_cli("timeline", "tick", "tl-partners", check_rc=0, env=later)
    assert (partners()["ticked"], partners()["ticked_at"][:10]) == (True, "2026-06-20")  # the tick in force


def test_the_timeline_says_what_the_path_rewards_once_a_path_is_set(run_cli):
    assert "Your path" not in run_cli("timeline", check_rc=0, env=NOW).stdout
    for slug in playbook.PATHS:
        run_cli("profile", "--path", slug, check_rc=0, env=NOW)
        p = playbook.load().path(slug)
        lines = run_cli("timeline", check_rc=0, env=NOW).stdout.splitlines()
        said = [line for line in lines if line.startswith("Your path")]
        assert said == [f"Your path, {p.name}, rewards {p.rewards_most}; its main risk: {p.main_risk}."]


@pytest.mark.parametrize(
    ("role", "after"),
    [("Co-founder & CTO", "growing in the CTO seat you hold"), ("Staff engineer", "the CTO seat itself")],
)
def test_past_the_last_stage_a_cto_is_not_told_the_cto_seat_comes_next(run_cli, db_path, role, after):
    db = open_db(db_path)
    for sv in tl.timeline(db).stages[:-1]:  # every stage before the last met: the evidence is at the last
        for target in sv.targets:
            tl.set_target(db, target.id, True)
    db.close()
    run_cli("profile", "--role", role)
    out = run_cli("timeline").stdout
    assert f"next: {after}" in out
