"""The footer: the keys the current screen offers, on one line, each one clickable."""

from __future__ import annotations

from textual import events
from textual.app import RenderResult
from textual.content import Content
from textual.screen import Screen
from textual.style import Style
from textual.widget import Widget

from ctotui.ui.widgets import colors

Key = tuple[str, str, str, bool]  # key, as shown, description, enabled
ALWAYS_SHOWN = frozenset({"escape", "f1", "question_mark", "q"})  # the way out, help and quit: never cut


class Footer(Widget, can_focus=False):
    """What Textual's Footer shows (the screen's keys, each with what it does; the
    command palette's key on the right; a key that cannot act now dimmed; a click
    presses the key), drawn as one widget.

    Textual's Footer mounts a widget per key and remounts them all on each bindings
    update of its screen, three times before the first paint: ~140M instructions,
    the largest single cost of ctotui's start-up over the minimal Textual app
    (`bench/startup.py --instructions`). This one redraws its line, and only when
    the keys change. Hovering a key shows its binding's tooltip, as Textual's does."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES = {"footer--key", "footer--description", "footer--disabled"}
    DEFAULT_CSS = """
    Footer {
        dock: bottom;
        height: 1;
        text-wrap: nowrap;
        color: $footer-foreground;
        background: $footer-background;
        link-style: none;
        link-color: $footer-foreground;
        link-background: $footer-background;
        link-style-hover: none;
        link-background-hover: $block-hover-background;
        link-color-hover: $footer-key-foreground;
        .footer--key { color: $footer-key-foreground; background: $footer-key-background; text-style: bold; }
        .footer--description { color: $footer-description-foreground; background: $footer-description-background; }
        /* a key that cannot act now (the area you are in), in a light theme: grey, still readable
           (Textual's dimming faded the key to 2.1:1 on textual-light's footer) */
        .footer--disabled { color: $text-muted; }
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._keys: tuple[Key, ...] = ()
        self._palette: Key | None = None
        self._tooltips: dict[str, str] = {}  # key -> its binding's tooltip, shown on hover
        self._app_keys: frozenset[str] = frozenset()  # the app's own keys (areas, help, quit)

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen) -> None:
        app = self.app
        keys: dict[str, Key] = {}  # one entry per action: its first key, as Textual's Footer does
        palette: Key | None = None
        self._tooltips = {}
        app_keys = set()
        for node, binding, enabled, tooltip in screen.active_bindings.values():
            if node is app:
                app_keys.add(binding.key)
            entry = (binding.key, app.get_key_display(binding), binding.description, enabled)
            if binding.key == app.COMMAND_PALETTE_BINDING and app.ENABLE_COMMAND_PALETTE:
                palette = entry
            elif binding.show:
                keys.setdefault(binding.action, entry)
            if tooltip or binding.tooltip:
                self._tooltips.setdefault(binding.key, tooltip or binding.tooltip)
        shown = (tuple(keys.values()), palette)
        self._app_keys = frozenset(app_keys)
        if shown != (self._keys, self._palette):
            self._keys, self._palette = shown
            self.refresh()

    @property
    def keys_shown(self) -> tuple[Key, ...]:
        """The keys on the line (the palette's last), for tests and the help screen."""
        return self._keys + ((self._palette,) if self._palette else ())

    def _key(
        self, key: Key, key_style: Style, description_style: Style, disabled: Style | None, brief: bool = False
    ) -> Content:
        """One key and what it does. A key that cannot act now is dimmed on a dark background and
        drawn in the ``disabled`` colour on a light one."""
        name, shown, description, enabled = key
        description = "" if brief else description
        meta = {"@click": f"app.simulate_key({name!r})", "key": name} if enabled else {"key": name}
        click = Style.from_meta(meta)
        if not enabled and disabled is None:
            click += Style(dim=True)
        elif not enabled:
            key_style, description_style = key_style + disabled, description_style + disabled
        parts: list[tuple[str, Style]] = [(shown, key_style + click)]
        if description:
            parts.append((f" {description}", description_style + click))
        return Content.assemble(*parts)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        key = event.style.meta.get("key")
        self.tooltip = self._tooltips.get(key) if key else None

    def inactive_style(self) -> Style:
        """A light theme's key that cannot act now: ``$text-muted``, deepened to 3:1 on the footer
        (an inactive control is exempt from the text bar, and lighter than the keys that act)."""
        muted = self.get_visual_style("footer--disabled")
        if muted.foreground is None or muted.background is None:
            return muted
        return muted + Style(foreground=colors.readable(muted.foreground, muted.background, colors.MARK_CONTRAST))

    def render(self) -> RenderResult:
        key_style = self.get_visual_style("footer--key")
        description_style = self.get_visual_style("footer--description")
        # by the theme, not the footer's own colour: solarized-light's footer is a mid blue (dark by
        # brightness) under dark words, and dimming its key left 2.9:1
        disabled = None if colors.dark_theme(self) else self.inactive_style()
        palette = self._key(self._palette, key_style, description_style, disabled) if self._palette else None
        room = self.size.width - (palette.cell_length + 1 if palette else 0)

        def line(keys: tuple[Key, ...], brief: bool) -> Content:
            return Content(" ").join(
                self._key(k, key_style, description_style, disabled, brief and k[0] in self._app_keys) for k in keys
            )

        # When the line is too long, the app's own keys (areas, help, quit: the same on
        # every screen, all in the help screen) give up their words before anything is cut;
        # then what is cut is cut before the way out (esc), help (f1 while typing, ?) and quit,
        # which stay at the end, whole.
        shown = line(self._keys, brief=False)
        if shown.cell_length > room:
            shown = line(self._keys, brief=True)
        if shown.cell_length > room:
            kept = tuple(k for k in self._keys if k[0] in ALWAYS_SHOWN)
            tail = line(kept, brief=True)
            head = line(tuple(k for k in self._keys if k not in kept), brief=True)
            head = head.truncate(max(room - (tail.cell_length + 1 if tail.cell_length else 0), 0), ellipsis=True)
            shown = Content.assemble(head, " ", tail) if tail.cell_length else head
        if palette is None:
            return shown
        return Content.assemble(shown.pad_right(room - shown.cell_length), " ", palette)
