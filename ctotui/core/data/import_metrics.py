"""An achievement's number as an import brings it in (import_json.py calls this on each batch of
checked rows, before they are staged, so the merge compares rows as today's parser reads them).

An export carries the metric columns as the parser of the ctotui that wrote it read them. The
database reads its own parsed numbers again once per parser version (core/journal/metric_store.py),
but rows imported after that kept the older answers for ever: so the metric of every row the
parser answered for ("parsed", or no origin) is read here from the row's title and body with
today's parser, and the file's metric columns are not used. As in the database's own re-read, a
number ``ctotui edit`` kept from earlier words (the new ones hold none) goes with them. A number
the user gave ("user") is kept as written, after the checks a number given today passes
(``clean_metric``): one that cannot be right is refused with its row named, as any value that
fails its check, and nothing is imported. The file's format is the same. Only a file whose schema
has the metric's origin (m008 on) is read this way; an older one's numbers are read again with the
database's, when the parser next changes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ctotui.core.data.import_values import row_label
from ctotui.core.errors import CtoError
from ctotui.core.journal.metric_store import METRIC_COLUMNS, METRIC_TABLE, answered_by_parser, clean_metric, read_today
from ctotui.core.journal.metrics import Metric

if TYPE_CHECKING:
    from collections.abc import Sequence

    from ctotui.core.data.tables import TableInfo

WORDS = ("title", "body")


def metrics_as_today(source: str, table: TableInfo, first: int, columns: list[Sequence[Any]]) -> list[Sequence[Any]]:
    """The checked rows' columns (rows numbered from ``first``) with today's parser's metric for every
    row the parser answered for; CtoError for a user's number that cannot be right."""
    names = table.names
    if table.name != METRIC_TABLE or not all(c in names for c in (*WORDS, *METRIC_COLUMNS)):
        return columns
    title, body = (columns[names.index(c)] for c in WORDS)
    ids = columns[names.index(table.id_column)] if table.id_column in names else [None] * len(title)
    at = [names.index(c) for c in METRIC_COLUMNS]
    metric = [list(columns[i]) for i in at]
    for row, origin in enumerate(list(metric[-1])):
        if answered_by_parser(origin):
            for column, value in zip(metric, read_today(title[row], body[row]), strict=True):
                column[row] = value
        else:
            _check_given(source, table, first + row, ids[row], [column[row] for column in metric])
    out = list(columns)
    for i, column in zip(at, metric, strict=True):
        out[i] = column
    return out


def _check_given(source: str, table: TableInfo, index: int, row_id: Any, values: list[Any]) -> None:
    """A number the user gave passes the checks it would pass if given today, or CtoError naming its row."""
    before, after, unit, pct, kind, period, label, _origin = values
    try:
        clean_metric(Metric(before, after, unit, pct, kind=kind or "", period=period, label=label), "", "")
    except CtoError as exc:
        where = row_label(table.name, index, {table.id_column: row_id}, table.id_column)
        raise CtoError(f"{source}: {where}: {exc}") from None
