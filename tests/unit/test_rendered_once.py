"""ui/widgets/rendered.py: a long renderable (the review's report) is rendered once per width and
gives the same lines as the renderable itself."""

from __future__ import annotations

from rich.console import Console
from rich.markdown import Markdown

from ctotui.ui.widgets.rendered import RenderedOnce

REPORT = "# 2026-W49\n\n" + "\n".join(f"- Win {n}: cut the deploy time from {n} to 9 minutes" for n in range(40))


class Counted(Markdown):
    renders = 0

    def __rich_console__(self, console, options):
        Counted.renders += 1
        yield from super().__rich_console__(console, options)


def test_the_same_lines_as_the_renderable_once_per_width() -> None:
    console = Console(width=60, force_terminal=True, color_system="truecolor")
    once = RenderedOnce(Counted(REPORT))
    for width in (60, 60, 31, 60, 31):
        options = console.options.update_width(width)
        assert list(console.render(once, options)) == list(console.render(Markdown(REPORT), options))
    assert Counted.renders == 2
