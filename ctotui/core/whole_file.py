"""Writing a file whole or not at all: the one way the app writes a file of its own (an export,
a brag document, drafts kept at exit)."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TextIO, TypeVar

T = TypeVar("T")


def write_whole(path: Path, write: Callable[[TextIO], T]) -> T:
    """``write`` into a private temporary file beside ``path`` (mode 0600: it is personal), flushed
    to disk, then renamed over ``path``. An error (a full disk) leaves ``path`` as it was, the
    temporary file gone, and comes as it was raised (OSError)."""
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(temp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
            result = write(out)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return result
