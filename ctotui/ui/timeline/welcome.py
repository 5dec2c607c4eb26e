"""The first-run welcome and the profile form (the same form edits it later).

``maybe_welcome(app)`` shows the welcome on start when the profile has no years
and the user has not skipped or answered it before; both are remembered. Every
answer is optional: the evidence places the user, years only give the pace.
"""

from __future__ import annotations

from typing import Any

from textual.app import App, ComposeResult
from textual.content import Content
from textual.widgets import Input, Select, Static

from ctotui.core import clock, playbook
from ctotui.core.plural import year_count
from ctotui.core.timeline import profile as profile_core
from ctotui.ui.appdb import db_of
from ctotui.ui.dialogs.form import DateRow, FormDialog, row
from ctotui.ui.guard import guarded
from ctotui.ui.readers import read_then_show

WELCOME = (
    "ctotui places you on a road of three stages (strong engineer, technical leader, "
    "executive in training) by what you have done: the targets you tick and the achievements "
    "behind them. Your years, if you give them, only give the pace, since people move at "
    "different speeds. Every answer is optional, and can change any time on the Timeline (t, then P)."
)


class ProfileDialog(FormDialog[dict[str, Any]]):
    """Name, years, role, path, aim and plan start. Dismisses the cleaned values, or None."""

    DEFAULT_CSS = """
    ProfileDialog .path-about { color: $text-muted; padding-left: 16; height: auto; }
    """

    def __init__(self, current: profile_core.Profile, *, first_run: bool = False, first: str | None = None) -> None:
        super().__init__()
        self.current = current
        self.first_run = first_run
        self._first = first  # the field focused as it opens ("#years": Home's "give your years")
        if first_run:
            self.SAVE_LABEL, self.CANCEL_LABEL = "Start", "Skip for now"

    def title_text(self) -> str:
        return "Welcome to ctotui" if self.first_run else "Your profile"

    def first_field(self) -> str:
        return self._first or super().first_field()

    def compose_fields(self) -> ComposeResult:
        pb = playbook.load()
        p = self.current
        if self.first_run:
            yield Static(WELCOME, classes="intro")
        years = "" if p.years is None else f"{p.years:g}"
        yield row("Your name", Input(p.name or "", placeholder="titles your brag document", id="name", compact=True))
        yield row(
            "Years", Input(years, placeholder="years of experience, e.g. 5.5 (optional)", id="years", compact=True)
        )
        yield row("Role", Input(p.role or "", placeholder="e.g. Senior engineer", id="role", compact=True))
        yield row(
            "Path",
            Select(
                [(x.name, x.slug) for x in pb.paths],
                value=p.path or Select.NULL,
                prompt="which route are you on?",
                id="path",
                compact=True,
            ),
        )
        yield Static("", id="path-about", classes="path-about")
        yield row(
            "Aiming for",
            Select(
                [(f"{s.name} ({s.years_from}–{s.years_to} years)", s.slug) for s in pb.stages],
                value=p.aim or Select.NULL,
                prompt="the stage you aim for",
                id="aim",
                compact=True,
            ),
        )
        started = (p.plan_started or clock.today()).isoformat()
        yield DateRow(  # the day a phrase names, said beside it as typed
            "Plan started",
            Input(started, placeholder="YYYY-MM-DD, today, 2 weeks ago", id="plan_started", compact=True),
        )

    def selects_on_focus(self, line: Input) -> bool:
        """A plan start not set yet shows today, the app's default: entering it selects it, so that
        "2 weeks ago" typed there replaces it (not "2026-12-052 weeks ago", refused on save)."""
        return line.id == "plan_started" and self.current.plan_started is None

    def on_mount(self) -> None:
        self._describe_path()

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "path":
            self._describe_path()

    def describe(self, value: dict[str, Any]) -> str:
        return profile_words(value)

    def _describe_path(self) -> None:
        value = self.query_one("#path", Select).value
        about = playbook.load().path(value).summary if isinstance(value, str) else ""
        label = self.query_one("#path-about", Static)
        label.update(Content(about))
        label.display = bool(about)

    def collect(self) -> dict[str, Any]:
        def text(field: str) -> str:
            return self.query_one(f"#{field}", Input).value.strip()

        def choice(field: str) -> str | None:
            value = self.query_one(f"#{field}", Select).value
            return value if isinstance(value, str) else None

        values = {  # a blank field: emptied when saved (years give no pace until given)
            "name": profile_core.parse_name(text("name")) if text("name") else None,
            "years": profile_core.parse_years(text("years")) if text("years") else None,
            "role": profile_core.parse_role(text("role")) if text("role") else None,
            "path": choice("path"),
            "aim": choice("aim"),
            "plan_started": profile_core.parse_plan_started(text("plan_started")).isoformat()
            if text("plan_started")
            else None,
        }
        return values  # None: left blank (the plan's start: left as it is)


CLEARABLE = ("name", "years", "role", "path", "aim")  # emptied by a blank field; the plan's start stays


def edit_profile(app: App, *, first_run: bool = False, then: Any = None, first: str | None = None) -> None:
    """Open the profile form; save what it returns (or remember a skipped welcome)."""
    db = db_of(app)

    def write(values: dict[str, Any], expected: profile_core.Profile) -> dict[str, Any]:
        now = {"name": expected.name, "years": expected.years_set, "role": expected.role}
        now |= {"path": expected.path, "aim": expected.aim}
        clear = [k for k in CLEARABLE if values.get(k) is None and now[k] is not None]  # blanked: emptied
        profile_core.update(db, expected=expected, clear=clear, **{k: v for k, v in values.items() if v is not None})
        if first_run:
            profile_core.end_welcome(db)  # answered, perhaps without years: not asked again
        return values

    def done(values: dict[str, Any] | None) -> None:
        if values is None:
            if first_run:
                guarded(app, profile_core.end_welcome, db)
                app.notify("Skipped. Set your profile any time on the Timeline (t, then P).", timeout=6, markup=False)
            return
        if then is not None:
            then()

    def opened(current: profile_core.Profile) -> None:
        form = ProfileDialog(current, first_run=first_run, first=first)
        dialog = form.writes_with(write, expected=current, show=describe_profile)
        app.push_screen(dialog, done)

    read_then_show(app, profile_core.load, opened, group="profile")  # the profile as it is now, read in a worker


def describe_profile(p: profile_core.Profile) -> str:
    return profile_words(
        {"years": p.years_set, "role": p.role, "path": p.path, "aim": p.aim, "plan_started": p.plan_started}
    )


def profile_words(value: dict[str, Any]) -> str:
    """A profile in words, for the two sides of an edit conflict."""
    pb = playbook.load()
    parts = [
        year_count(value["years"]) if value.get("years") is not None else "",
        f"“{value['role']}”" if value.get("role") else "",
        pb.path(value["path"]).name if value.get("path") else "",
        f"aiming for {pb.stage(value['aim']).name}" if value.get("aim") else "",
        f"plan started {value['plan_started']}" if value.get("plan_started") else "",
    ]
    return " · ".join(p for p in parts if p) or "(empty)"


def maybe_welcome(app: App, enabled: bool | None) -> None:
    """Show the welcome on start if wanted. ``enabled=None`` means: only when a person is
    at the terminal (not in headless test runs), so other areas' tests never see it."""
    if enabled is None:
        enabled = not app.is_headless
    if enabled:

        def asked(needed: bool) -> None:
            if needed:
                edit_profile(app, first_run=True, then=lambda: app.switch_mode("timeline"))

        read_then_show(app, profile_core.needs_welcome, asked, group="welcome")
