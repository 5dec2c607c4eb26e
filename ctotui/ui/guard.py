"""Calling the core from a screen: a user's error becomes a notification, never a traceback."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from textual.widget import Widget

from ctotui.core.errors import CtoError

T = TypeVar("T")


def guarded(widget: Widget, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T | None:
    """``fn(*args, **kwargs)``, or None after notifying the CtoError's one line."""
    try:
        return fn(*args, **kwargs)
    except CtoError as exc:
        widget.notify(str(exc), severity="error", markup=False)
        return None
