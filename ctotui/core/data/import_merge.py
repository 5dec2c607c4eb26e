"""Merging a checked export into a database, in one transaction.

Tables go parents first. In each, a row of the file is, in this order:

1. already here: a row with the same content (every column but the integer
   id, links already renumbered) exists, so the file's row maps to it and is
   not added again (importing a file twice adds nothing the second time);
2. kept as it is here: a row with the same key (a settings key, a draft, a
   playbook question's id, or the same id and ``created_at``: the same entry,
   edited here since the export) exists with other content; the row here
   wins, nothing is overwritten, and the report names the keys;
3. added: with its own id when that id is free here, else with a new one
   above every id in use; every column that links to it is rewritten.

A loose link (one SQLite does not enforce, e.g. evidence for a deleted
achievement) whose row is not in the file keeps its id when that id is free
here and is dropped when it would point at an unrelated row. The existing
rows of each table are read once into a dictionary, so a 100k-row table
costs one query, not one per row. The file's rows come one at a time from
the import's staging (core/data/import_stream.py), never all at once. Any SQLite
error rolls everything back.

When a table has no row here yet and nothing could make a row of the file
change (no unique key two of its rows could share, every link pointing at
rows that all went in with their own ids), its rows go from the staging to
the database as they are, without a decision per row in Python: a fresh
database's import (``_all_as_they_are``; tests/unit/test_import_fast_paths.py
checks that both ways give the same).
"""

from __future__ import annotations

import gc
import sqlite3
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from operator import itemgetter
from typing import TYPE_CHECKING, Any

from ctotui.core.data.import_json import Export, link_id, read_export
from ctotui.core.data.import_values import row_label
from ctotui.core.data.tables import TableInfo, describe, parents_first, quote
from ctotui.core.data.transfer import transaction
from ctotui.core.errors import CtoError, StorageError
from ctotui.core.sync.capture import insert_mark

if TYPE_CHECKING:
    from pathlib import Path

    from sqlite_utils import Database

KEYS_SHOWN = 5
BULK = 2000  # from this many entries and tags in the file on, the search index is built once at the end
BULK_TABLES = ("achievements", "achievement_tags")
BULK_TRIGGERS = ("achievements_fts_insert", "achievement_tags_fts_insert")  # what indexes a new entry, its tags
STAGE = "ctotui_import_stage"
FTS = "achievements_fts"
FTS_DEFAULT_HASHSIZE = 1024 * 1024  # FTS5's own (FTS5_DEFAULT_HASHSIZE in its source)
REBUILD_HASHSIZE = 32 * 1024 * 1024  # bytes of terms gathered in memory while the index is rebuilt
STAMP = "created_at"  # with the same id, it makes a row here the same one as the file's


@dataclass(frozen=True)
class TableResult:
    table: str
    rows: int  # rows of this table in the file
    added: int
    present: int  # the same row was already here
    kept: int  # a row with the same key was here; it was kept
    kept_keys: tuple[str, ...]  # the first few of those keys
    dropped: int  # loose links to a row that is neither in the file nor free here


@dataclass(frozen=True)
class ImportReport:
    source: str
    tables: tuple[TableResult, ...]
    dry_run: bool

    @property
    def added(self) -> int:
        return sum(t.added for t in self.tables)

    @property
    def present(self) -> int:
        return sum(t.present for t in self.tables)

    @property
    def kept(self) -> int:
        return sum(t.kept for t in self.tables)


def import_json(db: Database, path: str | Path, *, dry_run: bool = False, row_by_row: bool = False) -> ImportReport:
    """``ctotui import FILE``: check ``path`` whole (import_json.py reads it), then merge it into ``db``.
    ``row_by_row``: decide every row in Python, even for a table that could go in as it is (the
    tests compare both ways)."""
    with _no_cyclic_collection():
        export = read_export(path, conn=db.conn)
        try:
            return merge(db, export, dry_run=dry_run, row_by_row=row_by_row)
        finally:
            export.close()


@contextmanager
def _no_cyclic_collection() -> Iterator[None]:
    """Python's cyclic garbage collector off while the import runs, as it was after.

    Reading a file builds a dict for each of its rows (483,000 at 100,000 entries), and
    every 2,000 or so new objects start a collection of the young ones: ~0.15 s of CPU
    at 100,000 entries for nothing, since rows, values and the parser's events hold no
    reference cycles (reference counting frees them as soon as a batch is staged). Memory
    is the same. The collector is switched on again (if it was on) when the import ends,
    however it ends, so the process's state is as before; the import runs in the CLI's
    process (or a test's), never beside the TUI's threads."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def merge(db: Database, export: Export, *, dry_run: bool = False, row_by_row: bool = False) -> ImportReport:
    results: list[TableResult] = []
    with transaction(db, dry_run=dry_run), _bulk_indexing(db, export, results):
        target = describe(db)
        maps: dict[str, dict[int, int]] = {}
        before: dict[str, set[int]] = {}
        as_is: set[str] = set()
        for table in parents_first(export.tables.values()):
            merging = _TableMerge(db, export, table, target[table.name], maps, before, as_is, row_by_row)
            results.append(merging.run())
    return ImportReport(export.source, tuple(r for r in results if r.rows), dry_run)


@contextmanager
def _bulk_indexing(db: Database, export: Export, results: list[TableResult]) -> Iterator[None]:
    """For a big file, build the search index once at the end instead of row by row.

    The triggers that index a new entry, and index it AGAIN for each of its tags,
    are dropped inside the import's transaction, the rows added, the index rebuilt
    from its content (when any entry or tag was added) and the triggers made again
    exactly as they were: ~3x faster at 100,000 entries. Any error rolls the whole
    transaction back, triggers included.
    """
    if sum(export.counts.get(t, 0) for t in BULK_TABLES) < BULK:
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
    if any(r.added for r in results if r.table in BULK_TABLES):
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


class _TableMerge:
    def __init__(
        self,
        db: Database,
        export: Export,
        table: TableInfo,
        here: TableInfo,
        maps: dict[str, dict[int, int]],
        before: dict[str, set[int]],
        as_is: set[str],
        row_by_row: bool = False,
    ) -> None:
        self.db, self.export, self.table = db, export, table
        self.row_by_row = row_by_row
        self.count = export.counts.get(table.name, 0)
        self.columns = [c for c in table.names if c in here.names]  # a column dropped since is left out
        self.id_column = table.id_column if table.id_column in self.columns else None
        self.content = [c for c in self.columns if c != self.id_column]
        self.unique = [k for k in here.unique if all(c in self.columns for c in k)]
        self.content_of = _getter(self.content)
        self.maps, self.before, self.as_is = maps, before, as_is
        self.id_map: dict[int, int] = maps.setdefault(table.name, {})
        self.added = self.present = self.kept = self.dropped = 0
        self.kept_keys: list[str] = []

    def run(self) -> TableResult:
        self._read_existing()
        if self.count:
            if not self.row_by_row and self._all_as_they_are():
                self._insert_as_they_are()
            else:
                self._insert(self._added())
        return TableResult(
            self.table.name,
            self.count,
            self.added,
            self.present,
            self.kept,
            tuple(self.kept_keys[:KEYS_SHOWN]),
            self.dropped,
        )

    def _read_existing(self) -> None:
        """One query: every row here, by content and by each unique key."""
        name = self.table.name
        picked = ([self.id_column] if self.id_column else []) + self.content
        sql = f"select {', '.join(quote(c) for c in picked)} from {quote(name)}"
        self.by_content: dict[tuple[Any, ...], list[int]] = {}
        self.counts: Counter[tuple[Any, ...]] = Counter()
        self.keys: dict[tuple[str, ...], dict[tuple[Any, ...], int | None]] = {k: {} for k in self.unique}
        if self.table.key and not self.id_column:
            self.keys[self.table.key] = {}
        if self.id_column and STAMP in self.content:  # the same id, created at the same moment: edited since
            self.keys[(self.id_column, STAMP)] = {}
        self.key_of = [(k, _getter(k), found) for k, found in self.keys.items()]
        ids: set[int] = set()
        index = {c: i for i, c in enumerate(picked)}
        for row in self.db.execute(sql):
            row_id = row[0] if self.id_column else None
            content = row[1:] if self.id_column else tuple(row)
            if self.id_column:
                ids.add(row[0])
                self.by_content.setdefault(content, []).append(row[0])
            else:
                self.counts[content] += 1
            for key, found in self.keys.items():
                found.setdefault(tuple(row[index[c]] for c in key), row_id)
        self.before[name] = ids
        self.used: set[int] = set()
        self.seen: Counter[tuple[Any, ...]] = Counter()
        reserved = self.export.dangling.get(name, set())
        self.next_id = max([0, *ids, self.export.max_ids.get(name, 0), *reserved]) + 1
        self.taken = set(ids)

    def _all_as_they_are(self) -> bool:
        """True when every row of the file is sure to be added exactly as it is, so that
        deciding row by row (``_added``) would change nothing: no row here yet (nothing
        already here, no key or id taken), no unique key that two rows of the file could
        share (the primary key is unique in the file: import_values.py checks it), and
        every link pointing at a table whose rows all went in with their own ids, with
        no loose link to a row outside the file. The link is a plain id: a text key's
        number is rewritten ("journal:edit:07" becomes "journal:edit:7")."""
        if self.before[self.table.name] or self.by_content or self.counts or self.unique:
            return False
        for link in self.table.links:
            if link.prefix or link.table == self.table.name or link.table not in self.as_is:
                return False
            if not link.declared and self.export.dangling.get(link.table):
                return False
        return True

    def _insert_as_they_are(self) -> None:
        """Every row of the file, unchanged and with its own id, straight from the staging:
        with one INSERT ... SELECT when the staging is attached to this connection."""
        self.added = self.count
        staging = self.export.staging
        select = staging.source(self.table, self.columns) if staging.conn is self.db.conn else None
        if select is None:
            self._insert(staging.numbered(self.table, self.columns))
        else:
            self._add_all_noted_at_once(select, lambda: staging.numbered(self.table, self.columns))
        if self.id_column:
            self.id_map.update((row_id, row_id) for *_number, row_id in self.export.staging.numbered(self.table, []))
            self.as_is.add(self.table.name)

    def _add_all_noted_at_once(self, select: str, numbered: Callable[[], Iterable[tuple[Any, ...]]]) -> None:
        """``_add_all`` for rows going in as they are, with the sync's change capture noting
        them in one statement instead of its trigger noting each row (core/sync/capture.py).

        The trigger adds a line to ``_sync_dirty`` for each new row, in the order the rows
        go in: dropped inside the import's transaction, the rows added, the same lines added
        at once from the staging, in the same order, and the trigger made again exactly as it
        was (~0.2 s less at 100,000 entries: 480,000 trigger runs). Any error rolls the whole
        transaction back, trigger included. Only when the trigger is the one ``trigger_sql``
        makes and no other trigger of the table writes the sync's tables; else ``_add_all``."""
        mark = insert_mark(self.table.name)
        if mark is None or mark.column not in self.columns:
            self._add_all(select, numbered)
            return
        triggers = dict(
            self.db.execute(
                "select name, sql from sqlite_master where type = 'trigger' and tbl_name = ?", [self.table.name]
            ).fetchall()
        )
        saved = triggers.pop(mark.trigger, None)
        lines = self.export.staging.source(self.table, [mark.column], first=mark.noted)
        if (
            saved is None
            or not mark.is_made_by(saved)
            or lines is None
            or any(map(_writes_sync_on_insert, triggers.values()))
        ):
            self._add_all(select, numbered)
            return
        self.db.execute(f"drop trigger {mark.trigger}")
        self._add_all(select, numbered)
        self.db.execute(f"insert into _sync_dirty (tbl, local_id) {lines}")
        self.db.execute(saved)

    def _renumber_links(self, row: dict[str, Any], index: int) -> dict[str, Any] | None:
        """The row with its links pointing at the rows' ids here; None to drop a loose link."""
        values = dict(row)
        for link in self.table.links:
            value = values.get(link.column)
            old = link_id(value, link.prefix)
            if old is None:
                continue
            new = self.maps.get(link.table, {}).get(old)
            if new is None:  # not in the file (checked: only loose links get here)
                if old in self.before.get(link.table, ()):
                    return None
                if not link.prefix:  # a link to a row that is nowhere (a draft's key may outlive its row)
                    where = row_label(self.table.name, index, row, self.table.id_column)
                    raise CtoError(
                        f"{self.export.source}: {where}: {link.column} {old} refers to a row of {link.table} "
                        "that is neither in the file nor in the database; nothing was imported"
                    )
                continue
            values[link.column] = f"{link.prefix}{new}" if link.prefix else new
        return values

    def _place(self, values: dict[str, Any]) -> bool:
        """Decide what becomes of one row; True when it is to be added."""
        content = self.content_of(values)
        if self.id_column:
            file_id = values[self.id_column]
            match = self._same_row(content, file_id)
            if match is not None:
                self.id_map[file_id] = match
                self.present += 1
                return False
        else:
            self.seen[content] += 1
            if self.seen[content] <= self.counts[content]:
                self.present += 1
                return False
        clash = self._key_clash(values)
        if clash is not None:
            shown, existing = clash
            if self.id_column and existing is not None:
                self.id_map[values[self.id_column]] = existing
            self.kept += 1
            self.kept_keys.append(shown)
            return False
        if self.id_column:
            file_id = values[self.id_column]
            new_id = file_id if file_id not in self.taken else self._fresh_id()
            self.taken.add(new_id)
            self.id_map[file_id] = new_id
            values[self.id_column] = new_id
        for _key, key_of, found in self.key_of:
            found[key_of(values)] = values[self.id_column] if self.id_column else None
        return True

    def _same_row(self, content: tuple[Any, ...], file_id: int) -> int | None:
        candidates = self.by_content.get(content)
        if not candidates:
            return None
        if file_id in candidates and file_id not in self.used:
            self.used.add(file_id)
            return file_id
        for candidate in candidates:
            if candidate not in self.used:
                self.used.add(candidate)
                return candidate
        return None

    def _key_clash(self, values: dict[str, Any]) -> tuple[str, int | None] | None:
        for key, key_of, found in self.key_of:
            wanted = key_of(values)
            if wanted in found and None not in wanted:
                shown = f"{key[0]} {wanted[0]}" if key == (self.id_column, STAMP) else ", ".join(map(str, wanted))
                return shown, found[wanted]
        return None

    def _fresh_id(self) -> int:
        while self.next_id in self.taken:
            self.next_id += 1
        self.next_id += 1
        return self.next_id - 1

    def _added(self) -> Iterator[list[Any]]:
        """The file's rows to add, renumbered, each with its row number and id in the file."""
        cols, id_column = self.columns, self.table.id_column
        for index, row in enumerate(self.export.rows(self.table.name), 1):
            values = self._renumber_links(row, index)
            if values is None:
                self.dropped += 1
            elif self._place(values):
                self.added += 1
                yield [*(values[c] for c in cols), index, row[id_column] if id_column else None]

    def _insert(self, rows: Iterator[tuple[Any, ...] | list[Any]]) -> None:
        """Stage the rows to add in a temporary table, then add them in ONE statement.

        One statement per row would be four times slower for the journal: FTS5
        writes its pending index out at the end of every statement. The rows come
        one at a time, straight from the file's staging (decided by ``_added``, or
        as they are): none is held here.
        """
        db, cols = self.db, self.columns
        slots = ", ".join(f"c{i}" for i in range(len(cols)))
        db.execute(f"drop table if exists temp.{STAGE}")
        db.execute(f"create temp table {STAGE} ({slots}, n, o)")  # untyped: values stay as they are
        try:
            db.conn.executemany(f"insert into temp.{STAGE} values ({', '.join('?' * (len(cols) + 2))})", rows)
            if self.added:
                self._add_all(
                    f"select {slots} from temp.{STAGE} order by n",
                    lambda: db.execute(f"select {slots}, n, o from temp.{STAGE} order by n"),
                )
        finally:
            db.execute(f"drop table if exists temp.{STAGE}")

    def _add_all(self, select: str, numbered: Callable[[], Iterable[tuple[Any, ...]]]) -> None:
        """Add the rows ``select`` reads, in ONE statement; when SQLite refuses them, name
        the row it refuses: the rows of ``numbered()`` (each row's values, its number and
        id in the file) are added one by one, then undone."""
        target = f"{quote(self.table.name)} ({', '.join(quote(c) for c in self.columns)})"
        try:
            with self.db.atomic():  # a savepoint: an error leaves the table as it was
                self.db.execute(f"insert into {target} {select}")
        except sqlite3.Error as exc:
            self._name_the_bad_row(target, list(numbered()))
            raise CtoError(f"{self.export.source}: {self.table.name}: {exc}; nothing was imported") from None

    def _name_the_bad_row(self, target: str, staged: list[tuple[Any, ...]]) -> None:
        """Add the rows one by one (then undo) to say which one SQLite refuses."""
        sql = f"insert into {target} values ({', '.join('?' * len(self.columns))})"
        with suppress(_Found):
            with self.db.atomic():
                for *values, index, file_id in staged:
                    try:
                        self.db.execute(sql, values)
                    except sqlite3.Error as exc:
                        row = {self.table.id_column: file_id}
                        where = row_label(self.table.name, index, row, self.table.id_column)
                        raise CtoError(f"{self.export.source}: {where}: {exc}; nothing was imported") from None
                raise _Found  # every row went in alone: undo them and report the statement's error


def _writes_sync_on_insert(sql: str) -> bool:
    """Whether a trigger (its SQL as SQLite keeps it) runs when a row is added and names the sync's tables."""
    header = " ".join(sql.lower().split()).partition(" begin ")[0]
    return " insert on " in f"{header} " and "_sync" in sql


class _Found(Exception):
    pass


def _getter(columns: list[str] | tuple[str, ...]) -> Callable[[dict[str, Any]], tuple[Any, ...]]:
    """A fast row -> tuple of these columns."""
    if len(columns) == 1:
        only = columns[0]
        return lambda row: (row[only],)
    if not columns:
        return lambda row: ()
    return itemgetter(*columns)
