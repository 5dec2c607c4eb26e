"""Helpers for the drill's tests: reading the database as another process
would, and a stand-in for the journal (its agreed API over its agreed table),
for tests written before the journal landed in this branch."""

from __future__ import annotations

import types
from dataclasses import dataclass, field
from datetime import date


def fresh(db_path, fn, *args, **kw):
    """Call a core function through a new connection, as another process would."""
    from ctotui.core.db import open_db

    db = open_db(db_path)
    try:
        return fn(db, *args, **kw)
    finally:
        db.close()


@dataclass(frozen=True)
class FakeAchievement:
    id: int
    title: str
    occurred_on: date
    category: str | None
    skills: tuple[str, ...] = ()
    badge: str = ""


@dataclass(frozen=True)
class FakeFilter:
    category: str | None = None
    skill: str | None = None


@dataclass(frozen=True)
class FakePage:
    items: tuple = field(default=())


def fake_journal(db, entries: list[FakeAchievement]) -> types.ModuleType:
    if not db["achievements"].exists():
        db.execute("create table achievements (id integer primary key, title text, body text, occurred_on text, "
                   "category text, deleted_at text)")
    for e in entries:
        db.execute("insert into achievements (id, title, body, occurred_on, category) values (?, ?, '', ?, ?)",
                   [e.id, e.title, e.occurred_on.isoformat(), e.category])
    def live(db) -> set[int]:  # read through the connection the caller passes
        return {r[0] for r in db.execute("select id from achievements where deleted_at is null")}

    by_id = {e.id: e for e in entries}
    module = types.ModuleType("ctotui.core.journal")
    module.JournalFilter = FakeFilter
    module.achievements_by_id = lambda db, ids: [by_id[i] for i in ids if i in live(db)]

    def search(db, query, *, filters=None, limit=50):
        f = filters or FakeFilter()
        alive = live(db)
        hits = [e for e in entries if e.id in alive and query.lower() in e.title.lower()
                and (f.category is None or e.category == f.category) and (f.skill is None or f.skill in e.skills)]
        return FakePage(tuple(sorted(hits, key=lambda e: (e.occurred_on, e.id), reverse=True)[:limit]))

    module.search_achievements = search
    return module
