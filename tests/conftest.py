"""Shared fixtures. Every test gets its own database and home: no test ever
touches the real user data folder."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile(
    "ctotui",
    max_examples=int(os.environ.get("HYPOTHESIS_MAX_EXAMPLES", "60")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
settings.load_profile("ctotui")

CTOTUI = Path(sys.executable).with_name("ctotui")


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """CTOTUI_DB points into tmp_path; HOME and XDG dirs too, in case anything looks."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    db_file = tmp_path / "data" / "ctotui.db"
    monkeypatch.setenv("CTOTUI_DB", str(db_file))
    monkeypatch.delenv("CTOTUI_NOW", raising=False)
    return db_file


@pytest.fixture
def db_path(isolated_home: Path) -> Path:
    return isolated_home


@pytest.fixture
def db(db_path: Path):
    from ctotui.core.db import open_db

    database = open_db(db_path)
    yield database
    database.close()


@pytest.fixture
def run_cli():
    """Run the installed console script as a user would; returns CompletedProcess."""

    def run(*args: str, input: str | None = None, env: dict[str, str] | None = None, check_rc: int | None = None):
        proc = subprocess.run(
            [str(CTOTUI), *args],
            input=input,
            capture_output=True,
            text=True,
            env={**os.environ, **(env or {})},
            timeout=60,
        )
        if check_rc is not None:
            assert proc.returncode == check_rc, (proc.returncode, proc.stdout, proc.stderr)
        return proc

    return run
