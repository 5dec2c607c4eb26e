"""What this device sends: the rows its triggers noted as changed, compared field
by field with the last values known, each changed row one record with a new
clock time; a deleted row that had a global id, a tombstone.

A change's clock time is ticked from the time it was made, not the time it is
sent: an edit made on Monday and synced on Friday is still older than one made on
Wednesday elsewhere. The time made is the latest of the row's own change times
that the change moved (``MADE_AT``: ``updated_at``, ``edited_at``, ``deleted_at``),
never later than now; a change that moved none of them is taken as made now.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from ctotui.core.sync import capture, state
from ctotui.core.sync.hlc import Hlc, tick, wall_millis
from ctotui.core.sync.log import Record
from ctotui.core.sync.spec import BY_NAME, SPECS

if TYPE_CHECKING:
    from sqlite_utils import Database

MADE_AT = ("updated_at", "edited_at", "deleted_at")  # columns a change sets to the time it is made


def prepare(db: Database) -> None:
    """Give every noted row (and every row it refers to) its global id, and make the
    device id, in a transaction of their own before the send: a kill after the log
    is written but before the send commits then finds its records' ids still here."""
    state.device_id(db)
    noted = db.execute("select distinct tbl, local_id from _sync_dirty where gid is null").fetchall()
    for spec in SPECS:
        for table, local_id in noted:
            if table == spec.name and state.gid_of(db, table, local_id) is None:
                if db.execute(f"select 1 from {table} where id = ?", [local_id]).fetchone():
                    capture.read_row(db, spec, local_id)  # gives the rows it refers to their ids
                    state.assign_gid(db, spec, local_id)


def collect(db: Database, device: str, clock: Hlc) -> tuple[list[Record], Hlc]:
    """The records of every change noted since the last send (kept in the field state
    and taken off the change list, in the caller's transaction) and the clock after."""
    noted = db.execute("select seq, tbl, local_id, gid from _sync_dirty order by seq").fetchall()
    if not noted:
        return [], clock
    live: dict[str, set[int]] = {}
    dead: dict[tuple[str, str], None] = {}
    for _seq, table, local_id, gid in noted:
        if table not in BY_NAME:
            continue
        if gid is None:
            live.setdefault(table, set()).add(local_id)
        else:
            dead[(table, gid)] = None
    records: list[Record] = []
    changes: list[tuple[int, str, str, dict[str, Any]]] = []  # (made, table, gid, changed fields)
    later: list[tuple[str, int]] = []
    now = wall_millis()
    for spec in SPECS:
        for local_id in sorted(live.get(spec.name, ())):
            gid = state.gid_of(db, spec.name, local_id)
            values = capture.read_row(db, spec, local_id) if gid is not None else None
            if values is None or gid is None:
                if gid is None and db.execute(f"select 1 from {spec.name} where id = ?", [local_id]).fetchone():
                    later.append((spec.name, local_id))  # made after prepare(): the next sync sends it
                continue
            if state.tombstoned(db, spec.name, gid):
                continue
            known = state.fields_of(db, spec.name, gid)
            changed = {k: v for k, v in values.items() if k not in known or known[k][0] != v}
            if not changed:
                continue
            changes.append((made_at(changed, now), spec.name, gid, changed))
    changes.sort(key=lambda change: change[0])  # in the order they were made
    for made, table, gid, changed in changes:
        clock = tick(clock, made)
        for name, value in changed.items():
            state.set_field(db, table, gid, name, value, str(clock), device)
        records.append(Record(device, str(clock), table, gid, changed))
    for table, gid in dead:
        clock = tick(clock)
        if state.add_tombstone(db, table, gid, str(clock), device):
            records.append(Record(device, str(clock), table, gid, None))
    db.execute("delete from _sync_dirty where seq <= ?", [noted[-1][0]])
    db.conn.executemany("insert into _sync_dirty (tbl, local_id) values (?, ?)", later)
    return records, clock


def made_at(changed: dict[str, Any], now: int) -> int:
    """When a change was made, in milliseconds (see the module's note)."""
    made = 0
    for name in MADE_AT:
        value = changed.get(name)
        if isinstance(value, str):
            try:
                moment = datetime.fromisoformat(value)
            except ValueError:
                continue
            if moment.tzinfo is None:
                moment = moment.replace(tzinfo=UTC)  # stored times are UTC
            made = max(made, int(moment.timestamp() * 1000))
    return min(made, now) if made else now


def history(db: Database, device: str, after: str = "") -> list[Record]:
    """Every field value and tombstone this device has sent with a clock time later than
    ``after``, as records (for a log that lacks them: a new folder, a log lost, a folder
    this device comes back to)."""
    grouped: dict[tuple[str, str, str], dict[str, Any]] = {}
    rows = db.execute(
        "select tbl, gid, field, value, hlc from _sync_fields where device = ? and hlc > ? "
        "order by hlc, tbl, gid, field",
        [device, after],
    ).fetchall()
    for table, gid, name, value, hlc in rows:
        grouped.setdefault((hlc, table, gid), {})[name] = json.loads(value)
    records = [Record(device, hlc, table, gid, fields) for (hlc, table, gid), fields in grouped.items()]
    for table, gid, hlc in db.execute(
        "select tbl, gid, hlc from _sync_tombstones where device = ? and hlc > ? order by hlc", [device, after]
    ).fetchall():
        records.append(Record(device, hlc, table, gid, None))
    return sorted(records, key=lambda r: r.hlc)
