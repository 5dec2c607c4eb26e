"""Which footer keys a person can read at 80 and 120 columns, in every area: ctotui's footer
against Textual's own Footer (plain and compact), on the same screen with the same keys.

    .venv/bin/python bench/footer_fit.py --db /tmp/demo.db    # after `ctotui --db /tmp/demo.db demo`

For each area and width it prints how many of the screen's footer keys show with their words
("12 words"), how many show as the key alone ("+9 keys": ctotui's footer drops the words of the
app's own keys, areas/help/quit, before it cuts anything), out of how many the screen offers.
The footer's row is read through public API (the widget under each cell and its rendered line).
A figure here is a measurement, never a test.
"""

from __future__ import annotations

import argparse
import asyncio
from pathlib import Path

from rich.style import Style
from textual.geometry import Region
from textual.widgets import Footer as TextualFooter

from ctotui.ui.app import CtoApp
from ctotui.ui.areas import AREAS
from ctotui.ui.widgets.footer import Footer

WIDTHS = (80, 120)
KINDS = ("ctotui", "textual", "textual compact")


def _owner(widget, style: Style) -> str | None:
    """Which key a footer cell belongs to: ctotui's footer marks its cells with the key (style
    meta); Textual's draws each key as a widget holding it (``key``)."""
    key = (style.meta or {}).get("key") if style else None
    return key if key is not None else getattr(widget, "key", None)


def _footer_row(screen) -> dict[str, str]:
    """The bottom row's text, gathered per key (cell by cell: the widget on top at each one)."""
    width, height = screen.size
    y = height - 1
    lines: dict[int, list[tuple[str, Style]]] = {}  # id(widget) -> its line, one (char, style) a cell
    out: dict[str, str] = {}
    for x in range(width):
        widget, region = screen.get_widget_at(x, y)
        line = lines.get(id(widget))
        if line is None:
            strips = widget.render_lines(Region(0, y - region.y, region.width, 1))
            line = lines[id(widget)] = [
                (char, segment.style or Style()) for segment in (strips[0] if strips else ()) for char in segment.text
            ]
        if 0 <= x - region.x < len(line):
            char, style = line[x - region.x]
            key = _owner(widget, style)
            if key is not None:
                out[key] = out.get(key, "") + char.replace("▏", " ")  # Textual sets the palette key apart
    return out


async def measure(db: Path, kind: str, width: int) -> dict[str, tuple[int, int, int]]:
    app = CtoApp(db_path=db, welcome=False)
    result: dict[str, tuple[int, int, int]] = {}
    async with app.run_test(size=(width, 24)) as pilot:
        while not app.db_ready:
            await pilot.pause()
        for area in AREAS:
            await pilot.press(area.key)
            while app.current_mode != area.mode:
                await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.pause()
            screen = app.screen
            ours = screen.query_one(Footer)
            wanted = ours.keys_shown  # (key, as shown, description, enabled): Textual's Footer lists the same
            if kind != "ctotui":
                await ours.remove()
                await screen.mount(TextualFooter(compact=kind == "textual compact"))
                screen.refresh_bindings()  # Textual's Footer fills in on the next bindings update
                for _ in range(3):
                    await pilot.pause()
            row = _footer_row(screen)
            words = sum(1 for k, shown, desc, _ in wanted if f"{shown} {desc}".split() == row.get(k, "").split())
            alone = sum(1 for k, shown, desc, _ in wanted if row.get(k, "").strip() == shown)
            result[area.mode] = (words, alone, len(wanted))
            if kind != "ctotui":
                await screen.query_one(TextualFooter).remove()
                await screen.mount(Footer())
                await pilot.pause()
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True)
    args = parser.parse_args()
    for width in WIDTHS:
        print(f"\n{width} columns: keys with their words (+ keys alone) / keys offered")
        rows = {kind: asyncio.run(measure(args.db, kind, width)) for kind in KINDS}
        print(f"{'area':<12}" + "".join(f"{kind:>20}" for kind in KINDS))
        for area in AREAS:
            cells = []
            for kind in KINDS:
                words, alone, total = rows[kind][area.mode]
                cells.append(f"{words} (+{alone}) / {total}")
            print(f"{area.mode:<12}" + "".join(f"{c:>20}" for c in cells))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
