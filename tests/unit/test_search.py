"""Search on real SQLite files: each example of the syntax, and an oracle.

The oracle: hypothesis writes entries (words with hyphens, dots, slashes,
unicode; tags) and builds queries from their words; the ids the search returns,
page by page, equal those of a plain Python reading of the documented rules
(core/journal/search.py's docstring, the README's table) over the same rows.
"""

from __future__ import annotations

import re
import shutil
import sqlite3
import unicodedata
import uuid
from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from hypothesis import event, given
from hypothesis import strategies as st

from ctotui.core.db import open_db
from ctotui.core.errors import CtoError
from ctotui.core.journal import search
from ctotui.core.journal.entries import (
    JournalFilter,
    add_achievement,
    clean_tag,
    count_achievements,
    delete_achievement,
    get_achievement,
    journal_counts,
    page_achievements,
    search_achievements,
    update_achievement,
)
from ctotui.core.journal.metrics import Metric
from ctotui.core.journal.search import parse_search
from ctotui.core.journal.words import NO_PLURAL, NOT_PLURALS, tag_key
from ctotui.core.terms import CATEGORIES, SKILLS

START = date(2026, 1, 1)


def found(db, text: str, *, typing: bool = False, **filters) -> list[str]:
    """Titles the search finds, newest first."""
    f = JournalFilter(**filters).with_text(text, typing=typing)
    return [a.title for a in page_achievements(db, filters=f, limit=500).items]


def fts_is_sound(db) -> bool:
    return (
        db.execute("insert into achievements_fts (achievements_fts, rank) values ('integrity-check', 1)").fetchall()
        == []
    )


# --- each example ------------------------------------------------------------


@pytest.mark.parametrize(
    ("term", "hits", "misses"),
    [
        (
            "on-call",
            ["Took the on-call pager", "Was on call all week"],
            ["Turned on the call recorder", "Cut call costs"],
        ),
        ("feature-flag", ["Removed 40 feature-flags? no: feature-flag debt"], ["A flag for the feature"]),
        ("time-to-hire", ["Halved time-to-hire for SREs"], ["Hire time was long"]),
        ("p95", ["p95 latency from 900 to 120 ms"], ["p9 and p950 are other words"]),
        ("k8s", ["Moved to k8s"], ["k8 s is not it"]),
        ("v2.1", ["Shipped v2.1 of the API"], ["Shipped v2.10", "v2 then 1"]),
        ("node.js", ["Upgraded Node.js fleet"], ["node graph in js"]),
        ("ci/cd", ["Rebuilt the CI/CD pipeline"], ["cd into ci"]),
        ("snake_case", ["Renamed to snake_case"], ["a snake in a case"]),
    ],
)
def test_joined_words_are_one_term(db, term, hits, misses):
    for i, title in enumerate(hits + misses):
        add_achievement(db, title=title, occurred_on=START + timedelta(days=i))
    assert sorted(found(db, term)) == sorted(hits)


def test_words_written_joined_or_apart_find_each_other(db):
    on_call = ["Took the on-call pager", "Wrote the oncall handbook", "Was on call all week", "Fixed ON-CALL pay"]
    email = ["Moved invoices to e-mail", "Shipped the Email digest"]
    others = ["Turned on the call recorder", "Cut call costs", "Sent mail on time"]
    for i, title in enumerate(on_call + email + others):
        add_achievement(db, title=title, occurred_on=START + timedelta(days=i))
    for text in ("oncall", "on-call", "OnCall", '"on-call"'):
        assert sorted(found(db, text)) == sorted(on_call), text
        assert count_achievements(db, JournalFilter(text=text)) == len(on_call), text
    assert sorted(found(db, "oncal", typing=True)) == sorted(on_call)  # the last word, still being typed
    for text in ("email", "e-mail"):
        assert sorted(found(db, text)) == sorted(email), text
    assert sorted(found(db, "-oncall")) == sorted(email + others)  # every spelling left out
    assert found(db, "callon") == []  # a split that stands nowhere next to itself finds nothing
    # two words typed apart find them joined too ("oncall" was missed), as well as both anywhere
    assert sorted(found(db, "on call")) == sorted([*on_call, "Turned on the call recorder"])
    assert count_achievements(db, JournalFilter(text="on call")) == len(on_call) + 1
    assert sorted(found(db, "e mail")) == sorted(email)
    assert sorted(found(db, "on cal", typing=True)) == sorted([*on_call, "Turned on the call recorder"])


def test_a_split_is_looked_for_only_where_it_stands_in_an_entry():
    asked: list[str] = []

    def occurs(match: str) -> bool:
        asked.append(match)
        return match in ('"on call"', '"on call"*', '"oncall"')

    assert parse_search("oncall").with_joins(occurs).match() == '("oncall" OR "on call" OR "oncalls")'
    assert asked == ['"o ncall"', '"on call"', '"onc all"', '"onca ll"', '"oncal l"']
    assert parse_search("oncall", typing=True).with_joins(occurs).match() == '("oncall"* OR "on call"*)'
    assert (
        parse_search("on-call -e-mail").with_joins(occurs).match()
        == '(("on-call" OR "oncall" OR "on-calls")) NOT ("e-mail" OR "email" OR "e-mails")'
    )
    asked.clear()
    assert (
        parse_search("on call").with_joins(occurs).match() == '("on" OR "oncall") AND ("call" OR "calls" OR "oncall")'
    )
    assert '"oncall"' in asked  # the two words joined, looked for
    asked.clear()
    for text in ("on #call", "on OR off call", "k8s p95", "-on call"):
        assert "oncall" not in str(parse_search(text).with_joins(occurs).match()), text  # not joined
    asked.clear()
    for text in ("#oncall", '"on call"', "k8s", "p95", "ab", "日本語"):
        search = parse_search(text)
        assert search.with_joins(occurs) == search, text  # a tag, a phrase of words, digits, too short
    long = "x" * 25  # too long to split: only its plural
    assert parse_search(long).with_joins(occurs).match() == f'("{long}" OR "{long}es")'
    assert asked == []


def test_a_word_finds_its_plural_and_its_singular(db):
    """`ctotui search incident` missed "Ran 3 incidents"; "OKR" missed the OKRs, "1:1" the 1:1s."""
    titles = ["Ran the incident review", "Led 3 incidents to closure", "Owned the Q3 OKRs", "Set one OKR",
              "Weekly 1:1s with 6 reports", "Cut our dependencies", "Dropped a dependency",
              "Wrote the news digest", "Shipped a new pager"]  # fmt: skip
    for i, title in enumerate(titles):
        add_achievement(db, title=title, occurred_on=START + timedelta(days=i))
    for text in ("incident", "incidents", "Incidents"):
        assert found(db, text) == ["Led 3 incidents to closure", "Ran the incident review"], text
    assert found(db, "OKR") == found(db, "okrs") == ["Set one OKR", "Owned the Q3 OKRs"]
    assert found(db, "1:1") == ["Weekly 1:1s with 6 reports"]
    assert found(db, "report") == ["Weekly 1:1s with 6 reports"]
    assert found(db, "dependency") == found(db, "dependencies") == ["Dropped a dependency", "Cut our dependencies"]
    assert found(db, "news") == ["Wrote the news digest"] and found(db, "new") == ["Shipped a new pager"]
    assert "Led 3 incidents to closure" not in found(db, "-incident")  # left out in both numbers
    assert found(db, '"incident review"') == ["Ran the incident review"]  # a phrase stays as typed
    assert count_achievements(db, JournalFilter(text="incident")) == 2


def test_a_word_with_signs_finds_it_as_written(db):
    """ "C#" and "C++" are the word "c" to the index: each found both, "Plan C" and the C-suite."""
    titles = ["Rewrote the C++ matching engine", "Ported billing to c#", "Presented to the C-suite",
              "Taught F# to the data team", "Plan C for the outage", "Moved the C# SDK off C++"]  # fmt: skip
    for i, title in enumerate(titles):
        add_achievement(db, title=title, occurred_on=START + timedelta(days=i))
    assert found(db, "C++") == ["Moved the C# SDK off C++", "Rewrote the C++ matching engine"]
    assert found(db, "c#") == ["Moved the C# SDK off C++", "Ported billing to c#"]
    assert found(db, "C#", typing=True) == found(db, "c#")  # being typed: still the word with its sign
    assert found(db, "F# OR c++") == [
        "Moved the C# SDK off C++",
        "Taught F# to the data team",
        "Rewrote the C++ matching engine",
    ]
    assert found(db, "c++ -c#") == ["Rewrote the C++ matching engine"]
    assert found(db, "-c++") == titles[1:5][::-1]  # left out: only what has "c++" in it
    assert len(found(db, "c")) == len(titles) - 1  # the word alone is every "c" (all but F#)
    assert count_achievements(db, JournalFilter(text="C++")) == 2


def test_only_a_leading_dash_excludes(db):
    add_achievement(db, title="Wrote the RFC draft", occurred_on=START)
    add_achievement(db, title="Wrote the RFC final", occurred_on=START + timedelta(days=1))
    add_achievement(db, title="Pre-draft review of the RFC", occurred_on=START + timedelta(days=2))
    assert found(db, "rfc -draft") == ["Wrote the RFC final"]
    assert found(db, "-draft") == ["Wrote the RFC final"]  # nothing but exclusions
    assert found(db, "pre-draft") == ["Pre-draft review of the RFC"]  # a dash inside a word joins it
    assert found(db, 'rfc -"rfc final"') == ["Pre-draft review of the RFC", "Wrote the RFC draft"]
    assert count_achievements(db, JournalFilter(text="rfc -draft")) == 1
    assert count_achievements(db, JournalFilter(text="-draft")) == 1


def test_or_phrases_and_prefixes(db):
    for i, title in enumerate(["Cut latency in checkout", "Cut costs in checkout", "Latency budget for search"]):
        add_achievement(db, title=title, occurred_on=START + timedelta(days=i))
    assert found(db, "latency OR costs checkout") == ["Cut costs in checkout", "Cut latency in checkout"]
    assert found(db, '"cut latency"') == ["Cut latency in checkout"]
    assert found(db, '"latency cut"') == []
    assert found(db, "laten") == []  # a finished query holds whole words
    assert found(db, "laten*") == ["Latency budget for search", "Cut latency in checkout"]
    assert found(db, "laten", typing=True) == ["Latency budget for search", "Cut latency in checkout"]
    assert found(db, "laten ", typing=True) == []  # a space after it: the word is finished
    assert found(db, "laten checkout", typing=True) == []  # only the last word is a prefix
    assert found(db, '"cut lat', typing=True) == ["Cut latency in checkout"]  # an open phrase too


def test_tags_are_searched(db):
    add_achievement(db, title="Made search faster", tags=["perf", "incident"], occurred_on=START)
    add_achievement(db, title="Perf review of billing", occurred_on=START + timedelta(days=1))
    add_achievement(db, title="Tuned the batch job", tags=["perf-work"], occurred_on=START + timedelta(days=2))
    add_achievement(db, title="Led the outage review", tags=["on-call"], occurred_on=START + timedelta(days=3))
    assert found(db, "perf") == ["Tuned the batch job", "Perf review of billing", "Made search faster"]
    assert found(db, "#perf") == ["Made search faster"]  # the tag alone, and only that tag
    assert found(db, "tag:perf") == found(db, "#Perf") == ["Made search faster"]
    assert found(db, "incident") == ["Made search faster"]
    assert found(db, "on-call") == found(db, "#on-call") == ["Led the outage review"]
    assert found(db, "#perf", typing=True) == ["Tuned the batch job", "Made search faster"]  # tags starting so
    assert found(db, "review -#on-call") == ["Perf review of billing"]
    assert found(db, "perf work") == ["Tuned the batch job"]
    assert found(db, '"incident perf"') == []  # a phrase never runs from one tag into the next


def test_a_tag_is_found_with_its_case_and_accents_folded_as_words_are(db):
    add_achievement(db, title="Opened the team café", tags=["café"], occurred_on=START)
    add_achievement(db, title="Ran the cafe crawl", tags=["cafe-crawl"], occurred_on=START + timedelta(days=1))
    add_achievement(db, title="Moved to Zurich", tags=["Zürich"], occurred_on=START + timedelta(days=2))
    assert found(db, "cafe") == ["Ran the cafe crawl", "Opened the team café"]  # the word, folded
    for spelled in ("#café", "#cafe", "#CAFE", "#Café", "tag:cafe"):
        assert found(db, spelled) == ["Opened the team café"], spelled  # the whole tag only: not cafe-crawl
    assert found(db, "#caf", typing=True) == ["Ran the cafe crawl", "Opened the team café"]
    assert found(db, "#zurich") == ["Moved to Zurich"]
    assert found(db, "-#cafe") == ["Moved to Zurich", "Ran the cafe crawl"]
    assert count_achievements(db, JournalFilter(text="#cafe")) == 1


def test_sharp_s_and_ligatures_are_found_as_their_letters(db):
    """`search strasse` and `search STRASSE` said "no achievement matches" for "Straße fixed":
    unicode61 keeps "ß" (and "ﬁ", "ﬂ"...) one letter; the search folds it to "ss" as casefold does."""
    add_achievement(db, title="Straße fixed", body="the ﬁle ﬂow", tags=["straße"], occurred_on=START)
    add_achievement(db, title="Renamed the STRASSE table", occurred_on=START + timedelta(days=1))
    add_achievement(db, title="Final ΟΔΟΣ sign", occurred_on=START + timedelta(days=2))
    both = ["Renamed the STRASSE table", "Straße fixed"]
    for typed in ("strasse", "STRASSE", "Straße", "STRAẞE", "strasse*", "straß*"):
        assert found(db, typed) == both, typed
    assert found(db, "stras", typing=True) == both
    assert found(db, '"straße fixed"') == ["Straße fixed"]
    assert found(db, "file flow") == found(db, "ﬁle") == ["Straße fixed"]
    assert found(db, "οδος") == ["Final ΟΔΟΣ sign"]  # the final sigma typed: the index folds it to σ
    for tag in ("#strasse", "#STRASSE", "tag:straße"):
        assert found(db, tag) == ["Straße fixed"], tag
    for tag in ("strasse", "STRASSE", "straße"):
        listed = page_achievements(db, filters=JournalFilter(tag=clean_tag(tag)), limit=10).items
        assert [a.title for a in listed] == ["Straße fixed"], tag
    assert fts_is_sound(db)
    entry = search_achievements(db, "strasse fixed").items[0]
    update_achievement(db, entry.id, title="Gasse fixed", tags=["gasse"])
    assert found(db, "strasse") == ["Renamed the STRASSE table"] and found(db, "gasse") == ["Gasse fixed"]
    delete_achievement(db, entry.id)
    assert found(db, "ﬁle") == [] and fts_is_sound(db)


def test_each_letter_written_out_is_what_casefold_makes_of_it():
    """The index's text (SQL) and the search's words (Python) write the same letters out the same way."""
    from ctotui.core.schema_sql import SPELLED_OUT, SPELLED_OUT_UTF8, spelled_out_sql

    conn = sqlite3.connect(":memory:")
    for letter, letters in SPELLED_OUT.items():
        assert letter.casefold() == letters
        assert letter.encode("utf-8").hex().startswith(SPELLED_OUT_UTF8)
        text = f"a{letter}b {letter.upper()}"
        assert conn.execute(f"select {spelled_out_sql('?1')}", [text]).fetchone() == (
            text.translate(str.maketrans(SPELLED_OUT)),
        )
    assert conn.execute(f"select {spelled_out_sql('?1')}", ["naïve café ﬓ"]).fetchone() == ("naïve café ﬓ",)


def test_the_tag_filter_folds_case_and_accents_as_the_search_does(db):
    """The Filter dialog's tag (and `list --tag`) compared the tag as stored: "cafe" missed café."""
    cafe = add_achievement(db, title="Opened the team café", tags=["café"], occurred_on=START).id
    plain = add_achievement(db, title="Opened the cafe", tags=["cafe"], occurred_on=START + timedelta(days=1)).id
    both = add_achievement(db, title="Both", tags=["cafe", "café"], occurred_on=START + timedelta(days=2)).id
    add_achievement(db, title="Ran the cafe crawl", tags=["cafe-crawl"], occurred_on=START + timedelta(days=3))
    for tag in ("cafe", "café", "CAFE"):
        f = JournalFilter(tag=tag)
        listed = page_achievements(db, filters=f, limit=500)
        assert [a.id for a in listed.items] == [both, plain, cafe], tag  # each entry once, newest first
        assert count_achievements(db, f) == 3
        assert found(db, "opened", tag=tag) == ["Opened the cafe", "Opened the team café"]
        assert found(db, "-both", tag=tag) == ["Opened the cafe", "Opened the team café"]
    first = page_achievements(db, filters=JournalFilter(tag="cafe"), limit=2)
    rest = page_achievements(db, filters=JournalFilter(tag="cafe"), after=first.next, limit=2)
    assert [a.id for a in (*first.items, *rest.items)] == [both, plain, cafe]
    assert found(db, "", tag="zurich") == []


def test_the_folded_tag_filter_reads_through_an_index(db):
    """One spelling walks the tag index; several (cafe, café) the full-text index, never every row."""
    from ctotui.core.journal.query import plan, stored_tags

    add_achievement(db, title="Opened the team café", tags=["café"], occurred_on=START)
    add_achievement(db, title="Ran the perf review", tags=["perf"], occurred_on=START)

    def steps(tag: str) -> str:
        sql, params = plan(JournalFilter(tag=tag), tags=stored_tags(db)).select(10)
        return " | ".join(row[3] for row in db.execute("explain query plan " + sql, params).fetchall())

    assert "achievement_tags_by_tag" in steps("cafe") and "achievement_tags_by_tag" in steps("PERF")
    add_achievement(db, title="Opened the cafe", tags=["cafe"], occurred_on=START)
    assert "VIRTUAL TABLE" in steps("cafe") and "SCAN a" not in steps("cafe")


def test_a_word_in_a_script_without_spaces_finds_the_run_it_starts(db):
    """unicode61 makes 漢字テスト one token: 漢字 finds it as the start of that token, finished
    or not, with a space after it or not; テスト, inside the run, does not."""
    add_achievement(db, title="漢字テスト", occurred_on=START)
    add_achievement(db, title="ภาษาไทยง่าย", occurred_on=START + timedelta(days=1))
    add_achievement(db, title="Deployment", occurred_on=START + timedelta(days=2))
    assert found(db, "漢字") == found(db, "漢字 ", typing=True) == found(db, '"漢字"') == ["漢字テスト"]
    assert found(db, "ภาษา") == ["ภาษาไทยง่าย"]
    assert found(db, "-漢字") == ["Deployment", "ภาษาไทยง่าย"]
    assert found(db, "テスト") == []  # inside the run: not found (see core/journal/search.py)
    assert found(db, "deploy") == []  # a spaced script still needs the whole word


def test_tags_follow_edits_deletes_and_undo(db):
    a = add_achievement(db, title="Made search faster", tags=["perf"])
    update_achievement(db, a.id, tags=["latency", "p95"])
    assert found(db, "#perf") == [] and found(db, "perf") == []
    assert found(db, "#p95") == found(db, "latency") == ["Made search faster"]
    delete_achievement(db, a.id)
    assert found(db, "latency") == []
    update_achievement(db, add_achievement(db, title="Other", tags=["latency"]).id, title="Other, renamed")
    assert found(db, "#latency") == ["Other, renamed"]
    db.execute("delete from achievements")  # gone for good, live or not: the tags go by cascade
    assert found(db, "latency") == [] and fts_is_sound(db)


def test_a_tag_row_cannot_be_renamed_behind_the_index(db):
    a = add_achievement(db, title="x", tags=["perf"])
    with pytest.raises(Exception, match="deleting it and adding"):
        db.execute("update achievement_tags set tag = 'other' where achievement_id = ?", [a.id])
    assert found(db, "#perf") == ["x"] and fts_is_sound(db)


def test_skill_and_category_narrow(db):
    add_achievement(db, title="Coached leads", skills=["leadership"], category="unblocking", occurred_on=START)
    add_achievement(db, title="Coached finance", skills=["business"], category="savings", occurred_on=START)
    add_achievement(db, title="Cut spend", skills=["leadership", "business"], category="savings", occurred_on=START)
    assert found(db, "skill:leadership") == ["Cut spend", "Coached leads"]
    assert found(db, "coached skill:leadership") == ["Coached leads"]
    assert found(db, "category:savings") == ["Cut spend", "Coached finance"]
    assert found(db, "skill:lead category:sav") == ["Cut spend"]  # the start of a name is enough
    assert found(db, "Skill:Business skill:leadership") == ["Cut spend"]
    assert found(db, "category:savings", category="unblocking") == []  # with the screen's filter: both
    assert found(db, "coached", skill="business") == ["Coached finance"]
    assert count_achievements(db, JournalFilter(text="skill:leadership coached")) == 1
    with pytest.raises(CtoError, match="unknown skill 'charisma'.*valid: technical-depth"):
        found(db, "skill:charisma")
    with pytest.raises(CtoError, match="unknown category"):
        found(db, "category:fun")
    with pytest.raises(CtoError, match="could be scale or savings"):
        parse_search("category:s")
    with pytest.raises(CtoError, match="cannot be left out"):
        parse_search("-skill:leadership")
    assert parse_search("skill:", typing=True).empty  # a field still being typed asks nothing yet


def test_no_number_finds_the_entries_home_counts_without_one(db):
    """Home's "7 without a number: add one?" leads to no:number: the same entries, counted alike."""
    add_achievement(db, title="Cut deploy time", metric=Metric(45, 7, "min"), occurred_on=START)
    add_achievement(db, title="Cut the deploy runbook", occurred_on=START + timedelta(days=1))
    add_achievement(db, title="Hired two leads", metric=Metric(None, 2, "leads"), occurred_on=START + timedelta(days=2))
    add_achievement(db, title="Wrote the deploy RFC", occurred_on=START + timedelta(days=3))
    delete_achievement(db, add_achievement(db, title="Gone, no number", occurred_on=START).id)
    without, with_one = ["Wrote the deploy RFC", "Cut the deploy runbook"], ["Hired two leads", "Cut deploy time"]
    assert found(db, "no:number") == found(db, "-has:number") == found(db, "no:num") == without
    assert found(db, "has:number") == found(db, "-no:number") == found(db, "HAS:Number") == with_one
    assert found(db, "", number=False) == without and found(db, "", number=True) == with_one  # the filter's field
    assert found(db, "deploy no:number") == without
    assert found(db, "deploy has:number") == ["Cut deploy time"]
    assert found(db, "has:number no:number") == found(db, "has:number", number=False) == []  # none is both
    assert count_achievements(db, JournalFilter(text="no:number")) == journal_counts(db).without_number == 2
    assert count_achievements(db, JournalFilter(number=False)) == 2
    assert JournalFilter(number=False).active and JournalFilter(number=False).describe() == "without a number"
    with pytest.raises(CtoError, match=r"unknown no:way .*valid: has:number, no:number"):
        parse_search("no:way")
    assert found(db, '"no:way"') == []  # in quotes: the words
    assert parse_search("no:", typing=True).empty  # still being typed: asks nothing yet
    # OR beside a filter found nothing, silently ('no:number OR ledger'): it is refused, with why
    for text in ("no:number OR ledger", "ledger OR no:number", "no:number OR has:number", "skill:business OR x"):
        with pytest.raises(CtoError, match="cannot be joined with OR"):
            parse_search(text)
    assert parse_search("no:number OR", typing=True).numbers == (False,)  # still being typed
    # OR beside a word left out: "deploy OR -latency" found deploy without latency (5 entries, not ~115)
    for text in ("deploy OR -latency", "-latency OR deploy", 'deploy OR -"p99 latency"'):
        with pytest.raises(CtoError, match="a word left out with '-' cannot be one side of it"):
            parse_search(text)
    assert parse_search("deploy -latency").excluded and parse_search("-latency OR", typing=True).excluded


def test_the_match_expression_quotes_every_term():
    q = parse_search('on-call -draft "a phrase" x OR y #perf skill:business NOT AND NEAR(')
    assert q.match() == (
        '("on-call" AND "a phrase" AND ("x" OR "y") AND "\ue00070657266" AND "NOT" AND "AND" AND "NEAR(") NOT "draft"'
    )
    assert q.skills == ("business",)
    assert parse_search('say "hi"" there').match() is not None  # a stray quote is only a boundary
    assert parse_search("- * # -# OR").empty


@given(st.text(max_size=40), st.booleans())
def test_no_text_makes_the_search_fail(tmp_path, text, typing):
    db = open_db(tmp_path / f"{uuid.uuid4().hex}.db")
    add_achievement(db, title="Deploy AND (kafka) NOT near* on-call", tags=["perf"])
    try:
        f = JournalFilter().with_text(text, typing=typing)
        page_achievements(db, filters=f)
        count_achievements(db, f)
    except CtoError as exc:  # only a skill:, category:, has: or no: it does not know
        assert any(kind in str(exc) for kind in ("skill", "category", "has:", "no:"))
    db.close()


@given(st.text(st.characters(blacklist_categories=("Cc", "Co", "Cs")), max_size=30))
def test_a_searched_tag_is_spelled_as_stored(text):
    assert tag_key(text) == clean_tag(text)


# --- the oracle --------------------------------------------------------------

# Pairs of a word and a longer one ("p9" and "p95") tell a whole word from a prefix.
WORDS = [
    "on-call", "on", "onboarding", "call", "feature-flag", "flag", "time-to-hire", "hire", "hired", "p95", "p9",
    "k8s", "v2.1", "v2.10", "node.js", "nodes", "ci/cd", "snake_case", "deploy", "deployment", "café", "Cafés",
    "Zürich", "naïve", "日本", "日本語", "テスト", "данные", "Δelta", "or", "not", "perf",
    "Straße", "STRASSE", "strasse-fest", "ﬁle", "files", "ΟΔΟΣ", "οδος", "oncall", "e-mail", "email", "callon",
    "C#", "c++", "C", "F#", "c-suite", "mail", "e",
]  # fmt: skip
TAGS = ["perf", "perf-work", "on-call", "incident", "k8s", "café", "cafe-crawl", "v2.1", "日本", "zürich", "straße"]


def fold(word: str) -> str:
    """As the index reads these words (unicode61 with remove_diacritics 2, "ß" and the ligatures
    written out: m019_search_spelled_out): case folded as str.casefold folds it, no accents."""
    return "".join(c for c in unicodedata.normalize("NFD", word.casefold()) if not unicodedata.combining(c))


SPELLINGS = [lambda t: t, lambda t: t.upper(), fold]  # how a tag may be typed: as stored, in capitals, unaccented


def unspaced(ch: str) -> bool:
    """A letter of a script written without spaces (Chinese, Japanese, Thai...)."""
    return unicodedata.name(ch, "").startswith(("CJK", "HIRAGANA", "KATAKANA", "THAI", "LAO", "KHMER", "MYANMAR"))


def tokens(text: str) -> list[str]:
    return [fold(t) for t in re.findall(r"[^\W_]+", text)]


@dataclass
class Row:
    id: int
    title: str
    body: str
    day: date
    tags: list[str]
    skills: list[str]
    category: str | None
    deleted: bool
    has_number: bool


@dataclass(frozen=True)
class Item:
    """One piece of a query as the oracle reads it."""

    kind: str  # word, phrase, tag, skill, category, number (text "has" or "no")
    text: str
    negative: bool = False
    prefix: bool = False


def term_hits(row: Row, item: Item, *, apart: bool = True) -> bool:
    if item.kind == "tag":  # case and accents folded, as words are
        key = fold(clean_tag(item.text))
        return any(fold(t) == key or (item.prefix and fold(t).startswith(key)) for t in row.tags)
    if re.fullmatch(r"[^\W_]+[#+]+", item.text):  # "c#", quoted or not: the word, and as typed in the text
        signed = item.text.lower()
        if not any(signed in field.lower() for field in (row.title, row.body, *row.tags)):
            return False
    want = tokens(item.text)
    prefix = item.prefix or (bool(want) and unspaced(want[-1][-1]))  # a run without spaces is one token
    others = [*spellings_apart(item.text), *(tokens(form) for form in other_forms(item))] if apart else []
    for spelling in (want, *others):
        for field in (row.title, row.body, *row.tags):  # a phrase stays inside one field (one tag)
            have = tokens(field)
            for i in range(len(have) - len(spelling) + 1):
                window = have[i : i + len(spelling)]
                last = window[-1].startswith(spelling[-1]) if prefix else window[-1] == spelling[-1]
                if window[:-1] == spelling[:-1] and last:
                    return True
    return False


def other_forms(item: Item) -> list[str]:
    """The word with its last word singular if plural, plural if singular, as English writes most
    ("incidents" and "incident", "fixes" and "fix" (or "fixe"), "dependencies" and "dependency",
    "1:1" and "1:1s"); none for a prefix, a phrase of words, a word under three letters or one the
    search leaves as it is."""
    text = item.text
    parts = re.findall(r"[^\W_]+", text)
    if item.prefix or any(c.isspace() for c in text) or not parts or not text.endswith(parts[-1]):
        return []
    last = parts[-1]
    head, low = text[: -len(last)], last.lower()
    if len(parts) > 1 and re.fullmatch(r"\d+", low):
        return [text + "s"]
    if len(parts) > 1 and re.fullmatch(r"\d+s", low):
        return [text[:-1]]
    if not last.isalpha() or len(last) < 3 or unspaced(last[-1]) or low in NOT_PLURALS | NO_PLURAL:
        return []
    if low.endswith("ies") and len(low) > 4:
        return [head + last[:-3] + "y"]
    if low.endswith("es"):
        return [head + last[:-1], head + last[:-2]]
    if low.endswith("s") and not low.endswith("ss"):
        return [head + last[:-1]]
    if low.endswith(("s", "x", "z", "ch", "sh")):
        return [head + last + "es"]
    if low.endswith("y") and low[-2] not in "aeiou":
        return [head + last[:-1] + "ies"]
    return [head + last + "s"]


def spellings_apart(text: str) -> list[list[str]]:
    """The words a word is also looked for as: a word of parts, its parts joined ("on-call":
    "oncall"); a word of 3 to 24 letters only (not "k8s"), not ending in a script written without
    spaces, each split of it into two ("oncall": "o ncall", "on call"...)."""
    if any(c.isspace() for c in text):
        return []
    raw = re.findall(r"[^\W_]+", text)
    if len(raw) > 1:
        return [["".join(tokens(text))]]
    if raw != [text] or not 3 <= len(text) <= 24 or not text.isalpha() or unspaced(text[-1]):
        return []
    return [[fold(text[:i]), fold(text[i:])] for i in range(1, len(text))]


def joined_word(first: list[Item], second: list[Item]) -> Item | None:
    """Two words typed one after the other, also looked for as one ("on" "call": "oncall"): each
    a word of letters alone (quoted or not), alone in its group (no OR), the first not a prefix; 24
    letters at most."""
    if len(first) != 1 or len(second) != 1 or "tag" in (first[0].kind, second[0].kind):
        return None
    a, b = first[0], second[0]
    text = a.text + b.text
    if a.prefix or not (a.text.isalpha() and b.text.isalpha()) or len(text) > 24 or unspaced(text[-1]):
        return None
    return Item("word", text, prefix=b.prefix)


def oracle(row: Row, groups: list[list[Item]], fields: list[Item], f: JournalFilter) -> bool:
    """The documented rules, read plainly."""
    if row.deleted:
        return False
    positive = [g for g in ([t for t in g if not t.negative] for g in groups) if g]
    joined = [joined_word(a, b) for a, b in zip(positive, positive[1:], strict=False)]  # "on call": "oncall"
    for at, group in enumerate(positive):
        near = [j for j in joined[max(0, at - 1) : at + 1] if j is not None]
        if not (any(term_hits(row, t) for t in group) or any(term_hits(row, j, apart=False) for j in near)):
            return False
    if any(term_hits(row, t) for g in groups for t in g if t.negative):
        return False
    skills = {i.text for i in fields if i.kind == "skill"} | ({f.skill} if f.skill else set())
    categories = {i.text for i in fields if i.kind == "category"} | ({f.category} if f.category else set())
    numbers = {i.text == "has" for i in fields if i.kind == "number"} | ({f.number} if f.number is not None else set())
    return (
        skills <= set(row.skills)
        and all(c == row.category for c in categories)
        and f.tag in (None, *row.tags)
        and all(n == row.has_number for n in numbers)
    )


row_st = st.fixed_dictionaries(
    {
        "title": st.lists(st.sampled_from(WORDS), min_size=1, max_size=4).map(" ".join),
        "body": st.lists(st.sampled_from(WORDS), max_size=4).map(" ".join),
        "day": st.integers(0, 6),
        "tags": st.lists(st.sampled_from(TAGS), max_size=3, unique=True),
        "retag": st.none() | st.lists(st.sampled_from(TAGS), max_size=3, unique=True),
        "skills": st.lists(st.sampled_from(SKILLS[:3]), max_size=2, unique=True),
        "category": st.none() | st.sampled_from(CATEGORIES[:2]),
        "deleted": st.integers(0, 9).map(lambda n: n == 0),
        "metric": st.none() | st.sampled_from([Metric(45, 7, "min"), Metric(None, 3, "teams"), Metric(change_pct=-12)]),
    }
)


@st.composite
def query_st(draw, rows: list[Row]):
    """A query built from the rows' words: its text, and what the oracle reads in it."""
    pool = [w for r in rows for w in (r.title + " " + r.body).split()] or WORDS
    words = st.sampled_from(pool) | st.sampled_from(WORDS)
    pieces: list[tuple[str, list[Item]]] = []  # (its text, its items)
    for _ in range(draw(st.sampled_from([1, 1, 2, 2, 3, 0]))):
        kinds = ["word", "word", "prefix", "phrase", "tag", "tag-prefix", "neg", "skill", "cat", "number"]
        kind = draw(st.sampled_from(kinds))
        if kind in ("word", "prefix"):
            alternatives = []
            for w in draw(st.lists(words, min_size=1, max_size=2)):
                if kind == "prefix":
                    w = w[: draw(st.integers(1, len(w)))]
                alternatives.append((w + ("*" if kind == "prefix" else ""), Item("word", w, prefix=kind == "prefix")))
            pieces.append((" OR ".join(t for t, _ in alternatives), [i for _, i in alternatives]))
        elif kind == "phrase":
            title = draw(st.sampled_from(rows)).title.split() if rows else WORDS
            at = draw(st.integers(0, max(0, len(title) - 1)))
            phrase = " ".join(title[at : at + 2])
            pieces.append((f'"{phrase}"', [Item("phrase", phrase)]))
        elif kind in ("tag", "tag-prefix"):
            tag = draw(st.sampled_from(SPELLINGS))(draw(st.sampled_from(TAGS)))
            if kind == "tag-prefix":
                tag = tag[: draw(st.integers(1, len(tag)))]
            form = draw(st.sampled_from(["#", "tag:", "#"]))
            pieces.append(
                (form + tag + ("*" if kind == "tag-prefix" else ""), [Item("tag", tag, prefix=kind != "tag")])
            )
        elif kind == "neg":
            what = draw(st.sampled_from(["word", "phrase", "tag"]))
            text = draw(st.sampled_from(SPELLINGS))(draw(st.sampled_from(TAGS))) if what == "tag" else draw(words)
            shown = {"word": f"-{text}", "phrase": f'-"{text}"', "tag": f"-#{text}"}[what]
            pieces.append((shown, [Item("tag" if what == "tag" else "word", text, negative=True)]))
        elif kind == "number":
            has, negative = draw(st.booleans()), draw(st.booleans())
            name = draw(st.sampled_from(["number", "num", "NUMBER"]))
            shown = f"{'-' if negative else ''}{'has' if has else 'no'}:{name}"
            pieces.append((shown, [Item("number", "has" if has != negative else "no")]))  # -has:number is no:number
        else:
            names = SKILLS if kind == "skill" else CATEGORIES
            name = draw(st.sampled_from(names[:3]))  # the rows use the first few
            short = name[: draw(st.integers(1, len(name)))]
            short = short if [n for n in names if n.startswith(short)] == [name] else name
            field = "skill" if kind == "skill" else "category"
            pieces.append((f"{field}:{short}", [Item(field, name)]))
    typing = draw(st.booleans())
    if typing and pieces:
        text, items = pieces[-1]
        last = items[-1]
        if last.kind in ("word", "tag") and not last.negative and not last.prefix:
            items[-1] = Item(last.kind, last.text, prefix=True)  # the last word, still being typed
        elif last.kind == "phrase" and draw(st.booleans()):
            pieces[-1] = (text[:-1], [Item("phrase", last.text, prefix=True)])  # an open phrase
    groups = [[i for i in items if i.kind in ("word", "phrase", "tag")] for _, items in pieces]
    fields = [i for _, items in pieces for i in items if i.kind in ("skill", "category", "number")]
    return " ".join(t for t, _ in pieces), typing, [g for g in groups if g], fields


F = JournalFilter()


def walk(db, f: JournalFilter, size: int) -> list[int]:
    ids, after = [], None
    for _ in range(500):
        page = page_achievements(db, filters=f, after=after, limit=size)
        ids += [a.id for a in page.items]
        if page.next is None:
            return ids
        after = page.next
    raise AssertionError("paging did not end")


@given(rows=st.lists(row_st, max_size=14), data=st.data())
def test_search_agrees_with_the_documented_rules(tmp_path, empty_template, rows, data):
    db = open_db(shutil.copyfile(empty_template, tmp_path / f"{uuid.uuid4().hex}.db"))  # not migrated per example
    model: list[Row] = []
    for r in rows:
        a = add_achievement(
            db,
            title=r["title"],
            body=r["body"],
            occurred_on=START + timedelta(days=r["day"]),
            tags=r["tags"],
            skills=r["skills"],
            category=r["category"],
            metric=r["metric"],
        )
        tags = r["tags"]
        if r["retag"] is not None:  # the tag triggers keep the index in step
            update_achievement(db, a.id, tags=r["retag"])
            tags = r["retag"]
        has_number = get_achievement(db, a.id).has_number  # as the list and the detail pane read it
        if r["deleted"]:
            delete_achievement(db, a.id)
        tags = [clean_tag(t) for t in tags]
        model.append(
            Row(a.id, a.title, a.body, a.occurred_on, tags, r["skills"], r["category"], r["deleted"], has_number)
        )
    newest_first = sorted(model, key=lambda r: (r.day, r.id), reverse=True)
    for word in WORDS:  # each word alone, finished and being typed, and each tag
        for typing in (False, True):
            expected = [r.id for r in newest_first if oracle(r, [[Item("word", word, prefix=typing)]], [], F)]
            assert walk(db, F.with_text(word, typing=typing), 50) == expected, word
    for text in ("on call", "call on", "c c++", "on-call C#", "e mail"):  # words typed apart, as one too
        expected = [r.id for r in newest_first if oracle(r, [[Item("word", w)] for w in text.split()], [], F)]
        assert walk(db, F.with_text(text), 50) == expected, text
    for tag in TAGS:
        expected = [r.id for r in newest_first if oracle(r, [[Item("tag", tag)]], [], F)]
        assert walk(db, F.with_text("#" + tag), 50) == expected, tag
    for _ in range(6):
        text, typing, groups, fields = data.draw(query_st(model), label="query")
        skill, tag = st.none() | st.sampled_from(SKILLS[:3]), st.none() | st.sampled_from(TAGS[:3])
        filters = {"skill": skill, "tag": tag, "number": st.none() | st.booleans()}
        extra = data.draw(st.fixed_dictionaries(filters), label="the screen's filters")
        f = JournalFilter(**extra).with_text(text, typing=typing)
        expected = [r.id for r in newest_first if oracle(r, groups, fields, f)]
        live = sum(not r.deleted for r in model)
        event("finds " + ("nothing" if not expected else "every entry" if len(expected) == live else "some"))
        assert walk(db, f, data.draw(st.integers(1, 4), label="page size")) == expected, text
        assert count_achievements(db, f) == len(expected), text
    bare = [r.id for r in newest_first if not r.deleted and not r.has_number]
    assert walk(db, F.with_text("no:number"), 3) == bare
    assert count_achievements(db, F.with_text("no:number")) == journal_counts(db).without_number == len(bare)
    assert fts_is_sound(db)
    db.close()


def test_search_achievements_reads_the_text_as_finished(db):
    add_achievement(db, title="Deployment pipeline")
    assert [a.title for a in search_achievements(db, "deploy").items] == []
    assert [a.title for a in search_achievements(db, "deploy*").items] == ["Deployment pipeline"]


# --- the highlight -------------------------------------------------------------

LETTERS = st.sampled_from("aeiouncstzAEOUNCZéèüñçøßİıΣσжЖ会議障か한ก")
MARKS = st.sampled_from("\u0301\u0300\u0308\u0327\u0303")
WORD = st.lists(st.tuples(LETTERS, st.lists(MARKS, max_size=2)), min_size=1, max_size=8).map(
    lambda parts: "".join(letter + "".join(marks) for letter, marks in parts)
)


def test_a_match_is_highlighted_with_its_accents_folded():
    """Searching "cafe" found "Café launch" and left "Café" plain in the list."""
    from ctotui.core.journal.words import matched_spans

    assert matched_spans("Café launch", ["cafe"]) == [(0, 4)]
    assert matched_spans("Cafe\u0301 launch", ["café"]) == [(0, 5)]  # the accent typed apart is in the span
    assert matched_spans("Zürich office, ZURICH", ["zurich"]) == [(0, 6), (15, 21)]
    assert matched_spans("İstanbul trip", ["ist"]) == [(0, 8)]  # "İ" lowers to two characters
    assert matched_spans("Café launch", ["x"]) == matched_spans("Café", []) == []
    # "ß" folds to two letters, as the search finds it: the span is the word as typed, whole
    assert matched_spans("Straße fixed", ["strasse"]) == matched_spans("Straße fixed", ["STRAẞE"]) == [(0, 6)]
    assert matched_spans("STRASSE and Straße", ["straße"]) == [(0, 7), (12, 18)]
    assert matched_spans("the ﬁle", ["file"]) == [(4, 7)]  # one ligature character, two letters
    assert matched_spans("ΟΔΟΣ", ["οδος"]) == [(0, 4)]  # a final sigma typed, a capital sigma stored
    assert parse_search("会 a cafe").words() == ("会", "cafe")  # a lone ideograph is a whole word; "a" lights nothing


@given(st.text(), st.lists(st.text(min_size=1), max_size=3))
def test_highlighted_spans_are_whole_and_inside_the_text(text, terms):
    from ctotui.core.journal.words import matched_spans

    spans = matched_spans(text, terms)
    ends = [0, *(x for span in spans for x in span), len(text)]
    assert ends == sorted(ends) and all(start < end for start, end in spans)


@given(st.text(), WORD, st.text(), st.integers(1, 20))
def test_a_word_starting_with_a_term_is_highlighted_whole(left, word, right, cut):
    from ctotui.core.journal.words import fold, matched_spans

    start = len(left) + 1
    assert (start, start + len(word)) in matched_spans(f"{left} {word} {right}", [fold(word)[:cut]])
    assert (start, start + len(word)) in matched_spans(f"{left} {word} {right}", [word])


# What search.py's ranges replaced: these classes, compiled (~6.6 ms of every start-up that read Home)
UNSPACED_CLASS = re.compile(
    "[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf"
    "\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f\U00020000-\U0003ffff]$"
)
SYLLABLE_CLASS = re.compile("[\uac00-\ud7a3]$")
# every code point at and beside each end of each range of the classes (their own bounds, not the module's)
BOUNDS = (0x0E00, 0x0EFF, 0x1000, 0x109F, 0x1780, 0x17FF, 0x3040, 0x30FF, 0x31F0, 0x31FF, 0x3400, 0x4DBF)
BOUNDS += (0x4E00, 0x9FFF, 0xF900, 0xFAFF, 0xFF66, 0xFF9F, 0x20000, 0x3FFFF, 0xAC00, 0xD7A3)
EDGES = [chr(b + d) for b in BOUNDS for d in (-1, 0, 1)]


def says_the_same(text: str) -> None:
    assert search.ends_in(text, search.UNSPACED) == bool(UNSPACED_CLASS.search(text)), ascii(text)
    assert search.ends_in(text, search.SYLLABLES) == bool(SYLLABLE_CLASS.search(text)), ascii(text)


def test_the_ranges_say_what_the_regex_classes_said_at_every_edge() -> None:
    for last in EDGES:
        for tail in ("", "\n", "\n\n", " "):
            for head in ("", "a", "\n"):
                says_the_same(head + last + tail)
    says_the_same("")


@given(st.text(max_size=4), st.integers(0, 0x10FFFF).map(chr), st.sampled_from(["", "\n", "\n\n", " "]))
def test_the_ranges_say_what_the_regex_classes_said(head: str, last: str, tail: str) -> None:
    says_the_same(head + last + tail)
