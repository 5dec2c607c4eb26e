"""The timeline's three lists and their keys: the stage's targets and questions, the action
plan, the self-checks (the weekly review's self-checks step uses the last one too)."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding

from ctotui.ui.widgets.action_list import ActionList


class StageList(ActionList):
    """The viewed stage: focus, targets (tick, link evidence) and questions (answer)."""

    PRIMARY = "open"
    BINDINGS: ClassVar = [
        Binding("space", "act('tick')", "Tick", tooltip="Tick or untick the highlighted target"),
        Binding("enter", "primary", "Tick / answer", show=False, tooltip="Tick a target, or answer a question"),
        Binding("a", "act('answer')", "Answer", tooltip="Write a new dated answer to the question"),
        Binding("l", "act('link')", "Link achievement", tooltip="Link an achievement from the journal as evidence"),
    ]

    def allows(self, action: str, item_id: str | None) -> bool:
        kind = (item_id or "").partition(":")[0]
        return {"tick": kind == "target", "link": kind == "target", "answer": kind == "question"}.get(
            action, item_id is not None
        )


class PlanList(ActionList):
    """The action plan by horizon: add, edit, done, drop."""

    PRIMARY = "edit"
    BINDINGS: ClassVar = [
        Binding("space", "act('done')", "Done", tooltip="Mark the item done, or open again"),
        Binding("a", "screen.add_plan_item", "Add", tooltip="Add an item of your own"),
        Binding("e,enter", "act('edit')", "Edit", tooltip="Change the text, horizon or due date"),
        Binding("x", "act('drop')", "Drop", tooltip="Drop the item, or bring a dropped one back"),
        Binding("v", "screen.toggle_dropped", "Dropped", tooltip="Show or hide dropped items"),
    ]


class CheckList(ActionList):
    """Self-checks answerable in place: y / m / n, or enter for a note."""

    PRIMARY = "answer"
    BINDINGS: ClassVar = [
        Binding("y", "act('yes')", "Yes", tooltip="Answer yes"),
        Binding("m", "act('partly')", "Partly", tooltip="Answer partly"),
        Binding("n", "act('no')", "No", tooltip="Answer no"),
        Binding("enter", "primary", "Note…", tooltip="Answer with a note, and see earlier answers"),
    ]
