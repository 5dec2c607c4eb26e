"""User text is shown exactly as typed: never read as Textual or Rich markup, never able to run an action.

The screens are driven with Pilot on a real database seeded with strings full of
``[``, ``]``, ``@click=``, ``$var`` and ``\\``; what each widget draws (its
``render_lines``) must hold the string as it was typed.
"""

from __future__ import annotations

import asyncio
import tempfile
from pathlib import Path

from hypothesis import example, given, settings
from hypothesis import strategies as st
from pilot_tools import at_rest, db_ready, press
from pilot_tools import wait_for as until
from textual.widgets import DataTable, TabbedContent

from ctotui.core.db import open_db
from ctotui.core.drill import bank as drill
from ctotui.core.journal.entries import add_achievement, clean_tag, count_achievements, get_achievement
from ctotui.core.people import bar, conversations
from ctotui.core.people import persons as people
from ctotui.core.playbook import RUBRIC
from ctotui.core.skills import stack as skills
from ctotui.core.text import squeeze
from ctotui.core.timeline import plan
from ctotui.ui.app import CtoApp
from ctotui.ui.dialogs.choice import ChoiceDialog
from ctotui.ui.drill.attempt import AttemptView
from ctotui.ui.drill.screen import DrillScreen
from ctotui.ui.journal.achievement_list import AchievementList
from ctotui.ui.journal.screen import JournalScreen
from ctotui.ui.people.screen import PeopleScreen
from ctotui.ui.skills.screen import SkillsScreen
from ctotui.ui.timeline.screen import TimelineScreen

SIZE = (200, 24)  # 200 wide for MAX_LEN; at 60 rows every screen showed the same widgets, drawn 2.5x taller
CLICK_DELETE = "[ @click=screen.delete ]Shipped the billing migration"
PIECES = [
    "[",
    "]",
    "[b]",
    "[/]",
    "[/b]",
    "[dim]",
    "[ @click=screen.delete ]",
    "[@click=app.quit]",
    "[link=https://example.com]",
    "$var",
    "$success",
    "[$warning]",
    "\\",
    "\\[",
    ":",
    "#",
    "x",
    "Shipped",
    " ",
]
# Short enough to fit every list row and pane at 200 columns (a list row ends a longer title with "…":
# eight of the longest pieces made 104 characters, which the journal's list cut); at least one
# letter, so it is never blank.
MAX_LEN = 60
hostile = st.lists(st.sampled_from(PIECES), min_size=1, max_size=8).map(lambda parts: ("A" + "".join(parts))[:MAX_LEN])


def flat(text: str) -> str:
    """Without whitespace: what wraps at a pane's edge still reads the same."""
    return "".join(text.split())


def drawn(app) -> str:
    """What every visible widget of the screen (and its notifications) draws, through the widget's own renderer."""
    lines = []
    for widget in app.screen.query("*"):
        region = widget.region
        if widget.display and region.area:
            lines += [strip.text for strip in widget.render_lines(region.reset_offset)]
    return "\n".join(lines)


def notifications(app) -> str:
    """The text of the notifications on screen, as their widgets render it (a toast's border would cut a line)."""
    return "\n".join(toast.render().plain for toast in app.screen.query("Toast"))


def shown(app, text: str) -> bool:
    return flat(text) in flat(drawn(app))


def seed(db_path: Path, text: str) -> dict[str, int]:
    db = open_db(db_path)
    try:
        a = add_achievement(db, title=text, body="body", tags=[text[:30]], occurred_on="2026-01-05")
        q = drill.add_question(db, "own-the-stack", "Why " + text)
        drill.record_attempt(db, q.id, "Said " + text, dict.fromkeys(RUBRIC, 1), 100)
        plan.add_item(db, "3-months", text)
        skills.rate(db, "technical-depth", 3, note=text)
        person = people.add(db, text, "mentor", note="Note " + text)
        conversations.log(db, person.id, asked="Asked " + text, on="2026-01-06")
        bar.set_bar(db, role="Role " + text, criteria=["Criterion " + text], person_id=person.id)
        return {"achievement": a.id, "question": q.id}
    finally:
        db.close()


async def check_every_screen(db_path: Path, text: str) -> None:
    text = squeeze(text)
    ids = seed(db_path, text)
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await db_ready(pilot)
        await until(pilot, lambda: shown(app, text))  # the dashboard's journal card

        await press(pilot, "j")
        await until(pilot, lambda: isinstance(app.screen, JournalScreen))
        await until(pilot, lambda: flat(text) in flat(drawn_of(app.screen.query_one("#list", AchievementList))))
        await until(pilot, lambda: flat(text) in flat(drawn_of(app.screen.query_one("#detail-head"))))
        assert flat("#" + clean_tag(text[:30])) in flat(drawn(app))  # tags, in the list and the pane
        await press(pilot, "d")  # the notification quotes the title
        await until(pilot, lambda: f"Deleted “{text}”" in notifications(app))
        await press(pilot, "u")
        await until(pilot, lambda: f"Restored “{text}”" in notifications(app))

        await press(pilot, "t")
        await until(pilot, lambda: isinstance(app.screen, TimelineScreen))
        app.screen.query_one(TabbedContent).active = "plan"
        await until(pilot, lambda: shown(app, text))  # a plan item

        await press(pilot, "s")
        await until(pilot, lambda: isinstance(app.screen, SkillsScreen))
        app.screen.query_one(TabbedContent).active = "ratings"
        await until(pilot, lambda: shown(app, text))  # a rating's note

        await press(pilot, "i")
        await until(pilot, lambda: isinstance(app.screen, DrillScreen))
        await press(pilot, "2")  # the bank tab
        table = app.screen.query_one("#bank-table", DataTable)
        await until(pilot, lambda: table.row_count > 0 and table.region.area > 0)
        table.move_cursor(row=table.get_row_index(str(ids["question"])))
        await until(pilot, lambda: flat("Why " + text) in flat(drawn_of(app.screen.query_one("#bank-detail"))))
        assert flat("Why " + text) in flat(drawn_of(table))  # a DataTable cell
        await press(pilot, "v")  # the question's past attempts: the answer as typed
        await until(pilot, lambda: isinstance(app.screen, AttemptView))
        await until(pilot, lambda: shown(app, "Said " + text) and shown(app, "Why " + text))
        await press(pilot, "escape")

        await press(pilot, "g")
        await until(pilot, lambda: isinstance(app.screen, PeopleScreen))
        people_list, bar_list, detail = (
            app.screen.query_one(f"#{n}") for n in ("people-list", "bar-list", "people-detail")
        )
        await until(pilot, lambda: flat(text) in flat(drawn_of(people_list)))  # the name, in the list
        assert flat("Criterion " + text) in flat(drawn_of(bar_list))
        await until(pilot, lambda: flat("Asked " + text) in flat(drawn_of(detail)))  # the person's detail
        assert flat(text) in flat(drawn_of(detail)) and flat("Note " + text) in flat(drawn_of(detail))
        bar_list.focus()
        await until(pilot, lambda: flat("The bar for Role " + text) in flat(drawn_of(detail)))  # the bar's
        assert flat("Criterion " + text) in flat(drawn_of(detail))

        app.push_screen(ChoiceDialog(text, [("ok", "OK")], detail=text))  # dialogs that quote user text
        await until(pilot, lambda: isinstance(app.screen, ChoiceDialog))
        await until(pilot, lambda: flat(text + text) in flat(drawn(app)))


def drawn_of(widget) -> str:
    return "\n".join(strip.text for strip in widget.render_lines(widget.region.reset_offset))


@settings(max_examples=2)  # each example drives seven screens; the explicit ones are the known attacks
@given(hostile)
@example(CLICK_DELETE)
@example(("A" + "[link=https://example.com]" * 3)[:MAX_LEN])  # the longest the strategy makes
@example("[$var] ends with a backslash \\")
@example("[b]bold?[/b] [dim]dim?[/] $success [@click=app.quit]quit[/]")
def test_every_screen_shows_text_exactly_as_typed(text):
    with tempfile.TemporaryDirectory() as folder:
        asyncio.run(check_every_screen(Path(folder) / "ctotui.db", text))


async def test_clicking_a_title_that_looks_like_an_action_does_nothing(db_path):
    db = open_db(db_path)
    a = add_achievement(db, title=CLICK_DELETE, body="body")
    add_achievement(db, title="[@click=app.quit]Quit?", body="body")
    db.close()
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        await db_ready(pilot)
        await press(pilot, "j")
        await until(pilot, lambda: isinstance(app.screen, JournalScreen))
        lst = app.screen.query_one("#list", AchievementList)
        for row in (0, 2):
            await pilot.click(lst, offset=(15, row))
            await until(pilot, lambda: flat("[@click=") in flat(drawn_of(app.screen.query_one("#detail-head"))))
            for x in range(2, 40, 3):
                await pilot.click("#detail-head", offset=(x, 0))
        await at_rest(pilot)
        assert app.is_running and isinstance(app.screen, JournalScreen)
        assert count_achievements(app.db) == 2
        assert get_achievement(app.db, a.id).deleted_at is None
