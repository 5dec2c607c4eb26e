"""The complete export: every user table, every row, as one JSON file.

The file is ``{"format": "ctotui", "metric_parser": N, "schema": [steps...],
"tables": {name: [row, ...]}, "version": 2}``: each row is an object of its columns
(generated columns such as ``achievements.sort_key`` are left out, SQLite
computes them), one row per line, rows in primary-key order. Keys are sorted,
the indent is fixed and there is no timestamp inside, so the same data always
gives the same bytes: export, import into an empty database, export again,
and the two files are identical (``cmp`` says so). The settings that belong to
this machine (the sync folder, the theme: core/settings.py) are left out. A BLOB value, should a
table ever hold one, is written as ``{"$blob": "<base64>"}``. ``metric_parser`` (format version 2
on) is the metric parser's version (core/journal/metric_version.py) whose answers the parsed
numbers are: an import by the same parser takes them as they are, any other (or a version 1 file,
which has none) reads them again (core/data/import_metrics.py).

Everything is read inside one read transaction: a consistent snapshot even
while the app writes.
"""

from __future__ import annotations

import base64
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TextIO

from ctotui.core.data.tables import TableInfo, describe, quote
from ctotui.core.db import schema_steps
from ctotui.core.dbfile import snapshot
from ctotui.core.journal.metric_version import PARSER_VERSION
from ctotui.core.settings import is_local_setting
from ctotui.core.text import json_text

if TYPE_CHECKING:
    from sqlite_utils import Database

FORMAT = "ctotui"
VERSION = 2  # 2: "metric_parser" in the header
METRIC_PARSER = "metric_parser"
BLOB_KEY = "$blob"


@dataclass(frozen=True)
class ExportStats:
    tables: int
    rows: int


def _value(value: Any) -> Any:
    if isinstance(value, bytes):
        return {BLOB_KEY: base64.b64encode(value).decode("ascii")}
    return value


def table_rows(db: Database, table: TableInfo) -> Iterator[dict[str, Any]]:
    """The rows of one table as {column: value}, in primary-key order."""
    names = table.names
    cols = ", ".join(quote(n) for n in names)
    cursor = db.execute(f"select {cols} from {quote(table.name)} order by {table.order_by}")
    for values in cursor:
        yield {name: _value(v) for name, v in zip(names, values, strict=True)}


SETTINGS = "settings"  # the one table whose rows may belong to this machine rather than to the journal


def machine_local(table: str, row: dict[str, Any]) -> bool:
    """Whether the row belongs to this machine, not to the journal: a setting such as the sync
    folder (core/settings.py). An export leaves it out and an import skips it."""
    return table == SETTINGS and is_local_setting(row.get("key"))


def dump_row(row: dict[str, Any]) -> str:
    return json_text(json.dumps(row, ensure_ascii=False, sort_keys=True, allow_nan=False))  # core/text.py


# The people area's tables: personal data about others, left out by `ctotui export --no-people`.
PEOPLE_TABLES = frozenset({"people", "conversations", "bars", "bar_criteria", "bar_evidence", "reference_vouches"})


def write_json(db: Database, out: TextIO, *, people: bool = True) -> ExportStats:
    """Write the complete export to ``out`` (a text stream, UTF-8); ``people=False``
    leaves out the people, their conversations, the bar and who vouches for what."""
    rows = 0
    with snapshot(db):
        tables = describe(db)
        if not people:
            tables = {name: info for name, info in tables.items() if name not in PEOPLE_TABLES}
        steps = schema_steps(db)
        out.write(header(steps, PARSER_VERSION))
        for i, name in enumerate(sorted(tables)):
            out.write(("," if i else "") + f"\n    {json.dumps(name, ensure_ascii=False)}: [")
            first = True
            for row in table_rows(db, tables[name]):
                if machine_local(name, row):
                    continue
                out.write(("\n      " if first else ",\n      ") + dump_row(row))
                first = False
                rows += 1
            out.write("]" if first else "\n    ]")
        out.write("\n  },\n")
        out.write(f'  "version": {VERSION}\n}}\n')
    return ExportStats(len(tables), rows)


def header(steps: list[str], parser: int | None) -> str:
    """The file's start, up to its tables: the keys in order, the parser's version (None: not known,
    left out, so that an import reads the numbers again) before the tables, which an import streams."""
    version = f'  "{METRIC_PARSER}": {int(parser)},\n' if parser is not None else ""
    steps_text = ",".join(f"\n    {json.dumps(s)}" for s in steps)
    return '{\n  "format": ' + json.dumps(FORMAT) + ",\n" + version + f'  "schema": [{steps_text}\n  ],\n  "tables": {{'


def export_text(db: Database) -> str:
    """The whole export as a string (tests, small databases)."""
    buffer = io.StringIO()
    write_json(db, buffer)
    return buffer.getvalue()
