"""An achievement's body as it is drawn: Markdown with its single line breaks kept (the journal's
details and the weekly review's wins step), and nothing in it read as raw HTML or a heading."""

from __future__ import annotations

from ctotui.core.markdown_text import body_lines

FENCES = ("```", "~~~")


def line_breaks_kept(markdown: str) -> str:
    """``markdown`` with each single line break made a hard one (two spaces before it), as GitHub's
    comments and Obsidian show a text: "Context: …" and "Result: …" typed on lines of their own stay
    on lines of their own, not run into one paragraph. Blank lines, lists and headings read as before;
    a fenced code block is left as it is. Only what is drawn changes: the body is stored as typed."""
    lines = markdown.split("\n")
    fence = ""  # the fence of the code block the line is in ("" outside one)
    for n, line in enumerate(lines[:-1]):
        opening = line.lstrip(" ")
        if len(line) - len(opening) < 4 and opening.startswith(FENCES):
            mark = opening[0] * (len(opening) - len(opening.lstrip(opening[0])))
            if not fence:
                fence = mark
                continue
            if mark.startswith(fence) and not opening[len(mark) :].strip():  # a closing fence: the mark alone
                fence = ""
                continue
        if not fence and line.strip() and lines[n + 1].strip() and not line.endswith(("  ", "\\")):
            lines[n] = line + "  "
    return "\n".join(lines)


def drawn_body(body: str) -> str:
    """``body`` as the app's Markdown draws it: made safe as the brag makes a story (core/markdown_text.py:
    '<Modal>' or a '<details>' line shown as typed, not dropped as raw HTML; a '# of incidents' line kept
    as text; a fence left open closed), the Markdown the user wrote (bold, lists, code) still rendered,
    and its single line breaks kept."""
    return line_breaks_kept("\n".join(body_lines(body)))
