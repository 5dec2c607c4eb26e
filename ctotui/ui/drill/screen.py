"""The interview drill: practise, the question bank, progress, the story bank.

Four tabs (keys 1-4). Practise starts a session ("due now" or one category);
an answer left unfinished when the app closed is offered back at the top.
The Questions tab adds, edits and retires questions and shows a question's
past attempts; Progress shows readiness, scores by week and weak spots;
Stories shows which categories have stories from the journal.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import DataTable, OptionList, Static, TabbedContent, TabPane
from textual.widgets.option_list import Option

from ctotui.core import clock, playbook
from ctotui.core.drill import bank as drill
from ctotui.core.drill import settings as drill_settings
from ctotui.core.drill import stories
from ctotui.core.drill.criteria import criterion_progress
from ctotui.core.drill.partner import self_vs_partner
from ctotui.core.drill.progress import due_summary, progress, session_queue, weak_spots
from ctotui.core.plural import plural
from ctotui.ui.appdb import app_of
from ctotui.ui.dates import moment
from ctotui.ui.drill import mock
from ctotui.ui.drill.attempt import AttemptView
from ctotui.ui.drill.bank_actions import BankActions
from ctotui.ui.drill.forms import DrillSettingsForm
from ctotui.ui.drill.partner import PARTNER_HINT, PARTNER_OFF, PARTNER_ON, partner_view
from ctotui.ui.drill.score import ScoreAnswer
from ctotui.ui.drill.session import SessionScreen
from ctotui.ui.drill.tabs import BANK_COLUMNS, BANK_NARROW, BANK_WIDTHS, SHORT, DrillData, tab_widgets
from ctotui.ui.drill.views import (
    ALL_RETIRED,
    attempt_row,
    coverage_view,
    criteria_view,
    practise_about,
    progress_view,
    question_detail,
)
from ctotui.ui.lazy import mount_tree
from ctotui.ui.readers import read_then_show
from ctotui.ui.widgets import colors
from ctotui.ui.widgets.tabs import Pane
from ctotui.ui.widgets.timer import clock_text

if TYPE_CHECKING:
    from sqlite_utils import Database

DUE = "due-now"
TABS = ("practise", "bank", "progress", "stories")
LABELS = {"practise": "Practise", "bank": "Questions", "progress": "Progress", "stories": "Stories"}
BANK_ACTIONS = {"edit_question", "retire_question", "history"}


def next_due(due: datetime, now: datetime) -> str:
    """The bank's Next cell (7 wide) for a question due on a later day (one due today is due now:
    ``Question.is_due``): "16 Mar" this year, "Mar '27" after."""
    today = now.astimezone().date()
    return f"{due.day} {due:%b}" if due.year == today.year else f"{due:%b} '{due:%y}"


class DrillScreen(BankActions):
    CSS_PATH = "drill.tcss"
    AUTO_FOCUS = "#choices"
    # opens its form: run as the key arrives, the keys typed right after it in one read wait for the
    # form (ui/widgets/format_keys.py)
    FOCUS_ACTIONS = frozenset({"add_question"})
    # opens its form once it has read what the form shows, or from the message its list posts: the keys
    # typed after it in one read wait for the form (ui/widgets/format_keys.py)
    FORM_COMES_LATER = frozenset({"edit_question", "settings"})
    BINDINGS = [
        Binding("d", "due_session", "Due now", tooltip="Practise what is due: weakest category first, mixed"),
        Binding("a", "add_question", "Add question", tooltip="Add an interview question of your own"),
        # short words: with the area keys, the line fits 80 columns
        Binding("m", "mock", "Mock", tooltip="A mock interview: timed, 30 or 45 minutes, then a report"),
        Binding("b", "toggle_partner", "Partner", tooltip="A second person scores each answer too (on or off)"),
        # Not in the footer (the area keys need the room); the help lists them, the screen says them where they apply.
        Binding("e", "edit_question", "Edit", show=False, tooltip="Change the highlighted question (schedule kept)"),
        Binding("x", "retire_question", "Retire/restore", show=False, tooltip="Retire the question, or bring it back"),
        Binding("v", "history", "Attempts", show=False, tooltip="The highlighted question's past answers"),
        Binding("r", "resume", "Resume", show=False, tooltip="Go back to an answer you had not finished"),
        Binding("o", "settings", "Settings", show=False, tooltip="Session size and the timer per category"),
        # 1-4 switch tabs (the tab labels say so); left/right go to the tab beside. Left/right are
        # priority keys: the tables would otherwise take them to move a cell cursor they do not show.
        *(Binding(str(i), f"tab('{t}')", f"{LABELS[t]} tab", show=False) for i, t in enumerate(TABS, 1)),
        Binding("left", "cycle_tab(-1)", "◀ Tab", show=False, priority=True, tooltip="The tab before"),
        Binding("right", "cycle_tab(1)", "Tab ▶", show=False, priority=True, tooltip="The tab after"),
    ]
    HELP_EXTRA = (SessionScreen, ScoreAnswer)  # the help lists the session's and the rubric's keys too
    PALETTE = [
        ("practise what is due", "A session of the questions due now, at most the session size", "due_session"),
        ("add a question", "Add an interview question of your own", "add_question"),
        ("resume an unfinished answer", "Go back to an answer typed but not scored", "resume"),
        ("question bank", "Every question, its schedule and its attempts", "tab('bank')"),
        ("progress", "Readiness, scores by week and weak spots per category", "tab('progress')"),
        ("story coverage", "Which categories have stories from the journal", "tab('stories')"),
        ("settings", "Session size and the timer per category", "settings"),
        ("Mock interview (30/45 min)", "A timed interview mixing the three categories, then its report", "mock"),
        ("partner scores on/off", "A second person in the same terminal scores each answer too", "toggle_partner"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._rows: list = []
        self._weak: list = []
        self._bank: list[tuple[str, ...]] = []
        self._recent: list[tuple[str, tuple[str | Text, ...]]] = []  # the recent attempts: (key, cells)
        self._data: DrillData | None = None  # the last read, for a tab built after it
        self.tabs_built = {"practise"}  # the tabs whose widgets exist (build_tab)
        self.partner = False  # p: sessions started from here let a partner score each answer too

    def _show_progress(self) -> None:
        shown = self.query_one("#progress-view", Static)
        shown.update(progress_view(colors.tones(shown), self._rows, self._weak, narrow=self.size.width < 100))

    def compose_body(self) -> ComposeResult:
        # The first tab is built here; the other three when first shown (build_tab): a visit
        # that practises composes, styles and fills none of them
        with TabbedContent(id="tabs", initial="practise"):
            with Pane("Practise (1)", id="practise"):
                yield Static(id="unfinished")
                with Horizontal():
                    yield OptionList(id="choices")
                    yield VerticalScroll(Static(id="about"), id="about-box")
            yield Pane("Questions (2)", id="bank")
            yield Pane("Progress (3)", id="progress")
            yield Pane("Stories (4)", id="stories")

    def on_mount(self) -> None:
        choices = self.query_one("#choices")
        choices.border_title = "Start a session"
        choices.border_subtitle = PARTNER_HINT[False]
        choices.focus()

    def build_tab(self, tab: str) -> None:
        """Put ``tab``'s widgets in its pane the first time it is shown (each in the screen at
        once), and fill them from the last read."""
        if tab in self.tabs_built:
            return
        self.tabs_built.add(tab)
        mount_tree(self.query_one(f"#{tab}", TabPane), tab_widgets(tab))
        if self._data is not None:
            self._fill_tab(tab, self._data)

    def _fill_tab(self, tab: str, data: DrillData) -> None:
        if tab == "bank":
            self._fill_bank()
        elif tab == "progress":
            self._load_progress(data)
        elif tab == "stories":
            shown = self.query_one("#coverage-view", Static)
            shown.update(coverage_view(colors.tones(shown), data.coverage))

    # --- reading -------------------------------------------------------------------------

    def read(self, db) -> DrillData:
        now = clock.now()
        return DrillData(
            now=now,
            rows=progress(db, now=now),
            summary=due_summary(db, now=now),
            unfinished=drill.unfinished_answers(db),
            last=drill.last_scores(db),
            questions=drill.list_questions(db, include_retired=True),
            weak=weak_spots(db),
            attempts=drill.attempts(db, limit=100),
            coverage=stories.coverage(db),
            criteria=criterion_progress(db, now=now),
            partner=self_vs_partner(db),
        )

    def show(self, data: DrillData) -> None:
        services = app_of(self)
        if services.pending_mock:  # `ctotui drill --mock N` opened the app
            minutes, services.pending_mock = services.pending_mock, None
            mock.start(self, minutes, partner=self.partner)
        self._data = data
        self._rows = data.rows
        self._weak = data.weak
        self._summary = data.summary
        self._load_unfinished(data.unfinished)
        self._load_choices()
        self._load_bank(data)
        for tab in TABS[1:]:
            if tab in self.tabs_built:
                self._fill_tab(tab, data)

    def _load_unfinished(self, unfinished) -> None:
        self._unfinished = unfinished
        banner = self.query_one("#unfinished", Static)
        banner.display = bool(self._unfinished)
        if self._unfinished:
            q, draft = self._unfinished[0]
            saved = moment(draft.updated_at)
            more = f" (and {len(self._unfinished) - 1} more)" if len(self._unfinished) > 1 else ""
            banner.update(
                Content.from_markup(
                    "[b]Unfinished answer[/b] from $saved$more: “$text” · [b]r[/b] resumes it",
                    saved=saved,
                    more=more,
                    text=q.text,
                )
            )

    def _load_choices(self) -> None:
        choices = self.query_one("#choices", OptionList)
        keep = choices.highlighted
        s = self._summary
        choices.clear_options()
        choices.add_option(Option(f"Due now · {s.due} due, {s.new} new", id=DUE))
        for r in self._rows:
            choices.add_option(
                Option(f"{r.name}\n  [$text-muted]{r.due} due · {r.new} new · ready {r.readiness}%[/]", id=r.slug)
            )
        choices.highlighted = keep if keep is not None and keep < choices.option_count else 0
        self._show_about()

    def _load_bank(self, data: DrillData) -> None:
        now, last = data.now, data.last
        self._bank = []
        for q in data.questions:
            if q.retired:
                status = "retired"
            elif q.is_new:
                status = "new"
            else:
                status = "due now" if q.is_due(now) else next_due(clock.local(clock.utc_iso(q.due)), now)
            score = last.get(q.id, "-")  # "12/12 · 9/10": the rubric's, then the signals (never one sum)
            self._bank.append((q.ref, SHORT[q.category], status, str(q.reps), str(q.lapses), score, q.text, str(q.id)))

    def _fill_bank(self) -> None:
        """The bank's rows at this width: the question takes the room left and ends in "…" when cut;
        under 100 columns the Id and Lapses columns go (the detail below shows both)."""
        table = self.query_one("#bank-table", DataTable)
        keep, keep_key = table.cursor_row, self._row_key(table)
        narrow = self.size.width < 100
        columns = BANK_NARROW if narrow else BANK_COLUMNS
        refs = max((len(row[0]) for row in self._bank), default=2)
        last = max((cell_len(row[5]) for row in self._bank), default=1)  # "12/12 · 10/10", or "-"
        widths = {**BANK_WIDTHS, "Id": refs, "Last": max(last, BANK_WIDTHS["Last"])}
        fixed = sum(widths[c] + 2 for c in columns[:-1])
        width = table.scrollable_content_region.width or self.size.width - 6
        room = max(16, width - fixed - 2)  # the question's own cell padding
        table.clear(columns=True)
        for name in columns:
            table.add_column(name, width=room if name == "Question" else widths[name], key=name)
        for row in self._bank:
            cells = dict(zip(BANK_COLUMNS, row, strict=False))
            question = Text(cells["Question"], no_wrap=True, overflow="ellipsis")
            question.truncate(room, overflow="ellipsis")  # the table itself would wrap it out of sight
            table.add_row(*(question if c == "Question" else cells[c] for c in columns), key=row[-1])
        self._restore_cursor(table, keep, keep_key)

    @staticmethod
    def _row_key(table: DataTable) -> str | None:
        if not table.row_count:
            return None
        return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value

    @staticmethod
    def _restore_cursor(table: DataTable, row: int, key: str | None) -> None:
        """The cursor back on the row with ``key`` (the same question or attempt), else near ``row``."""
        if not table.row_count:
            return
        if key is not None and key in table.rows:
            row = table.get_row_index(key)
        table.move_cursor(row=min(row, table.row_count - 1))

    def on_resize(self) -> None:
        if self._bank and "bank" in self.tabs_built:
            self._fill_bank()
        if self._rows and "progress" in self.tabs_built:
            self._show_progress()
            self._fill_history()

    def _load_progress(self, data: DrillData) -> None:
        self._show_progress()
        self.query_one("#criteria-view", Static).update(criteria_view(data.criteria, narrow=self.size.width < 100))
        self.query_one("#partner-view", Static).update(partner_view(colors.tones(self), data.partner))
        self.query_one("#partner-view").display = bool(data.partner)  # nothing until a partner has scored
        categories = {q.id: SHORT.get(q.category, q.category) for q in data.questions}  # as the bank's Area column
        self._recent = [(str(a.id), attempt_row(a, categories.get(a.question_id, ""))) for a in data.attempts]
        self._fill_history()

    def _fill_history(self) -> None:
        """The recent attempts at this width: the question takes the room left and ends in "…" when cut
        (the table cut it mid-word at the edge). Attempts that were not shown before take the cursor to
        the top (newest first), where they are seen; else it stays on its row."""
        table = self.query_one("#history-table", DataTable)
        keep, keep_key = table.cursor_row, self._row_key(table)
        shown = {key.value for key in table.rows}
        table.clear()
        rows = self._recent
        heads = [column.label.plain for column in table.columns.values()][:-1]
        fixed = sum(
            max([cell_len(head), *(cell_len(str(row[i])) for _, row in rows)]) + 2 for i, head in enumerate(heads)
        )
        room = max(16, (table.scrollable_content_region.width or self.size.width - 6) - fixed - 2)
        for key, row in rows:
            question = row[-1].copy() if isinstance(row[-1], Text) else Text(row[-1])
            question.truncate(room, overflow="ellipsis")
            table.add_row(*row[:-1], question, key=key)
        if shown and any(key not in shown for key, _ in rows):
            keep, keep_key = 0, None  # new attempts (newest first): the top in view, not the row seen last
        self._restore_cursor(table, keep, keep_key)

    @on(OptionList.OptionHighlighted, "#choices")
    def _show_about(self) -> None:
        choices = self.query_one("#choices", OptionList)
        if choices.highlighted is None or not hasattr(self, "_summary"):
            return
        slug = choices.get_option_at_index(choices.highlighted).id
        about = self.query_one("#about", Static)
        about.update(practise_about(colors.tones(about), None if slug == DUE else slug, self._summary, self._rows))

    # --- sessions ------------------------------------------------------------------------

    def start_session(self, questions: list[drill.Question], title: str) -> None:
        if not questions:
            self.notify("Nothing to practise here right now.", severity="warning")
            return
        self.app.push_screen(SessionScreen(questions, title, partner=self.partner))

    def action_mock(self) -> None:
        mock.choose_and_start(self, partner=self.partner)

    def action_toggle_partner(self) -> None:
        self.partner = not self.partner
        self.query_one("#choices").border_subtitle = PARTNER_HINT[self.partner]
        self.notify(PARTNER_ON if self.partner else PARTNER_OFF, markup=False)

    @on(OptionList.OptionSelected, "#choices")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option.id == DUE:
            self.action_due_session()
        elif event.option.id:
            slug = event.option.id
            name = playbook.load().interview_category(slug).name
            self._start_read(
                lambda db: session_queue(db, slug), name, lambda db: ALL_RETIRED.format(where=f" in {name}")
            )

    def _start_read(self, read, title: str, empty: Callable[[Database], str]) -> None:
        """Read a session's questions in a worker, then start it, or say why there are none
        (``empty``, read in the same worker: a session of nothing opened on its summary at once)."""

        def read_all(db: Database) -> tuple[list[drill.Question], str]:
            questions = read(db)
            return questions, "" if questions else empty(db)

        def show(data: tuple[list[drill.Question], str]) -> None:
            questions, why = data
            if not questions:
                self.notify(why, markup=False)
                return
            self.start_session(questions, title)

        read_then_show(self, read_all, show, group="session")

    def action_due_session(self) -> None:
        def why(db: Database) -> str:
            if not drill.list_questions(db):
                return ALL_RETIRED.format(where="")
            return "Nothing is due: every question is scheduled for later. Pick a category to practise ahead."

        self._start_read(session_queue, "due now", why)

    def action_resume(self) -> None:
        def unfinished(db) -> list[drill.Question]:
            return [q for q, _ in drill.unfinished_answers(db)]

        self._start_read(unfinished, "unfinished answers", lambda db: "No unfinished answer.")

    @on(DataTable.RowHighlighted, "#bank-table")
    def _bank_detail(self, event: DataTable.RowHighlighted) -> None:
        if event.row_key is None or event.row_key.value is None:
            return
        question_id = int(str(event.row_key.value))

        def read(db):
            q = drill.get_question(db, question_id)
            return q, stories.stories_for(db, q.id), stories.journal_available(db)

        read_then_show(self, read, self._bank_detail_read, group="bank-detail")

    def _bank_detail_read(self, data) -> None:
        self.query_one("#bank-detail", Static).update(question_detail(*data))

    @on(DataTable.RowSelected, "#bank-table")
    def _practise_one(self, event: DataTable.RowSelected) -> None:
        question_id = int(str(event.row_key.value))
        read_then_show(self, lambda db: drill.get_question(db, question_id), self._practise_read, group="session")

    def _practise_read(self, q: drill.Question) -> None:
        if q.retired:
            self.notify("This question is retired: x brings it back.", severity="warning")
            return
        self.start_session([q], "one question")

    @on(DataTable.RowSelected, "#history-table")
    def _show_attempt(self, event: DataTable.RowSelected) -> None:
        attempt_id = int(str(event.row_key.value))

        def read(db):
            attempt = drill.get_attempt(db, attempt_id)
            tries = drill.attempts(db, question_id=attempt.question_id, limit=200)
            index = next(i for i, a in enumerate(tries) if a.id == attempt.id)
            return drill.get_question(db, attempt.question_id), tries, index

        read_then_show(self, read, lambda data: self.app.push_screen(AttemptView(*data)), group="attempt")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in BANK_ACTIONS and self.is_mounted:
            try:
                return self.query_one("#tabs", TabbedContent).active == "bank"
            except Exception:  # noqa: BLE001 - not composed yet
                return False
        return True

    @on(TabbedContent.TabActivated)
    def _tab_changed(self, event: TabbedContent.TabActivated) -> None:
        if event.pane.id:  # a click on the tab's label shows it without action_tab
            self.build_tab(event.pane.id)
        self.refresh_bindings()

    def focus_item(self, item: str) -> bool:
        """A "this week" action's item: ``due``/``start`` (practise), a question's id (the bank), a category
        (its stories)."""
        if not self._bank:
            return False
        if item.isdigit():
            self.action_tab("bank")
            table = self.query_one("#bank-table", DataTable)
            if item in table.rows:
                table.move_cursor(row=table.get_row_index(item))
        elif item in playbook.INTERVIEW_CATEGORIES:
            self.action_tab("stories")
        else:
            self.action_tab("practise")
            choices = self.query_one("#choices", OptionList)
            choices.highlighted = choices.get_option_index(DUE)
        return True

    def action_tab(self, tab: str) -> None:
        self.build_tab(tab)  # before it is shown: never a frame of an empty pane
        self.query_one("#tabs", TabbedContent).active = tab
        # Focus a widget of the new tab: focus left in a hidden tab would switch back to it.
        focus = {
            "practise": "#choices",
            "bank": "#bank-table",
            "progress": "#history-table",
            "stories": "#coverage-box",
        }
        self.query_one(focus[tab]).focus()

    def action_cycle_tab(self, step: int) -> None:
        self.action_tab(TABS[(TABS.index(self.query_one("#tabs", TabbedContent).active) + step) % len(TABS)])

    def action_settings(self) -> None:
        def saved(settings: drill_settings.DrillSettings | None) -> None:
            if settings is not None:
                timers = " · ".join(clock_text(seconds) for seconds in settings.timer_seconds.values())
                said = f"{plural(settings.session_size, 'question')} a session · timers {timers}"
                self.notify(f"Saved: {said} · follow-up {clock_text(settings.follow_up_seconds)}", markup=False)
                self.load()

        read_then_show(
            self,
            drill_settings.drill_settings,
            lambda current: self.app.push_screen(DrillSettingsForm(current), saved),
            group="settings",
        )
