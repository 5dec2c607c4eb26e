"""The story bank: achievements from the journal linked to drill questions.

A story is an achievement told as the answer to a question; links are many to
many (``question_stories``). The journal is its own area: while its table or
module is absent, ``journal_available`` is False, reads return nothing and
linking says so in one line. An achievement deleted in the journal drops out
of every list here (its link row stays, so an undelete brings it back).

Suggestions for a question (at most ``SUGGESTIONS``): live achievements not
yet linked, scored by how many of the question's words the journal's
full-text search finds in them, plus one point when the achievement's
category or one of its skills belongs to the question's interview category
(``CATEGORY_FIT``); best score first, then the most recent.

Coverage: per interview category, how many questions have a story and which
stories; a category with no story is a gap to fill before an interview, and
a story linked to more than ``OVERUSED`` questions is one the interviewer
may hear twice.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING

from ctotui.core import clock, playbook
from ctotui.core.drill.bank import get_question, list_questions
from ctotui.core.errors import CtoError, NotFound
from ctotui.core.journal import entries as journal
from ctotui.core.people import persons as people_core

if TYPE_CHECKING:
    from sqlite_utils import Database

    from ctotui.core.journal.entries import Achievement

SUGGESTIONS = 3
OVERUSED = 3
SEARCH_WORDS = 6
NOT_AVAILABLE = "journal not available yet"

# Which achievements fit which interview category: achievement categories and skills.
CATEGORY_FIT: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "own-the-stack": (("scale", "savings"), ("technical-depth", "systems-thinking")),
    "non-technical-leaders": (("customers", "savings"), ("communication", "business", "product-thinking")),
    "build-the-team": (("unblocking",), ("leadership",)),
}

_STOPWORDS = frozenset(
    """a about after an and any are as at be been both but by can could did do does doing for from had has have
    how i if in into is it its me more most my no not now of on one or our out over own same say should so some
    such than that the their them then there these they this those through to too under up very was we were what
    when where which while who why will with would you your tell time describe walk us
    """.split()
)


@dataclass(frozen=True)
class Story:
    achievement_id: int
    title: str
    occurred_on: date
    category: str | None
    badge: str = ""  # the metric as the journal shows it ("45→7 min −84%")
    backers: tuple[str, ...] = ()  # people who can vouch for it (core/people/persons.py), for stories_for

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.achievement_id,
            "title": self.title,
            "occurred_on": self.occurred_on.isoformat(),
            "category": self.category,
            "badge": self.badge,
            "backed_by": list(self.backers),
        }


@dataclass(frozen=True)
class CategoryCoverage:
    slug: str
    name: str
    questions: int
    covered: int  # questions with at least one story
    stories: tuple[Story, ...]

    @property
    def gap(self) -> bool:
        return not self.stories


@dataclass(frozen=True)
class Coverage:
    available: bool
    categories: tuple[CategoryCoverage, ...]
    overused: tuple[tuple[Story, int], ...]  # (story, number of questions), most used first


def journal_available(db: Database) -> bool:
    """True once the journal's table exists."""
    has_table = db.execute("select 1 from sqlite_master where type = 'table' and name = 'achievements'").fetchone()
    return bool(has_table)


def _stories(db: Database, ids: list[int]) -> list[Story]:
    """The live achievements with these ids, in this order."""
    if not ids or not journal_available(db):
        return []
    return [_story(a) for a in journal.achievements_by_id(db, ids)]


def _story(a) -> Story:
    return Story(a.id, a.title, a.occurred_on, a.category, getattr(a, "badge", ""))


def _require_journal(db: Database) -> None:
    if not journal_available(db):
        raise CtoError(f"{NOT_AVAILABLE}: stories are achievements from the journal")


def link_story(db: Database, question_ref: int | str, achievement_id: int) -> Story:
    """Link an achievement to a question as a story (linking twice is harmless)."""
    _require_journal(db)
    q = get_question(db, question_ref)
    found = _stories(db, [achievement_id])
    if not found:
        raise NotFound(f"no achievement with id {achievement_id} in the journal")
    db.execute(
        "insert into question_stories (question_id, achievement_id, linked_at) values (?, ?, ?) on conflict do nothing",
        [q.id, achievement_id, clock.utc_iso()],
    )
    return found[0]


def unlink_story(db: Database, question_ref: int | str, achievement_id: int) -> None:
    q = get_question(db, question_ref)
    cursor = db.execute(
        "delete from question_stories where question_id = ? and achievement_id = ?", [q.id, achievement_id]
    )
    if cursor.rowcount == 0:
        raise NotFound(f"achievement {achievement_id} is not a story of question {q.ref}")


def stories_for(db: Database, question_ref: int | str) -> list[Story]:
    """The question's stories, most recently linked first."""
    q = get_question(db, question_ref)
    rows = db.execute(
        "select achievement_id from question_stories where question_id = ? order by linked_at desc, rowid desc",
        [q.id],
    ).fetchall()
    found = _stories(db, [r[0] for r in rows])
    backed = people_core.backers(db, [st.achievement_id for st in found])
    return [replace(st, backers=backed.get(st.achievement_id, ())) for st in found]


def questions_for_story(db: Database, achievement_id: int) -> list[int]:
    """The ids of the live questions an achievement is a story for."""
    rows = db.execute(
        "select s.question_id from question_stories s join questions q on q.id = s.question_id "
        "where s.achievement_id = ? and q.retired_at is null order by s.question_id",
        [achievement_id],
    ).fetchall()
    return [r[0] for r in rows]


def _words(text: str) -> list[str]:
    seen: dict[str, None] = {}
    for word in re.findall(r"[a-z0-9]+", text.lower()):
        if len(word) > 2 and word not in _STOPWORDS:
            seen.setdefault(word)
    return sorted(seen, key=len, reverse=True)[:SEARCH_WORDS]  # longer words say more


def suggestions(db: Database, question_ref: int | str, *, limit: int = SUGGESTIONS) -> list[Story]:
    """Up to ``limit`` achievements worth linking to the question (see the module docstring)."""
    q = get_question(db, question_ref)
    if not journal_available(db):
        return []
    search, only = journal.search_achievements, journal.JournalFilter
    linked = {s.achievement_id for s in stories_for(db, q.id)}
    categories, skills = CATEGORY_FIT[q.category]
    score: dict[int, int] = {}
    seen: dict[int, Story] = {}

    def consider(items, points: int) -> None:
        for a in items:
            if a.id in linked:
                continue
            seen.setdefault(a.id, _story(a))
            score[a.id] = score.get(a.id, 0) + points

    for word in _words(q.text):
        consider(search(db, word + "*", limit=20).items, 1)  # the word's start: "team" finds "teams"
    fits: dict[int, Achievement] = {}  # one point for fitting the category, however many ways it fits
    for category in categories:
        fits.update((a.id, a) for a in search(db, "", filters=only(category=category), limit=10).items)
    for skill in skills:
        fits.update((a.id, a) for a in search(db, "", filters=only(skill=skill), limit=10).items)
    consider(fits.values(), 1)
    ranked = sorted(
        seen.values(), key=lambda s: (-score[s.achievement_id], -s.occurred_on.toordinal(), -s.achievement_id)
    )
    return ranked[:limit]


def coverage(db: Database) -> Coverage:
    """The three categories × the user's stories (see the module docstring)."""
    available = journal_available(db)
    questions = {q.id: q for q in list_questions(db)}
    links = db.execute("select question_id, achievement_id from question_stories order by linked_at").fetchall()
    live = {s.achievement_id: s for s in _stories(db, list(dict.fromkeys(a for _, a in links)))}
    by_category: dict[str, dict[int, set[int]]] = {}
    uses: dict[int, int] = {}
    for qid, aid in links:
        if qid in questions and aid in live:
            by_category.setdefault(questions[qid].category, {}).setdefault(aid, set()).add(qid)
            uses[aid] = uses.get(aid, 0) + 1
    categories = []
    for ic in playbook.load().interview:
        mine = by_category.get(ic.slug, {})
        covered = set().union(*mine.values()) if mine else set()
        categories.append(
            CategoryCoverage(
                ic.slug,
                ic.name,
                sum(1 for q in questions.values() if q.category == ic.slug),
                len(covered),
                tuple(live[a] for a in mine),
            )
        )
    overused = sorted(((live[a], n) for a, n in uses.items() if n > OVERUSED), key=lambda x: (-x[1], x[0].title))
    return Coverage(available, tuple(categories), tuple(overused))
