"""Demo data: a lived-in database for a newcomer, a screenshot or a benchmark.

Each area contributes one filler; they run in order inside one transaction,
so a demo is either all there or not there at all.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from ctotui.core import clock
from ctotui.core.demo import drill as drill_demo
from ctotui.core.demo import journal as journal_demo
from ctotui.core.demo import people as people_demo
from ctotui.core.demo import review as review_demo
from ctotui.core.demo import skills as skills_demo
from ctotui.core.demo import timeline as timeline_demo
from ctotui.core.errors import CtoError
from ctotui.core.settings import set_profile
from ctotui.core.summary import user_tables

if TYPE_CHECKING:
    from sqlite_utils import Database

# Tables that do not count as "the user's data" when deciding whether to refuse.
_NOT_DATA = {"settings", "drafts"}
# Rows the app writes by itself on first use, untouched since: the playbook's action plan
# and interview questions, and the date the plan started. Opening the app (or `ctotui plan`)
# before `ctotui demo` must not make the demo refuse.
_SEEDED = {
    "profile": "field = 'plan_started'",
    "plan_items": "source_id is not null and status = 'open' and updated_at = created_at",
    "questions": "source = 'playbook' and reps = 0 and edited_at is null and retired_at is null",
}


@dataclass
class DemoContext:
    rng: random.Random
    today: date
    achievements: int


def _fill_profile(db: Database, ctx: DemoContext) -> None:
    set_profile(db, name="Alex Rivera", role="Senior Engineer", years=5.5, path="early-employee")


Filler = Callable[["Database", DemoContext], None]
# Each area's filler is a `fill(db, ctx)` in its own module.
FILLERS: list[tuple[str, Filler]] = [
    ("profile", _fill_profile),
    ("journal", journal_demo.fill),
    ("timeline", timeline_demo.fill),
    ("skills", skills_demo.fill),
    ("drill", drill_demo.fill),
    ("review", review_demo.fill),
    ("people", people_demo.fill),
]


def holds_data(db: Database) -> bool:
    def rows(table: str) -> str:
        seeded = _SEEDED.get(table)
        return f'select 1 from "{table}"' + (f" where not ({seeded})" if seeded else "")

    return any(db.execute(f"select exists ({rows(t)})").fetchone()[0] for t in user_tables(db) if t not in _NOT_DATA)


def fill(db: Database, *, achievements: int = 120, force: bool = False, seed: int = 7) -> list[str]:
    """Fill every built area with demo data; return the names of the areas filled."""
    if achievements < 0:
        raise CtoError("--achievements must be 0 or more")
    if holds_data(db) and not force:
        raise CtoError("the database already holds data; use --force to add demo data to it anyway")
    ctx = DemoContext(rng=random.Random(seed), today=clock.today(), achievements=achievements)
    with db.atomic():
        for _name, filler in FILLERS:
            filler(db, ctx)
    return [name for name, _ in FILLERS]
