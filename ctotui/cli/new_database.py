"""An import into a database that does not exist yet.

The database is built in a private temporary folder and only becomes the file the user named once
the import has gone in whole: a file that fails its checks, a dry run, a fault or Ctrl-C leaves no
database behind, not even an empty one. A real import builds it beside the target (the same file
system, so that it can be linked into place); a dry run builds it in the system's temporary folder
and writes nothing beside the target, not even the folders that would hold it. An import killed part
way (kill -9, out of memory or power) leaves its folder; the next import into that name removes it
once no import holds its lock.
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from sqlite_utils import Database

from ctotui.core.db import filling_unseen, open_db
from ctotui.core.dbfile import DatabaseError, make_private_folder
from ctotui.core.errors import CtoError

try:
    import fcntl
except ImportError:  # pragma: no cover - not on Windows: no lock, no sweep there
    fcntl = None  # type: ignore[assignment]  # None stands for "no such module here"

LOCK = "lock"  # held by the import that builds in the folder, for as long as it runs
UNLOCKED_AGE = 3600  # s: a folder without its lock file (made just now, or by an older ctotui) is left this long


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
        _sweep(parent, target.name)
        with (
            tempfile.TemporaryDirectory(prefix=f".{target.name}.importing-", dir=parent) as folder,
            _held(Path(folder)),
        ):
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


@contextlib.contextmanager
def _held(folder: Path) -> Iterator[None]:
    """The folder's lock held while the import builds in it: a later import into the same
    name sees it is in use (``_sweep``); the system lets it go however this process ends."""
    if fcntl is None:  # pragma: no cover
        yield
        return
    fd = os.open(folder / f"{LOCK}.new", os.O_CREAT | os.O_RDWR, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        os.replace(folder / f"{LOCK}.new", folder / LOCK)  # named only once held: never seen free while in use
        yield
    finally:
        os.close(fd)


def _sweep(parent: Path, name: str) -> None:
    """Remove what an import into ``name`` killed part way left (``kill -9``, the machine out of
    memory or power): its private folder, with a half-built database in it (as large as the
    import got). A folder whose lock another import holds is in use and stays."""
    if fcntl is None:  # pragma: no cover
        return
    for folder in parent.glob(f".{glob.escape(name)}.importing-*"):  # a name may hold * ? [
        if folder.is_dir() and not folder.is_symlink() and _abandoned(folder):
            shutil.rmtree(folder, ignore_errors=True)


def _abandoned(folder: Path) -> bool:
    try:
        fd = os.open(folder / LOCK, os.O_RDWR | getattr(os, "O_NOFOLLOW", 0))
    except FileNotFoundError:
        try:
            return time.time() - folder.stat().st_mtime > UNLOCKED_AGE
        except OSError:
            return False
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:  # held: an import is building there now
        return False
    finally:
        os.close(fd)  # (a lock taken just above goes with it)
    return True


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
