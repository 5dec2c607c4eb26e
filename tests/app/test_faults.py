"""Fault injection in the app: a save hits a locked, full or read-only database.

No root needed: a second connection holding ``BEGIN IMMEDIATE`` locks the
file (the app's busy timeout is cut to 50 ms through $CTOTUI_BUSY_TIMEOUT_MS),
``PRAGMA max_page_count`` on the app's connection fills the "disk", and
``PRAGMA query_only`` makes its connection read-only (a read-only file gives
SQLite's same SQLITE_READONLY: tests/unit/test_faults.py opens one with
mode=ro). Each test checks that the app keeps running, the text stays in the
form, its draft is held and lands once the fault is gone, and ctrl+s then
saves the entry once.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

import pytest
from drill_helpers import past_the_brief, to_the_rubric
from pilot_tools import at_rest, db_ready, press, screen_text, settle, text_showing
from pilot_tools import wait_for as until

from ctotui.core.dbfile import import_marker, importing
from ctotui.core.drafts import load_draft
from ctotui.core.drill import bank as drill
from ctotui.core.journal.entries import page_achievements
from ctotui.ui.app import CtoApp
from ctotui.ui.drafts import outbox
from ctotui.ui.drill.score import ScoreAnswer
from ctotui.ui.drill.screen import DrillScreen
from ctotui.ui.drill.session import SessionScreen
from ctotui.ui.journal.form import AchievementForm
from ctotui.ui.journal.screen import JournalScreen

SIZE = (80, 24)
TITLE = "Cut the nightly batch from 6 h to 40 min"
BODY = "Moved the joins into the warehouse. " * 1000  # ~36 kB: more than the free space left in any page


@pytest.fixture(autouse=True)
def short_busy_timeout(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CTOTUI_BUSY_TIMEOUT_MS", "50")


def locker(app: CtoApp) -> tuple[Callable[[], None], Callable[[], None]]:
    other = sqlite3.connect(app.db_path, isolation_level=None)

    def on() -> None:
        other.execute("begin immediate")

    def off() -> None:
        other.execute("rollback")
        other.close()

    return on, off


def filler(app: CtoApp) -> tuple[Callable[[], None], Callable[[], None]]:
    def on() -> None:
        pages = app.db.execute("pragma page_count").fetchone()[0]
        app.db.execute(f"pragma max_page_count = {pages}")

    def off() -> None:
        app.db.execute("pragma max_page_count = 1073741823")

    return on, off


def read_only(app: CtoApp) -> tuple[Callable[[], None], Callable[[], None]]:
    def on() -> None:
        app.db.execute("pragma query_only = on")

    def off() -> None:
        app.db.execute("pragma query_only = off")

    return on, off


FAULTS = {"locked": locker, "full": filler, "read-only": read_only}
SAYS = {"locked": "locked", "full": "disk is full", "read-only": "read-only"}


async def new_form(pilot) -> AchievementForm:
    await db_ready(pilot)
    await press(pilot, "j")
    await until(pilot, lambda: isinstance(pilot.app.screen, JournalScreen))
    await press(pilot, "n")
    await until(pilot, lambda: isinstance(pilot.app.screen, AchievementForm))
    form = pilot.app.screen
    form.query_one("#title").value = TITLE
    form.query_one("#body").text = BODY
    await at_rest(pilot)
    return form


@pytest.mark.parametrize("fault", list(FAULTS))
async def test_a_refused_save_keeps_the_form_and_lands_later(db_path, fault) -> None:
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        form = await new_form(pilot)
        outbox(app, app.db).retry_every = 0.2  # the outbox's retries: 2 s in the app, waited for here
        start, stop = FAULTS[fault](app)
        start()
        await press(pilot, "ctrl+s")
        await at_rest(pilot)
        # still running, the form still open with the text, and the user told what happened
        assert app.is_running and app.screen is form
        assert form.query_one("#title").value == TITLE
        assert form.query_one("#body").text == BODY
        error = str(form.query_one("#error").render())
        assert "Not saved" in error and SAYS[fault] in error
        # the draft is held in memory
        assert form.keeper.held
        assert outbox(app, app.db).held["journal:new"]["title"] == TITLE
        # a second try while the fault lasts changes nothing
        await press(pilot, "ctrl+s")
        await at_rest(pilot)
        assert app.screen is form
        stop()
        # the outbox writes the draft once the database takes writes again ...
        await until(pilot, lambda: not outbox(app, app.db).held, timeout=15)
        assert load_draft(app.db, "journal:new").payload["title"] == TITLE
        # ... and ctrl+s saves the entry, once
        await press(pilot, "ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, JournalScreen))
        assert [a.title for a in page_achievements(app.db).items] == [TITLE]
        assert load_draft(app.db, "journal:new") is None


async def test_a_long_import_says_waiting_for_the_import(db_path) -> None:
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        form = await new_form(pilot)
        start, stop = locker(app)
        with importing(app.db):  # as `ctotui import` does, in another process
            start()
            await press(pilot, "ctrl+s")
            await at_rest(pilot)
            assert app.screen is form and form.query_one("#title").value == TITLE
            assert "waiting for the import" in str(form.query_one("#error").render())
            stop()
        assert import_marker(db_path).exists()
        await press(pilot, "ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, JournalScreen))
        assert [a.title for a in page_achievements(app.db).items] == [TITLE]


async def test_a_drill_answer_survives_a_locked_database(db_path) -> None:
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        await db_ready(pilot)
        await press(pilot, "i")
        await until(pilot, lambda: isinstance(app.screen, DrillScreen))
        await at_rest(pilot)
        await press(pilot, "d")
        await until(pilot, lambda: isinstance(app.screen, SessionScreen))
        session = app.screen
        await past_the_brief(pilot, session)
        session.answer.text = "Shard by tenant, then cache the hot reads"
        await at_rest(pilot)
        outbox(app, app.db).retry_every = 0.2
        start, stop = locker(app)
        start()
        await to_the_rubric(pilot, session)
        every = "2" * (6 + len(app.screen.signals))
        await press(pilot, *every, "ctrl+s")
        await until(pilot, lambda: app.screen is session)
        assert app.is_running and session.answer.text == "Shard by tenant, then cache the hot reads"
        assert "not saved: the database is locked" in screen_text(app)  # under the answer
        assert drill.attempts(app.db) == []
        stop()
        await until(pilot, lambda: not outbox(app, app.db).held, timeout=15)
        await press(pilot, "ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, ScoreAnswer))
        await press(pilot, *every, "ctrl+s")
        await until(pilot, lambda: len(drill.attempts(app.db)) == 1)
        assert drill.attempts(app.db)[0].answer == "Shard by tenant, then cache the hot reads"


async def open_edit_form(pilot, achievement_id: int) -> AchievementForm:
    await db_ready(pilot)
    await press(pilot, "j")
    await until(pilot, lambda: isinstance(pilot.app.screen, JournalScreen))
    await until(pilot, lambda: pilot.app.screen.query_one("#list").highlighted is not None)
    await press(pilot, "e")
    await until(pilot, lambda: isinstance(pilot.app.screen, AchievementForm))
    await settle(pilot)  # what the screen reads in its workers is on screen
    return pilot.app.screen


@pytest.mark.parametrize(("key", "kept"), [("k", "mine"), ("t", "from the CLI"), ("g", None)])
async def test_an_edit_of_a_changed_entry_asks_which_to_keep(db_path, key, kept) -> None:
    from ctotui.core.db import open_db
    from ctotui.core.journal.entries import add_achievement, get_achievement, update_achievement
    from ctotui.ui.dialogs.choice import ChoiceDialog

    setup = open_db(db_path)
    entry = add_achievement(setup, title="Cut costs", body="first")
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        form = await open_edit_form(pilot, entry.id)
        form.query_one("#body").text = "mine"
        await at_rest(pilot)
        update_achievement(setup, entry.id, body="from the CLI")  # another process, while the form is open
        await press(pilot, "ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, ChoiceDialog))
        text = await text_showing(pilot, "from the CLI")
        assert "from the CLI" in text and "mine" in text  # both versions shown
        await press(pilot, key)
        if kept is None:  # go back: the form, with my text, and nothing written
            await until(pilot, lambda: app.screen is form)
            assert form.query_one("#body").text == "mine"
            assert get_achievement(setup, entry.id).body == "from the CLI"
            return
        await until(pilot, lambda: isinstance(app.screen, JournalScreen))
        assert get_achievement(setup, entry.id).body == kept


async def answer_conflict(pilot, key: str, theirs: str, mine: str) -> None:
    """Save, see both versions in the conflict dialog, answer with ``key``."""
    from ctotui.ui.dialogs.choice import ChoiceDialog

    await press(pilot, "ctrl+s")
    await until(pilot, lambda: isinstance(pilot.app.screen, ChoiceDialog))
    text = screen_text(pilot.app)
    assert theirs in text and mine in text
    await press(pilot, key)


@pytest.mark.parametrize(("key", "kept"), [("k", "Write the runbook (mine)"), ("t", "Write the runbook (CLI)")])
async def test_a_plan_item_changed_meanwhile_asks(db_path, key, kept) -> None:
    from ctotui.core.db import open_db
    from ctotui.core.timeline import plan
    from ctotui.ui.timeline.forms import PlanItemDialog
    from ctotui.ui.timeline.screen import TimelineScreen

    other = open_db(db_path)
    item = plan.add_item(other, "3-months", "Write the runbook")
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        await db_ready(pilot)
        await press(pilot, "t")
        await until(pilot, lambda: isinstance(app.screen, TimelineScreen))
        await press(pilot, "2")
        plan_list = app.screen.query_one("#plan-list")
        plan_list.highlighted = plan_list.get_option_index(f"plan:{item.id}")
        await press(pilot, "e")
        await until(pilot, lambda: isinstance(app.screen, PlanItemDialog))
        form = app.screen
        form.query_one("#text").value = "Write the runbook (mine)"
        plan.edit_item(other, item.id, text="Write the runbook (CLI)")
        await answer_conflict(pilot, key, "Write the runbook (CLI)", "Write the runbook (mine)")
        await until(pilot, lambda: isinstance(app.screen, TimelineScreen))
        assert plan.get_item(other, item.id).text == kept


async def test_the_profile_changed_meanwhile_asks_and_go_back_keeps_the_form(db_path) -> None:
    from ctotui.core.db import open_db
    from ctotui.core.timeline import profile
    from ctotui.ui.timeline.welcome import ProfileDialog

    other = open_db(db_path)
    profile.update(other, years=5, role="Senior engineer")
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        await db_ready(pilot)
        await press(pilot, "t", "P")
        await until(pilot, lambda: isinstance(app.screen, ProfileDialog))
        form = app.screen
        form.query_one("#role").value = "Principal engineer"
        profile.update(other, role="Staff engineer")
        await answer_conflict(pilot, "g", "Staff engineer", "Principal engineer")
        await until(pilot, lambda: app.screen is form)
        assert form.query_one("#role").value == "Principal engineer"
        assert profile.load(other).role == "Staff engineer"
        await answer_conflict(pilot, "k", "Staff engineer", "Principal engineer")
        await until(pilot, lambda: not isinstance(app.screen, ProfileDialog))
        assert profile.load(other).role == "Principal engineer"


async def test_a_question_changed_meanwhile_asks(db_path) -> None:
    from ctotui.core.db import open_db
    from ctotui.ui.drill.forms import QuestionForm

    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        await db_ready(pilot)
        await press(pilot, "i")
        await until(pilot, lambda: isinstance(app.screen, DrillScreen))
        await at_rest(pilot)
        await press(pilot, "2", "e")  # the bank's first row: the first playbook question
        await until(pilot, lambda: isinstance(app.screen, QuestionForm))
        app.screen.query_one("#text").value = "How do you pick a queue?"
        other = open_db(db_path)
        drill.edit_question(other, "ots-10x-traffic", text="How do you pick a datastore?")
        await answer_conflict(pilot, "t", "How do you pick a datastore?", "How do you pick a queue?")
        await until(pilot, lambda: isinstance(app.screen, DrillScreen))
        assert drill.get_question(other, "ots-10x-traffic").text == "How do you pick a datastore?"


async def closed_with_a_draft_refused(db_path) -> CtoApp:
    """The app, closed while another program holds the write lock and a new entry's save was
    refused: its draft held in memory as it closed (what it does with it: ``app.spilled``)."""
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        await new_form(pilot)
        start, stop = locker(app)
        start()
        await press(pilot, "ctrl+s")  # refused: the draft is held in memory
        await until(pilot, lambda: bool(outbox(app, app.db).held))
        app.exit()
    stop()
    return app


async def test_drafts_still_refused_at_exit_are_kept_aside_and_come_back(db_path) -> None:
    from ctotui.core.db import open_db
    from ctotui.core.drafts import spill_file

    app = await closed_with_a_draft_refused(db_path)
    assert app.spilled is not None and app.spilled.count == 1
    assert app.spilled.path == spill_file(db_path) and app.spilled.path.stat().st_mode & 0o777 == 0o600
    check = open_db(db_path)
    assert load_draft(check, "journal:new") is None  # not in the database yet
    again = CtoApp(db_path=db_path)
    async with again.run_test(size=SIZE) as pilot:
        await db_ready(pilot)
        assert load_draft(again.db, "journal:new").payload["title"] == TITLE
    assert not spill_file(db_path).exists()


async def test_drafts_kept_nowhere_at_exit_are_printed_as_the_app_closes(db_path) -> None:
    """The database refusing writes and the drafts' file refused too (a full disk, a folder made
    read-only; here a folder in its place, as root ignores modes): the app exited 0 without a word
    and the text typed was lost. Its text is now printed as it exits, exit 2."""
    from ctotui.cli.tui import spilled_words
    from ctotui.core.drafts import spill_file

    spill_file(db_path).mkdir(parents=True)
    app = await closed_with_a_draft_refused(db_path)
    assert app.spilled is not None and app.spilled.path is None and app.spilled.count == 1
    said = spilled_words(app.spilled)
    assert said.startswith("ctotui: the database refused 1 draft and ") and "for its file; what they held:" in said
    assert TITLE in said


async def test_a_read_only_file_opened_with_mode_ro_keeps_the_text(db_path) -> None:
    """The file itself read-only (a URI with mode=ro: root ignores file modes, so no chmod)."""
    from sqlite_utils import Database

    from ctotui.core.db import open_db
    from ctotui.core.dbfile import StorageConnection

    open_db(db_path).close()
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, factory=StorageConnection, check_same_thread=False)
    conn.isolation_level = None
    app = CtoApp(db_path=db_path, db=Database(conn))
    async with app.run_test(size=SIZE) as pilot:
        form = await new_form(pilot)
        await press(pilot, "ctrl+s")
        await at_rest(pilot)
        assert app.is_running and app.screen is form
        assert form.query_one("#title").value == TITLE and form.query_one("#body").text == BODY
        assert "read-only" in str(form.query_one("#error").render())
        assert outbox(app, app.db).held["journal:new"]["title"] == TITLE
        await press(pilot, "escape")  # leaving asks whether to keep the draft; the app goes on
        await until(pilot, lambda: app.screen is not form)
        assert app.is_running


async def test_every_form_dialog_keeps_its_text_when_refused(db_path) -> None:
    """The shared mechanism (FormDialog.writes_with), through the plan item form."""
    from ctotui.core.timeline import plan
    from ctotui.ui.timeline.forms import PlanItemDialog
    from ctotui.ui.timeline.screen import TimelineScreen

    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        await db_ready(pilot)
        await press(pilot, "t")
        await until(pilot, lambda: isinstance(app.screen, TimelineScreen))
        await press(pilot, "2", "a")
        await until(pilot, lambda: isinstance(app.screen, PlanItemDialog))
        form = app.screen
        form.query_one("#text").value = "Run the incident review " + "in depth " * 5
        start, stop = locker(app)
        start()
        await press(pilot, "ctrl+s")
        await at_rest(pilot)
        assert app.is_running and app.screen is form
        assert "Not saved" in str(form.query_one("#form-error").render())
        stop()
        await press(pilot, "ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, TimelineScreen))
        own = [i.text for h in plan.plan(app.db) for i in h.items if i.own]
        assert own == ["Run the incident review " + "in depth " * 4 + "in depth"]
