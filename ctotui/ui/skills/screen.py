"""The skill stack: the six areas at a glance, the focused one in depth, its evidence, its
history, the career paths and what a CTO answers for.

Keys 1–5 rate the focused area from anywhere on the screen (a dialog shows the
level's description and takes an optional note; enter saves, escape cancels).
Every read and write goes through core/skills/stack.py, core/timeline/profile.py and the journal.
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Static, TabbedContent, TabPane
from textual.widgets.option_list import OptionDoesNotExist

from ctotui.core import clock, playbook
from ctotui.core.journal.entries import JournalFilter, page_achievements
from ctotui.core.skills import stack as skills
from ctotui.core.skills.stack import AreaStatus, Rating
from ctotui.core.timeline import profile
from ctotui.ui.base import AreaScreen
from ctotui.ui.guard import guarded
from ctotui.ui.journal.achievement_list import AchievementList
from ctotui.ui.lazy import Node, mount_tree
from ctotui.ui.skills import views
from ctotui.ui.skills.rate import RateDialog
from ctotui.ui.widgets.action_list import ActionList
from ctotui.ui.widgets.tabs import Pane

TABS = ("area", "evidence", "ratings", "paths", "job")
TAB_FOCUS = {"evidence": "#evidence-list", "paths": "#path-list"}  # tabs whose keys move the focus into them
NARROW = 110  # below this width the area rows leave out the sparkline


class AreaList(ActionList):
    """The six areas, one row each; the highlighted one is "the focused area"."""

    PRIMARY = "rate"
    BINDINGS: ClassVar = [
        Binding("enter", "primary", "Rate…", show=False, tooltip="Rate the highlighted area (1–5 also do)"),
    ]


class StepList(ActionList):
    PRIMARY = "tick"
    BINDINGS: ClassVar = [
        Binding("space", "act('tick')", "Tick", tooltip="Tick or untick the highlighted step (the date is kept)"),
        Binding("enter", "primary", "Tick", show=False, tooltip="Tick or untick the highlighted step"),
    ]


class PathList(ActionList):
    PRIMARY = "choose"
    BINDINGS: ClassVar = [
        Binding("enter", "primary", "My path", tooltip="Mark the highlighted path as the one you are on now"),
    ]
    current: str | None = None  # the path chosen now: "My path" is not offered on it

    def allows(self, action: str, item_id: str | None) -> bool:
        return item_id is not None and item_id != f"path:{self.current}"


class EvidenceList(AchievementList):
    BINDINGS: ClassVar = [
        Binding("v", "screen.toggle_recent", "90d/all", tooltip="Only the last 90 days, or all time"),
        Binding("enter", "select", "Open", tooltip="Open the highlighted achievement in the journal"),
    ]


def _tab_binding(key: str, tab: str, label: str, about: str) -> Binding:
    """A key that shows a tab (kept out of the footer: the areas' border names the main ones)."""
    return Binding(key, f"show_tab('{tab}')", label, show=False, tooltip=about)


def tab_widgets(tab: str) -> list[Node]:
    """What ``tab`` (one of TABS but the first, built with the screen) shows in its pane."""
    if tab == "evidence":
        listing = EvidenceList(id="evidence-list", empty_text="Nothing in the journal is linked to this area yet.")
        return [(Vertical(classes="body"), [Static(id="evidence-status"), listing])]
    if tab == "ratings":
        return [(VerticalScroll(classes="body pane"), [Static(id="chart"), Static(id="rating-list")])]
    if tab == "paths":
        detail = (VerticalScroll(id="path-pane", classes="pane"), [Static(id="path-detail")])
        return [(Horizontal(classes="body"), [PathList(id="path-list"), detail])]
    return [(VerticalScroll(classes="body pane"), [Static(id="job-text")])]


class SkillsScreen(AreaScreen):
    CSS_PATH = "skills.tcss"
    BINDINGS: ClassVar = [
        Binding("1", "rate(1)", "Rate", key_display="1–5", tooltip="Rate the focused area 1 to 5 (a note can follow)"),
        # 2-5: the same key as "1–5" above, so the footer and the help show that one line.
        *(Binding(str(n), f"rate({n})", "", show=False, system=True) for n in (2, 3, 4, 5)),
        _tab_binding("a", "area", "Area", "What the focused area means, its levels and its practical steps"),
        _tab_binding("e", "evidence", "Evidence", "The achievements behind the focused area"),
        _tab_binding("r", "ratings", "Ratings", "The focused area's ratings over time, with your notes"),
        _tab_binding("c", "paths", "Paths", "The three career paths; mark the one you are on"),
        _tab_binding("o", "job", "CTO's job", "The five responsibilities and the areas that serve each"),
        Binding("left_square_bracket", "cycle_tab(-1)", "◀ Tab", show=False, tooltip="The tab before"),
        Binding("right_square_bracket", "cycle_tab(1)", "Tab ▶", show=False, tooltip="The tab after"),
        Binding("left", "cycle_tab(-1)", "◀ Tab", show=False, tooltip="The tab before"),
        Binding("right", "cycle_tab(1)", "Tab ▶", show=False, tooltip="The tab after"),
        Binding("escape", "to_areas", "To the areas", show=False, tooltip="Back to the list of areas"),
    ]
    HELP_EXTRA = (AreaList, StepList, PathList, EvidenceList)
    PALETTE: ClassVar = [
        ("rate focused area", "Rate the highlighted area 1–5, with an optional note", "rate_focused"),
        *(
            (f"rate {s.name}", f"Rate {s.name} 1–5 against its level descriptions", f"rate_area('{s.slug}')")
            for s in playbook.load().skills
        ),
        ("show evidence", "The achievements in the journal behind the focused area", "show_tab('evidence')"),
        ("tick a practical step", "The focused area's practical steps, to tick as you do them", "focus_steps"),
        (
            "rating history",
            "The focused area's level week by week, and every rating with its note",
            "show_tab('ratings')",
        ),
        (
            "choose path",
            "Founding engineer, early hire or corporate ladder: mark the one you are on",
            "show_tab('paths')",
        ),
        ("what a CTO does", "The five responsibilities and the skill areas each one draws on", "show_tab('job')"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._stack: tuple[AreaStatus, ...] = ()
        self._path: str | None = None  # the path chosen, as last read
        self._path_history: list[tuple[str | None, str]] = []
        self._narrow: bool | None = None
        self._recent_only = False
        self._evidence_for: tuple[str, bool] | None = None  # what the list holds, None once it may be stale
        self._evidence_shown: tuple[str, bool] | None = None  # what the list holds, stale or not
        self.tabs_built = {"area"}  # the tabs whose widgets exist (build_tab)

    def compose_body(self) -> ComposeResult:
        # The first tab is built here; the other four when first shown (build_tab): a visit
        # that looks at the areas alone composes, styles and fills none of them
        with Vertical(id="skills"):
            yield AreaList(id="areas")
            with TabbedContent(id="tabs", initial="area"):
                with Pane("Area (a)", id="area"), Horizontal(classes="body"):
                    with VerticalScroll(id="about-pane", classes="pane"):
                        yield Static(id="about")
                    yield StepList(id="steps")
                yield Pane("Evidence (e)", id="evidence")
                yield Pane("Ratings (r)", id="ratings")
                yield Pane("Paths (c)", id="paths")
                yield Pane("CTO's job (o)", id="job")

    def build_tab(self, tab: str) -> None:
        """Put ``tab``'s widgets in its pane the first time it is shown (every one of them is
        in the screen at once, for the fill that follows), and fill it from the last read (the
        evidence list reads its own rows: ``_fill_evidence``, as the tab is shown)."""
        if tab in self.tabs_built:
            return
        self.tabs_built.add(tab)
        mount_tree(self.query_one(f"#{tab}", TabPane), tab_widgets(tab))
        self._fill_tab(tab)

    def _fill_tab(self, tab: str) -> None:
        """Fill a built tab other than the first and the evidence for the focused area."""
        a = self.focused_area
        if tab == "paths":
            self._fill_paths()
        elif a is None:
            return
        elif tab == "ratings":
            self._fill_chart()
            tone = self.query_one("#areas", AreaList).tone
            ratings = self.query_one("#rating-list", Static)
            ratings.update(views.rating_lines(tone, a.ratings))
            if a.skill != self.ratings_of:  # another area's chart from its top, not where the last was scrolled
                self.ratings_of = a.skill
                if isinstance(ratings.parent, VerticalScroll):
                    ratings.parent.scroll_home(animate=False)
        elif tab == "job":
            tone = self.query_one("#areas", AreaList).tone
            self.query_one("#job-text", Static).update(views.responsibilities(tone, self._stack))

    ratings_of: str | None = None  # the area the ratings tab shows

    def on_mount(self) -> None:
        self.query_one("#areas").border_title = "Skill stack"
        # the Evidence column: "15 · 63" is 15 achievements in the last 90 days, 63 in all
        self.query_one("#areas").border_subtitle = "Evidence: 90 days · all  ·  1–5 rate · e evidence · c paths"
        self.query_one("#areas").focus()

    def read(self, db) -> tuple[tuple[AreaStatus, ...], str | None, list[tuple[str | None, str]]]:
        """The skill stack, the path chosen and the path's history (in the read worker)."""
        return tuple(skills.skill_stack(db)), profile.load(db).path, profile.path_history(db)

    def show(self, data: tuple[tuple[AreaStatus, ...], str | None, list[tuple[str | None, str]]]) -> None:
        self._stack, self._path, self._path_history = data
        self._evidence_for = None  # the journal may have changed while away
        self._fill_areas()
        self._fill_focused()

    def focus_item(self, item: str) -> bool:
        """A "this week" action's item: a skill area's slug."""
        if not self._stack:
            return False
        lst = self.query_one("#areas", AreaList)
        try:
            lst.highlighted = lst.get_option_index(f"area:{item}")
        except OptionDoesNotExist:
            return True
        lst.focus()
        return True

    # --- reading ------------------------------------------------------------------

    @property
    def focused_area(self) -> AreaStatus | None:
        item = self.query_one("#areas", AreaList).current_id or ""
        slug = item.partition(":")[2]
        return next((a for a in self._stack if a.skill == slug), None)

    def _fill_areas(self, keep: str | None = None) -> None:
        self._narrow = self.size.width < NARROW
        lst = self.query_one("#areas", AreaList)
        lst.refill(views.area_options(lst, self._stack, self._narrow), keep=keep)
        if lst.current_id is None:
            lst.action_cursor_down()

    def on_resize(self) -> None:
        if self._stack and (self.size.width < NARROW) != self._narrow:
            self._fill_areas()
        self.call_after_refresh(self._fill_chart)

    def _fill_chart(self) -> None:
        a = self.focused_area
        if a is not None and "ratings" in self.tabs_built:
            chart = self.query_one("#chart", Static)
            width = chart.size.width or self.size.width - 4
            chart.update(views.chart(self.query_one("#areas", AreaList).tone, a, width))

    def _fill_focused(self) -> None:
        a = self.focused_area
        if a is None:
            return
        tone = self.query_one("#areas", AreaList).tone
        self.query_one("#about", Static).update(views.about(tone, a))
        steps = self.query_one("#steps", StepList)
        steps.refill(views.step_options(steps, a))
        for tab in ("ratings", "job", "paths"):
            if tab in self.tabs_built:
                self._fill_tab(tab)
        if self.query_one(TabbedContent).active == "evidence":
            self._fill_evidence()

    def _fill_paths(self) -> None:
        current, history = self._path, self._path_history
        lst = self.query_one("#path-list", PathList)
        lst.current = current
        keep = lst.current_id or (f"path:{current}" if current else None)
        lst.refill(views.path_options(lst, current, history[-1][1] if history else None), keep=keep)
        if lst.current_id is None:
            lst.action_cursor_down()
        self._path_detail(history)

    def _path_detail(self, history: list[tuple[str | None, str]] | None = None) -> None:
        slug = (self.query_one("#path-list", PathList).current_id or "").partition(":")[2]
        if slug:
            history = history if history is not None else self._path_history
            tone = self.query_one("#areas", AreaList).tone
            self.query_one("#path-detail", Static).update(views.path_detail(tone, slug, history))

    def _fill_evidence(self, force: bool = False) -> None:
        a = self.focused_area
        if a is None or (not force and self._evidence_for == (a.skill, self._recent_only)):
            return
        self.build_tab("evidence")
        listing = self.query_one("#evidence-list", EvidenceList)
        # read again for the same area (the journal changed): the cursor stays on its entry
        same = self._evidence_shown == (a.skill, self._recent_only)
        kept = listing.highlighted if same else None
        keep_id, keep_rows = (kept.id, len(listing.items)) if kept is not None else (None, 0)
        self._evidence_for = self._evidence_shown = (a.skill, self._recent_only)
        today = clock.today()
        filters = JournalFilter(skill=a.skill)
        if self._recent_only:
            filters = JournalFilter(skill=a.skill, since=skills.window_start(today), until=today)
        listing.reset(
            lambda db, after: page_achievements(db, filters=filters, after=after), keep_id=keep_id, keep_rows=keep_rows
        )
        shown = f"last {skills.EVIDENCE_DAYS} days" if self._recent_only else "all time"
        self.query_one("#evidence-status", Static).update(
            Content.assemble(
                (a.name, "b"),
                f" · {a.evidence_90d} in the last {skills.EVIDENCE_DAYS} days · "
                f"{a.evidence_total} in all · showing {shown} (v) · enter opens one in the journal",
            )
        )

    @on(ActionList.OptionHighlighted, "#areas")
    def _area_highlighted(self) -> None:
        self._fill_focused()

    @on(ActionList.OptionHighlighted, "#path-list")
    def _path_highlighted(self) -> None:
        self._path_detail()

    @on(TabbedContent.TabActivated)
    def _tab_activated(self, event: TabbedContent.TabActivated) -> None:
        if event.pane.id:  # a click on the tab's label shows it without _switch_tab
            self.build_tab(event.pane.id)
        if event.pane.id == "evidence":
            self._fill_evidence()

    # --- acting -----------------------------------------------------------------------

    def _guard(self, fn: Any, *args: Any, **kwargs: Any) -> Any:
        """Run a core call; a CtoError becomes a notification, never a traceback."""
        return guarded(self, fn, *args, **kwargs)

    def action_rate(self, level: int) -> None:
        a = self.focused_area
        if a is not None:
            self._rate(a, level)

    def action_rate_focused(self) -> None:
        self.action_rate(self.focused_area.level or 3 if self.focused_area else 3)

    def action_rate_area(self, slug: str) -> None:
        self._fill_areas(keep=f"area:{slug}")
        self.action_rate_focused()

    def _rate(self, a: AreaStatus, level: int) -> None:
        def saved(new: Rating | None) -> None:
            if new is not None:
                if a.level == new.level:
                    change = f"still {new.level}, rated again today"
                else:
                    change = f"{a.level} → {new.level}" if a.level else f"{new.level}"
                self.notify(f"{a.name}: {change}" + (" (with your note)" if new.note else ""), timeout=3, markup=False)
                self.load()

        dialog = RateDialog(a, level).writes_with(lambda result: skills.rate(self.db, a.skill, *result))
        self.app.push_screen(dialog, saved)

    @on(ActionList.Act, "#areas")
    def _area_act(self, event: ActionList.Act) -> None:
        self.action_rate_focused()

    @on(ActionList.Act, "#steps")
    def _step_act(self, event: ActionList.Act) -> None:
        state = self._guard(skills.toggle_step, self.db, event.item_id.partition(":")[2])
        if state is not None:
            self.notify(("Done: " if state.ticked else "Not done after all: ") + state.text, timeout=3, markup=False)
            self.load()

    @on(ActionList.Act, "#path-list")
    def _path_act(self, event: ActionList.Act) -> None:
        slug = event.item_id.partition(":")[2]
        if self._path == slug:
            self.notify("That is already your path.", timeout=3)
            return
        if self._guard(profile.set_path, self.db, slug):
            self._path = slug  # known now; the history follows with the read
            self.notify(
                f"Your path: {playbook.load().path(slug).name} (the earlier one stays in the history).", markup=False
            )
            self.load()

    @on(AchievementList.Selected, "#evidence-list")
    async def _open_evidence(self, event: AchievementList.Selected) -> None:
        if event.achievement is None:
            return
        await self.app.switch_mode("journal")
        show = getattr(self.app.screen, "show_achievement", None)
        if show is not None:
            show(event.achievement.id)

    def action_toggle_recent(self) -> None:
        self._recent_only = not self._recent_only
        self._fill_evidence()

    def _switch_tab(self, tab: str) -> None:
        """Show a tab. Focus inside the old pane goes back to the areas first: TabbedContent
        would otherwise follow the focus back into the pane being hidden."""
        tabs = self.query_one(TabbedContent)
        if self.focused is not None and tabs in self.focused.ancestors:
            self.set_focus(self.query_one("#areas"))
        self.build_tab(tab)  # before it is shown: never a frame of an empty pane
        tabs.active = tab

    def action_show_tab(self, tab: str) -> None:
        if tab not in TABS:
            return
        self._switch_tab(tab)
        if tab == "evidence":
            self._fill_evidence()
        if tab in TAB_FOCUS:
            self.set_focus(self.query_one(TAB_FOCUS[tab]))

    def action_cycle_tab(self, step: int) -> None:
        current = self.query_one(TabbedContent).active
        self._switch_tab(TABS[(TABS.index(current) + step) % len(TABS)])

    def action_focus_steps(self) -> None:
        self._switch_tab("area")
        self.set_focus(self.query_one("#steps"))

    def action_to_areas(self) -> None:
        self.set_focus(self.query_one("#areas"))
