"""A wheel built from this checkout carries everything the app needs (.tcss, the playbook)
and runs from another folder. Installed with --target so no network is needed."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

RUN_APP = """
import sys, ctotui
assert ctotui.__file__.startswith(sys.argv[1]), ctotui.__file__
from ctotui.core import playbook
assert len(playbook.load().interview) == 3
from ctotui.ui.app import CtoApp

class Once(CtoApp):
    async def on_ready(self):
        await self.switch_mode("playbook")  # a screen with its own .tcss
        self.call_after_refresh(self.exit)

Once(db_path=sys.argv[2]).run(headless=True, size=(100, 30))
print("APP OK")
"""


@pytest.mark.slow
def test_wheel_has_content_and_runs_from_elsewhere(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(dist), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (wheel,) = dist.glob("ctotui-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "ctotui/content/playbook.toml" in names
    assert "ctotui/content/interview.toml" in names
    assert "ctotui/content/parsed.json" in names  # the two files' data, read in their place (core/playbook.py)
    assert "ctotui/ui/app.tcss" in names
    assert {n for n in names if n.endswith(".tcss")} >= {"ctotui/ui/app.tcss", "ctotui/ui/journal/journal.tcss"}
    assert not any(n.startswith(("tests/", "bench/")) for n in names)

    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
        check=True,
        capture_output=True,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(target)}
    version = subprocess.run(
        [sys.executable, "-m", "ctotui", "--version"], cwd=elsewhere, env=env, capture_output=True, text=True
    )
    assert version.returncode == 0 and version.stdout.startswith("ctotui ")
    app = subprocess.run(
        [sys.executable, "-c", RUN_APP, str(target), str(tmp_path / "w.db")],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert app.returncode == 0 and "APP OK" in app.stdout, app.stderr
