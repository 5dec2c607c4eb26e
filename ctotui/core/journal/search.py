"""What a search box's text means, and the safe FTS5 query it becomes.

One builder for every search (the journal screen, the achievement picker,
``ctotui search``). The syntax, as the README's table shows it:

- ``on-call deploy``: every word must match (title, body or tags). Words joined
  by ``-`` ``.`` ``/`` ``_`` (or any other mark) are one term whose parts match
  next to each other: ``on-call``, ``time-to-hire``, ``v2.1``, ``node.js``,
  ``ci/cd``, ``snake_case``; ``p95`` and ``k8s`` are single words.
- ``"a phrase"``: those words next to each other (an unclosed phrase runs to the end).
- ``perf OR latency``: either word (OR binds the words on each side of it).
- ``-draft``, ``-"a phrase"``, ``-#tag``: leave out what matches (only a ``-`` at the
  start of a word excludes; one inside a word joins it).
- ``#perf`` (or ``tag:perf``): entries tagged exactly ``perf``; case and accents are
  ignored as in words (``#cafe`` finds the tag ``café``: ``Search.with_tags``).
- ``skill:leadership``, ``category:savings``: only entries linked to that skill, or in
  that category (the start of the name is enough when only one name starts so).
- ``no:number``, ``has:number``: only entries without a number (the ones Home asks to
  add one to), or with one; ``-has:number`` is ``no:number`` (``no:num`` is enough).
- ``deploy*``: the word as a prefix ("deploy", "deploys", "deployment").
- ``C#``, ``C++``, ``F#``: a word ending in ``#`` or ``+`` signs is found with its signs as
  written (``Term.signed``): the index drops them (to it, "C#", "C++" and "Plan C" all hold
  the word "c"), so the entries it finds are asked for the text too (title, body, tags).
- Words written joined or apart find each other (``Search.with_joins``): ``on-call`` also
  finds "oncall" (its parts joined), ``oncall`` also finds "on-call" and "on call" (a
  split of it whose two parts stand next to each other in some entry: the index is asked),
  and ``on call`` also finds "oncall" (two words typed one after the other, joined, when
  some entry holds the word they make).
- A word also finds its other number (``other_number``): ``incident`` finds "incidents",
  ``OKRs`` "OKR", ``dependency`` "dependencies", ``1:1`` "1:1s" (not a phrase of words, a tag
  or a prefix).
- While typing (``typing=True``), the last word, phrase or tag also matches as a
  prefix, unless a space follows it. ``ctotui search`` takes the text as finished.

A word is what SQLite's unicode61 tokenizer makes a token (letters and digits;
case and Latin diacritics ignored). The letters it keeps whole where Python's
``str.casefold`` writes two or three (``ß``, ``ẞ``, the ligatures ``ﬁ`` ``ﬂ``...:
schema_sql.SPELLED_OUT) are written out in the index's text (m019_search_spelled_out)
and in the words looked for, so ``strasse`` finds "Straße" and "Straße" finds "STRASSE". Scripts written without spaces (Chinese,
Japanese, Thai, Lao, Khmer, Myanmar) make a whole run one token (``漢字テスト``), so
a term ending in one matches as the start of a word too: ``漢字`` finds ``漢字テスト``
(a part inside the run, ``テスト``, is not found: that would need another index). Every term goes to MATCH inside double
quotes, so no user text is ever read as an FTS5 operator: whatever is typed,
the query cannot fail.

Tags are indexed (migration m007_search) twice in the ``tags`` column: as words
(``on-call`` gives "on" "call", so a plain word finds a tag), then as one token
of their own, ``TAG_MARK`` and the tag's UTF-8 in hex, which only ``#tag`` asks
for; it also keeps a phrase from running from one tag into the next. The mark
is a private-use character, removed from what users type.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

from ctotui.core.errors import CtoError
from ctotui.core.journal.words import SYLLABLES, TOKEN, UNSPACED, ends_in, other_number, spellings, tag_key
from ctotui.core.schema_sql import SPELLED_OUT
from ctotui.core.terms import CATEGORIES, SKILLS

TAG_MARK = "\ue000"  # starts the token that stands for a whole tag (see m007_search)

# Control characters, and private-use ones (so nothing typed can forge a tag's token).
_UNWANTED = re.compile(r"[\x00-\x1f\x7f-\x9f\ue000-\uf8ff\U000f0000-\U0010ffff]")
_ITEM = re.compile(r'(?P<neg>-?)"(?P<phrase>[^"]*)(?P<close>"?)|(?P<word>[^\s"]+)')
OR_WITH_FILTER = (
    "OR joins words to look for; skill:, category:, has: and no: narrow the search and cannot be joined "
    "with OR (search for each apart)"
)
OR_WITH_EXCLUDED = (
    "OR joins words to look for; a word left out with '-' cannot be one side of it (search for each apart)"
)
_FIELD = re.compile(r"(?P<name>skill|category|tag|has|no):(?P<value>.*)", re.IGNORECASE | re.DOTALL)
NUMBER = "number"  # what has: and no: take
_SIGNED = re.compile(r"[^\W_]+[#+]+")  # "c#", "c++": a word, then signs the tokenizer drops
_SPELLING = str.maketrans(SPELLED_OUT)  # "ß" -> "ss": as the index's text has it (m019_search_spelled_out)


@dataclass(frozen=True)
class Term:
    """Words that match next to each other, or a whole tag (``tag=True``)."""

    text: str
    tag: bool = False
    prefix: bool = False  # the last word (or the tag) may continue

    def fts(self) -> str:
        """This term as an FTS5 string: always quoted, so it is only ever words."""
        body = TAG_MARK + self.text.encode("utf-8").hex() if self.tag else self.text.translate(_SPELLING)
        return '"' + body.replace('"', '""') + '"' + ("*" if self.prefix else "")

    @property
    def signed(self) -> str | None:
        """The word as typed, in lower case, for a word that ends in signs the index drops ("c#",
        "c++", "f#": to the index each is the word "c" or "f", and "C#" found "C++" and "C-suite"):
        the text is asked for it too (``Plan``). None for any other term."""
        return self.text.lower() if not self.tag and _SIGNED.fullmatch(self.text) else None


@dataclass(frozen=True)
class Search:
    """A parsed search: every group must match (any term of a group will do),
    no excluded term may match, and the entry must have every skill and category,
    and a number or none as ``numbers`` asks (True: ``has:number``, False: ``no:number``)."""

    groups: tuple[tuple[Term, ...], ...] = ()
    excluded: tuple[Term, ...] = ()
    skills: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    numbers: tuple[bool, ...] = ()

    @property
    def empty(self) -> bool:
        return not (self.groups or self.excluded or self.skills or self.categories or self.numbers)

    @property
    def has_tags(self) -> bool:
        """Whether a tag term is in it (``#perf``, ``-#draft``)."""
        return any(t.tag for group in (*self.groups, self.excluded) for t in group)

    def match(self) -> str | None:
        """The FTS5 MATCH expression of the terms, or None when no term must match
        (then ``excluded_match`` is what to leave out)."""
        if not self.groups:
            return None
        query = " AND ".join(_any(group) for group in self.groups)
        left_out = self.words_left_out()
        if left_out:
            query = f"({query}) NOT {_any(left_out)}"
        return query

    def excluded_match(self) -> str | None:
        """What to leave out, as a MATCH expression (None when nothing is)."""
        left_out = self.words_left_out()
        return _any(left_out) if left_out else None

    def words_left_out(self) -> tuple[Term, ...]:
        """The excluded terms the index can tell apart: not a word with signs ("-c#" left out every
        entry with the word "c", C++ ones too); those are left out by their text (``signed_left_out``)."""
        return tuple(t for t in self.excluded if t.signed is None)

    def signed_groups(self) -> tuple[tuple[Term, ...], ...]:
        """The groups with a word ending in signs ("c#", "c++ OR rust"): the index's match finds
        more than they mean, so each is asked again term by term, the signed ones in the text."""
        return tuple(group for group in self.groups if any(t.signed for t in group))

    def signed_left_out(self) -> tuple[Term, ...]:
        """The excluded words with signs (``-c#``)."""
        return tuple(t for t in self.excluded if t.signed)

    def with_tags(self, stored: Iterable[str]) -> Search:
        """This search with each tag term standing for every ``stored`` tag that is the same
        once folded (``fold``: case and accents, as the index folds words), or that starts
        so for a prefix: ``#cafe`` finds the tags café and Café. The index holds a whole tag
        as its exact bytes (m007_search), so the folding is done here, on the tags there are."""
        if not self.has_tags:
            return self
        stored = list(stored)

        def spread(terms: Iterable[Term]) -> tuple[Term, ...]:
            out: list[Term] = []
            for t in terms:
                if not t.tag:
                    out.append(t)
                    continue
                found = spellings(t.text, stored, prefix=t.prefix)
                out += [Term(tag, tag=True) for tag in found] or [t]  # none: it finds nothing, as before
            return tuple(dict.fromkeys(out))

        return replace(self, groups=tuple(spread(group) for group in self.groups), excluded=spread(self.excluded))

    def with_joins(self, occurs: Callable[[str], bool]) -> Search:
        """This search with each word also standing for its spelling joined or apart: a word of
        parts (``on-call``, ``e-mail``, ``ci/cd``) for its parts written as one ("oncall"), and a
        word of 3 to 24 letters (``oncall``; not ``k8s``) for each split of it into two words that stand next to each
        other in some entry, ``occurs(match)`` says (one look-up in the index for each split whose
        two parts both exist: "on call" finds "on-call" and "on call"). Left out (``-oncall``),
        each spelling is left out. A tag keeps its exact name."""

        def spread(terms: Iterable[Term]) -> tuple[Term, ...]:
            out: list[Term] = []
            for t in terms:
                out.append(t)
                if not t.tag:
                    out += [Term(text, prefix=t.prefix) for text in _spellings_apart(t, occurs)]
                    out += [Term(text) for text in ([] if t.prefix else other_number(t.text))]
            return tuple(dict.fromkeys(out))

        groups = [list(spread(group)) for group in self.groups]
        for at in range(len(self.groups) - 1):
            joined = _joined(self.groups[at], self.groups[at + 1], occurs)
            if joined is not None:
                # "on call" also finds "oncall": (on AND call) OR oncall, written as the search's
                # groups, each of which must match: (on OR oncall) AND (call OR oncall)
                groups[at].append(joined)
                groups[at + 1].append(joined)
        return replace(
            self, groups=tuple(tuple(dict.fromkeys(group)) for group in groups), excluded=spread(self.excluded)
        )

    def words(self) -> tuple[str, ...]:
        """The words looked for (lower case), to highlight them: two letters or more, or one that
        is a whole word or starts a run the index keeps as one token (as ``settled`` keeps it: "会")."""
        found = (w.lower() for group in self.groups for t in group if not t.tag for w in TOKEN.findall(_clean(t.text)))
        return tuple(dict.fromkeys(w for w in found if len(w) > 1 or ends_in(w, UNSPACED) or ends_in(w, SYLLABLES)))


JOIN_MAX = 24  # a word longer than this is not split (each split is one look-up)


def _spellings_apart(term: Term, occurs: Callable[[str], bool]) -> list[str]:
    """What else ``term`` is looked for as (``Search.with_joins``)."""
    text = term.text
    if any(c.isspace() for c in text):  # a phrase of words: as typed
        return []
    parts = TOKEN.findall(text)
    if len(parts) > 1:
        return ["".join(parts)]
    if len(parts) != 1 or parts[0] != text or not 3 <= len(text) <= JOIN_MAX or not text.isalpha():
        return []  # letters only: "k8s" and "p95" stay whole words
    if ends_in(text, UNSPACED) or ends_in(text, SYLLABLES):  # no spaces between words there
        return []
    splits = (f"{text[:i]} {text[i:]}" for i in range(1, len(text)))
    return [apart for apart in splits if occurs(Term(apart, prefix=term.prefix).fts())]


def _joined(first: tuple[Term, ...], second: tuple[Term, ...], occurs: Callable[[str], bool]) -> Term | None:
    """Two words typed one after the other, written as one word that some entry holds ("on" and
    "call": "oncall"); None unless each is a word of letters alone, not a tag, not one of an OR."""
    if len(first) != 1 or len(second) != 1:
        return None
    a, b = first[0], second[0]
    if a.tag or b.tag or a.prefix or not (a.text.isalpha() and b.text.isalpha()):
        return None
    text = a.text + b.text
    if len(text) > JOIN_MAX or ends_in(text, UNSPACED) or ends_in(text, SYLLABLES):
        return None
    term = Term(text, prefix=b.prefix)
    return term if occurs(term.fts()) else None


def _any(terms: tuple[Term, ...]) -> str:
    return terms[0].fts() if len(terms) == 1 else "(" + " OR ".join(t.fts() for t in terms) + ")"


def _clean(text: str) -> str:
    return _UNWANTED.sub(" ", text)


def unspaced_end(text: str) -> bool:
    """Whether ``text``'s last word ends in a script written without spaces (its run is one token)."""
    words = TOKEN.findall(text)
    return bool(words) and ends_in(words[-1], UNSPACED)


def _pick(kind: str, value: str, names: tuple[str, ...]) -> str:
    wanted = value.strip().lower()
    if wanted in names:
        return wanted
    found = [n for n in names if n.startswith(wanted)]
    if len(found) == 1:
        return found[0]
    if found:
        raise CtoError(f"{kind}:{value} could be {' or '.join(found)}")
    raise CtoError(f"unknown {kind} {value!r} in the search (valid: {', '.join(names)})")


def _number(kind: str, value: str) -> None:
    """Checks that ``has:``/``no:`` is followed by ``number`` (or its start)."""
    if not NUMBER.startswith(value.strip().lower()):
        raise CtoError(
            f"unknown {kind}:{value} in the search (valid: has:number, no:number; "
            f'"{kind}:{value}" in quotes looks for the words)'
        )


def parse_search(text: str | None, *, typing: bool = False) -> Search:
    """The search ``text`` means (see the module's docstring).

    Raises CtoError for an unknown skill or category, or one excluded with ``-``, and
    for ``has:`` or ``no:`` followed by anything but (the start of) ``number``;
    anything else is words, so no text fails.
    """
    if not text:
        return Search()
    text = _clean(text)
    items = list(_ITEM.finditer(text))
    groups: list[list[Term]] = []
    excluded: list[Term] = []
    skills: list[str] = []
    categories: list[str] = []
    numbers: list[bool] = []
    after_term = joining = False  # the last item was a word to find; an OR follows it
    after_filter = False  # the last item was skill:, category:, has: or no: (no OR beside it)
    after_excluded = False  # the last item was a word left out with "-" (no OR beside it either)
    for index, m in enumerate(items):
        last = typing and index == len(items) - 1 and m.end() == len(text)
        if m.group("word") is None:  # a phrase
            negative, phrase = bool(m.group("neg")), m.group("phrase")
            open_end = not m.group("close") and phrase[-1:].strip() != ""
            term = Term(phrase, prefix=(last and open_end and not negative) or unspaced_end(phrase))
        else:
            word = m.group("word")
            negative = word.startswith("-")
            body = word[1:] if negative else word
            if body == "OR" and not negative:
                if after_filter and not last:
                    raise CtoError(OR_WITH_FILTER)
                if after_excluded and not last:
                    raise CtoError(OR_WITH_EXCLUDED)
                joining = after_term
                continue
            explicit = body.endswith("*")
            body = body.rstrip("*")
            field = _FIELD.fullmatch(body)
            kind = field.group("name").lower() if field else ""
            if field and kind in ("skill", "category"):
                value = field.group("value")
                if negative:
                    raise CtoError(f"{kind}:{value} narrows the search; it cannot be left out with '-'")
                if joining:
                    raise CtoError(OR_WITH_FILTER)
                if value:
                    found = _pick(kind, value, SKILLS if kind == "skill" else CATEGORIES)
                    (skills if kind == "skill" else categories).append(found)
                after_term = joining = False
                after_filter, after_excluded = True, False
                continue
            if field and kind in ("has", "no"):
                if joining:
                    raise CtoError(OR_WITH_FILTER)
                value = field.group("value")
                if value:
                    _number(kind, value)
                    numbers.append((kind == "has") != negative)  # -has:number is no:number
                after_term = joining = False
                after_filter, after_excluded = True, False
                continue
            prefix = explicit or (last and not negative)
            if kind == "tag" or body.startswith("#"):
                term = Term(tag_key(field.group("value") if field else body), tag=True, prefix=prefix)
            else:
                term = Term(body, prefix=prefix or unspaced_end(body))
        if not (term.text if term.tag else TOKEN.search(term.text)):
            continue  # nothing to look for in it ("-", "*", "#")
        if negative and joining:
            raise CtoError(OR_WITH_EXCLUDED)
        if negative:
            excluded.append(term)
        elif joining and groups:
            groups[-1].append(term)
        else:
            groups.append([term])
        after_term, joining, after_filter, after_excluded = not negative, False, False, negative
    return Search(
        tuple(tuple(dict.fromkeys(g)) for g in groups),
        tuple(dict.fromkeys(excluded)),
        tuple(dict.fromkeys(skills)),
        tuple(dict.fromkeys(categories)),
        tuple(dict.fromkeys(numbers)),
    )


def settled(text: str) -> str:
    """What to search for while the user is still typing ``text``.

    A lone letter at the end is left out until the next one comes: it would
    only match the word "a" or "s", and the list would flicker to nothing.
    A lone digit is kept: a number is often one digit ("45 -> 7", "sev 1"),
    it is a whole word to the search, and as the start of a word it only
    matches numbers, so there is no flicker to spare; left out, the list
    showed entries without it for as long as the text stayed so.
    A lone ideograph, kana or Hangul syllable is kept too: it is a whole
    word ("会", "障"), not the start of one; so is a lone letter of the other
    scripts written without spaces (Thai...), whose run the index keeps as
    one token. Left out, the app found nothing where ``ctotui search 会``
    found it.
    """
    m = re.search(r"(?:^|\s)-?[^\W\d_]$", text)
    if m is None or text.count('"') % 2 or ends_in(text, UNSPACED) or ends_in(text, SYLLABLES):
        return text
    return text[: m.start()]
