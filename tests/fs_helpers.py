"""Helpers for tests on files this user may not write."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest


def without_root_powers(folder: Path) -> list[str]:
    """A command prefix under which this user cannot write into ``folder`` (chmod 555): nothing for
    another user; for root, its power to write anywhere dropped (``setpriv``), else a skip."""
    if os.geteuid() != 0:
        return []
    prefix = ["setpriv", "--bounding-set", "-dac_override,-dac_read_search", "--inh-caps=-all"]
    if shutil.which("setpriv") is None:
        pytest.skip("running as root without setpriv: a folder root may not write cannot be made")
    probe = subprocess.run([*prefix, "touch", str(folder / "probe")], capture_output=True)
    if probe.returncode == 0 or (folder / "probe").exists():
        pytest.skip("setpriv could not take root's power to write anywhere")
    return prefix
