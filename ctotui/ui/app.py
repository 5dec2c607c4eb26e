"""CtoApp: the modes, the keys, the palette, the theme. Wiring only."""

from __future__ import annotations

import os
from pathlib import Path

from sqlite_utils import Database
from textual.app import App
from textual.binding import Binding

from ctotui.core.db import open_db
from ctotui.core.settings import get_setting, set_setting
from ctotui.ui.areas import AREAS
from ctotui.ui.commands import PROVIDERS
from ctotui.ui.dialogs.welcome import maybe_welcome


class CtoApp(App[None]):
    """The ctotui app. One factory for the CLI, the tests and the benchmarks."""

    TITLE = "ctotui"
    SUB_TITLE = "the road to CTO"
    CSS_PATH = "app.tcss"
    MODES = {a.mode: a.factory() for a in AREAS}
    DEFAULT_MODE = "dashboard"
    COMMANDS = App.COMMANDS | set(PROVIDERS)
    BINDINGS = [
        *(
            Binding(a.key, f"app.switch_mode('{a.mode}')", a.short, id=f"area.{a.mode}", tooltip=a.about)
            for a in AREAS
        ),
        Binding("question_mark,f1", "app.help", "Help", id="app.help", tooltip="Every key, on one screen"),
        Binding("q", "app.quit", "Quit", id="app.quit", tooltip="Quit ctotui (everything is already saved)"),
    ]

    def __init__(
        self, db_path: str | os.PathLike[str], *, db: Database | None = None, welcome: bool | None = None
    ) -> None:
        super().__init__()
        self.db_path = Path(db_path)
        self.db: Database = db if db is not None else open_db(self.db_path)
        self.welcome = welcome  # first-run welcome: None = only when not headless (tests opt in with True)

    def on_mount(self) -> None:
        saved = get_setting(self.db, "theme")
        if saved in self.available_themes:
            self.theme = saved
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        maybe_welcome(self, self.welcome)

    def _remember_theme(self, theme) -> None:
        set_setting(self.db, "theme", theme.name)

    def action_help(self) -> None:
        from ctotui.ui.dialogs.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def on_unmount(self) -> None:
        self.db.close()
