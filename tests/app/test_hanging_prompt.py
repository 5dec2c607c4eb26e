"""An ActionList measures a Hanging prompt without drawing it (ui/widgets/hanging.py's
HangingPrompt): the height it gives must be the one Textual's RichVisual gets by rendering it,
and the lines it draws, for every kind of text at every width."""

from __future__ import annotations

import io
import random

from pilot_tools import at_rest, wait_for
from rich.console import Console
from rich.text import Text
from textual.app import App, ComposeResult
from textual.visual import RichVisual
from textual.widgets.option_list import Option

from ctotui.ui.widgets.action_list import ActionList
from ctotui.ui.widgets.hanging import KEEP, Hanging, HangingPrompt, Kept, hang, kept

WORDS = [
    "a",
    "win",
    "cut",
    "the",
    "budget",
    "by",
    "20%",
    "Kubernetes",
    "x" * 30,
    "日本語の",
    "🎉",
    "  ",
    "\t",
    "\n",
    "é",
]


TAILS = ["6 days ago", "due 5 Nov", "ticked 19 Jan 2025", "⚠ overdue since 5 Feb", "a " + "x" * 40 + " b"]


class OneList(App[None]):
    def compose(self) -> ComposeResult:
        yield ActionList(id="list")


def texts(rng: random.Random, n: int) -> list[Text]:
    out = [Text(""), Text("one line"), Text("ends with a newline\n"), Text("\n\n")]
    for _ in range(n):
        text = Text(" ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 25))))
        if rng.random() < 0.3:
            text.append("  +42%", style="bold green")
        if rng.random() < 0.3:  # words kept on one line (a date, "6 days ago"), one longer than a line
            text.append("  " + kept(rng.choice(TAILS)), style="dim")
        if rng.random() < 0.1:
            text.no_wrap = True
        if rng.random() < 0.1:
            text.overflow = rng.choice(["ellipsis", "crop", "fold"])
        out.append(text)
    return out


async def test_a_hanging_prompt_measures_as_it_draws() -> None:
    rng = random.Random(18)
    app = OneList()
    async with app.run_test(size=(80, 24)):
        lst = app.query_one(ActionList)
        for body in texts(rng, 400):
            mark = Text(rng.choice(["", "• ", "Mon ", "☐ ", "12. ", "★ "]), style="dim")
            hanging = hang(mark, body)
            prompt = HangingPrompt(lst, hanging)
            whole = RichVisual(lst, hanging)
            for width in (1, 2, 5, 9, 17, 30, 44, 61, 78):
                got = prompt.get_height(lst.styles, width)
                assert got == whole.get_height(lst.styles, width), (body, mark, width)
                drawn = prompt.to_strips(lst, prompt, width, None, lst.visual_style)
                assert got == len(drawn), (body, mark, width)


async def test_an_action_list_measures_its_hanging_options_without_drawing_them() -> None:
    app = OneList()
    async with app.run_test(size=(80, 24)):
        lst = app.query_one(ActionList)
        lst.refill([Option(hang("• ", "a win"), id="a"), Option(Text("plain"), id="b"), None])
        prompts = [o.prompt for o in lst.options]
        assert isinstance(prompts[0], HangingPrompt) and isinstance(prompts[0].hanging, Hanging)
        assert isinstance(prompts[1], Text)
        assert lst.highlighted == 0


async def test_kept_words_start_the_next_line_whole_rather_than_break() -> None:
    """The self-checks read "… if you moved to another company.  6" then "days ago" under it."""
    app = OneList()
    async with app.run_test(size=(80, 24)):
        lst = app.query_one(ActionList)
        for tail in TAILS[:-1]:
            body = Text("A few people would join you if you moved to another company.")
            body.append("  " + kept(tail), style="dim")
            body.append("\nA note under it.")
            prompt = HangingPrompt(lst, hang("partly ", body))
            for width in range(7 + len(tail), 80):
                lines = [strip.text.rstrip() for strip in prompt.to_strips(lst, prompt, width, None, lst.visual_style)]
                assert any(line.endswith(kept(tail)) for line in lines), (width, lines)
                assert any(line.strip().startswith("A note") for line in lines)  # its line break kept
                assert prompt.get_height(lst.styles, width) == len(lines)


def test_kept_words_in_text_that_is_not_a_list_item() -> None:
    """The bar's "agreed 16 Oct 2025 · deadline 13" then "Jul" (the people screen at 80×24)."""
    text = Text("The bar for VP of Engineering\n")
    text.append(kept("agreed 16 Oct 2025") + " · " + kept("deadline 13 Jul"))
    for width in range(16, 50):
        console = Console(width=width, record=True, file=io.StringIO())
        console.print(Kept(text))
        lines = console.export_text().replace(KEEP, " ").splitlines()
        assert any(line.rstrip().endswith("deadline 13 Jul") for line in lines), (width, lines)
        if width >= len("agreed 16 Oct 2025"):  # narrower, it is longer than a line and folds
            assert any(line.startswith("agreed 16 Oct 2025") for line in lines), (width, lines)


async def test_a_list_longer_than_its_height_measures_each_option_at_one_width() -> None:
    """Filled with more options than lines, the list keeps its scrollbar's gutter from the start: each
    option is measured once, at the width beside the scrollbar, not first without it (the review's
    200 wins at 100,000 achievements were measured twice). A short list has no gutter."""
    app = OneList()
    async with app.run_test(size=(60, 12)) as pilot:
        lst = app.query_one(ActionList)
        await wait_for(pilot, lambda: lst.size.height)
        lst.refill([Option(hang("• ", f"win {n} " + "word " * 12), id=str(n)) for n in range(40)])
        await at_rest(pilot)
        widths = {width for option in lst.options for width in option.prompt.heights}
        assert widths == {lst.scrollable_content_region.width}, widths
        assert lst.show_vertical_scrollbar and lst.scrollbar_size_vertical > 0
        assert all(len(option.prompt.heights) == 1 for option in lst.options)
        lst.refill([Option(hang("• ", "one win"), id="one")])
        await at_rest(pilot)
        assert not lst.show_vertical_scrollbar
        assert lst.scrollable_content_region.width == lst.size.width
