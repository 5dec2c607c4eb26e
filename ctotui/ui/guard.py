"""Calling the core from a screen: a user's error or a storage fault becomes a
notification, never a traceback.

The core raises ``CtoError`` for what the user can fix and ``StorageError``
(a CtoError) when the database refuses: locked past the busy timeout, a full
disk, a read-only file, an I/O error, a damaged file. Everything the UI asks
of the core goes through ``guarded`` (screens, timers) or through a form's
save (``FormDialog.writes_with``, the achievement form, the drill answer),
which keep what was typed open and say so with ``not_saved``.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import Any, TypeVar

from textual.message_pump import MessagePump

from ctotui.core.errors import CtoError, StorageError, storage_error

T = TypeVar("T")

NOT_SAVED = "Not saved:"  # how a refused save's line starts (``not_saved``)
RETRY_HINT = "Your text stays here and its draft is kept: ctrl+s tries again, esc leaves."
RETRY_HINT_NO_DRAFT = "Your text stays here: ctrl+s tries again (esc asks before it drops what you typed)."


def guarded(widget: MessagePump, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T | None:
    """``fn(*args, **kwargs)``, or None after notifying the error's one line."""
    try:
        return fn(*args, **kwargs)
    except CtoError as exc:
        notify_error(widget, exc)
        return None
    except sqlite3.Error as exc:  # a storage fault raised outside the connection's translation
        error = storage_error(exc)
        if error is None:
            raise
        notify_error(widget, error)
        return None


def notify_error(widget: MessagePump, exc: CtoError) -> None:
    if isinstance(exc, StorageError):
        widget.app.notify(sentence(str(exc)), title="The database said no", severity="error", timeout=8, markup=False)
    else:
        widget.app.notify(str(exc), severity="error", markup=False)


def not_saved(widget: MessagePump, exc: StorageError, *, draft: bool = True) -> str:
    """Tell the user a save failed (a notification); returns the line for the form itself.
    ``draft``: whether what was typed is also kept as a draft (said only when it is)."""
    text = str(exc).strip()
    line = f"{NOT_SAVED} {text}{'' if text.endswith('.') else '.'} {RETRY_HINT if draft else RETRY_HINT_NO_DRAFT}"
    widget.app.notify(line, title="Not saved", severity="error", timeout=10, markup=False)
    return line


def sentence(text: str) -> str:
    text = text.strip()
    return text[:1].upper() + text[1:] + ("" if text.endswith((".", "…", "?", "!")) else ".")
