"""Import sqlite_utils without compiling, at import, the one pattern it rarely needs.

When imported, sqlite_utils.db compiles a case-insensitive regex over the character
class ``\\u0080-\\uffff`` (it reads a table's name out of a CREATE VIRTUAL TABLE
statement, in ``Table.virtual_table_using``). Case-folding that class is most of
the work: ~130M instructions, more than a quarter of every CLI command (callgrind,
`ctotui search` at 10k achievements: 538M -> 408M). While sqlite_utils is first
imported, that one pattern is compiled on first use instead; every other
``re.compile`` call goes through untouched, and ``re.compile`` is itself again as
soon as the import is done.
"""

from __future__ import annotations

import re
import sys
import threading

_SLOW_CLASS = r"\u0080-\uffff"
_lock = threading.Lock()


class CompiledOnFirstUse:
    """A regex pattern compiled the first time one of its methods is used."""

    def __init__(self, pattern: str, flags: int) -> None:
        self._args = (pattern, flags)
        self._compiled: re.Pattern[str] | None = None

    def __getattr__(self, name: str) -> object:
        if self._compiled is None:
            self._compiled = re.compile(*self._args)
        return getattr(self._compiled, name)


def import_sqlite_utils() -> None:
    """Import sqlite_utils (once; later calls return at once)."""
    if "sqlite_utils" in sys.modules:
        return
    with _lock:
        if "sqlite_utils" in sys.modules:
            return
        real = re.compile

        def compile(pattern, flags=0):  # noqa: A001 - stands in for re.compile during the import
            if isinstance(pattern, str) and _SLOW_CLASS in pattern and flags & re.IGNORECASE:
                return CompiledOnFirstUse(pattern, flags)
            return real(pattern, flags)

        re.compile = compile
        try:
            import sqlite_utils  # noqa: F401
        finally:
            re.compile = real
