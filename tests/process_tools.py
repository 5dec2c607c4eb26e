"""The installed console script, run in a process of its own as a user would run it.

Here, not in conftest.py: a test that imported ``from conftest import ...`` got whichever conftest
module Python had loaded under that name, and in a run of tests/cli with tests/snapshots that was
tests/snapshots/conftest.py ("cannot import name 'CTOTUI' from 'conftest'": four files not
collected). conftest.py imports these too, for its fixtures.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

CTOTUI = Path(sys.executable).with_name("ctotui")


def run_process(*args: str, input: str | None = None, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Run the installed console script in a process of its own, as a user would."""
    return subprocess.run(
        [str(CTOTUI), *args],
        input=input,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=60,
    )
