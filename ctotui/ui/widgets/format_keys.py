"""Format characters typed into a text field, kept (the app's ``on_key``).

Textual's ``Input`` and ``TextArea`` take a typed character only when ``str.isprintable`` says it
is printable, and format characters (Unicode category Cf) are not: a zero-width joiner typed
inside an emoji (👩‍💻 arrives as 👩, U+200D, 💻) was dropped, and the name was stored as 👩💻; so was a
zero-width non-joiner, which Persian and several Indic scripts need within words. Pasted, the
same text was kept. Such a key is not handled by the field, so it reaches the app, which puts
the character into the focused field, as the field would a printable one. Only what storage
keeps (core/text.py) is put in: never a bidirectional override or a control character.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from textual import events
from textual.app import App
from textual.widgets import Input, TextArea

from ctotui.core.text import clean_line


def kept_format_character(character: str | None) -> bool:
    """Whether ``character`` is a format character that text fields should take as typed."""
    return (
        character is not None
        and len(character) == 1
        and unicodedata.category(character) == "Cf"
        and clean_line(character) == character
    )


def type_format_character(app: App[Any], event: events.Key) -> bool:
    """Put ``event``'s format character into the focused Input or TextArea; False if it is not one
    (or no field that can be typed into has focus)."""
    character = event.character
    if character is None or not kept_format_character(character):
        return False
    field = app.focused
    if isinstance(field, Input) and not field.disabled:
        field.replace(character, *sorted(field.selection))
    elif isinstance(field, TextArea) and not field.read_only and not field.disabled:
        field.replace(character, *sorted(field.selection))
    else:
        return False
    event.stop()
    event.prevent_default()
    return True
