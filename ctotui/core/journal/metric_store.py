"""Storing an achievement's metric, and where it came from (journal.py uses these).

``metric_origin`` is "parsed" for a number read from the title or body and
"user" for one the user gave (the form's field, ``--metric``, ``--no-metric``):
a later edit of the words reads a parsed number again but keeps the user's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from ctotui.core.errors import CtoError
from ctotui.core.journal.metrics import Metric, change_pct, parse_metric, problem

if TYPE_CHECKING:
    from sqlite_utils import Database

ORIGINS = ("parsed", "user")  # a metric read from the title or body, or one the user gave


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


def set_metric(db: Database, achievement_id: int, m: Metric | None, origin: str | None) -> None:
    """Store ``m`` (None clears it) with where it came from; the caller holds the write transaction."""
    values: list[float | str | None] = [None] * 7
    if m is not None:
        values = [m.before, m.after, m.unit, m.change_pct, m.kind, m.period, m.label]
    values.append(origin)
    assignments = ", ".join(f"{column} = ?" for column in METRIC_COLUMNS)
    db.execute(f"update achievements set {assignments} where id = ?", [*values, achievement_id])
