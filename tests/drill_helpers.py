"""Helpers for the drill's tests."""

from __future__ import annotations


def fresh(db_path, fn, *args, **kw):
    """Call a core function through a new connection, as another process would."""
    from ctotui.core.db import open_db

    db = open_db(db_path)
    try:
        return fn(db, *args, **kw)
    finally:
        db.close()
