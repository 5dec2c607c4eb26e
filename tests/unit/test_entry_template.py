"""The $EDITOR template: what render writes, parse reads back."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ctotui.core.errors import CtoError
from ctotui.core.journal.entry_template import Entry, parse, render


def test_render_then_parse_gives_the_entry_back():
    e = Entry(
        "Cut costs",
        "Line one\n\nLine three",
        "savings",
        ("business",),
        ("cloud", "cost"),
        "$12k/mo",
        "2026-06-01",
        ("https://x.y/1",),
    )
    assert parse(render(e)) == e


def test_the_unchanged_template_and_an_empty_file_cancel():
    template = render()
    assert parse(template, template=template) is None
    assert parse("") is None and parse("\n\n" + render().split("\n\n")[-1]) is None  # the help alone
    assert parse("\ncategory: \nskills: \n") is None


def test_fields_are_read_only_at_the_end_and_only_once():
    e = parse("Title\n\ncategory: is in the body here\nmore body\n\ntags: a, b\n")
    assert e.body == "category: is in the body here\nmore body" and e.tags == ("a", "b")
    with pytest.raises(CtoError, match="given twice"):
        parse("Title\ntags: a\ntags: b\n")
    with pytest.raises(CtoError, match="title, and it is empty"):
        parse("\ncategory: scale\n")


def test_an_error_goes_on_top_and_the_text_stays():
    text = render(Entry("T"), error="unknown category 'x'")
    assert text.startswith("# ERROR: unknown category 'x'") and parse(text).title == "T"


@given(
    st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1).filter(
        lambda t: t.strip() and not t.lstrip().startswith("#") and ":" not in t
    )
)
def test_any_one_line_title_survives(title):
    assert parse(render(Entry(title.strip()))).title == title.strip()


def test_markdown_headings_in_the_body_stay_and_only_the_templates_own_lines_go():
    """`edit ID -e` dropped every line starting with #: a body's `# Timeline` headings were lost
    though only the title was touched."""
    entry = Entry(title="Postmortem", body="# Timeline\n09:00 paged\n\n## Impact\n3 customers", category="delivery")
    text = render(entry, error="date: cannot read 'someday'")
    assert text.startswith("# ERROR: ")
    got = parse(text.replace("Postmortem", "Postmortem (v2)", 1))
    assert got == Entry(title="Postmortem (v2)", body=entry.body, category="delivery")
    assert parse(render(entry)) == entry
    assert parse("# Release notes\n\n# Added\n- search") == Entry(title="# Release notes", body="# Added\n- search")
