"""``sync(db, folder)``: send this device's changes to its log in the folder, then
apply every other device's new records, all in one write transaction.

Order of events, and what a kill at any point leaves:

1. This device's own log may hold records past the point the database marked
   sent in this folder (the last sync died after writing them, or the database
   is a restored backup): they are taken into the field state as sent, so they
   are not written twice, and onto the tables, except the rows changed here
   since (those newer edits are sent). The mark is kept per folder (its size and
   the latest clock time in it); with no mark, or a log shorter than it (a new
   folder, the file lost or replaced), the log is read from its start. Then
   what the log lacks, every value this device sent later than its latest clock
   time (to another folder, or never here), is appended from the state.
2. The changes noted since are compared, turned into records, appended to the
   log and fsynced; only then does the transaction mark them sent (it commits
   at the end). Killed before the commit: step 1 finds them next time.
3. Each other log is read from its offset; the records go into the state and
   onto the tables, and the new offset is stored, with the digest of the bytes
   before it, in the same transaction: killed before the commit, nothing of it
   happened, and it is read again. A log whose bytes before the offset are no
   longer those (written again by its device, restored from an older copy,
   mended by hand) is read again from its start: taking a record in twice
   changes nothing, and an offset into other bytes fell inside a line (read as
   damaged for good) or past records never read.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ctotui.core import clock
from ctotui.core.errors import CtoError
from ctotui.core.settings import get_setting, set_setting
from ctotui.core.sync import apply, log, send, state
from ctotui.core.sync.admit import Admission, NotYet, Refused, refusal
from ctotui.core.sync.hlc import Hlc, seen
from ctotui.core.text import clean_line
from ctotui.core.userpath import user_path

if TYPE_CHECKING:
    from sqlite_utils import Database

FOLDER_SETTING = "sync.folder"


class SyncError(CtoError):
    """The sync cannot run (no folder, a folder that cannot be used)."""


@dataclass
class SyncReport:
    device: str
    sent: int = 0
    applied: dict[str, int] = field(default_factory=dict)  # device -> records taken in from its log
    warnings: list[str] = field(default_factory=list)
    refused: int = 0  # records that break the rules (each named in warnings): not taken in
    deferred: int = 0  # records not taken in yet by this machine's clock (admit.NotYet): asked again next time
    waiting: int = 0  # rows received that cannot be written yet (what they need has not arrived)


@dataclass(frozen=True)
class DeviceStatus:
    device: str | None  # None: this device, which gets its id at its first sync
    this: bool
    records: int  # sent (this device) or applied here (the others)
    last_at: str | None
    in_folder: int | None  # records in its log in the folder now (None: no log there, or no folder)


def saved_folder(db: Database) -> Path | None:
    value = get_setting(db, FOLDER_SETTING)
    return Path(value) if isinstance(value, str) and value else None


def save_folder(db: Database, folder: str | os.PathLike[str]) -> Path:
    path = check_folder(folder)
    set_setting(db, FOLDER_SETTING, str(path))
    return path


def check_folder(folder: str | os.PathLike[str]) -> Path:
    """The folder as an absolute path, or SyncError: empty text (an unset variable: not the
    current directory), not a folder, or one that cannot be written to."""
    if isinstance(folder, str) and not folder.strip():
        raise SyncError("the sync folder given is empty (an unset variable?); give the folder's path")
    path = user_path(folder)
    if not path.is_dir():
        raise SyncError(f"{path}: not a folder (make it, or point to the folder your sync tool keeps in step)")
    if not os.access(path, os.W_OK | os.X_OK):
        raise SyncError(f"{path}: this folder cannot be written to")
    return path.resolve()


def sync(db: Database, folder: str | os.PathLike[str] | None = None) -> SyncReport:
    """Send, then apply (see the module's note)."""
    where = check_folder(folder) if folder is not None else saved_folder(db)
    if where is None:
        raise SyncError("no sync folder: give one (ctotui sync DIR) or save one (ctotui sync --set-dir DIR)")
    where = check_folder(where)
    with db.atomic():
        send.prepare(db)
    with db.atomic():
        me = state.device_id(db)
        report = SyncReport(me)
        hlc = state.load_clock(db)
        now = clock.utc_iso()
        try:
            log.check_regular(log.log_path(where, me))
        except log.NotALog as exc:  # nothing is sent (the changes wait); the others' logs are read
            report.warnings.append(str(exc))
        else:
            hlc = _send(db, where, me, hlc, report, now)
        touched: set[tuple[str, str]] = set()
        start = db.execute("select coalesce(max(seq), 0) from _sync_dirty").fetchone()[0]
        admission = Admission(db)
        waiting = _deferred(db)
        for device, taken in _take_in_deferred(db, admission, waiting, report, touched).items():
            hlc = _seen_all(hlc, taken)  # as every record taken in: a later edit here comes after it
            report.applied[device] = len(taken)
        for device, path in log.logs(where):
            if device == me:
                continue
            _offset, records, _last = state.device_row(db, device)
            offset, tail = state.read_mark(db, str(where), device)  # this folder's copy of its log
            if offset and (log.size(path) < offset or tail not in (None, log.tail_of(path, offset))):
                offset = records = 0  # the log was written again: read it all again, harmlessly
            try:
                result = log.read_from(path, device, offset)
            except log.NotALog as exc:
                report.warnings.append(str(exc))
                continue
            if result.warning:
                report.warnings.append(result.warning)
            taken = _take_in(db, admission, path.name, result.records, report, touched, waiting)
            hlc = _seen_all(hlc, taken)
            report.applied[device] = report.applied.get(device, 0) + len(taken)
            state.save_device(db, device, result.offset, records + len(result.records), now)
            state.mark_read(db, str(where), device, result.offset, log.tail_of(path, result.offset))
        _keep_deferred(db, waiting)
        report.deferred = sum(len(lines) for lines in waiting.values())
        report.waiting = apply.materialize(db, touched)
        db.execute("delete from _sync_dirty where seq > ?", [start])  # the apply's writes: not this device's changes
        state.save_clock(db, hlc)
    return report


def _send(db: Database, folder: Path, me: str, hlc: Hlc, report: SyncReport, now: str) -> Hlc:
    path = log.log_path(folder, me)
    _offset, sent, _last = state.device_row(db, me)
    size = log.size(path)
    mark = state.own_log_mark(db, str(folder))
    # Where this database last left its log in this folder, and the latest clock time in it.
    # No mark, or a log shorter than the mark or other bytes before it (replaced, lost, mended by
    # hand): the log is read from its start.
    kept = mark is not None and mark[0] <= size and mark[2] in (None, log.tail_of(path, mark[0]))
    offset, latest = (mark[0], mark[1]) if kept and mark is not None else (0, "")
    # Written again since (lost, restored, mended by hand): its records are taken as sent, but
    # all this device's history is appended again, since a line taken out or an older copy may
    # lack values older than its latest; taking a value in twice changes nothing anywhere.
    written_again = mark is not None and not kept
    if size > offset:  # records this database has not marked sent here (a sync that died, a backup)
        result = log.read_from(path, me, offset)
        touched: set[tuple[str, str]] = set()
        hlc = _seen_all(hlc, _take_in(db, Admission(db), path.name, result.records, report, touched))
        for record in result.records if not written_again else ():
            latest = max(latest, record.hlc)
        apply.materialize(db, touched - _edited_here(db, touched))
        if mark is not None:
            sent += len(result.records)
        offset = result.offset
        if result.warning and log.unfinished_from(path, offset):
            os.truncate(path, offset)  # our own last line, cut short by a kill: nobody can read it
        elif result.warning:  # a damaged line with more after it: left as it is, written after
            report.warnings.append(result.warning)
            offset = size
    again = send.history(db, me, latest)  # what this log lacks: sent to another folder, or never here
    if again:
        offset = log.append(path, again)
    records, hlc = send.collect(db, me, hlc)
    if records:
        offset = log.append(path, records)
    for record in again + records:
        latest = max(latest, record.hlc)
    report.sent = len(again) + len(records)  # what was written to this folder's log
    state.save_device(db, me, offset, sent + len(records), now)
    state.mark_own_log(db, str(folder), offset, latest, log.tail_of(path, offset))
    return hlc


DEFERRED = "deferred"  # the _sync_state key of the records kept aside (admit.NotYet), as JSON lines by device


def _deferred(db: Database) -> dict[str, list[str]]:
    """The records kept aside at earlier syncs, by device: each its log line (JSON)."""
    text = state.get(db, DEFERRED)
    kept = json.loads(text) if text else {}
    return {str(d): [str(line) for line in lines] for d, lines in kept.items()} if isinstance(kept, dict) else {}


def _keep_deferred(db: Database, waiting: dict[str, list[str]]) -> None:
    state.put(db, DEFERRED, json.dumps({d: lines for d, lines in waiting.items() if lines}, sort_keys=True))


def _take_in_deferred(
    db: Database, admission: Admission, waiting: dict[str, list[str]], report: SyncReport, touched: set[tuple[str, str]]
) -> dict[str, list[log.Record]]:
    """Ask again the records kept aside: those whose time has come are taken in (a later
    record of theirs read before them changes nothing: the newest clock time of each field wins);
    the others stay aside. The records taken, by device."""
    taken: dict[str, list[log.Record]] = {}
    for device, lines in list(waiting.items()):
        waiting[device] = []
        records = []
        for line in lines:
            try:
                records.append(log.parse(line.encode("utf-8"), device))
            except (ValueError, UnicodeError):  # kept by hand or by another version: not a record now
                continue
        got = _take_in(db, admission, log.log_path(Path(), device).name, records, report, touched, waiting)
        if got:
            taken[device] = got
    return taken


def _take_in(
    db: Database,
    admission: Admission,
    log_name: str,
    records: list[log.Record],
    report: SyncReport,
    touched: set[tuple[str, str]],
    waiting: dict[str, list[str]] | None = None,
) -> list[log.Record]:
    """Take the records that follow the rules into the field state (admit.py), noting the
    rows whose values changed in ``touched``; the others are named in the report. A record not
    taken in yet by this machine's clock (``NotYet``) is kept aside in ``waiting``, when given.
    The records taken."""
    taken = []
    for record in records:
        try:
            record = admission.admit(record)
        except NotYet as reason:
            if waiting is None:
                report.refused += 1
                report.warnings.append(refusal(log_name, record, Refused(str(reason))))
            else:
                kept = waiting.setdefault(record.device, [])
                line = record.line().decode("utf-8").rstrip("\n")
                if line not in kept:  # a log read again from its start finds it again
                    kept.append(line)
                report.warnings.append(refusal(log_name, record, reason))
            continue
        except Refused as reason:
            report.refused += 1
            report.warnings.append(refusal(log_name, record, reason))
            continue
        taken.append(record)
        if apply.absorb(db, record):
            touched.add((record.table, record.gid))
    return taken


def _seen_all(hlc: Hlc, records: list[log.Record]) -> Hlc:
    """The clock moved past the records taken in (a refused one never moves it)."""
    for record in records:
        hlc = seen(hlc, Hlc.parse(record.hlc))
    return hlc


def _edited_here(db: Database, rows: set[tuple[str, str]]) -> set[tuple[str, str]]:
    """Those of ``rows`` changed here since the last send: their newer values are sent, not overwritten."""
    noted = set(db.execute("select tbl, local_id from _sync_dirty where gid is null").fetchall())
    return {(t, g) for t, g in rows if (t, state.local_of(db, t, g)) in noted}


def status(db: Database, folder: Path | None) -> list[DeviceStatus]:
    """Every device seen (this one first), with what it sent or what was applied from it.
    Only reads: a device that has never synced has no id yet (``device`` None)."""
    me = state.get(db, "device")
    counts: dict[str, int] = {}
    if folder is not None and folder.is_dir():
        for device, path in log.logs(folder):
            if path.is_symlink() or not path.is_file():
                continue  # not a log (log.py's note): not opened
            with path.open("rb") as f:
                counts[device] = sum(1 for line in f if line.endswith(b"\n") and line.strip())
    known = {d: (records, last) for d, _o, records, last in state.devices(db)}
    for device in counts:
        known.setdefault(device, (0, None))
    if me is not None:
        known.setdefault(me, (0, None))
    # a device's id as shown: an id written into _sync_devices by another tool cannot drive the terminal
    out = [DeviceStatus(clean_line(d), d == me, r, last, counts.get(d)) for d, (r, last) in known.items()]
    if me is None:
        out.append(DeviceStatus(None, True, 0, None, None))
    return sorted(out, key=lambda s: (not s.this, s.device or ""))
