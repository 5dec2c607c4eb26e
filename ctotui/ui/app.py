"""CtoApp: the modes, the keys, the palette, the theme. Wiring only."""

from __future__ import annotations

import gc
import os
import sqlite3
import threading
from collections import deque
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from textual import events, work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.reactive import var

from ctotui.core.dbfile import busy_timeout_ms, wait_whole, who_writes
from ctotui.core.errors import CtoError
from ctotui.core.text import clean_block
from ctotui.core.watch import data_version, file_identity, gone_words, refuse_writes
from ctotui.paths import display_path
from ctotui.ui import areas
from ctotui.ui.areas import AREAS
from ctotui.ui.first_read import ReadsFirst, read_first
from ctotui.ui.guard import guarded, notify_error, sentence
from ctotui.ui.readers import Readers
from ctotui.ui.restyle import RestylesOnce
from ctotui.ui.watch import DataWatcher, read_again
from ctotui.ui.widgets.colors import ReadableTextApp
from ctotui.ui.widgets.format_keys import (
    TypeAhead,
    handed_to_a_field,
    run_binding_in_order,
    run_focus_move_at_once,
    type_format_character,
)

# The app's connection waits this long for another writer before a write fails (and
# the form keeps its text, its draft retried): a save never holds the screen longer.
UI_BUSY_TIMEOUT_MS = 2000

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable
    from datetime import datetime
    from types import ModuleType

    from sqlite_utils import Database
    from textual.command import Provider
    from textual.notifications import SeverityLevel
    from textual.screen import Screen

    from ctotui.ui.appdb import AppServices
    from ctotui.ui.drafts import Spilled


@dataclass(frozen=True)
class Notice:
    """A notice the app showed (a toast): what it said, its title and severity."""

    message: str
    title: str
    severity: str


NOTICES_KEPT = 50  # the app's record of recent notices keeps this many
COMMANDS_MODULE = "ctotui.ui.commands"  # the palette's providers: when the palette first opens


def _area_commands() -> type[Provider]:
    """The palette's providers load when the palette first opens, not at start-up."""
    return areas.load_module(COMMANDS_MODULE).AreaCommands


def _export_commands() -> type[Provider]:
    return areas.load_module(COMMANDS_MODULE).ExportCommands


def _sync_commands() -> type[Provider]:
    return areas.load_module(COMMANDS_MODULE).SyncCommands


QUIT_TIP = "Quit (asks first if a form holds typed text not saved)"
QUITTING = "Quitting"  # the title of the question before quitting: ctrl+q (or q) on it quits


@runtime_checkable
class HoldsText(Protocol):
    """A screen that may hold typed text quitting would lose (ui/dialogs/form.py's FormDialog)."""

    def unsaved_text(self) -> str: ...


class CtoApp(RestylesOnce, ReadableTextApp):
    """The ctotui app. One factory for the CLI, the tests and the benchmarks.

    The database opens in a thread once the first screen has painted
    (importing sqlite_utils alone costs ~90 ms); ``db`` waits for it if asked
    earlier, and ``db_ready`` turns True once it is open.
    """

    TITLE = "ctotui"
    SUB_TITLE = "the road to CTO"
    CSS_PATH = Path(__file__).with_name("app.tcss")  # absolute: subclasses live anywhere
    MODES = {a.mode: a.factory() for a in AREAS}
    DEFAULT_MODE = "dashboard"
    COMMANDS = App.COMMANDS | {_area_commands, _export_commands, _sync_commands}
    BINDINGS = [
        *(Binding(a.key, f"app.switch_mode('{a.mode}')", a.short, id=f"area.{a.mode}", tooltip=a.about) for a in AREAS),
        Binding("question_mark,f1", "app.help", "Help", id="app.help", tooltip="Every key, on one screen"),
        Binding("q", "app.quit", "Quit", id="app.quit", tooltip=QUIT_TIP),
    ]

    db_ready: var[bool] = var(False)

    def __init__(
        self,
        db_path: str | os.PathLike[str],
        *,
        db: Database | None = None,
        welcome: bool | None = None,
        mock: int | None = None,
    ) -> None:
        super().__init__()
        self.db_path = Path(db_path)
        self.pending_mock = mock  # `ctotui drill --mock N`: the drill starts it once the database is open
        self.welcome = welcome  # first-run welcome: None = only when not headless (tests opt in with True)
        self._db = db
        # Held while a thread other than the UI's uses the app's own connection (the opener, the
        # data-version check) and while it is closed: closing a connection in use crashes SQLite.
        self._db_lock = threading.RLock()
        self._closed = False
        self.startup_error: str | None = None
        self.spilled: Spilled | None = None  # drafts kept aside at exit (ui/drafts.py), or their text
        self._watcher: DataWatcher | None = None  # the DataWatcher, once the database is open
        self._readers: Readers | None = None
        self.warmed = threading.Event()  # warm_up has imported what first visits share
        # The notices shown, oldest first (Textual keeps no public list): tests read it,
        # and it can feed a "recent notices" view.
        self.notices: deque[Notice] = deque(maxlen=NOTICES_KEPT)
        self.changes_seen = 0  # commits the watcher reported (the app's own among them)
        self.changes_shown = 0  # those made elsewhere, after which the screen on view read again
        self.gone = False  # the database file was removed or replaced while the app ran: no more writes
        self.opener_waited = False  # opening waited for another program's write (said in a notice)
        self.closing = threading.Event()  # set as the app unmounts: the opener's wait for a lock ends
        self.type_ahead = TypeAhead(self)  # keys typed while a form opened by the same burst gets ready

    @property
    def db(self) -> Database:
        """The open database (opened on first use if the opener has not finished).

        The app's own connection, for writes: one short core call each, with a
        short busy timeout (``UI_BUSY_TIMEOUT_MS``) so that a save while another
        process holds the write lock fails within a moment (the form and its draft
        stay; the draft outbox writes it once the lock is gone) instead of holding
        the screen for the CLI's 10 s. Reads go through ``readers`` in thread workers."""
        if self._db is None:
            with self._db_lock:
                if self._db is None:
                    self._db = self._open_own()
        return self._db

    def _open_own(self, waiting: Callable[[int], None] | None = None) -> Database:
        """The app's own connection, opened (created, migrated) now: the opener (sqlite-utils,
        the schema steps) comes through the data layer.

        From the opener's thread (``waiting`` given) the schema's steps and a new parser's re-read
        of the numbers (writes: core/db.py) wait for another program's write as long as the CLI
        does, and ``waiting`` is told once they have waited half a second (the app says so): with
        the saves' 2 s, an import or another ctotui writing at that moment closed the app with
        "the database is locked". The connection then waits only the saves' 2 s."""
        ui_wait = min(busy_timeout_ms(), UI_BUSY_TIMEOUT_MS)
        if waiting is None:
            db = self.data_layer.open_db(self.db_path, busy_timeout=ui_wait)
        else:
            db = self.data_layer.open_db(
                self.db_path, busy_timeout=busy_timeout_ms(), waiting=waiting, gives_up=self.closing.is_set
            )
            wait_whole(db.conn, ui_wait)
        self.connection_opened(db.conn)
        return db

    def _opener_waits(self, timeout_ms: int) -> None:
        """Told in the opener's thread that opening waits for another program's write: a notice
        for as long as the wait may last, taken away once the database is open; said once (its
        second connection, for drafts and seeding, may wait too)."""
        if self.opener_waited:
            return
        self.opener_waited = True
        try:
            self.call_from_thread(
                self.notify,
                sentence(
                    f"{who_writes(self.db_path)} {display_path(Path(self.db_path))}; ctotui waits for it "
                    f"(up to {timeout_ms / 1000:g} s) before it opens"
                ),
                title="Waiting",
                timeout=max(3.0, timeout_ms / 1000),
                markup=False,
            )
        except RuntimeError:  # the app's loop closed: it is going away
            pass

    @property
    def data_layer(self) -> ModuleType:
        """ui/data_layer.py: the opener and its helpers, imported after the first paint and
        Home's first read (lazy point 2, ui/areas.py)."""
        return areas.data_layer()

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Show a notice (any widget's ``notify`` comes here) and keep it in ``notices``."""
        self.notices.append(Notice(str(message), title, severity))
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=markup)

    @property
    def readers(self) -> Readers:
        """Read-only connections, one per worker thread (see ui/readers.py)."""
        if self._readers is None:
            with self._db_lock:
                if self._readers is None:
                    self._readers = Readers(self.db_path, self.connection_opened)
        return self._readers

    def connection_opened(self, conn: sqlite3.Connection) -> None:
        """Called with every connection the app opens (its own, each reader's, the one that reads
        Home first), in the thread that opened it. Nothing to do here; a test's subclass traces queries."""

    async def on_event(self, event: events.Event) -> None:
        # a joiner typed in a field goes to it as a paste (ui/widgets/format_keys.py); the rest as Textual does
        if isinstance(event, events.Key) and not event.is_forwarded:
            if self.type_ahead.take(event):  # typed while a form opened by the same burst gets ready
                return
            if type_format_character(self, event) or run_binding_in_order(self, event):
                return
            if run_focus_move_at_once(self, event, self.type_ahead):
                return
        if handed_to_a_field(event):
            return
        if isinstance(event, events.Paste) and not event.is_forwarded:
            # a pasted bidirectional override or escape reached the terminal through the field showing
            # it (storage cleaned it only on save): the field gets what storage keeps
            kept = clean_block(event.text)
            if kept != event.text:
                event = events.Paste(kept)
        await super().on_event(event)

    def on_ready(self) -> None:
        # After the first paint: the opener's imports would otherwise share the GIL with it.
        screen = self.screen
        self._open_database(screen if isinstance(screen, ReadsFirst) and screen.READS_FIRST else None)

    @work(thread=True, exit_on_error=False, group="db")
    def _open_database(self, first_screen: ReadsFirst | None) -> None:
        """Read Home first where the file allows it (ui/first_read.py), then open the database,
        write back drafts kept aside at the last exit and read the saved theme, all in this
        thread; the UI thread then only applies the theme. (The data layer's imports happen
        here, in this thread, out of the first paint and after Home's data.)"""
        first = None
        if first_screen is not None and not self.pending_mock:
            first = read_first(first_screen, self.db_path, UI_BUSY_TIMEOUT_MS, self.connection_opened)
        if first is not None:
            try:
                self.call_from_thread(self._show_first, first_screen, first.data, first.theme)
            except RuntimeError:  # the app's loop closed: it is going away
                first.close()
                return
        as_of: tuple[tuple[int, int], datetime] | None = None
        data = self.data_layer
        try:
            with self._db_lock:
                if self._closed:
                    return
                # opened (and migrated) here, if not given
                db = self._open_own(self._opener_waits) if self._db is None else self._db
                # taken before anyone else can use it: from now on only the UI thread uses it
                token = data_version(db), db.conn.total_changes
                self._db = db
                self.readers.identity = file_identity(self.db_path)  # the file opened: readers open no other
            # This thread's own connection for the rest: one connection used by two threads at
            # once (the UI's first writes) is how a file gets reported "malformed". Content is
            # seeded here, before the UI takes its data-version baseline (_watch), so the
            # seeding is not taken for a change made elsewhere.
            opener = data.open_db(self.db_path, migrate=False, waiting=self._opener_waits, gives_up=self.closing.is_set)
            try:
                data.recover(opener)  # drafts kept aside when the app last closed
                data.ensure_questions(opener)
                data.ensure_plan_seeded(opener)
                saved = data.get_setting(opener, "theme")
            finally:
                opener.close()
            if first is not None and first.still_current(self.readers.identity):
                as_of = token, first.began
        except CtoError as exc:
            if self.closing.is_set():  # quit while the opener waited for another program's lock
                return
            if self._db is None:
                self.call_from_thread(self._fail, str(exc))
                return
            self.call_from_thread(notify_error, self, exc)
            saved = None
        finally:
            if first is not None:
                first.close()
            self.readers.ready.set()  # the reads asked for meanwhile go ahead (or, on a failure, end)
        self.call_from_thread(self._database_opened, saved, first_screen if as_of else None, as_of)

    def _show_first(self, screen: ReadsFirst, data: object, theme: object) -> None:
        if self._closed or not self.is_running:
            return
        if theme in self.available_themes and theme != self.theme:
            # The saved theme first, so that Home's data is drawn once, in it. Textual applies a new
            # theme's styles in its next turn (``call_next``): the data is shown after that, or its
            # lists and cards took their colours from the old theme (yellow on light grey, 1.4:1).
            self.theme = str(theme)
            self.call_next(screen.show_first, data)
            return
        screen.show_first(data)

    def watch_area_sheets_read(self, read: bool) -> None:
        if read:  # start-up is done (ui/restyle.py): what several first visits share, in the background
            self.warm_up()

    @work(thread=True, exit_on_error=False, group="warm")
    def warm_up(self) -> None:
        """Import ``areas.WARM_MODULES`` (lazy point 2) off the UI thread while the user reads
        Home; ``warmed`` is set when done (a visit that comes first imports what it needs itself)."""
        for name in areas.WARM_MODULES:
            areas.load_module(name)
        self.warmed.set()

    def _fail(self, message: str) -> None:
        self.startup_error = message
        self.exit(return_code=2)

    def _database_opened(
        self,
        saved_theme: object,
        first_screen: ReadsFirst | None = None,
        as_of: tuple[tuple[int, int], datetime] | None = None,
    ) -> None:
        if self.opener_waited:
            self.clear_notifications()  # "waiting for it": over (only start-up's notices are shown yet)
        if saved_theme in self.available_themes:
            self.theme = str(saved_theme)
        if first_screen is not None and as_of is not None:
            first_screen.first_read_current(as_of)  # nothing written since Home's first read: no second read
        if self.start_up_frozen:  # frozen as Home's first read was shown, before the opener was done:
            gc.freeze()  # what the opener imported lives as long as the app too (ui/restyle.py)
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        self.db_ready = True
        self._watch()
        if self.pending_mock:  # the drill starts the mock interview when it shows its data
            self.switch_mode("drill")
        else:
            self.data_layer.maybe_welcome(self, self.welcome)
        self.data_layer.start_sync(self, quiet=True)  # with the saved sync folder, if any (a worker)

    def _watch(self) -> None:
        self._watcher = DataWatcher(self, self.db_path, identity=self.readers.identity)
        self._watcher.start()
        self._check_data_version()

    def _check_data_version(self) -> None:
        """Ask the app's connection whether a commit came from elsewhere (the app's own
        writes are already on screen); the screen on view then reads again.

        On the UI thread, on purpose: ``pragma data_version`` reads a counter, not the data,
        and the app's connection is the UI thread's own. Asked from a worker it ran beside
        the UI's writes on the same connection, and SQLite reported the file as malformed
        (tests/cli/test_transfer_concurrency.py: an adder killed part-way, two apps)."""
        if self._closed:
            return
        try:
            version = data_version(self.db)
        except CtoError:
            return  # cannot tell this time: the next change asks again
        self._data_version_read(version)

    def change_token(self) -> tuple[int, int] | None:
        """What a screen compares to know whether anything was written since it last read:
        the app connection's ``data_version`` (moves when any other connection commits: the
        CLI, another window, an import, the readers' own first-use seeding) and its
        ``total_changes`` (moves with each of the app's own writes). None while the database
        is not open or cannot say: then the screen reads.

        On the UI thread, like ``_check_data_version``: both read counters, not the data,
        and the app's connection is the UI thread's own."""
        if not self.db_ready or self._closed or self._db is None:
            return None
        try:
            return data_version(self._db), self._db.conn.total_changes
        except CtoError:
            return None

    def _data_version_read(self, version: int) -> None:
        if self._watcher is not None and self._watcher.seen(version):  # a commit from elsewhere
            self.changes_shown += 1
            read_again(self)

    def on_database_gone(self) -> None:
        """The path no longer names the file the app opened (the watcher or a read saw it):
        from now on the app's connection refuses every write (a save after ``mv other.db x.db``
        went into the new file's pages through the shared ``-wal``), forms keep their text as
        for a locked database, and the user is told once."""
        if self.gone or not self.db_ready or self._closed:
            return
        self.gone = True
        if self._watcher is not None:
            self._watcher.stop()
        if self._db is not None:
            refuse_writes(self._db, self.db_path)
        words = sentence(gone_words(self.db_path))
        self.notify(words, title="The database file is gone", severity="error", timeout=60, markup=False)

    def on_data_changed(self) -> None:
        """Someone wrote to the database: if it was not this app, the screen on view reads again."""
        self.changes_seen += 1
        self._check_data_version()

    def _remember_theme(self, theme) -> None:
        # a refused write is a notice, not a crash
        guarded(self, self.data_layer.set_setting, self.db, "theme", theme.name)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "switch_mode" and parameters and parameters[0] == self.current_mode:
            return None  # the area on view: its key is dimmed in the footer (it would do nothing)
        return True

    async def action_quit(self) -> None:
        """q and ctrl+q: quit at once, unless a form (on any area's stack) holds typed text it keeps
        no draft of: then ask, and "back" shows that form. Asked again on the question, it quits."""
        held = self.unsaved_forms()
        question = self.screen
        if not held or getattr(question, "dialog_title", None) == QUITTING:
            self.exit()
            return
        mode, what = held[0]

        def chosen(answer: str | None) -> None:
            if answer == "quit":
                self.exit()
            elif mode != self.current_mode:
                self.switch_mode(mode)

        self.push_screen(
            self.data_layer.ChoiceDialog(
                "Quit without saving what you typed?",
                [("back", "Back to the form"), ("quit", "Quit")],
                safe="back",  # enter and escape: back to the form
                detail=f"“{what}” holds text that is not saved and keeps no draft: ctrl+s in the form saves it.",
                title=QUITTING,
            ),
            chosen,
        )

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Textual's own palette entries, less two: "Keys" (a panel beside ctotui's help that escape
        does not close; ? shows every key) and "Screenshot" (it saves into ~/Downloads and, where
        that folder is missing, fails with no reason). Quit says what it does here."""
        for command in super().get_system_commands(screen):
            if command.title in ("Keys", "Screenshot"):
                continue
            if command.title == "Quit":
                command = SystemCommand("Quit", QUIT_TIP, self.action_quit)
            yield command

    def unsaved_forms(self) -> list[tuple[str, str]]:
        """(mode, form title) of each open form holding typed text it keeps no draft of."""
        held = []
        for mode in self.MODES:
            try:
                stack = self.get_screen_stack(mode)
            except KeyError:  # an area not opened yet
                continue
            held += [(mode, s.unsaved_text()) for s in stack if isinstance(s, HoldsText) and s.unsaved_text()]
        return held

    def action_help(self) -> None:
        help_screen = self.data_layer.HelpScreen
        if not isinstance(self.screen, help_screen):
            self.push_screen(help_screen())

    def on_unmount(self) -> None:
        self.closing.set()  # before the lock: an opener waiting for another program's write lets go of it
        if self._watcher is not None:
            self._watcher.stop()
        with self._db_lock:  # waits for the opener or a data-version check still using it
            self._closed = True
            if self._db is not None:
                self.spilled = self.data_layer.spill_held(self)  # drafts the database still refuses, kept in a file
                # closed even when the file was removed or replaced: the close folds the app's own
                # -wal into the file it belongs to and removes it; left open, that -wal stayed beside
                # the replacement, which then read as damaged
                self._db.close()
        if self._readers is not None:
            self._readers.close_all()  # each once the read running on it (if any) is done


if TYPE_CHECKING:  # mypy checks that CtoApp offers what ui/appdb.py promises the screens
    _offers: type[AppServices] = CtoApp
