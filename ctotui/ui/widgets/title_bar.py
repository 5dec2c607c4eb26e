"""The line at the top of every area screen: the command palette's icon and the screen's title."""

from __future__ import annotations

from textual import events
from textual.app import RenderResult
from textual.content import Content
from textual.style import Style
from textual.widget import Widget

from ctotui.ui.widgets import colors

ICON = "⭘"
ICON_WIDTH = 8  # as Textual's HeaderIcon: the icon after one cell of padding; a click there opens the palette
RIGHT = 10  # as Textual's HeaderClockSpace (no clock): the title is centred between the two
PALETTE_TIP = "Open the command palette"


class TitleBar(Widget, can_focus=False):
    """What Textual's Header shows, on one line (the palette's icon at the left, which opens it
    when clicked and is tinted under the mouse; the title and sub-title centred, cut with "…"
    when too long), drawn as one widget.

    Textual's Header is four widgets (the header, its icon, its title, the clock's space), each
    composed, styled and laid out on every screen, with their four default style sheets parsed
    at start-up: ~6 ms of the ~46 ms from ``App.run`` to the first paint, and as much on each
    area's first visit (docs/performance.md, "The title bar"). It draws the same cells. Not
    kept: a click elsewhere on Textual's Header makes it three lines tall."""

    ALLOW_SELECT = False
    DEFAULT_CSS = """
    TitleBar {
        dock: top;
        width: 100%;
        height: 1;
        text-wrap: nowrap;
        background: $panel;
        color: $foreground;
        link-style: none;
        link-color: $foreground;
        link-background: $panel;
        link-style-hover: none;
        link-color-hover: $foreground;
        link-background-hover: $foreground 10%;
    }
    """

    def on_mount(self) -> None:
        for owner in (self.app, self.screen):
            self.watch(owner, "title", self.title_changed, init=False)
            self.watch(owner, "sub_title", self.title_changed, init=False)

    def title_changed(self) -> None:
        self.refresh()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        self.tooltip = PALETTE_TIP if "@click" in event.style.meta else None

    def title(self) -> Content:
        """The app's ``format_title`` of the screen's title and sub-title, or the app's where the
        screen has none (as Textual's Header). On a light background the sub-title is drawn in
        ``$text-muted``: Textual's dimming left it at 4.4:1 on textual-light's panel."""
        screen, app = self.screen, self.app
        title = screen.title if screen.title is not None else app.title
        sub_title = screen.sub_title if screen.sub_title is not None else app.sub_title
        if sub_title and not colors.on_dark(self):
            return Content.assemble(Content(title), (f" — {sub_title}", "$text-muted"))
        return app.format_title(title, sub_title)

    def render(self) -> RenderResult:
        icon = Content.styled(f" {ICON}".ljust(ICON_WIDTH), Style.from_meta({"@click": "app.command_palette"}))
        middle = self.title().center(max(self.size.width - ICON_WIDTH - RIGHT, 0), ellipsis=True)
        return Content.assemble(icon, middle, " " * RIGHT)
