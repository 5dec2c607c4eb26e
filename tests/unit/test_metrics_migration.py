"""Schema step m008_metrics on a database made by the schema before it.

Parser-made metrics (what the old parser, core/journal/metrics_v1.py, reads from the
entry's words) are read again by today's parser; a metric the user set or
cleared by hand is kept, with its kind worked out from its values.
"""

from __future__ import annotations

from ctotui.core.db import open_db
from ctotui.core.journal import metrics_v1
from ctotui.core.journal.entries import get_achievement, search_achievements
from ctotui.core.migrations import MIGRATIONS

STAMP = "2025-01-02T03:04:05.000000+00:00"


def _old_database(path, rows):
    """A database at the step before m008, with ``rows`` written as the old app wrote them."""
    db = open_db(path, migrate=False)
    MIGRATIONS.apply(db, stop_before="m008_metrics")
    assert "metric_kind" not in {c.name for c in db["achievements"].columns}
    for title, body, metric, deleted in rows:
        if metric == "parsed":  # what the old app stored for a title it parsed
            old = metrics_v1.parse_metric(title) or metrics_v1.parse_metric(body)
            metric = (old.before, old.after, old.unit, old.change_pct) if old else (None, None, None, None)
        db.execute(
            "insert into achievements (title, body, occurred_on, metric_before, metric_after, metric_unit, "
            "metric_change_pct, created_at, updated_at, deleted_at) values (?, ?, '2025-01-02', ?, ?, ?, ?, ?, ?, ?)",
            [title, body, *metric, STAMP, STAMP, STAMP if deleted else None],
        )
    db.close()


def test_parser_made_metrics_are_read_again_and_hand_made_ones_kept(tmp_path):
    path = tmp_path / "old.db"
    _old_database(
        path,
        [
            ("Cut deploy time from 45 minutes to 7 minutes", "", "parsed", False),  # 1
            ("Saved $12k/month on CI runners", "", "parsed", False),  # 2: the old parser lost "per month"
            ("Reduced costs by 150%", "", "parsed", False),  # 3: impossible, read by the old parser
            ("Unblocked 3 teams", "", "parsed", False),  # 4: no number for the old parser
            ("Cut build 10 to 4 min", "It was slow.", "parsed", True),  # 5: deleted, missed by the old parser
            ("Cut build time from 10 to 4 min", "", (10.0, 3.0, "min", -70.0), False),  # 6: corrected by hand
            ("Mentored two engineers", "", (None, 2.0, "engineers", None), False),  # 7: set by hand
            ("Cut the test suite from 20 to 5 min", "", (None, None, None, None), False),  # 8: cleared by hand
            ("Won the Acme deal", "", (None, 250000.0, "$ ARR", None), False),  # 9: set by hand, money
        ],
    )
    db = open_db(path)
    try:
        got = {i: get_achievement(db, i, include_deleted=True) for i in range(1, 10)}
        one = got[1]
        assert (one.metric.kind, one.metric_before, one.metric_after, one.metric_unit, one.metric_change_pct) == (
            "change",
            45,
            7,
            "min",
            -84.4,
        )
        assert one.metric_origin == "parsed" and one.badge == "45→7 min −84%"
        assert (got[2].metric.kind, got[2].metric_after, got[2].metric_period, got[2].badge) == (
            "amount",
            12000,
            "mo",
            "$12k/mo",
        )
        assert got[3].metric is None and got[3].metric_origin is None  # no longer ranked as the strongest
        assert (got[4].metric.kind, got[4].badge, got[4].metric_origin) == ("count", "3 teams", "parsed")
        assert got[5].deleted_at and got[5].badge == "10→4 min −60%"
        # By hand: kept as the user left it.
        assert (got[6].metric_before, got[6].metric_after, got[6].metric.kind, got[6].metric_origin) == (
            10,
            3,
            "change",
            "user",
        )
        assert (got[7].metric.kind, got[7].badge, got[7].metric_origin) == ("count", "2 engineers", "user")
        assert got[8].metric is None and got[8].metric_origin == "user"
        assert (got[9].metric.kind, got[9].metric_period, got[9].badge) == ("amount", "yr", "$250k ARR")
        # The step changes no one's text or dates, and search still finds the entries.
        assert all(a.updated_at == STAMP for a in got.values())
        assert [a.id for a in search_achievements(db, "teams").items] == [4]
    finally:
        db.close()


def test_an_empty_old_database_migrates(tmp_path):
    _old_database(tmp_path / "empty.db", [])
    db = open_db(tmp_path / "empty.db")
    try:
        assert {"metric_kind", "metric_period", "metric_label", "metric_origin"} <= {
            c.name for c in db["achievements"].columns
        }
    finally:
        db.close()
