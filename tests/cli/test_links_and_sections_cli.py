"""`--link` on add and edit, `profile --name`, `export --sections`: as a user runs them, errors included."""

from __future__ import annotations

import json

import pytest

from ctotui.core.db import open_db

NOW = {"CTOTUI_NOW": "2026-11-27T12:00:00+00:00", "TZ": "UTC"}
PR = "https://github.com/acme/api/pull/1234?tab=files,commits"  # a comma stays inside the link


def _rows(db_path, sql: str) -> list[tuple]:
    db = open_db(db_path)
    try:
        return db.execute(sql).fetchall()
    finally:
        db.close()


def test_links_on_add_show_edit_and_json(run_cli, db_path):
    new = run_cli("add", "Cut the build from 10 to 4 min", "--link", PR, "--link", "file:///srv/doc.md", env=NOW)
    assert new.returncode == 0 and new.stdout == "1\n"
    shown = json.loads(run_cli("show", "1", "--json", check_rc=0).stdout)
    assert shown["links"] == [PR, "file:///srv/doc.md"]
    assert f"links     {PR}\n          file:///srv/doc.md\n" in run_cli("show", "1", check_rc=0).stdout
    assert json.loads(run_cli("list", "--json", check_rc=0).stdout)[0]["links"] == [PR, "file:///srv/doc.md"]
    run_cli("edit", "1", "--link", "https://dash.example.com/build", check_rc=0)
    assert _rows(db_path, "select position, url from achievement_links") == [(0, "https://dash.example.com/build")]
    run_cli("edit", "1", "--body", "more", check_rc=0)  # other edits keep the links
    assert _rows(db_path, "select url from achievement_links") == [("https://dash.example.com/build",)]
    run_cli("edit", "1", "--link", "", check_rc=0)
    assert _rows(db_path, "select url from achievement_links") == []


@pytest.mark.parametrize(
    ("link", "message"),
    [
        ("github.com/acme/api/pull/1", "is not a web address or a file: start it with https://"),
        ("javascript:alert(1)", "is not a web address or a file"),
        ("https://a.example/one https://b.example/two", "has a space in it; give one web address"),
        ("https://a.example/\x1b[31mred", "has the character '\\x1b' in it"),
        ("https://a.example/" + "x" * 2000, "characters long; keep it to 2000"),
    ],
)
def test_bad_links_are_one_line_exit_2_and_write_nothing(run_cli, db_path, link, message):
    proc = run_cli("add", "Shipped", "--link", link)
    assert proc.returncode == 2 and proc.stdout == ""
    assert message in proc.stderr and proc.stderr.count("\n") == 1 and "\x1b" not in proc.stderr
    assert _rows(db_path, "select count(*) from achievements") == [(0,)]


def test_profile_name_titles_the_brag_document(run_cli):
    run_cli("profile", "--name", "  Sam   Lee ", "--role", "Staff engineer", check_rc=0)
    assert json.loads(run_cli("profile", "--json", check_rc=0).stdout)["name"] == "Sam Lee"
    assert "name          Sam Lee\n" in run_cli("profile", check_rc=0).stdout
    brag = run_cli("export", "--format", "md", check_rc=0).stdout
    assert brag.startswith("# Brag document: Sam Lee · Staff engineer\n")
    proc = run_cli("profile", "--name", "x" * 81)
    assert proc.returncode == 2 and proc.stderr == "ctotui: name must be at most 80 characters (got 81)\n"


def test_sections_choose_what_the_brag_document_holds(run_cli):
    run_cli("demo", "--achievements", "12", env=NOW, check_rc=0)

    def headings(*extra: str) -> list[str]:
        text = run_cli("export", "--format", "md", *extra, env=NOW, check_rc=0).stdout
        return [line for line in text.splitlines() if line.startswith("## ")]

    assert headings() == ["## Summary", "## Strongest numbers", "## Achievements by category"]
    assert headings("--sections", "readiness, achievements") == [
        "## Achievements by category",
        "## Interview readiness",
    ]
    assert headings("--sections", "all") == [
        "## Summary",
        "## Strongest numbers",
        "## Achievements by category",
        "## Achievements by skill",
        "## Skill levels",
        "## Interview readiness",
        "## Weekly reviews",
        "## Progress against the bar",
    ]
    assert (
        "- **2026-W47** (16–22 Nov 2026)"
        in run_cli("export", "--format", "md", "--sections", "reviews", env=NOW, check_rc=0).stdout
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("export", "--format", "md", "--sections", "numbers,gossip"), "unknown section 'gossip' (valid: summary,"),
        (("export", "--format", "md", "--sections", " , "), "choose at least one section"),
        (("export", "--sections", "numbers"), "--sections is for the brag document (--format md)"),
    ],
)
def test_bad_sections_are_one_line_exit_2(run_cli, args, message):
    proc = run_cli(*args)
    assert proc.returncode == 2 and proc.stdout == "" and message in proc.stderr and proc.stderr.count("\n") == 1
