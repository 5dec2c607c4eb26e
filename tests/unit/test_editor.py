"""core/editor.py: which editor runs ($VISUAL, else $EDITOR) and editing a text in it, with a
fake editor script run for real as a subprocess."""

from __future__ import annotations

import os

import pytest
from editor_helpers import FakeEditor, fake_editor_in

from ctotui.core.editor import NO_EDITOR, EditorError, NoEditor, NotUtf8, brought_back, edit_text, editor_command


@pytest.fixture
def fake_editor(tmp_path, monkeypatch) -> FakeEditor:
    return fake_editor_in(tmp_path, monkeypatch)


@pytest.mark.parametrize(
    ("env", "command"),
    [
        ({"VISUAL": "code --wait", "EDITOR": "vi"}, ["code", "--wait"]),
        ({"VISUAL": "  ", "EDITOR": "nano"}, ["nano"]),  # an empty $VISUAL counts as unset
        ({"EDITOR": "'/opt/my editor/bin/ed' -n"}, ["/opt/my editor/bin/ed", "-n"]),  # split as a shell would
    ],
)
def test_visual_beats_editor_and_the_command_is_split_as_a_shell_would(env, command):
    assert editor_command(env) == command


@pytest.mark.parametrize("env", [{}, {"VISUAL": "", "EDITOR": " "}])
def test_no_editor_names_both_variables(env):
    with pytest.raises(NoEditor) as caught:
        editor_command(env)
    assert str(caught.value) == NO_EDITOR and "$VISUAL" in NO_EDITOR and "$EDITOR" in NO_EDITOR


def test_an_unreadable_command_says_which():
    with pytest.raises(EditorError, match="cannot read the editor command"):
        editor_command({"EDITOR": "vim 'unclosed"})


def test_the_text_comes_back_as_saved_and_the_private_file_goes(fake_editor):
    fake_editor.will_write("First line\n\nA second paragraph, written in the editor.\n")
    out = edit_text("What was in the field", editor_command(), suffix=".md")
    assert out == "First line\n\nA second paragraph, written in the editor."  # the editor's last newline dropped
    (run,) = fake_editor.runs
    assert run["text"] == "What was in the field"
    assert run["mode"] == 0o600  # only the user can read it
    assert run["path"].endswith(".md") and not os.path.exists(run["path"])


def test_an_editor_that_exits_with_an_error_brings_nothing_back(fake_editor):
    fake_editor.will_write("half typed", exit_code=3)
    with pytest.raises(EditorError, match="exited with 3"):
        edit_text("kept", editor_command())
    (run,) = fake_editor.runs
    assert not os.path.exists(run["path"])


def test_text_saved_in_another_encoding_is_refused_and_the_file_kept(fake_editor):
    """A Latin-1 editor's bytes were read with U+FFFD in their place: the text changed unseen."""
    saved = "Caf\u00e9 latency cut from 40 to 20 ms\nbody \u00ff\u00fe here\n".encode("latin-1")
    fake_editor.will_write_bytes(saved)
    with pytest.raises(NotUtf8) as caught:
        edit_text("kept", editor_command())
    (run,) = fake_editor.runs
    message = str(caught.value)
    assert "not valid UTF-8 (byte 0xe9 on line 1)" in message and f"kept in {run['path']}" in message
    with open(run["path"], "rb") as kept:
        assert kept.read() == saved  # as the editor saved it: nothing typed is lost
    os.unlink(run["path"])


def test_newlines_come_back_as_a_text_file_reads_them(fake_editor):
    fake_editor.will_write_bytes(b"one\r\ntwo\rthree\r\n")
    assert edit_text("x", editor_command()) == "one\ntwo\nthree"


def test_an_editor_that_cannot_start_says_so(tmp_path):
    with pytest.raises(EditorError, match="cannot start the editor"):
        edit_text("kept", [str(tmp_path / "no-such-editor")])


@pytest.mark.parametrize(
    ("before", "saved", "back"),
    [
        ("one line", "one line\n", "one line"),  # the editor's own newline
        ("one line", "one line\r\n", "one line"),
        ("ends with a break\n", "ends with a break\n", "ends with a break\n"),  # the text had it: it stays
        ("x", "two\nlines\n\n", "two\nlines\n"),  # only the one the editor added
        ("", "", ""),
    ],
)
def test_only_the_newline_the_editor_added_is_dropped(before, saved, back):
    assert brought_back(before, saved) == back
