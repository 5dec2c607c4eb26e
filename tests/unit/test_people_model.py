"""People, conversations, the bar and references on a real SQLite file, with a frozen clock:
the follow-up and deadline rules at their boundaries, finding a person by name, and what a
read does with a bad row."""

from __future__ import annotations

import tempfile
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ctotui.core.coach.week import week_summary
from ctotui.core.dates import parse_day
from ctotui.core.db import open_db
from ctotui.core.drill import stories
from ctotui.core.errors import CtoError, NotFound
from ctotui.core.journal.entries import add_achievement, delete_achievement
from ctotui.core.people import bar, conversations
from ctotui.core.people import persons as people
from ctotui.core.text import clean_block, clean_line
from ctotui.ui.people.forms import list_item

TODAY = date(2026, 6, 15)  # a Monday


@pytest.fixture(autouse=True)
def frozen(monkeypatch):
    monkeypatch.setenv("CTOTUI_NOW", "2026-06-15T10:00:00+00:00")


def test_add_list_edit_archive(db):
    dana = people.add(db, "  Dana   Okafor ", "Manager", where="Lumen", note="weekly 1:1")
    assert (dana.name, dana.relation, dana.context, dana.is_reference) == ("Dana Okafor", "manager", "Lumen", False)
    ref = people.add(db, "Jun", "reference")
    assert ref.is_reference  # a reference by relation
    people.add(db, "Ann", "peer", reference=True)
    assert [p.name for p in people.list_people(db)] == ["Ann", "Dana Okafor", "Jun"]
    assert [p.name for p in people.list_people(db, relation="manager")] == ["Dana Okafor"]
    people.edit(db, dana.id, archived=True)
    assert [p.name for p in people.list_people(db)] == ["Ann", "Jun"]
    assert people.get(db, dana.id).archived and len(people.list_people(db, archived=True)) == 3
    back = people.edit(db, dana.id, archived=False, relation="senior leader", where="")
    assert (back.archived, back.relation, back.context) == (False, "senior-leader", "")


@pytest.mark.parametrize(
    ("name", "relation", "message"),
    [
        ("", "manager", "needs a name"),
        ("x" * 121, "manager", "at most 120"),
        ("Dana", "boss", "unknown relation"),
    ],
)
def test_bad_people_are_refused_and_nothing_is_written(db, name, relation, message):
    with pytest.raises(CtoError, match=message):
        people.add(db, name, relation)
    assert db.execute("select count(*) from people").fetchone()[0] == 0


def test_control_characters_never_reach_the_database(db):
    p = people.add(db, "Dana\x1b[2J Okafor", "manager", note="line one\nline\x07 two")
    assert p.name == "Dana Okafor" and p.note == "line one\nline two"


def test_find_by_id_exact_name_or_unique_start(db):
    dana = people.add(db, "Dana Okafor", "manager")
    dan = people.add(db, "Dan Brown", "peer")
    people.add(db, "Priya Natarajan", "founder")
    assert people.find(db, str(dana.id)).id == dana.id
    assert people.find(db, f"#{dan.id}").id == dan.id
    assert people.find(db, "dan brown").id == dan.id
    assert people.find(db, "pri").name == "Priya Natarajan"
    assert people.find(db, "okafor").id == dana.id
    with pytest.raises(CtoError, match="matches 2 people: .*Dan Brown.*Dana Okafor.*give the id"):
        people.find(db, "da")
    with pytest.raises(NotFound, match="did you mean 'Dana Okafor'"):
        people.find(db, "Dana Okafr")
    with pytest.raises(NotFound, match="no person with id 99"):
        people.find(db, "99")


def test_a_conversation_needs_words_and_a_sane_follow_up(db):
    p = people.add(db, "Dana", "manager")
    with pytest.raises(CtoError, match="write down something"):
        conversations.log(db, p.id)
    with pytest.raises(CtoError, match="before the conversation"):
        conversations.log(db, p.id, asked="x", on="2026-06-10", follow_up="2026-06-09")
    with pytest.raises(CtoError, match="in the future"):
        conversations.log(db, p.id, asked="x", on="2026-06-17")
    assert conversations.log(db, p.id, asked="x", on="tomorrow").held_on == TODAY + timedelta(days=1)  # time zones
    t = conversations.log(db, p.id, asked="x", on="2026-06-10", follow_up="2026-06-10")
    assert t.follow_up == date(2026, 6, 10)


@pytest.mark.parametrize(
    ("days_ahead", "state", "words"),
    [
        (-2, "overdue", "overdue by 2 days"),
        (-1, "overdue", "overdue by 1 day"),
        (0, "due", "due today"),
        (1, "soon", "tomorrow"),
        (conversations.SOON_DAYS, "soon", "in 7 days"),
        (conversations.SOON_DAYS + 3, "later", "in 10 days"),
    ],
)
def test_follow_up_states_at_their_boundaries(db, days_ahead, state, words):
    p = people.add(db, "Dana", "manager")
    t = conversations.log(db, p.id, asked="x", on="2026-06-01", follow_up=TODAY + timedelta(days=days_ahead))
    assert t.follow_up_state(TODAY) == state
    assert t.follow_up_words(TODAY) == words  # plain words, never the state's name ("later")
    due = [c.id for c in conversations.follow_ups(db)]
    assert due == ([t.id] if days_ahead <= conversations.SOON_DAYS else [])
    assert people.get(db, p.id).overdue(TODAY) is (days_ahead < 0)
    mark = {-1: "overdue", 0: "due today"}.get(max(-1, min(days_ahead, 1)), "")
    assert people.get(db, p.id).follow_up_mark(TODAY) == mark  # the list's words, app and CLI
    assert conversations.follow_up_done(db, t.id).follow_up_words(TODAY) == ""


def test_a_newer_conversation_answers_the_follow_up_and_done_closes_it(db):
    p = people.add(db, "Dana", "manager")
    first = conversations.log(db, p.id, asked="x", on="2026-06-01", follow_up="2026-06-08")
    assert people.get(db, p.id).follow_up == date(2026, 6, 8)
    conversations.log(db, p.id, heard="y", on="2026-06-12")
    assert conversations.get(db, first.id).followed_up and people.get(db, p.id).follow_up is None
    later = conversations.log(db, p.id, asked="z", follow_up="in 2 weeks")
    assert later.follow_up == date(2026, 6, 29)
    conversations.follow_up_done(db, later.id)
    assert conversations.follow_ups(db, within_days=60) == []
    assert [c.id for c in conversations.history(db, p.id)][0] == later.id  # newest first


def test_followed_up_closes_every_open_follow_up_of_the_person_and_says_which(db):
    dana, jun = people.add(db, "Dana", "manager"), people.add(db, "Jun", "mentor")
    late = conversations.log(db, dana.id, asked="x", on="2026-06-10", follow_up="2026-06-20")
    early = conversations.log(db, dana.id, asked="y", on="2026-06-01", follow_up="2026-06-05")  # back-dated: both open
    other = conversations.log(db, jun.id, asked="z", follow_up="2026-06-16")
    closed = conversations.followed_up(db, dana.id)
    assert sorted(c.id for c in closed) == sorted([late.id, early.id]) and all(c.followed_up for c in closed)
    assert people.get(db, dana.id).follow_up is None and people.get(db, jun.id).follow_up == other.follow_up
    assert conversations.followed_up(db, dana.id) == ()  # nothing open: nothing closed


def test_reopen_brings_back_what_followed_up_closed_and_closed_last_names_it(db, monkeypatch):
    dana = people.add(db, "Dana", "manager")
    first = conversations.log(db, dana.id, asked="x", on="2026-06-01", follow_up="2026-06-05")
    conversations.followed_up(db, dana.id)
    monkeypatch.setenv("CTOTUI_NOW", "2026-06-15T11:00:00+00:00")
    second = conversations.log(db, dana.id, asked="y", follow_up="2026-06-20")
    conversations.followed_up(db, dana.id)
    assert conversations.closed_last(db, dana.id) == (second.id,)  # the latest close only
    (back,) = conversations.reopen(db, conversations.closed_last(db, dana.id))
    assert back.id == second.id and not back.followed_up and people.get(db, dana.id).follow_up == date(2026, 6, 20)
    assert conversations.get(db, first.id).followed_up  # the earlier close stays
    # undone once: a second undo reopens nothing (each reopened the close before it, until every
    # follow-up ever answered was open at once)
    assert conversations.closed_last(db, dana.id) == ()
    assert conversations.reopen(db, conversations.closed_last(db, dana.id)) == ()
    assert conversations.get(db, first.id).followed_up
    with pytest.raises(NotFound):
        conversations.reopen(db, [second.id, 999])
    assert conversations.reopen(db, []) == ()


def test_archived_people_leave_the_follow_ups(db):
    p = people.add(db, "Dana", "manager")
    conversations.log(db, p.id, asked="x", on="2026-06-01", follow_up="2026-06-02")
    assert len(conversations.follow_ups(db)) == 1
    people.edit(db, p.id, archived=True)
    assert conversations.follow_ups(db) == []


def test_a_bar_defaults_to_18_months_and_counts_met_criteria(db):
    p = people.add(db, "Dana", "manager")
    talk = conversations.log(db, p.id, asked="What would it take?", on="2026-06-01")
    b = bar.set_bar(
        db, role="VP Engineering", criteria=["Lead a cross-team project", "Own a budget"], conversation_id=talk.id
    )
    assert (b.person, b.agreed_on, b.deadline) == ("Dana", TODAY, date(2027, 12, 15))
    assert (b.met, b.state(TODAY)) == (0, "on-track")
    b = bar.tick(db, "2")
    assert [c.met for c in b.criteria] == [False, True] and b.met == 1
    b = bar.tick(db, 2, met=False)
    assert b.met == 0
    with pytest.raises(CtoError, match="from 1 to 2"):
        bar.tick(db, 3)


@pytest.mark.parametrize(
    ("days_left", "state"),
    [(-1, "passed"), (0, "near"), (bar.NEAR_DAYS, "near"), (bar.NEAR_DAYS + 1, "on-track")],
)
def test_the_deadline_rule_at_its_boundaries(db, days_left, state):
    b = bar.set_bar(
        db, role="CTO", criteria=["a", "b"], agreed_on="2026-01-01", deadline=TODAY + timedelta(days=days_left)
    )
    assert b.state(TODAY) == state
    says = b.says(TODAY)
    assert ("agree how long" in says) is (state in ("near", "passed"))
    assert ("passed" in says) is (state == "passed")
    bar.tick(db, 1)
    bar.tick(db, 2)
    assert bar.current(db).state(TODAY) == "met"  # all met: the deadline no longer worries


def test_a_new_bar_closes_the_old_one_and_bad_bars_write_nothing(db):
    bar.set_bar(db, role="VP", criteria=["a"])
    second = bar.set_bar(db, role="CTO", criteria=["b"], deadline="2027-01-01")
    assert bar.current(db).id == second.id and len(bar.all_bars(db)) == 2
    for kwargs, message in [
        ({"role": "", "criteria": ["a"]}, "name the role"),
        ({"role": "VP", "criteria": []}, "at least one criterion"),
        ({"role": "VP", "criteria": ["a"], "deadline": "2026-06-15"}, "must come after"),
        ({"role": "VP", "criteria": ["a"], "person_id": 42}, "no person"),
        ({"role": "VP", "criteria": ["a"], "agreed_on": "in 2 weeks"}, "agreed date 2026-06-29 is in the future"),
    ]:
        with pytest.raises(CtoError, match=message):
            bar.set_bar(db, **kwargs)
    assert bar.current(db).id == second.id and len(bar.all_bars(db)) == 2
    late = bar.set_bar(db, role="VP", criteria=["a"], agreed_on="tomorrow")  # a clock in another time zone
    assert late.agreed_on == TODAY + timedelta(days=1)


def test_evidence_and_vouches_link_live_achievements_only(db):
    a = add_achievement(db, title="Shipped the billing migration", category="scale").id
    b = bar.set_bar(db, role="VP", criteria=["Lead a migration"])
    assert bar.link(db, 1, a).criteria[0].evidence == (a,)
    assert bar.link(db, 1, a).criteria[0].evidence == (a,)  # twice: still one link
    with pytest.raises(NotFound):
        bar.link(db, 1, 999)
    jun = people.add(db, "Jun", "peer")
    people.vouch(db, jun.id, a)
    assert people.backers(db, [a]) == {a: ("Jun",)}
    assert [r.person.name for r in people.references(db)] == ["Jun"]  # vouching makes a reference
    delete_achievement(db, a)
    assert bar.get(db, b.id).criteria[0].evidence == () and people.references(db) == []


def test_a_reference_not_spoken_to_for_90_days_is_stale(db):
    ref = people.add(db, "Jun", "reference")
    assert people.references(db)[0].stale(TODAY)  # never spoken to
    assert people.references(db)[0].silence(TODAY) == "never spoken to"  # not "in 90 days": added a second ago
    conversations.log(db, ref.id, asked="x", on=TODAY - timedelta(days=people.STALE_DAYS))
    assert not people.references(db)[0].stale(TODAY) and people.references(db)[0].silence(TODAY) == ""
    assert people.references(db)[0].stale(TODAY + timedelta(days=1))
    assert people.references(db)[0].silence(TODAY + timedelta(days=1)) == "not spoken to in 90 days"


def test_a_bad_row_never_crashes_a_read(db):
    db.execute(
        "insert into people (name, relation, created_at, updated_at) values ('X', 'boss', 'x', 'x')"
    )  # got in another way
    pid = db.execute("select id from people").fetchone()[0]
    db.execute(
        "insert into conversations (person_id, held_on, asked, follow_up_on, created_at) values (?, 'soon', 'a', 'never', 'x')",
        [pid],
    )
    assert people.list_people(db)[0].relation == "peer"
    assert conversations.history(db, pid)[0].follow_up is None


@given(st.integers(min_value=0, max_value=3000))
def test_forward_phrases_land_ahead(days):
    assert parse_day(f"in {days} days", today=TODAY) == TODAY + timedelta(days=days)
    assert parse_day(f"in {days} weeks", today=TODAY) == TODAY + timedelta(weeks=days)
    assert parse_day("last friday", today=date(2026, 12, 4)) == date(2026, 11, 27)  # a Friday


def test_a_story_names_who_can_back_it(db):

    a = add_achievement(db, title="Led the billing migration", category="scale").id
    stories.link_story(db, "ots-10x-traffic", a)
    assert stories.stories_for(db, "ots-10x-traffic")[0].backers == ()
    jun = people.add(db, "Jun", "reference")
    people.vouch(db, jun.id, a)
    (story,) = stories.stories_for(db, "ots-10x-traffic")
    assert story.backers == ("Jun",) and story.to_json()["backed_by"] == ["Jun"]
    people.edit(db, jun.id, archived=True)
    assert stories.stories_for(db, "ots-10x-traffic")[0].backers == ()


def test_the_week_in_a_paragraph_says_who_you_talked_to(db):
    assert "Talked to" not in week_summary(db).text()  # nobody in the people area: nothing said
    dana = people.add(db, "Dana", "manager")
    assert "Talked to nobody about your goals." in week_summary(db).text()
    conversations.log(db, dana.id, asked="x", follow_up="2026-06-15")
    text = week_summary(db).text()
    assert "Talked to Dana." in text and "Follow-ups due: Dana." in text


def test_editing_the_bar_keeps_the_ticks_and_evidence_of_the_criteria_that_stay(db):
    """Re-setting the bar to fix one word showed "0 of 5 met", the old ticks and evidence nowhere."""
    shipped = add_achievement(db, title="Led the billing migration", category="scale").id
    dana, marcus = people.add(db, "Dana", "manager"), people.add(db, "Marcus", "mentor")
    b = bar.set_bar(db, role="VP", criteria=["Lead a projct", "Own a budget", "Hire two"], person_id=dana.id,
                    agreed_on="2026-01-01", deadline="2027-01-01")  # fmt: skip
    bar.tick(db, 1)
    bar.link(db, 1, shipped)
    bar.tick(db, 3)
    lead, budget, hire = (c.id for c in b.criteria)
    edited = bar.edit_bar(
        db, b.id, role="VP of Engineering", person_id=marcus.id, agreed_on="2026-02-01", deadline="2027-06-01",
        criteria=[(hire, "Hire two engineers"), (None, "Present to the board"), (lead, "Lead a project")],
    )  # fmt: skip
    assert edited.id == b.id and bar.current(db).id == b.id and len(bar.all_bars(db)) == 1  # in place
    assert (edited.role, edited.person, edited.agreed_on, edited.deadline) == (
        "VP of Engineering", "Marcus", date(2026, 2, 1), date(2027, 6, 1),
    )  # fmt: skip
    assert [(c.number, c.text, c.met, c.evidence) for c in edited.criteria] == [
        (1, "Hire two engineers", True, ()),
        (2, "Present to the board", False, ()),
        (3, "Lead a project", True, (shipped,)),
    ]
    assert budget not in {c.id for c in edited.criteria}  # left out: gone, with its tick
    assert bar.edit_bar(db, b.id, role="VP", person_id=None, agreed_on="2026-02-01", deadline=None,
                        criteria=[(lead, "Lead a project")]).person is None  # fmt: skip


def test_a_bad_edit_writes_nothing_and_a_closed_bar_stays_as_it_was(db):
    old = bar.set_bar(db, role="VP", criteria=["a", "b"], agreed_on="2026-01-01")
    bar.tick(db, 1)
    (a, b) = (c.id for c in old.criteria)
    for kwargs, message in [
        ({"criteria": []}, "at least one criterion"),
        ({"criteria": [(a, "")]}, "needs some text"),
        ({"criteria": [(a, "x"), (a, "y")]}, "named twice"),
        ({"criteria": [(999, "x")]}, "changed elsewhere meanwhile: “x” is no longer on it"),
        ({"agreed_on": "in 2 weeks"}, "in the future"),
        ({"deadline": "2025-12-01"}, "must come after"),
        ({"person_id": 42}, "no person"),
    ]:
        values = {"role": "CTO", "criteria": [(a, "A"), (b, "B")], "person_id": None, "agreed_on": "2026-01-01",
                  "deadline": None} | kwargs  # fmt: skip
        with pytest.raises(CtoError, match=message):
            bar.edit_bar(db, old.id, **values)
        assert bar.current(db) == bar.get(db, old.id) and bar.current(db).role == "VP"
        assert [(c.text, c.met) for c in bar.current(db).criteria] == [("a", True), ("b", False)]
    new = bar.set_bar(db, role="CTO", criteria=["c"])
    with pytest.raises(CtoError, match="closed: only the open bar"):
        bar.edit_bar(db, old.id, role="X", criteria=[(a, "a")], person_id=None, agreed_on=None, deadline=None)
    assert [x.id for x in bar.all_bars(db)] == [new.id, old.id]
    assert bar.get(db, old.id).closed and [c.met for c in bar.get(db, old.id).criteria] == [True, False]


@settings(max_examples=40)
@given(st.permutations(range(5)), st.sets(st.integers(min_value=0, max_value=4), min_size=1))
def test_any_reordering_keeps_each_kept_criterion_with_its_tick(order, kept):
    with tempfile.TemporaryDirectory() as folder:  # a fresh file per example
        db = open_db(Path(folder) / "x.db")
        b = bar.set_bar(db, role="VP", criteria=[f"c{n}" for n in range(5)], agreed_on="2026-01-01")
        for n in (1, 3):
            bar.tick(db, n + 1)
        ids = [c.id for c in b.criteria]
        wanted = [n for n in order if n in kept]
        edited = bar.edit_bar(db, b.id, role="VP", person_id=None, agreed_on="2026-01-01", deadline=None,
                              criteria=[(ids[n], f"c{n}!") for n in wanted] + [(None, "new")])  # fmt: skip
        assert [(c.text, c.met) for c in edited.criteria] == [(f"c{n}!", n in (1, 3)) for n in wanted] + [
            ("new", False)
        ]
        db.close()


def test_an_edit_in_order_moves_no_criterion(db):
    """Kept criteria keep their positions and new ones go past the removed ones': a synced machine
    applying the edit row by row never finds two criteria on one position (docs/sync.md)."""
    b = bar.set_bar(db, role="VP", criteria=["a", "b", "c"])
    a, _, c = (x.id for x in b.criteria)
    bar.edit_bar(db, b.id, role="VP", person_id=None, agreed_on=None, deadline=None,
                 criteria=[(a, "A"), (c, "c"), (None, "d")])  # fmt: skip
    rows = db.execute("select text, position from bar_criteria where bar_id = ? order by position", [b.id]).fetchall()
    assert rows == [("A", 0), ("c", 2), ("d", 3)]


# Any text but lone surrogates (SQLite stores UTF-8), with an escape sequence somewhere in it. It
# starts with a letter: SQLite's length() stops at a NUL, and the tables' checks use it.
_stored = st.tuples(
    st.just("A"),
    st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=30),
    st.sampled_from(["\x1b[2J", "\x1b]0;owned\x07", "\x9b31m", "\x07", "\x85", "\u202e", "\r\n"]),
    st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=30),
).map("".join)


@given(name=_stored, line=_stored, block=_stored)
def test_rows_written_around_the_app_are_cleaned_on_read(db, name, line, block):
    """A tester wrote "Dana ESC[2J ESC]0;owned BEL Okafor" into people.name with sqlite3 (as an older
    version or another tool could have): `people`, `bar`, `person show` and the brag document sent
    the escapes to the terminal, cleared the screen and retitled it. Every read of the people area
    now cleans what it reads, as the journal does: one-line fields with clean_line, texts with
    clean_block (core/text.py)."""
    a = add_achievement(db, title="Led the billing migration").id
    person_id = db.execute(
        "insert into people (name, relation, context, note, is_reference, created_at, updated_at)"
        " values (?, 'reference', ?, ?, 1, 'x', 'x')",
        [name, line, block],
    ).lastrowid
    db.execute("insert into reference_vouches (person_id, achievement_id) values (?, ?)", [person_id, a])
    talk_id = db.execute(
        "insert into conversations (person_id, held_on, asked, heard, mine, theirs, follow_up_on, created_at)"
        " values (?, '2026-06-01', ?, ?, ?, ?, '2026-06-10', 'x')",
        [person_id, block, block, block, block],
    ).lastrowid
    db.execute("update bars set closed_at = 'x' where closed_at is null")
    bar_id = db.execute(
        "insert into bars (person_id, conversation_id, role, agreed_on, deadline_on, created_at)"
        " values (?, ?, ?, '2026-06-01', '2027-06-01', 'x')",
        [person_id, talk_id, line],
    ).lastrowid
    db.execute("insert into bar_criteria (bar_id, position, text) values (?, 0, ?)", [bar_id, line])
    clean_name, clean_text, clean_note = clean_line(name), clean_line(line), clean_block(block)

    found = [people.get(db, person_id), people.find(db, person_id)]
    found += [p for p in people.list_people(db, archived=True) if p.id == person_id]
    found += [r.person for r in people.references(db) if r.person.id == person_id]
    assert len(found) == 4
    for p in found:
        assert (p.name, p.context, p.note) == (clean_name, clean_text, clean_note)
    assert people.backers(db, [a])[a] == (clean_name,)

    talks = [conversations.get(db, talk_id), *conversations.history(db, person_id)]
    talks += [t for t in conversations.recent(db, date(2026, 6, 1)) if t.id == talk_id]
    talks += [t for t in conversations.follow_ups(db) if t.id == talk_id]
    assert len(talks) == 4
    for t in talks:
        assert t.person == clean_name and (t.asked, t.heard, t.mine, t.theirs) == (clean_note,) * 4

    current = bar.current(db)
    bars = [bar.get(db, bar_id), *[b for b in bar.all_bars(db) if b.id == bar_id]]
    assert current is not None
    for b in [current, *bars]:
        assert (b.role, b.person, b.criteria[0].text) == (clean_text, clean_name, clean_text)


def test_a_criterion_typed_as_a_list_line_loses_only_its_marker():
    """The bar form stripped every '-', '*' and '•' at both ends: "-20% cloud cost" became "20% …"."""
    assert list_item("-20% cloud cost, CI under 10 min -") == "-20% cloud cost, CI under 10 min -"
    assert [list_item(t) for t in ("- Ship it", "  * two ", "• three", "*bold* claim")] == [
        "Ship it",
        "two",
        "three",
        "*bold* claim",
    ]
