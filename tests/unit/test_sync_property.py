"""Devices that edit, delete, rate and answer offline, and sync in any order while
a fake sync tool copies their logs late and in pieces, end with the same data:
their global-id exports (core/sync/portable.py) are byte-identical."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from sync_helpers import Device, copy_log, make_devices, settle, spread

from ctotui.core import playbook
from ctotui.core.drill import bank as drill
from ctotui.core.errors import CtoError
from ctotui.core.journal import entries, trash
from ctotui.core.people import conversations, persons
from ctotui.core.review import weekly
from ctotui.core.skills import stack
from ctotui.core.timeline import plan

TITLES = ("Cut p95 latency", "Hired two seniors", "Ran the incident review", "Shipped billing v2")
TAGS = ("perf", "team", "ops", "money")
WEEK = "2026-W10"


device_no = st.integers(min_value=0, max_value=2)
pick = st.integers(min_value=0, max_value=50)
ops = st.one_of(
    st.tuples(st.just("add"), device_no, st.sampled_from(TITLES), st.lists(st.sampled_from(TAGS), max_size=2)),
    st.tuples(st.just("title"), device_no, pick, st.sampled_from(TITLES)),
    st.tuples(st.just("tags"), device_no, pick, st.lists(st.sampled_from(TAGS), max_size=3)),
    st.tuples(st.just("delete"), device_no, pick),
    st.tuples(st.just("undelete"), device_no, pick),
    st.tuples(st.just("purge"), device_no),
    st.tuples(st.just("rate"), device_no, st.integers(min_value=1, max_value=5)),
    st.tuples(st.just("attempt"), device_no, st.integers(min_value=0, max_value=2)),
    st.tuples(st.just("person"), device_no, st.sampled_from(("Ana", "Bo", "Cy"))),
    st.tuples(st.just("talk"), device_no, pick, st.sampled_from(("promotion", "scope", "budget"))),
    st.tuples(st.just("vouch"), device_no, pick, pick, st.booleans()),
    st.tuples(st.just("plan"), device_no, st.sampled_from(("Lead the migration", "Mentor two", "Own a budget"))),
    st.tuples(st.just("plan-done"), device_no, pick),
    st.tuples(st.just("review"), device_no, st.sampled_from(("good week", "slow week"))),
    st.tuples(st.just("focus"), device_no, pick),
    st.tuples(st.just("sync"), device_no),
    st.tuples(st.just("share"), device_no),
    st.tuples(st.just("copy"), device_no, device_no, st.floats(min_value=0, max_value=1)),
)


def _ids(device: Device, deleted: bool | None = None) -> list[int]:
    where = "" if deleted is None else f" where deleted_at is {'not ' if deleted else ''}null"
    return [r[0] for r in device.db.execute(f"select id from achievements{where} order by id").fetchall()]


def _rows(device: Device, table: str) -> list[int]:
    return [r[0] for r in device.db.execute(f"select id from {table} order by id").fetchall()]


def _pick(ids: list[int], n: int) -> int | None:
    return ids[n % len(ids)] if ids else None


def _apply(devices: list[Device], op: tuple) -> None:
    try:
        _run(devices, op)
    except CtoError:
        pass  # a user's error (a full focus list, a deleted achievement): nothing written


def _run(devices: list[Device], op: tuple) -> None:
    kind, n, *rest = op
    device = devices[n]
    db = device.db
    match kind:
        case "add":
            entries.add_achievement(db, title=rest[0], tags=rest[1])
        case "title" | "tags" | "delete" | "undelete":
            ids = _ids(device, deleted=kind == "undelete")
            if not ids:
                return
            target = ids[rest[0] % len(ids)]
            if kind == "title":
                entries.update_achievement(db, target, title=rest[1])
            elif kind == "tags":
                entries.update_achievement(db, target, tags=rest[1])
            elif kind == "delete":
                entries.delete_achievement(db, target)
            else:
                entries.undelete_achievement(db, target)
        case "purge":
            trash.purge_deleted(db)
        case "rate":
            stack.rate(db, "technical", rest[0], note=f"from device {n}")
        case "attempt":
            question = drill.list_questions(db)[rest[0]]
            drill.record_attempt(db, question.id, f"answer on {n}", {c: 1 for c in playbook.RUBRIC}, 30, fuzz=False)
        case "person":
            persons.add(db, rest[0], "manager", reference=True)
        case "talk":
            person = _pick(_rows(device, "people"), rest[0])
            if person is not None:
                conversations.log(db, person, asked=rest[1])
        case "vouch":
            person, entry = _pick(_rows(device, "people"), rest[0]), _pick(_ids(device, deleted=False), rest[1])
            if person is not None and entry is not None:
                persons.vouch(db, person, entry, on=rest[2])
        case "plan":
            plan.add_item(db, "3-months", rest[0])
        case "plan-done":
            item = _pick(_rows(device, "plan_items"), rest[0])
            if item is not None:
                plan.toggle_done(db, item)
        case "review":
            weekly.save_text(db, WEEK, reflection=rest[0])
        case "focus":
            item = _pick(_rows(device, "plan_items"), rest[0])
            if item is not None:
                weekly.toggle_focus(db, WEEK, item)
        case "sync":
            device.sync()
        case "share":  # sync, and the sync tool catches up at once
            device.sync()
            spread(devices)
        case "copy":
            copy_log(devices[n], devices[rest[0]], rest[1])


@settings(max_examples=40)
@given(count=st.integers(min_value=2, max_value=3), steps=st.lists(ops, max_size=30))
def test_devices_converge_to_byte_identical_exports(empty_template: Path, count: int, steps: list[tuple]) -> None:
    with tempfile.TemporaryDirectory() as root:
        devices = make_devices(Path(root), count, empty_template)  # copies: not migrated per example
        try:
            for n, device in enumerate(devices):  # rows every device has, to edit at the same time
                entries.add_achievement(device.db, title=TITLES[n], tags=[TAGS[n]])
            settle(devices)
            for op in steps:
                if op[1] < count and (op[0] != "copy" or op[2] < count):
                    _apply(devices, op)
            settle(devices)
            exports = [d.export() for d in devices]
            assert all(e == exports[0] for e in exports[1:])
            for d in devices:  # nothing is left unsent or waiting once all is settled
                assert d.db.execute("select count(*) from _sync_dirty").fetchone()[0] == 0
                assert d.db.execute("select count(*) from _sync_pending").fetchone()[0] == 0
                assert "local:" not in d.export()
        finally:
            for d in devices:
                d.close()
