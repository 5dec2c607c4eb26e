"""Exporting from the app: the brag document, the complete JSON, a backup.

The command palette's "Export: …" entries open ``ExportDialog`` (the file
name is filled in: a dated name in the home folder, never one in use), then
the export runs in a thread on its own connection, so the screen stays live,
and a notification says where the file was written.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import App, ComposeResult
from textual.content import Content
from textual.widgets import Input, SelectionList, Static

from ctotui.core.data.brag import DEFAULT_SECTIONS, SECTION_NAMES, SECTIONS, parse_sections
from ctotui.core.data.transfer import check_period, dated_path, export_to
from ctotui.core.data.upkeep import backup_to
from ctotui.core.dates import period
from ctotui.core.db import open_db
from ctotui.core.errors import CtoError
from ctotui.core.userpath import user_path
from ctotui.paths import display_path, typed_path
from ctotui.ui.appdb import app_of
from ctotui.ui.dialogs.form import DateRow, FormDialog, row
from ctotui.ui.widgets.ticks import TickList

if TYPE_CHECKING:
    from sqlite_utils import Database

INTRO = {
    "md": "Your achievements as Markdown, titled with your name, with their numbers and evidence links: to paste "
    "into a promotion packet or read before an interview. Choose what goes in (space ticks a section).",
    "json": "Every table, complete, in one JSON file: ctotui import FILE brings it back, on this "
    "machine or another. The same data always gives the same file.",
}
TITLES = {"md": "Export a brag document", "json": "Export all data (JSON)"}


@dataclass(frozen=True)
class ExportRequest:
    kind: str  # "md" or "json"
    path: Path
    since: date | None = None
    until: date | None = None
    sections: tuple[str, ...] | None = None  # the brag document's; None: its default


class ExportDialog(FormDialog[ExportRequest]):
    SAVE_LABEL = "Export"
    DEFAULT_CSS = """
    ExportDialog #export-sections { height: auto; max-height: 9; margin-top: 1; border: round $primary 50%; }
    ExportDialog #export-sections:focus { border: round $primary; }
    """

    def __init__(self, kind: str, folder: Path | None = None) -> None:
        super().__init__()
        self.kind = kind
        self.default = dated_path(folder or Path.home(), kind)

    def title_text(self) -> str:
        return TITLES[self.kind]

    def selects_on_focus(self, line: Input) -> bool:
        """The file's suggested path (dated, in the home folder) is selected on entering, as a save
        dialog does: a path typed replaces it; End or an arrow key keeps it to edit."""
        return line.id == "export-path"

    def compose_fields(self) -> ComposeResult:
        yield Static(Content(INTRO[self.kind]), classes="intro")
        yield row("File", Input(typed_path(self.default), id="export-path", compact=True))
        if self.kind == "md":
            yield DateRow(
                "Since",
                Input(placeholder="YYYY-MM-DD, last week… (empty: from the start)", id="export-since", compact=True),
            )
            yield DateRow(
                "Until", Input(placeholder="YYYY-MM-DD, today… (empty: up to today)", id="export-until", compact=True)
            )
            sections = TickList(*((SECTION_NAMES[s], s, s in DEFAULT_SECTIONS) for s in SECTIONS), id="export-sections")
            sections.border_title = "Sections"
            yield sections

    def on_mount(self) -> None:
        self.query_one("#form").border_subtitle = "ctrl+s export · esc cancel"

    def collect(self) -> ExportRequest:
        text = self.query_one("#export-path", Input).value.strip()
        if not text:
            raise CtoError("give a file name")
        path = user_path(text)
        try:  # a name the file system refuses (too long, a folder it may not enter) raises OSError here
            if path.is_dir():
                raise CtoError(f"{text} is a folder; add a file name")
            if path.parent.exists() and not path.parent.is_dir():
                raise CtoError(f"{display_path(path.parent)} is a file, not a folder")
            if not path.parent.is_dir():
                raise CtoError(f"the folder {display_path(path.parent)} does not exist")
            if path.exists():
                raise CtoError(f"{text} already exists; choose another name")
        except OSError as exc:
            raise CtoError(f"cannot use that name: {exc.strerror or exc}") from None
        since = until = None
        if self.kind == "md":
            since, until = period(self._text("#export-since"), self._text("#export-until"))
            check_period(self.kind, since, until)
            sections = parse_sections(self.query_one("#export-sections", SelectionList).selected)
            return ExportRequest(self.kind, path, since, until, sections)
        return ExportRequest(self.kind, path, since, until)

    def _text(self, selector: str) -> str:
        return self.query_one(selector, Input).value


def start_export(app: App, kind: str) -> None:
    """Ask where, then export in a thread; a notification says where it went."""

    def chosen(request: ExportRequest | None) -> None:
        if request is None:
            return

        def job(db) -> str:
            done = export_to(
                db, request.kind, request.path, since=request.since, until=request.until, sections=request.sections
            )
            return f"{done.what} written to {display_path(done.path)}"

        _run(app, "Brag document" if request.kind == "md" else "Export", job)

    app.push_screen(ExportDialog(kind), chosen)


def start_backup(app: App) -> None:
    """Back the database up (online backup API) in a thread; notify where the copy is."""
    _run(app, "Backup", lambda db: f"copy written to {display_path(backup_to(db).path)}")


def _run(app: App, name: str, job: Callable[[Database], str]) -> None:
    """Run ``job`` in a thread on its own connection; notify its message, or the error."""

    def work() -> None:
        try:
            db = open_db(app_of(app).db_path)
            try:
                message = job(db)
            finally:
                db.close()
        except (CtoError, OSError, sqlite3.Error) as exc:
            app.call_from_thread(app.notify, str(exc), title=f"{name} failed", severity="error", markup=False)
            return
        app.call_from_thread(app.notify, message, title=f"{name} written", timeout=10, markup=False)

    app.run_worker(work, thread=True, group="export", exit_on_error=False)
