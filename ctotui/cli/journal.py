"""The journal's commands that write: add, edit, delete, undelete, purge.

Same core functions as the app, no Textual. `add` prints the new id alone so
scripts can capture it. The commands that only read (list, search, show) are in
cli/journal_read.py.
"""

from __future__ import annotations

import argparse
import io
import sys
from typing import Any

from ctotui.cli import not_utf8
from ctotui.cli._common import Subcommands, Suggested, said_date, whole
from ctotui.cli.journal_editor import add_in_editor, edit_entry_in_editor, links, listed, note_unread
from ctotui.cli.opening import database
from ctotui.core.errors import CtoError
from ctotui.core.journal import entries as journal
from ctotui.core.journal import metrics
from ctotui.core.journal.metric_store import follows_words
from ctotui.core.journal.trash import purge_deleted, trash_count
from ctotui.core.plural import plural
from ctotui.core.terms import CATEGORIES, SKILLS


def register(sub: Subcommands, name: str, summary: str, common: argparse.ArgumentParser) -> None:
    """Add the parser of ``name``, one of this module's commands, to ``sub``."""
    match name:
        case "add":
            p = sub.add_parser(
                "add",
                parents=[common],
                help=summary,
                description='Add an achievement. A number in the title or body ("from 45 to 7 min", "by 30%", '
                '"3 teams", "$12k/month") is read as its metric; --metric gives it, --no-metric goes without. '
                "TITLE '-' reads the title (the first line that is not blank) and body (the rest) from stdin; so does no TITLE "
                "when stdin is not a terminal (a pipe). Without TITLE at a terminal (or with -e) it opens $VISUAL or $EDITOR "
                "on a template.",
            )
            p.add_argument(
                "title",
                metavar="TITLE",
                nargs="?",
                help="what you achieved, in a line; '-' reads stdin; none: stdin if it is a pipe, else $EDITOR",
            )
            p.add_argument("-e", "--editor", action="store_true", help="write it in $VISUAL or $EDITOR (a template)")
            _entry_options(p)
            p.set_defaults(func=run_add)
        case "edit":
            p = sub.add_parser(
                "edit",
                parents=[common],
                help=summary,
                description="Change the fields given; the others stay. --skill or --tag replace the whole list "
                "(--skill '' clears it); --category '' clears the category; --metric gives its number, --no-metric "
                "removes it (a number given so is kept when the words change). TITLE '-' reads title and body from stdin.",
            )
            p.add_argument("id", metavar="ID")
            p.add_argument(
                "title", metavar="TITLE", nargs="?", help="a new title ('-' reads title and body from stdin)"
            )
            p.add_argument("--title", dest="title_option", metavar="TITLE", help="a new title (instead of TITLE)")
            p.add_argument("-e", "--editor", action="store_true", help="edit the whole entry in $VISUAL or $EDITOR")
            _entry_options(p, editing=True)
            p.set_defaults(func=run_edit)
        case "delete" | "undelete":
            p = sub.add_parser(name, parents=[common], help=summary)
            p.add_argument("id", metavar="ID")
            p.set_defaults(func=run_delete if name == "delete" else run_undelete)
        case "purge":
            p = sub.add_parser(
                "purge",
                parents=[common],
                help=summary,
                description="Empty the trash: deleted achievements (and their links) are removed for good; undelete can "
                "no longer bring them back. Asks first on a terminal; --yes skips the question (needed when stdin is not "
                "a terminal).",
            )
            p.add_argument("--yes", action="store_true", help="do not ask")
            p.set_defaults(func=run_purge)
        case _:
            raise ValueError(f"{name!r} is not a command of ctotui.cli.journal")


def check_date_given(args: argparse.Namespace) -> None:
    """An entry's --date given blank is refused: a script's empty variable would date it today, or
    move an edited entry to today, without a word (the core reads blank as today)."""
    if args.date is not None and not args.date.strip():
        raise CtoError("--date is empty: give a date (YYYY-MM-DD, today, 3 days ago...) or leave it out")


def _entry_options(p: argparse.ArgumentParser, editing: bool = False) -> None:
    p.add_argument("--body", metavar="TEXT", help="more detail, in Markdown")
    p.add_argument(
        "--date",
        metavar="DATE",
        type=said_date,
        help="YYYY-MM-DD, 4 Dec (this year), 4 Dec 2025, today, yesterday, a weekday, N days/weeks/months/years ago, a week ago, last week, last month; not more than a day ahead"
        + ("" if editing else " (default today)"),
    )
    p.add_argument("--category", metavar="C", choices=Suggested(CATEGORIES), help=f"one of: {', '.join(CATEGORIES)}")
    p.add_argument(
        "--skill",
        metavar="S",
        action="append",
        choices=Suggested(SKILLS),
        help=f"repeatable; one of: {', '.join(SKILLS)}",
    )
    p.add_argument("--tag", metavar="T", action="append", help="repeatable; any word")
    p.add_argument(
        "--link",
        metavar="URL",
        action="append",
        help="evidence (a PR, a doc, a dashboard): https://, http:// or file://; repeatable"
        + ("; replaces the links (--link '' clears them)" if editing else ""),
    )
    metric = p.add_mutually_exclusive_group()
    metric.add_argument(
        "--metric",
        metavar="TEXT",
        help='the number, as you would write it: "45 -> 7 min", "by 30%%", "$12k/month", "$250k ARR", '
        '"3 teams", "in 6 weeks", "2x faster", "churn -3 pts"'
        + (" (replaces the one it has)" if editing else " (default: read from the title, else the body)"),
    )
    metric.add_argument(
        "--no-metric",
        action="store_true",
        help="no number" + (": removes the one it has" if editing else ", even if the title holds one"),
    )


def _read_stdin() -> tuple[str, str]:
    """Title and body from stdin: the title is the first line that is not blank, the body the rest.
    Bytes that are not UTF-8 are refused as they are in an argument (never replaced or escaped)."""
    stream = io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8")  # strict; newlines read as \n
    try:
        text = stream.read()
    except UnicodeDecodeError:
        raise not_utf8("stdin") from None
    finally:
        stream.detach()
    while (lead := text.partition("\n"))[1] and not lead[0].strip():
        text = lead[2]  # a blank line before the title
    title, _, body = text.partition("\n")
    if not title.strip():
        raise CtoError("stdin holds no title: put the title on the first line, the body after it")
    return title, body.strip("\n")


def run_add(args: argparse.Namespace) -> int:
    check_date_given(args)
    if args.title is None and not args.editor and sys.stdin is not None and not sys.stdin.isatty():
        args.title = (
            "-"  # `echo "Shipped it" | ctotui add`: the text is on stdin, as with '-' (no editor without a terminal)
        )
    if args.title is None or args.editor:
        return add_in_editor(args)
    title, body = _read_stdin() if args.title == "-" else (args.title, args.body or "")
    if args.title == "-" and args.body:
        raise CtoError("give the body on stdin or with --body, not both")
    with database(args) as db:
        a = journal.add_achievement(
            db,
            title=title,
            body=body,
            occurred_on=args.date,
            category=args.category,
            skills=listed(args.skill) or (),
            tags=listed(args.tag) or (),
            metric=_metric_option(args) or "parse",
            links=links(args.link) or (),
        )
    note_unread(a)
    print(a.id)
    return 0


def _metric_option(args: argparse.Namespace) -> metrics.Metric | None:
    """The metric --metric gives (read strictly: CtoError says why not); an empty one for
    --no-metric (stored as "the user wants none": editing the title does not read one);
    None when neither is given."""
    if args.no_metric:
        return metrics.Metric()
    if args.metric is not None:
        return metrics.read_metric(args.metric)
    return None


def run_edit(args: argparse.Namespace) -> int:
    check_date_given(args)
    achievement_id = whole(args.id, "id")
    if args.editor:
        options = [
            name
            for name, value in (
                ("a title", args.title if args.title is not None else args.title_option),
                ("--body", args.body),
                ("--date", args.date),
                ("--category", args.category),
                ("--skill", args.skill),
                ("--tag", args.tag),
                ("--metric", args.metric),
                ("--link", args.link),
            )
            if value not in (None, [])
        ] + (["--no-metric"] if args.no_metric else [])
        if options:  # they were dropped without a word: the file's fields are what -e saves
            raise CtoError(
                f"-e edits the whole entry in the editor: write {', '.join(options)} in the file, or edit without -e"
            )
        return edit_entry_in_editor(args, achievement_id)
    if args.title is not None and args.title_option is not None:
        raise CtoError("give the new title once")
    new_title = args.title if args.title is not None else args.title_option
    changes: dict[str, Any] = {}  # update_achievement's keyword arguments
    if new_title == "-":
        changes["title"], body = _read_stdin()
        if args.body is not None:
            raise CtoError("give the body on stdin or with --body, not both")
        changes["body"] = body
    elif new_title is not None:
        changes["title"] = new_title
    if args.body is not None:
        changes["body"] = args.body
    if args.date is not None:
        changes["occurred_on"] = args.date
    if args.category is not None:
        changes["category"] = args.category if args.category.strip().lower() not in ("", "none") else None
    for key, values in (("skills", listed(args.skill)), ("tags", listed(args.tag)), ("links", links(args.link))):
        if values is not None:
            changes[key] = values
    given = _metric_option(args)
    if given is not None:
        changes["metric"] = given
    if not changes:
        raise CtoError(
            "nothing to change: give a new title or --body, --date, --category, --skill, --tag, --metric, --no-metric, "
            "--link, or -e to edit the whole entry in $VISUAL or $EDITOR"
        )
    with database(args) as db:
        current = journal.get_achievement(db, achievement_id)
        if ("title" in changes or "body" in changes) and "metric" not in changes:
            if follows_words(current.metric, current.metric_origin, current.title, current.body):
                changes["metric"] = "parse"  # read from the new words (none if they hold no number)
        a = journal.update_achievement(db, achievement_id, **changes)
    if "title" in changes or "body" in changes:
        note_unread(a)
    print(a.id)
    return 0


def run_delete(args: argparse.Namespace) -> int:
    return _set_deleted(args, journal.delete_achievement, "deleted {id}: {title} (undo: ctotui undelete {id})")


def run_undelete(args: argparse.Namespace) -> int:
    return _set_deleted(args, journal.undelete_achievement, "restored {id}: {title}")


def _set_deleted(args: argparse.Namespace, change, message: str) -> int:
    achievement_id = whole(args.id, "id")
    with database(args) as db:
        a = change(db, achievement_id)
    print(message.format(id=a.id, title=a.title))
    return 0


def run_purge(args: argparse.Namespace) -> int:
    with database(args) as db:
        waiting = trash_count(db)
        if not waiting:
            print("the trash is empty: nothing to purge")
            return 0
        entries = plural(waiting, "deleted achievement")
        if not args.yes:
            if not sys.stdin.isatty():
                raise CtoError(f"{entries} would go for good: add --yes to confirm (stdin is not a terminal to ask)")
            try:
                answer = input(f"Remove {entries} for good? This cannot be undone. [y/N] ")
            except EOFError:  # ctrl+d: no answer, and the terminal's line is still open
                print()
                answer = ""
            if answer.strip().lower() not in ("y", "yes"):
                print("nothing removed")
                return 0
        gone = purge_deleted(db)
    print(f"purged {plural(gone, 'deleted achievement')}")
    return 0
