"""The sync bookkeeping of one database (local tables named ``_sync_*``, never
exported): the device id, the clock, global ids, the newest value known for each
field of each synced row (with its clock time and device), tombstones, and how
far each device's log has been read."""

from __future__ import annotations

import json
import uuid
from typing import TYPE_CHECKING, Any

from ctotui.core.sync.hlc import ZERO, Hlc, restrained
from ctotui.core.sync.spec import TableSpec

if TYPE_CHECKING:
    from sqlite_utils import Database

SCHEMA = """
create table _sync_state (key text primary key, value text not null) strict;
create table _sync_ids (
    tbl text not null, local_id integer not null, gid text not null,
    primary key (tbl, local_id)
) strict, without rowid;
create unique index _sync_ids_gid on _sync_ids (tbl, gid);
create table _sync_dirty (seq integer primary key, tbl text not null, local_id integer not null, gid text) strict;
create table _sync_fields (
    tbl text not null, gid text not null, field text not null,
    value text not null, hlc text not null, device text not null,
    primary key (tbl, gid, field)
) strict, without rowid;
create table _sync_tombstones (
    tbl text not null, gid text not null, hlc text not null, device text not null,
    primary key (tbl, gid)
) strict, without rowid;
create table _sync_pending (tbl text not null, gid text not null, primary key (tbl, gid)) strict, without rowid;
create table _sync_devices (
    device text primary key,
    offset integer not null default 0,   -- bytes of its log applied here (this device: written and marked sent)
    records integer not null default 0,  -- records applied here (this device: sent)
    last_at text                          -- when, UTC
) strict;
"""


def get(db: Database, key: str) -> str | None:
    row = db.execute("select value from _sync_state where key = ?", [key]).fetchone()
    return None if row is None else row[0]


def put(db: Database, key: str, value: str) -> None:
    db.execute(
        "insert into _sync_state (key, value) values (?, ?) on conflict (key) do update set value = excluded.value",
        [key, value],
    )


def device_id(db: Database) -> str:
    """This database's device id: made once, on first use, and kept in the database."""
    found = get(db, "device")
    if found is None:
        found = uuid.uuid4().hex
        put(db, "device", found)
    return found


def load_clock(db: Database) -> Hlc:
    """The clock as saved, kept within a day of the wall clock: an older version let a
    record from far in the future push it there, or past its format (hlc.py's note)."""
    text = get(db, "hlc")
    if text is None:
        return ZERO
    try:
        return restrained(Hlc.parse(text))
    except ValueError:  # past the format's 15 digits
        return restrained(Hlc(10**15, 0))


def save_clock(db: Database, hlc: Hlc) -> None:
    put(db, "hlc", str(hlc))


# Global ids -----------------------------------------------------------------


def gid_of(db: Database, table: str, local_id: int) -> str | None:
    row = db.execute("select gid from _sync_ids where tbl = ? and local_id = ?", [table, local_id]).fetchone()
    return None if row is None else row[0]


def local_of(db: Database, table: str, gid: str) -> int | None:
    row = db.execute("select local_id from _sync_ids where tbl = ? and gid = ?", [table, gid]).fetchone()
    return None if row is None else row[0]


def assign_gid(db: Database, spec: TableSpec, local_id: int) -> str:
    """The row's global id, made now if it has none (from its natural key, else random)."""
    found = gid_of(db, spec.name, local_id)
    if found is not None:
        return found
    gid = None
    if spec.natural:
        row = db.execute(f"select {spec.natural} from {spec.name} where id = ?", [local_id]).fetchone()
        if row is not None and row[0] is not None:
            gid = f"{spec.natural}:{row[0]}"
    gid = gid or uuid.uuid4().hex
    map_gid(db, spec.name, local_id, gid)
    return gid


def map_gid(db: Database, table: str, local_id: int, gid: str) -> None:
    db.execute("insert into _sync_ids (tbl, local_id, gid) values (?, ?, ?)", [table, local_id, gid])


# Field state ------------------------------------------------------------------


def fields_of(db: Database, table: str, gid: str) -> dict[str, tuple[Any, str, str]]:
    """{field: (value, hlc, device)} known for one row."""
    rows = db.execute(
        "select field, value, hlc, device from _sync_fields where tbl = ? and gid = ?", [table, gid]
    ).fetchall()
    return {f: (json.loads(v), h, d) for f, v, h, d in rows}


def set_field(db: Database, table: str, gid: str, name: str, value: Any, hlc: str, device: str) -> bool:
    """Keep ``value`` for the field if (hlc, device) is newer than what is known; True when it was."""
    cursor = db.execute(
        "insert into _sync_fields (tbl, gid, field, value, hlc, device) values (?, ?, ?, ?, ?, ?) "
        "on conflict (tbl, gid, field) do update set value = excluded.value, hlc = excluded.hlc, "
        "device = excluded.device where (excluded.hlc, excluded.device) > (_sync_fields.hlc, _sync_fields.device)",
        [table, gid, name, dump(value), hlc, device],
    )
    return cursor.rowcount > 0


def tombstoned(db: Database, table: str, gid: str) -> bool:
    return db.execute("select 1 from _sync_tombstones where tbl = ? and gid = ?", [table, gid]).fetchone() is not None


def add_tombstone(db: Database, table: str, gid: str, hlc: str, device: str) -> bool:
    """Record the row as deleted for good; True when it was not already."""
    cursor = db.execute(
        "insert or ignore into _sync_tombstones (tbl, gid, hlc, device) values (?, ?, ?, ?)", [table, gid, hlc, device]
    )
    if cursor.rowcount:
        db.execute("delete from _sync_fields where tbl = ? and gid = ?", [table, gid])
        db.execute("delete from _sync_pending where tbl = ? and gid = ?", [table, gid])
        return True
    return False


def dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, allow_nan=False)


# Devices ----------------------------------------------------------------------


def device_row(db: Database, device: str) -> tuple[int, int, str | None]:
    row = db.execute("select offset, records, last_at from _sync_devices where device = ?", [device]).fetchone()
    return (0, 0, None) if row is None else (row[0], row[1], row[2])


def save_device(db: Database, device: str, offset: int, records: int, last_at: str | None) -> None:
    db.execute(
        "insert into _sync_devices (device, offset, records, last_at) values (?, ?, ?, ?) "
        "on conflict (device) do update set offset = excluded.offset, records = excluded.records, "
        "last_at = excluded.last_at",
        [device, offset, records, last_at],
    )


def own_log_mark(db: Database, folder: str) -> tuple[int, str, str | None] | None:
    """How far this device's log in ``folder`` was written and marked sent: (its size then,
    the latest clock time in it, the digest of the bytes before that size: log.tail_of); None
    when this device has not written there (or not since marks were kept per folder). A mark of
    before the digests were kept has None for it (only its size is checked, as then)."""
    text = get(db, f"log:{folder}")
    if text is None:
        return None
    size, _space, rest = text.partition(" ")
    hlc, space, tail = rest.partition(" ")
    return int(size), hlc, tail if space else None


def mark_own_log(db: Database, folder: str, size: int, hlc: str, tail: str) -> None:
    put(db, f"log:{folder}", f"{size} {hlc} {tail}")


def read_mark(db: Database, folder: str, device: str) -> tuple[int, str | None]:
    """How far ``device``'s log in ``folder`` was read here (bytes), and the digest of the bytes
    before that point (log.tail_of); (0, "") when it never was, or not since marks were kept per
    folder (read again whole: taking a record in twice changes nothing). A mark of before the
    digests were kept has None for it (only its size is checked, as then).
    Each folder holds its own copy of a device's log (a device that moves writes its history
    there), so an offset into one says nothing about another."""
    text = get(db, f"read:{folder}:{device}")
    offset, space, tail = (text or "").partition(" ")
    return (int(offset), tail if space else None) if offset.isdigit() else (0, "")


def mark_read(db: Database, folder: str, device: str, offset: int, tail: str) -> None:
    put(db, f"read:{folder}:{device}", f"{offset} {tail}")


def devices(db: Database) -> list[tuple[str, int, int, str | None]]:
    return db.execute("select device, offset, records, last_at from _sync_devices order by device").fetchall()
