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

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ctotui.core.sync import state
from ctotui.core.sync.spec import BY_NAME, Child, TableSpec

if TYPE_CHECKING:
    from sqlite_utils import Database


MARK = "insert into _sync_dirty (tbl, local_id) values ('{t}', {ref}.{col});"


@dataclass(frozen=True)
class InsertMark:
    """What the trigger that notes a new row of ``table`` does: it adds the line
    (``noted``, the new row's ``column``) to ``_sync_dirty``, nothing else."""

    table: str
    trigger: str  # its name
    noted: str  # the synced table named in the line
    column: str  # the new row's column whose value is the line's local id

    def is_made_by(self, sql: str) -> bool:
        """Whether ``sql`` (a trigger's, as SQLite keeps it: "CREATE TRIGGER" in capitals) is
        this trigger as ``trigger_sql`` makes it, whatever its spacing: it does what this says
        and nothing more."""
        made = f"create trigger {self.trigger} after insert on {self.table} begin {MARK} end"
        made = made.format(t=self.noted, ref="new", col=self.column)
        words = sql.split()
        return [w.lower() for w in words[:2]] + words[2:] == made.split()


def insert_mark(table: str) -> InsertMark | None:
    """The insert trigger ``trigger_sql`` makes for ``table`` (a synced table or a child of
    one), for a caller that adds many rows at once with that trigger dropped and notes them
    in one statement instead (core/data/import_merge.py); None for a table not captured."""
    for spec in BY_NAME.values():
        if spec.name == table:
            return InsertMark(table, f"_sync_{table}_insert", table, "id")
        for child in spec.children:
            if child.table == table:
                return InsertMark(table, f"_sync_{table}_insert", spec.name, child.parent)
    return None


def trigger_sql(spec: TableSpec) -> str:
    """The triggers that capture changes to ``spec``'s table and its children."""
    t = spec.name
    mark = MARK
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
