"""Conversations: dated, with one person. What you asked or said, what you heard,
what each side committed to, and when to follow up.

A follow-up is due on its day and overdue the day after; it stays open until it
is marked done (``followed_up``, undone by ``reopen``) or the conversation is followed by a newer
one with the same person, which counts as the follow-up.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from ctotui.core import clock
from ctotui.core.dates import optional_day, parse_day
from ctotui.core.errors import CtoError, NotFound
from ctotui.core.journal.entries import writing
from ctotui.core.people.persons import get as get_person
from ctotui.core.plural import plural
from ctotui.core.text import clean_block, clean_line

if TYPE_CHECKING:
    from sqlite_utils import Database

MAX_TEXT = 4000
SOON_DAYS = 7  # a follow-up within this many days shows as coming up


def _text(value: Any, what: str) -> str:
    text = clean_block(str(value or "")).strip()
    if len(text) > MAX_TEXT:
        raise CtoError(f"{what} must be at most {MAX_TEXT} characters (got {len(text)})")
    return text


def happened(value: date | str | None, what: str) -> date:
    """The day something happened (today when not given), refused when it is still ahead: one
    day of slack, for a clock on the other side of midnight in another time zone."""
    today = clock.today()
    day = parse_day(value, what) if value not in (None, "") else today
    if day > today + timedelta(days=1):
        raise CtoError(f"the {what} {day.isoformat()} is in the future; write it down once it happened")
    return day


def parse_talk_id(value: Any) -> int:
    text = str(value).strip().lstrip("#")
    if not text.isdigit() or not 0 < int(text) < 2**31:
        raise CtoError(f"a conversation's id is a positive whole number (got {value!r})")
    return int(text)


@dataclass(frozen=True)
class Conversation:
    id: int
    person_id: int
    person: str
    held_on: date
    asked: str  # what you asked or said
    heard: str  # what you heard
    mine: str  # what you committed to
    theirs: str  # what they committed to
    follow_up: date | None
    followed_up: bool

    def follow_up_state(self, today: date | None = None) -> str:
        """ "" (none or done), "overdue", "due" (today), "soon" (within SOON_DAYS) or "later"."""
        if self.follow_up is None or self.followed_up:
            return ""
        today = today or clock.today()
        if self.follow_up < today:
            return "overdue"
        if self.follow_up == today:
            return "due"
        return "soon" if self.follow_up <= today + timedelta(days=SOON_DAYS) else "later"

    def follow_up_words(self, today: date | None = None) -> str:
        """The open follow-up in plain words: "overdue by 3 days", "due today", "tomorrow",
        "in 10 days"; "" when there is none or it is done."""
        if not self.follow_up_state(today) or self.follow_up is None:
            return ""
        days = (self.follow_up - (today or clock.today())).days
        if days < 0:
            return f"overdue by {plural(-days, 'day')}"
        return {0: "due today", 1: "tomorrow"}.get(days, f"in {days} days")

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "person_id": self.person_id,
            "person": self.person,
            "on": self.held_on.isoformat(),
            "asked": self.asked,
            "heard": self.heard,
            "mine": self.mine,
            "theirs": self.theirs,
            "follow_up": self.follow_up.isoformat() if self.follow_up else None,
            "followed_up": self.followed_up,
            "follow_up_state": self.follow_up_state(),
        }


_SELECT = """
select c.id, c.person_id, p.name, c.held_on, c.asked, c.heard, c.mine, c.theirs, c.follow_up_on, c.followed_up_at
from conversations c join people p on p.id = c.person_id
"""


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _talk(row: tuple[Any, ...]) -> Conversation:
    id_, person_id, name, held, asked, heard, mine, theirs, follow, done = row
    asked, heard, mine, theirs = (clean_block(t) for t in (asked, heard, mine, theirs))  # cleaned on read too
    return Conversation(
        id_, person_id, clean_line(name), _day(held) or date.min, asked, heard, mine, theirs, _day(follow),
        done is not None,
    )  # fmt: skip


def get(db: Database, talk_id: int) -> Conversation:
    row = db.execute(_SELECT + " where c.id = ?", [talk_id]).fetchone()
    if row is None:
        raise NotFound(f"no conversation with id {talk_id}")
    return _talk(row)


def log(
    db: Database,
    person_id: int,
    *,
    on: date | str | None = None,
    asked: str = "",
    heard: str = "",
    mine: str = "",
    theirs: str = "",
    follow_up: date | str | None = None,
) -> Conversation:
    """Write down a conversation. Earlier open follow-ups with the same person are
    answered by it (you spoke again), so they stop showing as due."""
    get_person(db, person_id)
    held = happened(on, "conversation date")
    fields = {k: _text(v, k) for k, v in (("asked", asked), ("heard", heard), ("mine", mine), ("theirs", theirs))}
    if not any(fields.values()):
        raise CtoError("write down something: what you asked or said (--asked) or what you heard (--heard)")
    follow = optional_day(follow_up, "follow-up date", ahead=True)
    if follow is not None and follow < held:
        raise CtoError(f"the follow-up {follow.isoformat()} is before the conversation ({held.isoformat()})")
    stamp = clock.utc_iso()
    with writing(db):
        db.execute(
            "update conversations set followed_up_at = ? where person_id = ? and follow_up_on is not null"
            " and followed_up_at is null and held_on <= ?",
            [stamp, person_id, held.isoformat()],
        )
        cur = db.execute(
            "insert into conversations (person_id, held_on, asked, heard, mine, theirs, follow_up_on, created_at)"
            " values (?, ?, ?, ?, ?, ?, ?, ?)",
            [person_id, held.isoformat(), *fields.values(), follow.isoformat() if follow else None, stamp],
        )
    assert cur.lastrowid is not None  # an INSERT sets it (sqlite3 types it int | None)
    return get(db, cur.lastrowid)


def follow_up_done(db: Database, talk_id: int, *, done: bool = True) -> Conversation:
    get(db, talk_id)
    db.execute("update conversations set followed_up_at = ? where id = ?", [clock.utc_iso() if done else None, talk_id])
    return get(db, talk_id)


def followed_up(db: Database, person_id: int) -> tuple[Conversation, ...]:
    """Mark every open follow-up with the person done, in one write (all or none); the
    conversations it closed, none when nothing was open (``reopen`` brings them back)."""
    get_person(db, person_id)
    with writing(db):
        ids = [
            row[0]
            for row in db.execute(
                "select id from conversations where person_id = ? and follow_up_on is not null"
                " and followed_up_at is null order by id",
                [person_id],
            )
        ]
        marks = ", ".join("?" for _ in ids)
        if ids:
            db.execute(f"update conversations set followed_up_at = ? where id in ({marks})", [clock.utc_iso(), *ids])
    return tuple(get(db, i) for i in ids)


def reopen(db: Database, talk_ids: Sequence[int]) -> tuple[Conversation, ...]:
    """``followed_up``'s undo: these conversations' follow-ups open again, in one write."""
    for talk_id in talk_ids:
        get(db, talk_id)
    if talk_ids:
        marks = ", ".join("?" for _ in talk_ids)
        with writing(db):
            db.execute(f"update conversations set followed_up_at = null where id in ({marks})", list(talk_ids))
    return tuple(get(db, i) for i in talk_ids)


def closed_last(db: Database, person_id: int) -> tuple[int, ...]:
    """The conversations whose follow-ups with the person were closed last (one ``followed_up``,
    or the newer conversation that answered them): what an undo from the command line reopens.
    None while a follow-up with them is open: the undo of the last close has been done (each undo
    reopened the close before it, until every follow-up ever answered was open at once)."""
    get_person(db, person_id)
    still_open = db.execute(
        "select 1 from conversations where person_id = ? and follow_up_on is not null and followed_up_at is null",
        [person_id],
    ).fetchone()
    if still_open is not None:
        return ()
    return tuple(
        row[0]
        for row in db.execute(
            "select id from conversations where person_id = ? and follow_up_on is not null and followed_up_at = ("
            "select max(followed_up_at) from conversations where person_id = ? and follow_up_on is not null)"
            " order by id",
            [person_id, person_id],
        )
    )


def history(db: Database, person_id: int) -> list[Conversation]:
    """A person's conversations, newest first."""
    return [
        _talk(r) for r in db.execute(_SELECT + " where c.person_id = ? order by c.held_on desc, c.id desc", [person_id])
    ]


def recent(db: Database, since: date, until: date | None = None) -> list[Conversation]:
    """Conversations held from ``since`` (to ``until``), newest first: the weekly review's "who you talked to"."""
    until = until or clock.today()
    return [
        _talk(r)
        for r in db.execute(
            _SELECT + " where c.held_on between ? and ? order by c.held_on desc, c.id desc",
            [since.isoformat(), until.isoformat()],
        )
    ]


def follow_ups(db: Database, *, within_days: int = SOON_DAYS, today: date | None = None) -> list[Conversation]:
    """Open follow-ups due by ``today + within_days`` (overdue ones first), people archived left out."""
    today = today or clock.today()
    limit = (today + timedelta(days=within_days)).isoformat()
    return [
        _talk(r)
        for r in db.execute(
            _SELECT + " where c.follow_up_on is not null and c.followed_up_at is null and c.follow_up_on <= ?"
            " and p.archived_at is null order by c.follow_up_on, c.id",
            [limit],
        )
    ]
