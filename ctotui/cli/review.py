"""`ctotui review`: a week's review as Markdown or JSON, the list of reviews, the review day (no Textual here).

The review itself is done in the app (w); these read what it saved, through the
same core functions as the review screen.
"""

from __future__ import annotations

import argparse

from ctotui.cli._common import Subcommands, print_json
from ctotui.cli.opening import database
from ctotui.core import clock
from ctotui.core.coach import week as week_summary
from ctotui.core.dates import short_day
from ctotui.core.errors import CtoError
from ctotui.core.plural import plural
from ctotui.core.review import weekly as review
from ctotui.core.review.history import review_streak
from ctotui.core.review.report import to_markdown, week_report

WEEK_HELP = (
    "an ISO week: 2026-W48, this, last, or any day in it (2026-11-26, yesterday, 3 weeks ago...; default: the week "
    "the app's review opens on: last week while this week's is not started, if the review day is Monday to Wednesday, "
    "or while it is not reviewed and the review day is still to come; else this week)"
)


def register(sub: Subcommands, name: str, summary: str, common: argparse.ArgumentParser) -> None:
    """Add the parser of ``name``, one of this module's commands, to ``sub``."""
    match name:
        case "review":
            p = sub.add_parser(
                "review",
                parents=[common],
                help=summary,
                description="Print a week's review (achievements with their numbers, rating changes, signals and mistakes, "
                "plan progress, drill, reflection) as Markdown or JSON; list every review with the streak; or set the "
                "day of the week the dashboard reminds you to review. The review itself is done in the app (w).",
            )
            p.add_argument("--week", metavar="WEEK", help=WEEK_HELP)
            p.add_argument("--format", choices=("md", "json"), help="the report's format (default: md)")
            p.add_argument("--list", action="store_true", help="every review, newest first, with the streak")
            p.add_argument("--json", action="store_true", help="print JSON (the list's, or the week's: --format json)")
            p.add_argument("--weekday", metavar="DAY", help="set the review day: mon, tue, ... sun (default: fri)")
            p.set_defaults(func=run_review)
        case _:
            raise ValueError(f"{name!r} is not a command of ctotui.cli.review")


def run_review(args: argparse.Namespace) -> int:
    # given or not, not true or not: `--weekday ''` (a script's unset variable) printed the review
    if sum((args.list, args.weekday is not None, args.week is not None)) > 1:
        raise CtoError("use one of --week, --list and --weekday at a time")
    if args.json and args.format == "md":
        raise CtoError("--json and --format md ask for two formats: use one")
    if args.weekday is not None:
        review.parse_weekday(args.weekday)  # a bad day fails before anything opens
    if args.week is not None and not args.week.strip():
        raise CtoError("'' is not a week: give one (2026-W48, this, last, a day in it) or leave --week out")
    week = review.parse_week(args.week) if args.week is not None else None  # a bad week fails before anything opens
    if week is not None and week > review.current_week():  # as the app's review never opens one
        raise CtoError(f"{week.key} ({week.label}) has not started yet: a review looks back at a week")
    with database(args, writes=args.weekday is not None) as db:
        if args.weekday is not None:
            day = review.set_review_weekday(db, args.weekday)
            print(f"Review day: {review.weekday_name(day)}")
            return 0
        if args.list:
            return _list(db, args.json)

        report = week_report(db, week or review.week_to_review(db))
        if args.json or args.format == "json":
            print_json(report.to_json())
        else:
            paragraph = week_summary.summarize_week(db, report).text(escape=week_summary.md)
            print(to_markdown(report, summary=paragraph), end="")
    return 0


def _list(db, as_json: bool) -> int:
    reviews = review.list_reviews(db)
    streak = review_streak(db)
    day = review.weekday_name(review.review_weekday(db))
    if as_json:
        print_json({"reviews": [r.to_json() for r in reviews], "streak": streak.to_json(), "review_day": day.lower()})
        return 0
    if not reviews:
        print(f"No reviews yet. Open the app and press w (review day: {day}).")
        return 0
    print(f"{'Week':<9} {'Dates':<25} {'Status':<19} {'Focus':>5}  One thing for next week")
    for r in reviews:
        if r.completed:
            done_on = clock.local(r.completed_at).date()  # type: ignore[arg-type]  # a completed review has its completed_at
            status = f"done {short_day(done_on)}"  # as the app's History says it
        else:
            status = f"stopped at step {r.step}"
        print(f"{r.week.key:<9} {r.week.label:<25} {status:<19} {len(r.focus):>5}  {r.next_thing}".rstrip())
    print(
        f"\nStreak: {plural(streak.current, 'week')} (longest {streak.longest}) · {streak.total} done · review day: {day}"
    )
    return 0
