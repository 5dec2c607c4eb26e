"""The installed console script, run in a process of its own as a user would run it.

Here, not in conftest.py: a test that imported ``from conftest import ...`` got whichever conftest
module Python had loaded under that name, and in a run of tests/cli with tests/snapshots that was
tests/snapshots/conftest.py ("cannot import name 'CTOTUI' from 'conftest'": four files not
collected). conftest.py imports these too, for its fixtures.
"""

from __future__ import annotations

import os
import select
import subprocess
import sys
from pathlib import Path

CTOTUI = Path(sys.executable).with_name("ctotui")


def run_process(*args: str, input: str | None = None, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Run the installed console script in a process of its own, as a user would."""
    return subprocess.run(
        [str(CTOTUI), *args],
        input=input,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=60,
    )


def readable(fd: int, timeout: float) -> bool:
    """Whether ``fd`` (a pseudo-terminal's end) has bytes to read, or has closed, within ``timeout`` seconds.

    ``select.poll``, not ``select.select``: select takes no descriptor above 1023, and a test
    worker holds more than that once the connections of earlier tests wait for the collector
    (Python 3.11's sqlite3 connection is a reference cycle: one left open closes when a full
    collection finds it). A pty test then failed with "filedescriptor out of range in select()"."""
    poller = select.poll()
    poller.register(fd, select.POLLIN)
    return bool(poller.poll(timeout * 1000))


def run_at_a_terminal(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    """Run the console script with its stderr on a pseudo-terminal (a person's shell), its stdout
    a pipe: (exit status, stdout, what the terminal showed)."""
    import pty  # not on Windows: the tests that use it skip there

    master, slave = pty.openpty()
    try:
        proc = subprocess.Popen(
            [str(CTOTUI), *args],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=slave,
            env={**os.environ, **(env or {})},
        )
    finally:
        os.close(slave)
    shown = b""
    try:
        while readable(master, 60):
            try:
                chunk = os.read(master, 4096)
            except OSError:  # Linux: EIO once the process has closed its end
                break
            if not chunk:
                break
            shown += chunk
        out = proc.stdout.read().decode() if proc.stdout else ""
        code = proc.wait(timeout=60)
    finally:
        os.close(master)
        if proc.stdout:
            proc.stdout.close()
    return code, out, shown.decode().replace("\r\n", "\n")


def stdout_at_a_terminal(*args: str, columns: int) -> str:
    """Run ctotui with its stdout on a pseudo-terminal ``columns`` wide (COLUMNS, which the
    terminal size is read from first); what it printed, line ends as written."""
    import pty  # not on Windows: the tests that use it skip there

    leader, follower = pty.openpty()
    chunks = []
    try:
        proc = subprocess.Popen(
            [str(CTOTUI), *args], stdout=follower, stderr=subprocess.PIPE, env={**os.environ, "COLUMNS": str(columns)}
        )
        os.close(follower)
        while True:
            assert readable(leader, 60), b"".join(chunks)  # a guard against a hang, not a timing
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the terminal closed: everything is read
                break
            if not chunk:
                break
            chunks.append(chunk)
        assert proc.wait(timeout=60) == 0, proc.stderr.read() if proc.stderr else ""
        if proc.stderr:
            proc.stderr.close()
    finally:
        os.close(leader)
    return b"".join(chunks).decode().replace("\r\n", "\n")
