"""A week's report: what it reads from each area by the week's dates, and the Markdown it prints."""

from __future__ import annotations

from datetime import datetime

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from review_helpers import local_time

from ctotui.core.db import open_db
from ctotui.core.drill import bank as drill
from ctotui.core.journal.entries import add_achievement, update_achievement
from ctotui.core.journal.metrics import Metric
from ctotui.core.playbook import RUBRIC
from ctotui.core.review import weekly as review
from ctotui.core.review.report import md, to_markdown, week_report
from ctotui.core.review.weekly import Week
from ctotui.core.skills import stack as skills
from ctotui.core.timeline import plan, selfcheck

W = Week(2026, 11)  # Monday 9 to Sunday 15 March 2026


def at(text: str) -> datetime:
    return datetime.fromisoformat(text + "+00:00")


@pytest.fixture(autouse=True)
def frozen(monkeypatch):
    with local_time(monkeypatch, "2026-03-13T17:00:00+00:00"):
        yield


@pytest.fixture
def week(db):
    """A week with something in every section, and things just outside it that must not show."""
    add_achievement(
        db,
        title="Cut deploy time from 45 to 7 min",
        occurred_on="2026-03-10",
        category="savings",
        skills=["technical-depth"],
        metric="parse",
    )
    add_achievement(db, title="Ran the *first* hiring loop | as lead", occurred_on="2026-03-12", skills=["leadership"])
    add_achievement(db, title="Last week's win", occurred_on="2026-03-08", metric="parse")
    later = add_achievement(db, title="Next week's win", occurred_on="2026-03-08")
    # Dated ahead (as an import may bring one): add_achievement refuses more than a day ahead.
    db.execute("update achievements set occurred_on = '2026-03-16' where id = ?", [later.id])
    db.conn.commit()
    skills.rate(db, "leadership", 2, at=at("2026-02-01T10:00:00"))
    skills.rate(db, "leadership", 3, "Led the loop", at=at("2026-03-13T16:00:00"))
    skills.rate(db, "business", 2, at=at("2026-02-01T10:00:00"))
    skills.rate(db, "business", 2, at=at("2026-03-13T16:01:00"))
    skills.rate(db, "communication", 4, at=at("2026-03-16T09:00:00"))  # the week after: not this week's
    selfcheck.answer_self_check(db, "signal", "sig-metrics", "partly", at=at("2026-02-01T10:00:00"))
    selfcheck.answer_self_check(db, "signal", "sig-metrics", "yes", "Conversion", at=at("2026-03-13T16:02:00"))
    selfcheck.answer_self_check(db, "mistake", "hero-coder", "yes", at=at("2026-03-13T16:03:00"))
    selfcheck.answer_self_check(db, "environment", "env-mentor", "yes", at=at("2026-03-13T16:04:00"))  # not in it
    first, second, third = [i for h in plan.plan(db) for i in h.items][:3]
    review.set_focus(db, W.shifted(-1), first.id, True, at=at("2026-03-06T17:00:00"))
    review.set_focus(db, W.shifted(-1), second.id, True, at=at("2026-03-06T17:00:00"))
    review.complete_review(db, W.shifted(-1), at=at("2026-03-06T17:30:00"))
    plan.set_status(db, first.id, "done", at=at("2026-03-11T12:00:00"))
    review.start_review(db, W, at=at("2026-03-13T16:00:00"))
    review.set_focus(db, W, third.id, True)
    review.save_text(db, W, reflection="Hiring took the week.\n\n- more *pairing*", next_thing="Pair on the script")
    review.complete_review(db, W, at=at("2026-03-13T16:30:00"))
    q = drill.list_questions(db)[0]
    drill.record_attempt(
        db, q.id, "An answer", dict.fromkeys(RUBRIC, 1), 100, now=at("2026-03-12T08:00:00"), fuzz=False
    )
    drill.record_attempt(db, q.id, "Another", dict.fromkeys(RUBRIC, 2), 100, now=at("2026-03-14T08:00:00"), fuzz=False)
    drill.record_attempt(db, q.id, "Too late", dict.fromkeys(RUBRIC, 0), 100, now=at("2026-03-16T08:00:00"), fuzz=False)
    return first, second, third


EXPECTED = """\
# Weekly review · 2026-W11

9–15 Mar 2026 · Reviewed Fri 13 Mar 2026 at 16:30.

## Achievements

- **Cut deploy time from 45 to 7 min** — 45→7 min −84% · Tue 10 Mar · savings · technical depth
- **Ran the \\*first\\* hiring loop \\| as lead** — *no number yet* · Thu 12 Mar · leadership & management

1 of 2 without a number.

## Skills

| Area | Level | This week |
| --- | --- | --- |
| Technical depth | – | not rated yet |
| Product thinking | – | not rated yet |
| Leadership & management | 3 | 2 → 3 ▲ |
| Communication | – | not rated yet |
| Business understanding | 2 | rated again, still 2 |
| Systems thinking | – | not rated yet |

- Leadership & management: Led the loop

## Signals and mistakes

- Signal: You can name the business numbers your work moves. — **yes** (was partly) — Conversion
- Mistake (warning signs seen?): Staying the hero coder — **yes** ⚠

## Plan

This week's focus (chosen in 2026-W10):
- [x] {first}
- [ ] {second}

Done this week:
- [x] {first} (Wed 11 Mar)

Focus for next week:
- [ ] {second}
- [ ] {third}

## Stage

No stage target is ticked or linked yet: tick the ones you have met.

## Drill

2 answers, average 9.0/12: {category} 9.0 (2).

## Reflection

Hiring took the week.

- more *pairing*

## One thing for next week

Pair on the script
"""


def test_the_markdown_report(db, week):
    """The previous review's focus: one done during the week; the one still open is carried over."""
    first, second, third = week
    category = drill.playbook.load().interview_category(drill.list_questions(db)[0].category).name
    expected = EXPECTED.format(first=md(first.text), second=md(second.text), third=md(third.text), category=category)
    assert to_markdown(week_report(db, W)) == expected


def test_a_past_report_does_not_move_when_later_weeks_change_things(db, week):
    before = to_markdown(week_report(db, W))
    skills.rate(db, "leadership", 4, at=at("2026-03-20T10:00:00"))
    selfcheck.answer_self_check(db, "signal", "sig-metrics", "no", at=at("2026-03-20T10:00:00"))
    review.set_focus(db, W.shifted(1), week[1].id, True)
    assert to_markdown(week_report(db, W)) == before


def test_the_achievements_are_shown_as_they_are_now(db, week):
    wins = week_report(db, W).achievements
    update_achievement(db, wins[1].id, metric=Metric(1, 3, "hires", None))
    assert "1→3 hires" in to_markdown(week_report(db, W))


def test_a_week_without_a_review_still_reports_what_happened(db, week):
    text = to_markdown(week_report(db, W.shifted(1)))
    assert "*Not reviewed: this is what the journal, skills, plan and drill recorded that week.*" in text
    assert "**Next week's win** — *no number yet*" in text
    assert "| Communication | 4 | first rated: 4 |" in text
    assert "## Reflection" not in text


def test_a_half_done_review_says_where_it_stopped(db):
    review.set_step(db, W, 3)
    assert "*In progress: stopped at step 3 of 6 (signals and mistakes).*" in to_markdown(week_report(db, W))


def test_json_has_the_same_facts(db, week):
    data = week_report(db, W).to_json()
    assert data["week"] == "2026-W11" and data["review"]["completed"] is True
    assert [a["title"] for a in data["achievements"]][0] == "Cut deploy time from 45 to 7 min"
    lead = next(r for r in data["ratings"] if r["skill"] == "leadership")
    assert (lead["before"], lead["after"], lead["rated"], lead["notes"]) == (2, 3, 1, ["Led the loop"])
    assert [c["item"] for c in data["checks"]] == ["sig-metrics", "hero-coder"]
    assert [f["done"] for f in data["plan"]["focus"]] == [True, False]
    assert (data["drill"]["answers"], data["drill"]["average"]) == (2, 9.0)


def test_md_escapes_what_markdown_would_read():
    assert md("a *b* _c_ [d](e) `f` | g #h <i> &copy;") == r"a \*b\* \_c\_ \[d\](e) \`f\` \| g #h \<i\> \&copy;"
    assert md("two\nlines  spaced") == "two lines spaced"
    # the brag's escaping: what opens a block at the start of a line is escaped there (a "1." item,
    # a "# " heading: the report's own escaping left a title '1. Done' a numbered list)
    assert md("# Not a heading") == r"\# Not a heading" and md("1. Done") == r"1\. Done"


def test_a_busy_week_lists_the_newest_and_says_how_many(db, week):
    report = week_report(db, W, limit=1)
    assert [a.title for a in report.achievements] == ["Ran the *first* hiring loop | as lead"]
    assert report.achievements_total == 2
    assert "The newest 1 of 2 are listed." in to_markdown(report)


def _outline(text: str) -> tuple[list[tuple[str, str]], list[str], list[str]]:
    """The report as a CommonMark viewer reads it: its headings, the raw HTML it would pass on,
    and the text of its paragraphs."""
    from markdown_it import MarkdownIt  # rich's own Markdown parser (a dependency of rich)

    tokens = MarkdownIt("commonmark").parse(text)
    headings = [(t.tag, tokens[i + 1].content) for i, t in enumerate(tokens) if t.type == "heading_open"]
    html = [t.content for t in tokens if t.type == "html_block"]
    html += [c.content for t in tokens if t.type == "inline" for c in t.children or [] if c.type == "html_inline"]
    return headings, html, [t.content for t in tokens if t.type == "inline"]


def _reflected(tmp_path, reflection: str) -> str:
    db = open_db(tmp_path / "r.db")
    try:
        review.save_text(db, W, reflection=reflection, next_thing="Pair on the script")
        return to_markdown(week_report(db, W))
    finally:
        db.close()


def test_the_reflection_cannot_change_the_report_around_it(tmp_path) -> None:
    """An unclosed ``` in the reflection swallowed the "One thing for next week" section, a line
    '# of incidents: 3, down from 7' became a heading and '<script>alert(1)</script>' was raw HTML
    (the app's report pane dropped it). The reflection is made safe as the brag's stories are."""
    reflection = "# of incidents: 3, down from 7\n<script>alert(1)</script>\nStill **proud**.\n```\nnever closed"
    text = _reflected(tmp_path, reflection)
    headings, html, paragraphs = _outline(text)
    assert [h for _, h in headings][-2:] == ["Reflection", "One thing for next week"]
    assert html == []
    assert "Pair on the script" in paragraphs
    assert "\\# of incidents: 3, down from 7\n\\<script>alert(1)\\</script>\nStill **proud**.\n" in text


BITS = ["```", "~~~", "`", "#", "# ", "===", "---", "<script>", "</div>", "<!--", "<b>", "\\", " ", "x", "\n"]


@settings(max_examples=40)
@given(st.lists(st.sampled_from(BITS), min_size=1, max_size=30).map("".join))
@example("```~~~````\n```<script>```")
def test_no_reflection_changes_the_reports_headings_or_passes_html_on(tmp_path_factory, reflection) -> None:
    if not reflection.strip():
        return
    headings, html, paragraphs = _outline(_reflected(tmp_path_factory.mktemp("review"), reflection))
    assert headings == _outline(_reflected(tmp_path_factory.mktemp("plain"), "plain"))[0]
    assert html == []
    assert "Pair on the script" in paragraphs
