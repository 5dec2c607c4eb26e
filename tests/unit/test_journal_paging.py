"""Keyset paging and full-text search against a brute-force model of the journal.

Whatever the rows, the filters and the page size, walking the pages returns
every matching live row exactly once, newest first; and the FTS index agrees
with the rows after adds, edits, deletes and undos.
"""

from __future__ import annotations

import itertools
import uuid
from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from ctotui.core.db import open_db
from ctotui.core.journal.entries import (
    Achievement,
    JournalFilter,
    add_achievement,
    count_achievements,
    delete_achievement,
    page_achievements,
    search_achievements,
    undelete_achievement,
    update_achievement,
)
from ctotui.core.playbook import CATEGORIES, SKILLS

WORDS = ["deploy", "deployment", "latency", "cost", "team", "hiring", "kafka", "plan"]
START = date(2025, 1, 1)

row_st = st.fixed_dictionaries(
    {
        "title": st.lists(st.sampled_from(WORDS), min_size=1, max_size=3).map(" ".join),
        "day": st.integers(0, 20),  # few days, so many rows share a date and the id breaks ties
        "category": st.none() | st.sampled_from(CATEGORIES[:2]),
        "skills": st.lists(st.sampled_from(SKILLS[:3]), max_size=2),
        "tags": st.lists(st.sampled_from(["a", "b", "c"]), max_size=2),
        "deleted": st.booleans(),
    }
)
filter_st = st.builds(
    JournalFilter,
    category=st.none() | st.sampled_from(CATEGORIES[:2]),
    skill=st.none() | st.sampled_from(SKILLS[:3]),
    tag=st.none() | st.sampled_from(["a", "b"]),
    since=st.none() | st.integers(0, 20).map(lambda d: START + timedelta(days=d)),
    until=st.none() | st.integers(0, 20).map(lambda d: START + timedelta(days=d)),
    text=st.none() | st.sampled_from(["dep*", "deployment", "cost team", "-kafka plan", '"deploy latency"', "zz"]),
)


def fresh_db(tmp_path):
    return open_db(tmp_path / f"{uuid.uuid4().hex}.db")


def matches(a: Achievement, f: JournalFilter) -> bool:
    words = a.title.split()
    if f.text:
        text = f.text
        if text.startswith('"'):
            phrase = text.strip('"').split()
            ok = any(words[i : i + len(phrase)] == phrase for i in range(len(words)))
        else:
            terms = text.split()
            ok = all(not has(words, t[1:]) if t.startswith("-") else has(words, t) for t in terms)
        if not ok:
            return False
    return (
        (f.category is None or a.category == f.category)
        and (f.skill is None or f.skill in a.skills)
        and (f.tag is None or f.tag in a.tags)
        and (f.since is None or a.occurred_on >= f.since)
        and (f.until is None or a.occurred_on <= f.until)
    )


def has(words: list[str], term: str) -> bool:
    """A whole word, or with a * at its end a word's start."""
    return any(w.startswith(term[:-1]) for w in words) if term.endswith("*") else term in words


def walk(db, f: JournalFilter, size: int) -> list[int]:
    seen, after = [], None
    for _ in range(1000):
        page = page_achievements(db, filters=f, after=after, limit=size)
        assert len(page.items) <= size
        seen += [a.id for a in page.items]
        if page.next is None:
            return seen
        assert page.items and page.next == page.items[-1].cursor
        after = page.next
    raise AssertionError("paging did not end")


@given(rows=st.lists(row_st, max_size=30), f=filter_st, size=st.integers(1, 7))
def test_every_row_exactly_once(tmp_path, rows, f, size):
    db = fresh_db(tmp_path)
    live = []
    for r in rows:
        a = add_achievement(
            db,
            title=r["title"],
            occurred_on=START + timedelta(days=r["day"]),
            category=r["category"],
            skills=r["skills"],
            tags=r["tags"],
        )
        if r["deleted"]:
            delete_achievement(db, a.id)
        else:
            live.append(a)
    expected = [a.id for a in sorted(live, key=lambda a: (a.occurred_on, a.id), reverse=True) if matches(a, f)]
    got = walk(db, f, size)
    assert got == expected
    assert count_achievements(db, f) == len(expected)
    db.close()


op_st = st.one_of(
    st.tuples(
        st.just("add"), st.lists(st.sampled_from(WORDS), min_size=1, max_size=3).map(" ".join), st.integers(0, 5)
    ),
    st.tuples(
        st.just("edit"), st.lists(st.sampled_from(WORDS), min_size=1, max_size=3).map(" ".join), st.integers(0, 5)
    ),
    st.tuples(st.just("move"), st.integers(0, 400), st.integers(0, 5)),
    st.tuples(st.just("delete"), st.none(), st.integers(0, 5)),
    st.tuples(st.just("undelete"), st.none(), st.integers(0, 5)),
)


@given(ops=st.lists(op_st, max_size=25))
def test_search_follows_edits_deletes_and_undo(tmp_path, ops):
    db = fresh_db(tmp_path)
    model: dict[int, tuple[str, date, bool]] = {}  # id -> (title, day, deleted)
    for op, value, pick in ops:
        ids = sorted(model)
        target = ids[pick % len(ids)] if ids else None
        if op == "add":
            a = add_achievement(db, title=value, occurred_on=START)
            model[a.id] = (value, START, False)
        elif target is None:
            continue
        elif op == "edit" and not model[target][2]:
            update_achievement(db, target, title=value, body=f"body {value}")
            model[target] = (value, model[target][1], False)
        elif op == "move" and not model[target][2]:
            day = START + timedelta(days=value)
            update_achievement(db, target, occurred_on=day)
            model[target] = (model[target][0], day, False)
        elif op == "delete" and not model[target][2]:
            delete_achievement(db, target)
            model[target] = (*model[target][:2], True)
        elif op == "undelete" and model[target][2]:
            undelete_achievement(db, target)
            model[target] = (*model[target][:2], False)
    for word in WORDS:
        expected = sorted(
            (
                i
                for i, (title, _, deleted) in model.items()
                if not deleted and any(w.startswith(word) for w in title.split())
            ),
            key=lambda i: (model[i][1], i),
            reverse=True,
        )
        assert [a.id for a in search_achievements(db, word + "*", limit=100).items] == expected
    assert (
        db.execute("insert into achievements_fts (achievements_fts, rank) values ('integrity-check', 1)").fetchall()
        == []
    )
    db.close()


def test_search_pages_like_the_list(db):
    for i, day in zip(range(23), itertools.cycle([0, 3, 3, 9])):
        add_achievement(db, title=f"deploy number {i}", occurred_on=START + timedelta(days=day))
    ids, after = [], None
    while True:
        page = search_achievements(db, "deploy", after=after, limit=5)
        ids += [a.id for a in page.items]
        if page.next is None:
            break
        after = page.next
    assert ids == [a.id for a in page_achievements(db, limit=100).items]


def test_queries_that_hold_no_word_find_everything_and_never_fail(db):
    add_achievement(db, title="Deploy AND (kafka) NOT near*")
    for text in ["", "   ", '"', "*", "-", "(", "AND", "NOT", "NEAR(", "a", "'", "^", ":", "title:x", '"unclosed phr']:
        page = search_achievements(db, text)
        assert isinstance(page.items, tuple)
    assert len(search_achievements(db, "").items) == 1
    assert len(search_achievements(db, "NOT").items) == 1  # a word, not an operator
    assert len(search_achievements(db, '"deploy and').items) == 1  # an unclosed phrase matches as typed


def test_settled_leaves_out_a_letter_being_typed():
    from ctotui.core.journal.search import settled

    assert settled("deploy t") == "deploy"
    assert settled("d") == ""
    assert settled("deploy -k") == "deploy"
    assert settled("deploy te") == "deploy te"
    assert settled('"a b') == '"a b'


def test_settled_keeps_a_lone_digit():
    from ctotui.core.journal.search import settled

    for text in ["45 -> 7", "sev 1", "7", "deploy -2", "p 9"]:
        assert settled(text) == text


def test_settled_keeps_a_lone_character_of_a_script_written_without_spaces():
    """A lone ideograph, kana or Hangul syllable is a whole word, not the start of one: the app
    left "会" out while it was all the box held, and found nothing where `ctotui search 会` did."""
    from ctotui.core.journal.search import settled

    for text in ["会", "障", "か", "カ", "한", "ก", "deploy 会", "-障", "会議 会"]:
        assert settled(text) == text, text
    assert settled("会 t") == "会"  # a Latin letter is still left out while it is typed
    assert settled("é") == settled("ß") == ""


def test_the_app_and_the_cli_agree_on_a_lone_ideograph(db):
    meeting = add_achievement(db, title="会議の進行を改善").id
    outage = add_achievement(db, title="障害対応の手順を整備").id
    add_achievement(db, title="Deployment")
    for text, ids in [("会", {meeting}), ("障", {outage})]:
        assert {a.id for a in search_achievements(db, text).items} == ids  # ctotui search
        assert app_finds(db, text) == ids


def app_finds(db, text: str) -> set[int]:
    """What the journal screen lists once ``text`` is typed: its settled text, searched as typing."""
    from ctotui.core.journal.search import settled

    filters = JournalFilter().with_text(settled(text), typing=True)
    return {a.id for a in page_achievements(db, filters=filters, limit=1000).items}


def test_the_app_and_the_cli_agree_on_a_search_ending_in_a_lone_digit(db):
    wanted = add_achievement(db, title="Cut build from 45 -> 7 min").id
    add_achievement(db, title="Cut build from 45 -> 12 min")
    sev = add_achievement(db, title="Handled a sev 1 at night").id
    add_achievement(db, title="Handled a sev 2 at night")
    for text, ids in [("45 -> 7", {wanted}), ("sev 1", {sev})]:
        assert {a.id for a in search_achievements(db, text).items} == ids  # ctotui search
        assert app_finds(db, text) == ids


@given(st.lists(st.integers(0, 99), min_size=1, max_size=8), st.integers(0, 9))
def test_a_last_digit_typed_narrows_the_list_to_entries_with_a_number_starting_so(db, numbers, digit):
    for a in page_achievements(db, limit=1000).items:
        delete_achievement(db, a.id)
    ids = {add_achievement(db, title=f"Cut build from 45 -> {n} min").id: n for n in numbers}
    found = app_finds(db, f"45 -> {digit}")
    cli = {a.id for a in search_achievements(db, f"45 -> {digit}").items}
    assert found == {i for i, n in ids.items() if str(n).startswith(str(digit)) or digit == 4}  # "45" starts with 4
    assert cli <= found  # the app's last word is also a prefix while typing; never fewer
