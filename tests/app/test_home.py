"""Home speaks in the areas' terms, and every number on it is the one the area's own screen shows."""

from __future__ import annotations

import re

from drill_helpers import open_drill, practised_and_due_at
from pilot_tools import at_rest, db_ready, press, screen_text, wait_for
from review_helpers import local_time
from textual.command import CommandPalette

from ctotui.core import clock
from ctotui.core.coach import actions as coach
from ctotui.core.db import open_db
from ctotui.core.journal.entries import JournalFilter, add_achievement, journal_counts, page_achievements
from ctotui.core.timeline import stages
from ctotui.ui.app import CtoApp
from ctotui.ui.areas import AREAS
from ctotui.ui.dialogs.help import HelpScreen
from ctotui.ui.drill.screen import DrillScreen
from ctotui.ui.journal.achievement_list import AchievementList
from ctotui.ui.journal.card import JournalCard
from ctotui.ui.journal.screen import JournalScreen
from ctotui.ui.timeline.screen import TimelineScreen
from ctotui.ui.widgets.title_bar import PALETTE_TIP, TitleBar

SIZE = (80, 24)


def number(pattern: str, text: str) -> int:
    found = re.search(pattern, text)
    assert found, (pattern, text)
    return int(found.group(1).replace(",", ""))


async def test_every_count_on_home_agrees_with_the_areas_own_screen(demo_db) -> None:
    app = CtoApp(db_path=demo_db)
    async with app.run_test(size=(160, 60)) as pilot:
        await db_ready(pilot)
        await wait_for(pilot, lambda: "due now" in screen_text(app))
        home = screen_text(app)
        journal_total = number(r"(\d[\d,]*)\s+in all", home)
        journal_month = number(rf"(\d[\d,]*)\s+in {clock.today():%B}", home)
        due = number(r"(\d+) due now", home)
        new = number(r"(\d+) never practised", home)
        overdue = number(r"(\d+) overdue", home)
        stage = re.search(r"Evidence: (\w[\w ]+) · (on pace|ahead|behind)", home).group(1)
        targets = re.search(r"\d+ of \d+ targets met · (\d+ more|enough) to move on", home).group(0)
        streak = number(r"Streak (\d+) week", home)
        # the journal: all entries, then this month's
        await press(pilot, "j")
        await wait_for(pilot, lambda: isinstance(app.screen, JournalScreen) and "achievement" in screen_text(app))
        assert number(r"([\d,]+) achievements", screen_text(app)) == journal_total
        await app.screen.run_action("this_month")
        await wait_for(pilot, lambda: " shown" in screen_text(app))
        assert number(r"([\d,]+) of [\d,]+ shown", screen_text(app)) == journal_month
        # the drill: due now and never practised
        await press(pilot, "i")
        await wait_for(pilot, lambda: isinstance(app.screen, DrillScreen) and "Due now ·" in screen_text(app))
        assert number(r"Due now · (\d+) due", screen_text(app)) == due
        assert number(r"(\d+) new", screen_text(app)) == new
        # the timeline: the stage, and the plan's overdue items
        await press(pilot, "t")
        await wait_for(pilot, lambda: isinstance(app.screen, TimelineScreen) and app.screen._timeline is not None)
        assert stage in screen_text(app)
        assert targets in str(app.screen.query_one("#where-text").render())  # by the bar, in the same words
        await press(pilot, "2")
        await wait_for(pilot, lambda: "overdue" in screen_text(app) or overdue == 0)
        plan = app.screen.query_one("#plan-list")
        headings = [str(plan.get_option(f"heading:{h}").prompt) for h in ("3-months", "6-12-months", "2-3-years")]
        assert sum(number(r"(\d+) overdue", h) if "overdue" in h else 0 for h in headings) == overdue
        # the review: the streak
        await press(pilot, "w", "v")
        await wait_for(pilot, lambda: "Streak" in screen_text(app))
        assert number(r"Streak (\d+) week", screen_text(app)) == streak


async def test_home_has_no_table_counts_the_help_and_info_have_them(demo_db, run_cli) -> None:
    app = CtoApp(db_path=demo_db)
    async with app.run_test(size=(160, 400)) as pilot:  # tall enough for the whole help
        await db_ready(pilot)
        await wait_for(pilot, lambda: "due now" in screen_text(app))
        assert "In the database" not in screen_text(app) and "Drill answers" not in screen_text(app)
        await press(pilot, "question_mark")
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen))
        await at_rest(pilot)
        help_text = screen_text(app)
        assert "In the database" in help_text and "Achievements" in help_text and "Drill answers" in help_text
        assert "Mock items" not in help_text and "Review focus" not in help_text  # bookkeeping: ctotui info
    info = run_cli("--db", str(demo_db), "info", check_rc=0).stdout
    assert "achievements" in info and "attempts" in info


async def test_the_header_names_each_area(db_path) -> None:
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:  # one app going through them all, as a person would
        await db_ready(pilot)
        for area in reversed(AREAS):  # Home last: reached from another area like every other one
            await app.switch_mode(area.mode)
            await wait_for(pilot, lambda: app.screen.query(TitleBar))
            title = f"ctotui — {'Home' if area.mode == 'dashboard' else area.name}"
            await wait_for(pilot, lambda title=title: title in screen_text(app).splitlines()[0])


async def test_the_title_bar_follows_the_title_and_its_icon_opens_the_palette(db_path) -> None:
    """The one-widget title bar does what Textual's Header did: the title and sub-title centred,
    redrawn when either changes, the icon tinted and explained under the mouse, a click on it
    opening the command palette; a click on the title does nothing."""
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        await db_ready(pilot)
        bar = app.screen.query_one(TitleBar)
        first = screen_text(app).splitlines()[0]
        assert first.strip().startswith("⭘") and first.index("ctotui — Home") == 8 + (80 - 18 - 13) // 2
        app.screen.sub_title = "A much longer sub-title than the bar has room for, cut with an ellipsis"
        await wait_for(pilot, lambda: "…" in screen_text(app).splitlines()[0])
        assert len(screen_text(app).splitlines()[0].rstrip()) <= 80 - 10
        app.title = "Renamed"
        await wait_for(pilot, lambda: "Renamed — A much" in screen_text(app).splitlines()[0])
        await pilot.hover(bar, offset=(40, 0))
        await at_rest(pilot)
        assert bar.tooltip is None
        await pilot.click(bar, offset=(40, 0))
        await at_rest(pilot)
        assert not isinstance(app.screen, CommandPalette)
        await pilot.hover(bar, offset=(3, 0))
        await wait_for(pilot, lambda: bar.tooltip == PALETTE_TIP)
        await pilot.click(bar, offset=(3, 0))
        await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette))


async def test_the_line_without_a_number_opens_the_journal_on_those_entries(demo_db) -> None:
    """Home's "7 without a number: add one?": tab to it, enter, and the journal lists exactly those
    entries (read from the database here), and says so in its count line."""
    db = open_db(demo_db)
    bare = [a.id for a in page_achievements(db, limit=10_000).items if not a.has_number]
    counted = journal_counts(db).without_number
    db.close()
    assert bare and len(bare) == counted
    app = CtoApp(db_path=demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await db_ready(pilot)
        await wait_for(pilot, lambda: "without a number" in screen_text(app))
        assert number(r"(\d+)\s+without a number: add one\?", screen_text(app)) == counted
        card = app.screen.query_one(JournalCard)
        await press(pilot, "tab")
        assert card.has_focus and f"enter lists the {counted} · j opens it" in screen_text(app)
        await press(pilot, "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, JournalScreen) and " shown" in screen_text(app))
        listing = app.screen.query_one("#list", AchievementList)
        await wait_for(pilot, lambda: not listing.more)
        assert [a.id for a in listing.items] == bare
        assert app.screen.filters == JournalFilter(number=False) and app.screen.focused is listing
        status = str(app.screen.query_one("#status").render())
        assert number(r"([\d,]+) of [\d,]+ shown", status) == counted and "without a number" in status


async def test_the_drill_cards_category_names_wrap_whole_at_80_columns(demo_db) -> None:
    """The card is half of 80 columns: 'Partner with non-t…' was all a user saw of two names."""
    from ctotui.core import playbook
    from ctotui.ui.drill.card import DrillCard

    app = CtoApp(db_path=demo_db)
    async with app.run_test(size=(80, 80)) as pilot:  # tall: every card on screen
        await db_ready(pilot)
        await wait_for(pilot, lambda: "never practised" in screen_text(app))
        card = app.screen.query_one(DrillCard)
        assert card.size.width < 40
        lines = screen_text(app).splitlines()[card.region.y : card.region.bottom]
        cells = " ".join(line[card.region.x : card.region.right].strip("│ ") for line in lines).split()
        words = " ".join(w for w in cells if not (set(w) & set("█░") or w.endswith("%")))  # the names, bars left out
        for category in playbook.load().interview:
            assert category.name in words
        assert "…" not in words


async def test_a_question_due_this_evening_is_due_now_on_home_and_on_the_practise_tab(db_path, monkeypatch):
    """10:00 in Berlin, a question due at 19:16: the drill's steps are days, so it is due from the
    start of its day (an answer given at 22:30, "back tomorrow", was kept out of the next morning's
    session until 22:30). Home, the Practise tab and the bank say so; one due tomorrow is "tomorrow"."""
    practised_and_due_at(db_path, "ntl-too-slow", "2026-03-15T18:16:00+00:00")
    practised_and_due_at(db_path, "btt-tough-hire", "2026-03-16T07:00:00+00:00")
    with local_time(monkeypatch, "2026-03-15T09:00:00+00:00", "Europe/Berlin"):
        app = CtoApp(db_path=db_path)
        async with app.run_test(size=(160, 60)) as pilot:
            await db_ready(pilot)
            await wait_for(pilot, lambda: "never practised" in screen_text(app))
            assert re.search(r"1 due now · \d+ never practised", screen_text(app))
            assert "later today" not in screen_text(app)
            await open_drill(pilot)
            await wait_for(pilot, lambda: "Due now · 1 due" in screen_text(app))
            assert "later today" not in screen_text(app)


async def test_the_journal_card_writes_days_as_every_screen_does_and_counts_tomorrows_entry(db_path, monkeypatch):
    """Saturday 2 January 2027: the card said "02 Jan", "01 Jan", "31 Dec" (last year's without its
    year), and left the entry dated tomorrow out of this week and this month."""
    with local_time(monkeypatch, "2027-01-02T10:00:00+00:00"):
        db = open_db(db_path)
        for day, title in (("2026-12-31", "Closed the year"), ("2027-01-01", "Wrote the plan")):
            add_achievement(db, title=title, occurred_on=day)
        add_achievement(db, title="Shipped the fix", occurred_on="today")
        add_achievement(db, title="Cut build from 10 to 4 min", occurred_on="tomorrow")
        db.close()
        app = CtoApp(db_path=db_path)
        async with app.run_test(size=(160, 60)) as pilot:
            await db_ready(pilot)
            await wait_for(pilot, lambda: "in all" in screen_text(app))
            card = app.screen.query_one(JournalCard)
            lines = screen_text(app).splitlines()[card.region.y : card.region.bottom]
            text = "\n".join(line[card.region.x : card.region.right] for line in lines)
            assert re.search(r"4\s+this week\s+3 Jan\s+Cut build", text), text
            assert re.search(r"3\s+in January\s+2 Jan\s+Shipped the fix", text), (
                text
            )  # the month by name: the week began in December
            assert re.search(r"4\s+in all\s+1 Jan\s+Wrote the plan", text), text
            assert re.search(r"31 Dec 2026\s+Closed the year", text), text
            assert " 0" not in text  # no day written "02 Jan"


async def test_the_timeline_cards_next_target_is_the_one_the_list_works_toward(db_path) -> None:
    """Snoozing "Work toward: X" moved the list on; the Timeline card still said "Next target X"."""
    with open_db(db_path) as db:
        stages.set_target(db, "ex-budget", True)  # something recorded: the list works toward a target
        first, second = (x for x in stages.timeline(db).current.targets[:2])
        coach.snooze(db, f"next-target:target:{first.id}")
    app = CtoApp(db_path=db_path, welcome=False)
    async with app.run_test(size=(160, 50)) as pilot:
        await db_ready(pilot)
        await wait_for(pilot, lambda: "Next target" in screen_text(app))
        await at_rest(pilot)
        shown = " ".join(screen_text(app).split())
        assert f"Next target {second.text[:30]}" in shown and first.text[:30] not in shown, shown


async def test_on_a_first_day_the_review_card_names_the_next_review_day(db_path, monkeypatch) -> None:
    """A new user on a Thursday read "Review day Friday (6 days ago)": the review day of the week
    before they started, though nothing was due and the next one was the next day."""
    monkeypatch.setenv("CTOTUI_NOW", "2026-12-03T10:00:00+00:00")  # a Thursday; the review day is Friday
    monkeypatch.setenv("TZ", "UTC")
    app = CtoApp(db_path=db_path, welcome=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await db_ready(pilot)
        await wait_for(pilot, lambda: "Review day Friday" in screen_text(app))
        await at_rest(pilot)
        assert "Review day Friday (tomorrow)" in screen_text(app)


async def test_a_first_review_begun_is_not_called_no_review_yet(db_path, monkeypatch) -> None:
    """A new user who began their first review and stopped at step 3 read "No review yet: one calm
    half hour a week" on Home, as if it had never been started."""
    from ctotui.core.review import weekly

    monkeypatch.setenv("CTOTUI_NOW", "2026-12-03T10:00:00+00:00")  # a Thursday; the review day is Friday
    monkeypatch.setenv("TZ", "UTC")
    with open_db(db_path) as db:
        weekly.set_step(db, weekly.week_to_review(db), 3)
    app = CtoApp(db_path=db_path, welcome=False)
    async with app.run_test(size=(80, 80)) as pilot:  # tall: every card on screen
        await db_ready(pilot)
        await wait_for(pilot, lambda: "Review day Friday" in screen_text(app))
        await at_rest(pilot)
        shown = screen_text(app)
        assert "First review begun: step 3 of 6 " in shown and "No review yet" not in shown, shown


async def test_the_skills_cards_gap_hint_keeps_what_to_do_at_80_columns(demo_db, monkeypatch) -> None:
    """Nine months after the demo's ratings the card read "no evidence in 90 days · not rat…": the
    part a rating fixes was the part cut off. It comes first, in fewer words, and is never cut."""
    from ctotui.ui.skills.card import SkillsCard

    monkeypatch.setenv("CTOTUI_NOW", "2026-12-03T10:00:00+00:00")
    app = CtoApp(db_path=demo_db)
    async with app.run_test(size=(80, 80)) as pilot:  # tall: every card on screen
        await db_ready(pilot)
        await wait_for(pilot, lambda: "Technical depth" in screen_text(app))
        card = app.screen.query_one(SkillsCard)
        lines = screen_text(app).splitlines()[card.region.y : card.region.bottom]
        (depth,) = [line for line in lines if "Technical depth" in line]
        assert re.search(r"[■□] 4\s+rated \d+d ago( · |\s+│)", depth), depth


async def test_a_first_review_begun_last_week_is_resumed_on_the_review_day(db_path, monkeypatch) -> None:
    """A first review of 2026-W12 left at step 3: on the next Monday, the review day, the card read
    "No review yet" and "w reviews last week", though w opened it at step 3."""
    from ctotui.core.review import weekly

    monkeypatch.setenv("TZ", "UTC")
    monkeypatch.setenv("CTOTUI_NOW", "2026-03-16T09:00:00+00:00")
    with open_db(db_path) as db:
        weekly.set_review_weekday(db, "mon")
        weekly.set_step(db, weekly.Week(2026, 12), 3)
    monkeypatch.setenv("CTOTUI_NOW", "2026-03-23T09:00:00+00:00")  # Monday of W13: review day
    app = CtoApp(db_path=db_path, welcome=False)
    async with app.run_test(size=(80, 80)) as pilot:  # tall: every card on screen
        await db_ready(pilot)
        await wait_for(pilot, lambda: "First review begun" in screen_text(app) or "No review yet" in screen_text(app))
        await at_rest(pilot)
        shown = " ".join(screen_text(app).split())
        assert "First review begun: step 3 of 6 " in shown and "No review yet" not in shown, shown
        assert "half done: w" in shown and "resumes it at step 3." in shown, shown  # wrapped in the card


async def test_with_nothing_recorded_the_timeline_card_asks_for_ticks_not_a_first_target(db_path) -> None:
    """Ten years in and nothing ticked: This week asked to tick the targets already met while the
    Timeline card still said "Next target Be the one the team hands the nastiest bugs to"."""
    from ctotui.core.timeline import profile

    with open_db(db_path) as db:
        profile.update(db, years=10)
    app = CtoApp(db_path=db_path, welcome=False)
    async with app.run_test(size=(160, 50)) as pilot:
        await db_ready(pilot)
        await wait_for(pilot, lambda: "Nothing recorded yet" in screen_text(app))
        await at_rest(pilot)
        shown = " ".join(screen_text(app).split())
        assert "Nothing recorded yet: tick the targets you have met" in shown and "Next target" not in shown, shown
        assert "Tick the targets you have already met" in shown  # This week says the same
