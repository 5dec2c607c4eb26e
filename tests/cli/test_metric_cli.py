"""--metric and --no-metric on add and edit, a bad metric, and the metric in --json."""

from __future__ import annotations

import json

import pytest
from process_tools import run_at_a_terminal, run_process


def show(run_cli, entry_id: str) -> dict:
    return json.loads(run_cli("show", entry_id, "--json", check_rc=0).stdout)


@pytest.mark.parametrize(
    ("title", "options", "kind", "values", "badge"),
    [
        ("Faster deploys", ["--metric", "45 -> 7 min"], "change", (45, 7, "min", -84.4, None), "45→7 min −84%"),
        ("Cheaper CI", ["--metric", "$12k/month"], "amount", (None, 12000, "$", None, "mo"), "$12k/mo"),
        ("Acme deal", ["--metric", "$250k ARR"], "amount", (None, 250000, "$ ARR", None, "yr"), "$250k ARR"),
        ("Unblocked 3 teams", [], "count", (None, 3, "teams", None, None), "3 teams"),
        (
            "Hired 2 senior engineers in 6 weeks",
            [],
            "count",
            (None, 2, "senior engineers", None, None),
            "2 senior engineers",
        ),
        ("SSO", ["--metric", "in 6 weeks"], "duration", (None, 6, "wk", None, None), "6 weeks"),
        ("Pages", ["--metric", "2x faster"], "multiple", (None, 2, "x", 100, None), "2× faster"),
        ("Cost", ["--metric", "by 30%"], "percent", (None, None, "%", 30, None), "+30%"),
        ("Churn", ["--metric", "churn -3 pts"], "points", (None, -3, "pts", None, None), "churn −3 pts"),
        ("Cut churn", ["--metric", "12.25 pts"], "points", (None, 12.25, "pts", None, None), "+12.25 pts"),
        ("Churn", ["--metric", "-1.5 percentage points"], "points", (None, -1.5, "pts", None, None), "−1.5 pts"),
        ("Churn", ["--metric", "-25 bps"], "points", (None, -25, "bps", None, None), "−25 bps"),
        ("Saved time", ["--metric", "saved 5 hours a week"], "duration", (None, 5, "h", None, "wk"), "5 hours/wk"),
        ("Saved 3 engineer-hours each week", [], "duration", (None, 3, "h", None, "wk"), "3 hours/wk"),
        ("Shipped 3 releases a day", [], "count", (None, 3, "releases", None, "d"), "3 releases/d"),
    ],
)
def test_json_carries_the_kind_and_values(run_cli, title, options, kind, values, badge):
    entry_id = run_cli("add", title, *options, check_rc=0).stdout.strip()
    data = show(run_cli, entry_id)
    assert data["metric_kind"] == kind
    got = tuple(data[k] for k in ("metric_before", "metric_after", "metric_unit", "metric_change_pct", "metric_period"))
    assert got == values
    assert data["metric_badge"] == badge
    assert data["metric_origin"] == ("user" if options else "parsed")
    listed = run_cli("list", check_rc=0).stdout
    assert badge in listed and "add a number?" not in listed
    assert json.loads(run_cli("list", "--json", check_rc=0).stdout)[0]["metric_kind"] == kind


def test_no_metric_goes_without_and_an_edit_of_the_title_does_not_read_one(run_cli):
    entry_id = run_cli("add", "Cut build 10 to 4 min", "--no-metric", check_rc=0).stdout.strip()
    data = show(run_cli, entry_id)
    assert (data["metric_kind"], data["metric_badge"]) == (None, None)
    assert "(add a number?)" in run_cli("list", check_rc=0).stdout
    run_cli("edit", entry_id, "Cut build 12 to 4 min", check_rc=0)
    assert show(run_cli, entry_id)["metric_badge"] is None  # the user said: no number
    run_cli("edit", entry_id, "--metric", "12 -> 4 min", check_rc=0)
    assert show(run_cli, entry_id)["metric_badge"] == "12→4 min −67%"
    run_cli("edit", entry_id, "Cut build 12 to 3 min", check_rc=0)
    assert show(run_cli, entry_id)["metric_badge"] == "12→4 min −67%"  # given by hand: kept
    run_cli("edit", entry_id, "--no-metric", check_rc=0)
    assert show(run_cli, entry_id)["metric_badge"] is None


def test_a_parsed_metric_follows_an_edited_title(run_cli):
    entry_id = run_cli("add", "Unblocked 3 teams", check_rc=0).stdout.strip()
    run_cli("edit", entry_id, "Unblocked 4 teams", check_rc=0)
    assert show(run_cli, entry_id)["metric_badge"] == "4 teams"
    # words that hold no number take away the number read from the words before them (the edit kept
    # "4 teams" on "Ran the offsite"), as the app's form does; a body that holds one gives it
    run_cli("edit", entry_id, "Ran the offsite", check_rc=0)
    data = show(run_cli, entry_id)
    assert (data["metric_badge"], data["metric_origin"]) == (None, None)
    assert "(add a number?)" in run_cli("list", check_rc=0).stdout
    run_cli("edit", entry_id, "--body", "Brought 12 managers together", check_rc=0)
    assert show(run_cli, entry_id)["metric_badge"] == "12 managers"
    run_cli("edit", entry_id, "--metric", "40 people", check_rc=0)
    run_cli("edit", entry_id, "Ran the offsite again", "--body", "", check_rc=0)
    assert show(run_cli, entry_id)["metric_badge"] == "40 people"  # given by hand: kept


@pytest.mark.parametrize(
    ("metric", "message"),
    [
        ("reduced by 150%", "a reduction of 150% is not possible"),
        ("-3 days", "a duration cannot be negative"),
        ("soon", "no number to read in the metric 'soon'"),
        ("42", "cannot read the metric '42': nothing after 42 says what it measures"),
        ("10 hours per sprint", "a sprint is no set length of time: give the number per week or per month"),
    ],
)
def test_a_bad_metric_is_refused_in_one_line_and_nothing_is_written(run_cli, metric, message):
    proc = run_cli("add", "Something", "--metric", metric, check_rc=2)
    assert proc.stdout == ""
    assert proc.stderr.count("\n") == 1 and message in proc.stderr and "Traceback" not in proc.stderr
    assert json.loads(run_cli("list", "--json", check_rc=0).stdout) == []
    entry_id = run_cli("add", "Unblocked 3 teams", check_rc=0).stdout.strip()
    proc = run_cli("edit", entry_id, "--metric", metric, check_rc=2)
    assert proc.stderr.count("\n") == 1 and message in proc.stderr
    assert show(run_cli, entry_id)["metric_badge"] == "3 teams"


def test_metric_and_no_metric_together_are_refused(run_cli):
    proc = run_cli("add", "x", "--metric", "3 teams", "--no-metric", check_rc=2)
    assert "not allowed with" in proc.stderr


def test_an_impossible_number_in_the_title_is_not_read_and_said(run_cli, db):
    proc = run_cli("add", "Reduced costs by 150%", check_rc=0)
    assert proc.stderr.count("\n") == 1 and "“by 150%” was not read" in proc.stderr and "--metric" in proc.stderr
    assert show(run_cli, proc.stdout.strip())["metric_badge"] is None


@pytest.mark.parametrize(
    ("title", "options", "badge"),
    [
        ("Cut AWS bill from $10k/month to $8k/month", ["--category", "savings"], "$10k→$8k/mo −20%"),
        ("Cheaper storage", ["--metric", "$1.5M/yr -> $1.2M/yr"], "$1.5M→$1.2M/yr −20%"),
        ("Cut build from 1h 30m to 20m", [], "90→20 min −78%"),
        ("Improved uptime from 99.9% to 99.99%", [], "99.9→99.99% +0.09 pts"),
        ("Improved uptime from 99.95% to 99.999%", [], "99.95→99.999% +0.049 pts"),
    ],
)
def test_list_show_and_the_brag_document_show_the_number_as_written(run_cli, title, options, badge):
    entry_id = run_cli("add", title, *options, check_rc=0).stdout.strip()
    assert badge in run_cli("list", check_rc=0).stdout
    assert f"metric    {badge}\n" in run_cli("show", entry_id, check_rc=0).stdout
    assert f"**{badge}**" in run_cli("export", "--format", "md", check_rc=0).stdout


def test_an_escape_sequence_in_the_title_goes_whole_and_leaves_no_number(run_cli):
    entry_id = run_cli("add", "Evil \x1b[31mred\x1b[0m", check_rc=0, process=True).stdout.strip()
    data = show(run_cli, entry_id)
    assert (data["title"], data["metric_badge"]) == ("Evil red", None)


def test_the_brag_document_gives_a_yearly_figure_only_for_a_stated_period_and_no_cost_that_went_up(run_cli):
    for title in [
        "Cut costs from $10k to $12k",
        "Cut one-off migration cost from $50k to $20k",
        "Cut AWS bill from $10k/month to $8k/month",
    ]:
        run_cli("add", title, "--category", "savings", check_rc=0)
    brag = run_cli("export", "--format", "md", check_rc=0).stdout
    numbers = brag[brag.index("## Strongest numbers") :].split("\n## ")[0]
    assert "1. **$50k→$20k −60%**: Cut one-off migration cost" in numbers  # $30k once, not "$30k a year"
    assert "2. **$10k→$8k/mo −20%** ($24k a year): Cut AWS bill" in numbers
    assert "$12k" not in numbers and "a year" not in numbers.replace("($24k a year)", "")


@pytest.mark.parametrize("sep", [" ", "\u00a0", "\u202f", "'"])
def test_thousands_grouped_with_a_space_or_an_apostrophe_are_one_number(run_cli, sep):
    entry_id = run_cli("add", "Onboarding", "--metric", f"1{sep}000 users", check_rc=0).stdout.strip()
    data = show(run_cli, entry_id)
    assert (data["metric_after"], data["metric_unit"], data["metric_origin"]) == (1000, "users", "user")
    run_cli("add", f"Latency from 1{sep}200 ms to 300 ms", check_rc=0)
    assert "1,200→300 ms −75%" in run_cli("list", "--limit", "1", check_rc=0).stdout


@pytest.mark.parametrize(
    ("metric", "message"),
    [
        ("from 1 to 1e308", "scientific notation"),
        ("1e6 users", "scientific notation"),
        ("from 1 to " + "9" * 400, "too large"),
    ],
)
def test_a_number_in_scientific_notation_or_too_large_is_refused_in_one_line(run_cli, metric, message):
    proc = run_cli("add", "Something", "--metric", metric, check_rc=2)
    assert proc.stdout == ""
    assert proc.stderr.count("\n") == 1 and message in proc.stderr and "Traceback" not in proc.stderr
    assert json.loads(run_cli("list", "--json", check_rc=0).stdout) == []


def test_a_multiple_below_one_is_shown_as_written_and_never_as_minus_100_percent(run_cli):
    entry_id = run_cli("add", "Something", "--metric", "0.0001x", check_rc=0).stdout.strip()
    assert show(run_cli, entry_id)["metric_badge"] == "0.0001× −99.99%"


def test_points_with_decimals_are_read_as_a_process_sees_it(run_cli, db):
    """`add "Cut churn" --metric "12.25 pts"` exited 2: "no number to read in the metric '12.25 pts'"."""
    proc = run_cli("add", "Cut churn", "--metric", "12.25 pts", check_rc=0, process=True)
    assert proc.stderr == ""
    listed = json.loads(run_cli("list", "--json", check_rc=0, process=True).stdout)
    assert [(e["metric_kind"], e["metric_after"], e["metric_badge"]) for e in listed] == [
        ("points", 12.25, "+12.25 pts")
    ]


def test_time_saved_a_week_keeps_its_week_in_list_show_and_the_brag_document(run_cli):
    """`--metric "saved 5 hours a week"` was stored as 5 hours, once (metric_period null)."""
    entry_id = run_cli("add", "Saved time", "--metric", "saved 5 hours a week", check_rc=0, process=True).stdout.strip()
    run_cli("add", "Shipped SSO in 2 weeks", check_rc=0)
    data = show(run_cli, entry_id)
    assert (data["metric_after"], data["metric_unit"], data["metric_period"]) == (5, "h", "wk")
    assert "5 hours/wk" in run_cli("list", check_rc=0).stdout
    assert "metric    5 hours/wk\n" in run_cli("show", entry_id, check_rc=0).stdout
    brag = run_cli("export", "--format", "md", check_rc=0).stdout
    numbers = brag[brag.index("## Strongest numbers") :].split("\n## ")[0]
    assert "1. **5 hours/wk** (260 hours a year): Saved time" in numbers  # time saved, not a shortest duration
    assert "2. **2 weeks**: Shipped SSO in 2 weeks" in numbers


def test_an_import_of_an_older_export_holds_todays_numbers(run_cli, tmp_path):
    """`ctotui import old.json` wrote the older parser's numbers in, after the database's re-read."""
    run_cli("add", "Saved 5 hours a week on releases", check_rc=0)
    run_cli("add", "Closed the Acme deal", "--metric", "3 deals", check_rc=0)
    old = tmp_path / "old.json"
    run_cli("export", "-o", str(old), check_rc=0)
    data = json.loads(old.read_text(encoding="utf-8"))
    del data["metric_parser"]  # as an older ctotui wrote it: format version 1, no parser version
    data["version"] = 1
    for row in data["tables"]["achievements"]:
        if row["metric_origin"] == "parsed":
            row.update(metric_after=5, metric_unit="h", metric_kind="duration", metric_period=None)  # the week lost
    old.write_text(json.dumps(data), encoding="utf-8")
    fresh = tmp_path / "fresh.db"
    run_cli("--db", str(fresh), "import", str(old), check_rc=0, process=True)
    listed = json.loads(run_cli("--db", str(fresh), "list", "--json", check_rc=0, process=True).stdout)
    assert {e["title"]: (e["metric_badge"], e["metric_origin"]) for e in listed} == {
        "Saved 5 hours a week on releases": ("5 hours/wk", "parsed"),
        "Closed the Acme deal": ("3 deals", "user"),
    }


def test_points_in_the_title_that_do_not_say_which_way_are_named_in_the_note(run_cli, db):
    proc = run_cli("add", "Churn 12.25 pts", check_rc=0)
    assert proc.stderr.count("\n") == 1 and "“12.25 pts” was not read: say which way it went" in proc.stderr
    assert "no number" not in proc.stderr
    assert show(run_cli, proc.stdout.strip())["metric_badge"] is None


def test_at_a_terminal_add_and_edit_say_what_number_they_read(tmp_path):
    """ "Migrated 3 of 7 services" was read as "7 services" and nothing said so until `list`. At a
    terminal, add and edit say the number they read from the words, and how to change it; a script
    (stderr not a terminal) gets the id alone, as before; a number given with --metric is not repeated."""
    pytest.importorskip("pty")
    db = str(tmp_path / "j.db")
    run_process("--db", db, "add", "Ran the offsite")  # the journal exists: no "started" line below
    code, out, shown = run_at_a_terminal("--db", db, "add", "Migrated 3 of 7 services to k8s")
    assert (code, out) == (0, "2\n")
    assert shown == "ctotui: number: 3 of 7 services, read from the words (ctotui edit 2 --metric TEXT changes it)\n"
    code, out, shown = run_at_a_terminal("--db", db, "edit", "2", "--title", "Served 50k requests/sec")
    assert (code, out) == (0, "2\n")
    assert shown == "ctotui: number: 50,000 requests/s, read from the words (ctotui edit 2 --metric TEXT changes it)\n"
    for args in (("add", "Cut p99 from 900ms to 200ms", "--metric", "900 -> 200 ms"), ("add", "Ran the retro")):
        code, out, shown = run_at_a_terminal("--db", db, *args)
        assert (code, shown) == (0, ""), args
    done = run_process("--db", db, "add", "Migrated 3 of 7 services to k8s")
    assert (done.returncode, done.stdout, done.stderr) == (0, "5\n", "")
