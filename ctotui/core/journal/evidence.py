"""Evidence links on an achievement: a pull request, a design doc, a dashboard.

A link is checked before anything is written: a web address (http, https) with
a host, or a file (file:), at most ``LINK_MAX`` characters, with no spaces,
control characters or ``< > "`` in it (so it prints safely in a terminal and
as a Markdown autolink). The same link twice is kept once; the order given is
kept (``achievement_links.position``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from ctotui.core.errors import CtoError

if TYPE_CHECKING:
    from sqlite_utils import Database

LINK_MAX = 2000
LINKS_MAX = 20
SCHEMES = ("https", "http", "file")
_UNSAFE = re.compile(r'[\s\x00-\x1f\x7f-\x9f<>"]')


def clean_link(value: str) -> str:
    link = value.strip()
    shown = link if len(link) <= 60 else link[:57] + "..."
    if len(link) > LINK_MAX:
        raise CtoError(f"the link {shown!r} is {len(link)} characters long; keep it to {LINK_MAX}")
    bad = _UNSAFE.search(link)
    if bad:
        what = "a space" if bad.group().isspace() else f"the character {bad.group()!r}"
        raise CtoError(f"the link {shown!r} has {what} in it; give one web address (https://...) per --link")
    try:
        parts = urlsplit(link)
    except ValueError:
        parts = None
    scheme = parts.scheme.lower() if parts else ""
    if parts is None or scheme not in SCHEMES or not (parts.path if scheme == "file" else parts.netloc):
        raise CtoError(f"the link {shown!r} is not a web address or a file: start it with https://, http:// or file://")
    return link


def clean_links(values: Iterable[str]) -> tuple[str, ...]:
    """Checked links, blanks dropped, each once, in the order given."""
    links = tuple(dict.fromkeys(clean_link(v) for v in values if v and v.strip()))
    if len(links) > LINKS_MAX:
        raise CtoError(f"{len(links)} links is too many; keep it to {LINKS_MAX} (the strongest evidence)")
    return links


def set_urls(db: Database, achievement_id: int, links: tuple[str, ...]) -> None:
    """Replace an achievement's links (inside the caller's transaction)."""
    db.execute("delete from achievement_links where achievement_id = ?", [achievement_id])
    db.conn.executemany(
        "insert into achievement_links (achievement_id, position, url) values (?, ?, ?)",
        [(achievement_id, n, url) for n, url in enumerate(links)],
    )
