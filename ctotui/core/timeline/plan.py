"""The action plan: the playbook's items for each horizon plus the user's own.

Each item is open, done or dropped (nothing is deleted, so a dropped playbook
item never comes back). An item is due when the plan started plus its
horizon's months (see ``default_due`` for items added or moved late), unless the
user gave it a date of its own; an open item past its due date is overdue. The
plan starts the first time it is looked at, unless the profile already says when
(``ctotui profile --plan-started``).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum
from typing import TYPE_CHECKING

from ctotui.core import clock, playbook
from ctotui.core.dates import parse_day
from ctotui.core.errors import CtoError, NotFound, check_unchanged
from ctotui.core.profile_fields import one_line
from ctotui.core.row_rules import LINES
from ctotui.core.settings import set_profile
from ctotui.core.terms import PLAN_STATUSES
from ctotui.core.text import clean_line
from ctotui.core.timeline.profile import load as load_profile

if TYPE_CHECKING:
    from sqlite_utils import Database

STATUSES = PLAN_STATUSES
MAX_TEXT = LINES["plan_items", "text"].most  # the rule an import and a sync apply too


def add_months(start: date, months: int) -> date:
    """``start`` plus whole months, the day clamped to the month's end (31 Jan + 1 = 28/29 Feb)."""
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def due_date(plan_started: date, horizon: str) -> date:
    """When a horizon's items are due: the plan start plus the horizon's months."""
    return add_months(plan_started, playbook.load().horizon(parse_horizon(horizon)).months)


def default_due(plan_started: date, horizon: str, added_on: date | None = None) -> date:
    """When an item is due unless it was given a date: the plan start plus the horizon's months.

    An item of the user's own (``added_on`` given) that would already be past due
    on the day it was added is due the horizon's months after that day instead:
    adding to "the next 3 months" in month 5 of the plan means the next 3 months.
    """
    due = due_date(plan_started, horizon)
    if added_on is not None and due < added_on:
        due = add_months(added_on, playbook.load().horizon(horizon).months)
    return due


def counts_from(item: PlanItem | None, horizon: str, today: date) -> date | None:
    """The ``added_on`` for ``default_due`` when ``item`` is saved in ``horizon`` without a due date.

    A new item, or one moved to another horizon, counts from today (``edit_item``
    records the day of the move); an item in the horizon it was last moved to
    counts from the day of that move; the user's own item never moved from the
    day it was added; a playbook item never moved from nowhere (None): it is due
    with its horizon."""
    if item is None or item.horizon != horizon:
        return today
    return _added_on(item.source_id, item.created_at, item.moved_on)


def moved_into(item: PlanItem | None, horizon: str) -> bool:
    """Whether ``item`` is in ``horizon`` by a move (``counts_from`` counts from its day)."""
    return item is not None and item.horizon == horizon and item.moved_on is not None


def _added_on(source_id: str | None, created_at: str, moved_on: date | None) -> date | None:
    if moved_on is not None:
        return moved_on
    return None if source_id else clock.local(created_at).date()


def parse_horizon(value: str) -> str:
    slug = str(value).strip().lower()
    if slug not in playbook.HORIZONS:
        raise CtoError(f"unknown horizon {value!r} (valid: {', '.join(playbook.HORIZONS)})")
    return slug


def parse_item_id(value: object) -> int:
    text = str(value).strip().lstrip("#")
    if not text.isdigit() or int(text) <= 0:
        raise CtoError(f"a plan item id is a positive whole number (got {value!r}); `ctotui plan` lists them")
    return int(text)


def parse_text(value: str) -> str:
    return one_line(value, MAX_TEXT, what="a plan item", empty="a plan item needs some text")


@dataclass(frozen=True)
class PlanItem:
    id: int
    horizon: str
    text: str
    status: str
    due: date | None
    overdue: bool
    own: bool  # written by the user, not seeded from the playbook
    source_id: str | None
    due_set: bool  # the due date was given by hand, not derived
    created_at: str
    done_at: str | None
    dropped_at: str | None
    moved_on: date | None  # the day it was last moved to another horizon (None: never)


@dataclass(frozen=True)
class HorizonPlan:
    slug: str
    name: str
    months: int
    due: date | None  # the horizon's derived due date
    items: tuple[PlanItem, ...]
    done: int
    total: int  # items not dropped
    overdue: int

    @property
    def progress(self) -> float:
        return self.done / self.total if self.total else 0.0


_COLUMNS = "id, horizon, text, status, due_on, source_id, created_at, done_at, dropped_at, moved_on"


def start_date(db: Database) -> date:
    """When the plan started; set to today on first use if the profile has no date."""
    started = load_profile(db).plan_started
    if started is None:
        started = clock.today()
        set_profile(db, plan_started=started.isoformat())
    return started


def ensure_seeded(db: Database, *, at: datetime | None = None) -> None:
    """Add any playbook plan item not in the plan yet (dropped ones stay dropped), as added ``at``
    (default now; the demo seeds its plan on the day it started)."""
    have = {r[0] for r in db.execute("select source_id from plan_items where source_id is not null").fetchall()}
    missing = [(h.slug, item) for h in playbook.load().plan for item in h.items if item.id not in have]
    if not missing:
        return
    stamp = clock.utc_iso(at)
    with db.atomic():
        for horizon, item in missing:
            db.execute(
                "insert into plan_items (horizon, source_id, text, created_at, updated_at) values (?, ?, ?, ?, ?) "
                "on conflict (source_id) do nothing",
                [horizon, item.id, item.text, stamp, stamp],
            )


def _item(row: tuple, started: date, today: date) -> PlanItem:
    id_, horizon, text, status, due_on, source_id, created_at, done_at, dropped_at, moved_on = row
    moved = date.fromisoformat(moved_on) if moved_on else None
    due = (
        date.fromisoformat(due_on) if due_on else default_due(started, horizon, _added_on(source_id, created_at, moved))
    )
    return PlanItem(
        id=id_,
        horizon=horizon,
        text=clean_line(text),  # rows stored before the cleaning rule print safely too
        status=status,
        due=due,
        overdue=status == "open" and due < today,
        own=source_id is None,
        source_id=source_id,
        due_set=due_on is not None,
        created_at=created_at,
        done_at=done_at,
        dropped_at=dropped_at,
        moved_on=moved,
    )


def plan(db: Database, horizon: str | None = None, *, include_dropped: bool = False) -> list[HorizonPlan]:
    """The plan by horizon (all three, or one), items in the order they were added."""
    chosen = (parse_horizon(horizon),) if horizon else playbook.HORIZONS
    ensure_seeded(db)
    started = start_date(db)
    today = clock.today()
    rows = db.execute(f"select {_COLUMNS} from plan_items order by id").fetchall()
    items = [_item(r, started, today) for r in rows]
    out = []
    for slug in chosen:
        h = playbook.load().horizon(slug)
        mine = [i for i in items if i.horizon == slug]
        live = [i for i in mine if i.status != "dropped"]
        shown = mine if include_dropped else live
        out.append(
            HorizonPlan(
                slug=slug,
                name=h.name,
                months=h.months,
                due=due_date(started, slug),
                items=tuple(shown),
                done=sum(1 for i in live if i.status == "done"),
                total=len(live),
                overdue=sum(1 for i in live if i.overdue),
            )
        )
    return out


def get_item(db: Database, item_id: int) -> PlanItem:
    row = db.execute(f"select {_COLUMNS} from plan_items where id = ?", [item_id]).fetchone()
    if row is None:
        raise NotFound(f"no plan item with id {item_id}; `ctotui plan` lists them")
    return _item(row, start_date(db), clock.today())


def add_item(db: Database, horizon: str, text: str, *, due: date | str | None = None, again: bool = False) -> PlanItem:
    """Add the user's own item to a horizon; the same words open there already are refused unless
    ``again`` (the demo written a second time, ``ctotui demo --force``)."""
    horizon = parse_horizon(horizon)
    text = parse_text(text)
    due_on = parse_day(due, "due date", ahead=True).isoformat() if due else None
    if not again:
        _refuse_open_twin(db, horizon, text)
    stamp = clock.utc_iso()
    cur = db.execute(
        "insert into plan_items (horizon, text, due_on, created_at, updated_at) values (?, ?, ?, ?, ?)",
        [horizon, text, due_on, stamp, stamp],
    )
    assert cur.lastrowid is not None  # an INSERT sets it (sqlite3 types it int | None)
    return get_item(db, cur.lastrowid)


def _refuse_open_twin(db: Database, horizon: str, text: str, item_id: int | None = None) -> None:
    """Refuse the same words open in the horizon already (case aside), but for item ``item_id``:
    `ctotui plan add` run twice (the shell's history), an edit to another item's words, a move or a
    reopen beside them, each made two items counted and asked about apart."""
    same = db.execute(
        "select id from plan_items where horizon = ? and status = 'open' and lower(text) = lower(?) and id is not ?",
        [horizon, text, item_id],
    ).fetchone()
    if same is not None:
        raise CtoError(f"that item is open in the plan already (#{same[0]})")


class Keep(Enum):
    """The type of ``KEEP``: ``edit_item(due=KEEP)`` leaves the due date as it is."""

    KEEP = "keep"


KEEP = Keep.KEEP


def edit_item(
    db: Database,
    item_id: int,
    *,
    text: str | None = None,
    horizon: str | None = None,
    due: date | str | None | Keep = KEEP,
    expected: PlanItem | None = None,
) -> PlanItem:
    """Change an item's text, horizon or due date (``due=None`` goes back to the derived date).

    A move to another horizon records the day (``moved_on``). An item moved without
    a due date in the same edit is dated as if it were added to that horizon today
    (``counts_from``): when the horizon's own date has passed, it is due the
    horizon's months from today, and that date is stored with the item too (a
    device that syncs without ``moved_on`` reads it). ``due=None`` later counts
    from the day of the move again, not from the day the item was added.

    ``expected`` (the item as the editor read it) makes it a compare-and-set:
    Conflict, with the item as it is now, if it changed since."""
    changes: dict[str, object] = {}
    if text is not None:
        changes["text"] = parse_text(text)
    if horizon is not None:
        changes["horizon"] = parse_horizon(horizon)
    if due is not KEEP:
        changes["due_on"] = parse_day(due, "due date", ahead=True).isoformat() if due else None
    with db.atomic():
        current = get_item(db, item_id)
        check_unchanged(f"plan item {item_id}", expected, current)
        moved_to = changes.get("horizon", current.horizon)
        if current.status == "open" and ("text" in changes or moved_to != current.horizon):
            _refuse_open_twin(db, str(moved_to), str(changes.get("text", current.text)), item_id)
        if moved_to != current.horizon:
            today = clock.today()
            changes["moved_on"] = today.isoformat()
            if not changes.get("due_on"):
                changes["due_on"] = _moved_due_on(db, str(moved_to), today)
        if changes:
            sets = ", ".join(f"{column} = ?" for column in changes)
            db.execute(
                f"update plan_items set {sets}, updated_at = ? where id = ?",
                [*changes.values(), clock.utc_iso(), item_id],
            )
    return get_item(db, item_id)


def _moved_due_on(db: Database, horizon: str, today: date) -> str | None:
    """The due date to store for an item moved to ``horizon`` today; None when it is
    the horizon's own date (the item then follows the plan start as the horizon's
    other items do)."""
    started = start_date(db)
    due = default_due(started, horizon, today)
    return None if due == due_date(started, horizon) else due.isoformat()


def set_status(db: Database, item_id: int, status: str, *, at: datetime | None = None) -> PlanItem:
    """Mark an item open, done or dropped (the date of each change is kept on the item)."""
    if status not in STATUSES:
        raise CtoError(f"unknown status {status!r} (valid: {', '.join(STATUSES)})")
    with db.atomic():
        item = get_item(db, item_id)
        if status == "open" and item.status != "open":
            _refuse_open_twin(db, item.horizon, item.text, item_id)
        if item.status != status:
            stamp = clock.utc_iso(at)
            db.execute(
                "update plan_items set status = ?, updated_at = ?, "
                "done_at = case when ? = 'done' then ? else done_at end, "
                "dropped_at = case when ? = 'dropped' then ? else dropped_at end where id = ?",
                [status, stamp, status, stamp, status, stamp, item_id],
            )
    return get_item(db, item_id)


def toggle_done(db: Database, item_id: int) -> PlanItem:
    item = get_item(db, item_id)
    return set_status(db, item_id, "open" if item.status == "done" else "done")


def toggle_dropped(db: Database, item_id: int) -> PlanItem:
    item = get_item(db, item_id)
    return set_status(db, item_id, "open" if item.status == "dropped" else "dropped")
