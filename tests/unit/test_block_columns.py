"""core/text.py's BLOCK_COLUMNS and SQUEEZED_COLUMNS (the stored columns an import and a sync clean as several lines)
checked against the models themselves: a line break typed into every free-text field the app
writes, then the columns that kept it must be exactly BLOCK_COLUMNS. A column missing from it
lost its line breaks on export -> import and on a sync (a person's note, a conversation's notes).
The same for spaces: the columns the models squeeze (runs of spaces made one, the ends trimmed)
must be exactly SQUEEZED_COLUMNS, or an import and a sync keep spaces the app never stores.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import ctotui
from ctotui.core.drill import bank as drill
from ctotui.core.journal.entries import add_achievement
from ctotui.core.people import bar, conversations
from ctotui.core.people import persons as people
from ctotui.core.playbook import RUBRIC
from ctotui.core.review import weekly as review
from ctotui.core.skills import stack as skills
from ctotui.core.text import BLOCK_COLUMNS, SQUEEZED_COLUMNS, clean_row
from ctotui.core.timeline import plan, profile, selfcheck
from ctotui.core.timeline import stages as timeline

TWO = "first line\nsecond line"
SPACED, SQUEEZED = "  spaced   out  ", "spaced out"

# The core modules that clean text as a block when it is written: each one's writers are called
# below. A module that starts using clean_block must be added here and to ``_write_everything``.
WRITERS = {
    "journal/entries.py",
    "review/weekly.py",
    "drill/attempts.py",
    "drill/bank.py",
    "timeline/stages.py",
    "timeline/selfcheck.py",
    "people/persons.py",
    "people/conversations.py",
}
NOT_WRITERS = {"text.py", "data/jrnl.py"}  # the rule itself; jrnl's import ends in add_achievement


@pytest.fixture(autouse=True)
def frozen(monkeypatch):
    monkeypatch.setenv("CTOTUI_NOW", "2026-03-15T10:00:00+00:00")


def _write_everything(db, text: str = TWO) -> None:
    add_achievement(db, title=text, body=text)
    q = drill.add_question(db, "own-the-stack", text)
    drill.record_attempt(
        db,
        q.id,
        text,
        dict.fromkeys(RUBRIC, 2),
        60,
        follow_up=text,
        follow_up_answer=text,
        follow_up_seconds=10,
        ask_first=text,
        fuzz=False,
    )
    plan.add_item(db, "3-months", text)
    profile.update(db, role=text)
    skills.rate(db, "leadership", 3, note=text)
    review.save_text(db, None, reflection=text, next_thing=text)
    timeline.answer_question(db, "tl-q-away", text)
    check = selfcheck.self_checks(db)[0]
    selfcheck.answer_self_check(db, check.kind, check.item_id, "yes", text)
    ana = people.add(db, text, "mentor", where=text, note=text)
    talk = conversations.log(db, ana.id, asked=text, heard=text, mine=text, theirs=text)
    bar.set_bar(db, role=text, criteria=[text], person_id=ana.id, conversation_id=talk.id)


def _columns_with_line_breaks(db) -> set[tuple[str, str]]:
    found = set()
    tables = [n for (n,) in db.execute("select name from sqlite_master where type = 'table'") if "fts" not in n]
    for table in tables:
        for column in [r[1] for r in db.execute(f"pragma table_info('{table}')")]:
            hit = db.execute(f'select 1 from "{table}" where instr("{column}", char(10)) > 0 limit 1').fetchone()
            if hit:
                found.add((table, column))
    return found


def test_block_columns_are_the_columns_the_models_keep_lines_in(db) -> None:
    _write_everything(db)
    assert _columns_with_line_breaks(db) == BLOCK_COLUMNS


def test_every_module_that_cleans_a_block_is_written_through_above() -> None:
    core = Path(ctotui.__file__).parent / "core"
    using = set()
    for path in core.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        if any(isinstance(n, ast.Name) and n.id == "clean_block" for n in ast.walk(tree)):
            using.add(path.relative_to(core).as_posix())
    assert using - NOT_WRITERS == WRITERS


def _columns_holding(db, text: str) -> set[tuple[str, str]]:
    found = set()
    tables = [n for (n,) in db.execute("select name from sqlite_master where type = 'table'") if "fts" not in n]
    for table in tables:
        for column in [r[1] for r in db.execute(f"pragma table_info('{table}')")]:
            if db.execute(f'select 1 from "{table}" where "{column}" = ? limit 1', [text]).fetchone():
                found.add((table, column))
    return found


def test_squeezed_columns_are_the_columns_the_models_squeeze(db) -> None:
    _write_everything(db, SPACED)
    assert _columns_holding(db, SQUEEZED) == SQUEEZED_COLUMNS
    for table, column in SQUEEZED_COLUMNS:  # and an import or a sync stores them the same way
        row: dict[str, object] = {column: SPACED}
        clean_row(table, row)
        assert row[column] == SQUEEZED


def test_every_squeezed_column_has_the_rule_its_model_writes_it_by() -> None:
    """An import and a sync refuse an empty name or one too long with the model's own limits."""
    from ctotui.core.row_rules import LINES

    assert {*LINES, ("achievements", "title")} == SQUEEZED_COLUMNS


def test_an_import_and_a_sync_store_the_profile_tags_and_slugs_as_the_models_do(db) -> None:
    """An imported profile kept "VP  of   Engineering" where `ctotui profile --role` squeezes it; a
    tag kept its capitals and spaces, a skill its capital."""
    import json

    from ctotui.core.row_rules import as_stored

    typed = {
        "name": "  Alex   Rivera ",
        "role": "VP  of   Engineering",
        "path": " Corporate-Ladder ",
        "aim": "Tech-Leader ",
        "years": 5,
        "plan_started": "2026-01-05",
    }
    profile.update(db, **typed)
    for field, value in typed.items():
        (stored,) = db.execute("select value from profile where field = ? order by id desc limit 1", [field]).fetchone()
        row = {"field": field, "value": json.dumps(value), "set_at": "2026-03-15T10:00:00+00:00"}
        as_stored("profile", row)
        assert row["value"] == stored, field
    entry = add_achievement(db, title="Tagged", tags=[" #Feature  Flag "], skills=[" Leadership"], category="SCALE ")
    tag_row = {"achievement_id": entry.id, "tag": " #Feature  Flag "}
    skill_row = {"achievement_id": entry.id, "skill": " Leadership"}
    entry_row = {"category": "SCALE ", "title": "  Tagged "}
    for table, row in (("achievement_tags", tag_row), ("achievement_skills", skill_row), ("achievements", entry_row)):
        as_stored(table, row)
    assert (tag_row["tag"], skill_row["skill"], entry_row["category"]) == (
        entry.tags[0],
        entry.skills[0],
        entry.category,
    )
    people.add(db, "Dana", " Manager ")
    row = {"name": "  Dana ", "relation": " Manager "}
    as_stored("people", row)
    assert db.execute("select name, relation from people").fetchone() == (row["name"], row["relation"])
