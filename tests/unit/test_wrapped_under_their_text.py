"""Lines that start with a mark (a count, a box, a bullet) wrap under their own text, not at the
left edge, wherever a terminal of 80 columns or less makes them wrap: seen at 80x24 in the
drill's weak spots and stories, a session's story panel, and on the people screen
(tests/app/test_people.py holds that one)."""

from __future__ import annotations

import io

from rich.console import Console, RenderableType
from rich.style import Style

from ctotui.core.db import open_db
from ctotui.core.drill.progress import progress, weak_spots
from ctotui.core.drill.stories import coverage, suggestions
from ctotui.ui.drill.stories import _label as story_label
from ctotui.ui.drill.views import coverage_view, progress_view


def lines(renderable: RenderableType, width: int) -> list[str]:
    console = Console(width=width, record=True, file=io.StringIO())
    console.print(renderable)
    return console.export_text().splitlines()


def test_a_weak_spot_wraps_under_its_question(demo_db) -> None:
    db = open_db(demo_db)
    try:
        weak = weak_spots(db)
        drawn = lines(progress_view(lambda name: Style(), progress(db), weak, narrow=True), 40)
    finally:
        db.close()
    assert weak, "the demo data has a question forgotten often"
    first = next(i for i, line in enumerate(drawn) if line.startswith(f"  {weak[0].lapses}× "))
    indent = len(f"  {weak[0].lapses}× ")
    assert drawn[first + 1].startswith(" " * indent) and drawn[first + 1][indent] != " ", drawn[first : first + 3]


def test_a_story_wraps_under_its_title(demo_db) -> None:
    db = open_db(demo_db)
    try:
        cov = coverage(db)
    finally:
        db.close()
    drawn = lines(coverage_view(lambda name: Style(), cov), 40)
    bullets = [i for i, line in enumerate(drawn) if line.startswith("  • ")]
    assert bullets, drawn
    wrapped = [
        drawn[i + 1]
        for i in bullets
        if i + 1 < len(drawn) and drawn[i + 1].strip() and not drawn[i + 1].startswith("  • ")
    ]
    assert wrapped, "a title long enough to wrap at 40 columns"
    assert all(line.startswith("    ") and line[4] != " " for line in wrapped), wrapped


def test_a_suggested_story_wraps_under_its_title(demo_db) -> None:
    db = open_db(demo_db)
    try:
        suggested = suggestions(db, "ots-10x-traffic")
    finally:
        db.close()
    assert suggested, "the demo journal has stories to suggest"
    drawn = lines(story_label(suggested[0], "+"), 22)  # the session's stories panel is ~23 wide at 80
    assert drawn[0].startswith("+ ") and len(drawn) > 2
    assert all(line.startswith("  ") and line[2] != " " for line in drawn[1:] if line.strip()), drawn
