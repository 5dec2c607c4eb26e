"""The shipped playbook loads and covers the article; a broken file fails here, never for a user."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from ctotui.core import playbook, reader
from ctotui.core.errors import NotFound
from ctotui.core.playbook import PlaybookError


@pytest.fixture(scope="module")
def raw() -> dict:
    """Both shipped files' data, joined as the loader joins them."""
    return playbook.shipped_data()


def test_shipped_playbook_covers_every_section() -> None:
    pb = playbook.load()
    assert [r.slug for r in pb.responsibilities] == list(playbook.RESPONSIBILITIES)
    assert [p.slug for p in pb.paths] == list(playbook.PATHS)
    assert [s.slug for s in pb.skills] == list(playbook.SKILLS)
    assert all(len(s.levels) == 5 and len(s.steps) >= 5 for s in pb.skills)
    assert [(s.slug, s.years_from, s.years_to) for s in pb.stages] == [
        ("engineer", 0, 3),
        ("tech-leader", 3, 7),
        ("exec-in-training", 7, 12),
    ]
    assert [c.slug for c in pb.categories] == list(playbook.CATEGORIES)
    assert all(len(ic.questions) >= playbook.MIN_QUESTIONS_PER_CATEGORY for ic in pb.interview)
    assert [c.id for c in pb.rubric] == list(playbook.RUBRIC)
    assert all(len(c.scores) == 3 for c in pb.rubric)
    assert {"chasing-titles", "ignoring-business", "dead-end-environment"} <= {m.slug for m in pb.mistakes}
    assert [h.slug for h in pb.plan] == list(playbook.HORIZONS)
    assert len(pb.environment) >= 5 and len(pb.signals) >= 5


def test_lookups_by_slug() -> None:
    pb = playbook.load()
    assert pb.skill("business").name
    assert pb.stage("tech-leader").years_from == 3
    assert pb.horizon("2-3-years").months == 36
    with pytest.raises(NotFound, match="valid: technical-depth"):
        pb.skill("cooking")


def test_every_reader_section_renders(raw) -> None:
    pb = playbook.load()
    sections = reader.sections(pb)
    assert [s.slug for s in sections] == [slug for slug, _ in reader.section_titles()]
    text = "\n".join(s.markdown for s in sections)
    for needle in (
        pb.paths[0].name,
        pb.skills[5].name,
        pb.stages[2].name,
        pb.mistakes[0].name,
        pb.signals[0].text,
        pb.plan[1].items[0].text,
        pb.interview[2].questions[-1].text,
    ):
        assert needle in text


def test_unknown_reader_section_names_the_valid_ones() -> None:
    with pytest.raises(Exception, match="valid: role"):
        reader.section(playbook.load(), "nope")


def _broken(raw: dict, change) -> dict:
    data = copy.deepcopy(raw)
    change(data)
    return data


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.pop("intro"), r"playbook\.intro: missing"),
        (lambda d: d.update(extra=1), r"unknown key extra"),
        (lambda d: d["skills"][0].update(name=""), r"skills\[0\]\.name: expected non-empty text"),
        (lambda d: d["skills"][0].update(levels=d["skills"][0]["levels"][:4]), "expected 5 levels"),
        (lambda d: d["skills"].reverse(), "expected slugs"),
        (lambda d: d["stages"][1].update(years_from=4), "years must follow on"),
        (lambda d: d["stages"][0].update(years_to="3"), "expected a whole number"),
        (
            lambda d: d["interview"][0].update(questions=d["interview"][0]["questions"][:11]),
            rf"interview\.own-the-stack\.questions: needs at least {playbook.MIN_QUESTIONS_PER_CATEGORY}",
        ),
        (lambda d: d["rubric"][0].update(scores=["a", "b"]), "expected 3 descriptions"),
        (lambda d: d["paths"][0].update(pros=[]), r"paths\[0\]\.pros: must not be empty"),
        (lambda d: d["signals"][0].update(id="Not Kebab"), "lowercase-kebab-case"),
        (lambda d: d["signals"][1].update(id=d["environment"][0]["id"]), "also used in environment"),
        (lambda d: d["responsibilities"][0].update(skills=["cooking"]), "unknown or empty"),
        (lambda d: d["plan"][0].update(months=40), "rising"),
        (lambda d: d.update(skills={}), "expected a list"),
        (lambda d: d["skills"][2].update(prompts=d["skills"][2]["prompts"][:4]), r"skills\.leadership\.prompts"),
        (lambda d: d["categories"][0].update(prompts=["same"] * 5), r"categories\.scale\.prompts"),
        (lambda d: d["categories"][0].pop("prompts"), r"categories\[0\]\.prompts: missing"),
        (lambda d: d["stages"][1]["targets"][0].update(evidence_needed=0), r"tl-multi-month\.evidence_needed"),
        (lambda d: d["stages"][1]["targets"][0].update(evidence_needed="3"), "expected a whole number"),
    ],
)
def test_broken_content_is_caught_with_the_key_named(raw, change, message) -> None:
    with pytest.raises(PlaybookError, match=message):
        playbook.from_data(_broken(raw, change))


def test_bad_toml_and_unreadable_file(tmp_path: Path) -> None:
    with pytest.raises(PlaybookError, match="not valid TOML"):
        playbook.parse("title = ")
    bad = tmp_path / "p.toml"
    bad.write_bytes(b"\xff\xfe title")
    with pytest.raises(PlaybookError, match="cannot read"):
        playbook.load_file(bad)


def test_the_shipped_parsed_copy_is_current_and_is_what_loads() -> None:
    """content/parsed.json holds the TOML files' data (written by `python -m ctotui.core.content_files`)."""
    content = Path(playbook.__file__).resolve().parents[1] / "content"
    parsed = json.loads((content / playbook.PARSED).read_text(encoding="utf-8"))
    from_toml = playbook.parse_shipped()
    assert parsed["data"] == from_toml, "content/*.toml changed: run `.venv/bin/python -m ctotui.core.content_files`"
    assert json.dumps(parsed["data"]) == json.dumps(from_toml)  # the keys in the files' order too
    texts = playbook.content_texts(content)
    assert parsed["source"] == playbook.source_digest(texts), "run `.venv/bin/python -m ctotui.core.content_files`"
    assert playbook.shipped_data() == from_toml


def test_a_parsed_copy_that_does_not_match_the_toml_is_not_used(tmp_path: Path) -> None:
    content = Path(playbook.__file__).resolve().parents[1] / "content"
    for name in ("playbook.toml", "interview.toml"):
        (tmp_path / name).write_text((content / name).read_text(encoding="utf-8"), encoding="utf-8")
    assert not (tmp_path / playbook.PARSED).exists()
    truth = playbook.parse_shipped(tmp_path)
    assert playbook.shipped_data(tmp_path) == truth  # no copy: the TOML
    playbook.write_parsed(tmp_path)
    assert playbook.shipped_data(tmp_path) == truth  # a current copy: the same data
    # the copy is what is read while it matches: a mark put in it shows
    body = json.loads((tmp_path / playbook.PARSED).read_text(encoding="utf-8"))
    body["data"]["intro"] = "read from the copy"
    (tmp_path / playbook.PARSED).write_text(json.dumps(body), encoding="utf-8")
    assert playbook.shipped_data(tmp_path)["intro"] == "read from the copy"
    # a TOML file edited since: the copy no longer matches and the TOML is read
    edited = (tmp_path / "playbook.toml").read_text(encoding="utf-8") + "\n# edited\n"
    (tmp_path / "playbook.toml").write_text(edited, encoding="utf-8")
    assert playbook.shipped_data(tmp_path) == truth
    # a damaged copy: the TOML too
    (tmp_path / playbook.PARSED).write_text("{not json", encoding="utf-8")
    assert playbook.shipped_data(tmp_path) == truth


def test_find_reads_a_table_row_as_its_cells_and_never_finds_its_rule() -> None:
    """A table's row was listed as raw Markdown: "| Technical depth | A solid grounding … |"."""
    found = [f for f in reader.find(playbook.load(), "solid grounding") if f.line.startswith("|")]
    assert found and all(f.text.startswith("Technical depth · ") and "|" not in f.text for f in found)
    assert not [f for f in reader.find(playbook.load(), "---") if set(f.line) <= set("|- :")]
