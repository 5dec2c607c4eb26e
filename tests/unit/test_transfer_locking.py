"""Two connections writing at once: a transaction that reads, then writes, holds
the write lock from its start, so it never fails with "database is locked"
because someone else wrote in between (SQLite cannot upgrade a stale snapshot)."""

from __future__ import annotations

import sqlite3

import pytest

from ctotui.core.db import open_db
from ctotui.core.settings import get_profile, set_profile


def test_atomic_takes_the_write_lock_at_once(db_path) -> None:
    first, second = open_db(db_path), open_db(db_path)
    second.execute("pragma busy_timeout = 0")  # do not wait: show who holds the lock
    with first.atomic():
        get_profile(first)  # a read first: with a plain BEGIN this would be a read snapshot only
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            second.execute("insert into settings values ('x', '1', 'now')")
        set_profile(first, role="Staff Engineer")  # nobody slipped in between: the write goes through
    second.execute("pragma busy_timeout = 10000")
    set_profile(second, role="Principal Engineer")
    assert get_profile(first)["role"] == "Principal Engineer"


def test_nested_atomic_is_a_savepoint(db) -> None:
    with db.atomic():
        set_profile(db, role="A")  # set_profile opens its own atomic(): nested
        with pytest.raises(ZeroDivisionError), db.atomic():
            set_profile(db, role="B")
            1 / 0  # noqa: B018
    assert get_profile(db)["role"] == "A"
