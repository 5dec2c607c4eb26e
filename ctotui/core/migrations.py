"""Schema steps, applied in order by sqlite_utils.Migrations.

The steps themselves are in core/schema_early.py (m001-m007) and core/schema_later.py (m008
on); each area adds its own step at the end of the later one; a step, once released, never
changes.
The step names are the schema's version: a database holding a step this list
does not know was written by a newer ctotui and is refused (core/db.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from ctotui.core import schema_early, schema_later
from ctotui.core.schema_sql import run_script

__all__ = [
    "MIGRATIONS",
    "Step",
    "active_steps",
    "build_migrations",
    "known_steps",
    "migration_set",
    "run_script",
    "with_steps",
]

Step = Callable[[Database], None]

MIGRATIONS = Migrations("ctotui")  # the app's steps
STEPS: list[Step] = []  # the same steps, in order
# The set in use, with its steps: the app's, or the one a with_steps() block made.
_in_use: list[tuple[Migrations, list[Step]]] = [(MIGRATIONS, STEPS)]


def step(fn: Step) -> Step:
    """Register a schema step (in the order of this file)."""
    STEPS.append(fn)
    return MIGRATIONS()(fn)


def build_migrations(steps: Iterable[Step]) -> Migrations:
    """A migration set named like the app's, holding ``steps`` in order."""
    out = Migrations(MIGRATIONS.name)
    for fn in steps:
        out()(fn)
    return out


def migration_set() -> Migrations:
    """The migration set that opening a database applies (the app's, unless in ``with_steps``)."""
    return _in_use[-1][0]


def active_steps() -> list[Step]:
    """The steps in use, in order: the app's, then any a ``with_steps`` block adds."""
    return list(_in_use[-1][1])


def known_steps() -> list[str]:
    """The names of the steps in use, in order."""
    return [fn.__name__ for fn in _in_use[-1][1]]


@contextmanager
def with_steps(*extra: Step) -> Iterator[Migrations]:
    """For as long as the block runs, the schema has the ``extra`` steps after the app's own, as
    a later ctotui would: opening, exporting and importing all see them (tests use it)."""
    steps = [*STEPS, *extra]
    _in_use.append((build_migrations(steps), steps))
    try:
        yield _in_use[-1][0]
    finally:
        _in_use.pop()


for _fn in (*schema_early.STEPS, *schema_later.STEPS):
    step(_fn)
