"""Export from the app: the palette's "Export: …" entries, the dialog, the file,
and the notification that says where it went."""

from __future__ import annotations

import json
from pathlib import Path

from palette_tools import palette_run
from pilot_tools import click, db_ready, press, screen_text, wait_for
from textual.widgets import Input
from transfer_helpers import demo_db

from ctotui.core import clock
from ctotui.ui.app import CtoApp
from ctotui.ui.data.export import ExportDialog

SIZE = (80, 24)


def _said(app, words: str) -> bool:
    return any(words in str(n.message) for n in app.notices)


async def _palette(pilot, text: str) -> None:
    await palette_run(pilot, text)
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, ExportDialog))


async def test_brag_document_from_the_palette(db_path) -> None:
    demo_db(db_path, achievements=12).close()
    home = Path.home()
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        await db_ready(pilot)
        await _palette(pilot, "Export: brag document")
        path = app.screen.query_one("#export-path", Input)
        assert path.value == f"~/ctotui-brag-{clock.today().isoformat()}.md"
        assert "promotion packet" in screen_text(app)
        await click(pilot, "#export-since")
        await press(pilot, *"2020-01-01", "ctrl+s")
        await wait_for(pilot, lambda: _said(app, "written to ~/ctotui-brag-"))
        assert _said(app, "12 achievements written to")
    written = home / f"ctotui-brag-{clock.today().isoformat()}.md"
    assert written.read_text(encoding="utf-8").startswith("# Brag document")
    assert "Achievements from 2020-01-01 to" in written.read_text(encoding="utf-8")


async def test_a_path_typed_over_the_suggested_one_replaces_it(db_path) -> None:
    """The export's file field opens with a dated path in the home folder, selected as a save
    dialog's is: what is typed replaces it (it was added to its end); End keeps it to edit."""
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        await db_ready(pilot)
        await _palette(pilot, "Export: brag document")
        path = app.screen.query_one("#export-path", Input)
        await wait_for(pilot, lambda: path.has_focus)
        await press(pilot, "~", "/", "b", ".", "m", "d")
        await wait_for(pilot, lambda: path.value == "~/b.md")
        app.screen.query_one("#export-since", Input).focus()
        path.focus()
        await press(pilot, "end", "x")  # typed in: the user's own text, not selected again
        await wait_for(pilot, lambda: path.value == "~/b.mdx")


def error_shown(app) -> str:
    """The words the form's error line draws (its rendered lines, joined), or "" before it shows one."""
    found = app.screen.query("#form-error")
    if not found or not found.first().region:
        return ""
    line = found.first()
    return " ".join(" ".join(strip.text for strip in line.render_lines(line.region.reset_offset)).split())


async def test_all_data_as_json_from_the_palette_and_never_over_a_file(db_path) -> None:
    demo_db(db_path, achievements=5).close()
    taken = Path.home() / f"ctotui-export-{clock.today().isoformat()}.json"
    taken.write_text("mine")
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        await db_ready(pilot)
        await _palette(pilot, "Export: all data")
        path = app.screen.query_one("#export-path", Input)
        assert path.value.endswith(f"ctotui-export-{clock.today().isoformat()}-2.json")  # the dated name is taken
        path.value = str(taken)
        await press(pilot, "ctrl+s")
        # the dialog's error line, words as drawn: the path before them is long and wraps where its length says
        await wait_for(pilot, lambda: "already exists; choose another name" in error_shown(app))
        path.value = str(Path.home() / "mine.json")
        await press(pilot, "ctrl+s")
        await wait_for(pilot, lambda: _said(app, "written to ~/mine.json"))
    assert taken.read_text() == "mine"
    assert json.loads((Path.home() / "mine.json").read_text(encoding="utf-8"))["format"] == "ctotui"


async def test_a_bad_date_is_shown_in_the_dialog(db_path) -> None:
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        await db_ready(pilot)
        await _palette(pilot, "Export: brag document")
        app.screen.query_one("#export-until", Input).value = "someday"
        await press(pilot, "ctrl+s")
        await wait_for(pilot, lambda: "bad until date 'someday'" in screen_text(app))
        assert isinstance(app.screen, ExportDialog)
        await press(pilot, "escape")
        await wait_for(pilot, lambda: not isinstance(app.screen, ExportDialog))
    assert not list(Path.home().glob("ctotui-brag-*"))


async def test_backup_from_the_palette(db_path) -> None:
    demo_db(db_path, achievements=3).close()
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        await db_ready(pilot)
        await palette_run(pilot, "Export: back up")
        await wait_for(pilot, lambda: _said(app, "copy written to"))
    assert len(list((db_path.parent / "backups").glob("*.db"))) == 1


async def test_a_file_name_the_system_refuses_is_said_in_the_dialog(db_path, tmp_path) -> None:
    """A name over the file system's 255 bytes made Path.is_dir() raise OSError: the app exited."""
    out = tmp_path / "out"
    out.mkdir()
    (out / "notes.md").write_text("mine")
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        await db_ready(pilot)
        await _palette(pilot, "Export: all data")
        path = app.screen.query_one("#export-path", Input)
        path.value = str(out / ("a" * 300 + ".json"))
        await press(pilot, "ctrl+s")
        await wait_for(pilot, lambda: "file name too long" in error_shown(app).lower())
        path.value = str(out / "notes.md" / "x.json")  # its "folder" is a file
        await press(pilot, "ctrl+s")
        await wait_for(pilot, lambda: "is a file, not a folder" in error_shown(app))  # the path before it wraps
        assert isinstance(app.screen, ExportDialog) and app.is_running
    assert sorted(p.name for p in out.iterdir()) == ["notes.md"]
