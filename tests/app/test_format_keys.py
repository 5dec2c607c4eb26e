"""A zero-width joiner or non-joiner typed into a field is kept, as pasted text keeps it.

Textual's Input and TextArea drop a typed character that ``str.isprintable`` calls unprintable:
👩 ZWJ 💻 typed into a name was stored as 👩💻, and a Persian word lost its non-joiner. Handed on
after the keys that followed it, it landed at the end ("👩💻 ab\u200d"); handed on twice (a
TextArea lets a paste bubble back to the app), it was put in twice.
"""

from __future__ import annotations

import threading

import pytest
from pilot_tools import key_event, press, settle
from pilot_tools import wait_for as until
from textual import events
from textual.widgets import Input

from ctotui.core.db import open_db
from ctotui.core.drafts import load_draft, save_draft
from ctotui.core.journal.entries import add_achievement, get_achievement, page_achievements
from ctotui.core.timeline import profile
from ctotui.ui.app import CtoApp
from ctotui.ui.coach.next_list import CoachList
from ctotui.ui.dialogs.choice import ChoiceDialog
from ctotui.ui.dialogs.pick_question import QuestionPicker
from ctotui.ui.drill.forms import QuestionForm
from ctotui.ui.journal.achievement_list import AchievementList
from ctotui.ui.journal.form import AchievementForm
from ctotui.ui.journal.pick import AchievementPicker
from ctotui.ui.journal.screen import JournalScreen
from ctotui.ui.people.forms import PersonDialog, TalkDialog
from ctotui.ui.playbook.find import PlaybookFind
from ctotui.ui.timeline.forms import PlanItemDialog
from ctotui.ui.timeline.screen import TimelineScreen
from ctotui.ui.timeline.welcome import ProfileDialog
from ctotui.ui.widgets.format_keys import kept_format_character

ZWJ, ZWNJ = "\u200d", "\u200c"


def burst(app, keys) -> None:
    """Post ``keys`` to the app at once, as a terminal sends a burst in one read (tmux send-keys, a
    paste not marked as one, an SSH link catching up)."""
    for key in keys:
        app.post_message(key_event(key))


async def burst_back_to(pilot, screen, keys, done) -> None:
    """Post ``keys`` at once (``burst``), then wait until ``screen`` is on view again and ``done()``
    holds; if it never does, the failure says what was on view, what its fields held, the notices."""
    app = pilot.app
    burst(app, keys)
    await until(
        pilot,
        lambda: app.screen is screen and done(),
        state=lambda: (app.screen, [(i.id, i.value) for i in app.screen.query(Input)], app.notices),
    )


async def open_area(pilot, key: str):
    """The area of ``key``, shown with what it reads, something focused in it."""
    await press(pilot, key)
    await until(pilot, lambda: pilot.app.screen.is_mounted and pilot.app.focused is not None)
    await settle(pilot)
    return pilot.app.screen


async def test_a_joiner_typed_in_the_title_and_the_body_is_saved(db_path):
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "j")
        await until(pilot, lambda: isinstance(app.screen, JournalScreen))
        await press(pilot, "n")
        await until(pilot, lambda: isinstance(app.screen, AchievementForm) and app.screen.query("#title"))
        form = app.screen
        burst(app, ("👩", ZWJ, "💻", " ", "a", "b"))  # at once, as a terminal sends them: the order is kept
        await until(pilot, lambda: form.query_one("#title").value == f"👩{ZWJ}💻 ab")
        body = form.query_one("#body")
        body.focus()
        await press(pilot, "م", "ی", ZWNJ, "ش", "\u202e")  # a bidi override is never put in
        assert body.text == f"می{ZWNJ}ش"
        await press(pilot, "ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, JournalScreen))
        saved = get_achievement(app.db, 1)
        assert (saved.title, saved.body) == (f"👩{ZWJ}💻 ab", f"می{ZWNJ}ش")


def test_only_format_characters_that_storage_keeps_are_typed():
    assert kept_format_character(ZWJ) and kept_format_character(ZWNJ) and kept_format_character("\u00ad")
    assert not kept_format_character("\u202e")  # a bidi override: dropped by storage
    assert not kept_format_character("\x1b") and not kept_format_character("a") and not kept_format_character(None)


async def test_a_burst_of_keys_with_editing_keys_in_it_is_typed_in_order(db_path):
    """Textual ran a bound key (backspace, ctrl+u, home) only once it had bubbled up to the app,
    after the keys that came behind it in the same read: ``b a backspace c`` was saved as "ba",
    ``ctrl+u`` then ``xy`` lost "xy" (Textualize/textual#6605). An SSH link catching up sends
    such bursts."""
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "j")
        await until(pilot, lambda: isinstance(app.screen, JournalScreen))
        await press(pilot, "n")
        await until(pilot, lambda: isinstance(app.screen, AchievementForm) and app.screen.query("#title"))
        form = app.screen
        title = form.query_one("#title")
        keys = ["o", "l", "d", "ctrl+u", "b", "a", "backspace", "c", "home", "X", "end", "Y"]
        burst(app, keys)
        await until(pilot, lambda: title.value == "XbcY")
        body = form.query_one("#body")
        body.focus()
        burst(app, ["a", "b", "backspace", "enter", "c", "left", "d"])
        await until(pilot, lambda: body.text == "a\ndc")
        app.post_message(key_event("ctrl+s"))
        await until(pilot, lambda: isinstance(app.screen, JournalScreen))
        saved = get_achievement(app.db, 1)
        assert (saved.title, saved.body) == ("XbcY", "a\ndc")


async def test_a_burst_with_tabs_in_it_fills_each_field_in_turn(db_path):
    """The first-run welcome, typed in one read ("Ana", tab, "6", tab, "Senior engineer", ctrl+s:
    tmux send-keys, a paste, an SSH link catching up) saved the name "Ana6Senior engineer" and no
    years or role: Textual moved the focus only once the tab had bubbled up to the screen, after the
    app had handed the keys behind it to the name. shift+tab goes back the same way."""
    app = CtoApp(db_path=db_path, welcome=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, ProfileDialog) and app.focused is not None)
        keys = ["A", "n", "a", "tab", "6", "tab", *"Senior", "shift+tab", "backspace", "7", "ctrl+s"]
        burst(app, keys)
        # The welcome leads to the timeline; the test ends once it is up, as a test that closed the
        # app while the timeline was being built could see it half-built (its stage list missing)
        await until(pilot, lambda: isinstance(app.screen, TimelineScreen) and app.focused is not None)
        db = open_db(db_path)
        saved = profile.load(db)
        db.close()
        assert (saved.name, saved.years_set, saved.role) == ("Ana", 7.0, "Senior")


async def test_a_burst_with_a_tab_out_of_a_choice_fills_the_field_after_it(db_path):
    """The person form typed in one read, from its relation (a choice, not a text field): "tab
    WHERE tab NOTE" lost both, handed to the choice left before the tab had moved the focus,
    and ctrl+s saved the person without them."""
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_area(pilot, "g")
        burst(app, ["a", *"Zed Lo"])
        await until(pilot, lambda: isinstance(app.screen, PersonDialog) and app.focused is not None)
        form = app.screen
        await until(pilot, lambda: form.query_one("#name", Input).value == "Zed Lo")
        form.query_one("#relation").focus()
        await until(pilot, lambda: app.focused is form.query_one("#relation"))
        burst(app, ["tab", *"Acme", "tab", *"Met at a meetup", "shift+tab", "backspace", "e"])
        await until(
            pilot,
            lambda: form.query_one("#where", Input).value == "Acme" and "meetup" in form.query_one("#note").text,
            state=lambda: (app.focused, form.query_one("#where", Input).value, form.query_one("#note").text),
        )
        assert form.query_one("#where", Input).value == "Acme" and form.query_one("#note").text == "Met at a meetup"


async def test_a_paste_shows_in_the_field_what_storage_keeps(db_path):
    """A paste holding a bidirectional override and an escape sequence put them in the title field
    as they were, and so on the terminal showing it (storage cleaned them only on save)."""
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_area(pilot, "j")
        burst(app, ["n"])
        await until(pilot, lambda: isinstance(app.screen, AchievementForm) and app.focused is not None)
        title = app.focused
        assert isinstance(title, Input)
        app.post_message(events.Paste("Cut \u202eevil\u202c deploy \x1b[31mfrom 45 to 7 min\u2067"))
        await until(pilot, lambda: "deploy" in title.value, state=lambda: title.value)
        assert title.value == "Cut evil deploy from 45 to 7 min"


async def test_a_burst_that_starts_with_slash_searches_for_what_follows_it(db_path):
    """ "/oncall" in one read (tmux send-keys, an SSH link catching up) left the journal's search box
    empty: Textual ran "/" only once it had bubbled up from the list, after the app had handed
    "oncall" to the list, which dropped it. The screen's focus move now runs as the key arrives."""
    db = open_db(db_path)
    add_achievement(db, title="Took the on-call pager", occurred_on="2026-01-05")
    add_achievement(db, title="Cut costs", occurred_on="2026-01-06")
    db.close()
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_area(pilot, "j")
        burst(app, "/oncall")
        box = screen.query_one("#search", Input)
        listing = screen.query_one("#list", AchievementList)
        await until(
            pilot, lambda: [a.title for a in listing.items] == ["Took the on-call pager"], state=lambda: box.value
        )
        assert box.value == "oncall" and screen.focused is box
        await press(pilot, "slash")  # in the box, "/" is typed
        assert box.value == "oncall/"


async def test_a_burst_that_opens_the_form_types_the_rest_into_it(db_path):
    """ "nFixed the pager" in one read opened an empty form: the keys after "n" came while the form
    was still mounting, with nothing focused, and were lost. They wait for it now (TypeAhead), in
    order: here the title, then ctrl+s, which saves it."""
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        journal = await open_area(pilot, "j")
        listing = journal.query_one("#list", AchievementList)
        await burst_back_to(pilot, journal, ["n", *"Fixed the pager", "ctrl+s"], lambda: listing.items)
        assert [a.title for a in listing.items] == ["Fixed the pager"]
        db = open_db(db_path)
        assert [a.title for a in page_achievements(db).items] == ["Fixed the pager"]
        db.close()


async def test_e_and_a_number_in_one_read_give_the_entry_read_first_its_number(db_path):
    """ "e" opens the edit form only once the entry is read (a worker), with the cursor in the Number
    field of an entry without one: "e45 -> 7 min" in one read went to the list ("n" of "min" opened a
    new, empty form) and the edit form came late. The keys wait for the form now, and go where it
    puts the cursor; ctrl+s in the burst saves it."""
    db = open_db(db_path)
    entry = add_achievement(db, title="Cut the deploy time")
    db.close()
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        journal = await open_area(pilot, "j")
        listing = journal.query_one("#list", AchievementList)
        await burst_back_to(
            pilot, journal, ["e", *"45 -> 7 min", "ctrl+s"], lambda: listing.items and listing.items[0].has_number
        )
        db = open_db(db_path)
        saved = get_achievement(db, entry.id)
        db.close()
        assert (saved.title, saved.badge) == ("Cut the deploy time", "45→7 min −84%")


async def test_keys_held_for_a_form_that_never_comes_go_on_to_the_screen(db_path):
    """With nothing to edit (an empty journal), "e" opens no form: what was typed after it is handed
    on to the journal (here a search) once the hold ends, not dropped."""
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        journal = await open_area(pilot, "j")
        burst(app, ["e", "/", *"deploy"])
        await until(pilot, lambda: journal.query_one("#search", Input).value == "deploy")
        assert app.screen is journal


async def test_keys_wait_for_a_form_while_the_screens_read_runs_on_past_the_hold(db_path):
    """On a loaded machine the journal's "e" read took more than the hold's second: the keys typed
    after it went to the list ("n" of "45 -> 7 min" opened a new form). While a read of the screen
    they were typed on is still running, they wait on (at most HOLD_LONGEST), and go on once it ends
    (here no form comes: to the journal's search)."""
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        journal = await open_area(pilot, "j")
        box = journal.query_one("#search", Input)
        reading = threading.Event()
        journal.run_worker(reading.wait, thread=True)  # a read of the journal's, still running
        try:
            app.type_ahead.hold_until_a_form(journal)
            burst(app, ["/", *"deploy"])
            seen: list[int] = []
            app.set_timer(1.5, lambda: seen.append(len(app.type_ahead.held)))  # the first second is up
            await until(pilot, lambda: seen)
            assert seen == [7] and box.value == ""
        finally:
            reading.set()
        await until(pilot, lambda: box.value == "deploy")  # the read done: the keys go on


@pytest.mark.parametrize(
    ("area", "key", "form", "field"),
    [
        ("g", "a", PersonDialog, "#name"),  # people: add a person
        ("i", "a", QuestionForm, "#text"),  # drill: add a question
        ("t", "a", PlanItemDialog, "#text"),  # timeline: add a plan item
    ],
)
async def test_a_key_that_opens_a_form_takes_the_keys_typed_after_it_in_one_read(db_path, area, key, form, field):
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_area(pilot, area)
        if area == "t":  # the plan's list has the key: its tab shown, the list focused
            app.screen.action_show_tab("plan")
            await until(pilot, lambda: app.screen.query("#plan-list") and app.screen.query_one("#plan-list").display)
            app.screen.query_one("#plan-list").focus()
            await settle(pilot)
        burst(app, [key, *"Zed Lo"])

        def typed_in() -> str:
            if not isinstance(app.screen, form):
                return ""
            box = app.screen.query_one(field)
            return box.value if isinstance(box, Input) else box.text

        await until(pilot, lambda: typed_in() == "Zed Lo", state=lambda: (app.screen, app.focused))


def _typed_in(app, dialog, field) -> str:
    """What ``field`` of the dialog on view holds ('' while another screen is on view)."""
    if not isinstance(app.screen, dialog) or not app.screen.query(field):
        return ""
    box = app.screen.query_one(field)
    return box.value if isinstance(box, Input) else box.text


async def until_typed(pilot, dialog, field, text, *, ending: bool = False) -> None:
    """Wait until ``field`` of the dialog on view holds ``text`` (or ends with it); a failure says
    what was on view, what had the focus and what the field held."""
    app = pilot.app

    def done() -> bool:
        got = _typed_in(app, dialog, field)
        return got.endswith(text) if ending else got == text

    await until(pilot, done, state=lambda: (app.screen, app.focused, _typed_in(app, dialog, field)))


@pytest.mark.parametrize(
    ("area", "focus", "key", "dialog", "field"),
    [
        ("p", None, "/", PlaybookFind, "#find-words"),  # the playbook's find
        ("g", "#people-list", "c", TalkDialog, "#asked"),  # a list's key, its form posted as a message
        ("g", "#people-list", "e", PersonDialog, "#name"),
        ("g", "#people-list", "l", AchievementPicker, "#pick-search"),
        ("t", "#stage-list", "l", AchievementPicker, "#pick-search"),
        ("j", "#list", "l", QuestionPicker, "#pick-q-search"),  # the picker opens once the questions are read
        ("i", "#bank-table", "e", QuestionForm, "#text"),  # the bank's question, read first
        ("t", None, "P", ProfileDialog, "#name"),  # the profile, read first
        ("w", "#wins-list", "e", AchievementForm, "#title"),  # the week's win, read first
    ],
)
async def test_a_key_whose_dialog_comes_later_takes_the_keys_typed_after_it(demo_db, area, focus, key, dialog, field):
    """The playbook's "/delegat" in one read opened its find with no words (the letters went to the
    page, "g" of them to the people); the people's "cAsked about the board" sent "Asked…" to the
    list, whose "s" opened the skills. Each dialog now gets what was typed after its key, in order."""
    app = CtoApp(db_path=demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_area(pilot, area)
        if area == "i":  # the bank's key: its tab shown, its questions listed
            await press(pilot, "2")
            await until(pilot, lambda: screen.query_one(focus).row_count > 0)
        if focus is not None:
            screen.query_one(focus).focus()
            await settle(pilot)
        burst(app, [key, *" Zed Lo"])
        await until_typed(pilot, dialog, field, " Zed Lo", ending=True)


@pytest.mark.parametrize(
    ("profiled", "opens", "dialog", "field"),
    [
        (False, ("timeline", "profile"), ProfileDialog, "#years"),  # "Give your years...": the profile, in Years
        (True, ("journal", "new"), AchievementForm, "#title"),  # "Write down your first achievement"
    ],
)
async def test_homes_key_for_an_action_that_opens_a_form_takes_the_keys_typed_after_it(
    db_path, profiled, opens, dialog, field
):
    """Home's "1" opens its action's form once the area is shown: "1Cut p95 from 9s to 3s" in one read
    lost "Cut p95" (Home's own keys took them: its "u" brings a snoozed action back). They wait for
    the form now."""
    if profiled:
        db = open_db(db_path)
        profile.update(db, years=6, role="Staff engineer")
        db.close()
    app = CtoApp(db_path=db_path, welcome=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: app.db_ready and app.screen.query_one(CoachList).actions)
        await settle(pilot)
        first = next(iter(app.screen.query_one(CoachList).actions.values()))
        assert (first.area, first.target) == opens
        burst(app, ["1", *" Zed Lo"])
        await until_typed(pilot, dialog, field, " Zed Lo", ending=True)


@pytest.mark.parametrize(
    ("keys", "dialog", "field", "typed"),
    [
        (["j", "/", *"oncall"], None, "#search", "oncall"),  # the journal's search box
        (["g", "a", *"Zed Lo"], PersonDialog, "#name", "Zed Lo"),  # people: add a person
        (["j", "h", "i", "a", *"Zed Lo"], QuestionForm, "#text", "Zed Lo"),  # areas in a row, then a form
    ],
)
async def test_keys_typed_after_an_areas_key_go_to_that_area(db_path, keys, dialog, field, typed):
    """ "j/oncall" in one read showed the journal with an empty search box: the keys after "j" went to
    Home, being left, and were lost. They wait for the area's screen now (TypeAhead.hold_until_shown),
    then go on as typed there (a form they open takes the rest)."""
    app = CtoApp(db_path=db_path, welcome=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: app.db_ready)
        await settle(pilot)
        burst(app, keys)

        def typed_in() -> str:
            if dialog is not None:
                return _typed_in(app, dialog, field)
            boxes = app.screen.query(field)
            return boxes.first().value if boxes else ""

        await until(pilot, lambda: typed_in() == typed, state=lambda: (app.screen, app.focused, typed_in()))


@pytest.mark.parametrize(
    ("answer", "title"),
    [
        ("d", "Zed Lo"),  # Discard it: a fresh form takes what was typed
        ("r", "Kept for laterZed Lo"),  # Restore: the draft, and what was typed after it (nothing lost)
        ("escape", None),  # Not now: the form closes, the keys are dropped (not run as the journal's)
    ],
)
async def test_keys_typed_ahead_of_the_draft_question_wait_for_its_answer(db_path, answer, title):
    """ "nZed Lo" in one read with a draft left here: the form asks "Restore it?" first. The keys went
    to the question once the hold's second was up, and its "d" (Discard it) dropped the draft kept
    for later. They wait for the answer now, then go into the form; "Not now" drops them."""
    db = open_db(db_path)
    save_draft(db, "journal:new", {"title": "Kept for later"})
    db.close()
    app = CtoApp(db_path=db_path, welcome=False)
    async with app.run_test(size=(80, 24)) as pilot:
        journal = await open_area(pilot, "j")
        burst(app, ["n", *"Zed Lo"])
        await until(pilot, lambda: isinstance(app.screen, ChoiceDialog))
        held = app.type_ahead
        await until(pilot, lambda: held.screen is None)  # the hold's second is up
        await settle(pilot)
        assert isinstance(app.screen, ChoiceDialog)  # what was typed did not answer it ("d" of "Zed" discards)
        await press(pilot, answer)
        if title is None:
            await until(pilot, lambda: app.screen is journal)
            await settle(pilot)
            assert app.screen is journal and not journal.query_one("#search", Input).value
            assert load_draft(app.db, "journal:new").payload["title"] == "Kept for later"
        else:
            await until_typed(pilot, AchievementForm, "#title", title)
