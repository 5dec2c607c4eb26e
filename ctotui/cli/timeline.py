"""`ctotui profile`, `ctotui timeline`, `ctotui plan` and `ctotui checks` (no Textual here)."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from typing import Any

from ctotui.cli._common import Subcommands, Suggested, print_json, said_date, said_date_ahead, whole
from ctotui.cli.opening import database
from ctotui.core import clock, playbook, terms
from ctotui.core.errors import CtoError
from ctotui.core.people import bar as bar_core
from ctotui.core.plural import plural, year_count
from ctotui.core.timeline import plan as plan_core
from ctotui.core.timeline import profile as profile_core
from ctotui.core.timeline import selfcheck
from ctotui.core.timeline import stages as tl

BAR_WIDTH = 48


def register(sub: Subcommands, name: str, summary: str, common: argparse.ArgumentParser) -> None:
    """Add the parser of ``name``, one of this module's commands, to ``sub``."""
    match name:
        case "profile":
            p = sub.add_parser(name, parents=[common], help=summary)
            p.add_argument(
                "--name", metavar="TEXT", help="your name (the brag document is titled with it); '' clears it"
            )
            p.add_argument("--years", metavar="N", help="years of experience, e.g. 5.5; '' clears them")
            p.add_argument("--role", metavar="TEXT", help="your current role; '' clears it")
            p.add_argument(
                "--path",
                metavar="SLUG",
                choices=Suggested(terms.PATHS),
                help=f"the path you are on: {', '.join(terms.PATHS)}; '' clears it",
            )
            p.add_argument(
                "--aim",
                metavar="STAGE",
                choices=Suggested(terms.STAGES),
                help=f"the stage you aim for: {', '.join(terms.STAGES)}; '' clears it",
            )
            p.add_argument(
                "--plan-started",
                metavar="DATE",
                type=said_date,
                help="when your action plan started (YYYY-MM-DD, today, 2 weeks ago...)",
            )
            p.add_argument("--json", action="store_true", help="print JSON")
            p.set_defaults(func=run_profile)
        case "timeline":
            p = sub.add_parser(name, parents=[common], help=summary)
            p.add_argument("--json", action="store_true", help="print JSON (stage, position, targets, next stage)")
            p.set_defaults(func=run_timeline)
            tsub = p.add_subparsers(dest="timeline_command", metavar="ACTION")
            for verb, ticked in (("tick", True), ("untick", False)):
                t = tsub.add_parser(verb, parents=[common], help=f"{verb} a stage target by its id")
                t.add_argument("target", help="a target id (see `ctotui timeline --json`)")
                t.set_defaults(func=run_tick, ticked=ticked)
            for verb, linking in (("link", True), ("unlink", False)):
                t = tsub.add_parser(
                    verb,
                    parents=[common],
                    help=f"{verb} an achievement {'to' if linking else 'from'} a stage target as its evidence",
                )
                t.add_argument("target", help="a target id (see `ctotui timeline --json`)")
                t.add_argument("achievement", metavar="ID", help="the achievement's id (`ctotui list`)")
                t.set_defaults(func=run_link, linking=linking)
            t = tsub.add_parser("answer", parents=[common], help="write a dated answer to a stage question")
            t.add_argument("question", help="a question id (`ctotui timeline` lists your stage's)")
            t.add_argument("text", nargs="+", help="the answer (earlier answers are kept)")
            t.set_defaults(func=run_answer)
        case "plan":
            p = sub.add_parser(name, parents=[common], help=summary)
            p.add_argument(
                "--horizon",
                metavar="H",
                choices=Suggested(terms.HORIZONS),
                help=f"one horizon: {', '.join(terms.HORIZONS)}",
            )
            p.add_argument("--all", action="store_true", help="show dropped items too")
            p.add_argument("--json", action="store_true", help="print JSON")
            p.set_defaults(func=run_plan)
            psub = p.add_subparsers(dest="plan_command", metavar="ACTION")
            a = psub.add_parser("add", parents=[common], help="add an item of your own")
            a.add_argument(
                "--horizon",
                dest="add_horizon",
                metavar="H",
                required=True,
                choices=Suggested(terms.HORIZONS),
                help=", ".join(terms.HORIZONS),
            )
            a.add_argument(
                "--due",
                metavar="DATE",
                type=said_date_ahead,
                help="a due date of its own: YYYY-MM-DD, today... (default: plan start + horizon,"
                " or the horizon's months from today once that date has passed)",
            )
            a.add_argument("text", nargs="+", help="what to do")
            a.set_defaults(func=run_plan_add)
            e = psub.add_parser("edit", parents=[common], help="change an item's text, horizon or due date")
            e.add_argument("id", help="the item's id (`ctotui plan` lists them)")
            e.add_argument("--text", help="new text")
            e.add_argument(
                "--horizon",
                dest="edit_horizon",
                metavar="H",
                choices=Suggested(terms.HORIZONS),
                help=f"move it: {', '.join(terms.HORIZONS)} (without --due, dated as an item added today)",
            )
            e.add_argument(
                "--due",
                metavar="DATE",
                type=said_date_ahead,
                help="a due date of its own; 'auto' (or '') goes back to the derived one"
                " (counted from the day it was last moved to another horizon, if it was)",
            )
            e.set_defaults(func=run_plan_edit)
            for verb, status, about in (
                ("done", "done", "mark an item done"),
                ("drop", "dropped", "drop an item (kept, hidden; `plan reopen` brings it back)"),
                ("reopen", "open", "mark an item open again"),
            ):
                s = psub.add_parser(verb, parents=[common], help=about)
                s.add_argument("id", help="the item's id (`ctotui plan` lists them)")
                s.set_defaults(func=run_plan_status, status=status)
        case "checks":
            p = sub.add_parser(name, parents=[common], help=summary)
            p.add_argument("--kind", help=", ".join(terms.SELF_CHECK_KINDS))
            p.add_argument("--json", action="store_true", help="print JSON")
            p.set_defaults(func=run_checks)
            csub = p.add_subparsers(dest="checks_command", metavar="ACTION")
            c = csub.add_parser("answer", parents=[common], help="answer one self-check")
            c.add_argument("check_kind", metavar="KIND", help=", ".join(terms.SELF_CHECK_KINDS))
            c.add_argument("item", help="the item's id (`ctotui checks --json` lists them)")
            c.add_argument("answer", help="yes, partly, no")
            c.add_argument("--note", default="", help="a short note")
            c.set_defaults(func=run_check_answer)
        case _:
            raise ValueError(f"{name!r} is not a command of ctotui.cli.timeline")


# --- profile -------------------------------------------------------------------


def _profile_json(p: profile_core.Profile) -> dict[str, Any]:
    return {
        "name": p.name,
        "years": p.years,
        "years_set": p.years_set,
        "years_set_at": p.years_set_at,
        "role": p.role,
        "path": p.path,
        "aim": p.aim,
        "plan_started": p.plan_started.isoformat() if p.plan_started else None,
    }


CLEARABLE = ("name", "years", "role", "path", "aim")  # --name '' empties it, as a blank field in the app's form


def _changes_profile(args: argparse.Namespace) -> bool:
    """Whether ``profile`` was given a field to set (without one it only shows the profile)."""
    return any(v is not None for v in (args.name, args.years, args.role, args.path, args.aim, args.plan_started))


def run_profile(args: argparse.Namespace) -> int:
    changes = _changes_profile(args)
    with database(args, writes=changes) as db:
        if not changes:  # it only shows the profile: nothing is written (a file on read-only media too)
            p = profile_core.load(db)
        else:
            given = {field: getattr(args, field) for field in CLEARABLE}
            clear = [field for field, value in given.items() if value is not None and not value.strip()]
            p = profile_core.update(
                db,
                clear=clear,
                **{field: value for field, value in given.items() if field not in clear},
                plan_started=args.plan_started,
            )
    if args.json:
        print_json(_profile_json(p))
        return 0
    rows = _profile_json(p)
    rows.pop("years_set")
    rows.pop("years_set_at")
    for key, value in rows.items():
        print(f"{key.replace('_', ' '):<13} {'-' if value is None else value}")
    if p.empty:
        print("\nyour evidence places you on the timeline; your years give the pace: ctotui profile --years N")
    return 0


# --- timeline -------------------------------------------------------------------


def _timeline_json(t: tl.Timeline, linked: dict[str, list[int]]) -> dict[str, Any]:
    pl = t.placement
    out: dict[str, Any] = {
        "years": t.profile.years,
        "stage": pl.stage,
        "stage_by_years": pl.stage_by_years,
        "position": round(pl.position, 4),
        "pace": pl.pace,
        "targets_met": pl.met,
        "targets_total": pl.total,
        "next_stage": pl.next_stage,
        "aim": t.profile.aim,
        "path": t.profile.path,
        "stages": [],
    }
    for sv in t.stages:
        out["stages"].append(
            {
                "slug": sv.stage.slug,
                "name": sv.stage.name,
                "years_from": sv.stage.years_from,
                "years_to": sv.stage.years_to,
                "met": sv.met,
                "total": sv.total,
                "targets": [
                    {
                        "id": x.id,
                        "text": x.text,
                        "ticked": x.ticked,
                        "ticked_at": x.ticked_at,
                        "evidence": x.evidence,
                        "evidence_ids": linked.get(x.id, []),
                        "evidence_needed": x.needed,
                        "met": x.met,
                    }
                    for x in sv.targets
                ],
                "questions": [
                    {
                        "id": q.id,
                        "text": q.text,
                        "answer": q.latest.text if q.latest else None,
                        "answered_at": q.latest.answered_at if q.latest else None,
                        "answers": q.count,
                    }
                    for q in sv.questions
                ],
            }
        )
    return out


def _road(pl: tl.Placement) -> str:
    widths = tl.road_widths(BAR_WIDTH)
    cells = []
    for w in widths:
        cells += ["├"] + ["─"] * (w - 1)
    marker = tl.marker_column(pl, widths)
    cells[marker] = "●"
    names = "".join(st.slug[: w - 1].ljust(w) for st, w in zip(playbook.load().stages, widths, strict=True))
    return f"  {names}\n  {''.join(cells)}┤"


def run_timeline(args: argparse.Namespace) -> int:
    with database(args, writes=False) as db:
        t = tl.timeline(db)
        the_bar = bar_core.current(db)
        linked = {x.id: tl.evidence(db, x.id) for sv in t.stages for x in sv.targets if x.evidence}
    if args.json:
        print_json({**_timeline_json(t, linked), "bar": the_bar.as_json() if the_bar else None})
        return 0
    pl = t.placement
    st = playbook.load().stage(pl.stage)
    print(f"{st.name}, by your evidence: {pl.targets} ({pl.position:.0%} of the way)")
    print(_road(pl))
    nxt = f"next: {playbook.load().stage(pl.next_stage).name if pl.next_stage else t.profile.beyond_the_stages}"
    if pl.pace and t.profile.years is not None:  # a pace needs years
        years = f"{year_count(t.profile.years)} · {pl.pace}"
    elif t.profile.years is not None:  # nothing recorded yet: no pace
        years = f"{year_count(t.profile.years)} · pace once a target is met (ctotui timeline tick ID)"
    else:
        years = "no years given (ctotui profile --years N)"
    print(f"  {years} · {nxt}")
    print(f"\n{tl.placement_sentence(pl)}\n{tl.CAVEAT}")
    if t.profile.path:  # what the path rewards and its main risk; nothing until a path is set
        print(f"\n{playbook.load().path(t.profile.path).in_one_line}")
    for sv in (t.current, t.next):
        if sv is None:
            continue
        print(f"\n{sv.stage.name} targets ({tl.targets_words(sv.met, sv.total)})")
        for x in sv.targets:
            ids = ", ".join(f"#{n}" for n in linked.get(x.id, []))
            short = f" · {x.evidence_words}" if x.evidence < x.needed else ""  # "1 of 2 linked"
            extra = f"  [evidence: {ids}{short}]" if x.evidence else ""
            print(f"  [{'x' if x.met else ' '}] {x.id:<22} {x.text}{extra}")
    questions = t.current.questions
    if questions:
        print(f"\nAsk yourself ({t.current.stage.name}; ctotui timeline answer ID TEXT)")
        for q in questions:
            said = f"answered {_day(q.latest.answered_at)}" if q.latest else "not answered yet"
            print(f"  {q.id:<24} {q.text}  ({said})")
    print(f"\n{_bar_line(the_bar)}")
    return 0


def _bar_line(the_bar) -> str:
    """The bar's state in one line, for the timeline and the self-checks."""
    if the_bar is None:
        return "The bar: none written down. Ask what it would take (ctotui bar set)."
    return f"The bar: {the_bar.says()}"


def run_tick(args: argparse.Namespace) -> int:
    with database(args) as db:
        state = tl.set_target(db, args.target, args.ticked)
    print(f"[{'x' if state.met else ' '}] {state.id}: {state.text}")
    if state.met and not state.ticked:  # unticked, still met by what is linked to it
        print(f"unticked; still met by {plural(state.evidence, 'linked achievement')}", file=sys.stderr)
    return 0


def run_link(args: argparse.Namespace) -> int:
    achievement = whole(args.achievement, "id")
    with database(args) as db:
        if args.linking:
            changed = tl.link_evidence(db, args.target, achievement)
        else:
            changed = tl.unlink_evidence(db, args.target, achievement)
        state = tl.target_state(db, args.target)
    short = 0 < state.evidence < state.needed  # "1 of 2 linked"
    linked = state.evidence_words if short else plural(state.evidence, "linked achievement")
    print(f"[{'x' if state.met else ' '}] {state.id}: {state.text} ({linked})")
    if not changed:
        print(f"#{achievement} {'was linked already' if args.linking else 'was not linked'}", file=sys.stderr)
    return 0


def run_answer(args: argparse.Namespace) -> int:
    with database(args) as db:
        before = len(tl.answers(db, args.question))
        answer = tl.answer_question(db, args.question, " ".join(args.text))
        count = len(tl.answers(db, args.question))
    print(f"{args.question}: answered {_day(answer.answered_at)} ({plural(count, 'answer')} in all)")
    if count == before:
        print("unchanged: your latest answer already says this", file=sys.stderr)
    return 0


def _day(stamp: str) -> str:
    """A stored UTC time as the local day it was: 2026-03-15."""
    return clock.local(stamp).date().isoformat()


# --- plan -----------------------------------------------------------------------


def _item_json(i: plan_core.PlanItem) -> dict[str, Any]:
    return {
        "id": i.id,
        "horizon": i.horizon,
        "text": i.text,
        "status": i.status,
        "due": i.due.isoformat() if i.due else None,
        "overdue": i.overdue,
        "own": i.own,
        "source_id": i.source_id,
        "done_at": i.done_at,
        "dropped_at": i.dropped_at,
        "moved_on": i.moved_on.isoformat() if i.moved_on else None,
    }


def _item_line(i: plan_core.PlanItem) -> str:
    mark = {"open": "[ ]", "done": "[x]", "dropped": "[-]"}[i.status]
    due = f"  due {i.due.isoformat()}" if i.due and i.status == "open" else ""
    late = "  OVERDUE" if i.overdue else ""
    return f"  #{i.id:<4} {mark} {i.text}{due}{late}"


def run_plan(args: argparse.Namespace) -> int:
    with database(args, writes=False) as db:
        horizons = plan_core.plan(db, args.horizon, include_dropped=args.all)
    if args.json:
        print_json(
            [
                {
                    "horizon": h.slug,
                    "name": h.name,
                    "due": h.due.isoformat() if h.due else None,
                    "done": h.done,
                    "total": h.total,
                    "overdue": h.overdue,
                    "items": [_item_json(i) for i in h.items],
                }
                for h in horizons
            ]
        )
        return 0
    for n, h in enumerate(horizons):
        late = f" · {h.overdue} overdue" if h.overdue else ""
        print(("\n" if n else "") + f"{h.name} ({h.slug}) · due {h.due} · {h.done}/{h.total} done{late}")
        for i in h.items:
            print(_item_line(i))
    return 0


def run_plan_add(args: argparse.Namespace) -> int:
    with database(args) as db:
        item = plan_core.add_item(db, args.add_horizon, " ".join(args.text), due=args.due)
    print(f"added #{item.id} to {item.horizon}, due {item.due}: {item.text}")
    return 0


def run_plan_edit(args: argparse.Namespace) -> int:
    item_id = plan_core.parse_item_id(args.id)
    due = plan_core.KEEP if args.due is None else (None if args.due in ("auto", "") else args.due)
    if args.text is None and args.edit_horizon is None and due is plan_core.KEEP:
        raise CtoError("nothing to change: give --text, --horizon or --due")
    with database(args) as db:
        item = plan_core.edit_item(db, item_id, text=args.text, horizon=args.edit_horizon, due=due)
    print(_item_line(item).strip())
    return 0


def run_plan_status(args: argparse.Namespace) -> int:
    item_id = plan_core.parse_item_id(args.id)
    with database(args) as db:
        item = plan_core.set_status(db, item_id, args.status)
    print(_item_line(item).strip())
    return 0


# --- self-checks ------------------------------------------------------------------


def _stale_words(c: selfcheck.SelfCheck, today: date) -> str:
    """An answer older than its kind's REVISIT_DAYS (JSON's "stale": true, which the coach asks to re-answer)."""
    age = selfcheck.age_days(c.answered_at, today)
    return f"  (stale: answered {plural(age, 'day')} ago)" if c.stale and age is not None else ""


def run_checks(args: argparse.Namespace) -> int:
    kind = selfcheck.parse_kind(args.kind) if args.kind else None
    with database(args, writes=False) as db:
        checks = selfcheck.self_checks(db, kind)
        the_bar = bar_core.current(db)
    today = clock.today()
    if args.json:
        print_json(
            [
                {
                    "kind": c.kind,
                    "id": c.item_id,
                    "text": c.text,
                    "answer": c.answer,
                    "note": c.note,
                    "answered_at": c.answered_at,
                    "answers": c.answers,
                    "stale": c.stale,
                    "score": c.score,
                }
                for c in checks
            ]
        )
        return 0
    for n, s in enumerate(selfcheck.summary(checks)):
        when = clock.local(s.last_assessed).date().isoformat() if s.last_assessed else "never"
        print(
            ("\n" if n else "")
            + f"{s.title}: {s.answered}/{s.total} answered, {plural(s.concerns, 'concern')}, last assessed {when}"
        )
        for c in (c for c in checks if c.kind == s.kind):
            print(f"  {(c.answer or '-'):<6} {c.item_id:<22} {c.text}{_stale_words(c, today)}")
            for line in c.note.splitlines():  # as typed; the core read it through clean_block
                print(f"{'':<32}{line}")
        if s.kind == "environment":
            print(f"  {_bar_line(the_bar)}")
    return 0


def run_check_answer(args: argparse.Namespace) -> int:
    with database(args) as db:
        c = selfcheck.answer_self_check(db, args.check_kind, args.item, args.answer, args.note)
    print(f"{c.kind} {c.item_id}: {c.answer}")
    return 0
