"""Pieces every subcommand uses: opening the database, printing JSON."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from ctotui.core.db import open_db
from ctotui.core.lazy import lazy_module  # noqa: F401 - the command modules take it from here
from ctotui.core.text import json_text
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


def print_json(value: Any) -> None:
    # json_text: no raw C1 or bidi control reaches the terminal (the data is the same)
    sys.stdout.write(json_text(json.dumps(value, ensure_ascii=False, indent=2)) + "\n")
