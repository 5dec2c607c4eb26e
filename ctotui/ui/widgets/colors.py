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

- ``readable_variables(variables)``: in a light theme, the theme's text colours
  (``$text-*``, the footer's keys) made darker until they read (WCAG's 4.5:1)
  on the darkest background they are drawn on, a focused list's cursor row;
  the app (a ``ReadableTextApp``) applies it to its CSS variables.

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


def dark_theme(widget: Widget) -> bool:
    """Whether the app's theme is a dark one (its own word for it, whatever a widget's background)."""
    return widget.app.current_theme.dark


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


TEXT_CONTRAST = 4.5  # WCAG 2 AA for text (1.4.3); symbols need 3 (1.4.11), text is the higher bar
MARK_CONTRAST = 3.0  # WCAG 2 AA for symbols and inactive controls (1.4.11)
# The backgrounds of a focused list in a light theme, over the theme's surface: Textual's
# OptionList:focus tints it with 5% of the foreground, app.tcss lays the cursor at 18% of primary.
FOCUS_TINT = 0.05
LIGHT_CURSOR = 0.18
BOX_TITLES = {"box-title": 0.85, "box-subtitle": 0.70}  # a border's title and subtitle: the foreground's share
READABLE = ("text-primary", "text-secondary", "text-accent", "text-success", "text-warning", "text-error")


def luminance(colour: Color) -> float:
    """WCAG 2's relative luminance of an opaque colour (0 black, 1 white)."""

    def channel(value: int) -> float:
        v = value / 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    r, g, b = colour.rgb
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: Color, b: Color) -> float:
    """WCAG 2's contrast ratio of two opaque colours (1: the same, 21: black on white)."""
    low, high = sorted((luminance(a), luminance(b)))
    return (high + 0.05) / (low + 0.05)


def readable(colour: Color, on: Color, minimum: float = TEXT_CONTRAST) -> Color:
    """``colour``, darkened (lightened) by as little as reaches ``minimum`` contrast against
    ``on`` (to within 1% of lightness): the same hue, only deeper. Black (white) if nothing less
    does. It goes the way that can go further: towards black unless white reads better on ``on``
    (solarized-light's footer, a mid blue: white reaches 3.7:1 on it, black 5.7)."""
    if contrast(colour, on) >= minimum:
        return colour
    sign = 1 if contrast(Color(0, 0, 0), on) >= contrast(Color(255, 255, 255), on) else -1
    low, high = 0.0, 1.0  # how much darker: not enough, enough
    while high - low > 0.01:
        middle = (low + high) / 2
        if contrast(colour.darken(sign * middle), on) >= minimum:
            high = middle
        else:
            low = middle
    deepened = colour.darken(sign * high)
    if contrast(deepened, on) < minimum:  # darkening all the way stops short of black (a deep red stays red)
        extreme = Color(0, 0, 0) if sign == 1 else Color(255, 255, 255)
        return max(deepened, extreme, key=lambda c: contrast(c, on))
    return deepened


def readable_variables(variables: dict[str, str]) -> dict[str, str]:
    """A light theme's CSS variables with its text colours made to read (4.5:1) on every
    background they are drawn on. Textual mixes ``$text-warning`` and the like from the theme's
    colour and black (amber #A86D1C in textual-light: 2.7:1 on a focused list, 2.1:1 on its
    cursor row), and the footer's keys take the accent as it is (blue #0178D4 on the footer:
    2.8:1). Each is deepened against the darkest of the theme's backgrounds and a focused list's
    cursor row (which is darker than them all); ``$text-muted`` becomes the foreground faded as
    the theme says, deepened the same way. Dark themes and colours that already read are left
    as they are; so is ``$text-disabled`` (text that cannot be used)."""
    variables = {**variables, **box_title_variables(variables)}
    try:
        surface = Color.parse(variables["surface"])
        foreground = Color.parse(variables["foreground"])
        backgrounds = [Color.parse(variables[name]) for name in ("background", "surface", "panel")]
        primary = Color.parse(variables["primary"])
    except Exception:  # noqa: BLE001 - a theme with colours Textual cannot parse: left as it is
        return variables
    if surface.brightness < 0.5:
        return variables
    listed = surface.blend(foreground, FOCUS_TINT)
    darkest = min([*backgrounds, listed.blend(primary, LIGHT_CURSOR)], key=luminance)
    changed = dict(variables)
    for name in READABLE:
        try:
            changed[name] = readable(Color.parse(variables[name]), darkest).hex
        except Exception:  # noqa: BLE001 - unset or not a colour (a theme's own value): kept
            continue
    auto, _, percent = variables.get("text-muted", "").partition(" ")
    if auto == "auto":  # "auto 60%": the foreground faded into the list's background by that much
        faded = listed.blend(foreground, float(percent.rstrip("%") or 100) / 100)
        changed["text-muted"] = readable(faded, darkest).hex
    for name, share in BOX_TITLES.items():  # the foreground faded as everywhere, then deepened
        changed[name] = readable(backgrounds[0].blend(foreground, share), darkest).hex
    try:
        footer = Color.parse(variables["footer-background"])
        for name in ("footer-key-foreground", "footer-foreground", "footer-description-foreground"):
            changed[name] = readable(Color.parse(variables[name]), footer).hex
    except Exception:  # noqa: BLE001 - as above
        pass
    return changed


def box_title_variables(variables: dict[str, str]) -> dict[str, str]:
    """``$box-title`` and ``$box-subtitle``, the colours of a box's border title and subtitle (app.tcss):
    the foreground at 85% and 70%, as Textual mixes them. A light theme's are deepened to read
    (``readable_variables``: solarized-light's subtitle on Home measured 2.53:1)."""
    foreground = variables.get("foreground", "white")
    return {name: f"{foreground} {share:.0%}" for name, share in BOX_TITLES.items()}


class ReadableTextApp(App[None]):
    """An app whose light themes draw text that reads: its CSS variables (what every style sheet
    and ``css_variables`` take) go through ``readable_variables``."""

    def get_css_variables(self) -> dict[str, str]:
        return readable_variables(super().get_css_variables())


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
