"""`ctotui drill --sheet [--mock N]`, `ctotui drill report` and the self-vs-partner lines of
`ctotui drill --progress`, run as a user runs them.

The report of a mock answered with a frozen clock is compared with tests/data/mock_report_golden.md.
A deliberate change to the report (or to the interview bank it asks from) changes the file:
regenerate it with

    CTOTUI_UPDATE_GOLDEN=1 .venv/bin/pytest -n 0 tests/cli/test_drill_mock_cli.py

then read `git diff tests/data/mock_report_golden.md` before committing it.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from drill_helpers import fresh

from ctotui.core import playbook
from ctotui.core.db import open_db
from ctotui.core.drill import bank as drill
from ctotui.core.drill.mock import finish_mock, plan_for, record_item, start_mock
from ctotui.core.drill.partner import criteria_ids, record_with_partner
from ctotui.core.drill.progress import session_queue
from ctotui.core.drill.realism import follow_ups
from ctotui.core.terms import RUBRIC

GOLDEN = Path(__file__).parent.parent / "data" / "mock_report_golden.md"
NOW = "2026-03-15T10:00:00+00:00"
ENV = {"CTOTUI_NOW": NOW, "TZ": "UTC"}


@pytest.fixture
def database_made(db_path):
    """The database as the app's first start leaves it: a command that only reads creates none."""
    open_db(db_path).close()


@pytest.mark.parametrize("value", ["20", "60", "abc", "30.5", ""])
def test_a_bad_mock_length_is_one_line_and_exit_2(run_cli, value, db_path) -> None:
    for argv in (("drill", "--mock", value), ("drill", "--sheet", "--mock", value)):
        proc = run_cli(*argv, check_rc=2)
        assert proc.stdout == "" and proc.stderr.count("\n") == 1
        assert f"argument --mock: {value!r} is not 30 or 45 (minutes)" in proc.stderr
    assert not db_path.exists()  # refused before anything opened


@pytest.mark.usefixtures("database_made")
def test_no_mock_yet_is_one_line_and_exit_2(run_cli) -> None:
    proc = run_cli("drill", "report", check_rc=2)
    assert proc.stderr == "ctotui: no mock interview yet (`ctotui drill --mock 30` starts one)\n"
    proc = run_cli("drill", "report", "--id", "4", check_rc=2)
    assert proc.stderr == "ctotui: no mock interview 4\n"
    proc = run_cli("drill", "report", "--format", "html", check_rc=2)
    assert "invalid choice: 'html'" in proc.stderr and proc.stderr.count("\n") == 1


@pytest.mark.parametrize(
    ("argv", "line"),
    [
        (["drill", "--id", "3"], "--id goes with `drill report` (a mock interview's report)"),
        (["drill", "--last"], "--last goes with `drill report` (a mock interview's report)"),
        (["drill", "--progress", "--format", "md"], "--format md goes with `drill report` (a mock interview's report)"),
        (["drill", "--json", "--format", "md"], "--json and --format md ask for two formats: use one"),
        (["drill", "report", "--id", "1", "--last"], "--id and --last name two reports: use one"),
    ],
)
def test_a_report_option_without_report_is_refused_not_ignored(run_cli, argv, line, db_path) -> None:
    proc = run_cli(*argv, check_rc=2)
    assert (proc.stdout, proc.stderr) == ("", f"ctotui: {line}\n")
    assert not db_path.exists()  # refused before anything opened


@pytest.mark.parametrize(
    ("argv", "line"),
    [
        (["drill", "--sheet", "--json"], "--json does not go with --sheet (a Markdown score sheet)"),
        (["drill", "--sheet", "--format", "json"], "--json does not go with --sheet (a Markdown score sheet)"),
        (["drill", "--sheet", "--progress"], "--progress does not go with --sheet (a Markdown score sheet)"),
        (["drill", "--mock", "30", "--json"], "--json does not go with --mock (it opens the app)"),
        (["drill", "--seed", "5"], "--seed goes with --sheet (it picks the mock's plan and the briefs)"),
        (
            ["drill", "--mock", "30", "--seed", "5"],
            "--seed goes with --sheet (it picks the mock's plan and the briefs)",
        ),
        (
            ["drill", "--sheet", "--mock", "30", "--size", "3"],
            "--size is a practice session's length: a mock interview's is --mock 30 or 45",
        ),
        (["drill", "report", "--sheet"], "--sheet does not go with `drill report` (a mock interview's report)"),
        (["drill", "report", "--size", "3"], "--size does not go with `drill report` (a mock interview's report)"),
    ],
)
def test_an_option_the_sheet_or_mock_has_no_use_for_is_refused_not_ignored(run_cli, argv, line, db_path) -> None:
    proc = run_cli(*argv, check_rc=2)
    assert (proc.stdout, proc.stderr) == ("", f"ctotui: {line}\n")
    assert not db_path.exists()  # refused before anything opened


@pytest.mark.parametrize("argv", [["--size", "30"], ["--size", "0"], ["--timer", "own-the-stack=5"]])
def test_a_sheets_setting_out_of_range_is_refused_as_without_sheet(run_cli, argv, demo_db) -> None:
    plain = run_cli("drill", *argv, check_rc=2)
    proc = run_cli("drill", "--sheet", *argv, check_rc=2)
    assert (proc.stdout, proc.stderr) == ("", plain.stderr)
    assert proc.stderr.count("\n") == 1


def test_the_sheet_uses_the_size_and_timers_given(run_cli, db_path, db) -> None:
    proc = run_cli(
        "drill", "--sheet", "--size", "3", "--timer", "own-the-stack=90", "--follow-up-seconds", "45", check_rc=0
    )
    sections = _sections(proc.stdout)
    assert len(sections) == 3 == len(fresh(db_path, session_queue))
    stack = [s for s in sections if "Own the whole stack (" in s.splitlines()[0]]
    assert stack and all(s.splitlines()[0].endswith("(1:30 + 0:45 follow-up)") for s in stack)
    assert proc.stderr.startswith("session size 3; timers: own-the-stack 90s")  # saved, as `drill --size` saves
    mock = run_cli("drill", "--sheet", "--mock", "30", "--timer", "own-the-stack=300", check_rc=0).stdout
    assert "Own the whole stack (5:00 + 0:45 follow-up)" in mock
    assert "\n3 questions. For each one" in proc.stdout
    one = run_cli("drill", "--sheet", "--size", "1", check_rc=0).stdout
    assert "\n1 question. For each one" in one  # it said "1 questions."


@pytest.mark.parametrize("extra", [[], ["--progress"]])
def test_format_json_without_report_is_the_json_of_what_drill_shows(run_cli, extra, demo_db) -> None:
    """As for `review`, --format json is --json: the same JSON, never the plain text."""
    as_format = run_cli("drill", *extra, "--format", "json", check_rc=0).stdout
    assert as_format == run_cli("drill", *extra, "--json", check_rc=0).stdout
    json.loads(as_format)


def _sections(sheet: str) -> list[str]:
    return sheet.split("\n## ")[2:]  # after the title and "What the scores mean"


@pytest.mark.usefixtures("database_made")
def test_the_sheet_of_a_mock_has_every_planned_question_its_follow_ups_and_its_criteria(run_cli, db_path) -> None:
    sheet = run_cli("drill", "--sheet", "--mock", "45", "--seed", "3", check_rc=0).stdout
    planned = [fresh(db_path, drill.get_question, p.question_id) for p in fresh(db_path, plan_for, 45, seed=3)]
    assert sheet.startswith("# Score sheet: a 45-minute mock interview\n")
    assert f"\n{len(planned)} questions." in sheet
    pb = playbook.load()
    for rubric in pb.rubric:  # what 0, 1 and 2 mean, once for all
        assert all(f"{i}: {text}" in sheet for i, text in enumerate(rubric.scores))
    sections = _sections(sheet)
    assert len(sections) == len(planned)
    scenario_ids = {s.name for s in pb.scenarios}
    for n, (q, section) in enumerate(zip(planned, sections, strict=True), 1):
        ic = pb.interview_category(q.category)
        assert section.startswith(f"{n}. {ic.name} (")
        assert q.text in section
        for challenge in follow_ups(q.source_id):
            assert f"\n- {challenge}\n" in section
        rows = [line for line in section.splitlines() if line.startswith("| ") and "criterion" not in line][1:]
        own = pb.criteria_for(q.category)
        expected = [c.name for c in pb.rubric] + [c.name for c in own]
        assert [r.split(" | ")[0][2:] for r in rows if "**" not in r] == expected
        # the rubric and the signals totalled apart, as the app says a score (9/12 · signals 10/10):
        # the sheet once asked for one "Total of 22"
        assert rows[len(pb.rubric)] == f"| **Rubric** (the {len(pb.rubric)} above) | of 12 |"
        assert rows[-1] == f"| **Signals** (the {len(own)} above) | of {2 * len(own)} |"
        assert "Total" not in section and "of 22" not in section
        has_brief = "\nBrief, " in section
        entry = next(e for e in ic.questions if e.id == q.source_id)
        assert has_brief == (entry.scenario and bool(scenario_ids))
    for ic in pb.interview:  # every category asked has its criteria explained
        if any(q.category == ic.slug for q in planned):
            assert f"\n### {ic.name}\n" in sheet
            for c in pb.criteria_for(ic.slug):
                assert f"- **{c.name}** 0: missing · 1: partly there · 2: {c.summary}" in sheet


@pytest.mark.usefixtures("database_made")
def test_the_sheet_without_mock_is_the_next_sessions_questions(run_cli, db_path) -> None:
    sheet = run_cli("drill", "--sheet", check_rc=0).stdout
    queue = fresh(db_path, session_queue)
    assert sheet.startswith("# Score sheet: a practice session\n")
    sections = _sections(sheet)
    assert len(sections) == len(queue) == 5
    assert all(q.text in s for q, s in zip(queue, sections, strict=True))


def _answered_mock(db_path: Path, monkeypatch) -> None:
    """A 30-minute mock with a frozen clock: three answers (one scored by a partner too), one skip."""
    monkeypatch.setenv("CTOTUI_NOW", NOW)
    db = open_db(db_path)
    try:
        m = start_mock(db, 30, seed=11)
        for position, value in enumerate((2, 1, 0)):
            q = drill.get_question(db, m.items[position].question_id)
            own = dict.fromkeys(criteria_ids(q.category), value)
            scores = {**dict.fromkeys(RUBRIC, value), "concision": 0, "structure": min(2, value + 1)}
            extra = {
                "criteria_scores": own,
                "follow_up": (follow_ups(q.source_id) or ("What would you cut first?",))[0],
                "follow_up_answer": f"Follow-up answer {position + 1}.",
                "follow_up_seconds": 45,
                "fuzz": False,
            }
            text = f"My answer to question {position + 1}:\nfirst the load, then the plan | with a pipe."
            if position == 0:
                attempt, _ = record_with_partner(
                    db, q.id, text, scores, 95, (dict.fromkeys(RUBRIC, 1), dict.fromkeys(own, 1)), **extra
                )
            else:
                attempt = drill.record_attempt(db, q.id, text, scores, 95 + 40 * position, **extra)
            record_item(db, m.id, position, attempt.id, attempt.seconds + 45 + 20)
        record_item(db, m.id, 3, None, 12)
        finish_mock(db, m.id)
    finally:
        db.close()


def test_the_report_of_a_mock_matches_the_golden_file(run_cli, db_path, monkeypatch) -> None:
    _answered_mock(db_path, monkeypatch)
    made = run_cli("drill", "report", env=ENV, check_rc=0).stdout
    if os.environ.get("CTOTUI_UPDATE_GOLDEN"):
        GOLDEN.write_text(made, encoding="utf-8", newline="\n")
    assert made == GOLDEN.read_text(encoding="utf-8"), "regenerate: see this module's docstring"
    assert run_cli("drill", "report", "--last", "--format", "md", env=ENV, check_rc=0).stdout == made
    assert made.startswith("# Mock interview, 30 minutes\n\nStarted 2026-03-15 10:00, finished 10:00. 3 of ")
    headings = [line for line in made.splitlines() if line.startswith("## ") and not line[3].isdigit()]
    assert headings == ["## Totals by category", "## Totals by criterion", "## Weakest criterion"]
    assert "**Concision**, 0.0 of 2 on average. Practice that helps:" in made
    # one score, said as the app says it (the rubric out of 12, then the signals), not a sum of both
    scores = [line for line in made.splitlines() if line.startswith("Score ")]
    assert scores[0].startswith("Score 10/12 · signals 10/10 (Good)") and "; partner 6/12 · signals " in scores[0], (
        scores
    )
    assert all(re.match(r"Score \d+/12 · signals \d+/\d+ \(\w+\)", line) for line in scores), scores
    # the totals by category too: the rubric and the signals apart, never "21/22"
    totals = made.split("## Totals by category\n")[1].split("\n## ")[0]
    answered = [line for line in totals.splitlines() if re.match(r"\| .* \| [1-9]\d* \|", line)]
    assert answered and all(re.search(r" \| \d+/\d+ · signals \d+/\d+ \|$", line) for line in answered), totals
    data = json.loads(run_cli("drill", "report", "--format", "json", env=ENV, check_rc=0).stdout)
    assert data["answered"] == 3 and data["weakest"]["id"] == "concision" and data["minutes"] == 30
    assert [i["answered"] for i in data["items"][:4]] == [True, True, True, False]
    assert data["items"][0]["partner"]["scores"] == dict.fromkeys(RUBRIC, 1)
    # the JSON keeps the two apart too: no "score": 21, "max_score": 22 of both summed
    first = data["items"][0]
    assert (first["rubric"], first["rubric_max"], first["signals"]) == (10, 12, first["signals_max"])
    assert "total" not in first and "max_total" not in first
    partner = first["partner"]
    assert (partner["rubric"], partner["rubric_max"], partner["signals_max"]) == (6, 12, first["signals_max"])
    assert partner["signals"] == first["signals_max"] // 2 and "total" not in partner
    for category in data["categories"]:
        assert set(category) == {"id", "name", "answered", "rubric", "rubric_max", "signals", "signals_max"}
        assert category["rubric_max"] == 12 * category["answered"]
    rubric = sum(i["rubric"] for i in data["items"] if i["answered"])
    assert sum(c["rubric"] for c in data["categories"]) == rubric
    assert sum(c["signals"] for c in data["categories"]) == sum(i["signals"] for i in data["items"] if i["answered"])


def test_progress_shows_self_versus_partner(run_cli, db_path, monkeypatch) -> None:
    _answered_mock(db_path, monkeypatch)
    out = run_cli("drill", "--progress", check_rc=0).stdout
    block = out.split("self vs partner (mean of 0-2, over the answers both scored):\n")[1].splitlines()
    assert block[0].split() == ["criterion", "self", "partner", "gap"]
    trade = next(line for line in block if line.startswith("Trade-offs "))
    assert trade.split()[1:] == ["2.0", "1.0", "+1.0", "(1)", "over-rated"]
    concision = next(line for line in block if line.startswith("Concision "))
    assert concision.split()[1:] == ["0.0", "1.0", "-1.0", "(1)", "under-rated"]
    data = json.loads(run_cli("drill", "--progress", "--json", check_rc=0).stdout)
    assert {g["criterion"]: g["gap"] for g in data["self_vs_partner"]}["tradeoffs"] == 1.0


EDITED = "# Compare <Modal> vs <Dialog>: which *would* you pick? | 1. or 2."


@pytest.mark.usefixtures("database_made")
def test_an_edited_question_shows_on_the_sheet_as_typed(run_cli, db_path) -> None:
    """`question edit 67 '# Compare <Modal> vs <Dialog>: which *would* you pick?'` then the sheet:
    the question was an H1, its tags raw HTML and *would* in italics. It is escaped as the brag's titles are."""
    from markdown_it import MarkdownIt  # rich's own Markdown parser (a dependency of rich)

    first = fresh(db_path, plan_for, 45, seed=6)[0].question_id
    run_cli("question", "edit", str(first), EDITED, check_rc=0)
    sheet = run_cli("drill", "--sheet", "--mock", "45", "--seed", "6", check_rc=0).stdout
    assert "\n\\# Compare \\<Modal\\> vs \\<Dialog\\>: which \\*would\\* you pick? \\| 1. or 2.\n" in sheet
    tokens = MarkdownIt("commonmark").parse(sheet)
    assert [t.tag for t in tokens if t.type == "heading_open"].count("h1") == 1  # the sheet's title only
    assert not [t for t in tokens if t.type == "html_block"]
    shown = ["".join(c.content for c in t.children or [] if c.type == "text") for t in tokens if t.type == "inline"]
    assert EDITED in shown
