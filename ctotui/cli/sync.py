"""One journal on two machines, from the shell (docs/sync.md):

    ctotui sync [DIR]            send this device's changes to DIR (or the saved folder), apply the others'
    ctotui sync --set-dir DIR    save the folder (the app syncs on start and exit when one is saved)
    ctotui sync --status [--json]  the devices seen, what each sent or had applied here, and when

A partial or corrupt line in another device's log is a warning on stderr (it is
read again next time), and so is a record that breaks the rules an import follows
(it is refused: core/sync/admit.py); the sync itself still succeeds. Faults: one line, exit 2.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from ctotui.cli import DIRECTORY
from ctotui.cli._common import Subcommands, print_json
from ctotui.cli.opening import database
from ctotui.core import clock
from ctotui.core.errors import CtoError
from ctotui.core.plural import plural
from ctotui.core.sync import run
from ctotui.core.text import clean_line
from ctotui.paths import display_path

if TYPE_CHECKING:
    from sqlite_utils import Database


def register(sub: Subcommands, name: str, summary: str, common: argparse.ArgumentParser) -> None:
    """Add the parser of ``name``, one of this module's commands, to ``sub``."""
    if name != "sync":
        raise ValueError(f"{name!r} is not a command of ctotui.cli.sync")
    p = sub.add_parser(
        "sync",
        parents=[common],
        help=summary,
        description="Keep this database in step with others through a folder that a sync tool keeps in step "
        "(Syncthing, Dropbox, iCloud Drive, a git repository): this device appends its changes to its own "
        "log there (<device-id>.jsonl) and applies every other device's new records; the newest change of "
        "each field wins. No server: the folder is all the devices share. See docs/sync.md.",
    )
    p.add_argument(
        "folder", metavar="DIR", nargs="?", complete=DIRECTORY, help="the shared folder (default: the saved one)"
    )
    p.add_argument(
        "--set-dir", metavar="DIR", complete=DIRECTORY, help="save DIR as the sync folder, then sync with it"
    )
    p.add_argument("--status", action="store_true", help="list the devices, what each sent and when; sync nothing")
    p.add_argument("--json", action="store_true", help="--status: print JSON")
    p.set_defaults(func=run_sync)


def run_sync(args: argparse.Namespace) -> int:
    if args.json and not args.status:
        raise CtoError("--json goes with --status")
    for given in (args.set_dir, args.folder):
        if given is not None:
            run.check_folder(given)  # before the database is opened: a refused folder writes nothing
    # --status alone reads: the read path (read-only media, another writer's lock)
    with database(args, writes=not args.status or args.set_dir is not None) as db:
        folder: Path | None
        if args.set_dir is not None:
            folder = run.save_folder(db, args.set_dir)
            print(f"sync folder saved: {display_path(folder)}")
        else:
            folder = run.check_folder(args.folder) if args.folder is not None else run.saved_folder(db)
        if args.status:
            return _status(db, folder, args.json)
        report = run.sync(db, folder)
    for warning in report.warnings:
        print(f"ctotui: warning: {clean_line(warning)}", file=sys.stderr)
    applied = sum(report.applied.values())
    line = (
        f"sent {plural(report.sent, 'record')}; applied {plural(applied, 'record')} "
        f"from {plural(len(report.applied), 'other device')}"
    )
    if report.refused:
        line += f"; {plural(report.refused, 'record')} refused (the warnings say why)"
    if report.deferred:
        line += f"; {plural(report.deferred, 'record')} kept for a later sync (the warnings say why)"
    if report.waiting:
        line += f"; {plural(report.waiting, 'row')} waiting for what they refer to"
    print(line)
    return 0


def _status(db: Database, folder: Path | None, as_json: bool) -> int:
    devices = run.status(db, folder)
    if as_json:
        print_json(
            {
                "folder": None if folder is None else str(folder),
                "devices": [
                    {
                        "device": d.device,
                        "this": d.this,
                        "records": d.records,
                        "last_at": d.last_at,
                        "in_folder": d.in_folder,
                    }
                    for d in devices
                ],
            }
        )
        return 0
    print(f"folder: {folder if folder is not None else '(none saved; ctotui sync --set-dir DIR)'}")
    for d in devices:
        when = clock.local(d.last_at).strftime("%Y-%m-%d %H:%M") if d.last_at else "never"
        what = "sent" if d.this else "applied here"
        in_folder = "" if d.in_folder is None else f", {plural(d.in_folder, 'record')} in its log"
        if not d.this:
            name = str(d.device)
        elif d.device:
            name = f"{d.device} (this device)"
        else:
            name = "this device (no id until its first sync)"
        print(f"{name}: {plural(d.records, 'record')} {what}, last {when}{in_folder}")
    return 0
