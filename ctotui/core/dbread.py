"""Opening a database that is already at this version's schema, with sqlite3 alone.

A command that only reads (`ctotui list`, `search`, `show`) runs SQL on a
connection and uses nothing of sqlite-utils, whose import (it brings click,
pluggy and dateutil) was two thirds of such a command's run: ~60 of ~95 ms
(docs/performance.md). ``open_current(path)`` opens the file with Python's
sqlite3, the same connection class and the same busy timeout and pragmas as the
opener (core/db.py), when the file already holds every schema step of this
version and no other, which is nearly always. Otherwise (no file yet, an empty
one, an older or a newer schema, not a ctotui database, a file SQLite cannot
read, metrics read by an older parser) it answers None, having written nothing: the caller then opens it with
core/db.py's ``open_to_read``, which creates, migrates or refuses it with its
one-line reason. A file that cannot be written (read-only media) is opened
read-only (core/dbfile.py's ``read_only_uri``).

``SCHEMA_STEPS`` names this version's schema steps in order. core/migrations.py
registers the steps themselves (importing them costs ~25 ms, more than the
query); a unit test holds the two lists equal, so a step added there and not
here makes every read take the opener's path (slower, never wrong).
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterator
from typing import Any, NoReturn

from ctotui.core.dbfile import Reads, Rows, StorageConnection, busy_timeout_ms, prepare_file, read_only_uri, unwritable
from ctotui.core.errors import CtoError
from ctotui.core.journal.metric_version import PARSER_VERSION
from ctotui.core.userpath import user_path

MIGRATION_SET = "ctotui"  # sqlite_utils.Migrations' set name (core/migrations.py)
MIGRATIONS_TABLE = "_sqlite_migrations"  # where sqlite_utils.Migrations records the steps applied
SCHEMA_STEPS = (
    "m001_initial",
    "m002_journal",
    "m003_timeline",
    "m004_skills",
    "m005_drill",
    "m006_review",
    "m007_search",
    "m008_metrics",
    "m009_journal_links",
    "m011_people",
    "m012_drill_realism",
    "m013_drill_partner_mock",
    "m014_sync",
    "m015_indexes",
    "m016_latest_by_time",
    "m017_sync_history",
    "m018_plan_moved_on",
    "m019_search_spelled_out",
)


class WriteNeeded(CtoError):
    """A read on a connection that may not write (``open_current(..., query_only=True)``) needed to
    write first: content a new version seeds, a clock started on first use. Whoever opened it
    reads again once the opener has done those writes."""


WAIT_FOR_OPENER = "this read writes first: it waits for the opener"


class RefusesWrites:
    """Where the core's writes begin on sqlite_utils' Database (``atomic()``, and ``conn``, which
    the core reaches for only to write: ``writing``, batch inserts), ``WriteNeeded`` before any
    statement."""

    @contextlib.contextmanager
    def atomic(self) -> Iterator[None]:
        raise WriteNeeded(WAIT_FOR_OPENER)
        yield  # never reached: the generator that makes this a context manager

    @property
    def conn(self) -> NoReturn:
        raise WriteNeeded(WAIT_FOR_OPENER)


class QueryOnlyConnection(RefusesWrites, StorageConnection):
    """A connection that never writes: SQLite refuses every write on it (``pragma query_only``),
    and the core's writes raise ``WriteNeeded`` before they begin (``RefusesWrites``)."""


class OneRead(RefusesWrites):
    """One read of several parts (Home's cards and the coach) on a connection that never writes
    (``QueryOnlyConnection``), as one snapshot of the file (a read transaction, from ``with``
    to its end), in which a statement asked again with the same parameters gets the rows it got
    the first time instead of running again: nothing on that connection can change them. Home's
    read asks 117 statements of which 46 differ (the count of live entries, a quarter's evidence
    per skill, the profile...): at 100,000 entries ~29 → ~20 ms of CPU. A write raises
    ``WriteNeeded`` here as on the connection."""

    def __init__(self, conn: QueryOnlyConnection) -> None:
        self._conn = conn
        self._rows: dict[tuple[str, tuple[Any, ...]], list[Any]] = {}

    def __enter__(self) -> OneRead:
        self._conn.execute("begin")  # deferred: a read transaction, one snapshot for the whole read
        return self

    def __exit__(self, *_exc: object) -> None:
        self._rows.clear()
        if self._conn.in_transaction:
            self._conn.execute("rollback")  # a read: nothing to keep

    def execute(self, sql: str, parameters: Any = (), /) -> Rows:
        key = (sql, tuple(sorted(parameters.items())) if isinstance(parameters, dict) else tuple(parameters))
        try:
            rows = self._rows.get(key)
        except TypeError:  # a parameter that cannot be a key: asked as it is
            return _Kept(self._conn.execute(sql, parameters).fetchall())
        if rows is None:
            rows = self._rows[key] = self._conn.execute(sql, parameters).fetchall()
        return _Kept(rows)

    def close(self) -> None:
        self._conn.close()


class _Kept:
    """Rows kept by ``OneRead``, handed out as a cursor hands them (each caller gets its own list)."""

    def __init__(self, rows: list[Any]) -> None:
        self._rows = rows

    def fetchone(self) -> Any:
        return self._rows[0] if self._rows else None

    def fetchall(self) -> list[Any]:
        return list(self._rows)

    def __iter__(self) -> Iterator[Any]:
        return iter(list(self._rows))


def open_current(
    path: str | os.PathLike[str], *, busy_timeout: int | None = None, query_only: bool = False
) -> StorageConnection | None:
    """A connection to ``path`` if the file is at this version's schema, else None
    (nothing written either way). The file is checked first as the opener checks it
    (``prepare_file``: a folder, a device or a file without the SQLite header is a
    ``DatabaseError`` with its reason). ``query_only``: a ``QueryOnlyConnection``, for a read
    that must not write (the app's read of Home before its opener has run: ui/app.py)."""
    path = user_path(path)
    if not path.exists():
        return None  # the opener creates it
    prepare_file(path)
    timeout = busy_timeout_ms() if busy_timeout is None else busy_timeout
    # a file that cannot be written (read-only media, folder or file) is opened read-only, as the
    # opener opens it for reading: a WAL file on read-only media cannot be read otherwise
    target, uri = (str(path), False) if unwritable(path) is None else (read_only_uri(path), True)
    try:
        factory = QueryOnlyConnection if query_only else StorageConnection
        conn = sqlite3.connect(target, uri=uri, timeout=timeout / 1000, factory=factory)
    except sqlite3.Error:
        return None  # the opener says why
    conn.db_file = path
    conn.isolation_level = None  # autocommit, as the opener's
    try:
        if tuple(applied_steps(conn)) != SCHEMA_STEPS or not parsed_metrics_current(conn):
            conn.close()
            return None
        conn.execute(f"pragma busy_timeout = {int(timeout)}")
        conn.execute("pragma foreign_keys = on")
        if query_only:
            conn.execute("pragma query_only = on")
    except (sqlite3.Error, CtoError):  # no migrations table, a damaged or locked file: the opener says why
        with contextlib.suppress(sqlite3.Error):
            conn.close()
        return None
    return conn


def applied_steps(db: Reads) -> list[str]:
    """The schema steps applied to the file, oldest first (what core/db.py's ``schema_steps`` asks
    sqlite_utils' Migrations, read with one query: no sqlite-utils needed). Raises, as SQLite does,
    when the file has no list of steps."""
    rows = db.execute(
        f"select name from {MIGRATIONS_TABLE} where migration_set = ? order by rowid", [MIGRATION_SET]
    ).fetchall()
    return [name for (name,) in rows]


def parsed_metrics_current(conn: sqlite3.Connection) -> bool:
    """Whether the file's parsed metrics are this version's parser's answers (the opener reads
    them again when not: core/journal/metric_store.py's ``reread_parsed_metrics``)."""
    return bool(conn.execute("pragma user_version").fetchone()[0] == PARSER_VERSION)
