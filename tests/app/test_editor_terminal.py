"""ctrl+e for real: ctotui runs in a pseudo-terminal (not headless, so Textual can suspend),
a fake editor script is $EDITOR, and the body it writes is saved with the form.

Pilot cannot suspend (test_editor_field.py says why); this test drives the app as a person
at a terminal does, by its keys, and checks the database. It waits on what the terminal
shows and on the database, never on the clock (a deadline only stops a hung run)."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from editor_helpers import FakeEditor, fake_editor_in
from process_tools import CTOTUI, readable

pty = pytest.importorskip("pty")
fcntl = pytest.importorskip("fcntl")
termios = pytest.importorskip("termios")

DEADLINE = 120.0  # seconds: a loaded machine starts the app slowly; a hung run fails, it does not hang


class Terminal:
    """ctotui in a pseudo-terminal of 120x40: keys in, the screen's bytes out."""

    def __init__(self, db: Path, env: dict[str, str]) -> None:
        self.master, slave = pty.openpty()
        winsize = b"".join(n.to_bytes(2, sys.byteorder) for n in (40, 120, 0, 0))
        fcntl.ioctl(slave, termios.TIOCSWINSZ, winsize)
        self.proc = subprocess.Popen(
            [CTOTUI, "--db", str(db)], stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True
        )
        os.close(slave)
        self.seen = b""

    def read(self, timeout: float = 0.05) -> None:
        if readable(self.master, timeout):
            try:
                self.seen += os.read(self.master, 1 << 16)
            except OSError:  # the app has ended and closed the terminal
                pass

    def wait_for(self, condition, what: str) -> None:
        """Keep reading the screen (an app whose output is not read blocks) until ``condition()``."""
        end = time.monotonic() + DEADLINE
        while not condition():
            if time.monotonic() > end or self.proc.poll() is not None:
                raise AssertionError(f"{what}: not seen; the terminal's last bytes: {self.seen[-1500:]!r}")
            self.read()

    def press(self, keys: bytes) -> None:
        self.seen = b""
        os.write(self.master, keys)

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait(30)
        os.close(self.master)


def stored(db: Path) -> list[tuple[str, str]]:
    try:
        con = sqlite3.connect(db)
        try:
            return con.execute("select title, body from achievements").fetchall()
        finally:
            con.close()
    except sqlite3.Error:  # being written: read again
        return []


@pytest.fixture
def fake_editor(tmp_path, monkeypatch) -> FakeEditor:
    return fake_editor_in(tmp_path, monkeypatch)


def test_ctrl_e_hands_the_terminal_to_the_editor_and_the_body_comes_back(tmp_path, fake_editor):
    db = tmp_path / "pty.db"
    subprocess.run([CTOTUI, "--db", db, "profile", "--name", "Pat", "--years", "5"], check=True, capture_output=True)
    fake_editor.will_write("Written in the editor.\nA second line.\n")
    term = Terminal(db, {**os.environ, "TERM": "xterm-256color", "COLUMNS": "120", "LINES": "40"})
    try:
        term.wait_for(lambda: b"Journal" in term.seen, "the first screen")
        term.press(b"j")
        term.wait_for(lambda: b"Filter" in term.seen, "the journal")
        term.press(b"n")
        term.wait_for(lambda: b"New achievement" in term.seen, "the new achievement form")
        term.press(b"Shipped the search")
        term.press(b"\t" * 7)  # title → date → category → tags → number → links → skills → body
        term.wait_for(lambda: b"ctrl+e editor" in term.seen, "the body's ctrl+e hint")
        term.press(b"\x05")  # ctrl+e: the app steps aside, the editor runs, the app comes back
        term.wait_for(lambda: b"Written in the editor." in term.seen, "the editor's text in the field")
        (run,) = fake_editor.runs
        assert run["text"] == ""  # the field was empty
        assert stored(db) == []  # not saved until the user saves
        term.press(b"\x13")  # ctrl+s
        term.wait_for(lambda: stored(db), "the saved achievement")
        assert stored(db) == [("Shipped the search", "Written in the editor.\nA second line.")]
    finally:
        term.close()
