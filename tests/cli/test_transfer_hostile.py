"""Hostile input: `import` fed malformed JSON, wrong types, missing keys, huge
strings, control characters and invalid UTF-8; `add` fed arbitrary text.

Every run ends in a clean success or in one line on stderr with exit 2 and the
database exactly as before (the same file bytes, everything committed checkpointed into it). The
hypothesis loops call main() in-process (a subprocess per example would be
slow); a few cases at the end run the real console script.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from process_tools import CTOTUI
from transfer_helpers import JRNL_SAMPLE, demo_db, file_hash

from ctotui.cli import main
from ctotui.core.data.upkeep import check
from ctotui.core.db import open_db
from ctotui.core.journal.entries import clean_body, clean_title

SCALARS = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30)
JSON_VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=12,
)
CONTROL = st.characters(min_codepoint=0, max_codepoint=0x1F) | st.sampled_from("\x7f\u200b\u2028\ufeff\u202e")


@pytest.fixture
def setup(db_path: Path, tmp_path: Path):
    """A database with data, and a valid export of another one."""
    demo_db(db_path, achievements=6, seed=3).close()
    other = demo_db(tmp_path / "other.db", achievements=4, seed=11)
    valid = json.loads(_export(other))
    other.close()
    return db_path, valid, tmp_path / "input.json"


def _export(db) -> str:
    from ctotui.core.data.export_json import export_text

    return export_text(db)


def _state(path: Path) -> str:
    """The file's bytes once everything committed is in it (checkpointed): the same bytes are the
    same export, which took two thirds of each example's time to write out as well."""
    db = open_db(path)
    try:
        return file_hash(db)
    finally:
        db.close()


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _refused_cleanly(code: int, err: str) -> bool:
    return code == 2 and err.startswith("ctotui: ") and err.count("\n") == 1


def _import_and_judge(capsys, db_path: Path, file: Path, *extra: str) -> int:
    before = _state(db_path)
    code, _out, err = _run(capsys, "import", str(file), *extra)
    if code == 0:
        db = open_db(db_path)
        assert all(c.ok for c in check(db))
        db.close()
    else:
        assert _refused_cleanly(code, err), (code, err)
        assert _state(db_path) == before
    return code


@given(raw=st.binary(max_size=3000))
def test_import_of_arbitrary_bytes(setup, capsys, raw) -> None:
    db_path, _valid, file = setup
    file.write_bytes(raw)
    assert _import_and_judge(capsys, db_path, file) == 2


@given(value=JSON_VALUES)
def test_import_of_arbitrary_json(setup, capsys, value) -> None:
    db_path, _valid, file = setup
    file.write_text(json.dumps(value), encoding="utf-8")
    assert _import_and_judge(capsys, db_path, file) == 2
    assert _import_and_judge(capsys, db_path, file, "--format", "jrnl") == 2 or isinstance(value, dict)


@given(data=st.data())
def test_import_of_an_export_with_one_thing_wrong(setup, capsys, data) -> None:
    db_path, valid, file = setup
    doc = json.loads(json.dumps(valid))
    table = data.draw(st.sampled_from(sorted(t for t, rows in doc["tables"].items() if rows)))
    row = data.draw(st.sampled_from(doc["tables"][table]))
    column = data.draw(st.sampled_from(sorted(row)))
    change = data.draw(st.sampled_from(["value", "drop", "extra", "control"]))
    if change == "value":
        row[column] = data.draw(JSON_VALUES)
    elif change == "drop":
        del row[column]
    elif change == "extra":
        row[data.draw(st.text(min_size=1, max_size=8))] = data.draw(SCALARS)
    else:
        row[column] = data.draw(st.text(CONTROL, min_size=1, max_size=5)) + str(row[column])
    file.write_text(json.dumps(doc, ensure_ascii=data.draw(st.booleans())), encoding="utf-8")
    _import_and_judge(capsys, db_path, file)


@given(position=st.integers(min_value=0), junk=st.sampled_from([b"\xff", b"\xc3\x28", b"\xed\xa0\x80", b"\x80\x80"]))
def test_import_of_an_export_with_invalid_utf8_inside(setup, capsys, position, junk) -> None:
    db_path, valid, file = setup
    raw = json.dumps(valid, ensure_ascii=False).encode("utf-8")
    at = position % len(raw)
    file.write_bytes(raw[:at] + junk + raw[at:])
    assert _import_and_judge(capsys, db_path, file) == 2


@given(
    entries=st.lists(
        st.dictionaries(st.sampled_from(["title", "body", "date", "time", "tags", "starred"]), JSON_VALUES), max_size=4
    )
)
def test_import_of_jrnl_entries_of_any_shape(setup, capsys, entries) -> None:
    db_path, _valid, file = setup
    file.write_text(json.dumps({"tags": {}, "entries": entries}), encoding="utf-8")
    _import_and_judge(capsys, db_path, file, "--format", "jrnl")


@pytest.mark.parametrize(
    "column, size, ok",
    [("body", 1024 * 1024, True), ("body", 1024 * 1024 + 1, False), ("title", 1024 * 1024, False)],
)
def test_import_of_megabyte_strings(setup, capsys, column, size, ok) -> None:
    db_path, valid, file = setup
    valid["tables"]["achievements"][0][column] = "é" * (size // 2) + "x" * (size % 2)
    file.write_text(json.dumps(valid, ensure_ascii=False), encoding="utf-8")
    assert _import_and_judge(capsys, db_path, file) == (0 if ok else 2)


TEXT = st.text(st.characters(codec="utf-8") | CONTROL, max_size=300)


@given(title=TEXT, body=st.none() | TEXT, tag=st.none() | st.text(max_size=50), date=st.none() | TEXT)
def test_add_of_arbitrary_text(db_path, capsys, title, body, tag, date) -> None:
    assume(title != "-")  # "-" reads the title from stdin
    open_db(db_path).close()
    before = _state(db_path)
    options = {"--body": body, "--tag": tag, "--date": date}
    argv = ["add", *(f"{flag}={value}" for flag, value in options.items() if value is not None)]
    code, out, err = _run(capsys, *argv, "--", title)
    if code == 0:
        new_id = int(out.strip())
        db = open_db(db_path)
        stored = db.execute("select title, body from achievements where id = ?", [new_id]).fetchone()
        db.close()
        assert stored == (clean_title(title), clean_body(body))
        assert not any(ord(ch) < 32 and ch not in "\t\n\r" for ch in "".join(stored))
    else:
        assert _refused_cleanly(code, err), (code, err)
        assert _state(db_path) == before


# --- the real console script ------------------------------------------------


def test_the_console_script_refuses_invalid_utf8_and_a_huge_title(run_cli, setup) -> None:
    db_path, valid, file = setup
    before = _state(db_path)
    file.write_bytes(b'{"format": "ctotui", "title": "caf\xe9"}')
    proc = run_cli("import", str(file), check_rc=2, process=True)
    assert proc.stderr == f"ctotui: {file}: not UTF-8 text (byte 34 is not valid UTF-8)\n"
    valid["tables"]["achievements"][1]["title"] = "t" * (1024 * 1024)
    file.write_text(json.dumps(valid), encoding="utf-8")
    proc = run_cli("import", str(file), check_rc=2, process=True)
    assert "achievements row 2 (id 2): title is 1048576 characters long; keep it to 200" in proc.stderr
    assert _state(db_path) == before


def test_the_console_script_drops_control_characters_and_refuses_what_is_not_utf8(run_cli, db_path) -> None:
    proc = run_cli(
        "add", "--body", "line\r\nbell\x07", "--", "tab\there \x1b[31mred\x1b[0m \u202eevil", check_rc=0, process=True
    )
    db = open_db(db_path)
    row = db.execute("select title, body from achievements where id = ?", [int(proc.stdout)]).fetchone()
    # no escape sequence reaches a terminal; the bidi override goes too (core/text.py)
    assert row == ("tab here red evil", "line\nbell")
    db.close()
    proc = run_cli("add", "--", " \t\n\x1b ", check_rc=2, process=True)
    assert proc.stderr == "ctotui: the title is empty; say what you achieved in a few words\n"
    raw = subprocess.run([str(CTOTUI), "add", b"caf\xe9"], capture_output=True, timeout=60)
    assert (raw.returncode, raw.stderr) == (2, b"ctotui: title: not valid UTF-8 text (is the terminal set to UTF-8?)\n")
    assert run_cli("import", str(JRNL_SAMPLE), "--format", "jrnl", check_rc=0, process=True).stdout
