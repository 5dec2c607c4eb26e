"""A person's note and a conversation's notes keep their lines: through export -> import, through
a sync, and as `ctotui person show` prints them (each later line under the first)."""

from __future__ import annotations

import json
from pathlib import Path

NOW = {"CTOTUI_NOW": "2026-03-15T10:00:00+00:00"}
NOTE = "Met at KubeCon.\nPrefers email.\n- likes data"
ASKED, HEARD = "Q1?\nQ2?", "Line A\nLine B"


def _ana(run_cli, db: str) -> None:
    run_cli("--db", db, "person", "add", "--relation", "mentor", "--note", NOTE, "Ana Diaz", check_rc=0, env=NOW)
    run_cli("--db", db, "talk", "Ana", "--asked", ASKED, "--heard", HEARD, check_rc=0, env=NOW)


def _shown(run_cli, db: str) -> tuple[str, str, str]:
    shown = json.loads(run_cli("--db", db, "person", "show", "Ana", "--json", check_rc=0, env=NOW).stdout)
    return shown["note"], shown["history"][0]["asked"], shown["history"][0]["heard"]


def test_export_import_export_keeps_the_lines_of_people_notes_byte_for_byte(run_cli, tmp_path: Path) -> None:
    one, two = str(tmp_path / "v1.db"), str(tmp_path / "v2.db")
    _ana(run_cli, one)
    exported = tmp_path / "v.json"
    run_cli("--db", one, "export", "-o", str(exported), check_rc=0, env=NOW)
    run_cli("--db", two, "import", str(exported), check_rc=0, env=NOW)
    assert _shown(run_cli, two) == (NOTE, ASKED, HEARD)
    again = run_cli("--db", two, "export", check_rc=0, env=NOW).stdout
    assert again.encode() == exported.read_bytes()


def test_a_sync_keeps_the_lines_of_people_notes(run_cli, tmp_path: Path) -> None:
    one, two, folder = str(tmp_path / "a.db"), str(tmp_path / "b.db"), tmp_path / "shared"
    folder.mkdir()
    _ana(run_cli, one)
    run_cli("--db", one, "sync", str(folder), check_rc=0, env=NOW)
    run_cli("--db", two, "sync", str(folder), check_rc=0, env=NOW)
    assert _shown(run_cli, two) == (NOTE, ASKED, HEARD)


def test_person_show_prints_later_lines_under_the_first(run_cli, tmp_path: Path) -> None:
    db = str(tmp_path / "v.db")
    _ana(run_cli, db)
    shown = run_cli("--db", db, "person", "show", "Ana", check_rc=0, env=NOW).stdout.splitlines()
    at = shown.index("       Met at KubeCon.")
    assert shown[at + 1 : at + 3] == ["       Prefers email.", "       - likes data"]
    at = shown.index("  asked:     Q1?")
    assert shown[at + 1 : at + 4] == ["             Q2?", "  heard:     Line A", "             Line B"]


def test_a_title_and_a_name_are_squeezed_on_every_way_in(run_cli, tmp_path: Path) -> None:
    """Runs of spaces in a one-line field are made one and its ends trimmed: typed on the command
    line, read from a hand-edited export, or from a sync log (as the app stores them)."""
    typed, fed, synced, folder = (str(tmp_path / n) for n in ("typed.db", "fed.db", "synced.db", "shared"))
    run_cli("--db", typed, "add", "Cut  costs ", check_rc=0, env=NOW)
    run_cli("--db", typed, "person", "add", "Ana  Diaz", "--relation", "mentor", check_rc=0, env=NOW)
    title = json.loads(run_cli("--db", typed, "show", "1", "--json", check_rc=0, env=NOW).stdout)["title"]
    name = json.loads(run_cli("--db", typed, "person", "show", "1", "--json", check_rc=0, env=NOW).stdout)["name"]
    assert (title, name) == ("Cut costs", "Ana Diaz")

    exported = json.loads(run_cli("--db", typed, "export", check_rc=0, env=NOW).stdout)
    exported["tables"]["achievements"][0]["title"] = "Cut  costs "
    exported["tables"]["people"][0]["name"] = " Ana  Diaz"
    edited = tmp_path / "edited.json"
    edited.write_text(json.dumps(exported))
    run_cli("--db", fed, "import", str(edited), check_rc=0, env=NOW)
    assert json.loads(run_cli("--db", fed, "show", "1", "--json", check_rc=0, env=NOW).stdout)["title"] == title
    assert json.loads(run_cli("--db", fed, "person", "show", "1", "--json", check_rc=0, env=NOW).stdout)["name"] == name

    Path(folder).mkdir()
    run_cli("--db", typed, "sync", folder, check_rc=0, env=NOW)
    (log,) = Path(folder).glob("*.jsonl")
    log.write_text(log.read_text().replace('"Cut costs"', '"Cut  costs "').replace('"Ana Diaz"', '"Ana Diaz "'))
    run_cli("--db", synced, "sync", folder, check_rc=0, env=NOW)
    assert json.loads(run_cli("--db", synced, "show", "1", "--json", check_rc=0, env=NOW).stdout)["title"] == title
    shown = json.loads(run_cli("--db", synced, "person", "show", "1", "--json", check_rc=0, env=NOW).stdout)
    assert shown["name"] == name
