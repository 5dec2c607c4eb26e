"""Rows that got in around ctotui (direct SQL) and that the app cannot read:
every read leaves them out instead of crashing, and `ctotui check` names them."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from transfer_helpers import demo_db

BAD_ROWS = [
    "update questions set card = '{\"broken\": 1}' where id = (select min(id) from questions)",
    "update attempts set scores = '[1, 2]' where id = (select min(id) from attempts)",
    "update attempts set scores = '{\"tradeoffs\": 7}' where id = (select max(id) from attempts)",
    "insert into profile (field, value, set_at) values ('role', '5', '2026-01-01T00:00:00+00:00')",
    "insert into profile (field, value, set_at) values ('years', '\"many\"', '2026-01-01T00:00:00+00:00')",
    "insert into achievements (id, title, occurred_on, created_at, updated_at) values "
    "(4294967303, 'Huge id', '2026-01-01', '2026-01-01T00:00:00+00:00', '2026-01-01T00:00:00+00:00')",
    "insert into achievements (id, title, occurred_on, created_at, updated_at) values "
    "(-3, 'Negative id', '2026-01-01', '2026-01-01T00:00:00+00:00', '2026-01-01T00:00:00+00:00')",
]


@pytest.fixture
def bad_db(tmp_path: Path) -> Path:
    path = tmp_path / "bad.db"
    demo_db(path, achievements=12).close()
    conn = sqlite3.connect(path)
    for sql in BAD_ROWS:
        assert conn.execute(sql).rowcount == 1, sql
    conn.commit()
    conn.close()
    return path


READS = [
    ["drill"],
    ["drill", "--progress"],
    ["questions"],
    ["export", "--format", "md"],
    ["export"],
    ["list", "--limit", "100"],
    ["list", "--until", "today"],
    ["review"],
    ["review", "--list"],
    ["timeline"],
    ["info"],
]


def test_reads_leave_bad_rows_out_and_check_names_them(bad_db: Path, run_cli) -> None:
    for argv in READS:
        proc = run_cli("--db", str(bad_db), *argv)
        assert proc.returncode == 0, (argv, proc.stderr)
        assert proc.stderr == "", (argv, proc.stderr)
    listed = run_cli("--db", str(bad_db), "list", "--limit", "100", check_rc=0).stdout
    assert "Huge id" not in listed and "Negative id" not in listed
    added = run_cli("--db", str(bad_db), "add", "Shipped after the bad rows", check_rc=0).stdout.strip()
    assert int(added) < 2**31  # a new entry gets an id the sort key can hold, and lists
    assert "Shipped after the bad rows" in run_cli("--db", str(bad_db), "list", "--until", "today").stdout
    checked = run_cli("--db", str(bad_db), "check")
    assert checked.returncode == 1
    for expected in (
        "achievements id -3",
        "achievements id 4294967303",
        "questions id 1: card",
        "scores",
        "value role must be text",
    ):
        assert expected in checked.stdout, (expected, checked.stdout)
    assert "readable rows" in checked.stdout and "PROBLEM" in checked.stdout


def test_the_newest_readable_profile_value_is_used(bad_db: Path) -> None:
    from ctotui.core.db import open_db
    from ctotui.core.timeline.profile import load

    db = open_db(bad_db)
    profile = load(db)
    db.close()
    assert profile.role != 5 and (profile.role is None or isinstance(profile.role, str))
    assert profile.years_set is None or isinstance(profile.years_set, float)
