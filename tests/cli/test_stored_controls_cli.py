"""Text stored by another tool or an older version, escape sequences and all, never reaches the
terminal: every command that prints stored text cleans it where core reads the row (core/text.py).

The sweep writes an escape sequence into every text column of every user table of the demo data
(straight SQL, around the app), then runs each command that prints stored text in a process of its
own and looks at the bytes it wrote."""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

# Clears the screen, sets the window title, sends an 8-bit CSI, a NEL, flips the text.
ESCAPES = "\x1b[2J\x1b]0;owned\x07\x9b31m\x85\u202e"
# What a terminal obeys: C0 but newline and tab, DEL, C1, bidi embeddings, overrides and isolates.
OBEYED = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def obeyed(text: str) -> list[str]:
    """The lines of ``text`` holding a character a terminal would obey, as Python would write them."""
    return [ascii(line) for line in text.split("\n") if OBEYED.search(line)]


def test_a_device_id_written_by_another_tool_is_cleaned_in_sync_status(run_cli, db_path: Path) -> None:
    """`sync --status` printed a device id from _sync_devices as stored: ESC[2J cleared the screen."""
    run_cli("add", "Shipped it", check_rc=0)
    with sqlite3.connect(db_path) as conn:
        conn.execute(
            "insert into _sync_devices (device, records, last_at) values (?, 3, '2026-01-01T00:00:00+00:00')",
            ["laptop" + ESCAPES],
        )
    conn.close()
    out = run_cli("sync", "--status", check_rc=0, process=True).stdout
    assert obeyed(out) == [] and "laptop : 3 records applied here" in out  # the NEL is a space


# The names rows are found by, not text: a new name there is another setting, not a hostile text;
# and the ids that tie an answer to its question (a changed one hides the answer's note from the sweep).
KEYS = {
    ("settings", "key"), ("profile", "field"), ("drafts", "key"),
    ("self_check_answers", "item_id"), ("stage_answers", "question_id"),
}  # fmt: skip
DAY = re.compile(r"\d{4}-(?:\d\d-\d\d|W\d\d)")


def plant(conn: sqlite3.Connection) -> dict[str, str]:
    """Append ESCAPES and a marker to every text of every user table (inside JSON strings where a
    column holds JSON); returns {marker: "table.column"}. Dates, times and keys are left alone, and
    so is a column whose checks refuse the change (a state, a kind: such a row cannot be there)."""
    planted: dict[str, str] = {}
    tables = [
        name
        for (name,) in conn.execute(
            "select name from sqlite_master where type = 'table' and name not like '\\_%' escape '\\'"
            " and name not like 'sqlite%' and name not like 'achievements_fts%'"
        )
    ]
    for table in tables:
        for _cid, column, kind, *_ in conn.execute(f"pragma table_info({table})").fetchall():
            if kind.upper() != "TEXT" or (table, column) in KEYS or column.endswith(("_at", "_on")):
                continue
            values = [v for (v,) in conn.execute(f"select {column} from {table} where {column} is not null")]
            if any(DAY.match(v) for v in values):  # a day or a time
                continue
            marker = f"zq{len(planted)}qz"
            tail = ESCAPES + marker
            try:
                if values and all(conn.execute("select json_valid(?)", [v]).fetchone()[0] for v in values):
                    conn.execute(
                        f"update {table} set {column} = json_quote(json_extract({column}, '$') || ?)"
                        f" where json_type({column}) = 'text'",
                        [tail],
                    )
                elif table == "achievement_tags":  # a tag is changed by deleting it and adding the new one
                    rows = conn.execute("select achievement_id, tag, occurred_on from achievement_tags").fetchall()
                    conn.execute("delete from achievement_tags")
                    conn.executemany(
                        "insert into achievement_tags values (?, ?, ?)", [(a, t + tail, on) for a, t, on in rows]
                    )
                else:
                    conn.execute(f"update {table} set {column} = {column} || ? where {column} is not null", [tail])
            except sqlite3.IntegrityError:
                continue
            planted[marker] = f"{table}.{column}"
    conn.execute(
        "insert into _sync_devices (device, records, last_at) values (?, 1, '2026-01-01T00:00:00+00:00')",
        ["laptop" + ESCAPES],
    )
    return planted


# Every column the sweep must see printed by some command (the test's own check that it reaches them).
SHOWN = {
    "people.name", "people.context", "people.note",
    "conversations.asked", "conversations.heard", "conversations.mine", "conversations.theirs",
    "bars.role", "bar_criteria.text",
    "achievements.title", "achievements.body", "achievements.category", "achievements.metric_unit",
    "achievements.metric_label", "achievement_tags.tag", "achievement_links.url",
    "plan_items.text", "self_check_answers.note", "skill_ratings.skill", "skill_ratings.note",
    "questions.text", "questions.category", "questions.source_id", "attempts.answer",
    "reviews.reflection", "reviews.next_thing", "profile.value",
}  # fmt: skip


def test_no_stored_text_drives_the_terminal(run_cli, demo_db: Path) -> None:
    """A tester wrote escape sequences into people and bar rows with sqlite3 (as another tool or an
    older version could) and saw them reach the terminal through `people`, `bar`, `person show`,
    `timeline`, `review`, `talk` and the brag document; the sweep found more (a metric's unit and
    label, links, categories, a rating's skill, a question's category, the titles of evidence, a
    sync device's id). No command's output now holds a character a terminal obeys, but newline and
    tab, and each JSON output holds none once decoded either."""
    with sqlite3.connect(demo_db) as conn:
        conn.execute("update achievements set metric_label = 'p95' where metric_kind is not null")  # none in the demo
        planted = plant(conn)
        asked = conn.execute("select question_id from attempts group by 1 order by count(*) desc").fetchone()[0]
        linked = conn.execute("select min(achievement_id) from achievement_links").fetchone()[0]
        person = conn.execute("select person_id from conversations group by 1 order by count(*) desc").fetchone()[0]
    conn.close()
    assert SHOWN <= set(planted.values())
    reads = [
        "list --limit 200", "search the --all", f"show {linked}", "people --all", "people --references",
        f"person show {person}", "bar --all", "timeline", "checks", "plan", "skills", "ratings", "steps",
        "drill", "drill --progress", "drill --sheet", "questions", f"question show {asked}", "review",
        "review --week 2026-W11", "review --week 2026-W10", "review --list", "next", "info", "profile",
        "export --format md --sections all", "sync --status",
        "list --all --json", "people --json", f"person show {person} --json", "bar --all --json", "timeline --json",
        "questions --json", "review --week 2026-W10 --format json", "next --json",
        f"talk {person} --asked hello",  # it writes, then prints the conversation: last
    ]  # fmt: skip
    seen: set[str] = set()
    leaks = []
    for argv in reads:  # in this process: each command's output was the same as in a process of its own
        proc = run_cli(*argv.split())
        assert proc.returncode == 0 and proc.stderr == "", (argv, proc.stderr)
        seen.update(planted[m] for m in re.findall(r"zq\d+qz", proc.stdout))
        found = obeyed(proc.stdout)
        if "--json" in argv or "json" in argv.split()[-1:]:
            found += obeyed(json.dumps(json.loads(proc.stdout), ensure_ascii=False))
        leaks += [(argv, line) for line in found[:3]]
    assert leaks == []
    assert SHOWN <= seen, SHOWN - seen
