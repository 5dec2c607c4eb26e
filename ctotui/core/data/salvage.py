"""Saving what can still be read from a damaged database: ``ctotui export --salvage``.

The output is the complete export's format (export_json.py), so ``ctotui
import`` reads it into a new database. Each table is read in primary-key order;
when SQLite stops at a damaged page, the rest of the table is looked up row by
row (a lookup walks down from the table's root, so rows in undamaged pages are
still found), up to the largest row id the table says it has, or a fixed number
of ids past the last row found. The report says, per table, how many rows were
saved and whether some could not be read.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TextIO

from ctotui.core.data.export_json import FORMAT, VERSION, _value, dump_row
from ctotui.core.data.tables import TableInfo, describe, quote
from ctotui.core.errors import CtoError
from ctotui.core.plural import plural
from ctotui.core.row_rules import problem

if TYPE_CHECKING:
    from sqlite_utils import Database

PROBE_PAST = 10_000  # ids looked up past the last row found when the table's largest id cannot be read


@dataclass(frozen=True)
class TableSalvage:
    table: str
    rows: int
    damaged: bool  # some rows could not be read
    error: str = ""


@dataclass(frozen=True)
class SalvageReport:
    tables: tuple[TableSalvage, ...]

    @property
    def rows(self) -> int:
        return sum(t.rows for t in self.tables)

    @property
    def damaged(self) -> tuple[TableSalvage, ...]:
        return tuple(t for t in self.tables if t.damaged)

    def summary(self) -> str:
        """One line: what was saved and what could not be read."""
        line = f"saved {plural(self.rows, 'row', thousands=True)} from {plural(len(self.tables), 'table')}"
        if self.damaged:
            lost = ", ".join(f"{t.table} ({t.rows:,} saved, some unreadable)" for t in self.damaged)
            return f"{line}; could not read all of: {lost}"
        return f"{line}; every row could be read"


def _readable(table: TableInfo, row: dict[str, Any]) -> bool:
    """A row the app and an import can read: no null where the table wants a value, and every
    value by the rules every stored row follows (a damaged page can yield id 0 or a null date)."""
    if any(c.notnull and row.get(c.name) is None for c in table.columns):
        return False
    return problem(table.name, row, table.id_column) is None


def salvage_rows(db: Database, table: TableInfo) -> tuple[list[dict[str, Any]], TableSalvage]:
    names = table.names
    cols = ", ".join(quote(n) for n in names)
    rows: list[dict[str, Any]] = []
    seen: set[int] = set()
    error = ""
    try:
        for values in db.execute(f"select rowid, {cols} from {quote(table.name)} order by rowid"):
            seen.add(values[0])
            row = {n: _value(v) for n, v in zip(names, values[1:], strict=True)}
            if _readable(table, row):
                rows.append(row)
            else:
                error = error or f"a row of {table.name} breaks its rules"
        if not error:
            return rows, TableSalvage(table.name, len(rows), False)
        return rows, TableSalvage(table.name, len(rows), True, error)
    except sqlite3.DatabaseError as exc:
        error = str(exc)
    last = max(seen, default=0)
    try:
        top = db.execute(f"select max(rowid) from {quote(table.name)}").fetchone()[0] or last
    except sqlite3.DatabaseError:
        top = last + PROBE_PAST
    one = f"select {cols} from {quote(table.name)} where rowid = ?"
    for rowid in range(last + 1, min(top, last + 10 * PROBE_PAST) + 1):
        try:
            values = db.execute(one, [rowid]).fetchone()
        except sqlite3.DatabaseError:
            continue
        if values is not None:
            row = {n: _value(v) for n, v in zip(names, values, strict=True)}
            if _readable(table, row):
                rows.append(row)
    return rows, TableSalvage(table.name, len(rows), True, error)


def write_salvage(db: Database, out: TextIO) -> SalvageReport:
    """Write every row that can be read, in the export's format, to ``out``."""
    try:
        tables = describe(db)
        steps = [name for (name,) in db.execute("select name from _sqlite_migrations order by rowid")]
    except sqlite3.DatabaseError as exc:
        raise CtoError(f"the database's list of tables cannot be read ({exc}); nothing can be saved") from None
    results = []
    out.write('{\n  "format": ' + json.dumps(FORMAT) + ",\n")
    out.write('  "schema": [' + ",".join(f"\n    {json.dumps(s)}" for s in steps) + "\n  ],\n")
    out.write('  "tables": {')
    for i, name in enumerate(sorted(tables)):
        rows, result = salvage_rows(db, tables[name])
        results.append(result)
        out.write(("," if i else "") + f"\n    {json.dumps(name, ensure_ascii=False)}: [")
        out.write(",".join(f"\n      {dump_row(row)}" for row in rows) + ("\n    ]" if rows else "]"))
    out.write("\n  },\n")
    out.write(f'  "version": {VERSION}\n}}\n')
    return SalvageReport(tuple(results))
