"""The people who help you toward the role: who they are to you, where they are,
when you last spoke, what is due with them, and what they can vouch for.

A person is never deleted by the app: archiving hides them from the list and
keeps their history (conversations, the bar they set). ``find`` reads a person
named on the command line: an id, or a name that matches one person (whole
name, else a unique start of a word); an ambiguous or unknown name is refused
with the close matches.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from ctotui.core import clock, playbook
from ctotui.core.errors import CtoError, NotFound
from ctotui.core.profile_fields import one_line
from ctotui.core.row_rules import LINES
from ctotui.core.terms import RELATIONS
from ctotui.core.text import clean_block, clean_line

if TYPE_CHECKING:
    from sqlite_utils import Database

MAX_NAME = LINES["people", "name"].most  # the rule an import and a sync apply too
MAX_CONTEXT = LINES["people", "context"].most
MAX_NOTE = 4000
STALE_DAYS = 90  # a reference not spoken to for this long: worth a message before you need them


def parse_relation(value: Any) -> str:
    slug = str(value).strip().lower().replace(" ", "-").replace("_", "-")
    if slug not in RELATIONS:
        raise CtoError(f"unknown relation {value!r} (valid: {', '.join(RELATIONS)})")
    return slug


def parse_name(value: Any) -> str:
    name = one_line(value, MAX_NAME, what="a name", empty="a person needs a name")
    if name.lstrip("#").isdigit():  # `find` reads digits as an id: a person named "7" was never found by name
        raise CtoError(f"{name!r} would be read as a person's id: give a name with a letter in it")
    return name


def parse_context(value: Any) -> str:
    text = " ".join(str(value or "").split())
    if len(text) > MAX_CONTEXT:
        raise CtoError(f"where they are must be at most {MAX_CONTEXT} characters (got {len(text)})")
    return one_line(text, MAX_CONTEXT, what="where they are", empty="") if text else ""


def parse_note(value: Any) -> str:
    text = clean_block(str(value or "")).strip()
    if len(text) > MAX_NOTE:
        raise CtoError(f"a note must be at most {MAX_NOTE} characters (got {len(text)})")
    return text


def parse_person_id(value: Any) -> int:
    text = str(value).strip().lstrip("#")
    if not text.isdigit() or not 0 < int(text) < 2**31:
        raise CtoError(f"a person's id is a positive whole number (got {value!r}); `ctotui people` lists them")
    return int(text)


@dataclass(frozen=True)
class Person:
    id: int
    name: str
    relation: str
    context: str  # where they are: a company or a context ("ex-colleague at Acme")
    note: str
    is_reference: bool
    archived: bool
    created_at: str
    updated_at: str
    last_spoke: date | None  # the latest conversation's day
    follow_up: date | None  # the earliest follow-up still open
    talks: int

    @property
    def relation_name(self) -> str:
        return playbook.load().relation(self.relation).name

    def overdue(self, today: date | None = None) -> bool:
        return self.follow_up is not None and self.follow_up < (today or clock.today())

    def follow_up_mark(self, today: date | None = None) -> str:
        """How the open follow-up is marked next to its date in a list: "overdue", "due today",
        or "" (none, or still ahead). The app's list and `ctotui people` both use these words."""
        if self.follow_up is None:
            return ""
        today = today or clock.today()
        return "overdue" if self.follow_up < today else ("due today" if self.follow_up == today else "")

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "relation": self.relation,
            "where": self.context,
            "note": self.note,
            "reference": self.is_reference,
            "archived": self.archived,
            "last_spoke": self.last_spoke.isoformat() if self.last_spoke else None,
            "follow_up": self.follow_up.isoformat() if self.follow_up else None,
            "overdue": self.overdue(),
            "conversations": self.talks,
        }


_SELECT = """
select p.id, p.name, p.relation, p.context, p.note, p.is_reference, p.archived_at, p.created_at, p.updated_at,
    (select max(held_on) from conversations c where c.person_id = p.id),
    (select min(follow_up_on) from conversations c where c.person_id = p.id
        and c.follow_up_on is not null and c.followed_up_at is null),
    (select count(*) from conversations c where c.person_id = p.id)
from people p
"""


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:  # a bad row that got in another way: `ctotui check` reports it
        return None


def _person(row: tuple[Any, ...]) -> Person:
    id_, name, relation, context, note, ref, archived, created, updated, last, follow, talks = row
    if relation not in RELATIONS:
        relation = "peer"  # a bad row never crashes a read
    # cleaned on read too, as the journal does: a row written by an older version or another tool
    # cannot drive the terminal (core/text.py)
    return Person(
        id_, clean_line(name), relation, clean_line(context), clean_block(note), bool(ref), archived is not None,
        created, updated, _day(last), _day(follow), talks,
    )  # fmt: skip


def get(db: Database, person_id: int) -> Person:
    row = db.execute(_SELECT + " where p.id = ?", [person_id]).fetchone()
    if row is None:
        raise NotFound(f"no person with id {person_id}; `ctotui people` lists them")
    return _person(row)


def list_people(db: Database, *, archived: bool = False, relation: str | None = None) -> list[Person]:
    """People by name; archived ones only when asked."""
    where, params = [], []
    if not archived:
        where.append("p.archived_at is null")
    if relation:
        where.append("p.relation = ?")
        params.append(parse_relation(relation))
    sql = _SELECT + (" where " + " and ".join(where) if where else "") + " order by p.name collate nocase, p.id"
    return [_person(r) for r in db.execute(sql, params).fetchall()]


class SameName(CtoError):
    """A person of that name is here already (``add`` without ``again``): adding them again
    splits their conversations and follow-ups between two people, and each name then matches two."""

    def __init__(self, name: str, existing: list[Person]) -> None:
        first = existing[0]
        archived = ", archived" if first.archived else ""
        more = f"; {len(existing) - 1} more of that name" if len(existing) > 1 else ""
        super().__init__(f"{name} is here already (#{first.id} {first.name}, {first.relation_name}{archived}{more})")
        self.existing = existing


def same_name(db: Database, name: str) -> list[Person]:
    """The people, archived too (after the others), whose name is ``name`` once case and spaces are
    set aside."""
    found = [p for p in list_people(db, archived=True) if _key(p.name) == _key(name)]
    return sorted(found, key=lambda p: p.archived)


def _key(name: str) -> str:
    """A name as same_name compares it: case and spaces set aside."""
    return " ".join(name.split()).casefold()


def add(
    db: Database,
    name: str,
    relation: str,
    *,
    where: str = "",
    note: str = "",
    reference: bool | None = None,
    again: bool = False,
) -> Person:
    """Add a person. A relation of "reference" marks them as a reference too. Raises SameName when
    someone of that name is here already, unless ``again`` (two people may share a name)."""
    name, relation = parse_name(name), parse_relation(relation)
    context, note = parse_context(where), parse_note(note)
    if not again and (existing := same_name(db, name)):
        raise SameName(name, existing)
    is_ref = relation == "reference" if reference is None else bool(reference)
    stamp = clock.utc_iso()
    cur = db.execute(
        "insert into people (name, relation, context, note, is_reference, created_at, updated_at)"
        " values (?, ?, ?, ?, ?, ?, ?)",
        [name, relation, context, note, int(is_ref), stamp, stamp],
    )
    assert cur.lastrowid is not None  # an INSERT sets it (sqlite3 types it int | None)
    return get(db, cur.lastrowid)


KEEP: Any = object()


def edit(
    db: Database,
    person_id: int,
    *,
    name: Any = KEEP,
    relation: Any = KEEP,
    where: Any = KEEP,
    note: Any = KEEP,
    reference: Any = KEEP,
    archived: Any = KEEP,
    again: bool = False,
) -> Person:
    """Change what is given; archiving keeps the person's history. A new name that someone else
    has already raises SameName, unless ``again`` (as ``add``)."""
    before = get(db, person_id)
    changes: dict[str, Any] = {}
    if name is not KEEP:
        changes["name"] = parse_name(name)
        if not again and _key(changes["name"]) != _key(before.name):  # a new name, not the same re-cased
            others = [p for p in same_name(db, changes["name"]) if p.id != person_id]
            if others:
                raise SameName(changes["name"], others)
    if relation is not KEEP:
        changes["relation"] = parse_relation(relation)
    if where is not KEEP:
        changes["context"] = parse_context(where)
    if note is not KEEP:
        changes["note"] = parse_note(note)
    if reference is not KEEP:
        changes["is_reference"] = int(bool(reference))
    if changes.get("relation", before.relation) == "reference":  # as ``add``: the relation marks them
        changes["is_reference"] = 1  # (a peer made a reference read "(Reference)" and was in no list of them)
    if archived is not KEEP and bool(archived) != before.archived:
        changes["archived_at"] = clock.utc_iso() if archived else None
    if not changes:
        return before
    changes["updated_at"] = clock.utc_iso()
    sets = ", ".join(f"{column} = ?" for column in changes)
    db.execute(f"update people set {sets} where id = ?", [*changes.values(), person_id])
    return get(db, person_id)


def find(db: Database, value: Any, *, archived: bool = True) -> Person:
    """The person ``value`` names: an id, or a name matching exactly one person."""
    text = " ".join(str(value).split())
    if text.lstrip("#").isdigit():
        return get(db, parse_person_id(text))
    if not text:
        raise CtoError("name a person by id or name; `ctotui people` lists them")
    everyone = list_people(db, archived=archived)
    folded = text.casefold()
    exact = [p for p in everyone if p.name.casefold() == folded]
    if len(exact) == 1:
        return exact[0]
    starts = exact or [
        p
        for p in everyone
        if any(word.startswith(folded) for word in _words(p.name)) or p.name.casefold().startswith(folded)
    ]
    if len(starts) == 1:
        return starts[0]
    if starts:
        names = "; ".join(f"#{p.id} {p.name}" for p in starts[:6])
        raise CtoError(f"{text!r} matches {len(starts)} people: {names}; give the id")
    close = difflib.get_close_matches(folded, {p.name.casefold(): p for p in everyone}, n=3, cutoff=0.6)
    hint = (
        "; did you mean " + " or ".join(repr(next(p.name for p in everyone if p.name.casefold() == c)) for c in close)
        if close
        else ""
    )
    raise NotFound(f"no person named {text!r}{hint}; `ctotui person add NAME --relation R` adds one")


def _words(name: str) -> list[str]:
    return name.casefold().replace("-", " ").split()


# --- references ------------------------------------------------------------


@dataclass(frozen=True)
class Reference:
    person: Person
    vouches_for: tuple[int, ...]  # achievement ids they can speak to first-hand

    def stale(self, today: date | None = None) -> bool:
        """Not spoken to for STALE_DAYS (or never): worth a message before you need them."""
        last = self.person.last_spoke
        return last is None or ((today or clock.today()) - last).days > STALE_DAYS

    def silence(self, today: date | None = None) -> str:
        """Why they are stale, in words ("never spoken to", "not spoken to in 90 days"), or "" if not."""
        if not self.stale(today):
            return ""
        return "never spoken to" if self.person.last_spoke is None else f"not spoken to in {STALE_DAYS} days"


def vouch(db: Database, person_id: int, achievement_id: int, *, on: bool = True) -> None:
    """Record (or forget) that a person can vouch for an achievement."""
    get(db, person_id)
    if on:
        if (
            db.execute("select 1 from achievements where id = ? and deleted_at is null", [achievement_id]).fetchone()
            is None
        ):
            raise NotFound(f"no achievement with id {achievement_id}; `ctotui list` shows them")
        db.execute(
            "insert or ignore into reference_vouches (person_id, achievement_id) values (?, ?)",
            [person_id, achievement_id],
        )
    else:
        db.execute(
            "delete from reference_vouches where person_id = ? and achievement_id = ?", [person_id, achievement_id]
        )


def references(db: Database, *, archived: bool = False) -> list[Reference]:
    """People marked as references and anyone who can vouch for an achievement (archived ones only
    when asked: `people --references --all`, a person's own page), each with what they can vouch
    for: `ctotui people --references` and the People screen."""
    vouches: dict[int, list[int]] = {}
    for person_id, achievement_id in db.execute(
        "select v.person_id, v.achievement_id from reference_vouches v join achievements a on a.id = v.achievement_id"
        " where a.deleted_at is null order by v.person_id, v.achievement_id"
    ):
        vouches.setdefault(person_id, []).append(achievement_id)
    everyone = list_people(db, archived=archived)
    return [Reference(p, tuple(vouches.get(p.id, ()))) for p in everyone if p.is_reference or p.id in vouches]


def backers(db: Database, achievement_ids: list[int] | tuple[int, ...]) -> dict[int, tuple[str, ...]]:
    """For each achievement, the names of the people who can vouch for it (the drill's story view)."""
    if not achievement_ids:
        return {}
    marks = ", ".join("?" for _ in achievement_ids)
    found: dict[int, list[str]] = {}
    for achievement_id, name in db.execute(
        f"select v.achievement_id, p.name from reference_vouches v join people p on p.id = v.person_id"
        f" where v.achievement_id in ({marks}) and p.archived_at is null order by p.name collate nocase",
        list(achievement_ids),
    ):
        found.setdefault(achievement_id, []).append(clean_line(name))
    return {k: tuple(v) for k, v in found.items()}
