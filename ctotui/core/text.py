"""Cleaning text: the one place that decides which characters may be stored or printed.

Every entry point (CLI options, forms, JSON and jrnl import) passes user text
through ``clean_line`` (titles, names, tags, one-line fields) or
``clean_block`` (bodies, answers, reflections, notes of several lines), and every command that prints
stored text passes it through them again, so a row that got in before this
rule existed cannot drive the terminal either.

What is removed, and why:

- Whole escape sequences, before the controls in them: CSI (ESC [ or the 8-bit
  U+009B, parameters, then a final byte: "ESC[31m" colours, "ESC[2J" clears
  the screen), strings (OSC ESC ], DCS ESC P, SOS, PM, APC and their 8-bit
  forms, up to BEL or ST: "ESC]0;title BEL" sets the window title) and the
  other ESC sequences of an ESC, intermediates and one final character
  ("ESC(B", "ESC7"). Dropping only the ESC would leave "[31m" in the text, to
  be stored and read as words (and numbers). A sequence cut short loses only
  what begins it (ESC and "[" or "]"): the text after it stays.
- C0 controls (U+0000-U+001F, which includes ESC and NUL), DEL (U+007F) and
  C1 controls (U+0080-U+009F, which includes the 8-bit CSI U+009B): a
  terminal reads them as commands (clear the screen, set the window title,
  hide text). In a block, newline and tab are kept; CR LF, a lone CR, form
  feed, vertical tab, NEL and U+2028/U+2029 become a newline. In a line, all
  of those (and tab) become a space.
- Bidirectional embeddings, overrides and isolates (U+202A-U+202E,
  U+2066-U+2069): they reorder how the rest of a line is drawn, so a title can
  display as something other than what is stored ("Trojan Source"). The
  plain direction marks (U+200E, U+200F, U+061C) stay: they only nudge the
  characters next to them and people writing right-to-left text need them.
- Lone surrogates (U+D800-U+DFFF), which arrive from command-line bytes that
  are not UTF-8: they cannot be stored as UTF-8, so they become U+FFFD.

Zero-width joiners, variation selectors and other format characters stay:
emoji and many scripts need them, and they cannot move the cursor.
"""

from __future__ import annotations

import re

__all__ = [
    "BLOCK_COLUMNS",
    "SQUEEZED_COLUMNS",
    "clean_line",
    "clean_block",
    "clean_row",
    "changed_by_cleaning",
    "clean_tag",
    "escaped_controls",
    "has_controls",
    "json_text",
    "squeeze",
]

_BIDI = "\u202a-\u202e\u2066-\u2069"
# Anything either function changes: one search tells whether a string needs work.
_ANY = re.compile(f"[\x00-\x1f\x7f-\x9f\u2028\u2029{_BIDI}\ud800-\udfff]")
# The same for ``clean_block``, which keeps newline and tab as they are.
_ANY_IN_BLOCK = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029{_BIDI}\ud800-\udfff]")
_BREAKS = re.compile("\r\n|[\r\x0b\x0c\x85\u2028\u2029]")
_LINE_SPACES = re.compile("[\t\n\r\x0b\x0c\x85\u2028\u2029]")
_DROP = re.compile(f"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f{_BIDI}]")
_SURROGATE = re.compile("[\ud800-\udfff]")
# ECMA-48 sequences: a CSI with its parameter, intermediate and final bytes; a control string
# (OSC, DCS, SOS, PM, APC; 7- or 8-bit) up to its terminator (BEL, ESC \, ST), holding no control;
# any other ESC sequence: intermediates and one final byte.
_ESCAPES = re.compile(
    "(?:\x1b\\[|\x9b)[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]"
    "|(?:\x1b[P\\]X^_]|[\x90\x98\x9d\x9e\x9f])[^\x00-\x1f\x7f-\x9f]*(?:\x07|\x1b\\\\|\x9c)"
    "|\x1b[\x20-\x2f]*[\x30-\x7e]"
)


def has_controls(text: str) -> bool:
    """True if ``clean_line`` would change ``text`` (a cheap test before the work)."""
    return _ANY.search(text) is not None


def escaped_controls(text: str) -> str:
    """``text`` with each character ``clean_line`` would change written as its escape (ESC as
    ``\\x1b``, an override as ``\\u202e``): for a name that must be shown as it is, not cleaned, such
    as a file's path (two paths never look alike, and none drives the terminal)."""
    if _ANY.search(text) is None:
        return text
    return _ANY.sub(lambda m: ascii(m.group())[1:-1], text)


def _common(text: str) -> str:
    text = _DROP.sub("", text)
    return _SURROGATE.sub("\ufffd", text)


def _no_escapes(text: str) -> str:
    """``text`` without its escape sequences, whole (the ESC of "ESC[31m" and its "[31m" too)."""
    return _ESCAPES.sub("", text)


def clean_line(text: str | None) -> str:
    """One line of text: line breaks and tabs become spaces, other controls go.

    Spaces are not collapsed or stripped here: callers decide that.
    """
    if not text:
        return ""
    if _ANY.search(text) is None:
        return text
    return _common(_LINE_SPACES.sub(" ", _no_escapes(text)))


def clean_block(text: str | None) -> str:
    """Text of several lines: newline and tab stay, every other control goes."""
    if not text:
        return ""
    if _ANY_IN_BLOCK.search(text) is None:
        return text
    return _common(_BREAKS.sub("\n", _no_escapes(text)))


def squeeze(text: str | None) -> str:
    """``clean_line``, then runs of spaces become one and the ends are trimmed."""
    return " ".join(clean_line(text).split())


def clean_tag(tag: str) -> str:
    """A tag as the journal stores it: "#Perf Work " -> "perf-work" (`add --tag`, the forms, an import, a sync)."""
    return "-".join(clean_line(tag).replace(",", "").strip().lstrip("#").lower().split())  # once: "#,#a" is "a"


# Stored columns that hold several lines (everything else is cleaned as one line): the columns the
# models write with ``clean_block``. tests/unit/test_block_columns.py types a line break into every
# field and checks that the columns keeping it are exactly these.
BLOCK_COLUMNS = frozenset(
    {
        ("achievements", "body"),
        ("attempts", "answer"),
        ("attempts", "follow_up_answer"),
        ("attempts", "ask_first"),
        ("reviews", "reflection"),
        ("stage_answers", "answer"),
        ("self_check_answers", "note"),
        ("people", "note"),
        ("conversations", "asked"),
        ("conversations", "heard"),
        ("conversations", "mine"),
        ("conversations", "theirs"),
    }
)


# Stored one-line columns the models ``squeeze`` (a title, a name: runs of spaces made one, the
# ends trimmed, as typed in the app or on the command line); an import and a sync store them the
# same way. tests/unit/test_block_columns.py checks these against the models too.
SQUEEZED_COLUMNS = frozenset(
    {
        ("achievements", "title"),
        ("questions", "text"),
        ("attempts", "question_text"),  # the question's text when it was answered
        ("plan_items", "text"),
        ("skill_ratings", "note"),
        ("reviews", "next_thing"),
        ("people", "name"),
        ("people", "context"),
        ("bars", "role"),
        ("bar_criteria", "text"),
    }
)
# Stored tags: made by ``clean_tag`` (lower case, words joined by "-", no "#" in front, no comma).
TAG_COLUMNS = frozenset({("achievement_tags", "tag")})
# What ``squeeze`` would change: a control, a space at an end, two in a row, a space that is not " ".
_UNSQUEEZED = re.compile(f"{_ANY.pattern}|^\\s|\\s$|\\s\\s|[^\\S ]")


def clean_row(table: str, row: dict[str, object]) -> None:
    """Clean every text value of an imported row in place, as the app stores it: bodies as blocks,
    titles and names squeezed, tags as ``clean_tag`` makes them, the rest as lines."""
    for name, value in row.items():
        if type(value) is not str:
            continue
        if (table, name) in TAG_COLUMNS:
            row[name] = clean_tag(value)
        elif (table, name) in SQUEEZED_COLUMNS:
            if _UNSQUEEZED.search(value) is not None:
                row[name] = squeeze(value)
        elif _ANY.search(value) is not None:
            if (table, name) in BLOCK_COLUMNS:
                if _ANY_IN_BLOCK.search(value) is not None:  # a body's newlines and tabs stay as they are
                    row[name] = clean_block(value)
            else:
                row[name] = clean_line(value)


def changed_by_cleaning(table: str, column: str) -> re.Pattern[str]:
    """A pattern that finds, in a text of this column, a character ``clean_row`` would change:
    when its ``search`` finds none, the text stays exactly as it is. (Texts of a column not in
    SQUEEZED_COLUMNS joined end to end can be searched at once: joining makes no character. A
    squeezed column's texts are searched one by one: joined, "a " and "b" would hide the space. A
    tag's capitals are not found so: an import checks each distinct tag once, import_values.py.)"""
    if (table, column) in SQUEEZED_COLUMNS:
        return _UNSQUEEZED
    return _ANY_IN_BLOCK if (table, column) in BLOCK_COLUMNS else _ANY


_JSON_RAW = re.compile(f"[\x7f-\x9f\u2028\u2029{_BIDI}]")


def json_text(dumped: str) -> str:
    """JSON text with what ``json.dumps(ensure_ascii=False)`` leaves raw and a terminal obeys (DEL, C1,
    bidi overrides, line separators) written as ``\\uXXXX`` escapes: the same data, safe to print."""
    if _JSON_RAW.search(dumped) is None:
        return dumped
    return _JSON_RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", dumped)
