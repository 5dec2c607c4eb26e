"""User text in the Markdown documents (brag, review report, score sheet) reads as typed."""

from __future__ import annotations

from markdown_it import MarkdownIt  # rich's own Markdown parser (a dependency of rich)

from ctotui.core.markdown_text import body_lines


def _text(markdown: str) -> str:
    """What a CommonMark viewer shows of ``markdown``'s paragraphs."""
    tokens = MarkdownIt("commonmark").parse(markdown)
    return "".join(child.content for t in tokens if t.type == "inline" for child in t.children or ())


def test_an_entity_in_a_story_is_shown_as_typed() -> None:
    """'&copy; 2026 &amp; &#169;' in a story showed '© 2026 & ©' in the brag and the review report."""
    story = "&copy; 2026 &amp; &#169; and a plain & stays"
    assert _text("\n".join(body_lines(story))) == story
    assert body_lines("`&copy;` in code") == ["`&copy;` in code"]  # code stays as typed
