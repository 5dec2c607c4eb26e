"""The database for a command that uses sqlite-utils: opened by core/db.py, which
creates, migrates and checks it (importing sqlite-utils). A command that may write
takes ``database(args)``: a file that cannot be written is refused at once, in one
line naming why. One that only reads takes ``database(args, writes=False)``, which
also opens a file on read-only media, read-only, and creates none at a path given with
--db or $CTOTUI_DB: a missing or empty file there is most likely a mistyped name, refused
(``cli._common.database_to_read``). At the default path a missing database is a new user:
a reader that has something to say to one (``next``'s first steps, the skill areas, the
question bank, the stages) starts the journal there, as the app and ``add`` do; one that
would only hand back nothing (``export``, ``backup``: ``start=False``) says how to start
one. (``list``, ``search`` and ``show`` use ``cli._common.reading``, which spares them
sqlite-utils.)"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlite_utils import Database

from ctotui.cli._common import NoDatabase, database_to_read
from ctotui.core.db import open_db, open_to_read
from ctotui.core.dbfile import journal_there, who_writes
from ctotui.paths import display_path, resolve_db_path


@contextmanager
def database(
    args: argparse.Namespace, *, writes: bool = True, start: bool = True, announce: bool = True
) -> Iterator[Database]:
    """The database for a command. One that started a new journal (no file there, or an empty one)
    says where once it has done its work, in one line on stderr (``STARTED``): a mistyped --db (a
    folder name spelt wrong) is seen at once, not weeks later as entries missing from the journal one
    reads, and a new user learns where the data lives. A command that fails says its one line only.
    ``announce=False``: the command says where itself (``demo``: "demo data written to PATH")."""
    path = resolve_db_path(getattr(args, "db", None))
    new = False
    if writes:
        new = not journal_there(path)
        db = open_to_write(path)
    else:
        try:
            db = open_to_read(database_to_read(args))
        except NoDatabase as exc:
            if not (exc.first_run and start):
                raise
            new = True
            db = open_to_write(path)  # a new user's journal, at the default path
    try:
        yield db
    except Exception as exc:
        if new:  # the file is there now, if empty: said in the failure's one line (cli.main)
            exc.add_note(f"(a new, empty journal was started at {display_path(path)})")
        raise
    finally:
        db.close()
    if new and announce:
        print(STARTED.format(path=display_path(path)), file=sys.stderr, flush=True)


STARTED = "ctotui: started a new journal at {path}"


def open_to_write(path: Path) -> Database:
    """``open_db`` for a command that writes: a write that finds another program's lock held says
    so on stderr once it has waited half a second (core/dbfile.py's ``wait_in_two``), in one line,
    then waits on. A command silent for the whole timeout (10 s) looked hung."""

    def waiting(timeout_ms: int) -> None:
        print(
            f"ctotui: {who_writes(path)} {display_path(path)}; waiting for it (up to {timeout_ms / 1000:g} s)",
            file=sys.stderr,
            flush=True,
        )

    return open_db(path, waiting=waiting)
