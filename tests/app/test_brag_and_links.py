"""Evidence links through the form and the details pane; the brag document's sections chosen in the dialog."""

from __future__ import annotations

from pathlib import Path

from palette_tools import palette_run
from pilot_tools import db_ready, press, screen_text
from pilot_tools import wait_for as until
from textual.widgets import Input, SelectionList
from transfer_helpers import demo_db

from ctotui.core.db import open_db
from ctotui.core.journal.entries import add_achievement, get_achievement, page_achievements
from ctotui.ui.app import CtoApp
from ctotui.ui.data.export import ExportDialog
from ctotui.ui.journal.form import AchievementForm
from ctotui.ui.journal.screen import JournalScreen

SIZE = (80, 24)
WIDE = (120, 40)  # for the tests that read what only fits on a wider screen


async def test_links_are_typed_in_the_form_checked_and_shown(db_path):
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=WIDE) as pilot:
        await press(pilot, "j")
        await until(pilot, lambda: isinstance(app.screen, JournalScreen))
        await press(pilot, "n")
        await until(pilot, lambda: isinstance(app.screen, AchievementForm) and app.screen.query("#links"))
        form = app.screen
        form.query_one("#title", Input).value = "Cut the build from 10 to 4 min"
        links = form.query_one("#links", Input)
        links.value = "https://git.example.com/pull/42 docs.example.com/[red]x"
        await press(pilot, "ctrl+s")
        await until(pilot, lambda: "is not a web address" in str(form.query_one("#error").render()))
        assert app.screen is form and form.focused is links and page_achievements(app.db).items == ()
        links.value = "https://git.example.com/pull/42 file:///home/me/write-up.md"
        await press(pilot, "ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, JournalScreen))
        (a,) = page_achievements(app.db).items
        assert a.links == ("https://git.example.com/pull/42", "file:///home/me/write-up.md")
        await until(pilot, lambda: "file:///home/me/write-up.md" in screen_text(app))
        assert "Links     https://git.example.com/pull/42" in screen_text(app)


async def test_edit_form_shows_the_links_and_keeps_them(db_path):
    db = open_db(db_path)
    a = add_achievement(db, title="Shipped it", links=["https://a.example/1", "https://b.example/2"])
    db.close()
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "j")
        await until(pilot, lambda: isinstance(app.screen, JournalScreen))
        await press(pilot, "e")
        await until(pilot, lambda: isinstance(app.screen, AchievementForm) and app.screen.query("#links"))
        links = app.screen.query_one("#links", Input)
        assert links.value == "https://a.example/1 https://b.example/2"
        links.value = "https://b.example/2"
        await press(pilot, "ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, JournalScreen))
        assert get_achievement(app.db, a.id).links == ("https://b.example/2",)


async def test_the_dialog_chooses_the_brag_sections(db_path):
    demo_db(db_path, achievements=12).close()
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        await db_ready(pilot)
        await palette_run(pilot, "Export: brag document")
        await until(pilot, lambda: isinstance(app.screen, ExportDialog) and app.screen.query("#export-sections"))
        sections = app.screen.query_one("#export-sections", SelectionList)
        assert sections.selected == ["summary", "numbers", "achievements"]  # the default: no self-ratings
        sections.deselect("numbers")
        sections.select("skills")
        app.screen.query_one("#export-path", Input).value = str(Path.home() / "packet.md")
        await press(pilot, "ctrl+s")
        await until(pilot, lambda: (Path.home() / "packet.md").exists())
        sections_written = [
            line
            for line in (Path.home() / "packet.md").read_text(encoding="utf-8").splitlines()
            if line.startswith("## ")
        ]
        assert sections_written == ["## Summary", "## Achievements by category", "## Skill levels"]


async def test_the_dialog_refuses_no_section(db_path):
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        await db_ready(pilot)
        await palette_run(pilot, "Export: brag document")
        await until(pilot, lambda: isinstance(app.screen, ExportDialog) and app.screen.query("#export-sections"))
        app.screen.query_one("#export-sections", SelectionList).deselect_all()
        await press(pilot, "ctrl+s")
        await until(pilot, lambda: "choose at least one section" in screen_text(app))
        assert isinstance(app.screen, ExportDialog)
    assert not list(Path.home().glob("ctotui-brag-*"))
