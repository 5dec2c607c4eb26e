"""`ctotui demo`: fill the database with realistic demo data (every area's filler)."""

from __future__ import annotations

import argparse

from ctotui.cli._common import Subcommands, bounded_int
from ctotui.cli.opening import database
from ctotui.core.dbfile import db_path
from ctotui.core.demo import build as demo
from ctotui.paths import display_path


def register(sub: Subcommands, name: str, summary: str, common: argparse.ArgumentParser) -> None:
    """Add the parser of ``name``, one of this module's commands, to ``sub``."""
    match name:
        case "demo":
            p = sub.add_parser(name, parents=[common], help=summary)
            p.add_argument("--force", action="store_true", help="add demo data even if the database holds data")
            p.add_argument(
                "--achievements",
                type=bounded_int(0, 100_000),
                default=120,
                metavar="N",
                help="how many journal entries (default 120)",
            )
            p.add_argument("--seed", type=bounded_int(0, 2**31), default=7, help=argparse.SUPPRESS)
            p.set_defaults(func=run_demo)
        case _:
            raise ValueError(f"{name!r} is not a command of ctotui.cli.demo")


def run_demo(args: argparse.Namespace) -> int:
    with database(args, announce=False) as db:  # its own line says where
        areas = demo.fill(db, achievements=args.achievements, force=args.force, seed=args.seed)
        path = display_path(db_path(db))
    print(f"demo data written to {path}: {', '.join(areas)}")
    return 0
