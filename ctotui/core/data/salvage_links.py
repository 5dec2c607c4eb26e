"""Leaving out the salvaged rows that point at rows salvage could not save.

An import refuses a file in which a foreign key (a link SQLite enforces, ``Link.declared``)
holds the id of a row that is not in the file (import_json.py, ``_check_links``), and a loose
link (``EXTRA_LINKS``: a story's achievement) one that is neither in the file nor in the
database it goes into (import_merge.py, ``_renumber_links``): into a new database, one not in
the file. Only an id inside a text key (a draft's ``journal:edit:12``) may name a lost row. A damaged
file often loses a parent whose children can still be read (an achievement's page is gone, the
pages of its links are not), so before writing, salvage leaves such a child out, then the
children of the rows it left out, and so on until no row points at a row that is not saved.

A row is never changed, with one exception: a link declared ``ON DELETE SET NULL`` in a column
that may hold null (a bar's conversation and person, a mock question's attempt). Null there is
what SQLite itself writes when the row it names is deleted, and what the import accepts; so the
row is kept with that column null, as if its parent had been deleted, instead of being lost
with every row that hangs from it (a bar's criteria and their evidence).
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from typing import TYPE_CHECKING, Any

from ctotui.core.data.export_json import dump_row
from ctotui.core.data.import_json import link_id
from ctotui.core.data.tables import Link, TableInfo, quote

if TYPE_CHECKING:
    from sqlite_utils import Database


class SavedTable:
    """One table's saved rows as the export writes them (one JSON text each), with each row's
    id and the ids its foreign keys hold: what deciding which rows to keep needs, kept small."""

    def __init__(self, table: TableInfo, links: tuple[Link, ...], rows: list[dict[str, Any]]) -> None:
        self.table, self.links = table, links
        self.texts = [dump_row(row) for row in rows]
        id_column = table.id_column
        self.ids: list[Any] = [row.get(id_column) for row in rows] if id_column else []
        self.targets = [[link_id(row.get(link.column), "") for link in links] for row in rows]
        self.kept = [True] * len(rows)
        self.left_out: Counter[str] = Counter()  # the table a left-out row pointed at -> rows
        self.unlinked: Counter[tuple[str, str]] = Counter()  # (column set to null, its table) -> rows

    @property
    def rows(self) -> int:
        return sum(self.kept)

    def kept_texts(self) -> list[str]:
        return [text for text, kept in zip(self.texts, self.kept, strict=True) if kept]


def checked_links(table: TableInfo) -> tuple[Link, ...]:
    """The links the import refuses a file for, into a new database, when they point at no row of it."""
    return tuple(link for link in table.links if not link.prefix)


def set_null_columns(db: Database, table: TableInfo) -> set[str]:
    """The columns of ``table`` that may hold null and that SQLite sets to null when the row they
    name is deleted (``ON DELETE SET NULL``); none when the list of foreign keys cannot be read."""
    nullable = {c.name for c in table.columns if not c.notnull}
    try:
        keys = db.execute(f"pragma foreign_key_list({quote(table.name)})").fetchall()
    except sqlite3.DatabaseError:
        return set()
    return {column for _id, _seq, _parent, column, _to, _update, on_delete, *_ in keys if on_delete == "SET NULL"} & (
        nullable
    )


def keep_linked(saved: dict[str, SavedTable], set_null: dict[str, set[str]]) -> None:
    """Leave out every row whose foreign key names a row not kept, or set that key to null where
    ``set_null`` allows it (see the module); again until nothing changes, as a row left out may be
    the parent of others."""
    known = {name: set(t.ids) for name, t in saved.items() if t.table.id_column}
    changed = True
    while changed:
        changed = False
        for name, table in saved.items():
            for i, targets in enumerate(table.targets):
                if table.kept[i] and _settle(table, i, targets, known, set_null.get(name, set())):
                    changed = True
                    if table.table.id_column:
                        known[name].discard(table.ids[i])


def _settle(table: SavedTable, i: int, targets: list[Any], known: dict[str, set[Any]], set_null: set[str]) -> bool:
    """Whether row ``i`` is left out; a lost parent it may forget, it forgets (its text rewritten)."""
    for j, (link, target) in enumerate(zip(table.links, targets, strict=True)):
        if target is None or target in known.get(link.table, ()):
            continue
        if link.column not in set_null:
            table.kept[i] = False
            table.left_out[link.table] += 1
            return True
        row = json.loads(table.texts[i])
        row[link.column] = None
        table.texts[i] = dump_row(row)
        targets[j] = None
        table.unlinked[(link.column, link.table)] += 1
    return False
