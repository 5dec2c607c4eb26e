"""Drafts kept aside in a file beside the database as the app closes (core/drafts.py ``spill``):
written whole or not at all."""

from __future__ import annotations

import json
import os

import pytest

from ctotui.core.drafts import draft_text, recover, spill, spill_file


def test_a_spill_that_fails_leaves_the_drafts_kept_before_as_they_were(db, db_path) -> None:
    """The file was opened in place with O_TRUNC: a write refused by a full disk left it at 0
    bytes, the drafts kept at an earlier close gone with it."""
    first = spill(db, {"journal:new": {"title": "Kept at the last close"}})
    before = first.read_bytes()
    assert first == spill_file(db_path) and first.stat().st_mode & 0o777 == 0o600
    blocker = first.with_name(f".{first.name}.{os.getpid()}.tmp")
    blocker.mkdir()  # where the new file is written first: refused (as a full disk refuses the write)
    with pytest.raises(OSError):
        spill(db, {"people:add": {"name": "Typed at this close"}})
    assert first.read_bytes() == before
    blocker.rmdir()
    spill(db, {"people:add": {"name": "Typed at this close"}})
    assert set(json.loads(first.read_text(encoding="utf-8"))) == {"journal:new", "people:add"}
    assert recover(db) == 2 and not first.exists()


def test_a_drafts_text_is_its_text_fields_as_typed() -> None:
    payload = {"title": "Cut p99 from 900 to 300 ms", "body": "line one\nline two", "date": " ", "n": 3}
    assert draft_text(payload) == "Cut p99 from 900 to 300 ms\nline one\nline two"
    assert draft_text(None) == "" == draft_text({})
