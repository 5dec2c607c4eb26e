"""The logs in the sync folder: ``<device id>.jsonl``, one JSON record a line,
appended to by its own device only.

A record: ``{"device", "hlc", "table", "id", "fields": {...}}``, or with
``"deleted": true`` instead of fields (a tombstone). Reading starts at a byte
offset and stops before the first line that is unfinished (no newline yet: a
sync tool is still copying it) or not a record: it is reported, and the offset
returned is the start of that line, so it is read again next time. Files whose
names are not a device id followed by ``.jsonl`` are not logs and are ignored.

A log is a regular file. One named as a log that is not (a symbolic link, which
git and sync tools carry, a folder, a pipe) is never read nor written through:
appending through a link would write the journal into whatever it points to
(``~/.bashrc``). It is refused with ``NotALog`` and the sync says so in a warning.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ctotui.core.sync.hlc import PATTERN as HLC_PATTERN

LOG_NAME = re.compile(r"^([0-9a-f]{32})\.jsonl$")
SUFFIX = ".jsonl"


class NotALog(ValueError):
    """A file named as a log that is not a regular file (see the module's note)."""


def check_regular(path: Path) -> None:
    """NotALog when ``path`` is there and is not a regular file (not followed if a link)."""
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return
    if not stat.S_ISREG(mode):
        kind = "a symbolic link" if stat.S_ISLNK(mode) else "a folder" if stat.S_ISDIR(mode) else "a special file"
        raise NotALog(f"{path.name}: {kind}, not a regular file: never read or written as a log; move it away")


def _open(path: Path, flags: int) -> int:
    """A descriptor on the log, never through a symbolic link (O_NOFOLLOW: one put there after
    the check is refused by the system too); OSError otherwise. A new log is mode 0600: it
    holds the journal (the sync tool copies the bytes, whatever mode the copies get)."""
    check_regular(path)
    fd = os.open(path, flags | os.O_NOFOLLOW | os.O_NONBLOCK, 0o600)  # created private, as exports and backups
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise NotALog(f"{path.name}: not a regular file: never read or written as a log; move it away")
    return fd


@dataclass(frozen=True)
class Record:
    device: str
    hlc: str
    table: str
    gid: str
    fields: dict[str, Any] | None  # None: a tombstone

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"device": self.device, "hlc": self.hlc, "table": self.table, "id": self.gid}
        if self.fields is None:
            out["deleted"] = True
        else:
            out["fields"] = self.fields
        return out

    def line(self) -> bytes:
        text = json.dumps(self.to_json(), ensure_ascii=False, sort_keys=True, allow_nan=False)
        return (text + "\n").encode("utf-8")


@dataclass
class ReadResult:
    records: list[Record] = field(default_factory=list)
    offset: int = 0  # where the next read starts
    warning: str | None = None


def log_path(folder: Path, device: str) -> Path:
    return folder / f"{device}{SUFFIX}"


def logs(folder: Path) -> Iterator[tuple[str, Path]]:
    """(device, path) of every file named as a log in the folder, by device id (reading one
    that is not a regular file raises NotALog); other files are ignored."""
    for entry in sorted(os.scandir(folder), key=lambda e: e.name):
        match = LOG_NAME.match(entry.name)
        if match and not entry.is_dir(
            follow_symlinks=False
        ):  # a link or another file named as a log: refused when read
            yield match.group(1), Path(entry.path)


def parse(line: bytes, device: str) -> Record:
    """One line as a record of ``device``; ValueError when it is not one."""
    try:
        data = json.loads(line.decode("utf-8"))
    except RecursionError:  # thousands of nested brackets: a damaged line as any other (as import_json.py)
        raise ValueError("nested too deeply to be a record") from None
    if not isinstance(data, dict):
        raise ValueError("not a JSON object")
    if data.get("device") != device:
        raise ValueError(f"the record names device {data.get('device')!r}, not the file's")
    hlc, table, gid = data.get("hlc"), data.get("table"), data.get("id")
    if not isinstance(hlc, str) or not HLC_PATTERN.match(hlc):
        raise ValueError("no valid clock time")
    if not isinstance(table, str) or not table or not isinstance(gid, str) or not gid:
        raise ValueError("no table or id")
    if data.get("deleted") is True:
        return Record(device, hlc, table, gid, None)
    fields = data.get("fields")
    if not isinstance(fields, dict) or not all(isinstance(k, str) for k in fields):
        raise ValueError("no fields")
    return Record(device, hlc, table, gid, fields)


def read_from(path: Path, device: str, offset: int) -> ReadResult:
    """The complete records of ``path`` from byte ``offset`` on (see the module's note)."""
    with os.fdopen(_open(path, os.O_RDONLY), "rb") as f:
        f.seek(offset)
        data = f.read()
    result = ReadResult(offset=offset)
    pos = 0
    number = 0
    while pos < len(data):
        end = data.find(b"\n", pos)
        if end < 0:
            result.warning = f"{path.name}: the last line is unfinished (still being copied?); read again next time"
            break
        line = data[pos:end]
        number += 1
        if line.strip():
            try:
                result.records.append(parse(line, device))
            except (ValueError, UnicodeDecodeError) as exc:
                result.warning = (
                    f"{path.name}: a line at byte {offset + pos} is not a record ({exc}); "
                    "it and the lines after it are read again next time"
                )
                break
        pos = end + 1
        result.offset = offset + pos
    return result


def unfinished_from(path: Path, offset: int) -> bool:
    """Whether what follows ``offset`` is one line without its newline (a write cut short)."""
    with os.fdopen(_open(path, os.O_RDONLY), "rb") as f:
        f.seek(offset)
        return b"\n" not in f.read()


def append(path: Path, records: list[Record]) -> int:
    """Append the records and fsync them to disk; the file's size after."""
    new = not path.exists()
    with os.fdopen(_open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT), "ab") as f:
        for record in records:
            f.write(record.line())
        f.flush()
        os.fsync(f.fileno())
        size = f.tell()
    if new:
        _fsync_folder(path.parent)
    return size


def _fsync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return  # not every system opens a folder (the file itself is on disk)
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


TAIL = 256  # bytes before a mark that tell whether the log is still the one read up to it


def tail_of(path: Path, offset: int) -> str:
    """A digest of the ``TAIL`` bytes before ``offset`` ("" for offset 0 or a log gone): kept with a
    mark, it tells whether the bytes up to the mark are still those that were read. A log written
    again (lost and sent anew, restored from an older copy, a line mended or taken out by hand) can
    come out longer than the mark: an offset alone then fell inside a line (read as damaged, for
    good) or at the end of another record (what followed it was never read)."""
    if offset <= 0:
        return ""
    try:
        with os.fdopen(_open(path, os.O_RDONLY), "rb") as f:
            f.seek(max(0, offset - TAIL))
            data = f.read(min(offset, TAIL))
    except FileNotFoundError:
        return ""
    return hashlib.blake2b(data, digest_size=16).hexdigest() if len(data) == min(offset, TAIL) else ""


def size(path: Path) -> int:
    try:
        return path.stat().st_size
    except FileNotFoundError:
        return 0
