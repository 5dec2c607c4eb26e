"""The product's areas: one Textual mode each, a key, a palette name.

The app's MODES, its area bindings, the command palette and the help screen
are all made from this one list.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType

from textual.screen import Screen


# Lazy point 2: the UI's area registry (one of the two places where ctotui defers an
# import; the other is the CLI's dispatch table, cli/__init__.py). What the first frame
# does not need is imported here, on first use, and nowhere else:
# - an area's screen module, on the area's first visit (Area.screen_class);
# - after the first paint, from the app's opener worker: the app's data layer
#   (ui/data_layer.py: the database opener and the area models Home's cards read);
# - the command palette's providers (ui/commands.py), when the palette first opens.
# - once the first screen shows its data and the area sheets are read, in a worker
#   (the app's warm_up): WARM_MODULES, what several areas' first visits import.
# So start-up pays for Home's frame only, and each area's models load when it opens.
def load_module(name: str) -> ModuleType:
    """The module ``name``, imported on first use."""
    return importlib.import_module(name)


# What the journal's, the review's and its history's first visits all import: rich's Markdown
# (markdown-it and pygments, ~34 ms of CPU), imported in the background after start-up, so
# that the first of those visits does not pay it (docs/performance.md).
WARM_MODULES = ("rich.markdown",)


def data_layer() -> ModuleType:
    """ui/data_layer.py: the opener, the drafts, the help screen... (after the first paint and Home's read)."""
    return load_module("ctotui.ui.data_layer")


def home_data() -> ModuleType:
    """ui/home_data.py: the area models Home's cards and the coach read (after the first paint)."""
    return load_module("ctotui.ui.home_data")


@dataclass(frozen=True)
class Area:
    mode: str
    name: str  # as the palette shows it: "Journal", "Interview drill", ...
    key: str
    short: str  # footer label
    screen: str  # "module:Class", imported when the area is first opened
    about: str  # one line: what the area is for

    def screen_class(self) -> type[Screen]:
        module, _, cls = self.screen.partition(":")
        return getattr(load_module(module), cls)

    def factory(self) -> Callable[[], Screen]:
        def make() -> Screen:
            return self.screen_class()()

        return make


AREAS: tuple[Area, ...] = (
    Area(
        "dashboard",
        "Home",  # the title bar, the palette ("Home: open") and the help say Home, as the key h does
        "h",
        "Home",
        "ctotui.ui.home.screen:DashboardScreen",
        "Where your data lives, what is in it, and what to do today.",
    ),
    Area(
        "journal",
        "Journal",
        "j",
        "Journal",
        "ctotui.ui.journal.screen:JournalScreen",
        "Achievements with numbers, linked to skills: the evidence for reviews and interviews.",
    ),
    Area(
        "skills",
        "Skills",
        "s",
        "Skills",
        "ctotui.ui.skills.screen:SkillsScreen",
        "The six skill areas of a CTO, self-rated over time, with evidence from the journal.",
    ),
    Area(
        "drill",
        "Interview drill",
        "i",
        "Drill",
        "ctotui.ui.drill.screen:DrillScreen",
        "Offline practice for the three things CTO interviewers probe, with spaced repetition.",
    ),
    Area(
        "timeline",
        "Timeline",
        "t",
        "Timeline",
        "ctotui.ui.timeline.screen:TimelineScreen",
        "The three career stages, where you are on them, and the action plan by horizon.",
    ),
    Area(
        "review",
        "Weekly review",
        "w",
        "Review",
        "ctotui.ui.review.screen:ReviewScreen",
        "One guided session a week that ties the journal, skills, drill and plan together.",
    ),
    Area(
        "people",
        "People",
        "g",
        "People",
        "ctotui.ui.people.screen:PeopleScreen",
        "Who knows what you want, what they said, the bar someone set and its deadline.",
    ),
    Area(
        "playbook",
        "Playbook",
        "p",
        "Playbook",
        "ctotui.ui.playbook.screen:PlaybookScreen",
        "The coaching content to read: the role, the paths, the skills, the stages, the mistakes.",
    ),
)


def area(mode: str) -> Area:
    for a in AREAS:
        if a.mode == mode:
            return a
    raise KeyError(mode)
