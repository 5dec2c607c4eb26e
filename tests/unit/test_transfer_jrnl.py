"""Import from jrnl, tested on a real `jrnl --export json` (tests/data/jrnl_export.json).

The sample was made with jrnl 4.6 (installed in the venv only, not a dependency):
a journal file and a config in a temporary folder, six entries added with
`jrnl "<date>: <title>. <body> @tags"` (one starred with `*`, one with a
multi-line body from stdin, one with non-ASCII text and an inline @mention),
then `jrnl --export json`. tests/data/jrnl_journal.txt is the journal it came from.
"""

from __future__ import annotations

import json
from datetime import datetime

import pytest
from transfer_helpers import JRNL_SAMPLE, snapshot, write_json

from ctotui.core import clock
from ctotui.core.data.import_merge import import_json
from ctotui.core.data.jrnl import entry_from, import_jrnl
from ctotui.core.errors import CtoError
from ctotui.core.journal.entries import add_achievement, get_achievement


def test_a_real_jrnl_export_becomes_achievements(db) -> None:
    report = import_jrnl(db, JRNL_SAMPLE)
    assert (report.entries, len(report.imported), report.skipped) == (6, 6, 0)
    deploy, onboard, renewal, postmortem, talk, reading = report.imported

    assert deploy.title == "Cut deploy time from 45 to 7 min."  # as jrnl has it, its full stop too
    assert deploy.body == "Moved the build to cached layers and parallel test shards."  # trailing tags dropped
    assert (deploy.metric_before, deploy.metric_after, deploy.metric_unit) == (45, 7, "min")
    assert deploy.tags == ("ci", "work")
    assert str(deploy.occurred_on) == "2025-09-03"
    assert deploy.created_at == clock.utc_iso(datetime(2025, 9, 3, 10, 15).astimezone())  # jrnl's local time

    assert onboard.skills == ("leadership",)  # a tag naming a skill area links it
    assert renewal.title == "Won the Acme renewal."  # jrnl kept the line whole: first sentence is the title
    assert renewal.body == "Explained the migration plan to their CTO; they signed for two more years."
    assert renewal.category == "customers" and "starred" in renewal.tags
    assert postmortem.body.endswith("Pages dropped by 60% the next month.")  # the tag line at the end is gone
    assert postmortem.body.count("\n") == 3  # multi-line body kept
    assert postmortem.category == "savings" and postmortem.metric_change_pct == -60
    assert talk.title == "Café meetup talk — “Strangler figs” in production."
    assert "with @alice;" in talk.body and talk.tags == ("alice", "talks")  # inline mention kept in the text
    assert reading.tags == () and reading.body == ""
    assert get_achievement(db, reading.id).title == "Read the CTO playbook chapter on hiring."


def test_importing_the_same_export_twice_adds_nothing(db) -> None:
    import_jrnl(db, JRNL_SAMPLE)
    before = snapshot(db)
    again = import_jrnl(db, JRNL_SAMPLE)
    assert (len(again.imported), again.skipped) == (0, 6)
    assert snapshot(db) == before


def test_an_entry_already_typed_in_is_skipped_and_a_dry_run_writes_nothing(db) -> None:
    add_achievement(db, title="Read the CTO playbook chapter on hiring.", occurred_on="2026-02-02")
    before = snapshot(db)
    report = import_jrnl(db, JRNL_SAMPLE, dry_run=True)
    assert (len(report.imported), report.skipped, report.dry_run) == (5, 1, True)
    assert snapshot(db) == before


def _one(**fields) -> dict:
    entry = {"title": "Shipped it.", "body": "", "date": "2025-01-02", "time": "09:30", "tags": [], "starred": False}
    entry.update(fields)
    return {"tags": {}, "entries": [entry]}


@pytest.mark.parametrize(
    "data, expected",
    [
        ({"entries": "no"}, 'not a jrnl JSON export (no "entries" list)'),
        ([], "not a jrnl JSON export"),
        ({"format": "ctotui", "version": 1}, "a ctotui export, not a jrnl one"),
        ({"entries": [5]}, "entry 1: expected an object"),
        (_one(date="02/01/2025"), "entry 1: date must be YYYY-MM-DD"),
        (_one(date="2025-02-30"), "entry 1: date must be YYYY-MM-DD"),
        (_one(date="9999-12-31"), "entry 1: date must be YYYY-MM-DD from 1900 to 9998"),
        (_one(time="25:00"), "entry 1: time must be HH:MM"),
        (_one(title=7), "entry 1: title must be text"),
        (_one(tags="@work"), "entry 1: tags must be a list"),
        (_one(starred="yes"), "entry 1: starred must be true or false"),
        (_one(body="x" * (1024 * 1024 + 1)), "entry 1: the body is larger than 1 MB"),
    ],
)
def test_a_bad_jrnl_file_is_refused_and_nothing_is_written(db, tmp_path, data, expected) -> None:
    import_jrnl(db, JRNL_SAMPLE)
    before = snapshot(db)
    with pytest.raises(CtoError) as err:
        import_jrnl(db, write_json(tmp_path / "j.json", data))
    assert expected in str(err.value)
    assert snapshot(db) == before


def test_long_titles_are_cut_at_a_word_and_kept_whole_in_the_body() -> None:
    title = "Migrated " + "the very large service " * 12 + "to the new cluster."
    entry = entry_from(_one(title=title, body="Details.")["entries"][0])
    assert len(entry.title) <= 200 and entry.title.endswith("…") and " " not in entry.title[-3:-1]
    assert entry.body.startswith(title) and entry.body.endswith("Details.")


def test_odd_entries_still_make_sense() -> None:
    only_tags = entry_from(_one(title="@work @ci", tags=["@work", "@ci"])["entries"][0])
    assert only_tags.title == "(untitled jrnl entry)" and only_tags.tags == ("work", "ci")
    no_time = entry_from(_one(time=None, title="Fixed the build")["entries"][0])
    assert no_time.at.hour == 9
    hashed = entry_from(_one(title="Paired. #mentoring", tags=["#mentoring"])["entries"][0])  # tagsymbols: '#'
    assert hashed.title == "Paired." and hashed.tags == ("mentoring",)
    # a tag that is a word of the title's sentence stays in it ("Hired @bob" was "Hired")
    for title in ("Hired @bob", "1:1 with @alice"):
        entry = entry_from(_one(title=title, tags=[title.split()[-1]])["entries"][0])
        assert entry.title == title and entry.tags == (title.split()[-1][1:],)
    # dropped, too long to keep: it stays in the text (it was taken off it, its words lost)
    long = "@incident-review-for-the-payments-platform-outage-of-november"
    too_long_tag = entry_from(_one(title="Led the review.", body=f"Wrote it up. {long}", tags=[long])["entries"][0])
    assert too_long_tag.tags == () and too_long_tag.body == f"Wrote it up. {long}"


def test_the_sample_is_what_jrnl_writes() -> None:
    data = json.loads(JRNL_SAMPLE.read_text(encoding="utf-8"))
    assert set(data) == {"tags", "entries"}
    assert all(set(e) == {"title", "body", "date", "time", "tags", "starred"} for e in data["entries"])


def test_an_escape_sequence_in_a_jrnl_entry_goes_whole_and_no_number_is_read_from_it(db, tmp_path) -> None:
    data = _one(title="Evil \x1b[31mred\x1b[0m.", body="Shipped \x1b]0;pwned\x07it")
    (entry,) = import_jrnl(db, write_json(tmp_path / "j.json", data)).imported
    assert (entry.title, entry.body, entry.metric) == ("Evil red.", "Shipped it", None)


def test_a_tag_loses_its_escape_sequence_whole_as_add_drops_it(db, tmp_path) -> None:
    data = _one(title="Shipped it @\x1b[31mred", tags=["@\x1b[31mred"])
    (entry,) = import_jrnl(db, write_json(tmp_path / "j.json", data)).imported
    typed = add_achievement(db, title="Typed", tags=["\x1b[31mred"])
    assert entry.tags == typed.tags == ("red",)
    assert entry.title == "Shipped it @red"  # a tag in the title's sentence stays (after a full stop it goes)


def test_the_title_stays_as_jrnl_has_it() -> None:
    entry = entry_from(_one(title="Cut p95 latency from 900ms to 200ms.", body="Profiled the hot path.")["entries"][0])
    assert (entry.title, entry.body) == ("Cut p95 latency from 900ms to 200ms.", "Profiled the hot path.")


def test_jrnls_plain_text_journal_is_named_with_the_command_that_exports_it(db, tmp_path) -> None:
    journal = JRNL_SAMPLE.with_name("jrnl_journal.txt")
    before = snapshot(db)
    for path in (journal, _bom_copy(journal, tmp_path)):  # as jrnl writes it, and with a byte order mark
        with pytest.raises(CtoError) as err:
            import_jrnl(db, path)
        assert str(err.value) == (
            f"{path}: jrnl's plain-text journal, not an export; run "
            "`jrnl --export json > jrnl.json` and import that with --format jrnl"
        )
        with pytest.raises(CtoError, match="jrnl's plain-text journal"):
            import_json(db, path)
    assert snapshot(db) == before


def _bom_copy(journal, tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + journal.read_bytes())
    return path


def test_an_entry_the_file_repeats_is_counted_as_repeated_not_as_already_here(db, tmp_path) -> None:
    data = _one()
    data["entries"] *= 2
    report = import_jrnl(db, write_json(tmp_path / "j.json", data))
    assert (len(report.imported), report.skipped, report.repeated) == (1, 0, 1)
    again = import_jrnl(db, write_json(tmp_path / "j.json", data))
    assert (len(again.imported), again.skipped, again.repeated) == (0, 1, 1)


def test_an_entry_imported_as_an_earlier_version_wrote_it_is_not_added_again(db, tmp_path) -> None:
    """ "Hired @bob" was imported as "Hired" before the tag in a title's sentence stayed: importing the
    same export again (for the entries written since) found "Hired @bob" new, and added it twice."""
    add_achievement(db, title="Hired", occurred_on="2025-01-02")  # what the earlier import made of it
    data = _one(title="Hired @bob", tags=["@bob"])
    report = import_jrnl(db, write_json(tmp_path / "j.json", data))
    assert report.imported == () and report.skipped == 1
