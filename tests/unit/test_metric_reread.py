"""Parsed metrics read again when the parser changes (core/journal/metric_store.py).

A fix of the parser ("by 20% to $1.2M" is not a change from 20 to 1.2M) helped only entries
saved after it: every entry saved before kept the wrong number, at the top of the brag document.
Opening a database to write reads every parser-made metric again, once per parser version.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys

from ctotui.core.db import open_db
from ctotui.core.dbread import open_current
from ctotui.core.journal.entries import add_achievement, get_achievement
from ctotui.core.journal.metric_store import PARSER_VERSION, reread_parsed_metrics, stored_parser_version
from ctotui.core.journal.metrics import Metric, parse_metric

# What the parser makes of these is pinned below by a fingerprint for each PARSER_VERSION.
CORPUS = (
    "Cut p95 latency from 480ms to 120ms",
    "Cut p99 latency 900 -> 250 ms",
    "Reduced the AWS bill by 32%",
    "Saved $140k a year by retiring the old billing stack",
    "Grew revenue by 20% to $1.2M",
    "Grew ARR from $3M to $4M",
    "Grew ARR to $4M from $3M",
    "Cut latency by 40% to 300 ms",
    "Cut latency by 40% to 0 ms",
    "Scaled checkout to take 10x the launch-day peak",
    "Phase 2 shipped to 40 teams",
    "Hired 4 engineers in 6 weeks",
    "Uptime 99.95% over the quarter",
    "Onboarding went from 3 weeks to 4 days",
    "Build time 12 min -> 4 min",
    "Closed 3 enterprise deals worth €1.234.567",
    "Saved 200 engineering hours per quarter",
    "Mentored two engineers to senior",
    "Ran the Q3 planning offsite",
    "Moved search to Postgres in 6 weeks with no downtime",
    "Error rate down from 2.5% to 0.4%",
    "NPS up 12 points",
    "Led the v2.3.1 release across 5 teams",
    "Saved 5 hours a week of release toil",
    "Saved 3 engineer-hours each week",
    "Cut toil from 10 to 2 hours a week",
    "Shipped 3 releases a day",
    "Cut churn 25 bps",
    "Saved 10 hours per sprint",
    "Cut the cost of a deploy from $12 to $5 per deploy",
    "Handled 40 tickets per engineer",
    "Improved the margin from -5% to 12%",
    "Raised NPS from -10 to 25",
    "Cut losses from -$2M to -$0.5M",
    "Raised NPS from 10 to 25 points",
    "Grew the team 3x to 45 engineers",
    "Raised availability to 99.99%",
    "Cut costs up to 40%",
    "Improved developer NPS from +5 to +40",
    "Led the migration of 200+ services",
    "Cut p50 latency in half",
    "Cut tickets from ~200 to ~50 a week",
    "Raised NPS 10 -> 25",
    "Reduced on-call escalations by two thirds",
    "Migrated 3 of 7 services to k8s",
    "Ran 2 of the 5 sessions",
    "Served 50k requests/sec",
    "Grew weekly active users 25% MoM",
    "Reduced p99 latency by 120ms",
    "Kept p99 under 200ms",
    "Churn fell below 2%",
    "Automated 80% of release steps",
    "Cut build from 20 min to under 5 min",
    "Cut costs by 20 to 30%",
    "Reduced cost by 20-30%",
    "Cut deploy from an hour to 15 minutes",
)
# The current version's answers on CORPUS. A text added to CORPUS with no change of the parser: record
# its new fingerprint under the same version. The parser reading any text differently: a new version.
# 4: "by 40% to 0 ms" is −40%, not 0→0 (3ada2cfdebc86815, on the corpus then).
# 5: time and counts keep their period ("5 hours a week" is 5 h/wk, not 5 hours once; "per sprint" is
# refused, not read as once), "engineer-hours" are hours, basis points are read ("churn 25 bps").
# 6: money and counts keep the thing they are per ("$5 per deploy", "40 tickets per engineer"), not "$5".
# 7: a change reads the sign of its numbers ("from -5% to 12%" is −5→12%, +17 pts, not "−5%"; NPS "from
# -10 to 25" is read; "-$2M" is a loss, not $2M).
# 8: a change between two levels in points is their difference ("10→25 pts +15"), not a percentage (+150%).
# 9: a multiple and the level it reached is a change to that level ("grew the team 3x to 45 engineers" is
# 15→45 engineers +200%), not a change from the multiple (3→45, +1400%).
# 10: a percentage after "to" is the level reached ("raised availability to 99.99%" is 99.99%, not a
# change of +99.99%); "up to 40%" is as much as 40% ("cut costs up to 40%" is −40%, not +40%); a level
# may carry a plus sign ("from +5 to +40"); "200+ services" is a count; "cut ... in half" is −50%.
# 11: a level may be approximate ("from ~200 to ~50" is 200→50, not nothing).
# 12: a change of a net promoter score is in points ("raised NPS 10 -> 25" is 10→25 pts +15, not +150%).
# 13: a share of the whole ("cut escalations by two thirds" is −66.7%, "by a quarter", "by a third").
# 14: the part of a whole that was done ("migrated 3 of 7 services" is 3 of 7 services, not 7 services).
# 15: a rate per second, minute or hour stays in the unit ("50k requests/sec" is 50,000 requests/s, not
# 50,000 requests).
# 16: a percentage compared with the period before ("grew weekly active users 25% MoM") finds the word
# saying which way further back (six words, not three): +25%, not nothing.
# 17: a latency is read as the size of a change ("reduced p99 by 120ms" is 120 ms, not nothing) or a
# level kept under ("kept p99 under 200ms"); a percentage after "under", "below" or "less than" is the
# level ("churn fell below 2%" is 2%, not −2%).
# 18: the share of a whole that was done ("automated 80% of release steps") is that level: 80%, not nothing.
# 19: a level reached given as a bound ("from 20 min to under 5 min" is 20→5 min −75%, not 20 minutes; "from
# 5% to below 1%" is 5→1%, not −5%); a range is not its upper bound ("by 20 to 30%", "by 20-30%", "2-3x",
# "20–30 hours" read nothing, not 50→30% −20 pts, −30%, 3×, 30 hours).
# 20: the level after a change whose before is not read is not how long something took ("from an hour to
# 15 minutes", "from 1h30 to 20 min" read nothing, not 15 minutes and 20 minutes).
FINGERPRINTS = {20: "98c068879355f8b6"}


def fingerprint() -> str:
    answers = "\n".join(repr(parse_metric(text)) for text in CORPUS)
    return hashlib.sha256(answers.encode()).hexdigest()[:16]


def test_a_change_in_the_parsers_answers_comes_with_a_new_version() -> None:
    """Without a new PARSER_VERSION a user's stored numbers would never be read again."""
    assert FINGERPRINTS.get(PARSER_VERSION) == fingerprint(), (
        f"the parser reads the corpus differently ({fingerprint()}): raise PARSER_VERSION in "
        "core/journal/metric_version.py and add the new fingerprint here"
    )


def _as_an_older_parser_left_it(path, wrong: Metric) -> tuple[int, int, int]:
    """Three entries: one whose parsed number is ``wrong`` (an older parser's answer), one with a
    number the user gave, one the older parser found no number in; the file noted as read by version 1."""
    db = open_db(path)
    parsed = add_achievement(db, title="Grew revenue by 20% to $1.2M", metric="parse").id
    given = add_achievement(db, title="Grew revenue by 20% to $1.2M", metric=Metric(20, 1_200_000, "$")).id
    none_found = add_achievement(db, title="Ran the Q3 planning offsite", metric="parse").id
    with db.atomic():
        db.execute(
            "update achievements set metric_before = ?, metric_after = ?, metric_unit = ?, metric_change_pct = ?, "
            "metric_kind = 'change' where id = ?",
            [wrong.before, wrong.after, wrong.unit, wrong.change_pct, parsed],
        )
        db.execute(
            "update achievements set metric_after = 5, metric_kind = 'count', metric_origin = 'parsed' where id = ?",
            [none_found],
        )
    db.execute("pragma user_version = 1")
    db.close()
    return parsed, given, none_found


WRONG = Metric(1, 2, "$", 100.0)  # not what any parser read in these words: a stand-in for an old answer


def test_opening_the_file_reads_the_parsers_numbers_again_and_keeps_the_users(tmp_path) -> None:
    path = tmp_path / "j.db"
    parsed, given, none_found = _as_an_older_parser_left_it(path, WRONG)
    assert open_current(path) is None  # a read command goes through the opener, which reads them again
    db = open_db(path)
    today = parse_metric("Grew revenue by 20% to $1.2M")
    entry = get_achievement(db, parsed)
    assert today is not None and today != WRONG
    assert (entry.metric_before, entry.metric_after, entry.metric_change_pct) == (
        today.before,
        today.after,
        today.change_pct,
    )
    assert entry.metric_origin == "parsed"
    kept = get_achievement(db, given)
    assert (kept.metric_before, kept.metric_after, kept.metric_origin) == (20, 1_200_000, "user")
    cleared = get_achievement(db, none_found)
    assert (cleared.metric_after, cleared.metric_origin) == (None, None)
    assert stored_parser_version(db) == PARSER_VERSION
    assert reread_parsed_metrics(db) == 0  # once: the next open reads nothing again
    db.close()
    conn = open_current(path)
    assert conn is not None
    conn.close()


def test_the_cli_shows_the_number_read_again(tmp_path) -> None:
    """`ctotui list` (a command that only reads, with sqlite3 alone) showed the old answer."""
    path = tmp_path / "j.db"
    parsed, *_ = _as_an_older_parser_left_it(path, WRONG)
    out = subprocess.run(
        [sys.executable, "-m", "ctotui", "--db", str(path), "list", "--json"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    (entry,) = [e for e in json.loads(out) if e["id"] == parsed]
    today = parse_metric("Grew revenue by 20% to $1.2M")
    assert today is not None and entry["metric_after"] == today.after != WRONG.after, entry
