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

import ctotui

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
