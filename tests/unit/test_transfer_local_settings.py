"""The settings that belong to one machine (its sync folder, any other sync.* key, its theme:
core/settings.py) never travel in an export: the export leaves them out, the salvage too, and
an import skips them (an older export still holds them). A new machine that took the old one's
sync folder would send every row again as new rows, doubling the journal on every machine."""

from __future__ import annotations

import io
import json
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from transfer_helpers import demo_db, export_data, write_json

from ctotui.core.data.import_merge import import_json
from ctotui.core.data.salvage import write_salvage
from ctotui.core.db import open_db
from ctotui.core.settings import get_setting, is_local_setting, set_setting
from ctotui.core.sync.run import FOLDER_SETTING, save_folder, saved_folder

STAMP = "2026-03-15T10:00:00.000000+00:00"


def _setting(key: str, value) -> dict:
    return {"key": key, "updated_at": STAMP, "value": json.dumps(value)}


def test_the_export_and_the_salvage_leave_out_this_machines_settings(tmp_path) -> None:
    db = demo_db(tmp_path / "a.db", achievements=3)
    save_folder(db, tmp_path)
    set_setting(db, "theme", "nord")
    set_setting(db, "review.weekday", 4)
    assert is_local_setting(FOLDER_SETTING)  # the key sync saves its folder under is in the one list
    keys = [row["key"] for row in export_data(db)["tables"]["settings"]]
    assert "review.weekday" in keys  # the journal's own choices travel
    assert not [key for key in keys if key.startswith("sync.") or key == "theme"]
    out = io.StringIO()
    write_salvage(db, out)
    assert [row["key"] for row in json.loads(out.getvalue())["tables"]["settings"]] == keys


def test_an_import_skips_the_exporting_machines_settings_and_says_so(tmp_path) -> None:
    source = demo_db(tmp_path / "a.db", achievements=3)
    set_setting(source, "review.weekday", 4)
    data = export_data(source)
    data["tables"]["settings"] += [_setting(FOLDER_SETTING, "/elsewhere/share"), _setting("theme", "nord")]
    path = write_json(tmp_path / "old.json", data)  # an export made before they were left out

    fresh = open_db(tmp_path / "new.db")
    report = import_json(fresh, path)
    assert saved_folder(fresh) is None and get_setting(fresh, "theme") is None
    assert get_setting(fresh, "review.weekday") == 4
    assert sorted(report.local) == ["sync.folder", "theme"]

    mine = open_db(tmp_path / "mine.db")
    save_folder(mine, tmp_path)
    assert import_json(mine, path, dry_run=True).local == report.local
    import_json(mine, path)
    assert saved_folder(mine) == tmp_path.resolve()  # its own folder, untouched


@settings(max_examples=15, deadline=None)
@given(rest=st.text(min_size=1, max_size=12).filter(str.isprintable))
def test_no_sync_key_goes_out_or_comes_in(rest: str) -> None:
    key = "sync." + rest
    with tempfile.TemporaryDirectory() as folder:
        db = open_db(Path(folder) / "a.db")
        set_setting(db, key, "here")
        data = export_data(db)
        assert key not in [row["key"] for row in data["tables"]["settings"]]
        data["tables"]["settings"].append(_setting(key, "there"))
        target = open_db(Path(folder) / "b.db")
        assert import_json(target, write_json(Path(folder) / "a.json", data)).local == (key,)
        assert get_setting(target, key) is None
        db.close()
        target.close()
