"""Writing text in the user's own editor: ``$VISUAL``, else ``$EDITOR``.

One place decides which editor runs and how, for the command line (``ctotui add``
with no title, ``ctotui edit ID -e``: cli/editor.py) and for the app (ctrl+e in a
long text field: ui/widgets/long_text.py, which runs ``edit_text`` while the app
has handed the terminal over).

The text goes to a private temporary file (``tempfile.mkstemp``: mode 0600) that
the editor opens; the editor's command is read as a shell would split it
(``EDITOR="code --wait"`` works). An editor that cannot start or exits with an
error raises ``EditorError``: what it was given stays as it was. A file saved in another
encoding than UTF-8 (a Latin-1 editor) is refused (``NotUtf8``), never read with its bytes
replaced: the user's text is not changed behind their back.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import tempfile
from collections.abc import Mapping

from ctotui.core.errors import CtoError

__all__ = [
    "EditorError",
    "NoEditor",
    "NotUtf8",
    "NO_EDITOR",
    "editor_command",
    "run_editor",
    "read_saved",
    "edit_text",
    "brought_back",
]

NO_EDITOR = "no editor is set: set $VISUAL or $EDITOR (for example `export EDITOR=nano`)"


class EditorError(CtoError):
    """The editor could not run, or it exited with an error."""


class NoEditor(EditorError):
    """Neither $VISUAL nor $EDITOR names an editor."""


class NotUtf8(EditorError):
    """The editor saved bytes that are not UTF-8 text."""


def editor_command(environ: Mapping[str, str] | None = None) -> list[str]:
    """The editor to run, as a command line: $VISUAL, else $EDITOR (an empty one counts as unset)."""
    env = os.environ if environ is None else environ
    value = env.get("VISUAL", "").strip() or env.get("EDITOR", "").strip()
    if not value:
        raise NoEditor(NO_EDITOR)
    try:
        command = shlex.split(value)
    except ValueError as exc:
        raise EditorError(f"cannot read the editor command {value!r} ({exc})") from None
    if not command:
        raise NoEditor(NO_EDITOR)
    return command


def run_editor(command: list[str], path: str) -> None:
    """Run the editor on ``path`` and wait for it; EditorError if it cannot start or fails."""
    try:
        done = subprocess.run([*command, path], check=False)
    except OSError as exc:
        raise EditorError(
            f"cannot start the editor {command[0]!r} ({exc.strerror or exc}); check $VISUAL / $EDITOR"
        ) from None
    if done.returncode != 0:
        raise EditorError(f"the editor ({command[0]}) exited with {done.returncode}")


def read_saved(path: str) -> str:
    """The text the editor saved in ``path``, read strictly as UTF-8, its newlines (\\r\\n, \\r) read
    as \\n as a text file is read; NotUtf8 says where the first byte that is not is (the file is
    left as it is)."""
    with open(path, "rb") as saved:
        raw = saved.read()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise NotUtf8(
            f"the editor saved text that is not valid UTF-8 (byte 0x{raw[exc.start]:02x} on line {line}); "
            "save the file as UTF-8"
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def brought_back(before: str, saved: str) -> str:
    """What the editor saved, as the field should hold it: most editors end a file with a
    newline that the text did not have; that one newline is not part of what was written."""
    if saved.endswith("\n") and not before.endswith("\n"):
        saved = saved[:-2] if saved.endswith("\r\n") else saved[:-1]
    return saved


def edit_text(text: str, command: list[str], suffix: str = ".md") -> str:
    """Open ``command`` on ``text`` in a private temporary file and return what was saved
    there (``brought_back``: without the newline the editor added). The file is removed
    afterwards, whatever happened. EditorError when the editor fails: nothing comes back.
    NotUtf8 when what was saved is not UTF-8: nothing comes back, and the file is kept (its
    path is in the message) so that what was typed there is not lost."""
    fd, path = tempfile.mkstemp(prefix="ctotui-", suffix=suffix)
    keep = False
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text)
        run_editor(command, path)
        try:
            return brought_back(text, read_saved(path))
        except NotUtf8 as exc:
            keep = True
            raise NotUtf8(f"{exc}; what you wrote is kept in {path}") from None
    finally:
        if not keep:
            try:
                os.unlink(path)
            except OSError:
                pass  # already gone (an editor that saves by renaming may have moved it)
