"""The timeline: where you sit on the road to CTO, your stage, the plan, the self-checks."""

from __future__ import annotations

from datetime import date
from typing import Any, ClassVar, NamedTuple

from rich.console import Group
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import ProgressBar, Static, TabbedContent, TabPane
from textual.widgets.option_list import OptionDoesNotExist

from ctotui.core import clock, playbook
from ctotui.core.people import bar as bar_core
from ctotui.core.timeline import plan as plan_core
from ctotui.core.timeline import selfcheck
from ctotui.core.timeline import stages as tl
from ctotui.ui.base import AreaScreen
from ctotui.ui.guard import guarded
from ctotui.ui.journal.pick import AchievementPicker
from ctotui.ui.lazy import Node, compose_tree, mount_tree
from ctotui.ui.readers import read_then_show
from ctotui.ui.timeline import views
from ctotui.ui.timeline.forms import AnswerDialog, CheckDialog, PlanItemDialog, describe_item, due_hint
from ctotui.ui.timeline.lists import CheckList, PlanList, StageList
from ctotui.ui.timeline.road import Road, RoadState
from ctotui.ui.timeline.welcome import edit_profile
from ctotui.ui.widgets.action_list import ActionList
from ctotui.ui.widgets.tabs import Pane


class TimelineData(NamedTuple):
    """What the timeline's three tabs show, read in its worker."""

    timeline: tl.Timeline
    horizons: list[plan_core.HorizonPlan]
    started: date
    checks: list[selfcheck.SelfCheck]
    bar: bar_core.Bar | None  # the bar someone set (core/people/bar.py), shown with the self-checks


LISTS = {"stage": "#stage-list", "plan": "#plan-list", "checks": "#check-list"}  # tab -> its list


def tab_widgets(tab: str) -> list[Node]:
    """What ``tab`` (one of LISTS) shows in its pane: its list, and beside it what the list's
    highlighted row says."""
    lists: dict[str, type[ActionList]] = {"stage": StageList, "plan": PlanList, "checks": CheckList}
    side = {"stage": "stage-side", "plan": "plan-side", "checks": "check-side"}[tab]
    listing = lists[tab](id=LISTS[tab].removeprefix("#"))
    return [(Horizontal(classes="body"), [listing, (VerticalScroll(classes="side"), [Static(id=side)])])]


class TimelineScreen(AreaScreen):
    CSS_PATH = "timeline.tcss"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
    # opens its form: run as the key arrives, the keys typed right after it in one read wait for the
    # form (ui/widgets/format_keys.py)
    FOCUS_ACTIONS = frozenset({"add_plan_item"})
    # opens its form once it has read what the form shows, or from the message its list posts: the keys
    # typed after it in one read wait for the form (ui/widgets/format_keys.py)
    FORM_COMES_LATER = frozenset({"act('answer')", "act('link')", "act('edit')", "edit_profile"})
    BINDINGS: ClassVar = [
        Binding("left_square_bracket", "view_stage(-1)", "◀ Stage", tooltip="Look at the stage before"),
        Binding("right_square_bracket", "view_stage(1)", "Stage ▶", tooltip="Look at the stage after"),
        Binding("P", "edit_profile", "Profile", tooltip="Years, role, path, aim, plan start"),
        Binding("1", "show_tab('stage')", "Stage", show=False, tooltip="The stage tab"),
        Binding("2", "show_tab('plan')", "Plan", show=False, tooltip="The action plan tab"),
        Binding("3", "show_tab('checks')", "Checks", show=False, tooltip="The self-checks tab"),
        Binding("left", "cycle_tab(-1)", "◀ Tab", show=False, tooltip="The tab before"),
        Binding("right", "cycle_tab(1)", "Tab ▶", show=False, tooltip="The tab after"),
    ]
    HELP_EXTRA = (StageList, PlanList, CheckList)
    PALETTE: ClassVar = [
        (
            "edit profile",
            "Years of experience, role, path, the stage you aim for, when the plan started",
            "edit_profile",
        ),
        ("your stage", "Your stage's focus, targets and questions", "show_tab('stage')"),
        ("action plan", "The plan for 3 months, 6-12 months and 2-3 years", "show_tab('plan')"),
        ("add plan item", "Add an item of your own to the action plan", "add_plan_item"),
        ("self-checks", "On-track signals, mistakes to watch for, the environment checklist", "show_tab('checks')"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.viewed: str | None = None  # the stage shown; None = the user's own
        self.show_dropped = False
        self._started: date | None = None  # when the plan started, as last read
        self._plan_keep: str | None = None  # the plan item to highlight once the plan is read again
        self._timeline: tl.Timeline | None = None
        self._horizons: list[plan_core.HorizonPlan] = []
        self._checks: list[selfcheck.SelfCheck] = []
        self._bar: bar_core.Bar | None = None
        self.tabs_built = {"stage"}  # the tabs whose widgets exist (build_tab)

    def compose_body(self) -> ComposeResult:
        yield Road(id="road")
        with Horizontal(id="where"):
            yield views.WhereLine(id="where-text")
            yield ProgressBar(total=100, show_eta=False, id="next-bar")
        # The stage tab is built here; the plan and the self-checks when first shown (build_tab)
        with TabbedContent(id="tabs", initial="stage"):
            with Pane("Stage (1)", id="stage"):
                yield from compose_tree(tab_widgets("stage"))
            yield Pane("Action plan (2)", id="plan")
            yield Pane("Self-checks (3)", id="checks")

    def on_mount(self) -> None:
        self.query_one("#stage-list").focus()

    def build_tab(self, tab: str) -> None:
        """Put ``tab``'s widgets in its pane the first time it is shown (each in the screen at
        once), and fill them from the last read."""
        if tab in self.tabs_built or tab not in LISTS:
            return
        self.tabs_built.add(tab)
        mount_tree(self.query_one(f"#{tab}", TabPane), tab_widgets(tab))
        if self._timeline is not None:
            if tab == "plan":
                self._fill_plan()
            else:
                self._fill_checks()

    # --- reading the data and filling the widgets ---------------------------

    def read(self, db) -> TimelineData:
        """Everything the three tabs show, in the read worker (the plan seeds itself on first use)."""
        return TimelineData(
            tl.timeline(db),
            plan_core.plan(db, include_dropped=self.show_dropped),
            plan_core.start_date(db),
            selfcheck.self_checks(db),
            bar_core.current(db),
        )

    def show(self, data: TimelineData) -> None:
        self._timeline, self._horizons, self._started, self._checks, self._bar = data
        self._fill_stage()
        if "plan" in self.tabs_built:
            self._fill_plan()
        if "checks" in self.tabs_built:
            self._fill_checks()

    def refresh_all(self) -> None:
        """Read everything again (after a write): the stage, the plan and the self-checks."""
        self.load()

    refresh_stage = refresh_plan = refresh_checks = refresh_all

    @property
    def viewed_stage(self) -> str:
        t = self._timeline
        return self.viewed or (t.placement.stage if t else playbook.STAGES[0])

    def _fill_stage(self) -> None:
        t = self._timeline
        if t is None:
            return
        self.query_one(Road).state = RoadState(t.placement, t.profile.aim, self.viewed_stage)
        self.query_one("#where-text", views.WhereLine).show(t.placement)
        bar = self.query_one("#next-bar", ProgressBar)
        bar.update(progress=round(t.placement.position * 100))
        lst = self.query_one("#stage-list", StageList)
        lst.refill(views.stage_options(lst, t, self.viewed_stage))
        lst.border_title = "Your stage" if self.viewed_stage == t.placement.stage else "Stage"
        self._stage_side()

    def _stage_side(self) -> None:
        if self._timeline is None:
            return
        note = "l links one from the journal."
        item = self.query_one("#stage-list", StageList).current_id
        self.query_one("#stage-side", Static).update(views.stage_side(self._timeline, self.viewed_stage, item, note))

    def _fill_plan(self) -> None:
        lst = self.query_one("#plan-list", PlanList)
        keep, self._plan_keep = self._plan_keep, None
        lst.refill(views.plan_options(lst, self._horizons), keep=keep)
        lst.border_title = "Action plan" + (" (with dropped)" if self.show_dropped else "")
        self._plan_side()

    def _plan_side(self) -> None:
        item = self._plan_item(self.query_one("#plan-list", PlanList).current_id)
        if self._started is not None:
            self.query_one("#plan-side", Static).update(
                views.plan_side(self._horizons, self._started.isoformat(), item)
            )

    def _plan_item(self, option_id: str | None) -> plan_core.PlanItem | None:
        if not option_id or not option_id.startswith("plan:"):
            return None
        wanted = int(option_id.partition(":")[2])
        return next((i for h in self._horizons for i in h.items if i.id == wanted), None)

    def _fill_checks(self) -> None:
        lst = self.query_one("#check-list", CheckList)
        lst.refill(views.check_options(lst, self._checks))
        lst.border_title = "Self-checks"
        self._check_side()

    def _check_side(self) -> None:
        current = self._check(self.query_one("#check-list", CheckList).current_id)

        def read(db):
            return selfcheck.self_check_history(db, current.kind, current.item_id) if current else []

        def show(history) -> None:
            side = views.check_side(self._checks, current, history)
            said = self._bar.says() if self._bar else "none written down yet: ask what it would take (People, g)."
            self.query_one("#check-side", Static).update(Group(side, Text(f"\nThe bar: {said}", style="italic")))

        read_then_show(self, read, show, group="check-side")

    def _check(self, option_id: str | None) -> selfcheck.SelfCheck | None:
        if not option_id or not option_id.startswith("check:"):
            return None
        _, kind, item_id = option_id.split(":", 2)
        return next((c for c in self._checks if c.kind == kind and c.item_id == item_id), None)

    @on(ActionList.OptionHighlighted)
    def _highlighted(self, event: ActionList.OptionHighlighted) -> None:
        side = {"stage-list": self._stage_side, "plan-list": self._plan_side, "check-list": self._check_side}
        refresh = side.get(event.option_list.id or "")
        if refresh:
            refresh()

    # --- acting on an item ---------------------------------------------------

    def _guard(self, fn: Any, *args: Any, **kwargs: Any) -> Any:
        """Run a core call; a CtoError becomes a notification, never a traceback."""
        return guarded(self, fn, *args, **kwargs)

    @on(ActionList.Act, "#stage-list")
    def _stage_act(self, event: ActionList.Act) -> None:
        kind, _, ident = event.item_id.partition(":")
        action = event.action
        if action == "open":
            action = "tick" if kind == "target" else "answer"
        if kind == "target" and action == "tick":
            state = self._guard(tl.toggle_target, self.db, ident)
            if state is not None:
                self.notify(("Ticked: " if state.ticked else "Unticked: ") + state.text, timeout=3, markup=False)
                self.refresh_stage()
        elif kind == "target" and action == "link":
            self._link(ident)
        elif kind == "question" and action == "answer":
            self._answer(ident)

    def _answer(self, question_id: str) -> None:
        q = next(q for sv in self._timeline.stages for q in sv.questions if q.id == question_id)  # type: ignore[union-attr]  # a question is answered from the timeline on view

        def saved(answer: object | None) -> None:
            if answer:
                self.notify("Answer saved, dated today.", timeout=3, markup=False)
                self.refresh_stage()

        def opened(earlier: list) -> None:
            dialog = AnswerDialog(q, earlier).writes_with(lambda text: tl.answer_question(self.db, question_id, text))
            self.app.push_screen(dialog, saved)

        read_then_show(self, lambda db: tl.answers(db, question_id), opened, group="dialog")

    def _link(self, target_id: str) -> None:
        def linked(achievement_id: int | None) -> None:
            if achievement_id is not None and self._guard(tl.link_evidence, self.db, target_id, achievement_id):
                self.notify("Achievement linked as evidence.", timeout=3)
            self.refresh_stage()

        self.app.push_screen(AchievementPicker(title="Link an achievement as evidence"), linked)

    @on(ActionList.Act, "#plan-list")
    def _plan_act(self, event: ActionList.Act) -> None:
        item = self._plan_item(event.item_id)
        if item is None:
            return
        if event.action == "done":
            new = self._guard(plan_core.toggle_done, self.db, item.id)
            if new is not None:
                self.notify(
                    "Done: " + new.text if new.status == "done" else "Open again: " + new.text, timeout=3, markup=False
                )
        elif event.action == "drop":
            new = self._guard(plan_core.toggle_dropped, self.db, item.id)
            if new is not None:
                self.notify(
                    ("Dropped (v shows dropped items): " if new.status == "dropped" else "Back: ") + new.text,
                    timeout=4,
                    markup=False,
                )
        elif event.action == "edit":
            self._edit_plan_item(item)
            return
        self.refresh_plan()

    def _edit_plan_item(self, item: plan_core.PlanItem | None, horizon: str | None = None) -> None:
        def write(values: dict[str, Any], expected: plan_core.PlanItem | None = None) -> plan_core.PlanItem:
            if item is None:
                return plan_core.add_item(self.db, values["horizon"], values["text"], due=values["due"])
            return plan_core.edit_item(self.db, item.id, expected=expected, **values)

        def saved(new: plan_core.PlanItem | None) -> None:
            if new is not None:
                self.notify(("Added: " if item is None else "Saved: ") + new.text, timeout=3, markup=False)
                self._plan_keep = f"plan:{new.id}"
                self.refresh_plan()

        today = clock.today()
        started = self._started or today  # as last read: the screen has read the plan before any edit
        hints = {
            h: due_hint(started, h, plan_core.counts_from(item, h, today), today, moved=plan_core.moved_into(item, h))
            for h in playbook.HORIZONS
        }
        dialog = PlanItemDialog(item, horizon=horizon, due_hints=hints).writes_with(
            write, expected=item, show=lambda it: describe_item(it.text, it.horizon, it.due)
        )
        self.app.push_screen(dialog, saved)

    def action_add_plan_item(self) -> None:
        self.action_show_tab("plan")
        current = self._plan_item(self.query_one("#plan-list", PlanList).current_id)
        self._edit_plan_item(None, horizon=current.horizon if current else None)

    def action_toggle_dropped(self) -> None:
        self.show_dropped = not self.show_dropped
        self.refresh_plan()

    @on(ActionList.Act, "#check-list")
    def _check_act(self, event: ActionList.Act) -> None:
        check = self._check(event.item_id)
        if check is None:
            return
        if event.action in selfcheck.ANSWERS:
            self._save_check(check, event.action, "")
            return

        def write(result: tuple[str, str]) -> object:
            return selfcheck.answer_self_check(self.db, check.kind, check.item_id, *result)

        def opened(history: list) -> None:
            self.app.push_screen(CheckDialog(check, history).writes_with(write), self._check_saved)

        read_then_show(
            self, lambda db: selfcheck.self_check_history(db, check.kind, check.item_id), opened, group="dialog"
        )

    def _save_check(self, check: selfcheck.SelfCheck, answer: str, note: str) -> None:
        self._check_saved(self._guard(selfcheck.answer_self_check, self.db, check.kind, check.item_id, answer, note))

    def _check_saved(self, saved: object | None) -> None:
        if saved:
            self.refresh_checks()
            # on to the next check that wants a look (never answered, or not for a long time)

            def wanted(option_id: str) -> bool:
                found = self._check(option_id)
                return found is not None and found.stale

            self.query_one("#check-list", CheckList).advance(wanted)

    # --- screen actions ----------------------------------------------------

    def action_show_tab(self, tab: str) -> None:
        if tab in LISTS:
            self.build_tab(tab)  # before it is shown: never a frame of an empty pane
            self.query_one(TabbedContent).active = tab
            self.query_one(LISTS[tab]).focus()

    def action_cycle_tab(self, step: int) -> None:
        tabs = list(LISTS)
        self.action_show_tab(tabs[(tabs.index(self.query_one(TabbedContent).active) + step) % len(tabs)])

    def action_view_stage(self, step: int) -> None:
        index = playbook.STAGES.index(self.viewed_stage) + step
        if 0 <= index < len(playbook.STAGES):
            self._view(playbook.STAGES[index])

    def _view(self, slug: str) -> None:
        t = self._timeline
        self.viewed = None if t and t.placement.stage == slug else slug
        self.action_show_tab("stage")
        self.refresh_stage()

    @on(Road.StageClicked)
    def _road_clicked(self, event: Road.StageClicked) -> None:
        self._view(event.stage)

    @on(TabbedContent.TabActivated)
    def _tab_activated(self, event: TabbedContent.TabActivated) -> None:
        if event.pane.id != event.tabbed_content.active:
            return  # stale: another tab was activated since (focusing this one's list would flip back to it)
        target = LISTS.get(event.pane.id or "")
        if target:
            self.build_tab(event.pane.id or "")  # a click on the tab's label shows it without show_tab
            self.query_one(target).focus()

    def action_edit_profile(self) -> None:
        edit_profile(self.app, then=self.refresh_all)

    def focus_item(self, item: str) -> bool:
        """A "this week" action's item: ``profile``, ``target:<id>``, ``plan:<id>`` or ``check:<kind>:<id>``."""
        if self._timeline is None:
            return False
        if item == "profile":  # "give your years of experience and role": the form opens in Years
            edit_profile(self.app, then=self.refresh_all, first="#years")
            return True
        kind = item.partition(":")[0]
        if kind == "target":
            stages = playbook.load().stages
            stage = next((st.slug for st in stages for x in st.targets if f"target:{x.id}" == item), None)
            if stage is not None:
                self._view(stage)
        tab = {"target": "stage", "plan": "plan", "check": "checks"}.get(kind)
        if tab is None:
            return True
        self.action_show_tab(tab)
        lst = self.query_one(LISTS[tab], ActionList)
        try:
            lst.highlighted = lst.get_option_index(item)
        except OptionDoesNotExist:
            return True  # gone since (done, dropped): the tab is the next best place
        return True
