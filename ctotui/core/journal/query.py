"""How the journal is read: filters, keyset cursors and the SQL they become.

Every list is read a page at a time, newest first, by keyset: the page after
``Cursor(occurred_on, id)`` holds the rows that sort below it. The query is
driven from the index that fits the filter, so a page costs the same on the
first screen and the thousandth:

- a search walks the FTS index by rowid (the row's sort key) downwards and
  stops at the LIMIT, whether the word is in three entries or in most;
- a tag or skill filter walks that join table's (name, occurred_on, id) index (a
  tag filter that folds to several stored spellings, cafe and café, walks the FTS
  index as the search's ``#cafe`` does);
- otherwise the live rows' sort-key index (with the category in front when
  filtered by category; only the rows without a number when filtered so).

A search only leaving words out (``-draft``) reads the rows that match them
from the FTS index once, and walks the list without them. What the search
text means, and the safe MATCH expression it becomes, is core/journal/search.py's.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING

from ctotui.core.dbfile import MAX_ID
from ctotui.core.errors import CtoError
from ctotui.core.journal.search import Term, parse_search
from ctotui.core.journal.words import spellings

if TYPE_CHECKING:
    from ctotui.core.dbfile import Reads

SORT_SHIFT = 2**32  # sort_key = occurred_on.toordinal() * SORT_SHIFT + id (see m002_journal)
SEP = "\x1f"  # separates skills and tags in group_concat (never in a skill or tag)
# An entry without a number (Achievement.has_number is False): as the partial index
# achievements_no_number (m002_journal) and journal_counts' "without a number" read it.
NO_NUMBER = "a.metric_before is null and a.metric_after is null and a.metric_change_pct is null"


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
    number: bool | None = None  # True: only entries with a number; False: only those without
    text: str | None = None
    typing: bool = False  # the text is still being typed: its last word matches as a prefix

    @property
    def active(self) -> bool:
        return any(
            v not in (None, "")
            for v in (self.category, self.skill, self.tag, self.since, self.until, self.number, self.text)
        )

    @property
    def active_besides_text(self) -> bool:
        return self.with_text(None).active

    def with_text(self, text: str | None, *, typing: bool = False) -> JournalFilter:
        return replace(self, text=text or None, typing=bool(text) and typing)

    def describe(self) -> str:
        """One line for a status bar: "category scale · skill leadership · since 2025-01-01"."""
        parts = []
        for name in ("category", "skill", "tag", "since", "until"):
            value = getattr(self, name)
            if value:
                parts.append(f"{name} {'#' if name == 'tag' else ''}{value}")
        if self.number is not None:
            parts.append("with a number" if self.number else "without a number")
        if self.text:
            parts.append(f"“{self.text}”")  # as the list's “nothing matches”; a search's own "phrase" reads inside it
        return " · ".join(parts)


def stored_tags(db: Reads) -> Callable[[], list[str]]:
    """The tags there are, read when asked (one walk of the tag index's distinct names)."""
    return lambda: [tag for (tag,) in db.execute("select distinct tag from achievement_tags").fetchall()]


def phrase_occurs(db: Reads) -> Callable[[str], bool]:
    """Whether an entry's text matches an FTS5 expression (a search's words written apart:
    ``Search.with_joins``); the first match found is enough."""
    sql = "select 1 from achievements_fts where achievements_fts match ? limit 1"
    return lambda match: db.execute(sql, [match]).fetchone() is not None


def sort_key(occurred_on: date, id_: int) -> int:
    return occurred_on.toordinal() * SORT_SHIFT + id_


# --- full-text queries (the syntax is core/journal/search.py's) -------------------------


def search_terms(
    text: str | None, occurs: Callable[[str], bool] | None = None, *, typing: bool = False
) -> tuple[str, ...]:
    """The words a search looks for (lower case), for highlighting them; with ``occurs``
    (``phrase_occurs``), those of its spellings joined or apart too ("oncall" lights "on-call")."""
    try:
        search = parse_search(text, typing=typing)
    except CtoError:
        return ()
    return (search if occurs is None else search.with_joins(occurs)).words()


# --- SQL ---------------------------------------------------------------------

COLUMNS = f"""a.id, a.title, a.body, a.occurred_on, a.category, a.metric_before, a.metric_after,
    a.metric_unit, a.metric_change_pct, a.created_at, a.updated_at, a.deleted_at,
    (select group_concat(skill, '{SEP}') from achievement_skills s where s.achievement_id = a.id),
    (select group_concat(tag, '{SEP}') from achievement_tags t where t.achievement_id = a.id),
    a.metric_kind, a.metric_period, a.metric_label, a.metric_origin,
    (select group_concat(url, '{SEP}') from (select url from achievement_links l where l.achievement_id = a.id
        order by l.position))"""


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
        # A search is counted through the join, not on the index alone: the index cannot tell an id
        # out of range (a hostile file's), which the lists leave out (~10 ms at 100,000 entries).
        return f"select count(*) from {self.source} where {' and '.join(self.where)}", list(self.params)


def plan(
    filters: JournalFilter,
    after: Cursor | None = None,
    tags: Callable[[], Iterable[str]] = tuple,
    occurs: Callable[[str], bool] | None = None,
) -> Plan:
    """The read for one page of ``filters`` after ``after`` (the first page if None).

    The search text may narrow by skill, category and number too (``skill:leadership``,
    ``no:number``): those join the filter's own. ``tags()`` gives the tags there are, asked only when the
    search names a tag (``#cafe`` finds the tag café, ``Search.with_tags``; ``stored_tags``) or the
    filter has one: its case and accents are folded as the search folds them (``spellings``), so the
    filter's "cafe" is the tags cafe and café. One spelling walks the tag index; several are looked
    for as the search's ``#cafe`` is, in the full-text index. ``occurs`` (``phrase_occurs``) lets a
    word find its spelling joined or apart ("oncall" and "on-call": ``Search.with_joins``).
    Raises CtoError for an unknown skill or category.
    """
    search = parse_search(filters.text, typing=filters.typing)
    stored = list(tags()) if search.has_tags or filters.tag else []
    if search.has_tags:
        search = search.with_tags(stored)
    if occurs is not None:
        search = search.with_joins(occurs)
    tag_spellings = (spellings(filters.tag, stored) or [filters.tag]) if filters.tag else []
    if len(tag_spellings) > 1:
        search = replace(search, groups=(*search.groups, tuple(Term(t, tag=True) for t in tag_spellings)))
    tag = tag_spellings[0] if len(tag_spellings) == 1 else None
    skills = list(dict.fromkeys(s for s in (filters.skill, *search.skills) if s))
    categories = list(dict.fromkeys(c for c in (filters.category, *search.categories) if c))
    numbers = list(dict.fromkeys(n for n in (filters.number, *search.numbers) if n is not None))
    # "+a.id": the id's range is checked on each row, never used to pick the rows. As a plain
    # term SQLite read every row by rowid range, then sorted them all (with each row's skills,
    # tags and links) for one page: ~840 ms at 100,000 entries instead of ~0.4 ms on the
    # sort_key index (docs/performance.md).
    where: list[str] = ["a.deleted_at is null", f"+a.id between 1 and {MAX_ID}"]
    params: list[object] = []
    low = sort_key(filters.since, 0) if filters.since else None
    high = sort_key(filters.until, 0) + SORT_SHIFT if filters.until else None  # until is inclusive
    query = search.match()
    driving_skill = None
    if query is not None:
        source = "achievements_fts f join achievements a on a.sort_key = f.rowid"
        where.insert(0, "achievements_fts match ?")
        params.append(query)
        key, order = "f.rowid", "f.rowid desc"
    elif tag or skills:
        if tag:
            table, column, value = "achievement_tags", "tag", tag
        else:
            table, column, value = "achievement_skills", "skill", skills[0]
            driving_skill = value
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
    if len(categories) > 1:
        where.append("0")  # an entry has one category: none is in two
    elif categories:
        where.append("a.category = ?")
        params.append(categories[0])
    if len(numbers) > 1:
        where.append("0")  # with a number and without one: none is both
    elif numbers:
        where.append(f"not ({NO_NUMBER})" if numbers[0] else NO_NUMBER)
    for skill in skills:
        if skill != driving_skill:
            where.append("exists (select 1 from achievement_skills s2 where s2.achievement_id = a.id and s2.skill = ?)")
            params.append(skill)
    if tag and query is not None:
        where.append("exists (select 1 from achievement_tags t2 where t2.achievement_id = a.id and t2.tag = ?)")
        params.append(tag)
    left_out = search.excluded_match() if query is None else None  # with a query, its NOT leaves them out
    if left_out is not None:
        where.append(f"a.sort_key not in ({IN_INDEX})")
        params.append(left_out)
    for group in search.signed_groups():  # "c#": the index found every word "c"; the text says which
        asked = [
            (IN_TEXT, [f"%{t.signed}%"] * 3) if t.signed else (f"a.sort_key in ({IN_INDEX})", [t.fts()]) for t in group
        ]
        where.append("(" + " or ".join(sql for sql, _ in asked) + ")")
        params += [value for _, values in asked for value in values]
    for term in search.signed_left_out():  # "-c#": an entry with "c#" in it, not every entry with the word "c"
        where.append(f"not (a.sort_key in ({IN_INDEX}) and {IN_TEXT})")  # the text read only where the index says
        params += [term.fts(), *[f"%{term.signed}%"] * 3]
    return Plan(source, tuple(where), tuple(params), order)


IN_INDEX = "select rowid from achievements_fts where achievements_fts match ?"
# A word with signs (Term.signed: "c#", "c++") in an entry's title, body or a tag. LIKE ignores the
# case of ASCII letters; the word holds letters, digits, "#" and "+" only (no LIKE wildcard).
IN_TEXT = (
    "(a.title like ? or a.body like ?"
    " or exists (select 1 from achievement_tags lt where lt.achievement_id = a.id and lt.tag like ?))"
)
