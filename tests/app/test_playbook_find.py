"""The playbook reader: / finds words in every section and opens the section at the line."""

from __future__ import annotations

from pilot_tools import at_rest, db_ready, press, screen_text, wait_for
from textual.widgets import Input, Markdown, OptionList
from textual.widgets.markdown import MarkdownBlock

from ctotui.ui.app import CtoApp
from ctotui.ui.playbook.find import PlaybookFind
from ctotui.ui.playbook.screen import PlaybookScreen

SIZE = (80, 24)


async def open_playbook(pilot) -> PlaybookScreen:
    await db_ready(pilot)
    await press(pilot, "p")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, PlaybookScreen) and pilot.app.screen.is_mounted)
    await at_rest(pilot)
    return pilot.app.screen


async def test_slash_finds_words_in_every_section_and_opens_the_section_at_the_line(db_path) -> None:
    """There was no way to find "due diligence" but to read section after section."""
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_playbook(pilot)
        sections = screen.query_one("#sections", OptionList)
        assert sections.highlighted == sections.get_option_index("role")
        await press(pilot, "slash")
        await wait_for(pilot, lambda: isinstance(app.screen, PlaybookFind))
        find = app.screen
        find.query_one("#find-words", Input).value = "DUE diligence"
        await wait_for(pilot, lambda: find.found)
        assert all("due" in hit.text.lower() and "diligence" in hit.text.lower() for hit in find.found)
        assert {hit.slug for hit in find.found} >= {"interview"}
        assert "lines" in str(find.query_one("#find-status").render()) or len(find.found) == 1
        hit = find.found[0]
        await press(pilot, "enter")
        await wait_for(pilot, lambda: app.screen is screen)
        await wait_for(pilot, lambda: sections.highlighted == sections.get_option_index(hit.slug))
        await wait_for(pilot, lambda: screen.last_found == hit.line)
        await at_rest(pilot)
        page_lines = screen_text(app).splitlines()
        assert any(hit.text[:30] in line for line in page_lines[1:8]), page_lines  # at the top of the page


async def test_find_says_when_nothing_holds_the_words_and_esc_leaves_the_page_as_it_was(db_path) -> None:
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_playbook(pilot)
        await press(pilot, "n")
        sections = screen.query_one("#sections", OptionList)
        await wait_for(pilot, lambda: sections.highlighted == 1)
        await press(pilot, "slash")
        await wait_for(pilot, lambda: isinstance(app.screen, PlaybookFind))
        find = app.screen
        find.query_one("#find-words", Input).value = "[b]zebra[/b]"
        await wait_for(pilot, lambda: "Nothing in the playbook" in str(find.query_one("#find-status").render()))
        assert find.query_one("#find-list", OptionList).option_count == 0
        await press(pilot, "escape")
        await wait_for(pilot, lambda: app.screen is screen)
        assert sections.highlighted == 1


async def test_a_long_line_found_wraps_under_its_own_text(db_path) -> None:
    """At 80 columns "The interview  Stack: … a React" went on at the list's edge: "front end"."""
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_playbook(pilot)
        await press(pilot, "slash")
        await wait_for(pilot, lambda: isinstance(app.screen, PlaybookFind))
        app.screen.query_one("#find-words", Input).value = "hero"
        await wait_for(pilot, lambda: "Staying the hero coder" in screen_text(app))
        await at_rest(pilot)
        lines = screen_text(app).splitlines()
        (first,) = [n for n, line in enumerate(lines) if "The interview  Stack:" in line]
        column = lines[first].index("Stack:")
        assert lines[first + 1][:column].strip(" │") == "" and lines[first + 1][column:].strip(), lines[first + 1]


async def test_slash_again_goes_to_the_next_line_found_and_the_line_is_marked_on_the_page(db_path) -> None:
    """Finding the second "due diligence" meant typing the words again and moving down the list; the
    line opened was not marked on the page."""
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_playbook(pilot)
        await press(pilot, "slash")
        await wait_for(pilot, lambda: isinstance(app.screen, PlaybookFind))
        app.screen.query_one("#find-words", Input).value = "diligence"
        await wait_for(pilot, lambda: len(app.screen.found) >= 2)
        found = list(app.screen.found)
        await press(pilot, "enter")
        await wait_for(pilot, lambda: screen.last_found == found[0].line)
        marked = screen.query_one("#text", Markdown).query(".-found")
        assert len(marked) == 1 and found[0].line in (marked.first(MarkdownBlock).source or "")
        await press(pilot, "slash")
        await wait_for(pilot, lambda: isinstance(app.screen, PlaybookFind) and app.screen.found == found)
        again = app.screen
        assert again.query_one("#find-words", Input).value == "diligence"
        assert again.query_one("#find-list", OptionList).highlighted == 1
        assert "enter opens the next" in str(again.query_one("#find-status").render())
        await press(pilot, "enter")
        await wait_for(pilot, lambda: app.screen is screen and screen.last_found == found[1].line)
        await wait_for(pilot, lambda: found[1].line in (screen.query_one(".-found", MarkdownBlock).source or ""))
        assert len(screen.query(".-found")) == 1
        # other words start again at the first line
        await press(pilot, "slash")
        await wait_for(pilot, lambda: isinstance(app.screen, PlaybookFind))
        app.screen.query_one("#find-words", Input).value = "hero"
        await wait_for(pilot, lambda: app.screen.found and app.screen.found[0].text.lower().count("hero"))
        assert app.screen.query_one("#find-list", OptionList).highlighted == 0


def test_the_words_found_are_marked_in_the_list_as_typed() -> None:
    line = PlaybookFind.marked("Due [b]diligence[/b] done", ["DILIGENCE"])
    assert line.plain == "Due [b]diligence[/b] done"
    assert [line.plain[s.start : s.end] for s in line.spans] == ["diligence"]


async def test_a_task_line_shows_a_box_not_brackets_and_find_still_opens_at_it(db_path) -> None:
    """The on-track signals read "• [ ] You are brought into discussions…": Textual's Markdown has no
    task lists. A task shows a box; / still scrolls to and marks its line."""
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_playbook(pilot)
        await press(pilot, "slash")
        await wait_for(pilot, lambda: isinstance(app.screen, PlaybookFind))
        find = app.screen
        find.query_one("#find-words", Input).value = "brought into discussions"
        await wait_for(pilot, lambda: find.found)
        hit = find.found[0]
        assert hit.line.startswith("- [ ] ")  # the section's Markdown keeps the task list
        await press(pilot, "enter")
        await wait_for(pilot, lambda: app.screen is screen)
        await wait_for(pilot, lambda: screen.last_found == hit.line)
        await at_rest(pilot)
        (marked,) = screen.query_one("#text", Markdown).query(".-found")
        assert "brought into discussions" in (marked.source or "")
        shown = screen_text(app)
        assert "[ ]" not in shown and "☐ You are brought into discussions" in shown, shown


async def test_after_a_find_n_and_shift_n_go_from_line_to_line_found_and_escape_gives_n_back_to_sections(
    db_path,
) -> None:
    """``n`` after a find went to the next section, where a reader of less or vim expects the next
    line found; the way to it was ``/`` then enter again."""
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_playbook(pilot)
        sections = screen.query_one("#sections", OptionList)
        await press(pilot, "slash")
        await wait_for(pilot, lambda: isinstance(app.screen, PlaybookFind))
        find = app.screen
        find.query_one("#find-words", Input).value = "due diligence"
        await wait_for(pilot, lambda: len(find.found) >= 3)
        found = list(find.found)
        await press(pilot, "enter")
        await wait_for(pilot, lambda: app.screen is screen and screen.last_found == found[0].line)
        await at_rest(pilot)
        assert "Next found" in screen_text(app) and "End find" in screen_text(app)
        await press(pilot, "n")
        await wait_for(pilot, lambda: screen.last_found == found[1].line)
        assert sections.highlighted == sections.get_option_index(found[1].slug)
        assert sections.border_subtitle == f"found 2 of {len(found)}"
        await press(pilot, "N", "N")
        await wait_for(pilot, lambda: screen.last_found == found[-1].line)  # before the first: the last
        await press(pilot, "escape")
        await wait_for(pilot, lambda: not sections.border_subtitle)
        assert not screen.query(".-found")
        section = sections.highlighted
        await press(pilot, "n")
        await wait_for(pilot, lambda: sections.highlighted == (section + 1) % sections.option_count)
        await at_rest(pilot)
        assert "Next found" not in screen_text(app)
