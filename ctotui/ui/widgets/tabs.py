"""A tab pane that follows the focus as it is now, not as it was.

Textual's ``TabbedContent`` activates the pane that holds a widget when that widget is
focused: the widget's focus travels up to its ``TabPane`` as ``DescendantFocus``, one
message queue at a time, and the pane then tells the ``TabbedContent`` (``TabPane.Focused``).
Keys handled between the focus and that message can move the focus to another tab first.
The screen's first focus, given while it is composed, is one: ``w`` then ``v`` typed
quickly opened the review's History and then went back to "This week" when the late
message arrived (seen under load in a snapshot test, about 1 run in 50).

``Pane`` drops that message once the focus is no longer inside the pane, so the tab on
view always holds the focused widget. Every tabbed screen uses it instead of ``TabPane``.
"""

from __future__ import annotations

from textual import on
from textual.widgets import TabPane


class Pane(TabPane):
    """A ``TabPane`` whose "a widget in me was focused" is dropped once the focus has moved on."""

    @on(TabPane.Focused)
    def _focus_still_here(self, event: TabPane.Focused) -> None:
        focused = self.screen.focused if self.is_attached else None  # a pane being removed has no screen
        if focused is None or self not in focused.ancestors:
            event.stop()  # stale: the TabbedContent would activate a tab the focus has left
