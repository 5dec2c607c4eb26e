"""`ctotui skills`, `ctotui rate`, `ctotui ratings`, `ctotui steps` and `ctotui step` (no Textual here).

Same core functions as the skills screen. Skills can be typed as their slug or a
short name (tech, product, lead, comms, biz, systems).
"""

from __future__ import annotations

import argparse
import shutil
import sys
from typing import TYPE_CHECKING

from ctotui.cli._common import Subcommands, Suggested, print_json
from ctotui.cli.opening import database
from ctotui.core import clock, playbook
from ctotui.core.skills.stack import (
    SPARK_POINTS,
    level_bar,
    parse_level,
    parse_skill,
    rate,
    ratings,
    set_step,
    skill_stack,
    sparkline,
    steps,
)
from ctotui.core.terms import SKILLS
from ctotui.core.timeline import profile

if TYPE_CHECKING:
    from ctotui.core.skills.stack import AreaStatus, Rating

SKILL_HELP = f"a skill area: {', '.join(SKILLS)} (or tech, product, lead, comms, biz, systems)"


def register(sub: Subcommands, name: str, summary: str, common: argparse.ArgumentParser) -> None:
    """Add the parser of ``name``, one of this module's commands, to ``sub``."""
    match name:
        case "skills":
            p = sub.add_parser(
                "skills",
                parents=[common],
                help=summary,
                description="Each skill area with its current self-rating, the change since 90 days ago, a sparkline "
                "of the last year, the journal's evidence (last 90 days / all time) and any gap hint.",
            )
            p.add_argument("--json", action="store_true", help="print JSON (slug, level, rated_at, change_90d, ...)")
            p.set_defaults(func=run_skills)
        case "rate":
            p = sub.add_parser(name, parents=[common], help=summary)
            p.add_argument("skill", metavar="SKILL", choices=Suggested(SKILLS), help=SKILL_HELP)
            p.add_argument("level", metavar="LEVEL", help="1 to 5 (`ctotui playbook skills` describes each level)")
            p.add_argument("--note", metavar="TEXT", default="", help="why this level, in a line")
            p.set_defaults(func=run_rate)
        case "ratings":
            p = sub.add_parser(name, parents=[common], help=summary)
            p.add_argument("skill", metavar="SKILL", nargs="?", choices=Suggested(SKILLS), help=SKILL_HELP)
            p.add_argument("--json", action="store_true", help="print JSON")
            p.set_defaults(func=run_ratings)
        case "steps":
            p = sub.add_parser(name, parents=[common], help=summary)
            p.add_argument("skill", metavar="SKILL", nargs="?", choices=Suggested(SKILLS), help=SKILL_HELP)
            p.add_argument("--json", action="store_true", help="print JSON")
            p.set_defaults(func=run_steps)
        case "step":
            p = sub.add_parser(name, parents=[common], help=summary)
            ssub = p.add_subparsers(dest="step_command", metavar="ACTION", required=True)
            for verb, ticked in (("tick", True), ("untick", False)):
                s = ssub.add_parser(verb, parents=[common], help=f"{verb} a step (the date is kept)")
                s.add_argument("step", metavar="ID", help="a step id (`ctotui steps` lists them)")
                s.set_defaults(func=run_step, ticked=ticked)
        case _:
            raise ValueError(f"{name!r} is not a command of ctotui.cli.skills")


def _day(stamp: str | None) -> str:
    return clock.local(stamp).date().isoformat() if stamp else "-"


def _change(change: int | None) -> str:
    return "-" if change is None else ("=" if change == 0 else f"{change:+d}")


WHOLE_LINE = 62 + SPARK_POINTS  # an area's line with its sparkline of a mark a fortnight (88 cells)


def _area_line(a: AreaStatus, monthly: bool) -> str:
    """One area's line; ``monthly`` (a terminal narrower than the whole line): the sparkline keeps
    every other point, a mark a month ending today, so the line fits 80 columns."""
    level = f"{level_bar(a.level)} {a.level or '-'}"
    evidence = f"{a.evidence_90d}/{a.evidence_total}"
    steps = f"{a.steps_done}/{len(a.steps)}"
    spark = sparkline(a.series[-1::-2][::-1]) if monthly else a.sparkline
    return (
        f"{a.skill:<17} {level:<7}  {_day(a.rated_at):<10}  {_change(a.change_90d):>3}  "
        f"|{spark}|  {evidence:>7}  {steps:>5}"
    )


def run_skills(args: argparse.Namespace) -> int:
    with database(args, writes=False) as db:
        stack = skill_stack(db)
        path = profile.load(db).path
        since = profile.path_history(db)[-1][1] if path else None
    if args.json:
        print_json([a.to_json() for a in stack])
        return 0
    # on a terminal narrower than the whole line (80 columns), a mark a month; piped, a mark a fortnight
    width = shutil.get_terminal_size((100, 20)).columns if sys.stdout.isatty() else 0
    monthly = 0 < width < WHOLE_LINE
    spark = 2 + (SPARK_POINTS + 1) // 2 if monthly else 2 + SPARK_POINTS
    print(
        f"{'area':<17} {'level':<7}  {'rated':<10}  {'90d':>3}  {'last 12 months':<{spark}}  {'evid.':>7}  {'steps':>5}"
    )
    for a in stack:
        print(_area_line(a, monthly))
        for hint in a.hints:
            print(f"{'':<17} ! {hint.text}")
    print("\nevid. = achievements in the journal linked to the area: last 90 days / all time")
    if path:
        print(f"path: {playbook.load().path(path).name} ({path}) since {_day(since)}")
    else:
        print("path: not chosen (ctotui profile --path SLUG, or in the app: s, then c)")
    return 0


def run_rate(args: argparse.Namespace) -> int:
    slug, level = parse_skill(args.skill), parse_level(args.level)  # checked before the database opens
    with database(args) as db:
        before = ratings(db, slug)
        new = rate(db, slug, level, args.note)
    was = f"{before[-1].level} → " if before else ""
    print(f"{slug}: {was}{new.level} ({_day(new.rated_at)})")
    print(f"  {playbook.load().skill(slug).levels[new.level - 1]}")
    return 0


def _rating_json(r: Rating) -> dict[str, object]:
    return {"id": r.id, "skill": r.skill, "level": r.level, "note": r.note, "rated_at": r.rated_at}


def run_ratings(args: argparse.Namespace) -> int:
    slug = parse_skill(args.skill) if args.skill else None
    with database(args, writes=False) as db:
        found = ratings(db, slug)
    if args.json:
        print_json([_rating_json(r) for r in found])
        return 0
    if not found:
        print("no ratings yet: ctotui rate SKILL LEVEL")
    for r in found:
        note = f"  {r.note}" if r.note else ""
        print(f"{_day(r.rated_at)}  {r.skill:<17} {r.level}{note}")
    return 0


def run_steps(args: argparse.Namespace) -> int:
    slug = parse_skill(args.skill) if args.skill else None
    with database(args, writes=False) as db:
        found = steps(db, slug)
    if args.json:
        print_json([{"id": s.id, "skill": s.skill, "text": s.text, "ticked": s.ticked, "at": s.at} for s in found])
        return 0
    current = None
    for s in found:
        if s.skill != current:
            current = s.skill
            done = sum(1 for x in found if x.skill == current and x.ticked)
            total = sum(1 for x in found if x.skill == current)
            print(("\n" if s is not found[0] else "") + f"{current} ({done}/{total})")
        when = f"  (since {_day(s.at)})" if s.ticked else ""
        print(f"  [{'x' if s.ticked else ' '}] {s.id:<26} {s.text}{when}")
    return 0


def run_step(args: argparse.Namespace) -> int:
    with database(args) as db:
        state = set_step(db, args.step, args.ticked)
    print(f"[{'x' if state.ticked else ' '}] {state.id}: {state.text}")
    return 0
