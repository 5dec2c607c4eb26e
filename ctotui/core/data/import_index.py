"""A big import's search index: built once at the end instead of row by row (import_merge.py).

``counts``: the file's rows per table; ``added()``: whether the import added any entry or tag.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from ctotui.core.errors import StorageError

if TYPE_CHECKING:
    from sqlite_utils import Database

BULK = 2000  # from this many entries and tags in the file on, the search index is built once at the end
BULK_TABLES = ("achievements", "achievement_tags")
BULK_TRIGGERS = ("achievements_fts_insert", "achievement_tags_fts_insert")  # what indexes a new entry, its tags
FTS = "achievements_fts"
FTS_DEFAULT_HASHSIZE = 1024 * 1024  # FTS5's own (FTS5_DEFAULT_HASHSIZE in its source)
REBUILD_HASHSIZE = 32 * 1024 * 1024  # bytes of terms gathered in memory while the index is rebuilt


@contextmanager
def bulk_indexing(db: Database, counts: dict[str, int], added: Callable[[], bool]) -> Iterator[None]:
    """For a big file, build the search index once at the end instead of row by row.

    The triggers that index a new entry, and index it AGAIN for each of its tags,
    are dropped inside the import's transaction, the rows added, the index rebuilt
    from its content (when any entry or tag was added) and the triggers made again
    exactly as they were: ~3x faster at 100,000 entries. Any error rolls the whole
    transaction back, triggers included.
    """
    if sum(counts.get(t, 0) for t in BULK_TABLES) < BULK:
        yield
        return
    saved = [
        sql
        for (sql,) in db.execute(
            f"select sql from sqlite_master where type = 'trigger' and name in ({', '.join('?' * len(BULK_TRIGGERS))})",
            list(BULK_TRIGGERS),
        ).fetchall()
    ]
    for name in BULK_TRIGGERS:
        db.execute(f"drop trigger if exists {name}")
    yield
    if added():  # any entry or tag
        _rebuild_index(db)
    for sql in saved:
        db.execute(sql)


def _rebuild_index(db: Database) -> None:
    """The search index built again from its content, with a bigger buffer while it runs.

    FTS5 gathers the terms of the rows it indexes in memory and writes them out as a new
    segment of the index when the buffer is full (1 MiB by default), merging segments as
    they pile up. With 32 MiB the rebuild writes a tenth of the segments and merges far
    less: about twice as fast at 100,000 entries, for ~35 MB more memory while it runs.
    The option is stored in the index's own config table, so it is set back (to what it
    was: FTS5's default unless someone chose another) before the transaction ends; a
    SQLite that does not know the option rebuilds with its own buffer."""
    (previous,) = db.execute(
        f"select coalesce((select v from {FTS}_config where k = 'hashsize'), {FTS_DEFAULT_HASHSIZE})"
    ).fetchone()
    bigger = _index_option(db, "hashsize", REBUILD_HASHSIZE)
    db.execute(f"insert into {FTS} ({FTS}) values ('rebuild')")
    if bigger:
        _index_option(db, "hashsize", previous)


def _index_option(db: Database, name: str, value: Any) -> bool:
    """Set an option of the search index (stored with it); False when this SQLite refuses it."""
    try:
        db.execute(f"insert into {FTS} ({FTS}, rank) values (?, ?)", [name, value])
    except StorageError:
        raise
    except sqlite3.OperationalError:
        return False
    return True
