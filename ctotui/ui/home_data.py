"""What Home reads: the area models its cards and the coach read, and the saved theme, with
nothing of sqlite-utils or the opener.

Imported through lazy point 2 (ui/areas.py, ``home_data``) by the app's opener thread after
the first paint, before the data layer (ui/data_layer.py): for a file already at this version's
schema, Home is read and shown on a plain connection that may not write (core/dbread.py's
``open_current(..., query_only=True)``) while the opener's imports (sqlite-utils with click,
pluggy and dateutil, the schema steps, the help screen...) wait behind it (ui/app.py,
``_open_database``). The cards use these names as ``home_data().NAME``.
"""

from __future__ import annotations

from ctotui.core import playbook
from ctotui.core.coach import actions as coach
from ctotui.core.dbread import OneRead, open_current
from ctotui.core.drill.progress import due_summary, progress
from ctotui.core.journal.entries import journal_counts, page_achievements
from ctotui.core.review.history import review_status
from ctotui.core.review.weekly import weekday_name
from ctotui.core.settings import get_setting
from ctotui.core.skills import stack as skills
from ctotui.core.summary import summarize
from ctotui.core.timeline import plan, profile
from ctotui.core.timeline import stages as timeline
from ctotui.core.watch import data_version
from ctotui.ui.drill.views import bar
from ctotui.ui.skills.hints import short_hints
from ctotui.ui.widgets import skill_marks

__all__ = [
    "OneRead",
    "bar",
    "coach",
    "data_version",
    "due_summary",
    "get_setting",
    "journal_counts",
    "open_current",
    "page_achievements",
    "playbook",
    "plan",
    "profile",
    "progress",
    "review_status",
    "short_hints",
    "skill_marks",
    "skills",
    "summarize",
    "timeline",
    "weekday_name",
]
