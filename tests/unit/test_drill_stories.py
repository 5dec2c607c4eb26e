"""The story bank: links between drill questions and journal achievements."""

from __future__ import annotations

from datetime import date

import pytest

from ctotui.core.drill import bank as drill
from ctotui.core.drill import stories
from ctotui.core.errors import CtoError, NotFound
from ctotui.core.journal.entries import add_achievement, delete_achievement, undelete_achievement

ENTRIES = [
    dict(title="Cut the cloud bill by 40%", occurred_on=date(2025, 3, 1), category="savings", skills=["business"]),
    dict(
        title="Scaled checkout to ten times the traffic",
        occurred_on=date(2025, 6, 1),
        category="scale",
        skills=["technical-depth"],
    ),
    dict(
        title="Hired and onboarded four engineers",
        occurred_on=date(2025, 9, 1),
        category="unblocking",
        skills=["leadership"],
    ),
    dict(
        title="Won back an angry enterprise customer",
        occurred_on=date(2025, 10, 1),
        category="customers",
        skills=["communication"],
    ),
    dict(title="Wrote a traffic report nobody read", occurred_on=date(2024, 1, 1)),
]


@pytest.fixture
def ids(db) -> list[int]:
    return [add_achievement(db, **e).id for e in ENTRIES]


def test_the_journal_is_available_in_this_build(db) -> None:
    assert stories.journal_available(db)


def test_without_the_journal_everything_says_so(db) -> None:
    """A database without the journal's table (written around ctotui): stories say so."""
    db.execute("drop table achievements")
    assert not stories.journal_available(db)
    q = drill.get_question(db, "ots-10x-traffic")
    with pytest.raises(CtoError, match="journal not available yet"):
        stories.link_story(db, q.id, 1)
    assert stories.stories_for(db, q.id) == []
    assert stories.suggestions(db, q.id) == []
    cov = stories.coverage(db)
    assert not cov.available and all(c.gap for c in cov.categories) and cov.overused == ()


def test_link_list_unlink(db, ids) -> None:
    cloud, checkout = ids[0], ids[1]
    q = drill.get_question(db, "ots-10x-traffic")
    story = stories.link_story(db, q.ref, checkout)
    assert story.title.startswith("Scaled checkout") and story.occurred_on == date(2025, 6, 1)
    stories.link_story(db, q.ref, checkout)  # twice is harmless
    stories.link_story(db, q.ref, cloud)
    assert [s.achievement_id for s in stories.stories_for(db, q.id)] == [cloud, checkout]  # newest link first
    assert stories.questions_for_story(db, checkout) == [q.id]
    stories.unlink_story(db, q.ref, checkout)
    assert [s.achievement_id for s in stories.stories_for(db, q.id)] == [cloud]
    with pytest.raises(NotFound, match="not a story"):
        stories.unlink_story(db, q.ref, checkout)
    with pytest.raises(NotFound, match="no achievement with id 999"):
        stories.link_story(db, q.ref, 999)


def test_a_story_shows_the_journal_metric_badge(db) -> None:
    a = add_achievement(db, title="Deploy time 45 → 7 min", metric="parse")
    q = drill.get_question(db, "ots-migration")
    stories.link_story(db, q.id, a.id)
    assert stories.stories_for(db, q.id)[0].badge == a.badge != ""


def test_a_deleted_achievement_drops_out_and_comes_back(db, ids) -> None:
    q = drill.get_question(db, "btt-tough-hire")
    stories.link_story(db, q.id, ids[2])
    delete_achievement(db, ids[2])
    assert stories.stories_for(db, q.id) == []
    with pytest.raises(NotFound):
        stories.link_story(db, q.id, ids[2])
    undelete_achievement(db, ids[2])
    assert [s.achievement_id for s in stories.stories_for(db, q.id)] == [ids[2]]


def test_suggestions_by_words_and_category_fit(db, ids) -> None:
    cloud, checkout, _, _, report = ids
    q = drill.get_question(db, "ots-10x-traffic")  # "...handle ten times today's traffic?"
    found = [s.achievement_id for s in stories.suggestions(db, q.id)]
    # checkout: two words and the category; the report: one word; the cloud bill: the category (newer)
    assert found == [checkout, cloud, report]
    stories.link_story(db, q.id, checkout)
    assert checkout not in [s.achievement_id for s in stories.suggestions(db, q.id)]


def test_suggestions_for_a_team_question_prefer_team_stories(db, ids) -> None:
    q = drill.get_question(db, "btt-first-ten")  # hiring our first ten engineers
    assert stories.suggestions(db, q.id)[0].achievement_id == ids[2]


def test_coverage_shows_gaps_and_overused_stories(db, ids) -> None:
    cloud, checkout, hired = ids[0], ids[1], ids[2]
    ots = [q.id for q in drill.list_questions(db, "own-the-stack")]
    for qid in ots[:4]:
        stories.link_story(db, qid, checkout)  # one story for four questions: overused
    stories.link_story(db, ots[0], cloud)
    stories.link_story(db, drill.get_question(db, "btt-coaching").id, hired)
    cov = stories.coverage(db)
    rows = {c.slug: c for c in cov.categories}
    assert cov.available
    assert (rows["own-the-stack"].covered, [s.achievement_id for s in rows["own-the-stack"].stories]) == (
        4,
        [checkout, cloud],
    )
    assert rows["non-technical-leaders"].gap and not rows["build-the-team"].gap
    assert [(s.achievement_id, n) for s, n in cov.overused] == [(checkout, 4)]
