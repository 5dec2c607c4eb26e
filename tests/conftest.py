"""Shared fixtures. Every test gets its own database and home: no test ever
touches the real user data folder."""

from __future__ import annotations

import gc
import os
import shutil
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from process_tools import run_process

from ctotui import cli, collector
from ctotui.core.db import open_db
from ctotui.core.demo import build as demo

settings.register_profile(
    "ctotui",
    max_examples=int(os.environ.get("HYPOTHESIS_MAX_EXAMPLES", "60")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
settings.load_profile("ctotui")

# Where PYTHONDONTWRITEBYTECODE is set (as on the machine this suite is run on), every process of a
# run (the two xdist workers, each CLI run as a process) would compile the package and the tests and
# rewrite the tests' asserts from source again: ~7 s of CPU a worker before its first test. Their
# bytecode goes to pytest's own cache folder instead (.pytest_cache/, git-ignored; nothing is written
# next to the sources), set here, before xdist starts its workers, so that they and every process
# the tests start find it from their first import, and the next run reuses it.
if os.environ.get("PYTHONDONTWRITEBYTECODE"):
    os.environ.pop("PYTHONDONTWRITEBYTECODE")
    os.environ["PYTHONPYCACHEPREFIX"] = str(Path(__file__).resolve().parent.parent / ".pytest_cache" / "pycache")

DEMO_NOW = "2026-03-15T10:00:00+00:00"  # the clock the demo data is built for (and the tests that use it run at)


# The cyclic collector in a test process: its first threshold at 4,000 new objects, not Python's
# 700. Each app a test starts freezes what it built and gives it all back at its exit
# (ui/restyle.py, freeze_start_up), and a test process's heap (Textual, Rich, hypothesis, the
# tests) is large: in tests/app alone, 143 full collections took 28 s of 137 s of CPU. At 4,000
# they are 7 (2.5 s): the whole suite 147 -> 129 s on 2 cores, 263 -> 234 s of CPU, for a
# larger worker (410 -> 700 MB at most; at 10,000 an app-tests process reached 1.7 GB).
# The test processes only: the app and the CLI keep Python's defaults (docs/performance.md).
gc.set_threshold(4000, 10, 10)


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """``-n auto``: three workers for two cores (at least two). A Pilot test spends part of its
    time waiting (a read in its thread, a timer, the screen drawn, a lock's timeout), which one
    more worker fills. Two a core was the best when the suite was smaller (162-163 s with four
    workers against 185-187 s with two on 2 cores; docs/performance.md, "Four workers"). At
    2,829 tests, on 2 cores: two workers 292 s, three 271.5 and 271.9 s (481 s of CPU), four
    283-294 s (516 s of CPU: each worker's imports and collections paid once more)."""
    return max(2, 3 * (os.cpu_count() or 1) // 2)


@pytest.fixture(autouse=True)
def collector_given_back():
    """Every app a test makes gives the cyclic collector back (ctotui/collector.py pauses it from
    the app's making to the end of its start-up): an app made and never run would leave it off
    for the rest of the worker's tests."""
    yield
    if collector.paused():
        collector.resume()
        pytest.fail("an app paused the cyclic collector and never resumed it (made, never run?)")


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
def db(db_path: Path, empty_template: Path):
    """This test's database, open: a copy of the empty one made once per test process (``open_db``
    finds it at this schema and migrates nothing: ~2 ms, where a new file costs ~25 ms)."""
    db_path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(empty_template, db_path)
    database = open_db(db_path)
    yield database
    database.close()


@pytest.fixture
def run_cli(capsys: pytest.CaptureFixture[str]):
    """Run a command and return a CompletedProcess (returncode, stdout, stderr).

    The command runs in this test's process (``ctotui.cli.main(args)``, its output read with capsys,
    ``env`` set for the run only): ~0.01 s of CPU a run where a new interpreter with its imports costs
    ~0.25 s, and the CLI tests make hundreds of runs. Where the process boundary is what is tested (the
    exit status the shell sees, the interpreter's last flush, stdin, signals, locks held by another
    process) pass ``process=True``; a run with ``input``, without a command (the app) or with TMPDIR
    in ``env`` always gets its own process. Each command keeps at least one test run as a process (tests/cli/test_general_cli.py
    ``test_every_command_runs_as_a_process``)."""

    def run(
        *args: str,
        input: str | None = None,
        env: dict[str, str] | None = None,
        check_rc: int | None = None,
        process: bool = False,
    ) -> subprocess.CompletedProcess:
        # stdin, the app, and TMPDIR (the standard library reads it once per process) need a process
        if process or input is not None or cli.command_word(args) == "" or "TMPDIR" in (env or {}):
            proc = run_process(*args, input=input, env=env)
        else:
            proc = _run_in_process(list(args), env or {}, capsys)
        if check_rc is not None:
            assert proc.returncode == check_rc, (proc.returncode, proc.stdout, proc.stderr)
        return proc

    return run


def _run_in_process(args: list[str], env: dict[str, str], capsys: pytest.CaptureFixture[str]):
    capsys.readouterr()  # what the test printed before is not this run's output
    with pytest.MonkeyPatch.context() as patch:
        for name, value in env.items():
            patch.setenv(name, value)
        if "TZ" in env:
            time.tzset()
        try:
            code = cli.main(args)
        except SystemExit as exc:  # argparse: --help, --version or a usage mistake
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
    if "TZ" in env:
        time.tzset()
    out, err = capsys.readouterr()
    return subprocess.CompletedProcess(["ctotui", *args], code, out, err)


@pytest.fixture(scope="session")
def empty_template(tmp_path_factory) -> Path:
    """A database at this schema with nothing in it, made once per test process: a test that needs a
    new database for each example copies it (~1 ms) where ``open_db`` on a new file migrates it
    (~25 ms). Copy it, never open the template itself."""
    path = tmp_path_factory.mktemp("empty") / "empty.db"
    open_db(path).close()  # the last connection: the WAL is folded into the file
    return path


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory) -> Callable[..., Path]:
    """``template(achievements=120, seed=7)``: a database filled by ``ctotui demo`` on DEMO_NOW, built
    once per test process for each set of arguments (filling takes ~1 s, a copy ~1 ms). Copy it, never
    open the template itself: ``demo_db`` does that."""
    built: dict[tuple[int, int], Path] = {}

    def template(achievements: int = 120, seed: int = 7) -> Path:
        key = (achievements, seed)
        if key not in built:
            path = tmp_path_factory.mktemp("demo") / f"demo-{achievements}-{seed}.db"
            with pytest.MonkeyPatch.context() as patch:  # the snapshots' clock and zone
                patch.setenv("CTOTUI_NOW", DEMO_NOW)
                patch.setenv("TZ", "UTC")
                time.tzset()
                db = open_db(path)
                demo.fill(db, achievements=achievements, seed=seed)
                db.close()  # the last connection: the WAL is folded into the file
            time.tzset()
            built[key] = path
        return built[key]

    return template


@pytest.fixture
def demo_db(db_path: Path, demo_template, monkeypatch: pytest.MonkeyPatch) -> Path:
    """This test's database: a copy of the demo data (120 achievements), the clock at DEMO_NOW."""
    monkeypatch.setenv("CTOTUI_NOW", DEMO_NOW)
    db_path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(demo_template(), db_path)
    return db_path
