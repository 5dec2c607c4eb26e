"""Control characters never reach the database or the terminal, whichever way text comes in."""

from __future__ import annotations

import json
import sqlite3
import unicodedata

from ctotui.core.db import open_db
from ctotui.core.timeline import selfcheck

# A title that sets the terminal's window title, clears the screen, sends an 8-bit CSI and flips the text.
HOSTILE = "\x1b]0;pwned\x07\x1b[2J\x9b31m\u202eevil\x7f"
NOT_ALLOWED = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u2028\u2029")


def controls(text: str) -> list[str]:
    """Every character of ``text`` a terminal would obey (newline and tab excepted)."""
    return [ch for ch in text if (unicodedata.category(ch) == "Cc" and ch not in "\n\t") or ch in NOT_ALLOWED]


def stored(db_path, sql: str) -> list:
    with sqlite3.connect(db_path) as conn:
        return [row[0] for row in conn.execute(sql)]


def test_every_text_taking_command_stores_clean_text(run_cli, db_path):
    a = run_cli("add", "Shipped " + HOSTILE, "--body", "line\r\none " + HOSTILE, "--tag", "ops" + HOSTILE, check_rc=0)
    achievement = a.stdout.strip()
    run_cli("edit", achievement, "--body", "edited\n\tbody " + HOSTILE, check_rc=0)
    run_cli("question", "add", "--category", "own-the-stack", "Why " + HOSTILE, check_rc=0)
    run_cli("plan", "add", "--horizon", "3-months", "Plan " + HOSTILE, check_rc=0)
    run_cli("profile", "--role", "Lead " + HOSTILE, check_rc=0)
    run_cli("rate", "leadership", "3", "--note", "note " + HOSTILE, check_rc=0)
    db = open_db(db_path)
    check = selfcheck.self_checks(db)[0]
    item = db.execute("select id from plan_items where source_id is null").fetchone()[0]
    question = db.execute("select id from questions where source = 'user'").fetchone()[0]
    db.close()
    run_cli("plan", "edit", str(item), "--text", "Plan edited " + HOSTILE, check_rc=0)
    run_cli("question", "edit", str(question), "Why edited " + HOSTILE, check_rc=0)
    run_cli("checks", "answer", check.kind, check.item_id, "yes", "--note", "note " + HOSTILE, check_rc=0)

    values = {
        "title": stored(db_path, "select title from achievements"),
        "body": stored(db_path, "select body from achievements"),
        "tag": stored(db_path, "select tag from achievement_tags"),
        "question": stored(db_path, "select text from questions where source = 'user'"),
        "plan": stored(db_path, "select text from plan_items where source_id is null"),
        "role": stored(db_path, "select value from profile where field = 'role'"),
        "rating note": stored(db_path, "select note from skill_ratings"),
        "check note": stored(db_path, "select note from self_check_answers"),
    }
    for what, found in values.items():
        assert found, what
        for value in found:
            assert not controls(value), (what, value)
            assert "\\u001b" not in value and "\\u009b" not in value, (what, value)
    assert values["title"] == ["Shipped evil"]
    assert values["body"] == ["edited\n\tbody evil"]
    assert values["question"] == ["Why edited evil"]
    assert values["plan"] == ["Plan edited evil"]


def _hostile_rows(db_path) -> None:
    """Rows as an older ctotui (or another tool) could have left them: control characters inside."""
    with sqlite3.connect(db_path) as conn:
        conn.execute("update achievements set title = ?, body = ?", ["Shipped " + HOSTILE, "body\r" + HOSTILE])
        # a tag changes by delete and insert (the search index's triggers follow those)
        rows = conn.execute("select achievement_id, occurred_on from achievement_tags").fetchall()
        conn.execute("delete from achievement_tags")
        conn.executemany(
            "insert into achievement_tags (achievement_id, occurred_on, tag) values (?, ?, ?)",
            [(*row, "ops" + HOSTILE) for row in rows],
        )
        conn.execute("update plan_items set text = ? where source_id is null", ["Plan " + HOSTILE])
        conn.execute("update questions set text = ? where source = 'user'", ["Why " + HOSTILE])
        conn.execute("update skill_ratings set note = ?", ["note " + HOSTILE])
        conn.execute("update profile set value = ? where field = 'role'", [json.dumps("Lead " + HOSTILE)])


def test_output_never_writes_control_characters_even_for_old_rows(run_cli, db_path):
    run_cli("add", "Shipped the billing migration", "--body", "body", "--tag", "ops", "--date", "today", check_rc=0)
    run_cli("plan", "add", "--horizon", "3-months", "Plan", check_rc=0)
    run_cli("question", "add", "--category", "own-the-stack", "Why", check_rc=0)
    run_cli("rate", "leadership", "3", "--note", "note", check_rc=0)
    run_cli("profile", "--role", "Lead", check_rc=0)
    _hostile_rows(db_path)
    commands = [
        ["list"],
        ["list", "--json"],
        ["search", "Shipped"],
        ["show", "1"],
        ["show", "1", "--json"],
        ["export", "--format", "md"],
        ["export"],
        ["review"],
        ["plan"],
        ["questions"],
        ["question", "show", "1"],
        ["ratings"],
        ["profile"],
    ]
    for args in commands:
        proc = run_cli(*args)
        assert proc.returncode == 0, (args, proc.stderr)
        assert not controls(proc.stdout), (args, controls(proc.stdout))
        assert not controls(proc.stderr), args
    shown = run_cli("show", "1", check_rc=0).stdout
    assert "Shipped evil" in shown
    assert "#opsevil" in shown
    assert "Shipped evil" in run_cli("export", "--format", "md", check_rc=0).stdout


def test_json_import_cleans_what_it_brings_in(run_cli, db_path, tmp_path):
    run_cli("add", "Shipped the billing migration", "--body", "body", "--tag", "ops", check_rc=0)
    export = tmp_path / "export.json"
    run_cli("export", "-o", str(export), check_rc=0)
    data = json.loads(export.read_text())
    row = data["tables"]["achievements"][0]
    row["title"] = "Shipped " + HOSTILE
    row["body"] = "kept\nlines\r\n" + HOSTILE
    data["tables"]["achievement_tags"][0]["tag"] = "ops\x1f" + HOSTILE
    export.write_text(json.dumps(data))
    other = tmp_path / "other.db"
    run_cli("--db", str(other), "import", str(export), check_rc=0)
    assert stored(other, "select title from achievements") == ["Shipped evil"]
    assert stored(other, "select body from achievements") == ["kept\nlines\nevil"]
    assert stored(other, "select tag from achievement_tags") == ["opsevil"]
    for args in (["list"], ["show", "1"], ["export", "--format", "md"]):
        out = run_cli("--db", str(other), *args, check_rc=0).stdout
        assert not controls(out), args


def test_jrnl_import_cleans_what_it_brings_in(run_cli, db_path, tmp_path):
    source = tmp_path / "jrnl.json"
    entry = {"title": "Shipped " + HOSTILE, "body": "b\r\n" + HOSTILE, "date": "2026-01-02", "time": "09:00"}
    source.write_text(json.dumps({"tags": {}, "entries": [{**entry, "tags": [], "starred": False}]}))
    run_cli("import", str(source), "--format", "jrnl", check_rc=0)
    assert stored(db_path, "select title from achievements") == ["Shipped evil"]
    assert stored(db_path, "select body from achievements") == ["b\nevil"]


def test_an_error_message_is_one_clean_line(run_cli):
    proc = run_cli("add", "ok", "--category", "x\x1b[2J\nsecond line")
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1
    assert not controls(proc.stderr.rstrip("\n"))
