"""`ctotui purge`: deleted entries go for good, with a count and a confirmation; `info` counts live entries."""

from __future__ import annotations

import json
import os
import pty
import subprocess

from process_tools import CTOTUI, readable

from ctotui.core.db import open_db
from ctotui.core.journal.entries import add_achievement, delete_achievement


def seeded(db_path, live: int = 2, deleted: int = 3) -> None:
    db = open_db(db_path)
    ids = [add_achievement(db, title=f"Entry {i}", skills=["business"], tags=["t"]).id for i in range(live + deleted)]
    for gone in ids[live:]:
        delete_achievement(db, gone)
    db.execute("insert into drafts (key, payload, updated_at) values (?, '{}', 'x')", [f"journal:edit:{ids[-1]}"])
    db.conn.commit()
    db.close()


def rows(db_path) -> tuple[int, int, int]:
    db = open_db(db_path)
    try:
        return (
            db.execute("select count(*) from achievements").fetchone()[0],
            db.execute("select count(*) from achievement_skills").fetchone()[0],
            db.execute("select count(*) from drafts").fetchone()[0],
        )
    finally:
        db.close()


def test_purge_yes_removes_deleted_entries_and_their_links(run_cli, db_path):
    seeded(db_path)
    info = json.loads(run_cli("info", "--json", check_rc=0).stdout)
    assert info["counts"]["achievements"] == 2 and info["counts"]["achievement_skills"] == 2 and info["trash"] == 3
    assert "3 deleted achievements (ctotui purge empties it)" in run_cli("info", check_rc=0).stdout
    proc = run_cli("purge", "--yes", check_rc=0)
    assert proc.stdout == "purged 3 deleted achievements\n" and proc.stderr == ""
    assert rows(db_path) == (2, 2, 0)
    assert run_cli("undelete", "5").returncode == 2  # gone for good
    assert run_cli("purge", "--yes", check_rc=0).stdout == "the trash is empty: nothing to purge\n"
    assert json.loads(run_cli("info", "--json", check_rc=0).stdout)["trash"] == 0


def test_purge_without_yes_refuses_when_stdin_is_not_a_terminal(run_cli, db_path):
    seeded(db_path)
    proc = run_cli("purge", input="y\n")
    assert proc.returncode == 2 and proc.stdout == ""
    assert proc.stderr == (
        "ctotui: 3 deleted achievements would go for good: add --yes to confirm (stdin is not a terminal to ask)\n"
    )
    assert rows(db_path) == (5, 5, 1)


def _on_a_terminal(db_path, answer: bytes) -> tuple[int, str]:
    """Run `ctotui purge` on a pseudo-terminal (stdin, stdout, stderr); answer its question; (exit code, output)."""
    leader, follower = pty.openpty()
    output = b""

    def read() -> bytes:
        assert readable(leader, 60), f"no output from ctotui purge: {output!r}"  # a guard against a hang, not a timing
        try:
            return os.read(leader, 4096)
        except OSError:  # the terminal closed: everything is read
            return b""

    try:
        proc = subprocess.Popen([str(CTOTUI), "purge"], stdin=follower, stdout=follower, stderr=follower)
        os.close(follower)
        while b"[y/N]" not in output:  # the question first, then the answer (reads block: no timing)
            chunk = read()
            assert chunk, output
            output += chunk
        os.write(leader, answer)
        code = proc.wait(timeout=60)
        while chunk := read():
            output += chunk
        return code, output.decode()
    finally:
        os.close(leader)


def test_purge_asks_on_a_terminal(db_path):
    seeded(db_path)
    code, output = _on_a_terminal(db_path, b"n\n")
    assert code == 0 and "Remove 3 deleted achievements for good? This cannot be undone. [y/N]" in output
    assert "nothing removed" in output and rows(db_path) == (5, 5, 1)
    code, output = _on_a_terminal(db_path, b"y\n")
    assert code == 0 and "purged 3 deleted achievements" in output
    assert rows(db_path) == (2, 2, 0)


def test_ctrl_d_at_the_question_removes_nothing_and_answers_on_a_line_of_its_own(db_path):
    """After ctrl+d, "nothing removed" was printed on the question's line: "… [y/N] nothing removed"."""
    seeded(db_path)
    code, output = _on_a_terminal(db_path, b"\x04")  # the terminal's end of file
    assert code == 0 and rows(db_path) == (5, 5, 1)
    question, _, rest = output.partition("[y/N] ")
    assert rest.lstrip(" ").startswith(("\r\n", "\n")) and "nothing removed" in rest, output
