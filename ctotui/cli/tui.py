"""`ctotui` with no command: open the app.

The one CLI module that imports Textual; ctotui.cli loads it only to open the
app (lazy point 1, the dispatch table), so no other command pays for Textual.
"""

from __future__ import annotations

import argparse
import sys

from ctotui.core.db import prepare_file
from ctotui.core.errors import CtoError
from ctotui.core.plural import plural
from ctotui.paths import resolve_db_path
from ctotui.ui.app import CtoApp


def run(args: argparse.Namespace) -> int:
    path = resolve_db_path(args.db)
    prepare_file(path)  # a wrong or unwritable file is reported here, before the screen changes
    app = CtoApp(db_path=path, mock=getattr(args, "mock", None))  # `drill --mock N` opens a mock interview
    app.run()
    if app.startup_error:  # e.g. a database from a newer ctotui
        raise CtoError(app.startup_error)
    if app.spilled:
        count, kept = app.spilled
        print(
            f"ctotui: the database refused {plural(count, 'draft')}; kept in {kept} until the app opens again",
            file=sys.stderr,
        )
    return app.return_code or 0
