"""The pickers list long lines whole: each option is measured at the width it is drawn at."""

from __future__ import annotations

from pilot_tools import at_rest, db_ready, screen_text, wait_for
from textual.widgets import OptionList

from ctotui.core import playbook
from ctotui.core.db import open_db
from ctotui.core.drill import bank as drill
from ctotui.ui.app import CtoApp
from ctotui.ui.dialogs.pick_question import QuestionPicker


async def test_the_question_picker_shows_every_visible_question_whole(db_path) -> None:
    """At 120 columns "…How do you decide whether to let" ended there, "them?" cut: the options were
    measured before the scrollbar took its two columns."""
    with open_db(db_path) as db:
        questions = {q.id: q.text for q in drill.list_questions(db)}
    app = CtoApp(db_path=db_path, welcome=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await db_ready(pilot)
        app.push_screen(QuestionPicker())
        await wait_for(
            pilot,
            lambda: (
                isinstance(app.screen, QuestionPicker) and any(o.option_count for o in app.screen.query(OptionList))
            ),
        )
        await at_rest(pilot)
        options = app.screen.query_one(OptionList)
        inside = [line.split("│")[1] for line in screen_text(app).splitlines() if line.count("│") >= 2]
        text = " ".join(" ".join(inside).split())
        shown = [questions[int(o.id)] for o in options.options if o.id is not None][:4]  # the first ones on view
        assert options.show_vertical_scrollbar
        for question in shown:
            assert " ".join(question.split()) in text, question
        headings = {ic.name for ic in playbook.load().interview}
        for line in inside:  # a wrapped line goes on under its question, not out at the headings' column
            if line.startswith("  ") and not line.startswith("   ") and line.strip():
                assert line.strip() in headings, line
