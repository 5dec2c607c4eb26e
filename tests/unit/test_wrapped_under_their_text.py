"""Lines that start with a mark (a count, a box, a bullet) wrap under their own text, not at the
left edge, wherever a terminal of 80 columns or less makes them wrap: seen at 80x24 in the
drill's weak spots and the people screen (tests/app/test_people.py holds the person's line)."""

from __future__ import annotations

import io

from rich.console import Console, RenderableType
from rich.style import Style

from ctotui.core.db import open_db
from ctotui.core.drill.progress import progress, weak_spots
from ctotui.ui.drill.views import progress_view


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
