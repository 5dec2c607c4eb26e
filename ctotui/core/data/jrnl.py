"""Coming from jrnl (jrnl.sh): ``ctotui import FILE --format jrnl``.

Reads what ``jrnl --export json`` writes (jrnl 4.x): ``{"tags": {...},
"entries": [{"title", "body", "date", "time", "tags", "starred"}]}``. Each
entry becomes an achievement through the journal's own ``add_achievement``
(so the title and body are cleaned and the metric is parsed the same way as
when typed): the title stays as jrnl has it (its full stop too), the tags are
cleaned as ``ctotui add --tag`` cleans them and lose their ``@`` (and a tag
that names a skill area or an achievement category also sets it), a starred
entry gets the tag ``starred``, the tags jrnl leaves at the end of the text
are taken off it (in a title, only after the end of a sentence: "Hired @bob"
stays; a tag too long to keep stays in the text), and the entry's date and time become its date and creation
time. jrnl's plain-text journal file is not read: it is named as such, with
the command that makes the export.

All entries are checked and written in one transaction; an entry already in
the journal (same date, title and body) is skipped, and so is an entry the
file repeats, so importing the same export twice adds nothing the second time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ctotui.core import clock
from ctotui.core.data.import_json import load_json
from ctotui.core.data.transfer import transaction
from ctotui.core.errors import CtoError
from ctotui.core.journal.entries import (
    TAG_MAX,
    TITLE_MAX,
    Achievement,
    add_achievement,
    clean_body,
    clean_tag,
    clean_title,
    get_achievement,
)
from ctotui.core.row_rules import FIRST_YEAR, LAST_YEAR
from ctotui.core.terms import CATEGORIES, SKILLS
from ctotui.core.text import clean_block, clean_line

if TYPE_CHECKING:
    from sqlite_utils import Database

STARRED = "starred"
DEFAULT_TIME = time(9, 0)  # jrnl's default hour when an entry has none
_TIME = re.compile(r"(\d{1,2}):(\d{2})")
_LAST_WORD = re.compile(r"(\S+)$")
_SENTENCE_END = re.compile(r"(?<=\w[.!?]) +(?=[A-Z0-9])")


@dataclass(frozen=True)
class JrnlEntry:
    """One jrnl entry, ready for add_achievement."""

    title: str
    body: str
    day: date
    at: datetime  # when it was written (local time, as jrnl keeps it)
    tags: tuple[str, ...]
    skills: tuple[str, ...]
    category: str | None
    written_before: tuple[str, str] = ("", "")  # (title, body) as an earlier ctotui imported it


@dataclass(frozen=True)
class JrnlReport:
    source: str
    entries: int
    imported: tuple[Achievement, ...]
    skipped: int  # already in the journal
    dry_run: bool
    repeated: int = 0  # the same entry (date, title and body) earlier in the file


def import_jrnl(db: Database, path: str | Path, *, dry_run: bool = False, source: str | None = None) -> JrnlReport:
    """``source``: the name the report and errors give the file (default: its path)."""
    path = Path(path)
    source = str(path) if source is None else source
    entries = read_jrnl(path, source)
    existing = {(d, t, b) for d, t, b in db.execute("select occurred_on, title, body from achievements")}
    seen: set[tuple[str, str, str]] = set()
    imported: list[Achievement] = []
    skipped = repeated = 0
    with transaction(db, dry_run=dry_run):
        for index, entry in enumerate(entries, 1):
            key = (entry.day.isoformat(), entry.title, entry.body)
            if key in seen:
                repeated += 1
                continue
            seen.add(key)
            if key in existing or (key[0], *entry.written_before) in existing:
                skipped += 1
                continue
            try:
                imported.append(_add(db, entry))
            except CtoError as exc:
                raise CtoError(f"{source}: entry {index} ({entry.day} {entry.title[:40]!r}): {exc}") from None
    return JrnlReport(source, len(entries), tuple(imported), skipped, dry_run, repeated)


def _add(db: Database, entry: JrnlEntry) -> Achievement:
    added = add_achievement(
        db,
        title=entry.title,
        body=entry.body,
        occurred_on=entry.day,
        category=entry.category,
        skills=entry.skills,
        tags=entry.tags,
        metric="parse",
    )
    stamp = clock.utc_iso(entry.at.astimezone())
    db.execute("update achievements set created_at = ?, updated_at = ? where id = ?", [stamp, stamp, added.id])
    return get_achievement(db, added.id)


def read_jrnl(path: Path, source: str | None = None) -> list[JrnlEntry]:
    """Every entry of a jrnl JSON export, checked; CtoError names the first bad one."""
    source = str(path) if source is None else source
    data, _careful = load_json(path, source)
    if isinstance(data, dict) and data.get("format") == "ctotui":
        raise CtoError(f"{source}: a ctotui export, not a jrnl one; import it without --format jrnl")
    if not isinstance(data, dict) or not isinstance(data.get("entries"), list):
        raise CtoError(f'{source}: not a jrnl JSON export (no "entries" list); make one with jrnl --export json')
    entries = []
    for index, raw in enumerate(data["entries"], 1):
        try:
            entries.append(entry_from(raw))
        except CtoError as exc:
            raise CtoError(f"{source}: entry {index}: {exc}") from None
    return entries


def entry_from(raw: Any) -> JrnlEntry:
    if not isinstance(raw, dict):
        raise CtoError("expected an object with title, body, date, time, tags and starred")
    title, body = _text(raw, "title"), _text(raw, "body")
    day = _day(raw.get("date"))
    at = datetime.combine(day, _time(raw.get("time")))
    marked = raw.get("tags", [])
    if not isinstance(marked, list) or not all(isinstance(t, str) for t in marked):
        raise CtoError("tags must be a list of words")
    starred = raw.get("starred", False)
    if not isinstance(starred, bool):
        raise CtoError("starred must be true or false")
    marked = [clean_line(t) for t in marked]  # escape sequences go whole, as in the text (and in `add --tag`)
    cleaned = [clean_tag(re.sub(r"^\W+", "", t)) for t in marked]
    # a tag ctotui cannot keep (longer than TAG_MAX, or nothing once cleaned) stays in the text: taken
    # off it too, its words were lost without a word
    kept = {t for t, n in zip(marked, cleaned, strict=True) if n and len(n) <= TAG_MAX}
    names = [n for n in cleaned if n and len(n) <= TAG_MAX] + ([STARRED] if starred else [])
    # as ctotui before 5 December 2026 wrote it (every tag at the end taken off, title too): an entry
    # imported then is found again, and importing the export again still adds nothing
    was_title, was_body = _fit_title(_untagged(title, set(marked)), _untagged(body, set(marked)))
    title, body = _untagged(title, kept, after_a_sentence=True), _untagged(body, kept)
    title, body = _fit_title(title, body)
    return JrnlEntry(
        title=title,
        body=clean_body(body),
        written_before=(was_title, clean_body(was_body)),
        day=day,
        at=at,
        tags=tuple(dict.fromkeys(names)),
        skills=tuple(s for s in SKILLS if s in names),
        category=next((c for c in CATEGORIES if c in names), None),
    )


def _text(raw: dict[str, Any], key: str) -> str:
    value = raw.get(key, "")
    if not isinstance(value, str):
        raise CtoError(f"{key} must be text")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise CtoError(f"the {key} holds a character that is not valid Unicode") from None
    return clean_block(value)  # no control characters (core/text.py)


def _day(value: Any) -> date:
    try:
        if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            day = date.fromisoformat(value)
            if FIRST_YEAR <= day.year <= LAST_YEAR:  # the journal's dates (core.dates)
                return day
    except ValueError:
        pass
    raise CtoError(f"date must be YYYY-MM-DD from {FIRST_YEAR} to {LAST_YEAR}, not {str(value)[:20]!r}")


def _time(value: Any) -> time:
    if value is None or value == "":
        return DEFAULT_TIME
    found = _TIME.fullmatch(value) if isinstance(value, str) else None
    if found and int(found[1]) < 24 and int(found[2]) < 60:
        return time(int(found[1]), int(found[2]))
    raise CtoError(f"time must be HH:MM, not {str(value)[:20]!r}")


def _untagged(text: str, marked: set[str], *, after_a_sentence: bool = False) -> str:
    """The text without the run of tags jrnl leaves at its end ("… wiki. @talks"). In a title
    (``after_a_sentence``) only a run after the end of a sentence: "Hired @bob" and "1:1 with
    @alice" lost the person ("Hired"), where the tag is a word of the sentence."""
    text = text.rstrip()
    end = len(text)
    while (last := _LAST_WORD.search(text, 0, end)) and last[1] in marked:
        end = len(text[: last.start()].rstrip())
    if after_a_sentence and end and not text[:end].endswith((".", "!", "?")):
        return text  # nothing but tags: no title left (the body's first line, or "untitled", stands in)
    return text[:end]


def _fit_title(title: str, body: str) -> tuple[str, str]:
    """A title ctotui accepts, as jrnl has it (its full stop too): at most TITLE_MAX characters
    (a longer one is cut at a word and kept whole at the top of the body)."""
    one_line = " ".join(title.split())
    sentence_end = _SENTENCE_END.search(one_line)
    if sentence_end and not body.strip():  # jrnl kept a one-line entry whole: its first sentence is the title
        one_line, body = one_line[: sentence_end.start()], one_line[sentence_end.end() :]
    if not one_line:
        first, _, rest = body.strip().partition("\n")
        one_line, body = " ".join(first.split()), rest.strip("\n")
    if not one_line:
        one_line = "(untitled jrnl entry)"
    if len(one_line) > TITLE_MAX:
        cut = one_line[: TITLE_MAX - 1].rsplit(" ", 1)[0] or one_line[: TITLE_MAX - 1]
        return clean_title(cut.rstrip(" ,;:.") + "…"), one_line + ("\n\n" + body if body.strip() else "")
    return clean_title(one_line), body
