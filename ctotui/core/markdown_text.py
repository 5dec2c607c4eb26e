"""User text placed into a Markdown document, made to show exactly as typed: one implementation
for every document ctotui writes (the brag, the weekly review's report, the drill's score sheet and
mock report) and for the app's Markdown panes.

``md()`` is for one-line text (a title, a question): every character that Markdown would read is
escaped. ``body_lines()`` is for a story the user typed in Markdown: their formatting (bold, lists,
code) is kept, but nothing in it can change the document around it (an open fence, a heading,
raw HTML).
"""

from __future__ import annotations

import re
import string

_SPECIAL = re.compile(r"([\\`*_\[\]<>|&])")
# what would open a block where the text starts a line or a list item: a heading ("# "), a list
# item ("- ", "+ ", "1. ", "1) "), a ~~~ fence, a rule or underline ("---", "==="); only then, so
# that "99.9→99.99%" or "-5%" stays as written in the Markdown's text
_BLOCK_START = re.compile(
    r"^( *)(?:(#{1,6}(?=[ \t]|$)|[+-](?=[ \t]|$)|~{3,}|-+[ \t]*$|=+[ \t]*$)|(\d{1,9})([.)])(?=[ \t]|$))"
)


def md(text: str) -> str:
    """Plain text made safe inside Markdown (a title with * or _ stays as typed), also where it
    starts a line or a list item (a title '# Not a heading' or '1. Done' stays a line of text)."""
    safe = _SPECIAL.sub(r"\\\1", text)
    return _BLOCK_START.sub(lambda m: f"{m[1]}\\{m[2]}" if m[2] else f"{m[1]}{m[3]}\\{m[4]}", safe, count=1)


_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")  # a line that opens or closes a fenced code block
_HTML_START = re.compile(r"<(?=[A-Za-z/!?])")  # what would start raw HTML (a tag, a comment) or an autolink
_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")  # what a viewer would show as another character (&copy; as ©)
_OUTLINE = re.compile(r"^( {0,3})(#|=+\s*$|-+\s*$)")  # a heading, or a line that makes the one above one


def body_lines(body: str, *, indent: str = "") -> list[str]:
    """A story typed in Markdown, its lines each starting with ``indent`` (two spaces under a list
    item), so that it cannot change the document around it: a code fence left open is closed at the end
    (else it swallowed the evidence line and every section after it); a line that would be
    a heading, or turn the line above into one, is kept as text; and raw HTML (a ``<script>``)
    is shown as typed, not passed to the viewer. Code, in fences or in backticks, stays as typed."""
    out: list[str] = []
    fence = ""  # the open fence's marker, while inside a code block
    for row in body.strip().splitlines():
        opening = _FENCE.match(row)
        if fence:
            if (
                opening
                and opening.group(1)[0] == fence[0]
                and len(opening.group(1)) >= len(fence)
                and not row[opening.end() :].strip()
            ):
                fence = ""
        elif opening and not (opening.group(1)[0] == "`" and "`" in row[opening.end() :]):
            fence = opening.group(1)
        else:
            row = _OUTLINE.sub(r"\1\\\2", row, count=1)
            row = _outside_code(row)
        out.append(indent + row if row.strip() else "")
    if fence:
        out.append(indent + fence)
    return out


def _outside_code(row: str) -> str:
    """``row`` with what would start raw HTML escaped, except inside inline code, read left to
    right as CommonMark reads it (an entity, "&copy;", escaped too: shown as typed, not as ©): a backslash before punctuation makes it plain (the user's own
    escapes are kept as typed); a run of backticks is code up to the next run as long on the
    same line. A run with none after it on its line is escaped, each backtick: else it could
    close on a later line of the same paragraph, making code of what this line-by-line reading
    took for text and text of what it took for code (a '<script>' passed on)."""
    out: list[str] = []
    at = 0
    while at < len(row):
        char = row[at]
        if char == "\\" and row[at + 1 : at + 2] and row[at + 1] in string.punctuation:  # CommonMark's escapes
            out.append(row[at : at + 2])
            at += 2
        elif char == "`":
            ticks = row[at : len(row) - len(row[at:].lstrip("`"))]
            close = re.compile(rf"(?<!`){ticks}(?!`)").search(row, at + len(ticks))
            out.append(row[at : close.end()] if close else "\\`" * len(ticks))
            at = close.end() if close else at + len(ticks)
        else:
            out.append("\\" + char if _HTML_START.match(row, at) or _ENTITY.match(row, at) else char)
            at += 1
    return "".join(out)
