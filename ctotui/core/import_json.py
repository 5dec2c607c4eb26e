"""Bringing a complete export back: ``ctotui import FILE``.

The whole file is read and checked before anything is written: it must be
UTF-8 JSON in the export's format and version; every schema step it names
must be known to this ctotui (else it comes from a newer one); every table
and column must be one those steps create, with every column present and a
value of the column's type (and, for the columns the app reads as dates,
times, JSON or a known slug, a value it can read). Only then is it merged
into the database in one transaction (core/import_merge.py): either all of
it is there afterwards or none of it. An error names the table and the row.
"""

from __future__ import annotations

import base64
import binascii
import json
import math
import os
import re
import stat
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ctotui.core.errors import CtoError
from ctotui.core.export_json import BLOB_KEY, FORMAT, VERSION
from ctotui.core.row_rules import problem as row_problem
from ctotui.core.tables import Column, TableInfo, describe
from ctotui.core.terms import CATEGORIES, INTERVIEW_CATEGORIES, SKILLS
from ctotui.core.text import clean_row

if TYPE_CHECKING:
    from sqlite_utils import Database

    from ctotui.core.import_merge import ImportReport

MAX_IMPORT_BYTES = 512 * 1024 * 1024  # an import file's size limit (README): ~5x a 150k-entry export
TOP_KEYS = {"format", "version", "schema", "tables"}
INT_RANGE = (-(2**63), 2**63 - 1)
# Columns the app reads as a known slug (the schema leaves them open).
SLUGS: dict[tuple[str, str], tuple[str, ...]] = {
    ("achievements", "category"): CATEGORIES,
    ("achievement_skills", "skill"): SKILLS,
    ("skill_ratings", "skill"): SKILLS,
    ("questions", "category"): INTERVIEW_CATEGORIES,
}
# Columns that hold JSON text the app parses.
JSON_TEXT = {
    ("settings", "value"),
    ("profile", "value"),
    ("drafts", "payload"),
    ("questions", "card"),
    ("attempts", "scores"),
    ("attempts", "review_log"),
}
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_SURROGATE = re.compile(r"\\u[dD][89a-fA-F]")
_EXPECTED = {
    "INTEGER": "a whole number",
    "REAL": "a number",
    "TEXT": "text",
    "BLOB": 'a {"$blob": "<base64>"} object',
}


@dataclass
class Export:
    """A checked export file, ready to merge."""

    source: str
    steps: tuple[str, ...]
    tables: dict[str, TableInfo]  # the tables as the file's schema steps make them
    rows: dict[str, list[dict[str, Any]]]
    dangling: dict[str, set[int]] = field(default_factory=dict)  # table -> ids linked to but not in the file


class _BadConstant(ValueError):
    pass


def _no_constant(name: str) -> None:
    raise _BadConstant(f"{name} is not a number JSON allows")


def read_bounded(path: Path, source: str, limit: int = MAX_IMPORT_BYTES) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes; refuses anything else
    at once (a FIFO, a device such as /dev/zero, a folder) without reading or waiting."""
    try:
        # O_NONBLOCK: opening a FIFO with no writer returns at once instead of waiting for ever
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise CtoError(f"{source}: cannot read the file ({exc.strerror or exc})") from None
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode) or info.st_size > limit:
        os.close(fd)
        if not stat.S_ISREG(info.st_mode):
            raise CtoError(f"{source}: not a regular file (a folder, device, pipe or socket); give an export file")
        raise CtoError(f"{source}: larger than the import limit ({info.st_size:,} bytes; at most {limit:,})")
    os.set_blocking(fd, True)
    with os.fdopen(fd, "rb") as fh:
        try:
            raw = fh.read(limit + 1)  # never more, even if the file grows meanwhile
        except OSError as exc:
            raise CtoError(f"{source}: cannot read the file ({exc.strerror or exc})") from None
    if len(raw) > limit:
        raise CtoError(f"{source}: larger than the import limit (at most {limit:,} bytes)")
    return raw


def load_json(path: Path, source: str) -> tuple[Any, bool]:
    """The file's JSON, or one plain line saying why it cannot be read; and
    whether it has escapes that may hide a lone surrogate (text SQLite refuses)."""
    raw = read_bounded(path, source)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CtoError(f"{source}: not UTF-8 text (byte {exc.start:,} is not valid UTF-8)") from None
    try:
        return json.loads(text.removeprefix("\ufeff"), parse_constant=_no_constant), bool(_SURROGATE.search(text))
    except json.JSONDecodeError as exc:
        raise CtoError(f"{source}: not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})") from None
    except RecursionError:
        raise CtoError(f"{source}: nested too deeply to be an export") from None
    except ValueError as exc:  # NaN / Infinity, or an integer of thousands of digits
        raise CtoError(f"{source}: not valid JSON ({str(exc).split(';')[0]})") from None


def read_export(path: str | Path) -> Export:
    """Read and check a complete export; raises CtoError naming the first problem."""
    path = Path(path)
    source = str(path)
    data, careful = load_json(path, source)
    steps = _check_top(data, source)
    tables = schema_for(steps)
    rows: dict[str, list[dict[str, Any]]] = {}
    for name, table_rows in data["tables"].items():
        if name not in tables:
            raise CtoError(f"{source}: unknown table {name!r} (not made by the schema steps the file names)")
        rows[name] = _check_rows(source, tables[name], table_rows, careful)
    export = Export(source, steps, tables, rows)
    _check_links(export)
    return export


def _check_top(data: Any, source: str) -> tuple[str, ...]:
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        if isinstance(data, dict) and isinstance(data.get("entries"), list) and "format" not in data:
            raise CtoError(f"{source}: looks like a jrnl export; use --format jrnl")
        raise CtoError(f'{source}: not a ctotui export (no "format": "{FORMAT}" at the top)')
    version = data.get("version")
    if isinstance(version, bool) or not isinstance(version, int):
        raise CtoError(f"{source}: the export has no format version")
    if version > VERSION:
        raise CtoError(f"{source}: from a newer ctotui (format version {version}); upgrade ctotui to import it")
    if version < 1:
        raise CtoError(f"{source}: unknown format version {version}")
    extra = sorted(set(data) - TOP_KEYS)
    if extra:
        raise CtoError(f"{source}: unknown key {extra[0]!r} at the top of the export")
    steps = data.get("schema")
    if not isinstance(steps, list) or not all(isinstance(s, str) for s in steps):
        raise CtoError(f'{source}: "schema" must be the list of schema steps')
    from ctotui.core.migrations import known_steps

    unknown = [s for s in steps if s not in known_steps()]
    if unknown:
        raise CtoError(
            f"{source}: from a newer ctotui (schema step {unknown[0]} is unknown to this version); "
            "upgrade ctotui to import it"
        )
    if not isinstance(data.get("tables"), dict):
        raise CtoError(f'{source}: "tables" must be an object of tables')
    return tuple(steps)


@lru_cache(maxsize=8)
def schema_for(steps: tuple[str, ...]) -> dict[str, TableInfo]:
    """The tables exactly as these schema steps make them (built in memory)."""
    from sqlite_utils import Database

    from ctotui.core import migrations

    scratch = Database(memory=True)
    try:
        for fn in migrations.active_steps():
            if fn.__name__ in steps:
                fn(scratch)
        return describe(scratch)
    finally:
        scratch.close()


def row_label(table: str, index: int, row: Any, id_column: str | None) -> str:
    """ "achievements row 3 (id 17)": how an error names a row (1-based, as in the file)."""
    label = f"{table} row {index}"
    if id_column and isinstance(row, dict) and isinstance(row.get(id_column), int):
        label += f" ({id_column} {row[id_column]})"
    return label


class _Bad(ValueError):
    """A problem with one value or row; the caller adds where it is."""


def _special(table: str, name: str) -> bool:
    """Text the app reads as a date, a time, JSON or a slug: checked beyond its type."""
    return (
        name == "at"
        or name.endswith(("_at", "_on"))
        or (table, name) in JSON_TEXT
        or (table, name) in SLUGS
        or (table, name) == ("questions", "due")
    )


def _check_rows(source: str, table: TableInfo, rows: Any, careful: bool) -> list[dict[str, Any]]:
    """Check every row (in place). ``careful``: the file has escapes that may hide lone surrogates."""
    if not isinstance(rows, list):
        raise CtoError(f"{source}: tables.{table.name} must be a list of rows")
    columns = {c.name: c for c in table.columns}
    required = set(columns)
    # the common case, checked inline: a value of the column's own JSON type
    fast = {
        c.name: {"TEXT": str, "REAL": float, "INTEGER": int}.get(c.type)
        for c in table.columns
        if not _special(table.name, c.name) and not (careful and c.type in ("TEXT", "ANY"))
    }
    low, high = INT_RANGE
    good: dict[str, set[str]] = {name: set() for name in columns}  # text values already checked
    seen: set[tuple[Any, ...]] = set()
    for index, row in enumerate(rows, 1):
        try:
            if type(row) is not dict:
                raise _Bad("expected an object of columns")
            if row.keys() != required:
                missing, extra = sorted(required - row.keys()), sorted(row.keys() - required)
                raise _Bad(f"missing {missing[0]!r}" if missing else f"unknown column {extra[0]!r}")
            for name, value in row.items():
                kind = type(value)
                if kind is fast.get(name):
                    if kind is str or (low <= value <= high if kind is int else math.isfinite(value)):
                        continue
                if kind is str and value in good[name]:  # dates, slugs: the same few values again and again
                    continue
                row[name] = _check_value(table.name, columns[name], value)
                if kind is str:
                    good[name].add(value)
            clean_row(table.name, row)  # no control characters (core/text.py)
            if table.id_column and row[table.id_column] is None:
                raise _Bad(f"{table.id_column} must be a whole number")
            bad = row_problem(table.name, row, table.id_column)  # what the app can read (row_rules.py)
            if bad:
                raise _Bad(f"{bad[0]} {bad[1]}" if bad[1].startswith(("is ", "must ")) else f"{bad[0]}: {bad[1]}")
            if table.key:
                key = tuple(row[k] for k in table.key)
                if key in seen:
                    raise _Bad(f"the same {', '.join(table.key)} as an earlier row")
                seen.add(key)
        except _Bad as exc:
            raise CtoError(f"{source}: {row_label(table.name, index, row, table.id_column)}: {exc}") from None
    return rows


def _check_value(table: str, column: Column, value: Any) -> Any:
    name = column.name
    if value is None:
        if column.notnull:
            raise _Bad(f"{name} must not be null")
        return None
    kind = column.type if column.type in _EXPECTED else "ANY"
    if isinstance(value, dict) and kind in ("BLOB", "ANY"):
        return _blob(name, value)
    if not _fits(kind, value):
        expected = _EXPECTED.get(kind, "text or a number")
        raise _Bad(f"{name} must be {expected}, not {_describe(value)}")
    if isinstance(value, str):
        _check_text(table, name, value)
    return value


def _fits(kind: str, value: Any) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        in_range = INT_RANGE[0] <= value <= INT_RANGE[1]
        return (kind in ("INTEGER", "ANY") and in_range) or (kind == "REAL" and abs(value) < 2**1000)
    if isinstance(value, float):
        return kind in ("REAL", "ANY") and math.isfinite(value)
    if isinstance(value, str):
        return kind in ("TEXT", "ANY")
    return False


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return "a number" if math.isfinite(value) and abs(value) <= 2**63 else "a number out of range"
    if isinstance(value, str):
        return "text"
    return {list: "a list", dict: "an object"}.get(type(value), type(value).__name__)


def _blob(name: str, value: dict[str, Any]) -> bytes:
    if set(value) == {BLOB_KEY} and isinstance(value[BLOB_KEY], str):
        try:
            return base64.b64decode(value[BLOB_KEY], validate=True)
        except (binascii.Error, ValueError):
            pass
    raise _Bad(f"{name} must be {_EXPECTED['BLOB']}")


def _check_text(table: str, name: str, value: str) -> None:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise _Bad(f"{name} holds a character that is not valid Unicode") from None
    if name == "at" or name.endswith("_at") or (table, name) == ("questions", "due"):
        try:
            datetime.fromisoformat(value)
        except ValueError:
            raise _Bad(f"{name} is not a date and time ({value[:40]!r})") from None
    elif name.endswith("_on"):
        try:
            ok = bool(_DAY.fullmatch(value)) and date.fromisoformat(value).year >= 1
        except ValueError:
            ok = False
        if not ok:
            raise _Bad(f"{name} is not a date YYYY-MM-DD ({value[:40]!r})")
    slugs = SLUGS.get((table, name))
    if slugs is not None and value not in slugs:
        raise _Bad(f"{name} {value[:40]!r} is not one of {', '.join(slugs)}")
    if (table, name) in JSON_TEXT:
        try:
            json.loads(value)
        except (ValueError, RecursionError):
            raise _Bad(f"{name} must hold JSON text") from None


def _check_links(export: Export) -> None:
    """Every foreign key points at a row of the file; note the ids that loose links point at."""
    ids = {
        name: {row[t.id_column] for row in export.rows.get(name, ())}
        for name, t in export.tables.items()
        if t.id_column
    }
    for name, rows in export.rows.items():
        table = export.tables[name]
        for link in table.links:
            known = ids.get(link.table, set())
            for index, row in enumerate(rows, 1):
                target = link_id(row[link.column], link.prefix)
                if target is None or target in known:
                    continue
                if link.declared:
                    where = row_label(name, index, row, table.id_column)
                    raise CtoError(
                        f"{export.source}: {where}: {link.column} {target} refers to a row of "
                        f"{link.table} that is not in the file"
                    )
                export.dangling.setdefault(link.table, set()).add(target)


def link_id(value: Any, prefix: str) -> int | None:
    """The id a link column holds: the value itself, or the number after a key's prefix."""
    if prefix:
        rest = value[len(prefix) :] if isinstance(value, str) and value.startswith(prefix) else ""
        return int(rest) if rest.isascii() and rest.isdigit() else None
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def import_json(db: Database, path: str | Path, *, dry_run: bool = False) -> ImportReport:
    """Check ``path`` whole, then merge it into ``db`` in one transaction (see import_merge)."""
    from ctotui.core.import_merge import merge

    return merge(db, read_export(path), dry_run=dry_run)
