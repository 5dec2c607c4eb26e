"""The database for a command that may write: opened by core/db.py, which creates,
migrates and checks it (importing sqlite-utils). A command that only reads uses
``cli._common.reading`` instead."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager

from sqlite_utils import Database

from ctotui.core.db import open_db
from ctotui.paths import resolve_db_path


@contextmanager
def database(args: argparse.Namespace) -> Iterator[Database]:
    db = open_db(resolve_db_path(getattr(args, "db", None)))
    try:
        yield db
    finally:
        db.close()
