"""One way of picking theme colours for drawn text: ui/widgets/colors.py.

The screens and widgets get the theme's colours from colors.py (``tone``,
``tones``, ``text``, ``fill``, ``chip``, ``blend``), never from the theme
object or a colour name that ignores the theme (and so the light themes).
Styles that Textual resolves itself (CSS, Content styles and markup) colour
text with the readable ``$text-*`` variables, never the raw ``$warning``:
orange on textual-light's surface has a contrast of 1.4.
This scans the package; a new way of picking a colour fails here.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from textual.color import Color
from textual.theme import BUILTIN_THEMES

import ctotui
from ctotui.ui.widgets import colors

PACKAGE = Path(ctotui.__file__).parent
THE_HELPER = PACKAGE / "ui" / "widgets" / "colors.py"
# the theme object and the stylesheet's variables read directly, or a fixed colour name as a style
OTHER_WAYS = re.compile(
    r"current_theme|get_css_variables|get_component_rich_style|theme_variables"
    r"""|(style\s*=\s*|, )["'](bold |dim |italic )*(red|green|yellow|blue|cyan|magenta|white|black)["']"""
    r"""|(color:\s*|\[|["'](b|bold) )\$(warning|error|success|accent|primary|secondary)\b"""
)


def offenders() -> list[str]:
    return [
        f"{path.relative_to(PACKAGE)}:{number}: {line.strip()}"
        for path in sorted([*PACKAGE.rglob("*.py"), *PACKAGE.rglob("*.tcss")])
        if path != THE_HELPER
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if OTHER_WAYS.search(line) and not line.rstrip().endswith("picks no colour")
    ]


# A line that reads the theme without drawing with it (the app comparing its CSS variables to
# know whether to restyle) says so at its end: "picks no colour".


def test_drawn_text_takes_its_colours_from_colors_py():
    found = offenders()
    assert not found, "pick theme colours through ui/widgets/colors.py:\n" + "\n".join(found)


def test_the_scan_sees_the_ways_it_forbids():
    for line in (
        "warn = self.app.current_theme.warning",
        'Text("x", style="red")',
        '("ok", "bold green")',
        "Digits { color: $warning; }",
        'Content.from_markup("[$warning]late[/]")',
        'Content.styled(text, "b $error")',
    ):
        assert OTHER_WAYS.search(line), line
    for line in ('Text("x", style=tone("bad"))', "Digits { color: $text-warning; }", "border: round $warning;"):
        assert not OTHER_WAYS.search(line), line


async def test_the_faded_text_colours_are_the_foreground_at_the_themes_strength():
    """``$text-muted`` is "auto 60%" and ``$text-disabled`` "auto 38%" in Textual's themes: the
    foreground faded into the background by that much, in a dark and a light theme (textual-light
    sets no foreground of its own: its muted text was the primary colour, a blue, faded)."""
    from rich.style import Style
    from textual.app import App
    from textual.color import Color
    from textual.widgets import Static

    from ctotui.ui.widgets import colors

    app = App()
    async with app.run_test(size=(20, 4)):
        static = Static("x")
        await app.mount(static)
        for theme in ("textual-dark", "textual-light"):
            app.theme = theme
            fg = Color.parse(app.get_css_variables()["foreground"])  # the test's own reading: picks no colour
            for name, amount in (("muted", 0.6), ("disabled", 0.38)):
                expected = colors.background(static).blend(fg, amount)
                assert colors.text(static, name) == Style(color=expected.rich_color), (theme, name)


# --- light themes: text deep enough to read on a focused list's cursor row ---------------------

BLACK, WHITE = Color(0, 0, 0), Color(255, 255, 255)
rgb = st.builds(Color, st.integers(0, 255), st.integers(0, 255), st.integers(0, 255))


def theme_variables(theme) -> dict[str, str]:
    """What ``App.get_css_variables`` gives for ``theme`` (its colour system and its own variables)."""
    return {**theme.to_color_system().generate(), **theme.variables}


def test_the_contrast_ratio_is_wcags():
    assert colors.contrast(BLACK, WHITE) == 21
    assert colors.contrast(WHITE, WHITE) == 1
    # the tester's reading: textual-light's amber on a focused list (2.74) and on its cursor (2.06)
    amber = Color(168, 109, 28)
    assert round(colors.contrast(amber, Color(206, 206, 206)), 2) == 2.74
    assert round(colors.contrast(amber, Color(168, 181, 190)), 2) == 2.06


@example(Color(200, 0, 0), Color(231, 30, 0))  # a deep red darkened all the way is still red: 4.44:1
@given(rgb, rgb)
def test_readable_reaches_the_bar_or_goes_as_far_as_it_can(colour, on):
    shown = colors.readable(colour, on)
    best = max(colors.contrast(BLACK, on), colors.contrast(WHITE, on))
    assert colors.contrast(shown, on) >= min(colors.TEXT_CONTRAST, best) - 0.05
    if colors.contrast(colour, on) >= colors.TEXT_CONTRAST:
        assert shown == colour  # a colour that reads is left as it is


@pytest.mark.parametrize("name", sorted(n for n, t in BUILTIN_THEMES.items() if not t.dark))
def test_a_light_themes_text_reads_on_a_focused_lists_cursor(name):
    """Every ``$text-*`` colour and ``$text-muted`` reach 4.5:1 on the darkest background text is
    drawn on (a focused list's cursor row: the surface, tinted 5% by the foreground as Textual
    does on focus, under app.tcss's 18% of primary), and the footer's keys on the footer."""
    before = theme_variables(BUILTIN_THEMES[name])
    after = colors.readable_variables(before)
    if before["background"].startswith("ansi"):
        assert after == before | colors.box_title_variables(before)  # the terminal's colours: nothing to measure
        return
    parse = Color.parse
    cursor = parse(after["surface"]).blend(parse(after["foreground"]), 0.05).blend(parse(after["primary"]), 0.18)
    for text in (*colors.READABLE, "text-muted"):
        assert colors.contrast(parse(after[text]), cursor) >= 4.5, (text, after[text], cursor.hex)
    for title in colors.BOX_TITLES:  # a box's title and subtitle, on the darkest background
        assert colors.contrast(parse(after[title]), cursor) >= 4.5, (title, after[title], cursor.hex)
    footer = parse(after["footer-background"])
    best = max(colors.contrast(BLACK, footer), colors.contrast(WHITE, footer))
    for text in ("footer-key-foreground", "footer-foreground", "footer-description-foreground"):
        assert colors.contrast(parse(after[text]), footer) >= min(4.5, best - 0.05), (text, after[text])


@pytest.mark.parametrize("name", sorted(n for n, t in BUILTIN_THEMES.items() if t.dark))
def test_a_dark_theme_is_left_as_it_is(name):
    """Its colours as Textual makes them; only a box's title colours are added, as Textual mixes them."""
    before = theme_variables(BUILTIN_THEMES[name])
    assert colors.readable_variables(before) == before | colors.box_title_variables(before)
    assert colors.box_title_variables(before)["box-subtitle"] == f"{before['foreground']} 70%"
