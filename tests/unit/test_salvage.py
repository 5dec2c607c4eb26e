"""``export --salvage``: from a sound database it saves what the export saves; from a damaged
one, the rows it can still read, in WITHOUT ROWID tables (tags, skills, links...) too."""

from __future__ import annotations

import io
import json
import sqlite3
from pathlib import Path

from ctotui.core.data.export_json import export_text
from ctotui.core.data.salvage import salvage_rows, write_salvage
from ctotui.core.data.tables import describe
from ctotui.core.db import open_db
from ctotui.core.journal.entries import add_achievement


def test_salvage_of_a_sound_database_is_the_export(demo_db: Path) -> None:
    db = open_db(demo_db)
    out = io.StringIO()
    report = write_salvage(db, out)
    exported = export_text(db)
    db.close()
    saved, whole = json.loads(out.getvalue())["tables"], json.loads(exported)["tables"]
    assert {name: len(rows) for name, rows in saved.items()} == {name: len(rows) for name, rows in whole.items()}
    assert whole["achievement_tags"] and whole["achievement_links"] and whole["achievement_skills"]
    assert report.damaged == () and report.rows == sum(len(rows) for rows in whole.values())
    assert out.getvalue() == exported  # same rows, same order, same bytes


def test_salvage_reads_past_a_damaged_page_of_a_without_rowid_table(tmp_path: Path) -> None:
    path = tmp_path / "tags.db"
    db = open_db(path)
    for n in range(80):
        add_achievement(db, title=f"Entry {n}", tags=[f"tag-{n}-{t}-" + "t" * 25 for t in range(12)])
    db.close()
    plain = sqlite3.connect(path)
    before = plain.execute("select achievement_id, tag from achievement_tags order by 1, 2").fetchall()
    leaves = [
        p for (p,) in plain.execute("select pageno from dbstat where name = 'achievement_tags' and pagetype = 'leaf'")
    ]
    plain.close()
    assert len(leaves) >= 5
    data = bytearray(path.read_bytes())
    page = len(data) // sqlite3.connect(path).execute("pragma page_count").fetchone()[0]
    damaged = leaves[len(leaves) // 2]
    data[(damaged - 1) * page : (damaged - 1) * page + 100] = b"\xff" * 100  # its header: unreadable
    path.write_bytes(bytes(data))

    db = open_db(path, read_only=True)
    rows, result = salvage_rows(db, describe(db)["achievement_tags"])
    db.close()
    saved = [(row["achievement_id"], row["tag"]) for row in rows]
    assert result.damaged and result.rows == len(saved)
    assert saved == sorted(saved) and set(saved) < set(before)
    assert saved[0] == before[0] and saved[-1] == before[-1]  # rows on both sides of the damage
    per_leaf = len(before) / len(leaves)
    assert len(before) - len(saved) <= 2 * per_leaf + 2 * 12  # the damaged page and its edges, no more
