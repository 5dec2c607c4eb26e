"""Errors a user can cause or fix. Their message is shown as it is: one plain line."""


class CtoError(Exception):
    """A problem to tell the user about (CLI: stderr and exit 2; TUI: a notification)."""


class NotFound(CtoError):
    """An id or key that does not exist."""
