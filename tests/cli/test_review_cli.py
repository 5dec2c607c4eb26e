"""`ctotui review` as a user runs it: a week as Markdown or JSON, the list, the review day, bad input."""

from __future__ import annotations

import json
from datetime import datetime

import pytest
from review_helpers import local_time

from ctotui.core.db import open_db
from ctotui.core.journal.entries import add_achievement
from ctotui.core.review import weekly as review
from ctotui.core.review.weekly import Week
from ctotui.core.skills import stack as skills
from ctotui.core.timeline import stages
from ctotui.ui.dates import short_date

NOW = {"CTOTUI_NOW": "2026-03-13T17:00:00+00:00", "TZ": "UTC"}  # Friday of 2026-W11


@pytest.fixture
def database_made(db_path):
    """The database as the app's first start leaves it: a command that only reads creates none."""
    open_db(db_path).close()


@pytest.fixture
def reviewed(db_path, monkeypatch):
    """Two reviewed weeks with an achievement, a rating change and a reflection."""
    for key, value in NOW.items():
        monkeypatch.setenv(key, value)
    db = open_db(db_path)
    add_achievement(db, title="Cut deploy time from 45 to 7 min", occurred_on="2026-03-10", metric="parse")
    add_achievement(db, title="Wrote the on-call handbook", occurred_on="2026-03-11")
    skills.rate(db, "business", 2, at=review.clock.now().replace(day=1))
    skills.rate(db, "business", 3, "Read the margin report")
    review.save_text(db, Week(2026, 10), reflection="Quiet week.", next_thing="Ask for the numbers")
    review.complete_review(db, Week(2026, 10))
    review.save_text(db, Week(2026, 11), reflection="Handbook *done*.", next_thing="Hand over the pager")
    review.complete_review(db, Week(2026, 11))
    db.close()


def test_a_week_as_markdown(run_cli, reviewed):
    out = run_cli("review", "--week", "2026-W11", "--format", "md", check_rc=0, env=NOW).stdout
    assert out.startswith("# Weekly review · 2026-W11\n\n9–15 Mar 2026 · Reviewed Fri 13 Mar 2026 at 17:00.\n")
    assert "- **Cut deploy time from 45 to 7 min** — 45→7 min −84% · Tue 10 Mar" in out
    assert "- **Wrote the on-call handbook** — *no number yet* · Wed 11 Mar" in out
    assert "| Business understanding | 3 | 2 → 3 ▲ |" in out
    assert "- Business understanding: Read the margin report" in out
    assert "## Reflection\n\nHandbook *done*.\n" in out
    assert out.endswith("## One thing for next week\n\nHand over the pager\n")
    # this week is the default, and the same text
    assert run_cli("review", check_rc=0, env=NOW).stdout == out


def test_the_report_says_what_last_weeks_review_set_for_the_week(run_cli, reviewed, db_path):
    """W10's review set "Ask for the numbers" for W11: W11's report said it nowhere (only W10's did).
    It is said as typed (Markdown's characters escaped in md, as they are in JSON)."""
    out = run_cli("review", "--week", "2026-W11", check_rc=0, env=NOW).stdout
    assert "\n\nLast week you said: Ask for the numbers\n\n" in out
    assert "Last week you said" not in run_cli("review", "--week", "2026-W10", check_rc=0, env=NOW).stdout
    db = open_db(db_path)
    review.save_text(db, Week(2026, 10), next_thing="Ask *why* <twice>")
    db.close()
    assert "Last week you said: Ask \\*why\\* \\<twice\\>\n" in run_cli("review", check_rc=0, env=NOW).stdout
    data = json.loads(run_cli("review", "--week", "2026-W11", "--json", check_rc=0, env=NOW).stdout)
    assert data["one_thing_set_last_week"] == "Ask *why* <twice>"


def test_a_week_as_json(run_cli, reviewed):
    data = json.loads(run_cli("review", "--week", "last", "--format", "json", check_rc=0, env=NOW).stdout)
    assert data["week"] == "2026-W10" and data["review"]["reflection"] == "Quiet week."
    assert data["achievements"] == [] and data["monday"] == "2026-03-02"


def test_the_list_and_its_json(run_cli, reviewed):
    out = run_cli("review", "--list", check_rc=0, env=NOW).stdout.splitlines()
    assert out[0].split() == ["Week", "Dates", "Status", "Focus", "One", "thing", "for", "next", "week"]
    assert out[1].split()[:7] == ["2026-W11", "9–15", "Mar", "2026", "done", "13", "Mar"]  # this year: no year
    assert out[1].endswith("Hand over the pager") and out[2].startswith("2026-W10")
    assert out[-1] == "Streak: 2 weeks (longest 2) · 2 done · review day: Friday"
    data = json.loads(run_cli("review", "--list", "--json", check_rc=0, env=NOW).stdout)
    assert [r["week"] for r in data["reviews"]] == ["2026-W11", "2026-W10"]
    assert data["streak"] == {"current": 2, "longest": 2, "total": 2, "last": "2026-W11"}
    assert data["review_day"] == "friday"


@pytest.mark.usefixtures("database_made")
def test_an_empty_list(run_cli):
    out = run_cli("review", "--list", check_rc=0, env=NOW).stdout
    assert out == "No reviews yet. Open the app and press w (review day: Friday).\n"


def test_the_review_day(run_cli, db_path):
    assert run_cli("review", "--weekday", "sun", check_rc=0, env=NOW).stdout == "Review day: Sunday\n"
    db = open_db(db_path)
    assert review.review_weekday(db) == 6
    db.close()
    proc = run_cli("review", "--weekday", "someday", check_rc=2, env=NOW)
    assert proc.stderr == "ctotui: bad weekday 'someday': use a day's name (mon, tue, ... sun) or 1-7 with Monday = 1\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--week", "2026-W54"], "bad week '2026-W54': 2026 has weeks 1 to 53"),
        (["--week", "2025-W53"], "bad week '2025-W53': 2025 has weeks 1 to 52"),
        (["--week", "the tuesday after"], "bad week 'the tuesday after': use YYYY-Www, e.g. 2026-W48"),
        (["--list", "--week", "2026-W10"], "use one of --week, --list and --weekday at a time"),
        (["--json", "--format", "md"], "--json and --format md ask for two formats: use one"),
        (["--week", "2026-W12"], "2026-W12 (16–22 Mar 2026) has not started yet: a review looks back at a week"),
        (["--week", "2030-W01"], "2030-W01 (31 Dec 2029 – 6 Jan 2030) has not started yet"),
        (["--week", "in 2 weeks"], "2026-W13 (23–29 Mar 2026) has not started yet"),
        # given empty (a script's unset variable): the review was printed, as if the option was not given
        (["--weekday", ""], "bad weekday '': use a day's name"),
        (["--week", ""], "'' is not a week: give one (2026-W48, this, last, a day in it) or leave --week out"),
        (["--weekday", "", "--week", "2026-W10"], "use one of --week, --list and --weekday at a time"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(run_cli, db_path, args, message):
    proc = run_cli("review", *args, check_rc=2, env=NOW)
    assert proc.stdout == "" and len(proc.stderr.splitlines()) == 1
    assert proc.stderr.startswith(f"ctotui: {message}")
    assert not db_path.exists()  # refused before the database was opened


@pytest.mark.usefixtures("database_made")
def test_json_prints_the_weeks_review_as_format_json_does(run_cli):
    as_json = run_cli("review", "--week", "2026-W10", "--json", check_rc=0, env=NOW).stdout
    assert as_json == run_cli("review", "--week", "2026-W10", "--format", "json", check_rc=0, env=NOW).stdout
    assert json.loads(as_json)["week"]


@pytest.mark.usefixtures("database_made")
def test_week_53_report(run_cli):
    out = run_cli(
        "review", "--week", "2026-w53", check_rc=0, env={**NOW, "CTOTUI_NOW": "2027-01-10T10:00:00+00:00"}
    ).stdout
    assert out.startswith("# Weekly review · 2026-W53\n\n28 Dec 2026 – 3 Jan 2027 · *Not reviewed")


def test_on_day_one_the_default_week_is_this_week(run_cli, db_path):
    """A new user on Monday 2 March 2026 (nothing before it): `ctotui review` printed 2026-W09, the
    week before they started; it prints this week, W10."""
    monday = {"CTOTUI_NOW": "2026-03-02T09:00:00+00:00", "TZ": "UTC"}
    run_cli("add", "Set up the journal", check_rc=0, env=monday)
    assert run_cli("review", check_rc=0, env=monday).stdout.startswith("# Weekly review · 2026-W10\n")


def test_the_default_week_is_the_one_the_app_opens_on(run_cli, reviewed):
    """On Monday of 2026-W12, before the review day, with W11 reviewed: this week (with it
    not reviewed, last week: the test below; as the app's review and Home's action)."""
    monday = {"CTOTUI_NOW": "2026-03-16T09:00:00+00:00", "TZ": "UTC"}
    assert run_cli("review", check_rc=0, env=monday).stdout.startswith("# Weekly review · 2026-W12\n")


def test_the_default_week_is_last_week_while_it_is_due(run_cli, db_path):
    monday = {"CTOTUI_NOW": "2026-03-16T09:00:00+00:00", "TZ": "UTC"}
    run_cli("review", "--weekday", "fri", check_rc=0, env=monday)
    run_cli("add", "Wrote the on-call handbook", "--date", "2026-03-12", check_rc=0, env=monday)  # a week to review
    assert run_cli("review", check_rc=0, env=monday).stdout.startswith("# Weekly review · 2026-W11\n")
    help_text = " ".join(run_cli("review", "--help", check_rc=0).stdout.split())
    assert "default: the week the app's review opens on" in help_text


@pytest.mark.parametrize("today", ["2026-03-16T09:00:00+01:00", "2026-03-17T09:00:00+01:00"])
def test_a_monday_review_day_prints_the_week_that_ended(run_cli, db_path, today):
    """With Monday as the review day, on Monday and Tuesday of 2026-W12 the review is of W11, which
    holds the wins (it was the new, empty W12, and W11 then counted as missed)."""
    berlin = {"TZ": "Europe/Berlin"}
    run_cli("review", "--weekday", "mon", check_rc=0, env={**berlin, "CTOTUI_NOW": today})
    db = open_db(db_path)
    add_achievement(db, title="Cut deploy time from 45 to 7 min", occurred_on="2026-03-12", metric="parse")
    db.close()
    out = run_cli("review", check_rc=0, env={**berlin, "CTOTUI_NOW": today}, process=True).stdout
    assert out.startswith("# Weekly review · 2026-W11\n\n9–15 Mar 2026 ·")
    assert "Cut deploy time from 45 to 7 min" in out


def test_the_list_keeps_the_streak_while_last_week_is_still_due(run_cli, db_path):
    """Monday 4 Jan 2027 at 00:30 in Berlin: 2026-W53 is the week due, not missed; the streak stays."""
    db = open_db(db_path)
    for n in (50, 51, 52):
        review.complete_review(db, Week(2026, n))
    db.close()
    monday = {"CTOTUI_NOW": "2027-01-04T00:30:00+01:00", "TZ": "Europe/Berlin"}
    out = run_cli("review", "--list", check_rc=0, env=monday, process=True).stdout
    assert out.splitlines()[-1] == "Streak: 3 weeks (longest 3) · 3 done · review day: Friday"
    assert "Review streak: 3 weeks." in run_cli("review", check_rc=0, env=monday).stdout  # W53's report
    friday = {"CTOTUI_NOW": "2027-01-08T10:00:00+01:00", "TZ": "Europe/Berlin"}  # W53 no longer due: missed
    assert run_cli("review", "--list", check_rc=0, env=friday).stdout.splitlines()[-1].startswith("Streak: 0 weeks")


def test_the_list_dates_a_review_of_another_year_with_its_year_as_the_history_does(run_cli, db_path, monkeypatch):
    db = open_db(db_path)
    review.complete_review(db, Week(2026, 52), at=datetime.fromisoformat("2026-12-25T17:00:00+00:00"))
    db.close()
    january = {"CTOTUI_NOW": "2027-01-04T00:30:00+01:00", "TZ": "Europe/Berlin"}
    line = run_cli("review", "--list", check_rc=0, env=january, process=True).stdout.splitlines()[1]
    assert line.split()[:8] == ["2026-W52", "21–27", "Dec", "2026", "done", "25", "Dec", "2026"]
    with local_time(monkeypatch, january["CTOTUI_NOW"], january["TZ"]):  # the History's words for it
        assert short_date("2026-12-25T17:00:00+00:00") == "25 Dec 2026"


def test_next_asks_for_nothing_once_a_monday_review_is_done(run_cli, db_path):
    """With Monday as the review day, reviewing last week on Monday made `next` ask to review the week
    that had just started ("today is your review day … review-due:2026-W12"), and `review` print it."""
    monday = {"CTOTUI_NOW": "2026-03-16T10:00:00+01:00", "TZ": "Europe/Berlin"}
    run_cli("review", "--weekday", "mon", check_rc=0, env=monday)
    db = open_db(db_path)
    review.complete_review(db, Week(2026, 10), at=datetime.fromisoformat("2026-03-09T18:00:00+00:00"))
    db.close()
    before = run_cli("next", check_rc=0, env=monday, process=True).stdout
    assert "review-due:2026-W11" in before
    db = open_db(db_path)
    review.complete_review(db, Week(2026, 11))
    db.close()
    for day in ("2026-03-16", "2026-03-18", "2026-03-22"):  # that Monday, Wednesday, Sunday
        env = {**monday, "CTOTUI_NOW": f"{day}T10:00:00+01:00"}
        out = run_cli("next", check_rc=0, env=env, process=True).stdout
        assert "Do the weekly review" not in out and "review-due" not in out, day
        assert run_cli("review", check_rc=0, env=env).stdout.startswith("# Weekly review · 2026-W11\n"), day
    next_monday = {**monday, "CTOTUI_NOW": "2026-03-23T10:00:00+01:00"}
    assert "review-due:2026-W12" in run_cli("next", check_rc=0, env=next_monday, process=True).stdout


def test_the_reflection_shows_as_typed_and_keeps_the_one_thing_after_it(run_cli, reviewed, db_path):
    """`ctotui review --week this`: an unclosed ``` in the reflection made the "One thing for next
    week" section code, a '# of incidents' line was a heading, a '<script>' line raw HTML."""
    db = open_db(db_path)
    review.save_text(db, Week(2026, 11), reflection="# of incidents: 3\n<script>alert(1)</script>\n```\nopen")
    db.close()
    out = run_cli("review", "--week", "this", check_rc=0, env=NOW).stdout
    reflection = out.split("## Reflection\n\n")[1].split("\n\n## One thing for next week\n\n")
    assert reflection[0] == "\\# of incidents: 3\n\\<script>alert(1)\\</script>\n```\nopen\n```"
    assert reflection[1] == "Hand over the pager\n"


def test_a_week_in_which_the_evidence_moved_the_stage(run_cli, db_path, monkeypatch):
    """The review covered achievements, skills, signals, plan and drill, never the stage: a week in
    which a link made on 13 Feb moved the user from Technical leader to Executive in training said
    nothing of it. Both formats say it now, and the same on a later day after more ticks."""
    db = open_db(db_path)
    first = datetime.fromisoformat("2026-02-01T09:00:00+00:00")
    for target in ["eng-tricky-bugs", "eng-visible-work", "eng-how-it-connects", "eng-monthly-ship"]:
        stages.set_target(db, target, True, at=first)
    for target in ["tl-multi-month", "tl-partners", "ex-manage-managers", "ex-exec-exposure", "ex-budget"]:
        stages.set_target(db, target, True, at=first)
    monkeypatch.setenv(
        "CTOTUI_NOW", "2026-02-13T09:00:00+00:00"
    )  # the link's time (local_time would undo the db's path)
    doc = add_achievement(db, title="Wrote the *payments* design doc", occurred_on="2026-02-13").id
    stages.link_evidence(db, "tl-design-docs", doc)
    monkeypatch.delenv("CTOTUI_NOW")
    db.close()
    then = {"CTOTUI_NOW": "2026-02-16T08:00:00+00:00", "TZ": "UTC"}
    data = json.loads(run_cli("review", "--week", "2026-W07", "--format", "json", check_rc=0, env=then).stdout)
    moved = "Your evidence moved you to Executive in training this week (3 of 6 targets met · 1 more to move on)."
    assert data["stage"]["sentence"] == moved
    assert (data["stage"]["before"]["stage"], data["stage"]["after"]["stage"]) == ("tech-leader", "exec-in-training")
    assert data["stage"]["targets_met"] == [
        {
            "id": "tl-design-docs",
            "text": "Write design docs and invite senior engineers to critique them.",
            "ticked": False,
            "evidence": ["Wrote the *payments* design doc"],
        }
    ]
    out = run_cli("review", "--week", "2026-W07", check_rc=0, env=then).stdout
    assert out.count(moved) == 2  # the paragraph, and the Stage section
    assert "— evidence: **Wrote the \\*payments\\* design doc**" in out
    db = open_db(db_path)
    stages.set_target(db, "ex-hiring-plan", True, at=datetime.fromisoformat("2026-02-20T09:00:00+00:00"))
    db.close()
    later = {"CTOTUI_NOW": "2026-03-13T17:00:00+00:00", "TZ": "UTC"}
    assert (
        json.loads(run_cli("review", "--week", "2026-W07", "--json", check_rc=0, env=later).stdout)["stage"]
        == (data["stage"])
    )
