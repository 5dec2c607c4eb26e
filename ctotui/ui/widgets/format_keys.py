"""Format characters typed into a text field, kept (the app's ``on_key``).

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
from textual.app import App
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


def type_format_character(app: App[Any], event: events.Key) -> bool:
    """Hand ``event``'s format character to the focused Input or TextArea as a one-character paste
    (which both insert as typed); False if it is not one, or no field that can be typed into has
    focus. Called as the app receives the key, before it forwards it: the paste joins the field's
    queue behind the keys typed before it, so a burst (a terminal sends 👩‍💻 as three keys at once)
    keeps its order."""
    character = event.character
    if character is None or not kept_format_character(character):
        return False
    field = app.focused
    # an Input, or a long text field (ui/widgets/long_text.py: every TextArea of the app is one); named
    # by its flag, so that this module, imported with the app, does not import TextArea (~9 ms at start)
    typed_into = isinstance(field, Input) or getattr(field, "TYPES_FORMAT_CHARACTERS", False)
    if field is None or not typed_into or field.disabled or getattr(field, "read_only", False):
        return False
    paste = events.Paste(character)
    _HANDED.add(paste)
    field.post_message(paste)
    return True


def handed_to_a_field(event: events.Event) -> bool:
    """Whether ``event`` is such a paste coming back to the app (a TextArea lets a paste bubble):
    the field has it already, and forwarding it again would put the character in twice."""
    return isinstance(event, events.Paste) and event in _HANDED
