"""Where the data lives: --db beats $CTOTUI_DB beats the platform's user data dir.

``--db ''`` is refused: a script's ``--db "$JOURNAL"`` with the variable unset must not
write into the default journal. An empty ``CTOTUI_DB=`` counts as unset, as the shell's
``${VAR:-default}`` does (exporting ``CTOTUI_DB=`` is how a shell clears it for one command).
A value ending in ``/`` names a folder: refused too, not taken as a file of that name."""

from __future__ import annotations

import os
from pathlib import Path

from ctotui.core.errors import CtoError
from ctotui.core.text import escaped_controls
from ctotui.core.userpath import user_path

ENV_VAR = "CTOTUI_DB"


def default_db_path() -> Path:
    """``$CTOTUI_DB`` if set, else platformdirs' user data dir for ctotui / ctotui.db."""
    env = os.environ.get(ENV_VAR)
    if env:
        return file_path(env, f"${ENV_VAR}")
    from platformdirs import user_data_path

    return user_data_path("ctotui", appauthor=False) / "ctotui.db"


def resolve_db_path(cli_value: str | os.PathLike[str] | None) -> Path:
    """``--db``'s value (None: not given) as a path, else the default; an empty one is a CtoError."""
    if cli_value is None:
        return default_db_path()
    if not os.fspath(cli_value):
        raise CtoError("--db '': give the database file's name, or leave out --db ($CTOTUI_DB or the default)")
    return file_path(os.fspath(cli_value), "--db")


def file_path(value: str, given_as: str) -> Path:
    """``value`` as the database file's path; one that ends in a folder separator (``notes/``)
    names a folder, and ``Path`` would drop the separator and make a file of that name: refused."""
    if os.path.basename(value) in ("", ".", ".."):
        example = os.path.join(value.rstrip("/" + os.sep) or value, "ctotui.db")
        raise CtoError(f"{given_as} {value}: names a folder; give the database file's name (say {example})")
    return user_path(value)


def typed_path(path: Path) -> str:
    """The path as a person would type it: absolute, with the home folder as ~ (a field's text)."""
    path = Path(os.path.abspath(path))
    try:
        return "~/" + str(path.relative_to(Path.home()))
    except ValueError:
        return str(path)


def display_path(path: Path) -> str:
    """The path as a message or a notice shows it: ``typed_path`` with each control character
    written as its escape (``/tmp/a\\x1b[31m.db``): a folder's name never drives the terminal."""
    return escaped_controls(typed_path(path))
