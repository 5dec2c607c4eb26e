"""The bar: what someone said it would take to be considered for a bigger role,
written down with its criteria, the day it was agreed and a deadline.

The article's advice: ask what you would need to show over the next 12 to 18
months; if the company cannot offer a path, agree how long you will give it,
then move. So a bar has a deadline (18 months after it was agreed unless set),
each criterion can be met and linked to achievements as evidence, and the bar's
state says plainly when the deadline nears with criteria open (``NEAR_DAYS``)
and when it has passed.

Only one bar is open at a time: setting a new one closes the previous one
(its history stays: ``all_bars``, its ticks and evidence with it). The open bar is
changed in place (``edit_bar``): a criterion reworded or moved keeps its tick and
evidence.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from ctotui.core import clock
from ctotui.core.dates import optional_day
from ctotui.core.errors import CtoError, NotFound
from ctotui.core.journal.entries import writing
from ctotui.core.people.conversations import happened
from ctotui.core.people.persons import get as get_person
from ctotui.core.plural import plural
from ctotui.core.profile_fields import one_line
from ctotui.core.row_rules import LINES
from ctotui.core.text import clean_line
from ctotui.core.timeline.plan import add_months

if TYPE_CHECKING:
    from sqlite_utils import Database

DEFAULT_MONTHS = 18
NEAR_DAYS = 60  # the deadline "nears": this many days or fewer left with criteria open
MAX_CRITERIA = 20
MAX_ROLE = LINES["bars", "role"].most  # the rule an import and a sync apply too
MAX_CRITERION = LINES["bar_criteria", "text"].most
ADVICE = (
    "The playbook's advice: agree how long you will give a path here; if it has not opened by then, "
    "plan the move (another company, or the founding path)."
)


@dataclass(frozen=True)
class Criterion:
    id: int
    number: int  # 1-based, as `ctotui bar tick N` names it
    text: str
    met: bool
    met_at: str | None
    evidence: tuple[int, ...]  # achievement ids


@dataclass(frozen=True)
class Bar:
    id: int
    role: str
    person_id: int | None
    person: str | None  # who set it
    conversation_id: int | None
    agreed_on: date
    deadline: date
    criteria: tuple[Criterion, ...]
    closed_at: str | None  # when a newer bar replaced it, or it was closed (UTC); None while open

    @property
    def closed(self) -> bool:
        return self.closed_at is not None

    @property
    def met(self) -> int:
        return sum(c.met for c in self.criteria)

    @property
    def open_criteria(self) -> int:
        return len(self.criteria) - self.met

    def days_left(self, today: date | None = None) -> int:
        return (self.deadline - (today or clock.today())).days

    def state(self, today: date | None = None) -> str:
        """ "met" (every criterion met), "passed" (deadline gone, criteria open),
        "near" (NEAR_DAYS or fewer left, criteria open) or "on-track"."""
        if self.criteria and self.open_criteria == 0:
            return "met"
        left = self.days_left(today)
        if left < 0:
            return "passed"
        return "near" if left <= NEAR_DAYS else "on-track"

    def says(self, today: date | None = None) -> str:
        """The bar's state in one plain sentence (with the advice when time is short)."""
        left, state = self.days_left(today), self.state(today)
        met = f"{self.met} of {plural(len(self.criteria), 'criterion', 'criteria')} met"
        if state == "met":
            return f"Every criterion of the bar for {self.role} is met: time for the conversation about the role."
        if state == "passed":
            return (
                f"The deadline for {self.role} passed {plural(-left, 'day')} ago with {met}. "
                f"Ask for the decision you agreed on. {ADVICE}"
            )
        if state == "near":
            return f"{plural(left, 'day')} left for {self.role} and {met}. {ADVICE}"
        return f"{met} for {self.role}; the deadline is {self.deadline.isoformat()} ({plural(left, 'day')} left)."

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "role": self.role,
            "set_by": self.person,
            "person_id": self.person_id,
            "conversation_id": self.conversation_id,
            "agreed_on": self.agreed_on.isoformat(),
            "deadline": self.deadline.isoformat(),
            "days_left": self.days_left(),
            "state": self.state(),
            "says": self.says(),
            "met": self.met,
            "closed_at": self.closed_at,
            "criteria": [
                {"number": c.number, "text": c.text, "met": c.met, "evidence": list(c.evidence)} for c in self.criteria
            ],
        }


def _day(value: str | None, fallback: date) -> date:
    try:
        return date.fromisoformat(value) if value else fallback
    except ValueError:
        return fallback


def _load(db: Database, row: tuple[Any, ...]) -> Bar:
    bar_id, role, person_id, name, talk_id, agreed, deadline, closed = row
    evidence: dict[int, list[int]] = {}
    for criterion_id, achievement_id in db.execute(
        "select e.criterion_id, e.achievement_id from bar_evidence e join bar_criteria c on c.id = e.criterion_id"
        " join achievements a on a.id = e.achievement_id where c.bar_id = ? and a.deleted_at is null"
        " order by e.achievement_id",
        [bar_id],
    ):
        evidence.setdefault(criterion_id, []).append(achievement_id)
    criteria = tuple(
        Criterion(cid, n + 1, clean_line(text), met is not None, met, tuple(evidence.get(cid, ())))
        for n, (cid, text, met) in enumerate(
            db.execute("select id, text, met_at from bar_criteria where bar_id = ? order by position", [bar_id])
        )
    )
    agreed_day = _day(agreed, clock.today())
    # the texts are cleaned on read too, as the journal does: a row written by an older version or
    # another tool cannot drive the terminal (core/text.py)
    return Bar(
        bar_id, clean_line(role), person_id, None if name is None else clean_line(name), talk_id, agreed_day,
        _day(deadline, add_months(agreed_day, DEFAULT_MONTHS)), criteria, closed,
    )  # fmt: skip


_SELECT = """
select b.id, b.role, b.person_id, p.name, b.conversation_id, b.agreed_on, b.deadline_on, b.closed_at
from bars b left join people p on p.id = b.person_id
"""


def current(db: Database) -> Bar | None:
    """The open bar, or None."""
    # the latest set, by time (two are open only after a sync merged two devices' bars)
    row = db.execute(_SELECT + " where b.closed_at is null order by b.created_at desc, b.id desc limit 1").fetchone()
    return _load(db, row) if row else None


def get(db: Database, bar_id: int) -> Bar:
    row = db.execute(_SELECT + " where b.id = ?", [bar_id]).fetchone()
    if row is None:
        raise NotFound(f"no bar with id {bar_id}")
    return _load(db, row)


def all_bars(db: Database) -> list[Bar]:
    """Every bar, the newest first: the open one, then those closed, with their ticks and evidence."""
    return [_load(db, r) for r in db.execute(_SELECT + " order by b.id desc")]


@dataclass(frozen=True)
class _Checked:
    role: str
    texts: list[str]
    person_id: int | None
    agreed: date
    due: date


def _checked(
    db: Database,
    role: str,
    texts: list[str] | tuple[str, ...],
    person_id: int | None,
    agreed_on: date | str | None,
    deadline: date | str | None,
) -> _Checked:
    """What a new or edited bar holds, checked: the role, the criteria's texts, who set it, the days."""
    role = one_line(role, MAX_ROLE, what="the role", empty="name the role the bar leads to (--role)")
    checked = [one_line(c, MAX_CRITERION, what="a criterion", empty="a criterion needs some text") for c in texts]
    if not checked:
        raise CtoError("a bar needs at least one criterion: what you would need to show")
    if len(checked) > MAX_CRITERIA:
        raise CtoError(f"a bar holds at most {MAX_CRITERIA} criteria (got {len(checked)})")
    if person_id is not None:
        get_person(db, person_id)
    agreed = happened(agreed_on, "agreed date")
    due = optional_day(deadline, "deadline", ahead=True) or add_months(agreed, DEFAULT_MONTHS)
    if due <= agreed:
        raise CtoError(f"the deadline {due.isoformat()} must come after the day it was agreed ({agreed.isoformat()})")
    return _Checked(role, checked, person_id, agreed, due)


def set_bar(
    db: Database,
    *,
    role: str,
    criteria: list[str] | tuple[str, ...],
    person_id: int | None = None,
    conversation_id: int | None = None,
    agreed_on: date | str | None = None,
    deadline: date | str | None = None,
) -> Bar:
    """Write down a new bar (closing the open one, if any: it stays, with its ticks and evidence, in
    ``all_bars``). To change the open bar's wording or dates, ``edit_bar``."""
    if conversation_id is not None:
        row = db.execute("select person_id from conversations where id = ?", [conversation_id]).fetchone()
        if row is None:
            raise NotFound(f"no conversation with id {conversation_id}")
        person_id = person_id if person_id is not None else row[0]
    new = _checked(db, role, criteria, person_id, agreed_on, deadline)
    stamp = clock.utc_iso()
    with writing(db):
        db.execute("update bars set closed_at = ? where closed_at is null", [stamp])
        cur = db.execute(
            "insert into bars (person_id, conversation_id, role, agreed_on, deadline_on, created_at)"
            " values (?, ?, ?, ?, ?, ?)",
            [new.person_id, conversation_id, new.role, new.agreed.isoformat(), new.due.isoformat(), stamp],
        )
        bar_id = cur.lastrowid
        assert bar_id is not None  # an INSERT sets it (sqlite3 types it int | None)
        db.conn.executemany(
            "insert into bar_criteria (bar_id, position, text) values (?, ?, ?)",
            [(bar_id, n, text) for n, text in enumerate(new.texts)],
        )
    return get(db, bar_id)


def edit_bar(
    db: Database,
    bar_id: int,
    *,
    role: str,
    criteria: Sequence[tuple[int | None, str]],
    person_id: int | None,
    agreed_on: date | str | None,
    deadline: date | str | None,
) -> Bar:
    """Change the open bar in place: its role, who set it, its days, and its criteria.

    ``criteria`` is the whole new list, in order: each an existing criterion's id (``Criterion.id``)
    with its text, reworded or not, or None with the text of a new one. A criterion kept keeps its
    tick and its evidence wherever it moves; one left out goes, with its tick and evidence. A blank
    deadline is 18 months after the agreed day, as for a new bar."""
    bar = get(db, bar_id)
    if bar.closed:
        raise CtoError(f"the bar for {bar.role} is closed: only the open bar can be changed")
    ids = [cid for cid, _ in criteria if cid is not None]
    mine = {c.id for c in bar.criteria}
    if len(set(ids)) != len(ids):
        raise CtoError("a criterion is named twice: each may be kept once")
    if gone_meanwhile := [cid for cid in ids if cid not in mine]:
        words = [text for cid, text in criteria if cid in gone_meanwhile]
        more = f" and {len(words) - 1} more are" if len(words) > 1 else " is"
        raise CtoError(
            f"the bar was changed elsewhere meanwhile: “{words[0]}”{more} no longer on it; clear "
            "that line, or write it again among the new criteria, and save"
        )
    new = _checked(db, role, [text for _, text in criteria], person_id, agreed_on, deadline)
    gone = sorted(mine - set(ids))
    with writing(db):
        db.execute(
            "update bars set person_id = ?, role = ?, agreed_on = ?, deadline_on = ? where id = ?",
            [new.person_id, new.role, new.agreed.isoformat(), new.due.isoformat(), bar_id],
        )
        db.conn.executemany("delete from bar_criteria where id = ?", [(cid,) for cid in gone])
        for (cid, _), text, position in zip(criteria, new.texts, _positions(db, bar_id, criteria), strict=True):
            if cid is None:
                db.execute(
                    "insert into bar_criteria (bar_id, position, text) values (?, ?, ?)", [bar_id, position, text]
                )
            else:
                db.execute("update bar_criteria set position = ?, text = ? where id = ?", [position, text, cid])
    return get(db, bar_id)


def _positions(db: Database, bar_id: int, criteria: Sequence[tuple[int | None, str]]) -> list[int]:
    """Where each criterion goes. Only their order counts (gaps are fine), so criteria kept in
    their order keep their positions and new ones go after every position used, the removed
    ones' too: no row moves, and another machine applying the edit row by row (docs/sync.md)
    never finds two criteria on one position. A new order numbers them all from 0 again, the kept
    ones first stepping out of the way, as (bar_id, position) is unique."""
    at = dict(db.execute("select id, position from bar_criteria where bar_id = ?", [bar_id]).fetchall())
    top = max(at.values(), default=-1) + 1
    kept = [at[cid] for cid, _ in criteria if cid is not None]
    tail = [cid for cid, _ in criteria[len(kept) :]]
    if kept == sorted(set(kept)) and tail.count(None) == len(tail):
        return kept + list(range(top, top + len(tail)))
    db.execute("update bar_criteria set position = position + ? where bar_id = ?", [top + len(criteria), bar_id])
    return list(range(len(criteria)))


NO_BAR = "no bar is set; `ctotui bar set --with PERSON --role TEXT CRITERION...` writes one down"


def numbered(bar: Bar, number: Any) -> Criterion:
    """The bar's criterion ``number`` (1-based, as `ctotui bar` lists them; "#2" too)."""
    text = str(number).strip().lstrip("#")
    if not text.isdigit() or not 1 <= int(text) <= len(bar.criteria):
        raise CtoError(
            f"a criterion is a number from 1 to {len(bar.criteria)} (got {number!r}); `ctotui bar` lists them"
        )
    return bar.criteria[int(text) - 1]


def _criterion(db: Database, number: Any) -> tuple[Bar, Criterion]:
    bar = current(db)
    if bar is None:
        raise NotFound(NO_BAR)
    return bar, numbered(bar, number)


def tick(db: Database, number: Any, *, met: bool = True) -> Bar:
    """Mark a criterion of the open bar met (or not met)."""
    bar, criterion = _criterion(db, number)
    if criterion.met != met:
        db.execute("update bar_criteria set met_at = ? where id = ?", [clock.utc_iso() if met else None, criterion.id])
    return get(db, bar.id)


def link(db: Database, number: Any, achievement_id: int, *, on: bool = True) -> Bar:
    """Link an achievement to a criterion as its evidence (or unlink it)."""
    bar, criterion = _criterion(db, number)
    if on:
        if (
            db.execute("select 1 from achievements where id = ? and deleted_at is null", [achievement_id]).fetchone()
            is None
        ):
            raise NotFound(f"no achievement with id {achievement_id}; `ctotui list` shows them")
        db.execute(
            "insert or ignore into bar_evidence (criterion_id, achievement_id) values (?, ?)",
            [criterion.id, achievement_id],
        )
    else:
        db.execute(
            "delete from bar_evidence where criterion_id = ? and achievement_id = ?", [criterion.id, achievement_id]
        )
    return get(db, bar.id)


def close(db: Database) -> Bar | None:
    """Close the open bar (the role came, or you moved on); its history stays."""
    bar = current(db)
    if bar is not None:
        db.execute("update bars set closed_at = ? where id = ?", [clock.utc_iso(), bar.id])
    return bar
