"""`ctotui import` merging into a database in use, as a user runs it (each command a process of its own):
an entry kept as it is here keeps its own tags, skills and links; another database's entries made at
the same moment are added, not taken for these; an entry's tags follow its date."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

NOW = {"CTOTUI_NOW": "2026-03-15T10:00:00+00:00"}


def _cli(run_cli, db: Path, *args: str, rc: int = 0):
    return run_cli("--db", str(db), *args, env=NOW, process=True, check_rc=rc)


def test_an_entry_kept_as_it_is_here_keeps_its_own_tags_skills_and_links(run_cli, tmp_path) -> None:
    db, path = tmp_path / "a.db", tmp_path / "a1.json"
    _cli(run_cli, db, "add", "Alpha one", "--tag", "old", "--skill", "leadership", "--link", "https://x.example/old")
    _cli(run_cli, db, "export", "-o", str(path))
    _cli(run_cli, db, "edit", "1", "--title", "Alpha one renamed", "--tag", "new", "--skill", "business")
    _cli(run_cli, db, "edit", "1", "--link", "https://x.example/new")
    before = _cli(run_cli, db, "show", "1").stdout
    out = _cli(run_cli, db, "import", str(path)).stdout
    assert "achievements        0 added, 1 kept as they were here (id 1)" in out
    for table in ("achievement_links", "achievement_skills", "achievement_tags"):
        assert f"{table:<18}  0 added, 1 left out (part of rows kept as they were here)" in out
    assert _cli(run_cli, db, "show", "1").stdout == before
    assert "skills    business" in before and "tags      #new" in before


def test_another_databases_entries_made_at_the_same_moment_are_added_with_their_own_tags(run_cli, tmp_path) -> None:
    mine, theirs, path = tmp_path / "a.db", tmp_path / "b.db", tmp_path / "b.json"
    _cli(run_cli, mine, "add", "Alpha one", "--tag", "x")
    _cli(run_cli, mine, "add", "Alpha two")
    _cli(run_cli, theirs, "add", "Beta one", "--tag", "y")
    _cli(run_cli, theirs, "add", "Beta two", "--tag", "z")
    _cli(run_cli, theirs, "export", "-o", str(path))
    out = _cli(run_cli, mine, "import", str(path)).stdout
    assert "achievements      2 added" in out and "kept" not in out
    listed = [line.split() for line in _cli(run_cli, mine, "list").stdout.splitlines()]
    assert [(row[0], row[2], row[3], row[-1]) for row in listed] == [
        ("4", "Beta", "two", "#z"),
        ("3", "Beta", "one", "#y"),
        ("2", "Alpha", "two", "number?)"),
        ("1", "Alpha", "one", "#x"),
    ]


def test_an_entry_dated_again_in_the_file_is_listed_by_its_tag_on_its_new_date(run_cli, tmp_path) -> None:
    source, target, path = tmp_path / "a.db", tmp_path / "b.db", tmp_path / "edited.json"
    _cli(run_cli, source, "add", "Entry y", "--tag", "y", "--date", "2026-03-01")
    data = json.loads(_cli(run_cli, source, "export").stdout)
    data["tables"]["achievements"][0]["occurred_on"] = "2025-06-01"
    path.write_text(json.dumps(data), encoding="utf-8")
    _cli(run_cli, target, "import", str(path))
    found = _cli(run_cli, target, "list", "--tag", "y", "--since", "2025-05-01", "--until", "2025-07-01").stdout
    assert "2025-06-01  Entry y" in found
    assert _cli(run_cli, target, "list", "--tag", "y", "--since", "2026-01-01", rc=1).stdout.strip() == ""
    assert "copied dates                   ok" in _cli(run_cli, target, "check").stdout

    raw = sqlite3.connect(target, isolation_level=None)
    raw.execute("update achievement_tags set occurred_on = '2026-03-01'")  # written around ctotui
    raw.close()
    out = _cli(run_cli, target, "check", rc=1).stdout
    assert "copied dates                   PROBLEM" in out
    assert (
        "achievement_tags of achievements id 1: occurred_on 2026-03-01 where the achievements row has 2025-06-01" in out
    )
    assert "copied dates" in _cli(run_cli, target, "check", "--repair").stdout
    _cli(run_cli, target, "check")
