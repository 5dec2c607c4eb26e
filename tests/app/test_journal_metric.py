"""The achievement form's metric field: read as `ctotui add --metric` reads it, and saved."""

from __future__ import annotations

from pilot_tools import at_rest, press, settle
from pilot_tools import wait_for as until
from textual.widgets import Input

from ctotui.core.db import open_db
from ctotui.core.journal.entries import add_achievement, count_achievements, page_achievements
from ctotui.ui.app import CtoApp
from ctotui.ui.journal.form import AchievementForm
from ctotui.ui.journal.screen import JournalScreen

SIZE = (80, 24)


def hint(form: AchievementForm) -> str:
    return str(form.query_one("#metric-hint").render())


async def open_form(pilot, key: str) -> AchievementForm:
    await press(pilot, "j")
    await until(pilot, lambda: isinstance(pilot.app.screen, JournalScreen))
    await press(pilot, key)
    await until(pilot, lambda: isinstance(pilot.app.screen, AchievementForm))
    await settle(pilot)  # what the screen reads in its workers is on screen
    return pilot.app.screen


async def test_the_metric_field_follows_the_title_then_reads_what_is_typed(db_path):
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot, "n")
        form.query_one("#title", Input).value = "Unblocked 3 teams"
        await until(pilot, lambda: form.query_one("#metric", Input).value == "3 teams")
        assert "a count: 3 teams" in hint(form) and "read from “3 teams”" in hint(form)

        form.query_one("#metric", Input).value = "$12k/month"
        await until(pilot, lambda: "an amount per month: $12k/mo" in hint(form))
        assert "set by you" in hint(form)

        form.query_one("#metric", Input).value = "reduced by 150%"
        await until(pilot, lambda: "cannot be right" in hint(form))
        await press(pilot, "ctrl+s")
        await until(pilot, lambda: "150%" in str(form.query_one("#error").render()))
        assert isinstance(app.screen, AchievementForm) and count_achievements(app.db) == 0

        form.query_one("#metric", Input).value = "45 -> 7 min"
        await until(pilot, lambda: "a change: 45→7 min −84%" in hint(form))
        form.query_one("#title", Input).value = "Unblocked 4 teams"  # typed by hand: the field stays
        await at_rest(pilot)
        assert form.query_one("#metric", Input).value == "45 -> 7 min"
        await press(pilot, "ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, JournalScreen))
        (a,) = page_achievements(app.db).items
        assert (a.title, a.metric.kind, a.metric_before, a.metric_after, a.metric_unit) == (
            "Unblocked 4 teams",
            "change",
            45,
            7,
            "min",
        )
        assert a.metric_origin == "user"


ON_CALL = "Cut on-call pages from 40 to 9 a week"  # the Number field follows it: "40 -> 9"


async def tab_to_number(pilot, form: AchievementForm) -> Input:
    """From the title to the Number field as a user goes (title, date, category, tags, number)."""
    form.query_one("#title", Input).focus()
    await press(pilot, "tab", "tab", "tab", "tab")
    metric = form.query_one("#metric", Input)
    await until(pilot, lambda: metric.has_focus)
    return metric


async def new_form_following_on_call(pilot) -> tuple[AchievementForm, Input]:
    """A new entry's form whose Number field follows the title ON_CALL, the focus in that field."""
    form = await open_form(pilot, "n")
    form.query_one("#title", Input).value = ON_CALL
    await until(pilot, lambda: form.query_one("#metric", Input).value == "40 -> 9")
    return form, await tab_to_number(pilot, form)


async def test_a_number_typed_over_the_one_read_from_the_title_replaces_it(db_path):
    """Tabbing into the field that follows the title and typing: the typed number, not the
    title's with it appended ("40 -> 9" + "12 teams" read as 40 -> 912 teams). Typing is what is tested."""
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        form, metric = await new_form_following_on_call(pilot)
        await press(pilot, "1", "2", "space", "t", "e", "a", "m", "s")
        await until(pilot, lambda: metric.value == "12 teams")
        assert "a count: 12 teams" in hint(form) and "set by you" in hint(form)
        metric = await tab_to_number(pilot, form)  # the field is the user's own now: kept as it is
        await press(pilot, "x", "backspace")
        await until(pilot, lambda: metric.value == "12 teams")
        await press(pilot, "ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, JournalScreen))
        (a,) = page_achievements(app.db).items
        assert (a.metric.kind, a.metric_after, a.metric_unit, a.metric_origin) == ("count", 12, "teams", "user")


async def test_editing_an_entry_whose_number_follows_its_title_a_number_typed_replaces_it(db_path):
    db = open_db(db_path)
    add_achievement(db, title="Unblocked 3 teams", metric="parse")
    db.close()
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot, "e")
        metric = await tab_to_number(pilot, form)
        await press(pilot, "5", "space", "t", "e", "a", "m", "s")
        await until(pilot, lambda: metric.value == "5 teams")
        await press(pilot, "ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, JournalScreen))
        (a,) = page_achievements(app.db).items
        assert (a.title, a.metric_after, a.metric_origin) == ("Unblocked 3 teams", 5, "user")


async def test_the_number_read_from_the_title_can_still_be_edited(db_path):
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        form, metric = await new_form_following_on_call(pilot)
        await press(pilot, "end", "space", "p", "a", "g", "e", "s")
        await until(pilot, lambda: metric.value == "40 -> 9 pages")
        await press(pilot, "ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, JournalScreen))
        (a,) = page_achievements(app.db).items
        assert (a.metric_before, a.metric_after, a.metric_unit) == (40, 9, "pages")


async def test_editing_shows_the_metric_as_text_and_an_emptied_field_saves_no_number(db_path):
    db = open_db(db_path)
    added = add_achievement(db, title="Onboarded 12 new hires", metric="parse")
    db.close()
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot, "e")
        assert form.query_one("#metric", Input).value == "12 new hires"
        assert "read from “12 new hires”" in hint(form)
        form.query_one("#metric", Input).value = ""
        await until(pilot, lambda: "no number" in hint(form))
        await press(pilot, "ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, JournalScreen))
        (a,) = page_achievements(app.db).items
        assert a.id == added.id and a.metric is None and a.metric_origin == "user"


async def test_e_on_an_entry_without_a_number_starts_in_the_number_field(db_path):
    """The detail pane's "No number yet: add one? (e)": the edit opens in the Number field, so the number typed lands
    there; no field selects its text on focus, so a key never replaces a whole title. The one exception is a Number
    field that still follows the title: its text is the app's reading, and what is typed there replaces it
    (test_a_number_typed_over_the_one_read_from_the_title_replaces_it)."""
    db = open_db(db_path)
    with_number = add_achievement(db, title="Unblocked 3 teams", occurred_on="2026-03-01", metric="parse")
    without = add_achievement(db, title="Ran the incident review", occurred_on="2026-03-02", metric="parse")
    db.close()
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot, "e")  # the newest first: the one without a number
        assert form.achievement.id == without.id
        await until(pilot, lambda: form.focused is form.query_one("#metric"))
        await press(pilot, "3")
        assert form.query_one("#title", Input).value == "Ran the incident review"
        assert form.query_one("#metric", Input).value == "3"
        await press(pilot, "escape", "d")  # leave, the draft discarded
        await until(pilot, lambda: isinstance(app.screen, JournalScreen))
        await press(pilot, "down", "e")
        await until(pilot, lambda: isinstance(app.screen, AchievementForm))
        await settle(pilot)
        form = app.screen
        assert form.achievement.id == with_number.id
        assert form.focused is form.query_one("#title")
        await press(pilot, "!")
        assert form.query_one("#title", Input).value == "Unblocked 3 teams!"
        for field in form.query(Input):
            field.focus()
            await at_rest(pilot)
            if field.id == "metric":  # "3 teams", read from the title: the app's text, not the user's
                assert field.value == "3 teams" and field.selection == (0, 7)
            else:
                assert not field.selection or field.selection.is_empty, field.id


async def test_points_with_decimals_and_time_per_week_read_and_save_as_the_cli_does(db_path):
    """The Number field said "no number to read" for "12.25 pts", and "5 hours" for "5 hours a week"."""
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot, "n")
        form.query_one("#title", Input).value = "Cut churn"
        await at_rest(pilot)  # the field has followed the title (no number in it) before it is typed in
        form.query_one("#metric", Input).value = "12.25 pts"
        await until(pilot, lambda: "a change in points: +12.25 pts" in hint(form))
        form.query_one("#metric", Input).value = "42"
        await until(pilot, lambda: "nothing after 42 says what it measures" in hint(form))
        assert "no number" not in hint(form)
        form.query_one("#title", Input).value = "Saved time"
        form.query_one("#metric", Input).value = "saved 5 hours a week"
        await until(pilot, lambda: "a duration per week: 5 hours/wk" in hint(form))
        await press(pilot, "ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, JournalScreen))
        (a,) = page_achievements(app.db).items
        assert (a.metric_kind, a.metric_after, a.metric_unit, a.metric_period, a.badge) == (
            "duration",
            5,
            "h",
            "wk",
            "5 hours/wk",
        )


async def test_the_number_read_from_a_title_keeps_its_period(db_path):
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot, "n")
        form.query_one("#title", Input).value = "Saved 3 engineer-hours each week"
        await until(pilot, lambda: form.query_one("#metric", Input).value == "3 hours/wk")
        assert "a duration per week: 3 hours/wk" in hint(form)
        form.query_one("#title", Input).value = "Saved 10 hours per sprint"
        await until(pilot, lambda: "a sprint is no set length of time" in hint(form))
        assert form.query_one("#metric", Input).value == ""
        form.query_one("#title", Input).value = "Churn 12.25 pts"  # was "no number yet: add one?"
        await until(pilot, lambda: "“12.25 pts” was not read: say which way it went" in hint(form))
        assert "no number" not in hint(form)
