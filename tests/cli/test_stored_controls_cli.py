"""Text stored by another tool or an older version, escape sequences and all, never reaches the
terminal: every command that prints stored text cleans it where core reads the row (core/text.py).

The sweep writes an escape sequence into every text column of every user table of the demo data
(straight SQL, around the app), then runs each command that prints stored text in a process of its
own and looks at the bytes it wrote."""

from __future__ import annotations

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
