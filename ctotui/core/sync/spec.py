"""Which tables sync, declared once: their fields, the columns that hold another
synced row's id (they travel as global ids), the child tables folded into a field
of their parent (an achievement's tags), and natural keys.

The capture triggers (capture.py), the diff that sends (send.py), the apply
(apply.py) and the global-id export (portable.py) all read these specs; adding
a table is a spec here plus a schema step that makes its triggers.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ctotui.core.journal.metric_store import METRIC_COLUMNS


@dataclass(frozen=True)
class Child:
    """Rows of ``table`` whose ``parent`` column holds the parent's id, sent as one
    field ``name`` of the parent: the list of their ``column`` values in ``order``.

    ``position`` (when set) is the column that numbers them from 0 in list order;
    ``fill`` gives derived columns an SQL expression of ``:parent`` (the local id);
    ``ref`` (when set) is the synced table whose id ``column`` holds: the list is of
    global ids then, sorted (a set: local ids order differently on each device).
    """

    name: str
    table: str
    parent: str
    column: str
    order: str
    position: str | None = None
    fill: dict[str, str] = field(default_factory=dict)
    ref: str | None = None


@dataclass(frozen=True)
class TableSpec:
    """A synced table: an INTEGER PRIMARY KEY ``id`` plus ``fields``."""

    name: str
    fields: tuple[str, ...]
    refs: dict[str, str] = field(default_factory=dict)  # column -> the synced table whose id it holds
    children: tuple[Child, ...] = ()
    natural: str | None = None  # a unique column: when not null, the global id is "<name>:<value>"
    append_only: bool = False  # rows are only ever added (documentation; the machinery is the same)
    # Statements (of ``:id``, the local id) that take away what refers to a row deleted by a
    # tombstone without a foreign key to do it (what the area's own delete does, e.g. the purge).
    on_delete: tuple[str, ...] = ()

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
            *METRIC_COLUMNS,
            "created_at",
            "updated_at",
            "deleted_at",
        ),
        children=(
            Child("tags", "achievement_tags", "achievement_id", "tag", "tag", fill=_OCCURRED),
            Child("skills", "achievement_skills", "achievement_id", "skill", "skill", fill=_OCCURRED),
            Child("links", "achievement_links", "achievement_id", "url", "position", position="position"),
        ),
        on_delete=(  # as core/journal/trash.py's purge does
            "delete from target_evidence where achievement_id = :id",
            "delete from question_stories where achievement_id = :id",
            "delete from drafts where key = 'journal:edit:' || :id",
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
        on_delete=("delete from drafts where key = 'drill:answer:' || :id",),
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
            "follow_up",
            "follow_up_answer",
            "follow_up_seconds",
            "brief",
            "ask_first",
            "criteria_scores",
        ),
        refs={"question_id": "questions"},
        append_only=True,
    ),
)

SPECS += (
    TableSpec(
        "plan_items",
        (
            "horizon",
            "source_id",
            "text",
            "status",
            "due_on",
            "created_at",
            "updated_at",
            "done_at",
            "dropped_at",
            "moved_on",
        ),
        natural="source_id",
    ),
    TableSpec("target_ticks", ("target_id", "ticked", "at"), append_only=True),
    TableSpec("skill_step_ticks", ("step_id", "ticked", "at"), append_only=True),
    TableSpec("stage_answers", ("question_id", "answer", "answered_at"), append_only=True),
    TableSpec("self_check_answers", ("kind", "item_id", "answer", "note", "answered_at"), append_only=True),
    TableSpec(
        "reviews",
        ("week", "step", "reflection", "next_thing", "started_at", "updated_at", "completed_at"),
        children=(
            Child(
                "focus",
                "review_focus",
                "review_id",
                "plan_item_id",
                "plan_item_id",
                fill={"chosen_at": "(select updated_at from reviews where id = :parent)"},
                ref="plan_items",
            ),
        ),
        natural="week",
    ),
    TableSpec(
        "people",
        ("name", "relation", "context", "note", "is_reference", "archived_at", "created_at", "updated_at"),
        children=(
            Child("vouches", "reference_vouches", "person_id", "achievement_id", "achievement_id", ref="achievements"),
        ),
        on_delete=("delete from drafts where key = 'people:talk:' || :id",),
    ),
    TableSpec(
        "conversations",
        (
            "person_id",
            "held_on",
            "asked",
            "heard",
            "mine",
            "theirs",
            "follow_up_on",
            "followed_up_at",
            "created_at",
        ),
        refs={"person_id": "people"},
    ),
    TableSpec(
        "bars",
        ("person_id", "conversation_id", "role", "agreed_on", "deadline_on", "closed_at", "created_at"),
        refs={"person_id": "people", "conversation_id": "conversations"},
    ),
    TableSpec(
        "bar_criteria",
        ("bar_id", "position", "text", "met_at"),
        refs={"bar_id": "bars"},
        children=(
            Child("evidence", "bar_evidence", "criterion_id", "achievement_id", "achievement_id", ref="achievements"),
        ),
    ),
)
# The tables m014_sync made triggers for (a table synced later comes with a step of its own).
M014_TABLES = (
    "achievements",
    "skill_ratings",
    "profile",
    "questions",
    "attempts",
    "plan_items",
    "target_ticks",
    "skill_step_ticks",
    "stage_answers",
    "self_check_answers",
    "reviews",
    "people",
    "conversations",
    "bars",
    "bar_criteria",
)

BY_NAME: dict[str, TableSpec] = {s.name: s for s in SPECS}
ORDER: dict[str, int] = {s.name: i for i, s in enumerate(SPECS)}
