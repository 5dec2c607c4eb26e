"""`ctotui add` with no title (or -e) and `ctotui edit ID -e` open $VISUAL / $EDITOR on a template;
a fake editor (a script given as $EDITOR) writes what a person would."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from ctotui.core.journal.entry_template import HELP

NOW = {"CTOTUI_NOW": "2026-06-15T10:00:00+00:00"}
FAKE = f"""#!{sys.executable}
import os, sys
path = sys.argv[-1]
first = not os.path.exists(os.environ["FAKE_LOG"])
with open(os.environ["FAKE_LOG"], "a") as log:
    log.write(open(path, "rb").read().decode("utf-8", "backslashreplace") + "\\n=====\\n")
if "FAKE_HEX" in os.environ and (first or "FAKE_TEXT" not in os.environ):  # bytes (FAKE_TEXT after the first run)
    open(path, "wb").write(bytes.fromhex(os.environ["FAKE_HEX"]))
elif "FAKE_TEXT" in os.environ:
    open(path, "w").write(os.environ["FAKE_TEXT"])
if "FAKE_SUFFIX" in os.environ:  # a person who changes the title's end and nothing else
    first, _, rest = open(path).read().partition("\\n")
    open(path, "w").write(first + os.environ["FAKE_SUFFIX"] + "\\n" + rest)
sys.exit(int(os.environ.get("FAKE_EXIT", "0")))
"""


@pytest.fixture
def editor(tmp_path: Path):
    script = tmp_path / "fake-editor"
    script.write_text(FAKE)
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    log = tmp_path / "editor.log"

    def env(text: str | None = None, **more: str) -> dict[str, str]:
        out = {**NOW, "EDITOR": str(script), "VISUAL": "", "FAKE_LOG": str(log), "TMPDIR": str(tmp_path), **more}
        if text is not None:
            out["FAKE_TEXT"] = text
        return out

    env.log = log  # type: ignore[attr-defined]
    return env


ENTRY = """Cut the deploy time from 45 to 7 min

Rewrote the pipeline; the team ships twice a day now.

category: savings
skills: technical-depth, leadership
tags: ci, deploy
metric:
date: yesterday
links: https://example.com/pr/1
"""


def test_add_without_a_title_writes_the_entry_in_the_editor(run_cli, editor):
    out = run_cli("add", "-e", env=editor(ENTRY), check_rc=0)  # -e: stdin is not a terminal here
    assert out.stdout.strip() == "1"
    shown = json.loads(run_cli("show", "1", "--json", env=NOW, check_rc=0).stdout)
    assert shown["title"] == "Cut the deploy time from 45 to 7 min"
    assert shown["body"] == "Rewrote the pipeline; the team ships twice a day now."
    assert (shown["category"], shown["skills"], shown["tags"]) == (
        "savings",
        ["technical-depth", "leadership"],
        ["ci", "deploy"],
    )
    assert shown["occurred_on"] == "2026-06-14" and shown["links"] == ["https://example.com/pr/1"]
    assert shown["metric_after"] == 7 and shown["metric_origin"] == "parsed"  # read from the words
    template = editor.log.read_text()
    assert "# Write the achievement above" in template and "category: \n" in template


def test_options_start_the_template_and_dash_e_with_a_title(run_cli, editor):
    run_cli("add", "-e", "Shipped the search", "--category", "customers", env=editor(None), check_rc=0)
    template = editor.log.read_text()
    assert template.startswith("Shipped the search\n") and "category: customers" in template
    assert json.loads(run_cli("show", "1", "--json", env=NOW).stdout)["category"] == "customers"


@pytest.mark.parametrize("text", ["", "\n\n" + HELP], ids=["empty", "the help alone"])
def test_an_empty_file_or_the_unchanged_template_cancels(run_cli, editor, db_path, text):
    out = run_cli("add", "-e", env=editor(text), check_rc=0)
    assert "nothing added" in out.stderr and out.stdout == ""
    out = run_cli("add", "-e", env=editor(None), check_rc=0)  # the template saved as it was
    assert "nothing added" in out.stderr
    assert json.loads(run_cli("list", "--json", env=NOW).stdout) == []


def test_a_bad_field_without_a_terminal_exits_2_and_keeps_the_text(run_cli, editor, tmp_path, db):
    out = run_cli("add", "-e", env=editor("Shipped it\ncategory: nope\n"))
    assert out.returncode == 2 and len(out.stderr.strip().splitlines()) == 1
    assert "unknown category 'nope'" in out.stderr and "your text is kept in" in out.stderr
    kept = Path(out.stderr.rsplit("kept in ", 1)[1].strip())
    assert kept.read_text() == "Shipped it\ncategory: nope\n" and kept.parent == tmp_path
    assert json.loads(run_cli("list", "--json", env=NOW).stdout) == []


def test_a_failing_editor_and_no_editor_at_all(run_cli, editor):
    out = run_cli("add", "-e", env=editor("Shipped it\n", FAKE_EXIT="3"))
    assert out.returncode == 2 and "exited with 3" in out.stderr and "kept in" in out.stderr
    out = run_cli("add", "-e", env={**NOW, "EDITOR": "", "VISUAL": ""})
    assert out.returncode == 2 and "$VISUAL or $EDITOR" in out.stderr and "ctotui add -" in out.stderr
    assert len(out.stderr.strip().splitlines()) == 1


def test_edit_dash_e_opens_the_entry_and_saves_every_field(run_cli, editor):
    run_cli(
        "add", "Cut costs", "--category", "savings", "--tag", "cloud", "--metric", "$1000/month", env=NOW, check_rc=0
    )
    run_cli("edit", "1", "-e", env=editor(None), check_rc=0)  # unchanged: nothing changes
    template = editor.log.read_text()
    assert template.startswith("Cut costs\n") and "tags: cloud" in template and "metric: $1,000/mo" in template
    run_cli(
        "edit",
        "1",
        "-e",
        env=editor("Cut the cloud bill\n\nA body now.\n\ncategory: scale\nmetric: $1500/month\n"),
        check_rc=0,
    )
    shown = json.loads(run_cli("show", "1", "--json", env=NOW).stdout)
    assert (shown["title"], shown["body"], shown["category"], shown["tags"]) == (
        "Cut the cloud bill",
        "A body now.",
        "scale",
        [],
    )
    assert shown["metric_after"] == 1500 and shown["metric_origin"] == "user"


def test_edit_dash_e_keeps_the_bodys_markdown_headings(run_cli, editor):
    """Every line starting with # was dropped as a comment: a body's headings were lost though only
    the title was touched (the app's ctrl+e kept them)."""
    body = "# Timeline\n09:00 paged\n\n## Impact\n3 customers"
    run_cli("add", "Postmortem", "--body", body, env=NOW, check_rc=0)
    run_cli("edit", "1", "-e", env=editor(FAKE_SUFFIX=" (v2)"), check_rc=0)
    shown = json.loads(run_cli("show", "1", "--json", env=NOW, check_rc=0).stdout)
    assert (shown["title"], shown["body"]) == ("Postmortem (v2)", body)


LATIN_1 = "Caf\u00e9 latency cut from 40 to 20 ms\nbody \u00ff\u00fe here\n".encode("latin-1")


def test_text_saved_as_latin_1_without_a_terminal_exits_2_and_keeps_the_bytes(run_cli, editor, tmp_path, db):
    """An editor saving Latin-1 had its bytes read as U+FFFD and the entry saved so, exit 0."""
    out = run_cli("add", "-e", env=editor(FAKE_HEX=LATIN_1.hex()))
    assert out.returncode == 2 and len(out.stderr.strip().splitlines()) == 1
    assert "not valid UTF-8 (byte 0xe9 on line 1)" in out.stderr and "your text is kept in" in out.stderr
    kept = Path(out.stderr.rsplit("kept in ", 1)[1].strip())
    assert kept.read_bytes() == LATIN_1 and kept.parent == tmp_path
    assert json.loads(run_cli("list", "--json", env=NOW).stdout) == []


def test_text_saved_as_latin_1_at_a_terminal_reopens_the_editor_with_the_error_on_top(editor, db_path):
    """At a terminal the editor opens again on the bytes as saved, the error on top; saved as
    UTF-8 the second time, the entry is added as written."""
    pty = pytest.importorskip("pty")
    master, slave = pty.openpty()
    try:
        env = {**os.environ, **editor("Caf\u00e9 latency cut from 40 to 20 ms\n", FAKE_HEX=LATIN_1.hex())}
        done = subprocess.run(
            [sys.executable, "-m", "ctotui", "add"],
            stdin=slave,
            stdout=slave,
            stderr=subprocess.PIPE,
            env=env,
            timeout=120,
            check=False,
        )
    finally:
        os.close(slave)
        os.close(master)
    assert done.returncode == 0, done.stderr
    first, second = editor.log.read_text().split("\n=====\n")[:2]
    assert "# Write the achievement above" in first
    assert second.startswith("# ERROR: the editor saved text that is not valid UTF-8 (byte 0xe9 on line 1)")
    assert "\nCaf\\xe9 latency cut from 40 to 20 ms\nbody \\xff\\xfe here\n" in second  # the bytes as saved
    (entry,) = json.loads(
        subprocess.run(
            [sys.executable, "-m", "ctotui", "list", "--json"], capture_output=True, env=env, check=True
        ).stdout
    )
    assert entry["title"] == "Caf\u00e9 latency cut from 40 to 20 ms"


def test_add_without_a_title_reads_a_piped_stdin_and_never_starts_the_editor(run_cli, editor):
    """`echo ... | ctotui add` started $EDITOR on a terminal that was not there (vim complained,
    exit 1, the text left in /tmp); as jrnl does, the piped text is the entry, as with `add -`."""
    out = run_cli("add", input="Piped title 3 teams\nand a body\n", env=editor("never"), check_rc=0)
    assert out.stdout.strip() == "1" and not editor.log.exists()
    shown = json.loads(run_cli("show", "1", "--json", env=NOW, check_rc=0).stdout)
    assert (shown["title"], shown["body"], shown["metric_after"]) == ("Piped title 3 teams", "and a body", 3)
    out = run_cli("add", "--body", "x", input="Another\n", env=editor("never"))
    assert out.returncode == 2 and "not both" in out.stderr  # as `add -` says


def test_edit_with_nothing_to_change_names_dash_e(run_cli):
    run_cli("add", "Cut costs", env=NOW, check_rc=0)
    out = run_cli("edit", "1", env=NOW)
    assert out.returncode == 2 and "nothing to change" in out.stderr and "-e to edit the whole entry" in out.stderr


def test_edit_dash_e_keeps_no_number_said_on_purpose_and_none_says_it(run_cli, editor):
    """`add "Cut build from 10 to 4 min" --no-metric`, then `edit 1 -e` with a body added: the
    template's metric line was empty (read from the words), and the edit read 10→4 min, the
    "no number" thrown away. The template says "none" for it, and "none" written says it too."""
    run_cli("add", "Cut build from 10 to 4 min", "--no-metric", env=NOW, check_rc=0)
    run_cli("edit", "1", "-e", env=editor(None, FAKE_SUFFIX=" for payments"), check_rc=0)
    assert "metric: none" in editor.log.read_text()
    shown = json.loads(run_cli("show", "1", "--json", env=NOW).stdout)
    assert (shown["title"], shown["metric_badge"]) == ("Cut build from 10 to 4 min for payments", None)
    run_cli("edit", "1", "Cut build from 10 to 3 min", env=NOW, check_rc=0)  # still the user's "none"
    assert json.loads(run_cli("show", "1", "--json", env=NOW).stdout)["metric_badge"] is None
    run_cli("add", "Cut deploys from 45 to 7 min", env=NOW, check_rc=0)
    run_cli("edit", "2", "-e", env=editor("Cut deploys from 45 to 7 min\n\nmetric: none\n"), check_rc=0)
    assert json.loads(run_cli("show", "2", "--json", env=NOW).stdout)["metric_badge"] is None


def test_edit_dash_e_with_other_options_is_refused_not_dropped(run_cli, editor):
    """`edit 2 -e --tag foo --category scale --date ... --no-metric` saved the file's fields and
    dropped the options without a word."""
    run_cli("add", "Cut costs", env=NOW, check_rc=0)
    refused = run_cli("edit", "1", "-e", "--tag", "foo", "--no-metric", env=editor(None), check_rc=2)
    assert refused.stderr == (
        "ctotui: -e edits the whole entry in the editor: write --tag, --no-metric in the file, or edit without -e\n"
    )
    assert not editor.log.exists()  # refused before the editor opened
