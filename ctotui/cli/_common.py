"""Pieces every subcommand uses: opening the database, printing JSON."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from ctotui.core.db import open_db
from ctotui.paths import resolve_db_path

if TYPE_CHECKING:
    from sqlite_utils import Database


@contextmanager
def database(args: argparse.Namespace) -> Iterator[Database]:
    db = open_db(resolve_db_path(getattr(args, "db", None)))
    try:
        yield db
    finally:
        db.close()


def print_json(value: Any) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
