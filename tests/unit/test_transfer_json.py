"""The complete JSON export and its import: deterministic bytes, an exact round
trip, merging into a populated database (ids renumbered, links rewritten,
existing keys win), idempotence, and nothing written when anything is wrong."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from transfer_helpers import demo_db, export_data, export_of, snapshot, write_json

from ctotui.core import migrations, playbook
from ctotui.core.data.import_merge import import_json
from ctotui.core.data.upkeep import check
from ctotui.core.db import open_db
from ctotui.core.drafts import save_draft
from ctotui.core.errors import CtoError
from ctotui.core.journal.entries import add_achievement, page_achievements, search_achievements
from ctotui.core.journal.metric_version import PARSER_VERSION
from ctotui.core.settings import set_setting
from ctotui.core.summary import user_tables


def test_export_is_complete_and_the_same_bytes_every_time(tmp_path, monkeypatch) -> None:
    db = demo_db(tmp_path / "a.db")
    first = export_of(db)
    monkeypatch.setenv("CTOTUI_NOW", "2031-01-01T00:00:00+00:00")  # no export time inside
    assert export_of(db) == first
    data = json.loads(first)
    assert (data["format"], data["version"], data["metric_parser"]) == ("ctotui", 2, PARSER_VERSION)
    assert data["schema"] == migrations.known_steps()
    assert sorted(data["tables"]) == user_tables(db)  # no FTS, no migrations table
    achievements = data["tables"]["achievements"]
    assert len(achievements) == 60 and "sort_key" not in achievements[0]  # generated: SQLite computes it
    assert [a["id"] for a in achievements] == sorted(a["id"] for a in achievements)
    skills = data["tables"]["achievement_skills"]
    assert skills == sorted(skills, key=lambda r: (r["achievement_id"], r["skill"]))
    row_lines = [line for line in first.splitlines() if line.startswith("      {")]
    assert len(row_lines) == sum(len(rows) for rows in data["tables"].values())  # one row per line
    assert all(list(json.loads(line.rstrip(","))) == sorted(json.loads(line.rstrip(","))) for line in row_lines)


def test_export_import_export_is_byte_identical_and_a_second_import_adds_nothing(tmp_path) -> None:
    source = demo_db(tmp_path / "a.db")
    save_draft(source, "journal:new", {"title": "half typed ünïcode"})
    set_setting(source, "review.weekday", 4)
    text = export_of(source)
    path = tmp_path / "export.json"
    path.write_text(text, encoding="utf-8")

    target = open_db(tmp_path / "b.db")
    report = import_json(target, path)
    assert report.added == sum(len(rows) for rows in json.loads(text)["tables"].values())
    assert export_of(target) == text
    assert all(c.ok for c in check(target))
    assert search_achievements(target, "kafka").items  # the search index was filled by the triggers

    again = import_json(target, path)
    assert (again.added, again.kept) == (0, 0) and again.present == report.added
    assert export_of(target) == text
    assert import_json(source, path).added == 0  # into the database it came from: nothing new


def _populated(path: Path):
    db = open_db(path)
    for i in range(5):
        add_achievement(db, title=f"Theirs {i}", body="already here", occurred_on="2024-01-0" + str(i + 1))
    set_setting(db, "review.weekday", 2)
    save_draft(db, "journal:new", {"title": "mine"})
    return db


def test_merging_renumbers_ids_and_rewrites_every_link(tmp_path) -> None:
    source = demo_db(tmp_path / "a.db", achievements=30)
    set_setting(source, "review.weekday", 4)
    source.execute("insert into target_evidence values ('eng-own-feature', 3, '2026-01-01T00:00:00+00:00')")
    save_draft(source, "journal:edit:3", {"title": "editing three"})
    path = tmp_path / "a.json"
    path.write_text(export_of(source), encoding="utf-8")

    target = _populated(tmp_path / "b.db")
    report = import_json(target, path)
    by_table = {t.table: t for t in report.tables}
    assert by_table["achievements"].added == 30
    assert by_table["settings"].kept == 1 and by_table["settings"].kept_keys == ("review.weekday",)
    assert target.execute("select value from settings where key = 'review.weekday'").fetchone()[0] == "2"

    # every achievement of the file is here, found by content, with its own skills and tags
    moved = {}
    for a in export_data(source)["tables"]["achievements"]:
        (new_id,) = target.execute(
            "select id from achievements where title = ? and created_at = ?", [a["title"], a["created_at"]]
        ).fetchone()
        moved[a["id"]] = new_id
        for table, column in (("achievement_skills", "skill"), ("achievement_tags", "tag")):
            sql = f"select {column} from {table} where achievement_id = ? order by 1"
            assert target.execute(sql, [new_id]).fetchall() == source.execute(sql, [a["id"]]).fetchall()
    assert moved[1] != 1 and moved[1] > 30  # 1 to 5 were taken: new ids above every id in use
    assert moved[30] == 30  # free here: kept
    evidence = target.execute("select achievement_id from target_evidence").fetchall()
    assert evidence == [(moved[3],)]
    assert target.execute("select key from drafts order by key").fetchall() == [
        (f"journal:edit:{moved[3]}",),
        ("journal:new",),
    ]
    assert target.execute("select count(*) from achievements where body = 'already here'").fetchone()[0] == 5
    assert all(c.ok for c in check(target))

    before = export_of(target)
    again = import_json(target, path)
    assert again.added == 0 and export_of(target) == before


def test_loose_links_must_point_at_a_row_and_are_dropped_when_the_id_is_another_rows(tmp_path) -> None:
    source = demo_db(tmp_path / "a.db", achievements=3)
    data = export_data(source)
    data["tables"]["target_evidence"] = [
        {"target_id": "t-taken", "achievement_id": 2000, "linked_at": "2026-01-01T00:00:00+00:00"},
    ]
    path = write_json(tmp_path / "a.json", data)
    target = open_db(tmp_path / "b.db")
    target.execute(
        "insert into achievements (id, title, occurred_on, created_at, updated_at) values "
        "(2000, 'unrelated', '2024-01-01', 'x', 'x')"
    )
    report = import_json(target, path)
    evidence = {t.table: t for t in report.tables}["target_evidence"]
    assert (evidence.added, evidence.dropped) == (0, 1)
    assert target.execute("select count(*) from target_evidence").fetchone()[0] == 0

    data["tables"]["target_evidence"].append(
        {"target_id": "t-nowhere", "achievement_id": 900, "linked_at": "2026-01-01T00:00:00+00:00"}
    )
    path = write_json(tmp_path / "nowhere.json", data)
    other = open_db(tmp_path / "c.db")
    before = snapshot(other)
    with pytest.raises(
        CtoError, match=r"target_evidence row 1: achievement_id 2000 refers to a row of achievements that is neither"
    ):
        import_json(other, path)
    assert snapshot(other) == before


def test_a_unique_key_already_here_keeps_the_row_here(tmp_path) -> None:
    source = demo_db(tmp_path / "a.db", achievements=1)
    seeded = export_data(source)["tables"]["plan_items"][0]
    path = tmp_path / "a.json"
    path.write_text(export_of(source), encoding="utf-8")
    target = open_db(tmp_path / "b.db")
    target.execute(
        "insert into plan_items (horizon, source_id, text, created_at, updated_at) values (?, ?, 'my wording', ?, ?)",
        [seeded["horizon"], seeded["source_id"], seeded["created_at"], seeded["created_at"]],
    )
    report = import_json(target, path)
    plan = {t.table: t for t in report.tables}["plan_items"]
    assert plan.kept == 1 and plan.kept_keys == (seeded["source_id"],)
    sql = "select text from plan_items where source_id = ?"
    assert target.execute(sql, [seeded["source_id"]]).fetchone()[0] == "my wording"


def test_a_row_sqlite_refuses_names_the_row_and_changes_nothing(tmp_path) -> None:
    source = demo_db(tmp_path / "a.db", achievements=10)
    data = export_data(source)
    data["tables"]["reviews"][0]["reflection"] = "x" * 20_001  # only the schema's CHECK refuses it
    path = write_json(tmp_path / "bad.json", data)
    target = _populated(tmp_path / "b.db")
    before = snapshot(target)
    with pytest.raises(CtoError) as err:
        import_json(target, path)
    message = str(err.value)
    # in the app's words, not SQLite's ("CHECK constraint failed: length(reflection) <= 20000")
    assert "reviews row 1" in message and "reflection is longer than 20,000 characters" in message
    assert "CHECK" not in message
    assert "\n" not in message
    assert snapshot(target) == before


@pytest.mark.parametrize(
    ("column", "value", "said"),
    [
        ("title", "   ", "title is empty"),
        ("title", "x" * 201, "title is 201 characters long"),
        ("occurred_on", "2099-01-01", "occurred_on is 2099-01-01, in the future"),
    ],
)
def test_an_import_refuses_an_achievement_add_would_refuse(tmp_path, column, value, said) -> None:
    data = export_data(demo_db(tmp_path / "a.db", achievements=10))
    data["tables"]["achievements"][6][column] = value
    target = _populated(tmp_path / "b.db")
    before = snapshot(target)
    with pytest.raises(CtoError) as err:
        import_json(target, write_json(tmp_path / "bad.json", data))
    assert "achievements row 7 (id 7)" in str(err.value) and said in str(err.value)
    assert snapshot(target) == before


def test_an_import_refuses_a_link_add_would_refuse(tmp_path) -> None:
    data = export_data(demo_db(tmp_path / "a.db", achievements=10))
    data["tables"]["achievement_links"][0]["url"] = "javascript:alert(1)"
    target = _populated(tmp_path / "b.db")
    with pytest.raises(CtoError) as err:
        import_json(target, write_json(tmp_path / "bad.json", data))
    assert "achievement_links row 1" in str(err.value) and "not a web address" in str(err.value)


def _valid(tmp_path) -> dict:
    db = demo_db(tmp_path / "src.db", achievements=5)
    set_setting(db, "review.weekday", 4)
    data = export_data(db)
    db.close()
    return data


def _set(table: str, index: int, column: str, value):
    def mutate(data):
        data["tables"][table][index][column] = value

    return mutate


def _drop(table: str, index: int, column: str):
    def mutate(data):
        del data["tables"][table][index][column]

    return mutate


MUTATIONS = {
    "no format": (lambda d: d.pop("format"), "not a ctotui export"),
    "a jrnl file": (lambda d: d.clear() or d.update(entries=[]), "looks like a jrnl export; use --format jrnl"),
    "newer format": (lambda d: d.update(version=3), "from a newer ctotui (format version 3)"),
    "parser version not a number": (lambda d: d.update(metric_parser="5"), '"metric_parser" must be a whole number'),
    "a level out of its range": (_set("skill_ratings", 1, "level", 9), "level is 9; it must be 1 to 5"),
    "a review step out of its range": (_set("reviews", 0, "step", 0), "step is 0; it must be 1 to 6"),
    "newer step": (lambda d: d["schema"].append("m999_future"), "from a newer ctotui (schema step m999_future"),
    "tables not an object": (lambda d: d.update(tables=[]), '"tables" must be an object'),
    "unknown table": (lambda d: d["tables"].update(mystery=[]), "unknown table 'mystery'"),
    "rows not a list": (lambda d: d["tables"].update(achievements={}), "tables.achievements must be a list"),
    "row not an object": (lambda d: d["tables"]["achievements"].append([1]), "achievements row 6: expected an object"),
    "unknown column": (_set("achievements", 1, "mood", "ok"), "achievements row 2 (id 2): unknown column 'mood'"),
    "missing key": (_drop("achievements", 2, "title"), "achievements row 3 (id 3): missing 'title'"),
    "wrong type": (_set("achievements", 0, "title", 5), "title must be text, not a number"),
    "null": (_set("achievements", 0, "created_at", None), "created_at must not be null"),
    "bool for a number": (_set("target_ticks", 0, "ticked", True), "ticked must be a whole number, not true"),
    "float id": (_set("achievements", 0, "id", 1.5), "id must be a whole number, not a number"),
    "huge int": (_set("achievements", 0, "id", 2**70), "id must be a whole number, not a number out of range"),
    "infinite real": (
        _set("achievements", 0, "metric_after", "<1e400>"),
        "metric_after must be a number, not a number out",
    ),
    "bad date": (_set("achievements", 0, "occurred_on", "2024-02-30"), "occurred_on is not a date"),
    "bad time": (_set("achievements", 0, "created_at", "yesterday"), "created_at is not a date and time"),
    "unknown slug": (_set("achievements", 0, "category", "vibes"), "category 'vibes' is not one of"),
    "not JSON text": (_set("settings", 0, "value", "{nope"), "settings row 1: value must hold JSON text"),
    "duplicate id": (_set("achievements", 1, "id", 1), "achievements row 2 (id 1): the same id as an earlier row"),
    "dangling key": (
        _set("achievement_skills", 0, "achievement_id", 777),
        "achievement_skills row 1: achievement_id 777 refers to a row of achievements that is not in the file",
    ),
    "lone surrogate": (_set("achievements", 0, "title", "\ud800"), "title holds a character that is not valid Unicode"),
    "blob not base64": (_set("achievements", 0, "title", {"$blob": "!!"}), "title must be text, not an object"),
}


@pytest.mark.parametrize("name", list(MUTATIONS))
def test_a_bad_file_is_refused_with_one_line_and_nothing_written(tmp_path, name) -> None:
    mutate, expected = MUTATIONS[name]
    data = _valid(tmp_path)
    mutate(data)
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data, ensure_ascii=True).replace('"<1e400>"', "1e400"), encoding="utf-8")
    target = _populated(tmp_path / "b.db")
    before = snapshot(target)
    with pytest.raises(CtoError) as err:
        import_json(target, path)
    assert expected in str(err.value)
    assert "\n" not in str(err.value)
    assert snapshot(target) == before


@pytest.mark.parametrize(
    "raw, expected",
    [
        (b"", "not valid JSON (line 1, column 1"),
        (b'{"format": "ctotui",', "not valid JSON"),
        (b'{"format": "ctotui", "x": NaN}', "NaN is not a number JSON allows"),
        (b"\xff\xfe{}", "not UTF-8 text (byte 0"),
        (b"[" * 100_000, "nested too deeply"),
        (b"1" * 5000, "not valid JSON"),
    ],
)
def test_a_file_that_is_not_json_is_refused(tmp_path, raw, expected) -> None:
    path = tmp_path / "bad.json"
    path.write_bytes(raw)
    target = _populated(tmp_path / "b.db")
    before = snapshot(target)
    with pytest.raises(CtoError) as err:
        import_json(target, path)
    assert expected in str(err.value)
    assert snapshot(target) == before


def test_a_dry_run_counts_and_writes_nothing(tmp_path) -> None:
    source = demo_db(tmp_path / "a.db", achievements=8)
    path = tmp_path / "a.json"
    path.write_text(export_of(source), encoding="utf-8")
    target = _populated(tmp_path / "b.db")
    before = snapshot(target)
    report = import_json(target, path, dry_run=True)
    assert report.dry_run and report.added > 8
    assert snapshot(target) == before


def test_a_file_from_an_older_schema_imports(tmp_path) -> None:
    source = demo_db(tmp_path / "a.db", achievements=4)
    data = export_data(source)
    data["schema"] = ["m001_initial", "m002_journal"]
    data["tables"] = {
        t: rows
        for t, rows in data["tables"].items()
        if t in {"settings", "profile", "drafts", "achievements", "achievement_skills", "achievement_tags"}
    }
    new_columns = ("metric_kind", "metric_period", "metric_label", "metric_origin")  # added by m008_metrics
    data["tables"]["achievements"] = [
        {k: v for k, v in row.items() if k not in new_columns} for row in data["tables"]["achievements"]
    ]
    path = write_json(tmp_path / "old.json", data)
    target = open_db(tmp_path / "b.db")
    assert import_json(target, path).added > 4
    assert target.execute("select count(*) from achievements").fetchone()[0] == 4
    # Rows without m008's columns keep their numbers; their kind is worked out when read.
    imported = page_achievements(target).items
    assert [a.metric for a in imported] == [a.metric for a in page_achievements(source).items]
    assert all(a.metric.kind for a in imported if a.metric)


def test_a_table_added_by_a_later_step_is_exported_and_imported_without_naming_it(tmp_path) -> None:
    def m999_extra(db) -> None:
        migrations.run_script(
            db,
            """
            create table extra (
                id integer primary key,
                achievement_id integer references achievements (id),
                note text not null,
                data blob
            ) strict;
            """,
        )

    with migrations.with_steps(m999_extra):
        source = demo_db(tmp_path / "a.db", achievements=3)
        source.execute("insert into extra values (1, 2, 'about two', x'00ff10')")
        text = export_of(source)
        assert '{"achievement_id": 2, "data": {"$blob": "AP8Q"}, "id": 1, "note": "about two"}' in text
        path = tmp_path / "a.json"
        path.write_text(text, encoding="utf-8")

        fresh = open_db(tmp_path / "fresh.db")
        import_json(fresh, path)
        assert export_of(fresh) == text

        target = _populated(tmp_path / "b.db")
        import_json(target, path)
        (new_two,) = target.execute(
            "select id from achievements where created_at = ?",
            [source.execute("select created_at from achievements where id = 2").fetchone()[0]],
        ).fetchone()
        assert new_two != 2
        assert target.execute("select achievement_id, data from extra").fetchall() == [(new_two, b"\x00\xff\x10")]
    assert "m999_extra" not in migrations.known_steps()  # the app's own steps again after the block


def test_merging_the_drill_keeps_the_questions_here_and_moves_attempts_and_stories(tmp_path) -> None:
    from ctotui.core.drill import bank as drill

    source = demo_db(tmp_path / "a.db", achievements=40)
    mine = drill.add_question(source, "own-the-stack", "How would you retire a system nobody owns?")
    drill.record_attempt(source, mine.id, "Map its users first.", dict.fromkeys(_criteria(), 1), 90, fuzz=False)
    save_draft(source, f"drill:answer:{mine.id}", {"text": "half an answer"})
    source.execute("insert into question_stories values (?, 7, '2026-01-01T00:00:00+00:00')", [mine.id])
    path = tmp_path / "a.json"
    path.write_text(export_of(source), encoding="utf-8")

    target = _populated(tmp_path / "b.db")
    drill.add_question(target, "build-the-team", "Their own question takes the next id")  # seeds the bank first
    report = {t.table: t for t in import_json(target, path).tables}
    shipped = sum(len(ic.questions) for ic in playbook.load().interview)
    assert (
        report["questions"].kept == shipped and report["questions"].added == 1
    )  # the playbook's stay as they are here
    assert report["attempts"].added == source.execute("select count(*) from attempts").fetchone()[0]

    def story_keys(db):
        return sorted(
            db.execute(
                "select coalesce(q.source_id, q.text), a.title, a.created_at from question_stories s "
                "join questions q on q.id = s.question_id join achievements a on a.id = s.achievement_id"
            ).fetchall()
        )

    def attempt_keys(db):
        return sorted(
            db.execute(
                "select coalesce(q.source_id, q.text), t.answer, t.created_at from attempts t "
                "join questions q on q.id = t.question_id"
            ).fetchall()
        )

    assert story_keys(target) == story_keys(source) and len(story_keys(source)) > 10
    assert attempt_keys(target) == attempt_keys(source)
    (moved,) = target.execute("select id from questions where text = ?", [mine.text]).fetchone()
    assert moved != mine.id
    assert target.execute("select key from drafts where key like 'drill:%'").fetchall() == [(f"drill:answer:{moved}",)]
    assert all(c.ok for c in check(target))
    assert import_json(target, path).added == 0


def _criteria() -> list[str]:
    return [c.id for c in playbook.load().rubric]


def test_an_older_export_of_the_same_database_brings_back_nothing_edited_since(tmp_path) -> None:
    from ctotui.core.journal.entries import delete_achievement, update_achievement

    db = demo_db(tmp_path / "a.db", achievements=10)
    path = tmp_path / "before.json"
    path.write_text(export_of(db), encoding="utf-8")
    update_achievement(db, 3, title="Renamed after the export")
    delete_achievement(db, 4)
    report = {t.table: t for t in import_json(db, path).tables}
    assert report["achievements"].added == 0
    assert report["achievements"].kept_keys == ("id 3", "id 4")  # the same entries, changed here since
    assert db.execute("select title from achievements where id = 3").fetchone()[0] == "Renamed after the export"
    assert db.execute("select deleted_at is not null from achievements where id = 4").fetchone()[0] == 1
    assert db.execute("select count(*) from achievements").fetchone()[0] == 10
