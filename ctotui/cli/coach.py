"""`ctotui next`: this week's actions, most urgent first; snoozing one, listing and bringing back
the snoozed ones (no Textual here)."""

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
    what = p.add_mutually_exclusive_group()
    what.add_argument(
        "--snooze", metavar="RULE:ITEM", help="hide one action for a week (the RULE:ITEM that --json or the list shows)"
    )
    what.add_argument("--snoozed", action="store_true", help="list the snoozed actions and the day each comes back")
    what.add_argument("--unsnooze", metavar="RULE:ITEM", help="bring back a snoozed action now ('all': every one)")
    p.set_defaults(func=run_next)


def run_next(args: argparse.Namespace) -> int:
    if args.snoozed:
        return _list_snoozed(args)
    with database(args, writes=args.snooze is not None or args.unsnooze is not None) as db:
        if args.snooze is not None:
            ref = coach.snooze(db, args.snooze)
            if not args.json:
                print(f"snoozed {ref} for {coach.SNOOZE_DAYS} days (ctotui next --unsnooze {ref} brings it back)")
                return 0
        if args.unsnooze is not None:
            back = coach.unsnooze(db, args.unsnooze)
            if not args.json:
                print("\n".join(f"brought back {ref}" for ref in back))
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
        print(f"({week.snoozed} snoozed: ctotui next --snoozed lists them)")
    return 0


def _list_snoozed(args: argparse.Namespace) -> int:
    with database(args) as db:
        held = coach.snoozed_actions(db)
    if args.json:
        print_json(
            [
                {"ref": s.ref, "text": text, "snoozed_on": s.on.isoformat(), "back_on": s.back.isoformat()}
                for s, text in held
            ]
        )
        return 0
    if not held:
        print("nothing is snoozed")
    for s, text in held:
        print(f"{s.ref} · back on {s.back.isoformat()} (snoozed {s.on.isoformat()})")
        print(f"   {text or '(no longer an action)'} · bring back: ctotui next --unsnooze {s.ref}")
    return 0
