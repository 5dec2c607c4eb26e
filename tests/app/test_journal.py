"""The journal screen driven with keys and clicks, checked against the database."""

from __future__ import annotations

from datetime import timedelta

from pilot_tools import at_rest, db_ready, press, screen_text, settle
from pilot_tools import wait_for as until
from textual.widgets import Input

from ctotui.core import clock
from ctotui.core.db import open_db
from ctotui.core.demo import build as demo
from ctotui.core.drafts import load_draft, save_draft
from ctotui.core.journal.entries import (
    JournalFilter,
    add_achievement,
    count_achievements,
    get_achievement,
    page_achievements,
)
from ctotui.ui.app import CtoApp
from ctotui.ui.dialogs.choice import ChoiceDialog
from ctotui.ui.journal.achievement_list import AchievementList
from ctotui.ui.journal.card import LATEST, TITLE_ROOM, JournalCard
from ctotui.ui.journal.filter import JournalFilterDialog
from ctotui.ui.journal.form import AchievementForm
from ctotui.ui.journal.pick import AchievementPicker
from ctotui.ui.journal.screen import JournalScreen

SIZE = (80, 24)
WIDE = (120, 40)  # for the tests that read what only fits on a wider screen


async def type_text(pilot, text: str) -> None:
    await press(pilot, *("space" if ch == " " else ch for ch in text))


def listing(app) -> AchievementList:
    return app.screen.query_one("#list", AchievementList)


async def open_journal(pilot) -> JournalScreen:
    await press(pilot, "j")
    await until(pilot, lambda: isinstance(pilot.app.screen, JournalScreen))
    await settle(pilot)  # what the screen reads in its workers is on screen
    return pilot.app.screen


async def open_new_form(pilot, title: str, *, typed: bool = False) -> AchievementForm:
    """The journal, n, and a title in the new form: typed key by key (``typed``) or put in directly
    (~80 ms a key saved where typing is not what the test is about)."""
    await open_journal(pilot)
    await press(pilot, "n")
    await until(pilot, lambda: isinstance(pilot.app.screen, AchievementForm) and pilot.app.screen.query("#title"))
    await settle(pilot)  # the form reads its draft in a worker
    if typed:
        await type_text(pilot, title)
    else:
        pilot.app.screen.query_one("#title", Input).value = title
        await at_rest(pilot)
    return pilot.app.screen


def seeded(db_path, n: int = 3) -> None:
    db = open_db(db_path)
    for i in range(n):
        add_achievement(
            db,
            title=f"Entry {i} about kafka" if i % 2 else f"Entry {i} about billing",
            occurred_on=f"2026-01-{i + 1:02d}",
            category="scale" if i % 2 else "savings",
            skills=["leadership"] if i % 2 else [],
            tags=["ops"] if i == 0 else [],
            metric="parse",
        )
    db.close()


async def test_add_through_the_form(db_path):
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=WIDE) as pilot:
        form = await open_new_form(pilot, "Cut deploy time from 45 minutes to 7 minutes")
        await until(pilot, lambda: form.query_one("#metric").value == "45 -> 7 min")  # read from the title
        await press(pilot, "tab", *"2026-03-02", "tab")  # the date: a new entry's is selected on entering, typed over
        await pilot.click("#skills", offset=(4, 3))  # the third skill (Leadership), with the mouse
        await press(pilot, "ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, JournalScreen))
        (a,) = page_achievements(app.db).items
        assert a.title == "Cut deploy time from 45 minutes to 7 minutes"
        assert a.occurred_on.isoformat() == "2026-03-02"
        assert (a.metric_before, a.metric_after, a.metric_unit) == (45, 7, "min")
        assert a.skills == ("leadership",)
        assert [x.id for x in listing(app).items] == [a.id]
        assert listing(app).highlighted.id == a.id
        assert load_draft(app.db, "journal:new") is None  # saved for real: no draft left


async def test_a_day_typed_over_a_new_entrys_date_replaces_it_then_the_field_is_the_users(db_path):
    """Tab from the title, type "yesterday": that day, not "2026-12-05yesterday" refused on save.
    Once typed in, entering the field again leaves its text alone (a key adds, as in every field)."""
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        form = await open_new_form(pilot, "Ran the planning offsite")
        date = form.query_one("#date", Input)
        assert date.value == clock.today().isoformat()
        await press(pilot, "tab")
        await until(pilot, lambda: date.has_focus)
        await type_text(pilot, "yesterday")
        await until(pilot, lambda: date.value == "yesterday")
        await press(pilot, "shift+tab", "tab", "backspace")
        await until(pilot, lambda: date.value == "yesterda")
        await press(pilot, "y", "ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, JournalScreen))
        (a,) = page_achievements(app.db).items
        assert a.occurred_on == clock.today() - timedelta(days=1)


async def test_a_new_entry_is_highlighted_and_shown_once_saved(db_path):
    seeded(db_path, 3)
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        await db_ready(pilot)  # the list read knows the database's change token: coming back reads again
        form = await open_new_form(pilot, "Shipped the billing rewrite")
        form.query_one("#date", Input).value = "2026-02-01"  # the newest: the top of the list
        await at_rest(pilot)
        await press(pilot, "ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, JournalScreen))
        await settle(pilot)
        (new,) = [a for a in page_achievements(app.db).items if a.title == "Shipped the billing rewrite"]
        assert listing(app).items[0].id == new.id
        assert listing(app).highlighted.id == new.id
        await until(pilot, lambda: "Saved #" in " ".join(str(n.message) for n in app.notices))
        assert "Shipped the billing" in screen_text(app).split("Details")[1]  # the Details pane shows it


async def test_form_errors_stay_in_the_form(db_path):
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_journal(pilot)
        await press(pilot, "n")
        await until(pilot, lambda: isinstance(app.screen, AchievementForm))
        await press(pilot, "ctrl+s")
        await at_rest(pilot)
        assert isinstance(app.screen, AchievementForm)
        assert "title is empty" in str(app.screen.query_one("#error").render())
        assert count_achievements(app.db) == 0


async def test_search_as_you_type_and_filters(db_path):
    seeded(db_path, 6)
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_journal(pilot)
        assert len(listing(app).items) == 6
        await press(pilot, "slash", *"kaf")
        await until(pilot, lambda: len(listing(app).items) == 3)
        assert all("kafka" in a.title for a in listing(app).items)
        assert "3 of 6 shown" in str(screen.query_one("#status").render())
        await press(pilot, "enter", "x")  # to the list, then clear
        await until(pilot, lambda: len(listing(app).items) == 6)
        await press(pilot, "c")  # first category: scale
        assert screen.filters.category == "scale" and len(listing(app).items) == 3
        await press(pilot, "c")  # savings
        assert {a.category for a in listing(app).items} == {"savings"}
        await press(pilot, "x", "f")
        await until(pilot, lambda: app.screen.query("#tag"))
        app.screen.query_one("#tag").focus()
        await press(pilot, *"ops", "enter")
        await until(pilot, lambda: isinstance(app.screen, JournalScreen))
        assert screen.filters == JournalFilter(tag="ops")
        assert [a.title for a in listing(app).items] == ["Entry 0 about billing"]


async def test_the_filter_dialog_says_from_and_to_as_its_fields_are_labelled(db_path):
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_journal(pilot)
        await press(pilot, "f")
        await until(pilot, lambda: isinstance(app.screen, JournalFilterDialog) and app.screen.query("#since"))
        dialog = app.screen

        def error() -> str:
            return str(dialog.query_one("#filter-error").render())

        dialog.query_one("#since", Input).value = "2026-02-30"
        dialog.action_apply()
        await until(pilot, lambda: "bad From date '2026-02-30'" in error())
        dialog.query_one("#since", Input).value = "2026-03-10"
        dialog.query_one("#until", Input).value = "2026-03-01"
        dialog.action_apply()
        await until(pilot, lambda: "From 2026-03-10 is after To 2026-03-01: nothing can match" in error())
        assert "since" not in error() and "until" not in error()


async def test_delete_and_undo(db_path):
    seeded(db_path, 3)
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_journal(pilot)
        top = listing(app).highlighted
        await press(pilot, "d")
        assert get_achievement(app.db, top.id, include_deleted=True).deleted_at is not None
        assert top.id not in [a.id for a in listing(app).items]
        assert any("to undo" in str(n.message) for n in app.notices)
        await press(pilot, "u")
        assert get_achievement(app.db, top.id).deleted_at is None
        await until(pilot, lambda: listing(app).highlighted.id == top.id)  # the list read again, the cursor back


async def test_edit_keeps_the_id(db_path):
    seeded(db_path, 2)
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_journal(pilot)
        await press(pilot, "down")
        target = listing(app).highlighted
        await press(pilot, "enter")  # enter edits too
        await until(pilot, lambda: isinstance(app.screen, AchievementForm))
        await settle(pilot)  # an entry without a number opens in the Number field: the title is clicked
        await pilot.click("#title")
        await press(pilot, "end", *" and more")
        await press(pilot, "ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, JournalScreen))
        assert get_achievement(app.db, target.id).title == target.title + " and more"
        assert count_achievements(app.db) == 2
        assert listing(app).highlighted.id == target.id


async def test_leaving_a_form_with_text_asks_and_keeps_the_draft(db_path):
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_new_form(pilot, "Half a thought", typed=True)  # the form's test that types
        await until(pilot, lambda: load_draft(app.db, "journal:new") is not None)  # kept while typing
        await press(pilot, "escape")
        await until(pilot, lambda: isinstance(app.screen, ChoiceDialog))
        await press(pilot, "k")  # Keep draft
        await until(pilot, lambda: isinstance(app.screen, JournalScreen))
        assert load_draft(app.db, "journal:new").payload["title"] == "Half a thought"
        assert count_achievements(app.db) == 0
        await press(pilot, "n")
        await until(pilot, lambda: isinstance(app.screen, ChoiceDialog))
        await press(pilot, "r")  # Restore
        await until(pilot, lambda: isinstance(app.screen, AchievementForm))
        assert app.screen.query_one("#title").value == "Half a thought"
        await press(pilot, "escape")
        await until(pilot, lambda: isinstance(app.screen, ChoiceDialog))
        await press(pilot, "d")  # Discard
        await until(pilot, lambda: isinstance(app.screen, JournalScreen))
        assert load_draft(app.db, "journal:new") is None


async def test_escape_on_the_restore_question_keeps_the_draft(db_path):
    """Esc (Not now) on "Restore it?" leaves the draft for next time; only "Discard it" deletes it."""
    db = open_db(db_path)
    save_draft(db, "journal:new", {"title": "Kept for later"})
    db.close()
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_journal(pilot)
        for _ in range(2):  # asked again after esc
            await press(pilot, "n")
            await until(pilot, lambda: isinstance(app.screen, ChoiceDialog))
            await press(pilot, "escape")  # Not now
            await until(pilot, lambda: isinstance(app.screen, JournalScreen))
            assert load_draft(app.db, "journal:new").payload["title"] == "Kept for later"
        await press(pilot, "n")
        await until(pilot, lambda: isinstance(app.screen, ChoiceDialog))
        await press(pilot, "d")  # Discard it
        await until(pilot, lambda: isinstance(app.screen, AchievementForm))
        await until(pilot, lambda: load_draft(app.db, "journal:new") is None)


async def test_draft_survives_the_app_closing_with_the_form_open(db_path):
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_new_form(pilot, "Typed then closed")
        await press(pilot, "tab", "tab", "tab", *"perf")  # date, category, tags
        await app.action_quit()
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_journal(pilot)
        await press(pilot, "n")
        await until(pilot, lambda: isinstance(app.screen, ChoiceDialog))
        await press(pilot, "enter")  # Restore is the default
        await until(pilot, lambda: isinstance(app.screen, AchievementForm))
        assert app.screen.query_one("#title").value == "Typed then closed"
        assert app.screen.query_one("#tags").value == "perf"
        await press(pilot, "ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, JournalScreen))
        (a,) = page_achievements(app.db).items
        assert (a.title, a.tags) == ("Typed then closed", ("perf",))


async def test_the_list_is_paged_as_you_scroll(db_path):
    db = open_db(db_path)
    demo.fill(db, achievements=260)
    db.close()
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_journal(pilot)
        first = len(listing(app).items)
        assert 0 < first < 260  # never the whole journal
        for _ in range(12):
            await press(pilot, "pagedown")
        grown = listing(app).items
        assert first < len(grown) < 260
        assert len({a.id for a in grown}) == len(grown)
        listing(app).scroll_end(animate=False, immediate=True)  # the mouse wheel or the scrollbar
        await at_rest(pilot)
        assert len(listing(app).items) > len(grown)


async def test_picker_searches_and_returns_an_id(db_path):
    seeded(db_path, 4)
    app = CtoApp(db_path=db_path)
    picked = []
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(AchievementPicker(title="Link a story"), picked.append)
        await until(pilot, lambda: isinstance(app.screen, AchievementPicker))
        await press(pilot, *"billi")
        await until(pilot, lambda: len(app.screen.query_one("#pick-list", AchievementList).items) == 2)
        await press(pilot, "down", "down", "enter")
        await until(pilot, lambda: picked)
    assert get_achievement(open_db(db_path), picked[0]).title == "Entry 0 about billing"


async def test_dashboard_card_counts(db_path, monkeypatch):
    monkeypatch.setenv("CTOTUI_NOW", "2026-01-05T12:00:00+00:00")
    seeded(db_path, 5)
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        await db_ready(pilot)
        card = app.screen.query_one(JournalCard)
        text = str(card.render())
        assert text  # rendered
        await open_journal(pilot)
        await press(pilot, "d")
        await press(pilot, "h")
        await until(pilot, lambda: app.screen.query(JournalCard) and "Entry 4" not in _card_text(app))


def _card_text(app) -> str:
    card = app.screen.query_one(JournalCard)
    lines = card.render_lines(card.region.reset_offset)
    return "\n".join("".join(seg.text for seg in line) for line in lines)


async def test_the_card_gives_the_titles_room_at_80_columns_and_puts_the_counts_beside_them_wider(demo_db):
    """At 80 columns the counts went beside the latest titles and cut them to ~14 characters
    ("Rebuilt the le…"); there the counts now stand above, and each title shows whole or keeps
    card.TITLE_ROOM characters. On a wide screen they stand beside the titles, as before."""
    db = open_db(demo_db)
    latest = [a.title for a in page_achievements(db, limit=LATEST).items]
    db.close()
    for size, beside in ((SIZE, False), ((160, 50), True)):
        app = CtoApp(db_path=demo_db)
        async with app.run_test(size=size) as pilot:
            await db_ready(pilot)
            await until(pilot, lambda: "in all" in _card_text(pilot.app))
            text = _card_text(app)
            rows = text.splitlines()
            assert ("this week · " not in text) is beside and any(
                "in March" in r and "Mar" in r.replace("in March", "") for r in rows
            ) is beside
            for title in latest:
                row = next(r for r in rows if title[:12] in r)
                shown = row[row.index(title[:12]) :].split("…")[0]
                assert title in row or len(shown) >= TITLE_ROOM, (title, row)


async def test_the_details_wrap_a_long_tag_instead_of_cutting_it(db_path):
    tag = "supercalifragilisticexpialidocious-flags"  # 40 characters, the most a tag holds: wider than the pane
    db = open_db(db_path)
    add_achievement(db, title="Rolled out the flag", tags=[tag, "ops"], occurred_on="2026-01-05")
    db.close()
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_journal(pilot)
        await until(pilot, lambda: not screen.detail_pending and "Tags" in _lines(screen.query_one("#detail-head")))
        head = _lines(screen.query_one("#detail-head"))
        assert "…" not in head
        tags_on = head[head.index("Tags") :].split("written")[0]
        joined = "".join(line.strip() for line in tags_on.splitlines())  # the lines the tags run over, as one
        assert f"#{tag}" in joined and "#ops" in joined


def _lines(widget) -> str:
    return "\n".join("".join(seg.text for seg in line) for line in widget.render_lines(widget.region.reset_offset))


BODY_IN_LINES = "Context: deploys took 45 min\nResult: now 7 min\nLesson: measure first"


async def test_the_details_keep_the_bodys_single_line_breaks(db_path):
    """The form's prompts ask for context, result and lesson on lines of their own: the details
    pane ran them into one paragraph. Lists and code blocks still render as Markdown."""
    db = open_db(db_path)
    body = f"{BODY_IN_LINES}\n\n- first point\n- second point\n\n```\nmake deploy\nmake check\n```"
    add_achievement(db, title="Cut deploy time", body=body, occurred_on="2026-01-05")
    db.close()
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await open_journal(pilot)
        await until(pilot, lambda: not screen.detail_pending and "Lesson" in _lines(screen.query_one("#detail-body")))
        shown = [line.strip() for line in _lines(screen.query_one("#detail-body")).splitlines()]
        assert BODY_IN_LINES.splitlines() == shown[:3]
        assert "• first point" in shown and "• second point" in shown
        assert "make deploy" in shown and "make check" in shown
        assert not any(line.startswith("```") for line in shown)
        assert get_achievement(app.db, 1).body == body  # stored as typed


TAGS_BODY = (
    "Swapped <Modal> for <Dialog>.\n"
    "<details>\nsecret block\n</details>\n"
    "p99 < 200ms and > 50ms\n"
    "# of incidents: 3\n\n"
    "**Result**: faster\n\n- one point"
)


async def test_the_details_show_tag_like_text_as_typed(db_path):
    """'<Modal>' and a '<details>' block vanished from the details pane (read as raw HTML), and
    everything after '<details>' up to the next blank line with it; a '# of' line became a heading.
    The Markdown the user wrote (bold, a list) still renders."""
    db = open_db(db_path)
    add_achievement(db, title="Dialogs everywhere", body=TAGS_BODY, occurred_on="2026-01-05")
    db.close()
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await open_journal(pilot)
        await until(pilot, lambda: not screen.detail_pending and "faster" in _lines(screen.query_one("#detail-body")))
        shown = [line.strip() for line in _lines(screen.query_one("#detail-body")).splitlines()]
        assert shown[:6] == [
            "Swapped <Modal> for <Dialog>.",
            "<details>",
            "secret block",
            "</details>",
            "p99 < 200ms and > 50ms",
            "# of incidents: 3",
        ]
        assert "Result: faster" in shown and "• one point" in shown  # the ** taken as bold, the - as a list
