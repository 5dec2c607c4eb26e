"""Issue 17 in the app: a whole session with a scenario brief, the ask-first field, a follow-up
started by the time running out, the rubric with the category's signals, and the reveal of a
strong answer's outline after scoring (never before). Every step is checked in the database."""

from __future__ import annotations

from drill_helpers import fresh
from pilot_tools import press, screen_text, wait_for
from test_drill import WIDE, open_drill
from textual.widgets import Static

from ctotui.core import playbook
from ctotui.core.db import open_db
from ctotui.core.drafts import load_draft
from ctotui.core.drill import bank as drill
from ctotui.core.drill import realism
from ctotui.core.drill import settings as drill_settings
from ctotui.core.rubric import Rating
from ctotui.ui.app import CtoApp
from ctotui.ui.dialogs.choice import ChoiceDialog
from ctotui.ui.drill.attempt import AttemptView
from ctotui.ui.drill.score import ScoreAnswer
from ctotui.ui.drill.session import ANSWER, BRIEF, FOLLOW_UP, REVEAL, SessionScreen


def _one_question_session(db_path, follow_up_seconds: int = 45) -> None:
    db = open_db(db_path)
    drill_settings.set_session_size(db, 1)
    drill_settings.set_follow_up_seconds(db, follow_up_seconds)
    db.close()


async def at_the_brief(pilot) -> SessionScreen:
    """A session started with d, its first question read and its brief on view."""
    app = pilot.app
    await open_drill(pilot)
    await press(pilot, "d")
    await wait_for(pilot, lambda: isinstance(app.screen, SessionScreen))
    session = app.screen
    # BRIEF is also the step a session starts with, before its first question is read
    await wait_for(pilot, lambda: session.plan is not None and session.step == BRIEF)
    return session


async def test_typing_on_the_brief_starts_the_answer_with_what_was_typed(db_path) -> None:
    """Typing an answer on the brief ran the letters as the app's keys ("t" opened the Timeline,
    "h" Home) and lost them. A character starts the countdown and goes into the first field;
    typing is what is tested here."""
    _one_question_session(db_path)
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=WIDE) as pilot:
        session = await at_the_brief(pilot)
        await press(pilot, *"the hires")
        await wait_for(pilot, lambda: session.ask_first.value == "the hires")
        assert app.screen is session and session.step == ANSWER and session.timer.running


async def test_a_session_with_a_brief_a_follow_up_scoring_and_the_reveal(db_path) -> None:
    _one_question_session(db_path)
    outline = realism.outline("ots-10x-traffic")
    ids = [c.id for c in playbook.load().criteria_for("own-the-stack")]
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=WIDE) as pilot:
        session = await at_the_brief(pilot)
        # 1. the brief comes before the countdown: the timer waits for "go"
        scenario = session.plan.scenario()
        assert session.current.ref == "ots-10x-traffic" and scenario
        await wait_for(pilot, lambda: scenario["constraint"][:30] in screen_text(app))
        assert scenario["name"] in screen_text(app) and not session.timer.running
        await press(pilot, "enter")
        # 2. the answer, with "what I would ask first" focused first
        await wait_for(pilot, lambda: session.step == ANSWER and session.timer.running)
        assert session.ask_first.has_focus
        session.ask_first.value = "Where does it break today?"
        session.answer.insert("Measure, then shard the orders table.")
        assert outline[0][:30] not in screen_text(app)  # the outline never shows before scoring
        # 3. the time runs out: the interviewer pushes back with the follow-up and its own countdown
        clock = [1000.0]

        def monotonic() -> float:  # a little later at each read, as time.monotonic: a clock that read the
            clock[0] += 0.001  # same twice hid the loop the pause at the limit ran (RecursionError: the app closed)
            return clock[0]

        session.timer.pause()
        session.timer.clock = monotonic
        session.timer.start()
        clock[0] += session.timer.limit
        session.timer.tick()
        await wait_for(pilot, lambda: session.step == FOLLOW_UP)
        follow_up = session.plan.follow_up
        assert follow_up == realism.follow_ups("ots-10x-traffic")[0]  # never shown yet: the first
        await wait_for(pilot, lambda: follow_up[:30] in screen_text(app))
        assert session.follow_timer.running and session.follow_timer.limit == 45
        assert not session.timer.running and session.answer_seconds == session.timer.limit
        assert outline[0][:30] not in screen_text(app)
        session.follow_answer.insert("Cut to the checkout path.")
        session.follow_timer.freeze(38)
        # 4. the rubric: six general criteria, then the category's signals
        await press(pilot, "ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, ScoreAnswer))
        assert [c.id for c in app.screen.signals] == ids
        heading = app.screen.query_one(".signals", Static)
        assert str(heading.render()) == "What Own the whole stack listens for"
        assert outline[0][:30] not in screen_text(app)
        await press(pilot, *"222222", *"2" * (len(ids) - 1), "1")
        await press(pilot, "ctrl+s")
        # 5. saved at once, 6. then the reveal: the outline next to the answer and the reply
        await wait_for(pilot, lambda: app.screen is session and session.step == REVEAL)
        (a,) = fresh(db_path, drill.attempts)
        assert (a.answer, a.seconds, a.total) == ("Measure, then shard the orders table.", 120, 12)
        assert (a.follow_up, a.follow_up_answer, a.follow_up_seconds) == (follow_up, "Cut to the checkout path.", 38)
        assert a.ask_first == "Where does it break today?"
        assert a.scenario() == scenario and a.brief == session.plan.brief
        assert a.criteria_scores == {**dict.fromkeys(ids, 2), ids[-1]: 1}
        assert a.rating is Rating.Good  # 12/12, signals 9/10: Good (the lower of Easy and Good)
        text = screen_text(app)
        assert "What a strong answer covers" in text and outline[0][:30] in text
        assert "Measure, then shard the orders table." in text and "Cut to the checkout path." in text
        await press(pilot, "enter")
        # the summary names the follow-up under its question
        await wait_for(pilot, lambda: "Session done" in screen_text(app))
        assert follow_up[:30] in screen_text(app) and "12/12" in screen_text(app)


async def test_a_question_without_a_brief_goes_straight_to_the_countdown_and_the_history_shows_it_all(
    db_path,
) -> None:
    db = open_db(db_path)
    q = drill.get_question(db, "ots-10x-traffic")
    plan = realism.plan_question(db, q.id, q.source_id, q.category)
    drill.record_attempt(
        db,
        q.id,
        "My answer.",
        dict.fromkeys(playbook.RUBRIC, 1),
        90,
        follow_up=plan.follow_up,
        follow_up_answer="My reply.",
        follow_up_seconds=30,
        brief=plan.brief,
        ask_first="Who is on call?",
    )
    own = drill.add_question(db, "build-the-team", "How do you run your one-on-ones?")
    db.close()
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=WIDE) as pilot:
        screen = await open_drill(pilot)
        await press(pilot, "3")
        await press(pilot, "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, AttemptView))
        await wait_for(pilot, lambda: "My reply." in screen_text(app))
        text = screen_text(app)
        assert "Who is on call?" in text and plan.follow_up[:30] in text and plan.scenario()["name"] in text
        await press(pilot, "escape")
        await wait_for(pilot, lambda: app.screen is screen)
        # a question of one's own: no brief, no follow-up, no reveal
        screen.start_session([fresh(db_path, drill.get_question, own.id)], "one")
        await wait_for(pilot, lambda: isinstance(app.screen, SessionScreen))
        session = app.screen
        await wait_for(pilot, lambda: session.step == ANSWER and session.timer.running)
        assert not session.ask_first.display and session.answer.has_focus
        session.answer.insert("Weekly, their agenda first.")
        await press(pilot, "ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, ScoreAnswer))
        await press(pilot, *"1" * (6 + len(app.screen.signals)), "ctrl+s")
        await wait_for(pilot, lambda: "Session done" in screen_text(app))
        a = fresh(db_path, drill.attempts)[0]
        assert (a.question_id, a.follow_up, a.brief, a.ask_first) == (own.id, "", "", "")
        assert len(a.criteria_scores) == len(playbook.load().criteria_for("build-the-team"))


async def test_what_i_would_ask_first_alone_is_kept_and_escape_asks_before_leaving(db_path) -> None:
    """Typed into "what I would ask first" only, then escape: it ended the session without asking,
    and nothing was kept (a draft needed the answer itself)."""
    _one_question_session(db_path)
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=WIDE) as pilot:
        session = await at_the_brief(pilot)
        await press(pilot, "enter")
        await wait_for(pilot, lambda: session.step == ANSWER and session.ask_first.has_focus)
        key = drill.answer_draft_key(session.current.id)
        session.ask_first.value = "Where does it break today?"
        await press(pilot, "escape")
        await wait_for(pilot, lambda: isinstance(app.screen, ChoiceDialog))  # asks: something is typed
        assert load_draft(app.db, key).payload["ask_first"] == "Where does it break today?"  # kept before asking
        await press(pilot, "escape")  # keep answering: back in the field it was left from, not the answer
        await wait_for(pilot, lambda: app.screen is session and session.ask_first.has_focus)
        await press(pilot, "escape")
        await wait_for(pilot, lambda: isinstance(app.screen, ChoiceDialog))
        await press(pilot, "enter")  # End session
        await wait_for(pilot, lambda: not isinstance(app.screen, SessionScreen | ChoiceDialog))
        (question, draft), *_ = drill.unfinished_answers(app.db)  # offered back on the Practise tab
        assert question.ref == "ots-10x-traffic" and draft.payload["ask_first"] == "Where does it break today?"
        await press(pilot, "r")  # resumed: it is back in its box
        await wait_for(pilot, lambda: isinstance(app.screen, SessionScreen) and app.screen.plan is not None)
        session = app.screen
        if session.step == BRIEF:
            await press(pilot, "enter")
        await wait_for(pilot, lambda: session.ask_first.value == "Where does it break today?")
