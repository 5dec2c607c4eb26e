"""What export and import share: the write transaction, writing a file whole,
and the dated names files get by default.

The pieces live beside this module: tables.py (what the database holds),
export_json.py / import_json.py / import_merge.py (the complete JSON),
jrnl.py (from jrnl), brag.py (the brag document), upkeep.py (backup, check).
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, TextIO, TypeVar

from ctotui.core import clock
from ctotui.core.data.brag import write_brag
from ctotui.core.data.export_json import write_json
from ctotui.core.data.upkeep import refuse_if_damaged
from ctotui.core.dbfile import db_path, importing
from ctotui.core.errors import CtoError
from ctotui.core.journal.entries import writing
from ctotui.core.plural import plural
from ctotui.core.whole_file import write_whole

if TYPE_CHECKING:
    from sqlite_utils import Database

T = TypeVar("T")
KINDS = {"json": ("ctotui-export", ".json"), "md": ("ctotui-brag", ".md")}


class _Rehearsal(Exception):
    """Raised at the end of a dry run to roll everything back."""


@contextmanager
def transaction(db: Database, *, dry_run: bool = False) -> Iterator[None]:
    """One write transaction, taken at once (``begin immediate``: it waits for
    another writer instead of failing halfway). A dry run rolls it back.
    While it runs, other ctotui processes see the import marker (core.db)."""
    try:
        with importing(db), writing(db):
            yield
            if dry_run:
                raise _Rehearsal
    except _Rehearsal:
        pass
    except sqlite3.OperationalError as exc:
        raise CtoError(f"cannot write the database ({exc}); nothing was imported") from None


def write_file(path: str | os.PathLike[str], write: Callable[[TextIO], T]) -> T:
    """Write a file whole or not at all: into a private temporary file beside
    it, flushed to disk, then renamed over ``path`` (mode 0600: it is personal)."""
    path = Path(path).expanduser()
    try:
        if path.is_dir():
            raise CtoError(f"{path}: is a folder; give a file name")
        if path.exists() and not path.is_file():  # never rename over a device or a pipe (/dev/full, /dev/null)
            raise CtoError(f"{path}: not a regular file; give a file name, or leave out -o to write to stdout")
        if not path.parent.is_dir():
            raise CtoError(f"{path.parent}: no such folder")
        return write_whole(path, write)
    except OSError as exc:
        raise CtoError(f"{path}: cannot write the file ({exc.strerror or exc})") from None


def dated_path(folder: str | os.PathLike[str], kind: str, today: date | None = None) -> Path:
    """``folder/ctotui-brag-2026-03-15.md`` (``-2``, ``-3``… when taken): a name never used yet."""
    stem, suffix = KINDS[kind]
    folder = Path(folder).expanduser()
    base = f"{stem}-{(today or clock.today()).isoformat()}"
    candidate = folder / f"{base}{suffix}"
    n = 2
    while candidate.exists():
        candidate = folder / f"{base}-{n}{suffix}"
        n += 1
    return candidate


def format_for(path: str | os.PathLike[str] | None, default: str = "json") -> str:
    """The export format a file name asks for (``.md`` → md), else ``default``."""
    suffix = Path(path).suffix.lower() if path else ""
    return {".md": "md", ".markdown": "md", ".json": "json"}.get(suffix, default)


@dataclass(frozen=True)
class Written:
    path: Path
    size_bytes: int
    what: str  # "615 rows from 11 tables", "44 achievements"


def export_to(
    db: Database,
    kind: str,
    path: str | os.PathLike[str],
    *,
    since: date | None = None,
    until: date | None = None,
    sections: tuple[str, ...] | None = None,
    people: bool = True,
) -> Written:
    """Write the complete JSON (``kind="json"``) or the brag document (``"md"``) to ``path``, whole."""
    check_period(kind, since, until)
    source = db_path(db).resolve()
    if Path(path).expanduser().resolve() in (source, Path(f"{source}-wal"), Path(f"{source}-shm")):
        raise CtoError(f"{path}: is the database itself; choose another file name")
    refuse_if_damaged(db)  # a damaged page reads as rows the import refuses: no file of them
    if kind == "md":
        stats = write_file(path, lambda out: write_brag(db, out, since=since, until=until, sections=sections))
        what = plural(stats.achievements, "achievement", thousands=True)
    else:
        exported = write_file(path, lambda out: write_json(db, out, people=people))
        what = f"{plural(exported.rows, 'row', thousands=True)} from {plural(exported.tables, 'table')}"
    path = Path(path).expanduser()
    return Written(path, path.stat().st_size, what)


def check_period(kind: str, since: date | None, until: date | None) -> None:
    if kind != "md" and (since or until):
        raise CtoError("--since and --until are for the brag document (--format md)")
    if since and until and since > until:
        raise CtoError(f"the period starts ({since}) after it ends ({until})")
