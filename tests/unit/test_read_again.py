"""read_again (ui/watch.py): the screen on view reads again after another process's write, but
not once the app is shutting down. Textual's shutdown takes a screen's children away while the
screen still counts as mounted; a change seen then once failed a CI run with "No nodes match
'#list' on JournalScreen()"."""

from __future__ import annotations

from ctotui.ui.watch import read_again


class Screen:
    is_mounted = True

    def __init__(self) -> None:
        self.reads = 0

    def data_changed(self) -> None:
        self.reads += 1


class App:
    def __init__(self, running: bool) -> None:
        self.is_running = running
        self.screen = Screen()


def test_a_running_app_has_the_screen_on_view_read_again() -> None:
    app = App(running=True)
    read_again(app)  # type: ignore[arg-type]  # a stand-in with the two attributes read_again reads
    assert app.screen.reads == 1


def test_an_app_shutting_down_reads_nothing() -> None:
    app = App(running=False)
    read_again(app)  # type: ignore[arg-type]  # as above
    assert app.screen.reads == 0
