"""An achievement as a text file to write in ``$EDITOR`` (``ctotui add`` with no title, ``-e``).

The file is the title on the first line, then the body, then one line per field
(``category:``, ``skills:``, ``tags:``, ``metric:``, ``date:``, ``links:``), then the
template's own ``#`` lines, which explain it and are dropped. Only those are dropped: the body is
Markdown, and a ``# Timeline`` heading the user writes (or a stored body holds) stays.
``parse`` reads it back: an empty file, or one that still holds only the
template, is a cancel (None); a field it cannot read is a CtoError naming its line.
The values are checked by the journal itself when they are saved.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ctotui.core.errors import CtoError
from ctotui.core.terms import CATEGORIES, SKILLS

FIELDS = ("category", "skills", "tags", "metric", "date", "links")
_FIELD = re.compile(rf"^({'|'.join(FIELDS)})\s*:(.*)$", re.IGNORECASE)
HELP = f"""\
# Write the achievement above: the title on the first line, then what happened
# (the story: the situation, what you did, the result). These # lines are dropped; yours stay.
# The fields below are optional; leave a field empty to go without.
#   category: one of {", ".join(CATEGORIES)}
#   skills:   comma-separated, from {", ".join(SKILLS)}
#   tags:     comma-separated words
#   metric:   the number, e.g. "45 -> 7 min", "+30%", "$12k/month"; empty: read from the words; none: no number
#   date:     when it happened: YYYY-MM-DD, 4 Dec, today, yesterday, friday, 3 days ago
#   links:    evidence, space-separated https:// addresses
# Save and quit to add it; an empty file (or this template unchanged) adds nothing.
"""


@dataclass(frozen=True)
class Entry:
    title: str
    body: str = ""
    category: str | None = None
    skills: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    metric: str | None = None  # None: read the number from the words
    date: str | None = None
    links: tuple[str, ...] = field(default=())


ERROR = "# ERROR: "  # how the error line on top starts
FIX = "# Fix it below and save again (an empty file cancels)."
OWN_LINES = frozenset([*HELP.splitlines(), FIX])  # the template's lines, dropped wherever they are


def render(entry: Entry | None = None, *, error: str | None = None) -> str:
    """The file to edit: the entry (or a blank one), the fields, the help; an error on top."""
    e = entry or Entry(title="")
    lines = [ERROR + error, FIX, ""] if error else []
    lines += [e.title, ""]
    if e.body:
        lines += [e.body, ""]
    lines += [
        f"category: {e.category or ''}",
        f"skills: {', '.join(e.skills)}",
        f"tags: {', '.join(e.tags)}",
        f"metric: {e.metric or ''}",
        f"date: {e.date or ''}",
        f"links: {' '.join(e.links)}",
        "",
        HELP,
    ]
    return "\n".join(lines)


def _split(value: str, sep: str = ",") -> tuple[str, ...]:
    parts = value.split(sep) if sep else value.split()
    return tuple(p.strip() for p in parts if p.strip())


def parse(text: str, *, template: str | None = None) -> Entry | None:
    """The entry the edited file holds; None when it is empty or still the template."""
    if template is not None and text.strip() == template.strip():
        return None
    lines = [line.rstrip() for line in text.splitlines()]
    if lines and lines[0].startswith(ERROR):  # the error the last attempt was opened with
        lines.pop(0)
    lines = [line for line in lines if line not in OWN_LINES]
    values: dict[str, str] = {}
    # the field lines: read from the end, above any blank lines, while they look like fields
    end = len(lines)
    while end and not lines[end - 1].strip():
        end -= 1
    cut = end
    while cut:
        m = _FIELD.match(lines[cut - 1].strip())
        if m is None:
            if not lines[cut - 1].strip():
                cut -= 1  # a blank line between field lines
                continue
            break
        name = m.group(1).lower()
        if name in values:
            raise CtoError(f"the field {name}: is given twice")
        values[name] = m.group(2).strip()
        cut -= 1
    content = lines[:cut]
    while content and not content[0].strip():
        content.pop(0)
    if not content and not any(values.values()):
        return None
    if not content:
        raise CtoError("the first line is the title, and it is empty")
    title = content[0].strip()
    body = "\n".join(content[1:]).strip("\n")
    return Entry(
        title=title,
        body=body,
        category=values.get("category") or None,
        skills=_split(values.get("skills", "")),
        tags=_split(values.get("tags", "")),
        metric=values.get("metric") or None,
        date=values.get("date") or None,
        links=_split(values.get("links", ""), ""),
    )
