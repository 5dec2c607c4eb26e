"""The drill as a person uses it: a whole session, drafts across a restart,
stories, the question bank and progress. Every step is checked in the database."""

from __future__ import annotations

import re
from datetime import date

import pytest
from drill_helpers import answering, fresh, open_drill
from pilot_tools import at_rest, db_ready, press, screen_text, wait_for
from test_text_shown import notifications
from textual.widgets import DataTable, Input, OptionList, Static, TabbedContent

from ctotui.core.db import open_db
from ctotui.core.drafts import load_draft
from ctotui.core.drill import bank as drill
from ctotui.core.drill import settings as drill_settings
from ctotui.core.drill import stories
from ctotui.core.drill.partner import criteria_ids
from ctotui.core.drill.realism import criteria_for
from ctotui.core.journal.entries import add_achievement
from ctotui.core.playbook import RUBRIC
from ctotui.core.rubric import Rating
from ctotui.ui.app import CtoApp
from ctotui.ui.dates import moment
from ctotui.ui.dialogs.choice import ChoiceDialog
from ctotui.ui.drill.attempt import AttemptView
from ctotui.ui.drill.forms import DrillSettingsForm, QuestionForm
from ctotui.ui.drill.score import ScoreAnswer
from ctotui.ui.drill.screen import DrillScreen
from ctotui.ui.drill.session import FOLLOW_UP, REVEAL, SCORING, SessionScreen
from ctotui.ui.drill.stories import StoriesPanel
from ctotui.ui.drill.tabs import BANK_NARROW
from ctotui.ui.journal.pick import AchievementPicker
from ctotui.ui.widgets.footer import Footer
from ctotui.ui.widgets.timer import PracticeTimer

SIZE = (80, 24)
WIDE = (120, 40)  # for the tests that read what only fits on a wider screen


async def start_due_session(pilot) -> SessionScreen:
    await open_drill(pilot)
    await press(pilot, "d")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, SessionScreen))
    await answering(pilot, pilot.app.screen)
    return pilot.app.screen


async def score(pilot, *keys: str, signals: str | None = None) -> None:
    """ctrl+s (through the follow-up, if any), the rubric's ``keys`` then the category's ``signals``
    (all 2 unless given), saved; then on past the reveal to the next question."""
    session = pilot.app.screen
    assert isinstance(session, SessionScreen)
    if session.plan is not None and session.plan.follow_up:
        await press(pilot, "ctrl+s")
        await wait_for(pilot, lambda: session.step == FOLLOW_UP)
    await press(pilot, "ctrl+s")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, ScoreAnswer))
    dialog = pilot.app.screen
    await press(pilot, *keys)
    await press(pilot, *(signals if signals is not None else "2" * len(dialog.signals)))
    await press(pilot, "ctrl+s")
    await wait_for(pilot, lambda: pilot.app.screen is session and session.step != SCORING)
    if session.step == REVEAL:
        await press(pilot, "enter")
    if not session.done:
        await answering(pilot, session)


async def test_a_whole_session_start_type_score_next_end(db_path) -> None:
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=WIDE) as pilot:
        session = await start_due_session(pilot)
        first = session.current
        assert first.ref == "ots-10x-traffic"
        await wait_for(pilot, lambda: first.text in screen_text(app))
        assert session.ask_first.has_focus  # a scenario question: what to ask first comes first
        await press(pilot, *"Peak?", "enter", *"Sharded: 20k rps")
        session.timer.freeze(95)  # as if 95 s had passed
        await score(pilot, "2", "2", "1", "2", "2", "2")
        attempts = fresh(db_path, drill.attempts)
        assert len(attempts) == 1
        a = attempts[0]
        assert (a.question_id, a.answer, a.total, a.seconds, a.limit_seconds, a.rating) == (
            first.id,
            "Sharded: 20k rps",
            11,
            95,
            120,
            Rating.Easy,
        )
        assert a.scores.as_dict()["constraints"] == 1
        assert a.ask_first == "Peak?" and a.scenario()["name"]
        q = fresh(db_path, drill.get_question, first.id)
        assert q.reps == 1 and q.due > first.due
        # the next question is up, with an empty answer and a running timer
        assert session.index == 1 and session.current.ref == "ntl-disagree-ceo"
        assert session.answer.text == "" and session.timer.running and not session.timer.frozen
        await wait_for(pilot, lambda: session.current.text[:40] in screen_text(app))
        # an overtime answer: the timer caps the rating
        session.answer.insert("A rewrite")  # typing is tested above: the text goes in directly
        session.timer.freeze(150)
        await score(pilot, *"222222")
        assert fresh(db_path, drill.attempts)[0].rating is Rating.Good
        await press(pilot, "ctrl+n")  # skip the third
        await wait_for(pilot, lambda: session.index == 3 and session.plan is not None)
        await press(pilot, "escape")  # end the session
        await wait_for(pilot, lambda: isinstance(app.screen, DrillScreen))
        assert len(fresh(db_path, drill.attempts)) == 2
        assert "2 due" not in screen_text(app)  # counts were read again (nothing practised is due yet)


async def test_the_session_ends_with_a_summary(db_path) -> None:
    db = open_db(db_path)
    drill_settings.set_session_size(db, 1)
    db.close()
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        session = await start_due_session(pilot)
        session.timer.freeze(30)
        await score(pilot, *"000000")
        await wait_for(pilot, lambda: "Session done" in screen_text(app))
        text = screen_text(app)
        assert "0/12" in text and "Again" in text and "tomorrow" in text
        # the summary's footer has only the summary's key, not the session's
        footer = [d for _k, _s, d, _e in session.query_one(Footer).keys_shown]
        assert "Back to the drill" in footer
        assert not {"Done: score it", "Pause", "Skip", "Link story", "End session"} & set(footer)
        await press(pilot, "escape")
        await wait_for(pilot, lambda: isinstance(app.screen, DrillScreen))


async def test_escape_with_an_answer_typed_asks_before_leaving_and_keeps_the_draft(db_path) -> None:
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        session = await start_due_session(pilot)
        key = drill.answer_draft_key(session.current.id)
        session.answer.focus()  # where a user typing the answer is
        session.answer.insert("Half an answer")
        await at_rest(pilot)  # the edit handled, as a key press would be
        await press(pilot, "escape")
        await wait_for(pilot, lambda: isinstance(app.screen, ChoiceDialog))
        assert load_draft(app.db, key).payload["text"] == "Half an answer"  # kept before asking
        await press(pilot, "escape")  # the safe answer: keep answering
        await wait_for(pilot, lambda: app.screen is session and session.answer.has_focus)
        await press(pilot, "!", "escape")
        await wait_for(pilot, lambda: isinstance(app.screen, ChoiceDialog))
        await press(pilot, "enter")  # End session
        await wait_for(pilot, lambda: isinstance(app.screen, DrillScreen))
        assert load_draft(app.db, key).payload["text"] == "Half an answer!"
        # nothing typed: escape leaves at once
        await press(pilot, "d")
        await wait_for(pilot, lambda: isinstance(app.screen, SessionScreen))
        await wait_for(pilot, lambda: app.screen.plan is not None)
        await press(pilot, "ctrl+n", "escape")
        await wait_for(pilot, lambda: isinstance(app.screen, DrillScreen))


async def test_scoring_needs_every_criterion_and_escape_goes_back(db_path) -> None:
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        session = await start_due_session(pilot)
        if session.plan.follow_up:
            await press(pilot, "ctrl+s")
            await wait_for(pilot, lambda: session.step == FOLLOW_UP)
        await press(pilot, "ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, ScoreAnswer))
        assert not session.timer.running  # stopped while scoring
        await press(pilot, "2", "2", "ctrl+s")
        assert isinstance(app.screen, ScoreAnswer)  # the rest not scored: not saved
        left = 4 + len(app.screen.signals)
        assert f"{left} to score" in screen_text(app)
        await press(pilot, "escape")
        await wait_for(pilot, lambda: app.screen is session)
        assert session.step_timer.running
        assert fresh(db_path, drill.attempts) == []


async def test_typing_is_kept_as_a_draft_while_the_app_runs(db_path) -> None:
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        session = await start_due_session(pilot)
        session.keeper.delay = 0.01  # half a second after the last key in the app
        key = drill.answer_draft_key(session.current.id)
        session.answer.insert("Replicas")  # an edit, as a key would make it
        # a kill -9 now would leave this in the file: read it from another connection
        await wait_for(pilot, lambda: (fresh(db_path, load_draft, key) or None) is not None)
        assert fresh(db_path, load_draft, key).payload["text"] == "Replicas"


async def test_a_draft_is_offered_back_after_a_restart(db_path) -> None:
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=WIDE) as pilot:
        session = await start_due_session(pilot)
        question = session.current
        session.answer.insert("Measured it")
        await at_rest(pilot)  # the edit handled, as a key press would be
        session.timer.freeze(42)
    # the app is closed mid-answer (ctrl+q, or a killed terminal after the draft delay)
    draft = fresh(db_path, load_draft, drill.answer_draft_key(question.id))
    assert draft is not None and (draft.payload["text"], draft.payload["elapsed"]) == ("Measured it", 42)
    assert draft.payload.get("brief", "") == session.plan.brief  # the brief it answers, if any

    app = CtoApp(db_path=db_path)
    async with app.run_test(size=WIDE) as pilot:
        await open_drill(pilot)
        assert "Unfinished answer" in screen_text(app) and question.text[:40] in screen_text(app)
        assert f"from {moment(draft.updated_at)}:" in screen_text(app)  # its day too, if not today
        await press(pilot, "r")
        await wait_for(pilot, lambda: isinstance(app.screen, SessionScreen))
        session = app.screen
        await answering(pilot, session)
        assert session.current.id == question.id
        assert session.answer.text == "Measured it"
        assert session.timer.seconds >= 42  # the timer goes on from where it was
        session.answer.insert(", p99 -50%")  # at the cursor, where the draft left it
        session.timer.freeze(80)
        await score(pilot, *"111111")
    a = fresh(db_path, drill.attempts)[0]
    assert a.answer == "Measured it, p99 -50%" and a.total == 6
    assert fresh(db_path, load_draft, drill.answer_draft_key(question.id)) is None


async def test_the_follow_up_reply_is_kept_with_the_draft_and_comes_back_to_the_same_challenge(db_path) -> None:
    """Nothing typed is lost: a reply to the follow-up, typed when the app closes, is in the
    question's draft; the question opened again shows the same brief and challenge with it."""
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        session = await start_due_session(pilot)
        while not session.plan.follow_up:  # a question with a follow-up (most have one)
            await press(pilot, "ctrl+n")
            await answering(pilot, session)
        question, plan = session.current, session.plan
        session.answer.insert("Queue the writes")
        await press(pilot, "ctrl+s")
        await wait_for(pilot, lambda: session.step == FOLLOW_UP)
        session.follow_answer.insert("Then I would cut scope")
        await at_rest(pilot)  # the edit handled, as a key press would be
    draft = fresh(db_path, load_draft, drill.answer_draft_key(question.id))
    assert draft.payload["text"] == "Queue the writes"
    assert (draft.payload["follow_up_answer"], draft.payload["follow_up"]) == ("Then I would cut scope", plan.follow_up)

    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_drill(pilot)
        await press(pilot, "r")
        await wait_for(pilot, lambda: isinstance(app.screen, SessionScreen))
        session = app.screen
        await answering(pilot, session)
        assert session.current.id == question.id and session.answer.text == "Queue the writes"
        assert (session.plan.brief, session.plan.follow_up) == (plan.brief, plan.follow_up)
        await press(pilot, "ctrl+s")
        await wait_for(pilot, lambda: session.step == FOLLOW_UP)
        assert session.follow_answer.text == "Then I would cut scope"
        assert plan.follow_up in screen_text(app).replace("\n", " ") or plan.follow_up[:30] in screen_text(app)


def journal_entries(db_path) -> tuple[int, int]:
    db = open_db(db_path)
    checkout = add_achievement(
        db, title="Scaled checkout to ten times the traffic", occurred_on=date(2025, 6, 1), category="scale"
    ).id
    hiring = add_achievement(
        db, title="Ran the hiring loop for the platform team", occurred_on=date(2025, 7, 1), category="unblocking"
    ).id
    db.close()
    return checkout, hiring


def option_index(panel: StoriesPanel, option_id: str) -> int:
    return next(i for i in range(panel.option_count) if panel.get_option_at_index(i).id == option_id)


async def test_linking_a_story_from_the_suggestions(db_path) -> None:
    checkout, _ = journal_entries(db_path)
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        session = await start_due_session(pilot)
        panel = session.query_one(StoriesPanel)
        await wait_for(pilot, lambda: "Suggested" in screen_text(app) and "Scaled checkout" in screen_text(app))
        panel.focus()
        panel.highlighted = option_index(panel, f"suggest-{checkout}")
        await press(pilot, "enter")
        await wait_for(pilot, lambda: fresh(db_path, stories.stories_for, session.current.id) != [])
        assert [s.achievement_id for s in fresh(db_path, stories.stories_for, session.current.id)] == [checkout]
        await wait_for(pilot, lambda: "● Scaled checkout" in screen_text(app))
        # and unlink it again
        panel.highlighted = option_index(panel, f"linked-{checkout}")
        await press(pilot, "delete")
        await wait_for(pilot, lambda: fresh(db_path, stories.stories_for, session.current.id) == [])


async def test_linking_any_achievement_with_the_picker(db_path) -> None:
    _, hiring = journal_entries(db_path)
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        session = await start_due_session(pilot)
        await press(pilot, "ctrl+l")
        await wait_for(pilot, lambda: isinstance(app.screen, AchievementPicker) and app.screen.query("#pick-search"))
        app.screen.query_one("#pick-search", Input).value = "hiring"
        await wait_for(pilot, lambda: "1 match" in screen_text(app))
        await press(pilot, "enter")
        await wait_for(pilot, lambda: app.screen is session)
        await wait_for(pilot, lambda: fresh(db_path, stories.stories_for, session.current.id) != [])
        assert [s.achievement_id for s in fresh(db_path, stories.stories_for, session.current.id)] == [hiring]
        assert session.focused is session.answer or app.focused is session.answer


async def test_add_edit_and_retire_from_the_bank(db_path) -> None:
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        screen = await open_drill(pilot)
        await press(pilot, "down", "down", "down")  # "Build and keep a team"
        await press(pilot, "a")
        await wait_for(pilot, lambda: isinstance(app.screen, QuestionForm))
        await press(pilot, *"Onboarding?", "enter")
        await wait_for(pilot, lambda: app.screen is screen)
        added = fresh(db_path, drill.list_questions, "build-the-team")[-1]
        assert (added.text, added.source) == ("Onboarding?", "user")
        await wait_for(pilot, lambda: f"Added question {added.ref} to Build and keep a team" in notifications(app))
        # an empty question is refused inline, and the form stays open
        await press(pilot, "a")
        await wait_for(pilot, lambda: isinstance(app.screen, QuestionForm))
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, QuestionForm) and "the question is empty" in screen_text(app)
        await press(pilot, "escape")
        await wait_for(pilot, lambda: app.screen is screen)
        # the bank: the first row is the first playbook question; edit it, then retire it
        await press(pilot, "2")
        assert screen.query_one(TabbedContent).active == "bank"
        await press(pilot, "e")
        await wait_for(pilot, lambda: isinstance(app.screen, QuestionForm))
        await press(pilot, "ctrl+u", *"Ready for 10x?", "ctrl+s")
        await wait_for(pilot, lambda: app.screen is screen)
        q = fresh(db_path, drill.get_question, "ots-10x-traffic")
        assert q.text == "Ready for 10x?" and q.edited_at is not None
        await press(pilot, "x")
        await wait_for(pilot, lambda: fresh(db_path, drill.get_question, "ots-10x-traffic").retired)


async def test_a_past_answer_is_shown_next_to_its_question(db_path) -> None:
    db = open_db(db_path)
    q = drill.get_question(db, "btt-culture")
    signals = {c.id: 2 for c in criteria_for(q.category)}
    a = drill.record_attempt(
        db, q.id, "We write down every decision.", dict.fromkeys(RUBRIC, 1), 100, criteria_scores=signals
    )
    db.close()
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=WIDE) as pilot:
        await open_drill(pilot)
        await press(pilot, "3")
        assert "Readiness" in screen_text(app) and "Weak spots" in screen_text(app)
        await press(pilot, "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, AttemptView))
        await wait_for(pilot, lambda: "We write down every decision." in screen_text(app))
        text = screen_text(app)
        # the heading said "6/12 · Hard" with the signals' full marks out of sight (the rating weighs both)
        assert (
            "Describe the engineering culture" in text
            and f"6/12 · signals {2 * len(signals)}/{2 * len(signals)} · {a.rating.name}" in text
        )
        await press(pilot, "escape")
        await wait_for(pilot, lambda: isinstance(app.screen, DrillScreen))


async def test_a_tab_is_built_when_first_shown_from_the_last_read_and_then_kept_fresh(db_path) -> None:
    # a first visit composes the practise tab only (docs/performance.md); a tab built later is
    # filled from the read already made, and a built tab follows the reads after a write
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=WIDE) as pilot:
        screen = await open_drill(pilot)
        assert screen.tabs_built == {"practise"}
        assert not screen.query("#bank-table") and not screen.query("#history-table")
        reads = screen.loads_shown
        await press(pilot, "3")
        await wait_for(pilot, lambda: "Readiness" in screen_text(app) and "Recent attempts" in screen_text(app))
        assert screen.loads_shown == reads  # built from the last read, not a new one
        history = screen.query_one("#history-table")
        assert history.row_count == 0
        db = open_db(db_path)  # another window answers a question: the built table reads it
        q = drill.get_question(db, "btt-culture")
        drill.record_attempt(db, q.id, "Decisions are written down.", dict.fromkeys(RUBRIC, 1), 100)
        db.close()
        await wait_for(pilot, lambda: history.row_count == 1)
        when, category, score, *_ = history.get_row_at(0)
        assert re.fullmatch(r"\d{1,2} [A-Z][a-z]{2}( \d{4})? \d\d:\d\d", when), when  # "11 Mar 19:12"
        assert str(category) == "team" and score == "6/12"  # as the bank's Area column, not "build-the-team"
        await pilot.click("#tabs Tab#--content-tab-stories")  # a click on a label builds its tab too
        await wait_for(pilot, lambda: screen.query("#coverage-view") and "stories" in screen_text(app).lower())
        await press(pilot, "2", "3")
        assert screen.tabs_built == {"practise", "bank", "progress", "stories"}
        assert screen.query_one("#history-table") is history and len(screen.query("#bank-table")) == 1


@pytest.mark.parametrize(
    ("elapsed", "shown", "overtime"),
    [(0, "2:00", False), (61.2, "0:59", False), (120, "0:00", False), (132.9, "+0:12", True)],
)
async def test_the_timer_counts_down_then_into_overtime(elapsed, shown, overtime) -> None:
    from textual.app import App

    now = [1000.0]

    class TimerApp(App):
        def compose(self):
            yield PracticeTimer(120, clock=lambda: now[0], id="t")

    app = TimerApp()
    async with app.run_test() as pilot:
        timer = app.query_one(PracticeTimer)
        timer.start()
        now[0] += elapsed
        timer.tick()
        await at_rest(pilot)
        assert timer.query_one("Digits").value == shown
        assert timer.has_class("-overtime") is overtime and timer.overtime is overtime
        timer.pause()
        now[0] += 500  # paused: time passes, the timer does not move
        timer.tick()
        assert timer.query_one("Digits").value == shown


async def test_linking_from_the_journal_detail(db_path) -> None:
    from ctotui.ui.dialogs.pick_question import QuestionPicker
    from ctotui.ui.journal.screen import JournalScreen

    _, hiring = journal_entries(db_path)
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=WIDE) as pilot:
        await db_ready(pilot)
        await press(pilot, "j")
        await wait_for(pilot, lambda: isinstance(app.screen, JournalScreen))
        await wait_for(pilot, lambda: "Not a story in the drill yet" in screen_text(app))  # the newest: hiring
        await press(pilot, "l")
        await wait_for(pilot, lambda: isinstance(app.screen, QuestionPicker) and app.screen.query("#pick-q-search"))
        app.screen.query_one("#pick-q-search", Input).value = "first ten"
        await press(pilot, "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, JournalScreen))
        question = fresh(db_path, drill.get_question, "btt-first-ten")
        assert [s.achievement_id for s in fresh(db_path, stories.stories_for, question.id)] == [hiring]
        await wait_for(pilot, lambda: "Story for 1 interview question" in screen_text(app))


async def open_settings(pilot) -> DrillSettingsForm:
    """The drill, then o: its settings."""
    await open_drill(pilot)
    await press(pilot, "o")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, DrillSettingsForm))
    return pilot.app.screen


async def test_a_number_typed_in_the_settings_replaces_the_one_there(db_path) -> None:
    """Tab to "questions per session" and type 8: 8, not 58 refused as out of range."""
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        size = (await open_settings(pilot)).query_one("#size", Input)
        await wait_for(pilot, lambda: size.has_focus)
        await press(pilot, "8", "ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, DrillScreen))
        assert drill_settings.drill_settings(app.db).session_size == 8


async def test_a_timer_typed_with_a_point_is_refused_as_typed_and_the_notice_says_what_was_saved(db_path) -> None:
    """ "15.5" typed in a timer was saved as 155 (the integer field dropped the "." as it was typed),
    and the notice said only "Saved: 5 questions per session". Typing is what is tested here."""
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        form = await open_settings(pilot)
        timer = form.query_one("#timer-own-the-stack", Input)
        timer.focus()
        await wait_for(pilot, lambda: timer.has_focus)
        await press(pilot, *"15.5")
        await wait_for(pilot, lambda: timer.value == "15.5")
        await press(pilot, "ctrl+s")
        await wait_for(pilot, lambda: form.query_one("#form-error").display)
        assert "must be a whole number, not '15.5'" in str(form.query_one("#form-error", Static).render())
        assert drill_settings.drill_settings(app.db).timer_seconds["own-the-stack"] == 120
        timer.value = "90"
        await press(pilot, "ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, DrillScreen) and app.notices)
        assert app.notices[-1].message == "Saved: 5 questions a session · timers 1:30 · 2:00 · 2:00 · follow-up 1:00"
        assert drill_settings.drill_settings(app.db).timer_seconds["own-the-stack"] == 90


async def test_the_settings_save_and_a_refusal_out_of_view_is_a_notice_too(db_path) -> None:
    """At 80×24 the settings are taller than the terminal and their error line under the fold:
    ctrl+s with 25 questions a session seemed to do nothing."""
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        form = await open_settings(pilot)
        form.query_one("#size", Input).value = "25"
        await press(pilot, "ctrl+s")
        await wait_for(pilot, lambda: app.notices and "1 to 20, not 25" in app.notices[-1].message)
        assert app.notices[-1].title == "Not saved" and app.screen is form
        assert drill_settings.drill_settings(app.db).session_size == 5
        form.query_one("#size", Input).value = "7"
        await press(pilot, "ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, DrillScreen))
        assert drill_settings.drill_settings(app.db).session_size == 7
        # a short form's error is in view: said there only
        seen = len(app.notices)
        await press(pilot, "a")
        await wait_for(pilot, lambda: isinstance(app.screen, QuestionForm))
        app.screen.query_one("#text", Input).value = "How would you plan a migration?"
        await press(pilot, "ctrl+s")
        await wait_for(pilot, lambda: app.screen.query_one("#form-error").display)
        await at_rest(pilot)
        assert len(app.notices) == seen


async def test_the_bank_and_the_practise_tab_agree_on_what_is_due(demo_db) -> None:
    """The bank said "Mar 15" for a question due at 19:16 that day, beside Practise's "0 due": a
    question due later today is due now (its day has come), and the rows due now are the ones counted."""
    app = CtoApp(db_path=demo_db)
    async with app.run_test(size=WIDE) as pilot:
        screen = await open_drill(pilot)
        await press(pilot, "2")
        table = screen.query_one("#bank-table", DataTable)
        await wait_for(pilot, lambda: table.row_count > 0)
        nexts = [str(table.get_row_at(i)[2]) for i in range(table.row_count)]
        assert all(re.fullmatch(r"due now|new|retired|\d{1,2} [A-Z][a-z]{2}|[A-Z][a-z]{2} '\d\d", n) for n in nexts)
        assert "due now" in nexts  # the demo has questions due later on its day (10:00): due now
        choices = str(screen.query_one("#choices").get_option_at_index(0).prompt)
        assert f"Due now · {nexts.count('due now')} due" in choices, choices


async def test_new_attempts_come_into_view_at_the_top_of_the_recent_attempts(demo_db) -> None:
    """The cursor was put back on the row it was on: two attempts made meanwhile sat above it, out of
    view, as if they were never saved. New rows now take the cursor to the top, the newest."""
    app = CtoApp(db_path=demo_db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_drill(pilot)
        await press(pilot, "3")
        history = screen.query_one("#history-table", DataTable)
        await wait_for(pilot, lambda: history.row_count > 5)
        before = history.row_count
        history.move_cursor(row=3)
        db = open_db(demo_db)  # two sessions, as another window would save them
        for q in drill.list_questions(db)[:2]:
            newest = drill.record_attempt(db, q.id, "The numbers first.", dict.fromkeys(RUBRIC, 1), 100)
        db.close()
        await wait_for(pilot, lambda: history.row_count == min(before + 2, 100))
        await at_rest(pilot)
        assert history.cursor_row == 0 and history.scroll_y == 0
        assert history.coordinate_to_cell_key(history.cursor_coordinate).row_key.value == str(newest.id)


async def test_the_schedule_is_told_in_plain_words_not_as_fsrs(demo_db) -> None:
    """ "What fsrs says you are about to forget" and "fsrs recall" meant nothing to a user."""
    app = CtoApp(db_path=demo_db)
    async with app.run_test(size=WIDE) as pilot:
        await open_drill(pilot)
        practise = screen_text(app)
        await press(pilot, "3")
        await wait_for(pilot, lambda: "Readiness =" in screen_text(app))
        progress = screen_text(app)
        assert "likely to forget soon" in practise and "the chance you recall them now" in progress
        assert "fsrs" not in (practise + progress).lower()


async def test_home_and_end_go_to_the_first_and_the_last_question(db_path) -> None:
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_drill(pilot)
        await press(pilot, "2")
        bank = screen.query_one("#bank-table", DataTable)
        await wait_for(pilot, lambda: bank.row_count > 10 and app.focused is bank)
        await press(pilot, "end")
        assert bank.cursor_row == bank.row_count - 1
        await press(pilot, "home")
        assert bank.cursor_row == 0


@pytest.mark.parametrize("size", [SIZE, WIDE])
async def test_the_footer_offers_the_mock_and_the_partner_whole_at_80_and_120_columns(db_path, size) -> None:
    """m and b were help-only: a user at the Practise tab never saw them."""
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=size) as pilot:
        await open_drill(pilot)
        footer = screen_text(app).splitlines()[-1]
        assert "m Mock" in footer and "b Partner" in footer and "…" not in footer, footer
        assert footer.rstrip().endswith("^p palette") and " q " in footer, footer  # nothing cut to make room


async def test_the_way_out_and_help_stay_on_a_sessions_footer_at_80_columns(db_path) -> None:
    """While answering, the line was cut at its end: "^o Partn…" and no "esc End session" nor "f1 Help"."""
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        await start_due_session(pilot)
        footer = screen_text(app).splitlines()[-1].rstrip()
        assert " ".join(footer.split()).endswith("… esc End session f1 ^p palette"), footer


async def recent_attempts(pilot) -> tuple[DrillScreen, DataTable]:
    """The drill's Recent attempts table (tab 3), its rows read, scrolled to the top."""
    screen = await open_drill(pilot)
    await press(pilot, "3")
    history = screen.query_one("#history-table", DataTable)
    await wait_for(pilot, lambda: history.row_count > 5)
    history.scroll_visible(animate=False, top=True)
    await at_rest(pilot)
    return screen, history


async def test_a_long_question_in_the_recent_attempts_ends_in_an_ellipsis_at_80_columns(demo_db) -> None:
    """At 80×24 the table cut the question at its edge mid-word ("Sales promised a custome")."""
    app = CtoApp(db_path=demo_db)
    async with app.run_test(size=SIZE) as pilot:
        screen, history = await recent_attempts(pilot)
        text = screen_text(app)
        cut = 0
        for attempt in fresh(demo_db, drill.attempts, limit=5):
            shown = str(history.get_row(str(attempt.id))[-1])
            if shown != attempt.question_text:
                cut += 1
                assert shown.endswith("…") and attempt.question_text.startswith(shown[:-1]), shown
            assert f" {shown}" in text, shown  # all of it on screen: nothing clipped after it
        assert cut  # the demo's questions are longer than the room at 80 columns


async def test_the_recent_attempts_and_the_banks_last_score_give_the_signals_too_at_80_columns(demo_db) -> None:
    """Both showed the rubric alone ("12/12 … Good"): a perfect rubric rated Good looked wrong, the
    signals (9/10) that made it Good out of sight. Both now say "12/12 · 9/10", whole at 80x24."""
    db = open_db(demo_db)
    q = drill.get_question(db, "btt-culture")
    signals = dict.fromkeys(criteria_ids(q.category), 2) | {criteria_ids(q.category)[0]: 1}
    saved = drill.record_attempt(db, q.id, "Written decisions.", dict.fromkeys(RUBRIC, 2), 90, criteria_scores=signals)
    db.close()
    assert (
        saved.short_score_text == f"12/12 · {2 * len(signals) - 1}/{2 * len(signals)}" and saved.rating.name == "Good"
    )
    app = CtoApp(db_path=demo_db)
    async with app.run_test(size=SIZE) as pilot:
        screen, history = await recent_attempts(pilot)
        for a in fresh(demo_db, drill.attempts, limit=3):
            when, _area, score, _time, rating, _question = history.get_row(str(a.id))
            assert score == a.short_score_text  # "8/12" when no signals were scored
        assert history.get_row(str(saved.id))[2] == saved.short_score_text
        row = next(line for line in screen_text(app).splitlines() if " Written" in line or " Describe" in line)
        assert f" {saved.short_score_text} " in row and " Good " in row, row  # whole, beside its rating
        await press(pilot, "2")
        bank = screen.query_one("#bank-table", DataTable)
        await wait_for(pilot, lambda: bank.row_count > 10)
        last = BANK_NARROW.index("Last")
        assert str(bank.get_row(str(q.id))[last]) == saved.short_score_text
        latest = {a.question_id: a for a in reversed(fresh(demo_db, drill.attempts, limit=500))}
        for key in bank.rows:
            a = latest.get(int(key.value))
            assert str(bank.get_row(key)[last]) == (a.short_score_text if a else "-"), key.value
        bank.move_cursor(row=bank.get_row_index(str(q.id)), animate=False)

        def bank_row() -> str:
            return next((ln for ln in screen_text(app).splitlines() if " team " in ln and q.text[:20] in ln), "")

        await wait_for(pilot, lambda: bank_row() != "")
        row = bank_row()
        assert f" {saved.short_score_text} " in row, row  # whole on screen, not cut to "12/12 · 9…"


async def test_the_notice_of_a_saved_answer_gives_the_rubric_and_the_signals_apart(db_path) -> None:
    """The notice read "12/12 · Hard: the bones are there · back in 5 weeks" while the reveal and
    the recent attempts said 12/12 and 5/10: the signals were left out of it."""
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=WIDE) as pilot:
        session = await start_due_session(pilot)
        signals = len(criteria_ids(session.current.category))
        session.answer.insert("Measure the peak first.")
        await score(pilot, *"222222", signals="1" * signals)
        a = fresh(db_path, drill.attempts)[0]
        assert a.total == 12 and a.criteria_total == signals < a.criteria_max
        said = next(n.message for n in app.notices if n.message.startswith("12/12"))
        assert said.startswith(f"12/12 · signals {signals}/{a.criteria_max} · "), said
        assert said.startswith(a.score_text + " · ")  # as the reveal says it


async def test_a_session_with_every_question_retired_says_so(db_path) -> None:
    """Every question retired, d said "Nothing is due: every question is scheduled for later", which
    was false, and a category's session opened on an empty summary at once."""
    db = open_db(db_path)
    for q in drill.list_questions(db):
        drill.retire_question(db, q.id)
    db.close()
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        screen = await open_drill(pilot)
        await wait_for(pilot, lambda: "No question to ask: every one is retired" in screen_text(app))
        assert "This session would ask" not in screen_text(app)
        await press(pilot, "d")
        await wait_for(
            pilot, lambda: app.notices and "No question to ask: every one is retired" in app.notices[-1].message
        )
        choices = screen.query_one("#choices", OptionList)
        choices.highlighted = 1  # the first category
        await press(pilot, "enter")
        await wait_for(pilot, lambda: app.notices[-1].message.startswith("No question to ask in "))
        assert app.screen is screen
