"""Helpers shared by the transfer tests (export, import, backup, check)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from ctotui.core.db import open_db

DATA = Path(__file__).parent / "data"
JRNL_SAMPLE = DATA / "jrnl_export.json"


def export_of(db) -> str:
    from ctotui.core.data.export_json import export_text

    return export_text(db)


def file_hash(db) -> str:
    """The database file's bytes, once everything committed is in it."""
    db.execute("pragma wal_checkpoint(truncate)")
    path = Path(db.execute("pragma database_list").fetchone()[2])
    return hashlib.sha256(path.read_bytes()).hexdigest()


def snapshot(db) -> tuple[str, str]:
    """What "unchanged" means: the same export and the same file bytes."""
    return export_of(db), file_hash(db)


def demo_db(path: Path, achievements: int = 60, seed: int = 7):
    from ctotui.core.demo import build as demo

    db = open_db(path)
    demo.fill(db, achievements=achievements, seed=seed, force=True)
    return db


def write_json(path: Path, data: Any) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def export_data(db) -> dict[str, Any]:
    return json.loads(export_of(db))
