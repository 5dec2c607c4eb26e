"""Every table that holds the user's data, discovered from SQLite itself.

Export, import and ``ctotui check`` read the tables from the database (not
from a list kept by hand), so a table a later schema step adds is exported,
imported and checked without a change here. For each table: its columns
(generated ones left out: SQLite computes them), its primary key, the integer
id an import may renumber, the unique keys, and the links, i.e. the columns
that hold another table's id. Links come from the foreign keys, plus the few
declared without one (``EXTRA_LINKS``), including ids inside text keys such
as the draft ``journal:edit:12``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from ctotui.core.summary import user_tables

if TYPE_CHECKING:
    from sqlite_utils import Database

# (table, column, the table whose id it holds, prefix of a text key holding the id)
EXTRA_LINKS: tuple[tuple[str, str, str, str], ...] = (
    ("target_evidence", "achievement_id", "achievements", ""),
    ("question_stories", "achievement_id", "achievements", ""),
    ("drafts", "key", "achievements", "journal:edit:"),
    ("drafts", "key", "questions", "drill:answer:"),
    ("drafts", "key", "people", "people:talk:"),
)


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # the declared type, upper case: INTEGER, REAL, TEXT, BLOB, ANY
    notnull: bool
    has_default: bool


@dataclass(frozen=True)
class Link:
    """``column`` holds an id of ``table`` (after ``prefix`` when it is a text key)."""

    column: str
    table: str
    declared: bool  # a FOREIGN KEY (SQLite enforces it) rather than one of EXTRA_LINKS
    prefix: str = ""


@dataclass(frozen=True)
class TableInfo:
    name: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]  # the primary key's columns; () when the table has none
    id_column: str | None  # an INTEGER PRIMARY KEY (the rowid): the id an import may renumber
    unique: tuple[tuple[str, ...], ...]  # other unique keys, each a tuple of columns
    links: tuple[Link, ...]
    strict: bool
    without_rowid: bool = False  # rows stored in primary-key order, with no rowid

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)

    @property
    def order_by(self) -> str:
        """Rows in a stable order: by primary key, else by rowid."""
        return ", ".join(quote(k) for k in self.key) if self.key else "rowid"


def quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def describe(db: Database) -> dict[str, TableInfo]:
    """Every user table of ``db`` by name (not SQLite's, not migrations, not FTS)."""
    flags = {name: (bool(wr), bool(strict)) for schema, name, _k, _n, wr, strict in _pragma(db, "table_list")}
    names = user_tables(db)
    tables = {}
    for name in names:
        without_rowid, strict = flags[name]
        columns, key = [], []
        for _cid, col, decl, notnull, default, pk, hidden in _pragma(db, "table_xinfo", name):
            if hidden:  # generated (2, 3) or a virtual table's hidden column (1)
                continue
            columns.append(Column(col, (decl or "").upper(), bool(notnull), default is not None))
            if pk:
                key.append((pk, col))
        key_names = tuple(col for _pk, col in sorted(key))
        id_column = None
        if len(key_names) == 1 and not without_rowid:
            only = next(c for c in columns if c.name == key_names[0])
            id_column = only.name if only.type == "INTEGER" else None
        exported = {c.name for c in columns}
        tables[name] = TableInfo(
            name,
            tuple(columns),
            key_names,
            id_column,
            _unique_keys(db, name, exported),
            (),
            strict,
            without_rowid,
        )
    return {name: _with_links(db, info, tables) for name, info in tables.items()}


def _pragma(db: Database, pragma: str, arg: str | None = None) -> list[tuple]:
    sql = f"pragma {pragma}" + (f"({quote(arg)})" if arg is not None else "")
    return db.execute(sql).fetchall()


def _unique_keys(db: Database, table: str, exported: set[str]) -> tuple[tuple[str, ...], ...]:
    keys = []
    for _seq, index, unique, origin, partial in _pragma(db, "index_list", table):
        if not unique or origin == "pk" or partial:
            continue
        cols = tuple(name for _n, _cid, name in _pragma(db, "index_info", index))
        if cols and all(c in exported for c in cols):  # not on an expression or a generated column
            keys.append(cols)
    return tuple(sorted(keys))


def _with_links(db: Database, info: TableInfo, tables: dict[str, TableInfo]) -> TableInfo:
    links: list[Link] = []
    by_id: dict[int, list[tuple]] = {}
    for row in _pragma(db, "foreign_key_list", info.name):
        by_id.setdefault(row[0], []).append(row)
    for rows in by_id.values():
        if len(rows) != 1:
            continue  # a composite foreign key holds no single id to renumber
        _id, _seq, parent, column, target, *_ = rows[0]
        ref = tables.get(parent)
        if ref is not None and ref.id_column and target in (None, ref.id_column):
            links.append(Link(column, parent, declared=True))
    declared = {link.column for link in links}
    for table, column, parent, prefix in EXTRA_LINKS:
        ref = tables.get(parent)
        if table == info.name and column in info.names and column not in declared and ref and ref.id_column:
            links.append(Link(column, parent, declared=False, prefix=prefix))
    return replace(info, links=tuple(links))


def parents_first(tables: Iterable[TableInfo]) -> list[TableInfo]:
    """The tables ordered so that every table comes after the tables it links to."""
    pending = {t.name: t for t in sorted(tables, key=lambda t: t.name)}
    done: list[TableInfo] = []
    while pending:
        ready = [t for t in pending.values() if all(_ready(link.table, t.name, pending) for link in t.links)]
        if not ready:  # a cycle (none today): keep the rest in name order
            ready = list(pending.values())
        for t in ready:
            done.append(t)
            del pending[t.name]
    return done


def _ready(parent: str, table: str, pending: dict[str, TableInfo]) -> bool:
    """A link no longer holds a table back: to itself, or to a table placed (or not imported)."""
    return parent == table or parent not in pending
