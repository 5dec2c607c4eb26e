"""The private folders an import into a new database builds it in, and what a killed one leaves.

``ctotui import`` into a file that does not exist yet builds the database in a folder beside it,
``.NAME.importing-*`` (cli/new_database.py), and links it into place once it went in whole. An
import killed part way (kill -9, the machine out of memory or power) leaves that folder, with the
half-built database in it. The import holds a lock in its folder while it runs (``held``); whatever
next makes a database of that name (another import, or the app or a command making the file new:
core/dbfile.py's ``prepare_file``) removes such a folder once its lock is free (``sweep``). Only the
standard library: core/dbfile.py, light enough for the first paint, imports it.
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - not on Windows: no lock, no sweep there
    fcntl = None  # type: ignore[assignment]  # None stands for "no such module here"

PREFIX = ".{name}.importing-"  # the folder's name, before mkdtemp's random part
LOCK = "lock"  # held by the import that builds in the folder, for as long as it runs
UNLOCKED_AGE = 3600  # s: a folder without its lock file (made just now, or by an older ctotui) is left this long


def prefix(name: str) -> str:
    """The start of the name of a folder an import into ``name`` builds in."""
    return PREFIX.format(name=name)


@contextlib.contextmanager
def held(folder: Path) -> Iterator[None]:
    """The folder's lock held while the import builds in it: whatever sweeps sees it is in use;
    the system lets it go however this process ends."""
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


def sweep(parent: Path, name: str) -> None:
    """Remove the folders imports into ``name`` killed part way left in ``parent``: a folder whose
    lock another import holds is in use and stays, as does anything else."""
    if fcntl is None:  # pragma: no cover
        return
    try:
        found = list(parent.glob(glob.escape(prefix(name)) + "*"))  # a name may hold * ? [
    except OSError:  # the folder cannot be listed: nothing to do here
        return
    for folder in found:
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
