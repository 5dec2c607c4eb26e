"""`ctotui list`, `search` and `show`: the journal's commands that only read.

They open the database with ``cli._common.reading`` (sqlite3 alone when the file
is current), so they do not pay for sqlite-utils' import; the journal's writing
commands are in cli/journal.py. Output is one line per entry so that scripts can
capture it; `--json` prints the keys listed in journal.JSON_KEYS. At most ``--limit``
entries are printed (DEFAULT_LIMIT, or every one with ``--all``); when more match, one
line on stderr says how many, so that a script never takes the first page for the whole.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, TypeVar

from ctotui.cli import Parser
from ctotui.cli._common import NoDatabase, Subcommands, Suggested, bound_date, print_json, reading, whole
from ctotui.core import dates
from ctotui.core.dbfile import MAX_ID
from ctotui.core.errors import CtoError
from ctotui.core.journal import entries as journal
from ctotui.core.journal import search, trash
from ctotui.core.terms import CATEGORIES, SKILLS
from ctotui.core.timeline import stages

if TYPE_CHECKING:
    from ctotui.core.dbfile import Reads

DEFAULT_LIMIT = 20
T = TypeVar("T")


def register(sub: Subcommands, name: str, summary: str, common: argparse.ArgumentParser) -> None:
    """Add the parser of ``name``, one of this module's commands, to ``sub``."""
    match name:
        case "list":
            p = sub.add_parser(name, parents=[common], help=summary)
            _limit(p)
            p.add_argument(
                "--since",
                metavar="DATE",
                type=bound_date,
                help="on or after this date (YYYY-MM-DD, today, fri, 3 days ago...)",
            )
            p.add_argument("--until", metavar="DATE", type=bound_date, help="on or before this date")
            p.add_argument(
                "--category", metavar="C", choices=Suggested(CATEGORIES), help=f"one of: {', '.join(CATEGORIES)}"
            )
            p.add_argument("--skill", metavar="S", choices=Suggested(SKILLS), help=f"one of: {', '.join(SKILLS)}")
            p.add_argument("--tag", metavar="T", type=a_tag, help="a tag")
            number = p.add_mutually_exclusive_group()
            number.add_argument(
                "--no-number",
                dest="number",
                action="store_false",
                default=None,
                help="only entries without a number (search's no:number)",
            )
            number.add_argument(
                "--has-number",
                dest="number",
                action="store_true",
                default=None,
                help="only entries with a number (search's has:number)",
            )
            p.add_argument(
                "--trash",
                action="store_true",
                help="what the trash holds instead, the latest deleted first (undelete ID brings one back)",
            )
            _json(p)
            p.set_defaults(func=run_list)
        case "search":
            p = sub.add_parser(
                "search",
                parents=[common],
                help=summary,
                description="Search titles, bodies and tags, newest first. Every word must match; words joined by "
                "- . / _ are one term (on-call, time-to-hire, v2.1), which also finds them written as one word (oncall), "
                'and a word of letters finds it written apart (oncall: on-call, on call). "a phrase", a OR b, -left-out, -"left out", '
                "#tag, skill:leadership, category:savings, no:number (or has:number), deploy* (a prefix). Words are whole words: end one "
                "with * to match its start. A query that starts with - goes after --. "
                "Exit 1 (and a line on stderr) when nothing matches.",
                dashed="a query",
            )
            p.add_argument("query", metavar="QUERY", nargs="+", help="what to look for (several words are one query)")
            _limit(p)
            _json(p)
            p.set_defaults(func=run_search)
        case "show":
            p = sub.add_parser(name, parents=[common], help=summary)
            p.add_argument("id", metavar="ID")
            _json(p)
            p.set_defaults(func=run_show)
        case _:
            raise ValueError(f"{name!r} is not a command of ctotui.cli.journal_read")


def _limit(p: argparse.ArgumentParser) -> None:
    how_many = p.add_mutually_exclusive_group()
    how_many.add_argument(
        "--limit",
        metavar="N",
        help=f"at most N entries (default {DEFAULT_LIMIT}); when more match, a line on stderr says how many",
    )
    how_many.add_argument("--all", action="store_true", help="every entry that matches")
    if isinstance(p, Parser):  # a group's options are not in the parser's list that tells a query's stray -word
        p.options.update(("--limit", "--all"))


def _how_many(args: argparse.Namespace) -> int:
    """The most entries to print: ``--limit``, every one with ``--all`` (MAX_ID), else DEFAULT_LIMIT."""
    if args.all:
        return MAX_ID
    if args.limit is None:
        return DEFAULT_LIMIT
    try:
        return whole(args.limit, "limit")
    except CtoError as exc:  # "--limit 0" meaning "no limit" is a guess worth answering
        raise CtoError(f"{exc} (or --all for every one)") from None


def _say_more(shown: int, total: int | None) -> None:
    """One line on stderr when ``total`` entries match and only ``shown`` were printed (None: all were)."""
    if total is not None and total > shown:
        print(f"{shown:,} of {total:,} shown (--limit N, or --all for every one)", file=sys.stderr)


def _page(db: Reads, filters: journal.JournalFilter, limit: int) -> tuple[tuple[journal.Achievement, ...], int | None]:
    """The first ``limit`` entries ``filters`` finds, and how many it finds in all: counted only
    when the page says there are more (``Page.next``), so a list that fits costs no second query."""
    page = journal.page_achievements(db, filters=filters, limit=limit)
    return page.items, journal.count_achievements(db, filters) if page.next else None


def _json(p: argparse.ArgumentParser) -> None:
    p.add_argument("--json", action="store_true", help="print JSON")


def _filters(args: argparse.Namespace) -> journal.JournalFilter:
    since, until = dates.period(args.since, args.until)
    return journal.JournalFilter(
        category=args.category, skill=args.skill, tag=args.tag, since=since, until=until, number=args.number
    )


def _check_names(f: journal.JournalFilter) -> journal.JournalFilter:
    """Unknown category or skill names fail with the valid ones, as on add."""
    skills = journal.clean_skills([f.skill]) if f.skill else ()
    return replace(
        f,
        category=journal.clean_category(f.category),
        skill=skills[0] if skills else None,
        tag=journal.clean_tag(f.tag) if f.tag else None,
    )


def run_list(args: argparse.Namespace) -> int:
    """Prints the entries the filters find. Filters that find none: exit 1 and a line on stderr
    naming them, as search; an empty journal (no filter): exit 0 and a line saying how to add one."""
    limit = _how_many(args)
    filters = _check_names(_filters(args))
    if args.trash:
        if filters != journal.JournalFilter():
            raise CtoError("--trash lists the whole trash: leave out the filters")
        gone, total = _read(args, lambda db: _trash_page(db, limit)) or ([], None)
        if args.json:
            print_json([{**a.to_json(), "deleted_at": a.deleted_at} for a in gone])
            _say_more(len(gone), total)
            return 0
        _print_items(tuple(gone), False)
        _say_more(len(gone), total)
        if not gone:
            print("the trash is empty", file=sys.stderr)
        else:
            print("ctotui undelete ID brings one back; ctotui purge empties the trash", file=sys.stderr)
        return 0
    found = _read(args, lambda db: _listed(db, filters, limit))
    items, total, in_trash = found or ((), None, 0)
    _print_items(items, args.json)
    _say_more(len(items), total)
    if items:
        return 0
    if filters.active:  # as search: nothing matching is exit 1, with a line on stderr (grep's convention)
        if not args.json and found is not None:  # None: the line on stderr said there is no journal yet
            print(f"no achievement matches {filters.describe()}", file=sys.stderr)
        return 1
    if not args.json and found is not None:
        trash_note = f"; {in_trash:,} in the trash (ctotui list --trash)" if in_trash else ""
        print(f"the journal is empty: `ctotui add TITLE` adds an achievement{trash_note}", file=sys.stderr)
    return 0


def _listed(
    db: Reads, filters: journal.JournalFilter, limit: int
) -> tuple[tuple[journal.Achievement, ...], int | None, int]:
    """``_page``, and when it is empty without a filter (an empty journal) how many the trash holds."""
    items, total = _page(db, filters, limit)
    return items, total, trash.trash_count(db) if not items and not filters.active else 0


def _trash_page(db: Reads, limit: int) -> tuple[list[journal.Achievement], int | None]:
    """The trash's latest ``limit`` entries, and how many it holds when that is more (as ``_page``)."""
    gone = trash.in_trash(db, limit + 1)  # one more than shown tells whether there are more
    return gone[:limit], trash.trash_count(db) if len(gone) > limit else None


def _read(args: argparse.Namespace, read: Callable[[Reads], T]) -> T | None:
    """``read`` on the database; None, and a line on stderr saying how to start a journal,
    when there is none yet at the default path: a new user's first ``list`` is an empty
    list (exit 0), and creates no file. At a path given with --db or $CTOTUI_DB a missing
    database is most likely a mistyped name: one line, exit 2 (``NoDatabase``)."""
    try:
        with reading(args) as db:
            return read(db)
    except NoDatabase as exc:
        if not exc.first_run:
            raise
        print(f"ctotui: {exc}", file=sys.stderr)
        return None


def run_search(args: argparse.Namespace) -> int:
    """Prints what matches; nothing matching is exit 1 with a line on stderr (as grep)."""
    limit = _how_many(args)
    text = " ".join(args.query)
    if search.parse_search(text).empty:  # an unknown skill or category raises here, before the database opens
        raise CtoError(f"no word to look for in {text!r}")
    found = _read(args, lambda db: _page(db, journal.JournalFilter().with_text(text), limit))
    items, total = found or ((), None)
    _print_items(items, args.json)
    _say_more(len(items), total)
    if not items:
        if not args.json and found is not None:  # None: the line on stderr said there is no journal yet
            print(f"no achievement matches {text!r}", file=sys.stderr)
        return 1
    return 0


def run_show(args: argparse.Namespace) -> int:
    achievement_id = whole(args.id, "id")
    with reading(args) as db:
        a = journal.get_achievement(db, achievement_id)
        backs = stages.targets_for_achievement(db, achievement_id)
    if args.json:
        print_json({**a.to_json(), "evidence_for": backs})  # the stage targets it backs, as the text says
        return 0
    print(f"#{a.id}  {a.title}")
    print(f"date      {a.occurred_on.isoformat()}")
    print(f"category  {a.category or '-'}")
    print(f"skills    {', '.join(a.skills) or '-'}")
    print(f"tags      {' '.join('#' + t for t in a.tags) or '-'}")
    print(f"metric    {a.badge or '- (add a number?)'}")
    for n, link in enumerate(a.links):
        print(f"{'links' if n == 0 else '':<9} {link}")
    if backs:  # evidence for stage targets (`ctotui timeline link`)
        print(f"evidence  for {', '.join(backs)}")
    if a.body:
        print()
        print(a.body)
    return 0


def a_tag(value: str) -> str:
    """--tag's value; an empty one is refused: a script's ``--tag "$T"`` with the variable unset
    listed the whole journal, as if no tag were given."""
    if not journal.clean_tag(value):
        raise argparse.ArgumentTypeError(f"{value!r} is not a tag: give one (perf, on-call) or leave the option out")
    return value


def _print_items(items: tuple[journal.Achievement, ...], as_json: bool) -> None:
    if as_json:
        print_json([a.to_json() for a in items])
        return
    # on a terminal each line is fitted to its width; piped, every line is whole (scripts read it)
    width = shutil.get_terminal_size((100, 20)).columns if sys.stdout.isatty() else 0
    id_width = max((len(str(a.id)) for a in items), default=1)
    for a in items:
        tail = "  ".join(
            part
            for part in (
                a.badge or "(add a number?)",
                f"[{a.category}]" if a.category else "",
                ",".join(a.skills),
                " ".join("#" + t for t in a.tags),
            )
            if part
        )
        head = f"{a.id:>{id_width}}  {a.occurred_on.isoformat()}  "
        print(fitted(head, a.title, tail, width) if width else f"{head}{a.title}  {tail}")


LEAST_TITLE = 20  # cells of a title kept before the tail (number, category, skills, tags) is cut


def fitted(head: str, title: str, tail: str, width: int) -> str:
    """``head``, ``title`` and ``tail`` on one line of at most ``width`` terminal cells (a wide
    character counts two). The title gets the room the head and the whole tail leave, but at
    least ``LEAST_TITLE`` cells (or half the room after the head, if more); past that the tail is
    cut from its end. What is cut ends with "…". rich's cell measure (imported here: only a
    list on a terminal pays for it)."""
    from rich.cells import cell_len

    room = width - cell_len(head)
    if cell_len(title) + 2 + cell_len(tail) <= room:
        return f"{head}{title}  {tail}"
    least = min(cell_len(title), max(LEAST_TITLE, room // 2))
    title = _cut(title, max(least, room - 2 - cell_len(tail)))
    rest = room - cell_len(title) - 2
    line = f"{head}{title}  {_cut(tail, rest)}" if rest > 1 else f"{head}{title}"
    return _cut(line, width)


def _cut(text: str, cells: int) -> str:
    """``text`` in at most ``cells`` cells: whole when it fits, else its start and "…"."""
    from rich.cells import cell_len, set_cell_size

    if cell_len(text) <= cells:
        return text
    if cells < 1:
        return ""
    return set_cell_size(text, cells - 1).rstrip() + "…"
