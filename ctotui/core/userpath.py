"""A path as the user typed it, its ``~`` or ``~user`` expanded.

``Path.expanduser`` raises RuntimeError for a ``~name`` that names no user here (the shell leaves
``~nonuser/x.db`` as typed) or a ``~`` without a home folder; that reached the user as "unexpected
failure". Here it is a CtoError naming the path: one line, exit 2 in the CLI, a notice in the app.
"""

from __future__ import annotations

import os
from pathlib import Path

from ctotui.core.errors import CtoError


def user_path(value: str | os.PathLike[str]) -> Path:
    """``value`` with ``~`` expanded; a ``~`` that names no home folder here is a CtoError."""
    try:
        return Path(value).expanduser()
    except RuntimeError:
        head = Path(value).parts[0] if Path(value).parts else os.fspath(value)
        raise CtoError(f"{os.fspath(value)}: {head} names no home folder here (no such user?)") from None
