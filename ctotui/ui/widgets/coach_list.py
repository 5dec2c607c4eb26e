"""The "This week" list at the top of Home: the coach's
actions, each with its reason; enter does it (its screen opens on its item), z snoozes it
for a week. The actions come from core/coach.py; this only draws them."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.binding import Binding
from textual.widgets.option_list import Option

from ctotui.core.coach import Action, Coach
from ctotui.ui.areas import AREAS
from ctotui.ui.widgets.action_list import ActionList
from ctotui.ui.widgets.hanging import hang

AREA_NAMES = {a.mode: (a.name, a.key) for a in AREAS}


class CoachList(ActionList):
    DEFAULT_CSS = """
    CoachList { height: auto; max-height: 14; }
    """
    PRIMARY = "do"
    BINDINGS: ClassVar = [
        Binding("enter", "primary", "Do it", tooltip="Open the screen that does the highlighted action, on its item"),
        Binding("z", "act('snooze')", "Snooze a week", tooltip="Hide the highlighted action for seven days"),
    ]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.actions: dict[str, Action] = {}  # by option id (rule:item)

    def show(self, week: Coach) -> None:
        """Fill the list from ``coach.this_week``; option ids are ``rule:item``."""
        self.actions = {a.ref: a for a in week.actions}
        self.border_title = "This week"
        self.border_subtitle = f"{week.snoozed} snoozed · z snoozes" if week.snoozed else "enter does it · z snoozes"
        if not week.actions:
            self.refill([self.line(Text("Nothing to do: everything is up to date.", self.tone("muted")), "none")])
            return
        options: list[Option | None] = []
        for n, a in enumerate(week.actions, start=1):
            name, key = AREA_NAMES.get(a.area, (a.area, ""))
            body = Text(a.text)
            body.append(f"\n{a.reason} · {name} ({key})", style=self.tone("muted"))
            options.append(Option(hang(Text(f"{n}. ", self.tone("accent")), body), id=a.ref))
        self.refill(options)
