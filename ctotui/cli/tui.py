"""`ctotui` with no command: open the app.

The one CLI module that imports Textual; ctotui.cli loads it only to open the
app (lazy point 1, the dispatch table), so no other command pays for Textual.

The app needs a terminal on both stdin and stdout: started from a script, a pipe or
a cron job it would wait for keys that never come and write escape codes into the
output file. Without one it is refused (one line, exit 2) before anything is opened.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from ctotui.core.dbfile import DamagedDatabase, prepare_file
from ctotui.core.errors import CtoError, StorageError
from ctotui.core.plural import plural
from ctotui.core.text import clean_block, clean_line
from ctotui.core.watch import gone_words
from ctotui.paths import resolve_db_path
from ctotui.ui import areas
from ctotui.ui.app import CtoApp

if TYPE_CHECKING:
    from ctotui.ui.drafts import Spilled

NO_TERMINAL = "the app needs a terminal (stdin and stdout); run a command instead: ctotui --help"


def run(args: argparse.Namespace) -> int:
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise CtoError(NO_TERMINAL)
    path = resolve_db_path(args.db)
    prepare_file(path)  # a wrong or unwritable file is reported here, before the screen changes
    app = CtoApp(db_path=path, mock=getattr(args, "mock", None))  # `drill --mock N` opens a mock interview
    app.run()
    if app.startup_error:  # e.g. a database from a newer ctotui
        raise CtoError(app.startup_error)
    code = app.return_code or 0
    if app.spilled is not None:
        print(spilled_words(app.spilled), file=sys.stderr)
        code = code if app.spilled.path is not None else 2
    if app.gone:  # removed or replaced while the app ran: open nothing at that path now
        print(f"ctotui: {clean_line(gone_words(path))}", file=sys.stderr)
    else:
        sync_on_exit(path)
    return code


def spilled_words(spilled: Spilled) -> str:
    """What the app says as it exits of drafts the database still refused: the file they are kept
    in, or, kept nowhere (the file could not be written either), the text itself, so that what
    was typed is on the screen at least (it was lost without a word)."""
    count = plural(spilled.count, "draft")
    if spilled.path is not None:
        return f"ctotui: the database refused {count}; kept in {spilled.path} until the app opens again"
    lines = [f"ctotui: the database refused {count} and {spilled.error.lower()} for its file; what they held:"]
    lines += [f"\n{clean_block(text)}" for text in spilled.texts]
    return "\n".join(lines)


def sync_on_exit(path: Path) -> None:
    """With a saved sync folder, sync once the app has closed (the screen is gone: nothing
    waits on it). A fault is one line on stderr; the app's own exit code stands.

    A damaged database cannot say whether a sync folder is saved: its fault is said as it is,
    without "sync on exit failed" (which told a user who never set up a sync folder that one
    had failed)."""
    try:
        # through the data layer (lazy point 2, loaded by the app by now): the app's first
        # paint imports neither the opener nor the sync
        report = areas.data_layer().sync_saved_folder(path)
    except CtoError as exc:
        damaged = isinstance(exc, DamagedDatabase) or (isinstance(exc, StorageError) and exc.kind == "corrupt")
        print(f"ctotui: {'' if damaged else 'sync on exit failed: '}{clean_line(str(exc))}", file=sys.stderr)
        return
    if report is None:  # no sync folder saved
        return
    for warning in report.warnings:
        print(f"ctotui: warning: {clean_line(warning)}", file=sys.stderr)
    applied = sum(report.applied.values())
    if report.sent or applied:
        print(f"ctotui: synced (sent {plural(report.sent, 'record')}, applied {plural(applied, 'record')})")
