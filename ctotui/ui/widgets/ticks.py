"""Boxes that say whether they are ticked in their shape, not only in their colour.

Textual's SelectionList and RadioButton draw the same mark (``X``, ``●``) ticked
or not and change only its colour, which a monochrome terminal, a colour-blind
reader or a light theme may not show (an unticked Checkbox reads "X", faint). These
draw ``✓``/``●`` when on and a blank when off.
"""

from __future__ import annotations

from rich.segment import Segment
from textual.content import Content
from textual.geometry import Size
from textual.strip import Strip
from textual.widgets import Checkbox, RadioButton, SelectionList

TICKED = "✓"
BLANK = " "
LEAD = 4  # a radio's button (▐●▌) and the space before its label: where wrapped label lines start


class TickList(SelectionList):
    """A SelectionList whose boxes show ``✓`` when selected and nothing when not."""

    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        segments = list(strip)
        if len(segments) < 3 or segments[1].text != Checkbox.BUTTON_INNER:
            return strip
        index = self.scroll_offset.y + y
        if not 0 <= index < self.option_count:
            return strip
        ticked = self.get_option_at_index(index).value in self.selected
        segments[1] = Segment(TICKED if ticked else BLANK, segments[1].style, segments[1].control)
        return Strip(segments, strip.cell_length)


class Tick(Checkbox):
    """A Checkbox whose box shows ``✓`` when ticked and nothing when not."""

    BUTTON_INNER = BLANK  # until ticked

    def watch_value(self) -> None:
        super().watch_value()
        self.BUTTON_INNER = TICKED if self.value else BLANK


class Radio(RadioButton):
    """A RadioButton whose dot shows only when it is the one chosen."""

    BUTTON_INNER = BLANK  # until chosen

    def watch_value(self) -> None:
        super().watch_value()
        self.BUTTON_INNER = RadioButton.BUTTON_INNER if self.value else BLANK

    def render(self) -> Content:
        return self.wrapped(self.content_size.width)

    def wrapped(self, width: int) -> Content:
        """The button, then the label: a label too long for ``width`` wraps under its own first
        column, not under the button (the score dialog's levels at 80 columns)."""
        whole = super().render()
        if width <= LEAD + 1 or whole.cell_length <= width:
            return whole
        head, label = whole.divide([LEAD])
        lines = label.wrap(width - LEAD)
        indent = Content(" " * LEAD)
        return Content("\n").join([head + lines[0], *(indent + line for line in lines[1:])])

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        """As many lines as the label needs at this width (with ``text-wrap: wrap`` it wraps, not cut)."""
        return max(1, self.wrapped(width).get_height(self.styles, width))  # type: ignore[arg-type]  # Textual's own widgets pass styles here too
