"""Pieces every subcommand uses: options, dates, printing JSON, and the database for a
command that only reads (``reading``). A command that may write opens it with
``cli/opening.py``'s ``database``, which imports the full opener (core/db.py)."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, Protocol

from ctotui.cli import DATE_NOTES, OPENER_MODULE, load_command
from ctotui.core import dates
from ctotui.core.dbfile import MAX_ID, DatabaseError, dangling_link
from ctotui.core.dbread import open_current
from ctotui.core.errors import CtoError
from ctotui.core.text import clean_line, json_text
from ctotui.paths import ENV_VAR, display_path, resolve_db_path

if TYPE_CHECKING:
    from pathlib import Path

    from ctotui.core.dbfile import Reads


class Subcommands(Protocol):
    """Where a command module adds its command's parser: what
    ``ArgumentParser.add_subparsers()`` returns, by the one method used.

    Each command module has ``register(sub, name, summary, common)``, which adds
    the parser of its command ``name`` (the dispatch table in ctotui.cli gives
    the summary) with ``common``'s options (--db) among its parents."""

    def add_parser(self, name: str, **kwargs: Any) -> argparse.ArgumentParser: ...


class NoDatabase(CtoError):
    """A command that only reads found no database at its path (no file, or an empty one):
    it creates none. ``first_run``: the path is the default one (neither --db nor
    $CTOTUI_DB), so this is most likely a new user who has not added anything yet, not a
    mistyped name."""

    def __init__(self, message: str, *, first_run: bool) -> None:
        super().__init__(message)
        self.first_run = first_run


def database_to_read(args: argparse.Namespace) -> Path:
    """The database file of a command that only reads, which must be there: a missing or
    empty (0-byte) file is a ``NoDatabase``, and nothing is created (a mistyped --db must
    not become a new, empty journal that reports "nothing found"). A link whose target is
    gone is refused as the opener refuses it; any other file goes on to the opener."""
    path = resolve_db_path(getattr(args, "db", None))
    if (gone := dangling_link(path)) is not None:
        raise DatabaseError(gone)
    try:
        empty = path.stat().st_size == 0 and path.is_file()
    except (FileNotFoundError, NotADirectoryError):
        empty = None  # not there at all
    except OSError:
        return path  # cannot be looked at: the opener says why, in its words
    if empty is False:
        return path
    where = display_path(path)
    if getattr(args, "db", None) is None and not os.environ.get(ENV_VAR):
        raise NoDatabase(
            f"no journal yet at {where}: `ctotui add TITLE` (or `ctotui`, the app) starts one", first_run=True
        )
    what = "no database there" if empty is None else "the file is empty, no database in it yet"
    raise NoDatabase(f"{where}: {what} (ctotui info shows which file is in use)", first_run=False)


@contextmanager
def reading(args: argparse.Namespace) -> Iterator[Reads]:
    """The database for a command that only reads, which must exist (``database_to_read``).
    A file already at this version's schema (nearly always) is opened with sqlite3 alone
    (core/dbread.py), which spares the command sqlite-utils' import; a file that is behind,
    or otherwise not current, goes through the full opener (``open_to_read``: it migrates
    or refuses it, and opens a file on read-only media read-only): lazy point 1 imports it
    then (``OPENER_MODULE``)."""
    path = database_to_read(args)
    db: Reads | None = open_current(path)
    if db is None:
        db = load_command(OPENER_MODULE).open_to_read(path)
    try:
        yield db
    finally:
        db.close()


class Suggested(tuple[str, ...]):
    """An option's ``choices`` that shell completion offers (shtab and argcomplete read
    ``choices``), while the check stays with the core: argparse asks ``value in choices``
    and every value is "in", so the core's own parser still takes aliases (``tech``,
    ``comms``), any case and ``''`` (clear), and its error says what is valid in its words.
    argparse takes any container as ``choices``; help shows the option's metavar."""

    def __contains__(self, value: object) -> bool:
        return True


def bounded_int(low: int, high: int, what: str = "a whole number"):
    """An argparse ``type`` for a whole number from ``low`` to ``high`` (never a
    number SQLite or the calendar cannot hold)."""

    def convert(text: str) -> int:
        try:
            number = int(text.strip())
        except ValueError:
            number = None
        if number is None or not low <= number <= high:
            raise argparse.ArgumentTypeError(f"{text!r} is not {what} from {low:,} to {high:,}")
        return number

    convert.__name__ = "whole number"  # argparse names the type in its message
    return convert


def said_date(value: str, *, ahead: bool = False) -> str:
    """An option's DATE as given (the core reads it); a phrase one could mean two ways ("fri",
    "next week") gets a line on stderr saying how it is read, once the command has succeeded
    (cli.DATE_NOTES; stdout stays the command's, a failure stays one line)."""
    note = dates.reading(value, ahead=ahead)
    if note is not None:
        DATE_NOTES.append(clean_line(note))
    return value


def said_date_ahead(value: str) -> str:
    """``said_date`` for a date that looks forward (--due, --follow-up, --by): "15 jan" in December
    is next January's, as the core reads it (dates.parse_day's ``ahead``)."""
    return said_date(value, ahead=True)


def bound_date(value: str) -> str:
    """--since's or --until's DATE (``said_date``); an empty one is refused: a script's
    ``--since "$FROM"`` with the variable unset listed everything, as if no bound were given."""
    if not value.strip():
        raise argparse.ArgumentTypeError(
            "'' is not a date: give one (2026-01-31, today, 3 days ago) or leave the option out"
        )
    return said_date(value)


def print_json(value: Any) -> None:
    # json_text: no raw C1 or bidi control reaches the terminal (the data is the same)
    sys.stdout.write(json_text(json.dumps(value, ensure_ascii=False, indent=2)) + "\n")


def indented(text: str, indent: str = "  ") -> str:
    """A text of several lines printed under a label: its later lines start at ``indent``."""
    return text.strip().replace("\n", "\n" + indent)


def whole(value: str, what: str) -> int:
    """``value`` as an id (0 up) or a limit (1 up), or a CtoError naming what was expected."""
    try:
        number = int(value)
    except ValueError:
        number = -1
    if not (0 if what == "id" else 1) <= number <= MAX_ID:
        raise CtoError(
            f"bad {what} {value[:40]!r}: expected a whole number"
            + (" (see ctotui list)" if what == "id" else f" from 1 to {MAX_ID:,}")
        )
    return number
