"""`ctotui next`: this week's actions from the shell, on demo data and on a fresh database."""

from __future__ import annotations

import json

import pytest

from ctotui.core import playbook
from ctotui.core.db import open_db
from ctotui.core.drill import bank as drill
from ctotui.core.journal.entries import add_achievement
from ctotui.core.skills import stack as skills
from ctotui.core.timeline import profile

NOW = {"CTOTUI_NOW": "2026-11-11T12:00:00+00:00"}
LATER = {"CTOTUI_NOW": "2026-11-18T12:00:00+00:00"}  # seven days on
KEYS = {"rule", "text", "reason", "area", "item", "priority"}


@pytest.fixture(autouse=True)
def database_made(db_path):
    """The database as the app's first start leaves it: a command that only reads creates none."""
    open_db(db_path).close()


def actions(run_cli, env=NOW) -> list[dict]:
    return json.loads(run_cli("next", "--json", check_rc=0, env=env).stdout)


def test_demo_data_gives_at_least_four_actions_from_four_rules(run_cli):
    run_cli("demo", check_rc=0, env=NOW)
    found = actions(run_cli)
    assert 4 <= len(found) <= 5
    assert len({a["rule"] for a in found}) >= 4
    assert all(set(a) == KEYS for a in found)
    assert [a["priority"] for a in found] == sorted(a["priority"] for a in found)


def test_a_fresh_database_gets_onboarding_actions(run_cli):
    rules = [a["rule"] for a in actions(run_cli)]
    assert rules[:4] == ["start-profile", "start-achievement", "start-rating", "start-drill"]
    text = run_cli("next", check_rc=0, env=NOW).stdout
    assert text.startswith("1. Give your years of experience and role\n")
    assert "ctotui next --snooze start-profile:profile" in text


def test_snooze_hides_an_action_for_a_week(run_cli):
    out = run_cli("next", "--snooze", "start-drill:start", check_rc=0, env=NOW).stdout
    assert out == "snoozed start-drill:start for 7 days (ctotui next --unsnooze start-drill:start brings it back)\n"
    assert "start-drill" not in [a["rule"] for a in actions(run_cli)]
    assert "(1 snoozed: ctotui next --snoozed lists them)" in run_cli("next", check_rc=0, env=NOW).stdout
    assert "start-drill" in [a["rule"] for a in actions(run_cli, LATER)]


def test_a_bad_snooze_is_one_line_and_exit_2(run_cli):
    proc = run_cli("next", "--snooze", "later:x", check_rc=2, env=NOW)
    assert proc.stdout == "" and proc.stderr.count("\n") == 1 and "unknown rule 'later'" in proc.stderr


@pytest.mark.parametrize("ref", ["drill-due:dUe", "follow-up-due:person:999", "start-drill:elsewhere"])
def test_a_snooze_for_an_action_not_shown_is_refused(run_cli, ref):
    """It printed "snoozed … for 7 days", exit 0, and stored the junk, which lay in wait."""
    proc = run_cli("next", "--snooze", ref, check_rc=2, env=NOW, process=True)
    assert (
        proc.stdout == ""
        and proc.stderr == f"ctotui: {ref} is not among this week's actions now (see `ctotui next --json`)\n"
    )
    assert run_cli("next", "--snoozed", check_rc=0, env=NOW).stdout == "nothing is snoozed\n"


def test_snoozed_lists_and_unsnooze_brings_back(run_cli):
    """A snooze could be neither seen nor undone."""
    run_cli("next", "--snooze", "start-drill:start", check_rc=0, env=NOW)
    run_cli("next", "--snooze", "start-profile:profile", check_rc=0, env=NOW)
    listed = run_cli("next", "--snoozed", check_rc=0, env=NOW, process=True).stdout
    assert listed.splitlines()[:2] == [
        "start-drill:start · back on 2026-11-18 (snoozed 2026-11-11)",
        "   Answer your first interview question · bring back: ctotui next --unsnooze start-drill:start",
    ]
    rows = json.loads(run_cli("next", "--snoozed", "--json", check_rc=0, env=NOW).stdout)
    assert [r["ref"] for r in rows] == ["start-drill:start", "start-profile:profile"]
    assert rows[0] == {
        "ref": "start-drill:start",
        "text": "Answer your first interview question",
        "snoozed_on": "2026-11-11",
        "back_on": "2026-11-18",
    }
    out = run_cli("next", "--unsnooze", "start-drill:start", check_rc=0, env=NOW, process=True).stdout
    assert out == "brought back start-drill:start\n"
    assert "start-drill" in [a["rule"] for a in actions(run_cli)]
    proc = run_cli("next", "--unsnooze", "start-drill:start", check_rc=2, env=NOW, process=True)
    assert proc.stdout == "" and proc.stderr == "ctotui: 'start-drill:start' is not snoozed\n"
    assert run_cli("next", "--unsnooze", "all", check_rc=0, env=NOW).stdout == "brought back start-profile:profile\n"
    proc = run_cli("next", "--unsnooze", "all", check_rc=2, env=NOW, process=True)
    assert proc.stderr == "ctotui: nothing is snoozed\n"


def test_snooze_and_unsnooze_do_not_go_together(run_cli):
    proc = run_cli("next", "--snooze", "start-drill:start", "--unsnooze", "all", check_rc=2, env=NOW, process=True)
    assert "not allowed with argument" in proc.stderr


def test_an_experienced_user_with_nothing_recorded_is_asked_for_the_targets_already_met(run_cli):
    """Ten years as a principal engineer, nothing ticked: `next` said "Work toward: Be the one the
    team hands the nastiest bugs to." while the timeline said nothing is recorded yet."""
    run_cli("profile", "--years", "10", "--role", "Principal engineer", check_rc=0, env=NOW)
    run_cli("add", "Cut p99 latency by 40%", check_rc=0, env=NOW)
    for area in ("technical-depth", "product-thinking", "leadership", "communication", "business", "systems-thinking"):
        run_cli("rate", area, "4", check_rc=0, env=NOW)
    found = {a["rule"]: a for a in actions(run_cli)}
    assert found["next-target"]["text"] == "Tick the targets you have already met"
    assert found["next-target"]["item"] == "targets"
    assert "Work toward" not in run_cli("next", check_rc=0, env=NOW).stdout


def test_the_same_data_gives_another_list_on_another_path(run_cli, db_path):
    """The path changed no advice: `next` printed the same list on every path."""
    with open_db(db_path) as db:
        profile.update(db, years=6)
        for slug in playbook.SKILLS:
            skills.rate(db, slug, 3)
        question = drill.get_question(db, "ots-10x-traffic")
        drill.record_attempt(db, question.id, "x", dict.fromkeys(playbook.RUBRIC, 1), 60, fuzz=False)
        for n in range(3):  # a quarter of engineering work only
            add_achievement(db, title=f"Sharded cache {n}", occurred_on=f"2026-11-0{n + 1}", skills=["technical-depth"])
    said = {}
    for path in ("founding-engineer", "corporate-ladder"):
        run_cli("profile", "--path", path, check_rc=0, env=NOW)
        said[path] = run_cli("next", check_rc=0, env=NOW, process=True).stdout
    assert said["founding-engineer"] != said["corporate-ladder"]
    assert "founding path: none of your 3 entries since 14 Aug is in leadership (hiring)" in said["founding-engineer"]
    assert "snooze: ctotui next --snooze path-all-at-once:hiring" in said["founding-engineer"]
    assert "corporate ladder: none of your 3 entries since 14 Aug is in business" in said["corporate-ladder"]
    assert "path-all-at-once" not in said["corporate-ladder"] and "path-boxed-in" not in said["founding-engineer"]
    rules = {a["rule"] for a in actions(run_cli)}
    assert {"path-boxed-in", "path-mentors", "path-criteria"} <= rules  # corporate ladder, set last
