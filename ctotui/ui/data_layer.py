"""What the app uses once its first frame is painted: the database opener, the
drafts, the settings, the watcher, the help screen, the question before quitting, and the area models that
Home's cards read.

Imported through lazy point 2 (ui/areas.py, ``load_module``) by the app's opener
worker after the first paint, so that neither sqlite_utils nor the area models
(~200 ms of CPU together) delay the first frame, and their import runs off the
UI thread. The app and the cards use these names as ``app.data_layer.NAME``.
"""

from __future__ import annotations

from ctotui.core import playbook
from ctotui.core.coach import actions as coach
from ctotui.core.db import open_db
from ctotui.core.drafts import recover
from ctotui.core.drill.bank import ensure_questions
from ctotui.core.drill.progress import due_summary, progress
from ctotui.core.journal.entries import journal_counts, page_achievements
from ctotui.core.review.history import review_status
from ctotui.core.review.weekly import weekday_name
from ctotui.core.settings import get_setting, set_setting
from ctotui.core.skills import stack as skills
from ctotui.core.summary import summarize
from ctotui.core.timeline import plan, profile
from ctotui.core.timeline import stages as timeline
from ctotui.core.timeline.plan import ensure_seeded as ensure_plan_seeded
from ctotui.core.watch import data_version
from ctotui.ui.data.sync import start_sync, sync_saved_folder
from ctotui.ui.dialogs.choice import ChoiceDialog
from ctotui.ui.dialogs.help import HelpScreen
from ctotui.ui.drafts import spill_held
from ctotui.ui.drill.views import bar
from ctotui.ui.skills.hints import short_hints
from ctotui.ui.timeline.welcome import maybe_welcome
from ctotui.ui.watch import DataWatcher
from ctotui.ui.widgets import skill_marks

__all__ = [
    "ChoiceDialog",
    "DataWatcher",
    "HelpScreen",
    "bar",
    "coach",
    "data_version",
    "due_summary",
    "ensure_plan_seeded",
    "ensure_questions",
    "get_setting",
    "journal_counts",
    "maybe_welcome",
    "open_db",
    "page_achievements",
    "plan",
    "playbook",
    "profile",
    "progress",
    "recover",
    "review_status",
    "set_setting",
    "short_hints",
    "skills",
    "skill_marks",
    "spill_held",
    "start_sync",
    "summarize",
    "sync_saved_folder",
    "timeline",
    "weekday_name",
]
