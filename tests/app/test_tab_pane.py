"""The tab pane every tabbed screen uses (ui/widgets/tabs.py), in an app of its own: the tab
on view follows the focus as it is when the pane hears of it, not two message queues later."""

from __future__ import annotations

from pilot_tools import at_rest, wait_for
from textual.app import App, ComposeResult
from textual.widgets import Button, ContentSwitcher, TabbedContent, TabPane

from ctotui.ui.widgets.tabs import Pane


class Tabs(App[None]):
    def __init__(self) -> None:
        super().__init__()
        self.shown: list[str] = []  # every tab activated, in order

    def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        self.shown.append(event.pane.id or "")

    def compose(self) -> ComposeResult:
        with TabbedContent(initial="a"):
            with Pane("A", id="a"):
                yield Button("in A", id="in-a")
            with Pane("B", id="b"):
                yield Button("in B", id="in-b")


async def test_a_key_handled_after_the_pane_heard_of_a_focus_is_not_undone():
    """Textual's TabbedContent activated the tab two queues after the pane had checked that the
    focus was still in it. A key handled in between (the review's v, from "This week" to the
    History) was then followed by that late activation: A came back over B, the focus in B, until
    B's own focus arrived (here; the review's screen acts on every activation, moving the focus). The pane activates its tab itself, in the step where it checks: B stays on view."""
    app = Tabs()
    async with app.run_test() as pilot:
        tabs = app.query_one(TabbedContent)
        pane = tabs.get_pane("a")
        app.screen.set_focus(app.query_one("#in-a", Button))
        await at_rest(pilot)

        def key() -> None:  # what a key's action does: the other tab on view, the focus in it
            tabs.active = "b"
            app.screen.set_focus(app.query_one("#in-b", Button))

        # The news of the focus in A reaches the pane; the key is handled next in the queue above
        # it (the tabs' content switcher), before the news would have gone through it.
        pane.post_message(TabPane.Focused(pane))
        tabs.query_one(ContentSwitcher).call_later(key)
        app.shown.clear()
        await at_rest(pilot)
        assert app.shown[:1] == ["b"] and "a" not in app.shown
        assert tabs.active == "b" and app.screen.focused is app.query_one("#in-b", Button)


async def test_news_of_a_focus_that_has_left_the_pane_is_dropped():
    app = Tabs()
    async with app.run_test() as pilot:
        tabs = app.query_one(TabbedContent)
        app.screen.set_focus(app.query_one("#in-b", Button))
        await wait_for(pilot, lambda: tabs.active == "b")
        pane = tabs.get_pane("a")
        pane.post_message(TabPane.Focused(pane))  # stale: the focus is in B
        await at_rest(pilot)
        assert tabs.active == "b"
