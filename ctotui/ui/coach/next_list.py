"""The "This week" list at the top of Home: the coach's
actions, each with its reason; its number (or enter) does it (its screen opens on its item),
z snoozes it for a week, Home's u brings back the one snoozed last. The actions come from core/coach/actions.py; this only draws them."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.binding import Binding
from textual.widgets.option_list import Option

from ctotui.ui.areas import AREAS
from ctotui.ui.widgets.action_list import ActionList

if TYPE_CHECKING:
    from ctotui.core.coach.actions import Action, Coach

AREA_NAMES = {a.mode: a.short for a in AREAS}  # the footer's word: Journal, Skills, Drill...


class CoachList(ActionList):
    DEFAULT_CSS = """
    CoachList { height: auto; max-height: 12; text-wrap: nowrap; text-overflow: ellipsis; }
    """
    PRIMARY = "do"
    BINDINGS: ClassVar = [
        # not in the footer: Home's footer keeps the areas' keys; the list's subtitle names these two
        Binding(
            "enter",
            "primary",
            "Do it",
            show=False,
            tooltip="Open the screen that does the highlighted action, on its item",
        ),
        Binding(
            "z", "act('snooze')", "Snooze a week", show=False, tooltip="Hide the highlighted action for seven days"
        ),
    ]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.actions: dict[str, Action] = {}  # by option id (rule:item)

    def show(self, week: Coach) -> None:
        """Fill the list from ``coach.this_week``; option ids are ``rule:item``."""
        self.actions = {a.ref: a for a in week.actions}
        self.border_title = "This week"
        self.border_subtitle = "1–5 or enter does it · z snoozes" + (
            f" · {week.snoozed} snoozed, u brings back" if week.snoozed else ""
        )
        if not week.actions:
            self.refill([self.line(Text("Nothing to do: everything is up to date.", self.tone("muted")), "none")])
            return
        options: list[Option | None] = []
        for n, a in enumerate(week.actions, start=1):
            name = AREA_NAMES.get(a.area, a.area)
            # two lines an action, cut with an ellipsis rather than wrapped: five fit at 80x24
            body = Text(f"{n}. ", style=self.tone("accent"), no_wrap=True, overflow="ellipsis")
            body.append(a.text, style="")
            body.append(f"\n   {name}: {a.reason}", style=self.tone("muted"))
            options.append(Option(body, id=a.ref))
        self.refill(options)
