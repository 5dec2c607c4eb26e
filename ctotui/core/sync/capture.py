"""Change capture: triggers note which synced rows changed, whoever wrote them
(the app, the CLI, an import, a script), and rows are read as the fields a record
carries.

The triggers only add a line to ``_sync_dirty`` (table, local id); what changed
is worked out at sync time by comparing the row with the last values known
(send.py). They are apart from the search index's triggers, which a big import
drops and makes again (core/data/import_merge.py): an import is captured too.
A deleted row's global id is taken out of ``_sync_ids`` by its trigger, in the
same transaction, so a later row that reuses the local id gets a new one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ctotui.core.sync import state
from ctotui.core.sync.spec import BY_NAME, Child, TableSpec

if TYPE_CHECKING:
    from sqlite_utils import Database


def trigger_sql(spec: TableSpec) -> str:
    """The triggers that capture changes to ``spec``'s table and its children."""
    t = spec.name
    mark = "insert into _sync_dirty (tbl, local_id) values ('{t}', {ref}.{col});"
    sql = f"""
        create trigger _sync_{t}_insert after insert on {t} begin
            {mark.format(t=t, ref="new", col="id")}
        end;
        create trigger _sync_{t}_update after update on {t} begin
            {mark.format(t=t, ref="new", col="id")}
        end;
        create trigger _sync_{t}_delete after delete on {t} begin
            insert into _sync_dirty (tbl, local_id, gid)
                select '{t}', old.id, gid from _sync_ids where tbl = '{t}' and local_id = old.id;
            delete from _sync_ids where tbl = '{t}' and local_id = old.id;
        end;
    """
    for child in spec.children:
        c = child.table
        sql += f"""
        create trigger _sync_{c}_insert after insert on {c} begin
            {mark.format(t=t, ref="new", col=child.parent)}
        end;
        create trigger _sync_{c}_update after update on {c} begin
            {mark.format(t=t, ref="new", col=child.parent)}
        end;
        create trigger _sync_{c}_delete after delete on {c} begin
            {mark.format(t=t, ref="old", col=child.parent)}
        end;
        """
    return sql


def mark_all(spec: TableSpec) -> str:
    """SQL noting every existing row of the table as changed (rows made before sync existed)."""
    return f"insert into _sync_dirty (tbl, local_id) select '{spec.name}', id from {spec.name} order by id;"


def read_row(db: Database, spec: TableSpec, local_id: int) -> dict[str, Any] | None:
    """The row as a record's fields (references as global ids, children as lists), or None if gone."""
    cols = ", ".join(spec.fields)
    row = db.execute(f"select {cols} from {spec.name} where id = ?", [local_id]).fetchone()
    if row is None:
        return None
    values = dict(zip(spec.fields, row, strict=True))
    for column, table in spec.refs.items():
        if values[column] is not None:
            values[column] = state.assign_gid(db, BY_NAME[table], values[column])
    for child in spec.children:
        values[child.name] = child_values(db, child, local_id, make_ids=True)
    return values


def child_values(db: Database, child: Child, parent: int, *, make_ids: bool) -> list[Any]:
    """The child rows' values as the parent's field: a list in order, or sorted global ids
    (``make_ids``: a row referred to gets its global id now; else an unsent one reads local:<id>)."""
    rows = db.execute(
        f"select {child.column} from {child.table} where {child.parent} = ? order by {child.order}", [parent]
    ).fetchall()
    if child.ref is None:
        return [r[0] for r in rows]
    spec = BY_NAME[child.ref]
    if make_ids:
        return sorted(state.assign_gid(db, spec, r[0]) for r in rows)
    return sorted(state.gid_of(db, spec.name, r[0]) or f"local:{r[0]}" for r in rows)


def all_rows(db: Database, spec: TableSpec) -> list[int]:
    return [r[0] for r in db.execute(f"select id from {spec.name} order by id").fetchall()]
