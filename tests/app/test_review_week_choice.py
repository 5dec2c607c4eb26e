"""Which week the review opens on: last week on the Monday after it was missed (Home's action
leads there too), > and < move between weeks, and the History's enter reviews a missed week late."""

from __future__ import annotations

from datetime import datetime

import pytest
from pilot_tools import at_rest, db_ready, press, screen_text, settle, wait_for
from review_helpers import local_time
from textual.widgets import Input

from ctotui.core.db import open_db
from ctotui.core.journal.entries import add_achievement
from ctotui.core.review import weekly as review
from ctotui.core.review.history import review_streak
from ctotui.core.review.weekly import Week
from ctotui.ui.app import CtoApp
from ctotui.ui.coach.next_list import CoachList
from ctotui.ui.journal.form import AchievementForm
from ctotui.ui.review.history import ReviewList
from ctotui.ui.review.screen import ReviewScreen

SIZE = (80, 24)
W10, W11, W12 = Week(2026, 10), Week(2026, 11), Week(2026, 12)


@pytest.fixture(autouse=True)
def monday(monkeypatch):
    with local_time(monkeypatch, "2026-03-16T09:00:00+00:00"):  # Monday of W12; review day Friday
        yield


@pytest.fixture
def missed_last_week(db_path):
    """W10 reviewed, W11 (9-15 March) not, with two wins in it."""
    db = open_db(db_path)
    review.complete_review(db, W10, at=datetime.fromisoformat("2026-03-06T18:00:00+00:00"))
    add_achievement(db, title="Ran the incident review", occurred_on="2026-03-10")
    add_achievement(db, title="Shipped the billing export", occurred_on="2026-03-12")
    db.close()


async def review_open(pilot) -> ReviewScreen:
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, ReviewScreen) and pilot.app.screen.is_mounted)
    await settle(pilot)
    return pilot.app.screen


async def test_monday_opens_last_week_and_the_keys_move_between_weeks(db_path, missed_last_week):
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        await db_ready(pilot)
        await press(pilot, "w")
        screen = await review_open(pilot)
        await wait_for(pilot, lambda: screen.week == W11 and "Last week's wins · 2" in screen_text(app))
        assert "Reviewing last week, 9–15 Mar 2026 · " in screen_text(app)
        assert "What did you get done last week?" in screen_text(app)
        await press(pilot, "greater_than_sign")
        await wait_for(pilot, lambda: screen.week == W12 and "This week's wins · 0" in screen_text(app))
        assert "2026-W12 · 16–22 Mar 2026 · not started yet" in screen_text(app)
        await press(pilot, "greater_than_sign")  # never past this week
        await settle(pilot)
        assert screen.week == W12
        await press(pilot, "less_than_sign")
        await wait_for(pilot, lambda: screen.week == W11 and "Last week's wins · 2" in screen_text(app))
        await press(pilot, "right_square_bracket")  # a step taken is saved in W11's review
        await wait_for(pilot, lambda: (r := review.get_review(app.db, W11)) is not None and r.step == 2)
        assert review.get_review(app.db, W12) is None


async def test_a_win_added_while_reviewing_last_week_is_dated_in_it(db_path, missed_last_week):
    """n on last week's step 1 dated the new win today (Monday of W12): it never showed in W11's
    wins. The form now opens on W11's Sunday, and the win is one of last week's once saved."""
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        await db_ready(pilot)
        await press(pilot, "w")
        screen = await review_open(pilot)
        await wait_for(pilot, lambda: screen.week == W11 and "Last week's wins · 2" in screen_text(app))
        await press(pilot, "n")
        await wait_for(pilot, lambda: isinstance(app.screen, AchievementForm) and app.screen.query("#title"))
        assert app.screen.query_one("#date", Input).value == "2026-03-15"
        app.screen.query_one("#title", Input).value = "Hired the first SRE"
        await press(pilot, "ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, ReviewScreen) and len(screen.wins) == 3)
        await wait_for(pilot, lambda: "Last week's wins · 3" in screen_text(app))


async def test_homes_action_opens_the_week_due(db_path, missed_last_week):
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        await db_ready(pilot)
        coach = app.screen.query_one(CoachList)
        await wait_for(pilot, lambda: "review-due:2026-W11" in coach.actions)
        assert "last week, 9–15 Mar 2026, is not reviewed yet" in screen_text(app)
        number = list(coach.actions).index("review-due:2026-W11") + 1
        await press(pilot, str(number))
        screen = await review_open(pilot)
        await wait_for(pilot, lambda: screen.week == W11 and "Reviewing last week" in screen_text(app))


async def test_a_monday_review_day_opens_the_week_that_ended_from_home_and_the_keys(db_path, missed_last_week):
    """Monday is the review day: Home says so and names last week, and w opens W11 with its wins
    (it opened the new, empty W12, and W11 then showed as missed)."""
    db = open_db(db_path)
    review.set_review_weekday(db, "mon")
    db.close()
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await db_ready(pilot)
        await wait_for(pilot, lambda: "Today is review day: w reviews last week" in screen_text(app))
        await press(pilot, "w")
        screen = await review_open(pilot)
        await wait_for(pilot, lambda: screen.week == W11 and "Last week's wins · 2" in screen_text(app))
        await press(pilot, "v")  # the History: W11 is due, not missed
        history = screen.query_one(ReviewList)
        await wait_for(pilot, lambda: "week:2026-W11" in [o.id for o in history.options])
        await wait_for(pilot, lambda: "Streak 1 week" in screen_text(app))  # the pane beside it: a read of its own
        assert "missed" not in screen_text(app)


async def test_the_history_opens_a_missed_week_to_review_it_late(db_path, missed_last_week):
    db = open_db(db_path)
    review.start_review(db, W12)  # this week begun: the review opens on it
    db.close()
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        await db_ready(pilot)
        await press(pilot, "w")
        screen = await review_open(pilot)
        await wait_for(pilot, lambda: screen.week == W12)
        assert "Review  History (v switches)" in screen_text(app)
        await press(pilot, "v")
        history = screen.query_one(ReviewList)
        await wait_for(pilot, lambda: history.current_id == "week:2026-W12")
        await press(pilot, "down")
        await wait_for(pilot, lambda: history.current_id == "week:2026-W11")
        assert "missed · enter reviews it" in screen_text(app)
        await press(pilot, "enter")
        await wait_for(pilot, lambda: screen.week == W11 and "Reviewing last week" in screen_text(app))
        for _ in range(5):
            await press(pilot, "right_square_bracket")
        await wait_for(pilot, lambda: screen.step == 6)
        await press(pilot, "ctrl+s")
        await wait_for(pilot, lambda: (r := review.get_review(app.db, W11)) is not None and r.completed)
        assert review_streak(app.db).current == 2  # W11 reviewed late counts, with W10


async def test_step_2_says_prefilled_only_when_something_was_rated(db_path):
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        await db_ready(pilot)
        await press(pilot, "w")
        screen = await review_open(pilot)
        await press(pilot, "right_square_bracket")
        await wait_for(pilot, lambda: screen.step == 2 and "Your skills · none rated yet" in screen_text(app))
        assert "prefilled" not in screen_text(app)
        await press(pilot, "3")  # rate the first area: its dialog, then save
        await wait_for(pilot, lambda: app.screen is not screen)
        await press(pilot, "ctrl+s")
        await wait_for(pilot, lambda: "Your skills · prefilled with your last ratings" in screen_text(app))


# What each step says of the week under review: last week's words, never "this week".
LAST_WEEK_WORDS = {
    1: ("Last week's wins · 2", "2 wins · 2 without a number"),
    2: ("0 of 6 rated last week", "Last week's evidence: "),
    3: ("Looked at last week: 0 of",),
    4: ("Done last week · 0",),
    5: ("Last week's answers · 0", "No practice last week."),
    6: ("Reflection",),
}
# What the steps set for the week after the one reviewed, which for last week is this one: its
# focus and the one thing (they said "next week", the week after the one they set).
FOR_THIS_WEEK = {
    4: ("focus on this week (f)", "this week's focus · 0/3"),
    6: ("one thing to do this week", "one thing for this week", "this week, from your data"),
}


async def test_every_step_names_the_week_reviewed_late_as_last_week(db_path, missed_last_week):
    """Reviewing last week on Monday, the steps said "This week" (side pane, evidence, counts, the
    drill's column and answers) beside "Last week's wins"; they now all take week_name's words. What
    it sets, the focus and the one thing, is for this week (it said "next week")."""
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await db_ready(pilot)
        await press(pilot, "w")
        screen = await review_open(pilot)
        await wait_for(pilot, lambda: screen.week == W11)
        for step, words in LAST_WEEK_WORDS.items():
            if step > 1:
                await press(pilot, "right_square_bracket")
            await wait_for(pilot, lambda n=step, ws=words: screen.step == n and all(w in screen_text(app) for w in ws))
            await at_rest(pilot)
            text = screen_text(app).lower()
            for words in FOR_THIS_WEEK.get(step, ()):
                assert words in text, (step, words, text)
                text = text.replace(words, "")
            assert "this week" not in text and "next week" not in text, (step, text)
