"""The sync's machinery on real SQLite files: global ids, capture, robustness of
reading logs (unfinished and corrupt lines, foreign files), a kill between
writing the log and committing, tombstones, rows that arrive before their parent."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sync_helpers import Device, copy_log, entry_record, make_devices, settle, spread

from ctotui.core import playbook
from ctotui.core.data.export_json import export_text
from ctotui.core.data.import_merge import BULK, import_json
from ctotui.core.db import open_db
from ctotui.core.drill import bank as drill
from ctotui.core.drill import stories
from ctotui.core.journal import entries, trash
from ctotui.core.people import conversations, persons
from ctotui.core.review import weekly
from ctotui.core.skills import stack
from ctotui.core.sync import hlc, log, run, send, state
from ctotui.core.sync.admit import Admission, Refused
from ctotui.core.sync.spec import SPECS
from ctotui.core.terms import SKILLS
from ctotui.core.text import clean_block, clean_line, has_controls
from ctotui.core.timeline import plan


@pytest.fixture
def two(tmp_path: Path):
    devices = make_devices(tmp_path, 2)
    yield devices
    for d in devices:
        d.close()


def _titles(device: Device) -> list[str]:
    return [r[0] for r in device.db.execute("select title from achievements order by title").fetchall()]


def test_device_id_is_stable_and_stored_in_the_database(tmp_path: Path) -> None:
    db = open_db(tmp_path / "a.db")
    first = state.device_id(db)
    db.close()
    db = open_db(tmp_path / "a.db")
    assert state.device_id(db) == first
    assert len(first) == 32
    assert state.device_id(open_db(tmp_path / "b.db")) != first


def test_rows_made_before_sync_existed_are_sent_on_the_first_sync(two) -> None:
    a, b = two
    entries.add_achievement(
        a.db, title="Old entry", tags=["perf"], skills=["technical-depth"], links=["https://x.test/1"]
    )
    stack.rate(a.db, "technical", 4)
    assert a.sync().sent == 2
    copy_log(a, b)
    report = b.sync()
    assert report.applied == {a.id: 2}
    row = b.db.execute("select id, title from achievements").fetchone()
    assert row[1] == "Old entry"
    assert [r[0] for r in b.db.execute("select tag from achievement_tags where achievement_id = ?", [row[0]])] == [
        "perf"
    ]
    assert b.db.execute("select url from achievement_links").fetchall() == [("https://x.test/1",)]
    assert b.db.execute("select level from skill_ratings").fetchall() == [(4,)]
    # The search index follows the applied rows (its own triggers ran).
    assert [x.title for x in entries.search_achievements(b.db, "#perf").items] == ["Old entry"]


def test_same_field_edited_on_both_devices_the_later_clock_wins(two) -> None:
    a, b = two
    entry = entries.add_achievement(a.db, title="First")
    settle(two)
    b_id = b.db.execute("select id from achievements").fetchone()[0]
    entries.update_achievement(a.db, entry.id, title="From A")
    a.sync()  # A's edit gets its clock time now
    entries.update_achievement(b.db, b_id, title="From B", body="B's body")
    b.sync()  # later: B's wins
    settle(two)
    assert _titles(a) == _titles(b) == ["From B"]
    assert a.export() == b.export()


def test_edits_to_different_fields_are_both_kept(two) -> None:
    a, b = two
    entry = entries.add_achievement(a.db, title="Shared")
    settle(two)
    b_id = b.db.execute("select id from achievements").fetchone()[0]
    entries.update_achievement(a.db, entry.id, title="Renamed on A")
    entries.update_achievement(b.db, b_id, tags=["from-b"])
    settle(two)
    for d in two:
        got = entries.get_achievement(d.db, d.db.execute("select id from achievements").fetchone()[0])
        assert (got.title, got.tags) == ("Renamed on A", ("from-b",))


def test_a_purge_is_a_tombstone_that_beats_a_later_edit(two) -> None:
    a, b = two
    entry = entries.add_achievement(a.db, title="Doomed")
    settle(two)
    b_id = b.db.execute("select id from achievements").fetchone()[0]
    entries.delete_achievement(a.db, entry.id)
    trash.purge_deleted(a.db)
    a.sync()
    entries.update_achievement(b.db, b_id, title="Edited after the purge")
    settle(two)
    assert _titles(a) == _titles(b) == []
    assert b.db.execute("select count(*) from achievement_tags").fetchone()[0] == 0


def test_a_reused_local_id_gets_a_new_global_id(two) -> None:
    a, b = two
    first = entries.add_achievement(a.db, title="Goes")
    a.sync()
    entries.delete_achievement(a.db, first.id)
    trash.purge_deleted(a.db)
    again = entries.add_achievement(a.db, title="Comes")
    assert again.id == first.id  # SQLite gave the id again
    settle(two)
    assert _titles(b) == ["Comes"]
    assert a.export() == b.export()


def test_unfinished_last_line_is_left_for_next_time(two) -> None:
    a, b = two
    for title in ("One", "Two", "Three"):
        entries.add_achievement(a.db, title=title)
    a.sync()
    data = a.own_log().read_bytes()
    third = data.index(b"\n", data.index(b"\n") + 1) + 1
    cut = third + 10  # two lines and part of the third
    (b.folder / a.own_log().name).write_bytes(data[:cut])
    report = b.sync()
    assert report.applied == {a.id: 2}
    assert report.warnings and "unfinished" in report.warnings[0]
    assert state.device_row(b.db, a.id)[0] == third  # the offset stops at the line's start
    copy_log(a, b)
    report = b.sync()
    assert report.applied == {a.id: 1} and not report.warnings
    assert _titles(b) == ["One", "Three", "Two"]


def test_a_corrupt_line_is_skipped_with_a_warning_and_read_again(two) -> None:
    a, b = two
    entries.add_achievement(a.db, title="Good")
    a.sync()
    good = a.own_log().read_bytes()
    target = b.folder / a.own_log().name
    target.write_bytes(b'{"device": "someone else"}\n' + good)
    report = b.sync()
    assert report.applied == {a.id: 0} and "not a record" in report.warnings[0]
    assert _titles(b) == []
    target.write_bytes(good)  # the sync tool brings the real file
    assert b.sync().applied == {a.id: 1}
    assert _titles(b) == ["Good"]


def test_foreign_files_in_the_folder_are_ignored(two) -> None:
    a, b = two
    entries.add_achievement(a.db, title="Real")
    a.sync()
    copy_log(a, b)
    (b.folder / "README.txt").write_text("not a log\n")
    (b.folder / "notes.jsonl").write_text("{}\n")
    (b.folder / (("f" * 32) + ".jsonl.sync-conflict")).write_text("garbage\n")
    (b.folder / (("e" * 32) + ".jsonl")).mkdir()
    (b.folder / ".stfolder").mkdir()
    report = b.sync()
    assert report.applied == {a.id: 1} and not report.warnings
    assert sorted(p.name for p in b.folder.iterdir() if p.suffix == ".jsonl" and p.is_file()) == sorted(
        [f"{a.id}.jsonl", "notes.jsonl"]
    )


def test_a_device_never_writes_another_devices_log(two) -> None:
    a, b = two
    entries.add_achievement(a.db, title="A's")
    a.sync()
    copy_log(a, b)
    before = (b.folder / a.own_log().name).read_bytes()
    entries.add_achievement(b.db, title="B's")
    b.sync()
    assert (b.folder / a.own_log().name).read_bytes() == before


def _replace_copy(src: Device, dst: Device) -> None:
    """The sync tool carries ``src``'s log, written again, over ``dst``'s copy: the file replaced whole."""
    log.log_path(dst.folder, src.id).write_bytes(src.own_log().read_bytes())


def test_a_log_written_again_longer_is_read_again_from_its_start(two) -> None:
    """A's log lost and written again (its history, then a long new entry) came out longer than
    B's offset into the old one: that offset fell inside a line, read as damaged at every sync
    ("a line at byte 1159 is not a record"), and B never got the new entry."""
    a, b = two
    entries.add_achievement(a.db, title="First")
    entries.add_achievement(a.db, title="Second")
    settle([a, b])
    first = b.db.execute("select id from achievements where title = 'First'").fetchone()[0]
    entries.update_achievement(b.db, first, title="First, retitled on B")
    settle([a, b])
    a.own_log().unlink()  # lost: A sends its history again, less what B won since
    entries.add_achievement(a.db, title="Third", body="y" * 1500)
    a.sync()
    _replace_copy(a, b)
    report = b.sync()
    assert report.warnings == []
    assert _titles(b) == ["First, retitled on B", "Second", "Third"] == _titles(a)


def test_a_line_taken_out_of_a_log_by_hand_reaches_every_device_again(tmp_path: Path) -> None:
    """A line of A's log mended by hand (taken out, as one does with a damaged line): B, which had
    read the log, got nothing more from it (its offset fell past A's next record), and C, which had
    not, never got the entry of that line (A sent again only what was newer than its log's latest)."""
    a, b, c = devices = make_devices(tmp_path, 3)
    for title in ("L1", "L2", "L3"):
        entries.add_achievement(a.db, title=title)
        a.sync()
    _replace_copy(a, b)
    b.sync()
    lines = a.own_log().read_bytes().splitlines(keepends=True)
    l2 = next(i for i, line in enumerate(lines) if b'"L2"' in line)
    a.own_log().write_bytes(b"".join(lines[:l2] + lines[l2 + 1 :]))
    entries.add_achievement(a.db, title="L4")
    a.sync()
    for device in (b, c):
        _replace_copy(a, device)
        assert device.sync().warnings == []
    assert _titles(a) == _titles(b) == _titles(c) == ["L1", "L2", "L3", "L4"]
    for device in devices:
        device.close()


def test_killed_after_writing_the_log_before_commit_nothing_is_lost_or_sent_twice(two) -> None:
    """What a kill -9 between the append (fsynced) and the commit leaves: the records in
    the log, the database rolled back. The next sync takes them as sent."""
    a, b = two
    entries.add_achievement(a.db, title="Survives")
    with a.db.atomic():  # run.sync's first transaction: ids
        send.prepare(a.db)
    a.db.execute("begin immediate")  # its second: the send, killed before it commits
    me = state.device_id(a.db)
    records, _clock = send.collect(a.db, me, state.load_clock(a.db))
    log.append(a.own_log(), records)
    a.db.execute("rollback")  # the process died: the transaction never committed
    assert a.db.execute("select count(*) from _sync_dirty").fetchone()[0] > 0
    report = a.sync()
    assert report.sent == 0
    assert len(a.own_log().read_bytes().splitlines()) == 1
    settle(two)
    assert _titles(b) == ["Survives"]
    assert a.export() == b.export()


def test_a_half_written_line_of_our_own_log_is_taken_off(two) -> None:
    a, b = two
    entries.add_achievement(a.db, title="Whole")
    a.sync()
    with a.own_log().open("ab") as f:
        f.write(b'{"device": "' + a.id.encode() + b'", "hl')  # killed mid-write
    entries.add_achievement(a.db, title="Next")
    a.sync()
    lines = a.own_log().read_bytes().split(b"\n")
    assert lines[-1] == b"" and all(json.loads(line)["device"] == a.id for line in lines[:-1])
    settle(two)
    assert _titles(b) == ["Next", "Whole"]


def test_a_child_that_arrives_before_its_parent_waits(tmp_path: Path) -> None:
    """An attempt at a question the user added: if the attempt's log is read first, it waits."""
    a, b, c = make_devices(tmp_path, 3)
    question = drill.add_question(a.db, playbook.INTERVIEW_CATEGORIES[0], "How would you split the monolith?")
    a.sync()
    copy_log(a, b)
    b.sync()
    b_question = b.db.execute("select id from questions where source = 'user'").fetchone()[0]
    drill.record_attempt(b.db, b_question, "Carefully.", {k: 1 for k in playbook.RUBRIC}, 40, fuzz=False)
    b.sync()
    copy_log(b, c)  # c sees b's attempt but not yet a's question
    report = c.sync()
    assert report.waiting >= 1
    assert c.db.execute("select count(*) from attempts").fetchone()[0] == 0
    copy_log(a, c)
    assert c.sync().waiting == 0
    assert c.db.execute("select answer from attempts").fetchall() == [("Carefully.",)]
    spread([a, b, c])
    settle([a, b, c])
    assert a.export() == b.export() == c.export()
    assert question.id  # the question the attempt points at is the same everywhere
    for d in (a, b, c):
        d.close()


def test_a_new_folder_gets_the_whole_history_again(two, tmp_path: Path) -> None:
    a, b = two
    entries.add_achievement(a.db, title="Before the move")
    a.sync()
    moved = tmp_path / "new-folder"
    moved.mkdir()
    a.folder = moved
    a.sync()
    assert len(a.own_log().read_bytes().splitlines()) == 1
    b.folder = moved
    b.sync()
    assert _titles(b) == ["Before the move"]


def test_the_clock_never_goes_back_and_passes_what_it_sees(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CTOTUI_NOW", "2026-03-15T10:00:00+00:00")
    first = hlc.tick(hlc.ZERO)
    assert hlc.tick(first) > first  # same millisecond: the counter moves
    ahead = hlc.Hlc(first.millis + 60_000, 3)
    after = hlc.tick(hlc.seen(first, ahead))
    assert after > ahead
    assert hlc.Hlc.parse(str(after)) == after
    with pytest.raises(ValueError):
        hlc.Hlc.parse("yesterday")


def test_no_folder_is_a_plain_error(db) -> None:
    with pytest.raises(run.SyncError, match="no sync folder"):
        run.sync(db)
    with pytest.raises(run.SyncError, match="not a folder"):
        run.sync(db, "/no/such/folder")


def test_sync_bookkeeping_is_not_exported(two) -> None:
    a, _b = two
    entries.add_achievement(a.db, title="x")
    a.sync()
    assert "_sync" not in json.loads(export_text(a.db))["tables"]
    assert os.path.exists(a.own_log())


def test_people_conversations_vouches_plan_and_review_focus_travel(two) -> None:
    a, b = two
    entry = entries.add_achievement(a.db, title="Led the migration")
    person = persons.add(a.db, "Ana", "manager", reference=True)
    conversations.log(a.db, person.id, asked="What would the next role need?")
    persons.vouch(a.db, person.id, entry.id)
    item = plan.add_item(a.db, "3-months", "Own the platform budget")
    weekly.save_text(a.db, "2026-W10", reflection="A good week")
    weekly.toggle_focus(a.db, "2026-W10", item.id)
    settle(two)
    (ana,) = persons.list_people(b.db)
    assert ana.name == "Ana"
    assert [c.asked for c in conversations.history(b.db, ana.id)] == ["What would the next role need?"]
    b_entry = b.db.execute("select id from achievements").fetchone()[0]
    assert persons.backers(b.db, [b_entry]) == {b_entry: ("Ana",)}
    review = weekly.get_review(b.db, "2026-W10")
    assert review is not None and review.reflection == "A good week"
    b_item = b.db.execute("select id from plan_items where text = 'Own the platform budget'").fetchone()[0]
    assert b.db.execute("select plan_item_id from review_focus").fetchall() == [(b_item,)]
    # B purges the achievement: the vouch goes with it on both sides.
    entries.delete_achievement(b.db, b_entry)
    trash.purge_deleted(b.db)
    settle(two)
    assert a.db.execute("select count(*) from reference_vouches").fetchone()[0] == 0
    assert a.export() == b.export()


def test_a_big_import_is_captured_and_sent(two, tmp_path: Path) -> None:
    """The bulk import drops and remakes the search triggers only: the sync's triggers
    see every imported row."""
    a, b = two
    source = open_db(tmp_path / "source.db")
    with source.atomic():
        source.conn.executemany(
            "insert into achievements (id, title, occurred_on, created_at, updated_at) "
            "values (?, ?, '2026-03-01', '2026-03-01T10:00:00+00:00', '2026-03-01T10:00:00+00:00')",
            [(i, f"Imported {i}") for i in range(1, 1101)],
        )
        source.conn.executemany(
            "insert into achievement_tags (achievement_id, tag, occurred_on) values (?, 'old', '2026-03-01')",
            [(i,) for i in range(1, 1101)],
        )
    file = tmp_path / "export.json"
    file.write_text(export_text(source), encoding="utf-8")
    source.close()
    assert 2200 >= BULK  # the import takes its bulk path
    import_json(a.db, file)
    assert a.sync().sent == 1100
    settle(two)
    assert b.db.execute("select count(*) from achievement_tags where tag = 'old'").fetchone()[0] == 1100
    assert [x.title for x in entries.search_achievements(b.db, "Imported 77").items][:1] == ["Imported 77"]


def test_records_no_column_can_hold_are_refused_and_unknown_tables_are_kept(two) -> None:
    a, _b = two
    stranger = "1" * 32
    fields = {"title": {"not": "text"}, "occurred_on": "2026-03-01", "created_at": "x", "updated_at": "x"}
    lines = [
        {"device": stranger, "hlc": "000000000000001.000000", "table": "achievements", "id": "g1", "fields": fields},
        {"device": stranger, "hlc": "000000000000002.000000", "table": "later_table", "id": "g2", "fields": {"x": 1}},
    ]
    (a.folder / f"{stranger}.jsonl").write_text("".join(json.dumps(line) + "\n" for line in lines))
    report = a.sync()
    assert report.applied == {stranger: 1} and report.refused == 1 and report.waiting == 0
    assert report.warnings == [
        f"{stranger}.jsonl: refused a record of achievements g1: title must be text or a number, not an object"
    ]
    assert _titles(a) == [] and state.fields_of(a.db, "achievements", "g1") == {}
    assert state.fields_of(a.db, "later_table", "g2") == {"x": (1, "000000000000002.000000", stranger)}


HOSTILE_TITLE = "Good \x1b[31mcolour\x07 title"
HOSTILE_BODY = "b \x1b]0;pwn\x07\nsecond\tline\r\nthird"


def test_text_from_another_device_is_cleaned_before_it_is_stored(two) -> None:
    """A hand-written (or hostile) log: control characters go, as from a form or an import."""
    a, b = two
    record = entry_record("g1", "000000000000001.000000", title=HOSTILE_TITLE, body=HOSTILE_BODY, tags=["x\x1by\x07"])
    for device in two:
        (device.folder / f"{'1' * 32}.jsonl").write_text(json.dumps(record) + "\n")
    report = a.sync()
    assert report.applied == {"1" * 32: 1} and not report.refused and not report.warnings
    title, body = a.db.execute("select title, body from achievements").fetchone()
    assert (title, body) == (clean_line(HOSTILE_TITLE), clean_block(HOSTILE_BODY))
    assert "\x1b" not in title + body and "\x07" not in title + body and "\r" not in body
    assert body.endswith("second\tline\nthird")  # a body keeps its lines and tabs
    assert a.db.execute("select tag from achievement_tags").fetchall() == [(clean_line("x\x1by\x07"),)]
    stored = " ".join(str(v) for (v,) in a.db.execute("select value from _sync_fields").fetchall())
    assert not has_controls(stored.replace("\n", " ").replace("\t", " "))  # the field state too
    assert [x.title for x in entries.search_achievements(a.db, "title").items] == [title]
    settle(two)  # the other device stores the same cleaned row
    assert a.export() == b.export()


def test_a_record_that_breaks_the_rules_is_refused_with_its_reason_not_left_waiting(two) -> None:
    a, b = two
    bad = entry_record(
        "g1", "000000000000001.000000", occurred_on="2099-13-45", category="nope", skills=["not-a-skill"]
    )
    good = entry_record("g2", "000000000000002.000000", title="Fine", skills=["technical-depth"])
    skill = entry_record("g3", "000000000000003.000000", title="Odd skill", skills=["not-a-skill"])
    lines = [json.dumps(r) + "\n" for r in (bad, good, skill)]
    (a.folder / f"{'1' * 32}.jsonl").write_text("".join(lines))
    (b.folder / f"{'1' * 32}.jsonl").write_text("".join(reversed(lines)))  # any order: the same outcome
    report = a.sync()
    assert report.applied == {"1" * 32: 1} and report.refused == 2 and report.waiting == 0
    assert report.warnings == [
        f"{'1' * 32}.jsonl: refused a record of achievements g1: occurred_on is not a date YYYY-MM-DD ('2099-13-45')",
        f"{'1' * 32}.jsonl: refused a record of achievements g3: skill 'not-a-skill' is not one of "
        + ", ".join(SKILLS),
    ]
    assert _titles(a) == ["Fine"]
    assert b.sync().refused == 2
    settle(two)
    assert a.export() == b.export()


def test_a_restored_backup_gets_back_what_it_had_sent_since(two, tmp_path: Path) -> None:
    """A backup is older than the log this device wrote since: the records past the backup's
    offset are this device's own, and they come back into its tables."""
    a, b = two
    entries.add_achievement(a.db, title="Before the backup")
    a.sync()
    backup = tmp_path / "backup.db"
    a.db.execute(f"vacuum into '{backup}'")
    entries.add_achievement(a.db, title="After the backup")
    entries.update_achievement(a.db, 1, title="Renamed after the backup")
    a.sync()
    a.close()
    a.db_path.unlink()
    backup.rename(a.db_path)
    restored = Device(a.db_path, a.folder)
    assert restored.id == a.id
    restored.sync()
    assert _titles(restored) == ["After the backup", "Renamed after the backup"]
    settle([restored, b])
    assert restored.export() == b.export()
    restored.close()
    a.db = open_db(tmp_path / "spare.db")  # the fixture closes it


def test_a_purge_from_elsewhere_takes_the_local_links_to_the_entry_too(two) -> None:
    """Question stories are not synced, but a purged entry's stories go with it, as a local purge does."""
    a, b = two
    entry = entries.add_achievement(a.db, title="Story")
    settle(two)
    b_entry = b.db.execute("select id from achievements").fetchone()[0]
    question = drill.list_questions(b.db)[0]
    stories.link_story(b.db, question.id, b_entry)
    entries.delete_achievement(a.db, entry.id)
    trash.purge_deleted(a.db)
    settle(two)
    assert b.db.execute("select count(*) from question_stories").fetchone()[0] == 0


def test_every_column_of_a_synced_table_travels(tmp_path: Path):
    """A column added to a synced table by a later schema step (say, the drill's follow-up) must be
    named in its spec, or two devices would silently disagree about it."""
    db = open_db(tmp_path / "c.db")
    for spec in SPECS:
        columns = {row[1] for row in db.execute(f"select * from pragma_table_info('{spec.name}')").fetchall()}
        assert columns - {"id"} <= set(spec.fields), (spec.name, sorted(columns - {"id"} - set(spec.fields)))
        for child in spec.children:
            assert db.execute(f"select count(*) from pragma_table_info('{child.table}')").fetchone()[0] > 0


def test_going_back_to_an_earlier_folder_keeps_the_log_whole_and_sends_what_it_lacks(two, tmp_path: Path) -> None:
    """A device moves to another folder and back: its log in the first folder stays whole
    (every line a record of its own), and what it sent while away reaches that folder."""
    a, b = two
    for i in range(1, 6):
        entries.add_achievement(a.db, title=f"entry {i} saved {i} hours")
    first = a.folder
    a.sync()
    for i in range(1, 6):
        entries.update_achievement(a.db, i, title=f"edited {i} once")
        a.sync()
    whole = a.own_log().read_bytes()
    a.folder = tmp_path / "elsewhere"
    a.folder.mkdir()
    away = a.folder
    a.sync()  # the new folder gets the history, which is shorter than the first log
    assert a.own_log().stat().st_size < len(whole)
    a.folder = first
    assert a.sync().warnings == []
    assert a.own_log().read_bytes() == whole
    a.folder = away
    entries.update_achievement(a.db, 2, title="edited 2 while away")
    entries.add_achievement(a.db, title="made while away")
    a.sync()
    a.folder = first
    assert a.sync().warnings == []
    assert a.sync().warnings == []
    data = a.own_log().read_bytes()
    assert data.startswith(whole) and data.endswith(b"\n")
    assert all(json.loads(line)["device"] == a.id for line in data.splitlines())
    copy_log(a, b)
    report = b.sync()
    assert report.warnings == []
    assert _titles(b) == ["edited 1 once", "edited 2 while away", "edited 3 once", "edited 4 once"] + [
        "edited 5 once",
        "made while away",
    ]


def test_an_older_edit_synced_later_loses_to_a_newer_one(two, monkeypatch: pytest.MonkeyPatch) -> None:
    """B edits on the 16th and syncs on the 20th; A edits on the 18th and syncs at once:
    A's edit is the later one, whatever order the syncs come in."""
    a, b = two
    monkeypatch.setenv("CTOTUI_NOW", "2026-03-15T09:00:00+00:00")
    entry = entries.add_achievement(a.db, title="First")
    settle(two)
    b_id = b.db.execute("select id from achievements").fetchone()[0]
    monkeypatch.setenv("CTOTUI_NOW", "2026-03-16T09:00:00+00:00")
    entries.update_achievement(b.db, b_id, title="From B on the 16th")
    monkeypatch.setenv("CTOTUI_NOW", "2026-03-18T09:00:00+00:00")
    entries.update_achievement(a.db, entry.id, title="From A on the 18th")
    monkeypatch.setenv("CTOTUI_NOW", "2026-03-18T09:01:00+00:00")
    a.sync()
    copy_log(a, b)
    monkeypatch.setenv("CTOTUI_NOW", "2026-03-20T09:00:00+00:00")
    b.sync()
    copy_log(b, a)
    a.sync()
    assert _titles(a) == _titles(b) == ["From A on the 18th"]
    assert a.export() == b.export()
    # the clock still never goes back: B's next change is later than all it has seen
    entries.update_achievement(b.db, b_id, title="From B on the 20th")
    settle(two)
    assert _titles(a) == _titles(b) == ["From B on the 20th"]


@given(st.text(max_size=40))
def test_made_at_is_never_later_than_now_and_takes_any_text(value: str) -> None:
    now = 1_800_000_000_000
    assert 0 < send.made_at({"updated_at": value, "title": value}, now) <= now
    assert send.made_at({"title": value}, now) == now


def test_tags_are_made_as_add_makes_them_and_text_in_a_number_column_is_refused(two) -> None:
    a, _b = two
    tagged = entry_record("g1", "000000000000001.000000", title="Tagged", tags=["a", "a", "A", " #Perf Work "])
    lots = entry_record("g2", "000000000000002.000000", title="Lots", metric_after="lots")
    (a.folder / f"{'1' * 32}.jsonl").write_text("".join(json.dumps(r) + "\n" for r in (tagged, lots)))
    report = a.sync()
    assert report.refused == 1 and report.waiting == 0
    assert report.warnings == [f"{'1' * 32}.jsonl: refused a record of achievements g2: metric_after must be a number"]
    assert _titles(a) == ["Tagged"]
    assert [r[0] for r in a.db.execute("select tag from achievement_tags order by tag")] == list(
        entries.clean_tags(["a", "a", "A", " #Perf Work "])
    )


@pytest.fixture(scope="module")
def admission(tmp_path_factory: pytest.TempPathFactory) -> Admission:
    return Admission(open_db(tmp_path_factory.mktemp("admit") / "a.db"))


@given(st.lists(st.one_of(st.text(max_size=70), st.integers()), max_size=5))
def test_any_tags_from_a_log_are_refused_or_made_as_add_makes_them(admission: Admission, tags: list[object]) -> None:
    record = log.Record("1" * 32, "000000000000001.000000", "achievements", "g", {"tags": tags})
    try:
        admitted = admission.admit(record)
    except Refused:
        return
    assert admitted.fields is not None
    assert admitted.fields["tags"] == list(entries.clean_tags(str(t) for t in tags))


def test_a_profile_a_name_and_a_slug_from_a_log_are_stored_as_the_app_stores_them(admission: Admission) -> None:
    """A synced profile kept "VP  of   Engineering" (and an imported one): the profile's parser squeezes it."""
    at = "2026-01-01T00:00:00+00:00"
    role = log.Record(
        "1" * 32,
        "000000000000001.000000",
        "profile",
        "r",
        {"field": "role", "value": '"VP  of   Engineering"', "set_at": at},
    )
    path = log.Record(
        "1" * 32,
        "000000000000001.000000",
        "profile",
        "p",
        {"field": "path", "value": '" Corporate-Ladder"', "set_at": at},
    )
    person = log.Record(
        "1" * 32, "000000000000001.000000", "people", "d", {"name": " Dana   Okafor", "relation": "Manager "}
    )
    assert admission.admit(role).fields == {"field": "role", "value": '"VP of Engineering"', "set_at": at}
    assert admission.admit(path).fields == {"field": "path", "value": '"corporate-ladder"', "set_at": at}
    assert admission.admit(person).fields == {"name": "Dana Okafor", "relation": "manager"}
    blank = log.Record("1" * 32, "000000000000001.000000", "people", "b", {"name": "   ", "relation": "manager"})
    with pytest.raises(Refused, match="name is empty"):
        admission.admit(blank)


def test_a_reader_moving_to_another_folder_reads_each_log_there_from_its_own_start(two, tmp_path: Path) -> None:
    """How far a peer's log was read was kept per peer, not per folder: B, moving to a folder where
    A's log is another file (A's history written there, then more), read it from the middle of a
    line, warned at every sync and never took in what came before."""
    a, b = two
    first, second = tmp_path / "first", tmp_path / "second"
    for folder in (first, second):
        folder.mkdir()
    a.folder = b.folder = first
    for i in range(1, 6):
        entries.add_achievement(a.db, title=f"entry {i}")
    a.sync()
    for _ in range(6):  # edits make the log in the first folder long
        for i in range(1, 6):
            entries.update_achievement(a.db, i, title=f"entry {i} edited {_}")
        a.sync()
    b.sync()
    read_there = log.log_path(first, a.id).stat().st_size
    a.folder = second
    a.sync()  # the history: shorter than the first log
    for i in range(30):
        entries.add_achievement(a.db, title=f"made in the second folder {i:02}")
    a.sync()
    assert log.log_path(second, a.id).stat().st_size > read_there
    b.folder = second
    report = b.sync()
    assert report.warnings == []
    assert _titles(b) == _titles(a) and len(_titles(b)) == 35
    b.folder = first
    assert b.sync().warnings == [] and _titles(b) == _titles(a)  # back again: nothing read twice wrongly
