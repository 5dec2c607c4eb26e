"""An import into a database that does not exist yet.

The database is built in a private temporary folder and only becomes the file the user named once
the import has gone in whole: a file that fails its checks, a dry run, a fault or Ctrl-C leaves no
database behind, not even an empty one. A real import builds it beside the target (the same file
system, so that it can be linked into place); a dry run builds it in the system's temporary folder
and writes nothing beside the target, not even the folders that would hold it. An import killed part
way (kill -9, out of memory or power) leaves its folder, removed once its lock is free by whatever
next makes a database of that name (core/import_folders.py).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from sqlite_utils import Database

from ctotui.core.db import filling_unseen, open_db
from ctotui.core.dbfile import DatabaseError, make_private_folder
from ctotui.core.errors import CtoError
from ctotui.core.import_folders import held, prefix, sweep


def import_into_new(target: Path, fill: Callable[[Database], None], *, dry_run: bool) -> None:
    """Run ``fill`` on a new, empty database; unless ``dry_run``, it then becomes ``target``."""
    if dry_run:
        with tempfile.TemporaryDirectory(prefix="ctotui-dry-run-") as folder:
            _fill(Path(folder) / "rehearsal.db", fill)
        return
    parent = Path(os.path.abspath(target)).parent
    made = _missing(parent)
    try:
        try:
            make_private_folder(parent)
        except OSError as exc:
            raise DatabaseError(f"{parent}: cannot create the data folder ({exc.strerror})") from None
        sweep(parent, target.name)  # what an import into this name killed part way left (core/import_folders.py)
        with tempfile.TemporaryDirectory(prefix=prefix(target.name), dir=parent) as folder, held(Path(folder)):
            built = Path(folder) / target.name
            _fill(built, fill)
            _place(built, target)
    except BaseException:
        for level in made:  # the folders made for the database, deepest first, if still empty
            try:
                level.rmdir()
            except OSError:
                break
        raise


def _fill(path: Path, fill: Callable[[Database], None]) -> None:
    db = open_db(path)
    try:
        with filling_unseen(db):  # no other connection has it: straight into the file, flushed once at the end
            fill(db)
    finally:
        db.close()  # the last connection


def _missing(folder: Path) -> list[Path]:
    """``folder`` and the folders above it that do not exist yet, deepest first."""
    missing = []
    while not folder.exists() and folder.parent != folder:
        missing.append(folder)
        folder = folder.parent
    return missing


def _place(built: Path, target: Path) -> None:
    """Give the finished database its name; a file that took that name meanwhile is left alone."""
    try:
        os.link(built, target)
    except FileExistsError:
        raise CtoError(f"{target}: a file of that name appeared during the import; it was left alone") from None
    except OSError as exc:
        if os.path.lexists(target):
            raise CtoError(f"{target}: a file of that name appeared during the import; it was left alone") from None
        try:
            os.replace(built, target)  # a file system without hard links
        except OSError:
            raise DatabaseError(f"{target}: cannot write the database ({exc.strerror or exc})") from None
