"""People and the bar: who knows what you want, when you last spoke, what is due,
and the bar someone set with its countdown.

Keys: a adds a person, c (or enter) writes down a conversation with the highlighted one,
e edits them, x archives (or brings back), d marks their follow-up done (u brings
it back), l links an achievement they can vouch for, v shows archived people; b
changes the open bar in place (or writes one down), n writes down a new one (the
open one closes, its history shown under it); on the bar's list space ticks a
criterion and l links an achievement as its evidence.
"""

from __future__ import annotations

from contextlib import suppress
from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Static
from textual.widgets.option_list import OptionDoesNotExist

from ctotui.core import clock
from ctotui.core.errors import CtoError
from ctotui.core.journal.entries import titles
from ctotui.core.people import bar as bar_core
from ctotui.core.people import conversations
from ctotui.core.people import persons as people_core
from ctotui.ui.base import AreaScreen
from ctotui.ui.guard import guarded
from ctotui.ui.journal.pick import AchievementPicker
from ctotui.ui.people.forms import BarDialog, PersonDialog, TalkDialog
from ctotui.ui.people.views import PeopleData, bar_detail, bar_options, person_detail, person_options
from ctotui.ui.widgets.action_list import ActionList


class PeopleList(ActionList):
    PRIMARY = "talk"
    BINDINGS: ClassVar = [
        Binding("c,enter", "act('talk')", "Conversation", tooltip="Write down a conversation with this person"),
        Binding("e", "act('edit')", "Edit", tooltip="Change their name, relation, where they are, the note"),
        Binding("x", "act('archive')", "Archive", tooltip="Archive (their history stays), or bring back"),
        Binding("d", "act('done')", "Followed up", tooltip="Mark their open follow-up done (u brings it back)"),
        Binding("l", "act('vouch')", "Can vouch for", tooltip="Link an achievement they can vouch for"),
    ]


class BarList(ActionList):
    PRIMARY = "tick"
    BINDINGS: ClassVar = [
        Binding("space,enter", "act('tick')", "Met", tooltip="Mark the criterion met, or not met"),
        Binding("l", "act('link')", "Link achievement", tooltip="Link an achievement as evidence"),
    ]


class PeopleScreen(AreaScreen):
    CSS_PATH = "people.tcss"
    HELP_EXTRA = (PeopleList, BarList)  # the help lists the lists' keys too
    # opens its form: run as the key arrives, the keys typed right after it in one read wait for the
    # form (ui/widgets/format_keys.py)
    FOCUS_ACTIONS = frozenset({"add_person", "set_bar"})
    # opens its form once it has read what the form shows, or from the message its list posts: the keys
    # typed after it in one read wait for the form (ui/widgets/format_keys.py)
    FORM_COMES_LATER = frozenset({"act('talk')", "act('edit')", "act('vouch')", "act('link')"})
    BINDINGS: ClassVar = [
        Binding("a", "add_person", "Add person", tooltip="Add a manager, mentor, sponsor, reference…"),
        Binding("b", "set_bar", "Bar", tooltip="Change the open bar (or write one down): ticks and evidence stay"),
        Binding(
            "n", "new_bar", "New bar", tooltip="Write down a new bar; the open one closes and stays in its history"
        ),
        Binding("v", "toggle_archived", "Archived", tooltip="Show or hide archived people"),
        Binding(
            "u", "undo_followed_up", "Undo followed up", show=False, tooltip="Bring back the follow-up d closed last"
        ),
    ]
    PALETTE: ClassVar = [
        ("Add a person", "Add a manager, mentor, sponsor or reference", "add_person"),
        ("Change the bar", "Reword, add or remove criteria, change the days: ticks and evidence stay", "set_bar"),
        ("Write down a new bar", "What someone said it would take, with a deadline; the open one closes", "new_bar"),
        ("Undo followed up", "Bring back the follow-up d closed last", "undo_followed_up"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.data: PeopleData | None = None
        self.show_archived = False
        self.closed: list[tuple[str, tuple[int, ...]]] = []  # what d closed, by whom, newest last: u reopens it

    def compose_body(self) -> ComposeResult:
        with Horizontal(id="people-body"):
            with Vertical(id="people-left"):
                yield PeopleList(id="people-list")
                yield BarList(id="bar-list")
            with VerticalScroll(id="people-side"):
                yield Static("", id="people-detail")

    # --- reading -------------------------------------------------------------

    def read(self, db: Any) -> PeopleData:
        """Everything shown, in one read (no SQL once it is on screen)."""
        found = people_core.list_people(db, archived=self.show_archived)
        histories = {p.id: tuple(conversations.history(db, p.id)) for p in found}
        bars = bar_core.all_bars(db)
        current = next((b for b in bars if not b.closed), None)
        earlier = tuple(b for b in bars if b.closed)
        refs = {r.person.id: r for r in people_core.references(db)}
        ids = sorted(
            {a for r in refs.values() for a in r.vouches_for}
            | {a for b in bars for c in b.criteria for a in c.evidence}
        )
        return PeopleData(
            tuple(found), histories, current, refs, titles(db, ids), clock.today(), self.show_archived, earlier
        )

    def show(self, data: Any) -> None:
        self.data = data
        people_list = self.query_one("#people-list", PeopleList)
        people_list.refill(person_options(people_list, data))
        bar_list = self.query_one("#bar-list", BarList)
        bar_list.refill(bar_options(bar_list, data))
        self._detail()

    def _detail(self) -> None:
        if self.data is None:
            return
        focused = self.focused
        detail = self.query_one("#people-detail", Static)
        if isinstance(focused, BarList):
            detail.update(bar_detail(self.data))
        else:
            detail.update(
                person_detail(self.data, self._person_id(self.query_one("#people-list", PeopleList).current_id))
            )

    def focus_item(self, item: str) -> bool:
        """A "this week" action's item: ``person:<id>`` (its follow-up) or ``bar:<id>``."""
        if self.data is None:
            return False
        if item.startswith("bar:"):
            bar_list = self.query_one("#bar-list", BarList)
            first_open = next((c.number for c in self.data.bar.criteria if not c.met), 1) if self.data.bar else 1
            with suppress(OptionDoesNotExist):
                bar_list.highlighted = bar_list.get_option_index(f"criterion:{first_open}")
            bar_list.focus()
        else:
            people_list = self.query_one("#people-list", PeopleList)
            with suppress(OptionDoesNotExist):
                people_list.highlighted = people_list.get_option_index(item)
            people_list.focus()
        self._detail()
        return True

    @staticmethod
    def _person_id(option_id: str | None) -> int | None:
        if option_id and option_id.startswith("person:"):
            return int(option_id.partition(":")[2])
        return None

    def _person(self, option_id: str | None) -> people_core.Person | None:
        wanted = self._person_id(option_id)
        if self.data is None or wanted is None:
            return None
        return next((p for p in self.data.people if p.id == wanted), None)

    @on(ActionList.OptionHighlighted)
    def _highlighted(self) -> None:
        self._detail()

    def on_descendant_focus(self) -> None:
        self._detail()

    # --- acting --------------------------------------------------------------

    @on(ActionList.Act, "#people-list")
    def _person_act(self, event: ActionList.Act) -> None:
        person = self._person(event.item_id)
        if person is None:
            return
        if event.action == "talk":
            self._talk(person)
        elif event.action == "edit":
            self._edit(person)
        elif event.action == "archive":
            changed = guarded(self, people_core.edit, self.db, person.id, archived=not person.archived)
            if changed is not None:
                word = "Archived (v shows archived people): " if changed.archived else "Back in the list: "
                self.notify(word + changed.name, timeout=3, markup=False)
            self.load()
        elif event.action == "vouch":
            self._vouch(person)
        elif event.action == "done":
            self._followed_up(person)

    def _followed_up(self, person: people_core.Person) -> None:
        """d: the person's open follow-ups marked done in one write; "Followed up" only once it is saved."""
        if not any(t.follow_up_state() for t in (self.data.histories.get(person.id, ()) if self.data else ())):
            self.notify(f"No open follow-up with {person.name}.", timeout=3, markup=False)
            return
        closed = guarded(self, conversations.followed_up, self.db, person.id)
        if closed:
            self.closed.append((person.name, tuple(t.id for t in closed)))
            self.notify(f"Followed up with {person.name}. u brings the follow-up back.", timeout=6, markup=False)
        elif closed is not None:  # closed meanwhile (another window, the CLI)
            self.notify(f"No open follow-up with {person.name}.", timeout=3, markup=False)
        self.load()

    def action_undo_followed_up(self) -> None:
        """u: the follow-ups d closed last open again (pressed again, the ones before)."""
        if not self.closed:
            self.notify("No follow-up closed here to bring back.", severity="warning", timeout=3)
            return
        name, talk_ids = self.closed[-1]
        if guarded(self, conversations.reopen, self.db, talk_ids) is not None:
            self.closed.pop()
            self.notify(f"The follow-up with {name} is open again.", timeout=3, markup=False)
        self.load()

    def _talk(self, person: people_core.Person) -> None:
        def write(values: dict[str, Any]) -> conversations.Conversation:
            return conversations.log(self.db, person.id, **values)

        def saved(talk: conversations.Conversation | None) -> None:
            if talk is not None:
                follow = f"; follow up {talk.follow_up.isoformat()}" if talk.follow_up else ""
                self.notify(f"Written down: a conversation with {person.name}{follow}.", timeout=3, markup=False)
                self.load()

        self.app.push_screen(TalkDialog(person).writes_with(write), saved)

    def _vouch(self, person: people_core.Person) -> None:
        """Pick an achievement the person can vouch for (those already linked left out)."""
        ref = self.data.references.get(person.id) if self.data else None

        def link(achievement_id: int) -> bool:
            people_core.vouch(self.db, person.id, achievement_id)
            return True

        def picked(achievement_id: int | None) -> None:
            if achievement_id is not None and guarded(self, link, achievement_id):
                self.notify(f"{person.name} can vouch for it.", timeout=3, markup=False)
            self.load()

        exclude = frozenset(ref.vouches_for if ref else ())
        title = f"An achievement {person.name} can vouch for"
        self.app.push_screen(AchievementPicker(title=title, exclude=exclude), picked)

    def _edit(self, person: people_core.Person | None) -> None:
        told: set[str] = set()  # names the form said are here already: saved again, they are added again

        def write(values: dict[str, Any]) -> people_core.Person:
            name = values["name"]
            try:
                if person is None:
                    values.pop("name")
                    return people_core.add(self.db, name, values.pop("relation"), again=name in told, **values)
                return people_core.edit(self.db, person.id, again=name in told, **values)
            except people_core.SameName as exc:
                told.add(name)
                also = "adds another person of that name" if person is None else "gives them that name all the same"
                raise CtoError(f"{exc}. ctrl+s again {also}.") from None

        def saved(new: people_core.Person | None) -> None:
            if new is not None:
                self.notify(("Added: " if person is None else "Saved: ") + new.name, timeout=3, markup=False)
                self.load()
                lst = self.query_one("#people-list", PeopleList)
                if self.data is not None:
                    lst.refill(person_options(lst, self.data), keep=f"person:{new.id}")
                self._detail()

        self.app.push_screen(PersonDialog(person).writes_with(write), saved)

    def action_add_person(self) -> None:
        self.query_one("#people-list", PeopleList).focus()
        self._edit(None)

    def action_set_bar(self) -> None:
        """The open bar, changed in place; a new one when none is open."""
        self._bar_form(self.data.bar if self.data else None)

    def action_new_bar(self) -> None:
        self._bar_form(None)

    def _bar_form(self, current: bar_core.Bar | None) -> None:
        highlighted = self._person(self.query_one("#people-list", PeopleList).current_id)
        people = self.data.people if self.data else ()

        def write(values: dict[str, Any]) -> bar_core.Bar:
            if current is None:
                return bar_core.set_bar(self.db, **values)
            return bar_core.edit_bar(self.db, current.id, **values)

        def saved(new: bar_core.Bar | None) -> None:
            if new is not None:
                word = "is written down" if current is None else "is saved"
                self.notify(f"The bar for {new.role} {word}.", timeout=3, markup=False)
                self.load()
                self.query_one("#bar-list", BarList).focus()

        form = BarDialog(current, people, highlighted.id if highlighted else None)
        self.app.push_screen(form.writes_with(write), saved)

    def action_toggle_archived(self) -> None:
        self.show_archived = not self.show_archived
        self.load()

    @on(ActionList.Act, "#bar-list")
    def _bar_act(self, event: ActionList.Act) -> None:
        if self.data is None or self.data.bar is None or not event.item_id.startswith("criterion:"):
            return
        number = int(event.item_id.partition(":")[2])
        criterion = self.data.bar.criteria[number - 1]
        if event.action == "tick":
            guarded(self, bar_core.tick, self.db, number, met=not criterion.met)
            self.load()
        elif event.action == "link":

            def linked(achievement_id: int | None) -> None:
                if (
                    achievement_id is not None
                    and guarded(self, bar_core.link, self.db, number, achievement_id) is not None
                ):
                    self.notify("Achievement linked as evidence.", timeout=3)
                self.load()

            self.app.push_screen(AchievementPicker(title="Link an achievement as evidence"), linked)
