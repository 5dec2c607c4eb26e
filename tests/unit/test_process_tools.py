"""The helpers that read a pseudo-terminal (tests/process_tools.py) work in a busy test worker."""

from __future__ import annotations

import os
import resource

import pytest
from process_tools import readable

pty = pytest.importorskip("pty")


def test_a_terminal_numbered_above_1023_is_read() -> None:
    """A worker holding over a thousand descriptors (connections of earlier tests waiting for the
    collector) gave a pty test the descriptor 1307, which select.select refuses ("filedescriptor
    out of range in select()")."""
    soft, _ = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft != resource.RLIM_INFINITY and soft < 1100:
        pytest.skip(f"this process may hold only {soft} descriptors")
    held = [os.open(os.devnull, os.O_RDONLY) for _ in range(max(0, 1030 - len(os.listdir("/proc/self/fd"))))]
    leader, follower = pty.openpty()
    try:
        assert leader > 1023
        assert not readable(leader, 0)
        os.write(follower, b"x")
        assert readable(leader, 10)  # a guard against a hang: it is readable at once
    finally:
        for fd in (*held, leader, follower):
            os.close(fd)
