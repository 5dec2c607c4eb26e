"""The one place widgets pick theme colours for text they draw themselves.

A widget that builds ``Text`` (line API, ``render()``, option prompts) takes
its colours from its own component classes, resolved against the widget's
background, so every cell it draws has a foreground and a background from the
theme, never the terminal's defaults:

- ``tone(widget, component)``: a component class's foreground (and bold,
  italic...), without a background, so a highlight or cursor still shows
  behind it. Use the ``$text-*`` variables in the component's CSS: they are the
  theme's readable variants of accent, success, warning, error.
- ``fill(widget, component)``: a component class's background only (a cursor
  laid over text that keeps its own colours).
- ``base(widget)``: the widget's own colours (foreground and background), to
  lay under a line drawn with the line API.
- ``chip(widget, colour)``: a chip or badge: a theme colour (``"primary"``,
  ``"accent"``...) faded into the widget's background, with a text colour that
  reads on it.
- ``blend(widget, colour, amount)``: a theme colour mixed into the widget's
  background (shades of a heatmap).
- ``text(widget, name)``: for widgets without component classes (the
  dashboard's cards): the theme's readable text colour ``$text-<name>``
  (``accent``, ``success``, ``warning``, ``error``, ``muted``) as a style.
- ``tones(widget)``: the same as a ``Tone``, the lookup by tone name (heading,
  muted, good, warn, bad, accent) that renderers take, so a renderer draws the
  same in an ActionList (``ActionList.tone``, from its CSS) and in a Static.

Nothing else picks a colour for drawn text: no ``app.current_theme``, no
colour names ("green", "red") that ignore the theme and the light themes.
Where Textual resolves the style itself (CSS, ``Content`` styles and markup),
text takes the ``$text-*`` variables, never the raw ``$warning``/``$error``
(orange on textual-light's surface reads at a contrast of 1.4).
tests/unit/test_theme_colours.py scans for the other ways.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable

from rich.style import Style
from textual.app import App
from textual.color import Color
from textual.theme import Theme
from textual.widget import Widget

THEME_COLOURS = ("primary", "secondary", "accent", "success", "warning", "error", "foreground")

Tone = Callable[[str], Style]  # a style by tone name: heading, muted, good, warn, bad, accent
TONE_TEXT = {"heading": "accent", "accent": "accent", "good": "success", "warn": "warning", "bad": "error"}


def foreground(style: Style) -> Style:
    """``style`` without its background, so a cursor or highlight still shows behind the text."""
    return Style(
        color=style.color, bold=style.bold, italic=style.italic, underline=style.underline, strike=style.strike
    )


def tone(widget: Widget, component: str) -> Style:
    """The foreground of one of ``widget``'s component classes, resolved against its background."""
    return foreground(widget.get_component_rich_style(component))


def fill(widget: Widget, component: str) -> Style:
    """The background of one of ``widget``'s component classes, to lay over text (a cursor row)."""
    return Style(bgcolor=widget.get_component_rich_style(component).bgcolor)


def base(widget: Widget) -> Style:
    """The widget's own foreground and background (what its empty cells are drawn with)."""
    return widget.rich_style


def background(widget: Widget) -> Color:
    """The colour behind the widget's content (its own background over its ancestors')."""
    return widget.background_colors[1]


def on_dark(widget: Widget) -> bool:
    """Whether the widget's background is dark (a scale of shades goes lighter as it grows there,
    darker on a light background)."""
    return background(widget).brightness < 0.5


def theme_colour(widget: Widget, name: str) -> Color:
    """One of the current theme's colours by name (``primary``, ``accent``, ``warning``...)."""
    variables = css_variables(widget.app)  # worked out from the theme: a theme may leave one unset
    value = variables.get(name) if name in THEME_COLOURS else None
    return Color.parse(value or variables["primary"])


def blend(widget: Widget, name: str, amount: float) -> Color:
    """The theme colour ``name`` mixed into the widget's background by ``amount`` (0 to 1)."""
    return background(widget).blend(theme_colour(widget, name), amount)


def chip(widget: Widget, name: str, amount: float = 0.45) -> Style:
    """A chip: the theme colour ``name`` faded into the background, with text that reads on it."""
    fill = blend(widget, name, amount)
    ink = fill.blend(fill.get_contrast_text(), 0.9)
    return Style(color=ink.rich_color, bgcolor=fill.rich_color)


_VARIABLES: weakref.WeakKeyDictionary[App, tuple[Theme, dict[str, str]]] = weakref.WeakKeyDictionary()


def css_variables(app: App) -> dict[str, str]:
    """The app's CSS variables for its current theme (``App.get_css_variables``), worked out once
    per theme: Textual builds them afresh on each call (its whole colour system, ~0.5 ms), and the
    dashboard's cards asked ~30 times a read (docs/performance.md)."""
    theme = app.current_theme
    known = _VARIABLES.get(app)
    if known is None or known[0] is not theme:
        known = _VARIABLES[app] = (theme, app.get_css_variables())
    return known[1]


def text(widget: Widget, name: str) -> Style:
    """The theme's ``$text-<name>`` colour (its readable accent, success, warning, error or muted),
    resolved against the widget's background."""
    value = css_variables(widget.app).get(f"text-{name}", "")
    auto, _, percent = value.partition(" ")
    try:
        if auto == "auto":  # "auto 60%" (muted): the foreground, faded (Color.parse refuses it, slowly)
            colour = theme_colour(widget, "foreground").with_alpha(float(percent.rstrip("%") or 100) / 100)
        else:
            colour = Color.parse(value)
    except Exception:  # noqa: BLE001 - anything else a theme may set: the foreground
        colour = theme_colour(widget, "foreground")
    return Style(color=background(widget).blend(colour.with_alpha(1.0), colour.a).rich_color)


def tones(widget: Widget) -> Tone:
    """The tones (heading, muted, good, warn, bad, accent) from the theme's ``$text-*`` colours,
    for renderers drawn in a widget without component classes (any other name: muted)."""

    def tone(name: str) -> Style:
        return text(widget, TONE_TEXT.get(name, "muted"))

    return tone
