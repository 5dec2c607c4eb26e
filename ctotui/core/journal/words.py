"""How a word is written, for the search (core/journal/search.py) and what shows its matches: folded
as the full-text index folds it, lit where it stands in a text, a tag's spellings, and a word in its
other number (singular or plural)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from ctotui.core.text import clean_tag

TOKEN = re.compile(r"[^\W_]+")  # what unicode61 keeps as a token: letters and digits
# Scripts written without spaces, as code point ranges: Thai, Lao, Myanmar, Khmer, Hiragana, Katakana,
# the Han ideographs. Compared by number, not by a regex's character class: compiling that class
# walked its ~48,000 code points one by one, ~6.6 ms of every start-up that reads Home or searches.
UNSPACED = (
    (0x0E00, 0x0EFF),
    (0x1000, 0x109F),
    (0x1780, 0x17FF),
    (0x3040, 0x30FF),
    (0x31F0, 0x31FF),
    (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF),
    (0xF900, 0xFAFF),
    (0xFF66, 0xFF9F),
    (0x20000, 0x3FFFF),
)
# A Hangul syllable: Korean puts spaces between words, but one syllable is often a whole word.
SYLLABLES = ((0xAC00, 0xD7A3),)


def ends_in(text: str, ranges: tuple[tuple[int, int], ...]) -> bool:
    """Whether ``text`` ends in a character of ``ranges`` (before one final line break, as a
    regex's ``$`` would have it)."""
    last = text[-2:-1] if text.endswith("\n") else text[-1:]
    return bool(last) and any(low <= ord(last) <= high for low, high in ranges)


def fold(text: str) -> str:
    """``text`` as the search index compares words (unicode61 with remove_diacritics 2, and the
    letters it keeps whole written out: m019_search_spelled_out): case folded, accents taken off
    ("Café" -> "cafe", "Straße" -> "strasse", "ΟΔΟΣ" and "οδος" alike). Tags are compared so too
    (``Search.with_tags``, ``spellings``). Each character is folded alone, as the index does, and
    with ``casefold``, which writes "ß" as "ss" and takes a final "ς" for "σ", as the index does:
    ``lower`` kept both, so "strasse" lit nothing in "Straße" and "οδος" nothing in "ΟΔΟΣ"."""
    return "".join(_fold_char(c) for c in text)


def _fold_char(char: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", char.casefold()) if not unicodedata.combining(c))


def matched_spans(text: str, terms: Iterable[str]) -> list[tuple[int, int]]:
    """Where ``text``'s words start with one of ``terms``, both folded (``fold``) as the index
    folds them: "cafe" finds "Café", "strasse" finds "Straße". Each span, (start, end) in ``text``
    itself, covers the whole word with the marks on its letters. Folding may change a length ("ß"
    folds to two characters, an accent typed apart is dropped), so ``text`` is folded one character
    at a time, noting the character each folded one came from."""
    keys = tuple(k for k in (fold(t) for t in terms) if k)
    if not keys:
        return []
    folded: list[str] = []
    origin: list[int] = []  # origin[i]: the index in text of folded[i]
    for index, char in enumerate(text):
        for piece in _fold_char(char):
            folded.append(piece)
            origin.append(index)
    spans = []
    for m in TOKEN.finditer("".join(folded)):
        if m.group().startswith(keys):
            end = origin[m.end() - 1] + 1
            while end < len(text) and unicodedata.combining(text[end]):
                end += 1  # the accents on its last letter
            spans.append((origin[m.start()], end))
    return spans


def spellings(tag: str, stored: Iterable[str], *, prefix: bool = False) -> list[str]:
    """The ``stored`` tags that are ``tag`` once both are folded (``fold``), or that start
    so when ``prefix``, sorted: "cafe" gives café and cafe. The search's ``#tag`` and the
    tag filter (core/journal/query.py) both compare tags so."""
    key = fold(tag)
    return sorted({t for t in stored if (fold(t).startswith(key) if prefix else fold(t) == key)})


def tag_key(text: str) -> str:
    """A tag as stored ("#Perf Work" -> "perf-work"): core/text.py's ``clean_tag``, which stores it."""
    return clean_tag(text)


# Words whose last "s" is no plural's, and a word whose plural is another word: left as they are
# ("its" would find every "it", "news" every "new")
NOT_PLURALS = frozenset(
    "its news does goes yes this has was always perhaps thus plus bus gas status series ios macos dns aws analysis basis".split()
)
NO_PLURAL = frozenset(("new",))


def other_number(text: str) -> list[str]:
    """``text`` with its last word in the other number, singular or plural: "incident" also finds
    "incidents", "OKRs" "OKR", "dependency" "dependencies", "fixes" "fix", "1:1" "1:1s". A whole word
    hid the entries that wrote the other (the app's box found them only as the last word typed, a
    prefix). Not for a phrase of words, a word of under three letters or ending in a sign ("c#"), or
    in a script written without spaces (a tag and a prefix are the search's to leave out)."""
    if any(c.isspace() for c in text):
        return []
    parts = TOKEN.findall(text)
    if not parts or not text.endswith(parts[-1]):
        return []
    last = parts[-1]
    head, low = text[: len(text) - len(last)], last.lower()
    if len(parts) > 1 and low.isdigit():
        return [text + "s"]  # "1:1": "1:1s"
    if len(parts) > 1 and low[:-1].isdigit() and low.endswith("s"):
        return [text[:-1]]  # "1:1s": "1:1"
    if not last.isalpha() or len(last) < 3 or ends_in(last, UNSPACED) or ends_in(last, SYLLABLES):
        return []
    if low in NOT_PLURALS or low in NO_PLURAL:
        return []
    if low.endswith("ies") and len(low) > 4:
        forms = [last[:-3] + "y"]  # "dependencies": "dependency"
    elif low.endswith("es"):
        forms = [last[:-1], last[:-2]]  # "releases": "release", "fixes": "fix"
    elif low.endswith("s") and not low.endswith("ss"):
        forms = [last[:-1]]  # "incidents": "incident"
    elif low.endswith(("s", "x", "z", "ch", "sh")):
        forms = [last + "es"]  # "fix": "fixes", "process": "processes"
    elif low.endswith("y") and low[-2] not in "aeiou":
        forms = [last[:-1] + "ies"]  # "dependency": "dependencies"
    else:
        forms = [last + "s"]
    return [head + form for form in forms if len(form) > 1]
