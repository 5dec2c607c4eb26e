"""The weekly review: six guided steps for a week, and the History of every week.

It opens on the week due (core review.weekly.review_due_now: last week with a review day early
in the week, or while it is not reviewed and a later review day is still to come, else this week);
< and > move a week back and on (never past this week), and enter on a week of the
History opens it, so a missed week can be reviewed late.

] (or ctrl+n) goes to the next step, [ (or ctrl+b) to the one before, a click on
the step bar to any; each step change is saved, so a review left halfway opens
where it stopped. Every answer is written through its own area at once (ratings,
self-checks, plan ticks, achievements); the reflection is kept as a draft while
typed (DraftKeeper) and saved into the review on leaving the step, finishing
(ctrl+s) or leaving the screen. v shows the History.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import ContentSwitcher, Input, Static, TabbedContent, TextArea

from ctotui.core import clock
from ctotui.core.errors import CtoError
from ctotui.core.journal.entries import get_achievement
from ctotui.core.plural import plural
from ctotui.core.review import weekly as review
from ctotui.core.review.history import review_streak
from ctotui.core.skills import stack as skills
from ctotui.core.timeline import plan as plan_core
from ctotui.core.timeline import selfcheck
from ctotui.ui.journal.form import AchievementForm
from ctotui.ui.lazy import compose_tree
from ctotui.ui.readers import read_then_show
from ctotui.ui.review import steps
from ctotui.ui.review.day import ReviewDayDialog
from ctotui.ui.review.history import ReviewList
from ctotui.ui.review.panes import LAST, ReviewPanes, step_widgets
from ctotui.ui.skills.rate import RateDialog
from ctotui.ui.timeline.forms import CheckDialog
from ctotui.ui.widgets.action_list import ActionList
from ctotui.ui.widgets.heatmap import Heatmap
from ctotui.ui.widgets.tabs import Pane


class ReviewScreen(ReviewPanes):
    CSS_PATH = "review.tcss"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
    BINDINGS: ClassVar = [
        Binding("right_square_bracket", "step(1)", "Next", tooltip="The next step"),
        Binding("ctrl+n", "step(1)", "Next", show=False, tooltip="The next step, also from inside the text"),
        Binding("left_square_bracket", "step(-1)", "Back", tooltip="The step before"),
        Binding("ctrl+b", "step(-1)", "Back", show=False, tooltip="The step before, also from inside the text"),
        Binding("ctrl+s", "finish", "Finish", tooltip="Finish this week's review (everything is already saved)"),
        Binding("v", "toggle_history", "History", tooltip="Past reviews, streak, activity heatmap, skill trends"),
        Binding("less_than_sign", "week(-1)", "Earlier", key_display="<", tooltip="Review the week before"),
        Binding(
            "greater_than_sign", "week(1)", "Later", key_display=">", tooltip="Review the week after (up to this week)"
        ),
        Binding("left", "cycle_tab(-1)", "◀ Tab", show=False, tooltip="This week's review (from the History)"),
        Binding("right", "cycle_tab(1)", "Tab ▶", show=False, tooltip="The History (from this week's review)"),
        Binding("D", "review_day", "Review day", show=False, tooltip="The weekday Home reminds you of the review"),
        Binding("escape", "leave_text", "Leave text", tooltip="Step 6: out of the text, so ] [ v work again"),
        Binding("enter", "write", "Write", tooltip="Step 6: back into the reflection"),
        Binding("d", "drill", "Practise", tooltip="Step 5: practise what is due, in the drill"),
    ]
    HELP_EXTRA = (steps.WinsList, steps.RateList, steps.ReviewCheckList, steps.FocusList, ReviewList, Heatmap)
    PALETTE: ClassVar = [
        ("this week's review", "Start or resume this week's review where it stopped", "this_week"),
        ("last week's review", "Review last week, late or again", "last_week"),
        ("history", "Past reviews, the streak, the journal heatmap, skills across reviews", "show_history"),
        ("review day", "Choose the weekday the dashboard reminds you to review", "review_day"),
        *(
            (f"step {n}: {review.STEP_TITLES[name].lower()}", steps.INTROS[name], f"go({n})")
            for n, name in enumerate(review.STEPS, start=1)
        ),
    ]

    def compose_body(self) -> ComposeResult:
        # Step 1 is built here; steps 2-6 and the History when first shown (build_step,
        # history_pane): a first visit composes, styles and lays out a seventh of the widgets
        # it used to (the review as the first area after start-up: 226 -> ~190 ms at 100k,
        # docs/performance.md). Every step's holder is here, so the switcher has them all.
        with TabbedContent(id="tabs", initial="this-week"):
            with Pane("Review", id="this-week"), Vertical():
                yield Static(id="step-bar")
                yield Static(id="week-line")
                yield Static(id="intro")
                with ContentSwitcher(id="steps", initial="step-1"):
                    with Horizontal(id="step-1", classes="step"):
                        yield from compose_tree(step_widgets(1))
                    for n in range(2, LAST + 1):
                        if n == 5:
                            yield VerticalScroll(id="step-5", classes="step")
                        else:
                            yield Horizontal(id=f"step-{n}", classes="step")
            yield Pane("History (v switches)", id="history")

    def on_mount(self) -> None:
        self.query_one("#step-5").border_title = "The drill"

    # --- moving between steps ---------------------------------------------------------------

    def action_step(self, delta: int) -> None:
        self.action_go(self.step + delta)

    def action_go(self, step: int) -> None:
        self.action_show_review()
        if not 1 <= step <= LAST or step == self.step:
            return
        if self.step == LAST and not self._save_text():
            return
        saved = self._guard(review.set_step, self.db, self.week, step)
        if saved is not None:
            self.review, self.step = saved, step
            self._show_step()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        on_review = self.is_mounted and self.query_one(TabbedContent).active == "this-week"
        if action == "cycle_tab":
            return self.is_mounted and on_review == (int(parameters[0]) > 0)  # type: ignore[call-overload]  # the binding's argument: 1 or -1
        if action == "week":
            ahead = int(parameters[0]) > 0  # type: ignore[call-overload]  # the binding's argument: 1 or -1
            return on_review and (not ahead or self.week < review.current_week())
        if action == "finish":
            return on_review and self.step == LAST
        if action == "drill":
            return on_review and self.step == 5
        if action == "step":
            return on_review and 1 <= self.step + int(parameters[0]) <= LAST  # type: ignore[call-overload]  # the binding's argument: 1 or -1
        if action in ("leave_text", "write"):
            typing = isinstance(self.focused, TextArea | Input)
            return on_review and self.step == LAST and typing == (action == "leave_text")
        return True

    # --- moving between weeks --------------------------------------------------------------

    def action_week(self, delta: int) -> None:
        self.open_week(self.week.shifted(delta))

    def action_this_week(self) -> None:
        self.open_week(review.current_week())

    def action_last_week(self) -> None:
        self.open_week(review.current_week().shifted(-1))

    def open_week(self, week: review.Week) -> None:
        """Show ``week``'s review (never a week after this one), what step 6 holds saved first."""
        if week > review.current_week():
            return
        self.action_show_review()
        if week == self.week and self.chosen is not None:
            return
        if self.step == LAST and not self._save_text():
            return
        self.chosen = week
        self.load()

    def focus_item(self, item: str) -> bool:
        """Home's "Do the weekly review" names the week due: the review opens on it."""
        try:
            week = review.parse_week(item)
        except CtoError:
            return True
        self.action_show_review()
        if week == self.week:
            return True
        if week != self.chosen:
            self.open_week(week)
        return False

    def action_leave_text(self) -> None:
        """Out of the text: what was typed goes into the review (until then it is a draft, which
        `ctotui review` does not show); a refusal keeps the draft and says so."""
        self._save_text()
        self.set_focus(self.query_one("#prompts-pane"))

    def action_write(self) -> None:
        area = self.query_one("#reflection", TextArea)
        self.set_focus(area)
        area.move_cursor(
            area.document.end
        )  # on with the text, not before it (it is filled with the cursor at its start)

    async def action_finish(self) -> None:
        if not self._save_text():
            return
        first = not (self.review and self.review.completed)
        done = self._guard(review.complete_review, self.db, self.week)
        if done is None:
            return
        self.review = done
        if self._keeper is not None:
            self._keeper.discard()
        week, what = self.week, "reviewed" if first else "review updated"

        def told(streak: int) -> None:
            self.notify(f"{week.key} {what} · streak {plural(streak, 'week')}.", timeout=5, markup=False)

        read_then_show(self, lambda db: review_streak(db, week).current, told, group="streak")
        await self.action_show_history()
        (await self.history_pane()).select_week(self.week)

    @on(ReviewList.Act, "#review-list")
    def _open_from_history(self, event: ReviewList.Act) -> None:
        if event.action == "open":
            self.open_week(review.parse_week(event.item_id.partition(":")[2]))

    def action_show_review(self) -> None:
        tabs = self.query_one(TabbedContent)
        if tabs.active != "this-week":
            self.tab_on_view = "this-week"  # this action fills it: the activation it causes is not a click
            tabs.active = "this-week"
            self._show_step(visit=True)

    async def action_show_history(self) -> None:
        if self.step == LAST:
            self._save_text()
        # Built (mounted, hidden) first; then the tab and the focus change together, with no wait
        # between them. Switched first and built after, the wait let the news of a focus given in
        # "This week" before the key (ui/widgets/tabs.py's Pane) arrive while the focus was still
        # there, and "This week" came back over the History: 1 run in ~3,000 under load (CI).
        pane = await self.history_pane()
        self.tab_on_view = "history"  # this action fills it: the activation it causes is not a click
        self.query_one(TabbedContent).active = "history"
        pane.load(self.weekday)
        self.set_focus(pane.query_one(ReviewList))

    async def action_cycle_tab(self, step: int) -> None:  # two tabs: check_action lets only the way that moves
        await self.action_toggle_history()

    async def action_toggle_history(self) -> None:
        if self.query_one(TabbedContent).active == "history":
            self.action_show_review()
        else:
            await self.action_show_history()

    tab_on_view = "this-week"  # the tab last activated (TabbedContent says so for the first one on mount too)

    @on(TabbedContent.TabActivated)
    async def _tab_activated(self, event: TabbedContent.TabActivated) -> None:
        """A tab clicked with the mouse (the keys' actions have filled it and moved the focus already).
        The first tab's activation on mount is not a click: the screen's read fills it.

        Only the activation of the tab that is active now counts: one that arrives after the other
        tab was activated (keys pressed quickly, focus moved by code) is stale. Acting on it moved
        the focus into its pane, which activated that tab again, which was stale in turn: the two
        tabs took turns for as long as the app ran (seen in a test pressing w then v, about 1 run
        in 40 under load)."""
        if event.pane.id != event.tabbed_content.active:
            return
        already = event.pane.id == self.tab_on_view
        self.tab_on_view = event.pane.id or ""
        if already:
            self.refresh_bindings()
            return
        if self.focused is None or event.pane not in self.focused.ancestors:
            if event.pane.id == "history":
                await self.action_show_history()
            else:
                self._show_step(visit=True)
        self.refresh_bindings()

    def action_review_day(self) -> None:
        def write(day: int) -> int:
            review.set_review_weekday(self.db, review.WEEKDAYS[day])
            return day

        def chosen(day: int | None) -> None:
            if day is not None:
                self.notify(f"Review day: {review.weekday_name(day)}.", timeout=3, markup=False)
                if self.query_one(TabbedContent).active == "history":
                    self._load_history()

        def opened(current: int) -> None:
            self.app.push_screen(ReviewDayDialog(current).writes_with(write), chosen)

        read_then_show(self, review.review_weekday, opened, group="dialog")

    async def action_drill(self) -> None:
        await self.app.switch_mode("drill")
        await self.app.screen.run_action("due_session")

    # --- acting in a step ------------------------------------------------------------------------

    @on(ActionList.OptionHighlighted)
    def _highlighted(self, event: ActionList.OptionHighlighted) -> None:
        side = {"wins-list": self._wins_side, "rate-list": self._rate_side, "check-list": self._check_side}
        refresh = side.get(event.option_list.id or "")
        if refresh is not None:
            refresh()

    # n (a step's binding) opens the achievement form: run as the key arrives, and the keys typed
    # right after it in one read wait for the form (ui/widgets/format_keys.py)
    FOCUS_ACTIONS = frozenset({"new_achievement"})
    # opens its form once it has read what the form shows, or from the message the wins' list posts: the keys
    # typed after it in one read wait for the form (ui/widgets/format_keys.py)
    FORM_COMES_LATER = frozenset({"act('edit')"})

    def action_new_achievement(self) -> None:
        """A win missing from the week under review: dated today if today is in it, else on its Sunday,
        so that it shows in step 1 once saved (the date field can still change it)."""
        today = clock.today()
        day = today if self.week.contains(today) else self.week.end
        self.app.push_screen(AchievementForm(day=day), self._achievement_saved)

    def _achievement_saved(self, achievement_id: int | None) -> None:
        if achievement_id is not None:
            self._fill_step("wins", keep=f"ach:{achievement_id}")
            self.notify("Saved to the journal.", timeout=3)

    @on(ActionList.Act, "#wins-list")
    def _win_act(self, event: ActionList.Act) -> None:
        achievement_id = int(event.item_id.partition(":")[2])

        def opened(found) -> None:
            self.app.push_screen(AchievementForm(found), self._achievement_saved)

        read_then_show(self, lambda db: get_achievement(db, achievement_id), opened, group="dialog")

    @on(ActionList.Act, "#rate-list")
    def _rate_act(self, event: ActionList.Act) -> None:
        slug = event.item_id.partition(":")[2]  # the area under the cursor when the key was pressed
        a = next((a for a in self._stack if a.skill == slug), None)
        if a is None:
            return
        if event.action == "keep":
            if a.level is None:
                self.notify(f"{a.name} is not rated yet: press 1–5.", severity="warning", timeout=3, markup=False)
            elif self._guard(skills.rate, self.db, a.skill, a.level, ""):
                self._rated(a.name, a.level, a.level)
            return
        level = int(event.action) if event.action.isdigit() else (a.level or 3)

        def saved(new: skills.Rating | None) -> None:
            if new is not None:
                self._rated(a.name, a.level, new.level)

        self.app.push_screen(RateDialog(a, level).writes_with(lambda got: skills.rate(self.db, a.skill, *got)), saved)

    def _rated(self, name: str, before: int | None, after: int) -> None:
        change = f"still {after}" if before == after else (f"{before} → {after}" if before else f"{after}")
        self.notify(f"{name}: {change}.", timeout=3, markup=False)
        self._fill_step("skills", then=self._next_unrated)

    def _next_unrated(self) -> None:
        rated = {c.skill for c in self._changes if c.rated}
        self.query_one("#rate-list", steps.RateList).advance(lambda item: item.partition(":")[2] not in rated)

    @on(ActionList.Act, "#check-list")
    def _check_act(self, event: ActionList.Act) -> None:
        check = self._check(event.item_id)
        if check is None:
            return
        if event.action == "keep":
            if check.answer is None:
                self.notify("Not answered before: y, m or n.", severity="warning", timeout=3, markup=False)
            else:
                self._answer(check, check.answer, check.note)
        elif event.action in selfcheck.ANSWERS:
            self._answer(check, event.action, "")
        else:
            self._open_check(check)

    def _open_check(self, check: selfcheck.SelfCheck) -> None:
        """The self-check's dialog, with its earlier answers read in a worker."""

        def opened(history) -> None:
            dialog = CheckDialog(check, history).writes_with(
                lambda got: selfcheck.answer_self_check(self.db, check.kind, check.item_id, *got)
            )
            self.app.push_screen(dialog, self._answered)

        read_then_show(
            self, lambda db: selfcheck.self_check_history(db, check.kind, check.item_id), opened, group="dialog"
        )

    def _answer(self, check: selfcheck.SelfCheck, answer: str, note: str) -> None:
        self._answered(self._guard(selfcheck.answer_self_check, self.db, check.kind, check.item_id, answer, note))

    def _answered(self, saved: object | None) -> None:
        if saved:
            unseen = self._check  # on to the next one not looked at this week
            self._fill_step(
                "signals",
                then=lambda: self.query_one("#check-list", ActionList).advance(
                    lambda i: (c := unseen(i)) is not None and not steps.looked_at(c, self.week)
                ),
            )

    @on(ActionList.Act, "#focus-list")
    def _plan_act(self, event: ActionList.Act) -> None:
        item_id = int(event.item_id.partition(":")[2])
        if event.action == "done":
            item = self._guard(plan_core.toggle_done, self.db, item_id)
            if item is not None:
                self.notify(
                    ("Done: " if item.status == "done" else "Open again: ") + item.text, timeout=3, markup=False
                )
        elif event.action == "focus" and self._guard(review.toggle_focus, self.db, self.week, item_id) is not None:
            self._refresh_review()
        self._fill_step("plan")
