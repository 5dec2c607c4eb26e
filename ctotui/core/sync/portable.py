"""The synced tables with global ids: what two devices in step hold alike.

``ctotui export --format json --global-ids`` writes this: only the synced
tables (spec.py), each row as the fields a sync record carries (references as
global ids, an achievement's tags, skills and links as lists) under its global
id, rows ordered by global id. Local ids, the sync bookkeeping and the tables
that do not sync are left out, so two devices that have applied the same
records write the same bytes. A row not yet sent has no global id: it is
listed under ``local:<id>``.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, TextIO

from ctotui.core.dbfile import snapshot
from ctotui.core.sync import capture, state
from ctotui.core.sync.spec import SPECS
from ctotui.core.text import json_text

if TYPE_CHECKING:
    from sqlite_utils import Database

FORMAT = "ctotui-synced"


def synced_rows(db: Database) -> dict[str, list[dict[str, Any]]]:
    """{table: [row with "id" = global id, ...]} in global-id order (read only: no id is made)."""
    tables: dict[str, list[dict[str, Any]]] = {}
    with snapshot(db):  # one snapshot for the whole read, as the JSON export
        for spec in SPECS:
            rows = []
            for local_id in capture.all_rows(db, spec):
                values = _read(db, spec, local_id)
                gid = state.gid_of(db, spec.name, local_id) or f"local:{local_id}"
                rows.append({"id": gid, **values})
            tables[spec.name] = sorted(rows, key=lambda r: r["id"])
    return tables


def _read(db: Database, spec: Any, local_id: int) -> dict[str, Any]:
    cols = ", ".join(spec.fields)
    row = db.execute(f"select {cols} from {spec.name} where id = ?", [local_id]).fetchone()
    values = dict(zip(spec.fields, row, strict=True))
    for column, table in spec.refs.items():
        if values[column] is not None:
            values[column] = state.gid_of(db, table, values[column]) or f"local:{values[column]}"
    for child in spec.children:
        values[child.name] = capture.child_values(db, child, local_id, make_ids=False)
    return values


def write_portable(db: Database, out: TextIO) -> int:
    """Write the global-id export; the number of rows."""
    tables = synced_rows(db)
    out.write('{\n  "format": ' + json.dumps(FORMAT) + ',\n  "tables": {')
    count = 0
    for i, name in enumerate(sorted(tables)):
        out.write(("," if i else "") + f"\n    {json.dumps(name)}: [")
        lines = [
            json_text(json.dumps(row, ensure_ascii=False, sort_keys=True, allow_nan=False)) for row in tables[name]
        ]
        count += len(lines)
        out.write(("\n      " + ",\n      ".join(lines) + "\n    ]") if lines else "]")
    out.write("\n  }\n}\n")
    return count
