"""Crashes and concurrency: two adders and the app on one database, one adder
killed with SIGKILL part-way; and two apps writing at once.

Every id an adder printed is in the database afterwards, `ctotui check` says
all is well, and nobody ever sees "database is locked". An adder is one
process calling the CLI's main() in a loop (each call opens and closes the
database like a real `ctotui add`): a thousand separate processes would be
too slow on two cores. The waits are on output, never on the clock.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from ctotui.core.db import open_db

pytestmark = pytest.mark.slow

TESTS = Path(__file__).resolve().parents[1]
ADDER = """
import sys
from ctotui.cli import main
db, tag, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
for i in range(count):
    code = main(["--db", db, "add", f"{tag} entry {i}", "--tag", tag, "--body", "from the adder"])
    if code:
        sys.exit(code)
"""
# 200 adds each (500 until the suite had to fit in 90 s): the killed adder dies after 50, with the
# survivor and the app still writing; three processes busy all along, so each add costs the suite.
ADDS = 200
KILL_AFTER = 50
# The two apps change the profile (a read, then a write, in one transaction) at the same moment in
# every round. Without begin immediate in atomic(), 20 runs here met "database is locked" in round 1
# to 3, and 20 more with two other processes keeping both cores busy in round 1 to 6. Left to drift
# apart (no step), 150 rounds each met it in round 4 to 120 (18 runs), the bulk of this test's time.
STEP_ROUNDS = 20


def _spawn(*args: str, stdin: int | None = None) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(TESTS), "PYTHONUNBUFFERED": "1"}
    return subprocess.Popen(
        [sys.executable, *args],
        stdin=stdin,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=TESTS,
    )


def _app(db: Path, tag: str, *options: str) -> subprocess.Popen:
    app = _spawn(str(TESTS / "transfer_tui_driver.py"), str(db), tag, *options)
    assert app.stdout.readline().strip() == "ready", app.stderr.read()
    return app


def _finish(proc: subprocess.Popen) -> tuple[str, str]:
    out, err = proc.communicate(timeout=240)
    assert proc.returncode == 0, err
    assert "locked" not in out + err and "Traceback" not in err, err
    return out, err


def _stop(procs: list[subprocess.Popen]) -> None:
    for proc in procs:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def _ids(db: Path) -> set[int]:
    conn = open_db(db)
    try:
        return {i for (i,) in conn.execute("select id from achievements")}
    finally:
        conn.close()


@pytest.fixture
def database(db_path: Path) -> Path:
    open_db(db_path).close()  # created and migrated before anyone races to do it
    return db_path


def test_an_adder_killed_part_way_loses_nothing_it_reported(database, tmp_path, run_cli) -> None:
    stop = tmp_path / "stop"
    procs: list[subprocess.Popen] = []
    try:
        app = _app(database, "app", "--until", str(stop))
        procs.append(app)
        killed = _spawn("-c", ADDER, str(database), "killed", str(ADDS))
        survivor = _spawn("-c", ADDER, str(database), "survivor", str(ADDS))
        procs += [killed, survivor]

        reported = []
        for line in killed.stdout:  # wait on its output, not on the clock
            reported.append(int(line))
            if len(reported) == KILL_AFTER:
                killed.send_signal(signal.SIGKILL)
                break
        reported += [int(x) for x in killed.stdout.read().split()]  # printed before it died
        assert killed.wait(timeout=60) == -signal.SIGKILL
        assert KILL_AFTER <= len(reported) < ADDS

        out, _err = survivor.communicate(timeout=240)
        assert survivor.returncode == 0 and "locked" not in _err, _err
        survived = [int(x) for x in out.split()]
        assert len(survived) == ADDS

        stop.touch()
        app_out, _ = _finish(app)
        rounds = int(app_out.split("rounds ")[1].split()[0])
        assert rounds > 0
    finally:
        _stop(procs)

    present = _ids(database)
    assert set(reported) <= present and set(survived) <= present
    assert len(set(reported) | set(survived)) == len(reported) + len(survived)  # no id handed out twice
    check = run_cli("--db", str(database), "check", check_rc=0)
    assert "all is well" in check.stdout


def test_two_apps_writing_at_once_never_see_database_is_locked(database, run_cli) -> None:
    rounds = str(STEP_ROUNDS)
    driver = str(TESTS / "transfer_tui_driver.py")
    procs = [
        _spawn(driver, str(database), tag, "--rounds", rounds, "--in-step", stdin=subprocess.PIPE)
        for tag in ("left", "right")
    ]
    try:
        for proc in procs:
            assert proc.stdout.readline().strip() == "ready", proc.stderr.read()
        for step in range(1, STEP_ROUNDS + 1):
            for proc in procs:  # both at the profile change of this round, then both let go at once
                line = proc.stdout.readline().strip()
                assert line == f"at {step}", f"round {step}: {line!r}\n{proc.stderr.read()}"
            for proc in procs:
                proc.stdin.write("go\n")
                proc.stdin.flush()
        for proc in procs:
            out, _err = _finish(proc)
            assert f"rounds {rounds}" in out and "notification: error" not in out
    finally:
        _stop(procs)
    conn = open_db(database)
    counts = dict(conn.execute("select tag, count(*) from achievement_tags group by tag").fetchall())
    conn.close()
    assert counts == {"left": STEP_ROUNDS, "right": STEP_ROUNDS}
    assert run_cli("--db", str(database), "check", check_rc=0)
