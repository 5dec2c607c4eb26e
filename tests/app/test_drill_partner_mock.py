"""A partner's score and the mock interview as people use them: each score hidden from the other
until both are in (on the screens and in the database), then side by side; a whole mock interview
with a frozen clock, its overall clock, its report on screen and as a golden file.

The report golden file changes with the interview bank; regenerate it with

    CTOTUI_UPDATE_GOLDEN=1 .venv/bin/pytest -n 0 tests/app/test_drill_partner_mock.py

then read `git diff tests/data/mock_report_app_golden.md` before committing it.
"""

from __future__ import annotations

import io
import os
import re
from pathlib import Path

from drill_helpers import answering, fresh, open_drill
from pilot_tools import at_rest, click, db_ready, press, screen_text, settle, text_showing, wait_for
from rich.console import Console
from rich.style import Style
from test_faults import locker
from textual.widgets import Static

from ctotui.core.drill import bank as drill
from ctotui.core.drill.mock import finish_mock, get_mock, last_mock, start_mock
from ctotui.core.drill.mock_report import markdown, report
from ctotui.core.drill.partner import partner_score
from ctotui.core.terms import RUBRIC
from ctotui.ui.app import CtoApp
from ctotui.ui.dialogs.choice import ChoiceDialog
from ctotui.ui.drill.mock import MockSessionScreen, report_view
from ctotui.ui.drill.partner import HANDOVER, PartnerScoreAnswer
from ctotui.ui.drill.score import ScoreAnswer
from ctotui.ui.drill.screen import DrillScreen
from ctotui.ui.drill.session import FOLLOW_UP, REVEAL, SCORING, SessionScreen

SIZE = (80, 24)
WIDE = (120, 40)  # for the tests that read what only fits on a wider screen
GOLDEN = Path(__file__).parent.parent / "data" / "mock_report_app_golden.md"
NOW = "2026-03-15T10:00:00+00:00"


def counts(db_path) -> tuple[int, int]:
    """(attempts, partner scores) as another process sees them."""

    def read(db) -> tuple[int, int]:
        return (
            db.execute("select count(*) from attempts").fetchone()[0],
            db.execute("select count(*) from partner_scores").fetchone()[0],
        )

    return fresh(db_path, read)


async def to_scoring(pilot, session: SessionScreen, *, follow_up_seconds: int = 30) -> None:
    """ctrl+s through the follow-up (if any) to the scoring."""
    if session.plan is not None and session.plan.follow_up:
        await press(pilot, "ctrl+s")
        await wait_for(pilot, lambda: session.step == FOLLOW_UP)
        session.follow_answer.insert("Then I would cut scope.")
        session.follow_timer.freeze(follow_up_seconds)
    await press(pilot, "ctrl+s")


async def fill(pilot, dialog: ScoreAnswer, general: str, signals: str) -> None:
    await press(pilot, *general, *signals)
    assert set(dialog.scores().values()) <= {0, 1, 2} and len(dialog.scores()) == len(dialog.ids)
    await press(pilot, "ctrl+s")


async def answering_with_a_partner(pilot) -> SessionScreen:
    """A due session with partner scores on (b, then d), its first answer's countdown running."""
    await open_drill(pilot)
    await press(pilot, "b", "d")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, SessionScreen))
    session = pilot.app.screen
    await answering(pilot, session)
    return session


async def test_a_partner_scores_first_each_score_hidden_from_the_other_until_both_are_in(db_path) -> None:
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=WIDE) as pilot:
        drill_screen = await open_drill(pilot)
        await press(pilot, "b")  # partner scores on, for the sessions started from here
        assert drill_screen.partner and "partner scores: on (b)" in screen_text(app)
        await press(pilot, "d")
        await wait_for(pilot, lambda: isinstance(app.screen, SessionScreen))
        session = app.screen
        assert session.partner
        await answering(pilot, session)
        q = session.current
        session.answer.insert("Measure the peak first, then shard the hot tables.")
        session.timer.freeze(95)
        await to_scoring(pilot, session)

        # the handover, then the partner's rubric with the answer on it
        await wait_for(pilot, lambda: isinstance(app.screen, ChoiceDialog))
        await text_showing(pilot, HANDOVER)
        await press(pilot, "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, PartnerScoreAnswer))
        partner = app.screen
        await settle(pilot)
        text = screen_text(app)
        assert "Partner: score this answer" in text and "Measure the peak first" in text
        assert session.step == SCORING and counts(db_path) == (0, 0)  # no self-score exists yet
        await fill(pilot, partner, "111111", "0" * len(partner.signals))

        # the candidate's rubric: nothing of the partner's on it, nothing in the database
        await wait_for(pilot, lambda: isinstance(app.screen, ScoreAnswer) and app.screen is not partner)
        own = app.screen
        assert not isinstance(own, PartnerScoreAnswer)
        await settle(pilot)
        text = screen_text(app)
        assert "Score your answer" in text and "Partner" not in text.split("Score your answer", 1)[1]
        assert "Total 0/12" in text and "Total 6/12" not in text  # the partner's total is not shown
        assert session.partner_scored is not None  # held in memory only
        assert counts(db_path) == (0, 0)
        await fill(pilot, own, "222222", "2" * len(own.signals))

        # both in: saved together, and the reveal shows them side by side
        await wait_for(pilot, lambda: session.step == REVEAL)
        assert counts(db_path) == (1, 1)
        attempt = fresh(db_path, drill.attempts)[0]
        assert attempt.question_id == q.id and attempt.total == 12
        saved = fresh(db_path, partner_score, attempt.id)
        assert saved is not None and saved.scores.as_dict() == dict.fromkeys(RUBRIC, 1)
        assert set(dict(saved.criteria).values()) == {0}
        await settle(pilot)
        text = screen_text(app)
        assert "You and your partner" in text
        # the rubric and the signals apart, as the self-score is said (once: a bare "22" against "0/22")
        signals = attempt.criteria_max
        assert re.search(r"\bRubric +12/12 +6/12 ", text), text
        assert re.search(rf"\bSignals +{signals}/{signals} +0/{signals} ", text), text
        reveal = " ".join(line.split("││", 1)[1].strip(" │") for line in text.splitlines() if "││" in line)
        reveal = " ".join(reveal.split())  # the right-hand panel's words, its wrapped lines joined
        assert "Rubric: you scored yourself 6 higher than your partner did." in reveal, reveal
        assert f"Signals: you scored yourself {signals} higher than your partner did." in reveal, reveal
        assert "/22" not in text and "Total" not in text.split("You and your partner", 1)[1].split("Rubric:")[0]

        # ctrl+o: no partner for the next answer only
        await press(pilot, "enter")
        await answering(pilot, session)
        await press(pilot, "ctrl+o")
        assert not session.partner_now and session.partner
        session.timer.freeze(40)
        await to_scoring(pilot, session)
        await wait_for(pilot, lambda: isinstance(app.screen, ScoreAnswer))
        assert not isinstance(app.screen, PartnerScoreAnswer)
        await fill(pilot, app.screen, "111111", "1" * len(app.screen.signals))
        await wait_for(pilot, lambda: session.step != SCORING)
        assert counts(db_path) == (2, 1)
        if session.step == REVEAL:
            await press(pilot, "enter")
        await answering(pilot, session)
        assert session.partner_now  # the session's choice is back for the next answer

        # the Progress tab: you against your partner, per criterion
        await press(pilot, "escape")
        await wait_for(pilot, lambda: app.screen is drill_screen)
        await press(pilot, "3")
        await wait_for(pilot, lambda: drill_screen.query_one("#partner-view").region.height > 2)
        view = drill_screen.query_one("#partner-view")

        def in_view() -> bool:  # scrolled to once it is laid out
            view.scroll_visible(animate=False, top=True)
            return "You against your partner" in screen_text(app)

        await wait_for(pilot, in_view)
        text = screen_text(app)
        trade = next(line for line in text.splitlines() if line.strip().startswith("Trade-offs "))
        assert trade.split()[1:] == ["2.0", "1.0", "+1.0", "over", "1"]


async def test_a_save_that_fails_keeps_both_scores_for_the_next_try(db_path, monkeypatch) -> None:
    """A locked database at ctrl+s: the rubric came back blank for the retry (the answer was kept, the
    scores were not). Now the self-score comes back ticked, and the partner is not asked again."""
    monkeypatch.setenv("CTOTUI_BUSY_TIMEOUT_MS", "50")
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        session = await answering_with_a_partner(pilot)
        session.answer.text = "Shard by tenant."
        session.timer.freeze(60)
        await to_scoring(pilot, session)
        await wait_for(pilot, lambda: isinstance(app.screen, ChoiceDialog))
        await press(pilot, "enter")  # the partner is ready
        await wait_for(pilot, lambda: isinstance(app.screen, PartnerScoreAnswer))
        await fill(pilot, app.screen, "111111", "0" * len(app.screen.signals))
        await wait_for(pilot, lambda: type(app.screen) is ScoreAnswer)
        own = app.screen
        lock, unlock = locker(app)
        lock()
        await press(pilot, *"221100", *"1" * len(own.signals))
        given = own.scores()
        await press(pilot, "ctrl+s")
        await wait_for(pilot, lambda: app.screen is session)
        assert "not saved" in screen_text(app) and counts(db_path) == (0, 0)
        unlock()
        await press(pilot, "ctrl+s")  # the partner's scores are held: straight to the self-score
        await wait_for(pilot, lambda: isinstance(app.screen, ScoreAnswer))
        again = app.screen
        assert not isinstance(again, PartnerScoreAnswer)
        await settle(pilot)
        assert again.scores() == given and f"Total 6/12 · signals {len(own.signals)}/" in screen_text(app)
        await press(pilot, "ctrl+s")
        await wait_for(pilot, lambda: counts(db_path) == (1, 1))
        attempt = fresh(db_path, drill.attempts)[0]
        assert attempt.total == 6 and set(attempt.criteria_scores.values()) == {1}
        assert fresh(db_path, partner_score, attempt.id).total == 6 + 0


async def test_the_partners_rubric_opens_at_its_top_with_the_question_and_the_answer(db_path) -> None:
    """At 80×24 it opened scrolled to its first criterion: the question and the answer being scored
    were above, out of sight, until page up."""
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        session = await answering_with_a_partner(pilot)
        session.answer.text = "Measure the peak first."
        await to_scoring(pilot, session)
        await wait_for(pilot, lambda: isinstance(app.screen, ChoiceDialog))
        await press(pilot, "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, PartnerScoreAnswer))
        partner = app.screen
        await settle(pilot)
        await at_rest(pilot)
        text = screen_text(app)
        assert partner.query_one("#rubric").scroll_y == 0
        assert session.current.text.split()[0] in text and "The answer" in text and "Measure the peak first." in text
        assert partner.focused is partner.query_one("RadioSet")  # keys 0 1 2 score the first criterion


async def test_the_partner_can_be_skipped_at_the_handover(db_path) -> None:
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        session = await answering_with_a_partner(pilot)
        session.timer.freeze(20)
        await to_scoring(pilot, session)
        await wait_for(pilot, lambda: isinstance(app.screen, ChoiceDialog))
        await press(pilot, "escape")  # no partner for this one
        await wait_for(pilot, lambda: isinstance(app.screen, ScoreAnswer))
        assert not isinstance(app.screen, PartnerScoreAnswer)
        await fill(pilot, app.screen, "111111", "1" * len(app.screen.signals))
        await wait_for(pilot, lambda: session.step != SCORING)
        assert counts(db_path) == (1, 0)


async def test_a_mock_interview_end_to_end_with_a_frozen_clock(db_path, monkeypatch) -> None:
    monkeypatch.setenv("CTOTUI_NOW", NOW)
    monkeypatch.setenv("TZ", "UTC")
    app = CtoApp(db_path=db_path, mock=30)  # `ctotui drill --mock 30`
    async with app.run_test(size=WIDE) as pilot:
        await db_ready(pilot)
        await wait_for(pilot, lambda: isinstance(app.screen, MockSessionScreen), timeout=15)
        session = app.screen
        mock = fresh(db_path, last_mock)
        assert mock.minutes == 30 and [q.id for q in session.questions] == [i.question_id for i in mock.items]
        categories = [q.category for q in session.questions]
        assert session.questions[0].ref in ("ntl-why-cto", "ntl-why-us")  # the warm-up first
        assert session.questions[-1].ref == "ntl-your-questions"  # their questions last
        middle = categories[1:-1]
        assert middle == sorted(middle, key=["own-the-stack", "build-the-team", "non-technical-leaders"].index)

        for n, (general, answer_seconds) in enumerate((("222222", 100), ("221100", 130), ("111110", 90))):
            await wait_for(pilot, lambda i=n: session.index == i)
            clock = str(session.query_one("#mock-clock", Static).render())
            assert f"question {n + 1} of {len(session.questions)}" in clock, clock  # the first read "question 0"
            await answering(pilot, session)
            session.answer.insert(f"Answer {n + 1}: the numbers first.")
            session.timer.freeze(answer_seconds)
            await to_scoring(pilot, session, follow_up_seconds=40)
            await wait_for(pilot, lambda: isinstance(app.screen, ScoreAnswer))
            await fill(pilot, app.screen, general, "1" * len(app.screen.signals))
            await wait_for(pilot, lambda i=n: session.index == i + 1)  # no reveal in an interview
            assert session.step != REVEAL
        used = fresh(db_path, get_mock, mock.id).seconds_used
        assert used == sum(
            s + (40 if q.source_id else 0) for s, q in zip((100, 130, 90), session.questions[:3], strict=True)
        )
        await answering(pilot, session)
        session.timer.freeze(25)
        now_at = used + 25
        await wait_for(pilot, lambda: f"Mock interview {now_at // 60}:{now_at % 60:02d} of 30:00" in screen_text(app))
        assert f"question 4 of {len(session.questions)}" in screen_text(app)
        await press(pilot, "ctrl+n")  # skipped after 25 s
        while not session.done:
            await wait_for(pilot, lambda: session.plan is not None or session.done)
            if not session.done:
                session.timer.freeze(0)  # skipped at once, however long the machine takes to show it
                await press(pilot, "ctrl+n")
        await wait_for(pilot, lambda: session.report is not None)
        await settle(pilot)
        text = screen_text(app)
        assert "Mock interview, 30 minutes: done" in text and "3 of 8 questions answered" in text
        assert "Answer 1: the numbers first." in text and "↳ " in text and " skipped  0:25" in text
        summary = session.query_one("#summary")

        def at_the_end() -> bool:  # the totals and the weakest, below: scroll there once it is laid out
            summary.scroll_end(animate=False)
            return "Weakest: " in screen_text(app)

        await wait_for(pilot, at_the_end)
        assert "Practice that helps: " in screen_text(app)
        done = fresh(db_path, get_mock, mock.id)
        assert done.finished and [i.answered for i in done.items[:4]] == [True, True, True, False]
        assert done.items[3].seconds_used == 25
        made = fresh(db_path, lambda db: markdown(report(db, mock.id)))
        if os.environ.get("CTOTUI_UPDATE_GOLDEN"):
            GOLDEN.write_text(made, encoding="utf-8", newline="\n")
        assert made == GOLDEN.read_text(encoding="utf-8"), "regenerate: see this module's docstring"
        await press(pilot, "escape")
        await wait_for(pilot, lambda: isinstance(app.screen, DrillScreen))


async def test_escape_in_a_mock_with_an_answer_saved_asks_then_m_goes_on_with_it_or_ends_it(db_path) -> None:
    """Escape on the second question's brief ended the mock at once, with no report, and m offered
    only a new one. Now it asks; left for later, m goes on with it where it was; ended, the report."""
    app = CtoApp(db_path=db_path, mock=30)
    async with app.run_test(size=SIZE) as pilot:
        await db_ready(pilot)
        await wait_for(pilot, lambda: isinstance(app.screen, MockSessionScreen), timeout=15)
        session = app.screen
        await answering(pilot, session)
        session.timer.freeze(70)
        await to_scoring(pilot, session, follow_up_seconds=20)
        await wait_for(pilot, lambda: isinstance(app.screen, ScoreAnswer))
        await fill(pilot, app.screen, "111111", "1" * len(app.screen.signals))
        await wait_for(pilot, lambda: session.index == 1 and session.plan is not None)
        used = fresh(db_path, last_mock).seconds_used
        assert used == 70 + (20 if session.questions[0].source_id else 0)

        await press(pilot, "escape")  # on the brief (or the countdown) of question 2: nothing typed
        await wait_for(pilot, lambda: isinstance(app.screen, ChoiceDialog))
        await text_showing(pilot, "End the mock interview now?")
        await press(pilot, "escape")  # keep going
        await wait_for(pilot, lambda: app.screen is session)
        await press(pilot, "escape")
        await wait_for(pilot, lambda: isinstance(app.screen, ChoiceDialog))
        await click(pilot, "#choice-later")
        await wait_for(pilot, lambda: isinstance(app.screen, DrillScreen))
        assert not fresh(db_path, last_mock).finished

        await press(pilot, "m")  # the mock left: go on with it
        await wait_for(pilot, lambda: isinstance(app.screen, ChoiceDialog))
        assert "1 of 8 questions answered" in app.screen.question
        await click(pilot, "#choice-resume")
        await wait_for(pilot, lambda: isinstance(app.screen, MockSessionScreen) and app.screen is not session)
        again = app.screen
        await wait_for(pilot, lambda: again.plan is not None)
        assert again.index == 1 and again.elapsed == used
        assert f"Mock interview {used // 60}:{used % 60:02d} of 30:00 · question 2 of 8" in screen_text(app)

        await press(pilot, "escape")  # ended now: the report
        await wait_for(pilot, lambda: isinstance(app.screen, ChoiceDialog))
        await click(pilot, "#choice-report")
        await wait_for(pilot, lambda: again.report is not None)
        await settle(pilot)
        assert "1 of 8 questions answered" in screen_text(app)
        assert fresh(db_path, last_mock).finished
        await press(pilot, "escape")
        await wait_for(pilot, lambda: isinstance(app.screen, DrillScreen))
        await press(pilot, "m")  # nothing left open: the lengths at once
        await wait_for(pilot, lambda: isinstance(app.screen, ChoiceDialog))
        assert "#choice-30" in [f"#{b.id}" for b in app.screen.query("Button")]


async def test_the_palette_and_m_start_a_mock_of_the_length_chosen(db_path) -> None:
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        drill_screen = await open_drill(pilot)
        assert ("Mock interview (30/45 min)", "mock") in [(name, action) for name, _, action in drill_screen.PALETTE]
        await press(pilot, "m")
        await wait_for(pilot, lambda: isinstance(app.screen, ChoiceDialog))
        await press(pilot, "escape")  # not now
        await wait_for(pilot, lambda: app.screen is drill_screen)
        assert fresh(db_path, lambda db: db.execute("select count(*) from mocks").fetchone()[0]) == 0
        await press(pilot, "m")
        await wait_for(pilot, lambda: isinstance(app.screen, ChoiceDialog))
        await click(pilot, "#choice-45")
        await wait_for(pilot, lambda: isinstance(app.screen, MockSessionScreen))
        assert fresh(db_path, last_mock).minutes == 45
        # drawn once the session screen has painted, on the wall clock (a loaded machine may show 0:01)
        await wait_for(pilot, lambda: re.search(r"Mock interview 0:0\d of 45:00", screen_text(app)) is not None)


def test_a_report_with_nothing_scored_says_so_instead_of_an_empty_table(db) -> None:
    """Every question skipped: the report showed the headings "Criterion  Mean (0-2)" over nothing."""
    mock = start_mock(db, 30, seed=1)
    finish_mock(db, mock.id)
    console = Console(width=100, record=True, file=io.StringIO())
    console.print(report_view(lambda _name: Style(), report(db, mock.id)))
    text = console.export_text()
    assert "Mean (0-2)" not in text and "No answer was scored" in text


async def test_a_mock_clock_counts_an_answer_once_while_the_partners_comparison_is_on_view(db_path) -> None:
    """With a partner, a mock shows the two scores side by side after each answer. While they were on
    view the header counted the answer twice (0:29 for 11 s + 9 s: the 9 s saved, then the 9 s of the
    stopped countdown again), and ending the mock then showed 0:20: the clock ran backwards."""
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=WIDE) as pilot:
        await open_drill(pilot)
        await press(pilot, "b", "m")  # partner scores on, then a mock interview
        await wait_for(pilot, lambda: isinstance(app.screen, ChoiceDialog))
        await click(pilot, "#choice-30")
        await wait_for(pilot, lambda: isinstance(app.screen, MockSessionScreen), timeout=15)
        session = app.screen
        assert session.partner
        await answering(pilot, session)
        session.answer.insert("Why this company: the product and the team.")
        session.timer.freeze(9)
        await to_scoring(pilot, session, follow_up_seconds=4)
        used = 9 + (4 if session.followed else 0)

        def clock() -> str:
            return str(session.query_one("#mock-clock", Static).render())

        await wait_for(pilot, lambda: isinstance(app.screen, ChoiceDialog))  # the handover
        await press(pilot, "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, PartnerScoreAnswer))
        await fill(pilot, app.screen, "111111", "1" * len(app.screen.signals))
        await wait_for(
            pilot, lambda: isinstance(app.screen, ScoreAnswer) and not isinstance(app.screen, PartnerScoreAnswer)
        )
        await fill(pilot, app.screen, "222222", "1" * len(app.screen.signals))
        await wait_for(pilot, lambda: session.step == REVEAL)  # the comparison of the two scores
        assert fresh(db_path, last_mock).seconds_used == used
        assert f"Mock interview 0:{used:02d} of 30:00 · question 1 of 8" in clock(), clock()

        await press(pilot, "escape")  # ended now: the report, the clock where it was
        await wait_for(pilot, lambda: isinstance(app.screen, ChoiceDialog))
        await click(pilot, "#choice-report")
        await wait_for(pilot, lambda: session.report is not None)
        assert f"Mock interview 0:{used:02d} of 30:00 · done" in clock(), clock()
        assert fresh(db_path, last_mock).seconds_used == used
