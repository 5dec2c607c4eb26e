"""Reading the database off the event loop: one connection per worker thread.

Screens and dialogs read their data in Textual thread workers (``read_then_show``):
the worker asks ``Readers.here()`` for its thread's own connection (opened on first
use in that thread and kept for the thread's next work: Textual runs thread workers
on a small pool of reused threads), calls a core function, and hands the frozen
result to the UI thread, which only builds widgets from it. A connection is used
only by the thread that opened it; ``close_all`` at the app's exit closes them
(SQLite allows closing from another thread once nothing runs on them).

The connections are not opened read-only (``mode=ro``) when the file can be written: a few reads write first,
once, the way the CLI's do (the action plan seeds itself from the playbook and
starts its clock on first use). Such a write waits for the lock in the worker,
never on the UI thread, and the app sees it as a change made elsewhere (one
extra read of the screen on view).

The app's own connection (``app.db``) is for writes: short, one core call each.

A reader never creates the database: it opens only the file the app opened
(``identity``, its device and inode), checked with one ``stat`` before each read. A
path that names no file, or another file (removed or replaced while the app runs), is
the fault the app shows once (core/watch.py's ``gone_error``; the read posts
``DatabaseGone`` so the app says it even before its watcher looks). A file the user
may not write is opened read-only (``open_db(read_only=True)``): the reads still
work; the rare read that writes first says the file is read-only.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
import weakref
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from textual.dom import DOMNode
from textual.message import Message
from textual.message_pump import MessagePump
from textual.worker import Worker, get_current_worker

from ctotui.core.dbfile import lost_schema, unwritable
from ctotui.core.errors import CtoError, StorageError, storage_error
from ctotui.core.watch import Identity, file_identity, gone_error
from ctotui.ui import areas
from ctotui.ui.appdb import app_of
from ctotui.ui.guard import notify_error

if TYPE_CHECKING:
    from sqlite_utils import Database

T = TypeVar("T")
CLOSING = "the app is closing"

# owner -> group -> the number of its latest read: an older read's result is dropped
_LATEST: weakref.WeakKeyDictionary[MessagePump, dict[str, int]] = weakref.WeakKeyDictionary()


class DatabaseGone(Message):
    """The database file was removed or replaced while the app ran (a read or the watcher saw it)."""


class Readers:
    """The reading connections of one app, one per thread that asked for one."""

    def __init__(self, path: Path, opened: Callable[[sqlite3.Connection], None]) -> None:
        self.path = path
        self.opened = opened  # told of every connection (the app's hook: tests trace queries through it)
        self._local = threading.local()
        self._all: list[tuple[Database, threading.RLock]] = []
        self._lock = threading.Lock()
        self._closed = False
        # Set once the app has opened (created, migrated, seeded) the file: a read asked for
        # earlier (a key pressed as the app starts on a new file) waits for it instead of
        # finding no tables. close_all sets it too, so that no read waits past the exit.
        self.ready = threading.Event()
        # the file the app opened (set by the app before ``ready``; else taken at the first read)
        self.identity: Identity | None = None

    @contextlib.contextmanager
    def reading(self) -> Iterator[Database]:
        """This thread's own connection (opened now if the thread has none; no migration:
        the app did that, and a read waits until it has), held busy while the block runs so
        ``close_all`` waits for it."""
        self.ready.wait()
        now = file_identity(self.path)  # one stat: the path still names the file the app opened
        if self.identity is None:
            self.identity = now
        if now is None or now != self.identity:
            raise gone_error(self.path)
        db, busy = self._mine()
        with busy:
            if self._closed:
                raise CtoError(CLOSING)
            yield db

    def _mine(self) -> tuple[Database, contextlib.AbstractContextManager[Any]]:
        mine = getattr(self._local, "mine", None)
        if mine is None:
            if self._closed:
                raise CtoError(CLOSING)
            read_only = unwritable(self.path) is not None  # reads still work; writes say why not
            # the opener: lazy point 2 (ui/areas.py)
            db = areas.data_layer().open_db(self.path, migrate=False, read_only=read_only)
            self.opened(db.conn)
            mine = (db, threading.RLock())
            with self._lock:
                if self._closed:
                    db.close()
                    raise CtoError(CLOSING)
                self._all.append(mine)
            self._local.mine = mine
        return mine

    def close_all(self) -> None:
        """Close every connection, each once the read running on it (if any) has finished:
        closing a connection while another thread runs a statement on it crashes SQLite."""
        with self._lock:
            self._closed = True
            mine, self._all = self._all, []
        self.ready.set()
        for db, busy in mine:
            with busy:
                db.close()


def being_removed(node: MessagePump) -> bool:
    """Whether Textual is removing ``node``: it removes the children first, while the node is still
    attached, and a read shown then met its widgets gone (``NoMatches``: the journal's detail
    pane, a traceback). Textual's public ``display`` is False for such a node even when its style
    would show it."""
    return isinstance(node, DOMNode) and not node.display and node.styles.display != "none"


def supersede(owner: MessagePump, group: str) -> None:
    """A read of ``group`` still under way is no longer shown: what it would show came another way."""
    latest = _LATEST.setdefault(owner, {})
    latest[group] = latest.get(group, 0) + 1


def read_then_show(
    owner: MessagePump,
    read: Callable[[Database], T],
    show: Callable[[T], Any],
    *,
    group: str = "read",
    failed: Callable[[CtoError], Any] | None = None,
) -> Worker[None]:
    """Run ``read(db)`` in a thread worker on that thread's read connection, then
    ``show(result)`` on the UI thread (skipped if a newer read of the same owner and
    group started meanwhile, or ``owner`` is gone). A read the database refuses is a
    notice (or ``failed(error)``), never a traceback.

    Only the latest read of a group counts. That is kept with a counter rather than
    Textual's ``exclusive`` workers: a thread cannot be stopped anyway, and a cancelled
    worker makes ``app.workers.wait_for_complete()`` raise (tests and the benchmark wait
    on it)."""
    app = owner.app
    latest = _LATEST.setdefault(owner, {})
    ticket = latest[group] = latest.get(group, 0) + 1

    def current() -> bool:
        return latest.get(group) == ticket

    def work() -> None:
        worker = get_current_worker()
        if not current():
            return  # a newer read of the group started before this one ran
        reader: Database | None = None
        try:
            with app_of(app).readers.reading() as reader:
                data = read(reader)
        except CtoError as exc:
            if isinstance(exc, StorageError) and exc.kind == "gone":
                _gone()
                if failed is None:
                    return
            _report(exc)
            return
        except sqlite3.Error as exc:  # a storage fault outside the connection's translation
            error = storage_error(exc)
            if error is None and reader is not None:  # "no such table" met while fetching rows
                error = lost_schema(reader.conn, exc)
            if error is None:
                raise
            _report(error)
            return
        if worker.is_cancelled or not current():
            return
        try:
            app.call_from_thread(_show, worker, data)
        except RuntimeError:  # the app's loop closed under us: it is going away
            return

    def _show(worker: Worker[None], data: T) -> None:
        # not app.is_running: the app is shutting down (its widgets may be half gone) without
        # having been asked to exit (a test's end), which is_attached alone does not see
        if worker.is_cancelled or not current() or not owner.is_attached or not app.is_running or being_removed(owner):
            return
        show(data)

    def _gone() -> None:
        # the app says it once (CtoApp.on_database_gone); every read after it is refused quietly
        try:
            app.post_message(DatabaseGone())
        except RuntimeError:
            return

    def _report(error: CtoError) -> None:
        def tell() -> None:
            if not app.is_running:
                return
            if failed is not None:
                failed(error)
            else:
                notify_error(owner, error)

        try:
            app.call_from_thread(tell)
        except RuntimeError:
            return

    return owner.run_worker(work, thread=True, group=group)  # type: ignore[attr-defined]  # every owner is a Widget, a Screen or the App: each has run_worker
