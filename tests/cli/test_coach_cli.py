"""`ctotui next`: this week's actions from the shell, on demo data and on a fresh database."""

from __future__ import annotations

import json

NOW = {"CTOTUI_NOW": "2026-11-11T12:00:00+00:00"}
LATER = {"CTOTUI_NOW": "2026-11-18T12:00:00+00:00"}  # seven days on
KEYS = {"rule", "text", "reason", "area", "item", "priority"}


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
    assert out == "snoozed start-drill:start for 7 days\n"
    assert "start-drill" not in [a["rule"] for a in actions(run_cli)]
    assert "(1 snoozed)" in run_cli("next", check_rc=0, env=NOW).stdout
    assert "start-drill" in [a["rule"] for a in actions(run_cli, LATER)]


def test_a_bad_snooze_is_one_line_and_exit_2(run_cli):
    proc = run_cli("next", "--snooze", "later:x", check_rc=2, env=NOW)
    assert proc.stdout == "" and proc.stderr.count("\n") == 1 and "unknown rule 'later'" in proc.stderr
