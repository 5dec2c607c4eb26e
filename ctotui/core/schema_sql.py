"""SQL helpers for the schema steps in core/migrations.py: running a script inside
the step's transaction, the search index's text for an entry's tags, and that text with the
letters the index's tokenizer keeps whole written out as the search compares them."""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database


def run_script(db: Database, sql: str) -> None:
    """Run several statements inside the current transaction.

    ``executescript`` would commit first and break the step's atomicity, so
    statements are split where SQLite says they are complete (triggers keep
    their inner semicolons).
    """
    pending = ""
    for line in sql.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            db.execute(pending)
            pending = ""
    if pending.strip():
        raise ValueError(f"incomplete SQL statement: {pending.strip()[:80]}")


def tags_text(achievement_id: str, where: str = "", union: str = "", *, spelled_out: bool = False) -> str:
    """SQL for the ``tags`` column of the FTS index: each tag (by name, as SQLite
    orders the primary key) as its words, then one token standing for the whole
    tag (core/journal/search.py's TAG_MARK and the tag's UTF-8 in hex, which ``#tag``
    finds). ``where`` leaves a tag out and ``union`` adds one: the triggers use
    them to name the text that was indexed before a tag came or went.
    ``spelled_out``: the words as ``spelled_out`` writes them (the hex stays the tag's own bytes)."""
    tags = f"select tag from achievement_tags where achievement_id = {achievement_id}{where}"
    words = spelled_out_sql("tag") if spelled_out else "tag"
    return (
        f"(select coalesce(group_concat({words} || ' ' || char(57344) || hex(tag), ' '), '') "
        f"from ({tags}{union} order by tag))"
    )


# The letters the index's tokenizer (unicode61) keeps as one letter where a search folds them to
# two or three (Python's str.casefold): "Straße" is the word "strasse" to whoever types it, and
# the ligatures of typeset text ("ﬁle") are their letters. Written out in the text the index is
# given (schema step m019_search_spelled_out), and in a search's words (core/journal/search.py).
# A released step's SQL never changes: a letter added here needs a new step that rebuilds the index.
SPELLED_OUT = {
    "ß": "ss",
    "ẞ": "ss",
    "ﬀ": "ff",
    "ﬁ": "fi",
    "ﬂ": "fl",
    "ﬃ": "ffi",
    "ﬄ": "ffl",
    "ﬅ": "st",
    "ﬆ": "st",
}
# Where a text holds one of them, its UTF-8 holds one of these: ß, ẞ, and the two bytes that start
# every character of U+FB00-U+FB3F (the seven ligatures; another character there only costs a look).
SPELLED_OUT_UTF8 = ("c39f", "e1ba9e", "efac")


def spelled_out_sql(expr: str) -> str:
    """SQL for the text ``expr`` with every letter of ``SPELLED_OUT`` written out. A text holding
    none of them (almost all) is taken as it is after a look at its bytes (``instr`` on a blob
    compares bytes; nine ``replace`` calls cost twice as much, a ``glob`` of the letters five
    times: +0.3 s on an index rebuilt at 20,000 entries, +0.05 s so)."""
    replaced = expr
    for letter, letters in SPELLED_OUT.items():
        replaced = f"replace({replaced}, '{letter}', '{letters}')"
    found = " or ".join(f"instr(cast({expr} as blob), x'{utf8}')" for utf8 in SPELLED_OUT_UTF8)
    return f"(case when {found} then {replaced} else {expr} end)"
