"""The search index's schema steps on a database made before them: m007_search (on one made up to
m006_review) and m019_search_spelled_out."""

from __future__ import annotations

import sqlite3

from ctotui.core.db import open_db, schema_steps
from ctotui.core.journal.entries import add_achievement, search_achievements, update_achievement
from ctotui.core.migrations import MIGRATIONS, known_steps

ROWS = [  # (title, body, occurred_on, deleted, tags)
    ("Took the on-call pager for payments", "", "2026-01-05", False, ["perf", "on-call"]),
    ("Cut p95 latency from 900 to 120 ms", "Tuned the feature-flag service", "2026-01-06", False, ["perf-work"]),
    ("Drafted the hiring plan", "", "2026-01-07", True, ["perf"]),  # deleted: never found
    ("Onboarded 12 new hires", "time-to-hire down to 21 days", "2026-01-08", False, []),
]


def old_database(path) -> None:
    """A file at the m006 state, with entries written as that schema wrote them."""
    db = open_db(path, migrate=False)
    MIGRATIONS.apply(db, stop_before="m007_search")
    assert schema_steps(db)[-1] == "m006_review"
    for title, body, day, deleted, tags in ROWS:
        cur = db.execute(
            "insert into achievements (title, body, occurred_on, created_at, updated_at, deleted_at) "
            "values (?, ?, ?, 'x', 'x', ?)",
            [title, body, day, "x" if deleted else None],
        )
        for tag in tags:
            db.execute(
                "insert into achievement_tags (achievement_id, tag, occurred_on) values (?, ?, ?)",
                [cur.lastrowid, tag, day],
            )
    db.close()


def titles(db, text: str) -> list[str]:
    return [a.title for a in search_achievements(db, text).items]


def test_the_index_is_rebuilt_with_tags_for_existing_rows(tmp_path):
    path = tmp_path / "ctotui.db"
    old_database(path)
    old = sqlite3.connect(path)
    assert old.execute("select count(*) from achievements_fts where achievements_fts match 'perf'").fetchone() == (0,)
    old.close()

    db = open_db(path)  # migrates (after a backup: the file holds data)
    assert schema_steps(db) == known_steps()
    assert [p.name for p in tmp_path.iterdir() if ".before-" in p.name]
    assert titles(db, "#perf") == ["Took the on-call pager for payments"]
    assert titles(db, "perf") == ["Cut p95 latency from 900 to 120 ms", "Took the on-call pager for payments"]
    assert titles(db, "on-call") == ["Took the on-call pager for payments"]
    assert titles(db, "feature-flag") == ["Cut p95 latency from 900 to 120 ms"]
    assert titles(db, "time-to-hire") == ["Onboarded 12 new hires"]
    assert titles(db, "hiring") == []  # the deleted entry stays out of the index
    check = "insert into achievements_fts (achievements_fts, rank) values ('integrity-check', 1)"
    assert db.execute(check).fetchall() == []

    # The triggers keep it in step from now on.
    first = search_achievements(db, "#on-call").items[0]
    update_achievement(db, first.id, tags=["incident"])
    assert titles(db, "#on-call") == [] and titles(db, "incident") == [first.title]
    add_achievement(db, title="Wrote the runbook", tags=["on-call"], occurred_on="2026-01-09")
    assert titles(db, "#on-call") == ["Wrote the runbook"]
    assert db.execute(check).fetchall() == []
    db.close()


def test_m019_writes_out_sharp_s_in_the_index_of_a_file_made_before_it(tmp_path):
    """A journal made before m019_search_spelled_out held "Straße" as the token "straße", which
    `search strasse` never found. Opening it rebuilds the index; `check` agrees with it after."""
    from ctotui.core.data.upkeep import check

    path = tmp_path / "ctotui.db"
    db = open_db(path, migrate=False)
    MIGRATIONS.apply(db, stop_before="m019_search_spelled_out")
    db.close()
    db = open_db(path, migrate=False)  # the triggers of m007, as an older ctotui wrote with them
    for title, tags in (("Straße fixed", ["straße"]), ("Tidied the ﬁle ﬂow", [])):
        cur = db.execute(
            "insert into achievements (title, body, occurred_on, created_at, updated_at) "
            "values (?, '', '2026-01-05', 'x', 'x')",
            [title],
        )
        for tag in tags:
            db.execute(
                "insert into achievement_tags (achievement_id, tag, occurred_on) values (?, ?, '2026-01-05')",
                [cur.lastrowid, tag],
            )
    db.conn.commit()
    assert titles(db, "strasse") == []
    db.close()

    db = open_db(path)
    assert schema_steps(db) == known_steps()
    assert titles(db, "strasse") == titles(db, "STRASSE") == titles(db, "#strasse") == ["Straße fixed"]
    assert titles(db, "file flow") == ["Tidied the ﬁle ﬂow"]
    assert all(c.ok for c in check(db)), check(db)
    first = search_achievements(db, "strasse").items[0]
    update_achievement(db, first.id, tags=["gasse"], title="Gasse fixed")  # the triggers, made again
    add_achievement(db, title="Straße again", tags=["straße"], occurred_on="2026-01-09")
    assert titles(db, "strasse") == ["Straße again"] and titles(db, "#gasse") == ["Gasse fixed"]
    assert all(c.ok for c in check(db)), check(db)
    db.close()
