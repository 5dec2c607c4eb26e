"""The app shell: every area by key and by palette, help, theme remembered."""

from __future__ import annotations

import gc
import re

import pytest
from palette_tools import palette_run, palette_search
from pilot_tools import at_rest, db_ready, press, screen_text, text_showing, wait_for
from textual.binding import Binding
from textual.command import CommandInput, CommandPalette
from textual.containers import VerticalScroll
from textual.widgets import Markdown, OptionList

from ctotui.core.db import open_db
from ctotui.core.settings import get_setting, set_setting
from ctotui.ui.app import CtoApp
from ctotui.ui.areas import AREAS
from ctotui.ui.dialogs.help import HelpScreen

SIZE = (80, 24)
WIDE = (120, 40)  # for the tests that read what only fits on a wider screen


async def test_starts_on_the_dashboard_showing_where_data_lives(db_path) -> None:
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=WIDE) as pilot:
        assert app.current_mode == "dashboard"
        await db_ready(pilot)
        app.screen.query_one("#dashboard").scroll_end(animate=False)  # below the areas' cards
        await at_rest(pilot)
        text = screen_text(app)
        assert str(db_path) in text
        from ctotui.core.migrations import known_steps

        assert f"schema {known_steps()[-1]}" in text


async def test_every_area_by_its_key(db_path) -> None:
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:  # one app going through them all, as a person would
        for area in AREAS:
            await app.switch_mode("playbook" if area.mode == "dashboard" else "dashboard")  # from Home
            await press(pilot, area.key)
            await wait_for(pilot, lambda mode=area.mode: app.current_mode == mode)


async def test_every_area_by_the_command_palette(db_path) -> None:
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:  # one app going through them all, as a person would
        for area in AREAS:
            await app.switch_mode("playbook" if area.mode == "dashboard" else "dashboard")  # from Home
            await press(pilot, "ctrl+p")
            await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette) and app.screen.query(CommandInput))
            command = f"{area.name}: open"
            app.screen.query_one(CommandInput).value = command  # typing into it: the test below
            hits = app.screen.query_one("CommandList", OptionList)
            await wait_for(
                pilot,
                lambda hits=hits, command=command: (
                    hits.option_count and command in str(hits.get_option_at_index(0).prompt)
                ),
            )
            await press(pilot, "enter")
            await wait_for(pilot, lambda mode=area.mode: app.current_mode == mode)


@pytest.mark.parametrize(
    ("query", "mode"), [("Interview", "drill"), ("jour", "journal"), ("Weekly", "review"), ("home", "dashboard")]
)
async def test_the_palette_puts_an_areas_open_first_for_its_name(db_path, query, mode) -> None:
    """Typing an area's name (or its start) then enter opens the area, never one of its actions."""
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        await app.switch_mode("playbook")
        await press(pilot, "ctrl+p", *query)
        palette = app.screen
        hits = palette.query_one("CommandList", OptionList)
        opens = f"{next(a.name for a in AREAS if a.mode == mode)}: open"

        def first() -> str:
            return str(hits.get_option_at_index(0).prompt).partition("\n")[0] if hits.option_count else ""

        await wait_for(pilot, lambda: first() == opens and hits.option_count > 1)  # the area's actions below it
        await press(pilot, "enter")
        await wait_for(pilot, lambda: app.current_mode == mode)


async def test_palette_runs_an_area_action_from_elsewhere(db_path) -> None:
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        await palette_run(pilot, "Playbook: read The interview")
        await wait_for(pilot, lambda: app.current_mode == "playbook")
        options = app.screen.query_one("#sections", OptionList)
        await wait_for(pilot, lambda: options.get_option_at_index(options.highlighted).id == "interview")


async def test_help_lists_every_area_key_and_closes(db_path) -> None:
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=(120, 300)) as pilot:  # tall enough to show it all
        await press(pilot, "question_mark")
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen))
        text = await text_showing(pilot, AREAS[-1].short)
        for area in AREAS:
            assert area.short in text
        help_scroll = app.screen.query_one(VerticalScroll)
        help_scroll.scroll_end(animate=False)  # the help is longer than the screen once areas are built
        await at_rest(pilot)
        assert "Next" in screen_text(app)  # a playbook screen binding, at the end
        await press(pilot, "escape")
        await wait_for(pilot, lambda: not isinstance(app.screen, HelpScreen))


async def test_theme_choice_is_remembered_in_the_database(db_path) -> None:
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        await db_ready(pilot)
        app.theme = "gruvbox"
        await at_rest(pilot)
    check = open_db(db_path)
    assert get_setting(check, "theme") == "gruvbox"
    check.close()
    again = CtoApp(db_path=db_path)
    async with again.run_test(size=SIZE) as pilot:
        await db_ready(pilot)
        assert again.theme == "gruvbox"


async def test_theme_picked_through_the_palette(db_path) -> None:
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        await db_ready(pilot)
        await press(pilot, "ctrl+p", *"theme")
        await at_rest(pilot)
        await press(pilot, "enter")
        await press(pilot, *"nord")
        await at_rest(pilot)
        await press(pilot, "enter")
        await wait_for(pilot, lambda: app.theme == "nord")
    check = open_db(db_path)
    assert get_setting(check, "theme") == "nord"
    check.close()


async def test_playbook_reader_moves_between_sections(db_path) -> None:
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "p")
        await wait_for(pilot, lambda: app.current_mode == "playbook")
        md = app.screen.query_one("#text", Markdown)
        await wait_for(pilot, lambda: "What a CTO does" in md.source)
        await press(pilot, "n")
        await wait_for(pilot, lambda: "Three paths" in md.source)
        await press(pilot, "b", "b")
        await wait_for(pilot, lambda: "An action plan" in md.source)


async def test_database_from_a_newer_version_stops_the_app_with_a_message(db_path) -> None:
    import sqlite3

    open_db(db_path).close()
    conn = sqlite3.connect(db_path)
    conn.execute("insert into _sqlite_migrations (migration_set, name, applied_at) values ('ctotui', 'm888_x', 'x')")
    conn.commit()
    conn.close()
    app = CtoApp(db_path=db_path)
    assert not gc.isenabled()  # start-up runs without the cyclic collector (ctotui/collector.py)
    async with app.run_test(size=SIZE) as pilot:
        # not workers.wait_for_complete(): the app exits (and cancels its workers) as soon as it fails
        await wait_for(pilot, lambda: app.startup_error is not None)
    assert "newer ctotui" in app.startup_error and app.return_code == 2
    assert gc.isenabled()  # an app that ends before its start-up is done gives the collector back


async def test_footer_shows_the_screens_keys_and_a_click_presses_one(db_path) -> None:
    from ctotui.ui.widgets.footer import Footer

    app = CtoApp(db_path=db_path)
    async with app.run_test(size=WIDE) as pilot:
        await db_ready(pilot)
        footer = app.screen.query_one(Footer)
        shown = [description for _key, _shown, description, _enabled in footer.keys_shown]
        assert shown[: len(AREAS)] == [a.short for a in AREAS]
        assert shown[-3:] == ["Help", "Quit", "palette"]  # the palette's key on the right
        line = screen_text(app).splitlines()[-1]
        assert line.startswith("h Home j Journal") and line.rstrip().endswith("^p palette")
        # hovering a key shows what it is for
        await pilot.hover(Footer, offset=(line.index("Journal") + 2, 0))
        await wait_for(pilot, lambda: footer.tooltip == AREAS[1].about)
        # a click on "Journal" presses j
        await pilot.click(Footer, offset=(line.index("Journal") + 2, 0))
        await wait_for(pilot, lambda: app.current_mode == "journal")
        journal_footer = app.screen.query_one(Footer)
        await wait_for(pilot, lambda: journal_footer.keys_shown and journal_footer.keys_shown[0][2] == "New")
        # too long for the width: the app's keys (areas, help, quit) give up their words first
        await wait_for(pilot, lambda: "New" in screen_text(app).splitlines()[-1])
        journal_line = screen_text(app).splitlines()[-1]
        assert journal_line.startswith("n New e Edit")
        assert " h j s i t w g p ? q " in journal_line and "Journal" not in journal_line
        # the palette key on the right opens the palette
        await pilot.click(Footer, offset=(WIDE[0] - 3, 0))
        from textual.command import CommandPalette

        await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette))


async def test_footer_dims_a_key_that_cannot_act_now_and_a_click_on_it_does_nothing() -> None:
    from textual.app import App
    from textual.binding import Binding

    from ctotui.ui.widgets.footer import Footer

    class Keys(App[None]):
        BINDINGS = [Binding("a", "go", "Go"), Binding("b", "stay", "Stay")]
        went: list[str] = []

        def compose(self):
            yield Footer()

        def check_action(self, action: str, parameters) -> bool | None:
            return None if action == "stay" else True  # None: shown, but disabled

        def action_go(self) -> None:
            self.went.append("go")

        def action_stay(self) -> None:
            self.went.append("stay")

    app = Keys()
    async with app.run_test(size=(60, 3)) as pilot:
        footer = app.query_one(Footer)
        await wait_for(pilot, lambda: len(footer.keys_shown) == 3)
        assert [(k[2], k[3]) for k in footer.keys_shown[:2]] == [("Go", True), ("Stay", False)]
        line = screen_text(app).splitlines()[-1]
        await pilot.click(Footer, offset=(line.index("Stay"), 0))
        await pilot.click(Footer, offset=(line.index("Go"), 0))
        await wait_for(pilot, lambda: app.went == ["go"])
        stay = footer.render_line(0)
        dims = {seg.text: bool(seg.style and seg.style.dim) for seg in stay if seg.text.strip()}
        assert dims.get(" Stay") is True and dims.get(" Go") is False


async def test_an_area_first_opened_after_a_theme_change_wears_the_new_theme(db_path) -> None:
    # AreaScreen skips Textual's full restyle on a mode's first visit: the new screen
    # must still be styled from the current theme, whenever the theme changed.
    from textual.color import Color

    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        await db_ready(pilot)
        app.theme = "nord"
        await press(pilot, "j")  # straight away: the theme's restyle may still be pending
        await wait_for(pilot, lambda: app.current_mode == "journal")
        await at_rest(pilot)
        nord = Color.parse(app.get_theme("nord").background)
        assert app.screen.styles.background == nord
        app.theme = "gruvbox"
        await at_rest(pilot)
        await press(pilot, "s")
        await wait_for(pilot, lambda: app.current_mode == "skills")
        await at_rest(pilot)
        assert app.screen.styles.background == Color.parse(app.get_theme("gruvbox").background)
        await press(pilot, "j")
        await wait_for(pilot, lambda: app.current_mode == "journal")
        await at_rest(pilot)
        assert app.screen.styles.background == Color.parse(app.get_theme("gruvbox").background)


async def test_a_first_visit_restyles_nothing_and_a_theme_change_every_screen(db_path) -> None:
    # Textual asks for a whole-app restyle twice on a mode's first visit; the app's refresh_css (ui/restyle.py)
    # does it only when the theme changed since the sheet was parsed (a screen is restyled as it comes on
    # view anyway: the test below checks that nothing is left styled differently).
    from textual.color import Color

    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        await db_ready(pilot)
        before = app.css_refreshes
        for area in AREAS[1:]:
            await press(pilot, area.key)
            await wait_for(pilot, lambda area=area: app.current_mode == area.mode)
            await at_rest(pilot)
        assert app.css_refreshes == before
        visited = app.css_refreshes
        app.theme = "gruvbox"
        await wait_for(pilot, lambda: app.css_refreshes > visited)
        gruvbox = Color.parse(app.get_theme("gruvbox").background)
        for area in AREAS:  # every screen, made before the change, wears the new theme
            await press(pilot, area.key)
            await wait_for(pilot, lambda area=area: app.current_mode == area.mode)
            await at_rest(pilot)
            assert app.screen.styles.background == gruvbox, area.mode


def styles_of(screen) -> dict[object, tuple]:
    """Every node's computed style (its CSS, its own rich style) and its component classes' styles."""
    return {
        node: (
            node.styles.css,
            node.rich_style,
            tuple(node.get_component_rich_style(name, partial=True) for name in sorted(node.COMPONENT_CLASSES)),
        )
        for node in screen.walk_children(with_self=True)
    }


@pytest.mark.parametrize("order", ["forward", "backward"])
async def test_the_restyles_skipped_leave_no_node_styled_differently_from_a_full_restyle(demo_db, order) -> None:
    # ui/restyle.py skips Textual's whole-app restyles on the areas' first visits (only a theme change
    # re-parses and restyles): whatever the order of the visits (the playbook's Markdown adds CSS
    # that is not scoped to its classes), a full restyle afterwards (Textual's own App.refresh_css)
    # must change no node of any screen.
    from textual.app import App

    app = CtoApp(db_path=demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await db_ready(pilot)
        areas = AREAS[1:] if order == "forward" else AREAS[:0:-1]
        # none at start-up either: Textual's App.__init__ made the sheet with this theme's variables
        # (Home, checked below, is styled from that sheet as a full restyle would)
        assert app.css_refreshes == 0
        before = app.css_refreshes
        for area in areas:
            await press(pilot, area.key)
            await wait_for(pilot, lambda area=area: app.current_mode == area.mode)
            await at_rest(pilot)
        assert app.css_refreshes == before  # none: the theme did not change
        for area in AREAS:
            await press(pilot, area.key)
            await wait_for(pilot, lambda area=area: app.current_mode == area.mode)
            await at_rest(pilot)
            kept = styles_of(app.screen)
            App.refresh_css(app, animate=False)
            again = styles_of(app.screen)
            assert kept.keys() == again.keys()
            assert [node for node in kept if kept[node] != again[node]] == [], area.mode


async def test_a_repeat_visit_restyles_only_when_what_styles_the_screen_changed(demo_db) -> None:
    # ui/base.py skips Textual's restyle of every node as a screen comes back on view when nothing
    # it is styled from changed (ui/restyle.py's StyleBasis): the second visits after every area's
    # first (base classes' tie-breakers moved meanwhile) skip it and leave every node as a full
    # restyle would; a theme changed while a screen was away restyles it on its next visit.
    from textual.app import App

    app = CtoApp(db_path=demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await db_ready(pilot)
        screens = {}
        for area in (*AREAS[1:], AREAS[0], *AREAS[1:], AREAS[0]):
            await press(pilot, area.key)
            await wait_for(pilot, lambda area=area: app.current_mode == area.mode)
            await at_rest(pilot)
            screens[area.mode] = app.screen
        # the playbook's first visit parsed the sheet again after it came on view (its Markdown's
        # widgets): its second visit restyles, its third does not
        assert {mode: s.restyles_skipped for mode, s in screens.items()} == {
            a.mode: 0 if a.mode == "playbook" else 1 for a in AREAS
        }
        for area in (AREAS[-1], AREAS[0]):  # the playbook, then Home
            await press(pilot, area.key)
            await wait_for(pilot, lambda area=area: app.current_mode == area.mode)
            await at_rest(pilot)
        skipped = {mode: s.restyles_skipped for mode, s in screens.items()}
        assert skipped["playbook"] == 1
        app.theme = "textual-light"
        await at_rest(pilot)
        for area in AREAS[1:]:
            await press(pilot, area.key)
            await wait_for(pilot, lambda area=area: app.current_mode == area.mode)
            await at_rest(pilot)
            assert screens[area.mode].restyles_skipped == skipped[area.mode], area.mode  # the theme changed
            kept = styles_of(app.screen)
            App.refresh_css(app, animate=False)
            assert kept == styles_of(app.screen), area.mode


async def test_an_area_loads_once_per_visit(db_path) -> None:
    # Textual sends a mode's screen two ScreenResume on its first visit: one load for both.
    from ctotui.ui.skills.screen import SkillsScreen

    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        await db_ready(pilot)
        await press(pilot, "s")
        await wait_for(pilot, lambda: isinstance(app.screen, SkillsScreen) and app.screen.loads_shown == 1)
        skills = app.screen
        for _ in range(5):
            await at_rest(pilot)
        assert skills.loads_begun == 1
        await press(pilot, "h")
        await wait_for(pilot, lambda: app.current_mode == "dashboard")
        set_setting(app.db, "theme", "gruvbox")  # a write: a later visit reads the database again
        await press(pilot, "s")
        await wait_for(pilot, lambda: skills.loads_shown == 2)
        for _ in range(5):
            await at_rest(pilot)
        assert skills.loads_begun == 2  # (with nothing written it would not: tests/app/test_repeat_visits.py)


async def test_what_start_up_built_is_frozen_while_the_app_runs_and_given_back_at_exit(db_path) -> None:
    app = CtoApp(db_path=db_path)
    assert not gc.isenabled()  # paused from the app's making until its start-up is done
    async with app.run_test(size=SIZE) as pilot:
        assert not app.warmed.is_set()
        await db_ready(pilot)  # the area sheets read: start-up is done
        assert app.start_up_frozen and gc.get_freeze_count() > 10_000
        assert gc.isenabled()
        # then what several first visits share is imported in a thread worker (ui/areas.py WARM_MODULES)
        await wait_for(pilot, app.warmed.is_set)
    assert not app.start_up_frozen and gc.get_freeze_count() == 0 and gc.isenabled()


async def test_a_process_that_turned_the_collector_off_keeps_it_off(db_path) -> None:
    gc.disable()
    try:
        app = CtoApp(db_path=db_path)
        async with app.run_test(size=SIZE) as pilot:
            await db_ready(pilot)
            assert app.start_up_frozen and not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()


async def test_only_a_first_visit_holds_the_screen_back(db_path) -> None:
    # App.switch_mode holds screen updates for 50 ms to mask a new screen composing; going back to
    # an area whose screen exists (Home's, made at start-up, too) shows it at once (ui/restyle.py).
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        await db_ready(pilot)
        start = app.held_until
        await press(pilot, "j")
        await wait_for(pilot, lambda: app.current_mode == "journal")
        first = app.held_until
        assert first > start
        for key, mode in (("h", "dashboard"), ("j", "journal"), ("h", "dashboard")):
            await press(pilot, key)
            await wait_for(pilot, lambda mode=mode: app.current_mode == mode)
            assert app.held_until == first, mode


async def test_the_help_lists_the_keys_of_every_list_an_area_shows(demo_db) -> None:
    """The people area's lists (c, e, x, d; space and l on the bar) were left out of the help while
    the skills' and the timeline's were listed."""
    app = CtoApp(db_path=demo_db)
    async with app.run_test(size=(120, 900)) as pilot:  # the whole help on one screen
        await db_ready(pilot)
        await press(pilot, "question_mark")
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen))
        await at_rest(pilot)
        listed = " ".join(screen_text(app).replace("│", " ").split())  # a wrapped line read as one
        twice = re.findall(r"(?<!\S)(\S+) / \1(?!\S)", listed)
        assert not twice, f"a key said twice in one row: {twice}"  # "⏎ / ⏎ Open" was seen
        await press(pilot, "escape")
        # the areas as wide but 40 lines tall: the same widgets, where 900 lines drew most of the test's time
        await pilot.resize_terminal(120, 40)
        missing = []
        for area in AREAS:
            await press(pilot, area.key)
            await wait_for(pilot, lambda area=area: app.current_mode == area.mode)
            await at_rest(pilot)
            for widget in app.screen.walk_children(with_self=True):
                if not type(widget).__module__.startswith("ctotui.ui.") or "widgets" in type(widget).__module__:
                    continue
                groups: dict[tuple[str, str], list[str]] = {}  # the help's rows: one per action, its keys joined
                for binding in Binding.make_bindings(type(widget).BINDINGS):
                    said = " ".join(binding.tooltip.split())  # a key that says what it does (not ↑ ↓)
                    if said:
                        groups.setdefault((binding.action, binding.description), []).append(said)
                for (action, _), said in groups.items():
                    if not any(s in listed for s in said):
                        missing.append(f"{area.name}: {type(widget).__name__} {action} ({said[0]})")
        assert not missing, "\n".join(sorted(set(missing)))


async def test_the_palette_offers_no_textual_entry_that_fails_or_will_not_close(db_path) -> None:
    """Textual's "Keys" opened a panel escape did not close, beside ctotui's own help (?), and its
    "Screenshot" failed, with no reason, where ~/Downloads is missing; "Quit" says it asks first."""
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        await db_ready(pilot)
        screen = app.screen
        titles = {c.title: c.help for c in app.get_system_commands(screen)}
        assert "Keys" not in titles and "Screenshot" not in titles
        assert titles["Quit"] == "Quit (asks first if a form holds typed text not saved)" and "Theme" in titles
        await palette_search(pilot, "Quit")
        assert "asks first" in str(app.screen.query_one("CommandList").get_option_at_index(0).prompt)


async def test_help_and_quit_stay_on_the_footer_of_every_area_at_80_columns(db_path) -> None:
    """At 80 columns the line was cut at its end, where help and quit sit: on People not one area
    key, nor ? nor q, was left. Now the cut comes before them, marked with "…"."""
    app = CtoApp(db_path=db_path, welcome=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await db_ready(pilot)
        for area in AREAS:
            await app.switch_mode(area.mode)
            await at_rest(pilot)
            line = screen_text(app).splitlines()[-1].rstrip()
            assert line.endswith("^p palette") and " ? q " in line, (area.mode, line)
