"""`ctotui list` on a terminal fits every line to its width; piped, every line stays whole.

Widths are terminal cells: a wide character (CJK, most emoji) takes two (rich's ``cell_len``).
"""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from process_tools import stdout_at_a_terminal
from rich.cells import cell_len

from ctotui.cli.journal_read import LEAST_TITLE, fitted


def test_list_on_an_80_column_terminal_fits_every_line_and_piped_stays_whole(demo_db: Path, run_cli) -> None:
    shown = stdout_at_a_terminal("list", "--limit", "120", columns=80).splitlines()
    piped = run_cli("list", "--limit", "120", check_rc=0, process=True).stdout.splitlines()
    assert len(shown) == len(piped) == 120
    assert max(cell_len(line) for line in shown) <= 80
    assert max(cell_len(line) for line in piped) > 80  # the demo's lines are long: they were cut
    for line, whole in zip(shown, piped, strict=True):
        if cell_len(whole) <= 80:
            assert line == whole
        else:
            assert line.endswith("…") and cell_len(line) >= 78, line  # the room is used, not left blank
            head_and_title = line.lstrip().split("  ")[:3]  # id, date, the title (as shown)
            assert head_and_title[:2] == whole.lstrip().split("  ")[:2]
            assert cell_len(head_and_title[2]) >= LEAST_TITLE, line


def test_list_piped_prints_each_entry_whole_on_one_line(demo_db: Path, run_cli) -> None:
    piped = run_cli("list", "--limit", "3", "--json", check_rc=0).stdout
    lines = run_cli("list", "--limit", "3", check_rc=0, process=True).stdout.splitlines()
    for entry, line in zip(json.loads(piped), lines, strict=True):
        assert f"  {entry['title']}  " in line and "…" not in line


TEXT = st.text(st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), max_size=60)


@given(
    head=st.text(st.characters(whitelist_categories=("Nd",)), min_size=1, max_size=6).map(
        lambda s: f"{s}  2026-03-14  "
    ),
    title=TEXT.filter(lambda t: t.strip() and "  " not in t),  # "  " parts the line's fields
    tail=TEXT,
    width=st.integers(min_value=1, max_value=160),
)
def test_a_fitted_line_never_passes_the_width_and_is_whole_when_it_fits(head, title, tail, width) -> None:
    line = fitted(head, title, tail, width)
    whole = f"{head}{title}  {tail}"
    assert cell_len(line) <= width
    if cell_len(whole) <= width:
        assert line == whole
    else:
        # cut at its end; or the tail left out whole; or the title cut and the whole tail kept (the title
        # gets the room the whole tail leaves: hypothesis found a 21-character title and the tail "00")
        body = line[len(head) : len(line) - len(tail) - 2] if line.endswith(f"  {tail}") else ""
        cut_title = line.startswith(head) and body.endswith("…")
        assert line.endswith("…") or line == f"{head}{title}" or line == "" or cut_title
        if cell_len(head) + LEAST_TITLE + 3 <= width:  # room for a title: it keeps its start
            assert line.startswith(head)
            shown = line[len(head) :].split("  ")[0].rstrip("…")
            assert title.startswith(shown)
            assert (
                cell_len(shown) >= min(cell_len(title), LEAST_TITLE) - 2
            )  # a wide character may not fit the last cell
