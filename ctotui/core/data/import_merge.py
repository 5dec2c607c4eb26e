"""Merging a checked export into a database, in one transaction.

Tables go parents first. In each, a row of the file is, in this order:

1. already here: a row with the same content (every column but the integer
   id, links already renumbered) exists, so the file's row maps to it and is
   not added again (importing a file twice adds nothing the second time);
2. kept as it is here: a row with the same key (a settings key, a draft, a
   playbook question's id, or the same id and ``created_at``: the same entry,
   edited here since the export) exists with other content; the row here
   wins, nothing is overwritten, and the report names the keys. The rows that
   are part of it (the rows the sync sends as one of its fields, core/sync/spec.py:
   an entry's tags, skills and links, a person's vouches, a review's focus, a bar
   criterion's evidence) are the file's version of it too: they are left out, so
   the row here keeps exactly its own;
3. added: with its own id when that id is free here, else with a new one
   above every id in use; every column that links to it is rewritten.

The same id and ``created_at`` make the same row only when that moment names
one row: a ``created_at`` that several rows share, here or in the file (a
frozen clock, data made by a script, the demo), cannot tell two databases'
entry 1 apart, so such a row is compared by its content alone (and added
with a new id when it differs).

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

from ctotui.core.data.import_index import BULK as BULK
from ctotui.core.data.import_index import BULK_TABLES, bulk_indexing
from ctotui.core.data.import_json import Export, link_id, read_export
from ctotui.core.data.import_values import refused, row_label
from ctotui.core.data.tables import TableInfo, describe, parents_first, quote
from ctotui.core.data.transfer import transaction
from ctotui.core.errors import CtoError
from ctotui.core.row_rules import COPIES
from ctotui.core.sync.capture import insert_mark
from ctotui.core.sync.spec import SPECS

if TYPE_CHECKING:
    from pathlib import Path

    from sqlite_utils import Database

KEYS_SHOWN = 5
STAGE = "ctotui_import_stage"
STAMP = "created_at"  # with the same id, it makes a row here the same one as the file's
# child table -> (its column holding the parent's id, the parent table): the parts of a row
PARTS = {child.table: (child.parent, spec.name) for spec in SPECS for child in spec.children}


@dataclass(frozen=True)
class TableResult:
    table: str
    rows: int  # rows of this table in the file
    added: int
    present: int  # the same row was already here
    kept: int  # a row with the same key was here; it was kept
    kept_keys: tuple[str, ...]  # the first few of those keys
    dropped: int  # loose links to a row that is neither in the file nor free here
    left_out: int = 0  # parts of a row kept as it is here (its tags...): the row here keeps its own


@dataclass(frozen=True)
class ImportReport:
    source: str
    tables: tuple[TableResult, ...]
    dry_run: bool
    local: tuple[str, ...] = ()  # the settings of the machine that exported (its sync folder...): skipped

    @property
    def added(self) -> int:
        return sum(t.added for t in self.tables)

    @property
    def present(self) -> int:
        return sum(t.present for t in self.tables)

    @property
    def kept(self) -> int:
        return sum(t.kept for t in self.tables)

    @property
    def left_out(self) -> int:
        return sum(t.left_out for t in self.tables)


def import_json(
    db: Database, path: str | Path, *, dry_run: bool = False, row_by_row: bool = False, source: str | None = None
) -> ImportReport:
    """``ctotui import FILE``: check ``path`` whole (import_json.py reads it), then merge it into ``db``.
    ``row_by_row``: decide every row in Python, even for a table that could go in as it is (the
    tests compare both ways). ``source``: the name the report and errors give the file (default: its path)."""
    with _no_cyclic_collection():
        export = read_export(path, conn=db.conn, source=source)
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

    def added() -> bool:
        return any(r.added for r in results if r.table in BULK_TABLES)

    with transaction(db, dry_run=dry_run), bulk_indexing(db, export.counts, added):
        target = describe(db)
        maps: dict[str, dict[int, int]] = {}
        before: dict[str, set[int]] = {}
        as_is: set[str] = set()
        kept: dict[str, set[int]] = {}
        for table in parents_first(export.tables.values()):
            merging = _TableMerge(db, export, table, target[table.name], (maps, before, kept), as_is, row_by_row)
            results.append(merging.run())
        if export.copies_differ:
            _copies_follow(db, {r.table for r in results if r.added})
    return ImportReport(export.source, tuple(r for r in results if r.rows), dry_run, tuple(export.local))


class _TableMerge:
    def __init__(
        self,
        db: Database,
        export: Export,
        table: TableInfo,
        here: TableInfo,
        shared: tuple[dict[str, dict[int, int]], dict[str, set[int]], dict[str, set[int]]],
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
        # the file's ids -> ids here, the ids here before the import, the file's ids kept as they are here
        self.maps, self.before, kept = shared
        self.as_is = as_is
        self.id_map: dict[int, int] = self.maps.setdefault(table.name, {})
        self.kept_ids: set[int] = kept.setdefault(table.name, set())
        owner, parent = PARTS.get(table.name, ("", ""))
        self.owner = owner if owner in self.columns and not self.id_column else None
        self.owner_kept = kept.get(parent, set())
        self.added = self.present = self.kept = self.dropped = self.left_out = 0
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
            self.left_out,
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
        self.shared: set[Any] | None = None  # read when first needed (never on the way as they are)
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

    def _shared_stamps(self) -> set[Any]:
        """The ``created_at`` values that more than one row holds, here or in the file."""
        if self.shared is not None:
            return self.shared
        sql = f"select {quote(STAMP)} from {quote(self.table.name)} group by 1 having count(*) > 1"
        here = {stamp for (stamp,) in self.db.execute(sql)}
        self.shared = here | self.export.staging.repeated(self.table, STAMP)
        return self.shared

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
            ids = self.export.ids[self.table.name]  # known from the read: not read back from the staging
            self.id_map.update({row_id: row_id for row_id in ids})
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

    def _place(self, values: dict[str, Any], row: dict[str, Any]) -> bool:
        """Decide what becomes of one row (``row``: as in the file, its links not renumbered);
        True when it is to be added."""
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
            if self.owner is not None and row[self.owner] in self.owner_kept:
                self.left_out += 1  # part of a row kept as it is here: that row keeps its own
                return False
        clash = self._key_clash(values)
        if clash is not None:
            shown, existing = clash
            if self.id_column and existing is not None:
                self.id_map[values[self.id_column]] = existing
                self.kept_ids.add(values[self.id_column])
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
            if key == (self.id_column, STAMP) and wanted[1] in self._shared_stamps():
                continue  # a moment several rows share does not say which row this is
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
            elif self._place(values, row):
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
            raise CtoError(f"{self.export.source}: {self.table.name}: {refused(exc)}; nothing was imported") from None

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
                        raise CtoError(f"{self.export.source}: {where}: {refused(exc)}; nothing was imported") from None
                raise _Found  # every row went in alone: undo them and report the statement's error


def _copies_follow(db: Database, added: set[str]) -> None:
    """Every copy of a parent's value (row_rules.COPIES: a tag's date) in a table rows were added
    to, set from its parent: a file edited by hand may hold an entry's new date and its tags' old one."""
    for copy in COPIES:
        if copy.table in added:
            db.execute(copy.follow)


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
