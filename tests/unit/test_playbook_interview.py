"""The interview bank (content/interview.toml): the shipped file passes every check, and each check
catches a broken copy with the key at fault named in the message."""

from __future__ import annotations

import copy
import tomllib
from importlib import resources
from pathlib import Path

import pytest

from ctotui.core import playbook, reader
from ctotui.core.errors import NotFound
from ctotui.core.playbook import PlaybookError
from ctotui.core.terms import INTERVIEW_CATEGORIES, PATHS, RUBRIC

# The ids the bank had before issue 17: users' schedules and attempts point at them, so they stay.
ISSUE_16_IDS = """
ots-10x-traffic ots-top-risks ots-first-90-days ots-rewrite-request ots-tech-debt-share ots-worst-outage
ots-data-leak ots-build-or-buy ots-cloud-bill ots-unfamiliar-system ots-reliability-targets ots-new-tech
ots-ai-strategy ots-compliance-deadline ots-migration ots-wrong-decision ntl-disagree-ceo ntl-explain-debt
ntl-impossible-deadline ntl-too-slow ntl-budget-cut ntl-investor-risks ntl-outage-board ntl-said-no
ntl-three-vs-one ntl-show-progress ntl-changed-mind ntl-angry-customer ntl-platform-case ntl-deadlock-ceo
ntl-marketing-claim ntl-hype-tech btt-tough-hire btt-broken-team btt-coaching btt-senior-disagrees
btt-first-ten btt-let-go btt-counter-offer btt-15-to-60 btt-hiring-bar btt-new-managers btt-culture
btt-distributed btt-interview-bias btt-low-morale btt-brilliant-jerk btt-reference-check
""".split()


@pytest.fixture(scope="module")
def raw() -> dict:
    return playbook.shipped_data()


def _questions(pb: playbook.Playbook) -> list[playbook.InterviewQuestion]:
    return [q for ic in pb.interview for q in ic.questions]


def test_every_category_has_its_questions_criteria_and_counts() -> None:
    pb = playbook.load()
    assert [ic.slug for ic in pb.interview] == list(INTERVIEW_CATEGORIES)
    for ic in pb.interview:
        assert len(ic.questions) >= 20, ic.slug
        assert 3 <= len(ic.criteria) <= 4, ic.slug
        assert all(c.id.startswith(ic.questions[0].id[:4]) for c in ic.criteria), ic.slug  # ots-, ntl-, btt-
    for q in _questions(pb):
        assert 2 <= len(q.follow_ups) <= 4, q.id
        assert 3 <= len(q.outline) <= 6, q.id
        assert isinstance(q.scenario, bool)
        assert set(q.paths) <= set(PATHS), q.id


def test_shipped_bank_keeps_every_earlier_id() -> None:
    ids = {q.id for q in _questions(playbook.load())}
    assert set(ISSUE_16_IDS) <= ids
    assert len(ids) >= 60


def test_shipped_bank_covers_the_subjects_issue_17_adds() -> None:
    text = {q.id: q.text.lower() for q in _questions(playbook.load())}
    for needle in ("why do you want to be a cto", "why this company", "ask us", "raise its next round",
                   "due diligence", "engineering metrics", "co-founder", "equity"):  # fmt: skip
        assert any(needle in t for t in text.values()), needle


def test_questions_lean_to_every_path_and_some_draw_a_scenario() -> None:
    qs = _questions(playbook.load())
    for path in PATHS:
        assert sum(path in q.paths for q in qs) >= 5, path
    assert 15 <= sum(q.scenario for q in qs) < len(qs)
    assert playbook.load().interview_category("own-the-stack").questions[0].scenario  # "our system ... 10x"


def test_scenarios_and_criteria_lookups() -> None:
    pb = playbook.load()
    assert len(pb.scenarios) >= 6
    assert len({s.id for s in pb.scenarios}) == len(pb.scenarios)
    assert pb.scenario("series-a-rails").team.startswith("12 engineers")
    with pytest.raises(NotFound, match="valid: founding-cto-seat"):
        pb.scenario("nope")
    own = pb.criteria_for("own-the-stack")
    assert [c.id for c in own][-1] == "improvement-plan"
    assert own[:-1] == pb.interview_category("own-the-stack").criteria
    assert [c.id for c in pb.shared_criteria] == ["improvement-plan"]
    every = [c.id for slug in INTERVIEW_CATEGORIES for c in pb.interview_category(slug).criteria]
    assert len(set(every)) == len(every) and not set(every) & set(RUBRIC)
    with pytest.raises(NotFound):
        pb.criteria_for("cooking")


def _broken(raw: dict, change) -> dict:
    data = copy.deepcopy(raw)
    change(data)
    return data


def _q(d: dict, category: int = 0, index: int = 0) -> dict:
    return d["interview"][category]["questions"][index]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda d: d["interview"][0].update(questions=d["interview"][0]["questions"][:19]),
            r"interview\.own-the-stack\.questions: needs at least 20 items, has 19",
        ),
        (
            lambda d: _q(d).update(follow_ups=["Only one."]),
            r"interview\.own-the-stack\.questions\.ots-10x-traffic\.follow_ups: expected 2 to 4, got 1",
        ),
        (lambda d: _q(d).update(follow_ups=[]), r"ots-10x-traffic\.follow_ups: expected 2 to 4, got 0"),
        (lambda d: _q(d).update(follow_ups=["a", "b", "c", "d", "e"]), r"follow_ups: expected 2 to 4, got 5"),
        (lambda d: _q(d).update(follow_ups=["Same.", "Same."]), r"ots-10x-traffic\.follow_ups: the same entry twice"),
        (
            lambda d: _q(d, 1, 2).update(outline=["a", "b"]),
            r"interview\.non-technical-leaders\.questions\.ntl-impossible-deadline\.outline: expected 3 to 6, got 2",
        ),
        (lambda d: _q(d, 2).update(outline=list("abcdefg")), r"btt-tough-hire\.outline: expected 3 to 6, got 7"),
        (lambda d: _q(d).update(outline=["a", " "]), r"questions\[0\]\.outline\[1\]: expected non-empty text"),
        (lambda d: _q(d).update(paths=["cooking"]), r"ots-10x-traffic\.paths: unknown path cooking"),
        (lambda d: _q(d).update(paths=[PATHS[0], PATHS[0]]), r"ots-10x-traffic\.paths: the same path twice"),
        (lambda d: _q(d).pop("scenario"), r"interview\[0\]\.questions\[0\]\.scenario: missing"),
        (lambda d: _q(d).update(scenario="yes"), r"questions\[0\]\.scenario: expected true or false"),
        (lambda d: _q(d).pop("follow_ups"), r"questions\[0\]\.follow_ups: missing"),
        (lambda d: _q(d).update(hint="x"), r"questions\[0\]: unknown key hint"),
        (lambda d: _q(d, 0, 1).update(id=_q(d)["id"]), r"interview\.own-the-stack\.questions: duplicate id"),
        (lambda d: _q(d, 2).update(id=_q(d)["id"]), r"id 'ots-10x-traffic' is also used in interview\.own-the-stack"),
        (lambda d: _q(d).update(id="Ten X"), r"id 'Ten X' must be lowercase-kebab-case"),
        (
            lambda d: d["interview"][1].update(criteria=d["interview"][1]["criteria"][:2]),
            r"interview\.non-technical-leaders\.criteria: expected 3 to 4, got 2",
        ),
        (
            lambda d: d["interview"][2]["criteria"][0].update(id=d["interview"][0]["criteria"][0]["id"]),
            r"interview\.build-the-team\.criteria: id 'ots-asks-first' is also used in interview\.own-the-stack",
        ),
        (
            lambda d: d["interview"][2]["criteria"][0].update(id="improvement-plan"),
            r"shared_criteria: id 'improvement-plan' is also used in interview\.build-the-team",
        ),
        (lambda d: d["interview"][0]["criteria"][0].update(id="tradeoffs"), r"'tradeoffs' is also used in rubric"),
        (lambda d: d["interview"][0]["criteria"][0].update(name=""), r"criteria\[0\]\.name: expected non-empty"),
        (lambda d: d["shared_criteria"][0].update(id="plan"), r"shared_criteria: expected ids \['improvement-plan'\]"),
        (lambda d: d.pop("shared_criteria"), r"playbook\.shared_criteria: missing"),
        (lambda d: d.update(scenarios=d["scenarios"][:5]), r"scenarios: needs at least 6 items, has 5"),
        (lambda d: d["scenarios"][3].update(team=""), r"scenarios\[3\]\.team: expected non-empty text"),
        (lambda d: d["scenarios"][0].pop("constraint"), r"scenarios\[0\]\.constraint: missing"),
        (lambda d: d["scenarios"][1].update(id=d["scenarios"][0]["id"]), r"scenarios: duplicate id founding-cto-seat"),
        (lambda d: d["scenarios"][1].update(id="Series B"), r"scenarios: id 'Series B' must be lowercase-kebab-case"),
    ],
)
def test_broken_bank_is_caught_with_the_key_named(raw, change, message) -> None:
    with pytest.raises(PlaybookError, match=message):
        playbook.from_data(_broken(raw, change))


# --- joining the two files --------------------------------------------------------


def _shipped(name: str) -> str:
    return resources.files("ctotui.content").joinpath(name).read_text(encoding="utf-8")


def _files() -> tuple[dict, dict]:
    return tomllib.loads(_shipped("playbook.toml")), tomllib.loads(_shipped("interview.toml"))


def test_merge_joins_by_slug_and_leaves_its_inputs_alone() -> None:
    guide, bank = _files()
    before = copy.deepcopy((guide, bank))
    merged = playbook.merge(guide, bank)
    assert (guide, bank) == before
    assert [t["slug"] for t in merged["interview"]] == list(INTERVIEW_CATEGORIES)
    assert merged["interview"][0]["asks"] == guide["interview"][0]["asks"]  # from playbook.toml
    assert merged["interview"][0]["questions"] == bank["interview"][0]["questions"]  # from interview.toml
    assert "questions" not in guide["interview"][0]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda g, b: b["interview"][1].update(slug="cooking"), r"interview\[1\]\.slug: 'cooking' is not an interview"),
        (lambda g, b: g["interview"][0].update(questions=[]), r"interview\[0\]\.questions: also set in the playbook"),
        (lambda g, b: g.update(scenarios=[]), r"scenarios is also set in the playbook"),
        (lambda g, b: b.update(extra=1), r"interview\.toml: unknown key extra"),
        (lambda g, b: b.update(interview={}), r"interview\.toml: interview: expected a list"),
        (lambda g, b: b["interview"].append("x"), r"interview\[3\]: expected a table"),
    ],
)
def test_merge_names_what_clashes(change, message) -> None:
    guide, bank = _files()
    change(guide, bank)
    with pytest.raises(PlaybookError, match=message):
        playbook.from_data(playbook.merge(guide, bank))


def test_a_category_interview_toml_leaves_out_is_missing_its_questions() -> None:
    guide, bank = _files()
    bank["interview"].pop()
    with pytest.raises(PlaybookError, match=r"interview\[2\]\.criteria: missing"):
        playbook.from_data(playbook.merge(guide, bank))


def test_load_file_reads_interview_toml_beside_the_playbook(tmp_path: Path) -> None:
    (tmp_path / "playbook.toml").write_text(_shipped("playbook.toml"), encoding="utf-8")
    with pytest.raises(PlaybookError, match=r"interview\.toml: cannot read"):
        playbook.load_file(tmp_path / "playbook.toml")
    (tmp_path / "interview.toml").write_text(_shipped("interview.toml"), encoding="utf-8")
    assert playbook.load_file(tmp_path / "playbook.toml") == playbook.load()
    (tmp_path / "other.toml").write_text("scenarios = ", encoding="utf-8")
    with pytest.raises(PlaybookError, match=r"interview\.toml: not valid TOML"):
        playbook.load_file(tmp_path / "playbook.toml", tmp_path / "other.toml")


def test_the_reader_shows_criteria_and_scenarios_but_never_an_outline_or_follow_up() -> None:
    pb = playbook.load()
    text = reader.section(pb, "interview").markdown
    for ic in pb.interview:
        assert all(c.name in text and c.summary in text for c in pb.criteria_for(ic.slug))
    assert all(s.name in text and s.constraint in text for s in pb.scenarios)
    assert all(q.text in text for q in _questions(pb))
    hidden = {line for q in _questions(pb) for line in q.outline + q.follow_ups}
    assert not [line for line in hidden if line in text]  # revealed by the drill, after the answer
