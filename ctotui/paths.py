"""Where the data lives: --db beats $CTOTUI_DB beats the platform's user data dir."""

from __future__ import annotations

import os
from pathlib import Path

ENV_VAR = "CTOTUI_DB"


def default_db_path() -> Path:
    """``$CTOTUI_DB`` if set, else platformdirs' user data dir for ctotui / ctotui.db."""
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_path

    return user_data_path("ctotui", appauthor=False) / "ctotui.db"


def resolve_db_path(cli_value: str | os.PathLike[str] | None) -> Path:
    if cli_value:
        return Path(cli_value).expanduser()
    return default_db_path()


def display_path(path: Path) -> str:
    """The path as a person would type it: absolute, with the home folder as ~."""
    path = Path(os.path.abspath(path))
    try:
        return "~/" + str(path.relative_to(Path.home()))
    except ValueError:
        return str(path)
