"""Keys typed into a text field, kept and in order (the app's ``on_event``): format characters,
bound keys in a burst, and the keys typed right after one that moves the focus into a field.

Format characters:

Textual's ``Input`` and ``TextArea`` take a typed character only when ``str.isprintable`` says it
is printable, and format characters (Unicode category Cf) are not: a zero-width joiner typed
inside an emoji (👩‍💻 arrives as 👩, U+200D, 💻) was dropped, and the name was stored as 👩💻; so was a
zero-width non-joiner, which Persian and several Indic scripts need within words. Pasted, the
same text was kept. The app, which receives every key before it forwards it to the focused field,
hands the field such a character as a paste of one character instead. Only what storage keeps
(core/text.py) is put in: never a bidirectional override or a control character.
"""

from __future__ import annotations

import unicodedata
import weakref
from typing import Any

from textual import events
from textual.app import App, ScreenStackError
from textual.screen import Screen
from textual.scroll_view import ScrollView
from textual.widget import Widget
from textual.widgets import Input

from ctotui.core.text import clean_line

_HANDED: weakref.WeakSet[events.Paste] = weakref.WeakSet()  # the pastes made here, until they are gone


def kept_format_character(character: str | None) -> bool:
    """Whether ``character`` is a format character that text fields should take as typed."""
    return (
        character is not None
        and len(character) == 1
        and unicodedata.category(character) == "Cf"
        and clean_line(character) == character
    )


def _typed_into(app: App[Any]) -> Widget | None:
    """The focused field that can be typed into now: an Input, or a long text field
    (ui/widgets/long_text.py: every TextArea of the app is one), named by its flag so that this
    module, imported with the app, does not import TextArea (~9 ms at start); None otherwise."""
    try:
        field = app.focused
    except ScreenStackError:  # a key met as the app closes, its screens gone
        return None
    typed_into = isinstance(field, Input) or getattr(field, "TYPES_FORMAT_CHARACTERS", False)
    if field is None or not typed_into or field.disabled or getattr(field, "read_only", False):
        return None
    return field


def type_format_character(app: App[Any], event: events.Key) -> bool:
    """Hand ``event``'s format character to the focused Input or TextArea as a one-character paste
    (which both insert as typed); False if it is not one, or no field that can be typed into has
    focus. Called as the app receives the key, before it forwards it: the paste joins the field's
    queue behind the keys typed before it, so a burst (a terminal sends 👩‍💻 as three keys at once)
    keeps its order."""
    character = event.character
    if character is None or not kept_format_character(character):
        return False
    field = _typed_into(app)
    if field is None:
        return False
    paste = events.Paste(character)
    _HANDED.add(paste)
    field.post_message(paste)
    return True


def handed_to_a_field(event: events.Event) -> bool:
    """Whether ``event`` is such a paste coming back to the app (a TextArea lets a paste bubble):
    the field has it already, and forwarding it again would put the character in twice."""
    return isinstance(event, events.Paste) and event in _HANDED


# The bindings that move the focus (Screen's tab and shift+tab), run at once as the key arrives.
_FOCUS_MOVES = {
    "app.focus_next": Screen.focus_next,
    "app.focus_previous": Screen.focus_previous,
    "focus_next": Screen.focus_next,
    "focus_previous": Screen.focus_previous,
}

# Keys a TextArea takes itself, in its own queue, as it takes a printable one: already in order.
_TEXT_AREA_KEYS = frozenset({"enter", "tab", "escape"})


def run_binding_in_order(app: App[Any], event: events.Key) -> bool:
    """Run a field's own editing key (backspace, ctrl+u, home, left, an Input's enter) in the
    field's queue, in its place among the keys typed around it, and a tab (shift+tab) that leaves
    the field at once; False (Textual's way) for any other key.

    Textual inserts a printable key in the field's queue but runs a bound key only once the key
    has bubbled from the field up to the app: a burst that arrives in one read (an SSH link
    catching up, a paste the terminal does not mark as one, a macro) ran ``a b backspace c`` as
    ``a b c backspace`` and stored "ab"; ``ctrl+u`` then ``abc`` lost the "abc"
    (Textualize/textual#6605). Only the field's own actions are run here: a scrolling action it
    inherits from Widget (``down`` in an Input) is skipped by a field that does not scroll, and
    the key then goes on to the screen's binding, which Textual alone knows how to walk to."""
    if event.is_printable:
        return False
    field = _typed_into(app)
    active = app.screen.active_bindings.get(event.key)
    moves = active is not None and active.enabled and active.binding.action in _FOCUS_MOVES
    if field is None:
        if moves and active is not None and app.focused is not None:
            # a tab out of a choice, a checkbox or a button, with keys behind it in the burst: they
            # were handed to the widget left, which has no use for them ("Tab WHERE" from the person
            # form's relation lost "WHERE", and the person was saved without it)
            _FOCUS_MOVES[active.binding.action](app.screen)
            return True
        return False
    if event.key in _TEXT_AREA_KEYS and getattr(field, "TYPES_FORMAT_CHARACTERS", False):
        return False
    if moves and active is not None:
        # tab out of a field: the keys behind it in the burst go to the field it moves to. Run as
        # Textual runs it (App.action_focus_next), the focus moved only once the tab had bubbled
        # up, after the app had handed the next keys to the field left: "Ana", tab, "6" in the
        # welcome's name and years saved the name "Ana6".
        _FOCUS_MOVES[active.binding.action](app.screen)
        return True
    if active is None or active.node is not field or active.binding.priority or not active.enabled:
        return False
    method = "action_" + active.binding.action.partition("(")[0]
    owner = next((cls for cls in type(field).__mro__ if method in vars(cls)), None)
    if owner is None or owner in ScrollView.__mro__:
        return False
    field.call_later(app.run_action, active.binding.action, field)
    return True


def run_focus_move_at_once(app: App[Any], event: events.Key, type_ahead: TypeAhead | None = None) -> bool:
    """Run at once, as the key arrives, a screen's binding that moves the focus into one of its
    fields, or opens a form (the journal's ``/`` and ``n``: the screen names such actions in
    ``FOCUS_ACTIONS``); False for any other key, or when a field has the focus already. A form it
    opens (a screen with ``TAKES_TYPED_AHEAD``) gets the keys that follow once it is ready for
    them (``type_ahead``).

    Textual hands a key to the focused widget and runs the screen's binding once the key has
    bubbled back up to the app, behind the keys that came with it: "/oncall" arriving in one read
    (an SSH link catching up, a fast typist on a slow machine) went "oncall" to the list, which
    dropped it, and only then focused the search box, left empty. Run here, the focus is in the
    box when the next key of the burst is handed on.

    A key whose form opens only later (once a read is back, as the journal's ``e``, or from the
    message a list posts, as the people's ``c``: the screen names such actions, as their binding
    spells them, in ``FORM_COMES_LATER``) is left to Textual; the keys behind it wait for the
    form (``TypeAhead.hold_until_a_form``): "cAsked about the board" went "sk..." to the list,
    and its "s" opened the skills."""
    if _typed_into(app) is not None or not event.is_printable:
        return False
    screen = app.screen
    active = screen.active_bindings.get(event.key)
    if active is None or not active.enabled or active.binding.priority:
        return False
    action = active.binding.action
    bound = active.binding.id or ""
    area = bound.removeprefix("area.") if active.node is app and bound.startswith("area.") else ""
    if type_ahead is not None and area and area != app.current_mode:  # "j/oncall": the keys wait for the journal
        type_ahead.hold_until_shown(screen)
        return False  # Textual switches the area, as it would
    if type_ahead is not None and action in getattr(screen, "FORM_COMES_LATER", ()):
        type_ahead.hold_until_a_form(screen)
        return False  # Textual runs the binding as it would; the keys after it wait for its form
    if action.startswith("screen."):  # bound on a widget of the screen, run by the screen (the review's n)
        action = action.removeprefix("screen.")
    elif active.node is not screen:
        return False
    if action not in getattr(screen, "FOCUS_ACTIONS", ()):
        return False
    getattr(screen, f"action_{action}")()
    opened = app.screen
    if type_ahead is not None and opened is not screen and getattr(opened, "TAKES_TYPED_AHEAD", False):
        type_ahead.hold_for(opened)
    return True


def ready_for_typed_ahead(screen: Screen[Any]) -> None:
    """``screen`` (a dialog with ``TAKES_TYPED_AHEAD``) has its field focused: the keys typed after
    the one that opened it, in the same burst, come now (``TypeAhead``)."""
    type_ahead = getattr(screen.app, "type_ahead", None)
    if type_ahead is not None:
        type_ahead.release(screen)


def drop_typed_ahead(screen: Screen[Any]) -> None:
    """``screen`` closes before it took the keys typed ahead for it: they are dropped (``TypeAhead.drop``)."""
    type_ahead = getattr(screen.app, "type_ahead", None)
    if type_ahead is not None:
        type_ahead.drop(screen)


HOLD_AT_MOST = 1.0  # seconds: a screen that never says it is ready gets the keys then, as Textual would
# seconds: the longest the keys wait for a form that comes after a read, while the screen it opens
# from is still reading (a loaded machine: the journal's "e" read took over the second above, and
# the keys of "e45 -> 7 min" went to the list, whose "n" opened a new form)
HOLD_LONGEST = 5.0


class TypeAhead:
    """Keys typed while a form opened by a key of the same burst is not ready for them yet.

    "nFixed the pager" in one read (an SSH link catching up, a fast typist on a slow machine): the
    ``n`` opens the new-entry form, which mounts and focuses its title a few frames later; the keys
    that came meanwhile went to a screen with nothing focused and were lost. They are held here
    (``take``, the app's first look at every key) until the form says it is ready (``release``,
    from ``FormDialog.mark_as_opened``: its fields filled and focused, what it opened with noted),
    then handed to the app again, in order, and any key that comes before they are handed on
    waits behind them. Held at most ``HOLD_AT_MOST`` seconds; a key that finds another screen on
    view lets them go at once.

    They are handed on from the app's own queue (``call_later``): a key made while the form runs
    its code is the form's own message, and Textual stops such a key once it has bubbled up to
    the form (its sender), so the app never ran its binding: ctrl+s in the burst saved nothing."""

    def __init__(self, app: App[Any]) -> None:
        self.app = app
        self.screen: Screen[Any] | None = None
        self.held: list[events.Key] = []
        self.releasing = False
        self.awaiting = False  # held for a form not opened yet: ``screen`` is the one it opens from
        self.shown = False  # held for another area's screen (an area's key): any screen that says it is ready
        # keys typed ahead for a form that asks something first (its draft): kept aside while the
        # question is answered, typed into the form once it says it is ready, dropped if it closes
        self.parked: tuple[Screen[Any], list[events.Key]] | None = None
        self.holds = 0  # each hold's number: a hold's timer lets go of that hold only

    def hold_for(self, screen: Screen[Any]) -> None:
        self._hold(screen)

    def hold_until_a_form(self, origin: Screen[Any]) -> None:
        """Hold the keys typed after a key whose form opens once a read is back (the journal's ``e``
        reads the entry as it is now): until a form opened on ``origin`` says it is ready, at most
        ``HOLD_AT_MOST`` from now; if none comes (the read failed), they go to ``origin`` then."""
        self._hold(origin, awaiting=True)

    def hold_until_shown(self, origin: Screen[Any]) -> None:
        """Hold the keys typed after an area's key (``j``: "j/oncall" in one read) until the area's
        screen is on view and says it is ready for keys (AreaScreen, once resumed and drawn), at most
        ``HOLD_AT_MOST`` from now: they went to the screen being left, and were lost."""
        self._hold(origin, awaiting=True, shown=True)

    def _hold(self, screen: Screen[Any], *, awaiting: bool = False, shown: bool = False) -> None:
        self.replay()
        self.parked = None  # a form that asked and closed: what was typed for it has no place now
        self.screen, self.awaiting, self.shown = screen, awaiting, shown
        self.holds += 1
        self._wait(self.holds, HOLD_AT_MOST)

    def _wait(self, hold: int, waited: float) -> None:
        self.app.set_timer(HOLD_AT_MOST, lambda: self._time_up(hold, waited))

    def _time_up(self, hold: int, waited: float) -> None:
        """The hold's time is up: the keys go on, unless they wait for a form that comes after a read
        of the screen they were typed on and that read is still running: then up to HOLD_LONGEST."""
        if self.holds != hold:
            return
        origin = self.screen
        if self.awaiting and not self.shown and origin is not None and waited < HOLD_LONGEST:
            if any(worker.node is origin and not worker.is_finished for worker in self.app.workers):
                self._wait(hold, waited + HOLD_AT_MOST)
                return
        self.release()

    def take(self, event: events.Key) -> bool:
        """Whether ``event`` is held (to be handed on in its turn); False: the app goes on with it."""
        if self.screen is None:
            return False
        if self.awaiting and not self.screen.is_current and self._the_form(self.app.screen):
            self.screen, self.awaiting = self.app.screen, False  # the form came: wait until it is ready
        if self._asked():  # the form asks first (its draft): this key answers, the burst waits
            self._park()
            return False
        self.held.append(event)
        if not self.screen.is_current:  # the form went (or another screen came): no more waiting
            self.release()
        return True

    def _asked(self) -> bool:
        """Whether the form the keys are held for is under a dialog of its own (still open)."""
        form = self.screen  # (a screen under a modal one is still "current": it shows behind it)
        return form is not None and not self.awaiting and self.app.screen is not form and form in self.app.screen_stack

    def _park(self) -> None:
        form = self.screen
        held = self._clear()
        if form is not None:
            self.parked = (form, held)

    def _clear(self) -> list[events.Key]:
        """End the hold; what it held."""
        held = self.held
        self.held, self.screen, self.releasing, self.awaiting, self.shown = [], None, False, False, False
        return held

    def drop(self, screen: Screen[Any]) -> None:
        """``screen`` closes without taking the keys typed ahead for it (the draft question's "Not now"):
        they are dropped, not handed to the list behind it, whose keys would run."""
        if self.parked is not None and self.parked[0] is screen:
            self.parked = None
        if self.screen is screen:
            self._clear()

    def _the_form(self, screen: Screen[Any]) -> bool:
        return bool(getattr(screen, "TAKES_TYPED_AHEAD", False))

    def release(self, screen: Screen[Any] | None = None) -> None:
        """Hand on what was held (for ``screen`` only, when given): the form is ready, or gone."""
        if self.parked is not None and screen is not None and self.parked[0] is screen:
            self.held, self.parked = self.parked[1] + self.held, None  # the form answered its question
            self.screen, self.awaiting, self.shown = screen, False, False
        if self.screen is None or self.releasing:
            return
        if screen is None and self._asked():  # the hold's time is up while the form asks: not into the question
            self._park()
            return
        awaited = (
            self.awaiting
            and screen is not None
            and screen is self.app.screen
            and (self._the_form(screen) or (self.shown and screen is not self.screen))
        )
        if screen is not None and screen is not self.screen and not awaited:
            return
        self.releasing = True
        self.app.call_later(self.replay)

    def replay(self) -> None:
        for event in self._clear():
            self.app.post_message(events.Key(event.key, event.character))
