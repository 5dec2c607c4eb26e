"""Evidence links on an achievement: a pull request, a design doc, a dashboard.

A link is checked before anything is written: a web address (http, https) with
a host, or a file (file:), at most ``LINK_MAX`` characters, with no spaces,
control characters or ``< > "`` in it (so it prints safely in a terminal and
as a Markdown autolink). The same link twice is kept once; the order given is
kept (``achievement_links.position``).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from ctotui.core.errors import CtoError
from ctotui.core.row_rules import link_problem

if TYPE_CHECKING:
    from sqlite_utils import Database

LINKS_MAX = 20


def clean_link(value: str) -> str:
    link = value.strip()
    shown = link if len(link) <= 60 else link[:57] + "..."
    bad = link_problem(link)  # the rule an import and a sync apply too (core/row_rules.py)
    if bad:
        raise CtoError(f"the link {shown!r} {bad}")
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
