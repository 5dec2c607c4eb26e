"""Owning the data from the shell: export, import, backup, check.

    ctotui export [--format json|md] [-o FILE] [--since DATE] [--until DATE] [--sections LIST] [--salvage] [--global-ids]
    ctotui import FILE [--format json|jrnl] [--dry-run]
    ctotui backup [DIR]
    ctotui check [--repair]

Core modules are imported inside the handlers: `ctotui add` never pays for them.
"""

from __future__ import annotations

import argparse
import io
import os
import sqlite3
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from ctotui.cli import DIRECTORY, FILE
from ctotui.cli._common import Subcommands, bound_date
from ctotui.cli.new_database import import_into_new
from ctotui.cli.opening import STARTED, database
from ctotui.core import clock
from ctotui.core.data.brag import parse_sections, write_brag
from ctotui.core.data.export_json import write_json
from ctotui.core.data.import_json import MAX_IMPORT_BYTES
from ctotui.core.data.import_merge import import_json
from ctotui.core.data.import_stream import open_bounded
from ctotui.core.data.jrnl import import_jrnl
from ctotui.core.data.salvage import write_salvage
from ctotui.core.data.salvage_open import header_lost, open_for_salvage
from ctotui.core.data.transfer import check_period, export_to, format_for, write_file
from ctotui.core.data.upkeep import backup_to, check, damaged, ensure_writable, refuse_if_damaged, repair
from ctotui.core.dates import period
from ctotui.core.db import open_db
from ctotui.core.dbfile import DamagedDatabase, DatabaseError, backup, make_private_folder, unwritable
from ctotui.core.errors import CtoError
from ctotui.core.plural import plural
from ctotui.core.sync.portable import write_portable
from ctotui.paths import display_path, resolve_db_path

SHOWN = 20  # imported jrnl entries listed one per line


def register(sub: Subcommands, name: str, summary: str, common: argparse.ArgumentParser) -> None:
    """Add the parser of ``name``, one of this module's commands, to ``sub``."""
    match name:
        case "export":
            p = sub.add_parser(
                "export",
                parents=[common],
                help=summary,
                description="--format json (the default, or from -o's suffix) writes every table, complete, for "
                "`ctotui import`; --format md writes a brag document, titled with your name (ctotui profile --name): by "
                "default the summary, the strongest numbers and the achievements by category with their numbers and "
                "links; --sections chooses. Without -o, or with -o -, the export goes to stdout.",
            )
            p.add_argument("--format", choices=("json", "md"), help="json (everything) or md (brag document)")
            p.add_argument(
                "-o",
                "--output",
                metavar="FILE",
                complete=FILE,
                help="write to FILE (replaced whole) instead of stdout ('-' is stdout)",
            )
            p.add_argument(
                "--since",
                metavar="DATE",
                type=bound_date,
                help="md: achievements on or after DATE (YYYY-MM-DD, today, last week...)",
            )
            p.add_argument("--until", metavar="DATE", type=bound_date, help="md: achievements on or before DATE")
            p.add_argument(
                "--salvage",
                action="store_true",
                help="from a damaged database: every row that can still be read, as JSON for `ctotui import`",
            )
            p.add_argument(
                "--no-people",
                dest="people",
                action="store_false",
                help="json: leave out people, conversations, the bar and who vouches for what (personal data about others)",
            )
            p.add_argument(
                "--global-ids",
                action="store_true",
                help="json: only the tables that sync, each row under its global id (ctotui sync; docs/sync.md): "
                "two devices in step write the same bytes",
            )
            p.add_argument(
                "--sections",
                metavar="LIST",
                help="md: what goes in, comma-separated, from summary, numbers, achievements, by-skill, skills (self-ratings), "
                "readiness, reviews, bar, or all (default: summary,numbers,achievements)",
            )
            p.set_defaults(func=run_export)
        case "import":
            p = sub.add_parser(
                "import",
                parents=[common],
                help=summary,
                description="Checks the whole file first, then imports it in one transaction: all of it or nothing. "
                "Rows already here are not added again (importing twice adds nothing); where a key exists with "
                "other content, the row here is kept. --format jrnl reads `jrnl --export json` into the journal.",
            )
            p.add_argument("file", metavar="FILE", complete=FILE, help="the file to import ('-' reads stdin)")
            p.add_argument("--format", choices=("json", "jrnl"), default="json", help="json (a ctotui export) or jrnl")
            p.add_argument("--dry-run", action="store_true", help="check and count, write nothing")
            p.set_defaults(func=run_import)
        case "backup":
            p = sub.add_parser(
                "backup",
                parents=[common],
                help=summary,
                description="Copy the database with SQLite's online backup API (safe while the app is open), "
                "check the copy, and print its path.",
            )
            p.add_argument(
                "folder",
                metavar="DIR",
                nargs="?",
                complete=DIRECTORY,
                help="the folder to put the copy in (default: backups/ beside the database), or the copy's own "
                "name when it ends in .db, .sqlite or .sqlite3 (never over a file)",
            )
            p.set_defaults(func=run_backup)
        case "check":
            p = sub.add_parser(
                "check",
                parents=[common],
                help=summary,
                description="Run SQLite's integrity check, the foreign key check and the search index's check, "
                "and check each tag's and skill's copy of its entry's date; say whether all is well. Exit 0 when it is, 1 when not.",
            )
            p.add_argument(
                "--repair",
                action="store_true",
                help="rebuild the indexes, the search index and the copied dates from the data, then check",
            )
            p.set_defaults(func=run_check)
        case _:
            raise ValueError(f"{name!r} is not a command of ctotui.cli.transfer")


def _size(n: int) -> str:
    return f"{n / 1024:,.0f} KiB" if n < 1024 * 1024 else f"{n / 1024 / 1024:,.1f} MiB"


def run_export(args: argparse.Namespace) -> int:
    if args.output == "-":  # stdout, as `import -` reads stdin (a file named - is ./-)
        args.output = None
    if args.salvage:
        return _salvage(args)
    if args.global_ids:
        return _global_ids(args)
    kind = args.format or format_for(args.output)
    since, until = period(args.since, args.until)
    check_period(kind, since, until)
    sections = None
    if args.sections is not None:
        if kind != "md":
            raise CtoError("--sections is for the brag document (--format md)")

        sections = parse_sections(args.sections)
    with database(args, writes=False, start=False) as db:
        if args.output:
            done = export_to(db, kind, args.output, since=since, until=until, sections=sections, people=args.people)
            print(f"wrote {done.what} to {display_path(done.path)} ({_size(done.size_bytes)})")
            return 0
        refuse_if_damaged(db)  # as export_to does: before a line is written
        out = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", newline="\n")
        try:
            _to_stream(db, kind, out, since, until, sections, args.people)
            out.flush()
        finally:
            out.detach()
    return 0


def _global_ids(args: argparse.Namespace) -> int:
    if args.format == "md" or args.since or args.until or args.sections is not None:
        raise CtoError("--global-ids writes JSON; it takes no --format md, --since, --until or --sections")
    with database(args) as db:
        refuse_if_damaged(db)
        if args.output:
            rows = write_file(args.output, lambda out: write_portable(db, out))
            print(f"wrote {plural(rows, 'synced row', thousands=True)} to {display_path(Path(args.output))}")
            return 0
        out = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", newline="\n")
        try:
            write_portable(db, out)
            out.flush()
        finally:
            out.detach()
    return 0


def _salvage(args: argparse.Namespace) -> int:
    if args.format == "md" or args.since or args.until:
        raise CtoError("--salvage writes the complete JSON; it takes no --format md, --since or --until")
    path = resolve_db_path(getattr(args, "db", None))
    if not path.exists():
        raise CtoError(f"{display_path(path)}: no database there")
    with open_for_salvage(path) as db:
        if args.output:
            report = write_file(args.output, lambda out: write_salvage(db, out))
            print(f"{report.summary()}; written to {args.output} (`ctotui --db NEW.db import` reads it)")
            return 0
        out = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", newline="\n")
        try:
            report = write_salvage(db, out)
            out.flush()
        finally:
            out.detach()
    print(report.summary(), file=sys.stderr)
    return 0


def _to_stream(db, kind: str, out, since, until, sections, people: bool = True) -> None:
    if kind == "md":
        write_brag(db, out, since=since, until=until, sections=sections)
        return

    write_json(db, out, people=people)


def run_import(args: argparse.Namespace) -> int:
    with _import_file(args.file) as (path, source):
        target = resolve_db_path(getattr(args, "db", None))
        if not os.path.lexists(target):  # built aside, so that nothing is left if it fails or is a dry run
            told: list[Callable[[], None]] = []
            import_into_new(target, lambda db: told.append(_imported(db, args, path, source)), dry_run=args.dry_run)
            told[0]()  # once the database has its name: a reader gone (`| head`) cannot undo the import
            if not args.dry_run:
                print(STARTED.format(path=display_path(target)), file=sys.stderr, flush=True)
            return 0
        if args.dry_run:
            return _rehearse(args, path, source)
        with database(args) as db:
            _import_into(db, args, path, source)
    return 0


@contextmanager
def _import_file(name: str) -> Iterator[tuple[Path, str]]:
    """The file to import and the name to give it, checked before the database is opened (a file
    that cannot be read creates no database). '-' is stdin, copied first into a private temporary
    folder (at most the import limit): the import streams its file twice, once to check it whole
    and once to take its rows in, which a pipe cannot give."""
    if name != "-":
        open_bounded(name, name, MAX_IMPORT_BYTES).close()  # there, a regular file, not too large
        yield Path(name), name
        return
    with tempfile.TemporaryDirectory(prefix="ctotui-import-") as folder:
        path = Path(folder) / "stdin"
        copied = 0
        with path.open("xb") as out:
            while copied <= MAX_IMPORT_BYTES and (chunk := sys.stdin.buffer.read(1 << 20)):
                out.write(chunk)
                copied += len(chunk)
        if copied > MAX_IMPORT_BYTES:
            raise CtoError(f"stdin: larger than the import limit (at most {MAX_IMPORT_BYTES:,} bytes)")
        yield path, "stdin"


def _import_into(db, args: argparse.Namespace, path: Path, source: str) -> None:
    _imported(db, args, path, source)()


def _imported(db, args: argparse.Namespace, path: Path, source: str) -> Callable[[], None]:
    """Import ``path`` into ``db``; returns what prints its report, for the caller to call when the
    import is there to stay."""
    if args.format == "jrnl":
        jrnl = import_jrnl(db, path, dry_run=args.dry_run, source=source)
        return lambda: _print_jrnl(jrnl)
    report = import_json(db, path, dry_run=args.dry_run, source=source)
    return lambda: _print_import(report)


def _rehearse(args: argparse.Namespace, path: Path, source: str) -> int:
    """--dry-run: the import rehearsed (and rolled back) on a copy of the database in a private
    temporary folder, made with the backup's online copy. The database itself is only read, as
    `export` reads it: it works on read-only media and while another program holds the write lock."""
    with database(args, writes=False) as db, tempfile.TemporaryDirectory(prefix="ctotui-dry-run-") as folder:
        copy = open_db(backup(db, folder, name="rehearsal.db"))
        try:
            _import_into(copy, args, path, source)
        finally:
            copy.close()
    return 0


def _print_import(report) -> None:
    verb = "would add" if report.dry_run else "added"
    print(f"{report.source}: {verb} {report.added:,} rows, {report.present:,} already here")
    width = max((len(t.table) for t in report.tables), default=0)
    for t in report.tables:
        parts = [f"{t.added:,} {verb}"]
        if t.present:
            parts.append(f"{t.present:,} already here")
        if t.kept:
            keys = ", ".join(t.kept_keys) + (", …" if t.kept > len(t.kept_keys) else "")
            parts.append(f"{t.kept:,} kept as they were here ({keys})")
        if t.left_out:
            parts.append(f"{t.left_out:,} left out (part of rows kept as they were here)")
        if t.dropped:
            parts.append(f"{t.dropped:,} links to missing rows left out")
        print(f"  {t.table:<{width}}  " + ", ".join(parts))
    if report.local:
        shown = ", ".join(report.local[:SHOWN]) + (", …" if len(report.local) > SHOWN else "")
        print(f"  skipped {plural(len(report.local), 'setting')} that only the machine that exported uses ({shown})")
    if report.dry_run:
        print("dry run: nothing was written")


def _print_jrnl(report) -> None:
    verb = "would import" if report.dry_run else "imported"
    print(
        f"{report.source}: {verb} {len(report.imported)} of {report.entries} jrnl entries"
        f" ({report.skipped} already in the journal"
        + (f", {report.repeated} repeated in the file)" if report.repeated else ")")
    )
    for a in report.imported[:SHOWN]:
        tags = " ".join(f"#{t}" for t in a.tags)
        print(f"  {a.id:>6}  {a.occurred_on}  {a.title}" + (f"  [{a.badge}]" if a.badge else "") + f"  {tags}".rstrip())
    if len(report.imported) > SHOWN:
        print(f"  … and {len(report.imported) - SHOWN} more (ctotui list shows them)")
    if report.dry_run:
        print("dry run: nothing was written")


def run_backup(args: argparse.Namespace) -> int:
    if args.folder == "-":  # `export -` is stdout and `import -` stdin: a backup is a database file
        raise CtoError("a backup is a database file, not a stream: give a folder or FILE.db (./- for a folder named -)")
    with database(args, writes=False, start=False) as db:
        done = backup_to(db, args.folder)
    print(done.path.resolve())
    return 0


def _repair(db, path) -> None:
    """A copy first (for a damaged file: every row still readable, as an export), then rebuild."""
    try:
        print(f"a copy first: {display_path(backup_to(db).path)}")
    except DamagedDatabase:
        _rescue(path)
    try:
        print(f"rebuilt {', '.join(repair(db))}")
    except sqlite3.DatabaseError as exc:
        why = "the file is damaged beyond what a rebuild mends" if damaged(exc) else str(exc)
        print(f"could not rebuild the indexes: {why}")


def _rescue(path: Path) -> None:
    """Save every row of the damaged database at ``path`` that can still be read, as an export
    in backups/ beside it (export --salvage's file), and say what was saved."""
    folder = Path(os.path.abspath(path)).parent / "backups"
    make_private_folder(folder, parents=False)
    target = folder / f"{path.stem}.salvage.{clock.now().strftime('%Y%m%dT%H%M%SZ')}.json"
    with open_for_salvage(path) as db:
        report = write_file(target, lambda out: write_salvage(db, out))
    print(f"damaged, so no copy of the file: rescued what can be read instead: {report.summary()}")
    print(
        f"  in {display_path(target)}; `ctotui --db NEW.db import {display_path(target)}` starts a new database from it"
    )


def run_check(args: argparse.Namespace) -> int:
    path = resolve_db_path(getattr(args, "db", None))
    if not path.exists():
        raise CtoError(f"{display_path(path)}: no database there (ctotui info shows which file is in use)")
    if path.is_file() and path.stat().st_size == 0:  # opened for --repair, SQLite would make it a database
        raise CtoError(f"{display_path(path)}: the file is empty: there is nothing to check")
    try:
        # a plain check never writes: read-only, so a read-only file is checked like any other;
        # --repair on a file that cannot be written opens it so too, and says it cannot repair it
        db = open_db(path, migrate=False, read_only=not args.repair or unwritable(path) is not None)
    except DatabaseError as exc:
        # damage SQLite meets as it opens the file (a lost tail, a scribbled page of the list of
        # tables, the header's first bytes written over) is what check is for: "not well", exit 1.
        # A file that cannot be opened for another reason (a folder, a device, a newer schema, a
        # full disk, a lock) is a fault: it propagates, one line on stderr and exit 2, as in every
        # other command.
        if not isinstance(exc, DamagedDatabase) and not header_lost(path):
            raise
        print(f"not well: {exc}")
        if args.repair:
            try:
                _rescue(path)
            except CtoError as nothing:
                print(f"  nothing rescued: {nothing}")
            print("  the file itself cannot be rebuilt: SQLite cannot open it")
        return 1
    try:
        if args.repair:
            ensure_writable(db)
            _repair(db, path)
        results = check(db)
    finally:
        db.close()
    width = max(len(r.name) for r in results)
    for r in results:
        print(f"{r.name:<{width}}  {'ok' if r.ok else 'PROBLEM'}")
        for problem in r.problems:
            print(f"{'':<{width}}    {problem}")
        if r.more:
            print(f"{'':<{width}}    … and {r.more} more")
    failed = [r for r in results if not r.ok]
    if not failed:
        print(f"all is well: {display_path(path)}")
        return 0
    said = f"not well: {plural(len(failed), 'check')} failed on {display_path(path)}. "
    if args.repair:  # the rebuild was tried: saying "check --repair" again would send the user round in a circle
        print(
            said + "The rebuild did not mend it: restore a backup, or start a new database from what is readable "
            "(ctotui export --salvage -o FILE, then ctotui --db NEW.db import FILE)."
        )
        return 1
    print(
        said
        + "ctotui check --repair rebuilds the indexes, the search index and the copied dates from the data; if that "
        "is not enough, restore a backup or save what is readable (ctotui export --salvage -o FILE)."
    )
    return 1
