"""Simulated devices for the sync tests: each a real SQLite file with its own view
of the shared folder, which a fake sync tool fills by copying the other devices'
logs (a prefix of them, cut anywhere: mid-line too)."""

from __future__ import annotations

import io
import shutil
from dataclasses import dataclass
from pathlib import Path

from ctotui.core.db import open_db
from ctotui.core.sync import log, portable, run, state


@dataclass
class Device:
    db_path: Path
    folder: Path

    def __post_init__(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        self.db = open_db(self.db_path)
        self.id = state.device_id(self.db)

    def sync(self) -> run.SyncReport:
        return run.sync(self.db, self.folder)

    def export(self) -> str:
        out = io.StringIO()
        portable.write_portable(self.db, out)
        return out.getvalue()

    def own_log(self) -> Path:
        return log.log_path(self.folder, self.id)

    def close(self) -> None:
        self.db.close()


def make_devices(root: Path, count: int, template: Path | None = None) -> list[Device]:
    """``count`` devices in ``root``; each database a copy of ``template`` (an empty database at this
    schema, not yet synced: conftest's ``empty_template``) where given, else made and migrated."""
    if template is not None:
        for i in range(count):
            shutil.copyfile(template, root / f"dev{i}.db")
    return [Device(root / f"dev{i}.db", root / f"folder{i}") for i in range(count)]


def copy_log(src: Device, dst: Device, fraction: float = 1.0) -> None:
    """The sync tool copies ``src``'s log into ``dst``'s folder: a prefix of it
    (``fraction`` of its bytes, never less than is there already: logs only grow)."""
    source = src.own_log()
    if not source.exists() or src is dst:
        return
    data = source.read_bytes()
    target = log.log_path(dst.folder, src.id)
    have = target.stat().st_size if target.exists() else 0
    keep = max(have, int(len(data) * fraction))
    tmp = target.with_suffix(".part")
    tmp.write_bytes(data[:keep])
    shutil.move(tmp, target)


def spread(devices: list[Device]) -> None:
    """The sync tool catches up: every log everywhere, whole."""
    for src in devices:
        for dst in devices:
            copy_log(src, dst)


def settle(devices: list[Device]) -> None:
    """Everyone syncs until nothing moves: two rounds of copy-and-sync after the last change."""
    for _ in range(2):
        for device in devices:
            spread(devices)
            device.sync()
    spread(devices)
    for device in devices:
        device.sync()


STRANGER = "1" * 32  # a device id no test device has: records "from another device"


def entry_record(gid: str, hlc: str, **fields: object) -> dict[str, object]:
    """A log line from ``STRANGER`` carrying an achievement (``fields`` replace the defaults)."""
    values = {
        "title": "An entry",
        "body": "",
        "occurred_on": "2026-03-01",
        "category": "scale",
        "created_at": "2026-03-01T10:00:00+00:00",
        "updated_at": "2026-03-01T10:00:00+00:00",
        "deleted_at": None,
        "tags": [],
        "skills": [],
        "links": [],
        **fields,
    }
    return {"device": STRANGER, "hlc": hlc, "table": "achievements", "id": gid, "fields": values}
