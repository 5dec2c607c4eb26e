"""A command that starts a new journal says where, once, on stderr: `add` at a mistyped --db (a folder
name spelt wrong) made the folders and the file and printed the id alone, and the entry was then
missing from the journal the user reads."""

from __future__ import annotations

from pathlib import Path

from ctotui.core.db import open_db
from ctotui.core.journal.entries import page_achievements

STARTED = "ctotui: started a new journal at {}\n"


def titles(path: Path) -> list[str]:
    db = open_db(path)
    try:
        return [a.title for a in page_achievements(db, limit=10).items]
    finally:
        db.close()


def test_an_add_at_a_mistyped_folder_says_it_started_a_journal_there(run_cli, tmp_path: Path):
    typo = tmp_path / "Drobpox" / "ctotui.db"
    proc = run_cli("--db", str(typo), "add", "Cut deploys to 7 min", check_rc=0, process=True)
    assert proc.stdout == "1\n"  # what a script reads stays the id alone
    assert proc.stderr == STARTED.format(typo)
    assert titles(typo) == ["Cut deploys to 7 min"]
    again = run_cli("--db", str(typo), "add", "Second", check_rc=0)
    assert (again.stdout, again.stderr) == ("2\n", "")  # said once


def test_an_empty_file_is_a_new_journal_too(run_cli, tmp_path: Path):
    empty = tmp_path / "empty.db"
    empty.touch()
    proc = run_cli("--db", str(empty), "add", "First", check_rc=0)
    assert proc.stderr == STARTED.format(empty)


def test_a_first_command_that_fails_says_in_its_one_line_that_the_journal_is_there_now(run_cli, tmp_path: Path):
    """The file was made before the title was found empty: the one line says so (a mistyped --db is
    seen even when its first command fails), and the next command, finding the file, does not."""
    new = tmp_path / "Drobpox" / "new.db"
    proc = run_cli("--db", str(new), "add", "", check_rc=2, process=True)
    assert proc.stderr == (
        f"ctotui: the title is empty; say what you achieved in a few words (a new, empty journal was started at {new})\n"
    )
    again = run_cli("--db", str(new), "add", "Fixed", check_rc=0)
    assert (again.stdout, again.stderr) == ("1\n", "")


def test_a_second_command_for_an_id_on_an_empty_journal_says_it_is_empty(run_cli, tmp_path: Path):
    """The first failing command said the journal was new; the second said only "no achievement with
    id 1", as if the entry had gone. It says the journal is empty, and on one that is not, the highest id."""
    new = tmp_path / "new.db"
    run_cli("--db", str(new), "edit", "1", "--title", "x", check_rc=2)
    assert run_cli("--db", str(new), "delete", "1", check_rc=2).stderr == (
        "ctotui: no achievement with id 1 (the journal is empty)\n"
    )
    run_cli("--db", str(new), "add", "Fixed the pager", check_rc=0)
    assert "(the highest id is 1)" in run_cli("--db", str(new), "show", "5", check_rc=2).stderr


def test_a_reader_that_starts_the_journal_at_the_default_path_says_where(run_cli):
    """At the default path a new user's `skills` starts the journal (README, "Where the data lives")."""
    proc = run_cli("skills", env={"CTOTUI_DB": ""}, check_rc=0)
    assert proc.stderr == STARTED.format("~/.local/share/ctotui/ctotui.db")
    assert run_cli("skills", env={"CTOTUI_DB": ""}, check_rc=0).stderr == ""


def test_a_reader_at_a_given_path_with_nothing_there_still_creates_nothing(run_cli, tmp_path: Path):
    missing = tmp_path / "missing.db"
    proc = run_cli("--db", str(missing), "skills", check_rc=2)
    assert "started" not in proc.stderr and proc.stderr.count("\n") == 1
    assert not missing.exists()


def test_writing_to_a_journal_that_exists_says_nothing_more(run_cli, db):
    proc = run_cli("add", "Another win", check_rc=0)
    assert proc.stderr == ""


def test_an_import_into_a_new_file_says_it_started_a_journal_and_a_dry_run_does_not(run_cli, db, tmp_path: Path):
    run_cli("add", "Won the Globex deal", check_rc=0)
    export = tmp_path / "export.json"
    export.write_text(run_cli("export", check_rc=0).stdout)
    new = tmp_path / "elsewhere" / "new.db"
    rehearsal = run_cli("--db", str(new), "import", str(export), "--dry-run", check_rc=0)
    assert "started" not in rehearsal.stderr and not new.exists()
    proc = run_cli("--db", str(new), "import", str(export), check_rc=0)
    assert proc.stderr == STARTED.format(new)
    assert titles(new) == ["Won the Globex deal"]


def test_a_path_with_control_characters_is_shown_with_them_written_out(run_cli, tmp_path: Path):
    """The path is printed as it is (it names the file), never as commands to the terminal."""
    hostile = tmp_path / "a\x1b[31mred\u202e.db"
    proc = run_cli("--db", str(hostile), "add", "First", check_rc=0, process=True)
    assert proc.stderr == STARTED.format(str(tmp_path / "a\\x1b[31mred\\u202e.db"))
    missing = run_cli("--db", str(tmp_path / "b\x1b]0;title\x07.db"), "list", check_rc=2)
    assert "b\\x1b]0;title\\x07.db: no database there" in missing.stderr
    assert "\x1b" not in proc.stderr + missing.stderr and "\u202e" not in proc.stderr
