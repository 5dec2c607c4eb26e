"""The database for a command that uses sqlite-utils: opened by core/db.py, which
creates, migrates and checks it (importing sqlite-utils). A command that may write
takes ``database(args)``: a file that cannot be written is refused at once, in one
line naming why. One that only reads takes ``database(args, writes=False)``, which
also opens a file on read-only media, read-only, and creates none: a missing or empty
file is refused (``cli._common.database_to_read``). (``list``, ``search`` and ``show``
use ``cli._common.reading``, which spares them sqlite-utils.)"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager

from sqlite_utils import Database

from ctotui.cli._common import database_to_read
from ctotui.core.db import open_db, open_to_read
from ctotui.paths import resolve_db_path


@contextmanager
def database(args: argparse.Namespace, *, writes: bool = True) -> Iterator[Database]:
    db = open_db(resolve_db_path(getattr(args, "db", None))) if writes else open_to_read(database_to_read(args))
    try:
        yield db
    finally:
        db.close()
