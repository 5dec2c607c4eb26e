"""The story bank: links between questions and journal achievements.

The journal is its own area (branch `journal`); here it is either absent (the
drill says so) or stood in for by a small module with the journal's agreed
API over the agreed `achievements` table, so the linking logic is tested on
its own.
"""

from __future__ import annotations

from datetime import date

import pytest
from drill_fakes import FakeAchievement, fake_journal

from ctotui.core import drill, stories
from ctotui.core.errors import CtoError, NotFound

HAS_JOURNAL = stories._journal() is not None


def test_without_the_journal_everything_says_so(db, monkeypatch) -> None:
    monkeypatch.setattr(stories, "_journal", lambda: None)
    assert not stories.journal_available(db)
    q = drill.get_question(db, "ots-10x-traffic")
    with pytest.raises(CtoError, match="journal not available yet"):
        stories.link_story(db, q.id, 1)
    assert stories.stories_for(db, q.id) == []
    assert stories.suggestions(db, q.id) == []
    cov = stories.coverage(db)
    assert not cov.available and all(c.gap for c in cov.categories) and cov.overused == ()


ENTRIES = [
    FakeAchievement(1, "Cut the cloud bill by 40%", date(2025, 3, 1), "savings", ("business",)),
    FakeAchievement(2, "Scaled checkout to ten times the traffic", date(2025, 6, 1), "scale", ("technical-depth",)),
    FakeAchievement(3, "Hired and onboarded four engineers", date(2025, 9, 1), "unblocking", ("leadership",)),
    FakeAchievement(4, "Won back an angry enterprise customer", date(2025, 10, 1), "customers", ("communication",)),
    FakeAchievement(5, "Wrote a traffic report nobody read", date(2024, 1, 1), None),
]


@pytest.fixture
def journal(db, monkeypatch):
    module = fake_journal(db, ENTRIES)
    monkeypatch.setattr(stories, "_journal", lambda: module)
    return module


def test_link_list_unlink(db, journal) -> None:
    q = drill.get_question(db, "ots-10x-traffic")
    story = stories.link_story(db, q.ref, 2)
    assert story.title.startswith("Scaled checkout")
    stories.link_story(db, q.ref, 2)  # twice is harmless
    stories.link_story(db, q.ref, 1)
    assert [s.achievement_id for s in stories.stories_for(db, q.id)] == [1, 2]  # newest link first
    assert stories.questions_for_story(db, 2) == [q.id]
    stories.unlink_story(db, q.ref, 2)
    assert [s.achievement_id for s in stories.stories_for(db, q.id)] == [1]
    with pytest.raises(NotFound, match="not a story"):
        stories.unlink_story(db, q.ref, 2)
    with pytest.raises(NotFound, match="no achievement with id 99"):
        stories.link_story(db, q.ref, 99)


def test_a_deleted_achievement_drops_out_and_comes_back(db, journal) -> None:
    q = drill.get_question(db, "btt-tough-hire")
    stories.link_story(db, q.id, 3)
    db.execute("update achievements set deleted_at = 'x' where id = 3")
    assert stories.stories_for(db, q.id) == []
    db.execute("update achievements set deleted_at = null where id = 3")
    assert [s.achievement_id for s in stories.stories_for(db, q.id)] == [3]


def test_suggestions_by_words_and_category_fit(db, journal) -> None:
    q = drill.get_question(db, "ots-10x-traffic")  # "...handle ten times today's traffic?"
    found = [s.achievement_id for s in stories.suggestions(db, q.id)]
    # 2 matches words and fits the category; 5 matches a word; 1 fits by category
    assert found == [2, 1, 5]  # ties go to the more recent
    assert len(found) <= stories.SUGGESTIONS
    stories.link_story(db, q.id, 2)
    assert 2 not in [s.achievement_id for s in stories.suggestions(db, q.id)]


def test_coverage_shows_gaps_and_overused_stories(db, journal) -> None:
    ots = [q.id for q in drill.list_questions(db, "own-the-stack")]
    for qid in ots[:4]:
        stories.link_story(db, qid, 2)  # one story for four questions: overused
    stories.link_story(db, ots[0], 1)
    stories.link_story(db, drill.get_question(db, "btt-coaching").id, 3)
    cov = stories.coverage(db)
    rows = {c.slug: c for c in cov.categories}
    assert cov.available
    assert (rows["own-the-stack"].covered, [s.achievement_id for s in rows["own-the-stack"].stories]) == (4, [2, 1])
    assert rows["non-technical-leaders"].gap and not rows["build-the-team"].gap
    assert [(s.achievement_id, n) for s, n in cov.overused] == [(2, 4)]


@pytest.mark.skipif(not HAS_JOURNAL, reason="the journal has not landed in this branch")
def test_the_real_journal_module_has_the_api_used_here() -> None:
    module = stories._journal()
    for name in ("achievements_by_id", "search_achievements", "JournalFilter", "get_achievement"):
        assert hasattr(module, name), name
