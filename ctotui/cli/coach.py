"""`ctotui next`: this week's actions, most urgent first (no Textual here)."""

from __future__ import annotations

import argparse

from ctotui.cli._common import Subcommands, print_json
from ctotui.cli.opening import database
from ctotui.core.coach import actions as coach


def register(sub: Subcommands, name: str, summary: str, common: argparse.ArgumentParser) -> None:
    """Add the parser of ``name``, one of this module's commands, to ``sub``."""
    if name != "next":
        raise ValueError(f"{name!r} is not a command of ctotui.cli.coach")
    p = sub.add_parser(name, parents=[common], help=summary)
    p.add_argument("--json", action="store_true", help="print JSON (rule, text, reason, area, item, priority)")
    p.add_argument(
        "--snooze", metavar="RULE:ITEM", help="hide one action for a week (the RULE:ITEM that --json or the list shows)"
    )
    p.set_defaults(func=run_next)


def run_next(args: argparse.Namespace) -> int:
    with database(args, writes=args.snooze is not None) as db:
        if args.snooze is not None:
            ref = coach.snooze(db, args.snooze)
            if not args.json:
                print(f"snoozed {ref} for {coach.SNOOZE_DAYS} days")
                return 0
        week = coach.this_week(db)
    if args.json:
        print_json([a.to_json() for a in week.actions])
        return 0
    if not week.actions:
        print("nothing to do this week: everything is up to date")
    for n, a in enumerate(week.actions, start=1):
        print(f"{n}. {a.text}")
        print(f"   {a.reason} · {a.key} opens {a.area} · snooze: ctotui next --snooze {a.ref}")
    if week.snoozed:
        print(f"({week.snoozed} snoozed)")
    return 0
