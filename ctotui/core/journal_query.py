"""How the journal is read: filters, keyset cursors and the SQL they become.

Every list is read a page at a time, newest first, by keyset: the page after
``Cursor(occurred_on, id)`` holds the rows that sort below it. The query is
driven from the index that fits the filter, so a page costs the same on the
first screen and the thousandth:

- a search walks the FTS index by rowid (the row's sort key) downwards and
  stops at the LIMIT, whether the word is in three entries or in most;
- a tag or skill filter walks that join table's (name, occurred_on, id) index;
- otherwise the live rows' sort-key index (with the category in front when
  filtered by category).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

SORT_SHIFT = 2**32  # sort_key = occurred_on.toordinal() * SORT_SHIFT + id (see m002_journal)
SEP = "\x1f"  # separates skills and tags in group_concat (never in a skill or tag)


@dataclass(frozen=True)
class Cursor:
    """The last row of a page: the next page starts below it."""

    occurred_on: date
    id: int

    @property
    def sort_key(self) -> int:
        return sort_key(self.occurred_on, self.id)


@dataclass(frozen=True)
class JournalFilter:
    """What to show. Empty fields do not filter; ``until`` is inclusive."""

    category: str | None = None
    skill: str | None = None
    tag: str | None = None
    since: date | None = None
    until: date | None = None
    text: str | None = None

    @property
    def active(self) -> bool:
        return any(
            v not in (None, "") for v in (self.category, self.skill, self.tag, self.since, self.until, self.text)
        )

    @property
    def active_besides_text(self) -> bool:
        return self.with_text(None).active

    def with_text(self, text: str | None) -> JournalFilter:
        return replace(self, text=text or None)

    def describe(self) -> str:
        """One line for a status bar: "category scale · skill leadership · since 2025-01-01"."""
        parts = []
        for name in ("category", "skill", "tag", "since", "until"):
            value = getattr(self, name)
            if value:
                parts.append(f"{name} {'#' if name == 'tag' else ''}{value}")
        if self.text:
            parts.append(f'"{self.text}"')
        return " · ".join(parts)


def sort_key(occurred_on: date, id_: int) -> int:
    return occurred_on.toordinal() * SORT_SHIFT + id_


# --- full-text queries -------------------------------------------------------

_PHRASE = re.compile(r'"([^"]*)"?')
_WORD = re.compile(r"-?[^\W_]+")
_TERM = re.compile(r"[^\W_]+")


def search_terms(text: str | None) -> tuple[str, ...]:
    """The words a search looks for (lower case), for highlighting them."""
    if not text:
        return ()
    return tuple(dict.fromkeys(t.lower() for t in _TERM.findall(_PHRASE.sub(r" \1 ", text)) if len(t) > 1))


def fts_query(text: str | None) -> str | None:
    """A safe FTS5 query for what the user typed, or None if it holds no word.

    Words match as prefixes ("depl" finds "deployment"; a single letter only
    as a whole word), "quoted words" as a phrase (a phrase still open matches
    as a prefix), -word excludes. Operators typed by the user are only words
    here, so no input can make the query fail.
    """
    if not text:
        return None
    positive: list[str] = []
    negative: list[str] = []
    for m in _PHRASE.finditer(text):
        words = _TERM.findall(m.group(1))
        if words:
            closed = m.group(0).endswith('"') and len(m.group(0)) > 1
            positive.append('"' + " ".join(words) + '"' + ("" if closed else "*"))
    for token in _WORD.findall(_PHRASE.sub(" ", text)):
        word = token.lstrip("-")
        term = f'"{word}"*' if len(word) > 1 else f'"{word}"'
        (negative if token.startswith("-") else positive).append(term)
    if not positive:
        return None
    query = " ".join(positive)
    if negative:
        query = f"({query})" + "".join(f" NOT {n}" for n in negative)
    return query


def settled(text: str) -> str:
    """What to search for while the user is still typing ``text``.

    A lone letter at the end is left out until the next one comes: it would
    only match the word "a" or "s", and the list would flicker to nothing.
    """
    m = re.search(r"(?:^|\s)-?[^\W_]$", text)
    return text[: m.start()] if m and text.count('"') % 2 == 0 else text


# --- SQL ---------------------------------------------------------------------

COLUMNS = f"""a.id, a.title, a.body, a.occurred_on, a.category, a.metric_before, a.metric_after,
    a.metric_unit, a.metric_change_pct, a.created_at, a.updated_at, a.deleted_at,
    (select group_concat(skill, '{SEP}') from achievement_skills s where s.achievement_id = a.id),
    (select group_concat(tag, '{SEP}') from achievement_tags t where t.achievement_id = a.id),
    a.metric_kind, a.metric_period, a.metric_label, a.metric_origin"""


@dataclass(frozen=True)
class Plan:
    """The FROM, WHERE and ORDER BY of one read, and its parameters."""

    source: str
    where: tuple[str, ...]
    params: tuple[object, ...]
    order: str

    def select(self, limit: int) -> tuple[str, list[object]]:
        sql = f"select {COLUMNS} from {self.source} where {' and '.join(self.where)} order by {self.order} limit ?"
        return sql, [*self.params, limit]

    def count(self) -> tuple[str, list[object]]:
        return f"select count(*) from {self.source} where {' and '.join(self.where)}", list(self.params)


def plan(filters: JournalFilter, after: Cursor | None = None) -> Plan:
    """The read for one page of ``filters`` after ``after`` (the first page if None)."""
    where: list[str] = ["a.deleted_at is null"]
    params: list[object] = []
    low = sort_key(filters.since, 0) if filters.since else None
    high = sort_key(filters.until, 0) + SORT_SHIFT if filters.until else None  # until is inclusive
    query = fts_query(filters.text)
    if query is not None:
        source = "achievements_fts f join achievements a on a.sort_key = f.rowid"
        where.insert(0, "achievements_fts match ?")
        params.append(query)
        key, order = "f.rowid", "f.rowid desc"
    elif filters.tag or filters.skill:
        table, column, value = (
            ("achievement_tags", "tag", filters.tag) if filters.tag else ("achievement_skills", "skill", filters.skill)
        )
        source = f"{table} j join achievements a on a.id = j.achievement_id"
        where.insert(0, f"j.{column} = ?")
        params.append(value)
        if filters.since:
            where.append("j.occurred_on >= ?")
            params.append(filters.since.isoformat())
        if filters.until:
            where.append("j.occurred_on <= ?")
            params.append(filters.until.isoformat())
        if after is not None:
            where.append("(j.occurred_on, j.achievement_id) < (?, ?)")
            params += [after.occurred_on.isoformat(), after.id]
        low = high = None  # the dates are bounded on the join table's own index
        key, order = "", "j.occurred_on desc, j.achievement_id desc"
    else:
        source = "achievements a"
        key, order = "a.sort_key", "a.sort_key desc"
    if key:
        if low is not None:
            where.append(f"{key} >= ?")
            params.append(low)
        if high is not None:
            where.append(f"{key} < ?")
            params.append(high)
        if after is not None:
            where.append(f"{key} < ?")
            params.append(after.sort_key)
    if filters.category:
        where.append("a.category = ?")
        params.append(filters.category)
    if filters.skill and (query is not None or filters.tag):
        where.append("exists (select 1 from achievement_skills s2 where s2.achievement_id = a.id and s2.skill = ?)")
        params.append(filters.skill)
    if filters.tag and query is not None:
        where.append("exists (select 1 from achievement_tags t2 where t2.achievement_id = a.id and t2.tag = ?)")
        params.append(filters.tag)
    return Plan(source, tuple(where), tuple(params), order)
