"""Which tables sync, declared once: their fields, the columns that hold another
synced row's id (they travel as global ids), the child tables folded into a field
of their parent (an achievement's tags), and natural keys.

The capture triggers (capture.py), the diff that sends (send.py), the apply
(apply.py) and the global-id export (portable.py) all read these specs; adding
a table is a spec here plus a schema step that makes its triggers.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Child:
    """Rows of ``table`` whose ``parent`` column holds the parent's id, sent as one
    field ``name`` of the parent: the list of their ``column`` values in ``order``.

    ``position`` (when set) is the column that numbers them from 0 in list order;
    ``fill`` gives derived columns an SQL expression of ``:parent`` (the local id).
    """

    name: str
    table: str
    parent: str
    column: str
    order: str
    position: str | None = None
    fill: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class TableSpec:
    """A synced table: an INTEGER PRIMARY KEY ``id`` plus ``fields``."""

    name: str
    fields: tuple[str, ...]
    refs: dict[str, str] = field(default_factory=dict)  # column -> the synced table whose id it holds
    children: tuple[Child, ...] = ()
    natural: str | None = None  # a unique column: when not null, the global id is "<name>:<value>"
    append_only: bool = False  # rows are only ever added (documentation; the machinery is the same)

    @property
    def field_names(self) -> tuple[str, ...]:
        """Every field a record of this table may carry: the columns, then the children."""
        return self.fields + tuple(c.name for c in self.children)


_OCCURRED = {"occurred_on": "(select occurred_on from achievements where id = :parent)"}

# Parents before the tables that refer to them (apply and send walk them in this order).
SPECS: tuple[TableSpec, ...] = (
    TableSpec(
        "achievements",
        (
            "title",
            "body",
            "occurred_on",
            "category",
            "metric_before",
            "metric_after",
            "metric_unit",
            "metric_change_pct",
            "metric_kind",
            "metric_period",
            "metric_label",
            "metric_origin",
            "created_at",
            "updated_at",
            "deleted_at",
        ),
        children=(
            Child("tags", "achievement_tags", "achievement_id", "tag", "tag", fill=_OCCURRED),
            Child("skills", "achievement_skills", "achievement_id", "skill", "skill", fill=_OCCURRED),
            Child("links", "achievement_links", "achievement_id", "url", "position", position="position"),
        ),
    ),
    TableSpec("skill_ratings", ("skill", "level", "note", "rated_at"), append_only=True),
    TableSpec("profile", ("field", "value", "set_at"), append_only=True),
    TableSpec(
        "questions",
        (
            "source",
            "source_id",
            "category",
            "text",
            "card",
            "due",
            "reps",
            "lapses",
            "created_at",
            "edited_at",
            "retired_at",
        ),
        natural="source_id",
    ),
    TableSpec(
        "attempts",
        (
            "question_id",
            "question_text",
            "answer",
            "scores",
            "total",
            "seconds",
            "limit_seconds",
            "rating",
            "review_log",
            "lapse",
            "created_at",
        ),
        refs={"question_id": "questions"},
        append_only=True,
    ),
)

BY_NAME: dict[str, TableSpec] = {s.name: s for s in SPECS}
ORDER: dict[str, int] = {s.name: i for i, s in enumerate(SPECS)}
