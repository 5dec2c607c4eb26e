"""A fake editor for the tests: a script set as $EDITOR and run for real as a subprocess.

It writes down what it was given (the file's text, its mode and its path) in a log,
writes ``FAKE_TEXT`` into the file if that is set (or the bytes ``FAKE_HEX`` spells in hex:
text saved in another encoding), and exits with ``FAKE_EXIT`` (0 by
default): what a person in an editor would do, without a terminal."""

from __future__ import annotations

import json
import stat
import sys
from pathlib import Path

import pytest

SCRIPT = f"""#!{sys.executable}
import json, os, sys
path = sys.argv[-1]
with open(os.environ["FAKE_LOG"], "a") as log:
    log.write(json.dumps({{"path": path, "mode": os.stat(path).st_mode & 0o777, "text": open(path).read()}}) + "\\n")
if "FAKE_TEXT" in os.environ:
    open(path, "w").write(os.environ["FAKE_TEXT"])
if "FAKE_HEX" in os.environ:
    open(path, "wb").write(bytes.fromhex(os.environ["FAKE_HEX"]))
sys.exit(int(os.environ.get("FAKE_EXIT", "0")))
"""


class FakeEditor:
    def __init__(self, folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        self.script = folder / "fake editor"  # a space in its path: the command is quoted as a shell would
        self.script.write_text(SCRIPT)
        self.script.chmod(self.script.stat().st_mode | stat.S_IXUSR)
        self.log = folder / "fake-editor.log"
        self.env = monkeypatch
        monkeypatch.setenv("FAKE_LOG", str(self.log))
        monkeypatch.delenv("VISUAL", raising=False)
        monkeypatch.setenv("EDITOR", f"'{self.script}'")

    def will_write(self, text: str, exit_code: int = 0) -> None:
        self.env.delenv("FAKE_HEX", raising=False)
        self.env.setenv("FAKE_TEXT", text)
        self.env.setenv("FAKE_EXIT", str(exit_code))

    def will_write_bytes(self, data: bytes) -> None:
        """Save ``data`` as it is (bytes that are not UTF-8: an editor set to another encoding)."""
        self.env.delenv("FAKE_TEXT", raising=False)
        self.env.setenv("FAKE_HEX", data.hex())
        self.env.setenv("FAKE_EXIT", "0")

    def will_fail(self, exit_code: int) -> None:
        self.env.delenv("FAKE_TEXT", raising=False)
        self.env.setenv("FAKE_EXIT", str(exit_code))

    @property
    def runs(self) -> list[dict]:
        """What the editor was given, one dict a run (path, mode, text)."""
        if not self.log.exists():
            return []
        return [json.loads(line) for line in self.log.read_text().splitlines()]


def fake_editor_in(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> FakeEditor:
    """The fake editor, set as $EDITOR ($VISUAL unset) for this test."""
    folder = tmp_path / "editor"
    folder.mkdir()
    return FakeEditor(folder, monkeypatch)
