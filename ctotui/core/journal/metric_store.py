"""Storing an achievement's metric, and where it came from (journal.py uses these).

``metric_origin`` is "parsed" for a number read from the title or body and
"user" for one the user gave (the form's field, ``--metric``, ``--no-metric``):
a later edit of the words reads a parsed number again but keeps the user's.

When the parser reads some text differently (a fix: "by 20% to $1.2M" is no
longer a change from 20 to 1.2M), ``PARSER_VERSION`` (core/journal/metric_version.py) goes up and
``reread_parsed_metrics`` reads every entry whose number the parser made (or
found none in) again, once, when a database is opened to write (core/db.py);
a number the user gave is never touched. tests/unit/test_metric_reread.py holds
a fingerprint of the parser's answers, so a change of them without a new
version fails there.

Rows that come from elsewhere carry another parser's answers: an import of an
export an older ctotui wrote (core/data/import_metrics.py) and a sync from a
device running one (core/sync/apply.py) take the metric of every row the parser
answered for from today's parser reading its words (``as_read_today``), never
from the row's columns; a number the user gave comes as it was given.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

from ctotui.core.errors import CtoError
from ctotui.core.journal.metric_version import PARSER_VERSION
from ctotui.core.journal.metrics import Metric, change_pct, parse_metric, problem
from ctotui.core.terms import METRIC_ORIGINS

if TYPE_CHECKING:
    from sqlite_utils import Database

METRIC_TABLE = "achievements"  # the table whose rows carry a metric
ORIGINS = METRIC_ORIGINS  # a metric read from the title or body, or one the user gave


def clean_metric(metric: Metric | Literal["parse"] | None, title: str, body: str) -> tuple[Metric | None, str | None]:
    """The metric to store and its origin: "parsed" when read from the words, "user" when given.

    An empty Metric() is the user saying "no number" (kept as origin "user", so a
    later edit of the words does not read one); None is simply no metric.
    """
    if metric is None:
        return None, None
    origin = "user"
    if metric == "parse":
        metric, origin = parse_metric(title) or parse_metric(body), "parsed"
    if metric is None:
        return None, None
    if metric.empty:
        return None, origin
    unit = (metric.unit or "").strip() or None
    if unit and len(unit) > 30:
        raise CtoError("the metric's unit is longer than 30 characters")
    label = (metric.label or "").strip() or None
    if label and len(label) > 40:
        raise CtoError("the metric's label is longer than 40 characters")
    pct = metric.change_pct
    if metric.before is not None and metric.after is not None and unit != "x":
        pct = change_pct(metric.before, metric.after)
    m = Metric(metric.before, metric.after, unit, pct, kind=metric.kind, period=metric.period, label=label)
    reason = problem(m)
    if reason:
        raise CtoError(f"the metric cannot be right: {reason}")
    return m, origin


def follows_words(metric: Metric | None, origin: str | None, title: str, body: str) -> bool:
    """Whether an entry's number is the one its words give, so that an edit of the words reads
    it again (and drops it when the new words hold none): not a number the user gave or took
    away (origin "user"), nor one that differs from what its words read as. The form and
    ``ctotui edit`` ask the same."""
    if origin == "user":
        return False
    return metric is None or (parse_metric(title) or parse_metric(body)) == metric


METRIC_COLUMNS = (
    "metric_before",
    "metric_after",
    "metric_unit",
    "metric_change_pct",
    "metric_kind",
    "metric_period",
    "metric_label",
    "metric_origin",
)


def metric_values(m: Metric | None, origin: str | None) -> list[float | str | None]:
    """The values of METRIC_COLUMNS for ``m`` (None: no metric) and its origin, in that order."""
    values: list[float | str | None] = [None] * 7
    if m is not None:
        values = [m.before, m.after, m.unit, m.change_pct, m.kind, m.period, m.label]
    return [*values, origin]


def answered_by_parser(origin: str | None) -> bool:
    """Whether a row's metric is the parser's answer: a number it read ("parsed"), or no origin
    (none found, or a number stored before origins were kept); a number the user gave is not."""
    return origin is None or origin == "parsed"


def read_today(title: str, body: str) -> list[float | str | None]:
    """The values of METRIC_COLUMNS today's parser gives an entry with these words (no number
    when the one it reads cannot be right, as when the entry is saved)."""
    try:
        m, origin = clean_metric("parse", title or "", body or "")
    except CtoError:
        m, origin = None, None
    return metric_values(m, origin)


def as_read_today(row: dict[str, Any]) -> dict[str, Any]:
    """``row`` (an achievement's columns by name, from an import or a sync) with the metric today's
    parser reads in its title and body, when its metric is the parser's answer; else as it is."""
    if not answered_by_parser(row.get("metric_origin")) or not isinstance(row.get("title"), str):
        return row
    body = row.get("body")
    today = read_today(row["title"], body if isinstance(body, str) else "")
    return {**row, **dict(zip(METRIC_COLUMNS, today, strict=True))}


def set_metric(db: Database, achievement_id: int, m: Metric | None, origin: str | None) -> None:
    """Store ``m`` (None clears it) with where it came from; the caller holds the write transaction."""
    assignments = ", ".join(f"{column} = ?" for column in METRIC_COLUMNS)
    db.execute(f"update achievements set {assignments} where id = ?", [*metric_values(m, origin), achievement_id])


def stored_parser_version(db: Database) -> int:
    """The parser version whose answers the file's parsed metrics are (core/journal/metric_version.py)."""
    return int(db.execute("pragma user_version").fetchone()[0])


def reread_parsed_metrics(db: Database) -> int:
    """Read the metric of every entry the parser answered for (a number it read, or none found)
    again with today's parser, once per ``PARSER_VERSION``; the number of entries whose metric
    changed. One transaction: all or nothing. A number the user gave is kept as it is; so is an
    entry whose words the parser now finds no believable number in (its old one is cleared)."""
    if stored_parser_version(db) == PARSER_VERSION:
        return 0
    changed = 0
    with db.atomic():
        if stored_parser_version(db) == PARSER_VERSION:  # another process did it while this one waited
            return 0
        columns = ", ".join(METRIC_COLUMNS[:-1])
        rows = db.execute(
            f"select id, title, body, {columns}, metric_origin from achievements "
            "where metric_origin is null or metric_origin = 'parsed'"
        ).fetchall()
        assignments = ", ".join(f"{column} = ?" for column in METRIC_COLUMNS)
        for achievement_id, title, body, *stored in rows:
            values = read_today(title, body)
            if values != stored:
                db.execute(f"update achievements set {assignments} where id = ?", [*values, achievement_id])
                changed += 1
        db.execute(f"pragma user_version = {int(PARSER_VERSION)}")  # in the transaction: with the rows or not at all
    return changed
