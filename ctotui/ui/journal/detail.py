"""The journal's detail pane: what one achievement shows beside the list (renderables only)."""

from __future__ import annotations

from rich.console import Group
from rich.markdown import Markdown
from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual.content import Content

from ctotui.core import clock, playbook
from ctotui.core.journal.entries import Achievement
from ctotui.ui.body_text import drawn_body
from ctotui.ui.dialogs.pick_question import story_line

EMPTY_BODY = "*Nothing written about it yet. Press **e** and add the context, what you did and the result.*"


def evidence_lines(links: tuple[str, ...]) -> Content:
    """An achievement's links under "Links", as plain text (a web address is never read as markup)."""
    if not links:
        return Content("")
    rows = [
        Content.assemble(("Links     " if n == 0 else "          ", "$text-muted"), url) for n, url in enumerate(links)
    ]
    return Content("\n").join(rows)


def detail_head(a: Achievement, stories: int, success: Style, warning: Style) -> Group:
    """The title, the date, the number's badge, category, skills and tags, and how many
    questions tell it as a story (``success``/``warning``: the theme's colours)."""
    pb = playbook.load()
    muted = Style(dim=True)
    when = f"{a.occurred_on:%a} {a.occurred_on.day} {a.occurred_on:%b %Y}"  # "Sun 8 Mar 2026", as the forms say it
    badge = (
        Text(a.badge, style=success + Style(bold=True))
        if a.has_number
        else Text("No number yet: add one? (e)", style=warning)
    )
    # label, value: a value that wraps stays under itself, not under its label; a word longer than
    # the pane (a 40-character tag) goes on over the next line, not cut with "…" (a cell's default)
    fields = Table.grid(padding=(0, 2))
    fields.add_column(no_wrap=True)
    fields.add_column(ratio=1, overflow="fold")
    if a.category:
        fields.add_row("Category", Text(pb.category(a.category).name))
    if a.skills:
        fields.add_row("Skills", Text(", ".join(pb.skill(s).name for s in a.skills)))
    if a.tags:
        fields.add_row("Tags", Text(" ".join(f"#{t}" for t in a.tags)))
    edited = "" if a.updated_at == a.created_at else f" · edited {clock.local(a.updated_at):%Y-%m-%d %H:%M}"
    return Group(
        Text(a.title, style=Style(bold=True)),
        Text(""),
        Text(f"{when} · #{a.id}", style=muted),
        badge,
        fields,
        Text(f"written {clock.local(a.created_at):%Y-%m-%d %H:%M}{edited}", style=muted),
        story_line(stories),
    )


def detail_body(a: Achievement) -> Markdown:
    """The story, as Markdown (links shown, not followed), or how to add one."""
    return Markdown(drawn_body(a.body) or EMPTY_BODY, hyperlinks=False)
