"""Applying records: first into the field state (the newest value of each field
wins by clock time, then device id; a tombstone wins over everything), then
onto the tables, for the rows whose winning values changed.

An achievement's number that the other device's parser read is read again from its words
with this device's parser (core/journal/metric_store.py's ``as_read_today``); a number the
user gave is written as it came, and so is a number kept from earlier words (the words
changed after it: ``read_from_these_words``), as every device holds it.

A row that cannot be written yet (a field it needs, or the row it refers to,
has not arrived: the logs are read in any order) waits in ``_sync_pending``
and is tried again at every sync. The writes made here are not this device's
changes: the caller takes their change marks off (run.py).
"""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING, Any

from ctotui.core.journal.metric_store import METRIC_COLUMNS, METRIC_TABLE, as_read_today
from ctotui.core.sync import state
from ctotui.core.sync.log import Record
from ctotui.core.sync.spec import BY_NAME, ORDER, Child, TableSpec

if TYPE_CHECKING:
    from sqlite_utils import Database


def absorb(db: Database, record: Record) -> bool:
    """Take a record into the field state; True when any field's winner changed."""
    if record.fields is None:
        return state.add_tombstone(db, record.table, record.gid, record.hlc, record.device)
    if state.tombstoned(db, record.table, record.gid):
        return False
    changed = False
    for name, value in record.fields.items():
        changed |= state.set_field(db, record.table, record.gid, name, value, record.hlc, record.device)
    return changed


def materialize(db: Database, touched: set[tuple[str, str]]) -> int:
    """Write the winning values of the ``touched`` rows (and of those waiting) onto the
    tables, parents first; the number of rows still waiting."""
    waiting = {(t, g) for t, g in db.execute("select tbl, gid from _sync_pending").fetchall()}
    todo = sorted((touched | waiting), key=lambda tg: (ORDER.get(tg[0], len(ORDER)), tg[1]))
    for table, gid in todo:
        spec = BY_NAME.get(table)
        if spec is None:
            continue  # a table a newer ctotui syncs: kept in the state only
        done = _write(db, spec, gid)
        if done:
            db.execute("delete from _sync_pending where tbl = ? and gid = ?", [table, gid])
        else:
            db.execute("insert or ignore into _sync_pending (tbl, gid) values (?, ?)", [table, gid])
    return db.execute("select count(*) from _sync_pending").fetchone()[0]


def _write(db: Database, spec: TableSpec, gid: str) -> bool:
    """Make the row match the state; False when it cannot be written yet."""
    local = state.local_of(db, spec.name, gid)
    if state.tombstoned(db, spec.name, gid):
        if local is not None:
            try:
                with db.atomic():  # a savepoint: a row others still refer to stays
                    for sql in spec.on_delete:
                        db.execute(sql, {"id": local})
                    db.execute(f"delete from {spec.name} where id = ?", [local])
            except sqlite3.IntegrityError:
                return False
        return True
    known = state.fields_of(db, spec.name, gid)
    values = {k: v for k, (v, _h, _d) in known.items() if k in spec.field_names}
    for column, target in spec.refs.items():
        if values.get(column) is not None:
            ref = state.local_of(db, target, values[column])
            if ref is None and state.tombstoned(db, target, values[column]):
                if _on_delete(db, spec.name, column) != "SET NULL":
                    return _gone_with_parent(db, spec, local)
                values[column] = None  # as the foreign key does when the row it names goes
                continue
            if ref is None:
                return False
            values[column] = ref
    for child in spec.children:
        if child.ref is not None and child.name in values:
            wanted = _local_ids(db, child.ref, values[child.name])
            if wanted is None:
                return False
            values[child.name] = wanted
    if local is None and spec.natural and gid.startswith(spec.natural + ":"):
        local = _by_natural(db, spec, gid[len(spec.natural) + 1 :])
    columns = {k: v for k, v in values.items() if k in spec.fields}
    if not all(_storable(v) for v in columns.values()):
        return False  # not a value any column holds (a damaged or foreign record): it waits
    if spec.name == METRIC_TABLE and read_from_these_words(known):
        columns = as_read_today(columns)  # another device's parser may be older: its answers are not kept
    try:
        with db.atomic():
            if local is None:
                if not _complete(db, spec, columns):
                    return False
                local = _insert(db, spec, columns)
                state.map_gid(db, spec.name, local, gid)
            else:
                _update(db, spec, local, columns)
            for child in spec.children:
                if child.name in values:
                    _children(db, child, local, values[child.name])
    except sqlite3.IntegrityError:
        return False
    return True


def read_from_these_words(known: dict[str, tuple[Any, str, str]]) -> bool:
    """Whether an achievement's metric, as its fields' winners hold it, was set when its words
    were (or later): the number its device read in these words, or the user gave. False when the
    words changed after it: a number kept from earlier words (``ctotui edit`` keeps one when the
    new words hold none), which today's parser reading the new words would drop."""
    metric = max((known[c][1:] for c in METRIC_COLUMNS if c in known), default=None)
    words = max((known[c][1:] for c in ("title", "body") if c in known), default=None)
    return metric is None or words is None or metric >= words


def _storable(value: Any) -> bool:
    return value is None or isinstance(value, (int, float, str))


def _on_delete(db: Database, table: str, column: str) -> str:
    """What the column's foreign key does when the row it names is deleted (CASCADE, SET NULL...)."""
    for row in db.execute(f"pragma foreign_key_list({table})").fetchall():
        if row[3] == column:
            return str(row[6]).upper()
    return "CASCADE"


def _gone_with_parent(db: Database, spec: TableSpec, local: int | None) -> bool:
    """The row refers to a row deleted for good: it goes too (as a cascade would have taken it)."""
    if local is not None:
        try:
            with db.atomic():
                db.execute(f"delete from {spec.name} where id = ?", [local])
        except sqlite3.IntegrityError:
            return False
    return True


def _local_ids(db: Database, table: str, gids: Any) -> list[int] | None:
    """The local ids of the rows a child list names (rows deleted for good left out);
    None when one has not arrived yet."""
    out = []
    for gid in gids if isinstance(gids, list) else []:
        local = state.local_of(db, table, gid)
        if local is None:
            if state.tombstoned(db, table, gid):
                continue
            return None
        out.append(local)
    return sorted(out)


def _by_natural(db: Database, spec: TableSpec, value: str) -> int | None:
    """The local row with this natural key, if it has no global id yet (made on both devices)."""
    row = db.execute(
        f"select id from {spec.name} t where {spec.natural} = ? "
        "and not exists (select 1 from _sync_ids i where i.tbl = ? and i.local_id = t.id)",
        [value, spec.name],
    ).fetchone()
    if row is None:
        return None
    state.map_gid(db, spec.name, row[0], f"{spec.natural}:{value}")
    return row[0]


def _complete(db: Database, spec: TableSpec, columns: dict[str, Any]) -> bool:
    """Whether every column the table needs a value for is known."""
    return all(columns.get(name) is not None for name in _required(db, spec))


def _required(db: Database, spec: TableSpec) -> list[str]:
    """The synced columns that are NOT NULL without a default (read once per table: the schema's)."""
    key = spec.name
    if key not in _REQUIRED:
        _REQUIRED[key] = [
            name
            for _cid, name, _type, notnull, default, pk in db.execute(f"pragma table_info({spec.name})").fetchall()
            if notnull and default is None and not pk and name in spec.fields
        ]
    return _REQUIRED[key]


_REQUIRED: dict[str, list[str]] = {}


def _insert(db: Database, spec: TableSpec, columns: dict[str, Any]) -> int:
    names = sorted(columns)
    cursor = db.execute(
        f"insert into {spec.name} ({', '.join(names)}) values ({', '.join('?' * len(names))})",
        [columns[n] for n in names],
    )
    assert cursor.lastrowid is not None  # an INSERT sets it
    return cursor.lastrowid


def _update(db: Database, spec: TableSpec, local: int, columns: dict[str, Any]) -> None:
    names = sorted(columns)
    if not names:
        return
    current = db.execute(f"select {', '.join(names)} from {spec.name} where id = ?", [local]).fetchone()
    changed = [n for n, old in zip(names, current, strict=True) if old != columns[n]]
    if changed:
        db.execute(
            f"update {spec.name} set {', '.join(f'{n} = ?' for n in changed)} where id = ?",
            [*(columns[n] for n in changed), local],
        )


def _children(db: Database, child: Child, parent: int, wanted: Any) -> None:
    items = [v for v in wanted if _storable(v) and v is not None] if isinstance(wanted, list) else []
    current = [
        r[0]
        for r in db.execute(
            f"select {child.column} from {child.table} where {child.parent} = ? order by {child.order}", [parent]
        ).fetchall()
    ]
    if child.ref is not None:
        current.sort()
    if current == items:
        return
    db.execute(f"delete from {child.table} where {child.parent} = ?", [parent])
    names = [child.parent, child.column, *([child.position] if child.position else [])]
    exprs = [":parent", ":value", *([":position"] if child.position else [])]
    for name, expr in child.fill.items():
        names.append(name)
        exprs.append(expr)
    sql = f"insert or ignore into {child.table} ({', '.join(names)}) values ({', '.join(exprs)})"
    for position, value in enumerate(items):
        db.execute(sql, {"parent": parent, "value": value, "position": position})
