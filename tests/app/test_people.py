"""The people screen driven with keys: add a person, write down a conversation, set the bar,
tick a criterion and link an achievement; every check is on the database."""

from __future__ import annotations

import io
import sqlite3

import pytest
from pilot_tools import db_ready, press, screen_text, settle, text_showing
from pilot_tools import wait_for as until
from rich.console import Console
from test_text_shown import notifications
from textual.widgets import Select

from ctotui.core.db import open_db
from ctotui.core.journal.entries import add_achievement
from ctotui.core.people import bar, conversations
from ctotui.core.people import persons as people
from ctotui.core.skills import stack as skills
from ctotui.core.timeline import profile
from ctotui.ui.app import CtoApp
from ctotui.ui.coach.next_list import CoachList
from ctotui.ui.home.screen import DashboardScreen
from ctotui.ui.journal.pick import AchievementPicker
from ctotui.ui.people.forms import BarDialog, PersonDialog, TalkDialog
from ctotui.ui.people.screen import PeopleScreen

SIZE = (80, 24)


@pytest.fixture(autouse=True)
def frozen(monkeypatch):
    monkeypatch.setenv("CTOTUI_NOW", "2026-06-15T10:00:00+00:00")


async def open_people(pilot) -> PeopleScreen:
    await press(pilot, "g")
    await until(pilot, lambda: isinstance(pilot.app.screen, PeopleScreen) and pilot.app.screen.data is not None)
    return pilot.app.screen


async def test_add_a_person_talk_set_the_bar_tick_and_link(db_path):
    db = open_db(db_path)
    shipped = add_achievement(db, title="Led the billing migration across three teams", category="scale").id
    db.close()
    app = CtoApp(db_path=db_path, welcome=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_people(pilot)
        assert "No people yet" in str(screen.query_one("#people-list").get_option_at_index(0).prompt)

        await press(pilot, "a")
        await until(pilot, lambda: isinstance(app.screen, PersonDialog))
        form = app.screen
        form.query_one("#name").value = "Dana Okafor"
        form.query_one("#relation").value = "manager"
        form.query_one("#where").value = "Lumen"
        await press(pilot, "ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, PeopleScreen) and screen.data and screen.data.people)
        dana = people.find(app.db, "Dana Okafor")
        assert (dana.relation, dana.context) == ("manager", "Lumen")

        await press(pilot, "c")
        await until(pilot, lambda: isinstance(app.screen, TalkDialog))
        talk = app.screen
        assert "What would I need to show" in str(talk.query_one("#starter").render())  # the playbook's starter
        talk.query_one("#asked").text = "What would it take to be considered for VP in 12-18 months?"
        talk.query_one("#heard").text = "Lead a cross-team project and own a budget."
        talk.query_one("#follow").value = "in 2 weeks"
        await until(pilot, lambda: str(talk.query_one(".date-read").render()) == "Mon 29 Jun 2026")  # how it was read
        await press(pilot, "ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, PeopleScreen) and conversations.history(app.db, dana.id))
        (logged,) = conversations.history(app.db, dana.id)
        assert logged.heard.startswith("Lead a cross-team") and logged.follow_up.isoformat() == "2026-06-29"
        assert app.db.execute("select count(*) from drafts").fetchone()[0] == 0  # the draft went with the save

        await press(pilot, "b")
        await until(pilot, lambda: isinstance(app.screen, BarDialog))
        bar_form = app.screen
        bar_form.query_one("#role").value = "VP of Engineering"
        bar_form.query_one("#criteria").text = "- Lead a cross-team project\n- Own a budget\n"
        await press(pilot, "ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, PeopleScreen) and bar.current(app.db) is not None)
        current = bar.current(app.db)
        assert (current.role, current.person, [c.text for c in current.criteria]) == (
            "VP of Engineering",
            "Dana Okafor",
            ["Lead a cross-team project", "Own a budget"],
        )
        assert current.deadline.isoformat() == "2027-12-15"  # 18 months unless set

        await until(pilot, lambda: app.focused is screen.query_one("#bar-list"))
        await until(pilot, lambda: screen.query_one("#bar-list").current_id == "criterion:1")
        await press(pilot, "space")
        await until(pilot, lambda: bar.current(app.db).criteria[0].met)
        await press(pilot, "l")
        await until(pilot, lambda: isinstance(app.screen, AchievementPicker))
        app.screen.dismiss(shipped)
        await until(pilot, lambda: bar.current(app.db).criteria[0].evidence == (shipped,))


async def test_a_typed_conversation_survives_esc_as_a_draft(db_path):
    db = open_db(db_path)
    dana = people.add(db, "Dana", "manager")
    db.close()
    app = CtoApp(db_path=db_path, welcome=False)
    async with app.run_test(size=SIZE) as pilot:
        await open_people(pilot)
        await press(pilot, "enter")
        await until(pilot, lambda: isinstance(app.screen, TalkDialog))
        app.screen.query_one("#heard").text = "Half-written notes"
        await press(pilot, "escape")
        await until(pilot, lambda: isinstance(app.screen, PeopleScreen))
        assert app.db.execute("select key from drafts").fetchall() == [(f"people:talk:{dana.id}",)]
        await press(pilot, "enter")
        await until(pilot, lambda: isinstance(app.screen, TalkDialog))
        await until(pilot, lambda: app.screen.query_one("#heard").text == "Half-written notes")
        assert conversations.history(app.db, dana.id) == []


def plain(prompt, width: int = 200) -> str:
    """An option's text as drawn (by default wide enough not to wrap), as a terminal shows it: a
    no-break space (the words of a date kept on one line, ui/widgets/hanging.py) is a space."""
    console = Console(width=width, record=True, file=io.StringIO())
    console.print(prompt)
    return console.export_text().replace("\xa0", " ")


async def test_overdue_follow_ups_are_marked_and_archiving_hides(db_path):
    db = open_db(db_path)
    dana = people.add(db, "Dana", "manager")
    conversations.log(db, dana.id, asked="x", on="2026-06-01", follow_up="2026-06-10")
    people.add(db, "Jun", "reference")
    db.close()
    app = CtoApp(db_path=db_path, welcome=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_people(pilot)
        prompt = screen.query_one("#people-list").get_option_at_index(0).prompt
        assert plain(prompt).startswith("Dana") and "\n  last 1 Jun · overdue: follow up 10 Jun" in plain(prompt)
        narrow = plain(prompt, width=24).rstrip().splitlines()  # wrapped under the status, not under the name
        assert len(narrow) > 2 and all(line.startswith("  ") and line[2] != " " for line in narrow[1:]), narrow
        await press(pilot, "d")
        await until(pilot, lambda: people.get(app.db, dana.id).follow_up is None)
        await press(pilot, "x")
        await until(pilot, lambda: people.get(app.db, dana.id).archived)
        await until(pilot, lambda: [p.name for p in screen.data.people] == ["Jun"])
        await press(pilot, "v")
        await until(pilot, lambda: [p.name for p in screen.data.people] == ["Dana", "Jun"])


async def test_a_follow_up_on_home_opens_the_person_and_the_bar_opens_its_criteria(db_path, monkeypatch):
    db = open_db(db_path)
    profile.update(db, years=5)  # past onboarding, so the people actions make the five
    skills.rate(db, "leadership", 3)
    add_achievement(db, title="Shipped", occurred_on="2026-06-14")
    people.add(db, "Ann", "peer")
    dana = people.add(db, "Dana", "manager")
    conversations.log(db, dana.id, asked="x", on="2026-06-01", follow_up="2026-06-10")
    current = bar.set_bar(db, role="VP", criteria=["a", "b"], agreed_on="2025-01-01", deadline="2026-07-01")
    bar.tick(db, 1)
    db.close()
    app = CtoApp(db_path=db_path, welcome=False)
    async with app.run_test(size=SIZE) as pilot:
        await db_ready(pilot)
        await until(pilot, lambda: isinstance(app.screen, DashboardScreen))
        lst = app.screen.query_one(CoachList)
        await until(pilot, lambda: f"follow-up-due:person:{dana.id}" in lst.actions)
        assert f"bar-deadline:bar:{current.id}" in lst.actions
        lst.focus()
        lst.highlighted = lst.get_option_index(f"follow-up-due:person:{dana.id}")
        await press(pilot, "enter")
        await until(pilot, lambda: isinstance(app.screen, PeopleScreen) and app.screen.data is not None)
        screen = app.screen
        await until(pilot, lambda: screen.query_one("#people-list").current_id == f"person:{dana.id}")
        assert app.focused is screen.query_one("#people-list")


async def test_an_option_that_wraps_once_the_scrollbar_shows_keeps_its_last_line(demo_db) -> None:
    # At 80×24 the bar's list gets a scrollbar once filled: two cells narrower, and OptionList had
    # measured its options without it, so "… to the offer · 1 linked" lost "linked" at the bottom.
    from pilot_tools import at_rest

    app = CtoApp(db_path=demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_people(pilot)
        await press(pilot, "tab")
        listing = app.screen.query_one("#bar-list")
        await until(pilot, lambda: app.focused is listing and listing.show_vertical_scrollbar)
        listing.scroll_end(animate=False)
        await at_rest(pilot)
        drawn = " ".join(strip.text for strip in listing.render_lines(listing.region.reset_offset))
        assert "job description to the offer · 1 linked" in " ".join(drawn.replace("│", " ").split())


async def test_a_name_with_brackets_is_shown_as_typed_in_the_forms_titles(db_path):
    """A person's name is user text: "Zoe [/i]" in a form's title crashed the app (markup)."""
    db = open_db(db_path)
    people.add(db, "Zoe [/i] [b]Boss[/b]", "manager")
    db.close()
    app = CtoApp(db_path=db_path, welcome=False)
    async with app.run_test(size=SIZE) as pilot:
        await open_people(pilot)
        for key, dialog, title in (
            ("enter", TalkDialog, "A conversation with Zoe [/i] [b]Boss[/b]"),
            ("b", BarDialog, "Zoe [/i] [b]Boss[/b]"),  # who set it: the form's Select of people
        ):
            await press(pilot, key)
            await until(pilot, lambda dialog=dialog: isinstance(app.screen, dialog))
            await until(pilot, lambda title=title: title in screen_text(app))
            await press(pilot, "escape")
            await until(pilot, lambda: isinstance(app.screen, PeopleScreen))


async def test_a_reference_never_spoken_to_says_so_and_l_links_what_they_can_vouch_for(db_path):
    """A reference added a moment ago was "not spoken to in 90 days"; a follow-up said "(later)", a
    state's name; and what a reference can vouch for could only be linked from the shell."""
    db = open_db(db_path)
    shipped = add_achievement(db, title="Led the billing migration", category="scale").id
    jun = people.add(db, "Jun", "reference")
    dana = people.add(db, "Dana", "manager")
    conversations.log(db, dana.id, asked="x", on="2026-06-01", follow_up="2026-06-25")
    db.close()
    app = CtoApp(db_path=db_path, welcome=False)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_people(pilot)
        lst = screen.query_one("#people-list")
        await until(pilot, lambda: lst.current_id == f"person:{dana.id}")
        await until(pilot, lambda: "Follow up 25 Jun (in 10 days)" in screen_text(app))
        lst.highlighted = lst.get_option_index(f"person:{jun.id}")
        await until(pilot, lambda: "Never spoken to: get in touch before you need them." in screen_text(app))
        assert "90 days" not in screen_text(app) and "nothing linked yet (l links an achievement)" in screen_text(app)
        await press(pilot, "l")
        await until(pilot, lambda: isinstance(app.screen, AchievementPicker))
        await text_showing(pilot, "An achievement Jun can vouch for")
        app.screen.dismiss(shipped)
        await until(pilot, lambda: people.references(app.db)[0].vouches_for == (shipped,))
        await until(pilot, lambda: "· Led the billing migration" in screen_text(app))


async def test_b_edits_the_open_bar_in_place_and_n_starts_a_new_one_the_old_shown_under_it(db_path):
    """b opened an empty form: fixing one word meant a new bar, "0 of 3 met", the old ticks and
    evidence shown nowhere; the bar was "set by" whoever was highlighted, with no way to change it;
    and it could be agreed on a day still ahead."""
    db = open_db(db_path)
    shipped = add_achievement(db, title="Led the billing migration", category="scale").id
    dana, marcus = people.add(db, "Dana", "manager"), people.add(db, "Marcus", "mentor")
    old = bar.set_bar(db, role="VP", criteria=["Lead a projct", "Own a budget", "Hire two"], person_id=dana.id,
                      agreed_on="2026-01-10", deadline="2027-01-01")  # fmt: skip
    bar.tick(db, 1)
    bar.link(db, 1, shipped)
    lead, budget, hire = (c.id for c in old.criteria)
    db.close()
    app = CtoApp(db_path=db_path, welcome=False)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_people(pilot)
        lst = screen.query_one("#people-list")
        lst.highlighted = lst.get_option_index(f"person:{marcus.id}")  # not who set it
        await press(pilot, "b")
        await until(pilot, lambda: isinstance(app.screen, BarDialog))
        form = app.screen
        assert (form.query_one("#role").value, form.query_one("#set-by").value) == ("VP", dana.id)
        assert (form.query_one("#agreed").value, form.query_one("#by").value) == ("2026-01-10", "2027-01-01")
        assert form.query_one(f"#criterion-{lead}").value == "Lead a projct"
        form.query_one(f"#criterion-{lead}").value = "Lead a project"
        form.query_one(f"#criterion-{budget}").value = ""  # cleared: removed
        form.query_one("#criteria").text = "- Present to the board\n"
        form.query_one("#set-by").value = marcus.id
        form.query_one("#agreed").value = "in 2 weeks"
        await press(pilot, "ctrl+s")
        await until(pilot, lambda: "agreed date 2026-06-29 is in the future" in screen_text(app))
        assert app.screen is form and bar.current(app.db) == bar.get(app.db, old.id)  # nothing written
        assert bar.current(app.db).criteria[0].text == "Lead a projct"
        form.query_one("#agreed").value = "2026-02-01"
        await press(pilot, "ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, PeopleScreen) and bar.current(app.db).person == "Marcus")
        edited = bar.current(app.db)
        assert edited.id == old.id and edited.agreed_on.isoformat() == "2026-02-01"
        assert [(c.text, c.met, c.evidence) for c in edited.criteria] == [
            ("Lead a project", True, (shipped,)),
            ("Hire two", False, ()),
            ("Present to the board", False, ()),
        ]

        await press(pilot, "n")
        await until(pilot, lambda: isinstance(app.screen, BarDialog))
        fresh = app.screen
        assert "A new bar" in screen_text(app) and fresh.query_one("#role").value == ""
        assert fresh.query_one("#set-by").value == marcus.id  # the one highlighted, to start with
        fresh.query_one("#set-by").value = Select.NULL  # nobody in the list
        fresh.query_one("#role").value = "CTO"
        fresh.query_one("#criteria").text = "Raise a seed round"
        await press(pilot, "ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, PeopleScreen) and bar.current(app.db).role == "CTO")
        assert bar.get(app.db, old.id).closed and bar.current(app.db).person is None  # nobody chosen
        await until(pilot, lambda: app.focused is screen.query_one("#bar-list"))
        await until(pilot, lambda: "Earlier bars" in screen_text(app))
        text = screen_text(app)
        assert "closed 15 Jun · 1 of 3 met" in text and "· Led the billing migration" in text


async def test_d_on_a_locked_database_says_so_and_never_says_followed_up(db_path, monkeypatch):
    """The write refused (another connection holds the write lock): one notice says the
    database is locked, none says "Followed up", and the follow-up stays open."""
    monkeypatch.setenv("CTOTUI_BUSY_TIMEOUT_MS", "50")
    db = open_db(db_path)
    priya = people.add(db, "Priya Natarajan", "mentor")
    conversations.log(db, priya.id, asked="x", on="2026-06-01", follow_up="2026-06-10")
    db.close()
    app = CtoApp(db_path=db_path, welcome=False)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_people(pilot)
        other = sqlite3.connect(db_path, isolation_level=None)
        other.execute("begin exclusive")
        try:
            await press(pilot, "d")
            await until(pilot, lambda: "locked" in notifications(app))
            await settle(pilot)
            assert "Followed up" not in notifications(app)
        finally:
            other.execute("rollback")
            other.close()
        assert people.get(app.db, priya.id).follow_up is not None


async def test_u_brings_back_the_follow_up_d_closed(db_path):
    db = open_db(db_path)
    priya = people.add(db, "Priya Natarajan", "mentor")
    conversations.log(db, priya.id, asked="x", on="2026-06-01", follow_up="2026-06-10")
    db.close()
    app = CtoApp(db_path=db_path, welcome=False)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        screen = await open_people(pilot)
        await press(pilot, "d")
        await until(pilot, lambda: people.get(app.db, priya.id).follow_up is None)
        await until(pilot, lambda: "u brings the follow-up back" in notifications(app))
        await press(pilot, "u")
        await until(pilot, lambda: people.get(app.db, priya.id).follow_up is not None)
        await until(pilot, lambda: screen.data.people[0].follow_up is not None)  # the list shows it again
        assert conversations.history(app.db, priya.id)[0].follow_up.isoformat() == "2026-06-10"
        await press(pilot, "u")
        await until(pilot, lambda: "No follow-up closed here" in notifications(app))


async def test_a_follow_up_due_today_is_marked_so_in_the_list(db_path):
    db = open_db(db_path)
    for name, day in (("Ann", "2026-06-15"), ("Bo", "2026-06-16")):
        conversations.log(db, people.add(db, name, "mentor").id, asked="x", on="2026-06-01", follow_up=day)
    db.close()
    app = CtoApp(db_path=db_path, welcome=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_people(pilot)
        ann, bo = (plain(screen.query_one("#people-list").get_option_at_index(i).prompt) for i in (0, 1))
        assert "follow up 15 Jun (due today)" in ann, ann
        assert bo.rstrip().endswith("follow up 16 Jun") and "due" not in bo, bo


async def saved_with_name(pilot, key: str, name: str):
    """The person form ``key`` opens, saved with ``name``: the form and its error line."""
    await press(pilot, key)
    await until(pilot, lambda: isinstance(pilot.app.screen, PersonDialog))
    form = pilot.app.screen
    form.query_one("#name").value = name
    await press(pilot, "ctrl+s")
    return form, form.query_one("#form-error")


async def test_adding_a_name_already_here_says_who_and_ctrl_s_again_adds_them(db_path):
    """The form added a second "Dana Lee" without a word: conversations then split between two
    people. It now says who is here already, keeps the form open, and adds them on a second ctrl+s."""
    db = open_db(db_path)
    people.add(db, "Dana Lee", "manager")
    db.close()
    app = CtoApp(db_path=db_path, welcome=False)
    async with app.run_test(size=SIZE) as pilot:
        await open_people(pilot)
        form, error = await saved_with_name(pilot, "a", "dana lee")
        await until(pilot, lambda: "is here already (#1 Dana Lee, Manager)" in str(error.render()))
        assert "ctrl+s again adds another person of that name" in str(error.render())
        assert app.screen is form and [p.name for p in people.list_people(app.db)] == ["Dana Lee"]
        await press(pilot, "ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, PeopleScreen))
        assert sorted(p.name for p in people.list_people(app.db)) == ["Dana Lee", "dana lee"]


async def test_renaming_a_person_to_a_name_already_here_asks_first_and_a_note_alone_never(db_path):
    """Renamed to someone else's name, two people answered to it with nothing said. Saving a note
    of one of two people already of the same name (added on purpose) is never refused."""
    db = open_db(db_path)
    people.add(db, "Dana Lee", "manager")
    people.add(db, "Marcus", "mentor")
    db.close()
    app = CtoApp(db_path=db_path, welcome=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_people(pilot)
        await press(pilot, "down")  # Dana Lee, then Marcus
        await until(pilot, lambda: screen.query_one("#people-list").current_id == "person:2")
        _, error = await saved_with_name(pilot, "e", "dana lee")
        await until(pilot, lambda: "ctrl+s again gives them that name all the same" in str(error.render()))
        assert people.get(app.db, 2).name == "Marcus"
        await press(pilot, "ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, PeopleScreen) and people.get(app.db, 2).name == "dana lee")
        await press(pilot, "e")  # one of two Dana Lees now: a note alone saves at once
        await until(pilot, lambda: isinstance(app.screen, PersonDialog))
        app.screen.query_one("#where").value = "Lumen"
        await press(pilot, "ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, PeopleScreen) and people.get(app.db, 2).context == "Lumen")
