"""The latest row of each item in a history table whose rows are only ever added (a target's
ticks, a step's ticks, a question's answers, a self-check's answers, a profile field's values).

The latest is the row with the latest recorded time; the highest id only breaks a tie between
rows of the same time. Ids are this file's own: a sync or an import adds rows in the order they
arrive, so an older row can hold the higher id. The times are stored as UTC ISO text
(core/clock.py), which sorts as the times do. Each table has an index on (item columns, time,
id), so the latest row of an item is one step down its index (schema step m016).
"""

from __future__ import annotations


def latest_rows(table: str, item: tuple[str, ...], at: str) -> str:
    """SQL: for each item of ``table`` (the values of the ``item`` columns), its latest row's id
    (``last``) and how many rows it has (``n``), with the item's columns. Join it on ``last``."""
    columns = ", ".join(f"g.{c}" for c in item)
    same = " and ".join(f"u.{c} = g.{c}" for c in item)
    last = f"(select u.id from {table} u where {same} order by u.{at} desc, u.id desc limit 1)"
    return f"select {columns}, count(*) as n, {last} as last from {table} g group by {columns}"
