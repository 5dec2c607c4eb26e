"""Issue 17 on the command line: the follow-up's countdown setting, an attempt's follow-up, brief and
ask-first in `ctotui question show`, and scores per criterion in `ctotui drill --progress`."""

from __future__ import annotations

import json

from drill_helpers import fresh

from ctotui.core import playbook
from ctotui.core.db import open_db
from ctotui.core.drill import bank as drill
from ctotui.core.drill import realism
from ctotui.core.drill import settings as drill_settings
from ctotui.core.playbook import RUBRIC


def test_the_follow_up_countdown_is_set_from_the_cli(run_cli, db_path) -> None:
    out = run_cli("drill", "--follow-up-seconds", "90", check_rc=0).stdout
    assert "follow-up 90s" in out
    assert fresh(db_path, drill_settings.drill_settings).follow_up_seconds == 90
    proc = run_cli("drill", "--follow-up-seconds", "5", check_rc=2)
    assert proc.stderr == "ctotui: the follow-up timer (seconds) must be a whole number from 15 to 600, not 5\n"
    assert fresh(db_path, drill_settings.drill_settings).follow_up_seconds == 90


def test_show_prints_the_brief_ask_first_and_follow_up(run_cli, db_path) -> None:
    db = open_db(db_path)
    q = drill.get_question(db, "ots-10x-traffic")
    plan = realism.plan_question(db, q.id, q.source_id, q.category)
    ids = [c.id for c in playbook.load().criteria_for(q.category)]
    drill.record_attempt(
        db,
        q.id,
        "Measure, then shard the hot tables.",
        dict.fromkeys(RUBRIC, 2),
        100,
        criteria_scores=dict.fromkeys(ids, 1),
        follow_up=plan.follow_up,
        follow_up_answer="Cache first\nthen shard.",
        follow_up_seconds=40,
        brief=plan.brief,
        ask_first="Where is the p99 today?",
    )
    db.close()
    scenario = plan.scenario()
    text = run_cli("question", "show", "ots-10x-traffic", check_rc=0).stdout
    assert f"12/12 · signals {len(ids)}/{2 * len(ids)}" in text  # as the app says it
    assert f"  brief: {scenario['name']}: {scenario['constraint']}\n" in text
    assert "  asked first: Where is the p99 today?\n" in text
    assert f"  follow-up: {plan.follow_up} (40s)\n    Cache first\n    then shard.\n" in text
    data = json.loads(run_cli("question", "show", "ots-10x-traffic", "--json", check_rc=0).stdout)
    a = data["attempts"][0]
    assert a["follow_up"] == plan.follow_up and a["follow_up_answer"] == "Cache first\nthen shard."
    assert a["follow_up_seconds"] == 40 and a["ask_first"] == "Where is the p99 today?"
    assert a["brief"]["id"] == scenario["id"] and a["criteria_scores"] == dict.fromkeys(ids, 1)
    assert a["rating"] == "Hard"  # 12/12 general, but the signals at half (5 of 10: Hard): the lower counts

    progress = json.loads(run_cli("drill", "--progress", "--json", check_rc=0).stdout)
    rows = {r["criterion"]: r for r in progress["criteria"]}
    assert rows["tradeoffs"]["recent_average"] == 2 and rows["tradeoffs"]["for"] == "general"
    assert rows[ids[0]]["recent_average"] == 1 and rows[ids[0]]["scored"] == 1
    assert rows["ntl-plain-words"]["scored"] == 0
    table = run_cli("drill", "--progress", check_rc=0).stdout
    # named as the app names them (the table once said "ots-asks-first", the app "Asks about the system first")
    names = {r["criterion"]: r["name"] for r in progress["criteria"]}
    assert f"weakest lately: {names[ids[0]]} (1/2)" in table and names[ids[0]] != ids[0]
    assert progress["weakest_criterion"] == ids[0]  # the JSON says what the table's last line says
    block = table.split("\ncriterion ", 1)[1].split("\nweakest lately:")[0].splitlines()[1:]
    width = max(len(n) for n in names.values())
    assert [line[:width].rstrip() for line in block] == [r["name"] for r in progress["criteria"]]
    assert not any(i in table for i in ("tradeoffs", "ntl-plain-words", *ids))
    assert max(len(line) for line in table.splitlines()) <= 80
