"""The journal: achievements newest first, search as you type, filters, and a detail pane.

The list reads a keyset page at a time (AchievementList), so the screen opens
at once with 100,000 entries; every keystroke in the search box re-reads only
the first page and the count.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.timer import Timer
from textual.widgets import Input, Static

from ctotui.core import clock
from ctotui.core.coach.rules import NEW_WITH_SKILL
from ctotui.core.drill.stories import questions_for_story
from ctotui.core.errors import CtoError
from ctotui.core.journal.entries import (
    Achievement,
    JournalFilter,
    count_achievements,
    delete_achievement,
    get_achievement,
    page_achievements,
    search_terms,
    undelete_achievement,
)
from ctotui.core.journal.query import phrase_occurs
from ctotui.core.journal.search import parse_search, settled
from ctotui.core.journal.trash import trash_count
from ctotui.core.plural import plural
from ctotui.core.terms import CATEGORIES, SKILLS
from ctotui.ui.appdb import app_of
from ctotui.ui.base import AreaScreen
from ctotui.ui.dialogs.pick_question import link_from_journal
from ctotui.ui.journal.achievement_list import AchievementList
from ctotui.ui.journal.card import BARE_ITEM
from ctotui.ui.journal.detail import detail_body, detail_head, evidence_lines
from ctotui.ui.journal.filter import JournalFilterDialog
from ctotui.ui.journal.form import AchievementForm
from ctotui.ui.journal.trash import ask_to_empty
from ctotui.ui.readers import read_then_show
from ctotui.ui.widgets import colors

EMPTY_JOURNAL = "No achievements yet. Press n to write down your first win."
EMPTY_FILTERS = "Nothing matches the filters.\nPress x to clear them."
EMPTY_FILTERS_IN_BOX = "Nothing matches the filters.\nEsc, then x clears them."  # x would be typed in the box
SEARCH_HINT = '/ search: on-call "a phrase" a OR b -x #tag skill:… category:… no:number'  # the README has the table
DETAIL_DELAY = 0.06  # seconds the cursor rests before the Markdown pane is redrawn
SHOW_WITHIN = 500  # show_achievement reads pages down to an entry this far from the top, no further
# seconds typing rests before the matches are counted (a count of a common word costs more than its page)
COUNT_DELAY = 0.25


class JournalScreen(AreaScreen):
    CSS_PATH = "journal.tcss"
    BINDINGS = [
        Binding("n", "new", "New", tooltip="Add an achievement"),
        Binding("e", "edit", "Edit", tooltip="Edit the highlighted achievement"),
        Binding("d", "delete", "Delete", tooltip="Delete the highlighted achievement (u undoes it)"),
        Binding("u", "undo", "Undo", tooltip="Bring back the achievement deleted last"),
        Binding("slash", "search", "Search", tooltip="Search titles, bodies and tags as you type"),
        Binding("f", "filter", "Filter", tooltip="Filter by category, number, skill, tag and dates"),
        Binding("c", "cycle_category", "Category", tooltip="Show one category after another"),
        Binding("x", "clear", "Clear", tooltip="Clear the search and every filter"),
        Binding(
            "l",
            "link_story",
            "Link to a question",
            show=False,
            tooltip="Tell the highlighted achievement as a story for an interview question (the drill)",
        ),
        Binding(
            "escape",
            "clear_search",
            "Clear the search",
            show=False,
            tooltip="Clear the search (in the search box or the list); filters stay",
        ),
        Binding("down", "leave_search", "To the list", show=False),
    ]
    PALETTE = [
        ("new achievement", "Write down an outcome, with its number", "new"),
        ("search", "Search titles, bodies and tags as you type", "search"),
        ("filter", "Filter by category, number, skill, tag and date range", "filter"),
        ("without a number", "Show only the achievements with no number yet", "only('number', False)"),
        ("clear search and filters", "Show the whole journal again", "clear"),
        ("undo delete", "Bring back the achievement deleted last", "undo"),
        ("empty the trash", "Remove deleted achievements for good (asks first)", "empty_trash"),
        ("link to an interview question", "Use the highlighted achievement as a story in the drill", "link_story"),
        *((f"only category {c}", f"Show only the '{c}' achievements", f"only('category', '{c}')") for c in CATEGORIES),
        *((f"only skill {s}", f"Show only achievements linked to {s}", f"only('skill', '{s}')") for s in SKILLS),
        ("this month", "Show what happened since the first of the month", "this_month"),
    ]

    # bindings that move the focus into a field or open a form: run as the key arrives, so the keys
    # typed right after it land there (ui/widgets/format_keys.py, ``run_focus_move_at_once``)
    FOCUS_ACTIONS = frozenset({"search", "new"})
    # e: its form opens once the entry is read; l: the question picker, once the questions are read.
    # The keys typed after either in one read wait for what it opens (ui/widgets/format_keys.py)
    FORM_COMES_LATER = frozenset({"edit", "link_story"})

    def __init__(self) -> None:
        super().__init__()
        self.filters = JournalFilter()
        self._undo: list[int] = []
        self._detail_timer: Timer | None = None
        self._count_timer: Timer | None = None
        self._wanted_id: int | None = None  # the entry a list read still coming is to highlight
        self._waiting: list[Callable[[], object]] = []  # what to do once that read is on screen
        self._total = 0  # the journal's entries, as the count line names them
        self._total_as_of: tuple[int, int] | None = None  # the change token as that total was read
        self._search_error = ""  # what is wrong with the search typed (an unknown skill:…), until it is mended

    @property
    def detail_pending(self) -> bool:
        """Whether the detail pane waits for its short debounce to show the highlighted entry."""
        return self._detail_timer is not None

    @property
    def count_pending(self) -> bool:
        """Whether the count line waits for typing to rest before it counts the matches."""
        return self._count_timer is not None

    def compose_body(self) -> ComposeResult:
        with Vertical(id="journal"):
            yield Input(placeholder=SEARCH_HINT, id="search")
            yield Static(id="status")
            with Horizontal(id="panes"):
                yield AchievementList(id="list", empty_text=EMPTY_JOURNAL)
                with VerticalScroll(id="detail"):
                    yield Static(id="detail-head")
                    yield Static(id="detail-links")
                    yield Static(id="detail-body")

    def on_mount(self) -> None:
        self.query_one("#detail").border_title = "Details"
        self._reload()
        self.query_one("#list", AchievementList).focus()

    def load(self) -> None:
        """Read the list again, the cursor on the same entry, and show that entry: a visit after
        something was written (ui/base.py decides), a write elsewhere while on view, a new theme.
        Before the first list is on screen the read started on mount is still coming."""
        super().load()
        if self.shown_once:
            self.data_changed()

    def data_changed(self) -> None:
        """Written elsewhere (the CLI, another window): read again, the cursor on the same entry."""
        self._reload(keep=True, then=lambda: self._show(self.query_one("#list", AchievementList).highlighted))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "search" and self.is_mounted:  # in the box already: "/" types a slash
            return self.focused is not self.query_one("#search", Input)
        return True

    def focus_item(self, item: str) -> bool:
        """A "this week" action's item: ``new`` (the new-achievement form), ``new:SKILL`` (the form
        with that skill ticked) or an achievement's id; or Home's ``BARE_ITEM``: only the entries
        without a number (the search and filters cleared)."""
        if item == "new":
            self.action_new()
        elif item.startswith(NEW_WITH_SKILL):
            self.action_new(item.removeprefix(NEW_WITH_SKILL))
        elif item == BARE_ITEM:
            self._clear_search_box()
            self.apply(JournalFilter(number=False))
            self.query_one("#list", AchievementList).focus()
        elif item.isdigit():
            self._reload(keep_id=int(item))
            self.query_one("#list", AchievementList).focus()
        return True

    # --- reading -------------------------------------------------------------

    def _reload(
        self,
        *,
        keep: bool = False,
        keep_id: int | None = None,
        keep_rows: int = 0,
        count_later: bool = False,
        then: Callable[[], object] | None = None,
    ) -> None:
        """Read the list again for the current search and filters (in a worker); then the
        count line, and ``then()`` once the list is on screen.

        A read started while another is still coming replaces it (the list shows the last
        one only): what the earlier one was for carries over, its ``then()`` and, when this
        one keeps the cursor, the entry it was to highlight. The form's save reads the list
        to show the new entry, and the screen coming back from the form reads it again at
        once: without this the new entry was listed but the cursor stayed on the old one."""
        listing = self.query_one("#list", AchievementList)
        current = listing.highlighted
        filters = self.filters
        as_of = self.read_began()
        if keep and keep_id is None:
            keep_id = self._wanted_id
        self._wanted_id = keep_id
        if then is not None:
            self._waiting.append(then)

        def fetch(db, after):
            return page_achievements(db, filters=filters, after=after)

        def listed() -> None:
            self.read_shown(as_of)
            self._listed(count_later)
            waiting, self._waiting, self._wanted_id = self._waiting, [], None
            for done in waiting:
                done()

        listing.empty_text = self._empty_text()
        listing.reset(
            fetch,
            terms=lambda db: search_terms(filters.text, phrase_occurs(db), typing=filters.typing),
            keep_id=keep_id if keep_id is not None else (current.id if keep and current else None),
            keep_rows=max(keep_rows, len(listing.items) if keep else 0),
            then=listed,
        )

    def _listed(self, count_later: bool) -> None:
        listing = self.query_one("#list", AchievementList)
        if self._count_timer is not None:
            self._count_timer.stop()
            self._count_timer = None
        if count_later and listing.more:
            self._show_status(None)
            self._count_timer = self.set_timer(COUNT_DELAY, self._count)
        else:
            self._count(exact=None if listing.more else len(listing.items))

    def _count(self, exact: int | None = None) -> None:
        """The count line: how many match and the journal's total, read in a worker."""
        self._count_timer = None
        filters, token = self.filters, app_of(self).change_token()
        # the total is read again once anything was written since (here, the CLI, another window)
        need_total = filters.active and (token is None or token != self._total_as_of)

        def read(db) -> tuple[int, int | None]:
            shown = exact if exact is not None else count_achievements(db, filters)
            if not filters.active:  # what is shown is the whole journal
                return shown, shown
            return shown, count_achievements(db) if need_total else None

        def counted(data: tuple[int, int | None]) -> None:
            shown, total = data
            if total is not None:
                # a total taken from the list read before this count is not known to be as of ``token``
                self._total, self._total_as_of = total, token if filters.active or exact is None else None
            self._show_status(shown)

        read_then_show(self, read, counted, group="count")

    def _show_status(self, shown: int | None) -> None:
        """The count line; ``None`` while typing goes on (the count follows when it rests). While
        the search typed is wrong, that is what it says: the count of a search read before it
        ("skill:" while "skill:foo" was typed) comes later and must not hide it."""
        status = self.query_one("#status", Static)
        if self._search_error:
            status.update(Text(self._search_error))
            status.add_class("-error")
            return
        if not self.filters.active:
            text: str | Content = plural(self._total, "achievement", thousands=True)
        else:
            number = "…" if shown is None else f"{shown:,}"
            keys = "esc clears the search" if self.filters.text else "x clears"
            text = Content.from_markup(
                "$number of $total shown · $filters  [dim]($keys)[/]",
                number=number,
                total=f"{self._total:,}",
                filters=self.filters.describe(),
                keys=keys,
            )
        status.remove_class("-error")
        status.update(text)

    def _empty_text(self) -> str:
        """What the list says when nothing matches: with a key that works where the cursor is."""
        filters = self.filters
        if filters.text:
            then = "\nThen x clears the filters." if filters.active_besides_text else ""
            return f"Nothing matches “{filters.text}”.\nEsc clears the search.{then}"
        if filters.active:
            return EMPTY_FILTERS_IN_BOX if self.focused is self.query_one("#search", Input) else EMPTY_FILTERS
        return EMPTY_JOURNAL

    def apply(self, filters: JournalFilter, *, typing: bool = False) -> None:
        self.filters = filters
        self._reload(count_later=typing)

    @on(Input.Changed, "#search")
    def _search_changed(self, event: Input.Changed) -> None:
        text = settled(event.value)
        try:
            parse_search(text, typing=True)  # an unknown skill:… or category:… is said, not searched
        except CtoError as exc:
            self._search_error = str(exc)
            self._show_status(None)
            return
        self._search_error = ""
        self.apply(self.filters.with_text(text, typing=True), typing=True)

    @on(Input.Submitted, "#search")
    def _search_submitted(self, event: Input.Submitted) -> None:
        try:
            parse_search(event.value)
        except CtoError as exc:
            self.notify(str(exc), title="Search", severity="warning", markup=False)
            return
        if settled(event.value) != event.value:  # typing is done: a last lone letter ("plan b") counts now
            self.apply(self.filters.with_text(event.value, typing=True), typing=True)
        self.set_focus(self.query_one("#list", AchievementList))

    def on_descendant_focus(self) -> None:
        listing = self.query_one("#list", AchievementList)
        text = self._empty_text()
        if listing.empty_text != text:  # the key it names depends on where the cursor is
            listing.empty_text = text
            listing.refresh()

    # --- the detail pane -----------------------------------------------------

    @on(AchievementList.Highlighted, "#list")
    def _highlighted(self, event: AchievementList.Highlighted) -> None:
        if self._detail_timer is not None:
            self._detail_timer.stop()
        self._detail_timer = self.set_timer(DETAIL_DELAY, lambda: self._show(event.achievement))

    @on(AchievementList.Selected, "#list")
    def _selected(self) -> None:
        self.action_edit()

    def _show(self, a: Achievement | None) -> None:
        """The detail pane for ``a``: how many questions tell it as a story is read in a worker first."""
        self._detail_timer = None
        if a is None:
            self._show_detail(a, 0)
            return
        read_then_show(
            self, lambda db: len(questions_for_story(db, a.id)), lambda n: self._show_detail(a, n), group="detail"
        )

    def _show_detail(self, a: Achievement | None, stories: int) -> None:
        head = self.query_one("#detail-head", Static)
        body = self.query_one("#detail-body", Static)
        evidence = self.query_one("#detail-links", Static)
        evidence.update(evidence_lines(a.links if a else ()))
        evidence.display = bool(a and a.links)
        if a is None:
            head.update("")
            body.update("")
            return
        head.update(detail_head(a, stories, colors.text(head, "success"), colors.text(head, "warning")))
        body.update(detail_body(a))
        self.query_one("#detail", VerticalScroll).scroll_home(animate=False)

    # --- actions -------------------------------------------------------------

    def _current(self) -> Achievement | None:
        current = self.query_one("#list", AchievementList).highlighted
        if current is None:
            self.notify("Nothing is highlighted.", severity="warning")
        return current

    def action_new(self, skill: str = "") -> None:
        self.app.push_screen(AchievementForm(skills=(skill,) if skill else ()), self._saved)

    def action_edit(self) -> None:
        current = self._current()
        if current is not None:  # the form edits the row as it is now (read in a worker)
            read_then_show(
                self,
                lambda db: get_achievement(db, current.id),
                lambda fresh: self.app.push_screen(AchievementForm(fresh), self._saved),
                group="edit",
                failed=self._edit_failed,
            )

    def _edit_failed(self, exc: CtoError) -> None:
        self.notify(str(exc), severity="error", markup=False)
        self._reload(keep=True)

    def _saved(self, achievement_id: int | None) -> None:
        if achievement_id is None:
            return
        self._reload(keep=True, keep_id=achievement_id, then=lambda: self._saved_listed(achievement_id))

    def _saved_listed(self, achievement_id: int) -> None:
        listing = self.query_one("#list", AchievementList)
        shown = any(item.id == achievement_id for item in listing.items)
        note = "" if shown else " (hidden by the search or filters: x clears them)"

        def told(a: Achievement) -> None:
            self.notify(f"Saved #{a.id}: {a.title}{note}", title="Journal", markup=False)

        read_then_show(self, lambda db: get_achievement(db, achievement_id), told, group="saved")
        self._show(listing.highlighted)

    def action_link_story(self) -> None:
        current = self._current()
        if current is not None:
            link_from_journal(self, current.id, lambda: self._show(current))

    def action_delete(self) -> None:
        current = self._current()
        if current is None:
            return
        try:
            gone = delete_achievement(self.db, current.id)
        except CtoError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        self._undo.append(gone.id)
        self._reload(keep=True)
        self.notify(f"Deleted “{gone.title}”. Press u to undo.", title="Journal", timeout=10, markup=False)

    def action_undo(self) -> None:
        if not self._undo:
            self.notify("Nothing to undo.", severity="warning")
            return
        achievement_id = self._undo.pop()
        try:
            back = undelete_achievement(self.db, achievement_id)
        except CtoError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        self._reload(keep=True, keep_id=back.id)
        self.notify(f"Restored “{back.title}”.", title="Journal", markup=False)

    def action_empty_trash(self) -> None:
        def emptied() -> None:
            self._undo.clear()
            self._reload(keep=True)

        read_then_show(self, trash_count, lambda waiting: ask_to_empty(self, waiting, emptied), group="trash")

    def action_search(self) -> None:
        # set_focus, not focus(): the keys typed right after "/" must land in the box.
        self.set_focus(self.query_one("#search", Input))

    def action_leave_search(self) -> None:
        if self.focused is self.query_one("#search", Input):
            self.set_focus(self.query_one("#list", AchievementList))

    def action_clear_search(self) -> None:
        """Esc: clear the search text (the filters stay) and go to the list."""
        search = self.query_one("#search", Input)
        had_text = bool(search.value or self.filters.text)
        self.action_leave_search()
        if had_text:
            self._clear_search_box()
            self.apply(self.filters.with_text(None))

    def action_filter(self) -> None:
        def chosen(filters: JournalFilter | None) -> None:
            if filters is not None:
                self.apply(filters)

        self.app.push_screen(JournalFilterDialog(self.filters), chosen)

    def action_cycle_category(self) -> None:
        order = [None, *CATEGORIES]
        nxt = order[(order.index(self.filters.category) + 1) % len(order)]
        self.apply(replace(self.filters, category=nxt))

    def action_only(self, field: str, value: str | bool) -> None:
        narrowed: dict[str, Any] = {field: value}  # a field of JournalFilter, named by the key's binding
        self.apply(replace(self.filters, **narrowed))

    def action_this_month(self) -> None:
        self.apply(replace(self.filters, since=clock.today().replace(day=1), until=None))

    def show_achievement(self, achievement_id: int) -> None:
        """Highlight one achievement and show its details (another area opens it here).

        The search and filters are cleared. The list then reads pages down to it when
        it is among the newest few hundred; an older one is shown at the top of the
        list "until its date" (x clears that), so no jump reads thousands of rows.
        """

        def read(db) -> tuple[Achievement, JournalFilter, int]:
            wanted = get_achievement(db, achievement_id)
            day = wanted.occurred_on
            above = count_achievements(db, JournalFilter(since=day))  # at most this many rows come before it
            if above > SHOW_WITHIN:
                return wanted, JournalFilter(until=day), count_achievements(db, JournalFilter(since=day, until=day))
            return wanted, JournalFilter(), above

        read_then_show(self, read, self._jump, group="jump", failed=self._jump_failed)

    def _jump_failed(self, exc: CtoError) -> None:
        self.notify(str(exc), severity="error", markup=False)

    def _jump(self, data: tuple[Achievement, JournalFilter, int]) -> None:
        wanted, self.filters, above = data
        self._clear_search_box()
        listing = self.query_one("#list", AchievementList)
        self.set_focus(listing)
        self._reload(keep_id=wanted.id, keep_rows=above + 1, then=lambda: self._show(listing.highlighted))

    def _clear_search_box(self) -> None:
        search = self.query_one("#search", Input)
        with search.prevent(Input.Changed):
            search.value = ""

    def action_clear(self) -> None:
        self._clear_search_box()
        self.apply(JournalFilter())
