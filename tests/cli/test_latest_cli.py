"""What was set last in time is what the CLI shows, after an import or a sync that wrote older rows
after it (with higher ids): an import never overwrites, and two synced databases read the same."""

from __future__ import annotations

from pathlib import Path

LATER = {"CTOTUI_NOW": "2026-03-21T10:00:00+00:00"}  # after the demo export (made at DEMO_NOW, 2026-03-15)


def test_an_older_import_does_not_replace_the_profile_or_a_step_set_here_since(run_cli, demo_db, tmp_path) -> None:
    exported, mine = tmp_path / "demo.json", tmp_path / "m.db"
    run_cli("--db", str(demo_db), "export", "-o", str(exported), check_rc=0)
    run_cli("--db", str(mine), "profile", "--name", "Sam Local", env=LATER, check_rc=0)
    run_cli("--db", str(mine), "step", "tick", "lead-onboarding", env=LATER, check_rc=0)
    run_cli("--db", str(mine), "step", "untick", "lead-onboarding", env=LATER, check_rc=0)
    run_cli("--db", str(mine), "import", str(exported), env=LATER, check_rc=0, process=True)
    shown = run_cli("--db", str(mine), "profile", env=LATER, check_rc=0).stdout
    assert "name          Sam Local" in shown and "Alex Rivera" not in shown
    steps = run_cli("--db", str(mine), "steps", "leadership", env=LATER, check_rc=0).stdout
    (line,) = [s for s in steps.splitlines() if "lead-onboarding" in s]
    assert line.lstrip().startswith("[ ] lead-onboarding"), line


def test_a_database_synced_from_another_reads_the_same_timeline_and_steps(run_cli, demo_db, tmp_path: Path) -> None:
    folder, other = tmp_path / "shared", tmp_path / "b.db"
    folder.mkdir()
    run_cli("--db", str(demo_db), "sync", str(folder), check_rc=0)
    run_cli("--db", str(other), "sync", str(folder), check_rc=0)
    for command in (["timeline"], ["steps"], ["profile"], ["checks"]):
        here = run_cli("--db", str(demo_db), *command, check_rc=0).stdout
        assert run_cli("--db", str(other), *command, check_rc=0).stdout == here, command
