"""The journal's details keep a body's single line breaks (ui/body_text.py's line_breaks_kept; the review's wins step too)."""

from __future__ import annotations

from itertools import pairwise

from hypothesis import given
from hypothesis import strategies as st
from rich.console import Console
from rich.style import Style

from ctotui.core.journal.entries import add_achievement
from ctotui.ui.body_text import line_breaks_kept
from ctotui.ui.review.steps import wins_side

LINES = st.lists(st.sampled_from(["", "text", "- item", "# head", "```", "~~~", "    code", "a\\", "b  "]), max_size=12)


@given(LINES.map("\n".join))
def test_only_spaces_at_line_ends_are_added(text: str) -> None:
    kept = line_breaks_kept(text).split("\n")
    typed = text.split("\n")
    assert len(kept) == len(typed)
    assert all(k == t or k == t + "  " for k, t in zip(kept, typed, strict=True))


@given(st.lists(st.text(st.characters(categories=["L", "N", "Zs"]), min_size=1), min_size=1).map("\n".join))
def test_every_line_outside_a_fence_ends_in_a_break(text: str) -> None:
    lines = line_breaks_kept(text).split("\n")
    for line, below in pairwise(lines):
        if line.strip() and below.strip():
            assert line.endswith("  ")


def test_a_fenced_block_is_left_as_it_is() -> None:
    text = "Ran:\n```sh\nmake deploy\nmake check\n```\nDone\nfast"
    assert line_breaks_kept(text) == "Ran:  \n```sh\nmake deploy\nmake check\n```\nDone  \nfast"
    assert line_breaks_kept("~~~~\na\n~~~\nb\n~~~~\nc\nd") == "~~~~\na\n~~~\nb\n~~~~\nc  \nd"


def test_the_reviews_wins_step_keeps_them_too(db) -> None:
    """The review's side pane drew the highlighted win's body as one paragraph, as the journal did."""
    win = add_achievement(db, title="Cut deploys", body="Context: deploys took 45 min\nResult: now 7 min")
    console = Console(width=60, record=True, color_system=None)
    console.print(wins_side(lambda name: Style(), [win], win))
    lines = [line.strip() for line in console.export_text().splitlines()]
    assert "Context: deploys took 45 min" in lines and "Result: now 7 min" in lines


def test_the_wins_step_shows_tag_like_text_as_typed(db) -> None:
    """The wins step drew 'Replaced the  component with  everywhere.' and lost the '<details>' block."""
    body = "Replaced the <Modal> component with <Dialog> everywhere.\n<details>\nsecret block\n</details>\nafter"
    win = add_achievement(db, title="Dialogs", body=body)
    console = Console(width=80, record=True, color_system=None)
    console.print(wins_side(lambda name: Style(), [win], win))
    lines = [line.strip() for line in console.export_text().splitlines()]
    start = lines.index("Replaced the <Modal> component with <Dialog> everywhere.")
    assert lines[start : start + 5] == [*body.splitlines()[:1], "<details>", "secret block", "</details>", "after"]
