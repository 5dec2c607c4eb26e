"""Writing in ``$VISUAL`` or ``$EDITOR`` from the command line (``ctotui add`` with no title,
``ctotui add -e``, ``ctotui edit ID -e``).

Which editor runs, and how, is core/editor.py's (the app's ctrl+e uses it too). The text
goes to a private temporary file (mode 0600) that the editor opens. What
is saved there is handed to ``apply``; when ``apply`` refuses it (a CtoError), the
editor opens again with the error on top if this is a terminal, and otherwise the
command fails with the error and the path of the file, which is kept: nothing
typed is lost. A file saved as something other than UTF-8 is refused the same way
(core/editor.py's ``read_saved``), its bytes left as they are for the user to fix. The file is removed once the entry is saved or the edit cancelled.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from ctotui.core import editor
from ctotui.core.editor import EditorError, NoEditor, NotUtf8, read_saved, run_editor
from ctotui.core.errors import CtoError
from ctotui.paths import display_path

T = TypeVar("T")
ERROR_MARK = "# ERROR: "


def editor_command() -> list[str]:
    """core/editor.py's choice of editor; with none set, the CLI's other way says so too."""
    try:
        return editor.editor_command()
    except NoEditor as exc:
        raise NoEditor(
            f"{exc}, or give the title on the command line (or title and body on stdin: ctotui add -)"
        ) from None


def interactive() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()


def with_error(saved: bytes, message: str) -> bytes:
    """The file as saved, with the error on top (an earlier error replaced). Its bytes are kept
    as they are, even those that are not UTF-8: the user fixes them, nothing is replaced."""
    marks = (ERROR_MARK.encode(), b"# Fix it below")
    kept = [line for line in saved.splitlines() if not line.startswith(marks)]
    head = [f"{ERROR_MARK}{message}".encode(), b"# Fix it below and save again (an empty file cancels)."]
    return b"\n".join([*head, *kept]) + b"\n"


def edit_in_editor(text: str, apply: Callable[[str], T | None]) -> T | None:
    """Open the editor on ``text`` until ``apply`` takes what was saved (None: cancelled).
    On a failure the file stays, and the error names it."""
    command = editor_command()
    fd, path = tempfile.mkstemp(prefix="ctotui-", suffix=".md")
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(text)
    while True:
        try:
            run_editor(command, path)
            result = apply(read_saved(path))
        except CtoError as exc:
            if not interactive() or (isinstance(exc, EditorError) and not isinstance(exc, NotUtf8)):
                raise CtoError(f"{exc}; your text is kept in {path}") from None
            with open(path, "rb") as saved:
                before = saved.read()
            with open(path, "wb") as out:
                out.write(with_error(before, str(exc)))
            continue
        except BaseException:
            print(f"ctotui: your text is kept in {display_path(Path(path))}", file=sys.stderr)
            raise
        os.unlink(path)
        return result
