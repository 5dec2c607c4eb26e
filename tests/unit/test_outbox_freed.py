"""The drafts' outbox (ui/drafts.py) does not keep its app alive. The outboxes are kept per
app in a WeakKeyDictionary, and an outbox that referred to its app strongly kept its entry,
so the app, its screens and all they drew, for as long as the process ran. The app runs one
app a process, but the test suite's workers run hundreds: they grew to 700 MB, and each full
collection of the cyclic collector walked all of it."""

from __future__ import annotations

import gc
import weakref

from textual.app import App

from ctotui.core.db import open_db
from ctotui.ui.drafts import outbox


def test_an_outbox_does_not_keep_its_app(db_path) -> None:
    db = open_db(db_path)
    try:
        app = App()
        box = outbox(app, db)
        assert outbox(app, db) is box and box.app is app  # one per app
        gone = weakref.ref(app)
        del app
        gc.collect()
        assert gone() is None
    finally:
        db.close()
