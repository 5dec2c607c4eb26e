"""People and the bar from the shell (no Textual here):

    ctotui people [--json] [--all] [--relation R] [--references]
    ctotui person add NAME --relation R [--where TEXT] [--note TEXT] [--reference]
    ctotui person show PERSON [--json]
    ctotui person edit ID [--name ...] [--relation R] [--where ...] [--note ...] [--reference | --no-reference]
    ctotui person archive|unarchive ID
    ctotui person vouch PERSON ACHIEVEMENT [--undo]
    ctotui person followed-up PERSON [--undo]
    ctotui talk PERSON [--asked TEXT] [--heard TEXT] [--mine TEXT] [--theirs TEXT] [--follow-up DATE] [--on DATE]
    ctotui bar [--json] [--all]
    ctotui bar set --with PERSON --role TEXT [--by DATE] [--agreed DATE] CRITERION...
    ctotui bar edit [--role TEXT] [--with PERSON | --nobody] [--by DATE] [--agreed DATE]
                    [--criterion N TEXT]... [--add TEXT]... [--remove N]...
    ctotui bar tick|untick N
    ctotui bar link N ACHIEVEMENT [--undo]

PERSON is an id or a name that matches one person; an ambiguous or unknown
name lists the close matches and exits 2, with nothing written.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ctotui.cli._common import Subcommands, Suggested, indented, print_json, said_date, said_date_ahead
from ctotui.cli.opening import database
from ctotui.core import clock, terms
from ctotui.core.errors import CtoError, NotFound
from ctotui.core.journal.entries import titles
from ctotui.core.people import bar as bar_core
from ctotui.core.people import conversations
from ctotui.core.people import persons as people


def register(sub: Subcommands, name: str, summary: str, common: argparse.ArgumentParser) -> None:
    """Add the parser of ``name``, one of this module's commands, to ``sub``."""
    match name:
        case "people":
            _people(sub, summary, common)
        case "person":
            _person(sub, summary, common)
        case "talk":
            _talk(sub, summary, common)
        case "bar":
            _bar(sub, summary, common)
        case _:
            raise ValueError(f"{name!r} is not a command of ctotui.cli.people")


def _people(sub: Subcommands, summary: str, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("people", parents=[common], help=summary)
    p.add_argument("--all", action="store_true", help="archived people too")
    p.add_argument("--relation", metavar="R", choices=Suggested(terms.RELATIONS), help=", ".join(terms.RELATIONS))
    p.add_argument(
        "--references",
        action="store_true",
        help="only references and anyone who can vouch for an achievement, with what each can vouch for",
    )
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=run_people)


def _person(sub: Subcommands, summary: str, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("person", parents=[common], help=summary)
    psub = p.add_subparsers(dest="person_command", metavar="ACTION", required=True)
    a = psub.add_parser("add", parents=[common], help="add a person")
    a.add_argument("name", nargs="+", help="their name")
    a.add_argument(
        "--relation", required=True, metavar="R", choices=Suggested(terms.RELATIONS), help=", ".join(terms.RELATIONS)
    )
    a.add_argument("--where", default="", metavar="TEXT", help="their company or context")
    a.add_argument("--note", default="", metavar="TEXT", help="a note")
    a.add_argument("--reference", action="store_true", help="they can be a reference for you")
    a.add_argument("--again", action="store_true", help="add them even if someone of that name is here already")
    a.add_argument("--json", action="store_true", help="print JSON")
    a.set_defaults(func=run_person_add)
    s = psub.add_parser(
        "show", parents=[common], help="a person, what a reference can vouch for, and every conversation with them"
    )
    s.add_argument("person", metavar="PERSON", help="an id or a name")
    s.add_argument("--json", action="store_true", help="print JSON")
    s.set_defaults(func=run_person_show)
    e = psub.add_parser("edit", parents=[common], help="change a person's details")
    e.add_argument("person", metavar="ID", help="an id or a name")
    e.add_argument("--name", metavar="TEXT")
    e.add_argument("--relation", metavar="R", choices=Suggested(terms.RELATIONS), help=", ".join(terms.RELATIONS))
    e.add_argument("--where", metavar="TEXT")
    e.add_argument("--note", metavar="TEXT")
    e.add_argument("--reference", action=argparse.BooleanOptionalAction, help="they can (or cannot) be a reference")
    e.add_argument("--again", action="store_true", help="rename them even if someone else has that name")
    e.set_defaults(func=run_person_edit)
    for name, archived in (("archive", True), ("unarchive", False)):
        r = psub.add_parser(name, parents=[common], help=f"{name} a person (their history stays)")
        r.add_argument("person", metavar="ID", help="an id or a name")
        r.set_defaults(func=run_person_archive, archived=archived)
    v = psub.add_parser("vouch", parents=[common], help="record that a person can vouch for an achievement")
    v.add_argument("person", metavar="PERSON", help="an id or a name")
    v.add_argument("achievement", type=_achievement_id, metavar="ACHIEVEMENT", help="the achievement's id")
    v.add_argument("--undo", action="store_true", help="remove the link")
    v.set_defaults(func=run_vouch)
    f = psub.add_parser(
        "followed-up", parents=[common], help="mark the open follow-up with a person done (d in the app)"
    )
    f.add_argument("person", metavar="PERSON", help="an id or a name")
    f.add_argument("--undo", action="store_true", help="open again the follow-up closed last with them")
    f.set_defaults(func=run_followed_up)


def _talk(sub: Subcommands, summary: str, common: argparse.ArgumentParser) -> None:
    t = sub.add_parser("talk", parents=[common], help=summary)
    t.add_argument("person", metavar="PERSON", help="an id or a name")
    t.add_argument("--asked", default="", metavar="TEXT", help="what you asked or said")
    t.add_argument("--heard", default="", metavar="TEXT", help="what you heard")
    t.add_argument("--mine", default="", metavar="TEXT", help="what you committed to")
    t.add_argument("--theirs", default="", metavar="TEXT", help="what they committed to")
    t.add_argument(
        "--follow-up",
        metavar="DATE",
        type=said_date_ahead,
        help="when to follow up: YYYY-MM-DD, in 2 weeks, next monday...",
    )
    t.add_argument("--on", metavar="DATE", type=said_date, help="when it happened (default today)")
    t.add_argument("--json", action="store_true", help="print JSON")
    t.set_defaults(func=run_talk)


def _bar(sub: Subcommands, summary: str, common: argparse.ArgumentParser) -> None:
    b = sub.add_parser("bar", parents=[common], help=summary)
    b.add_argument("--json", action="store_true", help="print JSON")
    b.add_argument("--all", action="store_true", help="every bar, the closed ones too (newest first)")
    b.set_defaults(func=run_bar)
    bsub = b.add_subparsers(dest="bar_command", metavar="ACTION")
    s = bsub.add_parser("set", parents=[common], help="write down a bar (closes the open one)")
    s.add_argument("--with", dest="with_person", metavar="PERSON", help="who set it (an id or a name)")
    s.add_argument("--role", required=True, metavar="TEXT", help="the role it leads to")
    s.add_argument(
        "--by", metavar="DATE", type=said_date_ahead, help="the deadline (default: 18 months after it was agreed)"
    )
    s.add_argument("--agreed", metavar="DATE", type=said_date, help="when it was agreed (default today)")
    s.add_argument("criteria", nargs="+", metavar="CRITERION", help="what you would need to show, one per argument")
    s.set_defaults(func=run_bar_set)
    e = bsub.add_parser(
        "edit", parents=[common], help="change the open bar in place (a criterion kept keeps its tick and evidence)"
    )
    e.add_argument("--role", metavar="TEXT", help="the role it leads to")
    who = e.add_mutually_exclusive_group()
    who.add_argument("--with", dest="with_person", metavar="PERSON", help="who set it (an id or a name)")
    who.add_argument("--nobody", action="store_true", help="no one in your people list set it")
    e.add_argument("--by", metavar="DATE", type=said_date_ahead, help="the deadline")
    e.add_argument("--agreed", metavar="DATE", type=said_date, help="when it was agreed")
    e.add_argument(
        "--criterion", nargs=2, action="append", default=[], metavar=("N", "TEXT"), help="reword criterion N"
    )
    e.add_argument("--add", action="append", default=[], metavar="TEXT", help="a new criterion, added at the end")
    e.add_argument(
        "--remove", action="append", default=[], metavar="N", help="remove criterion N, with its tick and evidence"
    )
    e.set_defaults(func=run_bar_edit)
    for name, met in (("tick", True), ("untick", False)):
        k = bsub.add_parser(name, parents=[common], help=f"mark criterion N {'met' if met else 'not met'}")
        k.add_argument("number", metavar="N", help="the criterion's number (`ctotui bar` lists them)")
        k.set_defaults(func=run_bar_tick, met=met)
    k = bsub.add_parser("link", parents=[common], help="link an achievement to criterion N as evidence")
    k.add_argument("number", metavar="N", help="the criterion's number")
    k.add_argument("achievement", type=_achievement_id, metavar="ACHIEVEMENT", help="the achievement's id")
    k.add_argument("--undo", action="store_true", help="remove the link")
    k.set_defaults(func=run_bar_link)
    k = bsub.add_parser("close", parents=[common], help="close the open bar (the role came, or you moved on)")
    k.set_defaults(func=run_bar_close)


def _achievement_id(text: str) -> int:
    value = text.strip().lstrip("#")
    if not value.isdigit() or not 0 < int(value) < 2**31:
        raise argparse.ArgumentTypeError(f"{text!r} is not an achievement id (a positive whole number)")
    return int(value)


def _person_line(p: Any) -> str:
    last = p.last_spoke.isoformat() if p.last_spoke else "never"
    follow = ""
    if p.follow_up:
        mark = p.follow_up_mark()
        follow = f"  follow up {p.follow_up.isoformat()}" + (f" ({mark})" if mark else "")
    flags = " [reference]" if p.is_reference and p.relation != "reference" else ""
    flags += " [archived]" if p.archived else ""
    where = f", {p.context}" if p.context else ""
    return f"#{p.id:<4} {p.name} ({p.relation_name}{where}){flags}  last spoke {last}{follow}"


def _vouching(r: people.Reference) -> dict[str, Any]:
    """A reference's JSON beyond the person's: what they can vouch for, whether they have gone
    quiet, and why `--references` lists them: marked a reference, or can vouch for an achievement."""
    why = (["reference"] if r.person.is_reference else []) + (["vouches_for"] if r.vouches_for else [])
    return {"vouches_for": list(r.vouches_for), "stale": r.stale(), "listed_because": why}


def run_people(args: argparse.Namespace) -> int:
    with database(args, writes=False) as db:
        if args.references:
            refs = people.references(db, archived=args.all)
            if args.json:
                print_json([{**r.person.as_json(), **_vouching(r)} for r in refs])
                return 0
            if not refs:
                print("no references yet: `ctotui person add NAME --relation reference` adds one")
            for r in refs:
                vouches = ", ".join(f"#{a}" for a in r.vouches_for) or "nothing linked yet"
                silence = r.silence()
                stale = f"  ({silence}: get in touch)" if silence else ""
                print(f"{_person_line(r.person)}\n       can vouch for: {vouches}{stale}")
            return 0
        found = people.list_people(db, archived=args.all, relation=args.relation)
    if args.json:
        print_json([p.as_json() for p in found])
        return 0
    if not found and args.relation:  # nobody of that relation among people who are here: said as `list` says it
        print(
            f"ctotui: nobody with the relation {args.relation}{'' if args.all else ' (not archived)'}", file=sys.stderr
        )
        return 1
    if not found:
        print("no people yet: `ctotui person add NAME --relation manager` adds one")
    for p in found:
        print(_person_line(p))
    return 0


def run_person_add(args: argparse.Namespace) -> int:
    people.parse_name(" ".join(args.name))  # a name refused before anything is opened (or a journal started)
    with database(args) as db:
        try:
            p = people.add(
                db,
                " ".join(args.name),
                args.relation,
                where=args.where,
                note=args.note,
                reference=args.reference or None,
                again=args.again,
            )
        except people.SameName as exc:
            first = exc.existing[0]
            hint = (
                f"`ctotui person unarchive {first.id}` brings them back"
                if first.archived
                else f"`ctotui talk {first.id}` writes down a conversation with them"
            )
            raise CtoError(f"{exc}: {hint}; --again adds another person of that name") from None
    if args.json:
        print_json(p.as_json())
    else:
        print(f"added #{p.id} {p.name} ({p.relation_name})")
    return 0


def run_person_show(args: argparse.Namespace) -> int:
    with database(args, writes=False) as db:
        p = people.find(db, args.person)
        talks = conversations.history(db, p.id)
        refs = people.references(db, archived=True)  # their own page: archived, they can still vouch
        ref = next((r for r in refs if r.person.id == p.id), None)  # as the app's People shows it
        names = titles(db, ref.vouches_for) if ref else {}
    if args.json:
        vouching = {"vouches_for": list(ref.vouches_for) if ref else [], "stale": ref.stale() if ref else None}
        print_json({**p.as_json(), **vouching, "history": [t.as_json() for t in talks]})
        return 0
    print(_person_line(p))
    if p.note:
        print("       " + indented(p.note, " " * 7))
    if ref is not None:
        print(
            "       can vouch for:"
            + ("" if ref.vouches_for else f" nothing linked yet (ctotui person vouch {p.id} ACHIEVEMENT links one)")
        )
        for a in ref.vouches_for:
            print(f"         #{a}  {names.get(a, '')}".rstrip())
        if silence := ref.silence():
            print(f"       ({silence}: get in touch before you need them)")
    for t in talks:
        print(f"\n{t.held_on.isoformat()}  (#{t.id})")
        for label, text in (("asked", t.asked), ("heard", t.heard), ("I will", t.mine), ("they will", t.theirs)):
            if text:
                print(f"  {label + ':':<10} {indented(text, ' ' * 13)}")
        words = t.follow_up_words()
        if words and t.follow_up is not None:
            print(f"  {'follow up:':<10} {t.follow_up.isoformat()} ({words})")
    return 0


def run_person_edit(args: argparse.Namespace) -> int:
    changes = {
        key: value
        for key, value in (
            ("name", args.name),
            ("relation", args.relation),
            ("where", args.where),
            ("note", args.note),
            ("reference", args.reference),
        )
        if value is not None
    }
    with database(args) as db:
        p = people.find(db, args.person)
        if not changes:
            print(f"nothing to change for #{p.id} {p.name}; give --name, --relation, --where, --note or --reference")
            return 0
        try:
            p = people.edit(db, p.id, again=args.again, **changes)
        except people.SameName as exc:
            raise CtoError(f"{exc}; --again gives them that name all the same") from None
    print(f"changed #{p.id} {p.name}")
    return 0


def run_person_archive(args: argparse.Namespace) -> int:
    with database(args) as db:
        p = people.edit(db, people.find(db, args.person).id, archived=args.archived)
    print(f"{'archived' if p.archived else 'back in the list:'} #{p.id} {p.name}")
    return 0


def run_vouch(args: argparse.Namespace) -> int:
    with database(args) as db:
        p = people.find(db, args.person)
        people.vouch(db, p.id, args.achievement, on=not args.undo)
    print(f"{p.name} {'no longer listed for' if args.undo else 'can vouch for'} achievement #{args.achievement}")
    return 0


def run_followed_up(args: argparse.Namespace) -> int:
    with database(args) as db:
        p = people.find(db, args.person)
        if args.undo:
            changed = conversations.reopen(db, conversations.closed_last(db, p.id))
        else:
            changed = conversations.followed_up(db, p.id)
    if not changed and args.undo:  # none closed, or the last close undone already (a follow-up is open)
        print(f"nothing to undo: the last follow-up with #{p.id} {p.name} that was closed is open again, or none was")
        return 0
    if not changed:
        print(f"no open follow-up with #{p.id} {p.name}")
        return 0
    days = ", ".join(t.follow_up.isoformat() for t in changed if t.follow_up)
    if args.undo:
        print(f"open again: follow up with {p.name} {days}")
    else:
        print(f"followed up with {p.name} ({days}); `ctotui person followed-up {p.id} --undo` opens it again")
    return 0


def _talking_to(db, name: str) -> people.Person:
    """The person a conversation is with: among the people here (an archived namesake does not make
    a name ambiguous); a name only an archived person has says so, and how to bring them back (it
    said there was nobody of that name, and `person add` then refused the name as taken)."""
    try:
        return people.find(db, name, archived=False)
    except NotFound:
        archived = people.find(db, name)  # NotFound again when nobody at all has it
        if not archived.archived:
            raise
        raise CtoError(
            f"#{archived.id} {archived.name} is archived: `ctotui person unarchive {archived.id}` brings them back"
        ) from None


def run_talk(args: argparse.Namespace) -> int:
    with database(args) as db:
        p = _talking_to(db, args.person)
        t = conversations.log(
            db, p.id, on=args.on, asked=args.asked, heard=args.heard, mine=args.mine, theirs=args.theirs,
            follow_up=args.follow_up,
        )  # fmt: skip
    if args.json:
        print_json(t.as_json())
        return 0
    follow = f"; follow up {t.follow_up.isoformat()}" if t.follow_up else ""
    print(f"written down: #{t.id} with {p.name} on {t.held_on.isoformat()}{follow}")
    return 0


def _print_bar(b: Any) -> None:
    who = f" (set by {b.person})" if b.person else ""
    closed = f", closed {clock.local(b.closed_at).date().isoformat()}" if b.closed_at else ""
    print(f"The bar for {b.role}{who}, agreed {b.agreed_on.isoformat()}, deadline {b.deadline.isoformat()}{closed}")
    for c in b.criteria:
        evidence = f"  evidence: {', '.join(f'#{a}' for a in c.evidence)}" if c.evidence else ""
        print(f"  {c.number}. [{'x' if c.met else ' '}] {c.text}{evidence}")
    print(f"{b.met} of {len(b.criteria)} met when it closed." if b.closed else b.says())


def run_bar(args: argparse.Namespace) -> int:
    with database(args, writes=False) as db:
        b = bar_core.current(db)
        bars = bar_core.all_bars(db) if args.all or b is None else []
    if args.all:
        if args.json:
            print_json([one.as_json() for one in bars])
            return 0
        for n, one in enumerate(bars):
            print("" if n == 0 else "\n", end="")
            _print_bar(one)
        if not bars:
            print("no bar yet: ctotui bar set --with PERSON --role 'VP of Engineering' 'criterion' ...")
        return 0
    if args.json:
        print_json(b.as_json() if b else None)
        return 0
    if b is None and bars:  # all closed: they are not lost, `bar --all` lists them
        last = bars[0]
        when = f" on {clock.local(last.closed_at).date().isoformat()}" if last.closed_at else ""
        print(f"no open bar: the bar for {last.role} was closed{when}; ctotui bar --all lists the closed ones.")
        print("A new one: ctotui bar set --with PERSON --role 'VP of Engineering' 'criterion' 'criterion' ...")
        return 0
    if b is None:
        print("no bar yet. Ask your manager or a founder what you would need to show over the next 12-18 months,")
        print("then: ctotui bar set --with PERSON --role 'VP of Engineering' 'criterion' 'criterion' ...")
        return 0
    _print_bar(b)
    return 0


def run_bar_set(args: argparse.Namespace) -> int:
    with database(args) as db:
        person_id = people.find(db, args.with_person).id if args.with_person else None
        b = bar_core.set_bar(
            db, role=args.role, criteria=args.criteria, person_id=person_id, agreed_on=args.agreed, deadline=args.by
        )
    _print_bar(b)
    return 0


def run_bar_edit(args: argparse.Namespace) -> int:
    given = (args.role, args.with_person, args.by, args.agreed)
    if all(v is None for v in given) and not (args.nobody or args.criterion or args.add or args.remove):
        raise CtoError(  # it printed the bar unchanged, exit 0, as if something had been edited
            "nothing to change: give --role, --with or --nobody, --by, --agreed, --criterion, --add or --remove"
        )
    with database(args) as db:
        b = bar_core.current(db)
        if b is None:
            raise NotFound(bar_core.NO_BAR)
        reworded = {bar_core.numbered(b, n).id: text for n, text in args.criterion}
        removed = {bar_core.numbered(b, n).id for n in args.remove}
        if reworded.keys() & removed:
            raise CtoError("a criterion cannot be both reworded (--criterion) and removed (--remove)")
        person_id = b.person_id
        if args.with_person:
            person_id = people.find(db, args.with_person).id
        elif args.nobody:
            person_id = None
        criteria = [(c.id, reworded.get(c.id, c.text)) for c in b.criteria if c.id not in removed]
        b = bar_core.edit_bar(
            db, b.id, role=b.role if args.role is None else args.role, person_id=person_id,
            agreed_on=args.agreed or b.agreed_on, deadline=args.by or b.deadline,
            criteria=criteria + [(None, text) for text in args.add],
        )  # fmt: skip
    _print_bar(b)
    return 0


def run_bar_tick(args: argparse.Namespace) -> int:
    with database(args) as db:
        b = bar_core.tick(db, args.number, met=args.met)
    c = b.criteria[int(str(args.number).strip().lstrip("#")) - 1]
    print(f"{c.number}. [{'x' if c.met else ' '}] {c.text}  ({b.met} of {len(b.criteria)} met)")
    return 0


def run_bar_link(args: argparse.Namespace) -> int:
    with database(args) as db:
        b = bar_core.link(db, args.number, args.achievement, on=not args.undo)
    c = b.criteria[int(str(args.number).strip().lstrip("#")) - 1]
    print(f"{c.number}. {c.text}  evidence: {', '.join(f'#{a}' for a in c.evidence) or 'none'}")
    return 0


def run_bar_close(args: argparse.Namespace) -> int:
    with database(args) as db:
        b = bar_core.close(db)
    print(f"closed the bar for {b.role}" if b else "no open bar to close")
    return 0
