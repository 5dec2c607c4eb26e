"""`info`: where the data lives and what is in it."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from ctotui.cli._common import Subcommands, print_json
from ctotui.cli.opening import database
from ctotui.core.dbfile import DatabaseError, dangling_link
from ctotui.core.plural import plural
from ctotui.core.summary import summarize
from ctotui.paths import display_path, resolve_db_path


def register(sub: Subcommands, name: str, summary: str, common: argparse.ArgumentParser) -> None:
    """Add the parser of ``name``, one of this module's commands, to ``sub``."""
    match name:
        case "info":
            p = sub.add_parser(name, parents=[common], help=summary)
            p.add_argument("--json", action="store_true", help="print JSON")
            p.set_defaults(func=run_info)
        case _:
            raise ValueError(f"{name!r} is not a command of ctotui.cli.general")


def run_info(args: argparse.Namespace) -> int:
    path = resolve_db_path(getattr(args, "db", None))
    if (gone := dangling_link(path)) is not None:
        raise DatabaseError(gone)
    # it only reports: it creates neither the file nor its folders, and writes no schema into
    # an empty file (one the app made and never filled: it is no database yet either)
    empty = path.is_file() and path.stat().st_size == 0
    if empty or not path.exists():
        if args.json:  # the path absolute, as for a file that exists
            print_json({"path": os.path.abspath(path), "exists": False, **({"size_bytes": 0} if empty else {})})
        else:
            print(
                f"no database yet at {display_path(path)}{' (the file is empty)' if empty else ''}: "
                "ctotui creates it when you first open it or add something"
            )
        return 0
    with database(args, writes=False) as db:
        s = summarize(db)
    if args.json:
        print_json(
            {
                "path": s.path,
                "exists": True,
                "size_bytes": s.size_bytes,
                "schema": list(s.schema),
                "counts": s.counts,
                "trash": s.trash,
            }
        )
        return 0
    rows = [
        ("database", display_path(Path(s.path))),
        ("size", f"{s.size_bytes / 1024:.0f} KiB"),
        ("schema", f"{s.schema[-1] if s.schema else '-'} ({len(s.schema)} steps)"),
        *((table, str(count)) for table, count in s.counts.items()),
    ]
    if s.trash:
        rows.append(("trash", f"{plural(s.trash, 'deleted achievement')} (ctotui purge empties it)"))
    width = max(len(label) for label, _ in rows)
    for label, value in rows:
        print(f"{label:<{width}}  {value}")
    return 0
