"""core/text.py: which characters may be stored or printed, and the core functions that use it."""

from __future__ import annotations

import json
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ctotui.core.drill import bank as drill
from ctotui.core.journal.entries import add_achievement, clean_tag, clean_tags, get_achievement, titles
from ctotui.core.journal.query import SEP
from ctotui.core.review import weekly as review
from ctotui.core.skills import stack as skills
from ctotui.core.text import clean_block, clean_line, clean_row, escaped_controls, has_controls, json_text, squeeze
from ctotui.core.timeline import plan, profile, selfcheck
from ctotui.core.timeline import stages as timeline

BIDI = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
HOSTILE = "\x1b]0;pwned\x07\x1b[2J\x9b31m\x00\x7f\u202eevil\x1f\r"

# Text with plenty of what a terminal obeys: ESC sequences, C0 and C1, DEL, NUL, bidi overrides, CR.
nasty = st.lists(
    st.one_of(
        st.characters(codec="utf-8").map(str),
        st.sampled_from(
            ["\x1b", "\x1b[2J", "\x1b]0;t\x07", "\x9b", "\x85", "\x00", "\x7f", "\r", "\r\n", "\n", "\t", "\u202e"]
        ),
        st.sampled_from(["\u2028", "\u2029", "\x0b", "\x0c", "\u200d", "\u200f", "é", "日本"]),
    ),
    max_size=40,
).map("".join)


def _bad(ch: str, *, block: bool) -> bool:
    if block and ch in "\n\t":
        return False
    return unicodedata.category(ch) in ("Cc", "Cs") or ch in BIDI or ch in "\u2028\u2029"


@given(nasty)
def test_clean_line_leaves_nothing_a_terminal_obeys(text):
    out = clean_line(text)
    assert not any(_bad(ch, block=False) for ch in out)
    assert clean_line(out) == out  # idempotent
    assert not has_controls(out)


@given(nasty)
def test_clean_block_keeps_newlines_and_tabs_only(text):
    out = clean_block(text)
    assert not any(_bad(ch, block=True) for ch in out)
    assert clean_block(out) == out
    assert out.count("\n") >= text.count("\n")  # no line break is lost (CR, CR LF, U+2028 become one)


@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cc", "Cs")), max_size=80))
def test_plain_text_passes_unchanged(text):
    text = "".join(ch for ch in text if ch not in BIDI and ch not in "\u2028\u2029")
    assert clean_line(text) == text
    assert clean_block(text) == text


def test_what_is_removed_and_what_becomes_a_space():
    assert clean_line("a\x1b]0;title\x07b\x1b[2Jc") == "abc"  # whole sequences go, not just their ESC
    assert clean_line("Evil \x1b[31mred\x1b[0m") == "Evil red"
    assert clean_block("x\x9b31my\x1b(B\x1b7z\x1b]8;;https://e.example\x1b\\link\x1b]8;;\x1b\\") == "xyzlink"
    assert clean_line("cut short \x1b]0;title") == "cut short 0;title"  # the text after an unfinished one stays
    assert clean_line("one\ttwo\nthree\r\nfour") == "one two three  four"
    assert clean_block("one\r\ntwo\rthree\u2028four\x0cfive") == "one\ntwo\nthree\nfour\nfive"
    assert clean_block("keep\ttab\nand newline\x9b\x00") == "keep\ttab\nand newline"
    assert clean_line("\u202eevil\u202c") == "evil"
    assert clean_line("rtl \u200f mark and \u200d joiner") == "rtl \u200f mark and \u200d joiner"
    assert clean_line("bad byte \udcff") == "bad byte \ufffd"
    assert squeeze("  a \x1b\n b  ") == "a b"


# Escape sequences as terminals read them (ECMA-48): CSI (7- and 8-bit) with parameters, intermediates
# and a final byte; control strings (OSC, DCS, SOS, PM, APC) ended by BEL, ESC \ or ST; ESC and one more.
_params = st.text(alphabet=st.characters(min_codepoint=0x30, max_codepoint=0x3F), max_size=6)
_inter = st.text(alphabet=st.characters(min_codepoint=0x20, max_codepoint=0x2F), max_size=2)
_final = st.characters(min_codepoint=0x40, max_codepoint=0x7E)
_body = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cc", "Cs")), max_size=12)
escape = st.one_of(
    st.tuples(st.sampled_from(["\x1b[", "\x9b"]), _params, _inter, _final).map("".join),
    st.tuples(
        st.sampled_from(["\x1b]", "\x1bP", "\x1bX", "\x1b^", "\x1b_", "\x9d", "\x90"]),
        _body,
        st.sampled_from(["\x07", "\x1b\\", "\x9c"]),
    ).map("".join),
    # ESC and one more: not [ ] P X ^ _, which open a CSI or a control string (ESC [ then "@" is
    # one sequence, CSI @, to a terminal: this case drew it as ESC [ followed by a plain "@")
    st.tuples(
        st.just("\x1b"), _inter, st.characters(min_codepoint=0x30, max_codepoint=0x7E, exclude_characters="[]PX^_")
    ).map("".join),
)
plain = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cc", "Cs")), max_size=8).map(
    lambda t: "".join(ch for ch in t if ch not in BIDI and ch not in "\u2028\u2029")
)


@given(st.lists(st.tuples(plain, escape), max_size=6), plain)
def test_escape_sequences_go_whole_and_the_text_around_them_stays(pieces, last):
    text = "".join(p + e for p, e in pieces) + last
    words = "".join(p for p, _e in pieces) + last
    assert clean_line(text) == words
    assert clean_block(text) == words


def test_words_with_an_escape_sequence_carry_no_number_read_from_it(db):
    a = add_achievement(db, title="Evil \x1b[31mred\x1b[0m", body="\x1b[2J\x1b]0;t\x07", metric="parse")
    assert (a.title, a.body, a.metric) == ("Evil red", "", None)


def test_imported_rows_are_cleaned_by_column():
    row = {"title": "T\x1b[2J\nx", "body": "b\x1b\r\nc", "id": 3}
    clean_row("achievements", row)
    assert row == {"title": "T x", "body": "b\nc", "id": 3}


@given(st.text(max_size=30))
def test_a_tag_never_holds_a_separator_or_a_control(tag):
    out = clean_tag(tag)
    assert SEP not in out and "," not in out and not any(ch.isspace() for ch in out)
    assert not has_controls(out)
    # a tag as stored is the tag it cleans to: "#,#a" was stored "#a", which a search for "#a" (as
    # "a") did not find
    assert clean_tag(out) == out and not out.startswith("#")


def test_a_comma_or_a_hash_inside_a_tag_cleans_once():
    assert [clean_tag(t) for t in ("#,#a", "#Perf Work ", "a , b", "#,", "c#")] == ["a", "perf-work", "a-b", "", "c#"]


def test_every_core_entry_point_stores_clean_text(db):
    a = add_achievement(
        db, title="Ship " + HOSTILE, body="line 1\r\nline\t2 " + HOSTILE, tags=["ops" + HOSTILE, "a\x1fb"]
    )
    stored = db.execute("select title, body from achievements where id = ?", [a.id]).fetchone()
    assert not has_controls(stored[0])
    assert not any(_bad(ch, block=True) for ch in stored[1])
    assert "line 1\nline\t2" in stored[1]
    assert clean_tags(get_achievement(db, a.id).tags) == get_achievement(db, a.id).tags
    assert all(not has_controls(t) for (t,) in db.execute("select tag from achievement_tags"))
    assert "ab" in get_achievement(db, a.id).tags

    q = drill.add_question(db, "own-the-stack", "Why " + HOSTILE)
    drill.edit_question(db, q.id, text="How " + HOSTILE)
    item = plan.add_item(db, "3-months", "Plan " + HOSTILE)
    plan.edit_item(db, item.id, text="Plan again " + HOSTILE)
    profile.update(db, role="Lead " + HOSTILE)
    skills.rate(db, "leadership", 3, note="note " + HOSTILE)
    review.save_text(db, None, reflection="it went\r\nwell " + HOSTILE, next_thing="next " + HOSTILE)
    timeline.answer_question(db, "tl-q-away", "answer " + HOSTILE)
    check = selfcheck.self_checks(db)[0]
    selfcheck.answer_self_check(db, check.kind, check.item_id, "yes", "note " + HOSTILE)
    for table, column in [
        ("questions", "text"),
        ("plan_items", "text"),
        ("profile", "value"),
        ("skill_ratings", "note"),
        ("reviews", "reflection"),
        ("reviews", "next_thing"),
        ("stage_answers", "answer"),
        ("self_check_answers", "note"),
    ]:
        for (value,) in db.execute(f"select {column} from {table}"):
            assert not any(_bad(ch, block=True) for ch in value), (table, column, value)
            assert "\\u001b" not in value and "\\u009b" not in value, (table, column, value)


def test_rows_stored_before_the_rule_are_cleaned_when_read(db):
    a = add_achievement(db, title="placeholder")
    db.execute("update achievements set title = ?, body = ? where id = ?", ["Old " + HOSTILE, "body " + HOSTILE, a.id])
    item = plan.add_item(db, "3-months", "placeholder")
    db.execute("update plan_items set text = ? where id = ?", ["Old " + HOSTILE, item.id])
    old = get_achievement(db, a.id)
    assert not has_controls(old.title)
    assert not any(_bad(ch, block=True) for ch in old.body)
    assert not has_controls(plan.get_item(db, item.id).text)


def test_the_rest_of_an_entry_and_the_slugs_another_tool_wrote_are_cleaned_when_read(db):
    """A metric's unit and label, a link, a category, the titles a list of evidence shows
    (`titles`), a rating's skill and a question's category and id were passed on as stored: with
    an escape sequence in them (written by another tool) `list`, `show`, `review`, `ratings`,
    `questions` and the brag document sent it to the terminal."""
    a = add_achievement(db, title="p95 from 40 to 20 min", metric="parse")
    db.execute(
        "update achievements set title = ?, metric_unit = ?, metric_label = ?, category = ? where id = ?",
        ["Old " + HOSTILE, "min" + HOSTILE, "p95" + HOSTILE, "scale" + HOSTILE, a.id],
    )
    db.execute(
        "insert into achievement_links (achievement_id, position, url) values (?, 0, ?)",
        [a.id, "https://e.example/1\x1b]0;t\x07\x9b31m"],
    )
    old = get_achievement(db, a.id)
    for text in (old.metric_unit, old.metric_label, old.category, *old.links, *titles(db, [a.id]).values()):
        assert text is not None and not has_controls(text), text
    assert old.links == ("https://e.example/1",)
    skills.rate(db, "business", 3)
    db.execute("update skill_ratings set skill = ?", ["business" + HOSTILE])
    assert not has_controls(skills.ratings(db)[0].skill)
    drill.ensure_questions(db)
    db.execute("update questions set category = category || ?, source_id = source_id || ?", [HOSTILE, HOSTILE])
    for q in drill.list_questions(db, include_retired=True):
        assert not has_controls(q.category) and not has_controls(q.source_id or ""), q


@given(nasty)
def test_json_output_escapes_what_json_leaves_raw_and_keeps_the_data(text):
    dumped = json_text(json.dumps({"title": text}, ensure_ascii=False))
    assert json.loads(dumped) == {"title": text}
    assert not any(_bad(ch, block=False) for ch in dumped)


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("/tmp/a\x1b[31mred.db", "/tmp/a\\x1b[31mred.db"),  # the escape written out, nothing sent to the terminal
        ("notes\u202eredbil.db", "notes\\u202eredbil.db"),  # an override that would draw the name backwards
        ("a\nb\tc\x00d\x9be", "a\\nb\\tc\\x00d\\x9be"),
        ("bad\udcffbyte.db", "bad\\udcffbyte.db"),  # a byte that is not UTF-8 in a file name
        ("Café 📁 👩\u200d💻 مرحبا\u200f.db", "Café 📁 👩\u200d💻 مرحبا\u200f.db"),  # names people use, as they are
    ],
)
def test_a_name_shown_as_it_is_has_its_controls_written_as_escapes(text, shown):
    assert escaped_controls(text) == shown
    assert not has_controls(escaped_controls(text))
