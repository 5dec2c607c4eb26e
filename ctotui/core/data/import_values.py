"""Checking one row of an export against its table: types, dates, slugs, JSON text.

import_json.py reads the file and hands each row to a ``RowCheck`` of its
table; the first problem is raised as a CtoError that names the table, the
row (1-based, as in the file, with its id) and the column.
"""

from __future__ import annotations

import base64
import binascii
import json
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from itertools import repeat
from operator import eq, itemgetter
from typing import Any

from ctotui.core.data.export_json import BLOB_KEY
from ctotui.core.data.tables import Column, TableInfo
from ctotui.core.dbfile import INT_RANGE, MAX_ID
from ctotui.core.errors import CtoError
from ctotui.core.row_rules import (
    ACROSS_COLUMNS,
    RANGES,
    SLUGS,
    all_times,
    as_stored,
    slug_form,
    text_rule,
    time_problem,
)
from ctotui.core.row_rules import problem as row_problem
from ctotui.core.text import SQUEEZED_COLUMNS, TAG_COLUMNS, changed_by_cleaning

# Columns that hold JSON text the app parses.
JSON_TEXT = {
    ("settings", "value"),
    ("profile", "value"),
    ("drafts", "payload"),
    ("questions", "card"),
    ("attempts", "scores"),
    ("attempts", "review_log"),
    ("attempts", "criteria_scores"),
}
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_EXPECTED = {
    "INTEGER": "a whole number",
    "REAL": "a number",
    "TEXT": "text",
    "BLOB": 'a {"$blob": "<base64>"} object',
}


def row_label(table: str, index: int, row: Any, id_column: str | None) -> str:
    """ "achievements row 3 (id 17)": how an error names a row (1-based, as in the file)."""
    label = f"{table} row {index}"
    if id_column and isinstance(row, dict) and isinstance(row.get(id_column), int):
        label += f" ({id_column} {row[id_column]})"
    return label


# SQLite's words for a text over its column's limit: "CHECK constraint failed: length(reflection) <=
# 20000", or "length(cast(body as blob)) <= 1048576" for a limit in bytes
_TOO_LONG = re.compile(r"CHECK constraint failed: length\((?:cast\()?(\w+)(\s+as\s+blob\))?\)\s*<=\s*(\d+)$")


def refused(exc: Exception) -> str:
    """Why SQLite refused a row, in the app's words where it can say them ("reflection is longer
    than 20,000 characters"); else SQLite's own."""
    m = _TOO_LONG.search(str(exc))
    if m is None:
        return str(exc)
    column, in_bytes, limit = m.group(1), m.group(2), int(m.group(3))
    if in_bytes:
        size = f"{limit // (1 << 20)} MiB" if limit % (1 << 20) == 0 else f"{limit:,} bytes"
        return f"{column} is larger than {size} (as UTF-8)"
    return f"{column} is longer than {limit:,} characters"


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


# How ``RowCheck.check_many`` checks a column of many rows at once (see ``_Rule``).
ID, INTEGER, REAL, TEXT, LISTED, MOMENTS = "id", "integer", "real", "text", "listed", "moments"
TYPES = {"INTEGER": (INTEGER, int), "REAL": (REAL, float), "TEXT": (TEXT, str)}
DICT = frozenset({dict})


@dataclass(frozen=True)
class _Rule:
    """What a column's values must be for ``check`` to take them as they are.

    ``kind`` ID: whole numbers from 1 to MAX_ID; INTEGER: whole numbers in 64 bits; REAL:
    finite floats; TEXT: text that cleaning leaves as it is (``pattern`` finds nothing);
    LISTED: a date, a time, a slug, JSON...: each distinct value checked once as ``check``
    would, then known; MOMENTS: LISTED, for times (the new ones of many rows checked at
    once: mostly distinct, as created_at). ``types``: the only types allowed (None among them when the column
    may be null). ``apart``: the texts are searched one by one, not joined (a squeezed column,
    core/text.py's SQUEEZED_COLUMNS). ``ruled``: for a LISTED column whose only check beyond its
    cleaning is the app's rule for it (an achievement's title, a link's URL), that rule: its new
    values are then checked together (``pattern`` on them all, then the rule on each), as mostly
    distinct titles would otherwise go one by one through the cleaning itself."""

    index: int
    column: Column
    kind: str
    types: frozenset[type]
    pattern: re.Pattern[str]
    apart: bool = False
    bounds: tuple[int, int] = INT_RANGE  # INTEGER: the range the schema holds it to (row_rules.RANGES)
    ruled: Callable[[str], str | None] | None = None


def _rules(table: TableInfo) -> tuple[_Rule, ...] | None:
    """How to check the table's columns many rows at once; None when only row by row will do:
    a rule across columns (the profile), a column that is not plain INTEGER, REAL or TEXT."""
    if table.name in ACROSS_COLUMNS or len(table.columns) < 2:
        return None
    rules = []
    for index, column in enumerate(table.columns):
        if column.type not in TYPES:
            return None
        kind, kind_type = TYPES[column.type]
        nullable = frozenset() if column.notnull else frozenset({type(None)})
        ruled = None
        if column.name == table.id_column:
            kind, nullable = ID, frozenset()  # null is no id, whatever the schema says
        elif _special(table.name, column.name) or text_rule(table.name, column.name) is not None:
            if kind != TEXT:
                return None
            kind = LISTED
            if not _special(table.name, column.name) and (table.name, column.name) not in TAG_COLUMNS:
                ruled = text_rule(table.name, column.name)  # a tag's capitals: only as_stored sees them
            moment = (table.name, column.name) not in SLUGS and (table.name, column.name) not in JSON_TEXT
            if moment and text_rule(table.name, column.name) is time_problem:
                kind = MOMENTS  # _check_text wants a date and time, row_rules one in its years: all_times
        pattern = changed_by_cleaning(table.name, column.name)
        apart = (table.name, column.name) in SQUEEZED_COLUMNS
        low, high = RANGES.get((table.name, column.name), INT_RANGE)
        bounds = (low, INT_RANGE[1] if high is None else high)
        if kind == REAL and (table.name, column.name) in RANGES:
            return None  # a number held to a range is an integer column today: row by row otherwise
        rules.append(_Rule(index, column, kind, frozenset({kind_type}) | nullable, pattern, apart, bounds, ruled))
    return tuple(rules)


class RowCheck:
    """Checks the rows of one table, in file order: one at a time (``check``), or many at
    once (``check_many``: the same result, column by column, faster)."""

    def __init__(self, source: str, table: TableInfo, careful: bool) -> None:
        """``careful``: the file has escapes that may hide lone surrogates."""
        self.source, self.table = source, table
        self.columns = {c.name: c for c in table.columns}
        self.required = set(self.columns)
        names = table.names
        self.values = itemgetter(*names) if len(names) > 1 else lambda row: (row[names[0]],)
        self.getters = [itemgetter(name) for name in names]
        # many rows at once: not for a careful file (each text's characters are checked one by one)
        self.rules = None if careful else _rules(table)
        self.listed: list[set[Any]] = [set() for _ in names]  # LISTED values already checked, by column
        self.key_at = [names.index(k) for k in table.key]
        # the common case, checked inline: a value of the column's own JSON type
        self.fast = {
            c.name: {"TEXT": str, "REAL": float, "INTEGER": int}.get(c.type)
            for c in table.columns
            if not _special(table.name, c.name) and not (careful and c.type in ("TEXT", "ANY"))
        }
        self.good: dict[str, set[str]] = {name: set() for name in self.columns}  # text values already checked
        self.seen: set[tuple[Any, ...]] = set()

    def check(self, index: int, row: Any) -> dict[str, Any]:
        """The row, checked (blobs decoded, control characters removed), or CtoError naming it."""
        table, fast, good = self.table, self.fast, self.good
        low, high = INT_RANGE
        try:
            if type(row) is not dict:
                raise _Bad("expected an object of columns")
            if row.keys() != self.required:
                missing, extra = sorted(self.required - row.keys()), sorted(row.keys() - self.required)
                raise _Bad(f"missing {missing[0]!r}" if missing else f"unknown column {extra[0]!r}")
            for name, value in row.items():
                kind = type(value)
                if kind is fast.get(name):
                    if kind is str or (low <= value <= high if kind is int else math.isfinite(value)):
                        continue
                if kind is str and value in good[name]:  # dates, slugs: the same few values again and again
                    continue
                row[name] = _check_value(table.name, self.columns[name], value)
                if kind is str:
                    good[name].add(value)
            as_stored(table.name, row)  # no control characters, names squeezed (row_rules.py, core/text.py)
            if table.id_column and row[table.id_column] is None:
                raise _Bad(f"{table.id_column} must be a whole number")
            bad = row_problem(table.name, row, table.id_column)  # what the app can read (row_rules.py)
            if bad:
                raise _Bad(f"{bad[0]} {bad[1]}" if bad[1].startswith(("is ", "must ")) else f"{bad[0]}: {bad[1]}")
            if table.key:
                key = tuple(row[k] for k in table.key)
                if key in self.seen:
                    raise _Bad(f"the same {', '.join(table.key)} as an earlier row")
                self.seen.add(key)
        except _Bad as exc:
            raise CtoError(f"{self.source}: {row_label(table.name, index, row, table.id_column)}: {exc}") from None
        return row

    def check_many(self, first: int, rows: list[Any]) -> list[Sequence[Any]]:
        """What ``check`` makes of each row (rows numbered from ``first``), column by column:
        for each column in order, its values in the rows' order. Or CtoError naming the
        first bad row, exactly as ``check`` would.

        The rows are checked column by column, mostly inside Python's own loops (types,
        ranges, a search for what cleaning would change); when anything is unusual (a bad
        value, a character to clean, a duplicate key), they go through ``check`` one by one,
        which says which row and why.
        """
        if self.rules is not None:
            columns = self._at_once(rows)
            if columns is not None:
                return columns
        get = self.values
        checked = [get(self.check(index, row)) for index, row in enumerate(rows, first)]
        return list(zip(*checked, strict=True)) if checked else [() for _ in self.getters]

    def _at_once(self, rows: list[Any]) -> list[Sequence[Any]] | None:
        """The rows' columns, when every row is sure to pass ``check`` unchanged; else None."""
        if set(map(type, rows)) != DICT or not all(map(eq, repeat(self.required), map(dict.keys, rows))):
            return None
        columns: list[Sequence[Any]] = [list(map(get, rows)) for get in self.getters]
        low, high = INT_RANGE
        for rule, column in zip(self.rules or (), columns, strict=True):
            if not set(map(type, column)) <= rule.types:
                return None
            kind = rule.kind
            if kind == TEXT:
                if rule.apart:
                    if any(map(rule.pattern.search, filter(None, column))):
                        return None
                elif rule.pattern.search("".join(filter(None, column))) is not None:
                    return None
            elif kind == INTEGER:
                low, high = rule.bounds
                numbers = [n for n in column if n is not None]
                if numbers and not (low <= min(numbers) and max(numbers) <= high):
                    return None
            elif kind == REAL:
                # a NaN or an infinity makes the sum one (so does a huge sum: then row by row)
                if not math.isfinite(sum(filter(None, column))):
                    return None
            elif kind == ID:
                if not (1 <= min(column) and max(column) <= MAX_ID):
                    return None
            else:
                known = self.listed[rule.index]
                if not known.issuperset(column):
                    fresh = set(column) - known
                    if not self._all_pass(rule, fresh):
                        return None
                    known |= fresh
        if self.key_at:
            keys = list(zip(*(columns[i] for i in self.key_at), strict=True))
            if len(set(keys)) != len(keys) or not self.seen.isdisjoint(keys):
                return None
            self.seen.update(keys)
        return columns

    def _all_pass(self, rule: _Rule, values: set[Any]) -> bool:
        """Values of a LISTED column, each as ``check`` and the app's rules take it (unchanged)."""
        if rule.kind == MOMENTS and None not in values:
            return rule.pattern.search("".join(values)) is None and all_times(values)
        if rule.ruled is not None:  # as ``_passes``, for them all: cleaning changes none, the rule takes each
            texts = [value for value in values if value is not None]  # the types are checked: text or null
            # the pattern finds what cleaning changes, a lone surrogate too (``_check_text`` refuses one)
            if any(map(rule.pattern.search, texts)) if rule.apart else rule.pattern.search("".join(texts)):
                return False
            return not any(map(rule.ruled, texts))
        return all(self._passes(rule, value) for value in values)

    def _passes(self, rule: _Rule, value: Any) -> bool:
        """One value of a LISTED column, as ``check`` and the app's rules take it (unchanged)."""
        table, name = self.table.name, rule.column.name
        try:
            if _check_value(table, rule.column, value) is not value:
                return False
        except _Bad:
            return False
        if type(value) is str:
            stored = {name: value}
            as_stored(table, stored)  # what cleaning changes, exactly: a tag's capitals too
            if stored[name] != value:
                return False
            app_rule = text_rule(table, name)
            if app_rule is not None and app_rule(value) is not None:
                return False
        return True


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
        return kind in ("INTEGER", "REAL", "ANY") and in_range  # SQLite takes no integer past 64 bits, even as REAL
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
    if isinstance(value, list):
        return "a list"
    return "an object" if isinstance(value, dict) else type(value).__name__


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
    if slugs is not None and slug_form(value) not in slugs:  # "Leadership": as_stored makes it leadership
        raise _Bad(f"{name} {value[:40]!r} is not one of {', '.join(slugs)}")
    if (table, name) in JSON_TEXT:
        try:
            json.loads(value)
        except (ValueError, RecursionError):
            raise _Bad(f"{name} must hold JSON text") from None
