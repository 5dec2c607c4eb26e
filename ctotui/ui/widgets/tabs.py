"""A tab pane that follows the focus as it is now, not as it was.

Textual's ``TabbedContent`` activates the pane that holds a widget when that widget is
focused: the widget's focus travels up to its ``TabPane`` as ``DescendantFocus``, one
message queue at a time, and the pane then tells the ``TabbedContent`` (``TabPane.Focused``,
two queues further up). Keys handled between the focus and that message can move the focus
to another tab first. The screen's first focus, given while it is composed, is one: ``w``
then ``v`` typed quickly opened the review's History and then went back to "This week"
when the late message arrived (seen under load in a snapshot test, about 1 run in 50).

``Pane`` decides in its own queue: it drops the message once the focus is no longer inside
the pane, and otherwise activates its tab there and then, as ``TabbedContent`` would have
two queues later (by then a key could have moved the focus on, and "This week" came back
over the History the review's v had opened: tests/app/test_tab_pane.py; the likely cause
of one CI failure). The tab on view always holds the focused widget. Every tabbed screen uses it instead of ``TabPane``.
"""

from __future__ import annotations

from textual import on
from textual.widgets import TabbedContent, TabPane


class Pane(TabPane):
    """A ``TabPane`` that activates its own tab when a widget in it is focused, if the focus is
    still in it by the time that news reaches it."""

    @on(TabPane.Focused)
    def _focus_still_here(self, event: TabPane.Focused) -> None:
        event.stop()  # decided here: not two message queues later, in the TabbedContent
        focused = self.screen.focused if self.is_attached else None  # a pane being removed has no screen
        if focused is None or self not in focused.ancestors or self.id is None:
            return  # stale: the focus has left the pane
        self.query_ancestor(TabbedContent).active = self.id
