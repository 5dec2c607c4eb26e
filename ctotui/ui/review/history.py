"""The review screen's History: the streak, the journal's activity heatmap, every week since
the first review (reviewed, half done or missed), each skill across the reviews, and the
highlighted week's report (the same Markdown `ctotui review --week` prints)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.console import Group, RenderableType
from rich.markdown import Markdown
from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Static
from textual.widgets.option_list import Option

from ctotui.core import clock
from ctotui.core.journal.entries import JournalFilter
from ctotui.core.plural import plural
from ctotui.core.review.history import SkillTrend, Streak, journal_activity, review_streak, skill_trends
from ctotui.core.review.report import to_markdown, week_report
from ctotui.core.review.weekly import Review, Week, list_reviews, parse_week, week_to_review
from ctotui.core.skills import stack as skills
from ctotui.ui.appdb import db_of
from ctotui.ui.dates import short_date
from ctotui.ui.readers import read_then_show
from ctotui.ui.skills.views import Tone, change, spark
from ctotui.ui.widgets.action_list import ActionList
from ctotui.ui.widgets.hanging import Kept, kept
from ctotui.ui.widgets.heatmap import Heatmap
from ctotui.ui.widgets.rendered import RenderedOnce

MAX_WEEKS = 156  # weeks listed back from now (reviews older than that are still listed)


class ReviewList(ActionList):
    """Every week since the first review; the highlighted one's report is shown beside it.
    enter opens the week's review (a missed week is reviewed late)."""

    PRIMARY = "open"
    BINDINGS: ClassVar = [
        Binding("enter", "primary", "Review it", tooltip="Open the highlighted week's review, late if it was missed"),
        Binding("c", "act('copy')", "Copy Markdown", tooltip="Copy the highlighted week's report as Markdown"),
    ]


def week_line(lst: ActionList, week: Week, r: Review | None, current: Week, due: Week | None = None) -> Table:
    """A week of the History; ``due``: the week to review (weekly.week_to_review), not missed yet."""
    grid = Table.grid(padding=(0, 1), expand=True)
    grid.add_column(width=9, no_wrap=True)
    grid.add_column(width=2, no_wrap=True)
    grid.add_column(ratio=1, no_wrap=True, overflow="ellipsis")
    if r is not None and r.completed:
        mark, tone = "✓", "good"
        what = f"done {short_date(r.completed_at)}"  # type: ignore[arg-type]  # a completed review has its completed_at
        if r.next_thing:
            what += f" · {r.next_thing}"
    elif r is not None:
        mark, tone, what = "◐", "warn", f"stopped at step {r.step} of 6"
    else:
        mark, tone = "·", "muted"
        what = "not reviewed yet" if week in (current, due) else "missed · enter reviews it"
    grid.add_row(
        Text(week.key, style=Style(bold=r is not None) + (lst.tone("muted") if r is None else Style())),
        Text(mark, style=lst.tone(tone)),
        Text(what, style=lst.tone("muted") if r is None else Style()),
    )
    return grid


def review_options(
    lst: ActionList, reviews: Sequence[Review], current: Week, due: Week | None = None
) -> list[Option | None]:
    """The current week, then every week back to the first review (missed ones greyed)."""
    by_week = {r.week: r for r in reviews}
    oldest = min(by_week, default=current)
    out: list[Option | None] = []
    week, listed = current, 0
    while week >= oldest and listed < MAX_WEEKS:
        r = by_week.get(week)
        line = week_line(lst, week, r, current, due)
        out.append(Option(line, id=f"week:{week.key}"))
        week, listed = week.shifted(-1), listed + 1
    out += [Option(week_line(lst, r.week, r, current), id=f"week:{r.week.key}") for r in reviews if r.week < week]
    return out


def streak_text(tone: Tone, s: Streak, weekday: str) -> Text:
    text = Text()
    text.append(kept(f"Streak {plural(s.current, 'week')}"), style=Style(bold=True) + tone("accent"))
    text.append(f" · {kept(f'longest {s.longest}')} · {kept(plural(s.total, 'review') + ' done')}", style=tone("muted"))
    if s.last:
        text.append(f" · {kept(f'last {s.last.key}')}", style=tone("muted"))
    text.append(f" · {kept(f'review day {weekday}')} {kept('(D changes it)')}", style=tone("muted"))
    return text


def trends_view(tone: Tone, weeks: Sequence[Week], trends: Sequence[SkillTrend]) -> RenderableType:
    if not weeks:
        return Text("Skill levels across reviews appear here once a review is done.", style=tone("muted"))
    grid = Table.grid(padding=(0, 1))
    grid.add_column(width=24, no_wrap=True, overflow="ellipsis")
    grid.add_column(no_wrap=True)
    grid.add_column(width=3, justify="right", no_wrap=True)
    grid.add_column(no_wrap=True)
    for t in trends:
        marks = spark(tone, skills.sparkline(t.levels))
        last = t.levels[-1] if t.levels else None
        grid.add_row(
            Text(t.name), marks, change(tone, t.change), Text(f"now {last}" if last else "", style=tone("muted"))
        )
    span = f"{weeks[0].key} → {weeks[-1].key}" if len(weeks) > 1 else weeks[0].key
    head = Text(f"Skills across the last {plural(len(weeks), 'review')} · {span}", style=tone("heading"))
    return Group(head, grid)


class HistoryPane(Vertical):
    """Filled by ``load(db)``; the review screen calls it when the History is shown."""

    def compose(self) -> ComposeResult:
        yield Static(id="streak-line")
        yield Heatmap(id="heatmap")
        with Horizontal(id="history-body"):
            yield ReviewList(id="review-list")
            with VerticalScroll(id="report-pane"):
                yield Static(id="trends")
                yield Static(id="report")

    def on_mount(self) -> None:
        self.query_one(
            Heatmap
        ).border_title = "Journal activity"  # the weeks shown are in its legend: as many as the width holds
        self.query_one("#review-list").border_title = "Weeks"
        self.query_one("#report-pane").border_title = "Report"

    @property
    def db(self):
        return db_of(self)

    def load(self, weekday: str) -> None:
        """Read the reviews, the streak, the journal's activity and the trends in a worker, then show them."""
        current = Week.of(clock.today())

        def read(db):
            reviews = list_reviews(db)
            streak = review_streak(db, current, reviews)
            return reviews, week_to_review(db), streak, journal_activity(db), skill_trends(db, reviews)

        read_then_show(self, read, lambda data: self._show(current, weekday, *data), group="history")

    def _show(self, current: Week, weekday: str, reviews, due: Week, streak, activity, trends) -> None:
        lst = self.query_one(ReviewList)
        self.query_one("#streak-line", Static).update(Kept(streak_text(lst.tone, streak, weekday)))  # wraps at 80
        done = [r.week.start for r in reviews if r.completed and r.week.start >= activity.start]
        self.query_one(Heatmap).show(activity.counts, activity.start, activity.end, marked=done)
        self.query_one("#trends", Static).update(trends_view(lst.tone, *trends))
        keep, self._wanted = self._wanted, None
        lst.refill(review_options(lst, reviews, current, due), keep=keep)
        if lst.current_id is None:
            lst.action_cursor_down()
        self.show_report()

    _wanted: str | None = None  # the week to highlight once the list is read again

    def select_week(self, week: Week) -> None:
        self._wanted = f"week:{week.key}"  # for a read still under way
        lst = self.query_one(ReviewList)
        lst.refill(list(lst.options), keep=f"week:{week.key}")
        self.show_report()

    @property
    def highlighted_week(self) -> Week | None:
        item = self.query_one(ReviewList).current_id
        return parse_week(item.partition(":")[2]) if item else None

    def show_report(self) -> None:
        week = self.highlighted_week
        pane = self.query_one("#report-pane")
        if week is None:
            self.query_one("#report", Static).update("")
            return
        pane.border_title = f"Report · {week.key}"
        pane.border_subtitle = "c copies it as Markdown"
        read_then_show(
            self,
            lambda db: to_markdown(week_report(db, week)),
            lambda text: self.query_one("#report", Static).update(RenderedOnce(Markdown(text))),
            group="report",
        )

    @on(ActionList.OptionHighlighted, "#review-list")
    def _highlighted(self) -> None:
        self.show_report()

    @on(ActionList.Act, "#review-list")
    def _act(self, event: ActionList.Act) -> None:
        week = parse_week(event.item_id.partition(":")[2])
        if event.action == "copy":

            def copy(text: str) -> None:
                self.app.copy_to_clipboard(text)
                self.notify(f"{week.key}'s report copied as Markdown.", timeout=3, markup=False)

            read_then_show(self, lambda db: to_markdown(week_report(db, week)), copy, group="copy")

    @on(Heatmap.Selected)
    async def _day(self, event: Heatmap.Selected) -> None:
        if not event.count:
            self.notify(
                f"Nothing in the journal on {event.day:%a} {event.day.day} {event.day:%b}.", timeout=3, markup=False
            )
            return
        await self.app.switch_mode("journal")
        apply = getattr(self.app.screen, "apply", None)
        if apply is not None:
            apply(JournalFilter(since=event.day, until=event.day))
