"""`ctotui skills / rate / ratings / steps / step` as a user runs them: output, exit codes, the DB after."""

from __future__ import annotations

import json

import pytest
from process_tools import stdout_at_a_terminal
from rich.cells import cell_len

from ctotui.core.db import open_db
from ctotui.core.journal.entries import add_achievement
from ctotui.core.skills import stack as skills

NOW = {"CTOTUI_NOW": "2026-03-15T10:00:00+00:00", "TZ": "UTC"}


@pytest.fixture
def database_made(db_path):
    """The database as the app's first start leaves it: a command that only reads creates none."""
    open_db(db_path).close()


def read(db_path, fn, *args):
    db = open_db(db_path)
    try:
        return fn(db, *args)
    finally:
        db.close()


def test_rate_then_skills_json(run_cli, db_path):
    run_cli("rate", "leadership", "2", check_rc=0, env=NOW)
    proc = run_cli("rate", "lead", "3", "--note", "leading the checkout squad", check_rc=0, env=NOW)
    assert proc.stdout.splitlines()[0] == "leadership: 2 → 3 (2026-03-15)"
    assert "You lead a squad" in proc.stdout  # the level's description, from the playbook
    out = json.loads(run_cli("skills", "--json", check_rc=0, env=NOW).stdout)
    assert [a["slug"] for a in out] == list(skills.playbook.SKILLS)
    lead = out[2]
    assert {k: lead[k] for k in ("slug", "level", "change_90d", "evidence_90d", "evidence_total")} == {
        "slug": "leadership",
        "level": 3,
        "change_90d": 1,
        "evidence_90d": 0,
        "evidence_total": 0,
    }
    assert lead["rated_at"].startswith("2026-03-15T10:00:00") and lead["hints"] == []
    assert out[0]["level"] is None and out[0]["hints"] == [{"kind": "unrated", "text": "not rated yet"}]
    rows = read(db_path, skills.ratings, "leadership")
    assert [(r.level, r.note) for r in rows] == [(2, ""), (3, "leading the checkout squad")]


def test_skills_text_shows_hints_and_evidence(run_cli, db_path):
    db = open_db(db_path)
    for n in range(3):
        add_achievement(db, title=f"Priced the new plan {n}", occurred_on="2026-03-0" + str(n + 1), skills=["business"])
    db.close()
    run_cli("rate", "business", "1", check_rc=0, env=NOW)
    run_cli("rate", "communication", "5", check_rc=0, env=NOW)
    text = run_cli("skills", check_rc=0, env=NOW).stdout
    lines = text.splitlines()
    business = lines.index(next(line for line in lines if line.startswith("business ")))
    assert "■□□□□ 1" in lines[business] and "3/3" in lines[business]
    assert lines[business + 1].strip() == "! you may be underrating this"
    assert "! no evidence in 90 days" in text and "! not rated yet" in text
    assert "path: not chosen" in text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("rate", "cooking", "3"), "ctotui: unknown skill 'cooking' (valid: technical-depth, product-thinking, "),
        (("rate", "leadership", "6"), "ctotui: the level must be a whole number from 1 to 5 (got '6')"),
        (("rate", "leadership", "0"), "ctotui: the level must be a whole number from 1 to 5 (got '0')"),
        (("rate", "leadership", "2.5"), "ctotui: the level must be a whole number from 1 to 5"),
        (("rate", "leadership", "3", "--note", "x" * 501), "ctotui: the note must be at most 500 characters"),
        (("steps", "cooking"), "ctotui: unknown skill 'cooking'"),
        (("step", "tick", "lead-nope"), "ctotui: no practical step 'lead-nope'"),
    ],
)
def test_errors_are_one_line_exit_2_and_write_nothing(run_cli, db_path, args, message):
    proc = run_cli(*args, env=NOW)
    assert proc.returncode == 2, proc
    assert proc.stderr.startswith(message) and proc.stderr.count("\n") == 1, proc.stderr
    assert proc.stdout == ""
    if db_path.exists():
        assert read(db_path, skills.ratings) == []
        assert all(not s.ticked for s in read(db_path, skills.steps))


def test_a_bad_level_does_not_even_create_the_database(run_cli, db_path):
    run_cli("rate", "leadership", "9", check_rc=2, env=NOW)
    assert not db_path.exists()


def test_steps_tick_untick_and_list(run_cli, db_path):
    assert run_cli("step", "tick", "lead-mentor", check_rc=0, env=NOW).stdout.startswith("[x] lead-mentor: Mentor")
    text = run_cli("steps", "leadership", check_rc=0, env=NOW).stdout
    assert text.splitlines()[0] == "leadership (1/7)"
    assert "[x] lead-mentor" in text and "(since 2026-03-15)" in text and "[ ] lead-onboarding" in text
    run_cli("step", "untick", "lead-mentor", check_rc=0, env=NOW)
    listed = json.loads(run_cli("steps", "--json", check_rc=0, env=NOW).stdout)
    assert len(listed) == 42 and not any(s["ticked"] for s in listed)
    assert [t for t, _ in read(db_path, skills.step_history, "lead-mentor")] == [True, False]
    # an id as written in capitals is the same step (it was "no practical step 'LEAD-MENTOR'")
    assert run_cli("step", "tick", " LEAD-Mentor", check_rc=0, env=NOW).stdout.startswith("[x] lead-mentor: Mentor")
    assert [t for t, _ in read(db_path, skills.step_history, "lead-mentor")] == [True, False, True]


@pytest.mark.usefixtures("database_made")
def test_ratings_history(run_cli, db_path):
    assert run_cli("ratings", check_rc=0, env=NOW).stdout.startswith("no ratings yet")
    run_cli("rate", "tech", "3", "--note", "payments inside out", check_rc=0, env=NOW)
    text = run_cli("ratings", "technical-depth", check_rc=0, env=NOW).stdout
    assert text == "2026-03-15  technical-depth   3  payments inside out\n"
    out = json.loads(run_cli("ratings", "--json", check_rc=0, env=NOW).stdout)
    assert [(r["skill"], r["level"], r["note"]) for r in out] == [("technical-depth", 3, "payments inside out")]


def test_skills_after_demo_shows_the_path(run_cli):
    run_cli("demo", "--achievements", "40", check_rc=0, env=NOW)
    text = run_cli("skills", check_rc=0, env=NOW).stdout
    assert "path: Early hire to CTO (early-employee)" in text
    assert "! no evidence in 90 days" in text


def test_skills_on_an_80_column_terminal_fits_with_a_mark_a_month(demo_db, run_cli):
    """Each area's line was 88 cells: at 80 columns its evidence and steps wrapped onto the next
    line. On a narrower terminal the sparkline keeps a mark a month (the last one today); piped,
    a mark a fortnight as before (scripts read it)."""
    shown = stdout_at_a_terminal("skills", columns=80).splitlines()
    piped = run_cli("skills", check_rc=0, process=True).stdout.splitlines()
    assert max(cell_len(line) for line in shown) <= 80
    assert max(cell_len(line) for line in piped) == 88
    by_area = {line.split()[0]: line for line in shown if "|" in line}
    whole = {line.split()[0]: line for line in piped if "|" in line}
    assert by_area.keys() == whole.keys() and "technical-depth" in by_area
    for area, line in by_area.items():
        month, fortnight = line.split("|")[1], whole[area].split("|")[1]
        assert len(month) == 13 and month == fortnight[-1::-2][::-1]  # every other mark, ending today
        assert line.split("|")[0] == whole[area].split("|")[0]  # level, rating day and change as they were
        assert line.split("|")[2] == whole[area].split("|")[2]  # evidence and steps on the same line
