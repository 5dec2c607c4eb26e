"""The stories beside an answer: the achievements linked to the question, and
up to three suggested ones. Enter on a suggestion links it; delete unlinks
the highlighted story; ctrl+l (on the session screen) picks any achievement.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual import on
from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ctotui.core.drill import stories
from ctotui.core.errors import CtoError
from ctotui.ui.appdb import db_of
from ctotui.ui.journal.pick import AchievementPicker
from ctotui.ui.readers import read_then_show
from ctotui.ui.widgets.hanging import Hanging, hang, kept
from ctotui.ui.widgets.timer import PracticeTimer


def picker_class():
    """The journal's achievement picker."""
    return AchievementPicker


def _label(story: stories.Story, mark: str) -> Hanging:
    """The mark, then the story's title and details, every line wrapped under the title (the
    panel is narrow: at 80 columns a title took three lines, which began at the mark's column)."""
    text = Text(story.title)
    details = " · ".join(kept(x) for x in (story.badge, story.occurred_on.strftime("%b %Y")) if x)
    text.append(f"\n{details}", style="dim")
    if story.backers:
        text.append(f"\ncan back it: {', '.join(story.backers)}", style="dim")
    return hang(f"{mark} ", text)


class StoriesPanel(OptionList):
    BINDINGS = [
        Binding("delete,backspace", "unlink", "Unlink", tooltip="Unlink the highlighted story from this question"),
    ]

    class Linked(Message):
        """A story was linked or unlinked (the owner may refresh other views)."""

    question_id: int | None = None

    def show(self, question_id: int) -> None:
        """Read the question's stories and suggestions (in a worker), then list them."""
        self.question_id = question_id

        def read(db) -> tuple[list[stories.Story], list[stories.Story]] | None:
            if not stories.journal_available(db):
                return None
            return stories.stories_for(db, question_id), stories.suggestions(db, question_id)

        read_then_show(self, read, self._fill, group="stories")

    def _fill(self, found: tuple[list[stories.Story], list[stories.Story]] | None) -> None:
        self.clear_options()
        if found is None:
            self.add_option(Option(Text(stories.NOT_AVAILABLE.capitalize() + "."), disabled=True))
            self.add_option(
                Option(
                    Text("Stories are achievements from the journal (j), linked to questions."),
                    disabled=True,
                )
            )
            return
        linked, suggested = found
        self.add_option(Option(Text("Your stories", style="bold"), disabled=True))
        if linked:
            self.add_options([Option(_label(s, "●"), id=f"linked-{s.achievement_id}") for s in linked])
        else:
            self.add_option(Option(Text("none yet: link one below or with ctrl+l"), disabled=True))
        if suggested:
            self.add_option(Option(Text("Suggested (enter links)", style="bold"), disabled=True))
            self.add_options([Option(_label(s, "+"), id=f"suggest-{s.achievement_id}") for s in suggested])

    def link(self, achievement_id: int) -> None:
        if self.question_id is None:
            return
        try:
            story = stories.link_story(db_of(self), self.question_id, achievement_id)
        except CtoError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        self.notify(f"Linked: {story.title}", markup=False)
        self.show(self.question_id)
        self.post_message(self.Linked())

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        option_id = event.option.id or ""
        if option_id.startswith("suggest-"):
            self.link(int(option_id.removeprefix("suggest-")))

    def action_unlink(self) -> None:
        if self.highlighted is None or self.question_id is None:
            return
        option_id = self.get_option_at_index(self.highlighted).id or ""
        if not option_id.startswith("linked-"):
            return
        try:
            stories.unlink_story(db_of(self), self.question_id, int(option_id.removeprefix("linked-")))
        except CtoError as exc:  # a refused write too (StorageError)
            self.notify(str(exc), severity="error", markup=False)
            return
        self.notify("Story unlinked")
        self.show(self.question_id)
        self.post_message(self.Linked())

    def pick_story(self, question_id: int, timer: PracticeTimer, done: Callable[[], object]) -> None:
        """Pick any achievement to link to the question (ctrl+l on the session): what is linked
        already is read in a worker; ``timer`` pauses while picking (bookkeeping, not answer
        time); ``done`` runs after (the session puts the focus back on the answer)."""

        def read(db) -> frozenset[int] | None:
            if not stories.journal_available(db):
                return None
            return frozenset(s.achievement_id for s in stories.stories_for(db, question_id))

        read_then_show(self, read, lambda linked: self._pick(linked, timer, done), group="link")

    def _pick(self, linked: frozenset[int] | None, timer: PracticeTimer, done: Callable[[], object]) -> None:
        if linked is None:
            self.notify("The journal is not available yet: stories are achievements from it.", severity="warning")
            return

        def picked(achievement_id: int | None) -> None:
            if achievement_id is not None:
                self.link(achievement_id)
            if was_running:
                timer.start()
            done()

        was_running = timer.running
        timer.pause()
        self.app.push_screen(picker_class()(title="Link a story to this question", exclude=linked), picked)
