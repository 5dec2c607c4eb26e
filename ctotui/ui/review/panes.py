"""The weekly review's panes: what each of the six steps shows, read in a worker and
filled on the UI thread, and the text being written in step 6 (kept as a draft while
typed, saved into the review on leaving the step or the screen). ReviewScreen
(screen.py) adds the layout, the keys, moving between steps and acting in them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.console import Group
from rich.text import Text
from textual import on
from textual.containers import Vertical, VerticalScroll
from textual.widget import AwaitMount
from textual.widgets import ContentSwitcher, Input, Static, TabbedContent, TabPane, TextArea

from ctotui.core.review import weekly as review
from ctotui.core.skills import stack as skills
from ctotui.core.timeline import selfcheck
from ctotui.ui.appdb import app_of
from ctotui.ui.base import AreaScreen
from ctotui.ui.drafts import DraftKeeper
from ctotui.ui.guard import guarded
from ctotui.ui.lazy import Node, mount_tree
from ctotui.ui.readers import read_then_show, supersede
from ctotui.ui.review import steps
from ctotui.ui.review.history import HistoryPane
from ctotui.ui.review.steps import draft_key
from ctotui.ui.timeline import views as timeline_views
from ctotui.ui.widgets.action_list import ActionList
from ctotui.ui.widgets.long_text import LongText

LAST = len(review.STEPS)
# The widget each step focuses. Each must take the focus: the tabs follow it, so coming back from the
# History to a step whose widget could not (step 5's text) left the focus in the History's list and
# its tab came back at once. Step 5 focuses its scrolling holder, which the arrows then scroll.
MAIN = {1: "#wins-list", 2: "#rate-list", 3: "#check-list", 4: "#focus-list", 5: "#step-5", 6: "#reflection"}
COMPACT = 100  # narrower than this, the step bar names only the current step

# Steps 1-4: a list to act in and a pane beside it (ids "<name>-list" and "<name>-side").
LISTS = (
    (steps.WinsList, "wins", "side"),
    (steps.RateList, "rate", "side wide"),
    (steps.ReviewCheckList, "check", "side"),
    (steps.FocusList, "focus", "side"),
)


def step_widgets(n: int) -> list[Node]:
    """What step ``n`` shows in its holder ``#step-<n>``, which is composed with the screen: step
    1 composed with it, the others mounted when first shown (ui/lazy.py)."""
    if n <= len(LISTS):
        list_class, name, side = LISTS[n - 1]
        return [(list_class(id=f"{name}-list"), ()), (VerticalScroll(classes=side), (Static(id=f"{name}-side"),))]
    if n == 5:
        return [(Static(id="drill-pane"), ())]
    reflection = LongText(id="reflection", soft_wrap=True, tab_behavior="focus")
    reflection.border_title = "Reflection · the week in your words"
    next_thing = Input(id="next-thing", placeholder="One thing to do next week, in a line")
    next_thing.border_title = "One thing for next week"
    return [
        (Vertical(id="writing"), (reflection, next_thing)),
        (VerticalScroll(id="prompts-pane", classes="side"), (Static(id="prompts"),)),
    ]


class ReviewPanes(AreaScreen):
    """The review's state and its steps' panes (the screen's base: ui/review/screen.py)."""

    def __init__(self) -> None:
        super().__init__()
        self.week = review.current_week()
        self.chosen: review.Week | None = None  # the week the user moved to (None: the week due)
        self.review: review.Review | None = None
        self.step = 1
        self._keeper: DraftKeeper | None = None
        self._stack: tuple[skills.AreaStatus, ...] = ()
        self._wins: tuple = ()
        self._wins_total = 0  # the week's wins in all (the list shows the newest MAX_ACHIEVEMENTS)
        self._checks: list[selfcheck.SelfCheck] = []
        self._typed = {"reflection": "", "next_thing": ""}
        self._weekday = "Sunday"  # the review day, as last read
        self._changes: list = []  # this week's rating changes, as last read
        self._evidence: dict[str, int] = {}  # this week's journal entries per skill area, as last read
        # What to do once a step's next read is on screen (e.g. move to the next unrated area). Kept
        # here, not in the read: a newer read of the same step (a write elsewhere) replaces the older
        # one, and what was asked of the older one must still happen.
        self._after_fill: dict[str, list[Callable[[], None]]] = {}
        self.steps_built = {1}  # the steps whose widgets are in the screen (build_step)
        self._history: tuple[HistoryPane, AwaitMount] | None = None  # built when first shown

    @property
    def which(self) -> str:
        """The words for the week under review: 'this week', 'last week' or 'that week' (steps.week_name)."""
        return steps.week_name(self.week, review.current_week())

    @property
    def after(self) -> str:
        """The words for the week the focus and the one thing are set for: 'next week', or 'this week'
        when last week is reviewed late (steps.week_after_name)."""
        return steps.week_after_name(self.week, review.current_week())

    @property
    def wins(self) -> tuple:
        """The week's wins the wins step lists, newest first."""
        return self._wins

    # --- reading ----------------------------------------------------------------------------

    @property
    def weekday(self) -> str:
        """The review day's name, as last read."""
        return self._weekday

    def read(self, db) -> tuple[review.Week, review.Review | None, str, str, Any]:
        """The week's review (the chosen week, else the week due), the review day and what the
        review's step shows, in one read (a second read for the step, once this one is shown, was
        one more layout and draw)."""
        week, rev, weekday = steps.read_week(db, self.chosen)
        name = review.STEPS[(rev.step if rev else 1) - 1]
        return week, rev, weekday, name, steps.read_step(db, name, week, rev)

    def show(self, data: tuple[review.Week, review.Review | None, str, str, Any]) -> None:
        week, self.review, self._weekday, name, step_data = data
        if week != self.week and self._keeper is not None:
            self._keeper.flush()
            self._keeper = None
        self.week = week
        self.step = self.review.step if self.review else 1
        self._show_step(focus=self.query_one(TabbedContent).active == "this-week", read=(name, step_data), visit=True)
        if self.query_one(TabbedContent).active == "history":
            self._load_history()

    def data_changed(self) -> None:
        """Written elsewhere: the step on view reads again (the text being written in step 6 is left alone)."""
        self._refresh_review()
        if self.query_one(TabbedContent).active == "history":
            self._load_history()
        elif self.step != LAST:
            self._fill_step(review.STEPS[self.step - 1])

    steps_filled = 0  # how many times a step's read has been put on screen
    steps_read = 0  # reads of a step alone begun (a visit reads the step it opens on with the review)

    def _fill_step(self, name: str, keep: str | None = None, then: Callable[[], None] | None = None) -> None:
        """Read what step ``name`` shows in a worker, then fill it (and ``then()``)."""
        week, rev = self.week, self.review
        self.steps_read += 1
        if then is not None:
            self._after_fill.setdefault(name, []).append(then)

        read_then_show(
            self,
            lambda db: steps.read_step(db, name, week, rev),
            lambda data: self._step_read(name, data, keep),
            group="step",
        )

    def _step_read(self, name: str, data: object, keep: str | None = None) -> None:
        self.steps_filled += 1
        getattr(self, f"_fill_{name}")(data, **({"keep": keep} if keep else {}))
        for after in self._after_fill.pop(name, []):
            after()

    def _show_step(self, *, focus: bool = True, read: tuple[str, Any] | None = None, visit: bool = False) -> None:
        """Show the current step, filled from ``read`` (step name, what it shows) when that was
        read with the review, else read now. ``visit``: shown again by coming back to the area (or
        from the History), not by moving to the step: step 6 then does not take the keys into its text."""
        name = review.STEPS[self.step - 1]
        self.build_step(self.step)
        self._step_bar()
        self.query_one("#week-line", Static).update(steps.week_line(self.week, self.review, review.current_week()))
        narrow = self.has_class("-narrow") and name in steps.NARROW_INTROS  # no side pane to point at
        intro = (steps.NARROW_INTROS if narrow else steps.INTROS)[name]
        intro = steps.intro_words(intro, self.week, review.current_week())  # a week reviewed late: its words
        self.query_one("#intro", Static).update(intro)
        self.query_one("#steps", ContentSwitcher).current = f"step-{self.step}"
        if focus:
            # The reflection is not typed into by chance: not when the review is finished, and not on
            # a visit (j, meant to open the journal, went into the text and was saved with it); enter
            # goes in. Moving to step 6 (], 6) still puts the cursor in the text.
            finished = self.review is not None and self.review.completed
            outside = self.step == LAST and (finished or visit)
            self.set_focus(self.query_one("#prompts-pane" if outside else MAIN[self.step]))
        if read is not None and read[0] == name:
            supersede(self, "step")  # an older read of a step still under way would show older data
            # after the step's widget has handled its focus: a list's tones are read from its
            # styles, which its focus tints (as when the step's own read came back)
            self.query_one(MAIN[self.step]).call_later(self._step_read, name, read[1])
        else:
            self._fill_step(name)

    def build_step(self, n: int) -> None:
        """Put step ``n``'s widgets in its holder, the first time it is shown."""
        if n in self.steps_built:
            return
        self.steps_built.add(n)
        mount_tree(self.query_one(f"#step-{n}"), step_widgets(n))

    async def history_pane(self) -> HistoryPane:
        """The History's pane, built the first time it is shown (a second caller while it is
        being built, say the tab's activation, waits for the same mount)."""
        if self._history is None:
            pane = HistoryPane(id="history-pane")
            self._history = pane, self.query_one("#history", TabPane).mount(pane)
        pane, mounted = self._history
        await mounted
        return pane

    def _load_history(self) -> None:
        # a History still being built is loaded by history_pane's caller once it is there
        for pane in self.query(HistoryPane):
            if pane.is_mounted:
                pane.load(self.weekday)

    def _step_bar(self) -> None:
        done = bool(self.review and self.review.completed)
        self.query_one("#step-bar", Static).update(steps.step_bar(self.step, done, self.size.width < COMPACT))

    def on_resize(self) -> None:
        self._step_bar()

    def _refresh_review(self) -> None:
        week = self.week
        read_then_show(self, lambda db: review.get_review(db, week), self._review_read, group="review")

    def _review_read(self, rev: review.Review | None) -> None:
        self.review = rev
        self.query_one("#week-line", Static).update(steps.week_line(self.week, self.review, review.current_week()))

    def _fill_wins(self, data, keep: str | None = None) -> None:
        wins, total, said = data
        self._wins = tuple(reversed(wins))
        self._wins_total = total
        lst = self.query_one("#wins-list", steps.WinsList)
        lst.refill(steps.wins_options(lst, self._wins, total, self.which, said), keep=keep)
        self._wins_side()

    def _wins_side(self) -> None:
        current = (self.query_one("#wins-list", steps.WinsList).current_id or "").partition(":")[2]
        shown = next((a for a in self._wins if str(a.id) == current), None)
        tone = self.query_one("#wins-list", ActionList).tone
        side = steps.wins_side(tone, self._wins, shown, self._wins_total, self.which)
        self.query_one("#wins-side", Static).update(side)

    def _fill_skills(self, data) -> None:
        self._stack, self._changes, self._evidence = data
        lst = self.query_one("#rate-list", steps.RateList)
        lst.refill(steps.rate_options(lst, self._stack, self._changes, self.which))
        self._rate_side()

    @property
    def focused_area(self) -> skills.AreaStatus | None:
        slug = (self.query_one("#rate-list", steps.RateList).current_id or "").partition(":")[2]
        return next((a for a in self._stack if a.skill == slug), None)

    def _rate_side(self) -> None:
        a = self.focused_area
        evidence = self._evidence
        tone = self.query_one("#rate-list", ActionList).tone
        side = steps.rate_side(tone, a, evidence.get(a.skill, 0) if a else 0, self.which)
        self.query_one("#rate-side", Static).update(side)

    def _fill_signals(self, checks) -> None:
        self._checks = checks
        lst = self.query_one("#check-list", steps.ReviewCheckList)
        lst.refill(timeline_views.check_options(lst, self._checks))
        self._check_side()

    def _check(self, option_id: str | None) -> selfcheck.SelfCheck | None:
        kind, _, item_id = (option_id or "").removeprefix("check:").partition(":")
        return next((c for c in self._checks if c.kind == kind and c.item_id == item_id), None)

    def _check_side(self) -> None:
        current = self._check(self.query_one("#check-list", ActionList).current_id)

        def read(db):
            return selfcheck.self_check_history(db, current.kind, current.item_id) if current else []

        read_then_show(self, read, lambda history: self._check_side_read(current, history), group="check-side")

    def _check_side_read(self, current: selfcheck.SelfCheck | None, history) -> None:
        seen = sum(1 for c in self._checks if steps.looked_at(c, self.week))
        side = timeline_views.check_side(self._checks, current, history)
        self.query_one("#check-side", Static).update(
            Group(Text(f"Looked at {self.which}: {seen} of {len(self._checks)}", style="bold"), side)
        )

    def _fill_plan(self, data) -> None:
        horizons, p = data
        chosen = self.review.focus if self.review else ()
        lst = self.query_one("#focus-list", steps.FocusList)
        lst.refill(steps.focus_options(lst, horizons, chosen, p.focus, p.focus_from, self.week, self.which))
        self.query_one("#focus-side", Static).update(
            steps.focus_side(lst.tone, p.next_focus, p.done, self.which, self.after)
        )

    def _fill_drill(self, data) -> None:
        tone = self.query_one("#wins-list", ActionList).tone
        summary, rows, week = data
        view = steps.drill_view(tone, summary, rows, week, self.week.start, self.which)
        self.query_one("#drill-pane", Static).update(view)

    def _fill_reflect(self, data: tuple[str, Any]) -> None:
        r = self.review
        area, line = self.query_one("#reflection", TextArea), self.query_one("#next-thing", Input)
        with area.prevent(TextArea.Changed), line.prevent(Input.Changed):
            area.load_text(r.reflection if r else "")
            line.value = r.next_thing if r else ""
        line.border_title = f"One thing for {self.after}"
        line.placeholder = f"One thing to do {self.after}, in a line"
        self._typed = {"reflection": area.text, "next_thing": line.value}
        if self._keeper is None or self._keeper.key != draft_key(self.week):
            self._keeper = DraftKeeper(self, self.db, draft_key(self.week), self._collect_text)
        tone = self.query_one("#wins-list", ActionList).tone
        paragraph, actions = data
        self.query_one("#prompts", Static).update(steps.reflect_side(tone, paragraph, actions, self.after))

    def _collect_text(self) -> dict[str, Any] | None:
        """What is typed, when it differs from the review as saved (else None: no draft to keep)."""
        values = {  # as save_text will tidy them (its checks run when saving, never here in a timer)
            "reflection": self._typed["reflection"].strip(),
            "next_thing": " ".join(self._typed["next_thing"].split()),
        }
        saved = (self.review.reflection, self.review.next_thing) if self.review else ("", "")
        return None if (values["reflection"], values["next_thing"]) == saved else values

    @on(TextArea.Changed, "#reflection")
    @on(Input.Changed, "#next-thing")
    def _typing(self) -> None:
        # kept as typed, so the text can still be saved while the app closes and the widgets are gone
        self._typed = {
            "reflection": self.query_one("#reflection", TextArea).text,
            "next_thing": self.query_one("#next-thing", Input).value,
        }
        if self._keeper is not None:
            self._keeper.changed()

    def _save_text(self) -> bool:
        """Save what is typed into the review (when it differs); False if it could not be saved."""
        values = self._keeper and self._collect_text()
        if not values or self._keeper is None:
            return True
        saved = self._guard(review.save_text, self.db, self.week, **values)
        if saved is None:
            self._keeper.flush()  # refused: the draft is kept (in memory if the database says no)
            return False
        self.review = saved
        self._keeper.discard()
        return True

    def on_screen_suspend(self) -> None:
        if self.step == LAST:
            self._save_text()

    def on_unmount(self) -> None:
        """The app is closing: what was typed goes into the review (the database closes after the screens)."""
        if self.step == LAST and app_of(self).db_ready:
            self._save_text()

    @on(Input.Submitted, "#next-thing")
    def _next_thing_done(self) -> None:
        if self._save_text():
            self.notify("Saved. ctrl+s finishes the review.", timeout=3)

    # --- a core call from a step: a refusal is a notice ---------------------------------------

    def _guard(self, fn: Any, *args: Any, **kwargs: Any) -> Any:
        return guarded(self, fn, *args, **kwargs)
