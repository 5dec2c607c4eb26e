"""Emptying the journal's trash from the app: ask first, then remove the deleted entries for good
(core/journal/trash.py's ``purge_deleted``, one transaction)."""

from __future__ import annotations

from collections.abc import Callable

from ctotui.core.errors import CtoError
from ctotui.core.journal.trash import purge_deleted
from ctotui.core.plural import plural
from ctotui.ui.base import AreaScreen
from ctotui.ui.dialogs.choice import ChoiceDialog


def ask_to_empty(screen: AreaScreen, waiting: int, emptied: Callable[[], None]) -> None:
    """Ask before removing the ``waiting`` deleted achievements for good; ``emptied()`` after they went."""
    if not waiting:
        screen.notify("The trash is empty: nothing was deleted.", title="Journal")
        return

    def answered(answer: str | None) -> None:
        if answer != "empty":
            return
        try:
            gone = purge_deleted(screen.db)
        except CtoError as exc:
            screen.notify(str(exc), severity="error", markup=False)
            return
        emptied()
        screen.notify(
            f"Removed {plural(gone, 'deleted achievement', thousands=True)} for good.", title="Journal", markup=False
        )

    screen.app.push_screen(
        ChoiceDialog(
            f"Remove {plural(waiting, 'deleted achievement', thousands=True)} for good?",
            [("keep", "Keep them"), ("empty", "Empty the trash")],
            safe="keep",  # enter and escape keep them: emptying is for good
            detail="Undo (u) and ctotui undelete can no longer bring them back. Nothing else is touched.",
            title="Empty the trash",
        ),
        answered,
    )
