"""The small things of issue 14: every month named under the ratings chart, boxes that differ
without colour, tag chips that never break inside themselves."""

from __future__ import annotations

from datetime import date

import pytest
from pilot_tools import at_rest, db_ready, press, wait_for
from rich.style import Style
from test_themes import contrast
from textual.app import App
from textual.widgets import RadioSet

from ctotui.core import playbook
from ctotui.core.journal import entries as journal
from ctotui.core.timeline import stages
from ctotui.ui.app import CtoApp
from ctotui.ui.journal.filter import JournalFilterDialog
from ctotui.ui.journal.form import AchievementForm
from ctotui.ui.skills.views import month_labels
from ctotui.ui.timeline.views import where_text
from ctotui.ui.widgets.heatmap import Heatmap
from ctotui.ui.widgets.ticks import BLANK, TICKED, Radio, Tick, TickList


@pytest.mark.parametrize("cell", [1, 2, 3])
@pytest.mark.parametrize("today", [date(2026, 12, 1), date(2026, 3, 15), date(2026, 7, 31)])
def test_every_month_is_named_under_the_chart(today, cell):
    line = month_labels(today, 52, cell, room=52 * cell + 2)
    names = line.split()
    current = f"{today:%b}"
    assert names[-1] == current  # the month we are in, even in its first days
    months = [date(2000, m, 1).strftime("%b") for m in range(1, 13)]
    start = months.index(names[0])
    assert names == [months[(start + i) % 12] for i in range(len(names))]  # none left out, in order
    assert len(names) >= 12


async def test_ticked_and_unticked_boxes_differ_without_colour(db_path):
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await db_ready(pilot)
        await press(pilot, "j", "n")
        await wait_for(pilot, lambda: isinstance(app.screen, AchievementForm))
        skills = app.screen.query_one("#skills", TickList)
        skills.select(skills.get_option_at_index(1).value)
        await at_rest(pilot)
        rows = [text for text in (s.text for s in skills.render_lines(skills.region.reset_offset)) if "▐" in text]
        marks = [row[row.index("▐") + 1] for row in rows]
        assert marks[:3] == [BLANK, TICKED, BLANK]


async def test_tag_chips_never_break_inside(db_path):
    app = CtoApp(db_path=db_path)
    async with app.run_test(size=(60, 30)) as pilot:
        await db_ready(pilot)
        for i, tag in enumerate(["cost", "observability", "architecture", "oncall-load", "security"]):
            journal.add_achievement(app.db, title=f"Win {i}", occurred_on="2026-01-05", tags=[tag])
        await press(pilot, "j", "f")
        await wait_for(pilot, lambda: isinstance(app.screen, JournalFilterDialog))
        await at_rest(pilot)
        hint = app.screen.query_one("#tags-hint")
        lines = [s.text.strip() for s in hint.render_lines(hint.region.reset_offset)]
        text = "\n".join(lines)
        for tag in ["cost", "observability", "architecture", "oncall-load", "security"]:
            assert f"#{tag} (1)" in text, text
        assert not any(line.startswith("(") for line in lines)


class Pick(App[None]):
    def compose(self):
        with RadioSet():
            yield Radio("Yes", value=True)
            yield Radio("No")


async def test_only_the_chosen_radio_shows_its_dot():
    app = Pick()
    async with app.run_test(size=(40, 10)):
        yes, no = app.query(Radio)
        assert str(yes.render()).startswith("▐●▌") and str(no.render()).startswith(f"▐{BLANK}▌")


class Ticks(App[None]):
    def compose(self):
        yield Tick("Can be a reference for me", value=True, id="on")
        yield Tick("Another box", id="off")


async def test_a_tick_box_shows_its_tick_only_when_ticked():
    """Textual's Checkbox draws a faint X when unticked: read as text (or in a light theme) it
    looked ticked. A Tick draws ✓ or nothing (the people dialog's reference box)."""
    app = Ticks()
    async with app.run_test(size=(40, 10)):
        on, off = app.query_one("#on", Tick), app.query_one("#off", Tick)
        assert str(on.render()).startswith(f"▐{TICKED}▌") and str(off.render()).startswith(f"▐{BLANK}▌")
        off.value = True
        on.value = False  # the watcher runs as the value is set
        assert str(off.render()).startswith(f"▐{TICKED}▌") and str(on.render()).startswith(f"▐{BLANK}▌")


class Levels(App[None]):
    CSS = "RadioSet { width: 34; } Radio { width: 100%; height: auto; text-wrap: wrap; }"

    def compose(self):
        with RadioSet():
            yield Radio("0  Presents one answer as obviously right, with no downside mentioned.")
            yield Radio("1  Short.")


async def test_a_radio_label_wraps_under_itself_not_under_its_button():
    """The score dialog's levels at 80 columns: "▐ ▌ 0  Presents … downside" then "mentioned."
    under the button. A wrapped label line now starts where the label does."""
    app = Levels()
    async with app.run_test(size=(40, 12)) as pilot:
        long, short = app.query(Radio)
        await wait_for(pilot, lambda: long.content_size.width > 0)
        lines = long.render().plain.splitlines()
        assert len(lines) > 2 and lines[0].startswith(f"▐{BLANK}▌ 0  Presents"), lines
        assert all(line.startswith("    ") and line[4] != " " for line in lines[1:]), lines
        assert long.size.height == len(lines) and short.size.height == 1
        assert " ".join(line.strip() for line in lines).endswith("with no downside mentioned.")


@pytest.mark.parametrize("years", [None, 1.0, 5.5, 9.0, 15.0])
@pytest.mark.parametrize("evidence", [0, 1, 2])
def test_the_timelines_line_fits_its_room_and_says_the_usual_stage_only_off_pace(evidence, years):
    """At 80 columns the line read "Evidence: Technical leader · on pace · usual at 5.5y: Techn…":
    cut next to the progress bar, and on pace the usual stage is the evidence's, said twice. At 120
    columns, once years were set, it dropped what the 67 % beside it counts."""
    by_years = None if years is None else stages.stage_by_years(years, playbook.load().stages)
    placement = stages.Placement(
        years=years, stage=playbook.STAGES[evidence], stage_index=evidence, position=2 / 3, next_stage=None,
        met=2, total=5, stage_by_years=None if by_years is None else playbook.STAGES[by_years], years_index=by_years,
    )  # fmt: skip
    name = playbook.load().stage(playbook.STAGES[evidence]).name
    for room in (46, 60, 87, 120):  # 60 and 87: its room at 80 and 120 columns
        line = where_text(placement, room).plain
        assert len(line) <= room, (room, line)
        assert name in line
        if room >= 87:
            assert "1 more to move on" in line, (room, line)  # what the bar beside it is short of
        if years is None:
            assert "P" in line and "your years" in line
        else:
            assert placement.pace in line and f" {years:g}" in line
            if placement.pace == "on pace":
                assert "usual" not in line
            elif room >= 120:
                assert "usual" in line, (room, line)
    assert "2 of 5 targets met · 1 more to move on" in where_text(placement, 200).plain  # as the bar: 67 %


class OneHeatmap(App[None]):
    def __init__(self, theme: str) -> None:
        super().__init__()
        self.theme = theme  # styled in it from the start

    def compose(self):
        yield Heatmap(id="heat")


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light", "catppuccin-latte", "nord"])
async def test_the_heatmaps_levels_stand_further_from_the_background_one_by_one(theme):
    """In textual-light the four levels were 1.04–1.25 against an empty day: one blur of green."""
    app = OneHeatmap(theme)
    async with app.run_test(size=(80, 12)):
        heat = app.query_one(Heatmap)
        heat.show({date(2026, 3, 2): 1}, date(2025, 12, 1), date(2026, 3, 15))
        legend = heat.render().split()[-1]  # "… less ■ ■ ■ ■ ■ more"
        squares = [span.style for span in legend.spans if legend.plain[span.start : span.end].strip() == "■"]
        shades = [Style.parse(str(s)).color.get_truecolor() for s in squares]
        background = app.screen.styles.background.rich_color.get_truecolor()
        assert len(shades) == 5
        against = [contrast(shade, background) for shade in shades]
        assert against == sorted(against), against  # an empty day, then each level further out
        assert contrast(shades[-1], shades[0]) >= 2.5  # the busiest day stands out from an empty one
