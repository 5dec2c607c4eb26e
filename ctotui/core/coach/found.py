"""What a coach rule returns: ``Found``, one thing it would have the user do, and the ``Rule`` type
(core/coach/rules.py lists the rules in priority order; core/coach/paths.py holds the path's)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database

NEW_WITH_SKILL = "new:"  # an item the journal opens as the new-entry form with a skill ticked: "new:leadership"


@dataclass(frozen=True)
class Found:
    """One thing a rule would have the user do (actions.py makes it an ``Action``)."""

    text: str
    reason: str
    area: str
    item: str
    opens: str = ""


Rule = Callable[["Database", date], "list[Found]"]
