"""The journal's search box driven with Pilot: engineers' words, an empty result
that names a key which works where the cursor is, and unknown fields."""

from __future__ import annotations

import re

from pilot_tools import at_rest, press, screen_text, settle
from pilot_tools import wait_for as until
from textual.widgets import Input, Select

from ctotui.core.db import open_db
from ctotui.core.journal.entries import JournalFilter, add_achievement, page_achievements
from ctotui.ui.app import CtoApp
from ctotui.ui.journal.achievement_list import AchievementList
from ctotui.ui.journal.card import JournalCard
from ctotui.ui.journal.filter import JournalFilterDialog
from ctotui.ui.journal.screen import EMPTY_JOURNAL, SEARCH_HINT, JournalScreen

SIZE = (80, 24)


def seeded(db_path) -> None:
    db = open_db(db_path)
    add_achievement(db, title="Took the on-call pager", occurred_on="2026-01-05", tags=["ops"])
    add_achievement(db, title="Turned on the call recorder", occurred_on="2026-01-06", category="customers")
    add_achievement(db, title="Removed the feature-flag debt", occurred_on="2026-01-07", tags=["perf"])
    db.close()


async def open_search(pilot) -> tuple[JournalScreen, Input, AchievementList]:
    await press(pilot, "j")
    await until(pilot, lambda: isinstance(pilot.app.screen, JournalScreen))
    await settle(pilot)
    screen = pilot.app.screen
    await press(pilot, "slash")
    box = screen.query_one("#search", Input)
    await until(pilot, lambda: screen.focused is box)
    return screen, box, screen.query_one("#list", AchievementList)


def written(db_path, *titles: str) -> None:
    """Entries with ``titles``, one a day from 4 January 2026: the last is the newest."""
    with open_db(db_path) as db:
        for day, title in enumerate(titles, 4):
            add_achievement(db, title=title, occurred_on=f"2026-01-{day:02d}")


def titles(listing: AchievementList) -> list[str]:
    return [a.title for a in listing.items]


def drawn(listing: AchievementList) -> str:
    """The list's first rows as drawn (an empty list draws its message there)."""
    return "\n".join(listing.render_line(y).text.strip() for y in range(5)).strip()


async def test_the_box_reads_engineers_words(db_path):
    seeded(db_path)
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        screen, box, listing = await open_search(pilot)
        assert box.placeholder == SEARCH_HINT and "#tag" in SEARCH_HINT and "skill:" in SEARCH_HINT
        box.value = "on-call"
        await until(pilot, lambda: titles(listing) == ["Took the on-call pager"])
        box.value = "oncall"  # written as one word, it finds the entry that wrote it apart
        await until(pilot, lambda: titles(listing) == ["Took the on-call pager"] and screen.filters.text == "oncall")
        await until(pilot, lambda: "1 of 3 shown" in str(screen.query_one("#status").render()))  # the count agrees
        box.value = "feature-fl"  # the last word is a prefix while typing
        await until(pilot, lambda: titles(listing) == ["Removed the feature-flag debt"])
        box.value = "#perf OR #ops"
        await until(pilot, lambda: titles(listing) == ["Removed the feature-flag debt", "Took the on-call pager"])
        box.value = "on -pager"
        await until(pilot, lambda: titles(listing) == ["Turned on the call recorder"])
        assert screen.filters == JournalFilter(text="on -pager", typing=True)


async def test_an_empty_result_names_esc_and_esc_clears_from_the_box_and_the_list(db_path):
    seeded(db_path)
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        screen, box, listing = await open_search(pilot)
        box.value = "kubernetes"
        await until(pilot, lambda: not listing.items and screen.filters.text == "kubernetes")
        assert drawn(listing) == "Nothing matches “kubernetes”.\nEsc clears the search."
        await press(pilot, "escape")  # in the box, where the cursor is
        await until(pilot, lambda: len(listing.items) == 3)
        assert box.value == "" and screen.filters == JournalFilter() and screen.focused is listing

        await press(pilot, "slash")
        box.value = "kubernetes"
        await until(pilot, lambda: not listing.items)
        await press(pilot, "enter")  # to the list: the same key still clears
        await until(pilot, lambda: screen.focused is listing)
        assert drawn(listing) == "Nothing matches “kubernetes”.\nEsc clears the search."
        await press(pilot, "escape")
        await until(pilot, lambda: len(listing.items) == 3)
        assert box.value == "" and screen.filters == JournalFilter()


async def test_a_message_too_long_for_the_list_wraps_instead_of_being_cut(db_path):
    """At 80 columns the list is 44 wide: the empty journal's message was cut at "Press n to write
    down", and a long search at its end. Each line of a message now wraps under its indent."""
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        screen, box, listing = await open_search(pilot)
        await press(pilot, "escape")
        await until(pilot, lambda: " ".join(drawn(listing).split()) == EMPTY_JOURNAL)
        assert len(drawn(listing).splitlines()) > 1  # wrapped: it does not fit in one row
        long = "a search long enough that its message cannot fit on one row"
        box.value = long
        await until(pilot, lambda: screen.filters.text == long and drawn(listing).endswith("Esc clears the search."))
        assert " ".join(drawn(listing).split()) == f"Nothing matches “{long}”. Esc clears the search."


async def test_with_filters_too_esc_clears_the_search_then_x_the_filters(db_path):
    seeded(db_path)
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        screen, box, listing = await open_search(pilot)
        screen.apply(JournalFilter(category="customers"))
        box.value = "pager"
        await until(pilot, lambda: not listing.items and screen.filters.text == "pager")
        assert drawn(listing) == "Nothing matches “pager”.\nEsc clears the search.\nThen x clears the filters."
        await press(pilot, "escape")
        await until(pilot, lambda: titles(listing) == ["Turned on the call recorder"])
        assert screen.filters == JournalFilter(category="customers") and screen.focused is listing
        await press(pilot, "x")
        await until(pilot, lambda: len(listing.items) == 3)


async def test_filters_alone_name_x_in_the_list_and_esc_first_in_the_box(db_path):
    seeded(db_path)
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        screen, box, listing = await open_search(pilot)
        screen.apply(JournalFilter(category="scale"))
        await until(pilot, lambda: not listing.items)
        assert drawn(listing) == "Nothing matches the filters.\nEsc, then x clears them."  # x would be typed here
        await press(pilot, "escape")
        await until(pilot, lambda: screen.focused is listing)
        assert drawn(listing) == "Nothing matches the filters.\nPress x to clear them."
        await press(pilot, "x")
        await until(pilot, lambda: len(listing.items) == 3)


async def test_an_unknown_skill_is_said_in_the_status_line(db_path):
    seeded(db_path)
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        screen, box, listing = await open_search(pilot)
        box.value = "skill:"  # as typed: a search that narrows nothing is read first, then the name
        box.value = "skill:charisma"
        status = screen.query_one("#status")
        await until(pilot, lambda: "unknown skill 'charisma'" in str(status.render()))
        assert status.has_class("-error") and len(listing.items) == 3  # the list is left as it was
        await at_rest(pilot)  # the count of "skill:" came in after: the error is still what it says
        assert status.has_class("-error") and "unknown skill 'charisma'" in str(status.render())
        await press(pilot, "enter")  # the box stays, to be corrected
        await at_rest(pilot)
        assert screen.focused is box and "unknown skill 'charisma'" in str(status.render())
        box.value = "skill:lead"
        await until(pilot, lambda: not status.has_class("-error"))
        assert not listing.items and screen.filters.text == "skill:lead"


async def test_the_filter_dialog_keeps_the_search_as_typed(db_path):
    seeded(db_path)
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        screen, box, listing = await open_search(pilot)
        box.value = "feature-fl"
        await until(pilot, lambda: titles(listing) == ["Removed the feature-flag debt"])
        await press(pilot, "enter", "f")
        await until(pilot, lambda: not isinstance(app.screen, JournalScreen))
        await press(pilot, "ctrl+s")  # apply the dialog as it is
        await until(pilot, lambda: isinstance(app.screen, JournalScreen))
        assert screen.filters == JournalFilter(text="feature-fl", typing=True)
        assert titles(listing) == ["Removed the feature-flag debt"]


async def test_no_number_in_the_box_in_the_dialog_and_the_palette(db_path):
    """The entries without a number, three ways: typed, chosen in the filter dialog, and the palette's
    command; each list is what the database holds without a number."""
    seeded(db_path)
    db = open_db(db_path)
    add_achievement(db, title="Cut the on-call pages from 40 to 12 a week", occurred_on="2026-01-08", metric="parse")
    bare = [a.title for a in page_achievements(db, limit=100).items if not a.has_number]
    db.close()
    assert len(bare) == 3
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        screen, box, listing = await open_search(pilot)
        assert "no:number" in SEARCH_HINT
        box.value = "no:number"
        await until(pilot, lambda: titles(listing) == bare)
        box.value = "on-call has:number"
        await until(pilot, lambda: titles(listing) == ["Cut the on-call pages from 40 to 12 a week"])
        await press(pilot, "escape", "f")
        await until(pilot, lambda: isinstance(app.screen, JournalFilterDialog) and app.screen.query("#number"))
        app.screen.query_one("#number", Select).value = False  # "without one"
        await press(pilot, "ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, JournalScreen))
        assert screen.filters == JournalFilter(number=False)
        await until(pilot, lambda: titles(listing) == bare)
        await press(pilot, "x")
        await until(pilot, lambda: len(listing.items) == 4)
        await screen.run_action("only('number', False)")  # the palette's "without a number"
        await until(pilot, lambda: titles(listing) == bare)
        await until(pilot, lambda: "3 of 4 shown · without a number" in str(screen.query_one("#status").render()))


async def test_a_search_with_brackets_is_told_back_as_typed_not_read_as_markup(db_path):
    seeded(db_path)
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:  # toasts drawn, as a user sees them
        screen, box, listing = await open_search(pilot)
        for typed in ("skill:[b]x", "skill:[/x]"):  # read as markup: "x" in bold; a closing tag nobody opened
            box.value = typed
            await press(pilot, "enter")
            said = f"unknown skill '{typed[6:]}'"
            await until(pilot, lambda said=said: any(said in str(t.render()) for t in app.screen.query("Toast")))
            assert screen.focused is box


def status_of(screen: JournalScreen) -> str:
    return str(screen.query_one("#status").render())


async def test_the_total_follows_a_delete_under_a_search(db_path):
    """'3 of 4 shown · "no:number"', then d on one of them: it said '2 of 4 shown' with 3 entries left."""
    seeded(db_path)
    db = open_db(db_path)
    add_achievement(db, title="Cut the on-call pages from 40 to 12 a week", occurred_on="2026-01-08", metric="parse")
    db.close()
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        screen, box, listing = await open_search(pilot)
        box.value = "no:number"
        await until(pilot, lambda: "3 of 4 shown" in status_of(screen))
        await press(pilot, "down", "d")
        await until(pilot, lambda: len(listing.items) == 2)
        await until(pilot, lambda: "2 of 3 shown" in status_of(screen))


async def test_the_total_follows_an_entry_written_elsewhere(db_path):
    """The journal seen with 3 entries, one added by the CLI, then Home's 'without a number' line:
    it said '3 of 3 shown · without a number' while the journal held 4."""
    seeded(db_path)
    db = open_db(db_path)
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        screen, _box, listing = await open_search(pilot)
        await press(pilot, "escape")
        await until(pilot, lambda: "3 achievements" in status_of(screen))
        await press(pilot, "h")
        add_achievement(db, title="Wrote the on-call handbook", occurred_on="2026-01-09")
        card = app.screen.query_one(JournalCard)
        await until(pilot, lambda: re.search(r"\b4\s+without a number", screen_text(app)))  # the watcher saw it
        card.focus()
        await press(pilot, "enter")
        await until(pilot, lambda: app.screen is screen and len(listing.items) == 4 and not listing.more)
        await until(pilot, lambda: "4 of 4 shown · without a number" in status_of(screen))
    db.close()


async def test_enter_searches_a_last_lone_letter_too(db_path):
    """While typing, a last lone letter is left out (it would match nearly everything for a moment);
    once enter ends the typing, "plan b" kept listing every plan, where `ctotui search` found one."""
    written(db_path, "Wrote plan b for the launch", "Wrote the launch plan")
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        screen, box, listing = await open_search(pilot)
        box.value = "plan b"
        await until(pilot, lambda: len(titles(listing)) == 2)  # as typed: the b is still coming
        await press(pilot, "enter")
        await until(pilot, lambda: titles(listing) == ["Wrote plan b for the launch"])
        assert app.focused is listing


async def test_a_lone_ideograph_is_searched_while_typing(db_path):
    """A lone ideograph is a whole word: the box held "会" and the list still showed every entry,
    where `ctotui search 会` found one."""
    written(db_path, "会議の進行を改善", "障害対応の手順を整備", "Wrote the launch plan")
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        screen, box, listing = await open_search(pilot)
        box.value = "会"
        await until(pilot, lambda: titles(listing) == ["会議の進行を改善"])
        box.value = "障"
        await until(pilot, lambda: titles(listing) == ["障害対応の手順を整備"])
        assert screen.filters == JournalFilter(text="障", typing=True)


def lit(listing: AchievementList, y: int) -> str:
    """The text drawn as a match (bold underline) on line ``y`` of the list."""
    return "".join(s.text for s in listing.render_line(y) if s.style is not None and s.style.underline)


async def test_a_match_is_lit_with_its_accents_folded(db_path):
    """Searching "cafe" found "Café launch" and left "Café" plain; a lone "会" found its entry, lit nothing."""
    written(db_path, "会議の進行を改善", "Café launch for the team")
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        screen, box, listing = await open_search(pilot)
        box.value = "cafe "
        await until(pilot, lambda: titles(listing) == ["Café launch for the team"])
        await until(pilot, lambda: lit(listing, 0) == "Café")
        box.value = "会"
        await until(pilot, lambda: titles(listing) == ["会議の進行を改善"])
        await until(pilot, lambda: lit(listing, 0) == "会議の進行を改善")


async def test_a_match_is_lit_whole_where_sharp_s_folds_to_two_letters(db_path):
    """Searching "strasse" found nothing in "Straße fixed"; found, the whole word "Straße" is lit."""
    written(db_path, "Straße fixed at last")
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        screen, box, listing = await open_search(pilot)
        box.value = "strasse "
        await until(pilot, lambda: titles(listing) == ["Straße fixed at last"])
        await until(pilot, lambda: lit(listing, 0) == "Straße")


async def test_a_word_found_written_apart_is_lit_where_it_stands(db_path):
    """ "oncall" found "on-call" (core/journal/search.py ``with_joins``) and lit nothing in it: the
    words to light were worked out from the text typed alone. They come with the list's read now."""
    written(db_path, "Took the on-call pager", "Wrote the oncall handbook")
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        screen, box, listing = await open_search(pilot)
        box.value = "oncall "
        await until(pilot, lambda: titles(listing) == ["Wrote the oncall handbook", "Took the on-call pager"])
        await until(pilot, lambda: (lit(listing, 0), lit(listing, 2)) == ("oncall", "oncall"))  # "on" "call"
        box.value = "on-call "
        await until(
            pilot,
            lambda: screen.filters.text == "on-call " and (lit(listing, 0), lit(listing, 2)) == ("oncall", "oncall"),
        )
        box.value = "handbook "
        await until(pilot, lambda: titles(listing) == ["Wrote the oncall handbook"])
        box.value = "on call "  # two words typed apart find the entry that wrote them as one, and light it
        await until(
            pilot,
            lambda: (
                titles(listing) == ["Wrote the oncall handbook", "Took the on-call pager"]
                and (lit(listing, 0), lit(listing, 2)) == ("oncall", "oncall")
            ),
        )
