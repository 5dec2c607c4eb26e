"""Every text field of every kind of record an export holds, given whitespace only or control
characters only, imported: a clean import, or a refusal in one plain line (exit 2) that names the
record and the field, before anything is written. Never a traceback, never SQLite's words
("CHECK constraint failed": a person's name of spaces got that far, a question of one space was
stored empty). A table a later schema step adds is walked too (the tables come from the schema)."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from transfer_helpers import demo_db, export_data, write_json

from ctotui.cli import main
from ctotui.core import drafts
from ctotui.core.data.import_json import schema_for
from ctotui.core.data.upkeep import check
from ctotui.core.db import open_db
from ctotui.core.drill import bank, mock, partner
from ctotui.core.journal.entries import add_achievement
from ctotui.core.migrations import known_steps
from ctotui.core.rubric import RUBRIC
from ctotui.core.timeline import stages

TABLES = sorted(schema_for(tuple(known_steps())))
HOSTILE = {
    "blanks": " \t\u3000\u00a0 ",  # spaces of several kinds, and a tab
    "controls": "\x01\x1b[31m\x1b]0;x\x07\x7f",  # control characters and escape sequences, nothing else
}


@pytest.fixture(scope="module")
def empty(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database at this schema with nothing in it, to copy (an import into a new file builds the schema
    aside first: ~0.1 s a run)."""
    path = tmp_path_factory.mktemp("empty") / "empty.db"
    open_db(path).close()
    return path


@pytest.fixture(scope="module")
def export(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """An export with at least one row in every table."""
    folder = tmp_path_factory.mktemp("every-table")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CTOTUI_NOW", "2026-03-15T10:00:00+00:00")
        db = demo_db(folder / "full.db", achievements=4, seed=5)
        entry = add_achievement(
            db, title="Led the incident review", occurred_on="2026-03-01", links=["https://git.example.com/pr/7"]
        )
        stages.link_evidence(db, "eng-tricky-bugs", entry.id)
        started = mock.start_mock(db, 30, seed=1)
        question = bank.get_question(db, started.items[0].question_id)
        attempt = bank.record_attempt(db, question.id, "An answer", dict.fromkeys(RUBRIC, 1), 60, fuzz=False)
        criteria = dict.fromkeys(partner.criteria_ids(question.category), 1)
        partner.save_partner_scores(db, attempt.id, dict.fromkeys(RUBRIC, 2), criteria)
        mock.record_item(db, started.id, 0, attempt.id, 50)
        drafts.save_draft(db, f"journal:edit:{entry.id}", {"title": "a draft"})
        data = export_data(db)
        db.close()
    empty = sorted(t for t in TABLES if not data["tables"].get(t))
    assert not empty, f"no row in {empty}: add one above, so that its fields are walked"
    return data


@pytest.mark.parametrize("table", TABLES)
def test_every_text_field_given_blanks_or_controls_imports_or_is_refused_plainly(
    export: dict[str, Any], empty: Path, table: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    row = export["tables"][table][0]
    columns = sorted(name for name, value in row.items() if isinstance(value, str))
    before = hashlib.sha256(empty.read_bytes()).hexdigest()
    for column in columns:
        for kind, value in HOSTILE.items():
            data = json.loads(json.dumps(export))
            data["tables"][table][0][column] = value
            file = write_json(tmp_path / "hostile.json", data)
            target = shutil.copyfile(empty, tmp_path / "target.db")
            code = main(["--db", str(target), "import", str(file)])
            out, err = capsys.readouterr()
            where = f"{table}.{column} given {kind}"
            assert code in (0, 2), (where, code, err)
            assert "Traceback" not in err and "constraint" not in err.lower(), (where, err)
            if code == 0:
                db = open_db(target)
                assert all(c.ok for c in check(db)), (where, check(db))
                db.close()
                continue
            assert err.startswith("ctotui: ") and err.count("\n") == 1, (where, err)
            assert f"{table} row 1" in err and column in err, (where, err)  # the record and its field
            assert hashlib.sha256(target.read_bytes()).hexdigest() == before, where  # nothing written
            assert main(["--db", str(target), "import", "--dry-run", str(file)]) == 2  # the check refuses it
            assert capsys.readouterr().err == err, where


@pytest.mark.parametrize(
    ("table", "column", "field"),
    [
        ("people", "name", "name is empty"),
        ("achievement_tags", "tag", "tag is empty"),
        ("questions", "text", "text is empty"),
        ("achievements", "title", "title is empty"),
        ("bars", "role", "role is empty"),
        ("plan_items", "text", "text is empty"),
    ],
)
def test_a_name_of_spaces_is_refused_in_the_imports_own_words(
    export: dict[str, Any], table: str, column: str, field: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = json.loads(json.dumps(export))
    data["tables"][table][0][column] = "   "
    file = write_json(tmp_path / "spaces.json", data)
    target = tmp_path / "new.db"
    assert main(["--db", str(target), "import", str(file)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"ctotui: {file}: {table} row 1") and f": {field}" in err and err.count("\n") == 1, err
    assert not target.exists()


# (table, column, how it may be typed in a file): what the app stores squeezed, in lower case, as a slug
RETYPED = [
    ("people", "name", lambda v: f"  {v.replace(' ', '   ')} "),
    ("people", "context", lambda v: v.replace(" ", "  ") + " "),
    ("bars", "role", lambda v: v.replace(" ", "  ")),
    ("bar_criteria", "text", lambda v: f" {v} "),
    ("questions", "text", lambda v: v.replace(" ", "\t ")),
    ("plan_items", "text", lambda v: v.replace(" ", "  ")),
    ("skill_ratings", "note", lambda v: f"{v}   "),
    ("achievements", "title", lambda v: v.replace(" ", "   ")),
    ("achievements", "category", lambda v: f" {v.upper()}"),
    ("achievement_skills", "skill", lambda v: v.title() + " "),
    ("achievement_tags", "tag", lambda v: f" #{v.replace('-', ' ').upper()} "),
]


def test_an_import_stores_names_tags_slugs_and_the_profile_as_the_app_would(
    export: dict[str, Any], empty: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An imported profile kept "VP  of   Engineering", where `ctotui profile --role` squeezes it; so
    did every name: the file, typed as a person might, imports as the app would have stored it."""
    data = json.loads(json.dumps(export))
    for table, column, retype in RETYPED:
        row = next(r for r in data["tables"][table] if r[column] and (table != "achievement_tags" or "-" in r[column]))
        row[column] = retype(row[column])
    for row in data["tables"]["profile"]:
        value = json.loads(row["value"])
        if row["field"] in ("name", "role"):
            row["value"] = json.dumps(value.replace(" ", "   ") + "  ")
        elif row["field"] in ("path", "aim"):
            row["value"] = json.dumps(f" {value.upper()} ")
    target = shutil.copyfile(empty, tmp_path / "target.db")
    assert main(["--db", str(target), "import", str(write_json(tmp_path / "typed.json", data))]) == 0, (
        capsys.readouterr()
    )
    db = open_db(target)
    imported = export_data(db)["tables"]
    db.close()
    for table in {t for t, _c, _r in RETYPED} | {"profile"}:
        assert imported[table] == export["tables"][table], table
