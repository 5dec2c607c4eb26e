"""The app's database, typed, from any screen, dialog or widget: ``db_of(self)``.

Textual types ``widget.app`` as ``App[object]``, which knows nothing of what
CtoApp adds (its database, the path, whether the database is open yet). Every
node of ctotui runs inside CtoApp (ui/app.py), so this module names what the UI
may ask of it as a Protocol, and gives it through one cast, here. ui/app.py has
mypy check that CtoApp offers all of it.

Why not Textual's ``getters.app(CtoApp)`` on each class: ui/app.py imports the
areas' screens and dialogs, so importing CtoApp from them would be an import
cycle; and it asserts the app's class, which a test app hosting one widget fails.
"""

from __future__ import annotations

from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Protocol, cast

from textual.app import App
from textual.message_pump import MessagePump

if TYPE_CHECKING:
    from sqlite_utils import Database

    from ctotui.ui.readers import Readers


class AppServices(Protocol):
    """What the UI uses of CtoApp beyond Textual's App."""

    pending_mock: int | None  # `ctotui drill --mock N`: the minutes of a mock the drill starts once (then None)

    @property
    def db(self) -> Database:
        """The app's open database (opened on first use if the opener has not finished)."""
        ...

    @property
    def db_path(self) -> Path: ...

    @property
    def db_ready(self) -> bool:
        """True once the database has been opened (after the first paint)."""
        ...

    @property
    def data_layer(self) -> ModuleType:
        """ui/data_layer.py: the opener, the drafts, the help screen, the welcome and sync,
        imported after the first paint and Home's first read (lazy point 2); a module, so its
        names are typed Any here. What Home reads comes through ui/home_data.py."""
        ...

    @property
    def readers(self) -> Readers:
        """Read-only connections, one per worker thread (ui/readers.py)."""
        ...

    def change_token(self) -> tuple[int, int] | None:
        """Changes whenever anyone writes to the database (ui/app.py); None: cannot tell."""
        ...

    def first_data_shown(self, first_of_screen: bool = False) -> None:
        """An area screen has shown a read (``first_of_screen``: its first): the app may now do
        what it kept until then."""
        ...

    def action_help(self) -> None:
        """Show every key of every area (the help screen)."""


def app_of(node: MessagePump) -> AppServices:
    """The running CtoApp, typed for what the UI asks of it (``node`` may be the app itself)."""
    return cast(AppServices, node if isinstance(node, App) else node.app)


def db_of(node: MessagePump) -> Database:
    """The app's database, for a screen, a dialog, a widget or the app itself."""
    return app_of(node).db
