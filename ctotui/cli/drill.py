"""The interview drill on the command line: the question bank, what is due,
progress and settings. Sessions themselves run in the app (`ctotui`, then i).

The core modules are imported inside the handlers so `import ctotui.cli`
stays light.
"""

from __future__ import annotations

import argparse
import sys
from datetime import datetime

from ctotui.cli import APP_MODULE, load_command
from ctotui.cli._common import Subcommands, Suggested, bounded_int, indented, print_json
from ctotui.cli.opening import database
from ctotui.core import clock
from ctotui.core.dates import until
from ctotui.core.dbfile import MAX_ID
from ctotui.core.drill import bank as drill
from ctotui.core.drill import mock_report, stories
from ctotui.core.drill import settings as drill_settings
from ctotui.core.drill.criteria import criterion_progress, weakest
from ctotui.core.drill.mock import check_minutes
from ctotui.core.drill.partner import self_vs_partner
from ctotui.core.drill.progress import due_summary, progress, weak_spots
from ctotui.core.drill.sheet import score_sheet
from ctotui.core.errors import CtoError
from ctotui.core.plural import plural
from ctotui.core.spark import sparkline
from ctotui.core.terms import INTERVIEW_CATEGORIES


def register(sub: Subcommands, name: str, summary: str, common: argparse.ArgumentParser) -> None:
    """Add the parser of ``name``, one of this module's commands, to ``sub``."""
    match name:
        case "questions":
            p = sub.add_parser(name, parents=[common], help=summary)
            p.add_argument(
                "--category",
                metavar="C",
                choices=Suggested(INTERVIEW_CATEGORIES),
                help="own-the-stack, non-technical-leaders or build-the-team",
            )
            p.add_argument("--all", action="store_true", help="include retired questions")
            p.add_argument("--json", action="store_true", help="print JSON")
            p.set_defaults(func=run_questions)
        case "question":
            p = sub.add_parser(name, parents=[common], help=summary)
            verbs = p.add_subparsers(dest="verb", title="actions", metavar="ACTION", required=True)
            v = verbs.add_parser("add", parents=[common], help="add a question of your own")
            v.add_argument(
                "--category",
                metavar="C",
                required=True,
                choices=Suggested(INTERVIEW_CATEGORIES),
                help="its interview category",
            )
            v.add_argument("text", nargs="+", metavar="TEXT", help="the question")
            v.add_argument("--json", action="store_true", help="print JSON")
            v.set_defaults(func=run_add)
            v = verbs.add_parser("edit", parents=[common], help="change a question's wording (its schedule stays)")
            v.add_argument("ref", metavar="ID", help="its number or playbook id (see `ctotui questions`)")
            v.add_argument("text", nargs="*", metavar="TEXT", help="the new wording")
            v.add_argument(
                "--category", metavar="C", choices=Suggested(INTERVIEW_CATEGORIES), help="move it to another category"
            )
            v.set_defaults(func=run_edit)
            for verb, about in (
                ("retire", "take a question out of practice"),
                ("restore", "bring a retired question back"),
            ):
                v = verbs.add_parser(verb, parents=[common], help=about)
                v.add_argument("ref", metavar="ID", help="its number or playbook id")
                v.set_defaults(func=run_retire if verb == "retire" else run_restore)
            for verb, about in (
                ("link", "link a journal achievement to a question as a story"),
                ("unlink", "remove a story from a question"),
            ):
                v = verbs.add_parser(verb, parents=[common], help=about)
                v.add_argument("ref", metavar="ID", help="the question's number or playbook id")
                v.add_argument(
                    "achievement",
                    type=bounded_int(1, MAX_ID, "an id"),
                    metavar="ACHIEVEMENT",
                    help="the achievement's id (ctotui list)",
                )
                v.set_defaults(func=run_link if verb == "link" else run_unlink)
            v = verbs.add_parser(
                "show", parents=[common], help="a question, its schedule, its stories and its attempts"
            )
            v.add_argument("ref", metavar="ID", help="its number or playbook id")
            v.add_argument("--json", action="store_true", help="print JSON")
            v.set_defaults(func=run_show)
        case "drill":
            p = sub.add_parser(name, parents=[common], help=summary)
            p.add_argument(
                "--due", action="store_true", help="what is due and the next session's questions (the default)"
            )
            p.add_argument("--progress", action="store_true", help="readiness, scores and weak spots per category")
            p.add_argument(
                "--size",
                type=int,
                metavar="N",
                help="questions per session (1-20, default 5; saved; a session's --sheet has as many)",
            )
            p.add_argument(
                "--timer",
                metavar="C=SECONDS",
                action="append",
                default=[],
                help="the countdown for a category, e.g. own-the-stack=90 (repeatable; saved; --sheet and --mock use it)",
            )
            p.add_argument(
                "--follow-up-seconds",
                type=int,
                metavar="SECONDS",
                help="the follow-up challenge's countdown after each answer (15-600, default 60; saved; --sheet and --mock use it)",
            )
            p.add_argument("--json", action="store_true", help="print JSON")
            p.add_argument(
                "action",
                nargs="?",
                choices=["report"],
                metavar="report",
                help="print a mock interview's report (`drill report [--last] [--format md|json]`)",
            )
            p.add_argument(
                "--mock",
                type=mock_minutes,
                metavar="MINUTES",
                help="a mock interview of 30 or 45 minutes: opens the app (with --sheet: its score sheet)",
            )
            p.add_argument("--sheet", action="store_true", help="print a Markdown score sheet for a partner on a call")
            p.add_argument(
                "--seed",
                type=int,
                default=None,
                metavar="N",
                help="with --sheet: the mock's plan and the briefs for this seed",
            )
            p.add_argument("--last", action="store_true", help="report: the last mock interview (the default)")
            p.add_argument(
                "--id", type=bounded_int(1, MAX_ID, "an id"), metavar="ID", help="report: this mock interview"
            )
            p.add_argument(
                "--format",
                choices=["md", "json"],
                help="report: Markdown (default) or JSON; json also prints what is due or --progress as JSON (= --json)",
            )
            p.set_defaults(func=run_drill)
        case _:
            raise ValueError(f"{name!r} is not a command of ctotui.cli.drill")


# --- formatting -------------------------------------------------------------------


def _when(due: datetime, now: datetime) -> str:
    """A list's status column, kept short: 'due now', 'in 5h' within a day, else 'in 3d' counted by
    the local calendar as the app counts its "in 3 days" (a practised question's next time). The
    next one's time in a sentence is ``until``'s, the app's words."""
    left = (due - now).total_seconds()
    if left <= 0:
        return "due now"
    if left < 86400:
        return f"in {max(1, round(left / 3600))}h"
    return f"in {(due.astimezone().date() - now.astimezone().date()).days}d"


def _status(q, now: datetime) -> str:
    if q.retired:
        return "retired"
    return "new" if q.is_new else _when(q.due, now)


RESTORE_HINT = "`ctotui questions --all` lists them, `ctotui question restore REF` brings one back"


def _print_questions(questions, now: datetime) -> None:
    width = max((len(q.ref) for q in questions), default=2)
    for q in questions:
        print(f"{q.ref:<{width}}  {q.category:<21}  {_status(q, now):<8}  {q.text}")


def _print_criteria(rows) -> None:
    """Scores per criterion, named as the app names them ("Trade-offs"): the recent mean (0-2) and
    one mark per week."""
    width = max([len("criterion"), *(len(r.name) for r in rows)])
    print(f"\n{'criterion':<{width}} {'for':<21} {'recent':>6} {'scored':>6}  by week")
    for r in rows:
        recent = "-" if r.recent_average is None else f"{r.recent_average:g}"
        trend = sparkline([avg for _, avg in r.weekly], top=r.max_score)
        print(f"{r.name:<{width}} {r.scope:<21} {recent:>6} {r.scored:>6}  {trend}")
    weak = weakest(rows)
    if weak is not None:
        print(f"weakest lately: {weak.name} ({weak.recent_average:g}/2)")


# --- handlers ----------------------------------------------------------------------


def run_questions(args: argparse.Namespace) -> int:
    now = clock.now()
    with database(args, writes=False) as db:
        questions = drill.list_questions(db, args.category, include_retired=args.all)
    if args.json:
        print_json([q.to_json(now) for q in questions])
    elif not questions:  # it printed nothing at all
        where = f" in {args.category}" if args.category else ""
        shown = "no question" if args.all else f"no question to ask{where}: every one is retired ({RESTORE_HINT})"
        print(f"ctotui: {shown}", file=sys.stderr)
    else:
        _print_questions(questions, now)
    return 0


def run_add(args: argparse.Namespace) -> int:
    with database(args) as db:
        q = drill.add_question(db, args.category, " ".join(args.text))
    if args.json:
        print_json(q.to_json())
    else:
        print(f"added question {q.ref} to {q.category}: {q.text}")
    return 0


def run_edit(args: argparse.Namespace) -> int:
    if not args.text and args.category is None:
        raise CtoError("give the new wording, --category, or both")
    with database(args) as db:
        q = drill.edit_question(db, args.ref, text=" ".join(args.text) if args.text else None, category=args.category)
    print(f"question {q.ref} ({q.category}): {q.text}")
    return 0


def run_retire(args: argparse.Namespace) -> int:
    with database(args) as db:
        q = drill.retire_question(db, args.ref)
    print(f"retired question {q.ref}; `ctotui question restore {q.ref}` brings it back")
    return 0


def run_restore(args: argparse.Namespace) -> int:
    with database(args) as db:
        q = drill.restore_question(db, args.ref)
    print(f"restored question {q.ref}")
    return 0


def run_link(args: argparse.Namespace) -> int:
    with database(args) as db:
        story = stories.link_story(db, args.ref, args.achievement)
    print(f"linked #{story.achievement_id} ({story.title}) to question {args.ref}")
    return 0


def run_unlink(args: argparse.Namespace) -> int:
    with database(args) as db:
        stories.unlink_story(db, args.ref, args.achievement)
    print(f"unlinked #{args.achievement} from question {args.ref}")
    return 0


def run_show(args: argparse.Namespace) -> int:
    now = clock.now()
    with database(args, writes=False) as db:
        q = drill.get_question(db, args.ref)
        tries = drill.attempts(db, question_id=q.id, limit=20)
        told = stories.stories_for(db, q.id)
        available = stories.journal_available(db)
    if args.json:
        print_json(
            {
                **q.to_json(now),
                "stories": [s.to_json() for s in told],
                "attempts": [
                    {
                        "at": a.created_at,
                        "total": a.total,
                        "seconds": a.seconds,
                        "rating": a.rating.name,
                        "scores": a.scores.as_dict(),
                        "criteria_scores": a.criteria_scores,
                        "answer": a.answer,
                        "brief": a.scenario() or None,
                        "ask_first": a.ask_first,
                        "follow_up": a.follow_up,
                        "follow_up_answer": a.follow_up_answer,
                        "follow_up_seconds": a.follow_up_seconds,
                    }
                    for a in tries
                ],
            }
        )
        return 0
    print(f"{q.ref} · {q.category} · {_status(q, now)} · {plural(q.reps, 'attempt')} · {plural(q.lapses, 'lapse')}")
    print(q.text)
    print("\nstories: " + ("; ".join(s.title for s in told) or ("none" if available else stories.NOT_AVAILABLE)))
    for a in tries:
        when = clock.local(a.created_at).strftime("%Y-%m-%d %H:%M")
        print(f"\n{when}  {a.score_text}  {a.seconds}s  {a.rating.name}")
        brief = a.scenario()
        if brief:
            print(f"  brief: {brief.get('name', '')}: {brief.get('constraint', '')}")
        if a.ask_first.strip():
            print(f"  asked first: {indented(a.ask_first)}")
        if a.answer.strip():
            print("  " + indented(a.answer))
        if a.follow_up:
            print(f"  follow-up: {a.follow_up} ({a.follow_up_seconds}s)")
            if a.follow_up_answer.strip():
                print("    " + indented(a.follow_up_answer, "    "))
    return 0


def _print_gaps(gaps) -> None:
    """Self against partner per criterion: a positive gap is over-rating."""
    width = max(len(g.name) for g in gaps)
    print(
        f"\nself vs partner (mean of 0-2, over the answers both scored):\n{'criterion':<{width}}  self  partner   gap"
    )
    for g in gaps:
        note = "  over-rated" if g.gap >= 0.5 else "  under-rated" if g.gap <= -0.5 else ""
        print(f"{g.name:<{width}}  {g.self_mean:4.1f}  {g.partner_mean:7.1f}  {g.gap:+4.1f}  ({g.pairs}){note}")


def _apply_settings(db, args: argparse.Namespace) -> None:
    changes = []
    for item in args.timer:
        category, sep, seconds = item.partition("=")
        if not sep or not seconds.strip().isdigit():
            raise CtoError(f"--timer takes CATEGORY=SECONDS, e.g. own-the-stack=90 (got {item!r})")
        changes.append((category.strip(), int(seconds)))
    with db.atomic():  # all or nothing
        if args.size is not None:
            drill_settings.set_session_size(db, args.size)
        for category, seconds in changes:
            drill_settings.set_timer_seconds(db, category, seconds)
        if args.follow_up_seconds is not None:
            drill_settings.set_follow_up_seconds(db, args.follow_up_seconds)


def _settings_line(settings: drill_settings.DrillSettings) -> str:
    timers = ", ".join(f"{c} {s}s" for c, s in settings.timer_seconds.items())
    return f"session size {settings.session_size}; timers: {timers}; follow-up {settings.follow_up_seconds}s"


def mock_minutes(text: str) -> int:
    """--mock's argparse type: 30 or 45 (a wrong value is argparse's one-line error, exit 2)."""
    try:
        return check_minutes(int(text.strip()))
    except (ValueError, CtoError):
        raise argparse.ArgumentTypeError(f"{text!r} is not 30 or 45 (minutes)") from None


def run_report(args: argparse.Namespace) -> int:
    with database(args, writes=False) as db:
        rep = mock_report.report(db, args.id)
    if args.format == "json" or args.json:
        print_json(rep.to_json())
    else:
        sys.stdout.write(mock_report.markdown(rep))
    return 0


def _check_formats(args: argparse.Namespace) -> None:
    """--id, --last and --format md choose a mock interview's report: without `report` they are
    refused, not ignored. --format json is --json, as for `review`."""
    if args.json and args.format == "md":
        raise CtoError("--json and --format md ask for two formats: use one")
    if args.action == "report":
        if args.id is not None and args.last:
            raise CtoError("--id and --last name two reports: use one")
        return
    for option, given in (("--id", args.id is not None), ("--last", args.last), ("--format md", args.format == "md")):
        if given:
            raise CtoError(f"{option} goes with `drill report` (a mock interview's report)")
    args.json = args.json or args.format == "json"


def _check_modes(args: argparse.Namespace) -> None:
    """The sheet and the mock interview take the settings that shape them (--timer and
    --follow-up-seconds, --size for the sheet of a session, --seed for a sheet); every other
    option is refused, not ignored."""
    sheet_or_mock = args.sheet or args.mock is not None
    if args.action == "report":
        given = [("--sheet", args.sheet), ("--mock", args.mock is not None), ("--seed", args.seed is not None)]
        given += [("--due", args.due), ("--progress", args.progress)]
        given += [("--size", args.size is not None), ("--timer", bool(args.timer))]
        given += [("--follow-up-seconds", args.follow_up_seconds is not None)]
        for option, on in given:
            if on:
                raise CtoError(f"{option} does not go with `drill report` (a mock interview's report)")
        return
    if args.seed is not None and not args.sheet:
        raise CtoError("--seed goes with --sheet (it picks the mock's plan and the briefs)")
    if args.size is not None and args.mock is not None:
        raise CtoError("--size is a practice session's length: a mock interview's is --mock 30 or 45")
    if not sheet_or_mock:
        return
    what = "--sheet (a Markdown score sheet)" if args.sheet else "--mock (it opens the app)"
    for option, on in (("--json", args.json), ("--due", args.due), ("--progress", args.progress)):
        if on:
            raise CtoError(f"{option} does not go with {what}")


def run_drill(args: argparse.Namespace) -> int:
    _check_formats(args)
    _check_modes(args)
    if args.action == "report":
        return run_report(args)
    # only a change of settings writes: without one, the read path (read-only media, another writer's lock)
    sets = bool(args.timer) or args.size is not None or args.follow_up_seconds is not None
    if args.sheet or args.mock is not None:
        if sets:  # saved as `drill --size ...` saves them, then the sheet or the mock uses them
            with database(args) as db:
                _apply_settings(db, args)
                saved = drill_settings.drill_settings(db)
            print(_settings_line(saved), file=sys.stderr)  # stdout is the sheet's alone
        if args.mock is not None and not args.sheet:  # the mock interview runs in the app
            return load_command(APP_MODULE).run(args)
        with database(args, writes=False) as db:
            sys.stdout.write(score_sheet(db, args.mock, seed=args.seed or 0))
        return 0
    now = clock.now()
    with database(args, writes=sets) as db:
        if sets:
            _apply_settings(db, args)
        settings = drill_settings.drill_settings(db)
        if args.progress:
            rows, weak = progress(db, now=now), weak_spots(db)
            criteria, gaps = criterion_progress(db, now=now), self_vs_partner(db)
        else:
            summary = due_summary(db, now=now)
    if args.progress:
        if args.json:
            print_json(
                {
                    "categories": [r.to_json() for r in rows],
                    "weak_spots": [q.to_json(now) for q in weak],
                    "criteria": [c.to_json() for c in criteria],
                    "weakest_criterion": None if (w := weakest(criteria)) is None else w.id,  # the table's last line
                    "self_vs_partner": [g.to_json() for g in gaps],
                }
            )
            return 0
        print(f"{'category':<22} {'ready':>5} {'avg':>5} {'due':>4} {'new':>4} {'done':>5}")
        for r in rows:
            avg = "-" if r.recent_average is None else f"{r.recent_average:g}"
            print(f"{r.slug:<22} {r.readiness:>4}% {avg:>5} {r.due:>4} {r.new:>4} {r.practised:>5}")
        if weak:
            print("\nweak spots (forgotten 3 times or more):")
            _print_questions(weak, now)
        _print_criteria(criteria)
        if gaps:
            _print_gaps(gaps)
        return 0
    if args.json:
        print_json(
            {**summary.to_json(now), "session_size": settings.session_size, "timer_seconds": settings.timer_seconds}
        )
        return 0
    if sets:
        print(_settings_line(settings))
    nxt = f"; next one {until(summary.next_due)}" if summary.next_due else ""  # as Home and the Practise tab say it
    print(f"due now: {summary.due} practised, {summary.new} new{nxt}")
    if not summary.queue and summary.next_due is None:  # no live question: every one is retired
        print(f"no question to ask: every one is retired ({RESTORE_HINT})")
        return 0
    print(f"next session ({len(summary.queue)} of at most {settings.session_size}):")
    _print_questions(summary.queue, now)
    print("start it in the app: ctotui, then i, then d")
    return 0
