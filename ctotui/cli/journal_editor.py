"""The journal's commands in $EDITOR: `ctotui add` with no title (or -e) and `ctotui edit ID -e`
write the whole entry in the editor on a template (core/journal/entry_template.py); and the
small readers of the entry options that `add` and `edit` share with them.
"""

from __future__ import annotations

import argparse
import sys
from typing import Literal

from ctotui.cli.editor import edit_in_editor
from ctotui.cli.opening import database
from ctotui.core.errors import CtoError
from ctotui.core.journal import entries as journal
from ctotui.core.journal import entry_template, metrics


def listed(values: list[str] | None) -> list[str] | None:
    """--skill a --skill b -> [a, b]; --skill '' -> [] (clear); absent -> None."""
    if values is None:
        return None
    return [v.strip() for value in values for v in value.split(",") if v.strip()]


def links(values: list[str] | None) -> list[str] | None:
    """--link a --link b -> [a, b] (never split: a web address may hold commas); --link '' -> []."""
    if values is None:
        return None
    return [v.strip() for v in values if v.strip()]


def add_in_editor(args: argparse.Namespace) -> int:
    """``ctotui add`` with no title (or -e): the entry written in $EDITOR, the options as its start."""
    if args.title == "-":
        raise CtoError("give the text on stdin ('-') or write it in the editor (-e), not both")
    start = entry_template.Entry(
        title=args.title or "",
        body=args.body or "",
        category=args.category,
        skills=tuple(listed(args.skill) or ()),
        tags=tuple(listed(args.tag) or ()),
        metric=args.metric,
        date=args.date,
        links=tuple(links(args.link) or ()),
    )
    template = entry_template.render(start)
    with database(args) as db:

        def save(text: str) -> journal.Achievement | None:
            entry = entry_template.parse(text, template=None if args.title else template)
            if entry is None:
                return None
            return journal.add_achievement(
                db,
                title=entry.title,
                body=entry.body,
                occurred_on=entry.date,
                category=entry.category,
                skills=entry.skills,
                tags=entry.tags,
                metric=metrics.Metric() if args.no_metric else metric_given(entry.metric),
                links=entry.links,
            )

        a = edit_in_editor(template, save)
    if a is None:
        print("nothing added: the file was empty or the template unchanged", file=sys.stderr)
        return 0
    note_unread(a)
    print(a.id)
    return 0


NONE = "none"  # the metric line's word for "no number" (what --no-metric says)


def metric_given(text: str | None) -> metrics.Metric | Literal["parse"]:
    """The file's metric line: empty, read the number from the words ("parse"); "none", no number
    (kept so: editing the words reads none); else the number given."""
    if not text:
        return "parse"
    if text.strip().lower() == NONE:
        return metrics.Metric()
    return metrics.read_metric(text)


def edit_entry_in_editor(args: argparse.Namespace, achievement_id: int) -> int:
    """``ctotui edit ID -e``: the whole entry in $EDITOR; what is saved replaces every field."""
    with database(args) as db:
        current = journal.get_achievement(db, achievement_id)
        start = entry_template.Entry(
            title=current.title,
            body=current.body,
            category=current.category,
            skills=current.skills,
            tags=current.tags,
            # a number the user gave, or "none" when they said there is none (`--no-metric`): an empty
            # line reads the words, and the edit threw that choice away
            metric=(metrics.metric_text(current.metric) or NONE) if current.metric_origin == "user" else None,
            date=current.occurred_on.isoformat(),
            links=current.links,
        )
        template = entry_template.render(start)

        def save(text: str) -> journal.Achievement | None:
            entry = entry_template.parse(text, template=template)
            if entry is None:
                return None
            return journal.update_achievement(
                db,
                achievement_id,
                title=entry.title,
                body=entry.body,
                occurred_on=entry.date or current.occurred_on.isoformat(),
                category=entry.category,
                skills=list(entry.skills),
                tags=list(entry.tags),
                links=list(entry.links),
                metric=metric_given(entry.metric),
            )

        a = edit_in_editor(template, save)
    if a is None:
        print(f"nothing changed: achievement {achievement_id} is as it was", file=sys.stderr)
        return 0
    note_unread(a)
    print(a.id)
    return 0


def note_unread(a: journal.Achievement) -> None:
    """Say on stderr what was made of the numbers in the words: at a terminal, the number read
    ("number: 3 of 7 services"), so that a misreading is seen as the entry is saved rather than in
    the brag document weeks later (not for a script: stdout is the id alone, stderr stays quiet);
    always, a number passed over as impossible ("reduced by 150%")."""
    if a.metric_origin == "user":
        return
    if a.has_number:
        if sys.stderr is not None and sys.stderr.isatty():
            print(
                f"ctotui: number: {a.badge}, read from the words (ctotui edit {a.id} --metric TEXT changes it)",
                file=sys.stderr,
            )
        return
    reason = metrics.metric_problem(a.title) or metrics.metric_problem(a.body)
    if reason:
        print(f"ctotui: note: {reason}; give the number with --metric", file=sys.stderr)
