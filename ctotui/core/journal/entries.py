"""The achievement journal: outcomes with numbers, linked to skills.

Every function takes the database and returns frozen dataclasses; the CLI and
the TUI call the same ones. Input is checked before anything is written and
each write is one transaction, so a bad title or a missing id changes nothing.
Deleting is soft (``deleted_at``) and undone by ``undelete_achievement``; the
id never changes. Lists are read a keyset page at a time (journal_query.py).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any, Literal

from ctotui.core import clock, row_rules
from ctotui.core.dates import achievement_day
from ctotui.core.errors import CtoError, NotFound, check_unchanged
from ctotui.core.journal.evidence import clean_links, set_urls
from ctotui.core.journal.metric_store import clean_metric, set_metric
from ctotui.core.journal.metrics import Metric, format_metric
from ctotui.core.journal.query import (
    COLUMNS,
    NO_NUMBER,
    SEP,
    Cursor,
    JournalFilter,
    phrase_occurs,
    plan,
    search_terms,
    sort_key,
    stored_tags,
)
from ctotui.core.journal.words import fold
from ctotui.core.row_rules import TAG_MAX, TITLE_MAX, title_problem
from ctotui.core.terms import CATEGORIES, SKILLS
from ctotui.core.text import clean_block, clean_line, clean_tag, squeeze

if TYPE_CHECKING:
    from sqlite_utils import Database

    from ctotui.core.dbfile import Reads

__all__ = [
    "TITLE_MAX",
    "Achievement",
    "Cursor",
    "JournalFilter",
    "JournalCounts",
    "Metric",
    "Page",
    "add_achievement",
    "update_achievement",
    "delete_achievement",
    "undelete_achievement",
    "get_achievement",
    "page_achievements",
    "search_achievements",
    "count_achievements",
    "journal_counts",
    "evidence_counts",
    "tag_counts",
    "search_terms",
    "achievements_by_id",
]

BODY_MAX_BYTES = 1024 * 1024
PAGE_SIZE = 50
JSON_KEYS = tuple(  # the keys `--json` prints, in this order
    "id title body occurred_on category skills tags links metric_before metric_after metric_unit metric_change_pct "
    "metric_kind metric_period metric_label metric_origin metric_badge created_at updated_at".split()
)


@dataclass(frozen=True)
class Achievement:
    id: int
    title: str
    body: str
    occurred_on: date
    category: str | None
    skills: tuple[str, ...]
    tags: tuple[str, ...]
    metric_before: float | None
    metric_after: float | None
    metric_unit: str | None
    metric_change_pct: float | None
    created_at: str
    updated_at: str
    deleted_at: str | None = None
    metric_kind: str | None = None  # None: stored before kinds (an import of an old export); worked out on reading
    metric_period: str | None = None
    metric_label: str | None = None
    metric_origin: str | None = None  # one of ORIGINS; None without a metric
    links: tuple[str, ...] = ()  # evidence: a pull request, a doc, a dashboard

    @property
    def metric(self) -> Metric | None:
        m = Metric(
            self.metric_before,
            self.metric_after,
            self.metric_unit,
            self.metric_change_pct,
            kind=self.metric_kind or "",
            period=self.metric_period,
            label=self.metric_label,
        )
        return None if m.empty else m

    @property
    def has_number(self) -> bool:
        """False for an entry to flag with "add a number?"."""
        return self.metric is not None

    @property
    def badge(self) -> str:
        """The metric as the list shows it: "45→7 min −84%", "3 teams", "$12k/mo" ("" without one)."""
        m = self.metric
        return format_metric(m) if m else ""

    @property
    def cursor(self) -> Cursor:
        return Cursor(self.occurred_on, self.id)

    def to_json(self) -> dict[str, Any]:
        """The keys `--json` prints, in that order."""
        m = self.metric
        data = {
            "id": self.id,
            "title": self.title,
            "body": self.body,
            "occurred_on": self.occurred_on.isoformat(),
            "category": self.category,
            "skills": list(self.skills),
            "tags": list(self.tags),
            "links": list(self.links),
            "metric_before": self.metric_before,
            "metric_after": self.metric_after,
            "metric_unit": self.metric_unit,
            "metric_change_pct": self.metric_change_pct,
            "metric_kind": m.kind if m else None,
            "metric_period": self.metric_period,
            "metric_label": self.metric_label,
            "metric_origin": self.metric_origin if m else None,
            "metric_badge": self.badge or None,
            "created_at": self.created_at,
            "updated_at": self.updated_at,
        }
        return {key: data[key] for key in JSON_KEYS}


@dataclass(frozen=True)
class Page:
    """One page of a list, newest first; ``next`` reads the page after it (None: the end)."""

    items: tuple[Achievement, ...]
    next: Cursor | None

    def __len__(self) -> int:
        return len(self.items)


@dataclass(frozen=True)
class JournalCounts:
    week: int  # this ISO week (Monday to today)
    month: int  # this calendar month
    total: int
    without_number: int
    month_start: date  # the first of this month: a week can start in the month before


# --- checking input ----------------------------------------------------------


def clean_title(title: str) -> str:
    bad = title_problem(title)  # the rule an import and a sync apply too (core/row_rules.py)
    if bad:
        raise CtoError(f"the title {bad}")
    return squeeze(title)


def clean_body(body: str | None) -> str:
    body = clean_block(body).strip("\n").rstrip()
    if len(body.encode("utf-8")) > BODY_MAX_BYTES:
        raise CtoError(f"the body is larger than {BODY_MAX_BYTES // 1024 // 1024} MB")
    return body


def clean_category(category: str | None) -> str | None:
    if category is None or not category.strip():
        return None
    slug = category.strip().lower()
    if slug not in CATEGORIES:
        raise CtoError(f"unknown category {category!r} (valid: {', '.join(CATEGORIES)})")
    return slug


def clean_skills(skills: Iterable[str]) -> tuple[str, ...]:
    chosen = {s.strip().lower() for s in skills if s and s.strip()}
    unknown = sorted(chosen - set(SKILLS))
    if unknown:
        raise CtoError(f"unknown skill {unknown[0]!r} (valid: {', '.join(SKILLS)})")
    return tuple(s for s in SKILLS if s in chosen)


def clean_tags(tags: Iterable[str]) -> tuple[str, ...]:
    cleaned = sorted({clean_tag(t) for t in tags if t and clean_tag(t)})
    for tag in cleaned:
        if len(tag) > TAG_MAX:
            raise CtoError(f"the tag {tag[:20]!r}... is longer than {TAG_MAX} characters")
    return tuple(cleaned)


# --- writing -----------------------------------------------------------------


@contextmanager
def writing(db: Database) -> Iterator[None]:
    """One write transaction, taking the write lock at once.

    ``begin immediate`` waits (busy timeout) for another writer instead of
    failing halfway, so two windows or a CLI and the TUI can write together.
    Inside an open transaction (the demo) it nests as a savepoint.
    """
    if db.conn.in_transaction:
        with db.atomic():
            yield
        return
    db.execute("begin immediate")
    try:
        yield
    except BaseException:
        if db.conn.in_transaction:
            db.conn.rollback()
        raise
    db.execute("commit")


def _set_links(
    db: Database, achievement_id: int, occurred_on: date, skills: tuple[str, ...], tags: tuple[str, ...]
) -> None:
    db.execute("delete from achievement_skills where achievement_id = ?", [achievement_id])
    db.execute("delete from achievement_tags where achievement_id = ?", [achievement_id])
    day = occurred_on.isoformat()
    db.conn.executemany(
        "insert into achievement_skills (achievement_id, skill, occurred_on) values (?, ?, ?)",
        [(achievement_id, s, day) for s in skills],
    )
    db.conn.executemany(
        "insert into achievement_tags (achievement_id, tag, occurred_on) values (?, ?, ?)",
        [(achievement_id, t, day) for t in tags],
    )


def add_achievement(
    db: Database,
    *,
    title: str,
    body: str = "",
    occurred_on: date | str | None = None,
    category: str | None = None,
    skills: Iterable[str] = (),
    tags: Iterable[str] = (),
    metric: Metric | Literal["parse"] | None = None,
    links: Iterable[str] = (),
) -> Achievement:
    """Add an achievement; ``metric="parse"`` reads it from the title, else the body."""
    title, body, urls = clean_title(title), clean_body(body), clean_links(links)
    day, cat = achievement_day(occurred_on), clean_category(category)
    skill_slugs, tag_names = clean_skills(skills), clean_tags(tags)
    m, origin = clean_metric(metric, title, body)
    stamp = clock.utc_iso()
    with writing(db):
        cur = db.execute(
            "insert into achievements (id, title, body, occurred_on, category, created_at, updated_at) "
            f"values ({row_rules.NEXT_ID}, ?, ?, ?, ?, ?, ?)",
            [title, body, day.isoformat(), cat, stamp, stamp],
        )
        new_id = cur.lastrowid
        assert new_id is not None  # an INSERT sets it (sqlite3 types it int | None)
        set_metric(db, new_id, m, origin)
        _set_links(db, new_id, day, skill_slugs, tag_names)
        set_urls(db, new_id, urls)
    return get_achievement(db, new_id)


_EDITABLE = {"title", "body", "occurred_on", "category", "skills", "tags", "metric", "links"}


def update_achievement(db: Database, achievement_id: int, *, expected: Achievement | None = None, **changes: Any):
    """Change some fields of a live achievement (the id stays); returns it as saved. Checked in
    the transaction before the one UPDATE (a bad value: CtoError, nothing written). ``expected``,
    the row as the editor read it, makes it a compare-and-set: Conflict if the row changed since."""
    unknown = set(changes) - _EDITABLE
    if unknown:
        raise TypeError(f"update_achievement: cannot change {', '.join(sorted(unknown))}")
    with writing(db):
        current = get_achievement(db, achievement_id, include_deleted=expected is not None)  # NotFound if gone
        check_unchanged(f"achievement {achievement_id}", expected, current)
        title = clean_title(changes["title"]) if "title" in changes else current.title
        body = clean_body(changes["body"]) if "body" in changes else current.body
        day = achievement_day(changes["occurred_on"]) if "occurred_on" in changes else current.occurred_on
        cat = clean_category(changes["category"]) if "category" in changes else current.category
        skill_slugs = clean_skills(changes["skills"]) if "skills" in changes else current.skills
        tag_names = clean_tags(changes["tags"]) if "tags" in changes else current.tags
        if "metric" in changes:
            m, origin = clean_metric(changes["metric"], title, body)
        else:
            m, origin = current.metric, current.metric_origin
        urls = clean_links(changes["links"]) if "links" in changes else current.links
        db.execute(
            "update achievements set title = ?, body = ?, occurred_on = ?, category = ?, updated_at = ? "
            "where id = ? and updated_at = ?",
            [title, body, day.isoformat(), cat, clock.utc_iso(), achievement_id, current.updated_at],
        )
        set_metric(db, achievement_id, m, origin)
        if skill_slugs != current.skills or tag_names != current.tags:
            _set_links(db, achievement_id, day, skill_slugs, tag_names)
        if urls != current.links:
            set_urls(db, achievement_id, urls)
    return get_achievement(db, achievement_id)


def delete_achievement(db: Database, achievement_id: int) -> Achievement:
    """Soft-delete (undo with undelete_achievement); returns what was deleted."""
    return _set_deleted(db, achievement_id, clock.utc_iso())


def undelete_achievement(db: Database, achievement_id: int) -> Achievement:
    return _set_deleted(db, achievement_id, None)


def _set_deleted(db: Database, achievement_id: int, stamp: str | None) -> Achievement:
    with writing(db):
        current = get_achievement(db, achievement_id, include_deleted=True)
        if stamp is not None and current.deleted_at is not None:
            raise CtoError(f"achievement {achievement_id} is already deleted (undelete brings it back)")
        if stamp is None and current.deleted_at is None:
            raise CtoError(f"achievement {achievement_id} is not deleted")
        db.execute("update achievements set deleted_at = ? where id = ?", [stamp, achievement_id])
    return get_achievement(db, achievement_id, include_deleted=True)


# --- reading -----------------------------------------------------------------


def _row(row: tuple[Any, ...]) -> Achievement:
    (id_, title, body, day, cat, before, after, unit, pct, created, updated, deleted, skills, tags, *metric, links) = (
        row
    )
    kind, period, label, origin = metric
    return Achievement(
        id_,
        clean_line(title),  # rows stored before the cleaning rule print safely too
        clean_block(body),
        date.fromisoformat(day),
        _line(cat),
        tuple(s for s in SKILLS if skills and s in skills.split(SEP)),
        tuple(sorted(clean_line(t) for t in tags.split(SEP))) if tags else (),
        before,
        after,
        _line(unit),
        pct,
        created,
        updated,
        deleted,
        metric_kind=kind,
        metric_period=period,
        metric_label=_line(label),
        metric_origin=origin,
        links=tuple(clean_line(link) for link in links.split(SEP)) if links else (),
    )


def _line(text: str | None) -> str | None:
    """``clean_line``, None staying None (a metric's unit or label that is not there)."""
    return None if text is None else clean_line(text)


def titles(db: Database, ids: list[int] | tuple[int, ...]) -> dict[int, str]:
    """The titles of the achievements ``ids`` (those that exist), for lists of evidence."""
    if not ids:
        return {}
    marks = ", ".join("?" for _ in ids)
    rows = db.execute(f"select id, title from achievements where id in ({marks})", list(ids)).fetchall()
    return {id_: clean_line(title) for id_, title in rows}  # cleaned on read, as in _row


def get_achievement(db: Reads, achievement_id: int, *, include_deleted: bool = False) -> Achievement:
    row = db.execute(f"select {COLUMNS} from achievements a where a.id = ?", [achievement_id]).fetchone()
    if row is None:
        # what ids there are: a second command on a new, empty journal said nothing of it being empty
        (last,) = db.execute("select max(id) from achievements").fetchone()
        there = "the journal is empty" if last is None else f"the highest id is {last}"
        raise NotFound(f"no achievement with id {achievement_id} ({there})")
    found = _row(row)
    if found.deleted_at is not None and not include_deleted:
        raise NotFound(f"achievement {achievement_id} is deleted (ctotui undelete {achievement_id} brings it back)")
    return found


def page_achievements(
    db: Reads, *, filters: JournalFilter | None = None, after: Cursor | None = None, limit: int = PAGE_SIZE
) -> Page:
    """One page of live achievements, newest first (date, then id), after ``after``."""
    if limit < 1:
        raise CtoError("the limit must be 1 or more")
    sql, params = plan(filters or JournalFilter(), after, stored_tags(db), phrase_occurs(db)).select(limit + 1)
    rows = [_row(r) for r in db.execute(sql, params).fetchall()]
    more = len(rows) > limit
    items = tuple(rows[:limit])
    return Page(items, items[-1].cursor if more else None)


def search_achievements(
    db: Reads,
    query: str,
    *,
    filters: JournalFilter | None = None,
    after: Cursor | None = None,
    limit: int = PAGE_SIZE,
) -> Page:
    """Live achievements that ``query`` finds (core/journal/search.py's syntax), newest first.

    An empty query (or one with no word in it) finds everything, as the list does.
    """
    return page_achievements(db, filters=(filters or JournalFilter()).with_text(query), after=after, limit=limit)


def count_achievements(db: Reads, filters: JournalFilter | None = None) -> int:
    sql, params = plan(filters or JournalFilter(), tags=stored_tags(db), occurs=phrase_occurs(db)).count()
    return db.execute(sql, params).fetchone()[0]


def journal_counts(db: Database, today: date | None = None) -> JournalCounts:
    """Live entries this week (ISO, Monday to Sunday), this month, in all, and without a number. A week
    or a month runs to its last day, not to today: an entry may be dated a day ahead (AHEAD_DAYS)."""
    today = today or clock.today()

    def between(first: date, after: date) -> int:  # from the first day, up to (not including) ``after``
        (n,) = db.execute(
            "select count(*) from achievements where deleted_at is null and sort_key >= ? and sort_key < ?",
            [sort_key(first, 0), sort_key(after, 0)],
        ).fetchone()
        return n

    (total,) = db.execute("select count(*) from achievements where deleted_at is null").fetchone()
    (bare,) = db.execute(f"select count(*) from achievements a where a.deleted_at is null and {NO_NUMBER}").fetchone()
    monday, first = today - timedelta(days=today.weekday()), today.replace(day=1)
    week = between(monday, monday + timedelta(days=7))
    month = between(first, (first + timedelta(days=31)).replace(day=1))  # to the next month's first
    return JournalCounts(week=week, month=month, total=total, without_number=bare, month_start=first)


def evidence_counts(db: Database, *, since: date | None = None, until: date | None = None) -> dict[str, int]:
    """Live achievements per skill slug (every slug present, 0 if none), optionally within dates.

    Counted as all the links (from the (skill, occurred_on) index alone) minus the links of
    deleted achievements (the trash, found by its own index): joining every link to its
    achievement to ask whether it is deleted cost ~25 ms at 100,000 entries, this ~3 ms."""
    low, high = (since.isoformat() if since else "0000-00-00"), (until.isoformat() if until else "9999-99-99")
    dated = since is not None or until is not None
    if dated:  # naming the skills lets SQLite read each one's date range from the index
        links_sql = (
            f"select skill, count(*) from achievement_skills where skill in ({','.join('?' * len(SKILLS))}) "
            "and occurred_on >= ? and occurred_on <= ? group by skill"
        )
        links = dict(db.execute(links_sql, [*SKILLS, low, high]).fetchall())
    else:
        links = dict(db.execute("select skill, count(*) from achievement_skills group by skill").fetchall())
    gone_sql = (
        "select s.skill, count(*) from achievements a cross join achievement_skills s on s.achievement_id = a.id "
        "where a.deleted_at is not null" + (" and s.occurred_on >= ? and s.occurred_on <= ?" if dated else "")
    )
    gone = dict(db.execute(gone_sql + " group by s.skill", [low, high] if dated else []).fetchall())
    return {s: links.get(s, 0) - gone.get(s, 0) for s in SKILLS}


def tag_counts(db: Database, prefix: str = "", limit: int = 50) -> list[tuple[str, int]]:
    """Tags in use by live achievements, most used first (those starting with ``prefix``, both folded
    as the tag filter folds them: "cafe" offers "café", "stras" "straße"). A journal holds a few
    hundred tags at most: they are matched here, where SQLite's LIKE folds ASCII letters only."""
    sql = (
        "select t.tag, count(*) as n from achievement_tags t join achievements a on a.id = t.achievement_id "
        "where a.deleted_at is null group by t.tag order by n desc, t.tag"
    )
    wanted = fold(clean_tag(prefix))
    if not wanted:
        return [(tag, n) for tag, n in db.execute(sql + " limit ?", [limit]).fetchall()]
    found = ((tag, n) for tag, n in db.execute(sql) if fold(tag).startswith(wanted))
    return list(itertools.islice(found, limit))


def achievements_by_id(db: Database, ids: Iterable[int]) -> list[Achievement]:
    """The live achievements with these ids, in the order given (missing ones left out)."""
    wanted = list(dict.fromkeys(int(i) for i in ids))
    if not wanted:
        return []
    marks = ",".join("?" * len(wanted))
    rows = db.execute(f"select {COLUMNS} from achievements a where a.id in ({marks}) and a.deleted_at is null", wanted)
    found: Mapping[int, Achievement] = {a.id: a for a in map(_row, rows.fetchall())}
    return [found[i] for i in wanted if i in found]
