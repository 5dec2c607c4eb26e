"""Opening the app, `info` and `demo`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ctotui.cli._common import bounded_int, database, lazy_module, print_json
from ctotui.core.db import db_path, prepare_file
from ctotui.core.errors import CtoError
from ctotui.core.plural import plural
from ctotui.paths import display_path, resolve_db_path

demo = lazy_module("ctotui.core.demo")
playbook = lazy_module("ctotui.core.playbook")
reader = lazy_module("ctotui.core.reader")
summary = lazy_module("ctotui.core.summary")


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("info", parents=[common], help="where the data lives and what is in it")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=run_info)

    p = sub.add_parser("demo", parents=[common], help="fill the database with realistic demo data")
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

    p = sub.add_parser("playbook", parents=[common], help="print the coaching playbook as Markdown")
    p.add_argument("section", nargs="?", help="one section (see --list); default: all")
    p.add_argument("--list", action="store_true", help="list the sections")
    p.set_defaults(func=run_playbook)


def open_app(args: argparse.Namespace) -> int:
    path = resolve_db_path(args.db)
    prepare_file(path)  # a wrong or unwritable file is reported here, before the screen changes
    from ctotui.ui.app import CtoApp  # the only place the CLI imports Textual

    app = CtoApp(db_path=path)
    app.run()
    if app.startup_error:  # e.g. a database from a newer ctotui
        raise CtoError(app.startup_error)
    if app.spilled:
        count, kept = app.spilled
        print(
            f"ctotui: the database refused {plural(count, 'draft')}; kept in {kept} until the app opens again", file=sys.stderr
        )
    return app.return_code or 0


def run_info(args: argparse.Namespace) -> int:
    path = resolve_db_path(getattr(args, "db", None))
    if not path.exists():  # it only reports: it creates neither the file nor its folders
        if args.json:
            print_json({"path": str(path), "exists": False})
        else:
            print(f"no database yet at {display_path(path)}: ctotui creates it when you first open it or add something")
        return 0
    with database(args) as db:
        s = summary.summarize(db)
    if args.json:
        print_json(
            {"path": s.path, "exists": True, "size_bytes": s.size_bytes, "schema": list(s.schema), "counts": s.counts, "trash": s.trash}
        )
        return 0
    rows = [
        ("database", display_path(Path(s.path))),
        ("size", f"{s.size_bytes / 1024:.0f} KiB"),
        ("schema", f"{s.schema[-1] if s.schema else '-'} ({len(s.schema)} steps)"),
        *((table, str(count)) for table, count in s.counts.items()),
    ]
    if s.trash:
        rows.append(("trash", f"{plural(s.trash, 'deleted achievement')} (ctotui purge empties it)"))
    width = max(len(label) for label, _ in rows)
    for label, value in rows:
        print(f"{label:<{width}}  {value}")
    return 0


def run_demo(args: argparse.Namespace) -> int:
    with database(args) as db:
        areas = demo.fill(db, achievements=args.achievements, force=args.force, seed=args.seed)
        path = display_path(db_path(db))
    print(f"demo data written to {path}: {', '.join(areas)}")
    return 0


def run_playbook(args: argparse.Namespace) -> int:
    if args.list:
        for slug, title in reader.section_titles():
            print(f"{slug:<10} {title}")
        return 0
    pb = playbook.load()
    chosen = [reader.section(pb, args.section)] if args.section else reader.sections(pb)
    print("\n\n".join(s.markdown.rstrip() for s in chosen))
    return 0
