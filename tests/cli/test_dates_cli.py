"""Every command that takes a date reads the same phrases; a backwards period or a future achievement is exit 2."""

from __future__ import annotations

import json

import pytest

from ctotui.core.db import open_db

NOW = {"CTOTUI_NOW": "2026-11-27T12:00:00+00:00", "TZ": "UTC"}  # a Friday


def _count(db_path, table: str) -> int:
    db = open_db(db_path)
    try:
        return db.execute(f"select count(*) from {table}").fetchone()[0]
    finally:
        db.close()


def test_add_and_edit_read_every_phrase(run_cli):
    first = run_cli("add", "Shipped the cache", "--date", "3 days ago", env=NOW, check_rc=0).stdout.strip()
    second = run_cli("add", "Ran the retro", "--date", "mon", env=NOW, check_rc=0).stdout.strip()
    run_cli("edit", second, "--date", "last week", env=NOW, check_rc=0)
    shown = json.loads(run_cli("list", "--json", env=NOW, check_rc=0).stdout)
    assert [(a["id"], a["occurred_on"]) for a in shown] == [(int(first), "2026-11-24"), (int(second), "2026-11-20")]
    since = json.loads(run_cli("list", "--since", "wednesday", "--until", "today", "--json", env=NOW).stdout)
    assert [a["id"] for a in since] == []
    since = json.loads(run_cli("list", "--since", "1 week ago", "--until", "tue", "--json", env=NOW).stdout)
    assert [a["id"] for a in since] == [int(first), int(second)]


def test_plan_profile_and_review_take_the_same_dates(run_cli):
    run_cli("profile", "--years", "5", "--plan-started", "yesterday", env=NOW, check_rc=0)
    profile = json.loads(run_cli("profile", "--json", env=NOW, check_rc=0).stdout)
    assert profile["plan_started"] == "2026-11-26"
    run_cli("plan", "add", "--horizon", "3-months", "--due", "today", "Book the offsite", env=NOW, check_rc=0)
    run_cli("plan", "add", "--horizon", "3-months", "--due", "2027-06-01", "Hire a lead", env=NOW, check_rc=0)
    plan = json.loads(run_cli("plan", "--json", env=NOW, check_rc=0).stdout)
    items = {i["text"]: i["due"] for horizon in plan for i in horizon["items"]}
    assert items["Book the offsite"] == "2026-11-27" and items["Hire a lead"] == "2027-06-01"
    week = json.loads(run_cli("review", "--week", "2 weeks ago", "--format", "json", env=NOW, check_rc=0).stdout)
    assert week["week"] == "2026-W46"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("add", "From the future", "--date", "2030-01-01"), "the date 2030-01-01 is in the future"),
        (("list", "--since", "today", "--until", "yesterday"), "since 2026-11-27 is after until 2026-11-26"),
        (("export", "--format", "md", "--since", "today", "--until", "last week"), "is after until 2026-11-20"),
        (("plan", "add", "--horizon", "3-months", "--due", "someday", "x"), "bad due date 'someday'"),
        (("profile", "--plan-started", "2026-02-30"), "2026-02-30 is not a date in the calendar"),
        (("review", "--week", "soon"), "bad week 'soon'"),
    ],
)
def test_date_errors_are_one_line_exit_2_and_write_nothing(run_cli, db_path, args, message):
    run_cli("add", "Already here", "--date", "2026-11-01", env=NOW, check_rc=0)
    proc = run_cli(*args, env=NOW)
    assert proc.returncode == 2, proc
    assert proc.stdout == "" and message in proc.stderr and proc.stderr.count("\n") == 1
    assert _count(db_path, "achievements") == 1
    assert _count(db_path, "profile") == 0 and _count(db_path, "reviews") == 0


def test_a_date_one_could_mean_two_ways_is_said_on_stderr_and_the_output_stays_clean(run_cli, db):
    proc = run_cli("add", "Ran the retro", "--date", "fri", env=NOW, check_rc=0)
    assert proc.stdout.strip().isdigit()  # the id alone: scripts read it
    assert (
        proc.stderr
        == "ctotui: 'fri' read as Friday 2026-11-27: the most recent one, today included; the one ahead is 'next fri'\n"
    )
    assert run_cli("add", "Shipped it", "--date", "2026-11-20", env=NOW, check_rc=0).stderr == ""
    bad = run_cli("add", "Shipped it", "--date", "someday", env=NOW, process=True)
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1 and "Traceback" not in bad.stderr


def test_an_empty_bound_is_refused_not_read_as_no_bound(run_cli) -> None:
    """`list --since "$FROM"` with FROM unset listed every entry, as if no --since were given
    (while `--date ''` was refused)."""
    for argv in (["list", "--since", ""], ["list", "--until", " "], ["export", "--format", "md", "--since", ""]):
        proc = run_cli(*argv)
        assert proc.returncode == 2 and proc.stdout == "" and "'' is not a date" in proc.stderr, (argv, proc)
        assert proc.stderr.count("\n") == 1


def test_an_empty_tag_is_refused_not_read_as_no_tag(run_cli) -> None:
    """`list --tag "$T"` with T unset listed the whole journal, as if no --tag were given."""
    for argv in (["list", "--tag", ""], ["list", "--tag", "#"], ["list", "--tag", " "]):
        proc = run_cli(*argv)
        assert proc.returncode == 2 and proc.stdout == "" and "is not a tag: give one" in proc.stderr, (argv, proc)
        assert proc.stderr.count("\n") == 1
