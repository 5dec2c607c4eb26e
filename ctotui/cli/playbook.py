"""`playbook`: the coaching content as Markdown (no database: it imports neither the opener nor sqlite-utils)."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from ctotui.core import playbook, reader
from ctotui.core.errors import CtoError

if TYPE_CHECKING:  # the type only: cli/_common.py imports the database opener
    from ctotui.cli._common import Subcommands


def register(sub: Subcommands, name: str, summary: str, common: argparse.ArgumentParser) -> None:
    """Add the parser of ``name``, this module's command, to ``sub``."""
    if name != "playbook":
        raise ValueError(f"{name!r} is not a command of ctotui.cli.playbook")
    p = sub.add_parser(name, parents=[common], help=summary)
    p.add_argument("section", nargs="?", help="one section (see --list); default: all")
    p.add_argument("--list", action="store_true", help="list the sections")
    p.add_argument("--find", metavar="WORDS", help="the lines that hold all these words, with their section")
    p.set_defaults(func=run_playbook)


def run_playbook(args: argparse.Namespace) -> int:
    if args.find is not None:
        if args.list or args.section:
            raise CtoError("--find looks through every section: leave out SECTION and --list")
        found = reader.find(playbook.load(), args.find)
        for hit in found:
            print(f"{hit.slug:<10} {hit.text}")
        if not found:
            print(f"nothing in the playbook holds {args.find!r}", file=sys.stderr)
        return 0 if found else 1
    if args.list:
        for slug, title in reader.section_titles():
            print(f"{slug:<10} {title}")
        return 0
    pb = playbook.load()
    chosen = [reader.section(pb, args.section)] if args.section else reader.sections(pb)
    print("\n\n".join(s.markdown.rstrip() for s in chosen))
    return 0
