"""ctrl+e in a long text field: the text goes to $VISUAL / $EDITOR and comes back into the field.

Pilot runs the app headless, where Textual cannot suspend (``App.suspend`` raises
``SuspendNotSupported``). So the key is tested up to the suspension (the binding, the
footer, the help, the notices), and what runs inside the suspension (``LongText.write_in_editor``)
is called as ctrl+e calls it, with a fake editor script set as $EDITOR and run for real.
Every check of what was written is on the database, after the user's own save."""

from __future__ import annotations

from pathlib import Path

import pytest
from editor_helpers import FakeEditor, fake_editor_in
from pilot_tools import at_rest, db_ready, press, screen_text, settle, text_showing
from pilot_tools import wait_for as until
from textual.widgets import Input

from ctotui.core.db import open_db
from ctotui.core.drafts import load_draft
from ctotui.core.drill import bank as drill
from ctotui.core.editor import editor_command
from ctotui.core.journal.entries import get_achievement, page_achievements
from ctotui.core.people import conversations
from ctotui.core.people import persons as people
from ctotui.ui.app import CtoApp
from ctotui.ui.dialogs.help import HelpScreen
from ctotui.ui.drill.score import ScoreAnswer
from ctotui.ui.drill.screen import DrillScreen
from ctotui.ui.drill.session import ANSWER, BRIEF, FOLLOW_UP, SCORING, SessionScreen
from ctotui.ui.journal.form import AchievementForm
from ctotui.ui.journal.screen import JournalScreen
from ctotui.ui.people.forms import BarDialog, PersonDialog, TalkDialog
from ctotui.ui.people.screen import PeopleScreen
from ctotui.ui.review.screen import ReviewScreen
from ctotui.ui.widgets.long_text import CANNOT_SUSPEND, LongText

SIZE = (80, 24)
WIDE = (120, 40)  # for the tests that read what only fits on a wider screen
STORY = "The context: deploys took 45 minutes.\n\nWhat I did: split the pipeline.\tResult: 7 minutes."


@pytest.fixture
def fake_editor(tmp_path, monkeypatch) -> FakeEditor:
    return fake_editor_in(tmp_path, monkeypatch)


async def new_achievement_form(pilot, title: str) -> AchievementForm:
    await db_ready(pilot)
    await press(pilot, "j")
    await until(pilot, lambda: isinstance(pilot.app.screen, JournalScreen))
    await settle(pilot)
    await press(pilot, "n")
    await until(pilot, lambda: isinstance(pilot.app.screen, AchievementForm) and pilot.app.screen.query("#title"))
    await settle(pilot)  # the form reads its draft in a worker
    form = pilot.app.screen
    form.query_one("#title", Input).value = title
    await at_rest(pilot)
    return form


def editor_keys(app) -> set[str]:
    """The keys the focused screen offers for ctrl+e's action (what the footer shows)."""
    return {key for key, active in app.screen.active_bindings.items() if active.binding.action == "write_in_editor"}


async def test_the_body_written_in_the_editor_comes_back_and_is_saved_with_the_form(db_path, fake_editor):
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        form = await new_achievement_form(pilot, "Cut deploy time")
        assert editor_keys(app) == set() and "ctrl+e" not in screen_text(app)  # not offered in the title
        body = form.query_one("#body", LongText)
        body.text = "A first line typed in the form"
        body.focus()
        await at_rest(pilot)
        assert editor_keys(app) == {"ctrl+e"}
        assert "ctrl+e editor" in screen_text(app)  # on the field's border while it has focus (a dialog has no footer)
        fake_editor.will_write(STORY.replace("split", "\x1b[31msplit") + "\n")  # an escape sequence in the file
        assert body.write_in_editor(editor_command())  # what ctrl+e runs while the app is suspended
        (run,) = fake_editor.runs
        assert run["text"] == "A first line typed in the form"  # the editor opened on the field's text
        assert body.text == STORY  # the escape sequence cleaned, whole, as stored text is; tab and lines kept
        await until(pilot, lambda: load_draft(app.db, "journal:new") is not None)  # as typed: the draft is kept
        assert get_achievement_count(app) == 0  # nothing saved before the user saves
        await press(pilot, "ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, JournalScreen))
        (saved,) = page_achievements(app.db).items
        assert get_achievement(app.db, saved.id).body == STORY


def get_achievement_count(app) -> int:
    return len(page_achievements(app.db).items)


async def test_ctrl_e_says_why_when_no_editor_is_set_or_the_terminal_cannot_be_handed_over(
    db_path, fake_editor, monkeypatch
):
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        form = await new_achievement_form(pilot, "Cut deploy time")
        body = form.query_one("#body", LongText)
        body.text = "as typed"
        body.focus()
        monkeypatch.delenv("EDITOR")
        monkeypatch.setenv("VISUAL", "")
        await press(pilot, "ctrl+e")
        await until(pilot, lambda: app.notices)
        notice = app.notices[-1]
        assert "$VISUAL" in notice.message and "$EDITOR" in notice.message and notice.severity == "warning"
        # an editor set, but a headless run cannot suspend: a notice, no traceback, the editor never runs
        monkeypatch.setenv("EDITOR", f"'{fake_editor.script}'")
        fake_editor.will_write("never")
        await press(pilot, "ctrl+e")
        await until(pilot, lambda: app.notices[-1].message == CANNOT_SUSPEND)
        assert fake_editor.runs == [] and body.text == "as typed"
        assert isinstance(app.screen, AchievementForm)  # ctrl+e no longer moves to the line's end: "end" does


async def test_an_editor_that_fails_leaves_the_text_as_it_was(db_path, fake_editor):
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        form = await new_achievement_form(pilot, "Cut deploy time")
        body = form.query_one("#body", LongText)
        body.text = "as typed"
        fake_editor.will_write("half written", exit_code=1)
        assert not body.write_in_editor(editor_command())
        assert body.text == "as typed"
        notice = app.notices[-1]
        assert "exited with 1" in notice.message and "as it was" in notice.message


async def test_text_saved_as_latin_1_is_refused_not_changed(db_path, fake_editor):
    """Bytes that are not UTF-8 came back as U+FFFD in the field: the user's words changed
    without a word. Now a notice says so, the field is as it was, the file is kept."""
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        form = await new_achievement_form(pilot, "Cut deploy time")
        body = form.query_one("#body", LongText)
        body.text = "as typed"
        saved = "Café latency cut\nbody here\n".encode("latin-1")
        fake_editor.will_write_bytes(saved)
        assert not body.write_in_editor(editor_command())
        assert body.text == "as typed"
        notice = app.notices[-1]
        assert "not valid UTF-8" in notice.message and "as it was" in notice.message
        (run,) = fake_editor.runs
        assert run["path"] in notice.message and Path(run["path"]).read_bytes() == saved


async def test_the_drill_answer_comes_back_from_the_editor_and_is_scored(db_path, fake_editor):
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        await db_ready(pilot)
        await press(pilot, "i")
        await until(pilot, lambda: isinstance(app.screen, DrillScreen))
        await settle(pilot)
        await press(pilot, "d")
        await until(pilot, lambda: isinstance(app.screen, SessionScreen))
        session = app.screen
        await until(pilot, lambda: session.plan is not None)  # the question is read: its brief, or not
        if session.step == BRIEF:  # a question about "their" company: the brief first, enter starts
            await press(pilot, "enter")
            await until(pilot, lambda: session.step == ANSWER)
        session.answer.focus()
        await until(pilot, lambda: editor_keys(app) == {"ctrl+e"})
        assert isinstance(session.answer, LongText)
        assert "^e Editor" in screen_text(app).splitlines()[-1]  # in the footer, where it applies
        fake_editor.will_write("Shard by tenant.\nThen add read replicas.\n")
        assert session.answer.write_in_editor(editor_command())
        await press(pilot, "ctrl+s")
        await until(pilot, lambda: session.step in (FOLLOW_UP, SCORING))
        if session.step == FOLLOW_UP:  # the follow-up's reply is a long text field too
            await until(pilot, lambda: editor_keys(app) == {"ctrl+e"})
            fake_editor.will_write("Cut the replicas first.")
            assert session.follow_answer.write_in_editor(editor_command())
            await press(pilot, "ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, ScoreAnswer))
        score = app.screen
        await press(pilot, *"2" * len(score.query(".criterion")), "ctrl+s")
        await until(pilot, lambda: drill.attempts(app.db))
        assert drill.attempts(app.db)[0].answer == "Shard by tenant.\nThen add read replicas."


async def test_the_conversation_notes_come_back_from_the_editor_and_are_written_down(db_path, fake_editor):
    db = open_db(db_path)
    dana = people.add(db, "Dana", "manager")
    db.close()
    app = CtoApp(db_path=db_path, welcome=False)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "g")
        await until(pilot, lambda: isinstance(app.screen, PeopleScreen) and app.screen.data is not None)
        await press(pilot, "enter")
        await until(pilot, lambda: isinstance(app.screen, TalkDialog))
        talk = app.screen
        heard = talk.query_one("#heard", LongText)
        fake_editor.will_write("Lead a cross-team project.\nOwn a budget.")
        assert heard.write_in_editor(editor_command())
        await press(pilot, "ctrl+s")
        await until(pilot, lambda: conversations.history(app.db, dana.id))
        (logged,) = conversations.history(app.db, dana.id)
        assert logged.heard == "Lead a cross-team project.\nOwn a budget."


async def test_every_long_text_field_offers_ctrl_e(db_path):
    """The reflection, a person's note, the notes of a talk and the bar's criteria."""
    db = open_db(db_path)
    people.add(db, "Dana", "manager")
    db.close()
    app = CtoApp(db_path=db_path, welcome=False)
    async with app.run_test(size=SIZE) as pilot:
        await db_ready(pilot)
        await press(pilot, "w")
        await until(pilot, lambda: isinstance(app.screen, ReviewScreen) and app.screen.is_mounted)
        app.screen.action_go(6)  # the reflection's step (built when first shown)
        assert isinstance(app.screen.query_one("#reflection"), LongText)
        for dialog, fields in (
            (PersonDialog(), ("#note",)),
            (TalkDialog(people.find(app.db, "Dana")), ("#asked", "#heard")),
            (BarDialog(None, [dana := people.find(app.db, "Dana")], dana.id), ("#criteria",)),
        ):
            app.push_screen(dialog)
            await until(pilot, lambda d=dialog: app.screen is d and d.is_mounted)
            for field in fields:
                assert isinstance(dialog.query_one(field), LongText), field
            dialog.dismiss(None)
            await until(pilot, lambda d=dialog: app.screen is not d)


async def test_the_help_lists_ctrl_e_for_long_text_fields(db_path):
    app = CtoApp(db_path=db_path, welcome=False)
    async with app.run_test(size=(120, 60)) as pilot:
        await db_ready(pilot)
        await press(pilot, "question_mark")
        await until(pilot, lambda: isinstance(app.screen, HelpScreen))
        text = await text_showing(pilot, "In a long text field")
        assert "In a long text field" in text
        key = app.get_key_display(LongText.BINDINGS[0])
        line = next(line for line in text.splitlines() if f" {key} " in line)
        assert "Editor" in line and "$VISUAL or $EDITOR" in line
