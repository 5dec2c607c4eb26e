"""What the app uses once its first frame is painted, beyond what Home reads (ui/home_data.py):
the database opener, the drafts, the settings, the watcher, the help screen, the welcome, sync
and the question before quitting.

Imported through lazy point 2 (ui/areas.py, ``load_module``) by the app's opener
worker after the first paint (and after Home's first read, when the file allows it: ui/app.py),
so that sqlite_utils does not delay the first frame nor Home's data, and its import runs off
the UI thread. The app uses these names as ``app.data_layer.NAME``.
"""

from __future__ import annotations

from ctotui.core.db import open_db
from ctotui.core.drafts import recover
from ctotui.core.drill.bank import ensure_questions
from ctotui.core.settings import get_setting, set_setting
from ctotui.core.timeline.plan import ensure_seeded as ensure_plan_seeded
from ctotui.ui.data.sync import start_sync, sync_saved_folder
from ctotui.ui.dialogs.choice import ChoiceDialog
from ctotui.ui.dialogs.help import HelpScreen
from ctotui.ui.drafts import spill_held
from ctotui.ui.timeline.welcome import maybe_welcome
from ctotui.ui.watch import DataWatcher

__all__ = [
    "ChoiceDialog",
    "DataWatcher",
    "HelpScreen",
    "ensure_plan_seeded",
    "ensure_questions",
    "get_setting",
    "maybe_welcome",
    "open_db",
    "recover",
    "set_setting",
    "spill_held",
    "start_sync",
    "sync_saved_folder",
]
