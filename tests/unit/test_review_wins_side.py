"""The review's wins step, its side pane: the week's count is the week's, not the list's."""

from __future__ import annotations

from rich.console import Console
from rich.style import Style

from ctotui.core.journal.entries import add_achievement
from ctotui.ui.review.steps import wins_side


def wins(db) -> list:
    return [
        add_achievement(db, title="Cut deploy time from 45 to 7 min", metric="parse", occurred_on="2026-03-10"),
        add_achievement(db, title="Ran the incident review", occurred_on="2026-03-11"),
    ]


def text(renderable) -> str:
    console = Console(width=60, record=True)
    console.print(renderable)
    return console.export_text()


def tone(name: str) -> Style:
    return Style()


def test_a_busy_week_counts_all_its_wins_and_says_which_were_looked_at(db) -> None:
    listed = wins(db)
    assert "640 wins · 1 without a number among the newest 2" in text(wins_side(tone, listed, None, 640))
    assert "1,478 wins · 1 without a number" in text(wins_side(tone, listed, None, 1478))  # as Home counts them


def test_a_week_listed_whole_says_its_count_plainly(db) -> None:
    listed = wins(db)
    shown = text(wins_side(tone, listed, None, 2))
    assert "2 wins · 1 without a number" in shown and "among" not in shown
    assert "2 wins · 1 without a number" in text(wins_side(tone, listed, None))
